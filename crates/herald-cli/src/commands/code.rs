//! `herald code`: articles in, one JSON line of actors and events per article out.

use anyhow::Context;
use clap::Args;
use herald_core::Document;
use herald_ingest::{InputFormat, ReadOptions, DEFAULT_MAX_RECORD_BYTES};
use herald_pipeline::batch::DEFAULT_CHUNK;
pub use herald_pipeline::set_jobs;
use herald_pipeline::{output, CoderOptions, Pipeline, StreamError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options that choose dictionaries and coder behaviour; shared by several commands.
#[derive(Debug, Args, Clone)]
pub struct CoderArgs {
    /// Dictionary directory (PETRARCH or herald format); default: herald's own.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Code only events with both a source and a target (PETRARCH's require_dyad). Off by
    /// default: one-actor events (protests, strikes, mobilisations) come out with
    /// `target: null`, as in GDELT, ICEWS and PLOVER; `--require-dyad true` drops them.
    #[arg(long, value_name = "BOOL", default_value_t = false, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub require_dyad: bool,
    /// Also output negated events (flagged "negated": true).
    #[arg(long)]
    pub keep_negated: bool,
    /// Also output hypothetical events ("if Russia attacked…", "Iraq must cooperate"),
    /// flagged "modality": "hypothetical".
    #[arg(long)]
    pub keep_hypothetical: bool,
    /// Code acts as they are written even when only announced: "agreed to give aid" as
    /// aid (071) instead of CAMEO's intent code (0331), "threatened to attack" as an
    /// attack instead of a threat (1384).
    #[arg(long)]
    pub no_intent_codes: bool,
    /// Syntax model; default: data/models/en_ewt.model when present.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Event model: `fast` (the static-vector model in data/models, the default when its
    /// files are there) or `none` (the dictionaries' types alone, no confidence).
    #[arg(long, value_name = "MODEL", default_value = "fast", value_parser = ["fast", "none"])]
    pub event_model: String,
    /// Folder of the event model's files (default: data/models).
    #[arg(long, value_name = "DIR")]
    pub event_model_dir: Option<PathBuf>,
    /// Leave out events whose confidence is below this (0–1; needs the event model).
    #[arg(long, value_name = "P", default_value_t = herald_pipeline::decide::Policy::default().min_confidence)]
    pub min_confidence: f32,
    /// Least model probability for another type to replace the dictionaries' type.
    /// Off by default (see `herald_pipeline::decide` for why).
    #[arg(long, value_name = "P")]
    pub retype_at: Option<f32>,
    /// Least model probability of "no event" for an event the dictionaries coded to be
    /// dropped. Off by default.
    #[arg(long, value_name = "P")]
    pub drop_at: Option<f32>,
    /// Least model probability for a pair of actors the dictionaries left uncoded to
    /// become an event. Off by default.
    #[arg(long, value_name = "P")]
    pub propose_at: Option<f32>,
    /// Do not parse sentences (faster; the coder then works on tokens alone).
    #[arg(long)]
    pub no_parse: bool,
    /// Skip the knowledge layers: times, quotes, amounts, tone, names and places
    /// (faster; events keep the publication date).
    #[arg(long)]
    pub no_knowledge: bool,
    /// Where event sources and targets come from: word order around the verb (default;
    /// codes more records right with the shipped parser) or the dependency parse.
    #[arg(long, value_name = "FROM", default_value = "words", value_parser = ["words", "parse"])]
    pub actors_from: String,
    /// Ignore internal comma-delimited clauses of at least this many words (PETRARCH's
    /// comma_min).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub comma_min: usize,
    /// … and at most this many (PETRARCH's comma_max; 0 keeps every internal clause).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub comma_max: usize,
    /// Ignore an initial comma-delimited clause of at least this many words (comma_bmin).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub comma_bmin: usize,
    /// … and at most this many (comma_bmax; 0, the default, keeps it).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub comma_bmax: usize,
    /// Ignore a terminal comma-delimited clause of at least this many words (comma_emin).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub comma_emin: usize,
    /// … and at most this many (comma_emax; 0 keeps it).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub comma_emax: usize,
    /// List capitalised phrases of up to this many words that no dictionary names among
    /// the actors, coded "---" (PETRARCH's new_actor_length; they code no events; 0, the
    /// default, lists none). For finding actors to add to the dictionaries.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub new_actor_length: usize,
}

impl CoderArgs {
    /// Coder options from the flags.
    pub fn options(&self) -> CoderOptions {
        CoderOptions {
            require_dyad: self.require_dyad,
            keep_negated: self.keep_negated,
            keep_hypothetical: self.keep_hypothetical,
            code_intent: !self.no_intent_codes,
            actors_from_parse: self.actors_from == "parse",
            comma_min: self.comma_min,
            comma_max: self.comma_max,
            comma_bmin: self.comma_bmin,
            comma_bmax: self.comma_bmax,
            comma_emin: self.comma_emin,
            comma_emax: self.comma_emax,
            new_actor_length: self.new_actor_length,
            ..CoderOptions::default()
        }
    }

    /// Add the event model the flags ask for. The shipped model is used when its files
    /// are in the data folder; a folder given with `--event-model-dir` must hold it.
    fn with_event_model(&self, p: Pipeline) -> anyhow::Result<Pipeline> {
        if self.event_model == "none" {
            return Ok(p);
        }
        let policy = herald_pipeline::decide::Policy {
            min_confidence: self.min_confidence,
            retype_at: self.retype_at,
            drop_at: self.drop_at,
            propose_at: self.propose_at,
            ..herald_pipeline::decide::Policy::default()
        };
        p.with_event_model_from(self.event_model_dir.as_deref(), policy)
            .context("loading the event model")
    }

    /// Load the pipeline, reporting skipped dictionary entries on stderr.
    pub fn pipeline(&self) -> anyhow::Result<Pipeline> {
        let p = Pipeline::load(self.dictionaries.as_deref(), self.options())
            .context("loading dictionaries")?;
        let p = if self.no_parse {
            p
        } else {
            let path = self
                .model
                .clone()
                .unwrap_or_else(herald_syntax::default_model_path);
            if self.model.is_some() || path.exists() {
                let m = herald_syntax::Model::load(&path)
                    .with_context(|| format!("loading syntax model {}", path.display()))?;
                p.with_syntax(m)
            } else {
                p
            }
        };
        let p = p.with_knowledge(!self.no_knowledge);
        let p = self.with_event_model(p)?;
        let n = p.report().diagnostics.len();
        if n > 0 && self.dictionaries.is_some() {
            eprintln!("herald: {n} dictionary entries skipped or repaired (run `herald dict check` for the list)");
        }
        Ok(p)
    }
}

/// Limits on what one input may cost (docs/limits.md); shared by `code` and `ingest`.
#[derive(Debug, Args, Clone)]
pub struct LimitArgs {
    /// Deepest HTML element nesting kept; deeper tags are removed (their text kept),
    /// with a warning naming the record.
    #[arg(long, value_name = "N", default_value_t = herald_ingest::DEFAULT_MAX_HTML_DEPTH)]
    pub max_html_depth: usize,
    /// Most bytes one record (a gzip/deflate HTTP body in a WARC) may inflate to; a
    /// record that inflates to more is reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = herald_ingest::DEFAULT_MAX_INFLATED_RECORD_BYTES)]
    pub max_inflated_record_bytes: usize,
    /// Most decompressed bytes read from one gzipped input; the rest is reported and
    /// skipped.
    #[arg(long, value_name = "BYTES", default_value_t = herald_ingest::DEFAULT_MAX_INFLATED_FILE_BYTES)]
    pub max_inflated_file_bytes: u64,
    /// Sentences coded per article; later ones are left out, with a warning.
    #[arg(long, value_name = "N", default_value_t = herald_pipeline::DEFAULT_MAX_SENTENCES)]
    pub max_sentences: usize,
    /// Longest sentence coded, in bytes; longer ones are left out, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = herald_pipeline::DEFAULT_MAX_SENTENCE_BYTES)]
    pub max_sentence_bytes: usize,
    /// Bytes of text coded per article; sentences after that are left out, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = herald_pipeline::DEFAULT_MAX_CODED_BYTES)]
    pub max_coded_bytes: usize,
    /// CPU seconds one article may take; an article over it is reported and skipped.
    #[arg(long, value_name = "SECONDS", default_value_t = herald_pipeline::DEFAULT_MAX_CPU.as_secs_f64())]
    pub max_cpu_per_article: f64,
}

impl LimitArgs {
    /// Reader options with these limits (and the defaults for the rest).
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_html_depth: self.max_html_depth.max(1),
            max_inflated_record_bytes: self.max_inflated_record_bytes,
            max_inflated_file_bytes: self.max_inflated_file_bytes,
            ..ReadOptions::default()
        }
    }

    /// Per-article coding limits.
    pub fn pipeline_limits(&self) -> herald_pipeline::Limits {
        herald_pipeline::Limits {
            max_sentences: self.max_sentences,
            max_sentence_bytes: self.max_sentence_bytes,
            max_coded_bytes: self.max_coded_bytes,
            max_cpu: std::time::Duration::try_from_secs_f64(self.max_cpu_per_article)
                .unwrap_or(herald_pipeline::DEFAULT_MAX_CPU),
        }
    }
}

