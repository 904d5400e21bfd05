//! Changes to a live workshop (pairs joining, placements) and reading the event log back.

use app::domain::reference::{REFERENCE_LEN, reference_from_bytes};
use app::domain::validate::comparison_key;
use std::sync::Arc;

use app::domain::{Event, PairSummary, RoomView};
use serde_json::json;
use uuid::Uuid;

use super::database::{CODE_ATTEMPTS, EventRow, Store, announce, insert_event};
use super::error::StoreError;
use super::event_log::{Actor, ActorKind, LoggedEvent, NewEvent};
use super::sql::{Row, Sql, args};

/// What [`Store::decide_and_append_async`] decided and did.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision<R> {
    /// The change, stored as sequence `seq`.
    Committed {
        /// Its sequence number.
        seq: u64,
        /// The event decided.
        event: Event,
    },
    /// This change id was already committed as `seq`; nothing was changed.
    AlreadyCommitted {
        /// The original sequence number.
        seq: u64,
    },
    /// The rules refused it; nothing was changed.
    Refused(R),
}

/// A [`Decision`], with the changes other instances had committed to the workshop since the
/// view the room gave: it was decided after them, so the room takes them first.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided<R> {
    /// The changes committed after the room's view and before this one, in order.
    pub missed: Vec<(u64, Event)>,
    /// What happened to this one.
    pub decision: Decision<R>,
}

/// Whether the earlier change with the same id (its sequence number, actor and pair) is
/// `actor`'s: then it is the same change, resent; by someone else, the id was reused.
fn same_change(earlier: (u64, ActorKind, Option<Uuid>), actor: &Actor) -> Result<u64, StoreError> {
    let (seq, by, pair) = earlier;
    let (me, _, my_pair) = actor.columns();
    if by == me && (me == ActorKind::Facilitator || pair == my_pair) {
        Ok(seq)
    } else {
        Err(StoreError::ChangeIdReused)
    }
}

/// A change's turn in its workshop, inside the writing transaction: the workshop exists
/// (else [`StoreError::UnknownWorkshop`]), on PostgreSQL its row is locked, so another
/// instance writing to it waits for this transaction; then, in one query, the next sequence
/// number and whether `change` (its id, by this actor) was already committed, as which
/// sequence number. The lock is its own statement: a statement that waited for a lock still
/// reads with the snapshot it started with, so the numbering must come after it.
pub(super) fn take_turn(
    tx: &mut dyn Sql,
    workshop_id: Uuid,
    change: Option<(Uuid, &Actor)>,
) -> Result<(u64, Option<u64>), StoreError> {
    tx.lock_row("workshops", workshop_id.into())?;
    let row = tx
        .row(
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events WHERE workshop_id = ?1) AS last_seq,
                    e.seq, e.actor, e.pair_id
             FROM workshops w
             LEFT JOIN events e ON e.workshop_id = w.id AND e.change_id = ?2
             WHERE w.id = ?1",
            args![workshop_id, change.map(|(id, _)| id)],
        )?
        .ok_or(StoreError::UnknownWorkshop)?;
    let next = row.uint("last_seq")? + 1;
    let earlier = match (change, row.opt_int("seq")?) {
        (Some((_, actor)), Some(_)) => {
            Some(same_change((row.uint("seq")?, ActorKind::from_row(&row)?, row.opt_uuid("pair_id")?), actor)?)
        }
        _ => None,
    };
    Ok((next, earlier))
}

/// A new pair's reference ([`app::domain::reference`]): random bytes from the operating
/// system's generator through `rand`'s thread generator (a CSPRNG, ChaCha), so it is not
/// derived from anything else stored (not the join code, not the token), and one no pair of
/// the workshop has (withdrawn pairs' references are gone with them, so one may come back).
fn free_reference(tx: &mut dyn Sql, workshop_id: Uuid) -> Result<String, StoreError> {
    for _ in 0..CODE_ATTEMPTS {
        let candidate = reference_from_bytes(&rand::random::<[u8; REFERENCE_LEN]>());
        let sql = "SELECT 1 FROM pairs WHERE workshop_id = ?1 AND reference = ?2";
        if tx.row(sql, args![workshop_id, &candidate])?.is_none() {
            return Ok(candidate);
        }
    }
    Err(StoreError::NoFreeCode)
}

