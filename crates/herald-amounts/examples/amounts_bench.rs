//! Throughput of the amounts stage over the allsides corpus (segmentation time excluded).
//!
//! `cargo run --release -p herald-amounts --example amounts_bench [CORPUS] [MAX_MB]`; CORPUS defaults to
//! ../shared/data/corpus/allsides-2012-2020.jsonl.gz, MAX_MB (text megabytes read) to all.

use flate2::read::GzDecoder;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    let file = std::fs::File::open(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for (n, line) in BufReader::new(GzDecoder::new(file)).lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", corpus.display(), n + 1))?;
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", corpus.display(), n + 1))?;
        let text = v["text"].as_str().unwrap_or_default();
        bytes += text.len();
        let mut d = herald_core::Document::new(n.to_string(), text, None);
        herald_text::segment(&mut d);
        docs.push(d);
        if bytes as f64 >= max_bytes {
            break;
        }
    }
    // CPU time of this thread as well as wall time: the machine is shared, and wall time
    // then measures the neighbours as much as this code.
    let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
    let mut total = 0usize;
    for _ in 0..3 {
        let start = Instant::now();
        let cpu = thread_cpu_seconds();
        total = docs
            .iter()
            .map(|d| std::hint::black_box(herald_amounts::extract(d).len()))
            .sum();
        best = best.min(start.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(thread_cpu_seconds() - cpu);
    }
    println!(
        "herald-amounts: {} docs, {:.1} MB of text, best of 3: wall {:.3} s = {:.1} MB/s, CPU {:.3} s = {:.1} MB/s ({total} amounts found)",
        docs.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        best_cpu,
        bytes as f64 / 1e6 / best_cpu
    );
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
