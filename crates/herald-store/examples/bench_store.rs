//! Measure insert and query speed on synthetic articles.
//!
//! `cargo run --release -p herald-store --example bench_store -- [ARTICLES] [DB]`
//! (default 40000 articles, about 3.75 events each, into a temporary file).

use chrono::{Duration, NaiveDate};
use herald_core::{ActorRef, Document, Event, Modality, Sentence, Span, Tone};
use herald_store::{Filters, Format, PeriodBy, Sort, Store, TimelineOptions};
use std::time::Instant;

const ACTORS: &[&str] = &[
    "CHN", "CHNGOV", "RUS", "RUSGOV", "RUSMIL", "USA", "USAGOV", "UKR", "UKRMIL", "IGOUNO", "DEU",
    "FRA", "GBR", "IRN", "ISR", "PSE", "TUR", "IND", "PAK", "JPN",
];
const CODES: &[(&str, f32, u8)] = &[
    ("042", 1.9, 1),
    ("036", 4.0, 1),
    ("010", 0.0, 1),
    ("057", 8.0, 1),
    ("0874", 10.0, 2),
    ("112", -2.0, 3),
    ("130", -4.4, 3),
    ("190", -10.0, 4),
    ("173", -5.0, 4),
];

/// A small deterministic generator (xorshift) so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}

fn article(i: usize, rng: &mut Rng) -> Document {
    let day = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Duration::days((i % 730) as i64);
    let n = 2 + rng.next() % 4;
    let mut text = String::new();
    let mut d = Document::new(format!("a{i}"), "", Some(day));
    for k in 0..n {
        let s = ACTORS[rng.next() % ACTORS.len()];
        let t = ACTORS[rng.next() % ACTORS.len()];
        let (code, g, q) = CODES[rng.next() % CODES.len()];
        let start = text.len();
        text.push_str(s);
        let s_end = text.len();
        text.push_str(" acted on ");
        let t0 = text.len();
        text.push_str(t);
        let t1 = text.len();
        text.push_str(&format!(" in article {i} sentence {k}. "));
        d.sentences.push(Sentence {
            span: Span::new(start, text.len() - 1),
            tokens: 0..0,
            paragraph: k,
            syntax: None,
            country: None,
        });
        d.events.push(Event {
            source: ActorRef {
                code: s.into(),
                text: s.into(),
                span: Span::new(start, s_end),
                implied: false,
            },
            target: Some(ActorRef {
                code: t.into(),
                text: t.into(),
                span: Span::new(t0, t1),
                implied: false,
            }),
            code: code.into(),
            root: code[..2].into(),
            name: "event".into(),
            goldstein: g,
            quad_class: q,
            plover: None,
            date: None,
            date_source: Some(herald_core::DateSource::Article),
            sentence: k,
            span: Span::new(s_end + 1, s_end + 6),
            pattern: "bench".into(),
            modality: Modality::Asserted,
            negated: false,
            reported_by: None,
            confidence: None,
            decided_by: None,
            location: None,
        });
    }
    d.text = text;
    d.url = Some(format!("https://outlet{}.example/{i}", i % 50));
    d.source = Some(format!("outlet{}", i % 50));
    d.tone = Some(Tone {
        tone: -1.0,
        ..Default::default()
    });
    d
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(40_000);
    let dir = tempfile::tempdir()?;
    let path = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let docs: Vec<Document> = (0..n).map(|i| article(i, &mut rng)).collect();
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    let mut store = Store::open(&path)?;
    let t = Instant::now();
    for chunk in docs.chunks(256) {
        for o in store.insert_batch(chunk)? {
            o?;
        }
    }
    let ins = t.elapsed().as_secs_f64();
    println!(
        "insert: {n} articles, {events} events in {ins:.2} s ({:.0} articles/s)",
        n as f64 / ins
    );
    let t = Instant::now();
    for chunk in docs.chunks(256) {
        store.insert_batch(chunk)?;
    }
    println!(
        "re-insert (all duplicates): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let st = store.stats()?;
    println!(
        "records: {}, file: {} MB",
        st.records,
        std::fs::metadata(&path)?.len() / 1_000_000
    );
    for (a, b, by) in [
        ("CHN", "RUS", PeriodBy::Month),
        ("USA", "UKR", PeriodBy::Week),
    ] {
        let t = Instant::now();
        let tl = store.timeline(
            a,
            b,
            TimelineOptions {
                by,
                directed: false,
            },
        )?;
        let total: i64 = tl.periods.iter().map(|p| p.events).sum();
        println!(
            "timeline {a} {b} {by:?}: {} periods, {total} records in {:.1} ms",
            tl.periods.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let t = Instant::now();
    let f = Filters {
        actor: Some("CHN".into()),
        ..Default::default()
    };
    let rows = store.events(&f, 50, 0, Sort::Mentions)?;
    println!(
        "events --actor CHN --sort mentions limit 50: {} rows in {:.1} ms",
        rows.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let pairs = store.actor_pairs(20)?;
    println!(
        "actor_pairs(20): {} rows in {:.1} ms",
        pairs.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let mut sink = std::io::sink();
    let rows = herald_store::export(&store, Format::GdeltEvents, &Filters::default(), &mut sink)?;
    println!(
        "export gdelt-events: {rows} rows in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
