//! The seed article against its hand-made gold lists (ignored without ../shared).

use herald_names::{locations, organizations, persons, Gazetteer};
use std::path::Path;

fn norm(s: &str) -> String {
    s.replace('\u{2019}', "'").to_lowercase()
}

/// Share of gold found and share of output in gold, printed and returned.
fn score(what: &str, found: &[String], gold: &[String]) -> (f64, f64) {
    let f: Vec<String> = found.iter().map(|s| norm(s)).collect();
    let g: Vec<String> = gold.iter().map(|s| norm(s)).collect();
    let hit = g.iter().filter(|x| f.contains(x)).count();
    let ok = f.iter().filter(|x| g.contains(x)).count();
    let r = hit as f64 / g.len().max(1) as f64;
    let p = ok as f64 / f.len().max(1) as f64;
    println!(
        "{what}: recall {hit}/{} = {r:.3}, precision {ok}/{} = {p:.3}",
        g.len(),
        f.len()
    );
    println!(
        "  missing: {:?}",
        g.iter().filter(|x| !f.contains(x)).collect::<Vec<_>>()
    );
    println!(
        "  extra:   {:?}",
        f.iter().filter(|x| !g.contains(x)).collect::<Vec<_>>()
    );
    (r, p)
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn seed_article_names_and_places() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed");
    let (Ok(text), Ok(gold)) = (
        std::fs::read_to_string(dir.join("xi-russia-visit.txt")),
        std::fs::read_to_string(dir.join("xi-russia-visit.gold.json")),
    ) else {
        panic!("reading the seed article and its gold in {}", dir.display());
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
    let list = |k: &str| -> Vec<String> {
        gold[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let mut doc =
        herald_core::Document::new("seed", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut doc);
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap());
    herald_actors::recognize(&mut doc, &lex);
    let gaz = Gazetteer::load_default().unwrap();

    let p: Vec<String> = persons(&doc).into_iter().map(|n| n.text).collect();
    let o: Vec<String> = organizations(&doc).into_iter().map(|n| n.text).collect();
    // A place counts by the gazetteer's name for it ("the US" is United States).
    let mut l: Vec<String> = Vec::new();
    for loc in locations(&doc, &gaz) {
        let name = loc
            .geonameid
            .and_then(|id| gaz.by_geonameid(id))
            .map(|p| p.name.clone())
            .unwrap_or(loc.text);
        if !l.contains(&name) {
            l.push(name);
        }
    }
    let (pr, _) = score("persons", &p, &list("persons"));
    let (or, _) = score("organizations", &o, &list("organizations"));
    let (lr, _) = score("locations", &l, &list("locations"));
    assert!(pr >= 0.9 && or >= 0.9 && lr >= 0.9, "recall below 90%");
}
