//! The date normaliser (time expressions to TimeML values) on arbitrary text, with an
//! anchor date taken from the first two bytes: spans lie in the text on character
//! boundaries and hold what they say.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let days = u16::from_le_bytes([data[0], data[1]]);
    let anchor = (days != u16::MAX)
        .then(|| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Days::new(u64::from(days)));
    let text = String::from_utf8_lossy(&data[2..]);
    let _ = herald_time::parse_anchor(&text);
    for t in herald_time::extract(&text, anchor) {
        let got = text.get(t.span.start..t.span.end);
        assert_eq!(
            got,
            Some(t.text.as_str()),
            "span {:?} of {:?}",
            t.span,
            t.text
        );
        assert!(!t.value.is_empty(), "{t:?} has no value");
    }
});
