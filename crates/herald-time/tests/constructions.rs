//! One test per construction, with exact values against a fixed publication date.

use chrono::NaiveDate;
use herald_time::{extract, extract_with, Span, Tense};

fn d(s: &str) -> Option<NaiveDate> {
    herald_time::parse_anchor(s)
}

/// (text, type, value) of every expression found.
fn found(text: &str, anchor: &str) -> Vec<(String, String, String)> {
    extract(text, d(anchor))
        .into_iter()
        .map(|t| {
            assert_eq!(&text[t.span.start..t.span.end], t.text);
            (t.text, t.kind, t.value)
        })
        .collect()
}

/// The single expression whose text is `what`: (type, value).
fn one(text: &str, anchor: &str, what: &str) -> (String, String) {
    let all = found(text, anchor);
    let hit: Vec<_> = all.iter().filter(|t| t.0 == what).collect();
    assert_eq!(hit.len(), 1, "{what:?} not found once in {all:?}");
    (hit[0].1.clone(), hit[0].2.clone())
}

fn val(text: &str, anchor: &str, what: &str) -> String {
    one(text, anchor, what).1
}

// 2023-03-17 is a Friday in ISO week 11.
const A: &str = "2023-03-17";

#[test]
fn weekdays_follow_the_tense() {
    assert_eq!(
        val(
            "The ministry said on Thursday that talks failed.",
            A,
            "Thursday"
        ),
        "2023-03-16"
    );
    assert_eq!(
        val(
            "Officials said on Friday the port had reopened.",
            A,
            "Friday"
        ),
        "2023-03-17"
    );
    assert_eq!(
        val("The envoy will arrive in Cairo on Monday.", A, "Monday"),
        "2023-03-20"
    );
    assert_eq!(
        val(
            "A three-day summit beginning on Tuesday is planned.",
            A,
            "Tuesday"
        ),
        "2023-03-21"
    );
    assert_eq!(
        val("Rebels attacked the town last Friday.", A, "last Friday"),
        "2023-03-10"
    );
    assert_eq!(
        val("Voting resumes next Friday.", A, "next Friday"),
        "2023-03-24"
    );
    assert_eq!(
        val("Wednesday's vote was close.", A, "Wednesday"),
        "2023-03-15"
    );
}

#[test]
fn weekday_with_part_of_day_and_explicit_date() {
    assert_eq!(
        one("Shots were fired Saturday night.", A, "Saturday night"),
        ("TIME".into(), "2023-03-11TNI".into())
    );
    assert_eq!(
        val(
            "The vote is set for Sunday, April 2, officials said.",
            A,
            "Sunday, April 2"
        ),
        "2023-04-02"
    );
}

#[test]
fn weeks_months_years_relative_to_the_anchor() {
    assert_eq!(
        val("The president will visit next week.", A, "next week"),
        "2023-W12"
    );
    assert_eq!(
        val(
            "Earlier this week, the bank cut rates.",
            A,
            "Earlier this week"
        ),
        "2023-W11"
    );
    assert_eq!(val("Exports fell last month.", A, "last month"), "2023-02");
    assert_eq!(val("Growth slowed this year.", A, "this year"), "2023");
    assert_eq!(val("Prices rose last year.", A, "last year"), "2022");
    assert_eq!(
        val("Profits fell last quarter.", A, "last quarter"),
        "2022-Q4"
    );
}

#[test]
fn next_week_across_a_year_end() {
    assert_eq!(
        val("Talks resume next week.", "2022-12-28", "next week"),
        "2023-W01"
    );
    // 2021-01-01 is in ISO week 53 of 2020.
    assert_eq!(
        val("Talks resume next week.", "2020-12-25", "next week"),
        "2020-W53"
    );
    assert_eq!(
        val("Markets were calm last week.", "2021-01-04", "last week"),
        "2020-W53"
    );
}

