//! A workshop's stored record, as the export archive carries it (`event-log.json`): the
//! workshop's row, the aspects it was created with, its pairs and every event-log row with
//! the event screens received. It is what another server rebuilds the workshop from
//! ([`Store::import_record`]), with the same replay the server uses after a restart
//! ([`replayed_snapshot`]). No secret is in it: pairs' token hashes and the facilitator's
//! secret hash are not read.

use std::borrow::Cow;

use app::domain::{Card, RoomView, WorkshopInfo};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::snapshot::{StoredCard, StoredPair, WorkshopSnapshot};
use super::sql::args;
use super::workshops::{CODE_ATTEMPTS, free_join_code};
use super::{EventRow, LoggedEvent, Store, StoreError, insert_event};

/// Version of `event-log.json`'s layout.
pub const RECORD_VERSION: u32 = 1;

/// The whole stored record of one workshop: `event-log.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRecord {
    /// [`RECORD_VERSION`].
    pub version: u32,
    /// The workshop's public facts (its join code empty: an archive carries none), with its
    /// template id when it has one.
    pub workshop: WorkshopInfo,
    /// The aspects it was created with, in order.
    pub cards: Vec<StoredCard>,
    /// Its pairs, in joining order.
    pub pairs: Vec<StoredPair>,
    /// Every event-log row, in sequence order, with the events screens received.
    pub events: Vec<LoggedEvent>,
}

/// `event-log.json` of a snapshot, borrowed (the export writes it without copying the log).
#[derive(Serialize)]
pub struct RecordRef<'a> {
    version: u32,
    workshop: WorkshopInfo,
    cards: &'a [StoredCard],
    pairs: &'a [StoredPair],
    events: Vec<Cow<'a, LoggedEvent>>,
}

impl WorkshopSnapshot {
    /// The stored record this snapshot was read from, for `event-log.json`, without the join
    /// code (in the workshop and in the `workshop_created` row), like every file of an
    /// export: an import gets a new one.
    pub fn record(&self) -> RecordRef<'_> {
        let workshop = WorkshopInfo { join_code: String::new(), ..self.workshop.clone() };
        let events = self
            .events
            .iter()
            .map(|e| {
                let has_code = |v: &Option<serde_json::Value>| v.as_ref().is_some_and(|v| v.get("join_code").is_some());
                if !has_code(&e.before) && !has_code(&e.after) {
                    return Cow::Borrowed(e);
                }
                let mut e = e.clone();
                for state in [&mut e.before, &mut e.after].into_iter().flatten() {
                    if let Some(object) = state.as_object_mut() {
                        object.remove("join_code");
                    }
                }
                Cow::Owned(e)
            })
            .collect();
        RecordRef { version: RECORD_VERSION, workshop, cards: &self.start_cards, pairs: &self.pair_rows, events }
    }
}

/// Why a record cannot be a workshop on this server; nothing was stored.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RecordError {
    /// A later layout than this server reads.
    #[error("event-log.json has layout version {0}; this server reads version {RECORD_VERSION}")]
    Version(u32),
    /// Sequence numbers must grow.
    #[error("event-log.json: event {seq} comes after event {previous}; the log must be in sequence order")]
    OutOfOrder {
        /// The earlier event's number.
        previous: u64,
        /// This one's.
        seq: u64,
    },
    /// A position outside the spectrum (never written by a server).
    #[error("event-log.json: event {0} places a post-it outside the spectrum (0 to 100)")]
    OffTheSpectrum(u64),
    /// The first event must be the workshop's creation.
    #[error("event-log.json: the log must start with the workshop's creation (event 1)")]
    NoCreation,
}

