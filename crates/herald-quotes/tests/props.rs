//! Arbitrary input: spans slice the text on char boundaries and nothing panics.

use herald_core::Document;
use proptest::prelude::*;
use std::sync::OnceLock;

fn lexicon() -> &'static herald_lexicon::Lexicon {
    static LEX: OnceLock<herald_lexicon::Lexicon> = OnceLock::new();
    LEX.get_or_init(|| herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap()))
}

fn check(text: &str, actors: bool) {
    let mut doc = Document::new("p", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut doc);
    // Mentions drive speaker codes and pronouns: exercise those paths too.
    if actors {
        herald_actors::recognize(&mut doc, lexicon());
    }
    for q in herald_quotes::extract(&doc) {
        assert!(q.span.end <= text.len() && q.span.start <= q.span.end);
        assert!(text.get(q.span.start..q.span.end).is_some(), "{:?}", q.span);
        if let Some(s) = q.speaker {
            assert!(text.get(s.span.start..s.span.end).is_some(), "{:?}", s.span);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text(text in "\\PC{0,200}") {
        check(&text, false);
    }

    #[test]
    fn quote_heavy_text(parts in proptest::collection::vec(
        prop_oneof![
            Just("\""), Just("“"), Just("”"), Just("‘"), Just("’"), Just("„"), Just("«"), Just("»"),
            Just(" said "), Just(" told "), Just(" that "), Just(" according to "), Just(", "),
            Just(":"), Just("\n\n"), Just(". "), Just("He"), Just("it"), Just("Putin"),
            Just("the Kremlin"), Just("é"), Just("talks"), Just(" "), Just("Kuleba’s"),
            Just("Vladimir Putin"), Just("Olaf Scholz"), Just(" of Texas"), Just(" on Friday"),
            Just(", a senator,"), Just("Al Jazeera’s Jane Doe"), Just("Senator"), Just("his"),
        ],
        0..60,
    )) {
        check(&parts.concat(), true);
    }
}
