//! The shape of a session: its phases, the workshop settings, the countdown timer and the
//! discussion focus. Plain values; [`super::rules`] decides who may change them and when.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::day::Day;
use crate::i18n::{Lang, t};

/// Where the session is. Set by the facilitator; every screen follows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Pairs join and read their post-its; nothing can be placed yet.
    #[default]
    Joining,
    /// Pairs place their post-its (first round).
    Placing,
    /// Positions are shown to the room and discussed; placing is paused.
    Reveal,
    /// Pairs may move their post-its again, starting from their first-round positions.
    SecondRound,
    /// Read-only; the data stays downloadable.
    Closed,
}

impl Phase {
    /// The phase's name, as every screen shows it.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Joining => "Joining",
            Phase::Placing => "Placing",
            Phase::Reveal => "Reveal & discuss",
            Phase::SecondRound => "Second round",
            Phase::Closed => "Closed",
        }
    }

    /// Whether pairs may put post-its on the spectrum, move them or mark them "can't place".
    pub fn pairs_may_place(self) -> bool {
        matches!(self, Phase::Placing | Phase::SecondRound)
    }

    /// Whether the room's positions are shown to everyone (without the live-wall setting).
    pub fn reveals_positions(self) -> bool {
        matches!(self, Phase::Reveal | Phase::SecondRound | Phase::Closed)
    }

    /// Why a pair cannot place now, in words for the pair; `None` when it can.
    pub fn placing_blocked_reason(self) -> Option<&'static str> {
        match self {
            Phase::Joining => Some("Placing has not started yet: the facilitator will start it."),
            Phase::Reveal => Some("The facilitator has paused placing while the room discusses."),
            Phase::Closed => Some("The workshop is closed; nothing can be changed."),
            Phase::Placing | Phase::SecondRound => None,
        }
    }

    /// The phase a "back" step returns to from here, given how many rounds were opened.
    pub fn previous(self, rounds: u8) -> Option<Phase> {
        match self {
            Phase::Joining => None,
            Phase::Placing => Some(Phase::Joining),
            Phase::Reveal => Some(Phase::Placing),
            Phase::SecondRound => Some(Phase::Reveal),
            Phase::Closed if rounds >= 2 => Some(Phase::SecondRound),
            Phase::Closed => Some(Phase::Reveal),
        }
    }
}

/// Choices the facilitator makes for the whole workshop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Everyone sees every placement as it happens, instead of private placing then reveal.
    pub live_wall: bool,
    /// A pair's own post-its go onto every pair's tray, not only its own.
    pub share_pair_cards: bool,
    /// The projector attributes notes to pair labels (anonymous otherwise).
    pub name_notes: bool,
    /// The projector hides an aspect's individual dots until this many pairs placed it.
    pub min_pairs: u32,
    /// The projector shows the opinion groups (each group's median per aspect) under the
    /// picture. Off unless asked for; absent in settings saved before it existed.
    #[serde(default)]
    pub show_groups: bool,
    /// "Pair names in exports": every export names a pair only by its reference
    /// (pseudonymised) instead of the label it typed. Left out of the JSON when off, so
    /// settings saved before it existed read and write back unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub export_references: bool,
    /// The last day (UTC) on which a pair can still be withdrawn; `None`: any time. Left out
    /// of the JSON when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal_deadline: Option<Day>,
    /// "Pairs can see their results": after the reveal each pair's tablet offers its own
    /// positions beside the room's ("Our results", `GET /api/pair/results`). On unless the
    /// facilitator turns it off; left out of the JSON when on, so settings saved before it
    /// existed read as on and write back unchanged.
    #[serde(default = "super::serde_helpers::yes", skip_serializing_if = "super::serde_helpers::is_true")]
    pub pair_results: bool,
    /// "Projector shows both languages": a workshop with a second language shows each text
    /// in both, the first above the second, on the projector (and the console's picture);
    /// off, each screen shows its own language's. Left out of the JSON when off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub both_languages: bool,
}

/// Default small-group privacy threshold.
pub const DEFAULT_MIN_PAIRS: u32 = 3;
/// Largest allowed privacy threshold.
pub const MAX_MIN_PAIRS: u32 = 20;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            live_wall: false,
            share_pair_cards: false,
            name_notes: false,
            min_pairs: DEFAULT_MIN_PAIRS,
            show_groups: false,
            export_references: false,
            withdrawal_deadline: None,
            pair_results: true,
            both_languages: false,
        }
    }
}

