//! The whole pipeline (default dictionaries, shipped parser, every knowledge layer) on
//! arbitrary text: no panic, and every span it reports lies inside the text on character
//! boundaries.
#![no_main]

use herald_core::Document;
use herald_pipeline::{CoderOptions, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let p = Pipeline::load(None, CoderOptions::default()).expect("default dictionaries");
        let model = herald_syntax::Model::load(&herald_syntax::default_model_path())
            .expect("shipped syntax model");
        p.with_syntax(model)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut doc = Document::new(
        "fuzz",
        text.as_ref(),
        chrono::NaiveDate::from_ymd_opt(2023, 3, 17),
    );
    pipeline().process(&mut doc);
    let inside = |start: usize, end: usize| doc.text.get(start..end).is_some();
    for e in &doc.events {
        assert!(inside(e.span.start, e.span.end), "event span {:?}", e.span);
    }
    for m in &doc.mentions {
        assert!(
            inside(m.span.start, m.span.end),
            "mention span {:?}",
            m.span
        );
    }
    for t in &doc.times {
        assert!(inside(t.span.start, t.span.end), "time span {:?}", t.span);
    }
    for q in &doc.quotes {
        assert!(inside(q.span.start, q.span.end), "quote span {:?}", q.span);
    }
});
