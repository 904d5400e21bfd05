//! The workshop as both sides see it: aspects (post-its), pairs, placements, and the numbered
//! events that change them. The server keeps one [`RoomView`] per live workshop and every
//! browser keeps a copy, updated by the same [`RoomView::apply`].

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::agreement::is_split;
use super::session::{AspectOrder, Focus, Phase, Settings, Timer};
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

#[cfg(test)]
impl WorkshopInfo {
    /// The workshop the unit tests build their rooms on (id 1, code `ABCDEF`, created at 0).
    pub fn for_tests() -> WorkshopInfo {
        WorkshopInfo {
            id: Uuid::from_u128(1),
            title: "T".into(),
            site: "S".into(),
            question: DEFAULT_QUESTION.into(),
            left_pole: DEFAULT_LEFT_POLE.into(),
            right_pole: DEFAULT_RIGHT_POLE.into(),
            join_code: "ABCDEF".into(),
            created_at: 0,
        }
    }
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
    /// The pair that wrote it; `None` for the facilitator's set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Uuid>,
    /// Hidden by the facilitator (its text is not sent to other screens).
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Locked by the facilitator: nobody can move it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub locked: bool,
    /// Merged into this other aspect (its placements and notes moved there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<Uuid>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn first_round() -> u8 {
    1
}

impl Card {
    /// A facilitator's aspect with nothing special about it.
    pub fn new(id: Uuid, text: impl Into<String>, order: u32) -> Card {
        Card { id, text: text.into(), order, author: None, hidden: false, locked: false, merged_into: None }
    }

    /// Whether the card is on the board at all (not hidden, not merged away).
    pub fn is_active(&self) -> bool {
        !self.hidden && self.merged_into.is_none()
    }
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
    /// The pair's last change, ms since the epoch (its joining time until it acts).
    #[serde(default)]
    pub last_active: i64,
}

/// Where one pair put one aspect in one round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The pair that placed it.
    pub pair_id: Uuid,
    /// The aspect.
    pub card_id: Uuid,
    /// 1 or 2.
    #[serde(default = "first_round")]
    pub round: u8,
    /// 0 (left pole) to 100 (right pole), one decimal. Meaningless (0) when `cant_place` or
    /// `concealed`: use [`Placement::shown_position`].
    pub position: f64,
    /// The pair said it cannot place this aspect ("it depends"); `reason` says why.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cant_place: bool,
    /// Why it cannot be placed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// This screen may know that the pair placed it, not where (private placing).
    #[serde(default, skip_serializing_if = "is_false")]
    pub concealed: bool,
    /// When it was first put on the spectrum (ms since the epoch).
    pub placed_at: i64,
    /// When it was last moved (equals `placed_at` until it moves).
    pub moved_at: i64,
    /// How often it was moved since it was put on the spectrum.
    #[serde(default)]
    pub moves: u32,
}

impl Placement {
    /// The position, when it is one this screen may show.
    pub fn shown_position(&self) -> Option<f64> {
        (!self.cant_place && !self.concealed).then_some(self.position)
    }
}

/// A pair's outcome notes on one aspect (kept across rounds).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// The pair.
    pub pair_id: Uuid,
    /// The aspect.
    pub card_id: Uuid,
    /// The intended outcome of having that much discretion.
    pub intended: String,
    /// The unintended outcome.
    pub unintended: String,
    /// When last saved, ms since the epoch.
    pub updated_at: i64,
}

/// A committed change. Every event has a sequence number in its workshop and is stored in the
/// event log; replaying the log onto the workshop as created rebuilds the [`RoomView`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A new pair joined.
    PairJoined { pair: PairSummary },
    /// The facilitator removed a pair and everything it did.
    PairRemoved { pair_id: Uuid, at: i64 },
    /// A pair put an aspect on the spectrum, or moved it there. `position` is `None` in the
    /// copy sent to a screen that may not see where (private placing).
    Placed {
        pair_id: Uuid,
        card_id: Uuid,
        #[serde(default = "first_round")]
        round: u8,
        position: Option<f64>,
        at: i64,
    },
    /// A pair took an aspect back off the spectrum into its tray.
    Unplaced {
        pair_id: Uuid,
        card_id: Uuid,
        #[serde(default = "first_round")]
        round: u8,
        at: i64,
    },
    /// A pair saved the sheet of a post-it: its notes and, when `cant_place` is set, "can't
    /// place / it depends" with that reason instead of a position. Unsetting `cant_place` on a
    /// post-it marked so puts it back in the tray.
    SheetSaved {
        pair_id: Uuid,
        card_id: Uuid,
        round: u8,
        intended: String,
        unintended: String,
        cant_place: Option<String>,
        at: i64,
    },
    /// A post-it was added: by a pair (`card.author`) or the facilitator.
    CardAdded { card: Card, at: i64 },
    /// The facilitator edited, hid, showed, locked or unlocked a post-it: here it is now.
    CardChanged { card: Card, at: i64 },
    /// The facilitator merged `from` into `into`: placements and notes carried over.
    CardsMerged { from: Uuid, into: Uuid, at: i64 },
    /// The facilitator moved the session to another phase.
    PhaseChanged { phase: Phase, at: i64 },
    /// The facilitator changed the workshop settings.
    SettingsChanged { settings: Settings, at: i64 },
    /// The facilitator started, paused, resumed, extended or cleared the timer.
    TimerChanged { timer: Option<Timer>, at: i64 },
    /// The facilitator changed the spotlight or the order of the aspects.
    FocusChanged { focus: Focus, at: i64 },
}

