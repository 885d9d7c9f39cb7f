//! BERT's uncased WordPiece tokenizer, as the encoder's `tokenizer.json` describes it:
//! clean and lowercase the text, strip accents, split on whitespace and punctuation, then
//! cut each word into the longest vocabulary pieces ("##" marks a continuation).

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Longest word cut into pieces; longer words are unknown.
const MAX_WORD_CHARS: usize = 100;

/// A WordPiece vocabulary.
#[derive(Clone, Debug)]
pub struct WordPiece {
    ids: HashMap<String, u32>,
    unk: u32,
}

impl WordPiece {
    /// A tokenizer over `vocab` (id = position); `[UNK]` must be in it.
    pub fn new(vocab: &[String]) -> Option<WordPiece> {
        let ids: HashMap<String, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        let unk = *ids.get("[UNK]")?;
        Some(WordPiece { ids, unk })
    }

    /// The id of a vocabulary entry.
    pub fn id(&self, piece: &str) -> Option<u32> {
        self.ids.get(piece).copied()
    }

    /// The piece ids of `text`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for word in words(text) {
            self.pieces(&word, &mut out);
        }
        out
    }

    fn pieces(&self, word: &str, out: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let start_len = out.len();
        let mut start = 0;
        let mut key = String::with_capacity(word.len() + 2);
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                key.clear();
                if start > 0 {
                    key.push_str("##");
                }
                key.push_str(&word[start..end]);
                if let Some(&id) = self.ids.get(key.as_str()) {
                    found = Some(id);
                    break;
                }
                // Step back one character, not one byte.
                end = word[..end]
                    .char_indices()
                    .next_back()
                    .map_or(start, |(i, _)| i);
            }
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(start_len);
                    out.push(self.unk);
                    return;
                }
            }
        }
    }
}

/// BERT's basic tokenisation: cleaned, lowercased, accent-free words and punctuation.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            flush(&mut cur, &mut out);
        } else if is_punct(c) || is_cjk(c) {
            flush(&mut cur, &mut out);
            out.push(c.to_string());
        } else {
            for l in c.to_lowercase() {
                // Strip accents: decompose and drop the combining marks.
                for d in std::iter::once(l).nfd() {
                    if !is_mark(d) {
                        cur.push(d);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control() && !is_mark(c))
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> WordPiece {
        let v: Vec<String> = [
            "[PAD]", "[UNK]", "the", "minister", "visit", "##ed", "cafe", ",", "un", "##able",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        WordPiece::new(&v).unwrap()
    }

    #[test]
    fn cuts_words_into_longest_pieces_lowercased_without_accents() {
        let wp = vocab();
        assert_eq!(
            wp.encode("The Minister visited, Café"),
            vec![2, 3, 4, 5, 7, 6]
        );
        assert_eq!(wp.encode("unable"), vec![8, 9]);
        // A word with no cut into known pieces is one unknown.
        assert_eq!(wp.encode("visitxyz"), vec![1]);
    }
}
