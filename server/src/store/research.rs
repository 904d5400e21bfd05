//! What researchers read and delete: the list of every workshop, a workshop's log for the
//! replay, and removing a workshop with all its rows. (The snapshot the exports are made
//! from is [`super::snapshot`].)

use app::domain::day::Day;
use app::domain::{Event, Phase, RoomView};
use uuid::Uuid;

use super::audit::{AuditEntry, insert_audit};
use super::changes::read_event_log;
use super::database::{Store, announce};
use super::error::StoreError;
use super::event_log::LoggedEvent;
use super::sql::{Sql, args, in_snapshot};
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
    /// The UTC day (`YYYY-MM-DD`) retention deletes it on, if one is set.
    pub delete_after: Option<String>,
    /// The last day on which a pair can be withdrawn, if one is set (from its last settings).
    pub withdrawal_deadline: Option<Day>,
}

/// The phase a `phase_changed` event's payload moved to; `Joining` when there was none. A
/// payload that does not parse (never written by this server) counts as none.
fn phase_of(payload: Option<&str>) -> Phase {
    match payload.and_then(|json| serde_json::from_str::<Event>(json).ok()) {
        Some(Event::PhaseChanged { phase, .. }) => phase,
        _ => Phase::Joining,
    }
}

/// The withdrawal deadline of a `settings_changed` event's payload; none when there was none.
fn deadline_of(payload: Option<&str>) -> Option<Day> {
    match payload.and_then(|json| serde_json::from_str::<Event>(json).ok()) {
        Some(Event::SettingsChanged { settings, .. }) => settings.withdrawal_deadline,
        _ => None,
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
                "SELECT w.id, w.title, w.site, w.created_at, w.delete_after,
                    (SELECT COUNT(*) FROM pairs p WHERE p.workshop_id = w.id) AS pairs,
                    (SELECT COUNT(*) FROM cards c WHERE c.workshop_id = w.id) AS aspects,
                    (SELECT COUNT(*) FROM events e WHERE e.workshop_id = w.id AND e.action = 'placed') AS placements,
                    (SELECT e.payload_json FROM events e
                      WHERE e.workshop_id = w.id AND e.action = 'phase_changed' ORDER BY e.seq DESC LIMIT 1) AS phase,
                    (SELECT e.payload_json FROM events e
                      WHERE e.workshop_id = w.id AND e.action = 'settings_changed' ORDER BY e.seq DESC LIMIT 1)
                      AS settings
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
                    delete_after: r.opt_text("delete_after")?,
                    withdrawal_deadline: deadline_of(r.opt_text("settings")?.as_deref()),
                })
            })
            .collect()
    }

    /// Removes workshop `id` and every row that belongs to it (event log, pairs, aspects), in
    /// one transaction, then leaves none of it in the database's files ([`Store::scrub_disk`]).
    /// Explicit deletes rather than relying on `ON DELETE CASCADE`, so the
    /// rule holds on a database opened without foreign keys too. Its audit rows stay.
    /// Returns whether there was such a workshop.
    pub fn delete_workshop(&self, id: Uuid) -> Result<bool, StoreError> {
        let removed = self.write(move |tx| delete_rows(tx, id))?;
        if removed {
            self.scrub_disk()?;
        }
        Ok(removed)
    }

    /// [`Store::delete_workshop`], appending `audit` (at `at`) to the audit log in the same
    /// transaction when, and only when, this call removed the workshop: of two deletions at
    /// once (two researchers, or retention on two instances of one database) the second finds
    /// nothing, changes nothing and records nothing.
    pub fn delete_workshop_recorded(&self, id: Uuid, audit: AuditEntry, at: i64) -> Result<bool, StoreError> {
        let removed = self.write(move |tx| {
            let removed = delete_rows(tx, id)?;
            if removed {
                insert_audit(tx, &audit, at)?;
            }
            Ok(removed)
        })?;
        // None of the deleted text is left in the database's files.
        if removed {
            self.scrub_disk()?;
        }
        Ok(removed)
    }
}

/// Deletes workshop `id`'s rows on `tx` (see [`Store::delete_workshop`]); whether it was there.
fn delete_rows(tx: &mut dyn Sql, id: Uuid) -> Result<bool, StoreError> {
    // On PostgreSQL the workshop's row is locked first, so a second deletion at the same
    // moment waits for this one and then finds nothing.
    tx.lock_row("workshops", id.into())?;
    for table in ["events", "withdrawn_pairs", "pairs", "cards"] {
        tx.exec(&format!("DELETE FROM {table} WHERE workshop_id = ?1"), args![id])?;
    }
    let removed = tx.exec("DELETE FROM workshops WHERE id = ?1", args![id])?;
    if removed > 0 {
        announce(tx, id, None)?;
    }
    Ok(removed > 0)
}
