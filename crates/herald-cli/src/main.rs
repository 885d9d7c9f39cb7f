//! `herald`: news in, political event data out.

use clap::{Parser, Subcommand};

mod commands;

/// herald turns news into political event data.
#[derive(Debug, Parser)]
#[command(name = "herald", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse raw text and print CoNLL-U.
    Parse(commands::syntax::PendingArgs),
    /// Print the article extracted from an HTML page as JSON.
    Extract(commands::extract::PendingArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Parse(a) => commands::syntax::pending(a),
        Command::Extract(a) => commands::extract::pending(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("herald: error: {e:#}");
            std::process::exit(1);
        }
    }
}
