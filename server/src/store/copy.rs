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

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use thiserror::Error;
use uuid::Uuid;

use super::sql::{Row, Sql, Value, args, in_snapshot};
use super::{Location, Store, StoreError};

/// How a column's values are read: the schema's two types.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// TEXT (uuids, JSON, labels, hashes).
    Text,
    /// BIGINT or INTEGER.
    Int,
}

/// One table of the schema, with every column it has (`schema.sql`).
struct Table {
    name: &'static str,
    /// The column naming the workshop a row belongs to.
    workshop_column: &'static str,
    columns: &'static [(&'static str, Kind)],
    /// How many leading columns identify a row (rows are compared in their order).
    key: usize,
}

/// Every table with workshop data, parents first (the order rows are inserted in).
const TABLES: [Table; 4] = [
    Table {
        name: "workshops",
        workshop_column: "id",
        columns: &[
            ("id", Kind::Text),
            ("title", Kind::Text),
            ("site", Kind::Text),
            ("question", Kind::Text),
            ("left_pole", Kind::Text),
            ("right_pole", Kind::Text),
            ("join_code", Kind::Text),
            ("facilitator_secret_hash", Kind::Text),
            ("created_at", Kind::Int),
            ("template_id", Kind::Text),
        ],
        key: 1,
    },
    Table {
        name: "cards",
        workshop_column: "workshop_id",
        columns: &[
            ("id", Kind::Text),
            ("workshop_id", Kind::Text),
            ("text", Kind::Text),
            ("ord", Kind::Int),
            ("created_at", Kind::Int),
            ("template_aspect_id", Kind::Text),
        ],
        key: 1,
    },
    Table {
        name: "pairs",
        workshop_column: "workshop_id",
        columns: &[
            ("id", Kind::Text),
            ("workshop_id", Kind::Text),
            ("label", Kind::Text),
            ("token_hash", Kind::Text),
            ("joined_at", Kind::Int),
            ("join_seq", Kind::Int),
        ],
        key: 1,
    },
    Table {
        name: "events",
        workshop_column: "workshop_id",
        columns: &[
            ("workshop_id", Kind::Text),
            ("seq", Kind::Int),
            ("at", Kind::Int),
            ("actor", Kind::Text),
            ("actor_label", Kind::Text),
            ("action", Kind::Text),
            ("card_id", Kind::Text),
            ("pair_id", Kind::Text),
            ("before_json", Kind::Text),
            ("after_json", Kind::Text),
            ("change_id", Kind::Text),
            ("payload_json", Kind::Text),
        ],
        key: 2,
    },
];

/// Rows inserted by one statement: few statements for a long event log, far below either
/// database's limit on parameters (12 columns × 100).
const ROWS_PER_INSERT: usize = 100;

/// The rows of one table, each its columns' values in [`Table::columns`] order.
type Rows = Vec<Vec<Value>>;

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

/// `row`'s values, read as `table`'s columns are typed.
fn values(table: &Table, row: &Row) -> Result<Vec<Value>, StoreError> {
    table
        .columns
        .iter()
        .map(|(column, kind)| {
            let value = match kind {
                Kind::Text => row.opt_text(column).map(|v| v.map_or(Value::Null, Value::Text)),
                Kind::Int => row.opt_int(column).map(|v| v.map_or(Value::Null, Value::Int)),
            };
            value.map_err(|e| match e {
                StoreError::Corrupt(why) => StoreError::Corrupt(format!("{}.{column}: {why}", table.name)),
                other => other,
            })
        })
        .collect()
}

