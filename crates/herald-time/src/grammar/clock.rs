//! Clock times with their zone and day: "3 p.m.", "10:30 a.m. EST Wednesday".

use super::{cand, Cand, Cx, DATE, TIME};
use crate::resolve as r;
use crate::token::Kind;

impl Cx<'_> {
    /// Clock times: "3 p.m.", "10:30 a.m. EST Wednesday", "noon Thursday", "1530 GMT".
    pub(super) fn core_time(&self, j: usize) -> Option<Cand> {
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
