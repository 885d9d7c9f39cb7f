//! `herald watch`: poll news feeds, fetch the pages of new items, code them and store them.
//!
//! - [`read_feed_list`] reads the feeds to watch: a text file of URLs (one per line, `#`
//!   comments) or an OPML subscription list.
//! - [`Fetcher`] makes bounded HTTP requests: connect and total timeouts, a body size cap,
//!   conditional GET with ETag / Last-Modified.
//! - [`State`] remembers per feed the validators and the error backoff in a small JSON file
//!   next to the database, so a restart still sends conditional requests and still backs off.
//! - [`Watcher`] runs rounds: each feed is polled (politely: one request per host per
//!   [`Config::host_delay`]), its items that are not in the store yet are completed with their
//!   page when the feed carries no full text, coded with a [`herald_pipeline::Pipeline`] and
//!   stored with [`herald_store::Store::insert_batch`]; one [`FeedReport`] per feed per round.
//!
//! Nothing a feed or a page does stops the loop: every failure becomes a line in the report
//! and, for the feed itself, a longer wait before the next try.

#![warn(missing_docs)]

mod feeds;
mod fetch;
mod state;
mod units;
mod watch;

pub use feeds::{parse_feed_list, read_feed_list};
pub use fetch::{FetchError, Fetched, Fetcher, Validators};
pub use state::{FeedState, ItemState, State};
pub use units::{parse_duration, parse_size};
pub use watch::{
    stop_on_ctrl_c, Config, FeedReport, FeedStatus, RoundReport, Watcher, DEFAULT_PARALLEL_FEEDS,
};

use std::path::PathBuf;

/// What can stop `herald watch` from starting. Once running, failures are reported per
/// feed and never stop the loop.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// A line of a feed list is not a feed URL.
    #[error("{path}:{line}: {message}")]
    FeedList {
        /// The feed list.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An OPML file is not well-formed XML.
    #[error("{path}: byte {byte}: {message}")]
    Opml {
        /// The OPML file.
        path: PathBuf,
        /// Byte offset of the problem.
        byte: u64,
        /// What the XML reader said.
        message: String,
    },
    /// The feed list names no feed.
    #[error("{path}: no feed URLs in the list")]
    NoFeeds {
        /// The feed list.
        path: PathBuf,
    },
    /// The store could not be opened or written.
    #[error(transparent)]
    Store(#[from] herald_store::Error),
    /// The HTTP client could not be set up.
    #[error("setting up the HTTP client: {0}")]
    Client(String),
    /// The Ctrl-C handler could not be installed.
    #[error("installing the Ctrl-C handler: {0}")]
    Signal(String),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
