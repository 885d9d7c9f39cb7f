//! Scores a model on gold CoNLL-U files (the library path behind `herald eval syntax`).
//!
//! `cargo run --release -p herald-syntax --example eval_syntax -- MODEL GOLD.conllu...`

use herald_syntax::{conllu, evaluate, Model};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 2 {
        return Err("usage: eval_syntax MODEL GOLD.conllu...".into());
    }
    let m = Model::load(Path::new(&a[0]))?;
    for g in &a[1..] {
        let s = evaluate(&m, &conllu::read_file(Path::new(g))?);
        println!(
            "{g}: UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2} ({} words)",
            s.upos, s.xpos, s.lemma, s.uas, s.las, s.words
        );
    }
    Ok(())
}
