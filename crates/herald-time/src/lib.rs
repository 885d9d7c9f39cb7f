//! Time expressions in news: find dates, times, durations and sets, and normalise them to
//! TimeML values against the publication date.
//!
//! One pass over a token stream made by a hand-written scanner; at each token a small
//! hand-written grammar tries every construction and keeps the longest match. Relative
//! expressions ("on Thursday", "Feb. 24") are resolved with the tense of the clause: a lexical
//! heuristic by default ([`extract`]), or a tense supplied by a parser ([`extract_with`]).

#![warn(missing_docs)]

pub mod eval;
mod grammar;
mod lexicon;
mod resolve;
mod token;

pub use herald_core::{Span, Timex};

use chrono::NaiveDate;

/// Tense of the verb that governs a time expression; decides whether "Thursday" or
/// "February 24" is the last or the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// The event has happened.
    Past,
    /// Now, or (for weekdays in news) an announced event that is about to happen.
    Present,
    /// The event will happen.
    Future,
}

/// Finds and normalises every time expression in `text`.
///
/// `anchor` is the publication date; without it, relative expressions get underspecified
/// values (`XXXX-WXX-4`, `XXXX-02-24`). Tense comes from a lexical heuristic over the
/// sentence (will/'ll/next/due → future, said/-ed/ago → past; nearest cue wins).
pub fn extract(text: &str, anchor: Option<NaiveDate>) -> Vec<Timex> {
    extract_with(text, anchor, &|_| None)
}

/// As [`extract`], but asks `tense` first for the tense of the verb governing each
/// expression (given the expression's byte span); when it answers `None` the lexical
/// heuristic decides.
pub fn extract_with(
    text: &str,
    anchor: Option<NaiveDate>,
    tense: &dyn Fn(Span) -> Option<Tense>,
) -> Vec<Timex> {
    grammar::run(text, anchor, tense)
}

/// Parses a publication date given as `YYYY-MM-DD`, allowing a trailing time
/// (`1998-01-08T10:00`), as found in corpora.
pub fn parse_anchor(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}
