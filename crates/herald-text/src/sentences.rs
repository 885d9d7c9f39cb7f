//! Paragraph and sentence boundaries over a token sequence.

use crate::abbrev;
use crate::MAX_SENTENCE_TOKENS;
use herald_core::{Sentence, Span, Token, TokenKind};

/// What separates two neighbouring tokens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    Inline,
    LineBreak,
    BlankLine,
}

fn gap(text: &str, a: &Token, b: &Token) -> Gap {
    let between = &text[a.span.end..b.span.start];
    let newlines = between.bytes().filter(|&c| c == b'\n').count();
    match newlines {
        0 => Gap::Inline,
        1 => Gap::LineBreak,
        _ => Gap::BlankLine,
    }
}

fn is_closing(t: &Token) -> bool {
    matches!(t.norm.as_str(), "\"" | "'" | ")" | "]" | "}")
}

fn is_terminal(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "!" | "?" | "...")
}

fn starts_upper_or_opening(t: &Token, text: &str) -> bool {
    let c = t.span.slice(text).chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(t.norm.as_str(), "\"" | "'" | "(" | "[" | "-")
        || t.kind == TokenKind::Symbol
}

fn starts_lower(t: &Token, text: &str) -> bool {
    t.span
        .slice(text)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Paragraph spans and sentences (with token ranges) for the tokens of `text`.
pub fn split(text: &str, tokens: &[Token]) -> (Vec<Span>, Vec<Sentence>) {
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    if tokens.is_empty() {
        return (paragraphs, sentences);
    }
    let mut para_start = 0usize; // token index
    let mut sent_start = 0usize;
    let mut i = 0usize;
    let close_sentence = |sentences: &mut Vec<Sentence>, from: usize, to: usize, para: usize| {
        if from < to {
            sentences.push(Sentence {
                span: Span::new(tokens[from].span.start, tokens[to - 1].span.end),
                tokens: from..to,
                paragraph: para,
                syntax: None,
                country: None,
            });
        }
    };
    while i < tokens.len() {
        let t = &tokens[i];
        let mut end_here = false; // sentence ends after token i
        let next = tokens.get(i + 1);
        // Terminal punctuation, with the closing quotes and brackets that follow it.
        if is_terminal(t) {
            let mut j = i + 1;
            while j < tokens.len()
                && is_closing(&tokens[j])
                && gap(text, &tokens[j - 1], &tokens[j]) == Gap::Inline
                && tokens[j - 1].span.end == tokens[j].span.start
            {
                j += 1;
            }
            let follows = tokens.get(j);
            let boundary = match follows {
                None => true,
                Some(f) => {
                    gap(text, &tokens[j - 1], f) != Gap::Inline
                        || (starts_upper_or_opening(f, text) && !starts_lower(f, text))
                }
            };
            if boundary {
                i = j - 1;
                end_here = true;
            }
        } else if let Some(word) = t
            .span
            .slice(text)
            .strip_suffix('.')
            .filter(|_| t.kind == TokenKind::Word)
        {
            // An abbreviation that may also close its sentence ("… the U.S. The …").
            if abbrev::may_end_sentence(word) {
                if let Some(f) = next {
                    let fw = f.span.slice(text);
                    if gap(text, t, f) == Gap::Inline && abbrev::is_sentence_starter(fw) {
                        end_here = true;
                    }
                }
            }
        }
        let next = tokens.get(i + 1);
        let line_gap = next.map(|n| gap(text, &tokens[i], n));
        // Line breaks end sentences (headlines, captions, datelines on their own line)
        // unless the next line plainly continues the sentence.
        if let (Some(g), Some(n)) = (line_gap, next) {
            if g == Gap::BlankLine || (g == Gap::LineBreak && !starts_lower(n, text)) {
                end_here = true;
            }
        }
        if !end_here && i + 1 - sent_start >= MAX_SENTENCE_TOKENS {
            end_here = true;
        }
        let para_index = paragraphs.len();
        if end_here || i + 1 == tokens.len() {
            close_sentence(&mut sentences, sent_start, i + 1, para_index);
            sent_start = i + 1;
        }
        if line_gap == Some(Gap::BlankLine) || i + 1 == tokens.len() {
            paragraphs.push(Span::new(tokens[para_start].span.start, tokens[i].span.end));
            para_start = i + 1;
        }
        i += 1;
    }
    (paragraphs, sentences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        split(text, &toks)
            .1
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sents("Mr. Putin met Gen. Gerasimov. They spoke."),
            ["Mr. Putin met Gen. Gerasimov.", "They spoke."]
        );
        assert_eq!(
            sents("The U.N. Security Council met on Jan. 5 in St. Louis."),
            ["The U.N. Security Council met on Jan. 5 in St. Louis."]
        );
        assert_eq!(
            sents("Talks were held in the U.S. The next round is in May."),
            ["Talks were held in the U.S.", "The next round is in May."]
        );
    }

    #[test]
    fn initials_and_decimals() {
        assert_eq!(
            sents("George W. Bush spoke. Growth was 29.5 percent."),
            ["George W. Bush spoke.", "Growth was 29.5 percent."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("“Documents will be signed,” it added. “We agree.” Then he left."),
            [
                "“Documents will be signed,” it added.",
                "“We agree.”",
                "Then he left."
            ]
        );
        assert_eq!(
            sents("He said: \"No.\" She left."),
            ["He said: \"No.\"", "She left."]
        );
        assert_eq!(
            sents("“Will you go?” he asked. Yes."),
            ["“Will you go?” he asked.", "Yes."]
        );
    }

    #[test]
    fn headlines_and_captions_end_at_line_breaks() {
        let text = "China’s Xi to visit Russia, says Kremlin\n\nThe visit comes soon.\nLeaders meet [File: AP Photo]\nMore text here.";
        assert_eq!(
            sents(text),
            [
                "China’s Xi to visit Russia, says Kremlin",
                "The visit comes soon.",
                "Leaders meet [File: AP Photo]",
                "More text here."
            ]
        );
        let toks = tokenize(text);
        let (paras, ss) = split(text, &toks);
        assert_eq!(paras.len(), 2);
        assert_eq!(ss[0].paragraph, 0);
        assert_eq!(ss[3].paragraph, 1);
    }

    #[test]
    fn datelines_stay_with_the_first_sentence() {
        assert_eq!(
            sents("MOSCOW (Reuters) - Russia said on Friday it would respond. Talks continue."),
            [
                "MOSCOW (Reuters) - Russia said on Friday it would respond.",
                "Talks continue."
            ]
        );
    }

    #[test]
    fn wrapped_lines_continue_in_lower_case() {
        assert_eq!(
            sents("The minister said the talks\nwould resume. Then he left."),
            [
                "The minister said the talks\nwould resume.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn bracketed_insertions_do_not_split() {
        assert_eq!(
            sents("“I underscored the importance of [Ukrainian President Volodymyr Zelenskyy’s] Peace Formula,” wrote Kuleba."),
            ["“I underscored the importance of [Ukrainian President Volodymyr Zelenskyy’s] Peace Formula,” wrote Kuleba."]
        );
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "word ".repeat(600);
        let toks = tokenize(&text);
        let (_, ss) = split(&text, &toks);
        assert!(ss.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(ss.iter().map(|s| s.tokens.len()).sum::<usize>(), 600);
    }
}