impl Event {
    /// The pair whose work this event changes, if any.
    pub fn pair_id(&self) -> Option<Uuid> {
        match self {
            Event::PairJoined { pair } => Some(pair.id),
            Event::PairRemoved { pair_id, .. }
            | Event::Placed { pair_id, .. }
            | Event::Unplaced { pair_id, .. }
            | Event::SheetSaved { pair_id, .. } => Some(*pair_id),
            Event::CardAdded { card, .. } => card.author,
            _ => None,
        }
    }

    /// Whether this event changes what screens may see of things they already have (a phase,
    /// settings, a hidden or merged card): screens are sent a fresh snapshot instead of it.
    pub fn changes_visibility(&self) -> bool {
        matches!(
            self,
            Event::PhaseChanged { .. }
                | Event::SettingsChanged { .. }
                | Event::CardChanged { .. }
                | Event::CardsMerged { .. }
                | Event::PairRemoved { .. }
        )
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
    /// The pair, when this viewer is one.
    pub fn pair_id(&self) -> Option<Uuid> {
        match self {
            Viewer::Pair { pair_id, .. } => Some(*pair_id),
            _ => None,
        }
    }
}

/// Where each placement sits in [`RoomView::placements`], by (round, pair, aspect), so that
/// applying a long event log (a replay of 100,000 changes over 6,000 placements) does not scan
/// the list for every change. It is a cache: every hit is checked against the list, so an
/// entry made stale by a change to the list (or a view with no index, as every deserialised
/// or cloned view starts) costs a scan, never a wrong answer. Clones start empty (a snapshot
/// for a screen does not need it), and it never takes part in equality.
#[derive(Default)]
pub struct PlacementIndex(std::collections::HashMap<(u8, Uuid, Uuid), usize>);

impl Clone for PlacementIndex {
    fn clone(&self) -> PlacementIndex {
        PlacementIndex::default()
    }
}

impl PartialEq for PlacementIndex {
    fn eq(&self, _: &PlacementIndex) -> bool {
        true
    }
}

impl std::fmt::Debug for PlacementIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PlacementIndex({} entries)", self.0.len())
    }
}

fn is_at(placement: &Placement, round: u8, pair_id: Uuid, card_id: Uuid) -> bool {
    placement.round == round && placement.pair_id == pair_id && placement.card_id == card_id
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
    /// Current placements: at most one per round, pair and card.
    pub placements: Vec<Placement>,
    /// Where each placement sits in `placements` (a cache, never sent; see [`PlacementIndex`]).
    #[serde(skip)]
    pub index: PlacementIndex,
    /// Outcome notes: at most one per pair and card.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The phase.
    #[serde(default)]
    pub phase: Phase,
    /// The round pairs place in: 1, or 2 once a second round was opened.
    #[serde(default = "first_round")]
    pub round: u8,
    /// Workshop settings.
    #[serde(default)]
    pub settings: Settings,
    /// The countdown, if the facilitator set one.
    #[serde(default)]
    pub timer: Option<Timer>,
    /// Spotlight and order.
    #[serde(default)]
    pub focus: Focus,
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
    /// Median and quartiles, when at least one pair placed it where this screen may see.
    pub summary: Option<Summary>,
    /// Pairs that placed it (whether or not this screen may see where).
    pub placed: usize,
    /// Pairs that marked it "can't place / it depends".
    pub cant_place: usize,
    /// Whether the room is split into two camps on it.
    pub split: bool,
}

