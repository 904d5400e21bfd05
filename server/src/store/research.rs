//! What researchers read and delete: a consistent snapshot of one workshop for the exports,
//! the list of every workshop, and removing a workshop with all its rows.

use app::domain::{Card, PairSummary, WorkshopInfo};
use rusqlite::{OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use super::changes::read_event_log;
use super::workshops::{WORKSHOP_COLUMNS, workshop_from_row};
use super::{LoggedEvent, Store, StoreError, uuid_at};

/// One stored placement, with how often it was moved since it was last put on the spectrum.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacementRecord {
    /// The pair.
    pub pair_id: Uuid,
    /// The aspect.
    pub card_id: Uuid,
    /// 0–100.
    pub position: f64,
    /// When it was put on the spectrum (from the tray), ms since the epoch.
    pub placed_at: i64,
    /// When it was last moved (equal to `placed_at` if never moved).
    pub moved_at: i64,
    /// Moves since `placed_at`.
    pub move_count: u32,
}

/// Everything stored about one workshop, read in one transaction so every export made from
/// it agrees with every other. Holds no secret: no hashes of secrets or tokens are read.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkshopSnapshot {
    /// The workshop.
    pub workshop: WorkshopInfo,
    /// Aspects in display order.
    pub cards: Vec<Card>,
    /// Pairs in joining order.
    pub pairs: Vec<PairSummary>,
    /// Placements, by pair joining order then aspect order.
    pub placements: Vec<PlacementRecord>,
    /// The whole event log in sequence order (without the screens' payloads).
    pub events: Vec<LoggedEvent>,
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
    /// Aspects currently on the spectrum, over all pairs.
    pub placements: u64,
}

impl Store {
    /// A consistent snapshot of workshop `id` for the exports; `None` if there is none.
    pub fn export_snapshot(&self, id: Uuid) -> Result<Option<WorkshopSnapshot>, StoreError> {
        let mut conn = self.conn();
        // A deferred transaction: its first read fixes the snapshot (WAL readers never block
        // the writers, and never see half of a change).
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let wid = id.to_string();
        let sql = format!("SELECT {WORKSHOP_COLUMNS} FROM workshops WHERE id = ?1");
        let Some(workshop) = tx.query_row(&sql, [&wid], workshop_from_row).optional()? else {
            return Ok(None);
        };
        let cards = tx
            .prepare("SELECT id, text, ord FROM cards WHERE workshop_id = ?1 ORDER BY ord, id")?
            .query_map([&wid], |r| Ok(Card { id: uuid_at(r, 0)?, text: r.get(1)?, order: r.get(2)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        let pairs = tx
            .prepare("SELECT id, label, joined_at FROM pairs WHERE workshop_id = ?1 ORDER BY join_seq, id")?
            .query_map([&wid], |r| Ok(PairSummary { id: uuid_at(r, 0)?, label: r.get(1)?, joined_at: r.get(2)? }))?
            .collect::<Result<Vec<_>, _>>()?;
        let placements = tx
            .prepare(
                "SELECT pl.pair_id, pl.card_id, pl.position, pl.placed_at, pl.moved_at, pl.move_count
                 FROM placements pl
                 JOIN pairs p ON p.id = pl.pair_id
                 JOIN cards c ON c.id = pl.card_id
                 WHERE pl.workshop_id = ?1 ORDER BY p.join_seq, c.ord, c.id",
            )?
            .query_map([&wid], |r| {
                Ok(PlacementRecord {
                    pair_id: uuid_at(r, 0)?,
                    card_id: uuid_at(r, 1)?,
                    position: r.get(2)?,
                    placed_at: r.get(3)?,
                    moved_at: r.get(4)?,
                    move_count: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let events = read_event_log(&tx, id, false)?;
        tx.finish()?;
        Ok(Some(WorkshopSnapshot { workshop, cards, pairs, placements, events }))
    }

    /// Every workshop with its counts, newest first (then by id, so the order is stable).
    pub fn list_workshops(&self) -> Result<Vec<WorkshopListing>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT w.id, w.title, w.site, w.created_at,
                    (SELECT COUNT(*) FROM pairs p WHERE p.workshop_id = w.id),
                    (SELECT COUNT(*) FROM cards c WHERE c.workshop_id = w.id),
                    (SELECT COUNT(*) FROM placements pl WHERE pl.workshop_id = w.id)
             FROM workshops w ORDER BY w.created_at DESC, w.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(WorkshopListing {
                    id: uuid_at(r, 0)?,
                    title: r.get(1)?,
                    site: r.get(2)?,
                    created_at: r.get(3)?,
                    pairs: r.get(4)?,
                    aspects: r.get(5)?,
                    placements: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Removes workshop `id` and every row that belongs to it (event log, placements, pairs,
    /// aspects), in one transaction. Explicit deletes rather than relying on `ON DELETE
    /// CASCADE`, so the rule holds on a database opened without foreign keys too.
    /// Returns whether there was such a workshop.
    pub fn delete_workshop(&self, id: Uuid) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wid = id.to_string();
        for table in ["events", "placements", "pairs", "cards"] {
            tx.execute(&format!("DELETE FROM {table} WHERE workshop_id = ?1"), [&wid])?;
        }
        let removed = tx.execute("DELETE FROM workshops WHERE id = ?1", [&wid])?;
        tx.commit()?;
        Ok(removed > 0)
    }
}
