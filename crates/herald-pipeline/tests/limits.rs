//! Per-article limits: an article of 40,000 sentences, a text without full stops and a
//! sentence of one huge word all finish, coded up to the limits, with warnings saying
//! what was left out; an article over its CPU budget is reported, the next one coded.

use herald_core::Document;
use herald_pipeline::{CodeErrorKind, CoderOptions, Limits, Pipeline};
use std::sync::OnceLock;
use std::time::Duration;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::load(None, CoderOptions::default()).expect("own dictionaries"))
}

fn sentences(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "Russian troops attacked Ukrainian positions near Kharkiv in attack number {i}."
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn forty_thousand_sentences_are_coded_up_to_the_limit() {
    let doc = Document::new("long", sentences(40_000), None);
    let p = pipeline();
    let coded = p.code(doc).expect("coded");
    assert_eq!(
        coded.sentences.len(),
        herald_pipeline::DEFAULT_MAX_SENTENCES
    );
    assert_eq!(
        coded.warnings,
        ["35000 sentence(s) after the first 5000 left out of coding"]
    );
    assert!(!coded.events.is_empty());
    assert!(coded.events.iter().all(|e| e.sentence < 5000));
}

#[test]
fn huge_words_and_texts_without_full_stops_finish() {
    let mut text = sentences(3);
    text.push(' ');
    text.push_str(&"x".repeat(100_000));
    text.push_str(" and then ");
    text.push_str(&"more words without any stop ".repeat(20_000));
    let coded = pipeline()
        .code(Document::new("odd", text, None))
        .expect("coded");
    assert!(
        coded
            .warnings
            .iter()
            .any(|w| w.contains("longer than 16384 bytes")),
        "{:?}",
        coded.warnings
    );
    assert!(coded.sentences.iter().all(|s| s.span.len() <= 16384));
    assert!(coded.events.iter().any(|e| e.sentence < 3));
}

#[test]
fn text_past_the_coded_bytes_limit_is_left_out() {
    // 15 MB without a full stop took 474 s before the limits; 2 MB stands in for it.
    let text = "Russian troops attacked Ukrainian positions near Kharkiv on Monday officials said "
        .repeat(25_000);
    let coded = pipeline()
        .code(Document::new("nostop", text, None))
        .expect("coded");
    let last = coded.sentences.last().unwrap().span.end;
    assert!(last <= 1 << 20, "{last}");
    assert!(
        coded
            .warnings
            .iter()
            .any(|w| w.contains("after the first 1048576 bytes of text left out")),
        "{:?}",
        coded.warnings
    );
    assert!(coded.times.iter().all(|t| t.span.end <= last));
}

#[test]
fn an_article_over_its_cpu_budget_is_reported_and_the_next_is_coded() {
    let strict = Pipeline::load(None, CoderOptions::default())
        .unwrap()
        .with_limits(Limits {
            max_cpu: Duration::ZERO,
            ..Limits::default()
        });
    let out = strict.code_batch(vec![
        Document::new("a", sentences(200), None),
        Document::new("b", "Short.", None),
    ]);
    let err = out[0].as_ref().unwrap_err();
    assert_eq!(err.kind, CodeErrorKind::OverBudget);
    assert!(
        err.to_string()
            .contains("\"a\" not coded: over the CPU budget"),
        "{err}"
    );
    // A tiny article may also run over a zero budget; what matters is that the batch
    // went on and said which article failed.
    assert_eq!(out.len(), 2);
    let relaxed = pipeline().code(Document::new("a", sentences(200), None));
    assert!(relaxed.is_ok());
}
