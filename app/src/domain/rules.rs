//! Who may do what, when: every change a pair or the facilitator asks for is decided here,
//! against the current [`RoomView`], into the [`Event`] to commit or a [`Refusal`] that says
//! why in words for the person who asked. The server only stores and sends what this decides.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::consent::{ConsentAnswer, ConsentSheet, SheetCheck, SheetProblem, check_sheet};
use super::day::Day;
use super::event::Event;
use super::model::{Card, RoomView};
pub use super::refusal::RefusalText;
use super::session::{Focus, MAX_MIN_PAIRS, Phase, Settings, Timer};
use super::validate::{ASPECT_MAX, InvalidInput, MAX_ASPECTS, clean_multiline, clean_position, clean_text};
use crate::i18n::Lang;

/// Longest outcome note (each of intended and unintended), in characters.
pub const NOTE_MAX: usize = 500;
/// Longest "can't place" reason, in characters.
pub const REASON_MAX: usize = 300;
/// Most post-its one pair may write.
pub const MAX_CARDS_PER_PAIR: usize = 10;
/// Longest timer the facilitator can start, in minutes.
pub const MAX_TIMER_MINUTES: u32 = 120;
/// Most minutes one extension adds to the timer.
pub const MAX_EXTEND_MINUTES: u32 = 60;

/// What a pair asks to do with its post-its.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PairAction {
    /// Put a post-it on the spectrum at `position` (0–100), or move it there.
    Place {
        /// The post-it.
        card_id: Uuid,
        /// Where, 0 (left pole) to 100 (right pole).
        position: f64,
    },
    /// Take a post-it back into the tray.
    Unplace {
        /// The post-it.
        card_id: Uuid,
    },
    /// Write a new post-it; the device chooses its id so it can place it before the ack.
    AddCard {
        /// The post-it.
        card_id: Uuid,
        /// What the post-it says (trimmed by the server).
        text: String,
    },
    /// Save a post-it's sheet: notes, and "can't place / it depends" with a reason.
    SaveSheet {
        /// The post-it.
        card_id: Uuid,
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
    },
}

impl PairAction {
    /// The post-it this is about.
    pub fn card_id(&self) -> Uuid {
        match self {
            PairAction::Place { card_id, .. }
            | PairAction::Unplace { card_id }
            | PairAction::AddCard { card_id, .. }
            | PairAction::SaveSheet { card_id, .. } => *card_id,
        }
    }
}

/// What the facilitator asks to do from the console.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Control {
    /// Move to another phase (one step, or close).
    SetPhase {
        /// The phase.
        phase: Phase,
    },
    /// Change the workshop settings.
    ChangeSettings {
        /// The settings, whole.
        settings: Settings,
    },
    /// Set the workshop's texts in a second language, whole (`None`: one language again).
    SetSecondLanguage {
        /// The texts; aspects not in the workshop, empty texts and an unknown language are
        /// refused or left out as at creation.
        second: Option<super::second_language::SecondLanguage>,
    },
    /// Start a countdown of `minutes` (replacing any other).
    StartTimer {
        /// How many minutes.
        minutes: u32,
    },
    /// Pause the countdown.
    PauseTimer,
    /// Resume a paused countdown.
    ResumeTimer,
    /// Add `minutes` to the countdown.
    ExtendTimer {
        /// How many minutes.
        minutes: u32,
    },
    /// Remove the countdown from every screen.
    ClearTimer,
    /// Add a post-it for everyone.
    AddCard {
        /// The post-it.
        card_id: Uuid,
        /// What the post-it says (trimmed by the server).
        text: String,
    },
    /// Reword a post-it.
    EditCard {
        /// The post-it.
        card_id: Uuid,
        /// What the post-it says (trimmed by the server).
        text: String,
    },
    /// Hide a post-it (or show it again).
    HideCard {
        /// The post-it.
        card_id: Uuid,
        /// Hidden (`true`), or shown again.
        hidden: bool,
    },
    /// Lock a post-it where it is (or unlock it).
    LockCard {
        /// The post-it.
        card_id: Uuid,
        /// Locked (`true`), or unlocked.
        locked: bool,
    },
    /// Merge a duplicate post-it into another.
    MergeCards {
        /// The duplicate, merged away.
        from: Uuid,
        /// The post-it it is merged into.
        into: Uuid,
    },
    /// Spotlight an aspect, and order the aspects.
    SetFocus {
        /// The spotlight and the order.
        focus: Focus,
    },
    /// Remove a pair and everything it did.
    RemovePair {
        /// The pair.
        pair_id: Uuid,
    },
    /// Withdraw a pair from the study: everything it did is erased from the stored data, not
    /// only from the session (the server's room does it; it is not decided as an event).
    WithdrawPair {
        /// The pair.
        pair_id: Uuid,
    },
}

