//! Loads the dictionary sets in ../shared (ignored, with the reason, when absent).

use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dictionaries")
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn phoenix_set_loads_with_every_skip_reported() {
    let dir = shared();
    let t = std::time::Instant::now();
    let d = herald_lexicon::load_dir(&dir.join("phoenix")).unwrap();
    let r = &d.report;
    eprintln!(
        "phoenix: {} files, {} actors ({} names), {} agents, {} verb blocks, {} verbs, {} patterns, {} synsets, {} discards, {} diagnostics in {:?}",
        r.files.len(), r.actors, r.actor_names, r.agents, r.verb_blocks, r.verbs, r.patterns, r.synsets, r.discards, r.diagnostics.len(), t.elapsed()
    );
    assert_eq!(r.files.len(), 6);
    assert!(r.actors > 15_000, "{}", r.actors);
    assert!(r.patterns > 4_000, "{}", r.patterns);
    for diag in r.diagnostics.iter().take(100) {
        eprintln!("  {diag}");
    }
    assert!(r.agents > 1_000);
    // Every diagnostic names a file and line.
    for diag in &r.diagnostics {
        assert!(diag.origin.line > 0 && !diag.origin.file.is_empty());
    }
    let lx = herald_lexicon::Lexicon::new(d);
    assert!(lx.matcher.len() > 30_000, "{}", lx.matcher.len());
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn validation_set_loads() {
    let dir = shared();
    let d = herald_lexicon::load_dir(&dir.join("petrarch-validate")).unwrap();
    for diag in &d.report.diagnostics {
        eprintln!("{diag}");
    }
    assert!(d.report.actors > 100);
    assert!(d.report.patterns > 300);
}
