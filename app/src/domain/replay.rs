//! Replaying a workshop's event log for researchers: the state at any moment, a sentence per
//! change, and the moment's time. The server sends the workshop as created plus every row
//! of its log ([`Replay`]); applying the first `k` steps gives the room after `k` changes, and
//! applying them all gives exactly the state the server rebuilds on load (the same
//! [`RoomView::apply`], and the same rule for log rows without a screen event).

use serde::{Deserialize, Serialize};

use super::board::format_position;
use super::event::Event;
use super::model::RoomView;
use super::session::Phase;
use super::session::phase_name;
use crate::i18n::{Lang, t};

/// How many steps apart [`Player`] keeps a copy of the state, so a jump back costs at most
/// this many applications instead of a replay from the start.
pub const CHECKPOINT_EVERY: usize = 500;

/// One row of the event log, as the replay shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplayStep {
    /// Sequence number in the workshop (numbers of a removed pair's work are missing).
    pub seq: u64,
    /// When, ms since the Unix epoch (UTC).
    pub at: i64,
    /// Who: `facilitator`, `system`, or the pair's label.
    pub actor: String,
    /// The event log's name for it (`workshop_created`, `placed`, `moved`, …).
    pub action: String,
    /// The change itself; `None` for rows screens never received (`workshop_created`).
    pub event: Option<Event>,
}

impl ReplayStep {
    /// Applies this step as the server's replay does: the event, if any, then the sequence
    /// number (a row without an event still counts).
    pub fn apply_to(&self, view: &mut RoomView) {
        if let Some(event) = &self.event {
            view.apply(self.seq, event);
        }
        view.seq = view.seq.max(self.seq);
    }

    /// The change in a short sentence in `l`, e.g. "Pair A placed “Holding patients” at 62".
    /// `before` is the state just before it (for aspect texts and whether a placing was a move).
    pub fn describe(&self, before: &RoomView, l: Lang) -> String {
        let who = match self.actor.as_str() {
            "facilitator" => t::domain_replay_facilitator(l).to_string(),
            "system" => t::domain_replay_system(l).to_string(),
            label => label.to_string(),
        };
        let Some(event) = &self.event else {
            return match self.action.as_str() {
                "workshop_created" => t::domain_replay_created(l).to_string(),
                other => t::domain_replay_other(l, &who, other.replace('_', " ")),
            };
        };
        let aspect =
            |id| before.card(id).map_or_else(|| t::domain_replay_an_aspect(l).to_string(), |c| format!("“{}”", c.text));
        let pair = |id| before.pair(id).map_or_else(|| t::domain_replay_a_pair(l).to_string(), |p| p.label.clone());
        match event {
            Event::PairJoined { pair } => t::domain_replay_joined(l, &pair.label),
            Event::PairRemoved { pair_id, .. } => t::domain_replay_removed(l, pair(*pair_id)),
            Event::PairWithdrawn { .. } => t::domain_replay_withdrawn(l).to_string(),
            Event::Placed { card_id, position, .. } => {
                let moved = before.action_name(event) == "moved";
                match (moved, position) {
                    (true, Some(p)) => t::domain_replay_moved_to(l, &who, aspect(*card_id), format_position(*p)),
                    (true, None) => t::domain_replay_moved(l, &who, aspect(*card_id)),
                    (false, Some(p)) => t::domain_replay_placed_at(l, &who, aspect(*card_id), format_position(*p)),
                    (false, None) => t::domain_replay_placed(l, &who, aspect(*card_id)),
                }
            }
            Event::Unplaced { card_id, .. } => t::domain_replay_unplaced(l, &who, aspect(*card_id)),
            Event::SheetSaved { card_id, cant_place: Some(_), .. } => {
                t::domain_replay_cant_place(l, &who, aspect(*card_id))
            }
            Event::SheetSaved { card_id, .. } => t::domain_replay_notes(l, &who, aspect(*card_id)),
            Event::CardAdded { card, .. } => t::domain_replay_card_added(l, &who, &card.text),
            Event::CardChanged { card, .. } => {
                let what = match before.action_name(event) {
                    "card_hidden" => t::domain_replay_hid,
                    "card_shown" => t::domain_replay_showed,
                    "card_locked" => t::domain_replay_locked,
                    "card_unlocked" => t::domain_replay_unlocked,
                    _ => t::domain_replay_reworded,
                };
                what(l, aspect(card.id))
            }
            Event::CardsMerged { from, into, .. } => t::domain_replay_merged(l, aspect(*from), aspect(*into)),
            Event::PhaseChanged { phase, .. } => match phase {
                Phase::Reveal if before.phase == Phase::Placing => t::domain_replay_revealed(l).to_string(),
                Phase::Placing if before.phase == Phase::Joining => t::domain_replay_started_placing(l).to_string(),
                Phase::SecondRound if before.round < 2 => t::domain_replay_second_round(l).to_string(),
                Phase::Closed => t::domain_replay_closed(l).to_string(),
                other => t::domain_replay_went_to(l, phase_name(l, *other)),
            },
            Event::SettingsChanged { .. } => t::domain_replay_settings(l).to_string(),
            Event::SecondLanguageSet { .. } => t::domain_replay_second_language(l).to_string(),
            Event::TimerChanged { timer: Some(_), .. } => t::domain_replay_timer(l).to_string(),
            Event::TimerChanged { timer: None, .. } => t::domain_replay_timer_cleared(l).to_string(),
            Event::FocusChanged { .. } => t::domain_replay_focus(l).to_string(),
            Event::ConsentSheetSet { sheet, .. } => t::domain_replay_sheet_set(l, &sheet.version),
            Event::ConsentGiven { version, people, .. } => t::domain_replay_consent(l, &who, version, *people),
        }
    }
}

