//! The workshop as both sides see it: aspects (post-its), pairs, placements, and the numbered
//! events that change them. The server keeps one [`RoomView`] per live workshop and every
//! browser keeps a copy, updated by the same [`RoomView::apply`].

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::stats::{Summary, summarize};

/// Default question shown above the spectrum.
pub const DEFAULT_QUESTION: &str =
    "In an ideal social prescribing service, how much discretion should link workers have over…";
/// Default label of the left pole.
pub const DEFAULT_LEFT_POLE: &str = "Fixed / prescribed";
/// Default label of the right pole.
pub const DEFAULT_RIGHT_POLE: &str = "Flexible / autonomous";

/// Aspects that came up in the study's meetings (see DESIGN.md); the facilitator edits them.
pub const DEFAULT_ASPECTS: &[&str] = &[
    "How many appointments a patient can have",
    "How long each appointment lasts",
    "Where people are seen",
    "\"Holding\" patients until they are ready, and for how long",
    "Shared holding with GPs for patients of concern",
    "Coming back into the service for more \"layers\"",
    "Excluding nobody, whatever their needs",
    "Caseload balance and link-worker wellbeing",
    "Time in the community developing activities and groups",
    "Supporting carers and family members",
];

/// Public facts about a workshop: everything here may be shown on the projector.
/// It carries no secret.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkshopInfo {
    /// Stable public id (used in the projector URL).
    pub id: Uuid,
    /// Title, e.g. "Knowledge exchange meeting".
    pub title: String,
    /// Study site label, e.g. "Site 3".
    pub site: String,
    /// The question shown above the spectrum.
    pub question: String,
    /// Label of the 0 end.
    pub left_pole: String,
    /// Label of the 100 end.
    pub right_pole: String,
    /// Short join code read aloud to the room.
    pub join_code: String,
    /// Creation time, milliseconds since the Unix epoch (UTC).
    pub created_at: i64,
}

/// One aspect of the role: a post-it every pair can place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Stable id.
    pub id: Uuid,
    /// What the post-it says.
    pub text: String,
    /// Display order (0-based), as the facilitator arranged them.
    pub order: u32,
}

/// A pair of link workers sharing a tablet. Only the label they chose; no personal data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairSummary {
    /// Stable id (public; the pair's secret token is separate and never broadcast).
    pub id: Uuid,
    /// Label the pair chose, e.g. "Pair 3".
    pub label: String,
    /// When the pair joined, ms since the epoch.
    pub joined_at: i64,
}

/// Where one pair put one aspect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The pair that placed it.
    pub pair_id: Uuid,
    /// The aspect.
    pub card_id: Uuid,
    /// 0 (left pole) to 100 (right pole), one decimal.
    pub position: f64,
    /// When it was first put on the spectrum (ms since the epoch).
    pub placed_at: i64,
    /// When it was last moved (equals `placed_at` until it moves).
    pub moved_at: i64,
}

/// A committed change. Every event has a sequence number in its workshop and is stored in the
/// event log in the same transaction as the change itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A new pair joined.
    PairJoined { pair: PairSummary },
    /// A pair put an aspect on the spectrum, or moved it there.
    Placed { pair_id: Uuid, card_id: Uuid, position: f64, at: i64 },
    /// A pair took an aspect back off the spectrum into its tray.
    Unplaced { pair_id: Uuid, card_id: Uuid, at: i64 },
}

impl Event {
    /// The pair whose work this event changes, if any.
    pub fn pair_id(&self) -> Uuid {
        match self {
            Event::PairJoined { pair } => pair.id,
            Event::Placed { pair_id, .. } | Event::Unplaced { pair_id, .. } => *pair_id,
        }
    }
}

/// Who is looking: decides what each screen may receive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Viewer {
    /// The facilitator's console: sees everything.
    Facilitator,
    /// The projector: sees the room's aggregate picture.
    Projector,
    /// A pair's tablet.
    Pair { pair_id: Uuid, label: String },
}

impl Viewer {
    /// Whether this viewer may receive `event`. A pair sees the pairs list (so "n of N" is
    /// right) but only its own placements: nobody anchors on the others while placing.
    pub fn may_see(&self, event: &Event) -> bool {
        match (self, event) {
            (Viewer::Pair { .. }, Event::PairJoined { .. }) => true,
            (Viewer::Pair { pair_id, .. }, e) => e.pair_id() == *pair_id,
            _ => true,
        }
    }
}

