//! The schema, in one place: the steps that build it, oldest first ([`MIGRATIONS`]). Both
//! databases run the same list ([`super::migrate`]): a new database every step, one of an
//! earlier version the steps numbered above its version. Where the two differ, a statement
//! says which one runs it ([`On`]), so neither runs an edited copy of the other's.
//!
//! The SQL is written to run unchanged on SQLite and PostgreSQL: ids are TEXT uuids, times
//! are BIGINT milliseconds since the Unix epoch (UTC), positions are DOUBLE PRECISION (SQLite
//! gives both integer/real affinity; PostgreSQL's INTEGER and REAL would be 32-bit, too small
//! for millisecond times and too coarse for positions).
//!
//! A released step is never edited (databases out there ran it): a change to the schema is a
//! new step, with [`SCHEMA_VERSION`] its number. Every step keeps the data: columns are
//! added, never dropped or rewritten.

use super::sql::Backend;

/// The schema's version, recorded in the database (`PRAGMA user_version` on SQLite, the one
/// row of `ds_schema` on PostgreSQL): the number of the last step of [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = 6;

/// Which databases run a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum On {
    /// Both.
    Both,
    /// Only this one.
    Only(Backend),
}

/// One statement of a step, and which databases run it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Statement {
    /// Which databases run it.
    pub on: On,
    /// The SQL.
    pub sql: &'static str,
}

impl Statement {
    /// Whether `backend` runs it.
    pub fn runs_on(&self, backend: Backend) -> bool {
        self.on == On::Both || self.on == On::Only(backend)
    }
}

/// A statement both databases run.
const fn both(sql: &'static str) -> Statement {
    Statement { on: On::Both, sql }
}

/// A statement only SQLite runs.
const fn sqlite(sql: &'static str) -> Statement {
    Statement { on: On::Only(Backend::Sqlite), sql }
}

/// A statement only PostgreSQL runs.
const fn postgres(sql: &'static str) -> Statement {
    Statement { on: On::Only(Backend::Postgres), sql }
}

/// One step of the schema's history: the statements that bring a database at the version
/// before it to `version`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Migration {
    /// The version it makes.
    pub version: i64,
    /// Its statements, in order.
    pub statements: &'static [Statement],
}

/// `pairs` without its label rule, which each database writes its own way ([`MIGRATIONS`]).
/// `join_seq` is the sequence number of the pair's `pair_joined` event: a portable joining
/// order (`joined_at` can tie within a millisecond).
macro_rules! pairs_table {
    ($($rule:literal)?) => {
        concat!(
            "CREATE TABLE IF NOT EXISTS pairs (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    joined_at   BIGINT NOT NULL,
    join_seq    BIGINT NOT NULL",
            $(",\n    ", $rule,)?
            "\n)"
        )
    };
}

