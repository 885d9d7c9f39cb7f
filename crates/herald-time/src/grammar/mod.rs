//! The recogniser: a longest-match grammar over tokens.
//!
//! Each `core_*` function tries one family of constructions at a token index and returns
//! the end token and the normalised value. Modifiers that do not change a TimeML value
//! ("early", "late", "mid-", "the end of", "earlier") are consumed generically in front.
//!
//! This module holds the driver, the shared token tests and the number, unit and month
//! readers; the constructions live in submodules by what they recognise.

mod clock;
mod dates;
mod durations;
mod relative;

use crate::lexicon::{self, Unit};
use crate::token::{tokenize, Kind, Tok};
use crate::{Span, Tense, Timex};
use chrono::NaiveDate;

const DATE: &str = "DATE";
const TIME: &str = "TIME";
const DURATION: &str = "DURATION";
const SET: &str = "SET";

/// A match: tokens `[start, end)`, TimeML type and value.
struct Cand {
    end: usize,
    kind: &'static str,
    value: String,
    /// Set when the text names a quarter itself (not "a year ago"): context for later ones.
    names_quarter: bool,
}

fn cand(end: usize, kind: &'static str, value: String) -> Option<Cand> {
    Some(Cand {
        end,
        kind,
        value,
        names_quarter: false,
    })
}

struct Cx<'a> {
    text: &'a str,
    low: &'a str,
    toks: &'a [Tok],
    anchor: Option<NaiveDate>,
    tense_cb: &'a dyn Fn(Span) -> Option<Tense>,
    /// The last explicit quarter named in the document (year, quarter): earnings reports
    /// say "the quarter" or "a year ago" meaning that quarter or the same one a year before.
    last_quarter: Option<(i32, u32)>,
}

