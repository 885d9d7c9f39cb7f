//! Whom a statement (CAMEO 01) is not addressed to, though the actor stands right after
//! its verb: the news medium it is made through, and the subject of the clause it reports.

use herald_core::{Mention, MentionKind};

/// Why mention `t` is no target of the statement whose verb is at sentence token `v`
/// (`first` is the sentence's first document token), or `None` when it may be.
pub(crate) fn not_addressed(
    norms: &[&str],
    first: usize,
    v: usize,
    t: &Mention,
) -> Option<&'static str> {
    let k = t.tokens.start - first;
    // "she said in an interview on CNN", "told Reuters": a news medium a statement is
    // made through is its channel, not whom it addresses.
    let before = match k.checked_sub(1).map(|i| norms[i]) {
        Some("THE" | "A" | "AN") => k - 1,
        _ => k,
    };
    let channel = t.code.ends_with("MED")
        && before > 0
        && matches!(
            norms[before - 1],
            "TOLD" | "TELL" | "TELLS" | "TELLING" | "ON" | "TO" | "WITH"
        );
    if channel {
        return Some("a statement to a news medium is made through it, not to it");
    }
    // "the lawmaker said she was shocked", "told the newspaper that she had wanted": a
    // pronoun opening the clause a statement reports is its subject (most often the
    // speaker), not whom it is said to.
    let told_that = k > v + 1
        && k <= v + 6
        && norms[k - 1] == "THAT"
        && !norms[v + 1..k]
            .iter()
            .any(|w| matches!(*w, "," | ";" | ":"));
    let opens = k == v + 1 || (k == v + 2 && norms[v + 1] == "THAT") || told_that;
    let pronoun = t.kind == MentionKind::Coreference
        && matches!(norms[k], "HE" | "SHE" | "THEY" | "IT" | "WE" | "I");
    (opens && pronoun)
        .then_some("the subject of the reported clause is what is said, not whom it is said to")
}
