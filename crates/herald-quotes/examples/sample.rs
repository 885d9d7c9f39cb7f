use std::io::{BufRead, BufReader};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let skip: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let n: usize = std::env::args().nth(3).unwrap().parse().unwrap();
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap());
    let r = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()));
    for line in r.lines().skip(skip).step_by(97).take(n) {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let mut doc = herald_core::Document::new("x", v["text"].as_str().unwrap(), None);
        herald_text::segment(&mut doc);
        herald_actors::recognize(&mut doc, &lex);
        for q in herald_quotes::extract(&doc) {
            let t: String = q.text.chars().take(90).collect();
            let s = q.speaker.map(|s| format!("{} [{}]", s.name, s.code.unwrap_or_default())).unwrap_or("-".into());
            println!("{} | {} | {:?} | {}", if q.direct {"D"} else {"I"}, s, q.verb.unwrap_or_default(), t.replace('\n', " "));
        }
    }
}
