//! Documents coded by the real pipeline go into the store whole.

use herald_core::Document;
use herald_store::{export, Filters, Format, Outcome, Store};
use std::path::Path;

fn coded(
    pipeline: &herald_pipeline::Pipeline,
    id: &str,
    url: &str,
    source: &str,
    text: &str,
) -> Document {
    let mut d = Document::new(id, text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    d.url = Some(url.into());
    d.source = Some(source.into());
    pipeline.process(&mut d);
    d
}

fn pipeline() -> herald_pipeline::Pipeline {
    herald_pipeline::Pipeline::load(None, Default::default()).expect("default dictionaries")
}

#[test]
fn pipeline_documents_round_trip() {
    let pipeline = pipeline();
    let texts = [
        "Chinese President Xi Jinping arrived in Moscow on Monday for talks with Russian President Vladimir Putin. \
         Russia accused Ukraine of shelling a border town on Sunday.",
        "Xi Jinping arrived in Moscow on Monday for a state visit. Putin praised China's position. \
         The United Nations criticized Russia.",
    ];
    round_trip(vec![
        coded(&pipeline, "r1", "https://one.example/xi", "One", texts[0]),
        coded(&pipeline, "r2", "https://two.example/xi", "Two", texts[1]),
    ]);
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn the_seed_article_round_trips() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed/xi-russia-visit.txt");
    let text = std::fs::read_to_string(&seed).expect("the seed article");
    let d = coded(
        &pipeline(),
        "seed",
        "https://seed.example/xi",
        "Seed",
        &text,
    );
    assert!(d.events.len() > 5, "{} events", d.events.len());
    round_trip(vec![d]);
}

/// Store `docs` and check that every layer arrived and the export is well formed.
fn round_trip(docs: Vec<Document>) {
    let total: usize = docs.iter().map(|d| d.events.len()).sum();
    assert!(total > 0, "the pipeline coded nothing");
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    for o in s.insert_batch(&docs).unwrap() {
        assert!(matches!(o.unwrap(), Outcome::Inserted(_)));
    }
    let st = s.stats().unwrap();
    assert_eq!(st.events as usize, total);
    assert_eq!(
        st.actor_mentions as usize,
        docs.iter().map(|d| d.mentions.len()).sum::<usize>()
    );
    assert_eq!(
        st.times as usize,
        docs.iter().map(|d| d.times.len()).sum::<usize>()
    );
    assert!(s.verify().unwrap().is_empty());
    let counted = docs
        .iter()
        .flat_map(|d| &d.events)
        .filter(|e| !e.negated)
        .count();
    let mentions: i64 = s
        .connection()
        .query_row(
            "SELECT coalesce(sum(num_mentions), 0) FROM records",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mentions as usize, counted);
    let mut out = Vec::new();
    export(&s, Format::GdeltEvents, &Filters::default(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.lines().all(|l| l.split('\t').count() == 61));
    eprintln!("stored {total} events as {} records", st.records);
}
