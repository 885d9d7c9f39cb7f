//! Prunes small weights from a model: `prune_model IN OUT THRESHOLD`.

use herald_syntax::Model;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() != 3 {
        return Err("usage: prune_model IN OUT THRESHOLD".into());
    }
    let mut m = Model::load(Path::new(&a[0]))?;
    println!("before: {}", m.stats());
    m.prune(a[2].parse()?);
    println!("after:  {}", m.stats());
    m.save(Path::new(&a[1]))?;
    println!("{} bytes", std::fs::metadata(&a[1])?.len());
    Ok(())
}