/// `GET /api/research/workshops/{id}/replay`: a workshop's whole history. Holds no secret:
/// the join code is blank and no token or secret hash is included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Replay {
    /// `YYYY-MM-DD` (UTC), the day the workshop was created.
    pub date: String,
    /// The workshop as created: its facilitator's aspects, no pairs, before any change.
    pub start: RoomView,
    /// Every row of the event log, in sequence order.
    pub steps: Vec<ReplayStep>,
}

impl Replay {
    /// The state after the first `k` steps (all of them when `k` is larger), from scratch.
    pub fn state_at(&self, k: usize) -> RoomView {
        let mut view = self.start.clone();
        for step in &self.steps[..k.min(self.steps.len())] {
            step.apply_to(&mut view);
        }
        view
    }

    /// "14:03:27 UTC" and "12:05 after the first change" (in `l`) for moment `k` (after `k`
    /// steps); `None` at moment 0, before any change.
    pub fn moment_time(&self, k: usize, l: Lang) -> Option<(String, String)> {
        let first = self.steps.first()?.at;
        let step = self.steps.get(k.checked_sub(1)?).or(self.steps.last())?;
        Some((clock_utc(step.at), t::domain_replay_since_first(l, minutes_seconds(step.at - first))))
    }
}

/// "HH:MM:SS UTC" of a time in ms since the epoch.
pub fn clock_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02} UTC", secs / 3600, secs / 60 % 60, secs % 60)
}

