//! Publication dates as records and pages write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Parse a publication date: `YYYY-MM-DD`, RFC 3339 (`2023-03-17T08:00:00Z`), a local
/// ISO timestamp, RFC 2822 (`Fri, 17 Mar 2023 08:00:00 GMT`), or any of these with a
/// trailing part we do not need (`2019-11-19T13:03:00+0000`). A timestamp keeps the
/// calendar date of its own offset: that is the date the publisher printed.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.date());
        }
    }
    // "November 20, 2019 13:42", "Nov 20, 2019 1:42 PM": a written date and a time.
    for fmt in [
        "%B %d, %Y %H:%M",
        "%b %d, %Y %H:%M",
        "%B %d, %Y %I:%M %p",
        "%b %d, %Y %I:%M %p",
        "%B %d, %Y %H:%M:%S",
        "%d %B %Y %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.date());
        }
    }
    // Unix seconds written as digits (ten of them: 2001 to 2286).
    if s.len() == 10 && s.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(d) = s.parse().ok().and_then(unix_date) {
            return Some(d);
        }
    }
    for fmt in [
        "%Y/%m/%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    // A date followed by a time in some other layout: take the ISO date prefix.
    if s.len() > 10 && s.is_char_boundary(10) {
        let rest = s.as_bytes()[10];
        if matches!(rest, b'T' | b't' | b' ' | b'_') {
            if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
                return Some(d);
            }
        }
    }
    // RFC 2822 variants with a zone name chrono does not know ("... 08:00:00 EDT").
    if let Some((head, _zone)) = s.rsplit_once(' ') {
        for fmt in [
            "%a, %d %b %Y %H:%M:%S",
            "%d %b %Y %H:%M:%S",
            "%a, %d %b %Y %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(head, fmt) {
                return Some(dt.date());
            }
        }
    }
    None
}

/// The UTC calendar date of Unix time `secs`, for plausible publication times (1970 to
/// 2200).
pub fn unix_date(secs: i64) -> Option<NaiveDate> {
    (0..7_258_118_400)
        .contains(&secs)
        .then(|| DateTime::from_timestamp(secs, 0))
        .flatten()
        .map(|dt| dt.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn layouts() {
        assert_eq!(parse_date("2023-03-17"), d(2023, 3, 17));
        assert_eq!(parse_date("November 20, 2019 13:42"), d(2019, 11, 20));
        assert_eq!(parse_date("Nov 20, 2019 1:42 PM"), d(2019, 11, 20));
        assert_eq!(parse_date("1574257320"), d(2019, 11, 20));
        assert_eq!(unix_date(1_574_257_320), d(2019, 11, 20));
        assert_eq!(unix_date(-5), None);
        assert_eq!(parse_date(" 2023-03-17T23:30:00-05:00 "), d(2023, 3, 17));
        assert_eq!(parse_date("2019-11-19T13:03:00.000Z"), d(2019, 11, 19));
        assert_eq!(parse_date("2019-11-19T13:03:00+0000"), d(2019, 11, 19));
        assert_eq!(parse_date("2019-11-19T13:03:00"), d(2019, 11, 19));
        assert_eq!(parse_date("Fri, 17 Mar 2023 08:00:00 GMT"), d(2023, 3, 17));
        assert_eq!(parse_date("Fri, 17 Mar 2023 08:00:00 EDT"), d(2023, 3, 17));
        assert_eq!(parse_date("March 17, 2023"), d(2023, 3, 17));
        assert_eq!(parse_date("2023/03/17"), d(2023, 3, 17));
    }

    #[test]
    fn rejects() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2023-02-30"), None);
        assert_eq!(parse_date("2023-13-01T00:00:00Z"), None);
    }
}
