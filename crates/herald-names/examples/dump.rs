fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut doc = herald_core::Document::new("t", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut doc);
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap());
    herald_actors::recognize(&mut doc, &lex);
    for m in &doc.mentions {
        println!("{:?}\t{}\t{}\t{:?}", m.kind, m.text, m.code, m.span);
    }
}
