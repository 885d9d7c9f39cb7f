//! Throughput of each knowledge stage (amounts, tone, quotes, locations, persons,
//! organisations) over a JSON Lines corpus. Documents are segmented and their actors
//! recognised first, untimed; then each stage runs over all of them, timed, best of 3.
//!
//! `cargo run --release -p herald-pipeline --example stage_bench [CORPUS] [MAX_MB] [STAGE]`;
//! CORPUS defaults to ../shared/data/corpus/allsides-2012-2020.jsonl.gz (gzip or plain),
//! MAX_MB (text megabytes read) to all, STAGE to every stage.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

const STAGES: &[&str] = &[
    "amounts",
    "tone",
    "quotes",
    "locations",
    "persons",
    "organizations",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/corpus/allsides-2012-2020.jsonl.gz")
    });
    let max_bytes = match args.next() {
        Some(mb) => mb.parse::<f64>()? * 1e6,
        None => f64::INFINITY,
    };
    let only = args.next();
    if let Some(s) = &only {
        if !STAGES.contains(&s.as_str()) {
            return Err(format!("unknown stage {s:?}; one of {}", STAGES.join(", ")).into());
        }
    }
    let t = Instant::now();
    let gaz = herald_names::Gazetteer::load_default()?;
    println!(
        "gazetteer: {} entries loaded in {:.1} ms",
        gaz.places().len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default()?);
    let file = std::fs::File::open(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let reader: Box<dyn Read> = if corpus.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", corpus.display(), n + 1))?;
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", corpus.display(), n + 1))?;
        let text = v["text"].as_str().unwrap_or_default();
        bytes += text.len();
        let mut d = herald_core::Document::new(n.to_string(), text, None);
        herald_text::segment(&mut d);
        herald_actors::recognize(&mut d, &lex);
        docs.push(d);
        if bytes as f64 >= max_bytes {
            break;
        }
    }
    let mb = bytes as f64 / 1e6;
    println!("{} docs, {mb:.1} MB of text", docs.len());
    for &stage in STAGES {
        if only.as_deref().is_some_and(|s| s != stage) {
            continue;
        }
        // CPU time of this thread as well as wall time: on a shared machine wall time
        // measures the neighbours as much as this code.
        let (mut best, mut best_cpu, mut found) = (f64::INFINITY, f64::INFINITY, 0usize);
        for _ in 0..3 {
            let (start, cpu) = (Instant::now(), thread_cpu_seconds());
            found = docs
                .iter()
                .map(|d| {
                    std::hint::black_box(match stage {
                        "amounts" => herald_amounts::extract(d).len(),
                        "tone" => herald_tone::tone(d).words,
                        "quotes" => herald_quotes::extract(d).len(),
                        "locations" => herald_names::locations(d, &gaz).len(),
                        "persons" => herald_names::persons(d).len(),
                        _ => herald_names::organizations(d).len(),
                    })
                })
                .sum();
            best = best.min(start.elapsed().as_secs_f64());
            best_cpu = best_cpu.min(thread_cpu_seconds() - cpu);
        }
        println!(
            "{stage}: {found} found; best of 3: wall {best:.3} s = {:.1} MB/s, CPU {best_cpu:.3} s = {:.1} MB/s",
            mb / best,
            mb / best_cpu
        );
    }
    Ok(())
}

/// CPU seconds used by the calling thread.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant libc defines.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
