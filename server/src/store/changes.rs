//! Changes to a live workshop (pairs joining, placements) and reading the event log back.

use app::domain::{Event, PairSummary};
use rusqlite::{OptionalExtension, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

use super::{EventRow, Store, StoreError, insert_event, next_seq, seq_at, seq_param, uuid_at};

/// What a pair asked to do with one of its aspects (already validated by the room).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// Put the card on the spectrum at this position, or move it there.
    Place {
        /// The aspect.
        card_id: Uuid,
        /// 0–100, already cleaned.
        position: f64,
    },
    /// Take the card back into the tray.
    Unplace {
        /// The aspect.
        card_id: Uuid,
    },
}

impl Change {
    /// The aspect this change is about.
    pub fn card_id(&self) -> Uuid {
        match self {
            Change::Place { card_id, .. } | Change::Unplace { card_id } => *card_id,
        }
    }
}

/// What [`Store::apply_change`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeOutcome {
    /// Stored as sequence `seq`.
    Committed {
        /// Its sequence number.
        seq: u64,
        /// The event to apply and broadcast.
        event: Event,
    },
    /// This change id was already committed as `seq`; nothing was changed.
    AlreadyCommitted {
        /// The original sequence number.
        seq: u64,
    },
}

/// One row of the event log, as researchers and tests read it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedEvent {
    /// Sequence number in the workshop.
    pub seq: u64,
    /// When, ms since the epoch.
    pub at: i64,
    /// `facilitator`, `system` or `pair`.
    pub actor: String,
    /// Who, in words (the pair's label).
    pub actor_label: String,
    /// `workshop_created`, `pair_joined`, `placed`, `moved` or `unplaced`.
    pub action: String,
    /// The aspect, for placement actions.
    pub card_id: Option<Uuid>,
    /// The pair concerned.
    pub pair_id: Option<Uuid>,
    /// State before, e.g. `{"position":42.5}`.
    pub before: Option<serde_json::Value>,
    /// State after.
    pub after: Option<serde_json::Value>,
    /// The client's change id.
    pub change_id: Option<Uuid>,
    /// The event screens received, if any.
    pub payload: Option<Event>,
}

fn json_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<serde_json::Value>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        serde_json::from_str(&t)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
}

fn opt_uuid_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Uuid>> {
    let text: Option<String> = row.get(idx)?;
    match text {
        None => Ok(None),
        Some(_) => uuid_at(row, idx).map(Some),
    }
}

impl Store {
    /// Adds a pair with an (already cleaned) label and the hash of its token, with its
    /// `pair_joined` event, in one transaction. Labels are unique per workshop, compared
    /// case-insensitively (Unicode-aware, not only ASCII).
    pub fn join_pair(
        &self,
        workshop_id: Uuid,
        label: &str,
        token_hash: &str,
        now: i64,
    ) -> Result<(u64, PairSummary), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wid = workshop_id.to_string();
        let exists = tx.query_row("SELECT 1 FROM workshops WHERE id = ?1", [&wid], |_| Ok(())).optional()?;
        if exists.is_none() {
            return Err(StoreError::UnknownWorkshop);
        }
        let wanted = label.to_lowercase();
        let labels = tx
            .prepare("SELECT label FROM pairs WHERE workshop_id = ?1")?
            .query_map([&wid], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        if labels.iter().any(|l| l.to_lowercase() == wanted) {
            return Err(StoreError::DuplicateLabel(label.to_string()));
        }
        let seq = next_seq(&tx, workshop_id)?;
        let pair = PairSummary { id: Uuid::new_v4(), label: label.to_string(), joined_at: now };
        tx.execute(
            "INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![pair.id.to_string(), wid, pair.label, token_hash, now, seq_param(seq)],
        )?;
        let event = Event::PairJoined { pair: pair.clone() };
        insert_event(
            &tx,
            EventRow {
                workshop_id,
                seq,
                at: now,
                actor: "system",
                actor_label: &pair.label,
                action: "pair_joined",
                card_id: None,
                pair_id: Some(pair.id),
                before: None,
                after: Some(json!({ "label": pair.label })),
                change_id: None,
                payload: Some(&event),
            },
        )?;
        tx.commit()?;
        Ok((seq, pair))
    }

