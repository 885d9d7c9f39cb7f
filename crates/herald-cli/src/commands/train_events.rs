//! `herald train events`: distil the encoder into static vectors (when given one) and
//! train the event model's head on span-marked sentences, with a cross-validated report.

use super::code::CoderArgs;
use anyhow::Context;
use clap::Args;
use herald_core::Document;
use herald_model::{
    class_index, class_of, Features, Head, Prediction, StaticVectors, TrainOptions, CLASSES,
};
use herald_pipeline::decide::{decide, decide_candidate, Decision, Policy};
use herald_pipeline::eval::{self, spans};
use herald_pipeline::propose;
use serde_json::json;
use std::path::PathBuf;

/// Arguments of `herald train events`.
#[derive(Debug, Args)]
pub struct TrainEventsArgs {
    /// Span-marked training sentences (JSON Lines with `text`, `marked`, `plover`, as
    /// `plv-train.jsonl`).
    #[arg(long, required = true)]
    pub data: Vec<PathBuf>,
    /// Stories with a document-level PLOVER type (`ngec-synthetic-stories.jsonl`): each
    /// story's coded events in its first two sentences are added to every training fold
    /// with the story's type.
    #[arg(long)]
    pub synthetic: Option<PathBuf>,
    /// Folder of a BERT-style encoder (`model.safetensors`, `tokenizer.json`) to distil
    /// into static vectors; without it the vectors already in `--out` are used.
    #[arg(long)]
    pub encoder: Option<PathBuf>,
    /// Where the model's files are written (and the vectors read from).
    #[arg(long, default_value = "data/models")]
    pub out: PathBuf,
    /// Cross-validation folds for the held-out report (0 skips it).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Seed of the fold assignment (same seed, same folds, same model).
    #[arg(long, default_value_t = 17)]
    pub seed: u64,
    /// Passes over the data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// L2 penalty.
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    pub l2: f32,
    /// Coder options of the rules that propose the candidates.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// What one span-marked record gives: its fold and gold class, the rules' event on the
/// marked dyad (features and class) if any, and the candidates the dictionaries left
/// uncoded (features, whether it is the marked dyad).
struct Record {
    fold: usize,
    y: usize,
    rules: Option<(Vec<f32>, Option<String>)>,
    proposed: Vec<(Vec<f32>, bool)>,
}

impl Record {
    /// The labelled examples of this record: the rules' event with the gold class, the
    /// candidate on the marked dyad with the gold class, the other candidates as "no
    /// event".
    fn examples(&self) -> impl Iterator<Item = (Vec<f32>, usize)> + '_ {
        let rules = self.rules.iter().map(|(x, _)| (x.clone(), self.y));
        let proposed = self
            .proposed
            .iter()
            .map(|(x, hit)| (x.clone(), if *hit { self.y } else { 0 }));
        rules.chain(proposed)
    }
}

fn fold_of(id: &str, seed: u64, folds: usize) -> usize {
    // FNV-1a of the id, mixed with the seed: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    (h % folds.max(1) as u64) as usize
}

