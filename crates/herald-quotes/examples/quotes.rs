//! Prints the quotations of a plain-text article as JSON lines, after segmentation and
//! actor recognition with the default dictionaries.
//!
//! `cargo run -p herald-quotes --example quotes -- ARTICLE.txt [YYYY-MM-DD]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: quotes ARTICLE.txt [YYYY-MM-DD]")?;
    let date = args
        .next()
        .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
        .transpose()
        .map_err(|e| format!("bad date: {e}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut doc = herald_core::Document::new(path.as_str(), text, date);
    herald_text::segment(&mut doc);
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default()?);
    herald_actors::recognize(&mut doc, &lex);
    for q in herald_quotes::extract(&doc) {
        println!("{}", serde_json::to_string(&q)?);
    }
    Ok(())
}