/// A joining pair's consent to the information sheet: the version its people agreed to and
/// how many they are (already checked against the room's sheet).
pub type JoinConsent = Option<(String, u8)>;

/// The write behind [`Store::join_pair`], run by the writer inside its batch. With
/// `consent`, the pair's `consent_given` event follows its `pair_joined` event in the same
/// transaction: a pair of a workshop with an information sheet exists only with its consent.
fn join_pair(
    workshop_id: Uuid,
    label: String,
    token_hash: String,
    consent: JoinConsent,
    now: i64,
) -> impl FnOnce(&mut dyn Sql) -> Result<(u64, PairSummary), StoreError> + Send + 'static {
    move |tx| {
        // Numbered (and on PostgreSQL the workshop locked) before the labels are read, so two
        // instances cannot both let the same label in.
        let (seq, _) = take_turn(tx, workshop_id, None)?;
        let wanted = comparison_key(&label);
        let labels = tx.rows("SELECT label FROM pairs WHERE workshop_id = ?1", args![workshop_id])?;
        for row in labels {
            let existing = row.text("label")?;
            if comparison_key(&existing) == wanted {
                return Err(StoreError::DuplicateLabel(existing));
            }
        }
        let reference = free_reference(tx, workshop_id)?;
        let pair =
            PairSummary { id: Uuid::new_v4(), label, joined_at: now, last_active: now, reference: Some(reference) };
        tx.exec(
            "INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq, reference)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            args![pair.id, workshop_id, &pair.label, token_hash, now, seq, pair.reference.clone()],
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
        let mut last = seq;
        if let Some((version, people)) = consent {
            last = seq + 1;
            let event = Event::ConsentGiven { pair_id: pair.id, version: version.clone(), people, at: now };
            insert_event(
                tx,
                EventRow {
                    pair_id: Some(pair.id),
                    after: Some(json!({ "version": version, "people": people })),
                    payload: Some(&event),
                    ..EventRow::new(workshop_id, last, now, (ActorKind::Pair, &pair.label), "consent_given")
                },
            )?;
        }
        announce(tx, workshop_id, Some(last))?;
        Ok((seq, pair))
    }
}

/// The write behind [`Store::decide_and_append_async`]: with the workshop locked and its
/// next number taken, the changes committed after `view` are read and applied to a copy of
/// it (only when there are any, which needs another instance), the change is decided on
/// that, and written. So a change is always decided on the state it follows, on one
/// instance or several, and is never decided again.
fn decide_and_append<R: Send + 'static>(
    workshop_id: Uuid,
    view: Arc<RoomView>,
    actor: Actor,
    change_id: Uuid,
    now: i64,
    decide: impl FnOnce(&RoomView, i64) -> Result<Event, R> + Send + 'static,
) -> impl FnOnce(&mut dyn Sql) -> Result<Decided<R>, StoreError> + Send + 'static {
    move |tx| {
        let (seq, earlier) = take_turn(tx, workshop_id, Some((change_id, &actor)))?;
        if let Some(seq) = earlier {
            return Ok(Decided { missed: Vec::new(), decision: Decision::AlreadyCommitted { seq } });
        }
        let (missed, caught_up) = if seq > view.seq + 1 {
            let (_, missed) = read_events_after(tx, workshop_id, view.seq)?;
            let mut caught_up = RoomView::clone(&view);
            apply_all(&mut caught_up, &missed, seq - 1);
            (missed, Some(caught_up))
        } else {
            (Vec::new(), None)
        };
        let view = caught_up.as_ref().unwrap_or(&view);
        let event = match decide(view, now) {
            Ok(event) => event,
            Err(refusal) => return Ok(Decided { missed, decision: Decision::Refused(refusal) }),
        };
        let new = NewEvent::decided(view, actor, change_id, event);
        write_change(tx, workshop_id, seq, &new, now)?;
        Ok(Decided { missed, decision: Decision::Committed { seq, event: new.event } })
    }
}

