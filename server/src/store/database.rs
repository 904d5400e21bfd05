//! The database handle ([`Store`]): where the data lives ([`Location`]), opening it, its
//! reading connections and the writer, running work on the blocking pool, and the event-log
//! row every change writes ([`insert_event`]). The other parts of the store add their methods
//! to [`Store`] in their own files.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use uuid::Uuid;

use super::error::StoreError;
use super::listen::Notice;
use super::schema::SCHEMA_VERSION;
use super::sql::{Backend, Lite, Pg, Sql, args};
use super::{event_log, listen, migrate, writer};

/// How many random codes (join codes, pair references) to try before giving up (with a
/// billion join codes and a handful of workshops, the second try practically never happens).
pub(super) const CODE_ATTEMPTS: usize = 32;

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
    pub(super) readers: Vec<Mutex<Box<dyn Sql>>>,
    /// Where [`Store::read`] starts looking for a free reading connection.
    pub(super) next_reader: std::sync::atomic::AtomicUsize,
    pub(super) writer: writer::Writer,
    pub(super) location: Location,
    /// This process among the instances sharing a PostgreSQL database ([`presence`]).
    pub(super) instance_id: Uuid,
    /// What the other instances commit, until [`Store::listen`] takes it (PostgreSQL only).
    pub(super) notices: Mutex<Option<tokio::sync::mpsc::UnboundedReceiver<Notice>>>,
}

/// Opens one connection to `path` with the store's settings.
pub(super) fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(64);
    // secure_delete: what is deleted is overwritten with zeros, not left in free space
    // (withdrawal and deletion must leave no trace in the file; see `Store::scrub_disk`).
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;")?;
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
        let notices = listen::start(url.to_string(), move |pg| listen::register(pg, instance_id))?;
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
    pub(super) fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        self.writer.submit(writer::job(work, move |answer| {
            let _ = tx.send(answer);
        }));
        counted(rx.recv().unwrap_or_else(|_| Err(StoreError::TaskFailed("the write was dropped".into()))))
    }

    /// [`Store::write`] for async callers: waits for the commit without holding a thread.
    pub(super) async fn write_async<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.writer.submit(writer::job(work, move |answer| {
            let _ = tx.send(answer);
        }));
        counted(rx.await.unwrap_or_else(|_| Err(StoreError::TaskFailed("the write was dropped".into()))))
    }

    /// Runs `read` on a reading connection: the first free one, else (all busy) waits for
    /// one, taking turns. A poisoned lock is taken over after a `ROLLBACK` (SQLite also rolls
    /// back an unfinished transaction when it is dropped), so the connection is consistent
    /// again.
    pub(super) fn read<T>(&self, read: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>) -> Result<T, StoreError> {
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
        counted(read(conn.as_mut()))
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

/// `result`, counting a database failure in the metrics ([`StoreError::is_failure`]).
fn counted<T>(result: Result<T, StoreError>) -> Result<T, StoreError> {
    if let Err(e) = &result
        && e.is_failure()
    {
        crate::telemetry::database_error();
    }
    result
}

/// Tells every instance listening on this PostgreSQL database ([`listen`]) that workshop
/// `workshop_id` changed: committed up to `seq`, or deleted (`None`). Sent when the
/// transaction commits, and not at all if it rolls back. Nothing to do on SQLite.
pub(super) fn announce(tx: &mut dyn Sql, workshop_id: Uuid, seq: Option<u64>) -> Result<(), StoreError> {
    tx.notify_on_commit(listen::CHANNEL, &listen::payload(workshop_id, seq));
    Ok(())
}

/// One row of the event log, as [`insert_event`] writes it.
pub(super) struct EventRow<'a> {
    pub(super) workshop_id: Uuid,
    pub(super) seq: u64,
    pub(super) at: i64,
    pub(super) actor: event_log::ActorKind,
    pub(super) actor_label: &'a str,
    pub(super) action: &'a str,
    pub(super) card_id: Option<Uuid>,
    pub(super) pair_id: Option<Uuid>,
    pub(super) before: Option<serde_json::Value>,
    pub(super) after: Option<serde_json::Value>,
    pub(super) change_id: Option<Uuid>,
    pub(super) payload: Option<&'a app::domain::Event>,
}

impl<'a> EventRow<'a> {
    /// A row of `action` by `actor` (named `actor_label`) with nothing else said: no aspect,
    /// pair, states, change id or screen event (set those with struct update).
    pub(super) fn new(
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
pub(super) fn insert_event(tx: &mut dyn Sql, row: EventRow<'_>) -> Result<(), StoreError> {
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
