//! Changes to a live workshop (pairs joining, placements) and reading the event log back.

use app::domain::validate::comparison_key;
use app::domain::{Event, PairSummary};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;
use uuid::Uuid;

use super::event_log::{Actor, ActorKind, LoggedEvent, NewEvent};
use super::{EventRow, Store, StoreError, insert_event, next_seq, seq_at, seq_param, uuid_at};

/// What [`Store::append`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeOutcome {
    /// Stored as sequence `seq`.
    Committed {
        /// Its sequence number.
        seq: u64,
    },
    /// This change id was already committed as `seq`; nothing was changed.
    AlreadyCommitted {
        /// The original sequence number.
        seq: u64,
    },
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

fn earlier_change(
    conn: &Connection,
    workshop_id: Uuid,
    actor: &Actor,
    change_id: Uuid,
) -> Result<Option<u64>, StoreError> {
    let earlier = conn
        .prepare_cached("SELECT seq, actor, pair_id FROM events WHERE workshop_id = ?1 AND change_id = ?2")?
        .query_row([&workshop_id.to_string(), &change_id.to_string()], |r| {
            Ok((seq_at(r, 0)?, r.get::<_, ActorKind>(1)?, opt_uuid_col(r, 2)?))
        })
        .optional()?;
    let Some((seq, by, pair)) = earlier else { return Ok(None) };
    let (me, _, my_pair) = actor.columns();
    if by == me && (me == ActorKind::Facilitator || pair == my_pair) {
        Ok(Some(seq))
    } else {
        Err(StoreError::ChangeIdReused)
    }
}

/// [`StoreError::UnknownWorkshop`] unless workshop `wid` exists.
fn require_workshop(tx: &Connection, wid: &str) -> Result<(), StoreError> {
    let exists = tx.prepare_cached("SELECT 1 FROM workshops WHERE id = ?1")?.query_row([wid], |_| Ok(())).optional()?;
    exists.ok_or(StoreError::UnknownWorkshop)
}

/// The write behind [`Store::join_pair`], run by the writer inside its batch.
fn join_pair(
    workshop_id: Uuid,
    label: String,
    token_hash: String,
    now: i64,
) -> impl FnOnce(&Connection) -> Result<(u64, PairSummary), StoreError> + Send + 'static {
    move |tx| {
        let wid = workshop_id.to_string();
        require_workshop(tx, &wid)?;
        let wanted = comparison_key(&label);
        let labels = tx
            .prepare_cached("SELECT label FROM pairs WHERE workshop_id = ?1")?
            .query_map([&wid], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(existing) = labels.iter().find(|l| comparison_key(l) == wanted) {
            return Err(StoreError::DuplicateLabel(existing.to_string()));
        }
        let seq = next_seq(tx, workshop_id)?;
        let pair = PairSummary { id: Uuid::new_v4(), label, joined_at: now, last_active: now };
        tx.execute(
            "INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![pair.id.to_string(), wid, pair.label, token_hash, now, seq_param(seq)],
        )?;
        let event = Event::PairJoined { pair: pair.clone() };
        insert_event(
            tx,
            EventRow {
                pair_id: Some(pair.id),
                after: Some(json!({ "label": pair.label })),
                payload: Some(&event),
                ..EventRow::new(workshop_id, seq, now, (ActorKind::System, &pair.label), "pair_joined")
            },
        )?;
        Ok((seq, pair))
    }
}

/// The write behind [`Store::append`], run by the writer inside its batch.
pub(super) fn append(
    workshop_id: Uuid,
    new: NewEvent,
    now: i64,
) -> impl FnOnce(&Connection) -> Result<ChangeOutcome, StoreError> + Send + 'static {
    move |tx| {
        if let Some(seq) = earlier_change(tx, workshop_id, &new.actor, new.change_id)? {
            return Ok(ChangeOutcome::AlreadyCommitted { seq });
        }
        let wid = workshop_id.to_string();
        require_workshop(tx, &wid)?;
        // Numbered before a removal deletes rows: a sequence number is never used twice.
        let seq = next_seq(tx, workshop_id)?;
        if let Event::PairRemoved { pair_id, .. } = &new.event {
            let pid = pair_id.to_string();
            tx.execute("DELETE FROM events WHERE workshop_id = ?1 AND pair_id = ?2", [&wid, &pid])?;
            tx.execute("DELETE FROM pairs WHERE workshop_id = ?1 AND id = ?2", [&wid, &pid])?;
        }
        let (actor, actor_label, _) = new.actor.columns();
        let pair_id = match new.event {
            // The removal itself stays in the log, not deleted with a later removal.
            Event::PairRemoved { .. } => None,
            _ => new.pair_id,
        };
        insert_event(
            tx,
            EventRow {
                workshop_id,
                seq,
                at: now,
                actor,
                actor_label,
                action: new.action,
                card_id: new.card_id,
                pair_id,
                before: new.before,
                after: new.after,
                change_id: Some(new.change_id),
                payload: Some(&new.event),
            },
        )?;
        Ok(ChangeOutcome::Committed { seq })
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
        self.write(join_pair(workshop_id, label.to_string(), token_hash.to_string(), now))
    }

    /// [`Store::join_pair`] for async callers.
    pub async fn join_pair_async(
        &self,
        workshop_id: Uuid,
        label: String,
        token_hash: String,
        now: i64,
    ) -> Result<(u64, PairSummary), StoreError> {
        self.write_async(join_pair(workshop_id, label, token_hash, now)).await
    }

    /// Whether `change_id` was already committed in this workshop: by the same actor, its
    /// sequence number; by someone else, [`StoreError::ChangeIdReused`].
    pub fn committed_change(
        &self,
        workshop_id: Uuid,
        actor: &Actor,
        change_id: Uuid,
    ) -> Result<Option<u64>, StoreError> {
        earlier_change(&self.conn(), workshop_id, actor, change_id)
    }

    /// Writes one decided change with its event-log row, in one transaction. A `change_id`
    /// this actor already committed is answered with the original sequence and changes
    /// nothing. Removing a pair also deletes the pair (its token stops working) and every
    /// event-log row of its work, so replaying the log no longer contains it.
    pub fn append(&self, workshop_id: Uuid, new: &NewEvent, now: i64) -> Result<ChangeOutcome, StoreError> {
        self.write(append(workshop_id, new.clone(), now))
    }

    /// [`Store::append`] for async callers: waits for the batch's commit without a thread.
    pub async fn append_async(&self, workshop_id: Uuid, new: NewEvent, now: i64) -> Result<ChangeOutcome, StoreError> {
        self.write_async(append(workshop_id, new, now)).await
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
