//! Tokenizer: one pass over the characters, spans in bytes.

use crate::abbrev;
use crate::normalize::{normalize, push_normalized};
use herald_core::{Span, Token, TokenKind};

/// Clitics split off the end of a word the way Universal Dependencies does.
/// Checked longest first, against the normalised (straight-apostrophe, upper-case) form.
const CLITICS: &[&str] = &["N'T", "'S", "'VE", "'LL", "'RE", "'D", "'M"];

/// Split `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = next_char(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if let Some(end) = url_end(text, i) {
            push(&mut tokens, text, i, end, TokenKind::Word);
            i = end;
            continue;
        }
        if c.is_alphanumeric() {
            i = word(text, i, &mut tokens);
            continue;
        }
        // Runs of periods or hyphens are one token ("...", "--").
        if (c == '.' || c == '-') && bytes.get(i + 1) == Some(&(c as u8)) {
            let mut end = i;
            while bytes.get(end) == Some(&(c as u8)) {
                end += 1;
            }
            push(&mut tokens, text, i, end, TokenKind::Punct);
            i = end;
            continue;
        }
        let end = i + c.len_utf8();
        let kind = if is_symbol(c) {
            TokenKind::Symbol
        } else {
            TokenKind::Punct
        };
        push(&mut tokens, text, i, end, kind);
        i = end;
    }
    attach_space_after(text, &mut tokens);
    tokens
}

fn next_char(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .expect("i is a char boundary inside text")
}

fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₹'
            | '₽'
            | '%'
            | '&'
            | '@'
            | '#'
            | '+'
            | '='
            | '<'
            | '>'
            | '^'
            | '~'
            | '|'
            | '°'
            | '§'
            | '©'
            | '®'
            | '™'
            | '*'
            | '\\'
            | '/'
    ) || matches!(
        c,
        '\u{20A0}'..='\u{20CF}' // currency symbols block
    )
}

/// Recognise a URL starting at `i`, returning its end.
fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let starts = rest.starts_with("http://")
        || rest.starts_with("https://")
        || (rest.starts_with("www.") && rest.len() > 5);
    if !starts {
        return None;
    }
    let mut end = i + rest.find(char::is_whitespace).unwrap_or(rest.len());
    // Trailing punctuation belongs to the sentence, not the URL.
    while end > i {
        let last = text[..end].chars().next_back().unwrap();
        if matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '\u{201D}' | '\u{2019}'
        ) {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    (end > i + 4).then_some(end)
}