impl RoomView {
    /// A new workshop's view: the facilitator's aspects, no pairs, phase Joining.
    pub fn new(workshop: WorkshopInfo, cards: Vec<Card>) -> RoomView {
        RoomView {
            workshop,
            cards,
            pairs: Vec::new(),
            placements: Vec::new(),
            index: PlacementIndex::default(),
            notes: Vec::new(),
            phase: Phase::Joining,
            round: 1,
            settings: Settings::default(),
            timer: None,
            focus: Focus::default(),
            seq: 0,
        }
    }

    /// Applies a committed event with sequence number `seq`. Applying an event twice, or an
    /// older one, changes nothing, so a resent update is harmless.
    pub fn apply(&mut self, seq: u64, event: &Event) {
        if seq <= self.seq {
            return;
        }
        self.seq = seq;
        self.apply_unnumbered(event);
    }

    /// Applies `event` without looking at sequence numbers: for showing a device's queued
    /// changes on top of the committed view.
    pub fn apply_unnumbered(&mut self, event: &Event) {
        if let Some(pair_id) = event.pair_id()
            && let Some(pair) = self.pairs.iter_mut().find(|p| p.id == pair_id)
            && let Some(at) = event_time(event)
        {
            pair.last_active = pair.last_active.max(at);
        }
        match event {
            Event::PairJoined { pair } => {
                if !self.pairs.iter().any(|p| p.id == pair.id) {
                    let mut pair = pair.clone();
                    pair.last_active = pair.last_active.max(pair.joined_at);
                    self.pairs.push(pair);
                }
            }
            Event::PairRemoved { pair_id, .. } => self.remove_pair(*pair_id),
            Event::Placed { pair_id, card_id, round, position, at } => {
                if self.card(*card_id).is_none() {
                    return;
                }
                let (position, concealed) = (position.unwrap_or(0.0), position.is_none());
                match self.placement_in_mut(*round, *pair_id, *card_id) {
                    Some(p) => {
                        if p.cant_place {
                            p.placed_at = *at;
                            p.moves = 0;
                        } else {
                            p.moves += 1;
                        }
                        p.position = position;
                        p.concealed = concealed;
                        p.cant_place = false;
                        p.reason.clear();
                        p.moved_at = *at;
                    }
                    None => self.push_placement(Placement {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        round: *round,
                        position,
                        cant_place: false,
                        reason: String::new(),
                        concealed,
                        placed_at: *at,
                        moved_at: *at,
                        moves: 0,
                    }),
                }
            }
            Event::Unplaced { pair_id, card_id, round, .. } => {
                self.placements.retain(|p| !(p.round == *round && p.pair_id == *pair_id && p.card_id == *card_id));
            }
            Event::SheetSaved { pair_id, card_id, round, intended, unintended, cant_place, at } => {
                if self.card(*card_id).is_none() {
                    return;
                }
                self.notes.retain(|n| !(n.pair_id == *pair_id && n.card_id == *card_id));
                if !intended.is_empty() || !unintended.is_empty() {
                    self.notes.push(Note {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        intended: intended.clone(),
                        unintended: unintended.clone(),
                        updated_at: *at,
                    });
                }
                let existing = self.placement_in_mut(*round, *pair_id, *card_id).map(|p| p.cant_place);
                match (cant_place, existing) {
                    (Some(reason), Some(_)) => {
                        let p = self.placement_in_mut(*round, *pair_id, *card_id).expect("checked above");
                        if !p.cant_place {
                            p.placed_at = *at;
                        }
                        p.cant_place = true;
                        p.concealed = false;
                        p.position = 0.0;
                        p.reason = reason.clone();
                        p.moved_at = *at;
                        p.moves = 0;
                    }
                    (Some(reason), None) => self.push_placement(Placement {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        round: *round,
                        position: 0.0,
                        cant_place: true,
                        reason: reason.clone(),
                        concealed: false,
                        placed_at: *at,
                        moved_at: *at,
                        moves: 0,
                    }),
                    (None, Some(true)) => self
                        .placements
                        .retain(|p| !(p.round == *round && p.pair_id == *pair_id && p.card_id == *card_id)),
                    (None, _) => {}
                }
            }
            Event::CardAdded { card, .. } => {
                if self.card(card.id).is_none() {
                    self.cards.push(card.clone());
                }
            }
            Event::CardChanged { card, .. } => {
                if let Some(c) = self.cards.iter_mut().find(|c| c.id == card.id) {
                    *c = card.clone();
                }
            }
            Event::CardsMerged { from, into, .. } => self.merge(*from, *into),
            Event::PhaseChanged { phase, at } => {
                if *phase == Phase::SecondRound && self.round < 2 {
                    self.open_second_round(*at);
                }
                self.phase = *phase;
            }
            Event::SettingsChanged { settings, .. } => self.settings = *settings,
            Event::TimerChanged { timer, .. } => self.timer = *timer,
            Event::FocusChanged { focus, .. } => self.focus = *focus,
        }
    }

