//! Prints the persons, organisations and places herald finds in a text file.
//!
//! ```sh
//! cargo run -p herald-names --example names -- article.txt
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: names FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut doc = herald_core::Document::new(path, text, None);
    herald_text::segment(&mut doc);
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default()?);
    herald_actors::recognize(&mut doc, &lex);
    let gaz = herald_names::Gazetteer::load_default()?;
    for n in herald_names::persons(&doc) {
        println!("person\t{}\t{:?}", n.text, n.code);
    }
    for n in herald_names::organizations(&doc) {
        println!("organization\t{}\t{:?}", n.text, n.code);
    }
    for l in herald_names::locations(&doc, &gaz) {
        println!(
            "location\t{}\t{}\t{:?}\t{:?}\t{:?}",
            l.text, l.kind, l.country, l.adm1, l.code
        );
    }
    for i in 0..doc.sentences.len() {
        if let Some(l) = herald_names::event_location(&doc, i, &gaz) {
            println!("event_location\tsentence {i}\t{}", l.text);
        }
    }
    Ok(())
}
