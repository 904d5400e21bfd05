//! What a refusal says, as what it is ([`RefusalText`]) rather than as a sentence, so each
//! screen can say it in its own language: the board and the console in the page's, the
//! server in the language of the websocket that asked. [`Refusal::message`](super::Refusal)
//! stays the English sentence (the wire's `message` for English screens, the server's logs).

use super::day::Day;
use super::session::Phase;
use super::session::{phase_name, placing_blocked};
use super::validate::InvalidInput;
use crate::i18n::{Lang, t};

/// Why something was refused, with what the sentence needs. [`RefusalText::message`] says it
/// in a language (catalog messages `refusal-*`; input, phase and settings refusals reuse the
/// domain's own messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefusalText {
    /// A typed value failed validation.
    Input(InvalidInput),
    /// No such post-it here (or not one this pair may use).
    UnknownCard,
    /// The facilitator hid the post-it.
    CardHidden,
    /// The post-it was merged into another one.
    CardMerged,
    /// The pair was removed from the workshop.
    PairRemoved,
    /// The workshop is closed: a pair can change nothing.
    Closed,
    /// Pairs may not place in this phase ([`Phase::placing_blocked_reason`]).
    PlacingBlocked(Phase),
    /// The pair has not agreed to this version of the information sheet.
    ConsentNeeded {
        /// The current version.
        version: String,
    },
    /// The id chosen for a new post-it belongs to another one.
    CardIdTaken,
    /// The pair wrote as many post-its as a pair may.
    TooManyPairCards {
        /// The most one pair may write.
        max: usize,
    },
    /// The facilitator locked the aspect.
    Locked,
    /// The post-it is not on the spectrum.
    AlreadyInTray,
    /// The workshop holds as many post-its as it can.
    TooManyCards {
        /// The most a workshop holds.
        max: usize,
    },
    /// The workshop is closed: the console must reopen it first.
    ClosedReopen,
    /// The workshop is already in the phase asked for.
    AlreadyInPhase,
    /// A second round before the first was placed and revealed.
    SecondRoundTooSoon,
    /// Reveal before placing.
    RevealTooSoon,
    /// A closed workshop reopens only to the phase it was closed from.
    ClosedReopensOneStep,
    /// Phases go one step at a time.
    OneStepAtATime,
    /// The privacy threshold is out of range.
    MinPairsRange {
        /// Its largest value.
        max: u32,
    },
    /// The withdrawal deadline chosen is a day already over.
    DeadlinePast {
        /// The deadline chosen.
        day: Day,
        /// Today (UTC).
        today: Day,
    },
    /// A timer's length is out of range.
    TimerRange {
        /// The longest timer, in minutes.
        max: u32,
    },
    /// Pausing when no timer runs.
    NoTimerRunning,
    /// Resuming when no timer is paused.
    NoTimerPaused,
    /// An extension out of range.
    ExtendRange {
        /// The longest extension, in minutes.
        max: u32,
    },
    /// Extending when there is no timer.
    NoTimerToExtend,
    /// Clearing when there is no timer.
    NoTimer,
    /// Merging a post-it into itself.
    MergeIntoItself,
    /// Merging into a hidden post-it.
    MergeIntoHidden,
    /// No such pair in the workshop.
    UnknownPair,
    /// A withdrawal sent as a control (the room does it, not the rules).
    WithdrawNotAnEvent,
    /// Consent given where there is no information sheet.
    NoSheet,
    /// The sheet changed while the pair read it.
    SheetChanged {
        /// The current version.
        version: String,
    },
    /// The number of people at the tablet is out of range.
    PeopleCount {
        /// The most people at one tablet.
        max: u8,
    },
    /// Not every person ticked every statement.
    EveryoneMustTick,
    /// Declining where there is no information sheet.
    NothingToDecline,
    /// Declining a sheet the pair already agreed to.
    AlreadyAgreed,
    /// Joining without agreeing to the workshop's information sheet.
    SheetBeforeJoining {
        /// The current version.
        version: String,
    },
    /// A sentence with no structured form: said in English in every language.
    Untranslated(String),
}