#[test]
fn month_and_day_year_inferred() {
    assert_eq!(
        val(
            "On February 24, the army crossed the border.",
            A,
            "February 24"
        ),
        "2023-02-24"
    );
    assert_eq!(
        val("The ceasefire began Dec. 1 and held.", A, "Dec. 1"),
        "2022-12-01"
    );
    assert_eq!(
        val("The deal was signed Dec. 30.", "2023-01-02", "Dec. 30"),
        "2022-12-30"
    );
    assert_eq!(
        val("Elections will be held on Jan. 3.", "2022-12-30", "Jan. 3"),
        "2023-01-03"
    );
    assert_eq!(
        val("The rally took place on Feb. 29.", "2024-03-05", "Feb. 29"),
        "2024-02-29"
    );
    assert_eq!(
        val("He was born on 29 February 2000.", A, "29 February 2000"),
        "2000-02-29"
    );
    assert_eq!(
        val("It ended on Sept. 5, 2021.", A, "Sept. 5, 2021"),
        "2021-09-05"
    );
}

#[test]
fn months_and_years() {
    assert_eq!(
        val(
            "The pact was struck in February 2022 in Beijing.",
            A,
            "February 2022"
        ),
        "2022-02"
    );
    assert_eq!(
        val("The law took effect in January.", A, "January"),
        "2023-01"
    );
    assert_eq!(val("Trade grew in 2022.", A, "2022"), "2022");
    assert_eq!(val("Profit rose in fiscal 1990.", A, "fiscal 1990"), "1990");
    assert_eq!(val("Inflation soared in the 1990s.", A, "the 1990s"), "199");
    assert_eq!(
        val(
            "The region boomed in the 20th century.",
            A,
            "the 20th century"
        ),
        "19"
    );
    // "May" the verb is not a month.
    assert!(found("Officials may meet again.", A).is_empty());
    assert_eq!(val("Talks stalled in May.", A, "May"), "2023-05");
}

#[test]
fn deictic_words() {
    assert_eq!(
        val("Troops withdrew yesterday.", A, "yesterday"),
        "2023-03-16"
    );
    assert_eq!(val("The court rules today.", A, "today"), "2023-03-17");
    assert_eq!(val("Voting ends tomorrow.", A, "tomorrow"), "2023-03-18");
    assert_eq!(
        one("He speaks tonight.", A, "tonight"),
        ("TIME".into(), "2023-03-17TNI".into())
    );
    assert_eq!(
        val("The army now controls the city.", A, "now"),
        "PRESENT_REF"
    );
    assert_eq!(
        val("He is currently abroad.", A, "currently"),
        "PRESENT_REF"
    );
    assert_eq!(val("Tensions rose recently.", A, "recently"), "PAST_REF");
    assert_eq!(
        val("Talks may resume in the future.", A, "the future"),
        "FUTURE_REF"
    );
}

#[test]
fn counted_back_from_now() {
    assert_eq!(
        val("The ship sank two days ago.", A, "two days ago"),
        "2023-03-15"
    );
    assert_eq!(
        val("He left six weeks ago.", A, "six weeks ago"),
        "2023-W05"
    );
    assert_eq!(
        val("It began five months ago.", A, "five months ago"),
        "2022-10"
    );
    assert_eq!(
        val("It ended three years ago.", A, "three years ago"),
        "2020"
    );
}

#[test]
fn quarters_halves_seasons() {
    assert_eq!(
        val(
            "Sales rose in the third quarter.",
            "2023-10-20",
            "the third quarter"
        ),
        "2023-Q3"
    );
    assert_eq!(
        val(
            "Fourth-quarter profit fell.",
            "2023-01-20",
            "Fourth-quarter"
        ),
        "2022-Q4"
    );
    assert_eq!(
        val(
            "Output fell in the first half of 2022.",
            A,
            "the first half of 2022"
        ),
        "2022-H1"
    );
    assert_eq!(
        val(
            "Fighting resumed in the winter of 1994.",
            A,
            "the winter of 1994"
        ),
        "1994-WI"
    );
    assert_eq!(
        val("Talks collapsed last summer.", A, "last summer"),
        "2022-SU"
    );
    // "the quarter" refers back to the last quarter named.
    let t = "Third-quarter profit rose 5%. In the quarter, sales grew.";
    assert_eq!(val(t, "2023-10-20", "the quarter"), "2023-Q3");
}

