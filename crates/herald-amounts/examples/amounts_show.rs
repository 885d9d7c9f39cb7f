//! Print the amounts of a text file (or standard input), one per line with its sentence.
//!
//! `cargo run -p herald-amounts --example amounts_show [FILE]`

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => {
            text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        }
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let mut doc = herald_core::Document::new("show", text, None);
    herald_text::segment(&mut doc);
    for a in herald_amounts::extract(&doc) {
        let context = doc
            .sentence_at(a.span.start)
            .map(|s| doc.slice(doc.sentences[s].span).replace('\n', " "))
            .unwrap_or_default();
        println!(
            "{:>16} | {:<12} | {:<18} | {:<24} | {}",
            a.value,
            a.unit.as_deref().unwrap_or("-"),
            a.text,
            a.object.as_deref().unwrap_or("-"),
            context.chars().take(140).collect::<String>()
        );
    }
    Ok(())
}
