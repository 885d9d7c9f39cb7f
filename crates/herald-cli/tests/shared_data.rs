//! Acceptance checks on the data in ../shared (ignored, with the reason, when it is absent).

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn herald(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .output()
        .expect("herald runs")
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn seed_article_actors_are_coded_for_the_publication_date() {
    let data = shared();
    let seed = data.join("seed/xi-russia-visit.txt");
    let out = herald(&["code", seed.to_str().unwrap(), "--date", "2023-03-17"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    let actors: Vec<(String, String)> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let (s, e) = (
                a["span"][0].as_u64().unwrap() as usize,
                a["span"][1].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], a["text"].as_str().unwrap());
            (
                a["text"].as_str().unwrap().to_string(),
                a["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let code_of = |name: &str| -> Vec<&str> {
        actors
            .iter()
            .filter(|(t, _)| t.contains(name))
            .map(|(_, c)| c.as_str())
            .collect()
    };
    let expect = [
        ("Xi Jinping", "CHNGOV"),
        ("Vladimir Putin", "RUSGOV"),
        ("Qin Gang", "CHNGOV"),
        ("Wang Yi", "CHNGOV"),
        ("Dmytro Kuleba", "UKRGOV"),
        ("Volodymyr Zelenskyy", "UKRGOV"),
        ("Antony Blinken", "USAGOV"),
        ("Kremlin", "RUSGOV"),
        ("Beijing", "CHN"),
        ("Ukraine", "UKR"),
        ("Saudi Arabia", "SAU"),
        ("Iran", "IRN"),
    ];
    for (name, code) in expect {
        let codes = code_of(name);
        assert!(!codes.is_empty(), "{name} not found in {actors:?}");
        assert!(
            codes.iter().all(|c| c.starts_with(code)),
            "{name}: {codes:?}, want {code}"
        );
    }
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn petrarch_unit_tests_do_not_regress() {
    let data = shared();
    let gold = data.join("eval/petrarch-unittest.dev.jsonl");
    let dicts = data.join("dictionaries/petrarch-validate");
    let out = herald(&[
        "eval",
        "events",
        gold.to_str().unwrap(),
        "--dictionaries",
        dicts.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rep: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let share = rep["exact_share"].as_f64().unwrap();
    eprintln!("petrarch unit tests: {:.1}% exactly right", share * 100.0);
    assert!(rep["records"].as_u64().unwrap() >= 120);
    // 90.0% (117 of 130) since the comma options, negation in patterns and the
    // adverbial-clause rules; a little room for the PLOVER work on the coder.
    assert!(share >= 0.85, "exact share fell to {share}");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn phoenix_dictionaries_load_and_report() {
    let data = shared();
    let dir = data.join("dictionaries/phoenix");
    let out = herald(&["dict", "check", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("load time"), "{s}");
    assert!(
        s.contains("Phoenix.International.actors.txt:6605"),
        "skips are listed with file:line: {s}"
    );
}
