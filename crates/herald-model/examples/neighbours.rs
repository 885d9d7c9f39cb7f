//! Print the nearest vocabulary pieces of a few words, to eyeball distilled vectors:
//! `cargo run -p herald-model --example neighbours -- data/models attack`.
use herald_model::StaticVectors;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(&args[1]);
    let v = StaticVectors::load(
        &dir.join("static-vectors.bin"),
        &dir.join("static-vocab.txt"),
    )
    .unwrap();
    let vocab: Vec<String> = std::fs::read_to_string(dir.join("static-vocab.txt"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let d = v.dims();
    let vec_of = |w: &str| {
        let mut x = vec![0f32; d];
        v.mean_into(w, &mut x);
        let n = x.iter().map(|a| a * a).sum::<f32>().sqrt().max(1e-9);
        x.iter().map(|a| a / n).collect::<Vec<f32>>()
    };
    for w in &args[2..] {
        let q = vec_of(w);
        let mut sims: Vec<(f32, &str)> = vocab
            .iter()
            .filter(|t| t.chars().all(|c| c.is_ascii_lowercase()) && t.len() > 2)
            .map(|t| {
                (
                    vec_of(t).iter().zip(&q).map(|(a, b)| a * b).sum::<f32>(),
                    t.as_str(),
                )
            })
            .collect();
        sims.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!("{w}: {:?}", &sims[..10]);
    }
}