    fn remove_pair(&mut self, pair_id: Uuid) {
        self.pairs.retain(|p| p.id != pair_id);
        let written: Vec<Uuid> = self.cards.iter().filter(|c| c.author == Some(pair_id)).map(|c| c.id).collect();
        self.cards.retain(|c| c.author != Some(pair_id));
        self.placements.retain(|p| p.pair_id != pair_id && !written.contains(&p.card_id));
        self.notes.retain(|n| n.pair_id != pair_id && !written.contains(&n.card_id));
        if self.focus.spotlight.is_some_and(|c| written.contains(&c)) {
            self.focus.spotlight = None;
        }
    }

    /// Placements and notes of `from` move to `into` where the pair has none there yet;
    /// where it has both, the notes are joined and the placement on `into` is kept.
    fn merge(&mut self, from: Uuid, into: Uuid) {
        let mut moved = Vec::new();
        for p in self.placements.iter().filter(|p| p.card_id == from) {
            if self.placement_in(p.round, p.pair_id, into).is_none() {
                moved.push(Placement { card_id: into, ..p.clone() });
            }
        }
        self.placements.retain(|p| p.card_id != from);
        self.placements.extend(moved);
        let from_notes: Vec<Note> = self.notes.iter().filter(|n| n.card_id == from).cloned().collect();
        self.notes.retain(|n| n.card_id != from);
        for note in from_notes {
            match self.notes.iter_mut().find(|n| n.pair_id == note.pair_id && n.card_id == into) {
                Some(kept) => {
                    kept.intended = join_notes(&kept.intended, &note.intended);
                    kept.unintended = join_notes(&kept.unintended, &note.unintended);
                }
                None => self.notes.push(Note { card_id: into, ..note }),
            }
        }
        if let Some(card) = self.cards.iter_mut().find(|c| c.id == from) {
            card.merged_into = Some(into);
        }
        if self.focus.spotlight == Some(from) {
            self.focus.spotlight = Some(into);
        }
    }

    /// Opening the second round: every pair starts from its first-round positions.
    fn open_second_round(&mut self, at: i64) {
        let copies: Vec<Placement> = self
            .placements
            .iter()
            .filter(|p| p.round == 1)
            .map(|p| Placement { round: 2, placed_at: at, moved_at: at, moves: 0, ..p.clone() })
            .collect();
        self.placements.retain(|p| p.round != 2);
        self.placements.extend(copies);
        self.round = 2;
    }

