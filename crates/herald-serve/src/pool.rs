//! A small pool of read-only store connections.
//!
//! SQLite in WAL mode lets readers run side by side (and beside a writer such as a
//! running `herald ingest`), but one connection serves one query at a time: each request
//! borrows its own. Queries run on tokio's blocking threads so they never stall the
//! event loop; a semaphore bounds how many run at once so a burst queues instead of
//! opening hundreds of connections.

use herald_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Connections per pool by default: twice the cores, at least 4 (queries wait on I/O
/// as well as CPU).
pub fn default_size() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 2)
        .max(4)
}

/// Read-only connections to one database file.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    size: usize,
}

/// Why a pooled query failed.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// The query (or opening a connection) failed.
    #[error(transparent)]
    Store(#[from] herald_store::Error),
    /// The blocking task panicked or was cancelled.
    #[error("query task failed: {0}")]
    Task(String),
}

impl Pool {
    /// A pool of at most `size` connections to `path`; opens one now to check the file.
    pub fn open(path: impl Into<PathBuf>, size: usize) -> Result<Pool, herald_store::Error> {
        let path = path.into();
        let first = open_read_only(&path)?;
        let size = size.max(1);
        Ok(Pool {
            path,
            idle: Mutex::new(vec![first]),
            permits: Arc::new(Semaphore::new(size)),
            size,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Most connections in use at once.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Run `f` with a connection on a blocking thread.
    pub async fn with<T, F>(self: &Arc<Self>, f: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, herald_store::Error> + Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| PoolError::Task(e.to_string()))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let store = match pool.take() {
                Some(s) => s,
                None => open_read_only(&pool.path)?,
            };
            let out = f(&store);
            pool.give_back(store);
            Ok(out?)
        })
        .await
        .map_err(|e| PoolError::Task(e.to_string()))?
    }

    fn take(&self) -> Option<Store> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop()
    }

    fn give_back(&self, s: Store) {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(s);
    }
}

/// Open `path` and forbid writes on the connection: the server only reads.
fn open_read_only(path: &Path) -> Result<Store, herald_store::Error> {
    let s = Store::open(path)?;
    s.connection().pragma_update(None, "query_only", true)?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn connections_are_reused_and_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.db");
        Store::open(&path).unwrap();
        let pool = Arc::new(Pool::open(&path, 2).unwrap());
        let n = pool
            .with(|s| Ok(s.stats()?.articles))
            .await
            .expect("query runs");
        assert_eq!(n, 0);
        let write = pool
            .with(|s| {
                s.connection()
                    .execute("DELETE FROM articles", [])
                    .map_err(herald_store::Error::from)
            })
            .await;
        assert!(write.is_err(), "the server's connections must not write");
        // Many concurrent queries share at most `size` connections.
        let mut handles = Vec::new();
        for _ in 0..20 {
            let p = pool.clone();
            handles.push(tokio::spawn(async move {
                p.with(|s| Ok(s.stats()?.records)).await.unwrap()
            }));
        }
        for h in handles {
            assert_eq!(h.await.unwrap(), 0);
        }
        assert!(pool.idle.lock().unwrap().len() <= 2);
    }
}