/// Writes decided change `new` as sequence `seq` with its event-log row (a removal also
/// deletes the pair and its rows), and announces it.
pub(super) fn write_change(
    tx: &mut dyn Sql,
    workshop_id: Uuid,
    seq: u64,
    new: &NewEvent,
    now: i64,
) -> Result<(), StoreError> {
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
            before: new.before.clone(),
            after: new.after.clone(),
            change_id: Some(new.change_id),
            payload: Some(&new.event),
        },
    )?;
    announce(tx, workshop_id, Some(seq))
}

/// Applies `events` to `view` in order; its sequence number is then `last`, the last one
/// committed (a row without an event, or a removed pair's deleted rows, still counts).
pub(super) fn apply_all(view: &mut RoomView, events: &[(u64, Event)], last: u64) {
    for (seq, event) in events {
        view.apply(*seq, event);
    }
    view.seq = view.seq.max(last);
}

/// The events committed after `after` in order, with the last sequence number committed (a
/// row without an event, or a gap where a removed pair's rows were, still counts).
pub(super) fn read_events_after(
    tx: &mut dyn Sql,
    workshop_id: Uuid,
    after: u64,
) -> Result<(u64, Vec<(u64, Event)>), StoreError> {
    let rows = tx.rows(
        "SELECT seq, payload_json FROM events WHERE workshop_id = ?1 AND seq > ?2 ORDER BY seq",
        args![workshop_id, after],
    )?;
    let mut last = after;
    let mut events = Vec::with_capacity(rows.len());
    for row in &rows {
        last = row.uint("seq")?;
        if row.opt_text("payload_json")?.is_some() {
            events.push((last, payload(row)?));
        }
    }
    Ok((last, events))
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
        self.write(join_pair(workshop_id, label.to_string(), token_hash.to_string(), None, now))
    }

    /// [`Store::join_pair`] for async callers, with the pair's consent when the workshop has
    /// an information sheet (its `consent_given` event is numbered right after `pair_joined`).
    pub async fn join_pair_async(
        &self,
        workshop_id: Uuid,
        label: String,
        token_hash: String,
        consent: JoinConsent,
        now: i64,
    ) -> Result<(u64, PairSummary), StoreError> {
        self.write_async(join_pair(workshop_id, label, token_hash, consent, now)).await
    }

    /// Counts one pair that chose "We do not agree" on the information sheet before joining;
    /// returns the new count. Nothing else of that pair is stored, or was.
    pub fn count_declined(&self, workshop_id: Uuid) -> Result<u64, StoreError> {
        self.write(move |tx| {
            let changed = tx.exec(
                "UPDATE workshops SET consent_declined = consent_declined + 1 WHERE id = ?1",
                args![workshop_id],
            )?;
            if changed == 0 {
                return Err(StoreError::UnknownWorkshop);
            }
            declined(tx, workshop_id)
        })
    }

    /// How many pairs declined the information sheet before joining.
    pub fn declined_count(&self, workshop_id: Uuid) -> Result<u64, StoreError> {
        self.read(|db| declined(db, workshop_id))
    }

    /// Decides one change with `decide` and writes it with its event-log row, in one
    /// transaction that holds the workshop (see [`decide_and_append`]): on `view`, the room's
    /// state, or, when other instances committed to the workshop since, on `view` with their
    /// changes, which are returned too. A change id this actor already committed is answered
    /// with its original sequence and nothing is decided.
    pub async fn decide_and_append_async<R: Send + 'static>(
        &self,
        workshop_id: Uuid,
        view: Arc<RoomView>,
        (actor, change_id): (Actor, Uuid),
        now: i64,
        decide: impl FnOnce(&RoomView, i64) -> Result<Event, R> + Send + 'static,
    ) -> Result<Decided<R>, StoreError> {
        self.write_async(decide_and_append(workshop_id, view, actor, change_id, now, decide)).await
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
        rows.iter().map(|row| Ok((row.uint("seq")?, payload(row)?))).collect()
    }

    /// The events committed after `after`, in order, with the last sequence number committed
    /// (a row without an event, or a gap where a removed pair's rows were, still counts):
    /// what a room catches up with when another instance changed its workshop.
    pub fn events_after(&self, workshop_id: Uuid, after: u64) -> Result<(u64, Vec<(u64, Event)>), StoreError> {
        self.read(|db| read_events_after(db, workshop_id, after))
    }

    /// The whole event log of a workshop, in order (for replay, exports and tests).
    pub fn event_log(&self, workshop_id: Uuid) -> Result<Vec<LoggedEvent>, StoreError> {
        self.read(|db| read_event_log(db, workshop_id, true))
    }
}

