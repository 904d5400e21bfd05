//! What researchers read and delete: a consistent snapshot of one workshop for the exports,
//! the list of every workshop, and removing a workshop with all its rows.

use app::domain::{Card, Event, PairSummary, Phase, RoomView, WorkshopInfo};
use uuid::Uuid;

use super::archive::{StoredCard, StoredPair, stored_cards, stored_pairs};
use super::changes::read_event_log;
use super::sql::{args, in_snapshot};
use super::workshops::{replay, start_view};
use super::{LoggedEvent, Store, StoreError, announce};

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

/// One line of the researchers' list of workshops.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WorkshopListing {
    /// Workshop id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Study site.
    pub site: String,
    /// Creation time, ms since the epoch.
    pub created_at: i64,
    /// Pairs that joined.
    pub pairs: u64,
    /// Aspects.
    pub aspects: u64,
    /// Post-its put on the spectrum (`placed` events, over all pairs and rounds).
    pub placements: u64,
    /// Where the session is now (from its last phase change).
    pub phase: Phase,
}

/// The phase a `phase_changed` event's payload moved to; `Joining` when there was none. A
/// payload that does not parse (never written by this server) counts as none.
fn phase_of(payload: Option<&str>) -> Phase {
    match payload.and_then(|json| serde_json::from_str::<Event>(json).ok()) {
        Some(Event::PhaseChanged { phase, .. }) => phase,
        _ => Phase::Joining,
    }
}

impl Store {
    /// A consistent snapshot of workshop `id` for the exports; `None` if there is none.
    pub fn export_snapshot(&self, id: Uuid) -> Result<Option<WorkshopSnapshot>, StoreError> {
        // One snapshot: readers never block the writers, and never see half of a change.
        let read = self.read(|db| {
            in_snapshot(db, |tx| {
                let Some(view) = replay(tx, id)? else { return Ok(None) };
                let events = read_event_log(tx, id, true)?;
                Ok(Some((view, events, stored_cards(tx, id)?, stored_pairs(tx, id)?)))
            })
        })?;
        let Some((view, events, start_cards, pair_rows)) = read else { return Ok(None) };
        Ok(Some(WorkshopSnapshot {
            workshop: view.workshop.clone(),
            cards: view.active_cards(),
            pairs: view.pairs.clone(),
            view,
            events,
            start_cards,
            pair_rows,
        }))
    }

    /// Workshop `id` as created (before any event) and its whole event log with the events
    /// screens received, read in one transaction: what the researchers' replay steps through.
    /// Applying every logged event to the start gives the state [`Store::load_room`] rebuilds.
    /// `None` if there is no such workshop. The join code is still in the start's workshop.
    pub fn replay_log(&self, id: Uuid) -> Result<Option<(RoomView, Vec<LoggedEvent>)>, StoreError> {
        self.read(|db| {
            in_snapshot(db, |tx| {
                let Some(start) = start_view(tx, id)? else { return Ok(None) };
                Ok(Some((start, read_event_log(tx, id, true)?)))
            })
        })
    }

    /// Every workshop with its counts, newest first (then by id, so the order is stable).
    pub fn list_workshops(&self) -> Result<Vec<WorkshopListing>, StoreError> {
        let rows = self.read(|db| {
            db.rows(
                "SELECT w.id, w.title, w.site, w.created_at,
                    (SELECT COUNT(*) FROM pairs p WHERE p.workshop_id = w.id) AS pairs,
                    (SELECT COUNT(*) FROM cards c WHERE c.workshop_id = w.id) AS aspects,
                    (SELECT COUNT(*) FROM events e WHERE e.workshop_id = w.id AND e.action = 'placed') AS placements,
                    (SELECT e.payload_json FROM events e
                      WHERE e.workshop_id = w.id AND e.action = 'phase_changed' ORDER BY e.seq DESC LIMIT 1) AS phase
                 FROM workshops w ORDER BY w.created_at DESC, w.id",
                args![],
            )
        })?;
        rows.iter()
            .map(|r| {
                Ok(WorkshopListing {
                    id: r.uuid("id")?,
                    title: r.text("title")?,
                    site: r.text("site")?,
                    created_at: r.int("created_at")?,
                    pairs: r.uint("pairs")?,
                    aspects: r.uint("aspects")?,
                    placements: r.uint("placements")?,
                    phase: phase_of(r.opt_text("phase")?.as_deref()),
                })
            })
            .collect()
    }

    /// Removes workshop `id` and every row that belongs to it (event log, pairs, aspects), in one transaction. Explicit deletes rather than relying on `ON DELETE
    /// CASCADE`, so the rule holds on a database opened without foreign keys too.
    /// Returns whether there was such a workshop.
    pub fn delete_workshop(&self, id: Uuid) -> Result<bool, StoreError> {
        self.write(move |tx| {
            for table in ["events", "pairs", "cards"] {
                tx.exec(&format!("DELETE FROM {table} WHERE workshop_id = ?1"), args![id])?;
            }
            let removed = tx.exec("DELETE FROM workshops WHERE id = ?1", args![id])?;
            if removed > 0 {
                announce(tx, id, None)?;
            }
            Ok(removed > 0)
        })
    }
}
