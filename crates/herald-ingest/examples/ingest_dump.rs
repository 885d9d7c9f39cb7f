//! Print the articles (or errors) read from a file, one line each.
//!
//! `cargo run -p herald-ingest --example ingest_dump FILE [FORMAT]`

use herald_ingest::{read, InputFormat, ReadOptions};
use std::path::PathBuf;

fn main() {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: dump FILE [text|jsonl|html|feed|warc]"),
    );
    let format = match std::env::args().nth(2).as_deref() {
        Some("text") => InputFormat::Text,
        Some("jsonl") => InputFormat::Jsonl,
        Some("html") => InputFormat::Html,
        Some("feed") => InputFormat::Feed,
        Some("warc") => InputFormat::Warc,
        _ => InputFormat::Auto,
    };
    let stream = match read(&path, format, &ReadOptions::default()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    for item in stream {
        match item {
            Ok((origin, a)) => {
                let head: String = a.text.chars().take(80).collect();
                println!(
                    "{origin}\tid={} date={:?} url={:?} title={:?} chars={} | {}",
                    a.id,
                    a.date,
                    a.url,
                    a.title,
                    a.text.len(),
                    head.replace('\n', " ")
                );
            }
            Err(e) => println!("ERROR {e}"),
        }
    }
}
