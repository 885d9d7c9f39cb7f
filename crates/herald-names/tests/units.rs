//! One test per construction, on sentences written for the purpose.

use herald_core::Document;
use herald_names::{event_location, locations, organizations, persons, Gazetteer};
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::load_default().unwrap())
}

fn lex() -> &'static herald_lexicon::Lexicon {
    static L: OnceLock<herald_lexicon::Lexicon> = OnceLock::new();
    L.get_or_init(|| herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap()))
}

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut d);
    herald_actors::recognize(&mut d, lex());
    d
}

fn places(text: &str) -> Vec<(String, String, String)> {
    locations(&doc(text), gaz())
        .into_iter()
        .map(|l| (l.text, l.country.unwrap_or_default(), l.kind))
        .collect()
}

fn texts(v: Vec<herald_core::Name>) -> Vec<String> {
    v.into_iter().map(|n| n.text).collect()
}

#[test]
fn countries_resolve_with_codes() {
    let d = doc("Talks were held in Russia and the US on Monday.");
    let l = locations(&d, gaz());
    assert_eq!(l.len(), 2, "{l:?}");
    assert_eq!(l[0].country.as_deref(), Some("RUS"));
    assert_eq!(l[0].fips.as_deref(), Some("RS"));
    assert_eq!(l[0].kind, "country");
    assert_eq!(l[1].text, "US");
    assert_eq!(l[1].country.as_deref(), Some("USA"));
    assert_eq!(d.slice(l[1].span), "US");
}

#[test]
fn adjectives_are_not_places() {
    let p = places("The Russian President met Chinese officials.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn lower_case_us_is_not_the_country() {
    let p = places("Us and them: he told us everything.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn cities_carry_coordinates_and_adm1() {
    let d = doc("Protesters gathered in Moscow on Saturday.");
    let l = locations(&d, gaz());
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(l[0].kind, "city");
    assert_eq!(l[0].country.as_deref(), Some("RUS"));
    assert!((l[0].lat.unwrap() - 55.75).abs() < 0.1);
    assert!(l[0].geonameid.is_some() && l[0].adm1.is_some());
}

#[test]
fn paris_is_french_unless_texas_is_there() {
    let p = places("The summit in Paris ended late.");
    assert_eq!(p[0].1, "FRA");
    let p = places("Storms hit Texas overnight. Roads in Paris were flooded.");
    let paris = p.iter().find(|x| x.0 == "Paris").unwrap();
    assert_eq!(paris.1, "USA");
}

#[test]
fn curated_regions() {
    let p = places("Ships crossed the Black Sea near Crimea.");
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p[0], ("Black Sea".into(), String::new(), "region".into()));
    assert_eq!(p[1].1, "UKR");
}

#[test]
fn common_words_need_a_cue() {
    // Nice is a French city but mostly an adjective in news.
    assert!(places("It was a Nice day, she said.").is_empty());
    let p = places("The attack in Nice killed 86 people.");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].1, "FRA");
}

