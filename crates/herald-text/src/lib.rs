//! herald's text stage: paragraphs, sentences and tokens with byte spans.
//!
//! The one entry point is [`segment`]. See the crate README for what it knows about news.

#![warn(missing_docs)]

mod abbrev;
pub mod normalize;
mod sentences;
mod tokenize;

use herald_core::Document;

pub use normalize::normalize;
pub use tokenize::tokenize;

const MONTHS: &[&str] = &[
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// Month names, full or abbreviated with or without a period ("JANUARY", "JAN", "JAN."),
/// normalised.
pub fn is_month_name(norm: &str) -> bool {
    const ABBREVIATED: &[&str] = &[
        "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
    ];
    MONTHS.contains(&norm) || ABBREVIATED.contains(&norm.strip_suffix('.').unwrap_or(norm))
}

/// Full month and weekday names (normalised, upper case): capitalised words that are never
/// names of people or places.
pub fn is_calendar_word(norm: &str) -> bool {
    const WEEKDAYS: &[&str] = &[
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
    ];
    MONTHS.contains(&norm) || WEEKDAYS.contains(&norm)
}

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