/// The privacy threshold's field, as the forms and refusals name it (an identifier, compared
/// in code; the English of [`min_pairs_label`], which the forms show).
pub const MIN_PAIRS_LABEL: &str = "Privacy threshold (pairs)";

/// The privacy threshold's label on the console and the new-workshop form, in `l`.
pub fn min_pairs_label(l: Lang) -> &'static str {
    t::domain_min_pairs_label(l)
}

/// One on/off setting: its label on the console and the new-workshop form, and how to read
/// and set it, so both screens show the same words in the same order.
#[derive(Clone, Copy, Debug)]
pub struct Switch {
    /// The checkbox's label, in a language.
    pub label: fn(Lang) -> &'static str,
    /// Reads it.
    pub get: fn(&Settings) -> bool,
    /// Sets it.
    pub set: fn(&mut Settings, bool),
}

/// The on/off settings, in the order the forms show them.
pub const SWITCHES: [Switch; 7] = [
    Switch { label: t::domain_switch_live_wall, get: |s| s.live_wall, set: |s, on| s.live_wall = on },
    Switch {
        label: t::domain_switch_share_pair_cards,
        get: |s| s.share_pair_cards,
        set: |s, on| s.share_pair_cards = on,
    },
    Switch { label: t::domain_switch_name_notes, get: |s| s.name_notes, set: |s, on| s.name_notes = on },
    Switch { label: t::domain_switch_show_groups, get: |s| s.show_groups, set: |s, on| s.show_groups = on },
    Switch {
        label: t::domain_switch_export_references,
        get: |s| s.export_references,
        set: |s, on| s.export_references = on,
    },
    Switch { label: t::domain_switch_pair_results, get: |s| s.pair_results, set: |s, on| s.pair_results = on },
    Switch { label: t::domain_switch_both_languages, get: |s| s.both_languages, set: |s, on| s.both_languages = on },
];

/// The label of the "Pairs can see their results" switch in English (also named in the
/// refusal a pair gets when it is off).
pub const PAIR_RESULTS_LABEL: &str = "Pairs can see their results";

/// The withdrawal deadline's field, as the forms and refusals name it (an identifier, compared
/// in code; the English of [`deadline_label`], which the forms show).
pub const DEADLINE_LABEL: &str = "Withdrawal deadline (optional)";

/// The withdrawal deadline's label on the console and the new-workshop form, in `l`.
pub fn deadline_label(l: Lang) -> &'static str {
    t::domain_deadline_label(l)
}

/// A setting out of range: the field (its English label, [`MIN_PAIRS_LABEL`] or
/// [`DEADLINE_LABEL`]) and what to do about it, in the language asked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct BadSetting {
    /// The field, by its English label (compared in code).
    pub field: &'static str,
    /// What to do, for the facilitator.
    pub message: String,
}

impl BadSetting {
    fn min_pairs(l: Lang) -> BadSetting {
        BadSetting { field: MIN_PAIRS_LABEL, message: t::domain_min_pairs_range(l, MAX_MIN_PAIRS) }
    }
}

impl Settings {
    /// Checks settings the facilitator chose, on the console or when creating a workshop:
    /// the one rule both go through. The switches are plain on/off; only the threshold has a
    /// range. The refusal is in `l`.
    pub fn check(&self, l: Lang) -> Result<(), BadSetting> {
        if (1..=MAX_MIN_PAIRS).contains(&self.min_pairs) { Ok(()) } else { Err(BadSetting::min_pairs(l)) }
    }

    /// Checks a withdrawal deadline the facilitator set (`before` is the one it replaces):
    /// a new one may not be a day already over at `now`. An unchanged one is not checked
    /// again, so other settings can still change after the deadline passed. The refusal is in
    /// `l`.
    pub fn check_deadline(&self, before: Option<Day>, now: i64, l: Lang) -> Result<(), BadSetting> {
        match self.withdrawal_deadline {
            Some(day) if Some(day) != before && day.end_ms() <= now => {
                Err(BadSetting { field: DEADLINE_LABEL, message: t::domain_deadline_past(l, day, Day::of_ms(now)) })
            }
            _ => Ok(()),
        }
    }
}

