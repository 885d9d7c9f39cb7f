//! Tests of the coder as a whole: default codes, patterns, compounds, negation,
//! discards, traces, clause dates and modality.

use crate::*;
use chrono::NaiveDate;
use herald_core::{Event, Modality, Span};
use herald_lexicon::{herald_format, petrarch, Dictionaries};
use std::sync::Arc;

fn coder() -> Coder {
    let mut d = Dictionaries::default();
    herald_format::read_actors(
        "t.actors",
        "Arnor\n    ARN\nGondor\n    GON\nOsgiliath\n    OSG\nMordor\n    MOR\n",
        &mut d,
    );
    petrarch::read_verbs(
        "t.verbs",
        "--- RESTORE [064] ---\nRESTORE\n- * TIES (WITH +) [064]\n\n--- VISIT [042:043] ---\nVISIT\n- * (FOR TALKS) [046]\n\n--- INVADE [192] ---\nINVADE\n\n--- ACCUSE [112] ---\nACCUSE\n- $ * + (OF LYING) [111]\n\n--- IGNORE [---] ---\nIGNORE\n",
        &mut d,
    );
    petrarch::read_discards("t.discards", "FOOTBALL\n", &mut d);
    // PETRARCH's default, dyads only, which these tests were written against.
    let options = Options {
        require_dyad: true,
        ..Options::default()
    };
    Coder::new(Arc::new(Lexicon::new(d)), options)
}

fn events(text: &str) -> Vec<(String, String, String)> {
    let c = coder();
    let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(1995, 1, 1));
    herald_text::segment(&mut doc);
    herald_actors::recognize(&mut doc, c.lexicon());
    c.code(&mut doc);
    for e in &doc.events {
        assert!(doc.text.get(e.span.start..e.span.end).is_some());
    }
    triples(&doc.events)
}

fn ev(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn default_code_and_paired_events() {
    assert_eq!(events("Mordor invaded Gondor."), [ev("MOR", "GON", "192")]);
    assert_eq!(
        events("Arnor visited Gondor."),
        [ev("ARN", "GON", "042"), ev("GON", "ARN", "043")]
    );
}

#[test]
fn patterns_pick_specific_codes() {
    assert_eq!(
        events("Arnor will restore full diplomatic ties with Gondor."),
        [ev("ARN", "GON", "064")]
    );
    assert_eq!(
        events("Arnor visited Gondor for talks."),
        [ev("ARN", "GON", "046")]
    );
    assert_eq!(
        events("Arnor accused Gondor of lying."),
        [ev("ARN", "GON", "111")]
    );
    assert_eq!(events("Arnor accused Gondor."), [ev("ARN", "GON", "112")]);
}

#[test]
fn compounds_negation_nulls_and_discards() {
    assert_eq!(
        events("Arnor and Osgiliath invaded Gondor."),
        [ev("OSG", "GON", "192"), ev("ARN", "GON", "192")]
    );
    assert_eq!(events("Mordor did not invade Gondor."), []);
    assert_eq!(events("Mordor ignored Gondor."), []);
    assert_eq!(events("Mordor invaded Gondor at football."), []);
    // The source is not a prepositional object.
    assert_eq!(
        events("In Gondor, Mordor invaded Osgiliath."),
        [ev("MOR", "OSG", "192")]
    );
}

#[test]
fn traces_say_why_verbs_did_not_code() {
    let c = coder();
    let mut doc = Document::new(
        "t",
        "Mordor invaded. Arnor accused Gondor. The visit to Gondor ended. It rained.",
        None,
    );
    herald_text::segment(&mut doc);
    herald_actors::recognize(&mut doc, c.lexicon());
    let t0 = c.trace_sentence(&doc, 0, &c.options);
    assert_eq!(t0.len(), 1);
    assert!(t0[0].outcome.contains("no target actor"), "{:?}", t0);
    let t1 = c.trace_sentence(&doc, 1, &c.options);
    assert!(t1[0].outcome.starts_with("coded 112 ARN → GON"), "{:?}", t1);
    assert!(
        t1[0].outcome.contains("the actor right before the verb"),
        "{:?}",
        t1
    );
    let t2 = c.trace_sentence(&doc, 2, &c.options);
    assert!(t2[0].outcome.contains("noun"), "{:?}", t2);
    let t3 = c.trace_sentence(&doc, 3, &c.options);
    assert!(t3[0].outcome.contains("no actor"), "{:?}", t3);
}

#[test]
fn clause_dates_follow_the_parse() {
    let c = coder();
    let text = "Mordor said on Monday that Arnor invaded Gondor in May.";
    let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(1995, 6, 1));
    herald_text::segment(&mut doc);
    herald_actors::recognize(&mut doc, c.lexicon());
    // Mordor said on Monday that Arnor invaded Gondor in May .
    // 0      1    2  3      4    5     6       7      8  9   10
    let heads: [(Option<usize>, &str, &str); 11] = [
        (Some(1), "nsubj", "PROPN"),
        (None, "root", "VERB"),
        (Some(3), "case", "ADP"),
        (Some(1), "obl", "PROPN"),
        (Some(6), "mark", "SCONJ"),
        (Some(6), "nsubj", "PROPN"),
        (Some(1), "ccomp", "VERB"),
        (Some(6), "obj", "PROPN"),
        (Some(9), "case", "ADP"),
        (Some(6), "obl", "PROPN"),
        (Some(1), "punct", "PUNCT"),
    ];
    doc.sentences[0].syntax = Some(
        heads
            .iter()
            .map(|&(head, deprel, upos)| herald_core::TokenSyntax {
                upos: upos.into(),
                xpos: String::new(),
                lemma: String::new(),
                head,
                deprel: deprel.into(),
            })
            .collect(),
    );
    let timex = |word: &str, value: &str| {
        let start = text.find(word).unwrap();
        herald_core::Timex {
            text: word.into(),
            span: Span::new(start, start + word.len()),
            kind: "DATE".into(),
            value: value.into(),
        }
    };
    doc.times = vec![timex("Monday", "1995-05-29"), timex("May", "1995-05")];
    c.code(&mut doc);
    let invade = doc.events.iter().find(|e| e.code == "192").unwrap();
    assert_eq!(invade.date.as_deref(), Some("1995-05"));
    assert_eq!(invade.date_source, Some(herald_core::DateSource::Clause));
}

#[test]
fn modality_flags() {
    let c = coder();
    let mut doc = Document::new(
        "t",
        "Mordor will invade Gondor. Arnor said Mordor invaded Osgiliath.",
        None,
    );
    herald_text::segment(&mut doc);
    herald_actors::recognize(&mut doc, c.lexicon());
    c.code(&mut doc);
    assert_eq!(doc.events[0].modality, Modality::Future);
    assert_eq!(doc.events[1].modality, Modality::Reported);
    assert_eq!(doc.events[1].source.code, "MOR");
    assert!(doc.events[0].pattern.contains("INVADE"));
}

/// (source, target, code) of each event, for the tests.
pub(crate) fn triples(events: &[Event]) -> Vec<(String, String, String)> {
    events
        .iter()
        .map(|e| {
            (
                e.source.code.clone(),
                e.target
                    .as_ref()
                    .map(|t| t.code.clone())
                    .unwrap_or_default(),
                e.code.clone(),
            )
        })
        .collect()
}
