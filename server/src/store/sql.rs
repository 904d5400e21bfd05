//! The one SQL vocabulary both backends speak, so every query of the store is written once.
//!
//! - Statements are written with numbered placeholders (`?1`, `?2`, …). SQLite reads them as
//!   they are; PostgreSQL gets them rewritten to `$1`, `$2`, … ([`postgres_placeholders`]).
//! - Values travel as [`Value`]s (NULL, a 64-bit integer, a double, text), the types the
//!   schema uses on both (`TEXT` uuids and JSON, `BIGINT` times and sequence numbers, `DOUBLE
//!   PRECISION` positions). Rows come back as [`Row`]s of them, read by column index.
//! - Each backend keeps its prepared statements per connection, so a statement run for every
//!   change is parsed once.

use std::collections::HashMap;

use uuid::Uuid;

use super::StoreError;
use super::event_log::ActorKind;

/// Which database a connection talks to, for the few statements that differ (locking a row,
/// beginning a transaction, announcing a change).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (the default).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// One value of a statement's parameters or of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Int(i64),
    /// A double.
    Real(f64),
    /// Text.
    Text(String),
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Value {
        Value::Int(i64::from(v))
    }
}

impl From<usize> for Value {
    /// Saturating: counts and orders never come near `i64::MAX`.
    fn from(v: usize) -> Value {
        Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Value {
    /// Saturating: sequence numbers count changes in one workshop.
    fn from(v: u64) -> Value {
        Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

impl From<Uuid> for Value {
    fn from(v: Uuid) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<&Uuid> for Value {
    fn from(v: &Uuid) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<ActorKind> for Value {
    fn from(v: ActorKind) -> Value {
        Value::Text(v.as_str().to_string())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// A statement's parameters: `args![a, b, c]` is `&[Value::from(a), …]`.
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        &[$($crate::store::sql::Value::from($value)),*] as &[$crate::store::sql::Value]
    };
}
pub(crate) use args;

/// One row of a result, read by column index.
#[derive(Clone, Debug, PartialEq)]
pub struct Row(Vec<Value>);

impl Row {
    fn at(&self, idx: usize) -> Result<&Value, StoreError> {
        self.0.get(idx).ok_or_else(|| StoreError::Corrupt(format!("no column {idx} in a row of {}", self.0.len())))
    }

    fn wrong(&self, idx: usize, wanted: &str) -> StoreError {
        StoreError::Corrupt(format!("column {idx}: expected {wanted}, found {:?}", self.0.get(idx)))
    }

    /// An integer column that may be NULL.
    pub fn opt_int(&self, idx: usize) -> Result<Option<i64>, StoreError> {
        match self.at(idx)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v)),
            _ => Err(self.wrong(idx, "an integer")),
        }
    }

    /// An integer column.
    pub fn int(&self, idx: usize) -> Result<i64, StoreError> {
        self.opt_int(idx)?.ok_or_else(|| self.wrong(idx, "an integer"))
    }

    /// A non-negative integer column (a count, a sequence number).
    pub fn uint(&self, idx: usize) -> Result<u64, StoreError> {
        u64::try_from(self.int(idx)?).map_err(|_| self.wrong(idx, "a non-negative integer"))
    }

    /// A small non-negative integer column (an order).
    pub fn u32(&self, idx: usize) -> Result<u32, StoreError> {
        u32::try_from(self.int(idx)?).map_err(|_| self.wrong(idx, "a 32-bit count"))
    }

    /// A number column (an integer is read as its value).
    pub fn opt_real(&self, idx: usize) -> Result<Option<f64>, StoreError> {
        match self.at(idx)? {
            Value::Null => Ok(None),
            Value::Real(v) => Ok(Some(*v)),
            // SQLite stores a whole REAL as an integer when the column has integer affinity.
            Value::Int(v) => Ok(Some(*v as f64)),
            Value::Text(_) => Err(self.wrong(idx, "a number")),
        }
    }

    /// A text column that may be NULL.
    pub fn opt_text(&self, idx: usize) -> Result<Option<String>, StoreError> {
        match self.at(idx)? {
            Value::Null => Ok(None),
            Value::Text(v) => Ok(Some(v.clone())),
            _ => Err(self.wrong(idx, "text")),
        }
    }

    /// A text column.
    pub fn text(&self, idx: usize) -> Result<String, StoreError> {
        self.opt_text(idx)?.ok_or_else(|| self.wrong(idx, "text"))
    }

    /// A TEXT uuid column that may be NULL.
    pub fn opt_uuid(&self, idx: usize) -> Result<Option<Uuid>, StoreError> {
        self.opt_text(idx)?
            .map(|text| Uuid::parse_str(&text).map_err(|e| StoreError::Corrupt(format!("column {idx}: {e}"))))
            .transpose()
    }

    /// A TEXT uuid column.
    pub fn uuid(&self, idx: usize) -> Result<Uuid, StoreError> {
        self.opt_uuid(idx)?.ok_or_else(|| self.wrong(idx, "a uuid"))
    }

    /// A TEXT JSON column that may be NULL.
    pub fn opt_json(&self, idx: usize) -> Result<Option<serde_json::Value>, StoreError> {
        self.opt_text(idx)?
            .map(|text| serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("column {idx}: {e}"))))
            .transpose()
    }

    /// The `actor` column.
    pub fn actor(&self, idx: usize) -> Result<ActorKind, StoreError> {
        let text = self.text(idx)?;
        ActorKind::parse(&text).ok_or_else(|| StoreError::Corrupt(format!("unknown actor {text:?}")))
    }
}

/// A connection to either database. Methods take `&mut self` because a PostgreSQL client
/// does; a transaction is `BEGIN` … `COMMIT` on the same connection ([`in_snapshot`]).
pub trait Sql: Send {
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// Runs one statement; returns how many rows it changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<usize, StoreError>;
    /// Runs one query; returns every row.
    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError>;
    /// Runs statements without parameters (schema, `BEGIN`, `SAVEPOINT`, …).
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;

