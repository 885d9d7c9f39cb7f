//! Durations ("five years", "two-day"), dates counted back ("two days ago") and sets
//! ("every week", "daily").

use super::{cand, Cand, Cx, DATE, DURATION, SET};
use crate::lexicon::{self, Unit};
use crate::resolve as r;
use crate::token::Kind;

impl Cx<'_> {
    /// Sets: "every week", "each Thursday", "daily", "each July".
    pub(super) fn core_set(&self, j: usize) -> Option<Cand> {
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
    pub(super) fn core_duration(&self, j: usize) -> Option<Cand> {
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
}
