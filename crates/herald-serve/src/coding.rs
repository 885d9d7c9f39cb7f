//! The workers of `POST /api/code`: a few threads of their own, at low priority, behind a
//! short queue.
//!
//! Coding a long text keeps a core busy for seconds; reads take milliseconds. Coding
//! therefore never runs on the threads that serve reads (tokio's workers and its
//! blocking pool): it has [`CodePool::workers`] threads, each lowered to nice
//! [`WORKER_NICENESS`] so that the scheduler gives reads the cores first, and a queue of
//! [`CodePool::queue`] requests. A request that finds the queue full is answered at once
//! with 503 and `Retry-After` instead of waiting behind the others; one whose client has
//! gone away (timed out, disconnected) before a worker reaches it is not coded.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// How much lower than the server's own the coding threads' priority is (Linux nice
/// levels; a thread may always lower its own priority).
pub const WORKER_NICENESS: i32 = 10;

/// Seconds a client is told to wait when the queue is full (`Retry-After`).
pub const RETRY_AFTER_SECS: u64 = 5;

type Job = Box<dyn FnOnce() + Send>;

/// Coding threads and their bounded queue.
pub struct CodePool {
    tx: SyncSender<Job>,
    workers: usize,
    queue: usize,
}

/// Why a job was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Every worker is busy and the queue is full: try later.
    Busy,
    /// The workers are gone (they only end with the process).
    Closed,
}

impl CodePool {
    /// Default size for this machine: half the cores (at least one) code, the rest
    /// serve reads; four waiting requests per worker.
    pub fn for_this_machine() -> CodePool {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let workers = (cores / 2).max(1);
        CodePool::new(workers, workers * 4)
    }

    /// `workers` threads (at least one) and room for `queue` requests waiting.
    pub fn new(workers: usize, queue: usize) -> CodePool {
        let workers = workers.max(1);
        let (tx, rx) = sync_channel::<Job>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..workers {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("herald-code-{i}"))
                .spawn(move || worker(&rx));
            if let Err(e) = spawned {
                eprintln!("herald serve: cannot start coding thread {i}: {e}");
            }
        }
        CodePool { tx, workers, queue }
    }

    /// Coding threads.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Requests that may wait for a thread.
    pub fn queue(&self) -> usize {
        self.queue
    }

    /// Queue `f` if there is room; its result arrives on the receiver. `f` is skipped
    /// when the receiver has been dropped by the time a worker reaches it.
    pub fn try_run<T, F>(&self, f: F) -> Result<oneshot::Receiver<T>, Refused>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (done, rx) = oneshot::channel();
        let job: Job = Box::new(move || {
            if done.is_closed() {
                return;
            }
            let _ = done.send(f());
        });
        match self.tx.try_send(job) {
            Ok(()) => Ok(rx),
            Err(TrySendError::Full(_)) => Err(Refused::Busy),
            Err(TrySendError::Disconnected(_)) => Err(Refused::Closed),
        }
    }
}

fn worker(rx: &Mutex<Receiver<Job>>) {
    lower_priority();
    loop {
        // One worker waits on the channel at a time; the others wait for the lock.
        let job = match rx.lock() {
            Ok(r) => r.recv(),
            Err(e) => e.into_inner().recv(),
        };
        match job {
            // A panic in a job is caught where it can be reported (the pipeline's
            // batch entry); this keeps the worker alive in any case.
            Ok(job) => {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

/// Lower this thread's scheduling priority (Linux: nice applies per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no preconditions; setpriority on our own thread id only
        // changes this thread's nice value (raising it needs no privilege).
        unsafe {
            let tid = libc::gettid();
            let current = libc::getpriority(libc::PRIO_PROCESS, tid as libc::id_t);
            libc::setpriority(
                libc::PRIO_PROCESS,
                tid as libc::id_t,
                current + WORKER_NICENESS,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let pool = CodePool::new(1, 1);
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let (started_tx, started) = std::sync::mpsc::channel::<()>();
        // The worker takes the first job and blocks in it.
        let first = pool
            .try_run(move || {
                started_tx.send(()).unwrap();
                hold.recv().unwrap();
                1
            })
            .unwrap();
        started.recv_timeout(Duration::from_secs(10)).unwrap();
        // One more fits in the queue; the next is refused.
        let second = pool.try_run(|| 2).unwrap();
        assert_eq!(pool.try_run(|| 3).unwrap_err(), Refused::Busy);
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), 1);
        assert_eq!(second.await.unwrap(), 2);
        // Room again.
        assert_eq!(pool.try_run(|| 4).unwrap().await.unwrap(), 4);
    }

    #[tokio::test]
    async fn abandoned_requests_are_not_run_and_panics_keep_the_worker() {
        let pool = CodePool::new(1, 4);
        let ran = Arc::new(AtomicUsize::new(0));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let blocker = pool.try_run(move || hold.recv().unwrap()).unwrap();
        let r = ran.clone();
        drop(
            pool.try_run(move || r.fetch_add(1, Ordering::SeqCst))
                .unwrap(),
        );
        let boom = pool
            .try_run(|| -> u32 { panic!("a bug in a stage") })
            .unwrap();
        release.send(()).unwrap();
        blocker.await.unwrap();
        assert!(boom.await.is_err(), "the panicking job sends nothing");
        assert_eq!(pool.try_run(|| 5).unwrap().await.unwrap(), 5);
        assert_eq!(
            ran.load(Ordering::SeqCst),
            0,
            "the dropped request was skipped"
        );
    }
}
