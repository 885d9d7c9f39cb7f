//! `herald eval events`: score the coder against gold event records.

use super::code::CoderArgs;
use anyhow::Context;
use clap::Args;
use herald_pipeline::eval;
use std::path::PathBuf;

/// Arguments of `herald eval events`.
#[derive(Debug, Args)]
pub struct EvalEventsArgs {
    /// Gold records (JSON Lines, one coded sentence per line).
    pub gold: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// List the records that were not coded exactly right.
    #[arg(long)]
    pub failures: bool,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Run `herald eval events`.
pub fn run(args: &EvalEventsArgs) -> anyhow::Result<i32> {
    let (records, errors) =
        eval::read_gold(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    for e in &errors {
        eprintln!("herald: {e}");
    }
    let pipeline = args.coder.pipeline()?;
    let rep = eval::evaluate(&pipeline, &records, &args.coder.options());
    if args.json {
        let mut v = serde_json::to_value(&rep)?;
        if !args.failures {
            v.as_object_mut().unwrap().remove("results");
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("gold file        {}", args.gold.display());
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
        if args.failures {
            println!();
            for r in rep.results.iter().filter(|r| !r.exact) {
                println!("{}: gold {:?} predicted {:?}", r.id, r.gold, r.predicted);
            }
        }
    }
    Ok(if errors.is_empty() { 0 } else { 2 })
}