/// Scan a word or number starting at `start`; push one or more tokens; return the end.
fn word(text: &str, start: usize, tokens: &mut Vec<Token>) -> usize {
    let mut end = start;
    let mut has_inner_period = false;
    let mut chars = text[start..].char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((off, c)) = chars.next() {
        let pos = start + off;
        let next = chars.peek().map(|&(_, n)| n);
        let joins = if c.is_alphanumeric() || is_combining(c) {
            true
        } else {
            match (prev, next) {
                (Some(p), Some(n)) => joiner(c, p, n),
                _ => false,
            }
        };
        if !joins {
            break;
        }
        if c == '.' {
            has_inner_period = true;
        }
        end = pos + c.len_utf8();
        prev = Some(c);
    }
    let body = &text[start..end];
    // A final period belongs to abbreviations, initials and dotted acronyms.
    if text[end..].starts_with('.') {
        let single_upper = {
            let mut cs = body.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
        };
        let dotted = has_inner_period && body.chars().any(char::is_alphabetic);
        let abbreviation = if body.eq_ignore_ascii_case("no") || body.eq_ignore_ascii_case("nos") {
            // "No. 10", but "He said no."
            text[end + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        } else {
            abbrev::is_abbreviation(body)
        };
        if single_upper || dotted || abbreviation {
            end += 1;
            push(tokens, text, start, end, TokenKind::Word);
            return end;
        }
    }
    split_clitic(text, start, end, tokens);
    end
}

/// Characters that join two alphanumeric runs into one token.
fn joiner(c: char, prev: char, next: char) -> bool {
    match c {
        // two-day, 12-point, year-old, Al-Shabaab
        '-' | '\u{2010}' | '\u{2011}' => prev.is_alphanumeric() && next.is_alphanumeric(),
        // O'Brien, China's (split later), Qur'an
        '\'' | '\u{2019}' => prev.is_alphabetic() && next.is_alphabetic(),
        // U.S, 29.5, e.g
        '.' => {
            (prev.is_ascii_digit() && next.is_ascii_digit())
                || (prev.is_alphabetic() && next.is_alphabetic() && next.is_uppercase())
                || (prev.is_lowercase() && next.is_lowercase())
        }
        // 1,200
        ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        // AT&T, 24/7
        '&' => prev.is_uppercase() && next.is_uppercase(),
        '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Push `text[start..end]`, splitting off a trailing clitic ('s, n't, 've…).
fn split_clitic(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let body = &text[start..end];
    // Numbers start with a digit: 29.5, 1,200, 190bn, 12-point.
    let kind = if body.starts_with(|c: char| c.is_ascii_digit()) {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    if kind == TokenKind::Word {
        let norm = normalize(body);
        for clitic in CLITICS {
            if norm.len() > clitic.len() && norm.ends_with(clitic) {
                // Find the byte where the clitic starts in the original text: walk back
                // the same number of characters (normalisation keeps these 1:1).
                let n_chars = clitic.chars().count();
                let split = body
                    .char_indices()
                    .rev()
                    .nth(n_chars - 1)
                    .map(|(o, _)| start + o)
                    .unwrap_or(start);
                if split > start {
                    push(tokens, text, start, split, TokenKind::Word);
                    push(tokens, text, split, end, TokenKind::Word);
                    return;
                }
            }
        }
    }
    push(tokens, text, start, end, kind);
}

fn push(tokens: &mut Vec<Token>, text: &str, start: usize, end: usize, kind: TokenKind) {
    let mut norm = String::with_capacity(end - start);
    for c in text[start..end].chars() {
        push_normalized(c, &mut norm);
    }
    tokens.push(Token {
        span: Span::new(start, end),
        norm,
        kind,
        space_after: false,
    });
}

fn attach_space_after(text: &str, tokens: &mut [Token]) {
    for t in tokens.iter_mut() {
        t.space_after = text[t.span.end..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| t.span.slice(text))
            .collect::<Vec<_>>()
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        assert_eq!(
            words("Mr. Smith met Gen. J. Doe in the U.S. on Jan. 5."),
            [
                "Mr.", "Smith", "met", "Gen.", "J.", "Doe", "in", "the", "U.S.", "on", "Jan.", "5",
                "."
            ]
        );
        assert_eq!(
            words("the U.N. Security Council"),
            ["the", "U.N.", "Security", "Council"]
        );
        assert_eq!(words("St. Petersburg"), ["St.", "Petersburg"]);
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(
            words("It rose 29.5% to $190bn, or 1,200 units."),
            ["It", "rose", "29.5", "%", "to", "$", "190bn", ",", "or", "1,200", "units", "."]
        );
        let toks = tokenize("$190bn");
        assert_eq!(toks[0].kind, TokenKind::Symbol);
        assert_eq!(toks[1].kind, TokenKind::Number);
    }

    #[test]
    fn possessives_and_contractions_split_like_ud() {
        assert_eq!(words("China’s"), ["China", "’s"]);
        assert_eq!(words("China's"), ["China", "'s"]);
        assert_eq!(words("we’ve seen"), ["we", "’ve", "seen"]);
        assert_eq!(words("can not, don't"), ["can", "not", ",", "do", "n't"]);
        assert_eq!(words("O'Brien"), ["O'Brien"]);
        assert_eq!(
            words("the countries' ties"),
            ["the", "countries", "'", "ties"]
        );
    }

    #[test]
    fn hyphens_join_and_dashes_split() {
        assert_eq!(words("a two-day trip"), ["a", "two-day", "trip"]);
        assert_eq!(words("12-point plan"), ["12-point", "plan"]);
        assert_eq!(words("Moscow—Kyiv"), ["Moscow", "—", "Kyiv"]);
        assert_eq!(words("wait -- now..."), ["wait", "--", "now", "..."]);
    }

    #[test]
    fn quotes_and_brackets_are_tokens() {
        assert_eq!(
            words("“[This trip is] peace.”"),
            ["“", "[", "This", "trip", "is", "]", "peace", ".", "”"]
        );
        let t = tokenize("“no limits”");
        assert_eq!(t[0].norm, "\"");
        assert_eq!(t[1].norm, "NO");
    }

    #[test]
    fn urls_stay_whole() {
        assert_eq!(
            words("See https://example.org/a?b=1. Then"),
            ["See", "https://example.org/a?b=1", ".", "Then"]
        );
    }

    #[test]
    fn lowercase_dotted() {
        assert_eq!(words("at 3 p.m. today"), ["at", "3", "p.m.", "today"]);
    }
}
