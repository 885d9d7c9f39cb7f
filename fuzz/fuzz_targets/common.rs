//! What the dictionary targets share: checks on the load report, and coding a few
//! sentences with the dictionaries read.

use herald_core::Document;
use herald_events::{Coder, Options};
use herald_lexicon::{Dictionaries, Lexicon};
use std::sync::Arc;

/// Sentences that reach most of the coder: names, agents, verbs, nouns, a passive.
const TEXT: &str = "Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on \
Monday. Police arrested 40 protesters. The rebels were attacked by government troops, \
officials said. Germany and France signed an agreement with the United Nations to send aid.";

/// Every diagnostic names a line of the file (1-based, within it).
pub fn check_diagnostics(d: &Dictionaries, bytes: &[u8]) {
    let lines = bytes.split(|&b| b == b'\n').count() as u32;
    for diag in &d.report.diagnostics {
        assert!(
            diag.origin.line >= 1 && diag.origin.line <= lines,
            "diagnostic at line {} of a {lines}-line file: {}",
            diag.origin.line,
            diag.message
        );
    }
}

/// Compile the dictionaries and code [`TEXT`] with them.
pub fn code_with(mut d: Dictionaries) {
    d.recount();
    let lexicon = Arc::new(Lexicon::new(d));
    let coder = Coder::new(lexicon.clone(), Options::default());
    let mut doc = Document::new("fuzz", TEXT, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut doc);
    herald_actors::recognize_in(&mut doc, &lexicon, |_| (Vec::new(), None));
    coder.code(&mut doc);
    for e in &doc.events {
        assert!(
            TEXT.get(e.span.start..e.span.end).is_some(),
            "event span {:?}",
            e.span
        );
    }
}