/// Run `herald train events`.
pub fn run(args: &TrainEventsArgs) -> anyhow::Result<i32> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let vectors_path = args.out.join(herald_model::VECTORS_FILE);
    let vocab_path = args.out.join(herald_model::VOCAB_FILE);
    let vectors = match &args.encoder {
        Some(dir) => {
            let t = std::time::Instant::now();
            let (v, vocab) = herald_model::distill::distill(
                &dir.join("model.safetensors"),
                &dir.join("tokenizer.json"),
            )?;
            v.save(&vectors_path, &vocab_path, &vocab)?;
            eprintln!(
                "distilled {} into {} ({:.0} s)",
                dir.display(),
                vectors_path.display(),
                t.elapsed().as_secs_f64()
            );
            v
        }
        None => StaticVectors::load(&vectors_path, &vocab_path)?,
    };
    // The rules alone propose the candidates.
    let mut coder = args.coder.clone();
    coder.event_model = "none".into();
    let pipeline = coder.pipeline()?;
    let options = coder.options();
    let folds = args.folds.max(1);
    let mut recs: Vec<Record> = Vec::new();
    let mut files = Vec::new();
    for path in &args.data {
        let (gold, errors) =
            eval::read_gold(path).with_context(|| format!("reading {}", path.display()))?;
        for e in &errors {
            eprintln!("herald: {e}");
        }
        files.push(path.display().to_string());
        for r in &gold {
            let Some(spans::MarkedRecord {
                doc,
                source: s,
                target: t,
                gold: g,
            }) = spans::code_marked(&pipeline, r, &options)
            else {
                continue;
            };
            let Some(y) = class_index(&g) else {
                continue;
            };
            let rules = spans::dyad_event(&doc.events, s, t).map(|e| {
                (
                    Features::of(&vectors, &doc, e).values,
                    e.plover.as_ref().map(|p| class_of(&p.kind).to_string()),
                )
            });
            let proposed = propose::candidates(&doc)
                .iter()
                .map(|e| {
                    let hit = spans::dyad_event(std::slice::from_ref(e), s, t).is_some();
                    (Features::of(&vectors, &doc, e).values, hit)
                })
                .collect();
            recs.push(Record {
                fold: fold_of(&r.id, args.seed, folds),
                y,
                rules,
                proposed,
            });
        }
    }
    let records = recs.len();
    let found = recs.iter().filter(|r| r.rules.is_some()).count();
    let offered = recs
        .iter()
        .filter(|r| r.rules.is_none() && r.proposed.iter().any(|(_, hit)| *hit))
        .count();
    let candidates: usize = recs.iter().map(|r| r.proposed.len()).sum();
    eprintln!("{candidates} candidates the dictionaries left uncoded; {offered} records whose marked dyad only a candidate finds");
    let mut synthetic = Vec::new();
    if let Some(path) = &args.synthetic {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                eprintln!("herald: {}:{}: not a JSON record", path.display(), i + 1);
                continue;
            };
            let (Some(story), Some(kind)) = (v["text"].as_str(), v["plover"].as_str()) else {
                continue;
            };
            let Some(y) = class_index(class_of(kind)) else {
                continue;
            };
            let mut doc = Document::new(format!("syn-{i}"), story.to_string(), None);
            pipeline.process_with(&mut doc, &options);
            for e in doc.events.iter().filter(|e| e.sentence < 2) {
                synthetic.push((Features::of(&vectors, &doc, e).values, y));
            }
        }
        files.push(path.display().to_string());
    }
    let topts = TrainOptions {
        epochs: args.epochs,
        l2: args.l2,
        ..TrainOptions::default()
    };
    // The held-out report scores the model deciding: re-typing and proposing on.
    let policy = Policy {
        retype_at: Some(0.5),
        propose_at: Some(0.5),
        ..Policy::default()
    };
    eprintln!(
        "{records} marked sentences, dyad found by the rules in {found} ({:.1}%); {} synthetic examples",
        100.0 * found as f64 / records.max(1) as f64,
        synthetic.len()
    );
    let mut cv = serde_json::Value::Null;
    let mut temperature = 1.0;
    if args.folds > 1 {
        // Per fold: train on the other folds (and the synthetic stories), then decide
        // each held-out record as the pipeline would.
        let mut t = Tally::default();
        let mut per_fold = Vec::new();
        let mut held_logits: Vec<(Vec<f32>, usize)> = Vec::new();
        for k in 0..folds {
            let train: Vec<(Vec<f32>, usize)> = recs
                .iter()
                .filter(|r| r.fold != k)
                .flat_map(Record::examples)
                .chain(synthetic.iter().cloned())
                .collect();
            let head = Head::train(&train, &topts);
            for r in recs.iter().filter(|r| r.fold == k) {
                held_logits.extend(r.examples().map(|(x, y)| (head.logits(&x), y)));
            }
            let mut f = Tally::default();
            for r in recs.iter().filter(|r| r.fold == k) {
                f.score(r, &head, &policy);
            }
            eprintln!(
                "fold {k}: {} records; rules: {} found, {} right; rules+model: {} found, {} right",
                f.records, f.rules_found, f.rules_right, f.found, f.right
            );
            per_fold.push(f.json());
            t.add(&f);
        }
        eprintln!(
            "{folds}-fold held-out: rules alone: dyad found {:.3}, type accuracy {:.3}, end to end {:.3}; rules+model: dyad found {:.3}, type accuracy {:.3}, end to end {:.3} (the model alone on the rules' dyads: {:.3})",
            t.rules_found as f64 / t.records.max(1) as f64,
            t.rules_right as f64 / t.rules_found.max(1) as f64,
            t.rules_right as f64 / t.records.max(1) as f64,
            t.found as f64 / t.records.max(1) as f64,
            t.right as f64 / t.found.max(1) as f64,
            t.right as f64 / t.records.max(1) as f64,
            t.model_right as f64 / t.rules_found.max(1) as f64,
        );
        temperature = Head::fit_temperature(&held_logits);
        eprintln!("temperature fitted on the held-out folds: {temperature}");
        let mut j = t.json();
        j["folds"] = json!(folds);
        j["seed"] = json!(args.seed);
        j["per_fold"] = json!(per_fold);
        cv = j;
    }
    let all: Vec<(Vec<f32>, usize)> = recs
        .iter()
        .flat_map(Record::examples)
        .chain(synthetic.iter().cloned())
        .collect();
    let mut head = Head::train(&all, &topts);
    head.temperature = temperature;
    head.trained = json!({
        "files": files, "records": records, "examples": all.len() - synthetic.len(), "synthetic_examples": synthetic.len(),
        "epochs": topts.epochs, "l2": topts.l2, "learning_rate": topts.learning_rate,
        "held_out": cv,
    });
    let head_path = args.out.join(herald_model::HEAD_FILE);
    head.save(&head_path)?;
    eprintln!("wrote {} ({} examples)", head_path.display(), all.len());
    Ok(0)
}

