//! The numbered changes of a workshop ([`Event`]): what the server commits, stores in the
//! event log and sends to screens, and the event log's names for them
//! ([`RoomView::action_name`]).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::consent::ConsentSheet;
use super::model::{Card, PairSummary, RoomView};
use super::serde_helpers::first_round;
use super::session::{Focus, Phase, Settings, Timer};

/// A committed change. Every event has a sequence number in its workshop and is stored in the
/// event log; replaying the log onto the workshop as created rebuilds the [`RoomView`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A new pair joined.
    PairJoined {
        /// The pair that joined.
        pair: PairSummary,
    },
    /// The facilitator removed a pair and everything it did.
    PairRemoved {
        /// The pair.
        pair_id: Uuid,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// A pair withdrew from the study (a researcher or the facilitator took it out by its
    /// reference): everything it did is gone, as if it had never joined. The event log keeps
    /// only this content-free row, so sequence numbers and the replay stay consistent.
    PairWithdrawn {
        /// The pair (an id that nothing else stored names any more).
        pair_id: Uuid,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// A pair put an aspect on the spectrum, or moved it there. `position` is `None` in the
    /// copy sent to a screen that may not see where (private placing).
    Placed {
        /// The pair.
        pair_id: Uuid,
        /// The post-it.
        card_id: Uuid,
        /// The round: 1, or 2 once a second round was opened.
        #[serde(default = "first_round")]
        round: u8,
        /// Where, 0 (left pole) to 100 (right pole); `None` for a screen that may not see it.
        position: Option<f64>,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// A pair took an aspect back off the spectrum into its tray.
    Unplaced {
        /// The pair.
        pair_id: Uuid,
        /// The post-it.
        card_id: Uuid,
        /// The round: 1, or 2 once a second round was opened.
        #[serde(default = "first_round")]
        round: u8,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// A pair saved the sheet of a post-it: its notes and, when `cant_place` is set, "can't
    /// place / it depends" with that reason instead of a position. Unsetting `cant_place` on a
    /// post-it marked so puts it back in the tray.
    SheetSaved {
        /// The pair.
        pair_id: Uuid,
        /// The post-it.
        card_id: Uuid,
        /// The round: 1, or 2 once a second round was opened.
        round: u8,
        /// The intended outcome of that much discretion.
        intended: String,
        /// The unintended outcome.
        unintended: String,
        /// "Can't place / it depends", with its reason; `None` to place it as usual.
        cant_place: Option<String>,
        /// The language of the device it was written on (`cy`, `en`); `None` from devices
        /// older than languages.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// A post-it was added: by a pair (`card.author`) or the facilitator.
    CardAdded {
        /// The post-it as it is now.
        card: Card,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator edited, hid, showed, locked or unlocked a post-it: here it is now.
    CardChanged {
        /// The post-it as it is now.
        card: Card,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator merged `from` into `into`: placements and notes carried over.
    CardsMerged {
        /// The duplicate, merged away.
        from: Uuid,
        /// The post-it it is merged into.
        into: Uuid,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator moved the session to another phase.
    PhaseChanged {
        /// The phase.
        phase: Phase,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator changed the workshop settings.
    SettingsChanged {
        /// The settings, whole.
        settings: Settings,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator started, paused, resumed, extended or cleared the timer.
    TimerChanged {
        /// The countdown; `None` once cleared.
        timer: Option<Timer>,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator set a new version of the information sheet: pairs are asked to agree
    /// to it before they work on.
    ConsentSheetSet {
        /// The sheet, whole.
        sheet: ConsentSheet,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator set (or, with `None`, removed) the workshop's texts in a second
    /// language ([`SecondLanguage`](super::second_language::SecondLanguage)), whole.
    SecondLanguageSet {
        /// The texts; `None`: the workshop is in one language again.
        second: Option<super::second_language::SecondLanguage>,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// Every person at a pair's tablet agreed to every statement of a version of the sheet.
    ConsentGiven {
        /// The pair.
        pair_id: Uuid,
        /// The version agreed to.
        version: String,
        /// How many people share the tablet.
        people: u8,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
    /// The facilitator changed the spotlight or the order of the aspects.
    FocusChanged {
        /// The spotlight and the order.
        focus: Focus,
        /// When, ms since the epoch (the server's clock).
        at: i64,
    },
}

impl Event {
    /// The pair whose work this event changes, if any.
    pub fn pair_id(&self) -> Option<Uuid> {
        match self {
            Event::PairJoined { pair } => Some(pair.id),
            Event::PairRemoved { pair_id, .. }
            | Event::PairWithdrawn { pair_id, .. }
            | Event::Placed { pair_id, .. }
            | Event::Unplaced { pair_id, .. }
            | Event::SheetSaved { pair_id, .. }
            | Event::ConsentGiven { pair_id, .. } => Some(*pair_id),
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
                | Event::PairWithdrawn { .. }
        )
    }

    /// When the pair acted, for the events that are a pair's work on a post-it.
    pub(crate) fn pair_work_time(&self) -> Option<i64> {
        match self {
            Event::Placed { at, .. }
            | Event::Unplaced { at, .. }
            | Event::SheetSaved { at, .. }
            | Event::CardAdded { at, .. } => Some(*at),
            _ => None,
        }
    }
}

impl RoomView {
    /// The event log's name for `event` (decided against the state before it): `placed`,
    /// `moved`, `unplaced`, `sheet_saved`, `card_added`, `card_edited`, `card_hidden`,
    /// `card_shown`, `card_locked`, `card_unlocked`, `cards_merged`, `phase_changed`,
    /// `settings_changed`, `timer_changed`, `focus_changed`, `pair_joined`, `pair_removed`,
    /// `pair_withdrawn`, `consent_sheet_set`, `consent_given`, `second_language_set`.
    pub fn action_name(&self, event: &Event) -> &'static str {
        match event {
            Event::PairJoined { .. } => "pair_joined",
            Event::PairRemoved { .. } => "pair_removed",
            Event::PairWithdrawn { .. } => "pair_withdrawn",
            Event::Placed { pair_id, card_id, round, .. } => match self.placement_in(*round, *pair_id, *card_id) {
                Some(p) if !p.cant_place => "moved",
                _ => "placed",
            },
            Event::Unplaced { .. } => "unplaced",
            Event::SheetSaved { .. } => "sheet_saved",
            Event::CardAdded { .. } => "card_added",
            Event::CardChanged { card, .. } => match self.card(card.id) {
                Some(old) if old.hidden != card.hidden => {
                    if card.hidden {
                        "card_hidden"
                    } else {
                        "card_shown"
                    }
                }
                Some(old) if old.locked != card.locked => {
                    if card.locked {
                        "card_locked"
                    } else {
                        "card_unlocked"
                    }
                }
                _ => "card_edited",
            },
            Event::CardsMerged { .. } => "cards_merged",
            Event::PhaseChanged { .. } => "phase_changed",
            Event::SettingsChanged { .. } => "settings_changed",
            Event::TimerChanged { .. } => "timer_changed",
            Event::FocusChanged { .. } => "focus_changed",
            Event::SecondLanguageSet { .. } => "second_language_set",
            Event::ConsentSheetSet { .. } => "consent_sheet_set",
            Event::ConsentGiven { .. } => "consent_given",
        }
    }
}
