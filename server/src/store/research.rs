//! What researchers read and delete: the list of every workshop, a workshop's log for the
//! replay, and removing a workshop with all its rows. (The snapshot the exports are made
//! from is [`super::snapshot`].)

use app::domain::{Event, Phase, RoomView};
use uuid::Uuid;

use super::changes::read_event_log;
use super::database::{Store, announce};
use super::error::StoreError;
use super::event_log::LoggedEvent;
use super::sql::{args, in_snapshot};
use super::workshops::start_view;

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
