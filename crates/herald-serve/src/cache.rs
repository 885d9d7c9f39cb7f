//! Answers of the read endpoints, kept until the store changes.
//!
//! The server never writes, and a store changes only when an `ingest` or `watch` commits:
//! SQLite's `PRAGMA data_version` on a connection of our own tells when that happened
//! (it changes whenever *another* connection commits). Each answer is kept under its
//! route and query string, for the data version it was computed at; a new version drops
//! them all. So a dashboard's network and timeline, which aggregate every record, are
//! computed once per write instead of once per request, and 200 clients asking the same
//! question at once wait for one computation (a cell per key) instead of running 200.
//!
//! After a write, the first request for a key computes the new answer and waits for it;
//! requests for the same key that arrive *while* it is being computed get the previous
//! version's answer at once instead of queueing behind it (it is at most one computation
//! old). So a store written every few seconds by `herald watch` costs each question one
//! query per write, and no reader waits for another's query.
//!
//! What is kept is bounded ([`MAX_ENTRIES`] answers of at most [`MAX_ENTRY_BYTES`] each);
//! errors are never kept.

use crate::error::ApiError;
use axum::body::Bytes;
use herald_store::Store;
use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// Most answers kept; when full, the oldest half is dropped.
pub const MAX_ENTRIES: usize = 512;
/// Largest answer kept (a page of 1000 events is about 1 MB); larger ones are computed
/// each time.
pub const MAX_ENTRY_BYTES: usize = 2 << 20;

type Cell = Arc<OnceCell<Bytes>>;

/// The answers kept for one data version of the store.
pub struct ReadCache {
    /// A read-only connection used only to ask for the data version (`None`: the
    /// cache is switched off).
    watcher: Option<Mutex<Store>>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Key → its answer for one data version.
    entries: HashMap<String, Entry>,
    inserted: u64,
    hits: u64,
    misses: u64,
    stale: u64,
}

struct Entry {
    /// Insertion number, for eviction.
    n: u64,
    /// The data version the cell is (being) computed for.
    version: i64,
    cell: Cell,
    /// The previous version's answer, served while `cell` is being computed.
    previous: Option<Bytes>,
}

/// Hits and misses so far, for `/metrics`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Answers served from the cache (including requests that waited for another
    /// request's computation).
    pub hits: u64,
    /// Answers computed.
    pub misses: u64,
    /// Requests answered with the previous version's answer while the new one was being
    /// computed by another request.
    pub stale: u64,
    /// Answers kept now.
    pub entries: usize,
}

impl ReadCache {
    /// A cache over the store at `path` (opened read-only, for the data version).
    pub fn open(path: &Path) -> Result<ReadCache, herald_store::Error> {
        let store = Store::open(path)?;
        store.connection().pragma_update(None, "query_only", true)?;
        Ok(ReadCache {
            watcher: Some(Mutex::new(store)),
            inner: Mutex::new(Inner::default()),
        })
    }

