//! Why a storage operation failed ([`StoreError`]): the ground every other part of the store
//! stands on, so it imports nothing of the store.

use std::path::PathBuf;

use thiserror::Error;

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

impl StoreError {
    /// Whether the database (or the task running the query) failed, rather than a business
    /// rule refusing: what the metrics count as a database error.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(_)
                | StoreError::Postgres(_)
                | StoreError::Io { .. }
                | StoreError::Corrupt(_)
                | StoreError::TaskFailed(_)
                | StoreError::NotCommitted(_)
        )
    }
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