/// Reads a typed withdrawal deadline (`YYYY-MM-DD`, what a date field gives): empty is none.
/// Whether it is over is checked against the clock by [`Settings::check_deadline`]. The
/// refusal is in `l`.
pub fn parse_deadline(typed: &str, l: Lang) -> Result<Option<Day>, BadSetting> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    Day::parse(typed)
        .map(Some)
        .ok_or_else(|| BadSetting { field: DEADLINE_LABEL, message: t::domain_deadline_not_a_date(l, typed) })
}

/// Reads a typed privacy threshold (a whole number from 1 to [`MAX_MIN_PAIRS`]). The refusal
/// is in `l`.
pub fn parse_min_pairs(typed: &str, l: Lang) -> Result<u32, BadSetting> {
    match typed.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_MIN_PAIRS).contains(&n) => Ok(n),
        _ => Err(BadSetting::min_pairs(l)),
    }
}

/// The facilitator's countdown, shown on every screen. Times are server milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    /// Total length, including extensions.
    pub duration_ms: i64,
    /// Time already run before the current run (sum of the runs before pauses).
    pub elapsed_ms: i64,
    /// When the current run started; `None` while paused.
    pub running_since: Option<i64>,
}

impl Timer {
    /// A timer of `minutes` started at `now`.
    pub fn start(minutes: u32, now: i64) -> Timer {
        Timer { duration_ms: i64::from(minutes) * 60_000, elapsed_ms: 0, running_since: Some(now) }
    }

    /// Milliseconds left at `now` (never negative).
    pub fn remaining_ms(&self, now: i64) -> i64 {
        let running = self.running_since.map_or(0, |since| (now - since).max(0));
        (self.duration_ms - self.elapsed_ms - running).max(0)
    }

    /// Whether it is counting down now.
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Paused at `now`.
    pub fn paused(&self, now: i64) -> Timer {
        match self.running_since {
            Some(since) => Timer { elapsed_ms: self.elapsed_ms + (now - since).max(0), running_since: None, ..*self },
            None => *self,
        }
    }

    /// Running again from `now`.
    pub fn resumed(&self, now: i64) -> Timer {
        Timer { running_since: Some(self.running_since.unwrap_or(now)), ..*self }
    }

    /// With `minutes` more.
    pub fn extended(&self, minutes: u32) -> Timer {
        Timer { duration_ms: self.duration_ms + i64::from(minutes) * 60_000, ..*self }
    }
}

/// `m:ss` for a countdown.
pub fn format_countdown(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// How the aspects are ordered on the projector and console.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AspectOrder {
    /// The order the facilitator set.
    #[default]
    Set,
    /// Most disagreement (widest interquartile range) first.
    Spread,
    /// Lowest median (most fixed) first.
    Median,
}

/// What the room is looking at during discussion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Focus {
    /// The aspect shown large on the projector, if any.
    pub spotlight: Option<Uuid>,
    /// Order of the aspects.
    pub order: AspectOrder,
}

/// A phase's name ("Reveal & discuss").
pub fn phase_name(l: Lang, phase: Phase) -> &'static str {
    match phase {
        Phase::Joining => t::phase_joining(l),
        Phase::Placing => t::phase_placing(l),
        Phase::Reveal => t::phase_reveal(l),
        Phase::SecondRound => t::phase_second_round(l),
        Phase::Closed => t::phase_closed(l),
    }
}

