//! Bringing a database file up to this server's schema. `schema.sql` is the whole current
//! schema, which a new file gets at once; a file written by an earlier version is upgraded in
//! place, one [`MIGRATIONS`] step per version it lacks, in one transaction with the new
//! `PRAGMA user_version`, so a crash half-way leaves the file as it was. Every step keeps the
//! data: columns are added, never dropped or rewritten. A file from a later version is refused
//! rather than written with a schema it does not have.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::StoreError;
use super::sql::{Pg, Sql, args};

/// The current schema, applied to a new file (and idempotently after any upgrade).
const SCHEMA: &str = include_str!("schema.sql");
/// Schema version recorded in `PRAGMA user_version`: the number of the last migration.
pub const SCHEMA_VERSION: i64 = 3;

/// The changes from each earlier version: `(version it makes, SQL)`, oldest first. A file at
/// version `v` gets every step numbered above `v`. (Version 2 only stopped using version 1's
/// placements table, which the event log replaced, so it needs no step: a version 1 file gets
/// the same steps as a version 2 one.)
const MIGRATIONS: &[(i64, &str)] = &[(
    3,
    // Templates: the exercise a workshop was made from, and each aspect's template aspect.
    "ALTER TABLE workshops ADD COLUMN template_id TEXT;
     ALTER TABLE cards ADD COLUMN template_aspect_id TEXT;",
)];

/// The one line of `schema.sql` PostgreSQL cannot run: it has no `NOCASE` collation, so
/// [`POSTGRES_EXTRA`] makes the same rule a unique index on `lower(label)`. (The server
/// compares labels itself, Unicode-aware, before it inserts; this is the backstop.)
const NOCASE_LABELS: &str = ",\n    UNIQUE (workshop_id, label COLLATE NOCASE)";