#[test]
fn clock_times() {
    assert_eq!(
        one("Polls close at 3 p.m. local time.", A, "3 p.m. local time"),
        ("TIME".into(), "2023-03-17T15:00".into())
    );
    assert_eq!(
        val(
            "The blast hit at 10:30 a.m. Wednesday.",
            A,
            "10:30 a.m. Wednesday"
        ),
        "2023-03-15T10:30"
    );
    assert_eq!(
        val("The curfew starts at midnight.", A, "midnight"),
        "2023-03-17T00:00"
    );
    assert_eq!(
        val("Shelling began at 0400 GMT.", A, "0400 GMT"),
        "2023-03-17T04:00"
    );
}

#[test]
fn durations() {
    assert_eq!(
        one("A two-day visit is planned.", A, "two-day"),
        ("DURATION".into(), "P2D".into())
    );
    assert_eq!(
        val("He served five years in prison.", A, "five years"),
        "P5Y"
    );
    assert_eq!(
        val(
            "In the last twenty four hours, stocks fell.",
            A,
            "the last twenty four hours"
        ),
        "P1D"
    );
    assert_eq!(val("It lasted 24 hours.", A, "24 hours"), "PT24H");
    assert_eq!(
        val(
            "Sales in the first nine months rose.",
            A,
            "the first nine months"
        ),
        "P9M"
    );
    assert_eq!(
        val("It took more than a week.", A, "more than a week"),
        "P1W"
    );
    assert_eq!(val("The war lasted two decades.", A, "two decades"), "P20Y");
    assert_eq!(val("Fighting went on for years.", A, "years"), "PXY");
    assert_eq!(val("It took a few days.", A, "a few days"), "PXD");
    // Ages are not time expressions.
    assert!(found("A 6-year-old boy was rescued.", A).is_empty());
}

#[test]
fn sets() {
    assert_eq!(
        one("Inspectors visit every week.", A, "every week"),
        ("SET".into(), "P1W".into())
    );
    assert_eq!(
        one("The paper appears daily.", A, "daily"),
        ("SET".into(), "P1D".into())
    );
    assert_eq!(
        val("The council meets each Thursday.", A, "each Thursday"),
        "XXXX-WXX-4"
    );
}

#[test]
fn holidays() {
    assert_eq!(
        val(
            "Shops closed on Christmas Day.",
            "2022-12-28",
            "Christmas Day"
        ),
        "2022-12-25"
    );
    assert_eq!(
        val(
            "Turnout on Election Day was high.",
            "2022-11-10",
            "Election Day"
        ),
        "2022-11-08"
    );
}

#[test]
fn spans_exclude_prepositions() {
    let t = "Officials met on Thursday.";
    let x = extract(t, d(A));
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].span, Span::new(17, 25));
}

#[test]
fn without_an_anchor_values_are_underspecified() {
    assert_eq!(val("They met on Thursday.", "", "Thursday"), "XXXX-WXX-4");
    assert_eq!(val("They met on Feb. 24.", "", "Feb. 24"), "XXXX-02-24");
    assert_eq!(val("They met in 2022.", "", "2022"), "2022");
}

#[test]
fn parser_tense_overrides_the_heuristic() {
    let t = "The minister said talks on Monday.";
    let past = extract(t, d(A));
    assert_eq!(past[0].value, "2023-03-13");
    let fut = extract_with(t, d(A), &|_| Some(Tense::Future));
    assert_eq!(fut[0].value, "2023-03-20");
}

#[test]
fn wire_story_with_many_dates() {
    let t = "MOSCOW (Reuters) - The Chinese leader will travel to Moscow next week for a \
three-day visit, the foreign ministry said on Friday. The two sides signed a pact in \
February 2022. On Thursday, the minister said prices had risen 5% since 2021.";
    let v: Vec<String> = found(t, A)
        .into_iter()
        .map(|x| format!("{}={}", x.0, x.2))
        .collect();
    assert_eq!(
        v,
        vec![
            "next week=2023-W12",
            "three-day=P3D",
            "Friday=2023-03-17",
            "February 2022=2022-02",
            "Thursday=2023-03-16",
            "2021=2021"
        ]
    );
}
