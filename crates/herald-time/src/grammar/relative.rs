//! Dates relative to now: deictic words ("today", "recently") and "this/last/next"
//! with a unit, a month or a part of the day.

use super::{cand, Cand, Cx, DATE, DURATION, TIME};
use crate::lexicon::{self, Unit};
use crate::resolve as r;
use crate::Tense;
use chrono::NaiveDate;

impl Cx<'_> {
    /// Deictic words: today, yesterday, tonight, now, recently, this/last/next week…
    pub(super) fn core_rel(&self, j: usize) -> Option<Cand> {
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
}
