//! Copying every workshop of one database into another, row for row: `server copy-database`,
//! which moves a SQLite file to PostgreSQL (docs/POSTGRES.md, "Moving a SQLite database to
//! PostgreSQL").
//!
//! Unlike an import ([`Store::import_record`]), nothing is made new: every row of
//! `workshops`, `cards`, `pairs` and `events` is written with every column as it is stored,
//! ids, join codes, the facilitator's secret hash and the pairs' token hashes included, so
//! console links, join codes and the tablets' tokens keep working on the copy. The source is
//! read in one snapshot and the target written in one transaction: a copy is whole or not at
//! all. Afterwards [`Store::verify_copy`] reads every copied workshop back from both and
//! compares its rows and its export snapshot.
//!
//! The audit log is copied too, as the server's record that goes with the data: its rows are
//! appended to the target's own log, oldest first, in the same transaction (they get the
//! target's next ids; their times, actors, actions, workshops, details and networks are kept).

mod tables;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use thiserror::Error;
use uuid::Uuid;

use super::audit::{all_audit_rows, append_audit_rows};
use super::database::{Location, Store};
use super::error::StoreError;
use super::sql::{Sql, args, in_snapshot};
use tables::{Rows, TABLES, insert_rows, read_table};

/// What [`Store::copy_into`] copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyReport {
    /// The workshops copied, by id.
    pub workshops: Vec<Uuid>,
    /// Rows of `cards` (the aspects workshops were created with or given).
    pub cards: usize,
    /// Rows of `pairs`.
    pub pairs: usize,
    /// Rows of the event log.
    pub events: usize,
    /// Rows of the audit log, appended to the target's own (the server's record of who saw
    /// and changed what goes with the data).
    pub audit_rows: usize,
}

/// Why a copy was refused or failed. A refusal ([`CopyError::NoSource`],
/// [`CopyError::SameDatabase`], [`CopyError::AlreadyThere`], [`CopyError::JoinCodeTaken`])
/// wrote nothing, and neither did a failure while copying ([`CopyError::Write`]);
/// [`CopyError::Differs`], and a [`CopyError::Store`] error while verifying, come after the
/// copy was committed.
#[derive(Debug, Error)]
pub enum CopyError {
    /// The source file does not exist (it is not created).
    #[error(
        "there is no database file at {0}: give --from the SQLite file the server used (its --database or \
         DS_DATABASE; by default data/discretion-spectrum.sqlite3 in the folder it was started in)"
    )]
    NoSource(PathBuf),
    /// Source and target are one database.
    #[error("the source and the target are the same database ({0})")]
    SameDatabase(String),
    /// A database could not be opened.
    #[error("cannot open the {role} database {location}")]
    Open {
        /// `source` or `target`.
        role: &'static str,
        /// Where, without a password.
        location: String,
        /// Why.
        #[source]
        error: StoreError,
    },
    /// The target already holds workshops of the source (copied before?): nothing was written.
    #[error(
        "the target already holds {} of the {total} workshops to copy (first {}): nothing was copied. \
         Copied before? Then the copy is there already; to copy again, start from an empty database",
        .ids.len(), .ids.first().map(|id| id.as_str()).unwrap_or("?")
    )]
    AlreadyThere {
        /// Their ids.
        ids: Vec<String>,
        /// How many the source has.
        total: usize,
    },
    /// Another workshop of the target uses a join code of the source: nothing was written.
    #[error(
        "the target already has a workshop with join code {code} (workshop {target_id}), the code of workshop \
         {source_id} to copy: nothing was copied"
    )]
    JoinCodeTaken {
        /// The code.
        code: String,
        /// The source's workshop with it.
        source_id: String,
        /// The target's.
        target_id: String,
    },
    /// Writing to the target failed (a constraint, a lost connection); nothing was written.
    #[error("writing to the target failed, and nothing was copied: {0}")]
    Write(#[source] StoreError),
    /// Reading failed (before the copy: nothing was written).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// After the copy, a workshop reads back differently from the target.
    #[error(
        "workshop {id} reads back differently from the target after the copy ({what}); the copy was committed \
         but must not be used"
    )]
    Differs {
        /// The workshop.
        id: Uuid,
        /// What differs.
        what: String,
    },
}

/// The rows of workshop `id` in each of [`TABLES`], in order, read in one snapshot.
fn workshop_rows(db: &mut dyn Sql, id: Uuid) -> Result<Vec<Rows>, StoreError> {
    in_snapshot(db, |tx| TABLES.iter().map(|table| read_table(tx, table, Some(id))).collect())
}