    /// Tells the instances listening on this database ([`super::listen`]) `payload` when the
    /// transaction commits ([`Sql::commit`]); nothing on SQLite, which has one server.
    fn notify_on_commit(&mut self, _payload: &str) {}

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

/// Runs `read` in one read-only transaction, so everything it reads is one consistent
/// snapshot (SQLite: a deferred transaction, fixed at its first read, which never blocks the
/// writer in WAL mode; PostgreSQL: `REPEATABLE READ`).
pub fn in_snapshot<T>(
    db: &mut dyn Sql,
    read: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    db.batch(match db.backend() {
        Backend::Sqlite => "BEGIN DEFERRED",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    })?;
    let result = read(db);
    let end = if result.is_ok() { db.commit() } else { db.rollback() };
    let value = result?;
    end?;
    Ok(value)
}

/// A SQLite connection.
pub struct Lite(pub rusqlite::Connection);

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Real(v) => ToSqlOutput::Borrowed(ValueRef::Real(*v)),
            Value::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
        })
    }
}

impl Sql for Lite {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<usize, StoreError> {
        Ok(self.0.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?)
    }

    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        use rusqlite::types::ValueRef;
        let mut stmt = self.0.prepare_cached(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(columns);
            for idx in 0..columns {
                values.push(match row.get_ref(idx)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Int(v),
                    ValueRef::Real(v) => Value::Real(v),
                    ValueRef::Text(bytes) => Value::Text(
                        String::from_utf8(bytes.to_vec())
                            .map_err(|e| StoreError::Corrupt(format!("column {idx}: {e}")))?,
                    ),
                    ValueRef::Blob(_) => return Err(StoreError::Corrupt(format!("column {idx}: a blob"))),
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.0.execute_batch(sql)?)
    }
}

/// A PostgreSQL connection with its prepared statements. A connection that broke (the
/// server restarted, the network dropped) is opened again before its next statement; the
/// statement that found it broken fails, and its transaction with it.
pub struct Pg {
    url: String,
    /// Always there; taken only when the connection is dropped.
    client: Option<postgres::Client>,
    statements: HashMap<String, postgres::Statement>,
    /// `NOTIFY` statements to send with the next `COMMIT` ([`Sql::notify_on_commit`]).
    notify: String,
}

impl Drop for Pg {
    /// The client says goodbye to the server by blocking on its own runtime, which may not
    /// happen on a thread driving async tasks: there, it is closed on a thread of its own.
    fn drop(&mut self) {
        let Some(client) = self.client.take() else { return };
        if tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::Builder::new().name("ds-pg-close".into()).spawn(move || drop(client));
        } else {
            drop(client);
        }
    }
}

