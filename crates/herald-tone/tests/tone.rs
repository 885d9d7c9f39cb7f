//! Tone on sentences written for these tests.

use herald_core::Document;
use herald_tone::{tone, tone_with, Lexicon};
use proptest::prelude::*;

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text, None);
    herald_text::segment(&mut d);
    d
}

#[test]
fn clearly_positive_sentence() {
    // 7 words: "wonderful", "great", "success" are positive in VADER, none negative.
    let t = tone(&doc("The wonderful talks were a great success."));
    assert_eq!(t.words, 7);
    assert!((t.positive - 300.0 / 7.0).abs() < 1e-9, "{t:?}");
    assert_eq!(t.negative, 0.0);
    assert!((t.tone - t.positive).abs() < 1e-12);
    assert!((t.polarity - (t.positive + t.negative)).abs() < 1e-12);
}

#[test]
fn clearly_negative_sentence() {
    let t = tone(&doc(
        "Troops killed dozens in a brutal attack, a horrible war crime.",
    ));
    assert!(t.tone < -30.0, "{t:?}");
    assert_eq!(t.positive, 0.0);
    assert!(t.negative > 30.0);
}

#[test]
fn negation_flips_within_three_words() {
    let plain = tone(&doc("The deal is good."));
    let negated = tone(&doc("The deal is not good."));
    let clitic = tone(&doc("The deal isn't good."));
    assert!(plain.tone > 0.0, "{plain:?}");
    assert!(negated.tone < 0.0, "{negated:?}");
    assert!(clitic.tone < 0.0, "{clitic:?}");
    // Out of reach: four words between the negator and the sentiment word.
    let far = tone(&doc("It was not what they called a good deal."));
    assert!(far.tone > 0.0, "{far:?}");
    // A sentence end stops the negation.
    let reset = tone(&doc("Not now. Good."));
    assert!(reset.tone > 0.0, "{reset:?}");
}

#[test]
fn empty_text_is_neutral() {
    assert_eq!(tone(&doc("")), herald_core::Tone::default());
    assert_eq!(tone(&doc("   \n\n 12 , ;")).words, 0);
    assert_eq!(tone(&doc("")).tone, 0.0);
}

#[test]
fn numbers_and_possessives_are_not_words() {
    // "China", "ties", "grew" count; "'s" and "29" do not.
    assert_eq!(tone(&doc("China's ties grew 29")).words, 3);
}

#[test]
fn custom_lexicon() {
    let lex = Lexicon::parse("blue\t2\nred\t-1\n", "colours.tsv").unwrap();
    let t = tone_with(&doc("Blue red blue sky"), &lex);
    assert_eq!(t.words, 4);
    assert_eq!(t.positive, 50.0);
    assert_eq!(t.negative, 25.0);
    assert_eq!(t.tone, 25.0);
}

proptest! {
    #[test]
    fn any_text_gives_tone_in_range(s in "\\PC{0,200}") {
        let t = tone(&doc(&s));
        prop_assert!((-100.0..=100.0).contains(&t.tone));
        prop_assert!(t.polarity <= 100.0 + 1e-9);
        prop_assert!(t.positive >= 0.0 && t.negative >= 0.0);
    }
}
