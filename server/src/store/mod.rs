//! Storage: one SQLite file in WAL mode, written so PostgreSQL could serve the same schema.
//!
//! Every change writes its own row(s) *and* its event-log row together (one savepoint of the
//! writer's transaction, [`writer`]), so the log and the state can never disagree, and a change
//! the server acknowledged is on disk (`synchronous=FULL`): writes waiting at the same moment
//! are committed together, with one fsync. Reads use their own connection. Methods here are
//! synchronous; async callers go through [`Store::run`] (tokio's blocking pool) or, for the
//! changes of a live room, [`Store::append_async`] and [`Store::join_pair_async`], which wait
//! for the commit without holding a thread.

mod archive;
mod changes;
mod event_log;
mod migrate;
mod research;
mod workshops;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;
use thiserror::Error;
use uuid::Uuid;

pub use archive::{
    Imported, RECORD_VERSION, RecordError, RecordRef, StoredCard, StoredPair, StoredRecord, replayed_snapshot,
};
pub use changes::ChangeOutcome;
pub use event_log::{Actor, ActorKind, LoggedEvent, NewEvent};
pub use migrate::{SCHEMA_VERSION, Upgrade};
pub use research::{WorkshopListing, WorkshopSnapshot};
pub use workshops::{LoadedRoom, NewWorkshopRecord, TemplateOrigin};
/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a storage operation failed. Variants other than [`StoreError::Sqlite`],
/// [`StoreError::Io`], [`StoreError::Corrupt`] and [`StoreError::TaskFailed`] are
/// business-rule refusals: nothing was written.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database refused or failed (disk full, locked too long, …).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database folder could not be created.
    #[error("cannot create the database folder {path}: {source}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A stored value could not be read back (a bad uuid or JSON in a row).
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    /// The blocking task running the query panicked or was cancelled.
    #[error("storage task failed: {0}")]
    TaskFailed(String),
    /// The database file was written by a later version of the server; it is left unchanged.
    #[error(
        "the database has schema version {found}, but this server reads up to version {supported}: \
         run the newer version of Discretion Spectrum that wrote it (or point --database at another file)"
    )]
    NewerSchema {
        /// Its `PRAGMA user_version`.
        found: i64,
        /// [`SCHEMA_VERSION`].
        supported: i64,
    },
    /// No unused join code was found after many random tries.
    #[error("could not find an unused join code")]
    NoFreeCode,
    /// The workshop does not exist.
    #[error("no such workshop")]
    UnknownWorkshop,
    /// Another pair of this workshop already uses this label (compared case-insensitively).
    #[error("a pair called '{0}' has already joined")]
    DuplicateLabel(String),
    /// The card does not belong to this workshop.
    #[error("no such aspect in this workshop")]
    UnknownCard,
    /// The change id was already used by a different pair.
    #[error("that change id was already used by someone else")]
    ChangeIdReused,
    /// The batch this write was committed with failed; nothing of it was stored.
    #[error("database error: the change was not committed: {0}")]
    NotCommitted(String),
}

/// The database: a reading connection behind a mutex (only ever taken on the blocking pool,
/// never across an `.await`), and one writing connection owned by the writer thread, which
/// commits the writes waiting at any moment together ([`writer`]).
pub struct Store {
    conn: Mutex<Connection>,
    writer: writer::Writer,
}

/// Opens one connection to `path` with the store's settings.
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
    Ok(conn)
}

