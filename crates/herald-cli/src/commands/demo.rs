//! `herald demo`: code the bundled sample articles and print a readable summary.

use super::code::CoderArgs;
use clap::Args;
use herald_core::Document;
use herald_ingest::Article;

/// The bundled samples (written for herald; free to redistribute with it).
const SAMPLES: &str = include_str!("../../../../examples/sample-articles.jsonl");

/// Arguments of `herald demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print the full JSON output instead of the summary.
    #[arg(long)]
    pub json: bool,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

#[derive(serde::Deserialize)]
struct Sample {
    id: String,
    date: chrono::NaiveDate,
    title: String,
    source: String,
    text: String,
}

/// Run `herald demo`.
pub fn run(args: &DemoArgs) -> anyhow::Result<i32> {
    let pipeline = args.coder.pipeline()?;
    // One sentence to take apart with `herald explain`, shown after the summary.
    let mut example: Option<(String, chrono::NaiveDate)> = None;
    for line in SAMPLES.lines().filter(|l| !l.trim().is_empty()) {
        let s: Sample = serde_json::from_str(line)?;
        let mut doc = Document::from(Article {
            id: s.id,
            text: s.text,
            date: Some(s.date),
            title: Some(s.title),
            url: None,
            source: Some(s.source),
            author: None,
            warnings: Vec::new(),
        });
        pipeline.process(&mut doc);
        if args.json {
            println!("{}", herald_pipeline::output::to_json_line(&doc));
            continue;
        }
        println!(
            "== {} ({}, {})",
            doc.title.as_deref().unwrap_or(""),
            doc.id,
            s.date
        );
        let actors: Vec<String> = doc
            .mentions
            .iter()
            .map(|m| format!("{} [{}]", m.text, m.code))
            .collect();
        println!("actors: {}", actors.join(", "));
        for e in &doc.events {
            if example.is_none() {
                if let Some(sent) = doc.sentences.get(e.sentence) {
                    // The first event's sentence, on one line.
                    let words: Vec<&str> = doc.text[sent.span.start..sent.span.end]
                        .split_whitespace()
                        .collect();
                    example = Some((words.join(" "), s.date));
                }
            }
            let target = e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-");
            println!(
                "  {}  {:<9} -> {:<9} {:<5} {} (Goldstein {:+.1}, {:?}): \"{}\"",
                e.date.as_deref().unwrap_or("?"),
                e.source.code,
                target,
                e.code,
                e.name,
                e.goldstein,
                e.modality,
                &doc.text[e.span.start..e.span.end]
            );
        }
        println!();
    }
    if let Some((sentence, date)) = example.filter(|_| !args.json) {
        println!(
            "Why was a sentence coded this way (or not at all)? Every step, for any sentence:"
        );
        println!(
            "  herald explain \"{}\" --date {date}",
            sentence.replace('"', "\\\"")
        );
    }
    Ok(0)
}
