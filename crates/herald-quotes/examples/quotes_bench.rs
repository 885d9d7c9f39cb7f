//! Throughput of `extract` over a JSON Lines corpus of articles (`text` field, gzip or
//! plain), segmented with herald_text first; only `extract` is timed.
//!
//! `cargo run --release -p herald-quotes --example quotes_bench -- ../shared/data/corpus/allsides-2012-2020.jsonl.gz [max_docs]`

use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: bench FILE.jsonl[.gz] [max_docs]")?;
    let max: usize = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(usize::MAX);
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let reader: Box<dyn Read> = if path.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let (mut bytes, mut docs, mut quotes, mut direct, mut with_speaker) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut spent = Duration::ZERO;
    let mut cpu = Duration::ZERO;
    let mut lines = BufReader::new(reader).lines();
    let mut lineno = 0;
    loop {
        let line = lines
            .next()
            .transpose()
            .map_err(|e| format!("{path}:{}: {e}", lineno + 1))?;
        let done = line.is_none() || docs >= max;
        if let Some(line) = line.filter(|_| !done) {
            lineno += 1;
            let v: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| format!("{path}:{lineno}: {e}"))?;
            let text = v["text"].as_str().unwrap_or_default();
            let mut doc = herald_core::Document::new(lineno.to_string(), text, None);
            herald_text::segment(&mut doc);
            // As in the pipeline: the stage runs right after segmentation, on a warm document.
            let (c0, t0) = (cpu_time(), Instant::now());
            let q = herald_quotes::extract(&doc);
            spent += t0.elapsed();
            cpu += cpu_time() - c0;
            quotes += q.len();
            direct += q.iter().filter(|q| q.direct).count();
            with_speaker += q.iter().filter(|q| q.speaker.is_some()).count();
            bytes += doc.text.len();
            docs += 1;
        }
        if done {
            break;
        }
    }
    let (secs, csecs) = (spent.as_secs_f64(), cpu.as_secs_f64());
    let mb = bytes as f64 / 1e6;
    println!(
        "{docs} docs, {mb:.1} MB; extract wall {secs:.2} s = {:.1} MB/s, cpu {csecs:.2} s = {:.1} MB/s; \
         {quotes} quotes ({direct} direct), {with_speaker} with a speaker",
        mb / secs,
        mb / csecs
    );
    Ok(())
}

/// CPU time of this thread: wall time counts the time other processes hold the cores.
fn cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
