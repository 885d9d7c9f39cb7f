//! Extraction throughput over a TempEval-style JSON Lines file (texts loaded first, then
//! extracted ten times): `cargo run --release -p herald-time --example time_bench -- FILE`.

use std::time::Instant;

/// User + system CPU seconds of this thread (Linux), to see through a loaded machine.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let f: Vec<&str> = s.get(s.rfind(')')? + 2..)?.split(' ').collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: throughput FILE.jsonl")?;
    let mut docs = Vec::new();
    for (n, line) in std::fs::read_to_string(&path)?.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let anchor = v["date"].as_str().and_then(herald_time::parse_anchor);
        docs.push((text, anchor));
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let reps = 10;
    let (cpu0, wall0) = (cpu_seconds(), Instant::now());
    let mut found = 0;
    for _ in 0..reps {
        for (text, anchor) in &docs {
            found += herald_time::extract(text, *anchor).len();
        }
    }
    let wall = wall0.elapsed().as_secs_f64();
    let mb = (bytes * reps) as f64 / 1e6;
    println!(
        "{} documents, {bytes} bytes, {} expressions per pass",
        docs.len(),
        found / reps
    );
    println!("wall: {:.1} MB/s", mb / wall);
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        if b > a {
            println!("cpu:  {:.1} MB/s", mb / (b - a));
        }
    }
    Ok(())
}
