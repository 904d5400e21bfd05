//! The workshop as both sides see it: aspects (post-its), pairs, placements and notes, and
//! the [`RoomView`] that holds them. The server keeps one per live workshop and every browser
//! keeps a copy; both change it only by applying events ([`super::event`], applied in
//! [`super::apply`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::consent::{PairConsent, SheetVersion};
use super::placements::{Placement, Placements};
use super::serde_helpers::{first_round, is_false};
use super::session::{Focus, Phase, Settings, Timer};

/// The workshop's texts in its second language (its checks and its texts per screen are in
/// [`super::second_language`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondLanguage {
    /// The language's code (`cy`), one of the app's languages.
    pub language: String,
    /// The question in it; empty: shown in the first language.
    #[serde(default)]
    pub question: String,
    /// The 0 end's label in it; empty: shown in the first language.
    #[serde(default)]
    pub left_pole: String,
    /// The 100 end's label in it; empty: shown in the first language.
    #[serde(default)]
    pub right_pole: String,
    /// Each aspect's text in it, by aspect id; an aspect left out is shown in the first
    /// language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aspects: BTreeMap<Uuid, String>,
}

/// The new-workshop form's starting content in `l`: the question, the poles and the aspects
/// (the English ones are [`DEFAULT_QUESTION`], [`DEFAULT_LEFT_POLE`], [`DEFAULT_RIGHT_POLE`]
/// and [`DEFAULT_ASPECTS`]).
pub fn default_content(l: crate::i18n::Lang) -> (&'static str, &'static str, &'static str, Vec<&'static str>) {
    use crate::i18n::t;
    let aspects = [
        t::default_aspect_1,
        t::default_aspect_2,
        t::default_aspect_3,
        t::default_aspect_4,
        t::default_aspect_5,
        t::default_aspect_6,
        t::default_aspect_7,
        t::default_aspect_8,
        t::default_aspect_9,
        t::default_aspect_10,
    ];
    (
        t::default_question(l),
        t::default_left_pole(l),
        t::default_right_pole(l),
        aspects.iter().map(|aspect| aspect(l)).collect(),
    )
}

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
    /// The template it was made from, or first saved as: every site's workshop of one
    /// exercise carries the same id, so comparisons can match them. `None` for a workshop never
    /// linked to a template (and left out of the JSON then, so older data reads the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<Uuid>,
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
            template_id: None,
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
    /// The reference the pair quotes to withdraw (e.g. `R7K2QX`, [`super::reference`]).
    /// Only the facilitator and the pair itself are sent it; `None` for pairs that joined
    /// before references existed (and left out of the JSON then, so older event logs and
    /// archives read and write back byte for byte).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
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
    /// The language of the device the notes were last saved on (`cy`, `en`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
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
    Pair {
        /// The pair.
        pair_id: Uuid,
        /// The pair's label.
        label: String,
    },
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
    pub placements: Placements,
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
    /// Every version of the information sheet, oldest first; the last is the one pairs are
    /// asked to agree to. Empty when the workshop has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_sheets: Vec<SheetVersion>,
    /// Every consent pairs gave, in order (a pair asked again has one per version it agreed to).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<PairConsent>,
    /// Sequence number of the last event reflected here.
    pub seq: u64,
    /// The workshop's texts in a second language, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_language: Option<SecondLanguage>,
}

impl RoomView {
    /// A new workshop's view: the facilitator's aspects, no pairs, phase Joining.
    pub fn new(workshop: WorkshopInfo, cards: Vec<Card>) -> RoomView {
        RoomView {
            workshop,
            cards,
            pairs: Vec::new(),
            placements: Placements::new(),
            notes: Vec::new(),
            phase: Phase::Joining,
            round: 1,
            settings: Settings::default(),
            timer: None,
            focus: Focus::default(),
            consent_sheets: Vec::new(),
            consents: Vec::new(),
            seq: 0,
            second_language: None,
        }
    }

    /// Where `pair_id` put `card_id` in `round`.
    pub fn placement_in(&self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<&Placement> {
        self.placements.get(round, pair_id, card_id)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_aspects_are_valid_and_enough() {
        let (question, left, right, english) = default_content(crate::i18n::Lang::EN);
        assert_eq!((question, left, right), (DEFAULT_QUESTION, DEFAULT_LEFT_POLE, DEFAULT_RIGHT_POLE));
        assert_eq!(english, DEFAULT_ASPECTS, "the catalog's English is the defaults");
        let (_, _, _, welsh) = default_content(crate::i18n::Lang::CY);
        assert_eq!(welsh.len(), DEFAULT_ASPECTS.len());
        assert!(welsh.iter().zip(DEFAULT_ASPECTS).all(|(w, e)| w != e));
        let list: Vec<String> = DEFAULT_ASPECTS.iter().map(|s| s.to_string()).collect();
        assert!(list.len() >= 8);
        assert_eq!(super::super::validate::clean_aspects(&list).unwrap().len(), list.len());
    }
}
