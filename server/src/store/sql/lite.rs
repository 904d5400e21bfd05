//! [`Sql`] on a SQLite file (rusqlite), the default store.

use std::sync::Arc;

use rusqlite::types::{ToSqlOutput, ValueRef};

use super::connection::{Backend, Column, Sql, read_columns};
use super::value::{Row, Value};
use crate::store::error::StoreError;

/// A SQLite connection, with its prepared statements cached per connection.
pub struct Lite(pub rusqlite::Connection);

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Real(v) => ToSqlOutput::Borrowed(ValueRef::Real(*v)),
            Value::Text(v) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
        })
    }
}

/// A stored value as a [`Value`]; a blob (never written by this server) is corrupt.
fn value(stored: ValueRef<'_>, column: &str) -> Result<Value, StoreError> {
    Ok(match stored {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(v) => Value::Int(v),
        ValueRef::Real(v) => Value::Real(v),
        ValueRef::Text(bytes) => Value::Text(
            String::from_utf8(bytes.to_vec()).map_err(|e| StoreError::Corrupt(format!("column {column}: {e}")))?,
        ),
        ValueRef::Blob(_) => return Err(StoreError::Corrupt(format!("column {column}: a blob"))),
    })
}

impl Sql for Lite {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<usize, StoreError> {
        Ok(self.0.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?)
    }

    fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        let mut stmt = self.0.prepare_cached(sql)?;
        let names: Arc<[String]> = stmt.column_names().into_iter().map(String::from).collect();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let values = names.iter().enumerate().map(|(idx, name)| value(row.get_ref(idx)?, name));
            out.push(Row::new(Arc::clone(&names), values.collect::<Result<_, _>>()?));
        }
        Ok(out)
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.0.execute_batch(sql)?)
    }

    fn columns(&mut self, table: &str) -> Result<Vec<Column>, StoreError> {
        read_columns(self, "SELECT name, type AS declared_type FROM pragma_table_info(?1) ORDER BY cid", table)
    }

    /// Takes the write lock at once, so a transaction never fails half-way for another
    /// writer; it holds the whole database, so no row needs locking ([`Sql::lock_row`]).
    fn begin_write(&mut self) -> Result<(), StoreError> {
        self.batch("BEGIN IMMEDIATE")
    }

    /// A deferred transaction: fixed at its first read, it never blocks the writer in WAL
    /// mode.
    fn begin_snapshot(&mut self) -> Result<(), StoreError> {
        self.batch("BEGIN DEFERRED")
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::store::sql::args;

    #[test]
    fn rows_read_back_what_sqlite_stored_and_say_what_is_wrong() {
        let mut db = Lite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (a TEXT, b BIGINT, c DOUBLE PRECISION)").unwrap();
        let id = Uuid::new_v4();
        assert_eq!(db.exec("INSERT INTO t VALUES (?1, ?2, ?3)", args![id, 7_i64, 2.5]).unwrap(), 1);
        db.exec("INSERT INTO t VALUES (?1, ?2, ?3)", args![None::<String>, None::<i64>, 50.0]).unwrap();
        let rows = db.rows("SELECT a, b, c FROM t ORDER BY b DESC", args![]).unwrap();
        assert_eq!(
            (rows[0].uuid("a").unwrap(), rows[0].uint("b").unwrap(), rows[0].opt_real("c").unwrap()),
            (id, 7, Some(2.5))
        );
        assert_eq!((rows[1].opt_uuid("a").unwrap(), rows[1].opt_int("b").unwrap()), (None, None));
        assert_eq!(rows[1].opt_real("c").unwrap(), Some(50.0), "a whole REAL is stored as an integer");
        assert!(matches!(rows[0].text("b"), Err(StoreError::Corrupt(e)) if e.contains("column b")));
        assert!(matches!(rows[0].int("d"), Err(StoreError::Corrupt(e)) if e.contains("no column \"d\"")));
        assert!(db.row("SELECT a FROM t WHERE b = ?1", args![8_i64]).unwrap().is_none());
        let counted = db.row("SELECT COUNT(*) AS n FROM t", args![]).unwrap().unwrap();
        assert_eq!((counted.names(), counted.int("n").unwrap()), (&["n".to_string()][..], 2));
    }
}
