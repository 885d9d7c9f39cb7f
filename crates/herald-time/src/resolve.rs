//! Calendar arithmetic: turn a parsed expression plus the publication date into a TimeML value.
//!
//! Every function takes `Option<NaiveDate>`: without a publication date the value is left
//! underspecified with `X`s, as TimeML does.

use crate::lexicon::Unit;
use crate::Tense;
use chrono::{Datelike, Duration, NaiveDate};

/// `YYYY-MM-DD`.
pub(crate) fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// ISO week `YYYY-Www` (the ISO year, which differs from the calendar year around 1 January).
pub(crate) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// `YYYY-MM`.
pub(crate) fn month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// Shifts a date by whole months, clamping the day to the month's length.
pub(crate) fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let idx = d.year() * 12 + d.month0() as i32 + n;
    let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1);
    let mut dd = d.day();
    loop {
        if let Some(x) = NaiveDate::from_ymd_opt(y, m, dd) {
            return x;
        }
        if dd <= 28 {
            return d; // unreachable in practice: every month has 28 days
        }
        dd -= 1;
    }
}

/// Adds days without overflowing at the ends of chrono's range.
pub(crate) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// Quarter (1–4) of a date.
pub(crate) fn quarter_of(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

/// The date of a weekday (`wd`, Monday = 1) relative to `anchor`.
///
/// `rel` is -1 for "last", +1 for "next"; otherwise the tense decides: future looks
/// forward; past, present and unknown look back (news reports what happened). The anchor's own
/// weekday means the anchor day itself ("the Kremlin said on Friday" in a Friday article).
pub(crate) fn weekday(
    anchor: Option<NaiveDate>,
    wd: u32,
    rel: i32,
    tense: Option<Tense>,
) -> String {
    let Some(a) = anchor else {
        return format!("XXXX-WXX-{wd}");
    };
    let aw = a.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let fwd = (wd - aw).rem_euclid(7);
    let back = (aw - wd).rem_euclid(7);
    let off = match (rel, tense) {
        (-1, _) => -(if back == 0 { 7 } else { back }),
        (1, _) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        (_, Some(Tense::Future)) => fwd,
        _ => -back,
    };
    day(add_days(a, off))
}

/// The full date of a month and day without a year: the year is taken from the anchor and
/// the tense (future: on or after the anchor; past: on or before; otherwise the closest).
pub(crate) fn month_day(anchor: Option<NaiveDate>, m: u32, d: u32, tense: Option<Tense>) -> String {
    let Some(a) = anchor else {
        return format!("XXXX-{m:02}-{d:02}");
    };
    let cands: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .collect();
    // Within two months of the anchor the same year wins whatever the tense: "said on
    // Jan. 14" in a 10 January article is a slip of the heuristic, not last year.
    if let Some(c) = NaiveDate::from_ymd_opt(a.year(), m, d) {
        if (c - a).num_days().abs() <= 61 {
            return day(c);
        }
    }
    let pick = match tense {
        Some(Tense::Future) => cands.iter().copied().find(|c| *c >= a),
        Some(Tense::Past) => cands.iter().copied().rev().find(|c| *c <= a),
        _ => None,
    }
    .or_else(|| {
        cands
            .iter()
            .copied()
            .min_by_key(|c| (*c - a).num_days().abs())
    });
    match pick {
        Some(p) => day(p),
        None => format!("XXXX-{m:02}-{d:02}"),
    }
}

/// The year of a month named without one, by tense (as [`month_day`]).
pub(crate) fn month_alone(anchor: Option<NaiveDate>, m: u32, tense: Option<Tense>) -> String {
    let Some(a) = anchor else {
        return format!("XXXX-{m:02}");
    };
    let am = a.year() * 12 + a.month0() as i32;
    let idx = |y: i32| y * 12 + m as i32 - 1;
    let y = a.year();
    let yy = match tense {
        _ if (idx(y) - am).abs() <= 2 => y,
        Some(Tense::Future) if idx(y) < am => y + 1,
        Some(Tense::Past) if idx(y) > am => y - 1,
        Some(Tense::Future | Tense::Past) => y,
        _ => [y - 1, y, y + 1]
            .into_iter()
            .min_by_key(|yy| ((idx(*yy) - am).abs(), idx(*yy) > am))
            .unwrap_or(y),
    };
    month(yy, m)
}

/// "last/this/next <month name>".
pub(crate) fn month_rel(anchor: Option<NaiveDate>, m: u32, rel: i32) -> String {
    let Some(a) = anchor else {
        return format!("XXXX-{m:02}");
    };
    let y = a.year();
    let yy = match rel {
        -1 if m >= a.month() => y - 1,
        1 if m <= a.month() => y + 1,
        _ => y,
    };
    month(yy, m)
}

/// "this/last/next <unit>" (week, month, year, quarter, decade, century) shifted by `n` units.
pub(crate) fn unit_rel(anchor: Option<NaiveDate>, u: Unit, n: i32) -> String {
    let Some(a) = anchor else {
        return match u {
            Unit::Week => "XXXX-WXX".into(),
            Unit::Month => "XXXX-XX".into(),
            Unit::Quarter => "XXXX-QX".into(),
            Unit::Decade => "XXX".into(),
            Unit::Century => "XX".into(),
            _ => "XXXX".into(),
        };
    };
    match u {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => day(add_days(a, n as i64)),
        Unit::Week => week(add_days(a, 7 * n as i64)),
        Unit::Month => {
            let d = add_months(a, n);
            month(d.year(), d.month())
        }
        Unit::Quarter => {
            let idx = a.year() * 4 + quarter_of(a) as i32 - 1 + n;
            format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
        }
        Unit::Year => format!("{:04}", a.year() + n),
        Unit::Decade => format!("{}", (a.year() + 10 * n).div_euclid(10)),
        Unit::Century => format!("{}", (a.year() + 100 * n).div_euclid(100)),
    }
}

/// A date `n` units before the anchor ("two days ago"), at the unit's granularity.
pub(crate) fn ago(anchor: Option<NaiveDate>, u: Unit, n: u32) -> String {
    let Some(a) = anchor else {
        return "PAST_REF".into();
    };
    let n = n as i64;
    match u {
        Unit::Second | Unit::Minute | Unit::Hour => "PAST_REF".into(),
        Unit::Day => day(add_days(a, -n)),
        Unit::Week => week(add_days(a, -7 * n)),
        Unit::Month => {
            let d = add_months(a, -(n as i32));
            month(d.year(), d.month())
        }
        Unit::Quarter => unit_rel(anchor, Unit::Quarter, -(n as i32)),
        Unit::Year => format!("{:04}", a.year() - n as i32),
        Unit::Decade => format!("{:04}", a.year() - 10 * n as i32),
        Unit::Century => format!("{:04}", a.year() - 100 * n as i32),
    }
}

/// A TimeML duration: `P2D`, `PT24H`, `P20Y`; `None` count gives `PXD`-style vague values.
pub(crate) fn duration(n: Option<u32>, u: Unit) -> String {
    let (time, mult, code) = match u {
        Unit::Second => (true, 1, "S"),
        Unit::Minute => (true, 1, "M"),
        Unit::Hour => (true, 1, "H"),
        Unit::Day => (false, 1, "D"),
        Unit::Week => (false, 1, "W"),
        Unit::Month => (false, 1, "M"),
        Unit::Quarter => (false, 3, "M"),
        Unit::Year => (false, 1, "Y"),
        Unit::Decade => (false, 10, "Y"),
        Unit::Century => (false, 100, "Y"),
    };
    let t = if time { "T" } else { "" };
    match n {
        Some(n) => format!("P{t}{}{code}", n as u64 * mult),
        None => {
            let code = match u {
                Unit::Quarter => "Q",
                Unit::Decade => "DE",
                Unit::Century => "CE",
                _ => code,
            };
            format!("P{t}X{code}")
        }
    }
}

/// The weekend of the week that contains `d`.
pub(crate) fn weekend(d: NaiveDate) -> String {
    format!("{}-WE", week(d))
}

/// Which weekend "the weekend" means: the coming one for future/present, else the last one
/// (the current one when the anchor is itself on a weekend).
pub(crate) fn weekend_rel(anchor: Option<NaiveDate>, rel: i32, tense: Option<Tense>) -> String {
    let Some(a) = anchor else {
        return "XXXX-WXX-WE".into();
    };
    let on_weekend = a.weekday().number_from_monday() >= 6;
    let shift = match (rel, tense) {
        (-1, _) => -7,
        (1, _) => 7,
        (_, Some(Tense::Future | Tense::Present)) => 0,
        _ if on_weekend => 0,
        _ => -7,
    };
    weekend(add_days(a, shift))
}

/// A season of a year: `2023-SU`.
pub(crate) fn season(y: i32, code: &str) -> String {
    format!("{y:04}-{code}")
}

/// The year of "last/this/next <season>" or a bare season, by tense.
pub(crate) fn season_rel(
    anchor: Option<NaiveDate>,
    code: &str,
    rel: i32,
    tense: Option<Tense>,
) -> String {
    let Some(a) = anchor else {
        return format!("XXXX-{code}");
    };
    let start = season_start_index(a.year(), code);
    let now = a.year() * 12 + a.month0() as i32;
    let y = a.year();
    let yy = match (rel, tense) {
        (-1, _) => {
            if start + 3 <= now {
                y
            } else {
                y - 1
            }
        }
        (1, _) => {
            if start > now {
                y
            } else {
                y + 1
            }
        }
        (0, _) => y,
        (_, Some(Tense::Past)) if start > now => y - 1,
        _ => y,
    };
    season(yy, code)
}

/// Month index (year * 12 + month0) of the first month of a season labelled with year `y`.
fn season_start_index(y: i32, code: &str) -> i32 {
    let m = crate::lexicon::season_start(code) as i32 - 1;
    if code == "WI" {
        (y - 1) * 12 + m
    } else {
        y * 12 + m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn weekdays_by_tense() {
        // 2023-03-17 is a Friday.
        let a = d("2023-03-17");
        assert_eq!(weekday(a, 5, 0, Some(Tense::Past)), "2023-03-17");
        assert_eq!(weekday(a, 4, 0, Some(Tense::Past)), "2023-03-16");
        assert_eq!(weekday(a, 1, 0, Some(Tense::Future)), "2023-03-20");
        assert_eq!(weekday(a, 1, 0, None), "2023-03-13");
        assert_eq!(weekday(a, 5, -1, None), "2023-03-10");
        assert_eq!(weekday(a, 5, 1, None), "2023-03-24");
        assert_eq!(weekday(None, 5, 0, None), "XXXX-WXX-5");
    }

    #[test]
    fn month_day_year_boundaries() {
        assert_eq!(month_day(d("2023-01-02"), 12, 30, None), "2022-12-30");
        assert_eq!(
            month_day(d("2023-01-02"), 12, 30, Some(Tense::Past)),
            "2022-12-30"
        );
        assert_eq!(
            month_day(d("2022-12-30"), 1, 3, Some(Tense::Future)),
            "2023-01-03"
        );
        assert_eq!(month_day(d("2024-03-01"), 2, 29, None), "2024-02-29");
        // No 29 February in 2023: the nearest one is in 2024.
        assert_eq!(month_day(d("2023-03-01"), 2, 29, None), "2024-02-29");
    }

    #[test]
    fn relative_units() {
        let a = d("2023-03-17");
        assert_eq!(unit_rel(a, Unit::Week, 1), "2023-W12");
        assert_eq!(unit_rel(a, Unit::Month, -1), "2023-02");
        assert_eq!(unit_rel(a, Unit::Quarter, -1), "2022-Q4");
        assert_eq!(unit_rel(d("2022-12-28"), Unit::Week, 1), "2023-W01");
        // 2021-01-01 belongs to ISO week 53 of 2020.
        assert_eq!(unit_rel(d("2020-12-25"), Unit::Week, 1), "2020-W53");
        assert_eq!(unit_rel(a, Unit::Decade, 0), "202");
        assert_eq!(
            add_months(d("2024-03-31").unwrap(), -1),
            d("2024-02-29").unwrap()
        );
    }

    #[test]
    fn durations() {
        assert_eq!(duration(Some(2), Unit::Day), "P2D");
        assert_eq!(duration(Some(24), Unit::Hour), "PT24H");
        assert_eq!(duration(Some(3), Unit::Quarter), "P9M");
        assert_eq!(duration(None, Unit::Year), "PXY");
        assert_eq!(duration(Some(2), Unit::Decade), "P20Y");
    }
}
