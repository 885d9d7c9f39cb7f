//! `herald ingest`, `herald export` and `herald query`: the article store.

use super::code::{
    check_inputs, input_format_parser, open_output, run_inputs, set_jobs, CoderArgs,
};
use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use herald_core::Document;
use herald_ingest::{InputFormat, ReadOptions};
use herald_store::{export, Filters, Format, Outcome, PeriodBy, Sort, Store, TimelineOptions};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Default database file.
const DEFAULT_DB: &str = "herald.db";

/// The database option of the commands that read a store (`herald ingest` makes one).
#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// Database file written by `herald ingest` (it must exist).
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB, global = true)]
    pub db: PathBuf,
}

impl DbArgs {
    fn open(&self) -> anyhow::Result<Store> {
        Ok(Store::open(&self.db)?)
    }

    /// Open for reading: a missing file is an error, not a new empty database.
    fn open_existing(&self) -> anyhow::Result<Store> {
        if !self.db.exists() {
            anyhow::bail!(
                "{}: no such database (run `herald ingest` first, or pass --db)",
                self.db.display()
            );
        }
        self.open()
    }
}

/// Which event records to select.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// First day, inclusive.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day, inclusive.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day)]
    pub to: Option<chrono::NaiveDate>,
    /// Source actor code prefix (CHN matches CHNGOV).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Target actor code prefix.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// CAMEO event code prefix (04 matches 042).
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// CAMEO root code, exact.
    #[arg(long, value_name = "ROOT")]
    pub root: Option<String>,
    /// GDELT QuadClass (1 verbal cooperation … 4 material conflict).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
}

impl FilterArgs {
    fn filters(&self) -> Filters {
        Filters {
            from: self.from,
            to: self.to,
            actor: self.actor.clone(),
            target: self.target.clone(),
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
        }
    }
}

/// Export formats on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 Event table (61 tab-separated columns, no header).
    GdeltEvents,
    /// GDELT 2.0 Mentions table (16 tab-separated columns, no header).
    GdeltMentions,
    /// One JSON object per event record, with its mentions.
    Jsonl,
    /// One CSV row per event record, with a header.
    Csv,
    /// GDELT GKG 2.1 (27 tab-separated columns, no header), one row per article; with
    /// filters, the articles that have a matching event record.
    Gkg,
    /// Apache Parquet, one row per event record with typed columns (binary: needs -o FILE
    /// or a redirected stdout).
    Parquet,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::GdeltEvents => Format::GdeltEvents,
            ExportFormat::GdeltMentions => Format::GdeltMentions,
            ExportFormat::Jsonl => Format::Jsonl,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Gkg => Format::Gkg,
            ExportFormat::Parquet => Format::Parquet,
        }
    }
}

/// Arguments of `herald export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::GdeltEvents)]
    pub format: ExportFormat,
    /// Which records.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
    /// Write here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `herald export`.
pub fn run_export(args: &ExportArgs) -> anyhow::Result<i32> {
    if matches!(args.format, ExportFormat::Parquet)
        && args.output.is_none()
        && std::io::stdout().is_terminal()
    {
        anyhow::bail!(
            "parquet is a binary format: write it to a file with -o FILE (or redirect stdout)"
        );
    }
    let store = args.db.open_existing()?;
    let mut out = open_output(args.output.as_deref())?;
    let n = export(
        &store,
        args.format.into(),
        &args.filters.filters(),
        &mut out,
    )?;
    out.flush().context("writing output")?;
    eprintln!("herald: exported {n} row(s)");
    Ok(0)
}

/// Output style of `herald query`.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// JSON for programs.
    Json,
}

/// Period length on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
}

/// Sort order on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortBy {
    /// Oldest first.
    Day,
    /// Newest first.
    Recent,
    /// Most mentioned first.
    Mentions,
    /// Most conflictual (lowest Goldstein) first.
    Goldstein,
}

/// Arguments of `herald query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// What to ask.
    #[command(subcommand)]
    pub command: QueryCommand,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
    /// Output style.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table, global = true)]
    pub format: QueryFormat,
}

