//! The seed article from the shared data: tone is computed and plausible.

use std::path::Path;

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn seed_article_tone() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let path = shared.join("data/seed/xi-russia-visit.txt");
    let text = std::fs::read_to_string(&path).expect("read seed article");
    let mut doc = herald_core::Document::new("seed", text, None);
    herald_text::segment(&mut doc);
    let t = herald_tone::tone(&doc);
    assert!(t.words > 500, "{t:?}");
    // An article about a war and peace talks carries both kinds of words.
    assert!(t.positive > 1.0 && t.negative > 1.0, "{t:?}");
    assert!((-20.0..20.0).contains(&t.tone), "{t:?}");
    eprintln!("seed tone: {t:?}");
}
