//! The pipeline the integration tests share: herald's default dictionaries and the shipped
//! parser (both in the repository), loaded once per test binary.

// Each test binary uses part of these helpers.
#![allow(dead_code)]

use herald_core::Document;
use herald_events::Options;
use herald_pipeline::Pipeline;
use std::sync::OnceLock;

/// The default pipeline with the shipped syntax model.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let p = Pipeline::load(None, Options::default()).expect("default dictionaries");
        let model = herald_syntax::Model::load(&herald_syntax::default_model_path())
            .expect("shipped syntax model");
        p.with_syntax(model)
    })
}

/// `text`, published 2023-03-17, run through the whole pipeline with `options`.
pub fn coded_with(text: &str, options: &Options) -> Document {
    let mut doc = Document::new("t", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    pipeline().process_with(&mut doc, options);
    doc
}

/// An event as (source code, target code or "", CAMEO code).
pub type Triple = (String, String, String);

/// (source, target or "", code) of every event of `doc`.
pub fn triples_of(doc: &Document) -> Vec<Triple> {
    doc.events
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

/// (source, target or "", code) of every event of `text` with the default options.
pub fn triples(text: &str) -> Vec<Triple> {
    triples_of(&coded_with(text, &Options::default()))
}

/// A triple written out, for assertions.
pub fn ev(s: &str, t: &str, c: &str) -> Triple {
    (s.into(), t.into(), c.into())
}
