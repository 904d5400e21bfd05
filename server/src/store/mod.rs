//! Storage: one SQLite file in WAL mode by default, or a PostgreSQL server that several
//! instances share; every query is written once, in the SQL both speak ([`sql`]).
//!
//! Every change writes its own row(s) *and* its event-log row together (one transaction, or
//! one savepoint of the writer's transaction, [`writer`]), so the log and the state can never
//! disagree, and a change the server acknowledged is durable (SQLite `synchronous=FULL`,
//! PostgreSQL's default `synchronous_commit`). SQLite commits the writes waiting at the same
//! moment together, with one fsync; PostgreSQL runs them on several connections at once and
//! groups the flushes itself. A workshop's sequence numbers are decided inside the writing
//! transaction, after PostgreSQL locks the workshop's row, so instances sharing one database
//! number one workshop's changes contiguously. Reads use their own connection. Methods here
//! are synchronous; async callers go through [`Store::run`] (tokio's blocking pool) or, for
//! the changes of a live room, [`Store::decide_and_append_async`] and [`Store::join_pair_async`], which
//! wait for the commit without holding a thread.

mod archive;
mod changes;
mod copy;
mod event_log;
mod listen;
mod migrate;
mod presence;
mod research;
mod schema;
mod snapshot;
pub mod sql;
#[cfg(test)]
mod test_support;
mod workshops;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use thiserror::Error;
use uuid::Uuid;

use sql::{Backend, Lite, Pg, Sql, args};

pub use archive::Imported;
pub use changes::{Decided, Decision};
pub use copy::{CopyError, CopyReport, copy_database};
pub use event_log::{Actor, ActorKind, LoggedEvent, NewEvent};
pub use listen::Notice;
pub use migrate::Upgrade;
pub use research::WorkshopListing;
pub use schema::SCHEMA_VERSION;
pub use snapshot::{StoredCard, StoredPair, StoredWorkshop, WorkshopSnapshot};
#[cfg(test)]
pub use test_support::ChangeOutcome;
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
    /// PostgreSQL refused or failed (unreachable, a constraint, …).
    #[error("database error: {}", with_causes(.0))]
    Postgres(#[from] postgres::Error),
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
        /// Its `PRAGMA user_version` (SQLite) or `ds_schema.version` (PostgreSQL).
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

/// `error` with every cause below it ("db error: ERROR: …", "error connecting to server:
/// Connection refused …"): the client's own text names only the kind of failure.
fn with_causes(error: &postgres::Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.ends_with(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

/// Where the data lives: `DS_DATABASE` / `--database`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (created with its folder if missing).
    File(PathBuf),
    /// A PostgreSQL database, by its `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL is PostgreSQL; anything else is a file path.
    pub fn parse(text: &str) -> Location {
        let lower = text.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(text.trim().to_string())
        } else {
            Location::File(PathBuf::from(text))
        }
    }

    /// For logs: the file's path, or the URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Postgres(url) => without_password(url),
        }
    }
}

/// `url` with the password (between `user:` and `@`) replaced by `***`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    match rest.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split_once(':').map_or(user_info, |(user, _)| user);
            let hidden = if user_info.contains(':') { format!("{user}:***") } else { user.to_string() };
            format!("{scheme}://{hidden}@{host}")
        }
        None => url.to_string(),
    }
}

/// Connections PostgreSQL writes on at once (each change is its own transaction there).
const POSTGRES_WRITERS: usize = 8;
/// Connections PostgreSQL reads on at once.
const POSTGRES_READERS: usize = 4;

/// The database: a reading connection behind a mutex (only ever taken on the blocking pool,
/// never across an `.await`), and the writing connection(s) owned by the writer thread(s)
/// ([`writer`]).
pub struct Store {
    /// The reading connections: one on SQLite, [`POSTGRES_READERS`] on PostgreSQL (where
    /// each instance also reads what the others commit).
    readers: Vec<Mutex<Box<dyn Sql>>>,
    /// Where [`Store::read`] starts looking for a free reading connection.
    next_reader: std::sync::atomic::AtomicUsize,
    writer: writer::Writer,
    location: Location,
    /// This process among the instances sharing a PostgreSQL database ([`presence`]).
    instance_id: Uuid,
    /// What the other instances commit, until [`Store::listen`] takes it (PostgreSQL only).
    notices: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<Notice>>>,
}

/// Opens one connection to `path` with the store's settings.
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
    Ok(conn)
}

impl Store {
    /// Opens the database at `location`: [`Store::open`] or [`Store::open_postgres`].
    pub fn open_at(location: &Location) -> Result<Store, StoreError> {
        match location {
            Location::File(path) => Store::open(path),
            Location::Postgres(url) => Store::open_postgres(url),
        }
    }

