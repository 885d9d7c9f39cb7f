//! One module per command family; `main.rs` only dispatches.

pub mod code;
pub mod dates;
pub mod demo;
pub mod dict;
pub mod events;
pub mod explain;
pub mod extract;
pub mod serve;
pub mod store;
pub mod syntax;
pub mod train_events;
pub mod watch;

/// A `YYYY-MM-DD` day from the command line. A well-formed day that is not on the
/// calendar (2023-02-29) says so, instead of blaming the format.
pub fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    use chrono::NaiveDate;
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(format!("{s:?}: expected YYYY-MM-DD"));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month) = (num(0..4) as i32, num(5..7));
    let why = match NaiveDate::from_ymd_opt(year, month, 1) {
        None => format!("there is no month {month}"),
        Some(first) => {
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(first);
            let days = next.signed_duration_since(first).num_days();
            format!("{} {year} has {days} days", first.format("%B"))
        }
    };
    Err(format!("{s} is not a calendar date ({why})"))
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn days_off_the_calendar_are_named_as_such() {
        assert_eq!(
            parse_day("2023-02-29").unwrap_err(),
            "2023-02-29 is not a calendar date (February 2023 has 28 days)"
        );
        assert_eq!(
            parse_day("2023-13-01").unwrap_err(),
            "2023-13-01 is not a calendar date (there is no month 13)"
        );
        assert_eq!(
            parse_day("17/03/2023").unwrap_err(),
            "\"17/03/2023\": expected YYYY-MM-DD"
        );
        assert_eq!(
            parse_day("2024-02-29").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }
}
