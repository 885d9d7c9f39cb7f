//! Training on a tiny treebank, tree validity of parser output, model files.

use herald_syntax::{conllu, evaluate, train, Model, SyntaxError, TrainOptions};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn tiny() -> Vec<conllu::Sentence> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny.conllu");
    conllu::read_file(&p).expect("fixture parses")
}

fn tiny_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let opts = TrainOptions {
            iterations: 15,
            tagger_iterations: 15,
            jackknife: 0,
            seed: 7,
            prune: 0.0,
            ensemble: 1,
        };
        train(&tiny(), &opts, &mut |_| {}).expect("trains")
    })
}

#[test]
fn learns_its_tiny_training_set() {
    let s = evaluate(tiny_model(), &tiny());
    assert!(s.upos >= 99.0, "{s:?}");
    assert!(s.xpos >= 99.0, "{s:?}");
    assert!(s.lemma >= 99.0, "{s:?}");
    assert!(s.uas >= 95.0, "{s:?}");
    assert!(s.las >= 90.0, "{s:?}");
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let opts = TrainOptions {
        iterations: 3,
        tagger_iterations: 3,
        jackknife: 2,
        seed: 3,
        prune: 0.0,
        ensemble: 2,
    };
    let a = train(&tiny(), &opts, &mut |_| {}).expect("trains");
    let b = train(&tiny(), &opts, &mut |_| {}).expect("trains");
    assert_eq!(a.to_bytes(), b.to_bytes());
}

