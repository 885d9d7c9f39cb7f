//! herald's text stage: paragraphs, sentences and tokens with byte spans.
//!
//! The one entry point is [`segment`]. See the crate README for what it knows about news.

#![warn(missing_docs)]

mod abbrev;
pub mod normalize;
mod sentences;
mod tokenize;
pub mod words;

use herald_core::Document;

pub use normalize::normalize;
pub use tokenize::tokenize;
pub use words::{is_calendar_word, is_month_name};

/// The longest sentence herald hands to later stages, in tokens. Longer runs (tables,
/// lists, text without punctuation) are cut so that no stage sees unbounded input.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Fill `doc.paragraphs`, `doc.sentences` and `doc.tokens` from `doc.text`.
///
/// Earlier contents of those layers are replaced.
pub fn segment(doc: &mut Document) {
    let tokens = tokenize::tokenize(&doc.text);
    let (paragraphs, sentences) = sentences::split(&doc.text, &tokens);
    doc.tokens = tokens;
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
}
