//! `herald eval events` and `herald eval all`: score the coder against gold sets.

use super::code::CoderArgs;
use anyhow::Context;
use clap::Args;
use herald_pipeline::eval::{self, labels, labels::GoldKind, spans, GoldRecord};
use herald_pipeline::Pipeline;
use std::path::{Path, PathBuf};

/// Arguments of `herald eval events`.
#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// Gold records (JSON Lines, one coded sentence per line). Event sets (PETRARCH,
    /// PLOVER) are scored on coded events; sentence-label sets (IndiaPoliceEvents,
    /// CASE 2021, ConfliBERT) on the labels herald's events imply (see
    /// `herald_pipeline::eval::labels`).
    pub gold: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// List the records that were not coded exactly right (event sets).
    #[arg(long)]
    pub failures: bool,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Arguments of `herald eval all`.
#[derive(Debug, Args)]
pub struct EvalAllArgs {
    /// Folder of gold sets (`*.jsonl`). PETRARCH validation records (code system
    /// CAMEO-PETR-validate) are coded with `../dictionaries/petrarch-validate` beside it.
    #[arg(default_value = "../shared/data/eval")]
    pub dir: PathBuf,
    /// Print the table as JSON.
    #[arg(long)]
    pub json: bool,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Read a gold file, reporting bad lines on stderr; the count of bad lines comes back.
fn read(path: &Path) -> anyhow::Result<(Vec<GoldRecord>, usize)> {
    let (records, errors) =
        eval::read_gold(path).with_context(|| format!("reading {}", path.display()))?;
    for e in &errors {
        eprintln!("herald: {e}");
    }
    Ok((records, errors.len()))
}

/// Run `herald eval events`.
pub fn run(args: &EvalEventsArgs) -> anyhow::Result<i32> {
    let (records, bad) = read(&args.gold)?;
    let pipeline = args.coder.pipeline()?;
    let kind = GoldKind::of(&records);
    if kind == GoldKind::Spans {
        let rep = spans::evaluate_spans(&pipeline, &records, &args.coder.options());
        if args.json {
            print_json(&rep, args.failures)?;
        } else {
            print_spans(&args.gold, &rep, args.failures);
        }
        return Ok(if bad == 0 { 0 } else { 2 });
    }
    if kind != GoldKind::Events {
        let rep = labels::evaluate_labels(&pipeline, &records, &args.coder.options(), kind);
        if args.json {
            println!("{}", serde_json::to_string_pretty(&rep)?);
        } else {
            print_labels(&args.gold, &rep);
        }
        return Ok(if bad == 0 { 0 } else { 2 });
    }
    let rep = eval::evaluate(&pipeline, &records, &args.coder.options());
    if args.json {
        print_json(&rep, args.failures)?;
    } else {
        print_events(&args.gold, &rep, args.failures);
    }
    Ok(if bad == 0 { 0 } else { 2 })
}

/// A report as pretty JSON; the per-record `results` only with `--failures`.
fn print_json(rep: &impl serde::Serialize, failures: bool) -> anyhow::Result<()> {
    let mut v = serde_json::to_value(rep)?;
    if !failures {
        if let Some(o) = v.as_object_mut() {
            o.remove("results");
        }
    }
    println!("{}", serde_json::to_string_pretty(&v)?);
    Ok(())
}

fn print_spans(gold: &Path, rep: &spans::SpanReport, failures: bool) {
    println!("gold file        {}", gold.display());
    println!(
        "records          {} evaluated, {} skipped",
        rep.records, rep.skipped
    );
    println!(
        "dyad found       {:.3}  ({} of {})",
        rep.dyad_found, rep.found, rep.records
    );
    println!(
        "type accuracy    {:.3}  (on found dyads)",
        rep.type_accuracy
    );
    println!("end to end       {:.3}", rep.end_to_end);
    println!(
        "\n{:<12} {:>7} {:>7} {:>7}",
        "type", "records", "found", "right"
    );
    for (t, (n, f, r)) in &rep.per_type {
        println!("{t:<12} {n:>7} {f:>7} {r:>7}");
    }
    let mut conf: Vec<_> = rep.confusions.iter().collect();
    conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("\ncommonest confusions (gold→herald):");
    for (pair, n) in conf.iter().take(10) {
        println!("  {pair:<24} {n}");
    }
    if failures {
        println!();
        for r in rep
            .results
            .iter()
            .filter(|r| r.predicted.as_deref() != Some(r.gold.as_str()))
        {
            println!(
                "{}  gold {}  herald {}",
                r.id,
                r.gold,
                r.predicted.as_deref().unwrap_or("(dyad not found)")
            );
        }
    }
}

fn print_labels(gold: &Path, rep: &labels::LabelReport) {
    println!("gold file        {}", gold.display());
    println!(
        "records          {} evaluated, {} skipped; {} with events",
        rep.records, rep.skipped, rep.with_events
    );
    println!(
        "score            {:.3}  ({})",
        rep.score,
        rep.kind.measure()
    );
    println!(
        "\n{:<12} {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}",
        "label", "tp", "fp", "fn", "P", "R", "F1"
    );
    for (l, p) in &rep.labels {
        println!(
            "{l:<12} {:>6} {:>6} {:>6}  {:>6.3} {:>6.3} {:>6.3}",
            p.tp, p.fp, p.fn_, p.precision, p.recall, p.f1
        );
    }
}

fn print_events(gold: &Path, rep: &eval::EvalReport, failures: bool) {
    println!("gold file        {}", gold.display());
    println!(
        "records          {} evaluated, {} skipped",
        rep.records, rep.skipped
    );
    println!(
        "exactly right    {} ({:.1}%)",
        rep.exact_records,
        100.0 * rep.exact_share
    );
    let prf = |name: &str, p: &eval::Prf| {
        println!(
            "{name:<16} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
        )
    };
    prf("triples", &rep.triples);
    prf("country+root", &rep.countries);
    println!("\n{:<20} {:>7} {:>7}", "category", "records", "exact");
    for (c, s) in &rep.categories {
        println!("{c:<20} {:>7} {:>7}", s.records, s.exact);
    }
    if failures {
        println!();
        for r in rep.results.iter().filter(|r| !r.exact) {
            println!("{}: gold {:?} predicted {:?}", r.id, r.gold, r.predicted);
        }
    }
}

/// One row of `herald eval all`.
#[derive(Debug, serde::Serialize)]
struct Row {
    set: String,
    kind: GoldKind,
    records: usize,
    measure: &'static str,
    score: f64,
    /// Event sets: the share of records exactly right.
    exact_share: Option<f64>,
    /// Records with at least one coded event.
    with_events: Option<usize>,
}

/// Run `herald eval all`.
pub fn run_all(args: &EvalAllArgs) -> anyhow::Result<i32> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("reading {}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "no *.jsonl gold sets in {}",
        args.dir.display()
    );
    let pipeline = args.coder.pipeline()?;
    let validate_dir = args.dir.join("../dictionaries/petrarch-validate");
    let mut validate: Option<Pipeline> = None;
    let mut rows = Vec::new();
    let mut bad_total = 0;
    for f in &files {
        let (records, bad) = read(f)?;
        bad_total += bad;
        let set = f
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let kind = GoldKind::of(&records);
        // PETRARCH's validation records use the suite's own fictional dictionaries.
        let petrarch_validate = records
            .first()
            .and_then(|r| r.code_system.as_deref())
            .is_some_and(|s| s == "CAMEO-PETR-validate");
        let p = if petrarch_validate && args.coder.dictionaries.is_none() && validate_dir.is_dir() {
            if validate.is_none() {
                let mut c = args.coder.clone();
                c.dictionaries = Some(validate_dir.clone());
                validate = Some(c.pipeline()?);
            }
            validate.as_ref().unwrap()
        } else {
            &pipeline
        };
        let options = args.coder.options();
        let row = if kind == GoldKind::Spans {
            let rep = spans::evaluate_spans(p, &records, &options);
            Row {
                set,
                kind,
                records: rep.records,
                measure: kind.measure(),
                score: rep.end_to_end,
                exact_share: None,
                with_events: None,
            }
        } else if kind == GoldKind::Events {
            let rep = eval::evaluate(p, &records, &options);
            Row {
                set,
                kind,
                records: rep.records,
                measure: kind.measure(),
                score: rep.countries.f1,
                exact_share: Some(rep.exact_share),
                with_events: None,
            }
        } else {
            let rep = labels::evaluate_labels(p, &records, &options, kind);
            Row {
                set,
                kind,
                records: rep.records,
                measure: kind.measure(),
                score: rep.score,
                exact_share: None,
                with_events: Some(rep.with_events),
            }
        };
        rows.push(row);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        println!(
            "{:<30} {:>7}  {:<30} {:>6}  {:>7}",
            "set", "records", "measure", "score", "exact"
        );
        for r in &rows {
            println!(
                "{:<30} {:>7}  {:<30} {:>6.3}  {:>7}",
                r.set,
                r.records,
                r.measure,
                r.score,
                r.exact_share
                    .map(|x| format!("{:.1}%", 100.0 * x))
                    .unwrap_or_else(|| "-".into())
            );
        }
    }
    Ok(if bad_total == 0 { 0 } else { 2 })
}