/// Arguments of `herald code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Input files: text, JSON Lines (.jsonl, .jsonl.gz), HTML, feeds or WARC; `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date for inputs that carry none (YYYY-MM-DD); without it they stay
    /// undated (never the day they are read).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// Input format.
    #[arg(long, default_value_t = InputFormat::Auto, value_parser = input_format_parser())]
    pub input_format: InputFormat,
    /// Write JSON Lines here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Stop at the first bad record instead of skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Largest record (article, line, page) to read; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,
    /// Limits.
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// The `--input-format` parser: herald-ingest's names, listed in `--help`.
pub fn input_format_parser() -> impl clap::builder::TypedValueParser<Value = InputFormat> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(InputFormat::ALL.map(InputFormat::name))
        .try_map(|s| s.parse::<InputFormat>())
}

/// Counts for the closing summary.
#[derive(Debug, Default)]
pub struct Tally {
    /// Articles coded.
    pub coded: usize,
    /// Events written.
    pub events: usize,
    /// Records skipped as bad.
    pub skipped: usize,
    /// Inputs that could not be opened or read as any format.
    pub unreadable: usize,
}

impl Tally {
    /// The closing summary's account of what went wrong ("" when nothing did).
    pub fn problems(&self) -> String {
        let mut s = String::new();
        if self.unreadable > 0 {
            s += &format!("; {} input(s) could not be read", self.unreadable);
        }
        if self.skipped > 0 {
            s += &format!("; {} bad record(s) skipped", self.skipped);
        }
        s
    }
}

