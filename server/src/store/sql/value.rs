//! What travels between the store and either database: [`Value`]s as parameters, [`Row`]s
//! of them back, each column read by its name.

use std::sync::Arc;

use uuid::Uuid;

use crate::store::error::StoreError;

/// One value of a statement's parameters or of a row: the types the schema uses on both
/// databases (`TEXT` uuids and JSON, `BIGINT` times and sequence numbers, `DOUBLE PRECISION`
/// positions).
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

/// `From` for each type a parameter comes in, as the [`Value`] the schema stores it as.
macro_rules! value_from {
    ($($from:ty => |$v:ident| $value:expr;)*) => {
        $(impl From<$from> for Value {
            fn from($v: $from) -> Value {
                $value
            }
        })*
    };
}

value_from! {
    i64 => |v| Value::Int(v);
    u32 => |v| Value::Int(i64::from(v));
    // Saturating: counts, orders and sequence numbers never come near `i64::MAX`.
    usize => |v| Value::Int(i64::try_from(v).unwrap_or(i64::MAX));
    u64 => |v| Value::Int(i64::try_from(v).unwrap_or(i64::MAX));
    f64 => |v| Value::Real(v);
    &str => |v| Value::Text(v.to_string());
    String => |v| Value::Text(v);
    &String => |v| Value::Text(v.clone());
    Uuid => |v| Value::Text(v.to_string());
    &Uuid => |v| Value::Text(v.to_string());
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

/// One row of a result. Its columns are read by the name the query gives them (the column's
/// own name, or its `AS` alias: both databases name an expression differently, so every
/// expression read gets an alias), so a query's columns can be reordered or added to without
/// its readers miscounting. A missing column or a value of another type is
/// [`StoreError::Corrupt`], naming the column.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The result's column names, in order (shared by its rows).
    names: Arc<[String]>,
    /// This row's values, in the same order.
    values: Vec<Value>,
}

impl Row {
    /// A row of a result with columns `names`.
    pub(super) fn new(names: Arc<[String]>, values: Vec<Value>) -> Row {
        Row { names, values }
    }

    /// The result's column names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The values, in column order.
    pub fn into_values(self) -> Vec<Value> {
        self.values
    }

    /// Column `column`'s value.
    pub fn get(&self, column: &str) -> Result<&Value, StoreError> {
        self.names
            .iter()
            .position(|name| name == column)
            .and_then(|idx| self.values.get(idx))
            .ok_or_else(|| StoreError::Corrupt(format!("no column {column:?} in a row of {:?}", self.names)))
    }

    fn wrong(&self, column: &str, wanted: &str) -> StoreError {
        let found = self.get(column).ok();
        StoreError::Corrupt(format!("column {column}: expected {wanted}, found {found:?}"))
    }

    /// An integer column that may be NULL.
    pub fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Int(v) => Ok(Some(*v)),
            _ => Err(self.wrong(column, "an integer")),
        }
    }

    /// An integer column.
    pub fn int(&self, column: &str) -> Result<i64, StoreError> {
        self.opt_int(column)?.ok_or_else(|| self.wrong(column, "an integer"))
    }

    /// A non-negative integer column (a count, a sequence number).
    pub fn uint(&self, column: &str) -> Result<u64, StoreError> {
        u64::try_from(self.int(column)?).map_err(|_| self.wrong(column, "a non-negative integer"))
    }

    /// A small non-negative integer column (an order).
    pub fn u32(&self, column: &str) -> Result<u32, StoreError> {
        u32::try_from(self.int(column)?).map_err(|_| self.wrong(column, "a 32-bit count"))
    }

    /// A number column (an integer is read as its value).
    pub fn opt_real(&self, column: &str) -> Result<Option<f64>, StoreError> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Real(v) => Ok(Some(*v)),
            // SQLite stores a whole REAL as an integer when the column has integer affinity.
            Value::Int(v) => Ok(Some(*v as f64)),
            Value::Text(_) => Err(self.wrong(column, "a number")),
        }
    }

    /// A text column that may be NULL.
    pub fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.opt_str(column)?.map(str::to_owned))
    }

    /// A text column that may be NULL, borrowed from the row (for a value that is parsed, not
    /// kept: a uuid, a JSON document).
    pub fn opt_str(&self, column: &str) -> Result<Option<&str>, StoreError> {
        match self.get(column)? {
            Value::Null => Ok(None),
            Value::Text(v) => Ok(Some(v)),
            _ => Err(self.wrong(column, "text")),
        }
    }

    /// A text column.
    pub fn text(&self, column: &str) -> Result<String, StoreError> {
        self.opt_text(column)?.ok_or_else(|| self.wrong(column, "text"))
    }

    /// A TEXT uuid column that may be NULL.
    pub fn opt_uuid(&self, column: &str) -> Result<Option<Uuid>, StoreError> {
        self.opt_str(column)?
            .map(|text| Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(format!("column {column}: {e}"))))
            .transpose()
    }

    /// A TEXT uuid column.
    pub fn uuid(&self, column: &str) -> Result<Uuid, StoreError> {
        self.opt_uuid(column)?.ok_or_else(|| self.wrong(column, "a uuid"))
    }

    /// A TEXT JSON column that may be NULL.
    pub fn opt_json(&self, column: &str) -> Result<Option<serde_json::Value>, StoreError> {
        self.opt_str(column)?
            .map(|text| serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("column {column}: {e}"))))
            .transpose()
    }
}
