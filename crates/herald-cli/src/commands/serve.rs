//! `herald serve`: the JSON API and dashboard over a store (see the herald-serve crate).

use super::code::CoderArgs;
use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `herald serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Database file written by `herald ingest`.
    #[arg(long, value_name = "PATH", default_value = "herald.db")]
    pub db: PathBuf,
    /// Address to listen on; loopback unless told otherwise (port 0 picks a free one).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Do not load the coding pipeline: faster start, `POST /api/code` answers 503.
    #[arg(long)]
    pub no_coding: bool,
    /// Run every read's query, keeping no answers until the store changes (for
    /// measuring the queries; slower under load).
    #[arg(long)]
    pub no_cache: bool,
    /// Pipeline used by `POST /api/code`.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Run `herald serve` until interrupted.
pub fn run(args: &ServeArgs) -> anyhow::Result<i32> {
    let pipeline = if args.no_coding {
        None
    } else {
        Some(args.coder.pipeline()?)
    };
    let mut state = herald_serve::AppState::open(&args.db, pipeline)?;
    if args.no_cache {
        state = state.without_cache();
    }
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "herald: warning: listening on {} — the API is reachable from other machines",
            args.bind
        );
    }
    herald_serve::run(state, args.bind, |addr| {
        // The first stdout line tells scripts (and tests using port 0) where to connect.
        println!("herald serve: listening on http://{addr}/");
    })
    .with_context(|| format!("serving {}", args.db.display()))?;
    Ok(0)
}
