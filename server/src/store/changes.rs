//! Changes to a live workshop (pairs joining, placements) and reading the event log back.

use app::domain::validate::comparison_key;
use app::domain::{Event, PairSummary};
use serde_json::json;
use uuid::Uuid;

use super::event_log::{Actor, ActorKind, LoggedEvent, NewEvent};
use super::sql::{Row, Sql, args};
use super::{EventRow, Store, StoreError, announce, insert_event, next_seq};

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
    /// The change was decided on a state the database has moved past (another instance
    /// committed a change to this workshop since, up to `last`); nothing was changed. Catch
    /// up and decide again ([`Store::append_decided_async`]).
    Stale {
        /// The workshop's last committed sequence number.
        last: u64,
    },
}

fn earlier_change(
    conn: &mut dyn Sql,
    workshop_id: Uuid,
    actor: &Actor,
    change_id: Uuid,
) -> Result<Option<u64>, StoreError> {
    let earlier = conn.row(
        "SELECT seq, actor, pair_id FROM events WHERE workshop_id = ?1 AND change_id = ?2",
        args![workshop_id, change_id],
    )?;
    let Some(row) = earlier else { return Ok(None) };
    let (seq, by, pair) = (row.uint(0)?, row.actor(1)?, row.opt_uuid(2)?);
    let (me, _, my_pair) = actor.columns();
    if by == me && (me == ActorKind::Facilitator || pair == my_pair) {
        Ok(Some(seq))
    } else {
        Err(StoreError::ChangeIdReused)
    }
}

/// [`StoreError::UnknownWorkshop`] unless workshop `workshop_id` exists.
fn require_workshop(tx: &mut dyn Sql, workshop_id: Uuid) -> Result<(), StoreError> {
    let exists = tx.row("SELECT 1 FROM workshops WHERE id = ?1", args![workshop_id])?;
    exists.map(|_| ()).ok_or(StoreError::UnknownWorkshop)
}

/// The write behind [`Store::join_pair`], run by the writer inside its batch.
fn join_pair(
    workshop_id: Uuid,
    label: String,
    token_hash: String,
    now: i64,
) -> impl FnOnce(&mut dyn Sql) -> Result<(u64, PairSummary), StoreError> + Send + 'static {
    move |tx| {
        require_workshop(tx, workshop_id)?;
        // Numbered (and on PostgreSQL the workshop locked) before the labels are read, so two
        // instances cannot both let the same label in.
        let seq = next_seq(tx, workshop_id)?;
        let wanted = comparison_key(&label);
        let labels = tx.rows("SELECT label FROM pairs WHERE workshop_id = ?1", args![workshop_id])?;
        for row in labels {
            let existing = row.text(0)?;
            if comparison_key(&existing) == wanted {
                return Err(StoreError::DuplicateLabel(existing));
            }
        }
        let pair = PairSummary { id: Uuid::new_v4(), label, joined_at: now, last_active: now };
        tx.exec(
            "INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![pair.id, workshop_id, &pair.label, token_hash, now, seq],
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
        announce(tx, workshop_id, Some(seq))?;
        Ok((seq, pair))
    }
}