/// `herald query` subcommands.
#[derive(Debug, Subcommand)]
pub enum QueryCommand {
    /// Deduplicated event records.
    Events {
        /// Which records.
        #[command(flatten)]
        filters: FilterArgs,
        /// Rows to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Rows to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Order.
        #[arg(long, value_enum, default_value_t = SortBy::Day)]
        sort: SortBy,
    },
    /// Event counts per period between two actors (code prefixes), both directions.
    Timeline {
        /// First actor (CHN).
        a: String,
        /// Second actor (RUS).
        b: String,
        /// Period length.
        #[arg(long, value_enum, default_value_t = By::Month)]
        by: By,
        /// Only events from A to B.
        #[arg(long)]
        directed: bool,
    },
    /// The most active source/target pairs.
    Actors {
        /// Pairs to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Quotations by speaker and words.
    Quotes {
        /// Speaker name or actor code contains this.
        #[arg(long)]
        speaker: Option<String>,
        /// The quoted words contain this.
        #[arg(long)]
        text: Option<String>,
        /// Rows to show.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// What the database holds.
    Stats,
}

fn print_json<T: serde::Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// Run `herald query`.
pub fn run_query(args: &QueryArgs) -> anyhow::Result<i32> {
    let store = args.db.open_existing()?;
    let json = matches!(args.format, QueryFormat::Json);
    match &args.command {
        QueryCommand::Events {
            filters,
            limit,
            offset,
            sort,
        } => {
            let sort = match sort {
                SortBy::Day => Sort::Day,
                SortBy::Recent => Sort::DayDesc,
                SortBy::Mentions => Sort::Mentions,
                SortBy::Goldstein => Sort::Goldstein,
            };
            let rows = store.events(&filters.filters(), *limit, *offset, sort)?;
            if json {
                return print_json(&rows).map(|_| 0);
            }
            println!(
                "{:<10}  {:<12} {:<12} {:<5} {:>5} {:>4} {:>4} {:>4}  name",
                "day", "source", "target", "code", "gold", "ment", "src", "art"
            );
            for r in rows {
                println!(
                    "{:<10}  {:<12} {:<12} {:<5} {:>5.1} {:>4} {:>4} {:>4}  {}",
                    r.day.as_deref().unwrap_or("undated"),
                    r.source,
                    r.target,
                    r.code,
                    r.goldstein,
                    r.num_mentions,
                    r.num_sources,
                    r.num_articles,
                    r.name
                );
            }
        }
        QueryCommand::Timeline { a, b, by, directed } => {
            let by = match by {
                By::Day => PeriodBy::Day,
                By::Week => PeriodBy::Week,
                By::Month => PeriodBy::Month,
            };
            let t = store.timeline(
                a,
                b,
                TimelineOptions {
                    by,
                    directed: *directed,
                },
            )?;
            if json {
                return print_json(&t).map(|_| 0);
            }
            println!("{} {} {}", t.a, if t.directed { "->" } else { "<->" }, t.b);
            println!(
                "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7}",
                "period", "events", "q1", "q2", "q3", "q4", "goldstein", "mean"
            );
            for p in t.periods.iter().chain(&t.undated) {
                println!(
                    "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9.1} {:>7.2}",
                    p.period,
                    p.events,
                    p.quad[0],
                    p.quad[1],
                    p.quad[2],
                    p.quad[3],
                    p.goldstein_sum,
                    p.goldstein_mean
                );
            }
        }
        QueryCommand::Actors { limit } => {
            let pairs = store.actor_pairs(*limit)?;
            if json {
                return print_json(&pairs).map(|_| 0);
            }
            println!(
                "{:<12} {:<12} {:>7} {:>8} {:>7}",
                "source", "target", "events", "mentions", "mean"
            );
            for p in pairs {
                println!(
                    "{:<12} {:<12} {:>7} {:>8} {:>7.2}",
                    p.source, p.target, p.events, p.mentions, p.goldstein_mean
                );
            }
        }
        QueryCommand::Quotes {
            speaker,
            text,
            limit,
        } => {
            let rows = store.quotes(speaker.as_deref(), text.as_deref(), *limit)?;
            if json {
                return print_json(&rows).map(|_| 0);
            }
            for q in rows {
                println!(
                    "{}  {}{}: \u{201c}{}\u{201d}",
                    q.published.as_deref().unwrap_or("????-??-??"),
                    q.speaker.as_deref().unwrap_or("(unknown)"),
                    q.speaker_code
                        .as_deref()
                        .map(|c| format!(" [{c}]"))
                        .unwrap_or_default(),
                    q.text
                );
            }
        }
        QueryCommand::Stats => {
            let s = store.stats()?;
            if json {
                return print_json(&s).map(|_| 0);
            }
            println!("database        {}", store.path().display());
            println!("schema version  {}", s.schema_version);
            println!(
                "articles        {} from {} outlet(s)",
                s.articles, s.outlets
            );
            println!("events          {} coded, {} records", s.events, s.records);
            println!(
                "days            {} .. {}",
                s.first_day.as_deref().unwrap_or("-"),
                s.last_day.as_deref().unwrap_or("-")
            );
            println!(
                "undated         {} article(s), {} record(s)",
                s.undated_articles, s.undated_records
            );
            println!("actor mentions  {}", s.actor_mentions);
            println!("quotes          {}", s.quotes);
            println!("times           {}", s.times);
            println!("amounts         {}", s.amounts);
            println!("names           {}", s.names);
            println!("locations       {}", s.locations);
        }
    }
    Ok(0)
}

/// Arguments of `herald ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Input files: text, JSON Lines (.jsonl, .jsonl.gz), HTML, feeds or WARC; `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Database file (created when missing).
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Publication date for inputs that carry none (YYYY-MM-DD); without it they stay
    /// undated (never the day they are read).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// Input format.
    #[arg(long, default_value_t = InputFormat::Auto, value_parser = input_format_parser())]
    pub input_format: InputFormat,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Stop at the first bad record instead of skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Largest record (article, line, page) to read; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = herald_ingest::DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,
    /// Articles per database transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Limits.
    #[command(flatten)]
    pub limits: super::code::LimitArgs,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Running totals of `herald ingest`.
#[derive(Default)]
struct IngestTally {
    stored: usize,
    duplicates: usize,
    failed: usize,
    events: usize,
    /// Article text read, in bytes.
    bytes: usize,
}

/// Ingest progress: an indicatif line on a terminal, else a plain line every ten seconds.
#[derive(Clone)]
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    last_line: std::sync::Arc<std::sync::Mutex<std::time::Duration>>,
}

impl Progress {
    fn new(tty: bool) -> Progress {
        let bar = tty.then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                    .expect("valid template"),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(200));
            b
        });
        Progress {
            bar,
            last_line: Default::default(),
        }
    }

    fn update(&self, t: &IngestTally, elapsed: std::time::Duration) {
        let secs = elapsed.as_secs_f64().max(1e-3);
        let mb = t.bytes as f64 / 1e6;
        let msg = format!(
            "{} stored, {} duplicate(s), {} event(s), {:.1} MB, {:.0} articles/s, {:.2} MB/s",
            t.stored,
            t.duplicates,
            t.events,
            mb,
            (t.stored + t.duplicates) as f64 / secs,
            mb / secs
        );
        match &self.bar {
            Some(b) => b.set_message(msg),
            None => {
                let mut last = self.last_line.lock().unwrap_or_else(|e| e.into_inner());
                if elapsed >= *last + std::time::Duration::from_secs(10) {
                    *last = elapsed;
                    eprintln!("herald: {msg}");
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl IngestTally {
    fn add(&mut self, outcomes: Vec<herald_store::Result<Outcome>>, docs: &[Document]) {
        for (o, d) in outcomes.into_iter().zip(docs) {
            match o {
                Ok(Outcome::Inserted(i)) => {
                    self.stored += 1;
                    self.events += i.events;
                }
                Ok(Outcome::Duplicate { .. }) => self.duplicates += 1,
                Err(e) => {
                    eprintln!("herald: not stored: {} ({e})", d.id);
                    self.failed += 1;
                }
            }
        }
    }
}

/// Run `herald ingest`: code the inputs in parallel and store them.
///
/// A writer thread owns the database and stores batch after batch while the workers code
/// the next one, so SQLite's time overlaps with coding instead of adding to it.
pub fn run_ingest(args: &IngestArgs) -> anyhow::Result<i32> {
    // A missing input is a mistake in the command, found before any database is made.
    check_inputs(&args.inputs)?;
    set_jobs(args.jobs);
    let store = Store::open(&args.db)?;
    let pipeline = args
        .coder
        .pipeline()?
        .with_limits(args.limits.pipeline_limits());
    let opts = ReadOptions {
        default_date: args.date,
        max_record_bytes: args.max_record_bytes,
        ..args.limits.read_options()
    };
    let started = std::time::Instant::now();
    let batch_size = args.batch.max(1);
    // Two batches in flight at most: bounded memory, and the coders never wait for a
    // writer that is merely finishing the previous batch.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Document>>(2);
    let db_path = args.db.clone();
    let progress = Progress::new(std::io::stderr().is_terminal());
    let bar = progress.clone();
    let writer = std::thread::spawn(move || -> anyhow::Result<IngestTally> {
        let mut store = store;
        let mut tally = IngestTally::default();
        for batch in receive {
            let outcomes = store
                .insert_batch(&batch)
                .with_context(|| format!("storing into {}", db_path.display()))?;
            tally.add(outcomes, &batch);
            tally.bytes += batch.iter().map(|d| d.text.len()).sum::<usize>();
            bar.update(&tally, started.elapsed());
        }
        Ok(tally)
    });
    let mut pending: Vec<Document> = Vec::with_capacity(batch_size);
    let coded = run_inputs(
        &pipeline,
        &args.inputs,
        args.input_format,
        &opts,
        args.strict,
        |d| {
            pending.push(d.clone());
            if pending.len() >= batch_size {
                let batch = std::mem::replace(&mut pending, Vec::with_capacity(batch_size));
                // A closed channel means the writer stopped on an error: joining it
                // below reports that error.
                if send.send(batch).is_err() {
                    anyhow::bail!("the database writer stopped");
                }
            }
            Ok(())
        },
    );
    if coded.is_ok() && !pending.is_empty() {
        send.send(pending).ok();
    }
    drop(send);
    let tally = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))??;
    let coded = coded?;
    progress.finish();
    eprintln!(
        "herald: {} article(s) stored, {} duplicate(s) skipped, {} event(s) into {}{}{}",
        tally.stored,
        tally.duplicates,
        tally.events,
        args.db.display(),
        coded.problems(),
        if tally.failed > 0 {
            format!("; {} article(s) could not be stored", tally.failed)
        } else {
            String::new()
        }
    );
    Ok(
        if coded.skipped + coded.unreadable > 0 || tally.failed > 0 {
            2
        } else {
            0
        },
    )
}