pub(crate) fn run(
    text: &str,
    anchor: Option<NaiveDate>,
    tense: &dyn Fn(Span) -> Option<Tense>,
) -> Vec<Timex> {
    let low = text.to_ascii_lowercase();
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    tokenize(text, &mut toks);
    let mut cx = Cx {
        text,
        low: &low,
        toks: &toks,
        anchor,
        tense_cb: tense,
        last_quarter: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match cx.best_at(i) {
            Some(c) if c.end > i => {
                let span = Span::new(toks[i].s, toks[c.end - 1].e);
                out.push(Timex {
                    text: text[span.start..span.end].to_string(),
                    span,
                    kind: c.kind.to_string(),
                    value: c.value,
                });
                i = c.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Modifiers that extend a span without changing the value.
const MODS: &[&[&str]] = &[
    &["the", "end", "of"],
    &["the", "beginning", "of"],
    &["the", "start", "of"],
    &["the", "middle", "of"],
    &["end", "of"],
    &["early"],
    &["late"],
    &["mid", "-"],
    &["mid"],
    &["earlier"],
    &["later"],
];

impl Cx<'_> {
    /// Lower-cased text of token `i`, or "" past the end.
    fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.low[t.s..t.e],
            None => "",
        }
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// True when token `i` touches the one before it (no space): "two-day", "Feb.".
    fn adj(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i].s == self.toks[i - 1].e
    }

    /// True when the token starts with an upper-case letter in the original text.
    fn cap(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .and_then(|t| self.text[t.s..].chars().next())
            .is_some_and(|c| c.is_uppercase())
    }

    /// Matches a sequence of lower-cased token texts at `i`; returns the index after it.
    fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        for (k, w) in words.iter().enumerate() {
            if self.w(i + k) != *w {
                return None;
            }
        }
        Some(i + words.len())
    }

    /// An apostrophe-s after token `i - 1` ("this year's"): returns the index after it.
    fn possessive(&self, i: usize) -> Option<usize> {
        if matches!(self.w(i), "'" | "’") && self.adj(i) && self.is(i + 1, "s") {
            Some(i + 2)
        } else {
            None
        }
    }

    fn tense(&self, i0: usize, i1: usize) -> Option<Tense> {
        let span = Span::new(self.toks[i0].s, self.toks[i1.max(i0 + 1) - 1].e);
        (self.tense_cb)(span).or_else(|| self.lexical_tense(i0, i1))
    }

    /// Tense cue of the clause around tokens `[i0, i1)`: the nearest cue to the left in the
    /// same sentence (English puts the governing verb first), else the nearest to the right.
    fn lexical_tense(&self, i0: usize, i1: usize) -> Option<Tense> {
        for d in 1..=40usize {
            if d > i0 || self.boundary_after(i0 - d) {
                break;
            }
            if let Some(t) = self.cue(i0 - d) {
                return Some(t);
            }
        }
        for k in i1..(i1 + 40).min(self.toks.len()) {
            if k > 0 && self.boundary_after(k - 1) {
                break;
            }
            if let Some(t) = self.cue(k) {
                return Some(t);
            }
        }
        None
    }

    /// True when a sentence ends at token `k` (so it is not part of what follows).
    fn boundary_after(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return true;
        };
        if let Some(n) = self.toks.get(k + 1) {
            if self.text[t.e..n.s].contains('\n') {
                return true;
            }
        }
        if t.kind != Kind::Punct {
            return false;
        }
        match self.w(k) {
            "!" | "?" | ";" => true,
            "." => {
                // "Mr." "Feb." "p.m." do not end a sentence.
                !(k > 0 && self.kind(k - 1) == Some(Kind::Word) && {
                    let p = self.w(k - 1);
                    p.len() == 1 || (p.len() <= 4 && self.cap(k - 1))
                })
            }
            _ => false,
        }
    }

    fn cue(&self, k: usize) -> Option<Tense> {
        if self.kind(k) != Some(Kind::Word) {
            return None;
        }
        let w = self.w(k);
        if w == "next" && self.is(k + 1, "to") {
            return None; // "next to the embassy"
        }
        if lexicon::future_cue(w)
            || (matches!(w, "going" | "set" | "plans" | "plan") && self.is(k + 1, "to"))
            || (w == "soon" && k > 0 && self.is(k - 1, "as"))
            || (w == "to" && self.is(k + 1, "be"))
        {
            Some(Tense::Future)
        } else if lexicon::past_cue(w)
            // A participle after "be"/"to" is passive or infinitival, not past: "will be named".
            && !(k > 0 && matches!(self.w(k - 1), "be" | "to" | "is" | "are"))
        {
            Some(Tense::Past)
        } else if lexicon::present_cue(w) {
            Some(Tense::Present)
        } else {
            None
        }
    }

    /// Cheap filter: only these first tokens can start an expression.
    fn can_start(&self, i: usize) -> bool {
        match self.toks[i].kind {
            Kind::Num => true,
            Kind::Punct => false,
            Kind::Word => {
                let w = self.w(i);
                lexicon::month(w).is_some()
                    || lexicon::weekday(w).is_some()
                    || lexicon::unit(w).is_some()
                    || lexicon::small_number(w).is_some()
                    || lexicon::ordinal(w).is_some()
                    || lexicon::season(w).is_some()
                    || lexicon::decade_word(w).is_some()
                    || matches!(
                        w,
                        "the"
                            | "a"
                            | "an"
                            | "this"
                            | "last"
                            | "next"
                            | "coming"
                            | "past"
                            | "early"
                            | "late"
                            | "mid"
                            | "earlier"
                            | "later"
                            | "end"
                            | "today"
                            | "tonight"
                            | "yesterday"
                            | "tomorrow"
                            | "now"
                            | "currently"
                            | "current"
                            | "recently"
                            | "recent"
                            | "previously"
                            | "formerly"
                            | "soon"
                            | "future"
                            | "these"
                            | "nowadays"
                            | "every"
                            | "each"
                            | "daily"
                            | "weekly"
                            | "monthly"
                            | "annually"
                            | "yearly"
                            | "hourly"
                            | "fiscal"
                            | "noon"
                            | "midnight"
                            | "more"
                            | "less"
                            | "fewer"
                            | "no"
                            | "nearly"
                            | "almost"
                            | "about"
                            | "around"
                            | "over"
                            | "at"
                            | "up"
                            | "roughly"
                            | "approximately"
                            | "several"
                            | "few"
                            | "couple"
                            | "its"
                            | "year"
                            | "christmas"
                            | "thanksgiving"
                            | "halloween"
                            | "election"
                            | "independence"
                            | "new"
                    )
            }
        }
    }

    /// The longest construction starting at token `i`.
    fn best_at(&mut self, i: usize) -> Option<Cand> {
        if !self.can_start(i) {
            return None;
        }
        let mut best: Option<Cand> = None;
        // Start positions: the token itself, then after each modifier that matches there.
        let mut starts = [i; MODS.len() + 1];
        let mut count = 1;
        let mods: &[&[&str]] = match self.w(i) {
            "the" | "end" | "early" | "late" | "mid" | "earlier" | "later" => MODS,
            _ => &[],
        };
        for m in mods {
            if let Some(j) = self.seq(i, m) {
                starts[count] = j;
                count += 1;
            }
        }
        for (n, &j) in starts[..count].iter().enumerate() {
            for c in [
                self.core_time(j),
                self.core_iso(j),
                self.core_month(j),
                self.core_day_month(j),
                self.core_weekday(j),
                self.core_year(j),
                self.core_quarter(j),
                self.core_rel(j),
                self.core_holiday(j),
                self.core_season(j),
                self.core_set(j),
                self.core_duration(j),
            ]
            .into_iter()
            .flatten()
            {
                // Modifiers only attach to dates and times, not durations or references.
                if n > 0 && (c.kind == DURATION || c.kind == SET || c.value.ends_with("_REF")) {
                    continue;
                }
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        }
        if let Some(b) = best.as_ref().filter(|b| b.names_quarter) {
            self.note_quarter(&b.value);
        }
        best
    }

    fn note_quarter(&mut self, v: &str) {
        if let Some((y, q)) = v.split_once("-Q") {
            if let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>()) {
                self.last_quarter = Some((y, q));
            }
        }
    }

    // ----- numbers and units -------------------------------------------------------------

    /// A plain integer token ("24", "1,000").
    fn int(&self, i: usize) -> Option<u32> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let w = self.w(i);
        if !w.bytes().all(|b| b.is_ascii_digit() || b == b',') {
            return None;
        }
        w.replace(',', "").parse().ok()
    }

    /// A count: digits, number words ("twenty four", "twenty-four"), "a", "a few",
    /// "several" (vague: `None`). Returns the index after it.
    fn number(&self, i: usize) -> Option<(usize, Option<u32>)> {
        if let Some(n) = self.int(i) {
            return Some((i + 1, Some(n)));
        }
        let w = self.w(i);
        match w {
            "a" | "an" => {
                if self.is(i + 1, "few") {
                    return Some((i + 2, None));
                }
                if self.is(i + 1, "couple") {
                    let k = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                    return Some((k, Some(2)));
                }
                if self.is(i + 1, "dozen") {
                    return Some((i + 2, Some(12)));
                }
                if self.is(i + 1, "hundred") {
                    return Some((i + 2, Some(100)));
                }
                return Some((i + 1, Some(1)));
            }
            "several" | "few" | "many" | "numerous" => return Some((i + 1, None)),
            _ => {}
        }
        let mut n = lexicon::small_number(w)?;
        let mut k = i + 1;
        if lexicon::tens(w).is_some() {
            // "twenty-four" / "twenty four"
            let (h, next) = if self.is(k, "-") && self.adj(k) {
                (true, k + 1)
            } else {
                (false, k)
            };
            if let Some(u) = lexicon::small_number(self.w(next)).filter(|u| *u < 10) {
                n += u;
                k = next + 1;
            } else if h {
                return Some((i + 1, Some(n)));
            }
        }
        if self.is(k, "hundred") {
            n *= 100;
            k += 1;
        }
        if self.is(k, "thousand") {
            n *= 1000;
            k += 1;
        }
        Some((k, Some(n)))
    }

    /// A unit word, allowing "trading days", "business days".
    fn unit(&self, i: usize) -> Option<(usize, Unit, bool)> {
        let i = if matches!(
            self.w(i),
            "trading" | "business" | "working" | "calendar" | "fiscal"
        ) {
            i + 1
        } else {
            i
        };
        lexicon::unit(self.w(i)).map(|(u, p)| (i + 1, u, p))
    }

    /// A four-digit year 1000–2099 that is not a quantity ("$2000", "2000 people").
    fn year(&self, i: usize) -> Option<i32> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let w = self.w(i);
        if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = w.parse().ok()?;
        if !(1000..=2099).contains(&y) {
            return None;
        }
        if i > 0 && matches!(self.w(i - 1), "$" | "€" | "£" | "#" | "no" | "number") {
            return None;
        }
        let next = self.w(i + 1);
        if matches!(
            next,
            "%" | "percent"
                | "per"
                | "million"
                | "billion"
                | "people"
                | "troops"
                | "soldiers"
                | "km"
                | "kilometers"
                | "kilometres"
                | "miles"
                | "meters"
                | "metres"
                | "feet"
                | "tons"
                | "tonnes"
                | "dollars"
                | "yuan"
                | "euros"
                | "members"
                | "workers"
                | "employees"
                | "jobs"
                | "cases"
                | "units"
                | "shares"
                | "points"
        ) {
            return None;
        }
        Some(y)
    }

    /// A day of the month: "24", "24th", "eighth".
    fn day_num(&self, i: usize) -> Option<u32> {
        let d = if self.kind(i) == Some(Kind::Num) {
            self.int(i).or_else(|| lexicon::ordinal(self.w(i)))?
        } else {
            lexicon::ordinal(self.w(i))?
        };
        // "10:30" and "3.5" are not days.
        if (1..=31).contains(&d) {
            Some(d)
        } else {
            None
        }
    }

    /// A month name at `i`: (month, index after it, including an abbreviation's period).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        if self.kind(i) != Some(Kind::Word) || !self.cap(i) {
            return None;
        }
        let w = self.w(i);
        let m = lexicon::month(w)?;
        let mut k = i + 1;
        if lexicon::month_is_abbrev(w) && self.is(k, ".") && self.adj(k) {
            k += 1;
        }
        Some((m, k))
    }

    /// "May" and "March" are also a verb/noun: accept them alone only after a preposition
    /// or modifier that introduces a date.
    fn month_alone_ok(&self, i: usize, m: u32) -> bool {
        let w = self.w(i);
        if !(w == "may" || w == "march" || lexicon::month_is_abbrev(w)) {
            return true;
        }
        if w != "may" && w != "march" && self.is(i + 1, ".") {
            return true;
        }
        let _ = m;
        i > 0
            && matches!(
                self.w(i - 1),
                "in" | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "early"
                    | "late"
                    | "mid"
                    | "-"
                    | "last"
                    | "next"
                    | "this"
                    | "of"
                    | "from"
                    | "during"
                    | "through"
                    | "before"
                    | "after"
                    | "and"
                    | "or"
                    | "to"
                    | "each"
                    | "every"
            )
    }
}
