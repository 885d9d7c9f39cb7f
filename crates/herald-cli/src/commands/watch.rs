//! `herald watch`: poll feeds, code and store new items (the work is in herald-watch).

use super::code::{set_jobs, CoderArgs};
use anyhow::Context;
use clap::Args;
use herald_store::Store;
use herald_watch::{parse_duration, parse_size, Config, State, Watcher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Arguments of `herald watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Feeds to watch: a text file of feed URLs (one per line, `#` comments) or an OPML file.
    #[arg(value_name = "FEEDS")]
    pub feeds: PathBuf,
    /// Database file (created when missing).
    #[arg(long, value_name = "PATH", default_value = "herald.db")]
    pub db: PathBuf,
    /// Time between the starts of two rounds (30s, 5m, 1h).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub interval: Duration,
    /// Poll every feed once and exit.
    #[arg(long, conflicts_with = "rounds")]
    pub once: bool,
    /// Run this many rounds and exit (default: until Ctrl-C).
    #[arg(long, value_name = "N")]
    pub rounds: Option<u64>,
    /// Worker threads for coding (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Give up on a request (headers and body) after this long.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Give up connecting after this long.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub connect_timeout: Duration,
    /// Largest feed read (512k, 16M); larger ones are reported and skipped.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_feed_bytes: u64,
    /// Largest article page read.
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = parse_size)]
    pub max_page_bytes: u64,
    /// Least time between two requests to the same host.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub host_delay: Duration,
    /// Wait after a feed's first failure; doubles with each failure in a row.
    #[arg(long, value_name = "DURATION", default_value = "1m", value_parser = parse_duration)]
    pub backoff: Duration,
    /// Longest wait after failures.
    #[arg(long, value_name = "DURATION", default_value = "6h", value_parser = parse_duration)]
    pub max_backoff: Duration,
    /// An item's own content (RSS content:encoded, Atom content, JSON Feed content_*)
    /// shorter than this many characters is a teaser, and the item's page is fetched. An
    /// item with only a title and a summary (an RSS description, however long) is always
    /// completed from its page.
    #[arg(long, value_name = "CHARS", default_value_t = 200)]
    pub min_full_text: usize,
    /// Where validators and backoff are remembered (default: DB.watch.json beside the DB).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Failed tries at an item's page before the item is quarantined (its feed text
    /// stored when at least --min-full-text long, else never tried again).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub max_item_failures: u32,
    /// Feeds polled at the same time: a slow or hanging feed holds up only its own
    /// turn (requests to one host still go one at a time, --host-delay apart).
    #[arg(long, value_name = "N", default_value_t = herald_watch::DEFAULT_PARALLEL_FEEDS)]
    pub parallel_feeds: usize,
    /// Print what the state file remembers (failing feeds, failing and quarantined
    /// items with their reasons) and exit.
    #[arg(long)]
    pub status: bool,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Print the state file's failing feeds and items (`herald watch --status`).
fn status(path: &std::path::Path) -> i32 {
    let (state, warning) = State::load(path);
    if let Some(w) = warning {
        eprintln!("herald watch: {w}");
    }
    println!("state {}", path.display());
    for (url, f) in state.feeds() {
        if f.failures > 0 {
            let err = f.last_error.as_deref().unwrap_or("?");
            println!("feed failing ({} in a row): {url}: {err}", f.failures);
        }
    }
    for (url, i) in state.items() {
        let what = if i.quarantined {
            "quarantined"
        } else {
            "failing"
        };
        let err = i.last_error.as_deref().unwrap_or("?");
        println!("item {what} ({} failures): {url}: {err}", i.failures);
    }
    0
}

/// Run `herald watch`.
pub fn run(args: &WatchArgs) -> anyhow::Result<i32> {
    if args.status {
        let path = args
            .state
            .clone()
            .unwrap_or_else(|| State::path_for_db(&args.db));
        return Ok(status(&path));
    }
    let feeds = herald_watch::read_feed_list(&args.feeds)?;
    set_jobs(args.jobs);
    let pipeline = args.coder.pipeline()?;
    let store = Store::open(&args.db)?;
    let state_path = args
        .state
        .clone()
        .unwrap_or_else(|| State::path_for_db(&args.db));
    let (state, warning) = State::load(&state_path);
    if let Some(w) = warning {
        eprintln!("herald watch: {w}");
    }
    let config = Config {
        interval: args.interval,
        connect_timeout: args.connect_timeout,
        timeout: args.timeout,
        max_feed_bytes: args.max_feed_bytes,
        max_page_bytes: args.max_page_bytes,
        host_delay: args.host_delay,
        backoff_base: args.backoff,
        backoff_max: args.max_backoff,
        min_full_text: args.min_full_text,
        max_item_failures: args.max_item_failures.max(1),
        parallel_feeds: args.parallel_feeds.max(1),
        ..Config::default()
    };
    let mut watcher = Watcher::new(config, feeds, Arc::new(pipeline), store, state)?;
    herald_watch::stop_on_ctrl_c(watcher.stop_flag()).context("herald watch")?;
    let rounds = if args.once { Some(1) } else { args.rounds };
    eprintln!(
        "herald watch: {} feed(s) into {}, state in {}",
        watcher.feeds().len(),
        args.db.display(),
        state_path.display()
    );
    let mut stored = 0usize;
    let done = watcher.run(rounds, |r| {
        stored += r.stored;
        eprintln!("{} {r}", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"));
    });
    eprintln!("herald watch: {done} round(s), {stored} article(s) stored");
    Ok(0)
}

#[cfg(test)]
mod tests {
    /// `--max-feed-bytes` is written "16M" for `--help`; it must stay the one record limit.
    #[test]
    fn feed_limit_default_is_the_ingest_default() {
        use clap::CommandFactory;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            watch: super::WatchArgs,
        }
        let cmd = Cli::command();
        let arg = cmd
            .get_arguments()
            .find(|a| a.get_id() == "max_feed_bytes")
            .expect("the flag exists");
        let default = arg.get_default_values()[0].to_str().unwrap();
        assert_eq!(
            herald_watch::parse_size(default),
            Ok(herald_ingest::DEFAULT_MAX_RECORD_BYTES as u64)
        );
    }
}