/// What kind of "no" the rules gave. The protocol turns it into its wire code
/// (`From<RefusalKind> for ErrorCode`); the domain itself knows nothing of the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// The asker may not do this (a removed pair, say).
    Forbidden,
    /// No such post-it here, or it is hidden or merged away.
    UnknownCard,
    /// The value failed validation, or the change makes no sense in this state.
    Invalid,
    /// Not allowed in the current phase.
    WrongPhase,
    /// The facilitator locked that aspect.
    Locked,
    /// The pair has not agreed to the current version of the information sheet.
    ConsentNeeded,
}

/// Why a change was refused; nothing changed. `message` is for the person who asked, in
/// English (the wire's and the logs' sentence); `text` says it in any language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// Machine-readable kind.
    pub kind: RefusalKind,
    /// What to do about it, in English.
    pub message: String,
    /// What it is, to say in the asker's language ([`RefusalText::message`]).
    pub text: RefusalText,
}

impl Refusal {
    /// A refusal of `kind` that says `text` (`message` is its English).
    pub fn new(kind: RefusalKind, text: RefusalText) -> Refusal {
        Refusal { kind, message: text.message(Lang::EN), text }
    }

    /// A refusal whose sentence has no structured form: English in every language.
    pub fn untranslated(kind: RefusalKind, message: impl Into<String>) -> Refusal {
        Refusal::new(kind, RefusalText::Untranslated(message.into()))
    }
}

impl From<InvalidInput> for Refusal {
    fn from(e: InvalidInput) -> Self {
        Refusal::new(RefusalKind::Invalid, RefusalText::Input(e))
    }
}

/// A note or reason: empty is allowed; line breaks are kept ([`clean_multiline`]).
fn optional_text(field: &'static str, input: &str, max: usize) -> Result<String, InvalidInput> {
    if input.trim().is_empty() { Ok(String::new()) } else { clean_multiline(field, input, max) }
}

impl RoomView {
    /// A card that exists here and is on the board, or why not.
    fn active_card(&self, card_id: Uuid) -> Result<&Card, Refusal> {
        let card =
            self.card(card_id).ok_or_else(|| Refusal::new(RefusalKind::UnknownCard, RefusalText::UnknownCard))?;
        if card.hidden {
            return Err(Refusal::new(RefusalKind::UnknownCard, RefusalText::CardHidden));
        }
        if card.merged_into.is_some() {
            return Err(Refusal::new(RefusalKind::UnknownCard, RefusalText::CardMerged));
        }
        Ok(card)
    }

