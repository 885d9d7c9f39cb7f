//! Amounts on sentences written for these tests.

use herald_amounts::extract;
use herald_core::{Amount, Document};
use proptest::prelude::*;

fn amounts(text: &str) -> Vec<Amount> {
    let mut d = Document::new("t", text, None);
    herald_text::segment(&mut d);
    extract(&d)
}

/// (text, value, unit, object) of every amount.
fn summary(text: &str) -> Vec<(String, f64, Option<String>, Option<String>)> {
    amounts(text)
        .into_iter()
        .map(|a| (a.text, a.value, a.unit, a.object))
        .collect()
}

fn one(text: &str) -> Amount {
    let all = amounts(text);
    assert_eq!(all.len(), 1, "{text:?} gave {all:#?}");
    all.into_iter().next().unwrap()
}

fn check(text: &str, written: &str, value: f64, unit: Option<&str>, object: Option<&str>) {
    let a = one(text);
    assert_eq!(a.text, written, "{text:?}: {a:?}");
    assert_eq!(a.value, value, "{text:?}: {a:?}");
    assert_eq!(a.unit.as_deref(), unit, "{text:?}: {a:?}");
    assert_eq!(a.object.as_deref(), object, "{text:?}: {a:?}");
    assert_eq!(&text[a.span.start..a.span.end], written);
}

#[test]
fn money_with_multipliers() {
    check(
        "Exports reached $190bn.",
        "$190bn",
        190e9,
        Some("USD"),
        Some("Exports"),
    );
    check(
        "The EU pledged €3.5 billion in aid.",
        "€3.5 billion",
        3.5e9,
        Some("EUR"),
        Some("aid"),
    );
    check("It cost £600m", "£600m", 600e6, Some("GBP"), None);
    check(
        "a grant of Rs 500 crore",
        "Rs 500 crore",
        5e9,
        Some("INR"),
        None,
    );
    check(
        "They sent US$2bn of weapons.",
        "US$2bn",
        2e9,
        Some("USD"),
        Some("weapons"),
    );
    check(
        "a loan of 10 billion yuan",
        "10 billion yuan",
        10e9,
        Some("CNY"),
        None,
    );
    check(
        "It paid 300 million roubles.",
        "300 million roubles",
        300e6,
        Some("RUB"),
        None,
    );
    check(
        "Spending hit ¥5 trillion.",
        "¥5 trillion",
        5e12,
        Some("JPY"),
        Some("Spending"),
    );
    check(
        "The fund holds USD 40 million.",
        "USD 40 million",
        40e6,
        Some("USD"),
        None,
    );
    check("He owes $1,250.75", "$1,250.75", 1250.75, Some("USD"), None);
}

#[test]
fn percentages() {
    check(
        "Turnout was 29 percent.",
        "29 percent",
        29.0,
        Some("percent"),
        Some("Turnout"),
    );
    check(
        "Prices rose 29%.",
        "29%",
        29.0,
        Some("percent"),
        Some("Prices"),
    );
    check(
        "He won 29.5 per cent of the vote.",
        "29.5 per cent",
        29.5,
        Some("percent"),
        Some("vote"),
    );
    check(
        "Rates rose 2 percentage points.",
        "2 percentage points",
        2.0,
        Some("percentage point"),
        Some("Rates"),
    );
}

#[test]
fn subject_of_a_pronoun_comes_from_the_previous_sentence() {
    let s = summary(
        "We have seen trade soar between the two states. It went up by 29 percent to $190bn.",
    );
    assert_eq!(
        s,
        [
            ("two".to_string(), 2.0, None, Some("states".to_string())),
            (
                "29 percent".to_string(),
                29.0,
                Some("percent".to_string()),
                Some("trade".to_string())
            ),
            (
                "$190bn".to_string(),
                190e9,
                Some("USD".to_string()),
                Some("trade".to_string())
            ),
        ]
    );
}

#[test]
fn measures_and_counts() {
    check(
        "Russia sells 1.2 million barrels of oil a day.",
        "1.2 million barrels",
        1.2e6,
        Some("barrel"),
        Some("oil"),
    );
    check(
        "They pumped 1.2 million barrels.",
        "1.2 million barrels",
        1.2e6,
        Some("barrel"),
        Some("barrels"),
    );
    check(
        "a two-day visit",
        "two-day",
        2.0,
        Some("day"),
        Some("visit"),
    );
    check(
        "China's 12-point plan",
        "12-point",
        12.0,
        Some("point"),
        Some("plan"),
    );
    check(
        "He deployed 5,000 troops.",
        "5,000",
        5000.0,
        None,
        Some("troops"),
    );
    check(
        "Officials counted twelve ships.",
        "twelve",
        12.0,
        None,
        Some("ships"),
    );
    check(
        "They arrested a dozen activists.",
        "a dozen",
        12.0,
        None,
        Some("activists"),
    );
    check(
        "Police met hundreds of protesters.",
        "hundreds",
        100.0,
        None,
        Some("protesters"),
    );
    check(
        "The road is 40 km long.",
        "40 km",
        40.0,
        Some("km"),
        Some("km"),
    );
    check(
        "a 25-year-old man",
        "25-year-old",
        25.0,
        Some("year"),
        Some("man"),
    );
    check(
        "twenty-five soldiers died",
        "twenty-five",
        25.0,
        None,
        Some("soldiers"),
    );
    check(
        "the 93 minute film",
        "93 minute",
        93.0,
        Some("minute"),
        Some("film"),
    );
    check("a 10km march", "10km", 10.0, Some("km"), Some("march"));
}