/// The write behind [`Store::append`], run by the writer inside its batch. With
/// `decided_at`, the change was decided on the state after that sequence number, and is only
/// written if nothing was committed to the workshop since ([`ChangeOutcome::Stale`]).
pub(super) fn append(
    workshop_id: Uuid,
    new: NewEvent,
    now: i64,
    decided_at: Option<u64>,
) -> impl FnOnce(&mut dyn Sql) -> Result<ChangeOutcome, StoreError> + Send + 'static {
    move |tx| {
        require_workshop(tx, workshop_id)?;
        // Numbered (and on PostgreSQL the workshop locked) first, so the change id is looked
        // up with no other instance able to commit the same change meanwhile; and before a
        // removal deletes rows, so a sequence number is never used twice.
        let seq = next_seq(tx, workshop_id)?;
        if let Some(seq) = earlier_change(tx, workshop_id, &new.actor, new.change_id)? {
            return Ok(ChangeOutcome::AlreadyCommitted { seq });
        }
        if let Some(decided_at) = decided_at
            && seq != decided_at + 1
        {
            return Ok(ChangeOutcome::Stale { last: seq - 1 });
        }
        if let Event::PairRemoved { pair_id, .. } = &new.event {
            tx.exec("DELETE FROM events WHERE workshop_id = ?1 AND pair_id = ?2", args![workshop_id, pair_id])?;
            tx.exec("DELETE FROM pairs WHERE workshop_id = ?1 AND id = ?2", args![workshop_id, pair_id])?;
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
        announce(tx, workshop_id, Some(seq))?;
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
        self.read(|db| earlier_change(db, workshop_id, actor, change_id))
    }

    /// Writes one decided change with its event-log row, in one transaction. A `change_id`
    /// this actor already committed is answered with the original sequence and changes
    /// nothing. Removing a pair also deletes the pair (its token stops working) and every
    /// event-log row of its work, so replaying the log no longer contains it.
    pub fn append(&self, workshop_id: Uuid, new: &NewEvent, now: i64) -> Result<ChangeOutcome, StoreError> {
        self.write(append(workshop_id, new.clone(), now, None))
    }

    /// [`Store::append`] for async callers: waits for the batch's commit without a thread.
    pub async fn append_async(&self, workshop_id: Uuid, new: NewEvent, now: i64) -> Result<ChangeOutcome, StoreError> {
        self.write_async(append(workshop_id, new, now, None)).await
    }

    /// [`Store::append_async`] for a change decided on the state after `decided_at`: when
    /// another instance committed to the workshop since, nothing is written and the answer is
    /// [`ChangeOutcome::Stale`], so the room catches up and decides again.
    pub async fn append_decided_async(
        &self,
        workshop_id: Uuid,
        new: NewEvent,
        now: i64,
        decided_at: u64,
    ) -> Result<ChangeOutcome, StoreError> {
        self.write_async(append(workshop_id, new, now, Some(decided_at))).await
    }

    /// The events screens receive with `after < seq <= up_to`, in order: what a reconnecting
    /// screen missed.
    pub fn events_between(&self, workshop_id: Uuid, after: u64, up_to: u64) -> Result<Vec<(u64, Event)>, StoreError> {
        let rows = self.read(|db| {
            db.rows(
                "SELECT seq, payload_json FROM events
                 WHERE workshop_id = ?1 AND seq > ?2 AND seq <= ?3 AND payload_json IS NOT NULL
                 ORDER BY seq",
                args![workshop_id, after, up_to],
            )
        })?;
        rows.iter().map(|row| Ok((row.uint(0)?, payload(row, 1)?))).collect()
    }

    /// The events committed after `after`, in order, with the last sequence number committed
    /// (a row without an event, or a gap where a removed pair's rows were, still counts):
    /// what a room catches up with when another instance changed its workshop.
    pub fn events_after(&self, workshop_id: Uuid, after: u64) -> Result<(u64, Vec<(u64, Event)>), StoreError> {
        let rows = self.read(|db| {
            db.rows(
                "SELECT seq, payload_json FROM events WHERE workshop_id = ?1 AND seq > ?2 ORDER BY seq",
                args![workshop_id, after],
            )
        })?;
        let mut last = after;
        let mut events = Vec::with_capacity(rows.len());
        for row in &rows {
            last = row.uint(0)?;
            if row.opt_text(1)?.is_some() {
                events.push((last, payload(row, 1)?));
            }
        }
        Ok((last, events))
    }

    /// The whole event log of a workshop, in order (for replay, exports and tests).
    pub fn event_log(&self, workshop_id: Uuid) -> Result<Vec<LoggedEvent>, StoreError> {
        self.read(|db| read_event_log(db, workshop_id, true))
    }
}

/// The event in column `idx` (`payload_json`) of an event-log row.
pub(super) fn payload(row: &Row, idx: usize) -> Result<Event, StoreError> {
    let json = row.text(idx)?;
    serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("event {:?}: {e}", row.opt_int(0))))
}

/// Reads the event log of a workshop in sequence order, on `conn` (a plain connection or a
/// transaction, so exports can read it in the same transaction as the rest).
/// `with_payload` also decodes the event screens received (exports do not need it).
pub(super) fn read_event_log(
    conn: &mut dyn Sql,
    workshop_id: Uuid,
    with_payload: bool,
) -> Result<Vec<LoggedEvent>, StoreError> {
    let rows = conn.rows(
        "SELECT seq, at, actor, actor_label, action, card_id, pair_id, before_json,
                after_json, change_id, payload_json
         FROM events WHERE workshop_id = ?1 ORDER BY seq",
        args![workshop_id],
    )?;
    rows.iter()
        .map(|r| {
            let has_payload = with_payload && r.opt_text(10)?.is_some();
            Ok(LoggedEvent {
                seq: r.uint(0)?,
                at: r.int(1)?,
                actor: r.actor(2)?,
                actor_label: r.text(3)?,
                action: r.text(4)?,
                card_id: r.opt_uuid(5)?,
                pair_id: r.opt_uuid(6)?,
                before: r.opt_json(7)?,
                after: r.opt_json(8)?,
                change_id: r.opt_uuid(9)?,
                payload: if has_payload { Some(payload(r, 10)?) } else { None },
            })
        })
        .collect()
}