    /// Decides what a pair asked. `now` is the server's clock.
    pub fn decide_pair(&self, pair_id: Uuid, action: &PairAction, now: i64) -> Result<Event, Refusal> {
        if self.pair(pair_id).is_none() {
            return Err(Refusal::new(RefusalKind::Forbidden, RefusalText::PairRemoved));
        }
        if self.phase == Phase::Closed {
            return Err(Refusal::new(RefusalKind::WrongPhase, RefusalText::Closed));
        }
        if let Some(current) = self.current_sheet()
            && !self.pair_has_consent(pair_id)
        {
            return Err(Refusal::new(
                RefusalKind::ConsentNeeded,
                RefusalText::ConsentNeeded { version: current.sheet.version.clone() },
            ));
        }
        let round = self.round;
        if let PairAction::AddCard { card_id, text } = action {
            let text = clean_text("Post-it text", text, ASPECT_MAX)?;
            if self.card(*card_id).is_some() {
                return Err(Refusal::new(RefusalKind::Invalid, RefusalText::CardIdTaken));
            }
            if self.cards.iter().filter(|c| c.author == Some(pair_id)).count() >= MAX_CARDS_PER_PAIR {
                return Err(Refusal::new(
                    RefusalKind::Invalid,
                    RefusalText::TooManyPairCards { max: MAX_CARDS_PER_PAIR },
                ));
            }
            self.check_room_for_card()?;
            let order = self.cards.iter().map(|c| c.order + 1).max().unwrap_or(0);
            let card = Card { author: Some(pair_id), ..Card::new(*card_id, text, order) };
            return Ok(Event::CardAdded { card, at: now });
        }
        let card = self.active_card(action.card_id())?;
        if !self.pair_may_use(pair_id, card) {
            return Err(Refusal::new(RefusalKind::UnknownCard, RefusalText::UnknownCard));
        }
        let card_id = card.id;
        let existing = self.placement(pair_id, card_id);
        let moves_card = match action {
            // Notes, and the wording of a reason, can change in any open phase; marking or
            // unmarking "can't place" moves the post-it.
            PairAction::SaveSheet { cant_place, .. } => cant_place.is_some() != existing.is_some_and(|p| p.cant_place),
            _ => true,
        };
        if moves_card {
            if self.phase.placing_blocked_reason().is_some() {
                return Err(Refusal::new(RefusalKind::WrongPhase, RefusalText::PlacingBlocked(self.phase)));
            }
            if card.locked {
                return Err(Refusal::new(RefusalKind::Locked, RefusalText::Locked));
            }
        }
        match action {
            PairAction::Place { position, .. } => {
                let position = clean_position(*position)?;
                Ok(Event::Placed { pair_id, card_id, round, position: Some(position), at: now })
            }
            PairAction::Unplace { .. } => match existing {
                Some(_) => Ok(Event::Unplaced { pair_id, card_id, round, at: now }),
                None => Err(Refusal::new(RefusalKind::Invalid, RefusalText::AlreadyInTray)),
            },
            PairAction::SaveSheet { intended, unintended, cant_place, language, .. } => {
                let cant_place = match cant_place {
                    Some(reason) => Some(optional_text("Reason", reason, REASON_MAX)?),
                    None => None,
                };
                Ok(Event::SheetSaved {
                    pair_id,
                    card_id,
                    round,
                    intended: optional_text("Intended outcome", intended, NOTE_MAX)?,
                    unintended: optional_text("Unintended outcome", unintended, NOTE_MAX)?,
                    cant_place,
                    // Only a language with a catalog is kept: anything else is not stored.
                    language: language.as_deref().and_then(crate::i18n::Lang::from_code).map(|l| l.code().to_string()),
                    at: now,
                })
            }
            PairAction::AddCard { .. } => unreachable!("handled above"),
        }
    }

    /// Decides a pair's consent to the current information sheet (every person ticked every
    /// statement; see [`RoomView::check_consent_answer`]).
    pub fn decide_consent(&self, pair_id: Uuid, answer: &ConsentAnswer, now: i64) -> Result<Event, Refusal> {
        if self.pair(pair_id).is_none() {
            return Err(Refusal::new(RefusalKind::Forbidden, RefusalText::PairRemoved));
        }
        let (version, people) =
            self.check_consent_answer(answer).map_err(|text| Refusal::new(RefusalKind::Invalid, text))?;
        Ok(Event::ConsentGiven { pair_id, version, people, at: now })
    }

    /// Decides a new version of the information sheet the facilitator set: `Ok(None)` when it
    /// is the current version word for word (nothing to store).
    pub fn decide_sheet(&self, sheet: &ConsentSheet, now: i64) -> Result<Option<Event>, SheetProblem> {
        match check_sheet(sheet, &self.consent_sheets, Lang::EN)? {
            SheetCheck::Unchanged => Ok(None),
            SheetCheck::NewVersion(sheet) => Ok(Some(Event::ConsentSheetSet { sheet, at: now })),
        }
    }

    fn check_room_for_card(&self) -> Result<(), Refusal> {
        if self.cards.iter().filter(|c| c.merged_into.is_none()).count() >= MAX_ASPECTS {
            return Err(Refusal::new(RefusalKind::Invalid, RefusalText::TooManyCards { max: MAX_ASPECTS }));
        }
        Ok(())
    }

