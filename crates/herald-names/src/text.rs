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

/// The actor mention overlapping `span`, if any (mentions are in text order).
pub(crate) fn mention_at(doc: &Document, span: herald_core::Span) -> Option<&herald_core::Mention> {
    let ms = &doc.mentions;
    let i = ms.partition_point(|m| m.span.start < span.end);
    // Mentions may nest, so look back a few for one that still overlaps.
    ms[..i].iter().rev().take(8).find(|m| m.span.overlaps(span))
}

/// A word list as a hash set, built once.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn contains(&self, w: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(w)
    }
}
