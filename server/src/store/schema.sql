-- Discretion Spectrum storage, schema version 1.
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

CREATE TABLE IF NOT EXISTS placements (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    pair_id     TEXT NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    card_id     TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    position    DOUBLE PRECISION NOT NULL,
    placed_at   BIGINT NOT NULL,
    moved_at    BIGINT NOT NULL,
    move_count  INTEGER NOT NULL,
    PRIMARY KEY (pair_id, card_id)
);
CREATE INDEX IF NOT EXISTS placements_by_workshop ON placements(workshop_id);

-- The event log: one row per change, written in the same transaction as the change.
-- payload_json is the serialized app::domain::Event for the events screens receive, so a
-- reconnecting screen is caught up from here.
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