    /// A cache that keeps nothing: every read is computed (`herald serve --no-cache`,
    /// for measuring the queries themselves).
    pub fn disabled() -> ReadCache {
        ReadCache {
            watcher: None,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The store's data version now; `None` when it cannot be read (nothing is then
    /// served from the cache).
    fn version(&self) -> Option<i64> {
        let store = self
            .watcher
            .as_ref()?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        store
            .connection()
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .ok()
    }

    /// The kept answer for `key`, or the one `compute` makes (kept when it succeeds and
    /// is small enough). Concurrent callers with the same key share one computation.
    pub async fn get_or_compute<F, Fut>(&self, key: String, compute: F) -> Result<Bytes, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Bytes, ApiError>>,
    {
        let Some(version) = self.version() else {
            return compute().await;
        };
        let cell = {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            match inner.entries.get(&key) {
                Some(e) if e.version == version => {
                    if e.cell.initialized() {
                        let cell = e.cell.clone();
                        inner.hits += 1;
                        cell
                    } else if let Some(previous) = e.previous.clone() {
                        // Another request is computing this version's answer.
                        inner.stale += 1;
                        return Ok(previous);
                    } else {
                        let cell = e.cell.clone();
                        inner.hits += 1;
                        cell
                    }
                }
                found => {
                    // New key, or one answered for an older version: this request
                    // computes the answer, and others serve the old one meanwhile.
                    let previous =
                        found.and_then(|e| e.cell.get().cloned().or_else(|| e.previous.clone()));
                    inner.misses += 1;
                    if inner.entries.len() >= MAX_ENTRIES {
                        inner.evict_oldest_half();
                    }
                    inner.inserted += 1;
                    let cell: Cell = Arc::default();
                    let entry = Entry {
                        n: inner.inserted,
                        version,
                        cell: cell.clone(),
                        previous,
                    };
                    inner.entries.insert(key.clone(), entry);
                    cell
                }
            }
        };
        let got = cell
            .get_or_try_init(|| async {
                let bytes = compute().await?;
                if bytes.len() > MAX_ENTRY_BYTES {
                    // Not kept: handed back through the error path below.
                    return Err(Answer::Uncached(bytes));
                }
                Ok(bytes)
            })
            .await;
        match got {
            Ok(b) => Ok(b.clone()),
            Err(Answer::Uncached(bytes)) => {
                self.forget(&key, &cell);
                Ok(bytes)
            }
            Err(Answer::Failed(e)) => {
                self.forget(&key, &cell);
                Err(e)
            }
        }
    }

    /// Drop `key` if it still holds `cell` (an empty cell left by a failed computation).
    fn forget(&self, key: &str, cell: &Cell) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner
            .entries
            .get(key)
            .is_some_and(|e| Arc::ptr_eq(&e.cell, cell))
        {
            inner.entries.remove(key);
        }
    }

    /// Hits, misses and size so far.
    pub fn stats(&self) -> CacheStats {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        CacheStats {
            hits: inner.hits,
            misses: inner.misses,
            stale: inner.stale,
            entries: inner.entries.len(),
        }
    }
}

impl Inner {
    fn evict_oldest_half(&mut self) {
        let mut order: Vec<u64> = self.entries.values().map(|e| e.n).collect();
        order.sort_unstable();
        let cut = order[order.len() / 2];
        self.entries.retain(|_, e| e.n >= cut);
    }
}

/// Why a computation's answer is not kept.
enum Answer {
    /// Too large to keep, but a good answer.
    Uncached(Bytes),
    /// The computation failed.
    Failed(ApiError),
}

impl From<ApiError> for Answer {
    fn from(e: ApiError) -> Answer {
        Answer::Failed(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(s: &'static str) -> Result<Bytes, ApiError> {
        Ok(Bytes::from_static(s.as_bytes()))
    }

    #[tokio::test]
    async fn kept_until_another_connection_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        let mut writer = Store::open(&path).unwrap();
        let cache = ReadCache::open(&path).unwrap();
        let got = cache
            .get_or_compute("k".into(), || async { answer("one") })
            .await
            .unwrap();
        assert_eq!(&got[..], b"one");
        let got = cache
            .get_or_compute("k".into(), || async { answer("two") })
            .await
            .unwrap();
        assert_eq!(&got[..], b"one", "the kept answer, not a new computation");
        // A commit by another connection (an ingest) makes every answer stale.
        writer
            .insert(&herald_core::Document::new("d", "Some text.", None))
            .unwrap();
        let got = cache
            .get_or_compute("k".into(), || async { answer("three") })
            .await
            .unwrap();
        assert_eq!(&got[..], b"three");
        assert_eq!(
            cache.stats(),
            CacheStats {
                hits: 1,
                misses: 2,
                stale: 0,
                entries: 1
            }
        );
    }

    /// While one request computes the answer for a new version, the others get the
    /// previous version's answer at once; once computed, everyone gets the new one.
    #[tokio::test]
    async fn the_old_answer_is_served_while_the_new_one_is_computed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        let mut writer = Store::open(&path).unwrap();
        let cache = Arc::new(ReadCache::open(&path).unwrap());
        cache
            .get_or_compute("k".into(), || async { answer("old") })
            .await
            .unwrap();
        writer
            .insert(&herald_core::Document::new("d", "Some text.", None))
            .unwrap();
        let (started_tx, started) = tokio::sync::oneshot::channel();
        let (release, hold) = tokio::sync::oneshot::channel::<()>();
        let c = cache.clone();
        let refresher = tokio::spawn(async move {
            c.get_or_compute("k".into(), || async move {
                started_tx.send(()).unwrap();
                hold.await.unwrap();
                answer("new")
            })
            .await
            .unwrap()
        });
        started.await.unwrap();
        let meanwhile = cache
            .get_or_compute("k".into(), || async { answer("not computed twice") })
            .await
            .unwrap();
        assert_eq!(&meanwhile[..], b"old");
        release.send(()).unwrap();
        assert_eq!(&refresher.await.unwrap()[..], b"new");
        let after = cache
            .get_or_compute("k".into(), || async { answer("not computed again") })
            .await
            .unwrap();
        assert_eq!(&after[..], b"new");
        assert_eq!(cache.stats().stale, 1);
    }

    #[tokio::test]
    async fn errors_are_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        Store::open(&path).unwrap();
        let cache = ReadCache::open(&path).unwrap();
        let err = cache
            .get_or_compute("k".into(), || async { Err(ApiError::bad_request("no")) })
            .await;
        assert!(err.is_err());
        let got = cache
            .get_or_compute("k".into(), || async { answer("yes") })
            .await
            .unwrap();
        assert_eq!(&got[..], b"yes");
    }

    #[tokio::test]
    async fn bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        Store::open(&path).unwrap();
        let cache = ReadCache::open(&path).unwrap();
        for i in 0..MAX_ENTRIES + 10 {
            cache
                .get_or_compute(format!("k{i}"), || async { answer("x") })
                .await
                .unwrap();
        }
        assert!(cache.stats().entries <= MAX_ENTRIES);
        // The newest are kept.
        let got = cache
            .get_or_compute(format!("k{}", MAX_ENTRIES + 9), || async { answer("new") })
            .await
            .unwrap();
        assert_eq!(&got[..], b"x");
    }
}
