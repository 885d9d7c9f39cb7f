//! Per-page token precision/recall/F1 of HTML extraction on the benchmark pages.
//!
//! `cargo run --release -p herald-ingest --example html_scores [DIR]`, where DIR holds
//! `articles.dev.jsonl` and `html/<id>.html.gz` (default: ../shared/data/corpus/html-articles).

use flate2::read::GzDecoder;
use herald_ingest::{extract_html, token_prf};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/corpus/html-articles")
        });
    let gold = std::fs::File::open(dir.join("articles.dev.jsonl"))?;
    let (mut sp, mut sr, mut sf, mut n) = (0.0, 0.0, 0.0, 0usize);
    let start = std::time::Instant::now();
    println!("precision\trecall\tf1\tid\turl");
    for line in BufReader::new(gold).lines() {
        let rec: serde_json::Value = serde_json::from_str(&line?)?;
        let id = rec["id"].as_str().unwrap_or_default();
        let mut html = Vec::new();
        GzDecoder::new(std::fs::File::open(dir.join(format!("html/{id}.html.gz")))?)
            .read_to_end(&mut html)?;
        let text = match extract_html(&html, rec["url"].as_str()) {
            Ok(a) => a.text,
            Err(e) => {
                eprintln!("{id}: {e}");
                String::new()
            }
        };
        let (p, r, f) = token_prf(&text, rec["text"].as_str().unwrap_or(""));
        println!(
            "{p:.3}\t{r:.3}\t{f:.3}\t{id}\t{}",
            rec["url"].as_str().unwrap_or("")
        );
        sp += p;
        sr += r;
        sf += f;
        n += 1;
    }
    let n = n.max(1) as f64;
    println!(
        "mean over {n} pages: precision {:.4} recall {:.4} F1 {:.4} ({:.1} ms/page)",
        sp / n,
        sr / n,
        sf / n,
        start.elapsed().as_secs_f64() * 1000.0 / n
    );
    Ok(())
}