#[test]
fn noun_phrases_stop_at_verbs_and_function_words() {
    check(
        "5,000 Russian troops deployed to the border",
        "5,000",
        5000.0,
        None,
        Some("Russian troops"),
    );
    check(
        "The death toll rose to 50.",
        "50",
        50.0,
        None,
        Some("death toll"),
    );
}

#[test]
fn not_amounts() {
    for text in [
        "Reference 191129145046395 follows.",
        "In 2022 the war began.",
        "Russia invaded on February 24.",
        "On 24 February troops moved.",
        "They met on Feb. 24, 2022, in Kyiv.",
        "The talks start at 3 p.m. local time.",
        "The talks start at 10:30 today.",
        "It opens at 9am.",
        "the 24th of February",
        "in the 1990s",
        "the 2022-23 season",
        "Call 555-0100 now.",
        "Call 020 7946 0958 now.",
        "Call +44 20 7946 now.",
        "A Boeing 737 landed.",
        "Under Article 5 of the treaty",
        "one of the leaders",
        "No one came.",
        "",
    ] {
        assert!(
            amounts(text).is_empty(),
            "{text:?} gave {:#?}",
            amounts(text)
        );
    }
}

#[test]
fn counts_take_no_subject_from_a_copula() {
    // "Romney was" is not what "two" counts; the phrase after it starts with "most".
    check(
        "Romney was in Ohio and Florida, the two most prominent states.",
        "two",
        2.0,
        None,
        None,
    );
    check(
        "They held four years of slowly evolving talks.",
        "four years",
        4.0,
        Some("year"),
        Some("years"),
    );
}

#[test]
fn number_words_take_multipliers() {
    check(
        "two hundred thousand refugees",
        "two hundred thousand",
        200_000.0,
        None,
        Some("refugees"),
    );
    check(
        "hundreds of thousands of people",
        "hundreds of thousands",
        100_000.0,
        None,
        Some("people"),
    );
}

#[test]
fn one_counts_before_multipliers_and_units() {
    check(
        "It costs one million dollars.",
        "one million dollars",
        1e6,
        Some("USD"),
        None,
    );
    check(
        "a one-day strike",
        "one-day",
        1.0,
        Some("day"),
        Some("strike"),
    );
}

#[test]
fn years_with_units_are_amounts() {
    check(
        "They sold 2000 tonnes.",
        "2000 tonnes",
        2000.0,
        Some("tonne"),
        Some("tonnes"),
    );
    check("It raised $2000.", "$2000", 2000.0, Some("USD"), None);
}

#[test]
fn several_in_one_sentence_in_order() {
    let s = summary("Of 300 people, 12 were hurt and 40% fled.");
    let values: Vec<f64> = s.iter().map(|a| a.1).collect();
    assert_eq!(values, [300.0, 12.0, 40.0]);
}

proptest! {
    #[test]
    fn spans_are_char_boundaries(s in "\\PC{0,120}") {
        let mut d = Document::new("p", s.as_str(), None);
        herald_text::segment(&mut d);
        for a in extract(&d) {
            prop_assert!(s.is_char_boundary(a.span.start) && s.is_char_boundary(a.span.end));
            prop_assert!(a.span.start < a.span.end && a.span.end <= s.len());
            prop_assert_eq!(&s[a.span.start..a.span.end], a.text.as_str());
            prop_assert!(a.value.is_finite());
        }
    }

    #[test]
    fn number_like_text_never_panics(s in "([$€£₹]|US|Rs|a|one|two-day|hundreds|of|[0-9][0-9,.]{0,6}(bn|m|k|th|-point|-)?|percent|%|per|cent|million|billion|barrels|troops|May|:|,|\\.| ){0,30}") {
        let mut d = Document::new("p", s.as_str(), None);
        herald_text::segment(&mut d);
        for a in extract(&d) {
            prop_assert_eq!(&s[a.span.start..a.span.end], a.text.as_str());
        }
    }
}
