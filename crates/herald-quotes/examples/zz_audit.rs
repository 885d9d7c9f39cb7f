use std::io::{BufRead, BufReader};
fn main() {
    let lex = herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap());
    let r = BufReader::new(flate2::read::GzDecoder::new(
        std::fs::File::open("/work/shared/data/corpus/allsides-2012-2020.jsonl.gz").unwrap(),
    ));
    let mut n = 0;
    for (i, line) in r.lines().enumerate().skip(3000).step_by(577).take(60) {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let mut doc = herald_core::Document::new("x", v["text"].as_str().unwrap(), None);
        herald_text::segment(&mut doc);
        herald_actors::recognize(&mut doc, &lex);
        let qs = herald_quotes::extract(&doc);
        if qs.is_empty() {
            continue;
        }
        let q = &qs[(i * 7) % qs.len()];
        let si = doc.sentence_at(q.span.start).unwrap_or(0);
        let a = doc.sentences[si.saturating_sub(1)].span.start;
        let b = doc.sentences[(si + 1).min(doc.sentences.len() - 1)]
            .span
            .end;
        let ctx: String = doc.text[a..b].replace('\n', " ");
        n += 1;
        println!(
            "#{n} {} SPK={:?} VERB={:?}\n   Q: {}\n   C: {}\n",
            if q.direct { "D" } else { "I" },
            q.speaker.as_ref().map(|s| (&s.name, &s.code)),
            q.verb,
            q.text
                .chars()
                .take(100)
                .collect::<String>()
                .replace('\n', " "),
            ctx.chars().take(500).collect::<String>()
        );
    }
}