/// The snapshot a record stands for: the workshop as created with every logged event applied
/// in order ([`RoomView::apply`], as [`Store::load_room`] replays a workshop after a restart).
pub fn replayed_snapshot(record: &StoredRecord) -> Result<WorkshopSnapshot, RecordError> {
    if record.version != RECORD_VERSION {
        return Err(RecordError::Version(record.version));
    }
    match record.events.first() {
        Some(first) if first.seq == 1 && first.action == "workshop_created" => {}
        _ => return Err(RecordError::NoCreation),
    }
    let mut previous = 0;
    for event in &record.events {
        if event.seq <= previous {
            return Err(RecordError::OutOfOrder { previous, seq: event.seq });
        }
        previous = event.seq;
        if let Some(app::domain::Event::Placed { position: Some(p), .. }) = &event.payload
            && !(0.0..=100.0).contains(p)
        {
            return Err(RecordError::OffTheSpectrum(event.seq));
        }
    }
    let cards = record.cards.iter().map(|c| Card::new(c.id, c.text.clone(), c.order)).collect();
    let start = RoomView::new(record.workshop.clone(), cards);
    Ok(WorkshopSnapshot::replayed(start, record.events.clone(), record.cards.clone(), record.pairs.clone()))
}

/// What [`Store::import_record`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// Stored under its own id, with a new join code (an archive carries none).
    Created {
        /// The join code it has here.
        join_code: String,
    },
    /// A workshop with this id is already here; nothing was changed.
    AlreadyHere,
}

impl Store {
    /// Stores a record from another server's archive as it was: the workshop under its own
    /// id, its first aspects, its pairs (with fresh token hashes nobody holds, so no old
    /// tablet can act in it) and every event-log row unchanged, in one transaction. The
    /// facilitator's secret hash is `secret_hash` (of a secret nobody has been given, until
    /// the research area issues a console link). Check the record first
    /// ([`replayed_snapshot`]).
    pub fn import_record(&self, record: StoredRecord, secret_hash: String) -> Result<Imported, StoreError> {
        self.write(move |tx| {
            let w = &record.workshop;
            let wid = w.id;
            if tx.row("SELECT 1 FROM workshops WHERE id = ?1", args![wid])?.is_some() {
                return Ok(Imported::AlreadyHere);
            }
            let join_code = free_join_code(tx, CODE_ATTEMPTS)?;
            tx.exec(
                "INSERT INTO workshops (id, title, site, question, left_pole, right_pole, join_code,
                                        facilitator_secret_hash, created_at, template_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                args![
                    wid,
                    &w.title,
                    &w.site,
                    &w.question,
                    &w.left_pole,
                    &w.right_pole,
                    &join_code,
                    &secret_hash,
                    w.created_at,
                    w.template_id
                ],
            )?;
            for card in &record.cards {
                tx.exec(
                    "INSERT INTO cards (id, workshop_id, text, ord, created_at, template_aspect_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    args![card.id, wid, &card.text, card.order, card.created_at, card.template_aspect_id],
                )?;
            }
            for pair in &record.pairs {
                let unusable = crate::secret::hash_secret(&crate::secret::new_secret());
                tx.exec(
                    "INSERT INTO pairs (id, workshop_id, label, token_hash, joined_at, join_seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    args![pair.id, wid, &pair.label, unusable, pair.joined_at, pair.join_seq],
                )?;
            }
            for e in &record.events {
                insert_event(
                    tx,
                    EventRow {
                        card_id: e.card_id,
                        pair_id: e.pair_id,
                        before: e.before.clone(),
                        after: e.after.clone(),
                        change_id: e.change_id,
                        payload: e.payload.as_ref(),
                        ..EventRow::new(w.id, e.seq, e.at, (e.actor, &e.actor_label), &e.action)
                    },
                )?;
            }
            Ok(Imported::Created { join_code })
        })
    }

    /// Gives workshop `id` a new facilitator secret (stored as `secret_hash`); the old console
    /// link stops working. Returns whether there is such a workshop.
    pub fn replace_console_secret(&self, id: Uuid, secret_hash: String) -> Result<bool, StoreError> {
        self.write(move |tx| {
            let changed =
                tx.exec("UPDATE workshops SET facilitator_secret_hash = ?1 WHERE id = ?2", args![&secret_hash, id])?;
            Ok(changed > 0)
        })
    }
}
