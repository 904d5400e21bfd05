//! Group commit: every write goes to the writer threads, each owning a writing connection.
//! A thread takes whatever writes are waiting (up to its batch size), runs each in its own
//! savepoint inside one transaction, and commits them together: on SQLite (one thread,
//! [`MAX_BATCH`]) one fsync for the whole batch instead of one per change, with
//! `synchronous=FULL` kept. PostgreSQL runs several threads with batches of one: each change
//! is its own transaction, and PostgreSQL groups the flushes of concurrent commits itself.
//!
//! - A write that fails (a rule, a unique label, a reused change id) is rolled back to its
//!   savepoint and answered with its error; the others in the batch still commit.
//! - Nobody is answered before the `COMMIT` returned, so an acknowledgement still means the
//!   change is on disk. If the `COMMIT` fails, every write of the batch is answered with
//!   [`StoreError::NotCommitted`] and none of it is stored.
//! - With one thread, writes run in the order they were submitted. With several, writes to
//!   different workshops may commit in any order; a room waits for each change's commit
//!   before it decides the next, so its own changes stay in order either way.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, mpsc};

use super::error::StoreError;
use super::sql::Sql;

/// Most writes committed together. A batch only grows while writes wait for the previous
/// commit, so a quiet server still commits each change at once.
pub const MAX_BATCH: usize = 512;

/// What a finished write is told once its batch is over: whether the batch committed.
type Finish = Box<dyn FnOnce(Result<(), &str>) + Send>;

/// One write waiting for the writer: runs on the writing connection (or, given `None`, is
/// told the batch could not start) and says whether it succeeded.
pub(super) type Job = Box<dyn FnOnce(Option<&mut dyn Sql>) -> (bool, Finish) + Send>;

/// Wraps a write and the function that receives its answer into a [`Job`].
pub(super) fn job<T: Send + 'static>(
    work: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError> + Send + 'static,
    answer: impl FnOnce(Result<T, StoreError>) + Send + 'static,
) -> Job {
    Box::new(move |conn: Option<&mut dyn Sql>| {
        let result = match conn {
            Some(conn) => work(conn),
            None => Err(StoreError::NotCommitted("the transaction could not start".into())),
        };
        let ok = result.is_ok();
        let finish: Finish = Box::new(move |committed: Result<(), &str>| {
            answer(match (result, committed) {
                (Ok(value), Ok(())) => Ok(value),
                (Ok(_), Err(why)) => Err(StoreError::NotCommitted(why.to_string())),
                (Err(e), _) => Err(e),
            });
        });
        (ok, finish)
    })
}

/// The sending side: cheap to clone, one per [`super::Store`].
#[derive(Clone)]
pub(super) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts one writer thread per connection, each committing batches of at most
    /// `max_batch` writes. They end when the last [`Writer`] is dropped.
    pub(super) fn start(conns: Vec<Box<dyn Sql>>, max_batch: usize) -> std::io::Result<Writer> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for (n, mut conn) in conns.into_iter().enumerate() {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new().name(format!("ds-store-writer-{n}")).spawn(move || {
                loop {
                    // The queue's lock is held only while taking a batch, not while writing it.
                    let batch = {
                        let queue = queue.lock().unwrap_or_else(|p| p.into_inner());
                        let Ok(first) = queue.recv() else { return };
                        let mut batch = vec![first];
                        while batch.len() < max_batch {
                            match queue.try_recv() {
                                Ok(job) => batch.push(job),
                                Err(_) => break,
                            }
                        }
                        batch
                    };
                    run_batch(conn.as_mut(), batch);
                }
            })?;
        }
        Ok(Writer { jobs })
    }

    /// Queues a job; if the writer has stopped, the job is told so at once.
    pub(super) fn submit(&self, job: Job) {
        if let Err(mpsc::SendError(job)) = self.jobs.send(job) {
            let (_, finish) = job(None);
            finish(Err("the database writer has stopped"));
        }
    }
}

/// Runs `batch` in one transaction, each job in its own savepoint (a batch of one needs none:
/// a failed job rolls the whole transaction back), then commits and answers every job.
/// Public to the store's tests, which build batches by hand.
pub(super) fn run_batch(conn: &mut dyn Sql, batch: Vec<Job>) {
    if let Err(e) = conn.begin_write() {
        tracing::error!(error = %e, "could not begin a write transaction");
        let why = e.to_string();
        for job in batch {
            let (_, finish) = job(None);
            finish(Err(&why));
        }
        return;
    }
    let savepoints = batch.len() > 1;
    let mut finishes = Vec::with_capacity(batch.len());
    let mut broken = None;
    let mut failed = 0;
    for job in batch {
        if broken.is_some() {
            let (_, finish) = job(None);
            finishes.push(finish);
            continue;
        }
        if savepoints && let Err(e) = conn.batch("SAVEPOINT change") {
            broken = Some(e.to_string());
            let (_, finish) = job(None);
            finishes.push(finish);
            continue;
        }
        // A job that panics is rolled back like a failed one; its answer channel was dropped
        // with it, so its caller is told the storage task failed.
        let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(Some(&mut *conn))));
        let ok = matches!(ran, Ok((true, _)));
        if !ok {
            failed += 1;
        }
        let end = if ok { "RELEASE change" } else { "ROLLBACK TO change; RELEASE change" };
        if savepoints && let Err(e) = conn.batch(end) {
            broken = Some(e.to_string());
        }
        if let Ok((_, finish)) = ran {
            finishes.push(finish);
        }
    }
    if !savepoints && failed > 0 {
        // The one job failed: nothing to commit, and its answer is its own error.
        let _ = conn.rollback();
        for finish in finishes {
            finish(Ok(()));
        }
        return;
    }
    let committed = match broken {
        Some(why) => Err(why),
        None => conn.commit().map_err(|e| e.to_string()),
    };
    if let Err(why) = &committed {
        tracing::error!(error = %why, "a write batch was not committed; nothing of it is stored");
        // A failed COMMIT can leave the transaction open (a deferred constraint, a full disk).
        let _ = conn.rollback();
    }
    let committed = committed.as_ref().map(|_| ()).map_err(|why| why.as_str());
    for finish in finishes {
        finish(committed);
    }
}