/// Every input (but `-`, stdin) must exist: a missing file is an error of the command,
/// not a bad record, and stops it before anything is written.
pub fn check_inputs(inputs: &[PathBuf]) -> anyhow::Result<()> {
    for p in inputs.iter().filter(|p| p.as_os_str() != "-") {
        std::fs::metadata(p).with_context(|| format!("{}", p.display()))?;
    }
    Ok(())
}

/// Stream every input through `pipeline` ([`Pipeline::code_stream`]), calling `sink`
/// with each coded document in input order. Bad records and documents the pipeline
/// failed on are reported on stderr and skipped (or stop the run when `strict`).
pub fn run_inputs(
    pipeline: &Pipeline,
    inputs: &[PathBuf],
    format: InputFormat,
    opts: &ReadOptions,
    strict: bool,
    mut sink: impl FnMut(&Document) -> anyhow::Result<()>,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    for path in inputs {
        let stream = match herald_ingest::read(path, format, opts) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("herald: {e}");
                tally.unreadable += 1;
                if strict {
                    return Ok(tally);
                }
                continue;
            }
        };
        let articles = stream.map(|item| {
            item.map(|(origin, a)| {
                // Limits a reader applied (e.g. HTML flattened): the article is good,
                // the user is told what was changed and where.
                for w in &a.warnings {
                    eprintln!("herald: {origin}: warning: {w}");
                }
                a
            })
        });
        for coded in pipeline.code_stream(articles, DEFAULT_CHUNK) {
            match coded {
                Ok(d) => {
                    for w in &d.warnings {
                        eprintln!(
                            "herald: {}: article {:?}: warning: {w}",
                            path.display(),
                            d.id
                        );
                    }
                    tally.coded += 1;
                    tally.events += d.events.len();
                    sink(&d)?;
                }
                Err(StreamError::Read(e)) => {
                    eprintln!("herald: {e}");
                    tally.skipped += 1;
                    if strict {
                        return Ok(tally);
                    }
                }
                Err(StreamError::Code(e)) => {
                    // Not a bad record but a bug; `--strict` is about input, so go on.
                    eprintln!("herald: {}: {e}; skipped", path.display());
                    tally.skipped += 1;
                }
            }
        }
    }
    Ok(tally)
}

/// Standard output, or a file when `path` is given, buffered.
pub fn open_output(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// Run `herald code`.
pub fn run(args: &CodeArgs) -> anyhow::Result<i32> {
    check_inputs(&args.inputs)?;
    set_jobs(args.jobs);
    let pipeline = args
        .coder
        .pipeline()?
        .with_limits(args.limits.pipeline_limits());
    let mut out = open_output(args.output.as_deref())?;
    let opts = ReadOptions {
        default_date: args.date,
        max_record_bytes: args.max_record_bytes,
        ..args.limits.read_options()
    };
    let tally = run_inputs(
        &pipeline,
        &args.inputs,
        args.input_format,
        &opts,
        args.strict,
        |d| writeln!(out, "{}", output::to_json_line(d)).context("writing output"),
    )?;
    out.flush().context("writing output")?;
    eprintln!(
        "herald: coded {} article(s), {} event(s){}",
        tally.coded,
        tally.events,
        tally.problems()
    );
    Ok(if tally.skipped + tally.unreadable > 0 {
        2
    } else {
        0
    })
}