/// Every row of `table`, or only those of workshop `workshop`, in key order (sorted here:
/// the two databases order text differently).
fn read_table(db: &mut dyn Sql, table: &Table, workshop: Option<Uuid>) -> Result<Rows, StoreError> {
    let columns = table.columns.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
    let rows = match workshop {
        None => db.rows(&format!("SELECT {columns} FROM {}", table.name), args![])?,
        Some(id) => {
            db.rows(&format!("SELECT {columns} FROM {} WHERE {} = ?1", table.name, table.workshop_column), args![id])?
        }
    };
    let mut rows = rows.iter().map(|row| values(table, row)).collect::<Result<Rows, _>>()?;
    rows.sort_by(|a, b| {
        a[..table.key]
            .iter()
            .zip(&b[..table.key])
            .map(|(a, b)| compare(a, b))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    Ok(rows)
}

/// The four tables' rows of workshop `id`, in [`TABLES`] order, read in one snapshot.
fn workshop_rows(db: &mut dyn Sql, id: Uuid) -> Result<Vec<Rows>, StoreError> {
    in_snapshot(db, |tx| TABLES.iter().map(|table| read_table(tx, table, Some(id))).collect())
}

/// Inserts `rows` into `table`, [`ROWS_PER_INSERT`] a statement.
fn insert_rows(tx: &mut dyn Sql, table: &Table, rows: Rows) -> Result<(), StoreError> {
    let width = table.columns.len();
    let columns = table.columns.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ");
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let groups = (0..chunk.len())
            .map(|r| {
                let placeholders = (1..=width).map(|c| format!("?{}", r * width + c)).collect::<Vec<_>>();
                format!("({})", placeholders.join(", "))
            })
            .collect::<Vec<_>>();
        let sql = format!("INSERT INTO {} ({columns}) VALUES {}", table.name, groups.join(", "));
        let params = chunk.iter().flatten().cloned().collect::<Vec<_>>();
        let inserted = tx.exec(&sql, &params)?;
        if inserted != chunk.len() {
            return Err(StoreError::Corrupt(format!("{}: {inserted} of {} rows inserted", table.name, chunk.len())));
        }
    }
    Ok(())
}

/// Text column `idx` of a row read by [`read_table`].
fn text_at(row: &[Value], idx: usize) -> String {
    match row.get(idx) {
        Some(Value::Text(text)) => text.clone(),
        _ => String::new(),
    }
}

impl Store {
    /// Copies every workshop of this database into `target` with all its rows exactly as
    /// stored (see the module documentation), in one transaction of `target`'s. Refused,
    /// with nothing written, when `target` already holds one of these workshops or another
    /// workshop with one of their join codes; its other workshops are left as they are.
    pub fn copy_into(&self, target: &Store) -> Result<CopyReport, CopyError> {
        let tables = self.read(|db| {
            in_snapshot(db, |tx| TABLES.iter().map(|table| read_table(tx, table, None)).collect::<Result<Vec<_>, _>>())
        })?;
        let workshops = tables[0]
            .iter()
            .map(|row| Uuid::parse_str(&text_at(row, 0)).map_err(|e| StoreError::Corrupt(format!("workshops.id: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let report = CopyReport { workshops, cards: tables[1].len(), pairs: tables[2].len(), events: tables[3].len() };
        let refused = target.write(move |tx| {
            let ids: HashSet<String> = tables[0].iter().map(|row| text_at(row, 0)).collect();
            let codes: HashMap<String, String> =
                tables[0].iter().map(|row| (text_at(row, 6), text_at(row, 0))).collect();
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
                    let (name, here, there) = (table.name, mine.len(), theirs.len());
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
mod tests {
    //! Copying a SQLite file into a new database: SQLite, or with `DS_TEST_BACKEND=postgres`
    //! a new database of the test PostgreSQL server.

    use app::domain::Event;

    use super::*;
    use crate::store::NewWorkshopRecord;
    use crate::store::event_log::{Actor, NewEvent};
    use crate::store::sql::{Backend, test_backend, test_postgres_database};

    fn record(title: &str, aspects: &[&str]) -> NewWorkshopRecord {
        NewWorkshopRecord {
            title: title.into(),
            site: "Site ŵ".into(),
            question: "Q?".into(),
            left_pole: "Fixed".into(),
            right_pole: "Flexible".into(),
            aspects: aspects.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// A SQLite file with two workshops: one with two pairs, placements and a note, one new.
    fn source(dir: &tempfile::TempDir) -> (Location, Vec<Uuid>) {
        let path = dir.path().join("source.sqlite3");
        let store = Store::open(&path).unwrap();
        let busy = store.create_workshop(&record("Busy", &["One", "Two ŵ", "Three"]), "secret-1", 1_000).unwrap();
        store.create_workshop(&record("New", &["Only"]), "secret-2", 2_000).unwrap();
        let (_, a) = store.join_pair(busy.id, "Pair A", "token-a", 3_000).unwrap();
        store.join_pair(busy.id, "Pâr B", "token-b", 3_001).unwrap();
        let room = store.load_room(busy.id).unwrap().unwrap();
        let cards: Vec<Uuid> = room.view.cards.iter().map(|c| c.id).collect();
        let mut view = room.view;
        for (n, (card, position)) in [(cards[0], 10.0), (cards[1], 55.5), (cards[0], 20.25)].into_iter().enumerate() {
            let at = 4_000 + n as i64;
            let event = Event::Placed { pair_id: a.id, card_id: card, round: 1, position: Some(position), at };
            let new = NewEvent::decided(&view, Actor::Pair(a.clone()), Uuid::new_v4(), event.clone());
            let seq = match store.append(busy.id, &new, at).unwrap() {
                crate::store::ChangeOutcome::Committed { seq } => seq,
                other => panic!("{other:?}"),
            };
            view.apply(seq, &event);
        }
        let ids = store.list_workshops().unwrap().into_iter().map(|w| w.id).collect();
        (Location::File(path), ids)
    }

    fn target(dir: &tempfile::TempDir) -> Location {
        match test_backend() {
            Backend::Sqlite => Location::File(dir.path().join("target").join("target.sqlite3")),
            Backend::Postgres => Location::Postgres(test_postgres_database()),
        }
    }

    /// Every row of every table, in key order.
    fn everything(store: &Store) -> Vec<Rows> {
        store.read(|db| TABLES.iter().map(|t| read_table(db, t, None)).collect::<Result<Vec<_>, _>>()).unwrap()
    }

    #[test]
    fn a_copy_has_every_row_with_every_column_and_logs_in_with_the_same_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let (from, ids) = source(&dir);
        let to = target(&dir);
        let report = copy_database(&from, &to).unwrap();
        let mut copied = report.workshops.clone();
        copied.sort();
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(copied, expected);
        assert_eq!((report.cards, report.pairs, report.events), (4, 2, 2 + 2 + 3));

        let source = Store::open_at(&from).unwrap();
        let target = Store::open_at(&to).unwrap();
        assert_eq!(everything(&target), everything(&source), "the same rows, hashes and all");
        assert_eq!(source.verify_copy(&target, &ids).unwrap(), 2);
        let busy = source.list_workshops().unwrap().into_iter().find(|w| w.title == "Busy").unwrap();
        assert_eq!(target.workshop_by_secret_hash("secret-1").unwrap().map(|w| w.id), Some(busy.id));
        let code = source.export_snapshot(busy.id).unwrap().unwrap().workshop.join_code;
        assert_eq!(target.workshop_by_code(&code).unwrap().map(|w| w.id), Some(busy.id));
        let room = target.load_room(busy.id).unwrap().unwrap();
        assert_eq!(room.view.seq, 6, "the copy goes on where the source stopped");
        let pairs = target.pairs_by_token_hash(busy.id, &room.view).unwrap();
        assert_eq!(pairs.get("token-a").map(|p| p.label.as_str()), Some("Pair A"), "a pair's token still signs it in");
    }

    #[test]
    fn a_second_copy_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (from, _) = source(&dir);
        let to = target(&dir);
        copy_database(&from, &to).unwrap();
        let before = everything(&Store::open_at(&to).unwrap());
        let error = copy_database(&from, &to).unwrap_err();
        assert!(matches!(&error, CopyError::AlreadyThere { ids, total: 2 } if ids.len() == 2), "{error}");
        assert!(error.to_string().contains("nothing was copied"), "{error}");
        assert_eq!(everything(&Store::open_at(&to).unwrap()), before);
    }

    #[test]
    fn a_copy_beside_other_workshops_keeps_them_but_not_a_clashing_join_code() {
        let dir = tempfile::tempdir().unwrap();
        let (from, _) = source(&dir);
        let to = target(&dir);
        let target = Store::open_at(&to).unwrap();
        let other = target.create_workshop(&record("Already there", &["X"]), "secret-x", 500).unwrap();
        let source = Store::open_at(&from).unwrap();
        assert_eq!(source.copy_into(&target).unwrap().workshops.len(), 2);
        assert_eq!(target.list_workshops().unwrap().len(), 3, "the target's own workshop is kept");

        // A workshop of a third database that happens to have the join code of one here.
        let third_dir = tempfile::tempdir().unwrap();
        let third = Store::open(&third_dir.path().join("third.sqlite3")).unwrap();
        third.create_workshop(&record("Elsewhere", &["Y"]), "secret-y", 600).unwrap();
        let code = other.join_code.clone();
        third.write(move |tx| tx.exec("UPDATE workshops SET join_code = ?1", args![code])).unwrap();
        let before = everything(&target);
        let error = third.copy_into(&target).unwrap_err();
        assert!(matches!(&error, CopyError::JoinCodeTaken { code, .. } if *code == other.join_code), "{error}");
        assert_eq!(everything(&target), before, "nothing written");
    }

    #[test]
    fn copying_from_a_missing_file_is_refused_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere").join("db.sqlite3");
        let to = Location::File(dir.path().join("target.sqlite3"));
        let error = copy_database(&Location::File(missing.clone()), &to).unwrap_err();
        assert!(matches!(&error, CopyError::NoSource(path) if *path == missing), "{error}");
        assert!(error.to_string().contains("no database file"), "{error}");
        assert!(
            !missing.exists() && !dir.path().join("nowhere").exists() && !dir.path().join("target.sqlite3").exists()
        );
        let same = copy_database(&to, &to).unwrap_err();
        assert!(matches!(same, CopyError::SameDatabase(_)), "{same}");
    }
}