impl Store {
    /// Opens (creating if needed) the database file at `path`, its parent folder and the
    /// schema; a file of an earlier version is upgraded in place first ([`migrate`]).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        let mut conn = connect(path)?;
        // journal_mode returns a row, so it is read rather than executed.
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, "SQLite did not switch to WAL mode");
        }
        if let migrate::Upgrade::From(version) = migrate::upgrade(&mut conn)? {
            tracing::info!(from = version, to = SCHEMA_VERSION, path = %path.display(), "database upgraded");
        }
        let writer = writer::Writer::start(connect(path)?)
            .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
        Ok(Store { conn: Mutex::new(conn), writer })
    }

    /// Runs `work` in the writer's next batch, in its own savepoint, and waits (blocking this
    /// thread) until the batch is committed. For synchronous callers on the blocking pool.
    fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.writer.submit(writer::job(work, move |answer| {
            let _ = tx.send(answer);
        }));
        rx.recv().unwrap_or_else(|_| Err(StoreError::TaskFailed("the write was dropped".into())))
    }

    /// [`Store::write`] for async callers: waits for the commit without holding a thread.
    async fn write_async<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.writer.submit(writer::job(work, move |answer| {
            let _ = tx.send(answer);
        }));
        rx.await.unwrap_or_else(|_| Err(StoreError::TaskFailed("the write was dropped".into())))
    }

    /// The connection. A poisoned lock is taken over: rusqlite rolls back an unfinished
    /// transaction when it is dropped, so the connection is still consistent.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on tokio's blocking pool, so database work (and whatever is built from what
    /// it reads, such as an export) never blocks the async runtime. `f` may fail with any
    /// error a [`StoreError`] turns into; a task that panicked is [`StoreError::TaskFailed`].
    pub async fn run<T, E, F>(self: &Arc<Self>, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Store) -> Result<T, E> + Send + 'static,
    {
        let store = Arc::clone(self);
        match tokio::task::spawn_blocking(move || f(&store)).await {
            Ok(result) => result,
            Err(e) => Err(StoreError::TaskFailed(e.to_string()).into()),
        }
    }
}

/// Reads a TEXT uuid column.
fn uuid_at(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    let text: String = row.get(idx)?;
    Uuid::parse_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

/// Reads a BIGINT sequence number column.
fn seq_at(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    let seq: i64 = row.get(idx)?;
    u64::try_from(seq)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Integer, Box::new(e)))
}

/// A sequence number as SQLite stores it. Sequences count changes in one workshop, so they
/// never come near `i64::MAX`; saturating keeps this total anyway.
fn seq_param(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// The next sequence number of a workshop, read inside the writing transaction (so it is
/// the database, not a process, that decides the order).
fn next_seq(tx: &Connection, workshop_id: Uuid) -> Result<u64, StoreError> {
    let last: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM events WHERE workshop_id = ?1")?
        .query_row([workshop_id.to_string()], |r| r.get(0))?;
    let last = u64::try_from(last).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(last + 1)
}

/// One row of the event log, as [`insert_event`] writes it.
struct EventRow<'a> {
    workshop_id: Uuid,
    seq: u64,
    at: i64,
    actor: event_log::ActorKind,
    actor_label: &'a str,
    action: &'a str,
    card_id: Option<Uuid>,
    pair_id: Option<Uuid>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    change_id: Option<Uuid>,
    payload: Option<&'a app::domain::Event>,
}

impl<'a> EventRow<'a> {
    /// A row of `action` by `actor` (named `actor_label`) with nothing else said: no aspect,
    /// pair, states, change id or screen event (set those with struct update).
    fn new(
        workshop_id: Uuid,
        seq: u64,
        at: i64,
        (actor, actor_label): (event_log::ActorKind, &'a str),
        action: &'a str,
    ) -> EventRow<'a> {
        EventRow {
            workshop_id,
            seq,
            at,
            actor,
            actor_label,
            action,
            card_id: None,
            pair_id: None,
            before: None,
            after: None,
            change_id: None,
            payload: None,
        }
    }
}

/// Appends one row to the event log.
fn insert_event(tx: &Connection, row: EventRow<'_>) -> Result<(), StoreError> {
    let payload = row.payload.map(serde_json::to_string).transpose().map_err(|e| StoreError::Corrupt(e.to_string()))?;
    // Cached: the writer runs this for every change, and parsing it cost more than running it.
    tx.prepare_cached(
        "INSERT INTO events (workshop_id, seq, at, actor, actor_label, action, card_id, pair_id,
                             before_json, after_json, change_id, payload_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(rusqlite::params![
        row.workshop_id.to_string(),
        seq_param(row.seq),
        row.at,
        row.actor,
        row.actor_label,
        row.action,
        row.card_id.map(|id| id.to_string()),
        row.pair_id.map(|id| id.to_string()),
        row.before.map(|v| v.to_string()),
        row.after.map(|v| v.to_string()),
        row.change_id.map(|id| id.to_string()),
        payload,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests;