impl RefusalText {
    /// The sentence in `l`.
    pub fn message(&self, l: Lang) -> String {
        use RefusalText as R;
        match self {
            R::Input(e) => e.text(l),
            R::UnknownCard => t::refusal_unknown_card(l).into(),
            R::CardHidden => t::refusal_card_hidden(l).into(),
            R::CardMerged => t::refusal_card_merged(l).into(),
            R::PairRemoved => t::refusal_pair_removed(l).into(),
            R::Closed => t::phase_blocked_closed(l).into(),
            R::PlacingBlocked(phase) => placing_blocked(l, *phase).unwrap_or_else(|| phase_name(l, *phase)).into(),
            R::ConsentNeeded { version } => t::refusal_consent_needed(l, version),
            R::CardIdTaken => t::refusal_card_id_taken(l).into(),
            R::TooManyPairCards { max } => t::refusal_too_many_pair_cards(l, *max),
            R::Locked => t::refusal_locked(l).into(),
            R::AlreadyInTray => t::refusal_already_in_tray(l).into(),
            R::TooManyCards { max } => t::refusal_too_many_cards(l, *max),
            R::ClosedReopen => t::refusal_closed_reopen(l).into(),
            R::AlreadyInPhase => t::refusal_already_in_phase(l).into(),
            R::SecondRoundTooSoon => t::refusal_second_round_too_soon(l).into(),
            R::RevealTooSoon => t::refusal_reveal_too_soon(l).into(),
            R::ClosedReopensOneStep => t::refusal_closed_reopens_one_step(l).into(),
            R::OneStepAtATime => t::refusal_one_step(l).into(),
            R::MinPairsRange { max } => t::domain_min_pairs_range(l, *max),
            R::DeadlinePast { day, today } => t::domain_deadline_past(l, *day, *today),
            R::TimerRange { max } => t::refusal_timer_range(l, *max),
            R::NoTimerRunning => t::refusal_no_timer_running(l).into(),
            R::NoTimerPaused => t::refusal_no_timer_paused(l).into(),
            R::ExtendRange { max } => t::refusal_extend_range(l, *max),
            R::NoTimerToExtend => t::refusal_no_timer_to_extend(l).into(),
            R::NoTimer => t::refusal_no_timer(l).into(),
            R::MergeIntoItself => t::refusal_merge_into_itself(l).into(),
            R::MergeIntoHidden => t::refusal_merge_into_hidden(l).into(),
            R::UnknownPair => t::refusal_unknown_pair(l).into(),
            R::WithdrawNotAnEvent => t::refusal_withdraw_not_event(l).into(),
            R::NoSheet => t::refusal_no_sheet(l).into(),
            R::SheetChanged { version } => t::refusal_sheet_changed(l, version),
            R::PeopleCount { max } => t::refusal_people_count(l, *max),
            R::EveryoneMustTick => t::refusal_everyone_must_tick(l).into(),
            R::NothingToDecline => t::refusal_nothing_to_decline(l).into(),
            R::AlreadyAgreed => t::refusal_already_agreed(l).into(),
            R::SheetBeforeJoining { version } => t::refusal_sheet_before_joining(l, version),
            R::Untranslated(message) => message.clone(),
        }
    }
}

impl From<InvalidInput> for RefusalText {
    fn from(e: InvalidInput) -> Self {
        RefusalText::Input(e)
    }
}

impl std::fmt::Display for RefusalText {
    /// The English sentence.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::EN))
    }
}