    /// The position of the placement in `placements` from the index, if its entry is right.
    fn indexed_position(&self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<usize> {
        let i = *self.index.0.get(&(round, pair_id, card_id))?;
        self.placements.get(i).is_some_and(|p| is_at(p, round, pair_id, card_id)).then_some(i)
    }

    /// The position of the placement in `placements`: from the index, else by a scan.
    fn placement_position(&self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<usize> {
        self.indexed_position(round, pair_id, card_id)
            .or_else(|| self.placements.iter().position(|p| is_at(p, round, pair_id, card_id)))
    }

    fn placement_in_mut(&mut self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<&mut Placement> {
        let i = match self.indexed_position(round, pair_id, card_id) {
            Some(i) => i,
            // Found by a scan: remember where, for the next change to it.
            None => {
                let i = self.placements.iter().position(|p| is_at(p, round, pair_id, card_id))?;
                self.index.0.insert((round, pair_id, card_id), i);
                i
            }
        };
        self.placements.get_mut(i)
    }

    /// Adds a placement that is not there yet, and remembers where.
    fn push_placement(&mut self, placement: Placement) {
        self.index.0.insert((placement.round, placement.pair_id, placement.card_id), self.placements.len());
        self.placements.push(placement);
    }

    /// Where `pair_id` put `card_id` in `round`.
    pub fn placement_in(&self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<&Placement> {
        self.placement_position(round, pair_id, card_id).map(|i| &self.placements[i])
    }

    /// Where `pair_id` put `card_id` in the current round, if it placed it.
    pub fn placement(&self, pair_id: Uuid, card_id: Uuid) -> Option<&Placement> {
        self.placement_in(self.round, pair_id, card_id)
    }

    /// The placements of the current round.
    pub fn current_placements(&self) -> impl Iterator<Item = &Placement> {
        self.placements.iter().filter(move |p| p.round == self.round)
    }

    /// The notes of `pair_id` on `card_id`.
    pub fn note(&self, pair_id: Uuid, card_id: Uuid) -> Option<&Note> {
        self.notes.iter().find(|n| n.pair_id == pair_id && n.card_id == card_id)
    }

    /// The card with this id.
    pub fn card(&self, card_id: Uuid) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == card_id)
    }

    /// Cards on the board (not hidden, not merged away), in display order.
    pub fn active_cards(&self) -> Vec<Card> {
        let mut cards: Vec<Card> = self.cards.iter().filter(|c| c.is_active()).cloned().collect();
        cards.sort_by_key(|c| c.order);
        cards
    }

    /// The pair with this id.
    pub fn pair(&self, pair_id: Uuid) -> Option<&PairSummary> {
        self.pairs.iter().find(|p| p.id == pair_id)
    }

    /// How many active aspects this pair has placed (or marked "can't place") this round.
    pub fn placed_count(&self, pair_id: Uuid) -> usize {
        self.current_placements()
            .filter(|p| p.pair_id == pair_id && self.card(p.card_id).is_some_and(Card::is_active))
            .count()
    }

    /// Whether every screen may see where every pair placed (live wall, or revealed).
    pub fn revealed(&self) -> bool {
        self.settings.live_wall || self.phase.reveals_positions()
    }

    /// The aggregate picture: one row per active aspect, in display order, for the current round.
    pub fn aspect_rows(&self) -> Vec<AspectRow> {
        self.rows_for_round(self.round)
    }

    /// The aggregate picture of one round.
    pub fn rows_for_round(&self, round: u8) -> Vec<AspectRow> {
        self.active_cards()
            .into_iter()
            .map(|card| {
                let here: Vec<&Placement> =
                    self.placements.iter().filter(|p| p.round == round && p.card_id == card.id).collect();
                let mut positions: Vec<(Uuid, f64)> =
                    here.iter().filter_map(|p| p.shown_position().map(|v| (p.pair_id, v))).collect();
                positions.sort_by(|a, b| a.1.total_cmp(&b.1));
                let values: Vec<f64> = positions.iter().map(|(_, v)| *v).collect();
                AspectRow {
                    summary: summarize(&values),
                    split: is_split(&values),
                    placed: here.iter().filter(|p| !p.cant_place).count(),
                    cant_place: here.iter().filter(|p| p.cant_place).count(),
                    positions,
                    card,
                }
            })
            .collect()
    }

    /// The rows in the order the facilitator chose ([`Focus::order`]).
    pub fn ordered_rows(&self) -> Vec<AspectRow> {
        let mut rows = self.aspect_rows();
        match self.focus.order {
            AspectOrder::Set => {}
            AspectOrder::Spread => rows.sort_by(|a, b| {
                let spread = |r: &AspectRow| r.summary.map_or(-1.0, |s| s.q3 - s.q1);
                spread(b).total_cmp(&spread(a))
            }),
            AspectOrder::Median => rows.sort_by(|a, b| {
                let median = |r: &AspectRow| r.summary.map_or(f64::INFINITY, |s| s.median);
                median(a).total_cmp(&median(b))
            }),
        }
        rows
    }
}

fn join_notes(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} / {b}"),
    }
}

