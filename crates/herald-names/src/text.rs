//! Small token helpers shared by the name and place finders.

use herald_core::{Document, Token};
use rustc_hash::FxHashSet;

/// True when token `i` starts with an upper-case letter.
pub(crate) fn is_cap(doc: &Document, i: usize) -> bool {
    let s = doc.tokens[i].span;
    match doc.text.as_bytes().get(s.start) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => doc.text[s.start..s.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
        None => false,
    }
}

/// True when token `i` has letters and all of them are capitals ("MOSCOW", "U.S.").
pub(crate) fn is_upper_word(doc: &Document, i: usize) -> bool {
    let t = doc.slice(doc.tokens[i].span);
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

/// The normalised form of token `j`.
pub(crate) fn word(toks: &[Token], j: usize) -> &str {
    toks[j].norm.as_str()
}

/// Token indices that begin a sentence.
pub(crate) fn sentence_starts(doc: &Document) -> FxHashSet<usize> {
    doc.sentences.iter().map(|s| s.tokens.start).collect()
}
