//! The seed article's gold amounts.

use std::path::Path;

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn seed_article_gold_amounts() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let path = shared.join("data/seed/xi-russia-visit.txt");
    let text = std::fs::read_to_string(&path).expect("read seed article");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("data/seed/xi-russia-visit.gold.json"))
            .expect("read gold"),
    )
    .expect("gold parses");
    let mut doc = herald_core::Document::new("seed", text, None);
    herald_text::segment(&mut doc);
    let found = herald_amounts::extract(&doc);
    for g in gold["amounts"].as_array().expect("gold amounts") {
        let text = g["text"].as_str().unwrap();
        let a = found
            .iter()
            .find(|a| a.text == text)
            .unwrap_or_else(|| panic!("gold amount {text:?} not found in {found:#?}"));
        assert_eq!(a.value, g["value"].as_f64().unwrap(), "{a:?}");
        assert_eq!(a.unit.as_deref(), g["unit"].as_str(), "{a:?}");
        eprintln!("{text}: object {:?} (gold {:?})", a.object, g["object"]);
    }
    eprintln!("all amounts: {found:#?}");
}