/// Every step, oldest first. (Version 1 had a placements table, which the event log
/// replaced in version 2: a version 1 file keeps it unused, and gets the same steps as a new
/// one, which create only what it lacks.)
pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 2,
        statements: &[
            both(
                "CREATE TABLE IF NOT EXISTS workshops (
    id                      TEXT PRIMARY KEY,
    title                   TEXT NOT NULL,
    site                    TEXT NOT NULL,
    question                TEXT NOT NULL,
    left_pole               TEXT NOT NULL,
    right_pole              TEXT NOT NULL,
    join_code               TEXT NOT NULL UNIQUE,
    facilitator_secret_hash TEXT NOT NULL UNIQUE,
    created_at              BIGINT NOT NULL
)",
            ),
            both(
                "CREATE TABLE IF NOT EXISTS cards (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
)",
            ),
            both("CREATE INDEX IF NOT EXISTS cards_by_workshop ON cards(workshop_id, ord)"),
            // Labels are unique per workshop, ignoring case. (The server compares labels
            // itself, Unicode-aware, before it inserts; this is the backstop.) PostgreSQL has
            // no NOCASE collation: there, the same rule is a unique index on lower(label).
            sqlite(pairs_table!("UNIQUE (workshop_id, label COLLATE NOCASE)")),
            postgres(pairs_table!()),
            postgres("CREATE UNIQUE INDEX IF NOT EXISTS pairs_label ON pairs (workshop_id, lower(label))"),
            // The event log: one row per change. It is the record of the session: the live
            // state of a workshop is its row and its facilitator's cards with every
            // payload_json (the serialized app::domain::Event) applied in seq order. A
            // reconnecting screen is caught up from here too. Removing a pair deletes the
            // rows with its pair_id.
            both(
                "CREATE TABLE IF NOT EXISTS events (
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
)",
            ),
            both(
                "CREATE UNIQUE INDEX IF NOT EXISTS events_change_id
    ON events(workshop_id, change_id) WHERE change_id IS NOT NULL",
            ),
        ],
    },
    Migration {
        version: 3,
        statements: &[
            // Templates: the template a workshop was made from or saved as, and the template
            // aspect each aspect stands for; NULL when none.
            both("ALTER TABLE workshops ADD COLUMN template_id TEXT"),
            both("ALTER TABLE cards ADD COLUMN template_aspect_id TEXT"),
            // PostgreSQL came with version 3, and with it presence shared by the instances on
            // one database: which pairs have a screen connected to which instance, and which
            // instances are alive (an instance is its listening connection, so when its
            // process dies PostgreSQL ends that connection and its presence no longer counts).
            postgres(
                "CREATE TABLE IF NOT EXISTS instances (
    id            TEXT PRIMARY KEY,
    backend_pid   BIGINT NOT NULL,
    backend_start TEXT NOT NULL
)",
            ),
            postgres(
                "CREATE TABLE IF NOT EXISTS presence (
    instance_id TEXT NOT NULL REFERENCES instances(id) ON DELETE CASCADE,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    pair_id     TEXT NOT NULL,
    PRIMARY KEY (workshop_id, pair_id, instance_id)
)",
            ),
        ],
    },
    Migration {
        version: 4,
        statements: &[
            // Retention: the UTC day (`YYYY-MM-DD`) on which the server deletes the workshop;
            // NULL when it keeps it until someone deletes it.
            both("ALTER TABLE workshops ADD COLUMN delete_after TEXT"),
            // The audit log: who saw and changed what, the server's own record (not a
            // workshop's: no foreign key, so deleting a workshop keeps its rows). Append-only:
            // no code updates or deletes a row, and the database refuses it too (triggers).
            sqlite(
                "CREATE TABLE IF NOT EXISTS audit_log (
    id          INTEGER PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    workshop_id TEXT,
    detail      TEXT NOT NULL,
    client      TEXT
)",
            ),
            postgres(
                "CREATE TABLE IF NOT EXISTS audit_log (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    workshop_id TEXT,
    detail      TEXT NOT NULL,
    client      TEXT
)",
            ),
            both("CREATE INDEX IF NOT EXISTS audit_log_by_workshop ON audit_log(workshop_id, id)"),
            sqlite(
                "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be changed'); END",
            ),
            sqlite(
                "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be deleted'); END",
            ),
            postgres(
                "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only: its rows cannot be changed or deleted'; END $$",
            ),
            postgres(
                "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            ),
            postgres(
                "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
            ),
        ],
    },
    Migration {
        version: 5,
        statements: &[
            // Withdrawal: each pair's reference, the short code it quotes to withdraw
            // (unique in its workshop; NULL for pairs that joined before version 5).
            both("ALTER TABLE pairs ADD COLUMN reference TEXT"),
            both("CREATE UNIQUE INDEX IF NOT EXISTS pairs_reference ON pairs(workshop_id, reference)"),
            // The token hashes of withdrawn pairs, and nothing else of them: so a withdrawn
            // pair's tablet is told it withdrew (rather than that it is unknown), and whatever
            // it still sends is refused. Deleted with the workshop.
            both(
                "CREATE TABLE IF NOT EXISTS withdrawn_pairs (
    token_hash   TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    withdrawn_at BIGINT NOT NULL
)",
            ),
        ],
    },
    Migration {
        version: 6,
        statements: &[
            // Information sheet and consent: how many pairs chose "We do not agree" before
            // the board (a count and nothing else: such a pair is never stored). The sheets
            // and the consents themselves are events in the event log.
            both("ALTER TABLE workshops ADD COLUMN consent_declined BIGINT NOT NULL DEFAULT 0"),
        ],
    },
];

/// What `backend` runs to bring a database at version `from` to version `to`, in order.
pub(super) fn statements(backend: Backend, from: i64, to: i64) -> impl Iterator<Item = &'static str> {
    MIGRATIONS
        .iter()
        .filter(move |step| step.version > from && step.version <= to)
        .flat_map(|step| step.statements)
        .filter(move |statement| statement.runs_on(backend))
        .map(|statement| statement.sql)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_step_is_the_schema_version_and_the_steps_are_in_order() {
        let versions: Vec<i64> = MIGRATIONS.iter().map(|step| step.version).collect();
        assert!(versions.windows(2).all(|pair| pair[0] < pair[1]), "{versions:?}");
        assert_eq!(versions.last(), Some(&SCHEMA_VERSION));
    }
}
