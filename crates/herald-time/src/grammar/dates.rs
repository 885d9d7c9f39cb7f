//! Calendar dates by name and number: ISO dates, months and days, weekdays, years,
//! decades and centuries, quarters and halves, holidays and seasons.

use super::{cand, Cand, Cx, DATE, SET, TIME};
use crate::lexicon::{self, Unit};
use crate::resolve as r;
use crate::token::Kind;
use crate::Tense;
use chrono::{Datelike, NaiveDate};

impl Cx<'_> {
    /// 2023-03-17 and 3/17/2023.
    pub(super) fn core_iso(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_month(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_day_month(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_weekday(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_year(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_quarter(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn year_ago_value(&self) -> String {
        match (self.last_quarter, self.anchor) {
            (Some((y, q)), _) => format!("{:04}-Q{q}", y - 1),
            (None, Some(a)) => format!("{:04}", a.year() - 1),
            (None, None) => "XXXX".into(),
        }
    }

    /// Fixed and computed holidays of US/European news: "Thanksgiving Day", "Christmas".
    pub(super) fn core_holiday(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_season(&self, j: usize) -> Option<Cand> {
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
}