/// `sql` with SQLite's `?N` placeholders written as PostgreSQL's `$N`.
pub fn postgres_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted && chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

impl Pg {
    /// Connects to `url` (`postgres://user:password@host:port/database`).
    pub fn connect(url: &str) -> Result<Pg, StoreError> {
        let client = postgres::Client::connect(url, postgres::NoTls)?;
        Ok(Pg { url: url.to_string(), client: Some(client), statements: HashMap::new(), notify: String::new() })
    }

    /// The client, opened again first if it broke (its prepared statements went with it).
    fn open_client(&mut self) -> Result<&mut postgres::Client, StoreError> {
        if self.client.as_ref().is_none_or(postgres::Client::is_closed) {
            self.statements.clear();
            self.client = Some(postgres::Client::connect(&self.url, postgres::NoTls)?);
        }
        self.client.as_mut().ok_or_else(|| StoreError::TaskFailed("the connection was closed".into()))
    }

    /// The client as it is, never opened again (a listening connection must notice that it
    /// broke, to listen again), for what only PostgreSQL does.
    pub fn client(&mut self) -> Option<&mut postgres::Client> {
        self.client.as_mut().filter(|client| !client.is_closed())
    }

    fn prepared(&mut self, sql: &str) -> Result<postgres::Statement, StoreError> {
        self.open_client()?;
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.open_client()?.prepare(&postgres_placeholders(sql))?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

impl postgres::types::ToSql for Value {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::Type;
        match self {
            Value::Null => Ok(postgres::types::IsNull::Yes),
            Value::Int(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(*v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*v)?.to_sql(ty, out),
                Type::FLOAT8 => (*v as f64).to_sql(ty, out),
                Type::BOOL => (*v != 0).to_sql(ty, out),
                _ => v.to_string().as_str().to_sql(ty, out),
            },
            Value::Real(v) => match *ty {
                Type::FLOAT4 => (*v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Value::Text(v) => v.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// The parameters as the PostgreSQL client takes them.
fn pg_params(params: &[Value]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    params.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect()
}

/// Column `idx` of a PostgreSQL row as a [`Value`], by its type.
fn pg_value(row: &postgres::Row, idx: usize) -> Result<Value, StoreError> {
    use postgres::types::Type;
    let ty = row.columns()[idx].type_().clone();
    let value = match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(idx)?.map(Value::Int),
        Type::INT4 => row.try_get::<_, Option<i32>>(idx)?.map(|v| Value::Int(v.into())),
        Type::INT2 => row.try_get::<_, Option<i16>>(idx)?.map(|v| Value::Int(v.into())),
        Type::BOOL => row.try_get::<_, Option<bool>>(idx)?.map(|v| Value::Int(v.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(idx)?.map(Value::Real),
        Type::FLOAT4 => row.try_get::<_, Option<f32>>(idx)?.map(|v| Value::Real(v.into())),
        // What `SELECT pg_notify(…)` and the advisory locks return.
        Type::VOID => None,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.try_get::<_, Option<String>>(idx)?.map(Value::Text)
        }
        other => return Err(StoreError::Corrupt(format!("column {idx}: unsupported type {other}"))),
    };
    Ok(value.unwrap_or(Value::Null))
}

impl Sql for Pg {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<usize, StoreError> {
        let statement = self.prepared(sql)?;
        let changed = self.open_client()?.execute(&statement, &pg_params(params))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        let statement = self.prepared(sql)?;
        let rows = self.open_client()?.query(&statement, &pg_params(params))?;
        rows.iter().map(|row| (0..row.len()).map(|idx| pg_value(row, idx)).collect::<Result<_, _>>().map(Row)).collect()
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.open_client()?.batch_execute(sql)?)
    }

    fn notify_on_commit(&mut self, payload: &str) {
        // A literal: NOTIFY takes no parameters. Quotes are doubled, though payloads are only
        // uuids, numbers and words.
        let payload = payload.replace('\'', "''");
        self.notify.push_str(&format!("NOTIFY {}, '{payload}'; ", super::listen::CHANNEL));
    }

    /// The notifications and the `COMMIT` in one round trip.
    fn commit(&mut self) -> Result<(), StoreError> {
        let sql = format!("{}COMMIT", std::mem::take(&mut self.notify));
        self.batch(&sql)
    }

    fn rollback(&mut self) -> Result<(), StoreError> {
        self.notify.clear();
        self.batch("ROLLBACK")
    }
}

/// `url` with its database (the path after the host) replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(base, query)| (base, Some(query)));
    let host_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[host_end..].find('/') {
        Some(slash) => &base[..host_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

/// Creates a new, empty database named `ds_<random>` on the PostgreSQL server at `url`
/// (whose user may create databases) and returns its URL. For tests and benchmarks, which
/// each want a database of their own on one throwaway server.
pub fn create_postgres_database(url: &str) -> Result<String, StoreError> {
    let name = format!("ds_{}", Uuid::new_v4().simple());
    let mut pg = Pg::connect(url)?;
    pg.batch(&format!("CREATE DATABASE {name}"))?;
    Ok(with_database(url, &name))
}

/// What the tests run on: `DS_TEST_BACKEND=postgres` says PostgreSQL (on the server at
/// `DS_TEST_POSTGRES`), anything else SQLite.
pub fn test_backend() -> Backend {
    match std::env::var("DS_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// A new database on the test PostgreSQL server (`DS_TEST_POSTGRES`, which `scripts/test.sh`
/// starts with `scripts/pg-cluster.sh`). Panics, saying how to start one, when there is none.
pub fn test_postgres_database() -> String {
    let Ok(url) = std::env::var("DS_TEST_POSTGRES") else {
        panic!(
            "this test needs PostgreSQL: start a throwaway server with \
             `export DS_TEST_POSTGRES=$(scripts/pg-cluster.sh start /tmp/ds-pg)` (scripts/test.sh does)"
        )
    };
    create_postgres_database(&url).unwrap_or_else(|e| panic!("cannot create a test database on {url}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_names_another_database() {
        assert_eq!(with_database("postgres://u:p@h:5/postgres", "x"), "postgres://u:p@h:5/x");
        assert_eq!(with_database("postgres://u:p@h:5", "x"), "postgres://u:p@h:5/x");
        assert_eq!(with_database("postgresql://h/db?sslmode=disable", "x"), "postgresql://h/x?sslmode=disable");
    }

    #[test]
    fn placeholders_are_numbered_for_postgres_outside_quotes_only() {
        assert_eq!(
            postgres_placeholders("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $12"
        );
        assert_eq!(postgres_placeholders("SELECT '?' , ? "), "SELECT '?' , ? ");
    }

    #[test]
    fn rows_read_back_what_sqlite_stored_and_say_what_is_wrong() {
        let mut db = Lite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (a TEXT, b BIGINT, c DOUBLE PRECISION)").unwrap();
        let id = Uuid::new_v4();
        assert_eq!(db.exec("INSERT INTO t VALUES (?1, ?2, ?3)", args![id, 7_i64, 2.5]).unwrap(), 1);
        db.exec("INSERT INTO t VALUES (?1, ?2, ?3)", args![None::<String>, None::<i64>, 50.0]).unwrap();
        let rows = db.rows("SELECT a, b, c FROM t ORDER BY b DESC", args![]).unwrap();
        assert_eq!(
            (rows[0].uuid(0).unwrap(), rows[0].uint(1).unwrap(), rows[0].opt_real(2).unwrap()),
            (id, 7, Some(2.5))
        );
        assert_eq!((rows[1].opt_uuid(0).unwrap(), rows[1].opt_int(1).unwrap()), (None, None));
        assert_eq!(rows[1].opt_real(2).unwrap(), Some(50.0), "a whole REAL is stored as an integer");
        assert!(matches!(rows[0].text(1), Err(StoreError::Corrupt(_))));
        assert!(matches!(rows[0].int(9), Err(StoreError::Corrupt(_))));
        assert!(db.row("SELECT a FROM t WHERE b = ?1", args![8_i64]).unwrap().is_none());
    }
}
