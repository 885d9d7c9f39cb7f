//! Arbitrary input: spans slice the text on char boundaries and nothing panics.

use herald_core::Document;
use proptest::prelude::*;

fn check(text: &str) {
    let mut doc = Document::new("p", text, None);
    herald_text::segment(&mut doc);
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
        check(&text);
    }

    #[test]
    fn quote_heavy_text(parts in proptest::collection::vec(
        prop_oneof![
            Just("\""), Just("“"), Just("”"), Just("‘"), Just("’"), Just("„"), Just("«"), Just("»"),
            Just(" said "), Just(" told "), Just(" that "), Just(" according to "), Just(", "),
            Just(":"), Just("\n\n"), Just(". "), Just("He"), Just("it"), Just("Putin"),
            Just("the Kremlin"), Just("é"), Just("talks"), Just(" "), Just("Kuleba’s"),
        ],
        0..60,
    )) {
        check(&parts.concat());
    }
}