/// Why pairs may not place in this phase, if they may not (see
/// [`Phase::placing_blocked_reason`]).
pub fn placing_blocked(l: Lang, phase: Phase) -> Option<&'static str> {
    match phase {
        Phase::Joining => Some(t::phase_blocked_joining(l)),
        Phase::Reveal => Some(t::phase_blocked_reveal(l)),
        Phase::Closed => Some(t::phase_blocked_closed(l)),
        Phase::Placing | Phase::SecondRound => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_have_the_domain_s_english_names() {
        for p in [Phase::Joining, Phase::Placing, Phase::Reveal, Phase::SecondRound, Phase::Closed] {
            assert_eq!(phase_name(Lang::EN, p), p.name());
            assert_eq!(placing_blocked(Lang::EN, p), p.placing_blocked_reason());
            assert_ne!(phase_name(Lang::CY, p), p.name());
        }
    }

    #[test]
    fn phases_step_one_at_a_time_and_close_from_anywhere() {
        use Phase::*;
        assert!(Joining.check_step(Placing, 1).is_ok());
        assert!(Placing.check_step(Reveal, 1).is_ok());
        assert!(Reveal.check_step(SecondRound, 1).is_ok());
        assert!(Reveal.check_step(Placing, 1).is_ok(), "reopen placing");
        assert!(SecondRound.check_step(Reveal, 2).is_ok());
        for from in [Joining, Placing, Reveal, SecondRound] {
            assert!(from.check_step(Closed, 1).is_ok());
        }
        assert!(Closed.check_step(Reveal, 1).is_ok());
        assert!(Closed.check_step(SecondRound, 2).is_ok());
        assert!(Closed.check_step(SecondRound, 1).is_err());
        assert!(Joining.check_step(SecondRound, 1).unwrap_err().message(Lang::EN).contains("second round"));
        assert!(Placing.check_step(SecondRound, 1).is_err());
        assert!(Joining.check_step(Reveal, 1).is_err());
        assert!(Placing.check_step(Placing, 1).is_err());
        assert!(Closed.check_step(Joining, 1).is_err());
    }

    #[test]
    fn only_placing_phases_let_pairs_place() {
        assert!(Phase::Placing.pairs_may_place() && Phase::SecondRound.pairs_may_place());
        for p in [Phase::Joining, Phase::Reveal, Phase::Closed] {
            assert!(!p.pairs_may_place());
            assert!(p.placing_blocked_reason().is_some());
        }
        assert_eq!(Phase::Reveal.name(), "Reveal & discuss");
    }

    #[test]
    fn timer_pauses_resumes_and_extends() {
        let t = Timer::start(5, 1_000);
        assert_eq!(t.remaining_ms(61_000), 240_000);
        let p = t.paused(61_000);
        assert_eq!(p.remaining_ms(999_999), 240_000, "a paused timer stands still");
        let r = p.resumed(100_000).extended(1);
        assert_eq!(r.remaining_ms(110_000), 290_000);
        assert_eq!(r.remaining_ms(10_000_000), 0);
        assert_eq!(format_countdown(290_000), "4:50");
        assert_eq!(format_countdown(1), "0:01");
        assert_eq!(format_countdown(0), "0:00");
    }

    #[test]
    fn settings_check_the_threshold_range_and_name_its_field() {
        assert_eq!(Settings::default().check(Lang::EN), Ok(()));
        for min_pairs in [1, MAX_MIN_PAIRS] {
            assert_eq!(Settings { min_pairs, ..Settings::default() }.check(Lang::EN), Ok(()));
        }
        for min_pairs in [0, MAX_MIN_PAIRS + 1, u32::MAX] {
            let e = Settings { min_pairs, ..Settings::default() }.check(Lang::EN).unwrap_err();
            assert_eq!(e.field, "Privacy threshold (pairs)");
            assert_eq!(e.to_string(), "Privacy threshold: a whole number of pairs from 1 to 20.");
        }
        assert_eq!(parse_min_pairs(" 2 ", Lang::EN), Ok(2));
        for typed in ["", "0", "21", "2.5", "-1", "two"] {
            assert_eq!(parse_min_pairs(typed, Lang::EN).unwrap_err().field, MIN_PAIRS_LABEL, "{typed:?}");
        }
    }

    #[test]
    fn switches_read_and_set_their_own_setting() {
        assert!(Settings::default().pair_results, "pairs see their results unless turned off");
        let mut s = Settings { pair_results: false, ..Settings::default() };
        for (i, switch) in SWITCHES.iter().enumerate() {
            assert!(!(switch.get)(&s), "{} starts off here", (switch.label)(Lang::EN));
            (switch.set)(&mut s, true);
            assert!((switch.get)(&s));
            let on: Vec<bool> = SWITCHES.iter().map(|w| (w.get)(&s)).collect();
            assert_eq!(on.iter().filter(|b| **b).count(), i + 1, "only one more is on");
        }
        assert_eq!(
            s,
            Settings {
                live_wall: true,
                share_pair_cards: true,
                name_notes: true,
                min_pairs: 3,
                show_groups: true,
                export_references: true,
                withdrawal_deadline: None,
                pair_results: true,
                both_languages: true,
            }
        );
    }

    #[test]
    fn labels_are_the_field_names_in_english_and_welsh_in_welsh() {
        let english: Vec<&str> = SWITCHES.iter().map(|s| (s.label)(Lang::EN)).collect();
        assert_eq!(
            english,
            [
                "Live wall: everyone sees placements as they happen",
                "Pairs' post-its go onto every pair's tray",
                "Show pair names with notes on the projector",
                "Show opinion groups on the projector",
                "Pair names in exports: references only (pseudonymised)",
                PAIR_RESULTS_LABEL,
                "Projector shows both languages",
            ]
        );
        assert_eq!(min_pairs_label(Lang::EN), MIN_PAIRS_LABEL);
        assert_eq!(deadline_label(Lang::EN), DEADLINE_LABEL);
        for switch in SWITCHES {
            assert_ne!((switch.label)(Lang::CY), (switch.label)(Lang::EN));
        }
        assert_ne!(min_pairs_label(Lang::CY), MIN_PAIRS_LABEL);
        let welsh = parse_min_pairs("0", Lang::CY).unwrap_err();
        assert_eq!(welsh.field, MIN_PAIRS_LABEL, "the field stays the English identifier");
        assert!(welsh.message.contains("20") && welsh.message.starts_with("Trothwy"), "{welsh}");
        let welsh = parse_deadline("x", Lang::CY).unwrap_err();
        assert_eq!(welsh.field, DEADLINE_LABEL);
        assert!(welsh.message.contains("\"x\""), "{welsh}");
    }

    /// Settings saved before "Pairs can see their results" existed read as on and write back
    /// unchanged; only "off" is written.
    #[test]
    fn pair_results_is_on_when_absent_and_written_only_when_off() {
        let old =
            r#"{"live_wall":false,"share_pair_cards":false,"name_notes":false,"min_pairs":3,"show_groups":false}"#;
        let read: Settings = serde_json::from_str(old).unwrap();
        assert!(read.pair_results);
        assert_eq!(serde_json::to_string(&read).unwrap(), old);
        let off = Settings { pair_results: false, ..read };
        let written = serde_json::to_string(&off).unwrap();
        assert!(written.ends_with(r#","pair_results":false}"#), "{written}");
        assert_eq!(serde_json::from_str::<Settings>(&written).unwrap(), off);
    }

    #[test]
    fn a_typed_deadline_is_a_day_or_nothing() {
        assert_eq!(parse_deadline(" ", Lang::EN), Ok(None));
        assert_eq!(
            parse_deadline("2027-01-31", Lang::EN).unwrap().map(|d| d.to_string()).as_deref(),
            Some("2027-01-31")
        );
        let refused = parse_deadline("2027-02-30", Lang::EN).unwrap_err();
        assert_eq!(refused.field, DEADLINE_LABEL);
        assert!(refused.message.contains("\"2027-02-30\" is not a date"), "{}", refused.message);
    }

    #[test]
    fn a_new_withdrawal_deadline_may_not_be_over() {
        // 2026-12-04T12:00:00Z.
        let now = 1_796_342_400_000 + 43_200_000;
        let day = |text| Some(Day::parse(text).unwrap());
        let with = |deadline| Settings { withdrawal_deadline: deadline, ..Settings::default() };
        assert!(with(day("2026-12-04")).check_deadline(None, now, Lang::EN).is_ok(), "today is still open");
        assert!(with(None).check_deadline(day("2026-01-01"), now, Lang::EN).is_ok(), "clearing it is fine");
        let refused = with(day("2026-12-03")).check_deadline(None, now, Lang::EN).unwrap_err();
        assert_eq!(refused.field, DEADLINE_LABEL);
        assert!(refused.message.contains("2026-12-03") && refused.message.contains("2026-12-04"), "{refused}");
        assert!(
            with(day("2026-12-03")).check_deadline(day("2026-12-03"), now, Lang::EN).is_ok(),
            "an unchanged one stays"
        );
    }
}
