//! Throughput on news: segment the first articles of a JSON Lines corpus with
//! herald-text, then tag + lemmatise + parse every sentence on one core.
//!
//! ```sh
//! cargo run --release -p herald-syntax --example bench_corpus -- \
//!     [--corpus ../shared/data/corpus/allsides-2012-2020.jsonl.gz] [--articles 2000] \
//!     [--model M] [--repeat 1] [--dump out.tsv]
//! ```
//!
//! Reports load time, tokens per second (wall and per CPU-second of this thread, which
//! stays meaningful when other processes load the machine) and the share of time per
//! stage. `--dump` writes every analysis (one word per line) to compare two builds.

use flate2::read::GzDecoder;
use herald_syntax::{default_model_path, Model, StageTimes};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::time::Instant;

/// CPU time of the whole process (all threads) in seconds, and its peak RSS in MB.
fn process_usage() -> (f64, f64) {
    // SAFETY: getrusage only writes the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    (
        t(ru.ru_utime) + t(ru.ru_stime),
        ru.ru_maxrss as f64 / 1024.0,
    )
}

/// On-CPU time of the calling thread in nanoseconds (Linux), else `None`.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpus/allsides-2012-2020.jsonl.gz");
    let mut articles = 2000usize;
    let mut model_path = default_model_path();
    let mut repeat = 1usize;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--corpus" => corpus = PathBuf::from(val()?),
            "--articles" => articles = val()?.parse()?,
            "--model" => model_path = PathBuf::from(val()?),
            "--repeat" => repeat = val()?.parse()?,
            "--dump" => dump = Some(PathBuf::from(val()?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }

    let (t, (c, rss0)) = (Instant::now(), process_usage());
    let model = Model::load(&model_path)?;
    let wall = t.elapsed().as_secs_f64();
    let (c1, rss1) = process_usage();
    println!(
        "load: {:.1} ms wall, {:.1} ms CPU (all threads); peak RSS {rss1:.0} MB ({rss0:.0} MB before) ({})",
        wall * 1e3,
        (c1 - c) * 1e3,
        model_path.display()
    );
    println!("model: {}", model.stats());

    // Read and segment the articles (timed separately: it is herald-text's stage).
    let file = std::fs::File::open(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let reader: Box<dyn BufRead> = if corpus.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut texts = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        if texts.len() >= articles {
            break;
        }
        let line = line?;
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}:{}: {e}", corpus.display(), i + 1))?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_string());
        }
    }
    let (t, c) = (Instant::now(), thread_cpu_ns());
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for (i, text) in texts.into_iter().enumerate() {
        let mut doc = herald_core::Document::new(format!("a{i}"), text, None);
        herald_text::segment(&mut doc);
        for s in &doc.sentences {
            let words = doc.tokens[s.tokens.clone()]
                .iter()
                .map(|t| doc.slice(t.span).to_string())
                .collect();
            sentences.push(words);
        }
    }
    let seg_wall = t.elapsed().as_secs_f64();
    let seg_cpu = c.zip(thread_cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let ntok: usize = words.iter().map(Vec::len).sum();
    println!(
        "{articles} articles: {} sentences, {ntok} tokens; segmentation {:.3} s wall{}",
        words.len(),
        seg_wall,
        seg_cpu.map_or(String::new(), |v| format!(", {v:.3} s CPU"))
    );

    if let Some(path) = &dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for w in &words {
            for (form, a) in w.iter().zip(model.analyze(w)) {
                let head = a.head.map_or(0, |h| h + 1);
                writeln!(
                    out,
                    "{form}\t{}\t{}\t{}\t{head}\t{}",
                    a.lemma, a.upos, a.xpos, a.deprel
                )?;
            }
            writeln!(out)?;
        }
        out.flush()?;
    }

    let mut times = StageTimes::default();
    let (t, c) = (Instant::now(), thread_cpu_ns());
    let mut sink = 0usize;
    for _ in 0..repeat {
        for w in &words {
            sink += model.analyze_timed(w, &mut times).len();
        }
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = c.zip(thread_cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    assert_eq!(sink, ntok * repeat);
    let tokens = (ntok * repeat) as f64;
    let total = (times.tagging + times.lemma + times.parsing).max(1) as f64;
    let seg_share = seg_cpu.unwrap_or(seg_wall) * repeat as f64;
    let all = seg_share + cpu.unwrap_or(wall);
    println!(
        "tag+lemma+parse: {:.0} tokens/s wall, {} tokens per CPU-second ({} tokens x {repeat})",
        tokens / wall,
        cpu.map_or("?".into(), |c| format!("{:.0}", tokens / c)),
        ntok
    );
    println!(
        "stages: tagging {:.1}%, lemma {:.1}%, parsing+labelling {:.1}% of analysis; \
         segmentation is {:.1}% of segment+analyse",
        100.0 * times.tagging as f64 / total,
        100.0 * times.lemma as f64 / total,
        100.0 * times.parsing as f64 / total,
        100.0 * seg_share / all
    );
    Ok(())
}