    /// Opens (creating if needed) the database file at `path`, its parent folder and the
    /// schema; a file of an earlier version is upgraded in place first ([`migrate`]).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        let conn = connect(path)?;
        // journal_mode returns a row, so it is read rather than executed.
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, "SQLite did not switch to WAL mode");
        }
        let mut reader = Lite(conn);
        if let migrate::Upgrade::From(version) = migrate::upgrade(&mut reader)? {
            tracing::info!(from = version, to = SCHEMA_VERSION, path = %path.display(), "database upgraded");
        }
        let writer = writer::Writer::start(vec![Box::new(Lite(connect(path)?))], writer::MAX_BATCH)
            .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
        Ok(Store {
            readers: vec![Mutex::new(Box::new(reader))],
            next_reader: 0.into(),
            writer,
            location: Location::File(path.to_path_buf()),
            instance_id: Uuid::new_v4(),
            notices: Mutex::new(None),
        })
    }

    /// Connects to the PostgreSQL database at `url`, creating or upgrading its schema
    /// ([`migrate::upgrade`]; instances starting together take turns). Several
    /// servers may use one database at once.
    pub fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let mut reader = Pg::connect(url)?;
        if let migrate::Upgrade::From(version) = migrate::upgrade(&mut reader)? {
            tracing::info!(from = version, to = SCHEMA_VERSION, "database upgraded");
        }
        let mut readers = vec![Mutex::new(Box::new(reader) as Box<dyn Sql>)];
        for _ in 1..POSTGRES_READERS {
            readers.push(Mutex::new(Box::new(Pg::connect(url)?)));
        }
        let writers = (0..POSTGRES_WRITERS)
            .map(|_| Pg::connect(url).map(|pg| Box::new(pg) as Box<dyn Sql>))
            .collect::<Result<Vec<_>, _>>()?;
        // Each change its own transaction: batching changes of several workshops in one
        // transaction could deadlock with another instance locking them in another order.
        let writer = writer::Writer::start(writers, 1)
            .map_err(|source| StoreError::Io { path: PathBuf::from("postgres writer"), source })?;
        let instance_id = Uuid::new_v4();
        let notices = listen::start(url.to_string(), move |pg| presence::register(pg, instance_id))?;
        Ok(Store {
            readers,
            next_reader: 0.into(),
            writer,
            location: Location::Postgres(url.to_string()),
            instance_id,
            notices: Mutex::new(Some(notices)),
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self.location {
            Location::File(_) => Backend::Sqlite,
            Location::Postgres(_) => Backend::Postgres,
        }
    }

    /// Whether other instances may share this database (PostgreSQL): then they commit
    /// changes to its workshops too, and have screens of their own connected, so a room
    /// catches up with their changes and publishes its presence. A SQLite file has one
    /// server.
    pub fn is_shared(&self) -> bool {
        matches!(self.location, Location::Postgres(_))
    }

    /// Where the data lives.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The changes other instances commit to this database, as they commit them
    /// ([`listen`]); `None` for SQLite, whose one server is the only writer, and after the
    /// first call (one hub follows them).
    pub fn listen(&self) -> Option<tokio::sync::mpsc::UnboundedReceiver<Notice>> {
        self.notices.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// Runs `work` in the writer's next batch, in its own savepoint, and waits (blocking this
    /// thread) until the batch is committed. For synchronous callers on the blocking pool.
    fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError> + Send + 'static,
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
        work: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.writer.submit(writer::job(work, move |answer| {
            let _ = tx.send(answer);
        }));
        rx.await.unwrap_or_else(|_| Err(StoreError::TaskFailed("the write was dropped".into())))
    }

    /// Runs `read` on a reading connection: the first free one, else (all busy) waits for
    /// one, taking turns. A poisoned lock is taken over after a `ROLLBACK` (SQLite also rolls
    /// back an unfinished transaction when it is dropped), so the connection is consistent
    /// again.
    fn read<T>(&self, read: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>) -> Result<T, StoreError> {
        use std::sync::TryLockError;
        let start = self.next_reader.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let n = self.readers.len();
        let recover = |poisoned: std::sync::PoisonError<_>| {
            let mut conn: std::sync::MutexGuard<'_, Box<dyn Sql>> = poisoned.into_inner();
            let _ = conn.rollback();
            conn
        };
        let free = (0..n).find_map(|i| match self.readers[(start + i) % n].try_lock() {
            Ok(conn) => Some(conn),
            Err(TryLockError::Poisoned(poisoned)) => Some(recover(poisoned)),
            Err(TryLockError::WouldBlock) => None,
        });
        let mut conn = match free {
            Some(conn) => conn,
            None => self.readers[start % n].lock().unwrap_or_else(recover),
        };
        read(conn.as_mut())
    }

    /// Whether the database answers and accepts a write now, for the readiness check: a read
    /// on a reading connection, then an empty write through the writer (its transaction
    /// begins, which on SQLite takes the write lock, and commits).
    pub async fn check_ready(self: &Arc<Self>) -> Result<(), StoreError> {
        self.run(|store| store.read(|conn| conn.rows("SELECT 1 AS one", &[]).map(drop))).await?;
        self.write_async(|tx| tx.rows("SELECT 1 AS one", &[]).map(drop)).await
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

/// Tells every instance listening on this PostgreSQL database ([`listen`]) that workshop
/// `workshop_id` changed: committed up to `seq`, or deleted (`None`). Sent when the
/// transaction commits, and not at all if it rolls back. Nothing to do on SQLite.
fn announce(tx: &mut dyn Sql, workshop_id: Uuid, seq: Option<u64>) -> Result<(), StoreError> {
    tx.notify_on_commit(listen::CHANNEL, &listen::payload(workshop_id, seq));
    Ok(())
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
fn insert_event(tx: &mut dyn Sql, row: EventRow<'_>) -> Result<(), StoreError> {
    let payload = row.payload.map(serde_json::to_string).transpose().map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.exec(
        "INSERT INTO events (workshop_id, seq, at, actor, actor_label, action, card_id, pair_id,
                             before_json, after_json, change_id, payload_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        args![
            row.workshop_id,
            row.seq,
            row.at,
            row.actor,
            row.actor_label,
            row.action,
            row.card_id,
            row.pair_id,
            row.before.map(|v| v.to_string()),
            row.after.map(|v| v.to_string()),
            row.change_id,
            payload,
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
