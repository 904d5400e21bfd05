//! The tables `copy-database` copies, and reading and writing their rows. Their columns are
//! read from the database itself ([`Sql::columns`]), so a column added to the schema is
//! copied with no change here: nothing can be left behind.

use std::cmp::Ordering;

use uuid::Uuid;

use crate::store::error::StoreError;
use crate::store::sql::{Column, Row, Sql, Value, args};

/// One table with workshop data.
pub(super) struct Table {
    /// Its name.
    pub name: &'static str,
    /// The column naming the workshop a row belongs to.
    pub workshop_column: &'static str,
    /// The columns that identify a row (rows are compared in their order).
    pub key: &'static [&'static str],
}

/// Every table with workshop data, parents first (the order rows are inserted in).
pub(super) const TABLES: [Table; 5] = [
    Table { name: "workshops", workshop_column: "id", key: &["id"] },
    Table { name: "cards", workshop_column: "workshop_id", key: &["id"] },
    Table { name: "pairs", workshop_column: "workshop_id", key: &["id"] },
    Table { name: "events", workshop_column: "workshop_id", key: &["workshop_id", "seq"] },
    Table { name: "withdrawn_pairs", workshop_column: "workshop_id", key: &["token_hash"] },
];

/// The schema's other tables, and why they are not copied. (A test checks that every table
/// of the database is in [`TABLES`] or here, so a new table is copied or said not to be.)
#[cfg(test)]
pub(super) const NOT_COPIED: [(&str, &str); 3] = [
    ("ds_schema", "the target's own schema version (PostgreSQL)"),
    ("instances", "the instances running on the source now (PostgreSQL)"),
    ("presence", "the screens connected to them now (PostgreSQL)"),
];

/// Tables copied apart from [`TABLES`], and how.
#[cfg(test)]
pub(super) const COPIED_APART: [(&str, &str); 1] =
    [("audit_log", "appended to the target's own audit log, oldest first (super::Store::copy_into)")];

/// Rows inserted by one statement: few statements for a long event log, far below either
/// database's limit on parameters (12 columns × 100).
const ROWS_PER_INSERT: usize = 100;

/// How a column's values are read, by its declared type (SQLite's rule: a type naming `INT`
/// holds integers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// BIGINT or INTEGER.
    Int,
    /// DOUBLE PRECISION or REAL.
    Real,
    /// TEXT (uuids, JSON, labels, hashes).
    Text,
}

impl Kind {
    fn of(column: &Column) -> Kind {
        let declared = column.declared_type.to_ascii_uppercase();
        if declared.contains("INT") {
            Kind::Int
        } else if ["REAL", "FLOA", "DOUB"].iter().any(|real| declared.contains(real)) {
            Kind::Real
        } else {
            Kind::Text
        }
    }

    /// `row`'s value of `column`, checked against this kind.
    fn read(self, row: &Row, column: &str) -> Result<Value, StoreError> {
        Ok(match self {
            Kind::Int => row.opt_int(column)?.map_or(Value::Null, Value::Int),
            Kind::Real => row.opt_real(column)?.map_or(Value::Null, Value::Real),
            Kind::Text => row.opt_text(column)?.map_or(Value::Null, Value::Text),
        })
    }
}

/// The rows of one table as a database has them: its columns' names, in order, and each
/// row's values in that order, sorted by the table's key. (Not their declared types, which
/// each database spells its own way.)
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Rows {
    /// The columns' names.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    /// Where column `name` is in each row.
    fn position(&self, name: &str) -> Result<usize, StoreError> {
        self.columns
            .iter()
            .position(|column| column == name)
            .ok_or_else(|| StoreError::Corrupt(format!("no column {name} to copy")))
    }

    /// Text column `name` of every row (an empty string where it is not text).
    pub fn texts(&self, name: &str) -> Result<Vec<String>, StoreError> {
        let idx = self.position(name)?;
        let text = |row: &Vec<Value>| match row.get(idx) {
            Some(Value::Text(text)) => text.clone(),
            _ => String::new(),
        };
        Ok(self.rows.iter().map(text).collect())
    }
}

/// Orders values of one column: NULL first, then numbers, then text.
fn compare(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Int(_) | Value::Real(_) => 1,
            Value::Text(_) => 2,
        }
    }
    match (a, b) {
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Real(a), Value::Real(b)) => a.total_cmp(b),
        (Value::Text(a), Value::Text(b)) => a.cmp(b),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// Every row of `table`, or only those of workshop `workshop`, with every column `db` has,
/// in key order (sorted here: the two databases order text differently).
pub(super) fn read_table(db: &mut dyn Sql, table: &Table, workshop: Option<Uuid>) -> Result<Rows, StoreError> {
    let columns = db.columns(table.name)?;
    if columns.is_empty() {
        return Err(StoreError::Corrupt(format!("there is no table {}", table.name)));
    }
    let names = columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
    let found = match workshop {
        None => db.rows(&format!("SELECT {names} FROM {}", table.name), args![])?,
        Some(id) => {
            db.rows(&format!("SELECT {names} FROM {} WHERE {} = ?1", table.name, table.workshop_column), args![id])?
        }
    };
    let kinds = columns.iter().map(|c| (c.name.clone(), Kind::of(c))).collect::<Vec<_>>();
    let values = |row: &Row| {
        kinds
            .iter()
            .map(|(column, kind)| {
                kind.read(row, column).map_err(|e| match e {
                    StoreError::Corrupt(why) => StoreError::Corrupt(format!("{}.{column}: {why}", table.name)),
                    other => other,
                })
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let columns = columns.into_iter().map(|c| c.name).collect();
    let mut rows = Rows { rows: found.iter().map(values).collect::<Result<_, _>>()?, columns };
    let key = table.key.iter().map(|name| rows.position(name)).collect::<Result<Vec<_>, _>>()?;
    rows.rows.sort_by(|a, b| key.iter().map(|&k| compare(&a[k], &b[k])).find(|o| o.is_ne()).unwrap_or(Ordering::Equal));
    Ok(rows)
}

/// Inserts `rows` into `table`, [`ROWS_PER_INSERT`] a statement.
pub(super) fn insert_rows(tx: &mut dyn Sql, table: &Table, rows: Rows) -> Result<(), StoreError> {
    let width = rows.columns.len();
    let names = rows.columns.join(", ");
    for chunk in rows.rows.chunks(ROWS_PER_INSERT) {
        let groups = (0..chunk.len())
            .map(|r| {
                let placeholders = (1..=width).map(|c| format!("?{}", r * width + c)).collect::<Vec<_>>();
                format!("({})", placeholders.join(", "))
            })
            .collect::<Vec<_>>();
        let sql = format!("INSERT INTO {} ({names}) VALUES {}", table.name, groups.join(", "));
        let params = chunk.iter().flatten().cloned().collect::<Vec<_>>();
        let inserted = tx.exec(&sql, &params)?;
        if inserted != chunk.len() {
            return Err(StoreError::Corrupt(format!("{}: {inserted} of {} rows inserted", table.name, chunk.len())));
        }
    }
    Ok(())
}
