//! Trains a model and scores it: the library path behind `herald train syntax`.
//!
//! `cargo run --release -p herald-syntax --example train_syntax -- TRAIN DEV OUT [ITERS] [TAGGER_ITERS] [JACKKNIFE] [SEED] [PRUNE] [ENSEMBLE]`

use herald_syntax::{conllu, evaluate, train, Model, TrainOptions};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 3 {
        return Err("usage: train_syntax TRAIN DEV OUT [ITERS] [TAGGER_ITERS] [JACKKNIFE] [SEED] [PRUNE] [ENSEMBLE]".into());
    }
    let d = TrainOptions::default();
    let opts = TrainOptions {
        iterations: a.get(3).map_or(Ok(d.iterations), |s| s.parse())?,
        tagger_iterations: a.get(4).map_or(Ok(d.tagger_iterations), |s| s.parse())?,
        jackknife: a.get(5).map_or(Ok(d.jackknife), |s| s.parse())?,
        seed: a.get(6).map_or(Ok(d.seed), |s| s.parse())?,
        prune: a.get(7).map_or(Ok(d.prune), |s| s.parse())?,
        ensemble: a.get(8).map_or(Ok(d.ensemble), |s| s.parse())?,
    };
    let t = Instant::now();
    let tr = conllu::read_file(Path::new(&a[0]))?;
    let dev = conllu::read_file(Path::new(&a[1]))?;
    let model = train(&tr, &opts, &mut |m| {
        eprintln!("[{:>7.1}s] {m}", t.elapsed().as_secs_f64())
    })?;
    model.save(Path::new(&a[2]))?;
    let size = std::fs::metadata(&a[2])?.len();
    let lt = Instant::now();
    let model = Model::load(Path::new(&a[2]))?;
    eprintln!(
        "saved {} bytes, reload {:.0} ms",
        size,
        lt.elapsed().as_secs_f64() * 1e3
    );
    let s = evaluate(&model, &dev);
    println!("{opts:?}\ndev: UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2} ({} words), total {:.0} s",
        s.upos, s.xpos, s.lemma, s.uas, s.las, s.words, t.elapsed().as_secs_f64());
    let g = herald_syntax::train::evaluate_gold_tags(&model, &dev);
    println!("dev with gold tags: UAS {:.2} LAS {:.2}", g.uas, g.las);
    Ok(())
}
