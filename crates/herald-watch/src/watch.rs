//! The polling loop: rounds over the feeds, new items fetched, coded and stored.

use crate::fetch::{Fetched, Fetcher};
use crate::state::State;
use crate::{Error, Result};
use herald_core::Document;
use herald_ingest::{Article, FeedItem, ReadOptions};
use herald_pipeline::Pipeline;
use herald_store::{Outcome, Store, TextSource};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Limits and timings of the watcher.
#[derive(Clone, Debug)]
pub struct Config {
    /// Time from the start of one round to the start of the next.
    pub interval: Duration,
    /// Give up connecting after this long.
    pub connect_timeout: Duration,
    /// Give up on a whole request (headers and body) after this long.
    pub timeout: Duration,
    /// Largest feed body read.
    pub max_feed_bytes: u64,
    /// Largest page body read.
    pub max_page_bytes: u64,
    /// Least time between two requests to the same host.
    pub host_delay: Duration,
    /// Wait after a feed's first failure; it doubles with each further failure in a row.
    pub backoff_base: Duration,
    /// Longest wait after failures.
    pub backoff_max: Duration,
    /// An item's own content (`content:encoded`, Atom `content`, JSON Feed `content_*`)
    /// shorter than this many characters is taken for a teaser, and the item's page is
    /// fetched instead. An item with only a summary (an RSS `description`, however long)
    /// always has its page fetched.
    pub min_full_text: usize,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Failed attempts at an item's page after which the item is quarantined (its
    /// feed text stored when long enough, else never tried again).
    pub max_item_failures: u32,
    /// Feeds polled at the same time (at least one): a slow or hanging feed holds up
    /// only its own turn. Requests to one host still go one at a time,
    /// [`Config::host_delay`] apart.
    pub parallel_feeds: usize,
}

/// Default [`Config::parallel_feeds`]: fetching is waiting on the network, not work.
pub const DEFAULT_PARALLEL_FEEDS: usize = 4;

impl Default for Config {
    fn default() -> Self {
        Config {
            interval: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_feed_bytes: herald_ingest::DEFAULT_MAX_RECORD_BYTES as u64,
            max_page_bytes: 8 << 20,
            host_delay: Duration::from_secs(1),
            backoff_base: Duration::from_secs(60),
            backoff_max: Duration::from_secs(6 * 3600),
            min_full_text: 200,
            user_agent: concat!("herald-watch/", env!("CARGO_PKG_VERSION")).to_string(),
            max_item_failures: 3,
            parallel_feeds: DEFAULT_PARALLEL_FEEDS,
        }
    }
}

/// How a feed's poll went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedStatus {
    /// The feed was read; the HTTP status.
    Fetched(u16),
    /// `304 Not Modified`: nothing new.
    NotModified,
    /// Not polled: the feed failed before and its backoff has not run out.
    Waiting {
        /// Time left until the next try.
        retry_in: Duration,
    },
    /// The feed could not be fetched or parsed.
    Failed {
        /// What went wrong.
        error: String,
        /// The wait before the next try (it doubles with each failure in a row).
        retry_in: Duration,
    },
    /// Stopped (Ctrl-C) before the feed was polled.
    Stopped,
}

/// One feed in one round: the log line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedReport {
    /// Round number, from 1.
    pub round: u64,
    /// The feed's URL.
    pub feed: String,
    /// How the poll went.
    pub status: FeedStatus,
    /// Items in the feed.
    pub items: usize,
    /// Items not in the store before this round.
    pub new: usize,
    /// Articles stored.
    pub stored: usize,
    /// New items that turned out to be stored already (same text under another URL).
    pub duplicates: usize,
    /// What went wrong with items, pages or the store (the feed itself: see `status`).
    pub errors: Vec<String>,
    /// New items skipped because they are quarantined (see `herald watch --status`).
    pub quarantined: usize,
    /// Time spent on the feed.
    pub elapsed: Duration,
}

