//! What `herald watch` remembers per feed across rounds and restarts: the conditional-GET
//! validators and the error backoff, in a JSON file next to the database.

use crate::fetch::Validators;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One feed's memory.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    /// Validators of the last response whose items were all handled.
    #[serde(default, flatten)]
    pub validators: Validators,
    /// Failed polls in a row.
    #[serde(default)]
    pub failures: u32,
    /// Not to be polled before this time (milliseconds since the Unix epoch): wall-clock
    /// time, so the wait survives a restart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_at_ms: Option<i64>,
    /// The last error, for people reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// One item's memory: an item whose page failed, keyed by its URL. An item is counted
/// as failed *before* its page is fetched and extracted (and cleared after), so even a
/// crash on it counts: after [`crate::Config::max_item_failures`] it is quarantined and
/// never fetched again, and a restart cannot loop on it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemState {
    /// Failed attempts (the one in progress included).
    #[serde(default)]
    pub failures: u32,
    /// Why the last attempt failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Given up on: listed by `herald watch --status`, never retried.
    #[serde(default)]
    pub quarantined: bool,
}

/// Every feed's memory, and where it is kept.
#[derive(Debug, Default)]
pub struct State {
    path: Option<PathBuf>,
    feeds: BTreeMap<String, FeedState>,
    items: BTreeMap<String, ItemState>,
}

/// The file format, versioned so a later herald can tell.
#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    feeds: BTreeMap<String, FeedState>,
    /// Items whose page failed (absent in files of earlier versions).
    #[serde(default)]
    items: BTreeMap<String, ItemState>,
}

impl State {
    /// State kept only in memory.
    pub fn in_memory() -> State {
        State::default()
    }

    /// The state file used for database `db`: `DB.watch.json` beside it.
    pub fn path_for_db(db: &Path) -> PathBuf {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(".watch.json");
        db.with_file_name(name)
    }

    /// Load the state kept at `path`. A missing file is a fresh start; an unreadable or
    /// damaged one too, with a warning returned for the log: the state only saves
    /// requests (the store itself keeps articles from being stored twice), so it must
    /// never keep the watcher from running.
    pub fn load(path: &Path) -> (State, Option<String>) {
        let mut state = State {
            path: Some(path.to_path_buf()),
            ..State::default()
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (state, None),
            Err(e) => {
                return (
                    state,
                    Some(format!(
                        "{}: {e}; starting without saved state",
                        path.display()
                    )),
                )
            }
        };
        match serde_json::from_slice::<File>(&bytes) {
            Ok(f) => {
                state.feeds = f.feeds;
                state.items = f.items;
                (state, None)
            }
            Err(e) => (
                state,
                Some(format!(
                    "{}:{}:{}: damaged state file ({e}); starting without saved state",
                    path.display(),
                    e.line(),
                    e.column()
                )),
            ),
        }
    }

    /// Where the state is kept, if anywhere.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// One feed's memory (default when never seen).
    pub fn feed(&self, url: &str) -> FeedState {
        self.feeds.get(url).cloned().unwrap_or_default()
    }

    /// Replace one feed's memory.
    pub fn set_feed(&mut self, url: &str, s: FeedState) {
        self.feeds.insert(url.to_string(), s);
    }

    /// One item's memory (default when it never failed).
    pub fn item(&self, url: &str) -> ItemState {
        self.items.get(url).cloned().unwrap_or_default()
    }

    /// Replace one item's memory; the default state forgets the item.
    pub fn set_item(&mut self, url: &str, s: ItemState) {
        if s == ItemState::default() {
            self.items.remove(url);
        } else {
            self.items.insert(url.to_string(), s);
        }
    }

    /// Every feed's memory, by URL.
    pub fn feeds(&self) -> &BTreeMap<String, FeedState> {
        &self.feeds
    }

    /// Every remembered item (failing or quarantined), by URL.
    pub fn items(&self) -> &BTreeMap<String, ItemState> {
        &self.items
    }

    /// Write the file: to a temporary file first, then renamed over the old one, so a
    /// crash leaves the old or the new state, never half of one.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let file = File {
            version: 1,
            feeds: self.feeds.clone(),
            items: self.items.clone(),
        };
        let json = serde_json::to_vec_pretty(&file).map_err(std::io::Error::other)?;
        let mut tmp = path.as_os_str().to_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }
}

impl FeedState {
    /// Whether the feed may be polled at `now_ms`.
    pub fn due(&self, now_ms: i64) -> bool {
        self.retry_at_ms.is_none_or(|t| now_ms >= t)
    }

    /// Record a failed poll: the wait before the next doubles with each failure in a row,
    /// from `base` up to `max`.
    pub fn failed(&mut self, now_ms: i64, error: String, base: Duration, max: Duration) {
        self.failures = self.failures.saturating_add(1);
        let wait = backoff(self.failures, base, max);
        self.retry_at_ms = Some(now_ms.saturating_add(wait.as_millis() as i64));
        self.last_error = Some(error);
    }

    /// Record a successful poll.
    pub fn succeeded(&mut self) {
        self.failures = 0;
        self.retry_at_ms = None;
        self.last_error = None;
    }
}

/// The wait after `failures` failures in a row: `base · 2^(failures-1)`, at most `max`.
pub(crate) fn backoff(failures: u32, base: Duration, max: Duration) -> Duration {
    let factor = 1u32 << failures.saturating_sub(1).min(20);
    base.saturating_mul(factor).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let s = Duration::from_secs;
        assert_eq!(backoff(1, s(60), s(3600)), s(60));
        assert_eq!(backoff(2, s(60), s(3600)), s(120));
        assert_eq!(backoff(4, s(60), s(3600)), s(480));
        assert_eq!(backoff(7, s(60), s(3600)), s(3600));
        assert_eq!(backoff(400, s(60), s(3600)), s(3600));
        let mut f = FeedState::default();
        assert!(f.due(0));
        f.failed(1_000, "down".into(), s(60), s(3600));
        f.failed(1_000, "down".into(), s(60), s(3600));
        assert_eq!(f.retry_at_ms, Some(121_000));
        assert!(!f.due(120_999));
        assert!(f.due(121_000));
        f.succeeded();
        assert_eq!((f.failures, f.retry_at_ms, f.due(0)), (0, None, true));
    }

    #[test]
    fn saved_state_survives_a_restart_and_damage_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = State::path_for_db(&dir.path().join("h.db"));
        assert_eq!(path.file_name().unwrap(), "h.db.watch.json");
        let (mut s, warn) = State::load(&path);
        assert!(warn.is_none());
        s.set_feed(
            "http://a/",
            FeedState {
                validators: Validators {
                    etag: Some("\"v1\"".into()),
                    last_modified: None,
                },
                failures: 2,
                retry_at_ms: Some(5),
                last_error: Some("HTTP 500".into()),
            },
        );
        s.save().unwrap();
        let (again, warn) = State::load(&path);
        assert!(warn.is_none());
        assert_eq!(again.feed("http://a/"), s.feed("http://a/"));
        assert_eq!(again.feed("http://other/"), FeedState::default());
        std::fs::write(&path, b"{\"version\":1,\"feeds\":{").unwrap();
        let (fresh, warn) = State::load(&path);
        assert_eq!(fresh.feed("http://a/"), FeedState::default());
        let warn = warn.unwrap();
        assert!(warn.contains("h.db.watch.json:1:"), "{warn}");
        assert!(warn.contains("damaged state file"), "{warn}");
    }
}
