use std::io::Read;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mut text = String::new();
    std::fs::File::open(&path)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    let mut doc =
        herald_core::Document::new("t", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut doc);
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap());
    herald_actors::recognize(&mut doc, &lex);
    for m in &doc.mentions {
        println!(
            "M {:?} {} {:?} s{} {:?}",
            m.text, m.code, m.kind, m.sentence, m.span
        );
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        println!("S{} p{} {:?}", i, s.paragraph, doc.slice(s.span));
    }
    for t in doc.tokens.iter().take(40) {
        println!("T {:?} {:?} {:?}", doc.slice(t.span), t.norm, t.kind);
    }
    for q in herald_quotes::extract(&doc) {
        println!("Q {:?}", q);
    }
}