impl FeedReport {
    /// A report of nothing done yet: no items, no time.
    fn new(round: u64, feed: &str, status: FeedStatus) -> FeedReport {
        FeedReport {
            round,
            feed: feed.to_string(),
            status,
            items: 0,
            new: 0,
            stored: 0,
            duplicates: 0,
            errors: Vec::new(),
            quarantined: 0,
            elapsed: Duration::ZERO,
        }
    }
}

impl fmt::Display for FeedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "round {} {}: ", self.round, self.feed)?;
        match &self.status {
            FeedStatus::Fetched(s) => write!(f, "{s}")?,
            FeedStatus::NotModified => f.write_str("304 not modified")?,
            FeedStatus::Waiting { retry_in } => {
                write!(f, "backing off, next try in {} s", secs(*retry_in))?
            }
            FeedStatus::Failed { error, retry_in } => {
                write!(f, "failed ({error}), next try in {} s", secs(*retry_in))?
            }
            FeedStatus::Stopped => f.write_str("stopped")?,
        }
        write!(
            f,
            ", {} items, {} new, {} stored, {} errors",
            self.items,
            self.new,
            self.stored,
            self.errors.len()
        )?;
        if let Some(e) = self.errors.first() {
            write!(f, " (first: {e})")?;
        }
        if self.duplicates > 0 {
            write!(f, ", {} already stored under another URL", self.duplicates)?;
        }
        if self.quarantined > 0 {
            write!(f, ", {} quarantined", self.quarantined)?;
        }
        write!(f, ", {:.2} s", self.elapsed.as_secs_f64())
    }
}

/// Whole seconds, rounded: a wait just set reads as what was configured.
fn secs(d: Duration) -> u128 {
    (d.as_millis() + 500) / 1000
}

/// One round over every feed.
#[derive(Clone, Debug, Default)]
pub struct RoundReport {
    /// Round number, from 1.
    pub round: u64,
    /// One report per feed, in list order.
    pub feeds: Vec<FeedReport>,
}

impl RoundReport {
    /// Articles stored in this round.
    pub fn stored(&self) -> usize {
        self.feeds.iter().map(|f| f.stored).sum()
    }
}

/// Polls feeds and stores what is new. See the crate documentation.
///
/// A round polls up to [`Config::parallel_feeds`] feeds at once, each on its own thread:
/// fetching and extracting run side by side, coding shares the pipeline's thread pool,
/// and the store and the state file are written one feed at a time.
pub struct Watcher {
    config: Config,
    feeds: Vec<String>,
    state: Mutex<State>,
    fetcher: Fetcher,
    hosts: Hosts,
    pipeline: Arc<Pipeline>,
    store: Mutex<Store>,
    stop: Arc<AtomicBool>,
    round: u64,
}