impl Store {
    /// Copies every workshop of this database into `target` with all its rows exactly as
    /// stored (see the module documentation), in one transaction of `target`'s. Refused,
    /// with nothing written, when `target` already holds one of these workshops or another
    /// workshop with one of their join codes; its other workshops are left as they are.
    pub fn copy_into(&self, target: &Store) -> Result<CopyReport, CopyError> {
        let (tables, audit) = self.read(|db| {
            in_snapshot(db, |tx| {
                let tables = TABLES.iter().map(|table| read_table(tx, table, None)).collect::<Result<Vec<_>, _>>()?;
                Ok((tables, all_audit_rows(tx)?))
            })
        })?;
        let (ids, codes) = (tables[0].texts("id")?, tables[0].texts("join_code")?);
        let workshops = ids
            .iter()
            .map(|id| Uuid::parse_str(id).map_err(|e| StoreError::Corrupt(format!("workshops.id: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let [cards, pairs, events] = [1, 2, 3].map(|t| tables[t].rows.len());
        let report = CopyReport { workshops, cards, pairs, events, audit_rows: audit.len() };
        let refused = target.write(move |tx| {
            let codes: HashMap<String, String> = codes.into_iter().zip(ids.iter().cloned()).collect();
            let ids: HashSet<String> = ids.into_iter().collect();
            let mut here = Vec::new();
            for row in tx.rows("SELECT id, join_code FROM workshops", args![])? {
                let (id, code) = (row.text("id")?, row.text("join_code")?);
                if ids.contains(&id) {
                    here.push(id);
                } else if let Some(source_id) = codes.get(&code) {
                    let source_id = source_id.clone();
                    return Ok(Some(CopyError::JoinCodeTaken { code, source_id, target_id: id }));
                }
            }
            if !here.is_empty() {
                here.sort();
                return Ok(Some(CopyError::AlreadyThere { ids: here, total: ids.len() }));
            }
            for (table, rows) in TABLES.iter().zip(tables) {
                insert_rows(tx, table, rows)?;
            }
            append_audit_rows(tx, &audit)?;
            Ok(None)
        });
        let refused = refused.map_err(CopyError::Write)?;
        match refused {
            Some(refusal) => Err(refusal),
            None => Ok(report),
        }
    }

    /// Checks that each of `workshops` reads back from `target` as from this database: the
    /// same rows in every table (hashes included) and the same export snapshot. Returns how
    /// many were compared; the first that differs is [`CopyError::Differs`].
    pub fn verify_copy(&self, target: &Store, workshops: &[Uuid]) -> Result<usize, CopyError> {
        for &id in workshops {
            let mine = self.read(|db| workshop_rows(db, id))?;
            let theirs = target.read(|db| workshop_rows(db, id))?;
            for ((table, mine), theirs) in TABLES.iter().zip(&mine).zip(&theirs) {
                if mine != theirs {
                    let (name, here, there) = (table.name, mine.rows.len(), theirs.rows.len());
                    let what = format!("its rows of {name}: {here} in the source, {there} in the target");
                    return Err(CopyError::Differs { id, what });
                }
            }
            let snapshot = self.export_snapshot(id)?;
            if snapshot.is_none() || target.export_snapshot(id)? != snapshot {
                return Err(CopyError::Differs { id, what: "its export".into() });
            }
        }
        Ok(workshops.len())
    }
}

/// `server copy-database`: opens the SQLite file `from` (which must exist; a file of an
/// earlier version is upgraded in place first, as the server would) and the database `to`
/// (creating its schema), copies every workshop ([`Store::copy_into`]) and verifies each
/// ([`Store::verify_copy`]). Synchronous: call it off the async runtime (the PostgreSQL
/// client blocks on a runtime of its own).
pub fn copy_database(from: &Location, to: &Location) -> Result<CopyReport, CopyError> {
    if from == to {
        return Err(CopyError::SameDatabase(from.describe()));
    }
    if let Location::File(path) = from
        && !path.is_file()
    {
        return Err(CopyError::NoSource(path.clone()));
    }
    let open = |role, location: &Location| {
        Store::open_at(location).map_err(|error| CopyError::Open { role, location: location.describe(), error })
    };
    let source = open("source", from)?;
    let target = open("target", to)?;
    let report = source.copy_into(&target)?;
    source.verify_copy(&target, &report.workshops)?;
    Ok(report)
}

#[cfg(test)]
mod tests;
