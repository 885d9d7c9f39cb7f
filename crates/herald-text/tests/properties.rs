//! Properties every segmentation must have, on arbitrary text.

use herald_core::Document;
use proptest::prelude::*;

fn news_like() -> impl Strategy<Value = String> {
    // Mix words, abbreviations, quotes, numbers, newlines and arbitrary Unicode.
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("China’s ".to_string()),
        Just("“Yes,” he said. ".to_string()),
        Just("$190bn ".to_string()),
        Just("29.5% ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("[File: AP] ".to_string()),
        Just("two-day ".to_string()),
        Just("https://t.co/VZTkw…".to_string()),
        Just("U.S.… ".to_string()),
        Just("“Yes.” ".to_string()),
        "[a-zA-Z]{1,8} ",
        "\\PC{0,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_slice_the_text_and_cover_it_in_order(text in news_like()) {
        let mut doc = Document::new("p", text.clone(), None);
        herald_text::segment(&mut doc);
        // Tokens: on char boundaries, in order, not overlapping, never empty.
        let mut last = 0;
        for t in &doc.tokens {
            prop_assert!(t.span.start >= last);
            prop_assert!(t.span.end > t.span.start);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last = t.span.end;
        }
        // Sentences: in order, each on char boundaries, their token ranges tile the tokens.
        let mut next_token = 0;
        let mut last_end = 0;
        for s in &doc.sentences {
            prop_assert_eq!(s.tokens.start, next_token);
            prop_assert!(s.tokens.end > s.tokens.start);
            prop_assert!(s.span.start >= last_end);
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            prop_assert!(s.paragraph < doc.paragraphs.len());
            prop_assert!(doc.paragraphs[s.paragraph].contains(s.span));
            next_token = s.tokens.end;
            last_end = s.span.end;
        }
        prop_assert_eq!(next_token, doc.tokens.len());
        // Every non-whitespace character lies inside exactly one sentence.
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                let n = doc.sentences.iter().filter(|s| s.span.start <= i && i < s.span.end).count();
                prop_assert_eq!(n, 1, "char {:?} at {} not covered once", c, i);
            }
        }
    }
}