    /// Decides what the facilitator asked. `now` is the server's clock.
    pub fn decide_control(&self, control: &Control, now: i64) -> Result<Event, Refusal> {
        let at = now;
        if self.phase == Phase::Closed && !matches!(control, Control::SetPhase { .. }) {
            return Err(Refusal::new(RefusalKind::WrongPhase, RefusalText::ClosedReopen));
        }
        let invalid = |text: RefusalText| Refusal::new(RefusalKind::Invalid, text);
        match control {
            Control::SetPhase { phase } => {
                self.phase
                    .check_step(*phase, self.round)
                    .map_err(|text| Refusal::new(RefusalKind::WrongPhase, text))?;
                Ok(Event::PhaseChanged { phase: *phase, at })
            }
            Control::ChangeSettings { settings } => {
                settings.check(Lang::EN).map_err(|_| invalid(RefusalText::MinPairsRange { max: MAX_MIN_PAIRS }))?;
                settings.check_deadline(self.settings.withdrawal_deadline, now, Lang::EN).map_err(|e| {
                    invalid(match settings.withdrawal_deadline {
                        Some(day) => RefusalText::DeadlinePast { day, today: Day::of_ms(now) },
                        None => RefusalText::Untranslated(e.message),
                    })
                })?;
                Ok(Event::SettingsChanged { settings: *settings, at })
            }
            Control::SetSecondLanguage { second } => {
                let second = match second {
                    Some(second) => Some(second.checked(&self.cards).map_err(Refusal::from)?),
                    None => None,
                };
                Ok(Event::SecondLanguageSet { second, at })
            }
            Control::StartTimer { minutes } => {
                if !(1..=MAX_TIMER_MINUTES).contains(minutes) {
                    return Err(invalid(RefusalText::TimerRange { max: MAX_TIMER_MINUTES }));
                }
                Ok(Event::TimerChanged { timer: Some(Timer::start(*minutes, now)), at })
            }
            Control::PauseTimer => match self.timer {
                Some(t) if t.is_running() => Ok(Event::TimerChanged { timer: Some(t.paused(now)), at }),
                _ => Err(invalid(RefusalText::NoTimerRunning)),
            },
            Control::ResumeTimer => match self.timer {
                Some(t) if !t.is_running() => Ok(Event::TimerChanged { timer: Some(t.resumed(now)), at }),
                _ => Err(invalid(RefusalText::NoTimerPaused)),
            },
            Control::ExtendTimer { minutes } => match self.timer {
                Some(t) if (1..=MAX_EXTEND_MINUTES).contains(minutes) => {
                    Ok(Event::TimerChanged { timer: Some(t.extended(*minutes)), at })
                }
                Some(_) => Err(invalid(RefusalText::ExtendRange { max: MAX_EXTEND_MINUTES })),
                None => Err(invalid(RefusalText::NoTimerToExtend)),
            },
            Control::ClearTimer => match self.timer {
                Some(_) => Ok(Event::TimerChanged { timer: None, at }),
                None => Err(invalid(RefusalText::NoTimer)),
            },
            Control::AddCard { card_id, text } => {
                let text = clean_text("Post-it text", text, ASPECT_MAX)?;
                if self.card(*card_id).is_some() {
                    return Err(invalid(RefusalText::CardIdTaken));
                }
                self.check_room_for_card()?;
                let order = self.cards.iter().map(|c| c.order + 1).max().unwrap_or(0);
                Ok(Event::CardAdded { card: Card::new(*card_id, text, order), at })
            }
            Control::EditCard { card_id, text } => {
                let text = clean_text("Post-it text", text, ASPECT_MAX)?;
                let card = self.known_card(*card_id)?;
                Ok(Event::CardChanged { card: Card { text, ..card.clone() }, at })
            }
            Control::HideCard { card_id, hidden } => {
                let card = self.known_card(*card_id)?;
                Ok(Event::CardChanged { card: Card { hidden: *hidden, ..card.clone() }, at })
            }
            Control::LockCard { card_id, locked } => {
                let card = self.known_card(*card_id)?;
                Ok(Event::CardChanged { card: Card { locked: *locked, ..card.clone() }, at })
            }
            Control::MergeCards { from, into } => {
                if from == into {
                    return Err(invalid(RefusalText::MergeIntoItself));
                }
                self.known_card(*from)?;
                let target = self.known_card(*into)?;
                if target.hidden {
                    return Err(invalid(RefusalText::MergeIntoHidden));
                }
                Ok(Event::CardsMerged { from: *from, into: *into, at })
            }
            Control::SetFocus { focus } => {
                if let Some(card_id) = focus.spotlight {
                    self.active_card(card_id)?;
                }
                Ok(Event::FocusChanged { focus: *focus, at })
            }
            Control::RemovePair { pair_id } => match self.pair(*pair_id) {
                Some(_) => Ok(Event::PairRemoved { pair_id: *pair_id, at }),
                None => Err(Refusal::new(RefusalKind::Invalid, RefusalText::UnknownPair)),
            },
            Control::WithdrawPair { .. } => Err(Refusal::new(RefusalKind::Invalid, RefusalText::WithdrawNotAnEvent)),
        }
    }

