//! `herald` commands for the syntax stage: `train syntax`, `parse`, `eval syntax`.

use anyhow::Context;
use clap::Args;
use herald_syntax::{conllu, default_model_path, Model, TrainOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `herald train syntax`: train tagger, lemmatizer and parser on a CoNLL-U treebank.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U, gold tokenisation).
    #[arg(long)]
    pub train: PathBuf,
    /// Development treebank, scored after training.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Passes over the data for the parser.
    #[arg(long, default_value_t = TrainOptions::default().iterations)]
    pub iterations: usize,
    /// Passes over the data for the tagger.
    #[arg(long, default_value_t = TrainOptions::default().tagger_iterations)]
    pub tagger_iterations: usize,
    /// Jackknife folds for the parser's training tags (0 = gold tags).
    #[arg(long, default_value_t = TrainOptions::default().jackknife)]
    pub jackknife: usize,
    /// Seed for shuffling and oracle exploration (same seed, same model).
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Models per component trained on different shuffles and summed.
    #[arg(long, default_value_t = TrainOptions::default().ensemble)]
    pub ensemble: usize,
    /// After training, drop summed weights below this (smaller file, faster load;
    /// 1.5 is what the shipped model uses, 0 keeps everything).
    #[arg(long, default_value_t = 1.5)]
    pub prune: f32,
}

/// Runs `herald train syntax`.
pub fn train(args: &TrainArgs) -> anyhow::Result<i32> {
    let start = Instant::now();
    let data = conllu::read_file(&args.train)?;
    let opts = TrainOptions {
        iterations: args.iterations,
        tagger_iterations: args.tagger_iterations,
        jackknife: args.jackknife,
        seed: args.seed,
        ensemble: args.ensemble,
        ..TrainOptions::default()
    };
    let mut model = herald_syntax::train(&data, &opts, &mut |m| {
        eprintln!("[{:>7.1}s] {m}", start.elapsed().as_secs_f64())
    })?;
    if args.prune > 0.0 {
        model.prune(args.prune);
    }
    eprintln!("{}", model.stats());
    model.save(&args.out)?;
    eprintln!("wrote {}", args.out.display());
    if let Some(dev) = &args.dev {
        let gold = conllu::read_file(dev)?;
        let s = herald_syntax::evaluate(&model, &gold);
        println!(
            "dev {}: UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2} ({} words)",
            dev.display(),
            s.upos,
            s.xpos,
            s.lemma,
            s.uas,
            s.las,
            s.words
        );
    }
    Ok(0)
}

/// `herald parse`: tag and parse raw text, print CoNLL-U.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Text file to parse (`-` for standard input).
    pub file: PathBuf,
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
}

fn load_model(path: Option<&Path>) -> anyhow::Result<Model> {
    let p = path.map_or_else(default_model_path, Path::to_path_buf);
    Model::load(&p).with_context(|| format!("loading the syntax model {}", p.display()))
}

/// Runs `herald parse FILE`.
pub fn parse(args: &ParseArgs) -> anyhow::Result<i32> {
    let text = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).context("reading standard input")?
    } else {
        std::fs::read_to_string(&args.file)
            .with_context(|| format!("reading {}", args.file.display()))?
    };
    let model = load_model(args.model.as_deref())?;
    // herald's own segmentation, so the parse is the one the pipeline sees; each word
    // keeps its byte span in MISC (TokenRange=start:end).
    let mut doc = herald_core::Document::new("parse", text, None);
    herald_text::segment(&mut doc);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (i, sent) in doc.sentences.iter().enumerate() {
        let toks = &doc.tokens[sent.tokens.clone()];
        let words: Vec<&str> = toks.iter().map(|t| doc.slice(t.span)).collect();
        let analysis = model.analyze(&words);
        let sentence_text = doc.slice(sent.span).replace(['\n', '\r'], " ");
        let sent = conllu::Sentence {
            comments: vec![
                format!("sent_id = {}", i + 1),
                format!("text = {sentence_text}"),
            ],
            words: toks
                .iter()
                .zip(analysis)
                .enumerate()
                .map(|(j, (t, a))| conllu::Word {
                    id: j + 1,
                    form: doc.slice(t.span).to_string(),
                    lemma: a.lemma,
                    upos: a.upos,
                    xpos: a.xpos,
                    feats: "_".into(),
                    head: Some(a.head.map_or(0, |h| h + 1)),
                    deprel: a.deprel,
                    deps: "_".into(),
                    misc: if t.space_after {
                        format!("TokenRange={}:{}", t.span.start, t.span.end)
                    } else {
                        format!("SpaceAfter=No|TokenRange={}:{}", t.span.start, t.span.end)
                    },
                })
                .collect(),
            ..Default::default()
        };
        out.write_all(conllu::write_string(&[sent]).as_bytes())?;
    }
    out.flush()?;
    Ok(0)
}

/// `herald eval syntax`: score a model on a gold CoNLL-U file.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold treebank (CoNLL-U); its tokenisation is used as input.
    pub gold: PathBuf,
    /// Model file (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print a JSON object {upos, xpos, lemma, uas, las, words} (percentages).
    #[arg(long)]
    pub json: bool,
}

/// Runs `herald eval syntax GOLD`.
pub fn eval(args: &EvalArgs) -> anyhow::Result<i32> {
    let model = load_model(args.model.as_deref())?;
    let gold = conllu::read_file(&args.gold)?;
    let s = herald_syntax::evaluate(&model, &gold);
    if args.json {
        let v = serde_json::json!({
            "upos": s.upos, "xpos": s.xpos, "lemma": s.lemma,
            "uas": s.uas, "las": s.las, "words": s.words,
        });
        println!("{v}");
    } else {
        println!(
            "{}: UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  ({} words)",
            args.gold.display(),
            s.upos,
            s.xpos,
            s.lemma,
            s.uas,
            s.las,
            s.words
        );
    }
    Ok(0)
}
