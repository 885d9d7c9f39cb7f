//! The recogniser: a longest-match grammar over tokens.
//!
//! Each `core_*` function tries one family of constructions at a token index and returns
//! the end token and the normalised value. Modifiers that do not change a TimeML value
//! ("early", "late", "mid-", "the end of", "earlier") are consumed generically in front.

use crate::lexicon::{self, Unit};
use crate::resolve as r;
use crate::token::{tokenize, Kind, Tok};
use crate::{Span, Tense, Timex};
use chrono::{Datelike, NaiveDate};

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

    // ----- constructions ------------------------------------------------------------------

    /// 2023-03-17 and 3/17/2023.
    fn core_iso(&self, j: usize) -> Option<Cand> {
        let (a, b, c) = (self.int(j)?, self.int(j + 2), self.int(j + 4));
        let sep = self.w(j + 1);
        if !(sep == "-" || sep == "/") || self.w(j + 3) != sep || !(1..=4).all(|k| self.adj(j + k))
        {
            return None;
        }
        let (b, c) = (b?, c?);
        let wj = self.w(j);
        let date = if sep == "-" && wj.len() == 4 {
            NaiveDate::from_ymd_opt(a as i32, b, c)
        } else if sep == "/" && self.w(j + 4).len() == 4 {
            NaiveDate::from_ymd_opt(c as i32, a, b)
        } else {
            None
        }?;
        cand(j + 5, DATE, r::day(date))
    }

    /// "February 24", "Feb. 24, 2022", "February 2022", "February", "January this year".
    fn core_month(&self, j: usize) -> Option<Cand> {
        let (m, k) = self.month_at(j)?;
        if let Some(d) = self.day_num(k) {
            // The day must not really be a year or a count ("March 2022" is handled below).
            let mut e = k + 1;
            let mut y = None;
            let c = if self.is(e, ",") { e + 1 } else { e };
            if let Some(yy) = self.year(c) {
                y = Some(yy);
                e = c + 1;
            }
            let value = match y {
                Some(y) => r::day(NaiveDate::from_ymd_opt(y, m, d)?),
                None => r::month_day(self.anchor, m, d, self.tense(j, e)),
            };
            return cand(e, DATE, value);
        }
        let c = if self.is(k, ",") || self.is(k, "of") {
            k + 1
        } else {
            k
        };
        if let Some(y) = self.year(c) {
            return cand(c + 1, DATE, r::month(y, m));
        }
        // "January nineteen ninety-seven"
        if matches!(self.w(c), "nineteen" | "two") {
            if let Some(y) = self.core_year(c).filter(|y| y.value.len() == 4) {
                return cand(y.end, DATE, format!("{}-{m:02}", y.value));
            }
        }
        if !self.month_alone_ok(j, m) {
            return None;
        }
        for (words, n) in [
            (["this", "year"], 0),
            (["last", "year"], -1),
            (["next", "year"], 1),
        ] {
            if let Some(e) = self.seq(k, &words) {
                let y = self.anchor.map(|a| a.year() + n);
                return cand(
                    e,
                    DATE,
                    y.map_or(format!("XXXX-{m:02}"), |y| r::month(y, m)),
                );
            }
        }
        cand(k, DATE, r::month_alone(self.anchor, m, self.tense(j, k)))
    }

    /// "24 February 2022", "the 24th of February".
    fn core_day_month(&self, j: usize) -> Option<Cand> {
        let s = if self.is(j, "the") { j + 1 } else { j };
        let d = self.day_num(s)?;
        let k = if self.is(s + 1, "of") { s + 2 } else { s + 1 };
        let (m, k) = self.month_at(k)?;
        if s > j && k == s + 2 {
            return None; // "the 24 February" is not a construction
        }
        let c = if self.is(k, ",") { k + 1 } else { k };
        if let Some(y) = self.year(c) {
            return cand(c + 1, DATE, r::day(NaiveDate::from_ymd_opt(y, m, d)?));
        }
        cand(k, DATE, r::month_day(self.anchor, m, d, self.tense(j, k)))
    }

    /// "Thursday", "last Friday", "Saturday night", "Saturday, April 15", "Fridays".
    fn core_weekday(&self, j: usize) -> Option<Cand> {
        let (rel, k) = if let Some(k) = self.seq(j, &["this", "coming"]) {
            (1, k)
        } else {
            match self.w(j) {
                "last" | "past" => (-1, j + 1),
                "next" | "coming" => (1, j + 1),
                "this" => (0, j + 1),
                _ => (2, j),
            }
        };
        let (wd, mut plural) = lexicon::weekday(self.w(k))?;
        let mut e = k + 1;
        let pod = lexicon::part_of_day(self.w(e).trim_end_matches('s'));
        if pod.is_some() {
            // "Tuesday nights" is a recurrence like "Tuesdays".
            plural |= self.w(e).ends_with('s');
            e += 1;
        }
        if plural {
            let v = format!(
                "XXXX-WXX-{wd}{}",
                pod.map(|p| format!("T{p}")).unwrap_or_default()
            );
            return cand(e, SET, v);
        }
        // "Saturday, April 15": the explicit date wins.
        let c = if self.is(e, ",") { e + 1 } else { e };
        if pod.is_none() {
            if let Some(md) = self.core_month(c).filter(|x| x.value.len() == 10) {
                return Some(md);
            }
        }
        let rel = if rel == 2 { 0 } else { rel };
        // "Friday's close", "Wednesday's ruling": a reported, finished event.
        let tense = if self.possessive(e).is_some() {
            Some(Tense::Past)
        } else {
            self.tense(j, e)
        };
        let date = r::weekday(self.anchor, wd, rel, tense);
        match pod {
            // TimeBank keeps "Thursday morning" a date but "Saturday night" a time.
            Some(p) if p == "NI" || p == "EV" => cand(e, TIME, format!("{date}T{p}")),
            _ => cand(e, DATE, date),
        }
    }

    /// Years, decades and centuries: "2022", "fiscal 1990", "the 1990s", "the nineties",
    /// "nineteen ninety-six", "the 20th century".
    fn core_year(&self, j: usize) -> Option<Cand> {
        // Decades and centuries may take "the" and a modifier inside it: "the late 1990s".
        let mut k = j;
        let the = self.is(k, "the");
        if the {
            k += 1;
            if matches!(self.w(k), "early" | "late" | "mid") {
                k += 1;
                if self.is(k, "-") {
                    k += 1;
                }
            }
        }
        if self.kind(k) == Some(Kind::Num) {
            let w = self.w(k);
            if let Some(ds) = w.strip_suffix('s') {
                if ds.len() == 4 && ds.ends_with('0') && ds.bytes().all(|b| b.is_ascii_digit()) {
                    let v = if the {
                        ds[..3].to_string()
                    } else {
                        format!("{}X", &ds[..3])
                    };
                    return cand(k + 1, DATE, v);
                }
            }
        }
        if let Some(dw) = lexicon::decade_word(self.w(k)) {
            if the {
                return cand(k + 1, DATE, format!("19{dw}"));
            }
        }
        if the || k == j {
            let (c, n) = if let Some(o) = lexicon::ordinal(self.w(k)) {
                (k + 1, o)
            } else {
                (k, 0)
            };
            if n > 0 && self.is(c, "century") {
                return cand(c + 1, DATE, format!("{:02}", n - 1));
            }
        }
        if the && k == j + 1 && !self.is(k, "year") {
            return None;
        }
        // Plain years, with "fiscal", "fiscal year", "the year".
        let mut k = j;
        if let Some(e) = self.seq(k, &["the", "year"]) {
            k = e;
        } else if self.is(k, "fiscal") {
            k += 1;
            if self.is(k, "year") {
                k += 1;
            }
        }
        if let Some(y) = self.year(k) {
            return cand(k + 1, DATE, format!("{y:04}"));
        }
        // Spoken years: "nineteen ninety-six", "two thousand".
        let w = self.w(k);
        if matches!(w, "nineteen" | "eighteen") {
            let century = if w == "nineteen" { 1900 } else { 1800 };
            let (e, n) = self.number(k + 1)?;
            let n = n?;
            if (10..100).contains(&n) && lexicon::tens(self.w(k + 1)).is_some() {
                return cand(e, DATE, format!("{}", century + n));
            }
        }
        if w == "two" && self.is(k + 1, "thousand") && self.unit(k + 2).is_none() {
            let mut e = k + 2;
            let mut y = 2000;
            let a = if self.is(e, "and") { e + 1 } else { e };
            if let Some(u) = lexicon::small_number(self.w(a)).filter(|u| *u < 20) {
                y += u;
                e = a + 1;
            }
            return cand(e, DATE, format!("{y}"));
        }
        None
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 1989",
    /// "this year's third quarter", "the 1988 second quarter", "the latest quarter",
    /// "the year-ago quarter", "the first half".
    fn core_quarter(&self, j: usize) -> Option<Cand> {
        let mut k = j;
        let mut year: Option<i32> = None;
        let mut year_ago = false;
        let mut latest = false;
        let mut current = false;
        if matches!(self.w(k), "the" | "its" | "a") {
            k += 1;
        }
        loop {
            match self.w(k) {
                "comparable" | "same" | "flat" | "fiscal" | "corresponding" => k += 1,
                "latest" | "recent" | "most" | "just" | "ended" => {
                    latest = true;
                    k += 1
                }
                "current" => {
                    current = true;
                    k += 1
                }
                _ => break,
            }
        }
        for (w, n) in [("this", 0), ("last", -1), ("next", 1)] {
            if self.is(k, w) && self.is(k + 1, "year") {
                if let Some(e) = self.possessive(k + 2) {
                    year = self.anchor.map(|a| a.year() + n);
                    k = e;
                }
            }
        }
        if let Some(y) = self.year(k) {
            year = Some(y);
            k += 1;
        }
        if self.is(k, "year") && self.is(k + 1, "-") && matches!(self.w(k + 2), "ago" | "earlier") {
            year_ago = true;
            k += 3;
        }
        if self.is(k, "fiscal") {
            k += 1;
            if self.is(k, "-") {
                k += 1;
            }
        }
        let ord = lexicon::ordinal(self.w(k)).filter(|o| (1..=4).contains(o));
        let mut e = k;
        if ord.is_some() {
            e += 1;
            if self.is(e, "-") {
                e += 1;
            }
        }
        let half = self.is(e, "half");
        let period = self.is(e, "period") && (year_ago || latest || year.is_some());
        if !(self.is(e, "quarter") || half || period) {
            if year_ago && ord.is_none() {
                // "the year-earlier" / "year-ago" alone.
                return cand(k, DATE, self.year_ago_value());
            }
            return None;
        }
        if half && ord.is_none_or(|o| o > 2) {
            return None;
        }
        e += 1;
        // "of 1989" / "1989"
        let c = if self.is(e, "of") { e + 1 } else { e };
        if let Some(y) = self.year(c) {
            year = Some(y);
            e = c + 1;
        }
        // A bare "quarter" with nothing in front is not a date ("a quarter of the vote").
        if ord.is_none() && k == j && !year_ago {
            return None;
        }
        if self.w(j) == "a" && ord.is_none() {
            return None;
        }
        if half {
            let y = year.or(self.anchor.map(|a| a.year()));
            let h = ord.unwrap_or(1);
            return cand(
                e,
                DATE,
                y.map_or(format!("XXXX-H{h}"), |y| format!("{y:04}-H{h}")),
            );
        }
        if year_ago {
            let v = match ord {
                Some(q) => {
                    let y = year.or(self.anchor.map(|a| a.year()));
                    y.map_or(format!("XXXX-Q{q}"), |y| format!("{:04}-Q{q}", y - 1))
                }
                None => self.year_ago_value(),
            };
            return cand(e, DATE, v);
        }
        let v = match (ord, year) {
            (Some(q), Some(y)) => {
                let mut c = cand(e, DATE, format!("{y:04}-Q{q}"))?;
                c.names_quarter = true;
                return Some(c);
            }
            (Some(q), None) => match self.anchor {
                Some(a) => {
                    let cur = r::quarter_of(a);
                    // A quarter two or more ahead of the current one is last year's.
                    let y = if q >= cur + 2 { a.year() - 1 } else { a.year() };
                    let mut c = cand(e, DATE, format!("{y:04}-Q{q}"))?;
                    c.names_quarter = true;
                    return Some(c);
                }
                None => format!("XXXX-Q{q}"),
            },
            (None, _) if current => r::unit_rel(self.anchor, Unit::Quarter, 0),
            // "the 1988 quarter": the quarter under discussion, in that year.
            (None, Some(y)) => {
                let q = match (self.last_quarter, self.anchor) {
                    (Some((_, q)), _) => q,
                    (None, Some(a)) => (r::quarter_of(a) + 2) % 4 + 1,
                    (None, None) => return cand(e, DATE, format!("{y:04}-QX")),
                };
                format!("{y:04}-Q{q}")
            }
            (None, _) => {
                let done = r::unit_rel(self.anchor, Unit::Quarter, -1);
                match self.last_quarter {
                    // "the latest quarter" has ended: not a quarter still to come.
                    Some((y, q)) if latest && format!("{y:04}-Q{q}") > done => done,
                    Some((y, q)) => format!("{y:04}-Q{q}"),
                    None => done,
                }
            }
        };
        cand(e, DATE, v)
    }

    /// The period a year before the one under discussion: the last quarter named, or the
    /// year before the anchor.
    fn year_ago_value(&self) -> String {
        match (self.last_quarter, self.anchor) {
            (Some((y, q)), _) => format!("{:04}-Q{q}", y - 1),
            (None, Some(a)) => format!("{:04}", a.year() - 1),
            (None, None) => "XXXX".into(),
        }
    }

    /// Deictic words: today, yesterday, tonight, now, recently, this/last/next week…
    fn core_rel(&self, j: usize) -> Option<Cand> {
        let a = self.anchor;
        let day_or = |n: i64| a.map_or("XXXX-XX-XX".to_string(), |a| r::day(r::add_days(a, n)));
        let w = self.w(j);
        match w {
            "today" | "yesterday" | "tomorrow" | "tonight" => {
                let n = match w {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                if w == "tonight" {
                    return cand(j + 1, TIME, format!("{}TNI", day_or(0)));
                }
                if let Some(p) = lexicon::part_of_day(self.w(j + 1)) {
                    return cand(j + 2, TIME, format!("{}T{p}", day_or(n)));
                }
                return cand(j + 1, DATE, day_or(n));
            }
            "now" | "currently" | "nowadays" => return cand(j + 1, DATE, "PRESENT_REF".into()),
            "current" => {
                if self.unit(j + 1).is_some() || self.is(j + 1, "fiscal") {
                    return None; // "current quarter/year": handled by the unit forms
                }
                return cand(j + 1, DATE, "PRESENT_REF".into());
            }
            "these" if self.is(j + 1, "days") => return cand(j + 2, DATE, "PRESENT_REF".into()),
            "recently" => return cand(j + 1, DATE, "PAST_REF".into()),
            "recent" => {
                // "recent weeks" is a vague duration; "recent" alone is an adjective.
                let (e, u, _) = self.unit(j + 1).filter(|u| u.2)?;
                return cand(e, DURATION, r::duration(None, u));
            }
            "future" | "coming" => {
                // Bare "future" is mostly an adjective ("future talks"): only with a unit.
                let e = match self.unit(j + 1) {
                    Some((e, _, true)) => e,
                    _ => return self.core_this_last_next(j),
                };
                return cand(e, DATE, "FUTURE_REF".into());
            }
            "the" => {
                if let Some(e) = self
                    .seq(j, &["the", "future"])
                    .or_else(|| self.seq(j, &["the", "near", "future"]))
                    .or_else(|| self.seq(j, &["the", "near", "term"]))
                    .or_else(|| self.seq(j, &["the", "short", "term"]))
                {
                    return cand(e, DATE, "FUTURE_REF".into());
                }
                if let Some(e) = self.seq(j, &["the", "past"]) {
                    // "the past two years" is a duration, handled there.
                    if self.number(e).is_none() && self.unit(e).is_none() {
                        return cand(e, DATE, "PAST_REF".into());
                    }
                }
                // "the end of the year", "earlier in the year": this year.
                if let Some(e) = self.seq(j, &["the", "year"]) {
                    if j > 0
                        && matches!(self.w(j - 1), "of" | "in")
                        && !self.is(e, "-")
                        && self.year(e).is_none()
                    {
                        return cand(e, DATE, r::unit_rel(a, Unit::Year, 0));
                    }
                }
                // "the past year" names last year in TimeBank.
                if let Some(e) = self
                    .seq(j, &["the", "past", "year"])
                    .or_else(|| self.seq(j, &["the", "last", "year"]))
                {
                    if !self.is(e, "-") && self.possessive(e).is_none() {
                        return cand(e, DATE, r::unit_rel(a, Unit::Year, -1));
                    }
                }
                if let Some(e) = self.seq(j, &["the", "week", "of"]) {
                    let d = self.core_month(e).filter(|d| d.value.len() == 10)?;
                    let date = NaiveDate::parse_from_str(&d.value, "%Y-%m-%d").ok()?;
                    return cand(d.end, DATE, r::week(date));
                }
                if let Some(e) = self.seq(j, &["the", "weekend"]) {
                    return cand(e, DATE, r::weekend_rel(a, 0, self.tense(j, e)));
                }
                if let Some(e) = self.seq(j, &["the", "coming"]) {
                    if let Some((e, _, true)) = self.unit(e) {
                        return cand(e, DATE, "FUTURE_REF".into());
                    }
                }
                return None;
            }
            _ => {}
        }
        self.core_this_last_next(j)
    }

    /// "this/last/next/coming week|month|year|quarter|weekend|decade|season|<month>",
    /// "this morning", "last night", "this past spring".
    fn core_this_last_next(&self, j: usize) -> Option<Cand> {
        let a = self.anchor;
        let (rel, k) = if let Some(k) = self.seq(j, &["this", "past"]) {
            (-1, k)
        } else {
            match self.w(j) {
                "this" | "current" => (0, j + 1),
                "last" | "past" | "previous" => (-1, j + 1),
                "next" | "coming" => (1, j + 1),
                _ => return None,
            }
        };
        let w = self.w(k);
        if let Some(p) = lexicon::part_of_day(w) {
            if rel == 0 || (rel == -1 && p == "NI") {
                let d = a.map_or("XXXX-XX-XX".to_string(), |a| {
                    r::day(r::add_days(a, rel as i64))
                });
                return cand(k + 1, TIME, format!("{d}T{p}"));
            }
            return None;
        }
        if w == "weekend" {
            return cand(k + 1, DATE, r::weekend_rel(a, rel, None));
        }
        if let Some(code) = lexicon::season(w) {
            return cand(k + 1, DATE, r::season_rel(a, code, rel, None));
        }
        if let Some(m) = lexicon::month(w) {
            if self.cap(k) {
                // "last Oct. 23": a full date, the last one before the anchor.
                if let Some((_, mk)) = self.month_at(k) {
                    if let Some(d) = self.day_num(mk) {
                        let t = if rel < 0 { Tense::Past } else { Tense::Future };
                        return cand(mk + 1, DATE, r::month_day(a, m, d, Some(t)));
                    }
                }
                return cand(k + 1, DATE, r::month_rel(a, m, rel));
            }
        }
        // "the past year" is a duration; "past year" alone reads as last year.
        let k2 = if self.is(k, "fiscal") { k + 1 } else { k };
        match lexicon::unit(self.w(k2)) {
            Some((u, false))
                if matches!(
                    u,
                    Unit::Week
                        | Unit::Month
                        | Unit::Year
                        | Unit::Quarter
                        | Unit::Decade
                        | Unit::Century
                ) =>
            {
                if self.w(j) == "past" && j > 0 && self.is(j - 1, "the") {
                    return None;
                }
                cand(k2 + 1, DATE, r::unit_rel(a, u, rel))
            }
            _ => None,
        }
    }

    /// Fixed and computed holidays of US/European news: "Thanksgiving Day", "Christmas".
    fn core_holiday(&self, j: usize) -> Option<Cand> {
        if !self.cap(j) {
            return None;
        }
        let (name, e) = match self.w(j) {
            "christmas" => match self.w(j + 1) {
                "eve" => ("christmas eve", j + 2),
                "day" => ("christmas", j + 2),
                _ => ("christmas", j + 1),
            },
            "thanksgiving" => (
                "thanksgiving",
                if self.is(j + 1, "day") { j + 2 } else { j + 1 },
            ),
            "halloween" => ("halloween", j + 1),
            "election" if self.is(j + 1, "day") && self.cap(j + 1) => ("election", j + 2),
            "independence" if self.is(j + 1, "day") && self.cap(j + 1) => ("independence", j + 2),
            "new" if self.is(j + 1, "year") => {
                let k = self.possessive(j + 2)?;
                match self.w(k) {
                    "day" => ("new year", k + 1),
                    "eve" => ("new year's eve", k + 1),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let on = |y: i32| -> Option<NaiveDate> {
            let nth_weekday = |m: u32, wd: chrono::Weekday, n: u8| {
                NaiveDate::from_weekday_of_month_opt(y, m, wd, n)
            };
            match name {
                "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
                "christmas eve" => NaiveDate::from_ymd_opt(y, 12, 24),
                "new year" => NaiveDate::from_ymd_opt(y, 1, 1),
                "new year's eve" => NaiveDate::from_ymd_opt(y, 12, 31),
                "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
                "independence" => NaiveDate::from_ymd_opt(y, 7, 4),
                "thanksgiving" => nth_weekday(11, chrono::Weekday::Thu, 4),
                // The Tuesday after the first Monday of November.
                _ => nth_weekday(11, chrono::Weekday::Mon, 1).map(|d| r::add_days(d, 1)),
            }
        };
        let value = match self.anchor {
            Some(a) => {
                let d = on(a.year())?;
                r::month_day(Some(a), d.month(), d.day(), self.tense(j, e))
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .and_then(on)
                    .map(r::day)?
            }
            None => {
                let d = on(2000)?;
                format!("XXXX-{:02}-{:02}", d.month(), d.day())
            }
        };
        cand(e, DATE, value)
    }

    /// Seasons: "the winter of 1994", "summer 2022", "in the spring".
    fn core_season(&self, j: usize) -> Option<Cand> {
        let k = if self.is(j, "the") { j + 1 } else { j };
        let code = lexicon::season(self.w(k))?;
        let c = if self.is(k + 1, "of") { k + 2 } else { k + 1 };
        if let Some(y) = self.year(c) {
            return cand(c + 1, DATE, r::season(y, code));
        }
        if let Some(c2) = self.core_year(c).filter(|_| self.is(k + 1, "of")) {
            if c2.value.len() == 4 {
                let y: i32 = c2.value.parse().ok()?;
                return cand(c2.end, DATE, r::season(y, code));
            }
        }
        // Alone, only after a word that introduces a time ("in the spring", "this fall" is
        // the relative rule), and never "the fall of X".
        if self.is(k + 1, "of") {
            return None;
        }
        let before = if k > j { j } else { k };
        if before == 0
            || !matches!(
                self.w(before - 1),
                "in" | "during" | "since" | "until" | "by"
            )
        {
            return None;
        }
        cand(
            k + 1,
            DATE,
            r::season_rel(self.anchor, code, 2, self.tense(j, k + 1)),
        )
    }

    /// Sets: "every week", "each Thursday", "daily", "each July".
    fn core_set(&self, j: usize) -> Option<Cand> {
        let w = self.w(j);
        let v = match w {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "annually" | "yearly" => "P1Y",
            "hourly" => "PT1H",
            "quarterly" => "P3M",
            _ => "",
        };
        if !v.is_empty() {
            return cand(j + 1, SET, v.into());
        }
        if !matches!(w, "every" | "each") {
            return None;
        }
        let k = if self.is(j + 1, "other") {
            j + 2
        } else {
            j + 1
        };
        if let Some((wd, _)) = lexicon::weekday(self.w(k)) {
            return cand(k + 1, SET, format!("XXXX-WXX-{wd}"));
        }
        if let Some((m, e)) = self.month_at(k) {
            return cand(e, SET, format!("XXXX-{m:02}"));
        }
        let (k, n) = match self.number(k) {
            Some((e, Some(n))) if self.unit(e).is_some() => (e, n),
            _ => (k, if k == j + 2 { 2 } else { 1 }),
        };
        let (e, u, _) = self.unit(k)?;
        if u == Unit::Quarter {
            return cand(e, SET, format!("P{n}Q"));
        }
        cand(e, SET, r::duration(Some(n), u))
    }

    /// Durations ("five years", "two-day", "the last twenty four hours", "more than a week",
    /// "weeks") and dates counted back from now ("two days ago").
    fn core_duration(&self, j: usize) -> Option<Cand> {
        let mut k = j;
        for q in [
            &["no", "more", "than"][..],
            &["more", "than"],
            &["less", "than"],
            &["fewer", "than"],
            &["at", "least"],
            &["up", "to"],
            &["nearly"],
            &["almost"],
            &["about"],
            &["around"],
            &["over"],
            &["roughly"],
            &["approximately"],
        ] {
            if let Some(e) = self.seq(k, q) {
                k = e;
                break;
            }
        }
        let quantified = k > j;
        let the = self.is(k, "the");
        if the {
            k += 1;
        }
        let mut dir = "";
        if matches!(
            self.w(k),
            "last"
                | "past"
                | "next"
                | "first"
                | "coming"
                | "previous"
                | "following"
                | "final"
                | "remaining"
                | "initial"
        ) {
            dir = self.w(k);
            k += 1;
        }
        // "about" / "over" need a count or a unit after them.
        if dir.is_empty() && !the && quantified && lexicon::unit(self.w(k)).is_none() {
            self.number(k)?;
        }
        let count = self.number(k);
        let mut half = false;
        let (e, n, u, plural) = match count {
            Some((c, n)) => {
                // "5 1/2 hours"
                let c = if self.int(c) == Some(1)
                    && self.is(c + 1, "/")
                    && self.int(c + 2) == Some(2)
                    && self.adj(c + 1)
                    && self.adj(c + 2)
                {
                    half = true;
                    c + 3
                } else {
                    c
                };
                let c = if matches!(
                    self.w(c),
                    "more" | "additional" | "full" | "straight" | "consecutive"
                ) {
                    c + 1
                } else {
                    c
                };
                // "two-day": count, hyphen, singular unit; an adjective, so no "the".
                let hyphen = self.is(c, "-") && self.adj(c);
                if hyphen && (the || !dir.is_empty() || self.unit(c + 1).is_some_and(|u| u.2)) {
                    return None; // also "three-quarters", a fraction
                }
                let c2 = if hyphen { c + 1 } else { c };
                match self.unit(c2) {
                    Some((e, u, p)) => (e, n, u, p),
                    None => return None,
                }
            }
            None => {
                let (e, u, p) = self.unit(k)?;
                if !p && dir.is_empty() {
                    // "the year" is the year-long period under discussion.
                    if the
                        && u == Unit::Year
                        && self.year(e).is_none()
                        && !self.is(e, "-")
                        && matches!(self.w(e - 2), "the" | "fiscal")
                    {
                        return cand(e, DURATION, "P1Y".into());
                    }
                    return None; // a bare singular unit is not a duration
                }
                if !p && !the {
                    return None;
                }
                // A bare plural is a duration only after a preposition: "for years".
                if p && !the
                    && dir.is_empty()
                    && !quantified
                    && !(k > 0 && matches!(self.w(k - 1), "for" | "in" | "over" | "within"))
                {
                    return None;
                }
                (e, if p { None } else { Some(1) }, u, p)
            }
        };
        // "a second" is an ordinal far more often than a unit.
        if self.is(k, "a") && u == Unit::Second {
            return None;
        }
        // "a/an" only counts before a singular unit; "a years" is nonsense.
        if matches!(self.w(k), "a" | "an") && plural && n == Some(1) {
            return None;
        }
        // A bare plural without count or modifier must be a time word people count in.
        if count.is_none() && !the && dir.is_empty() && !quantified && u == Unit::Quarter {
            return None;
        }
        // Ages ("6-year-old", "52 years old") describe people, not times.
        if (self.is(e, "-") && self.is(e + 1, "old")) || self.is(e, "old") {
            return None;
        }
        // Anchored dates: "two days ago", "a year earlier".
        if !the && dir.is_empty() {
            // "a week or so ago"
            let e = match self.seq(e, &["or", "so"]) {
                Some(x) if matches!(self.w(x), "ago" | "earlier" | "before") => x,
                _ => e,
            };
            match self.w(e) {
                "ago" | "earlier" | "before" => {
                    let v = match n {
                        Some(1) if u == Unit::Year && self.last_quarter.is_some() => {
                            self.year_ago_value()
                        }
                        Some(n) => r::ago(self.anchor, u, n),
                        None => "PAST_REF".into(),
                    };
                    return cand(e + 1, DATE, v);
                }
                _ => {}
            }
        }
        // A rate: "$500 million a year", "fifty thousand CDs a year".
        if matches!(self.w(k), "a" | "an")
            && k == j
            && j > 0
            && (self.kind(j - 1) == Some(Kind::Num)
                || matches!(
                    self.w(j - 1),
                    "million" | "billion" | "thousand" | "hundred"
                ))
        {
            return cand(e, SET, r::duration(Some(1), u));
        }
        if let (true, Some(n)) = (half, n) {
            let v = match u {
                Unit::Year => format!("P{n}Y6M"),
                Unit::Month => format!("P{n}M15D"),
                Unit::Day => format!("P{n}DT12H"),
                Unit::Hour => format!("PT{n}H30M"),
                Unit::Minute => format!("PT{n}M30S"),
                _ => r::duration(Some(n), u),
            };
            return cand(e, DURATION, v);
        }
        if u == Unit::Hour && n == Some(24) && matches!(dir, "last" | "past") {
            return cand(e, DURATION, "P1D".into());
        }
        if u == Unit::Quarter && n.is_none() {
            return cand(e, DURATION, "PXQ".into());
        }
        cand(e, DURATION, r::duration(n, u))
    }

    /// Clock times: "3 p.m.", "10:30 a.m. EST Wednesday", "noon Thursday", "1530 GMT".
    fn core_time(&self, j: usize) -> Option<Cand> {
        let w = self.w(j);
        let (mut h, min, mut k);
        let mut twelve = false;
        let mut pm = false;
        if w == "noon" || w == "midday" || w == "midnight" {
            h = if w == "midnight" { 0 } else { 12 };
            min = 0;
            k = j + 1;
        } else {
            if self.kind(j) != Some(Kind::Num) {
                return None;
            }
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            let (hs, ms) = digits.split_once(':').unwrap_or((digits, "00"));
            if hs.is_empty() || hs.len() > 2 || ms.len() != 2 {
                // "1530 GMT"
                if digits.len() == 4 && suffix.is_empty() && self.is_zone(j + 1) {
                    h = digits[..2].parse().ok()?;
                    min = digits[2..].parse().ok()?;
                    k = j + 1;
                    if h > 23 || min > 59 {
                        return None;
                    }
                    return self.finish_time(j, k, h, min);
                }
                return None;
            }
            h = hs.parse().ok()?;
            min = ms.parse().ok()?;
            k = j + 1;
            match suffix {
                "am" | "a" => twelve = true,
                "pm" | "p" => {
                    twelve = true;
                    pm = true
                }
                "" => {}
                _ => return None,
            }
            if suffix == "a" || suffix == "p" {
                // "3p.m." → Num "3p", ".", "m", "."
                if self.is(k, ".") && self.is(k + 1, "m") {
                    k += 2;
                    if self.is(k, ".") && self.adj(k) {
                        k += 1;
                    }
                } else {
                    return None;
                }
            }
            if !twelve {
                let m = self.w(k);
                if (m == "a" || m == "p") && self.is(k + 1, ".") && self.is(k + 2, "m") {
                    twelve = true;
                    pm = m == "p";
                    k += 3;
                    if self.is(k, ".") && self.adj(k) {
                        k += 1;
                    }
                } else if m == "am" || m == "pm" {
                    twelve = true;
                    pm = m == "pm";
                    k += 1;
                } else if m == "o" && self.is(k + 1, "'") && self.is(k + 2, "clock") {
                    k += 3;
                } else if !(digits.contains(':') && (self.is_zone(k) || h > 12)) {
                    return None;
                }
            }
            if twelve {
                if !(1..=12).contains(&h) {
                    return None;
                }
                h %= 12;
                if pm {
                    h += 12;
                }
            }
            if h > 23 || min > 59 {
                return None;
            }
        }
        self.finish_time(j, k, h, min)
    }

    fn is_zone(&self, i: usize) -> bool {
        matches!(
            self.w(i),
            "gmt"
                | "utc"
                | "est"
                | "edt"
                | "cst"
                | "cdt"
                | "pst"
                | "pdt"
                | "mst"
                | "mdt"
                | "et"
                | "bst"
                | "cet"
                | "cest"
        ) && self.cap(i)
    }

    /// A time's optional zone and day: "EST Wednesday", "today", ", Nov. 3".
    fn finish_time(&self, j: usize, mut k: usize, h: u32, min: u32) -> Option<Cand> {
        if self.is_zone(k) {
            k += 1;
        } else if self.seq(k, &["local", "time"]).is_some() {
            k += 2;
        }
        let c = if self.is(k, ",") { k + 1 } else { k };
        let mut date = None;
        if let Some(d) = self.core_weekday(c).filter(|d| d.kind == DATE) {
            date = Some(d);
        } else if let Some(d) = self.core_month(c).filter(|d| d.value.len() == 10) {
            date = Some(d);
        } else if matches!(self.w(c), "today" | "yesterday" | "tomorrow") {
            date = self.core_rel(c).filter(|d| d.kind == DATE);
        }
        let (e, d) = match date {
            Some(d) => (d.end, d.value),
            _ => (k, self.anchor.map_or("XXXX-XX-XX".to_string(), r::day)),
        };
        let _ = j;
        cand(e, TIME, format!("{d}T{h:02}:{min:02}"))
    }
}
