//! Dictionary lines found by the fuzz targets (`fuzz/`, `scripts/fuzz`), minimised and
//! rewritten by hand: each once panicked a reader. A bad line is a diagnostic naming
//! file:line, and the rest of the file loads.

use herald_lexicon::{petrarch, Dictionaries};

/// A verb that is only underscores (`_`, or `__` among the forms) indexed an empty list
/// of words and panicked `herald code --dictionaries`, `dict check` and
/// `dict import-petrarch` (fuzz target `dict_petrarch`).
#[test]
fn a_verb_of_underscores_is_reported_not_a_panic() {
    let text = "--- ABANDON  [345]  ---\n\
                ABANDON\n\
                _ [002]\n\
                LEAVE {__ LEFT} [003]\n\
                - * ALLY  [345]\n";
    let mut d = Dictionaries::default();
    petrarch::read_verbs("CAMEO.verbs.txt", text, &mut d);
    let block = &d.verbs[0];
    let lemmas: Vec<&str> = block.verbs.iter().map(|v| v.lemma.as_str()).collect();
    assert_eq!(lemmas, ["ABANDON", "LEAVE"]);
    // The underscores among LEAVE's forms are left out; its other form is kept.
    assert!(block.verbs[1].forms.iter().any(|f| f == "LEFT"));
    assert!(block.verbs[1].forms.iter().all(|f| !f.is_empty()));
    assert_eq!(block.patterns.len(), 1);
    let diags: Vec<String> = d.report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].starts_with("CAMEO.verbs.txt:3: bad verb"),
        "{diags:?}"
    );
}
