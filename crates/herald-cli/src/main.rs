//! `herald`: news in, political event data out.

use clap::{Parser, Subcommand};

mod commands;

/// herald turns news into political event data.
#[derive(Debug, Parser)]
#[command(
    name = "herald",
    version,
    about = "herald turns news into political event data: who did what to whom, when and where."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code articles: actors and events as JSON Lines, one object per article.
    Code(commands::code::CodeArgs),
    /// Code articles and store them in the database (deduplicated event records).
    Ingest(commands::store::IngestArgs),
    /// Write stored event records as GDELT events or mentions, JSON Lines or CSV.
    Export(commands::store::ExportArgs),
    /// Ask the database: events, timeline, actors, quotes, stats.
    Query(commands::store::QueryArgs),
    /// Show how herald codes a sentence: tokens, parse, actors, verbs tried, events.
    Explain(commands::explain::ExplainArgs),
    /// Code the bundled sample articles and print a summary.
    Demo(commands::demo::DemoArgs),
    /// Score herald against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Find and normalise time expressions in a text.
    Dates(commands::dates::DatesArgs),
    /// Convert and check dictionaries.
    #[command(subcommand)]
    Dict(commands::dict::DictCommand),
    /// Parse raw text and print CoNLL-U.
    Parse(commands::syntax::ParseArgs),
    /// Train a model.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Print the article extracted from an HTML page as JSON.
    Extract(commands::extract::ExtractArgs),
    /// Poll news feeds: code and store new items as they appear.
    Watch(commands::watch::WatchArgs),
    /// Serve the JSON API and the dashboard over a database.
    Serve(commands::serve::ServeArgs),
}

#[derive(Debug, Subcommand)]
enum TrainCommand {
    /// The tagger, lemmatizer and dependency parser from CoNLL-U treebanks.
    Syntax(commands::syntax::TrainArgs),
    /// The event model: static vectors distilled from an encoder, and a head trained on
    /// span-marked sentences, with a cross-validated report.
    Events(Box<commands::train_events::TrainEventsArgs>),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Event coding against gold records (../shared/data/eval/*.jsonl).
    Events(commands::events::EvalEventsArgs),
    /// Every gold set in a folder (default ../shared/data/eval), one table.
    All(commands::events::EvalAllArgs),
    /// Time expressions against TempEval-3 JSON Lines.
    Dates(commands::dates::EvalDatesArgs),
    /// Tagging, lemmas and parsing against a CoNLL-U treebank (gold tokens).
    Syntax(commands::syntax::EvalArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Code(a) => commands::code::run(a),
        Command::Demo(a) => commands::demo::run(a),
        Command::Ingest(a) => commands::store::run_ingest(a),
        Command::Export(a) => commands::store::run_export(a),
        Command::Query(a) => commands::store::run_query(a),
        Command::Explain(a) => commands::explain::run(a),
        Command::Eval(EvalCommand::Events(a)) => commands::events::run(a),
        Command::Eval(EvalCommand::All(a)) => commands::events::run_all(a),
        Command::Dict(c) => commands::dict::run(c),
        Command::Dates(a) => commands::dates::dates(a),
        Command::Eval(EvalCommand::Dates(a)) => commands::dates::eval(a),
        Command::Eval(EvalCommand::Syntax(a)) => commands::syntax::eval(a),
        Command::Parse(a) => commands::syntax::parse(a),
        Command::Train(TrainCommand::Syntax(a)) => commands::syntax::train(a),
        Command::Train(TrainCommand::Events(a)) => commands::train_events::run(a),
        Command::Extract(a) => commands::extract::run(a),
        Command::Watch(a) => commands::watch::run(a),
        Command::Serve(a) => commands::serve::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("herald: error: {e:#}");
            std::process::exit(1);
        }
    }
}
