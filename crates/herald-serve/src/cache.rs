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
    version: Option<i64>,
    /// Key → (insertion number, cell).
    entries: HashMap<String, (u64, Cell)>,
    inserted: u64,
    hits: u64,
    misses: u64,
}

/// Hits and misses so far, for `/metrics`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Answers served from the cache (including requests that waited for another
    /// request's computation).
    pub hits: u64,
    /// Answers computed.
    pub misses: u64,
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
            if inner.version != Some(version) {
                inner.entries.clear();
                inner.version = Some(version);
            }
            if let Some((_, cell)) = inner.entries.get(&key) {
                let cell = cell.clone();
                inner.hits += 1;
                cell
            } else {
                inner.misses += 1;
                if inner.entries.len() >= MAX_ENTRIES {
                    inner.evict_oldest_half();
                }
                inner.inserted += 1;
                let cell: Cell = Arc::default();
                let n = inner.inserted;
                inner.entries.insert(key.clone(), (n, cell.clone()));
                cell
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
            .is_some_and(|(_, c)| Arc::ptr_eq(c, cell))
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
            entries: inner.entries.len(),
        }
    }
}

impl Inner {
    fn evict_oldest_half(&mut self) {
        let mut order: Vec<u64> = self.entries.values().map(|(n, _)| *n).collect();
        order.sort_unstable();
        let cut = order[order.len() / 2];
        self.entries.retain(|_, (n, _)| *n >= cut);
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
                entries: 1
            }
        );
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
