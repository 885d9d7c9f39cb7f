//! Property tests: spans always slice the text on char boundaries; no input panics.

use herald_time::extract;
use proptest::prelude::*;

fn check(text: &str) {
    let anchor = chrono::NaiveDate::from_ymd_opt(2023, 3, 17);
    for t in extract(text, anchor).into_iter().chain(extract(text, None)) {
        assert!(t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert_eq!(&text[t.span.start..t.span.end], t.text);
        assert!(!t.value.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_unicode(s in "\\PC*") {
        check(&s);
    }

    #[test]
    fn date_like_soup(parts in proptest::collection::vec(prop::sample::select(vec![
        "Feb.", "29", "2024", ",", "next", "week", "last", "Thursday", "the", "-", "day",
        "two", "twenty", "four", "hours", "ago", "p.m.", "3", ":", "10:30", "quarter",
        "third", "of", "1990s", "é", "’", "s", "year", "May", "0400", "GMT", "every",
        "Christmas", "New", "Year", "'", "Eve", "mid", "early", "31", "Dec", ".", "\n",
    ]), 0..24)) {
        check(&parts.join(" "));
        check(&parts.concat());
    }
}
