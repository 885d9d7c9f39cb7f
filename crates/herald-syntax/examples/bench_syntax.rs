//! Throughput benchmark: tag + lemmatise + parse a CoNLL-U file's sentences on one core.
//!
//! `cargo run --release -p herald-syntax --example bench_syntax -- [MODEL] [FILE.conllu] [REPEAT]`

use herald_syntax::{conllu, default_model_path, Model, StageTimes};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model_path = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(default_model_path);
    let data = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/ud/en_ewt-ud-test.conllu")
    });
    let repeat: usize = args.get(2).map_or(Ok(3), |s| s.parse())?;
    let t = Instant::now();
    let model = Model::load(&model_path)?;
    println!(
        "load: {:.1} ms ({})",
        t.elapsed().as_secs_f64() * 1e3,
        model_path.display()
    );
    let sents = conllu::read_file(&data)?;
    let forms: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let tokens: usize = forms.iter().map(Vec::len).sum::<usize>() * repeat;
    let mut times = StageTimes::default();
    let t = Instant::now();
    let mut sink = 0usize;
    for _ in 0..repeat {
        for f in &forms {
            sink += model.analyze_timed(f, &mut times).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(sink, tokens);
    let total = (times.tagging + times.lemma + times.parsing).max(1) as f64;
    println!(
        "{tokens} tokens in {secs:.3} s: {:.0} tokens/s; tagging {:.1}%, lemma {:.1}%, parsing {:.1}%",
        tokens as f64 / secs,
        100.0 * times.tagging as f64 / total,
        100.0 * times.lemma as f64 / total,
        100.0 * times.parsing as f64 / total
    );
    Ok(())
}
