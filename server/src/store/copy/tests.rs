//! Copying a SQLite file into a new database: SQLite, or with `DS_TEST_BACKEND=postgres`
//! a new database of the test PostgreSQL server.

use app::domain::Event;

use super::tables::{COPIED_APART, NOT_COPIED};
use super::*;
use crate::store::event_log::{Actor, NewEvent};
use crate::store::sql::{Backend, test_backend, test_postgres_database};
use crate::store::{AuditActor, AuditEntry, NewWorkshopRecord};

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
    let download = AuditEntry {
        client: Some("198.51.100.0/24".into()),
        ..AuditEntry::new(AuditActor::Researcher, "download", Some(busy.id), "export.zip")
    };
    store.record_audit(download, 1_500).unwrap();
    store.record_audit(AuditEntry::new(AuditActor::Researcher, "sign_in", None, ""), 1_600).unwrap();
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

/// Every row of every table, in key order, with the columns the database has.
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
    assert_eq!(report.audit_rows, 2, "the audit log goes with the data");

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
    let (log, total) = target.audit_log(None, 10).unwrap();
    assert_eq!(total, 2);
    let copied: Vec<_> = log.iter().map(|row| (row.at, row.entry.clone())).collect();
    let (original, _) = source.audit_log(None, 10).unwrap();
    assert_eq!(copied, original.iter().map(|row| (row.at, row.entry.clone())).collect::<Vec<_>>());
    assert_eq!(log[1].entry.client.as_deref(), Some("198.51.100.0/24"));
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
    assert!(!missing.exists() && !dir.path().join("nowhere").exists() && !dir.path().join("target.sqlite3").exists());
    let same = copy_database(&to, &to).unwrap_err();
    assert!(matches!(same, CopyError::SameDatabase(_)), "{same}");
}

/// The tables of `store`'s database, as the database itself lists them.
fn tables_in(store: &Store) -> HashSet<String> {
    let sql = match store.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        }
    };
    let rows = store.read(|db| db.rows(sql, args![])).unwrap();
    rows.iter().map(|row| row.text("name").unwrap()).collect()
}

#[test]
fn every_table_of_the_schema_is_copied_or_said_not_to_be() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_at(&target(&dir)).unwrap();
    let copied: HashSet<String> = TABLES.iter().map(|t| t.name.to_string()).collect();
    let mut left: Vec<String> = tables_in(&store).difference(&copied).cloned().collect();
    left.retain(|table| !NOT_COPIED.iter().chain(&COPIED_APART).any(|(name, _)| name == table));
    assert!(left.is_empty(), "tables copy-database neither copies nor names in NOT_COPIED: {left:?}");
    // Every column the schema gives a table (read from the database itself) is copied.
    for table in &TABLES {
        let declared: Vec<String> =
            store.read(|db| db.columns(table.name)).unwrap().into_iter().map(|c| c.name).collect();
        assert!(!declared.is_empty(), "{}", table.name);
        assert_eq!(store.read(|db| read_table(db, table, None)).unwrap().columns, declared, "{}", table.name);
    }
}

#[test]
fn a_column_added_to_the_schema_is_copied_without_naming_it_here() {
    let dir = tempfile::tempdir().unwrap();
    let (from, _) = source(&dir);
    let to = target(&dir);
    let (source, target) = (Store::open_at(&from).unwrap(), Store::open_at(&to).unwrap());
    for store in [&source, &target] {
        store.write(|tx| tx.batch("ALTER TABLE cards ADD COLUMN colour TEXT")).unwrap();
    }
    source.write(|tx| tx.exec("UPDATE cards SET colour = 'teal' WHERE ord = 1", args![])).unwrap();
    source.copy_into(&target).unwrap();
    let colours = target.read(|db| db.rows("SELECT colour FROM cards WHERE colour IS NOT NULL", args![])).unwrap();
    assert_eq!(colours.iter().map(|r| r.text("colour").unwrap()).collect::<Vec<_>>(), ["teal"]);
    assert_eq!(everything(&target), everything(&source));
}
