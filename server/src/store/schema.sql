-- Discretion Spectrum storage, schema version 3 (migrate.rs upgrades older files in place).
--
-- Written to run unchanged on SQLite and (with the one noted exception) PostgreSQL:
-- ids are TEXT uuids, times are BIGINT milliseconds since the Unix epoch (UTC), positions are
-- DOUBLE PRECISION (SQLite gives both integer/real affinity; PostgreSQL's INTEGER and REAL would
-- be 32-bit, too small for millisecond times and too coarse for positions).

CREATE TABLE IF NOT EXISTS workshops (
    id                      TEXT PRIMARY KEY,
    title                   TEXT NOT NULL,
    site                    TEXT NOT NULL,
    question                TEXT NOT NULL,
    left_pole               TEXT NOT NULL,
    right_pole              TEXT NOT NULL,
    join_code               TEXT NOT NULL UNIQUE,
    facilitator_secret_hash TEXT NOT NULL UNIQUE,
    created_at              BIGINT NOT NULL,
    -- The template it was made from or saved as (version 3); NULL when never linked to one.
    template_id             TEXT
);

CREATE TABLE IF NOT EXISTS cards (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    ord         INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    -- The template aspect it stands for (version 3); NULL when none.
    template_aspect_id TEXT
);
CREATE INDEX IF NOT EXISTS cards_by_workshop ON cards(workshop_id, ord);

-- join_seq is the sequence number of the pair's `pair_joined` event: a portable joining order
-- (joined_at can tie within a millisecond).
-- PostgreSQL: replace the NOCASE constraint with a unique index on (workshop_id, lower(label)).
CREATE TABLE IF NOT EXISTS pairs (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    joined_at   BIGINT NOT NULL,
    join_seq    BIGINT NOT NULL,
    UNIQUE (workshop_id, label COLLATE NOCASE)
);

-- The event log: one row per change. It is the record of the session: the live state of a
-- workshop is its row and its facilitator's cards (above) with every payload_json (the
-- serialized app::domain::Event) applied in seq order. A reconnecting screen is caught up
-- from here too. Removing a pair deletes the rows with its pair_id.
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