fn event_time(event: &Event) -> Option<i64> {
    match event {
        Event::Placed { at, .. }
        | Event::Unplaced { at, .. }
        | Event::SheetSaved { at, .. }
        | Event::CardAdded { at, .. } => Some(*at),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn room() -> RoomView {
        RoomView::new(WorkshopInfo::for_tests(), vec![Card::new(id(20), "B", 1), Card::new(id(10), "A", 0)])
    }

    fn joined(n: u128) -> Event {
        Event::PairJoined { pair: PairSummary { id: id(n), label: format!("Pair {n}"), joined_at: 0, last_active: 0 } }
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
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(20.0), at: 5 });
        r.apply(3, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(70.5), at: 9 });
        let p = r.placement(id(100), id(10)).unwrap();
        assert_eq!((p.position, p.placed_at, p.moved_at), (70.5, 5, 9));
        assert_eq!(r.placements.len(), 1);
        assert_eq!(r.seq, 3);
    }

    #[test]
    fn unplacing_removes_only_that_placement() {
        let mut r = room();
        r.apply(1, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(20.0), at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(20), round: 1, position: Some(30.0), at: 5 });
        r.apply(3, &Event::Unplaced { pair_id: id(100), card_id: id(10), round: 1, at: 6 });
        assert!(r.placement(id(100), id(10)).is_none());
        assert!(r.placement(id(100), id(20)).is_some());
        assert_eq!(r.placed_count(id(100)), 1);
    }

    #[test]
    fn old_or_repeated_events_are_ignored() {
        let mut r = room();
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(20.0), at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(90.0), at: 6 });
        r.apply(1, &Event::Unplaced { pair_id: id(100), card_id: id(10), round: 1, at: 7 });
        assert_eq!(r.placement(id(100), id(10)).unwrap().position, 20.0);
    }

    #[test]
    fn aspect_rows_follow_display_order_with_summaries() {
        let mut r = room();
        for (seq, (pair, pos)) in [(100, 10.0), (200, 30.0), (300, 20.0)].into_iter().enumerate() {
            r.apply(
                seq as u64 + 1,
                &Event::Placed { pair_id: id(pair), card_id: id(10), round: 1, position: Some(pos), at: 0 },
            );
        }
        let rows = r.aspect_rows();
        assert_eq!(rows[0].card.text, "A");
        assert_eq!(rows[0].positions.iter().map(|p| p.1).collect::<Vec<_>>(), vec![10.0, 20.0, 30.0]);
        let s = rows[0].summary.unwrap();
        assert_eq!((s.n, s.q1, s.median, s.q3), (3, 15.0, 20.0, 25.0));
        assert_eq!(rows[1].card.text, "B");
        assert!(rows[1].summary.is_none());
    }

    /// The placement index is only a cache: after any mix of changes (moves, take-backs,
    /// "can't place", merges, removals, a second round), every lookup answers what a scan of
    /// the list answers, and the view equals one rebuilt from the list alone.
    mod placement_index {
        use super::*;
        use proptest::prelude::*;

        fn step() -> impl Strategy<Value = (u8, u128, u128, u8)> {
            (0u8..7, 1u128..4, 0u128..3, 0u8..100)
        }

        fn event((kind, pair, card, x): (u8, u128, u128, u8), round: u8) -> Event {
            let (pair_id, card_id, at) = (id(pair), id(10 * (card + 1)), i64::from(x));
            match kind {
                0..=2 => Event::Placed { pair_id, card_id, round, position: Some(f64::from(x)), at },
                3 => Event::Unplaced { pair_id, card_id, round, at },
                4 => Event::SheetSaved {
                    pair_id,
                    card_id,
                    round,
                    intended: String::new(),
                    unintended: String::new(),
                    cant_place: (x % 2 == 0).then(|| "depends".to_string()),
                    at,
                },
                5 if x % 3 == 0 => Event::CardsMerged { from: id(30), into: card_id, at },
                5 => Event::PairRemoved { pair_id, at },
                _ => Event::PhaseChanged { phase: Phase::SecondRound, at },
            }
        }

        proptest! {
            #[test]
            fn lookups_agree_with_a_scan(steps in proptest::collection::vec(step(), 1..120)) {
                let cards = vec![Card::new(id(10), "A", 0), Card::new(id(20), "B", 1), Card::new(id(30), "C", 2)];
                let mut view = RoomView::new(WorkshopInfo::for_tests(), cards);
                for n in 1..4 {
                    view.apply_unnumbered(&joined(n));
                }
                for s in steps {
                    let round = view.round;
                    view.apply_unnumbered(&event(s, round));
                    for (round, pair, card) in (1..=2).flat_map(|r| (1..4).flat_map(move |p| (1..4).map(move |c| (r, p, c)))) {
                        let (pair_id, card_id) = (id(pair), id(10 * card));
                        let scanned = view.placements.iter().find(|p| is_at(p, round, pair_id, card_id));
                        prop_assert_eq!(view.placement_in(round, pair_id, card_id), scanned);
                    }
                }
                // Rebuilt from its own JSON (no index), the view is the same and answers the same.
                let rebuilt: RoomView = serde_json::from_str(&serde_json::to_string(&view).unwrap()).unwrap();
                prop_assert_eq!(&rebuilt, &view);
                for p in &view.placements {
                    prop_assert_eq!(rebuilt.placement_in(p.round, p.pair_id, p.card_id), Some(p));
                }
            }
        }
    }
}