/// "mm:ss" of a duration in ms (minutes may exceed 59; a negative duration counts as 0).
pub fn minutes_seconds(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// What the researcher's picture draws from a moment's state: every placed position of the
/// round current at that moment. The room's projector may show less (positions only once
/// revealed or with the live wall, dots only when `min_pairs` pairs placed an aspect); a
/// researcher studies how positions moved, so the copy says "live wall" and a threshold of 1.
/// The phase, round and everything else stay as they were, so the page reports them truly.
pub fn researcher_picture(view: &RoomView) -> RoomView {
    let mut shown = view.clone();
    shown.settings.live_wall = true;
    shown.settings.min_pairs = 1;
    shown
}

/// Moves through a [`Replay`] without replaying from the start on every move: forward from
/// the current state, and backward from the nearest checkpoint (one every
/// [`CHECKPOINT_EVERY`] steps, kept as they are first passed).
#[derive(Clone, Debug)]
pub struct Player {
    replay: Replay,
    /// `checkpoints[i]` is the state after `i * CHECKPOINT_EVERY` steps.
    checkpoints: Vec<RoomView>,
    current: RoomView,
    at: usize,
}

impl Player {
    /// A player at moment 0.
    pub fn new(replay: Replay) -> Player {
        let start = replay.start.clone();
        Player { checkpoints: vec![start.clone()], current: start, at: 0, replay }
    }

    /// The replay.
    pub fn replay(&self) -> &Replay {
        &self.replay
    }

    /// How many steps there are (the last moment).
    pub fn len(&self) -> usize {
        self.replay.steps.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.replay.steps.is_empty()
    }

    /// The current moment.
    pub fn moment(&self) -> usize {
        self.at
    }

    /// The state at the current moment.
    pub fn view(&self) -> &RoomView {
        &self.current
    }

    /// Goes to moment `k` (clamped to the last) and returns its state.
    pub fn seek(&mut self, k: usize) -> &RoomView {
        let k = k.min(self.len());
        // Back, or forward past a checkpoint already known: start from that checkpoint.
        let checkpoint = (k / CHECKPOINT_EVERY).min(self.checkpoints.len() - 1);
        if k < self.at || checkpoint * CHECKPOINT_EVERY > self.at {
            self.current = self.checkpoints[checkpoint].clone();
            self.at = checkpoint * CHECKPOINT_EVERY;
        }
        while self.at < k {
            self.replay.steps[self.at].apply_to(&mut self.current);
            self.at += 1;
            if self.at.is_multiple_of(CHECKPOINT_EVERY) && self.checkpoints.len() == self.at / CHECKPOINT_EVERY {
                self.checkpoints.push(self.current.clone());
            }
        }
        &self.current
    }

    /// The sentence for the change that led to the current moment, in `l`; `None` at moment 0.
    pub fn description(&self, l: Lang) -> Option<String> {
        let k = self.at.checked_sub(1)?;
        // The state before the last step, rebuilt from the checkpoint at or before it.
        let checkpoint = (k / CHECKPOINT_EVERY).min(self.checkpoints.len() - 1);
        let mut before = self.checkpoints[checkpoint].clone();
        for step in &self.replay.steps[checkpoint * CHECKPOINT_EVERY..k] {
            step.apply_to(&mut before);
        }
        Some(self.replay.steps[k].describe(&before, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::id;
    use crate::domain::{Card, PairSummary, WorkshopInfo};

    fn start() -> RoomView {
        RoomView::new(
            WorkshopInfo::for_tests(),
            vec![Card::new(id(10), "Holding patients", 0), Card::new(id(20), "Where people are seen", 1)],
        )
    }

    fn step(seq: u64, at: i64, actor: &str, action: &str, event: Option<Event>) -> ReplayStep {
        ReplayStep { seq, at, actor: actor.into(), action: action.into(), event }
    }

    fn joined(seq: u64, n: u128, label: &str) -> ReplayStep {
        let pair = PairSummary {
            id: id(n),
            label: label.into(),
            joined_at: seq as i64,
            last_active: seq as i64,
            reference: None,
        };
        step(seq, 1_000 * seq as i64, "system", "pair_joined", Some(Event::PairJoined { pair }))
    }

    fn placed(seq: u64, pair: u128, label: &str, card: u128, round: u8, position: f64) -> ReplayStep {
        let event = Event::Placed { pair_id: id(pair), card_id: id(card), round, position: Some(position), at: 7 };
        step(seq, 1_000 * seq as i64, label, "placed", Some(event))
    }

    fn phase(seq: u64, phase: Phase) -> ReplayStep {
        step(seq, 1_000 * seq as i64, "facilitator", "phase_changed", Some(Event::PhaseChanged { phase, at: 9 }))
    }

    /// Created, Placing, two pairs, A places and moves, B places, reveal, round 2, A moves again.
    fn history() -> Replay {
        Replay {
            date: "1970-01-01".into(),
            start: start(),
            steps: vec![
                step(1, 1_000, "facilitator", "workshop_created", None),
                phase(2, Phase::Placing),
                joined(3, 100, "Pair A"),
                joined(4, 200, "Pair B"),
                placed(5, 100, "Pair A", 10, 1, 62.0),
                placed(6, 100, "Pair A", 10, 1, 30.5),
                placed(7, 200, "Pair B", 20, 1, 80.0),
                phase(8, Phase::Reveal),
                phase(9, Phase::SecondRound),
                placed(10, 100, "Pair A", 10, 2, 45.0),
            ],
        }
    }

    fn position(view: &RoomView, round: u8, pair: u128, card: u128) -> Option<f64> {
        view.placement_in(round, id(pair), id(card)).map(|p| p.position)
    }

    #[test]
    fn an_empty_log_is_just_the_start() {
        let replay = Replay { date: String::new(), start: start(), steps: Vec::new() };
        assert_eq!(replay.state_at(0), start());
        assert_eq!(replay.state_at(5), start());
        assert_eq!(replay.moment_time(0, Lang::EN), None);
        let mut player = Player::new(replay);
        assert!(player.is_empty());
        assert_eq!(player.seek(3), &start());
        assert_eq!(player.moment(), 0);
        assert_eq!(player.description(Lang::EN), None);
    }

    #[test]
    fn the_first_k_steps_give_the_state_at_that_moment() {
        let replay = history();
        assert_eq!(position(&replay.state_at(5), 1, 100, 10), Some(62.0));
        assert_eq!(position(&replay.state_at(6), 1, 100, 10), Some(30.5));
        assert_eq!(replay.state_at(7).phase, Phase::Placing);
        assert_eq!(replay.state_at(8).phase, Phase::Reveal);
        assert_eq!(replay.state_at(1).seq, 1, "a row without an event still counts");
        assert_eq!(replay.state_at(10).seq, 10);
    }

    #[test]
    fn round_two_starts_from_round_one_and_moves_on() {
        let replay = history();
        let at9 = replay.state_at(9);
        assert_eq!((at9.round, at9.phase), (2, Phase::SecondRound));
        assert_eq!(position(&at9, 2, 100, 10), Some(30.5), "copied from round 1");
        let end = replay.state_at(10);
        assert_eq!(position(&end, 2, 100, 10), Some(45.0));
        assert_eq!(position(&end, 1, 100, 10), Some(30.5), "round 1 kept");
        let shown: Vec<f64> =
            researcher_picture(&end).aspect_rows().iter().flat_map(|r| r.positions.iter().map(|p| p.1)).collect();
        assert_eq!(shown, vec![45.0, 80.0], "the picture shows the round current at that moment");
    }

    #[test]
    fn stepping_forward_and_back_matches_replaying_from_scratch() {
        // Long enough to pass several checkpoints: one pair moving a post-it back and forth.
        let mut steps = vec![phase(1, Phase::Placing), joined(2, 100, "Pair A")];
        for seq in 3..=1_300u64 {
            steps.push(placed(seq, 100, "Pair A", 10 * (1 + seq as u128 % 2), 1, (seq % 101) as f64));
        }
        let replay = Replay { date: String::new(), start: start(), steps };
        let mut player = Player::new(replay.clone());
        for k in [0, 7, 1_300, 3, 501, 500, 499, 1_001, 1_000, 2, 1_299, 1_250, 0, 1_300] {
            assert_eq!(player.seek(k), &replay.state_at(k), "moment {k}");
            assert_eq!(player.moment(), k);
        }
        assert_eq!(player.seek(9_999).seq, 1_300, "clamped to the last moment");
        player.seek(1_000);
        assert_eq!(player.description(Lang::EN), Some(format!("Pair A moved “Holding patients” to {}", 1_000 % 101)));
    }

    #[test]
    fn removing_a_pair_removes_its_placements_and_post_its() {
        let card = Card { author: Some(id(100)), ..Card::new(id(30), "Our own", 2) };
        let mut steps = history().steps;
        steps.truncate(7);
        steps.push(step(8, 8_000, "Pair A", "card_added", Some(Event::CardAdded { card, at: 8 })));
        steps.push(placed(9, 100, "Pair A", 30, 1, 10.0));
        steps.push(step(
            10,
            10_000,
            "facilitator",
            "pair_removed",
            Some(Event::PairRemoved { pair_id: id(100), at: 10 }),
        ));
        let replay = Replay { date: String::new(), start: start(), steps };
        let before = replay.state_at(9);
        assert_eq!(before.pairs.len(), 2);
        assert_eq!(position(&before, 1, 100, 30), Some(10.0));
        let after = replay.state_at(10);
        assert_eq!(after.pairs.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["Pair B"]);
        assert!(after.placements.iter().all(|p| p.pair_id == id(200)));
        assert!(after.card(id(30)).is_none(), "the pair's own post-it goes with it");
        assert_eq!(replay.steps[9].describe(&before, Lang::EN), "Facilitator removed Pair A");
    }

    #[test]
    fn each_change_reads_as_a_sentence() {
        let replay = history();
        let say = |k: usize| replay.steps[k - 1].describe(&replay.state_at(k - 1), Lang::EN);
        assert_eq!(say(1), "Facilitator created the workshop");
        assert_eq!(say(2), "Facilitator started placing");
        assert_eq!(say(3), "Pair A joined");
        assert_eq!(say(5), "Pair A placed “Holding patients” at 62");
        assert_eq!(say(6), "Pair A moved “Holding patients” to 30.5");
        assert_eq!(say(8), "Facilitator revealed the placements");
        assert_eq!(say(9), "Facilitator started the second round");
        assert_eq!(say(10), "Pair A moved “Holding patients” to 45");
        let merged =
            step(11, 0, "facilitator", "cards_merged", Some(Event::CardsMerged { from: id(20), into: id(10), at: 0 }));
        assert_eq!(
            merged.describe(&replay.state_at(10), Lang::EN),
            "Facilitator merged “Where people are seen” into “Holding patients”"
        );
        let say_cy = |k: usize| replay.steps[k - 1].describe(&replay.state_at(k - 1), Lang::CY);
        assert_eq!(say_cy(1), "Creodd yr hwylusydd y gweithdy");
        assert_eq!(say_cy(5), "Pair A a osododd “Holding patients” ar 62");
        assert_eq!(say_cy(6), "Pair A a symudodd “Holding patients” i 30.5");
        assert_eq!(
            replay.moment_time(10, Lang::CY).map(|(_, since)| since).as_deref(),
            Some("00:09 ar ôl y newid cyntaf")
        );
    }

    #[test]
    fn moments_have_a_clock_time_and_the_time_since_the_first_change() {
        let replay = history();
        // Step `seq` happened at `seq` seconds after the epoch.
        assert_eq!(replay.moment_time(0, Lang::EN), None);
        assert_eq!(
            replay.moment_time(1, Lang::EN),
            Some(("00:00:01 UTC".into(), "00:00 after the first change".into()))
        );
        assert_eq!(
            replay.moment_time(10, Lang::EN),
            Some(("00:00:10 UTC".into(), "00:09 after the first change".into()))
        );
        assert_eq!(clock_utc(1_763_900_000_123), "12:13:20 UTC");
        assert_eq!(minutes_seconds(75 * 60_000 + 3_999), "75:03");
        assert_eq!(minutes_seconds(-5), "00:00");
    }

    #[test]
    fn the_researcher_picture_shows_every_placement_even_before_the_reveal() {
        let replay = history();
        let at7 = replay.state_at(7);
        assert!(!at7.revealed(), "the room itself had not seen them");
        let picture = researcher_picture(&at7);
        assert!(picture.revealed());
        assert_eq!(picture.settings.min_pairs, 1);
        assert_eq!((picture.phase, picture.round), (at7.phase, at7.round));
    }
}