/// What PostgreSQL has besides `schema.sql`: the label rule, and presence shared by the
/// instances on one database (which pairs have a screen connected to which instance, and
/// which instances are alive: an instance is its listening connection, so when its process
/// dies PostgreSQL ends that connection and its presence no longer counts).
const POSTGRES_EXTRA: &str = "
CREATE UNIQUE INDEX IF NOT EXISTS pairs_label ON pairs (workshop_id, lower(label));
CREATE TABLE IF NOT EXISTS instances (
    id            TEXT PRIMARY KEY,
    backend_pid   BIGINT NOT NULL,
    backend_start TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS presence (
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    pair_id     TEXT NOT NULL,
    PRIMARY KEY (workshop_id, pair_id, instance_id)
);
";

/// The PostgreSQL schema: `schema.sql` without its one SQLite-only line, and
/// [`POSTGRES_EXTRA`].
pub(super) fn postgres_schema() -> String {
    debug_assert!(SCHEMA.contains(NOCASE_LABELS), "schema.sql's label rule changed: update NOCASE_LABELS");
    format!("{}{POSTGRES_EXTRA}", SCHEMA.replace(NOCASE_LABELS, ""))
}

/// The changes from each earlier version on PostgreSQL, like [`MIGRATIONS`]. PostgreSQL
/// support began at version 3, so there are none yet.
const POSTGRES_MIGRATIONS: &[(i64, &str)] = &[];

/// Any number, the same on every instance: the advisory lock instances take turns with when
/// they create or upgrade the schema.
const SCHEMA_LOCK: i64 = 0x0d15_c4e7;

/// Brings the PostgreSQL database behind `db` to [`SCHEMA_VERSION`] (the version is the one
/// row of `ds_schema`), in one transaction holding an advisory lock, so instances starting
/// together do it once. A database from a later version is refused.
pub fn upgrade_postgres(db: &mut Pg) -> Result<Upgrade, StoreError> {
    db.batch("BEGIN")?;
    let result = upgrade_postgres_in_transaction(db);
    let end = db.batch(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let outcome = result?;
    end?;
    Ok(outcome)
}

fn upgrade_postgres_in_transaction(db: &mut Pg) -> Result<Upgrade, StoreError> {
    // `CREATE … IF NOT EXISTS` on an existing schema would log a notice per table.
    db.batch("SET LOCAL client_min_messages = warning")?;
    db.row("SELECT pg_advisory_xact_lock(?1)", args![SCHEMA_LOCK])?;
    db.batch("CREATE TABLE IF NOT EXISTS ds_schema (version BIGINT NOT NULL)")?;
    let found = db.row("SELECT version FROM ds_schema", args![])?.map(|r| r.int("version")).transpose()?;
    let outcome = match found {
        Some(found) if found > SCHEMA_VERSION => {
            return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
        }
        Some(found) if found == SCHEMA_VERSION => Upgrade::Current,
        Some(found) => {
            for (_, sql) in POSTGRES_MIGRATIONS.iter().filter(|(to, _)| *to > found) {
                db.batch(sql)?;
            }
            Upgrade::From(found)
        }
        None => Upgrade::Created,
    };
    db.batch(&postgres_schema())?;
    db.exec("DELETE FROM ds_schema", args![])?;
    db.exec("INSERT INTO ds_schema (version) VALUES (?1)", args![SCHEMA_VERSION])?;
    Ok(outcome)
}

/// What [`upgrade`] found and did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upgrade {
    /// A new file: the schema was created.
    Created,
    /// Already at [`SCHEMA_VERSION`].
    Current,
    /// Upgraded from this version.
    From(i64),
}

/// Brings the file behind `conn` to [`SCHEMA_VERSION`] (see the module documentation). Takes
/// the write lock first, so two servers opening one file do not both upgrade it.
pub fn upgrade(conn: &mut Connection) -> Result<Upgrade, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    let has_tables = tx
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workshops'", [], |_| Ok(()))
        .optional()?
        .is_some();
    let outcome = match (has_tables, found) {
        (false, _) => Upgrade::Created,
        (true, v) if v == SCHEMA_VERSION => Upgrade::Current,
        (true, v) => {
            for (_, sql) in MIGRATIONS.iter().filter(|(to, _)| *to > v) {
                tx.execute_batch(sql)?;
            }
            Upgrade::From(v)
        }
    };
    tx.execute_batch(SCHEMA)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    //! Upgrading real files: one written with the version 2 schema (as the server before
    //! templates wrote it), a new one, and one from a later version.

    use super::*;
    use crate::store::Store;

    /// `schema.sql` as it was at version 2, before templates.
    const SCHEMA_V2: &str = r#"
CREATE TABLE IF NOT EXISTS workshops (
    id                      TEXT PRIMARY KEY,
    title                   TEXT NOT NULL,
    site                    TEXT NOT NULL,
    question                TEXT NOT NULL,
    left_pole               TEXT NOT NULL,
    right_pole              TEXT NOT NULL,
    join_code               TEXT NOT NULL UNIQUE,
    facilitator_secret_hash TEXT NOT NULL UNIQUE,
    created_at              BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS cards (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS cards_by_workshop ON cards(workshop_id, ord);
CREATE TABLE IF NOT EXISTS pairs (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    joined_at   BIGINT NOT NULL,
    join_seq    BIGINT NOT NULL,
    UNIQUE (workshop_id, label COLLATE NOCASE)
);
CREATE TABLE IF NOT EXISTS events (
    workshop_id  TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    seq          BIGINT NOT NULL,
    at           BIGINT NOT NULL,
    actor        TEXT NOT NULL,
    actor_label  TEXT NOT NULL,
    action       TEXT NOT NULL,
    card_id      TEXT,
    pair_id      TEXT,
    before_json  TEXT,
    after_json   TEXT,
    change_id    TEXT,
    payload_json TEXT,
    PRIMARY KEY (workshop_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS events_change_id
    ON events(workshop_id, change_id) WHERE change_id IS NOT NULL;
"#;

    fn user_version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_version_2_file_is_upgraded_in_place_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(SCHEMA_V2).unwrap();
            old.execute_batch(
                "INSERT INTO workshops VALUES ('00000000-0000-0000-0000-000000000001', 'Old meeting', 'Site 1',
                     'Q?', 'Fixed', 'Flexible', 'ABCDEF', 'secret-hash', 1000);
                 INSERT INTO cards VALUES ('00000000-0000-0000-0000-000000000011',
                     '00000000-0000-0000-0000-000000000001', 'Holding patients', 0, 1000);
                 INSERT INTO events (workshop_id, seq, at, actor, actor_label, action, after_json)
                 VALUES ('00000000-0000-0000-0000-000000000001', 1, 1000, 'facilitator', 'Facilitator',
                     'workshop_created', '{\"title\":\"Old meeting\"}');
                 PRAGMA user_version = 2;",
            )
            .unwrap();
        }
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(upgrade(&mut conn).unwrap(), Upgrade::From(2));
        assert_eq!(user_version(&conn), SCHEMA_VERSION);
        assert_eq!(upgrade(&mut conn).unwrap(), Upgrade::Current, "a second open changes nothing");
        drop(conn);

        let store = Store::open(&path).unwrap();
        let id = uuid::Uuid::from_u128(1);
        let room = store.load_room(id).unwrap().expect("the old workshop is still there");
        assert_eq!((room.view.workshop.title.as_str(), room.view.workshop.template_id), ("Old meeting", None));
        assert_eq!(room.view.cards.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Holding patients"]);
        assert_eq!(store.workshop_by_secret_hash("secret-hash").unwrap().map(|w| w.id), Some(id));
        let snapshot = store.export_snapshot(id).unwrap().unwrap();
        assert_eq!(snapshot.events.len(), 1);
        assert!(snapshot.template_aspect_ids().is_empty());
        // The new columns work on the upgraded file.
        assert_eq!(store.assign_template_ids(vec![id]).unwrap(), 1);
        let snapshot = store.export_snapshot(id).unwrap().unwrap();
        assert!(snapshot.workshop.template_id.is_some());
        assert_eq!(snapshot.template_aspect_ids().len(), 1);
    }

    #[test]
    fn a_new_file_gets_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("new.sqlite3")).unwrap();
        assert_eq!(upgrade(&mut conn).unwrap(), Upgrade::Created);
        assert_eq!(user_version(&conn), SCHEMA_VERSION);
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('cards')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(columns.contains(&"template_aspect_id".to_string()), "{columns:?}");
    }

    #[test]
    fn a_file_from_a_later_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("later.sqlite3");
        Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 99;").unwrap();
        let error = Store::open(&path).err().expect("refused");
        assert!(matches!(error, StoreError::NewerSchema { found: 99, supported: SCHEMA_VERSION }), "{error}");
        assert!(error.to_string().contains("newer version"), "{error}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn), 99);
        let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0, "nothing was created in it");
    }
}