/// The whole state of a workshop that screens draw from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    /// Public workshop facts.
    pub workshop: WorkshopInfo,
    /// Aspects, in display order.
    pub cards: Vec<Card>,
    /// Pairs, in joining order.
    pub pairs: Vec<PairSummary>,
    /// Current placements (at most one per pair and card).
    pub placements: Vec<Placement>,
    /// Sequence number of the last event reflected here.
    pub seq: u64,
}

/// One row of the aggregate picture: an aspect with every pair's position and the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct AspectRow {
    /// The aspect.
    pub card: Card,
    /// Positions of the pairs that placed it, with the pair id (sorted by position).
    pub positions: Vec<(Uuid, f64)>,
    /// Median and quartiles, when at least one pair placed it.
    pub summary: Option<Summary>,
}

impl RoomView {
    /// Applies a committed event with sequence number `seq`. Applying an event twice, or an
    /// older one, changes nothing, so a resent update is harmless.
    pub fn apply(&mut self, seq: u64, event: &Event) {
        if seq <= self.seq {
            return;
        }
        self.seq = seq;
        match event {
            Event::PairJoined { pair } => {
                if !self.pairs.iter().any(|p| p.id == pair.id) {
                    self.pairs.push(pair.clone());
                }
            }
            Event::Placed { pair_id, card_id, position, at } => match self.placement_mut(*pair_id, *card_id) {
                Some(p) => {
                    p.position = *position;
                    p.moved_at = *at;
                }
                None => self.placements.push(Placement {
                    pair_id: *pair_id,
                    card_id: *card_id,
                    position: *position,
                    placed_at: *at,
                    moved_at: *at,
                }),
            },
            Event::Unplaced { pair_id, card_id, .. } => {
                self.placements.retain(|p| !(p.pair_id == *pair_id && p.card_id == *card_id));
            }
        }
    }

    fn placement_mut(&mut self, pair_id: Uuid, card_id: Uuid) -> Option<&mut Placement> {
        self.placements.iter_mut().find(|p| p.pair_id == pair_id && p.card_id == card_id)
    }

    /// Where `pair_id` put `card_id`, if it placed it.
    pub fn placement(&self, pair_id: Uuid, card_id: Uuid) -> Option<&Placement> {
        self.placements.iter().find(|p| p.pair_id == pair_id && p.card_id == card_id)
    }