/// The phase steps the facilitator may take (here, beside the refusals they give, so the
/// phases know nothing of refusals).
impl Phase {
    /// Whether the facilitator may go from `self` to `to` (one step forward or back, or
    /// closing from anywhere). `Err` says why not, in words for the facilitator.
    pub fn check_step(self, to: Phase, rounds: u8) -> Result<(), RefusalText> {
        if self == to {
            return Err(RefusalText::AlreadyInPhase);
        }
        if to == Phase::Closed || self.previous(rounds) == Some(to) {
            return Ok(());
        }
        match (self, to) {
            (Phase::Joining, Phase::Placing)
            | (Phase::Placing, Phase::Reveal)
            | (Phase::Reveal, Phase::SecondRound) => Ok(()),
            (_, Phase::SecondRound) => Err(RefusalText::SecondRoundTooSoon),
            (_, Phase::Reveal) => Err(RefusalText::RevealTooSoon),
            (Phase::Closed, _) => Err(RefusalText::ClosedReopensOneStep),
            _ => Err(RefusalText::OneStepAtATime),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal with the English sentence it had before it could be said in Welsh.
    fn every_refusal() -> Vec<(RefusalText, &'static str)> {
        use RefusalText as R;
        let day = |text: &str| Day::parse(text).expect("a day");
        vec![
            (R::Input(InvalidInput::Empty { field: "Post-it text" }), "Post-it text is empty: please write something."),
            (R::UnknownCard, "That post-it is not part of this workshop."),
            (R::CardHidden, "The facilitator has hidden that post-it."),
            (R::CardMerged, "That post-it was merged into another one."),
            (R::PairRemoved, "This pair was removed from the workshop."),
            (R::Closed, "The workshop is closed; nothing can be changed."),
            (R::PlacingBlocked(Phase::Joining), "Placing has not started yet: the facilitator will start it."),
            (R::PlacingBlocked(Phase::Reveal), "The facilitator has paused placing while the room discusses."),
            (R::PlacingBlocked(Phase::Closed), "The workshop is closed; nothing can be changed."),
            (
                R::ConsentNeeded { version: "1.1".into() },
                "Your pair has not agreed to version 1.1 of the information sheet yet, so nothing was saved. \
                 Read it on this tablet and agree (each person) to continue.",
            ),
            (R::CardIdTaken, "That post-it id is already taken; nothing was added."),
            (R::TooManyPairCards { max: 10 }, "A pair can write at most 10 post-its; talk to the facilitator."),
            (R::Locked, "The facilitator has locked this aspect; it cannot be moved now."),
            (R::AlreadyInTray, "That post-it is already in the tray."),
            (R::TooManyCards { max: 60 }, "This workshop already has 60 post-its, the most it can hold."),
            (R::ClosedReopen, "The workshop is closed. Reopen it (one phase back) to change anything."),
            (R::AlreadyInPhase, "The workshop is already in that phase."),
            (R::SecondRoundTooSoon, "A second round comes after the first round has been placed and revealed."),
            (R::RevealTooSoon, "Reveal comes after placing: start placing first."),
            (R::ClosedReopensOneStep, "A closed workshop reopens one step back, to the phase it was closed from."),
            (
                R::OneStepAtATime,
                "Phases go one step at a time: Joining, Placing, Reveal & discuss, Second round, Closed.",
            ),
            (R::MinPairsRange { max: 20 }, "Privacy threshold: a whole number of pairs from 1 to 20."),
            (
                R::DeadlinePast { day: day("2026-12-03"), today: day("2026-12-04") },
                "The withdrawal deadline 2026-12-03 is in the past (today is 2026-12-04 UTC). Choose today or a \
                 later day, or leave it empty.",
            ),
            (R::TimerRange { max: 120 }, "A timer runs from 1 to 120 minutes."),
            (R::NoTimerRunning, "No timer is running."),
            (R::NoTimerPaused, "No timer is paused."),
            (R::ExtendRange { max: 60 }, "A timer can be extended by 1 to 60 minutes."),
            (R::NoTimerToExtend, "There is no timer to extend; start one first."),
            (R::NoTimer, "There is no timer."),
            (R::MergeIntoItself, "A post-it cannot be merged into itself; choose another one to merge into."),
            (R::MergeIntoHidden, "Show that post-it before merging into it."),
            (R::UnknownPair, "That pair is not in this workshop."),
            (
                R::WithdrawNotAnEvent,
                "Withdrawing a pair erases its stored data; only the server's room does it, not as an event.",
            ),
            (R::NoSheet, "This workshop has no information sheet to agree to; go on to the board."),
            (
                R::SheetChanged { version: "2".into() },
                "The information sheet changed to version 2 while you were reading. Read version 2 and agree again.",
            ),
            (R::PeopleCount { max: 4 }, "Say how many people share this tablet: 1 to 4."),
            (
                R::EveryoneMustTick,
                "Every person must tick every statement before the board opens; if you do not agree, choose \
                 \"We do not agree\".",
            ),
            (
                R::NothingToDecline,
                "This workshop has no information sheet, so there is nothing to decline. Nothing was changed.",
            ),
            (
                R::AlreadyAgreed,
                "Your pair already agreed to the current information sheet. To leave the study, ask the facilitator \
                 to withdraw your pair (quote your reference). Nothing was changed.",
            ),
            (
                R::SheetBeforeJoining { version: "3".into() },
                "This workshop asks each person to read its information sheet (version 3) and agree before \
                 joining. Reload this page to see it.",
            ),
        ]
    }

    #[test]
    fn english_refusals_are_the_sentences_they_always_were() {
        for (text, english) in every_refusal() {
            assert_eq!(text.message(Lang::EN), english, "{text:?}");
            assert_eq!(text.to_string(), english, "{text:?}");
        }
    }

    #[test]
    fn welsh_refusals_are_welsh() {
        for (text, english) in every_refusal() {
            let welsh = text.message(Lang::CY);
            assert_ne!(welsh, english, "{text:?}");
            assert!(!welsh.is_empty(), "{text:?}");
        }
        let welsh = RefusalText::ConsentNeeded { version: "1.1".into() }.message(Lang::CY);
        assert!(welsh.contains("fersiwn 1.1"), "{welsh}");
        let welsh = RefusalText::OneStepAtATime.message(Lang::CY);
        assert!(welsh.contains("Ymuno, Gosod, Datgelu a thrafod, Ail rownd, Ar gau"), "{welsh}");
        assert!(RefusalText::EveryoneMustTick.message(Lang::CY).contains("\"Nid ydym yn cytuno\""));
    }

    #[test]
    fn a_sentence_without_a_structured_form_stays_english() {
        let text = RefusalText::Untranslated("The sheet did not change.".into());
        assert_eq!(text.message(Lang::CY), "The sheet did not change.");
    }

    #[test]
    fn a_refusal_s_message_is_the_english_of_its_text() {
        let refusal = super::super::Refusal::new(super::super::RefusalKind::Locked, RefusalText::Locked);
        assert_eq!(refusal.message, "The facilitator has locked this aspect; it cannot be moved now.");
        assert_eq!(refusal.text.message(Lang::CY), "Mae'r hwylusydd wedi cloi'r agwedd hon; ni ellir ei symud nawr.");
    }
}