#[test]
fn person_names_are_not_towns() {
    // Obama is a town in Japan.
    let p = places("Barack Obama spoke on Tuesday. Obama said the deal was good.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn part_of_a_longer_name_is_not_a_place() {
    let p = places("He wrote for the Washington Post and the New York Times.");
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn dateline_gives_the_event_location() {
    let d = doc("KYIV, Ukraine (Reuters) - Officials met on Monday.\n\nThey talked about peace.");
    let l = event_location(&d, 1, gaz()).expect("dateline");
    assert_eq!(l.text, "KYIV");
    assert_eq!(l.country.as_deref(), Some("UKR"));
}

#[test]
fn event_location_prefers_in_or_at_in_the_sentence() {
    let d = doc("MOSCOW (Reuters) - Russia and China signed a deal in Beijing on Monday.");
    let l = event_location(&d, 0, gaz()).unwrap();
    assert_eq!(l.text, "Beijing");
    let d = doc("The ministers talked for hours.");
    assert!(event_location(&d, 0, gaz()).is_none());
}

#[test]
fn actor_code_of_overlapping_mention() {
    let l = locations(&doc("Officials in Beijing said so."), gaz());
    assert_eq!(l[0].code.as_deref(), Some("CHN"));
}

#[test]
fn persons_from_mentions_lose_their_titles() {
    let p = texts(persons(&doc(
        "Russian President Vladimir Putin met reporters. Putin smiled.",
    )));
    assert_eq!(p, ["Vladimir Putin"]);
}

#[test]
fn persons_after_a_title_or_role() {
    let p = texts(persons(&doc(
        "The ministry spokesman Ivan Petrov denied it.",
    )));
    assert_eq!(p, ["Ivan Petrov"]);
    let p = texts(persons(&doc("[File: Maria Gonzalez, Reuters]")));
    assert_eq!(p, ["Maria Gonzalez"]);
    let p = texts(persons(&doc(
        "Reuters’s Tom Hale, reporting from Kabul, said more.",
    )));
    assert_eq!(p, ["Tom Hale"]);
}

#[test]
fn persons_before_who_or_said() {
    let p = texts(persons(&doc(
        "Local farmer Ana Lopes Silva, who lost her crops, was angry.",
    )));
    assert_eq!(p, ["Ana Lopes Silva"]);
    let p = texts(persons(&doc("Then Kwame Mensah said the vote was fair.")));
    assert_eq!(p, ["Kwame Mensah"]);
    // A place or an organisation before "said" is not a person.
    assert!(persons(&doc("Then Saudi Arabia said no.")).is_empty());
}

#[test]
fn organizations_by_cue_word_and_media() {
    let o = texts(organizations(&doc(
        "The Ministry of Foreign Affairs and the Green Valley Party spoke to AFP and Al Jazeera.",
    )));
    assert_eq!(
        o,
        [
            "Ministry of Foreign Affairs",
            "Green Valley Party",
            "AFP",
            "Al Jazeera"
        ]
    );
}

#[test]
fn organizations_from_possessive_institution() {
    let o = texts(organizations(&doc(
        "Brazil’s foreign ministry said it would respond.",
    )));
    assert_eq!(o, ["Brazil’s foreign ministry"]);
}

#[test]
fn titles_are_not_organizations() {
    let o = texts(organizations(&doc(
        "US Secretary of State Antony Blinken arrived.",
    )));
    assert!(o.is_empty(), "{o:?}");
}

#[test]
fn names_are_listed_once_with_first_span() {
    let d = doc("Reuters reported it. Later Reuters said more.");
    let o = organizations(&d);
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].span.start, 0);
}

#[test]
fn bad_gazetteer_lines_name_file_and_line() {
    let e = Gazetteer::parse("C\tX\n", "g.tsv", "", "c.tsv").unwrap_err();
    assert_eq!(e.to_string(), "g.tsv:1: expected 8 fields, found 2");
    let e = Gazetteer::parse("", "g.tsv", "# c\nalias\tFoo\tZZ\n", "c.tsv").unwrap_err();
    assert!(
        e.to_string().starts_with("c.tsv:2: unknown country code"),
        "{e}"
    );
    let e = Gazetteer::parse("P\tA\t\t\tUS\tTX\tx\t1\t1\t1\t\n", "g.tsv", "", "c.tsv").unwrap_err();
    assert!(e.to_string().contains("g.tsv:1: bad latitude"), "{e}");
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn spans_point_at_their_text(s in "([A-Z][a-z]{0,7}|in|the|US|,|\\.|’s|Paris|Black Sea|Mr\\.|said| ){0,30}") {
            let d = doc(&s);
            for l in locations(&d, gaz()) {
                prop_assert_eq!(d.slice(l.span), l.text.as_str());
            }
            for n in persons(&d).into_iter().chain(organizations(&d)) {
                prop_assert_eq!(d.slice(n.span), n.text.as_str());
            }
            for i in 0..d.sentences.len() {
                let _ = event_location(&d, i, gaz());
            }
        }
    }
}
