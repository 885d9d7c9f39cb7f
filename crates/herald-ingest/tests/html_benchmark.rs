//! Article extraction measured on the article-extraction-benchmark pages in ../shared:
//! token precision/recall/F1 averaged over pages. Ignored when ../shared is absent.

use flate2::read::GzDecoder;
use herald_ingest::{extract_html, token_prf};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn html_extraction_f1_on_benchmark_pages() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/html-articles");
    let gold = std::fs::File::open(dir.join("articles.dev.jsonl")).expect("articles.dev.jsonl");
    let (mut sp, mut sr, mut sf, mut n) = (0.0, 0.0, 0.0, 0usize);
    // Pages whose gold date is ISO (YYYY-MM-DD...), and how many we date the same day.
    let (mut dated, mut same_day) = (0usize, 0usize);
    for line in BufReader::new(gold).lines() {
        let line = line.unwrap();
        let rec: serde_json::Value = serde_json::from_str(&line).unwrap();
        let id = rec["id"].as_str().unwrap();
        let mut html = Vec::new();
        GzDecoder::new(std::fs::File::open(dir.join(format!("html/{id}.html.gz"))).unwrap())
            .read_to_end(&mut html)
            .unwrap();
        let article = extract_html(&html, rec["url"].as_str()).unwrap_or_default();
        let gold_day = rec["date"].as_str().and_then(|d| d.get(..10));
        if let Some(day) = gold_day.filter(|d| d.as_bytes()[4] == b'-') {
            dated += 1;
            same_day += usize::from(article.date.map(|d| d.to_string()).as_deref() == Some(day));
        }
        let text = article.text;
        let (p, r, f) = token_prf(&text, rec["text"].as_str().unwrap_or(""));
        sp += p;
        sr += r;
        sf += f;
        n += 1;
    }
    assert!(n > 0);
    let (p, r, f) = (sp / n as f64, sr / n as f64, sf / n as f64);
    println!("html extraction over {n} pages: precision {p:.4} recall {r:.4} F1 {f:.4}");
    println!(
        "publication date: {same_day} of {dated} pages with an ISO gold date found on the same day"
    );
    assert!(f >= 0.90, "token F1 {f:.4} fell below 0.90");
    assert!(same_day * 10 >= dated * 9, "dates: {same_day} of {dated}");
}