    /// Applies one pair's change, with its event-log row, in one transaction. A `change_id`
    /// this pair already committed is answered with the original sequence and changes nothing.
    pub fn apply_change(
        &self,
        workshop_id: Uuid,
        pair: &PairSummary,
        change_id: Uuid,
        change: Change,
        now: i64,
    ) -> Result<ChangeOutcome, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wid = workshop_id.to_string();
        let earlier = tx
            .query_row(
                "SELECT seq, pair_id FROM events WHERE workshop_id = ?1 AND change_id = ?2",
                [&wid, &change_id.to_string()],
                |r| Ok((seq_at(r, 0)?, opt_uuid_col(r, 1)?)),
            )
            .optional()?;
        if let Some((seq, by)) = earlier {
            return if by == Some(pair.id) {
                Ok(ChangeOutcome::AlreadyCommitted { seq })
            } else {
                Err(StoreError::ChangeIdReused)
            };
        }
        let card_id = change.card_id();
        let (pid, cid) = (pair.id.to_string(), card_id.to_string());
        let card = tx
            .query_row("SELECT 1 FROM cards WHERE id = ?1 AND workshop_id = ?2", [&cid, &wid], |_| Ok(()))
            .optional()?;
        if card.is_none() {
            return Err(StoreError::UnknownCard);
        }
        let current: Option<f64> = tx
            .query_row("SELECT position FROM placements WHERE pair_id = ?1 AND card_id = ?2", [&pid, &cid], |r| {
                r.get(0)
            })
            .optional()?;
        let seq = next_seq(&tx, workshop_id)?;
        let (action, event) = match (change, current) {
            (Change::Place { position, .. }, None) => {
                tx.execute(
                    "INSERT INTO placements (workshop_id, pair_id, card_id, position, placed_at,
                                             moved_at, move_count)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5, 0)",
                    rusqlite::params![wid, pid, cid, position, now],
                )?;
                ("placed", Event::Placed { pair_id: pair.id, card_id, position, at: now })
            }
            (Change::Place { position, .. }, Some(_)) => {
                tx.execute(
                    "UPDATE placements SET position = ?3, moved_at = ?4, move_count = move_count + 1
                     WHERE pair_id = ?1 AND card_id = ?2",
                    rusqlite::params![pid, cid, position, now],
                )?;
                ("moved", Event::Placed { pair_id: pair.id, card_id, position, at: now })
            }
            (Change::Unplace { .. }, Some(_)) => {
                tx.execute("DELETE FROM placements WHERE pair_id = ?1 AND card_id = ?2", [&pid, &cid])?;
                ("unplaced", Event::Unplaced { pair_id: pair.id, card_id, at: now })
            }
            (Change::Unplace { .. }, None) => return Err(StoreError::NotPlaced),
        };
        let after = match change {
            Change::Place { position, .. } => Some(json!({ "position": position })),
            Change::Unplace { .. } => None,
        };
        insert_event(
            &tx,
            EventRow {
                workshop_id,
                seq,
                at: now,
                actor: "pair",
                actor_label: &pair.label,
                action,
                card_id: Some(card_id),
                pair_id: Some(pair.id),
                before: current.map(|p| json!({ "position": p })),
                after,
                change_id: Some(change_id),
                payload: Some(&event),
            },
        )?;
        tx.commit()?;
        Ok(ChangeOutcome::Committed { seq, event })
    }

    /// The events screens receive with `after < seq <= up_to`, in order: what a reconnecting
    /// screen missed.
    pub fn events_between(&self, workshop_id: Uuid, after: u64, up_to: u64) -> Result<Vec<(u64, Event)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT seq, payload_json FROM events
             WHERE workshop_id = ?1 AND seq > ?2 AND seq <= ?3 AND payload_json IS NOT NULL
             ORDER BY seq",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![workshop_id.to_string(), seq_param(after), seq_param(up_to)], |r| {
                Ok((seq_at(r, 0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(seq, json)| {
                serde_json::from_str(&json)
                    .map(|event| (seq, event))
                    .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))
            })
            .collect()
    }

    /// The whole event log of a workshop, in order (for replay, exports and tests).
    pub fn event_log(&self, workshop_id: Uuid) -> Result<Vec<LoggedEvent>, StoreError> {
        read_event_log(&self.conn(), workshop_id, true)
    }
}

/// Reads the event log of a workshop in sequence order, on `conn` (a plain connection or a
/// transaction, so exports can read it in the same transaction as the rest).
/// `with_payload` also decodes the event screens received (exports do not need it).
pub(super) fn read_event_log(
    conn: &rusqlite::Connection,
    workshop_id: Uuid,
    with_payload: bool,
) -> Result<Vec<LoggedEvent>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, actor_label, action, card_id, pair_id, before_json,
                after_json, change_id, payload_json
         FROM events WHERE workshop_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([workshop_id.to_string()], |r| {
            let payload: Option<String> = if with_payload { r.get(10)? } else { None };
            Ok((
                LoggedEvent {
                    seq: seq_at(r, 0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    actor_label: r.get(3)?,
                    action: r.get(4)?,
                    card_id: opt_uuid_col(r, 5)?,
                    pair_id: opt_uuid_col(r, 6)?,
                    before: json_col(r, 7)?,
                    after: json_col(r, 8)?,
                    change_id: opt_uuid_col(r, 9)?,
                    payload: None,
                },
                payload,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(mut event, payload)| {
            event.payload = payload
                .map(|p| serde_json::from_str(&p))
                .transpose()
                .map_err(|e| StoreError::Corrupt(format!("event {}: {e}", event.seq)))?;
            Ok(event)
        })
        .collect()
}
