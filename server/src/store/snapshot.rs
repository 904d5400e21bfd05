//! One workshop as everything stored about it: its stored rows (the aspects it was created
//! with, its pairs, its event log) and the state they replay to, read in one transaction
//! ([`Store::export_snapshot`]). The exports are made from it, and an import's check replays
//! an archive's rows with the same [`WorkshopSnapshot::replayed`].

use std::collections::HashMap;

use app::domain::{Card, PairSummary, RoomView, WorkshopInfo};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::changes::read_event_log;
use super::database::Store;
use super::error::StoreError;
use super::event_log::LoggedEvent;
use super::sql::{Sql, args, in_snapshot};
use super::workshops::start_view;

/// One of the aspects a workshop was created with (a row of `cards`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredCard {
    /// Aspect id.
    pub id: Uuid,
    /// Its text.
    pub text: String,
    /// Its place in the facilitator's order.
    pub order: u32,
    /// When it was stored, ms since the epoch.
    pub created_at: i64,
    /// The template aspect it stands for, if any (left out when none, and read as none from
    /// archives made before templates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_aspect_id: Option<Uuid>,
}

/// A pair as stored (a row of `pairs`), without its token hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPair {
    /// Pair id.
    pub id: Uuid,
    /// Its label.
    pub label: String,
    /// When it joined, ms since the epoch.
    pub joined_at: i64,
    /// Sequence number of its `pair_joined` event.
    pub join_seq: u64,
}

/// The stored rows of one workshop, as another server's archive brings them
/// ([`Store::import_record`] writes them): the workshop's row, the aspects it was created
/// with, its pairs and every event-log row with the event screens received. No secret is in
/// it: pairs' token hashes and the facilitator's secret hash are not part of it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredWorkshop {
    /// The workshop's public facts, with its template id when it has one (an import ignores
    /// its join code and gives it a new one).
    pub workshop: WorkshopInfo,
    /// The aspects it was created with, in order.
    pub cards: Vec<StoredCard>,
    /// Its pairs, in joining order.
    pub pairs: Vec<StoredPair>,
    /// Every event-log row, in sequence order, with the events screens received.
    pub events: Vec<LoggedEvent>,
}

/// Everything stored about one workshop, read in one transaction so every export made from
/// it agrees with every other. Holds no secret: no hashes of secrets or tokens are read.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkshopSnapshot {
    /// The workshop.
    pub workshop: WorkshopInfo,
    /// Aspects with data (not hidden, not merged away), in display order.
    pub cards: Vec<Card>,
    /// Pairs in joining order.
    pub pairs: Vec<PairSummary>,
    /// The replayed state: placements of every round, notes, phase, rounds opened.
    pub view: RoomView,
    /// The whole event log in sequence order, with the events screens received.
    pub events: Vec<LoggedEvent>,
    /// The aspects the workshop was created with (rows of `cards`), for `event-log.json`.
    pub start_cards: Vec<StoredCard>,
    /// The pairs as stored, in joining order, for `event-log.json`.
    pub pair_rows: Vec<StoredPair>,
}

impl WorkshopSnapshot {
    /// The snapshot of `start` (the workshop as created, before any event) with every event
    /// of the log `events` applied in order ([`RoomView::apply`], as [`Store::load_room`]
    /// replays a workshop after a restart), keeping the stored rows it came with.
    pub fn replayed(
        mut start: RoomView,
        events: Vec<LoggedEvent>,
        start_cards: Vec<StoredCard>,
        pair_rows: Vec<StoredPair>,
    ) -> WorkshopSnapshot {
        for event in &events {
            if let Some(payload) = &event.payload {
                start.apply(event.seq, payload);
            }
            // A row without an event (or a removed pair's gap) still counts.
            start.seq = start.seq.max(event.seq);
        }
        let view = start;
        WorkshopSnapshot {
            workshop: view.workshop.clone(),
            cards: view.active_cards(),
            pairs: view.pairs.clone(),
            view,
            events,
            start_cards,
            pair_rows,
        }
    }

    /// The template aspect id of each aspect that has one (aspects it was created with; those
    /// added during the session have none), by aspect id.
    pub fn template_aspect_ids(&self) -> HashMap<Uuid, Uuid> {
        self.start_cards.iter().filter_map(|c| Some((c.id, c.template_aspect_id?))).collect()
    }
}

impl StoredWorkshop {
    /// The snapshot these rows stand for: the workshop as created (its row and first
    /// aspects) with every logged event applied in order ([`WorkshopSnapshot::replayed`]).
    pub fn replayed(&self) -> WorkshopSnapshot {
        let cards = self.cards.iter().map(|c| Card::new(c.id, c.text.clone(), c.order)).collect();
        let start = RoomView::new(self.workshop.clone(), cards);
        WorkshopSnapshot::replayed(start, self.events.clone(), self.cards.clone(), self.pairs.clone())
    }
}

/// The aspects workshop `id` was created with, in order.
fn stored_cards(conn: &mut dyn Sql, id: Uuid) -> Result<Vec<StoredCard>, StoreError> {
    conn.rows(
        "SELECT id, text, ord, created_at, template_aspect_id FROM cards WHERE workshop_id = ?1 ORDER BY ord, id",
        args![id],
    )?
    .iter()
    .map(|r| {
        Ok(StoredCard {
            id: r.uuid("id")?,
            text: r.text("text")?,
            order: r.u32("ord")?,
            created_at: r.int("created_at")?,
            template_aspect_id: r.opt_uuid("template_aspect_id")?,
        })
    })
    .collect()
}

/// The pairs of workshop `id` in joining order, without their token hashes.
fn stored_pairs(conn: &mut dyn Sql, id: Uuid) -> Result<Vec<StoredPair>, StoreError> {
    conn.rows("SELECT id, label, joined_at, join_seq FROM pairs WHERE workshop_id = ?1 ORDER BY join_seq", args![id])?
        .iter()
        .map(|r| {
            let (id, label) = (r.uuid("id")?, r.text("label")?);
            Ok(StoredPair { id, label, joined_at: r.int("joined_at")?, join_seq: r.uint("join_seq")? })
        })
        .collect()
}

impl Store {
    /// A consistent snapshot of workshop `id` for the exports; `None` if there is none.
    pub fn export_snapshot(&self, id: Uuid) -> Result<Option<WorkshopSnapshot>, StoreError> {
        // One snapshot: readers never block the writers, and never see half of a change.
        self.read(|db| {
            in_snapshot(db, |tx| {
                let Some(start) = start_view(tx, id)? else { return Ok(None) };
                let events = read_event_log(tx, id, true)?;
                Ok(Some(WorkshopSnapshot::replayed(start, events, stored_cards(tx, id)?, stored_pairs(tx, id)?)))
            })
        })
    }
}