/// Lock `m`, also after a thread panicked while holding it: the store and the state
/// stay usable (each write is a transaction, each save a whole file).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Watcher {
    /// A watcher over `feeds` that codes with `pipeline` (shared: it is large and
    /// read-only) into `store`, remembering validators and backoff in `state`.
    pub fn new(
        config: Config,
        feeds: Vec<String>,
        pipeline: Arc<Pipeline>,
        store: Store,
        state: State,
    ) -> Result<Watcher> {
        let fetcher = Fetcher::new(config.connect_timeout, config.timeout, &config.user_agent)?;
        Ok(Watcher {
            hosts: Hosts::new(config.host_delay),
            config,
            feeds,
            state: Mutex::new(state),
            fetcher,
            pipeline,
            store: Mutex::new(store),
            stop: Arc::new(AtomicBool::new(false)),
            round: 0,
        })
    }

    /// The flag that stops the watcher between items when set (see [`stop_on_ctrl_c`]).
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// The feeds watched, in polling order.
    pub fn feeds(&self) -> &[String] {
        &self.feeds
    }

    /// The store written to (locked while the guard lives; between rounds nobody
    /// else holds it).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The remembered per-feed state (locked while the guard lives).
    pub fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Run `rounds` rounds (forever when `None`), one every [`Config::interval`], calling
    /// `on_feed` after each feed; returns the number of rounds run. Ends early, between
    /// items, when the stop flag is set.
    pub fn run(&mut self, rounds: Option<u64>, mut on_feed: impl FnMut(&FeedReport)) -> u64 {
        let mut done = 0;
        while rounds.is_none_or(|n| done < n) && !self.stopped() {
            let started = Instant::now();
            self.round_with(&mut on_feed);
            done += 1;
            if rounds.is_some_and(|n| done >= n) {
                break;
            }
            let next = started + self.config.interval;
            sleep_until(next, &self.stop);
        }
        done
    }

    /// Poll every feed once (the feeds left when the stop flag is set are not reported).
    pub fn round(&mut self) -> RoundReport {
        self.round_with(&mut |_| {})
    }

    fn round_with(&mut self, on_feed: &mut dyn FnMut(&FeedReport)) -> RoundReport {
        self.round += 1;
        let round = self.round;
        let n = self.feeds.len();
        let mut slots: Vec<Option<FeedReport>> = vec![None; n];
        let next = AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::channel::<(usize, FeedReport)>();
        let this = &*self;
        std::thread::scope(|scope| {
            for _ in 0..this.config.parallel_feeds.clamp(1, n.max(1)) {
                let (tx, next) = (tx.clone(), &next);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n || this.stopped() {
                        return;
                    }
                    let report = this.poll_guarded(&this.feeds[i], round);
                    if tx.send((i, report)).is_err() {
                        return;
                    }
                });
            }
            drop(tx);
            // Reports are passed on as feeds finish, so a slow feed does not hold up the
            // log lines of the others.
            for (i, report) in rx {
                on_feed(&report);
                slots[i] = Some(report);
            }
        });
        RoundReport {
            round,
            feeds: slots.into_iter().flatten().collect(),
        }
    }

    /// [`Watcher::poll`], with a panic (a bug in a reader or stage) turned into a failed
    /// poll: the other feeds and later rounds go on. The item being completed when it
    /// happened was counted as failed first, so it cannot make every round panic.
    fn poll_guarded(&self, url: &str, round: u64) -> FeedReport {
        let started = Instant::now();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.poll(url, round))) {
            Ok(report) => report,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let failed = FeedStatus::Failed {
                    error: format!("internal error (please report): {what}"),
                    retry_in: Duration::ZERO,
                };
                FeedReport {
                    elapsed: started.elapsed(),
                    ..FeedReport::new(round, url, failed)
                }
            }
        }
    }

    fn poll(&self, url: &str, round: u64) -> FeedReport {
        let started = Instant::now();
        let mut rep = FeedReport::new(round, url, FeedStatus::Stopped);
        let mut st = lock(&self.state).feed(url);
        let now = now_ms();
        if !st.due(now) {
            let left = st.retry_at_ms.unwrap_or(now).saturating_sub(now);
            rep.status = FeedStatus::Waiting {
                retry_in: Duration::from_millis(left.max(0) as u64),
            };
            rep.elapsed = started.elapsed();
            return rep;
        }
        let Some(fetched) = self.hosts.request(url, &self.stop, || {
            self.fetcher
                .get(url, Some(&st.validators), self.config.max_feed_bytes)
        }) else {
            rep.elapsed = started.elapsed();
            return rep;
        };
        let (status, body, validators) = match fetched {
            Err(e) => {
                self.fail(url, &mut st, &mut rep, &e);
                rep.elapsed = started.elapsed();
                return rep;
            }
            Ok(Fetched::NotModified) => {
                st.succeeded();
                rep.status = FeedStatus::NotModified;
                self.keep(url, st, &mut rep);
                rep.elapsed = started.elapsed();
                return rep;
            }
            Ok(Fetched::Body {
                status,
                body,
                validators,
                ..
            }) => (status, body, validators),
        };
        let opts = ReadOptions {
            default_date: None,
            max_record_bytes: usize::try_from(self.config.max_feed_bytes).unwrap_or(usize::MAX),
            ..ReadOptions::default()
        };
        let items = match herald_ingest::parse_feed_bytes(url, &body, &opts) {
            Ok(items) => items,
            Err(e) => {
                self.fail(url, &mut st, &mut rep, &e);
                rep.elapsed = started.elapsed();
                return rep;
            }
        };
        drop(body);
        rep.status = FeedStatus::Fetched(status);
        rep.items = items.len();
        let complete = self.items(items, &mut rep);
        st.succeeded();
        // Only a feed whose new items are all stored may be answered with 304 next time;
        // otherwise the old validators make the next request fetch it whole again.
        if complete {
            st.validators = validators;
        }
        self.keep(url, st, &mut rep);
        rep.elapsed = started.elapsed();
        rep
    }

    fn fail(
        &self,
        url: &str,
        st: &mut crate::FeedState,
        rep: &mut FeedReport,
        error: &dyn std::fmt::Display,
    ) {
        // The URL is already at the start of the log line.
        let msg = error.to_string();
        let msg = msg
            .strip_prefix(&format!("{url}: "))
            .map(str::to_string)
            .unwrap_or(msg);
        st.failed(
            now_ms(),
            msg.clone(),
            self.config.backoff_base,
            self.config.backoff_max,
        );
        let retry_in = st
            .retry_at_ms
            .map(|t| Duration::from_millis(t.saturating_sub(now_ms()).max(0) as u64))
            .unwrap_or_default();
        rep.status = FeedStatus::Failed {
            error: msg,
            retry_in,
        };
        self.keep(url, st.clone(), rep);
    }

    fn keep(&self, url: &str, st: crate::FeedState, rep: &mut FeedReport) {
        let mut state = lock(&self.state);
        state.set_feed(url, st);
        if let Err(e) = state.save() {
            let path = state.path().map(|p| p.display().to_string());
            rep.errors
                .push(format!("saving state {}: {e}", path.unwrap_or_default()));
        }
    }

    /// Complete, code and store the new items; whether every new item was handled.
    fn items(
        &self,
        items: Vec<Result<FeedItem, herald_ingest::IngestError>>,
        rep: &mut FeedReport,
    ) -> bool {
        let mut complete = true;
        let mut seen = HashSet::new();
        let mut articles = Vec::new();
        let mut sources = Vec::new();
        for item in items {
            if self.stopped() {
                complete = false;
                break;
            }
            let item = match item {
                Ok(i) => i,
                Err(e) => {
                    rep.errors.push(e.to_string());
                    continue;
                }
            };
            // Without a URL the feed's text is all there is: look it up by its hash.
            let key = match item.article.url.as_deref() {
                Some(u) => Key::Url(u.to_string()),
                None => Key::Hash(herald_store::content_hash(&item.article.text)),
            };
            {
                if !seen.insert(key.clone()) {
                    continue;
                }
                match self.is_stored(&key) {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(e) => {
                        rep.errors.push(e.to_string());
                        complete = false;
                        continue;
                    }
                }
            }
            let needs_page = self.needs_page(&item);
            let page_url = item.article.url.clone().unwrap_or_default();
            if needs_page && lock(&self.state).item(&page_url).quarantined {
                rep.quarantined += 1;
                continue;
            }
            rep.new += 1;
            let (article, source) = if needs_page {
                match self.page_or_feed_text(item, &page_url, rep) {
                    Some(a) => a,
                    None => {
                        // Not stored, so the next round tries the page again.
                        complete = false;
                        continue;
                    }
                }
            } else {
                (item.article, TextSource::Feed)
            };
            // The same text under another URL (syndication, tracking parameters) is
            // known before it is coded; the store would refuse it anyway.
            if self.text_known(&article) {
                rep.duplicates += 1;
                continue;
            }
            // An undated item stays undated: the day it is seen is not the day it
            // happened (feeds carry archives), and the coder can still date events from
            // their text.
            articles.push(article);
            sources.push(source);
        }
        // A bug in a stage costs that item (reported), not the watcher.
        let docs = self
            .pipeline
            .code_batch(articles.into_iter().map(Document::from).collect());
        let mut ok = Vec::with_capacity(docs.len());
        for (d, source) in docs.into_iter().zip(sources) {
            match d {
                Ok(d) => ok.push((d, source)),
                Err(e) => rep.errors.push(format!("{e}; skipped")),
            }
        }
        if ok.is_empty() {
            return complete;
        }
        let stored = lock(&self.store).insert_batch_from(ok.iter().map(|(d, s)| (d, s.clone())));
        match stored {
            Ok(outcomes) => {
                for (o, (d, _)) in outcomes.into_iter().zip(&ok) {
                    match o {
                        Ok(Outcome::Inserted(_)) => rep.stored += 1,
                        Ok(Outcome::Duplicate { .. }) => rep.duplicates += 1,
                        Err(e) => rep
                            .errors
                            .push(format!("{}: {e}", d.url.as_deref().unwrap_or(&d.id))),
                    }
                }
            }
            Err(e) => {
                rep.errors.push(format!("storing: {e}"));
                complete = false;
            }
        }
        complete
    }

    fn is_stored(&self, key: &Key) -> Result<bool, herald_store::Error> {
        let (sql, value) = match key {
            Key::Url(u) => ("SELECT 1 FROM articles WHERE url = ?1", u),
            Key::Hash(h) => ("SELECT 1 FROM articles WHERE content_hash = ?1", h),
        };
        let store = lock(&self.store);
        let mut st = store.connection().prepare_cached(sql)?;
        Ok(st.exists([value])?)
    }

    /// Whether an article with a URL not stored yet has its text stored (syndication,
    /// tracking parameters). A store error here is left for the insert to report.
    fn text_known(&self, article: &Article) -> bool {
        // Without a URL the item was already looked up by this hash.
        article.url.is_some()
            && self
                .is_stored(&Key::Hash(herald_store::content_hash(&article.text)))
                .unwrap_or(false)
    }

    fn needs_page(&self, item: &FeedItem) -> bool {
        let web = item
            .article
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("http://") || u.starts_with("https://"));
        web && (!item.full_text || item.article.text.chars().count() < self.config.min_full_text)
    }

    /// The item completed with its page, with failures counted per item: the attempt
    /// is recorded (and saved) before the page is fetched and extracted and forgotten
    /// after, so a page that fails, or even kills the process, is tried at most
    /// [`Config::max_item_failures`] times. A page that is gone (HTTP 404/410) or has
    /// failed that often gives way to the feed's own text when that has at least
    /// [`Config::min_full_text`] characters; otherwise the item is quarantined. `None`
    /// (and an error in the report) when the item is left for a later round or
    /// quarantined. The article comes with where its text came from: the page, or the
    /// feed instead of the page (and why), which the store keeps with it.
    fn page_or_feed_text(
        &self,
        item: FeedItem,
        url: &str,
        rep: &mut FeedReport,
    ) -> Option<(Article, TextSource)> {
        let mut st = lock(&self.state).item(url);
        st.failures = st.failures.saturating_add(1);
        st.last_error = Some("interrupted while fetching or extracting the page".into());
        self.set_item(url, st.clone(), rep);
        let feed_text_ok = item.article.text.chars().count() >= self.config.min_full_text;
        let feed = item.article.clone();
        let (result, gone) = self.page(item);
        match result {
            Ok(article) => {
                self.set_item(url, crate::ItemState::default(), rep);
                return Some((article, TextSource::Page));
            }
            // A page with no article text (a video, a paywall) will not get better:
            // keep what the feed says, however short, rather than trying every round.
            Err(e) if e.starts_with("no article:") => {
                let why = e["no article: ".len()..].to_string();
                rep.errors
                    .push(format!("page {why}; stored the feed's text instead"));
                self.set_item(url, crate::ItemState::default(), rep);
                return Some((feed, TextSource::FeedInsteadOfPage(why)));
            }
            Err(e) if gone || st.failures >= self.config.max_item_failures => {
                if feed_text_ok {
                    rep.errors
                        .push(format!("page {e}; stored the feed's text instead"));
                    self.set_item(url, crate::ItemState::default(), rep);
                    return Some((feed, TextSource::FeedInsteadOfPage(e)));
                }
                if st.failures >= self.config.max_item_failures {
                    rep.errors.push(format!(
                        "page {e}; quarantined after {} failures",
                        st.failures
                    ));
                    st.quarantined = true;
                } else {
                    rep.errors.push(format!("page {e}"));
                }
                st.last_error = Some(e);
            }
            Err(e) => {
                rep.errors.push(format!("page {e}"));
                st.last_error = Some(e);
            }
        }
        self.set_item(url, st, rep);
        None
    }

    /// Remember `st` for the item at `url` and save the state file at once.
    fn set_item(&self, url: &str, st: crate::ItemState, rep: &mut FeedReport) {
        let mut state = lock(&self.state);
        state.set_item(url, st);
        if let Err(e) = state.save() {
            let path = state.path().map(|p| p.display().to_string());
            rep.errors
                .push(format!("saving state {}: {e}", path.unwrap_or_default()));
        }
    }

    /// The item completed with its page, or why not and whether the page is gone
    /// (HTTP 404 or 410: it will not come back).
    fn page(&self, item: FeedItem) -> (std::result::Result<Article, String>, bool) {
        let Some(url) = item.article.url.clone() else {
            return (Err("no URL".into()), false);
        };
        let Some(fetched) = self.hosts.request(&url, &self.stop, || {
            self.fetcher.get(&url, None, self.config.max_page_bytes)
        }) else {
            return (Err("stopped".into()), false);
        };
        let (body, final_url) = match fetched {
            Ok(Fetched::Body { body, url, .. }) => (body, url),
            Ok(Fetched::NotModified) => {
                return (
                    Err(format!("{url}: 304 to an unconditional request")),
                    false,
                );
            }
            Err(e) => {
                let gone = matches!(
                    e,
                    crate::FetchError::Status {
                        status: 404 | 410,
                        ..
                    }
                );
                return (Err(e.to_string()), gone);
            }
        };
        let feed = item.article;
        match herald_ingest::extract_html(&body, Some(&final_url)) {
            Ok(page) => (
                Ok(Article {
                    id: feed.id,
                    text: page.text,
                    date: feed.date.or(page.date),
                    title: feed.title.or(page.title),
                    // The feed's link, not the page's canonical URL: it is what the next
                    // round looks up to know the item is stored.
                    url: feed.url,
                    source: feed.source.or(page.source),
                    author: feed.author.or(page.author),
                    warnings: page.warnings,
                }),
                false,
            ),
            Err(e) => (Err(format!("no article: {e}")), true),
        }
    }
}