/// `workshops.consent_declined` of `workshop_id` (0 when there is no such workshop).
pub(super) fn declined(conn: &mut dyn Sql, workshop_id: Uuid) -> Result<u64, StoreError> {
    match conn.row("SELECT consent_declined FROM workshops WHERE id = ?1", args![workshop_id])? {
        Some(row) => row.uint("consent_declined"),
        None => Ok(0),
    }
}

/// The event in the `payload_json` column of an event-log row (read with its `seq`).
pub(super) fn payload(row: &Row) -> Result<Event, StoreError> {
    let json = row.opt_str("payload_json")?.ok_or_else(|| StoreError::Corrupt("event without its payload".into()))?;
    serde_json::from_str(json).map_err(|e| {
        let seq = row.opt_int("seq").ok().flatten().unwrap_or_default();
        StoreError::Corrupt(format!("event {seq}: {e}"))
    })
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
    // A big workshop's log (100,000 events) is parsed on every core: the rows are read in
    // order, then decoded in as many runs of rows as there are cores, then put back in order.
    let decode = |rows: &[Row]| rows.iter().map(|r| logged_event(r, with_payload)).collect::<Result<Vec<_>, _>>();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if rows.len() < PARSED_ALONE || cores == 1 {
        return decode(&rows);
    }
    std::thread::scope(|scope| {
        let runs: Vec<_> =
            rows.chunks(rows.len().div_ceil(cores)).map(|rows| scope.spawn(move || decode(rows))).collect();
        let mut events = Vec::with_capacity(rows.len());
        for parsed in runs {
            events.extend(parsed.join().map_err(|_| StoreError::Corrupt("decoding the event log panicked".into()))??);
        }
        Ok(events)
    })
}

/// Below this many events, the log is decoded on the calling thread alone.
const PARSED_ALONE: usize = 4096;

/// One row of the event log ([`read_event_log`]).
fn logged_event(r: &Row, with_payload: bool) -> Result<LoggedEvent, StoreError> {
    let has_payload = with_payload && r.opt_str("payload_json")?.is_some();
    Ok(LoggedEvent {
        seq: r.uint("seq")?,
        at: r.int("at")?,
        actor: ActorKind::from_row(r)?,
        actor_label: r.text("actor_label")?,
        action: r.text("action")?,
        card_id: r.opt_uuid("card_id")?,
        pair_id: r.opt_uuid("pair_id")?,
        before: r.opt_json("before_json")?,
        after: r.opt_json("after_json")?,
        change_id: r.opt_uuid("change_id")?,
        payload: if has_payload { Some(payload(r)?) } else { None },
    })
}
