//! The event log's vocabulary: who acted ([`Actor`], stored as an [`ActorKind`] and a
//! label), a decided change with its row ([`NewEvent::decided`]), and a row read back
//! ([`LoggedEvent`]). The changes' names (`placed`, `moved`, …) are
//! [`RoomView::action_name`]'s, the same the researchers' replay shows.

use app::domain::{Event, PairSummary, RoomView};
use serde_json::json;
use uuid::Uuid;

use super::error::StoreError;
use super::sql::{Row, Value};

/// The `actor` column of the event log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// The facilitator (from the console, or the researcher area closing a workshop).
    Facilitator,
    /// The server itself (a pair joining).
    System,
    /// A pair, from its tablet; `actor_label` is its label.
    Pair,
    /// A researcher with the admin key (withdrawing a pair).
    Researcher,
}

impl ActorKind {
    /// As stored and exported: `facilitator`, `system`, `pair` or `researcher`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Facilitator => "facilitator",
            ActorKind::System => "system",
            ActorKind::Pair => "pair",
            ActorKind::Researcher => "researcher",
        }
    }

    /// The kind stored as `text`, if it is one.
    pub fn parse(text: &str) -> Option<ActorKind> {
        match text {
            "facilitator" => Some(ActorKind::Facilitator),
            "system" => Some(ActorKind::System),
            "pair" => Some(ActorKind::Pair),
            "researcher" => Some(ActorKind::Researcher),
            _ => None,
        }
    }

    /// The `actor` column of an event-log row.
    pub(super) fn from_row(row: &Row) -> Result<ActorKind, StoreError> {
        let text = row.text("actor")?;
        ActorKind::parse(&text).ok_or_else(|| StoreError::Corrupt(format!("unknown actor {text:?}")))
    }
}

impl From<ActorKind> for Value {
    fn from(v: ActorKind) -> Value {
        Value::Text(v.as_str().to_string())
    }
}

/// Who made a change, as the event log records it.
#[derive(Clone, Debug, PartialEq)]
pub enum Actor {
    /// The facilitator, from the console.
    Facilitator,
    /// A pair, from its tablet.
    Pair(PairSummary),
}

impl Actor {
    /// The `actor`, `actor_label` and pair of its event-log rows.
    pub(super) fn columns(&self) -> (ActorKind, &str, Option<Uuid>) {
        match self {
            Actor::Facilitator => (ActorKind::Facilitator, "Facilitator", None),
            Actor::Pair(pair) => (ActorKind::Pair, pair.label.as_str(), Some(pair.id)),
        }
    }
}

/// One decided change, ready to be written with its event-log row.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// Who.
    pub actor: Actor,
    /// The event log's name for it (`placed`, `phase_changed`, …).
    pub action: &'static str,
    /// The client's change id.
    pub change_id: Uuid,
    /// The aspect it is about, if any.
    pub card_id: Option<Uuid>,
    /// The pair whose work it changes (removed with the pair), if any.
    pub pair_id: Option<Uuid>,
    /// State before, for researchers.
    pub before: Option<serde_json::Value>,
    /// State after, for researchers.
    pub after: Option<serde_json::Value>,
    /// The event itself (replayed on load, sent to screens).
    pub event: Event,
}

impl NewEvent {
    /// The event-log row of a decided change: its name, the aspect and pair it concerns, and
    /// the state before and after in JSON for researchers. `view` is the state before it.
    pub fn decided(view: &RoomView, actor: Actor, change_id: Uuid, event: Event) -> NewEvent {
        let action = view.action_name(&event);
        let (card_id, pair_id, before, after) = match &event {
            Event::Placed { pair_id, card_id, round, position, .. } => {
                let before = view.placement_in(*round, *pair_id, *card_id).and_then(|p| p.shown_position());
                (
                    Some(*card_id),
                    Some(*pair_id),
                    before.map(|p| json!({ "position": p })),
                    Some(json!({ "position": position })),
                )
            }
            Event::Unplaced { pair_id, card_id, round, .. } => {
                let before = view.placement_in(*round, *pair_id, *card_id).and_then(|p| p.shown_position());
                (Some(*card_id), Some(*pair_id), before.map(|p| json!({ "position": p })), None)
            }
            Event::SheetSaved { pair_id, card_id, round, intended, unintended, cant_place, .. } => (
                Some(*card_id),
                Some(*pair_id),
                None,
                Some(
                    json!({ "round": round, "intended": intended, "unintended": unintended, "cant_place": cant_place }),
                ),
            ),
            Event::CardAdded { card, .. } => (Some(card.id), card.author, None, Some(json!({ "text": card.text }))),
            Event::CardChanged { card, .. } => {
                let old = view.card(card.id);
                let state = |c: &app::domain::Card| json!({ "text": c.text, "hidden": c.hidden, "locked": c.locked });
                (Some(card.id), None, old.map(state), Some(state(card)))
            }
            Event::CardsMerged { from, into, .. } => {
                let text = |id: &Uuid| view.card(*id).map(|c| c.text.clone());
                (
                    Some(*from),
                    None,
                    Some(json!({ "text": text(from) })),
                    Some(json!({ "merged_into": into, "text": text(into) })),
                )
            }
            Event::PhaseChanged { phase, .. } => {
                (None, None, Some(json!({ "phase": view.phase.name() })), Some(json!({ "phase": phase.name() })))
            }
            Event::PairRemoved { pair_id, .. } => {
                (None, Some(*pair_id), view.pair(*pair_id).map(|p| json!({ "label": p.label })), None)
            }
            Event::ConsentGiven { pair_id, version, people, .. } => {
                (None, Some(*pair_id), None, Some(json!({ "version": version, "people": people })))
            }
            // The text is in workshop.json's sheets; the log names the version.
            Event::ConsentSheetSet { sheet, .. } => (
                None,
                None,
                view.current_sheet().map(|v| json!({ "version": v.sheet.version })),
                Some(json!({ "version": sheet.version, "title": sheet.title })),
            ),
            other => {
                let mut after = serde_json::to_value(other).unwrap_or_default();
                if let Some(map) = after.as_object_mut() {
                    map.remove("kind");
                    map.remove("at");
                }
                (None, None, None, Some(after))
            }
        };
        NewEvent { actor, action, change_id, card_id, pair_id, before, after, event }
    }
}

/// One row of the event log, as researchers and tests read it (and as the archive's
/// `event-log.json` carries it).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoggedEvent {
    /// Sequence number in the workshop.
    pub seq: u64,
    /// When, ms since the epoch.
    pub at: i64,
    /// Who, by kind.
    pub actor: ActorKind,
    /// Who, in words (the pair's label).
    pub actor_label: String,
    /// `workshop_created`, `pair_joined`, `placed`, `moved` or `unplaced`.
    pub action: String,
    /// The aspect, for placement actions.
    pub card_id: Option<Uuid>,
    /// The pair concerned.
    pub pair_id: Option<Uuid>,
    /// State before, e.g. `{"position":42.5}`.
    pub before: Option<serde_json::Value>,
    /// State after.
    pub after: Option<serde_json::Value>,
    /// The client's change id.
    pub change_id: Option<Uuid>,
    /// The event screens received, if any.
    pub payload: Option<Event>,
}

impl LoggedEvent {
    /// Who, in words: the pair's label, else `facilitator` or `system`.
    pub fn who(&self) -> &str {
        if self.actor == ActorKind::Pair { &self.actor_label } else { self.actor.as_str() }
    }
}
