//! Throughput of the names and places stage over a JSON Lines corpus, and gazetteer load
//! time. Documents are segmented and their actors recognised first, untimed; then
//! `locations`, `persons` and `organizations` run over all of them, timed.
//!
//! ```sh
//! cargo run --release -p herald-names --example names_bench -- ../shared/data/corpus/allsides-2012-2020.jsonl.gz [MAX_DOCS]
//! ```

use flate2::read::GzDecoder;
use std::io::{BufRead, BufReader};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/corpus/allsides-2012-2020.jsonl.gz".into());
    let max: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let t = Instant::now();
    let gaz = herald_names::Gazetteer::load_default()?;
    println!(
        "gazetteer: {} entries loaded in {:.1} ms",
        gaz.places().len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default()?);
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(&path)?));
    let mut lines = reader.lines();
    let (mut bytes, mut ndocs) = (0usize, 0usize);
    let mut wall = [0.0f64; 3];
    let mut cpu = [0.0f64; 3];
    let mut found = [0usize; 3];
    // Batches keep memory bounded while the timed loops run over many documents at once.
    loop {
        let mut docs = Vec::new();
        while docs.len() < 2000 && ndocs < max {
            let Some(line) = lines.next() else { break };
            let v: serde_json::Value = serde_json::from_str(&line?)?;
            let Some(text) = v["text"].as_str() else {
                continue;
            };
            let mut doc = herald_core::Document::new("b", text, None);
            herald_text::segment(&mut doc);
            herald_actors::recognize(&mut doc, &lex);
            bytes += text.len();
            ndocs += 1;
            docs.push(doc);
        }
        if docs.is_empty() {
            break;
        }
        for (i, w) in wall.iter_mut().enumerate() {
            let (t, c) = (Instant::now(), thread_cpu());
            for d in &docs {
                found[i] += match i {
                    0 => herald_names::locations(d, &gaz).len(),
                    1 => herald_names::persons(d).len(),
                    _ => herald_names::organizations(d).len(),
                };
            }
            *w += t.elapsed().as_secs_f64();
            cpu[i] += thread_cpu() - c;
        }
    }
    let mb = bytes as f64 / 1e6;
    for (i, what) in ["locations", "persons", "organizations"].iter().enumerate() {
        println!(
            "{what}: {} found; wall {:.2} s ({:.1} MB/s), cpu {:.2} s ({:.1} MB/s)",
            found[i],
            wall[i],
            mb / wall[i],
            cpu[i],
            mb / cpu[i]
        );
    }
    let (w, c): (f64, f64) = (wall.iter().sum(), cpu.iter().sum());
    println!(
        "{ndocs} docs, {mb:.1} MB; all three: wall {w:.2} s ({:.1} MB/s), cpu {c:.2} s ({:.1} MB/s)",
        mb / w,
        mb / c
    );
    Ok(())
}

/// CPU time of this thread in seconds: the machine is shared, wall time overstates cost.
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
