//! Group commit: every write goes to one thread that owns the writing connection. It takes
//! whatever writes are waiting (up to [`MAX_BATCH`]), runs each in its own savepoint inside
//! one transaction, and commits them together: one fsync for the whole batch instead of one
//! per change, with `synchronous=FULL` kept.
//!
//! - A write that fails (a rule, a unique label, a reused change id) is rolled back to its
//!   savepoint and answered with its error; the others in the batch still commit.
//! - Nobody is answered before the `COMMIT` returned, so an acknowledgement still means the
//!   change is on disk. If the `COMMIT` fails, every write of the batch is answered with
//!   [`StoreError::NotCommitted`] and none of it is stored.
//! - Writes run in the order they were submitted, so a workshop's sequence numbers stay
//!   contiguous and in the order its room decided them.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;

use rusqlite::Connection;

use super::StoreError;

/// Most writes committed together. A batch only grows while writes wait for the previous
/// commit, so a quiet server still commits each change at once.
pub const MAX_BATCH: usize = 512;

/// What a finished write is told once its batch is over: whether the batch committed.
type Finish = Box<dyn FnOnce(Result<(), &str>) + Send>;

/// One write waiting for the writer: runs on the writing connection (or, given `None`, is
/// told the batch could not start) and says whether it succeeded.
pub(super) type Job = Box<dyn FnOnce(Option<&Connection>) -> (bool, Finish) + Send>;

/// Wraps a write and the function that receives its answer into a [`Job`].
pub(super) fn job<T: Send + 'static>(
    work: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    answer: impl FnOnce(Result<T, StoreError>) + Send + 'static,
) -> Job {
    Box::new(move |conn: Option<&Connection>| {
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
    /// Starts the writer thread on `conn`. It ends when the last [`Writer`] is dropped.
    pub(super) fn start(conn: Connection) -> std::io::Result<Writer> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new().name("ds-store-writer".into()).spawn(move || {
            while let Ok(first) = queue.recv() {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                run_batch(&conn, batch);
            }
        })?;
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

/// Runs `batch` in one transaction, each job in its own savepoint, then commits and answers
/// every job. Public to the store's tests, which build batches by hand.
pub(super) fn run_batch(conn: &Connection, batch: Vec<Job>) {
    if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
        tracing::error!(error = %e, "could not begin a write transaction");
        let why = e.to_string();
        for job in batch {
            let (_, finish) = job(None);
            finish(Err(&why));
        }
        return;
    }
    let mut finishes = Vec::with_capacity(batch.len());
    let mut broken = None;
    for job in batch {
        if broken.is_some() {
            let (_, finish) = job(None);
            finishes.push(finish);
            continue;
        }
        if let Err(e) = conn.execute_batch("SAVEPOINT change") {
            broken = Some(e.to_string());
            let (_, finish) = job(None);
            finishes.push(finish);
            continue;
        }
        // A job that panics is rolled back like a failed one; its answer channel was dropped
        // with it, so its caller is told the storage task failed.
        let ran = std::panic::catch_unwind(AssertUnwindSafe(|| job(Some(conn))));
        let ok = matches!(ran, Ok((true, _)));
        let end = if ok { "RELEASE change" } else { "ROLLBACK TO change; RELEASE change" };
        if let Err(e) = conn.execute_batch(end) {
            broken = Some(e.to_string());
        }
        if let Ok((_, finish)) = ran {
            finishes.push(finish);
        }
    }
    let committed = match broken {
        Some(why) => Err(why),
        None => conn.execute_batch("COMMIT").map_err(|e| e.to_string()),
    };
    if let Err(why) = &committed {
        tracing::error!(error = %why, "a write batch was not committed; nothing of it is stored");
        // A failed COMMIT can leave the transaction open (a deferred constraint, a full disk).
        let _ = conn.execute_batch("ROLLBACK");
    }
    let committed = committed.as_ref().map(|_| ()).map_err(|why| why.as_str());
    for finish in finishes {
        finish(committed);
    }
}
