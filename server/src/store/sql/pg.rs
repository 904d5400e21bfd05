//! [`Sql`] on a PostgreSQL server (the `postgres` client), which several instances share.

use std::collections::HashMap;
use std::sync::Arc;

use postgres::types::Type;
use uuid::Uuid;

use super::connection::{Backend, Column, Sql, read_columns};
use super::value::{Row, Value};
use crate::store::error::StoreError;

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

/// `sql` with SQLite's `?N` placeholders written as PostgreSQL's `$N`, so every statement
/// is written once, in SQLite's way.
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
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
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

    fn accepts(_: &Type) -> bool {
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
    let column = &row.columns()[idx];
    let value = match column.type_().clone() {
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
        other => return Err(StoreError::Corrupt(format!("column {}: unsupported type {other}", column.name()))),
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
        let names: Arc<[String]> = statement.columns().iter().map(|c| c.name().to_string()).collect();
        let rows = self.open_client()?.query(&statement, &pg_params(params))?;
        rows.iter()
            .map(|row| {
                let values = (0..row.len()).map(|idx| pg_value(row, idx)).collect::<Result<_, _>>()?;
                Ok(Row::new(Arc::clone(&names), values))
            })
            .collect()
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.open_client()?.batch_execute(sql)?)
    }

    fn columns(&mut self, table: &str) -> Result<Vec<Column>, StoreError> {
        let query = "SELECT column_name::text AS name, data_type::text AS declared_type FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position";
        read_columns(self, query, table)
    }

    /// Rows are locked as they are written, or first with [`Sql::lock_row`].
    fn begin_write(&mut self) -> Result<(), StoreError> {
        self.batch("BEGIN")
    }

    fn begin_snapshot(&mut self) -> Result<(), StoreError> {
        self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    }

    fn lock_row(&mut self, table: &str, id: Value) -> Result<(), StoreError> {
        self.row(&format!("SELECT 1 FROM {table} WHERE id = ?1 FOR UPDATE"), &[id])?;
        Ok(())
    }

    fn notify_on_commit(&mut self, channel: &str, payload: &str) {
        // A literal: NOTIFY takes no parameters. Quotes are doubled, though payloads are only
        // uuids, numbers and words.
        let payload = payload.replace('\'', "''");
        self.notify.push_str(&format!("NOTIFY {channel}, '{payload}'; "));
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
}
