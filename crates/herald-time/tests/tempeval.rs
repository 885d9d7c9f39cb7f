//! Regression guard on the shared TempEval-3 data (ignored when ../shared is absent).

use std::path::Path;

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn tempeval_timebank_aquaint_scores() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let file = shared.join("data/corpus/tempeval3-train.jsonl");
    let rep = herald_time::eval::evaluate_file(&file).expect("readable");
    assert!(rep.errors.is_empty(), "{:?}", rep.errors);
    let s = rep.tbaq().scores();
    assert_eq!(s.docs, 256);
    // Measured 0.800 value F1 / 0.937 extraction F1; guard against regressions.
    assert!(s.value_f1 >= 0.79, "value F1 {:.3}", s.value_f1);
    assert!(s.f1 >= 0.92, "extraction F1 {:.3}", s.f1);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn seed_article_dates() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed");
    let (Ok(text), Ok(gold)) = (
        std::fs::read_to_string(shared.join("xi-russia-visit.txt")),
        std::fs::read_to_string(shared.join("xi-russia-visit.gold.json")),
    ) else {
        panic!(
            "reading the seed article and its gold in {}",
            shared.display()
        );
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
    let found = herald_time::extract(&text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    for g in gold["dates"].as_array().unwrap() {
        let (t, v) = (g["text"].as_str().unwrap(), g["value"].as_str().unwrap());
        assert!(
            found.iter().any(|x| x.text == t && x.value == v),
            "missing {t} = {v}"
        );
    }
}
