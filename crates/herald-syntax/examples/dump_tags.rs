//! Prints `TAG form gold predicted` for mis-tagged words and `LAB form gold predicted`
//! for mislabelled correct arcs (error analysis).
//!
//! `cargo run --release -p herald-syntax --example dump_tags -- MODEL GOLD.conllu`

use herald_syntax::{conllu, Model};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 2 {
        return Err("usage: dump_tags MODEL GOLD.conllu".into());
    }
    let m = Model::load(Path::new(&a[0]))?;
    for s in conllu::read_file(Path::new(&a[1]))? {
        let out = m.analyze(&s.forms());
        for (w, o) in s.words.iter().zip(&out) {
            if w.upos != o.upos {
                println!("TAG\t{}\t{}\t{}", w.form, w.upos, o.upos);
            }
            if w.head == Some(o.head.map_or(0, |h| h + 1)) && w.deprel != o.deprel {
                println!("LAB\t{}\t{}\t{}", w.form, w.deprel, o.deprel);
            }
        }
    }
    Ok(())
}
