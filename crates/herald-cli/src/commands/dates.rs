//! `herald dates` (find and normalise time expressions) and `herald eval dates`
//! (score the time stage against TempEval-3 style gold data).

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `herald dates`.
#[derive(Debug, Args)]
pub struct DatesArgs {
    /// The text to analyse.
    pub text: String,
    /// Publication date (YYYY-MM-DD) that relative expressions are resolved against.
    #[arg(long)]
    pub date: Option<String>,
    /// Print JSON instead of one line per expression.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `herald eval dates`.
#[derive(Debug, Args)]
pub struct EvalDatesArgs {
    /// JSON Lines file, one document per line: {text, date, subset, timex3: [{text,type,value}]}.
    pub file: PathBuf,
    /// Print the scores as a JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Prints the time expressions found in the text.
pub fn dates(args: &DatesArgs) -> anyhow::Result<i32> {
    let anchor = match &args.date {
        // Full timestamps are accepted (their day counts); the error is parse_day's.
        Some(d) => Some(match herald_time::parse_anchor(d) {
            Some(day) => day,
            None => anyhow::bail!("--date {}", super::parse_day(d).err().unwrap_or_default()),
        }),
        None => None,
    };
    let found = herald_time::extract(&args.text, anchor);
    // Write errors (a closed pipe) are reported, not panicked on.
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?;
    } else {
        for t in &found {
            writeln!(
                out,
                "{}..{}\t{}\t{}\t{}",
                t.span.start, t.span.end, t.kind, t.value, t.text
            )?;
        }
    }
    Ok(0)
}

/// Scores the time stage on a gold file; exit code 1 when any line had to be skipped.
pub fn eval(args: &EvalDatesArgs) -> anyhow::Result<i32> {
    let rep = herald_time::eval::evaluate_file(&args.file)?;
    for e in &rep.errors {
        eprintln!("{}:{}: {}", args.file.display(), e.line, e.message);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rep.to_json())?)?;
    } else {
        writeln!(
            out,
            "{:<18} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>8} {:>6}",
            "subset", "docs", "gold", "pred", "P", "R", "F1", "value-P", "value-R", "value-F1"
        )?;
        let tbaq = rep.tbaq();
        for (name, c) in [
            ("TimeBank", &rep.timebank),
            ("AQUAINT", &rep.aquaint),
            ("TimeBank+AQUAINT", &tbaq),
            ("Silver", &rep.silver),
            ("other", &rep.other),
        ] {
            if c.docs == 0 {
                continue;
            }
            let s = c.scores();
            writeln!(
                out,
                "{:<18} {:>5} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3} {:>8.3} {:>8.3} {:>6.3}   type-acc {:.3}",
                name,
                s.docs,
                s.gold,
                s.predicted,
                s.precision,
                s.recall,
                s.f1,
                s.value_precision,
                s.value_recall,
                s.value_f1,
                s.type_accuracy
            )?;
        }
        writeln!(
            out,
            "speed: {:.1} MB/s ({} bytes in {:.3} s of extraction)",
            rep.mb_per_s(),
            rep.bytes,
            rep.seconds
        )?;
    }
    if rep.errors.is_empty() {
        Ok(0)
    } else {
        eprintln!(
            "herald: {} line(s) of {} skipped",
            rep.errors.len(),
            args.file.display()
        );
        Ok(1)
    }
}