    /// The card with this id.
    pub fn card(&self, card_id: Uuid) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == card_id)
    }

    /// The pair with this id.
    pub fn pair(&self, pair_id: Uuid) -> Option<&PairSummary> {
        self.pairs.iter().find(|p| p.id == pair_id)
    }

    /// How many aspects this pair has placed.
    pub fn placed_count(&self, pair_id: Uuid) -> usize {
        self.placements.iter().filter(|p| p.pair_id == pair_id).count()
    }

    /// The copy of this view that `viewer` may receive (see [`Viewer::may_see`]).
    pub fn visible_to(&self, viewer: &Viewer) -> RoomView {
        let mut view = self.clone();
        if let Viewer::Pair { pair_id, .. } = viewer {
            view.placements.retain(|p| p.pair_id == *pair_id);
        }
        view
    }

    /// The aggregate picture: one row per aspect, in display order.
    pub fn aspect_rows(&self) -> Vec<AspectRow> {
        let mut cards = self.cards.clone();
        cards.sort_by_key(|c| c.order);
        cards
            .into_iter()
            .map(|card| {
                let mut positions: Vec<(Uuid, f64)> =
                    self.placements.iter().filter(|p| p.card_id == card.id).map(|p| (p.pair_id, p.position)).collect();
                positions.sort_by(|a, b| a.1.total_cmp(&b.1));
                let values: Vec<f64> = positions.iter().map(|(_, v)| *v).collect();
                AspectRow { summary: summarize(&values), positions, card }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn room() -> RoomView {
        RoomView {
            workshop: WorkshopInfo {
                id: id(1),
                title: "T".into(),
                site: "Site 1".into(),
                question: DEFAULT_QUESTION.into(),
                left_pole: DEFAULT_LEFT_POLE.into(),
                right_pole: DEFAULT_RIGHT_POLE.into(),
                join_code: "ABCDEF".into(),
                created_at: 0,
            },
            cards: vec![
                Card { id: id(20), text: "B".into(), order: 1 },
                Card { id: id(10), text: "A".into(), order: 0 },
            ],
            pairs: vec![],
            placements: vec![],
            seq: 0,
        }
    }

    fn joined(n: u128) -> Event {
        Event::PairJoined { pair: PairSummary { id: id(n), label: format!("Pair {n}"), joined_at: 0 } }
    }

    #[test]
    fn default_aspects_are_valid_and_enough() {
        let list: Vec<String> = DEFAULT_ASPECTS.iter().map(|s| s.to_string()).collect();
        assert!(list.len() >= 8);
        assert_eq!(super::super::validate::clean_aspects(&list).unwrap().len(), list.len());
    }

    #[test]
    fn placing_then_moving_keeps_first_time() {
        let mut r = room();
        r.apply(1, &joined(100));
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), position: 20.0, at: 5 });
        r.apply(3, &Event::Placed { pair_id: id(100), card_id: id(10), position: 70.5, at: 9 });
        let p = r.placement(id(100), id(10)).unwrap();
        assert_eq!((p.position, p.placed_at, p.moved_at), (70.5, 5, 9));
        assert_eq!(r.placements.len(), 1);
        assert_eq!(r.seq, 3);
    }

    #[test]
    fn unplacing_removes_only_that_placement() {
        let mut r = room();
        r.apply(1, &Event::Placed { pair_id: id(100), card_id: id(10), position: 20.0, at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(20), position: 30.0, at: 5 });
        r.apply(3, &Event::Unplaced { pair_id: id(100), card_id: id(10), at: 6 });
        assert!(r.placement(id(100), id(10)).is_none());
        assert!(r.placement(id(100), id(20)).is_some());
        assert_eq!(r.placed_count(id(100)), 1);
    }

    #[test]
    fn old_or_repeated_events_are_ignored() {
        let mut r = room();
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), position: 20.0, at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), position: 90.0, at: 6 });
        r.apply(1, &Event::Unplaced { pair_id: id(100), card_id: id(10), at: 7 });
        assert_eq!(r.placement(id(100), id(10)).unwrap().position, 20.0);
    }

    #[test]
    fn pairs_see_only_their_own_placements() {
        let mut r = room();
        r.apply(1, &Event::Placed { pair_id: id(100), card_id: id(10), position: 20.0, at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(200), card_id: id(10), position: 40.0, at: 5 });
        let me = Viewer::Pair { pair_id: id(100), label: "Pair 100".into() };
        let mine = r.visible_to(&me);
        assert_eq!(mine.placements.len(), 1);
        assert_eq!(mine.placements[0].pair_id, id(100));
        assert_eq!(r.visible_to(&Viewer::Projector).placements.len(), 2);
        let other = Event::Placed { pair_id: id(200), card_id: id(10), position: 1.0, at: 1 };
        assert!(!me.may_see(&other));
        assert!(me.may_see(&joined(200)));
        assert!(Viewer::Facilitator.may_see(&other));
    }

    #[test]
    fn aspect_rows_follow_display_order_with_summaries() {
        let mut r = room();
        for (seq, (pair, pos)) in [(100, 10.0), (200, 30.0), (300, 20.0)].into_iter().enumerate() {
            r.apply(seq as u64 + 1, &Event::Placed { pair_id: id(pair), card_id: id(10), position: pos, at: 0 });
        }
        let rows = r.aspect_rows();
        assert_eq!(rows[0].card.text, "A");
        assert_eq!(rows[0].positions.iter().map(|p| p.1).collect::<Vec<_>>(), vec![10.0, 20.0, 30.0]);
        let s = rows[0].summary.unwrap();
        assert_eq!((s.n, s.q1, s.median, s.q3), (3, 15.0, 20.0, 25.0));
        assert_eq!(rows[1].card.text, "B");
        assert!(rows[1].summary.is_none());
    }
}
