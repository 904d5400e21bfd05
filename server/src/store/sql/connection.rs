//! What a connection of either database does ([`Sql`]), which database it is ([`Backend`]),
//! a table's columns as the database itself lists them, and running work in a transaction or
//! a snapshot.

use super::value::{Row, Value, args};
use crate::store::error::StoreError;

/// Which database a connection talks to: for the schema's few statements that differ
/// ([`super::schema`]) and for tests that run on either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (the default).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A column as the database declares it ([`Sql::columns`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its type as declared (`TEXT`, `BIGINT`, … on SQLite; `text`, `bigint`, … on
    /// PostgreSQL).
    pub declared_type: String,
}

/// The [`Column`]s `query` (with `?1` the table's name) lists, in order.
pub(super) fn read_columns(db: &mut dyn Sql, query: &str, table: &str) -> Result<Vec<Column>, StoreError> {
    db.rows(query, args![table])?
        .iter()
        .map(|row| Ok(Column { name: row.text("name")?, declared_type: row.text("declared_type")? }))
        .collect()
}

/// A connection to either database. Methods take `&mut self` because a PostgreSQL client
/// does; a transaction is a `begin_…` … [`Sql::commit`] on the same connection.
pub trait Sql: Send {
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// Runs one statement; returns how many rows it changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<usize, StoreError>;
    /// Runs one query; returns every row.
    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError>;
    /// Runs statements without parameters (schema, `SAVEPOINT`, …).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;

    /// The columns of `table` as the database itself has them, in order (none when there is
    /// no such table): what every step of the schema made, for what copies a table whole.
    fn columns(&mut self, table: &str) -> Result<Vec<Column>, StoreError>;

    /// Begins a transaction that writes, such that two connections writing at once cannot
    /// both decide on what they read: the writer's batches and the schema's upgrades.
    fn begin_write(&mut self) -> Result<(), StoreError>;

    /// Begins a read-only transaction whose reads all see one consistent snapshot
    /// ([`in_snapshot`]).
    fn begin_snapshot(&mut self) -> Result<(), StoreError>;

    /// Locks the row of `table` whose `id` is `id` until the transaction ends, so another
    /// connection writing to it waits for this transaction. Its own statement: a statement
    /// that waited for a lock still reads with the snapshot it started with, so what depends
    /// on the lock is read after it. Nothing to do where [`Sql::begin_write`] already holds
    /// the whole database (SQLite); nothing happens either when there is no such row.
    fn lock_row(&mut self, _table: &str, _id: Value) -> Result<(), StoreError> {
        Ok(())
    }

    /// Tells the connections listening on `channel` of this database (the other instances,
    /// [`super::listen`]) `payload` when the transaction commits ([`Sql::commit`]); nothing
    /// on SQLite, which has one server.
    fn notify_on_commit(&mut self, _channel: &str, _payload: &str) {}

    /// Commits the transaction (with its notifications).
    fn commit(&mut self) -> Result<(), StoreError> {
        self.batch("COMMIT")
    }

    /// Rolls the transaction back (and forgets its notifications).
    fn rollback(&mut self) -> Result<(), StoreError> {
        self.batch("ROLLBACK")
    }

    /// The first row of a query, if any.
    fn row(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, StoreError> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }
}

/// Runs `work` in one transaction begun with `begin`: committed if it succeeds, else rolled
/// back, and its error returned.
pub fn in_transaction<T>(
    db: &mut dyn Sql,
    begin: fn(&mut dyn Sql) -> Result<(), StoreError>,
    work: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    begin(db)?;
    let result = work(db);
    let end = if result.is_ok() { db.commit() } else { db.rollback() };
    let value = result?;
    end?;
    Ok(value)
}

/// Runs `read` in one read-only transaction, so everything it reads is one consistent
/// snapshot ([`Sql::begin_snapshot`]: on SQLite a deferred transaction, fixed at its first
/// read, which never blocks the writer in WAL mode; on PostgreSQL `REPEATABLE READ`).
pub fn in_snapshot<T>(
    db: &mut dyn Sql,
    read: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    in_transaction(db, |db| db.begin_snapshot(), read)
}

/// What the tests run on: `DS_TEST_BACKEND=postgres` says PostgreSQL (on the server at
/// `DS_TEST_POSTGRES`, [`test_postgres_database`]), anything else SQLite.
pub fn test_backend() -> Backend {
    match std::env::var("DS_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}