/// What tells a stored item: its URL, else its text's hash (the store's own keys).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Url(String),
    Hash(String),
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Sleep until `t` or until `stop` is set, whichever comes first.
fn sleep_until(t: Instant, stop: &AtomicBool) -> bool {
    const SLICE: Duration = Duration::from_millis(100);
    loop {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        let now = Instant::now();
        if now >= t {
            return true;
        }
        std::thread::sleep((t - now).min(SLICE));
    }
}

/// When each host was last asked, for the politeness delay. Feeds are polled on several
/// threads; requests to one host still go one at a time, `delay` apart.
struct Hosts {
    delay: Duration,
    /// Per host: the end of its last request, behind a lock held for a whole request.
    last: Mutex<HashMap<String, Arc<Mutex<Option<Instant>>>>>,
}

impl Hosts {
    fn new(delay: Duration) -> Hosts {
        Hosts {
            delay,
            last: Mutex::new(HashMap::new()),
        }
    }

    fn key(url: &str) -> String {
        url::Url::parse(url)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| format!("{h}:{}", u.port_or_known_default().unwrap_or(0)))
            })
            .unwrap_or_else(|| url.to_string())
    }

    /// Run `request` to `url`'s host once no other request to it is running and the
    /// delay since the last one has passed; `None` when stopped meanwhile.
    fn request<T>(&self, url: &str, stop: &AtomicBool, request: impl FnOnce() -> T) -> Option<T> {
        let host = lock(&self.last).entry(Self::key(url)).or_default().clone();
        let mut last = lock(&host);
        let ready = match *last {
            Some(t) => sleep_until(t + self.delay, stop),
            None => !stop.load(Ordering::Relaxed),
        };
        if !ready {
            return None;
        }
        let out = request();
        *last = Some(Instant::now());
        Some(out)
    }
}