    /// A card of this workshop that was not merged away (it may be hidden).
    fn known_card(&self, card_id: Uuid) -> Result<&Card, Refusal> {
        match self.card(card_id) {
            Some(card) if card.merged_into.is_none() => Ok(card),
            Some(_) => Err(Refusal::new(RefusalKind::UnknownCard, RefusalText::CardMerged)),
            None => Err(Refusal::new(RefusalKind::UnknownCard, RefusalText::UnknownCard)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{id, room_with_pairs};

    const A: u128 = 100;
    const B: u128 = 200;
    const CARD: u128 = 10;
    const OTHER: u128 = 20;

    fn room() -> RoomView {
        room_with_pairs(vec![Card::new(id(CARD), "Where", 0), Card::new(id(OTHER), "How long", 1)], &[A, B])
    }

    fn apply(r: &mut RoomView, event: Event) {
        let seq = r.seq + 1;
        r.apply(seq, &event);
    }

    fn control(r: &mut RoomView, c: Control) -> Event {
        let e = r.decide_control(&c, 1_000).unwrap_or_else(|e| panic!("{c:?}: {e:?}"));
        apply(r, e.clone());
        e
    }

    fn pair(r: &mut RoomView, who: u128, a: PairAction) -> Result<Event, Refusal> {
        let e = r.decide_pair(id(who), &a, 2_000)?;
        apply(r, e.clone());
        Ok(e)
    }

    fn place(card: u128, position: f64) -> PairAction {
        PairAction::Place { card_id: id(card), position }
    }

    fn to(phase: Phase) -> Control {
        Control::SetPhase { phase }
    }

    #[test]
    fn pairs_place_only_while_placing_and_are_told_why_not() {
        let mut r = room();
        let e = pair(&mut r, A, place(CARD, 40.0)).unwrap_err();
        assert_eq!(e.kind, RefusalKind::WrongPhase);
        assert!(e.message.contains("not started"), "{}", e.message);
        control(&mut r, to(Phase::Placing));
        pair(&mut r, A, place(CARD, 40.04)).unwrap();
        assert_eq!(r.placement(id(A), id(CARD)).unwrap().position, 40.0);
        control(&mut r, to(Phase::Reveal));
        let e = pair(&mut r, A, place(CARD, 60.0)).unwrap_err();
        assert!(e.message.contains("paused placing"), "{}", e.message);
        // Notes can still be written while the room discusses.
        let sheet = PairAction::SaveSheet {
            card_id: id(CARD),
            intended: "Fits the person".into(),
            unintended: "".into(),
            cant_place: None,
            language: None,
        };
        pair(&mut r, A, sheet).unwrap();
        assert_eq!(r.note(id(A), id(CARD)).unwrap().intended, "Fits the person");
        control(&mut r, to(Phase::Closed));
        let e = pair(&mut r, A, PairAction::AddCard { card_id: id(99), text: "x".into() }).unwrap_err();
        assert!(e.message.contains("closed"));
        let e = r.decide_control(&Control::StartTimer { minutes: 5 }, 0).unwrap_err();
        assert_eq!(e.kind, RefusalKind::WrongPhase);
        control(&mut r, to(Phase::Reveal));
    }

    #[test]
    fn refusals_say_what_they_are_so_each_screen_says_it_in_its_language() {
        let mut r = room();
        let e = pair(&mut r, A, place(CARD, 40.0)).unwrap_err();
        assert_eq!(e.text, RefusalText::PlacingBlocked(Phase::Joining));
        assert_eq!(e.message, "Placing has not started yet: the facilitator will start it.");
        assert_eq!(e.text.message(Lang::CY), "Nid yw'r gosod wedi dechrau eto: bydd yr hwylusydd yn ei ddechrau.");
        let e = pair(&mut r, A, PairAction::AddCard { card_id: id(60), text: " ".into() }).unwrap_err();
        assert_eq!(e.text, RefusalText::Input(InvalidInput::Empty { field: "Post-it text" }));
        assert_eq!(e.message, "Post-it text is empty: please write something.");
        let e = r.decide_control(&to(Phase::Reveal), 0).unwrap_err();
        assert_eq!((e.kind, &e.text), (RefusalKind::WrongPhase, &RefusalText::RevealTooSoon));
        let e = r.decide_control(&Control::ExtendTimer { minutes: 5 }, 0).unwrap_err();
        assert_eq!(e.text, RefusalText::NoTimerToExtend);
        let mut settings = r.settings;
        settings.min_pairs = 0;
        let e = r.decide_control(&Control::ChangeSettings { settings }, 0).unwrap_err();
        assert_eq!(e.text, RefusalText::MinPairsRange { max: MAX_MIN_PAIRS });
        settings.min_pairs = 3;
        settings.withdrawal_deadline = Day::parse("2026-12-03");
        let now = Day::parse("2026-12-05").unwrap().end_ms();
        let e = r.decide_control(&Control::ChangeSettings { settings }, now).unwrap_err();
        assert_eq!(e.message, settings.check_deadline(None, now, Lang::EN).unwrap_err().message);
        assert_eq!(e.text.message(Lang::CY), settings.check_deadline(None, now, Lang::CY).unwrap_err().message);
        assert!(!matches!(e.text, RefusalText::Untranslated(_)), "{e:?}");
        // Whatever it is, the English message is its text's English.
        for e in [
            r.decide_control(&to(Phase::Joining), 0).unwrap_err(),
            r.decide_control(&Control::MergeCards { from: id(CARD), into: id(CARD) }, 0).unwrap_err(),
            r.decide_control(&Control::WithdrawPair { pair_id: id(A) }, 0).unwrap_err(),
            r.decide_pair(id(999), &place(CARD, 1.0), 0).unwrap_err(),
        ] {
            assert_eq!(e.message, e.text.message(Lang::EN));
            assert_ne!(e.message, e.text.message(Lang::CY));
        }
    }

    #[test]
    fn a_second_round_needs_a_first_and_starts_from_its_positions() {
        let mut r = room();
        assert_eq!(r.decide_control(&to(Phase::SecondRound), 0).unwrap_err().kind, RefusalKind::WrongPhase);
        control(&mut r, to(Phase::Placing));
        assert!(r.decide_control(&to(Phase::SecondRound), 0).is_err());
        pair(&mut r, A, place(CARD, 20.0)).unwrap();
        control(&mut r, to(Phase::Reveal));
        control(&mut r, to(Phase::SecondRound));
        assert_eq!(r.round, 2);
        assert_eq!(r.placement(id(A), id(CARD)).unwrap().position, 20.0);
        pair(&mut r, A, place(CARD, 70.0)).unwrap();
        assert_eq!(r.placement_in(1, id(A), id(CARD)).unwrap().position, 20.0, "round 1 is kept");
        assert_eq!(r.placement_in(2, id(A), id(CARD)).unwrap().position, 70.0);
        // Stepping back and forth does not copy round 1 over round 2 again.
        control(&mut r, to(Phase::Reveal));
        control(&mut r, to(Phase::SecondRound));
        assert_eq!(r.placement_in(2, id(A), id(CARD)).unwrap().position, 70.0);
    }

    #[test]
    fn locked_and_hidden_aspects_cannot_be_moved() {
        let mut r = room();
        control(&mut r, to(Phase::Placing));
        control(&mut r, Control::LockCard { card_id: id(CARD), locked: true });
        assert_eq!(pair(&mut r, A, place(CARD, 10.0)).unwrap_err().kind, RefusalKind::Locked);
        control(&mut r, Control::HideCard { card_id: id(OTHER), hidden: true });
        assert_eq!(pair(&mut r, A, place(OTHER, 10.0)).unwrap_err().kind, RefusalKind::UnknownCard);
        assert_eq!(pair(&mut r, A, place(999, 10.0)).unwrap_err().kind, RefusalKind::UnknownCard);
    }

    #[test]
    fn cant_place_replaces_a_position_and_unsetting_it_returns_to_the_tray() {
        let mut r = room();
        control(&mut r, to(Phase::Placing));
        pair(&mut r, A, place(CARD, 30.0)).unwrap();
        let sheet = |cant: Option<&str>| PairAction::SaveSheet {
            card_id: id(CARD),
            intended: String::new(),
            unintended: String::new(),
            cant_place: cant.map(String::from),
            language: None,
        };
        pair(&mut r, A, sheet(Some("Depends on the practice"))).unwrap();
        let p = r.placement(id(A), id(CARD)).unwrap();
        assert!(p.cant_place && p.shown_position().is_none());
        assert_eq!(p.reason, "Depends on the practice");
        assert_eq!(r.aspect_rows()[0].cant_place, 1);
        // While the room discusses, the reason and notes can still be reworded, not unmarked.
        control(&mut r, to(Phase::Reveal));
        pair(&mut r, A, sheet(Some("Depends on the GP"))).unwrap();
        assert_eq!(r.placement(id(A), id(CARD)).unwrap().reason, "Depends on the GP");
        assert_eq!(pair(&mut r, A, sheet(None)).unwrap_err().kind, RefusalKind::WrongPhase);
        control(&mut r, to(Phase::Placing));
        pair(&mut r, A, sheet(None)).unwrap();
        assert!(r.placement(id(A), id(CARD)).is_none());
        let long = "x".repeat(NOTE_MAX + 1);
        let e = pair(
            &mut r,
            A,
            PairAction::SaveSheet {
                card_id: id(CARD),
                intended: long,
                unintended: String::new(),
                cant_place: None,
                language: None,
            },
        )
        .unwrap_err();
        assert_eq!(e.kind, RefusalKind::Invalid);
        assert!(e.message.contains("Intended outcome is too long"), "{}", e.message);
    }

    #[test]
    fn merging_carries_placements_and_notes_over_and_refuses_nonsense() {
        let mut r = room();
        control(&mut r, to(Phase::Placing));
        pair(&mut r, A, PairAction::AddCard { card_id: id(50), text: "Home visits".into() }).unwrap();
        pair(&mut r, A, place(50, 80.0)).unwrap();
        pair(
            &mut r,
            A,
            PairAction::SaveSheet {
                card_id: id(50),
                intended: "Reach".into(),
                unintended: "Travel time".into(),
                cant_place: None,
                language: None,
            },
        )
        .unwrap();
        pair(&mut r, B, place(CARD, 10.0)).unwrap();
        let e = r.decide_control(&Control::MergeCards { from: id(50), into: id(50) }, 0).unwrap_err();
        assert!(e.message.contains("itself"));
        assert_eq!(
            r.decide_control(&Control::MergeCards { from: id(50), into: id(12345) }, 0).unwrap_err().kind,
            RefusalKind::UnknownCard
        );
        control(&mut r, Control::MergeCards { from: id(50), into: id(CARD) });
        assert_eq!(r.placement(id(A), id(CARD)).unwrap().position, 80.0);
        assert_eq!(r.placement(id(B), id(CARD)).unwrap().position, 10.0);
        assert_eq!(r.note(id(A), id(CARD)).unwrap().unintended, "Travel time");
        assert!(r.active_cards().iter().all(|c| c.id != id(50)));
        assert_eq!(pair(&mut r, A, place(50, 1.0)).unwrap_err().kind, RefusalKind::UnknownCard);
    }

    #[test]
    fn pairs_write_post_its_within_limits() {
        let mut r = room();
        let e = pair(&mut r, A, PairAction::AddCard { card_id: id(60), text: "  ".into() }).unwrap_err();
        assert_eq!(e.kind, RefusalKind::Invalid);
        for n in 0..MAX_CARDS_PER_PAIR as u128 {
            pair(&mut r, A, PairAction::AddCard { card_id: id(1000 + n), text: format!("Mine {n}") }).unwrap();
        }
        let e = pair(&mut r, A, PairAction::AddCard { card_id: id(60), text: "One more".into() }).unwrap_err();
        assert!(e.message.contains("at most"));
        let e = pair(&mut r, B, PairAction::AddCard { card_id: id(1000), text: "Same id".into() }).unwrap_err();
        assert!(e.message.contains("already taken"));
        // Another pair's unshared post-it cannot be placed by B.
        control(&mut r, to(Phase::Placing));
        assert_eq!(pair(&mut r, B, place(1000, 5.0)).unwrap_err().kind, RefusalKind::UnknownCard);
    }

    #[test]
    fn removing_a_pair_removes_its_work_and_its_post_its() {
        let mut r = room();
        control(&mut r, to(Phase::Placing));
        pair(&mut r, A, PairAction::AddCard { card_id: id(50), text: "Test".into() }).unwrap();
        pair(&mut r, A, place(CARD, 5.0)).unwrap();
        control(&mut r, Control::RemovePair { pair_id: id(A) });
        assert!(r.pair(id(A)).is_none() && r.card(id(50)).is_none() && r.placements.is_empty());
        assert_eq!(pair(&mut r, A, place(CARD, 6.0)).unwrap_err().kind, RefusalKind::Forbidden);
        assert!(r.decide_control(&Control::RemovePair { pair_id: id(A) }, 0).is_err());
    }

    #[test]
    fn timer_controls_check_their_state() {
        let mut r = room();
        assert!(r.decide_control(&Control::PauseTimer, 0).is_err());
        assert!(r.decide_control(&Control::StartTimer { minutes: 0 }, 0).is_err());
        control(&mut r, Control::StartTimer { minutes: 5 });
        control(&mut r, Control::PauseTimer);
        assert!(r.decide_control(&Control::PauseTimer, 0).is_err());
        control(&mut r, Control::ExtendTimer { minutes: 1 });
        assert_eq!(r.timer.unwrap().duration_ms, 360_000);
        control(&mut r, Control::ClearTimer);
        assert_eq!(r.timer, None);
    }

    #[test]
    fn event_log_names_tell_placing_from_moving() {
        let mut r = room();
        control(&mut r, to(Phase::Placing));
        let first = r.decide_pair(id(A), &place(CARD, 5.0), 0).unwrap();
        assert_eq!(r.action_name(&first), "placed");
        apply(&mut r, first);
        let second = r.decide_pair(id(A), &place(CARD, 6.0), 0).unwrap();
        assert_eq!(r.action_name(&second), "moved");
        let hide = r.decide_control(&Control::HideCard { card_id: id(CARD), hidden: true }, 0).unwrap();
        assert_eq!(r.action_name(&hide), "card_hidden");
    }

    #[test]
    fn spread_and_median_orders() {
        let mut r = room();
        control(&mut r, to(Phase::Placing));
        pair(&mut r, A, place(CARD, 10.0)).unwrap();
        pair(&mut r, B, place(CARD, 90.0)).unwrap();
        pair(&mut r, A, place(OTHER, 5.0)).unwrap();
        pair(&mut r, B, place(OTHER, 6.0)).unwrap();
        let order = |r: &RoomView| r.ordered_rows().iter().map(|row| row.card.id).collect::<Vec<_>>();
        assert_eq!(order(&r), vec![id(CARD), id(OTHER)]);
        control(
            &mut r,
            Control::SetFocus { focus: Focus { spotlight: None, order: super::super::AspectOrder::Median } },
        );
        assert_eq!(order(&r), vec![id(OTHER), id(CARD)]);
        control(
            &mut r,
            Control::SetFocus { focus: Focus { spotlight: Some(id(CARD)), order: super::super::AspectOrder::Spread } },
        );
        assert_eq!(order(&r), vec![id(CARD), id(OTHER)]);
        assert_eq!(r.focus.spotlight, Some(id(CARD)));
    }
}
