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
    /// The reference it quotes to withdraw; left out when it has none (pairs that joined
    /// before references existed), so older archives read and write back unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
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
    /// The UTC day retention deletes it on, if one is set (`YYYY-MM-DD`).
    pub delete_after: Option<String>,
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
    /// The UTC day retention deletes it on, if one is set (`YYYY-MM-DD`); not part of the
    /// session (no event), a fact of the workshop's row.
    pub delete_after: Option<String>,
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
            delete_after: None,
        }
    }

    /// The template aspect id of each aspect that has one (aspects it was created with; those
    /// added during the session have none), by aspect id.
    pub fn template_aspect_ids(&self) -> HashMap<Uuid, Uuid> {
        self.start_cards.iter().filter_map(|c| Some((c.id, c.template_aspect_id?))).collect()
    }
}

impl WorkshopSnapshot {
    /// This snapshot with every pair named only by its reference (pseudonymised exports):
    /// its label in the pairs, the replayed state, the stored rows and the event log (who
    /// acted, `pair_joined`'s state and event). A removed pair's label in its `pair_removed`
    /// row is dropped (that pair has no reference any more). A pair without a reference (it
    /// joined before references existed) is named `pair-` and the start of its id. Notes and
    /// post-its are kept as written.
    pub fn with_references_as_names(mut self) -> WorkshopSnapshot {
        let mut names: HashMap<Uuid, String> = HashMap::new();
        for (id, reference) in self
            .pair_rows
            .iter()
            .map(|p| (p.id, &p.reference))
            .chain(self.view.pairs.iter().map(|p| (p.id, &p.reference)))
        {
            let name = reference.clone().unwrap_or_else(|| name_without_reference(&id));
            names.entry(id).or_insert(name);
        }
        let name = |id: &Uuid| names.get(id).cloned().unwrap_or_else(|| name_without_reference(id));
        for pair in self.view.pairs.iter_mut().chain(self.pairs.iter_mut()) {
            pair.label = name(&pair.id);
        }
        for pair in &mut self.pair_rows {
            pair.label = name(&pair.id);
        }
        for event in &mut self.events {
            if let Some(pair_id) = event.pair_id
                && (event.actor == super::ActorKind::Pair || event.action == "pair_joined")
            {
                event.actor_label = name(&pair_id);
            }
            match &mut event.payload {
                Some(app::domain::Event::PairJoined { pair }) => {
                    pair.label = name(&pair.id);
                    event.after = Some(serde_json::json!({ "label": pair.label }));
                }
                Some(app::domain::Event::PairRemoved { .. }) => event.before = None,
                _ => {}
            }
        }
        self
    }
}

impl StoredWorkshop {
    /// The snapshot these rows stand for: the workshop as created (its row and first
    /// aspects) with every logged event applied in order ([`WorkshopSnapshot::replayed`]).
    pub fn replayed(&self) -> WorkshopSnapshot {
        let cards = self.cards.iter().map(|c| Card::new(c.id, c.text.clone(), c.order)).collect();
        let start = RoomView::new(self.workshop.clone(), cards);
        let snapshot = WorkshopSnapshot::replayed(start, self.events.clone(), self.cards.clone(), self.pairs.clone());
        WorkshopSnapshot { delete_after: self.delete_after.clone(), ..snapshot }
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
    let sql = "SELECT id, label, joined_at, join_seq, reference FROM pairs WHERE workshop_id = ?1 ORDER BY join_seq";
    conn.rows(sql, args![id])?
        .iter()
        .map(|r| {
            let (id, label) = (r.uuid("id")?, r.text("label")?);
            let (joined_at, join_seq, reference) = (r.int("joined_at")?, r.uint("join_seq")?, r.opt_text("reference")?);
            Ok(StoredPair { id, label, joined_at, join_seq, reference })
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
                let snapshot = WorkshopSnapshot::replayed(start, events, stored_cards(tx, id)?, stored_pairs(tx, id)?);
                let row = tx.row("SELECT delete_after FROM workshops WHERE id = ?1", args![id])?;
                let delete_after = row.map(|r| r.opt_text("delete_after")).transpose()?.flatten();
                Ok(Some(WorkshopSnapshot { delete_after, ..snapshot }))
            })
        })
    }
}

/// How exports name a pair that has no reference (it joined before pairs had references,
/// schema version 5): `pair-` and the first 8 hex digits of its id.
pub fn name_without_reference(id: &Uuid) -> String {
    format!("pair-{}", &id.simple().to_string()[..8])
}
