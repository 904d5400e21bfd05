//! Bringing a database up to this server's schema ([`super::schema`]): a new database gets
//! every step of [`MIGRATIONS`](super::schema::MIGRATIONS), one written by an earlier version the steps numbered above
//! its version, in one transaction with the new version, so a crash half-way leaves it as it
//! was. Instances starting together take turns. A database from a later version is refused
//! rather than written with a schema it does not have.

use super::error::StoreError;
use super::schema::{SCHEMA_VERSION, statements};
use super::sql::{Backend, Sql, args, in_transaction};

/// Any number, the same on every instance: the advisory lock PostgreSQL instances take turns
/// with when they create or upgrade the schema.
const SCHEMA_LOCK: i64 = 0x0d15_c4e7;

/// What [`upgrade`] found and did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upgrade {
    /// A new database: the schema was created.
    Created,
    /// Already at [`SCHEMA_VERSION`].
    Current,
    /// Upgraded from this version.
    From(i64),
}

/// The version a database records, and whether it has a schema at all (a new one has none).
struct Found {
    version: i64,
    has_schema: bool,
}

/// Reads the recorded version, inside the upgrading transaction: on SQLite `PRAGMA
/// user_version` (the transaction already holds the write lock, so two servers opening one
/// file do not both upgrade it); on PostgreSQL the one row of `ds_schema`, after taking
/// [`SCHEMA_LOCK`].
fn found(db: &mut dyn Sql) -> Result<Found, StoreError> {
    match db.backend() {
        Backend::Sqlite => {
            let version = db.row("PRAGMA user_version", args![])?.map(|r| r.int("user_version")).transpose()?;
            let workshops = "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'workshops'";
            let has_schema = db.row(workshops, args![])?.is_some();
            Ok(Found { version: version.unwrap_or_default(), has_schema })
        }
        Backend::Postgres => {
            // `CREATE … IF NOT EXISTS` on an existing schema would log a notice per table.
            db.batch("SET LOCAL client_min_messages = warning")?;
            db.row("SELECT pg_advisory_xact_lock(?1)", args![SCHEMA_LOCK])?;
            db.batch("CREATE TABLE IF NOT EXISTS ds_schema (version BIGINT NOT NULL)")?;
            let version = db.row("SELECT version FROM ds_schema", args![])?.map(|r| r.int("version")).transpose()?;
            Ok(Found { version: version.unwrap_or_default(), has_schema: version.is_some() })
        }
    }
}

/// Records [`SCHEMA_VERSION`] where [`found`] reads it.
fn record_version(db: &mut dyn Sql) -> Result<(), StoreError> {
    match db.backend() {
        Backend::Sqlite => db.batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}")),
        Backend::Postgres => {
            db.exec("DELETE FROM ds_schema", args![])?;
            db.exec("INSERT INTO ds_schema (version) VALUES (?1)", args![SCHEMA_VERSION])?;
            Ok(())
        }
    }
}

/// Runs the steps of [`MIGRATIONS`](super::schema::MIGRATIONS) after version `from` up to version `to` on `db`.
fn migrate(db: &mut dyn Sql, from: i64, to: i64) -> Result<(), StoreError> {
    let backend = db.backend();
    statements(backend, from, to).try_for_each(|sql| db.batch(sql))
}

/// Brings the database behind `db` to [`SCHEMA_VERSION`] (see the module documentation).
pub fn upgrade(db: &mut dyn Sql) -> Result<Upgrade, StoreError> {
    in_transaction(
        db,
        |db| db.begin_write(),
        |db| {
            let Found { version, has_schema } = found(db)?;
            if version > SCHEMA_VERSION {
                return Err(StoreError::NewerSchema { found: version, supported: SCHEMA_VERSION });
            }
            let (from, outcome) = match (has_schema, version) {
                (false, _) => (0, Upgrade::Created),
                (true, v) if v == SCHEMA_VERSION => (v, Upgrade::Current),
                (true, v) => (v, Upgrade::From(v)),
            };
            migrate(db, from, SCHEMA_VERSION)?;
            record_version(db)?;
            Ok(outcome)
        },
    )
}

#[cfg(test)]
mod tests {
    //! Upgrading real files: one written with the version 2 schema (as the server before
    //! templates wrote it), a new one, and one from a later version.

    use rusqlite::Connection;

    use super::*;
    use crate::store::Store;
    use crate::store::sql::Lite;

    fn user_version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_version_2_file_is_upgraded_in_place_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            // A file as the server wrote it at version 2, before templates: the steps up to 2.
            let mut old = Lite(Connection::open(&path).unwrap());
            migrate(&mut old, 0, 2).unwrap();
            old.batch(
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
        let mut db = Lite(Connection::open(&path).unwrap());
        assert_eq!(upgrade(&mut db).unwrap(), Upgrade::From(2));
        assert_eq!(user_version(&db.0), SCHEMA_VERSION);
        assert_eq!(upgrade(&mut db).unwrap(), Upgrade::Current, "a second open changes nothing");
        drop(db);

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
        let mut db = Lite(Connection::open(dir.path().join("new.sqlite3")).unwrap());
        assert_eq!(upgrade(&mut db).unwrap(), Upgrade::Created);
        assert_eq!(user_version(&db.0), SCHEMA_VERSION);
        let columns: Vec<String> =
            db.0.prepare("SELECT name FROM pragma_table_info('cards')")
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