#[test]
fn save_load_round_trip() {
    let m = tiny_model();
    let bytes = m.to_bytes();
    let back = Model::from_bytes(&bytes).expect("reads back");
    let words = ["Rebels", "attacked", "Moscow", "."];
    assert_eq!(m.analyze(&words), back.analyze(&words));
    let dir = std::env::temp_dir().join(format!("herald-syntax-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join("m.model");
    m.save(&p).expect("saves");
    assert_eq!(
        Model::load(&p).expect("loads").analyze(&words),
        m.analyze(&words)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_model_bytes_are_errors() {
    assert!(matches!(
        Model::from_bytes(b"nope"),
        Err(SyntaxError::Model(_))
    ));
    let mut bytes = tiny_model().to_bytes();
    bytes.truncate(bytes.len() / 2);
    assert!(Model::from_bytes(&bytes).is_err());
    let e = Model::load(Path::new("/nonexistent/m.model"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("/nonexistent/m.model"), "{e}");
}

#[test]
fn empty_sentence_gives_empty_analysis() {
    assert!(tiny_model().analyze(&[]).is_empty());
}

#[test]
fn training_without_trees_is_an_error() {
    let s = conllu::parse_str("1\ta\ta\tX\tX\t_\t_\t_\t_\t_\n", "x").expect("valid");
    assert!(matches!(
        train(&s, &TrainOptions::default(), &mut |_| {}),
        Err(SyntaxError::Train(_))
    ));
}

/// Checks that `heads` (0-based, None = root) form one tree over all words.
fn check_tree(heads: &[Option<usize>]) -> Result<(), String> {
    let n = heads.len();
    let roots = heads.iter().filter(|h| h.is_none()).count();
    if roots != 1 {
        return Err(format!("{roots} roots in {heads:?}"));
    }
    for (i, h) in heads.iter().enumerate() {
        if let Some(h) = h {
            if *h >= n || *h == i {
                return Err(format!("bad head {h} for {i}"));
            }
        }
        // Walk up: must reach the root within n steps (no cycles).
        let mut cur = i;
        let mut steps = 0;
        while let Some(h) = heads[cur] {
            cur = h;
            steps += 1;
            if steps > n {
                return Err(format!("cycle through {i} in {heads:?}"));
            }
        }
    }
    Ok(())
}

/// Checks that no two arcs cross (the arc-hybrid system only builds projective trees;
/// the root word's arc spans from before the sentence).
fn check_projective(heads: &[Option<usize>]) -> Result<(), String> {
    // Positions shifted by one so the artificial root is 0.
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(d, h)| {
            let (d, h) = (d + 1, h.map_or(0, |h| h + 1));
            (d.min(h), d.max(h))
        })
        .collect();
    for &(a, b) in &arcs {
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return Err(format!("arcs {a}-{b} and {c}-{d} cross in {heads:?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn tree_checks_reject_broken_trees() {
    assert!(check_tree(&[None, Some(0), Some(1)]).is_ok());
    assert!(check_tree(&[None, None]).is_err());
    assert!(check_tree(&[Some(1), Some(0), None]).is_err());
    assert!(check_projective(&[None, Some(3), Some(0), Some(0)]).is_err());
    assert!(check_projective(&[Some(1), None, Some(1)]).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn parser_output_is_always_a_tree(words in prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec!["Russia", "the", "talks", ".", ",", "and", "“", "’s", "$", "190bn", "U.S.", "were", "by"]).prop_map(String::from),
            "[A-Za-z0-9'’\\-]{1,8}",
        ], 1..40)) {
        let words: Vec<&str> = words.iter().map(|s| &**s).collect();
        let out = tiny_model().analyze(&words);
        prop_assert_eq!(out.len(), words.len());
        let heads: Vec<Option<usize>> = out.iter().map(|a| a.head).collect();
        prop_assert!(check_tree(&heads).is_ok(), "{:?}", check_tree(&heads));
        prop_assert!(check_projective(&heads).is_ok(), "{:?}", check_projective(&heads));
        for a in &out {
            prop_assert!(!a.deprel.is_empty() && !a.upos.is_empty() && !a.lemma.is_empty());
            prop_assert_eq!(a.head.is_none(), a.deprel == "root");
        }
    }
}

#[test]
fn shipped_model_parses_a_simple_sentence() {
    let p = herald_syntax::default_model_path();
    let m = Model::load(&p).expect("shipped model loads");
    let out = m.analyze(&["Russia", "invaded", "Ukraine", "."]);
    assert_eq!(out[1].head, None, "{out:?}");
    assert_eq!(out[1].deprel, "root");
    assert_eq!(out[1].lemma, "invade");
    assert_eq!(
        (out[0].head, out[0].deprel.as_str()),
        (Some(1), "nsubj"),
        "{out:?}"
    );
    assert_eq!(
        (out[2].head, out[2].deprel.as_str()),
        (Some(1), "obj"),
        "{out:?}"
    );
    assert_eq!(out[0].upos, "PROPN");
    // Curly quotes and split possessives from herald's tokenizer.
    let out = m.analyze(&["China", "’s", "“", "peace", "plan", "”", "failed", "."]);
    assert_eq!(out[1].xpos, "POS", "{out:?}");
    assert_eq!(out[6].head, None, "{out:?}");
}

/// The shipped model's full output for two news sentences, recorded before the
/// speed work (form, lemma, UPOS, XPOS, 1-based head, relation per line): layout
/// and speed changes must not change a single prediction.
#[test]
fn shipped_model_output_is_unchanged() {
    let p = herald_syntax::default_model_path();
    let m = Model::load(&p).expect("shipped model loads");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shipped_model_regression.tsv");
    let want = std::fs::read_to_string(&fixture).expect("fixture");
    let mut got = String::new();
    for block in want.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let words: Vec<&str> = block
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        for (w, a) in words.iter().zip(m.analyze(&words)) {
            let head = a.head.map_or(0, |h| h + 1);
            got.push_str(&format!(
                "{w}\t{}\t{}\t{}\t{head}\t{}\n",
                a.lemma, a.upos, a.xpos, a.deprel
            ));
        }
        got.push('\n');
    }
    assert_eq!(got, want);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn shipped_model_scores_on_ewt_dev() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let p = herald_syntax::default_model_path();
    let m = Model::load(&p).expect("loads");
    let gold = conllu::read_file(&shared.join("data/ud/en_ewt-ud-dev.conllu")).expect("reads");
    // A slice keeps the debug-build test fast.
    let s = evaluate(&m, &gold[..400]);
    assert!(s.upos > 90.0 && s.uas > 78.0 && s.las > 72.0, "{s:?}");
}
