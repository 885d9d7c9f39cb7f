//! `herald extract PAGE`: print the article extracted from one HTML page as JSON
//! (`{"title","date","url","author","text"}`), through `herald_ingest::extract_html_file`.

use clap::Args;
use herald_ingest::{extract_html_file, ReadOptions};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `herald extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The HTML page (`-` for standard input; gzipped pages are decompressed).
    pub page: PathBuf,
    /// The URL the page was fetched from: the article's URL unless the page names a
    /// canonical one.
    #[arg(long)]
    pub url: Option<String>,
    /// Print the JSON indented.
    #[arg(long)]
    pub pretty: bool,
}

/// Extract the page and print its article; exit code 0, or an error naming the file.
pub fn run(args: &ExtractArgs) -> anyhow::Result<i32> {
    let article = extract_html_file(&args.page, args.url.as_deref(), &ReadOptions::default())?;
    for w in &article.warnings {
        eprintln!("herald: {}: warning: {w}", args.page.display());
    }
    let json = serde_json::json!({
        "title": article.title,
        "date": article.date.map(|d| d.to_string()),
        "url": article.url,
        "author": article.author,
        "text": article.text,
    });
    let mut out = std::io::stdout().lock();
    if args.pretty {
        serde_json::to_writer_pretty(&mut out, &json)?;
    } else {
        serde_json::to_writer(&mut out, &json)?;
    }
    writeln!(out)?;
    Ok(0)
}