/// Held-out counts.
#[derive(Default)]
struct Tally {
    records: usize,
    rules_found: usize,
    rules_right: usize,
    model_right: usize,
    found: usize,
    right: usize,
}

impl Tally {
    fn score(&mut self, r: &Record, head: &Head, policy: &Policy) {
        let gold = CLASSES[r.y];
        self.records += 1;
        let predict = |x: &[f32]| Prediction {
            probs: head.predict(x),
        };
        let decided: Option<String> = if let Some((x, rules)) = &r.rules {
            self.rules_found += 1;
            self.rules_right += (rules.as_deref() == Some(gold)) as usize;
            let pred = predict(x);
            let best = pred
                .top(2)
                .into_iter()
                .find(|(c, _)| *c != "NONE")
                .map(|(c, _)| c);
            self.model_right += (best == Some(gold)) as usize;
            match decide(rules.as_deref(), &pred, policy) {
                Decision::Retype(c, _) => Some(c.to_string()),
                Decision::Keep(..) => rules.clone().or(Some("-".into())),
                Decision::Drop(_) => None,
            }
        } else {
            // The most confident kept candidate on the marked dyad.
            r.proposed
                .iter()
                .filter(|(_, hit)| *hit)
                .filter_map(|(x, _)| decide_candidate(&predict(x), policy))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(c, _)| c.to_string())
        };
        if let Some(d) = decided {
            self.found += 1;
            self.right += (d == gold) as usize;
        }
    }

    fn add(&mut self, o: &Tally) {
        self.records += o.records;
        self.rules_found += o.rules_found;
        self.rules_right += o.rules_right;
        self.model_right += o.model_right;
        self.found += o.found;
        self.right += o.right;
    }

    fn json(&self) -> serde_json::Value {
        let n = self.records.max(1) as f64;
        json!({
            "records": self.records,
            "rules": {"found": self.rules_found, "right": self.rules_right,
                      "dyad_found": self.rules_found as f64 / n,
                      "type_accuracy": self.rules_right as f64 / self.rules_found.max(1) as f64,
                      "end_to_end": self.rules_right as f64 / n},
            "rules_and_model": {"found": self.found, "right": self.right,
                      "dyad_found": self.found as f64 / n,
                      "type_accuracy": self.right as f64 / self.found.max(1) as f64,
                      "end_to_end": self.right as f64 / n},
            "model_alone_on_rules_dyads": self.model_right as f64 / self.rules_found.max(1) as f64,
        })
    }
}
