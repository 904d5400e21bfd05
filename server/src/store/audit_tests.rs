//! The audit log and retention in the store, on a real SQLite file or (with
//! `DS_TEST_BACKEND=postgres`) a new PostgreSQL database.

use uuid::Uuid;

use super::sql::{Backend, args};
use super::*;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = match sql::test_backend() {
        Backend::Sqlite => Store::open(&dir.path().join("db.sqlite3")).unwrap(),
        Backend::Postgres => Store::open_postgres(&sql::test_postgres_database()).unwrap(),
    };
    (dir, store)
}

/// A second store on the same database, as another instance (or a second process) has.
fn again(store: &Store) -> Store {
    Store::open_at(store.location()).unwrap()
}

fn workshop(store: &Store, title: &str) -> Uuid {
    let new = NewWorkshopRecord {
        title: title.into(),
        site: "S".into(),
        question: "Q".into(),
        left_pole: "L".into(),
        right_pole: "R".into(),
        aspects: vec!["A".into()],
    };
    store.create_workshop(&new, &format!("hash-{title}"), 1_000).unwrap().id
}

fn download(workshop: Uuid) -> AuditEntry {
    AuditEntry {
        client: Some("198.51.100.0/24".into()),
        ..AuditEntry::new(AuditActor::Researcher, "download", Some(workshop), "export.zip")
    }
}

#[test]
fn the_database_itself_refuses_to_change_or_delete_an_audit_row() {
    let (_dir, store) = open();
    let id = workshop(&store, "W");
    store.record_audit(download(id), 5_000).unwrap();
    let attempts = [
        "UPDATE audit_log SET detail = 'nothing happened'",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET workshop_id = NULL WHERE action = 'download'",
    ];
    for sql in attempts {
        let refused = store.write(move |tx| tx.exec(sql, args![])).unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{sql}: {refused}");
    }
    if store.backend() == Backend::Postgres {
        let refused = store.write(|tx| tx.batch("TRUNCATE audit_log")).unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{refused}");
    }
    let (rows, total) = store.audit_log(None, 10).unwrap();
    assert_eq!(total, 1);
    assert_eq!((rows[0].at, rows[0].entry.clone()), (5_000, download(id)), "unchanged");
}

#[test]
fn deleting_a_workshop_adds_a_row_and_keeps_its_earlier_rows() {
    let (_dir, store) = open();
    let (id, other) = (workshop(&store, "W"), workshop(&store, "Other"));
    store.record_audit(download(id), 5_000).unwrap();
    store.record_audit(download(other), 5_001).unwrap();
    let delete = AuditEntry::new(AuditActor::Facilitator, "delete", Some(id), "deleted with all its data");
    assert!(store.delete_workshop_recorded(id, delete.clone(), 6_000).unwrap());
    assert!(!store.delete_workshop_recorded(id, delete.clone(), 7_000).unwrap(), "gone already");
    let (rows, total) = store.audit_log(Some(id), 10).unwrap();
    assert_eq!(total, 2, "the download and one deletion (the second found nothing and recorded nothing)");
    assert_eq!(
        rows.iter().map(|r| r.entry.action.as_str()).collect::<Vec<_>>(),
        ["delete", "download"],
        "newest first"
    );
    assert!(rows[0].id > rows[1].id);
    assert_eq!(store.audit_log(None, 10).unwrap().1, 3);
    let (capped, total) = store.audit_log(None, 2).unwrap();
    assert_eq!((capped.len(), total), (2, 3), "capped, with the total said");
}

#[test]
fn due_workshops_are_those_whose_day_has_come_and_a_day_travels_with_the_snapshot() {
    let (_dir, store) = open();
    let (past, today, later, none) =
        (workshop(&store, "Past"), workshop(&store, "Today"), workshop(&store, "Later"), workshop(&store, "None"));
    let set = |id, day: &str| {
        let audit = AuditEntry::new(AuditActor::Researcher, "retention_set", Some(id), day);
        assert!(store.set_delete_after(id, Some(day.to_string()), audit, 2_000).unwrap());
    };
    set(past, "2026-11-01");
    set(today, "2026-11-23");
    set(later, "2026-11-24");
    let due = store.due_for_deletion("2026-11-23").unwrap();
    assert_eq!(due, [(past, "2026-11-01".to_string()), (today, "2026-11-23".to_string())]);
    assert_eq!(store.delete_after(none).unwrap(), Some(None));
    assert_eq!(store.delete_after(Uuid::new_v4()).unwrap(), None);
    let snapshot = store.export_snapshot(later).unwrap().unwrap();
    assert_eq!(snapshot.delete_after.as_deref(), Some("2026-11-24"));
    let listed = store.list_workshops().unwrap();
    assert_eq!(listed.iter().find(|w| w.id == later).unwrap().delete_after.as_deref(), Some("2026-11-24"));
    let audit = AuditEntry::new(AuditActor::Researcher, "retention_set", Some(none), "");
    assert!(!store.set_delete_after(Uuid::new_v4(), Some("2027-01-01".into()), audit, 2_000).unwrap());
    assert_eq!(store.audit_log(None, 10).unwrap().1, 3, "only the three that changed a workshop");
}

#[test]
fn two_instances_deleting_the_same_workshops_at_once_delete_each_once() {
    let (_dir, store) = open();
    let ids: Vec<Uuid> = (0..6).map(|n| workshop(&store, &format!("W{n}"))).collect();
    let other = again(&store);
    let results: Vec<Vec<bool>> = std::thread::scope(|scope| {
        let handles: Vec<_> = [&store, &other]
            .into_iter()
            .map(|s| {
                let ids = ids.clone();
                scope.spawn(move || {
                    ids.iter()
                        .map(|&id| {
                            let audit = AuditEntry::new(AuditActor::System, "retention_delete", Some(id), "due");
                            s.delete_workshop_recorded(id, audit, 9_000).unwrap()
                        })
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (n, id) in ids.iter().enumerate() {
        assert!(results[0][n] ^ results[1][n], "exactly one deleted workshop {n}: {results:?}");
        let (rows, total) = store.audit_log(Some(*id), 10).unwrap();
        assert_eq!((total, rows[0].entry.action.as_str()), (1, "retention_delete"));
    }
    assert!(store.list_workshops().unwrap().is_empty());
}