/// Set `flag` on the first Ctrl-C (the watcher then stops between items, nothing
/// half-written); a second Ctrl-C exits at once with status 130.
pub fn stop_on_ctrl_c(flag: Arc<AtomicBool>) -> Result<()> {
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("herald watch: stopping after the current item (Ctrl-C again to quit now)");
    })
    .map_err(|e| Error::Signal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn politeness_waits_per_host() {
        let stop = AtomicBool::new(false);
        let h = Hosts::new(Duration::from_millis(150));
        assert_eq!(Hosts::key("http://a.example/x"), "a.example:80");
        assert_eq!(Hosts::key("https://a.example:8443/y"), "a.example:8443");
        h.request("http://a.example/feed", &stop, || ()).unwrap();
        let t = Instant::now();
        assert!(h.request("http://b.example/feed", &stop, || ()).is_some());
        assert!(t.elapsed() < Duration::from_millis(100));
        assert!(h.request("http://a.example/page", &stop, || ()).is_some());
        assert!(t.elapsed() >= Duration::from_millis(150));
        stop.store(true, Ordering::Relaxed);
        let t = Instant::now();
        assert!(h.request("http://a.example/other", &stop, || ()).is_none());
        assert!(t.elapsed() < Duration::from_millis(100));
    }

    /// Two threads asking one host: the second request starts only after the first
    /// ended and the delay passed, never beside it.
    #[test]
    fn one_request_at_a_time_per_host() {
        let stop = AtomicBool::new(false);
        let h = Hosts::new(Duration::from_millis(50));
        let spans = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| {
                    h.request("http://a.example/x", &stop, || {
                        let start = Instant::now();
                        std::thread::sleep(Duration::from_millis(30));
                        lock(&spans).push((start, Instant::now()));
                    })
                    .unwrap();
                });
            }
        });
        let mut spans = spans.into_inner().unwrap();
        spans.sort();
        for w in spans.windows(2) {
            assert!(
                w[1].0 >= w[0].1 + Duration::from_millis(50),
                "overlapping or too close: {spans:?}"
            );
        }
    }

    #[test]
    fn report_line() {
        let r = FeedReport {
            round: 2,
            feed: "http://a.example/rss".into(),
            status: FeedStatus::Fetched(200),
            items: 3,
            new: 1,
            stored: 1,
            duplicates: 0,
            errors: vec!["page http://a.example/x: HTTP 404".into()],
            quarantined: 0,
            elapsed: Duration::from_millis(1250),
        };
        assert_eq!(
            r.to_string(),
            "round 2 http://a.example/rss: 200, 3 items, 1 new, 1 stored, 1 errors \
             (first: page http://a.example/x: HTTP 404), 1.25 s"
        );
    }
}
