//! "Our results": what a pair takes away after the reveal. Its own position on each aspect in
//! each round, beside the room's median and middle half, how it moved in the second round,
//! its notes and its reference. The room's numbers are not computed here: the caller hands
//! in the statistics of its export ([`AspectStats`], the numbers of `summary.csv`), so the
//! page, the JSON and the files can never disagree. The small-group privacy guard
//! ([`room_may_see`]) hides the room's numbers on an aspect fewer pairs placed than the
//! workshop's threshold.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::aspect_stats::AspectStats;
use super::model::RoomView;
use super::session::PAIR_RESULTS_LABEL;

/// The small-group privacy guard: whether the room may see where pairs put an aspect that
/// `placed` pairs placed, under the workshop's threshold `min_pairs` (the projector's dots,
/// the room's median on a pair's results).
pub fn room_may_see(placed: usize, min_pairs: u32) -> bool {
    placed >= min_pairs.max(1) as usize
}

/// Why a pair cannot see its results now, in words for the pair; `None` when it can: after
/// the reveal (the phases *Reveal & discuss*, *Second round* and *Closed*; the live wall is
/// not a reveal) and while "Pairs can see their results" is on.
pub fn results_closed_reason(view: &RoomView) -> Option<String> {
    if !view.phase.reveals_positions() {
        Some("Your results open once the facilitator reveals the room's picture.".into())
    } else if !view.settings.pair_results {
        Some(format!("The facilitator has turned off \"{PAIR_RESULTS_LABEL}\" for this workshop."))
    } else {
        None
    }
}

/// The room's median and middle half (interquartile range) of one aspect in one round.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomSpread {
    /// Median (type-7, as `summary.csv`).
    pub median: f64,
    /// First quartile.
    pub q1: f64,
    /// Third quartile.
    pub q3: f64,
}

/// One aspect in one round: the pair's place and the room's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundResult {
    /// 1 or 2.
    pub round: u8,
    /// Where the pair put it (0–100); `None` when it did not place it or could not.
    pub position: Option<f64>,
    /// The pair said it cannot place it ("it depends").
    pub cant_place: bool,
    /// Why, when it could not.
    pub reason: String,
    /// Pairs of the room that placed it.
    pub n_placed: usize,
    /// The room's median and middle half; `None` when fewer pairs placed it than the
    /// privacy threshold (or none did).
    pub room: Option<RoomSpread>,
}

/// One aspect of a pair's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AspectResult {
    /// The aspect's id (as `aspect_id` in the export).
    pub aspect_id: Uuid,
    /// Its text.
    pub text: String,
    /// One entry per round opened, in order.
    pub rounds: Vec<RoundResult>,
    /// How far the pair moved it from round 1 to round 2 (positive: towards the right pole);
    /// `None` without a second round or when it was not placed in both.
    pub moved: Option<f64>,
    /// The pair's intended outcome note.
    pub intended: String,
    /// The pair's unintended outcome note.
    pub unintended: String,
}

/// Everything "Our results" shows, and `GET /api/pair/results` answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairResults {
    /// The workshop's title.
    pub title: String,
    /// Its site.
    pub site: String,
    /// Its day, `YYYY-MM-DD` (UTC).
    pub date: String,
    /// The question.
    pub question: String,
    /// Label of 0.
    pub left_pole: String,
    /// Label of 100.
    pub right_pole: String,
    /// The pair's label.
    pub pair_label: String,
    /// The reference it quotes to withdraw (none for pairs that joined before references).
    pub reference: Option<String>,
    /// Rounds opened (1 or 2).
    pub rounds: u8,
    /// The privacy threshold in force.
    pub min_pairs: u32,
    /// Pairs in the workshop.
    pub pairs: usize,
    /// The aspects the pair had on its board, in display order.
    pub aspects: Vec<AspectResult>,
}

impl PairResults {
    /// Pair `pair_id`'s results in `view`; `stats(round, aspect)` gives the export's
    /// statistics of that aspect in that round. `date` is the workshop's day. `None` when
    /// the view has no such pair.
    pub fn build<'a>(
        view: &RoomView,
        pair_id: Uuid,
        date: String,
        stats: impl Fn(u8, Uuid) -> Option<&'a AspectStats>,
    ) -> Option<PairResults> {
        let pair = view.pair(pair_id)?;
        let min_pairs = view.settings.min_pairs;
        let rounds = view.round.max(1);
        let aspects = view
            .active_cards()
            .into_iter()
            .filter(|card| view.pair_may_use(pair_id, card))
            .map(|card| {
                let rounds: Vec<RoundResult> = (1..=rounds)
                    .map(|round| {
                        let mine = view.placement_in(round, pair_id, card.id);
                        let stats = stats(round, card.id);
                        let n_placed = stats.map_or(0, |s| s.n_placed);
                        let room = stats
                            .filter(|_| room_may_see(n_placed, min_pairs))
                            .and_then(|s| Some(RoomSpread { median: s.median?, q1: s.q1?, q3: s.q3? }));
                        RoundResult {
                            round,
                            position: mine.and_then(|p| p.shown_position()),
                            cant_place: mine.is_some_and(|p| p.cant_place),
                            reason: mine.filter(|p| p.cant_place).map(|p| p.reason.clone()).unwrap_or_default(),
                            n_placed,
                            room,
                        }
                    })
                    .collect();
                let moved = match (rounds.first(), rounds.get(1)) {
                    (Some(a), Some(b)) => a.position.zip(b.position).map(|(a, b)| ((b - a) * 10.0).round() / 10.0),
                    _ => None,
                };
                let note = view.note(pair_id, card.id);
                AspectResult {
                    aspect_id: card.id,
                    text: card.text,
                    rounds,
                    moved,
                    intended: note.map(|n| n.intended.clone()).unwrap_or_default(),
                    unintended: note.map(|n| n.unintended.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let w = &view.workshop;
        Some(PairResults {
            title: w.title.clone(),
            site: w.site.clone(),
            date,
            question: w.question.clone(),
            left_pole: w.left_pole.clone(),
            right_pole: w.right_pole.clone(),
            pair_label: pair.label.clone(),
            reference: pair.reference.clone(),
            rounds,
            min_pairs,
            pairs: view.pairs.len(),
            aspects,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::aspect_stats::aspect_stats;
    use crate::domain::fixtures::{id, room_with_pairs, two_card_room};
    use crate::domain::{Event, Phase};

    #[test]
    fn the_guard_needs_the_threshold_and_at_least_one() {
        assert!(!room_may_see(2, 3));
        assert!(room_may_see(3, 3));
        assert!(!room_may_see(0, 0));
        assert!(room_may_see(1, 0));
    }

    #[test]
    fn closed_before_the_reveal_and_when_turned_off() {
        let mut view = two_card_room();
        assert!(results_closed_reason(&view).is_some_and(|r| r.contains("reveals")));
        view.settings.live_wall = true;
        assert!(results_closed_reason(&view).is_some(), "the live wall is not a reveal");
        view.phase = Phase::Reveal;
        assert_eq!(results_closed_reason(&view), None);
        view.phase = Phase::Closed;
        assert_eq!(results_closed_reason(&view), None);
        view.settings.pair_results = false;
        assert!(results_closed_reason(&view).is_some_and(|r| r.contains(PAIR_RESULTS_LABEL)));
    }

    /// Three pairs place aspect A at 10, 30, 20: the room's median 20, middle half 15–25
    /// (type 7, as [`crate::domain::stats`]'s tests); with a threshold of 4 it is hidden.
    #[test]
    fn own_position_beside_the_room() {
        let cards = two_card_room().cards;
        let mut view = room_with_pairs(cards, &[100, 200, 300]);
        for (seq, (pair, pos)) in [(100, 10.0), (200, 30.0), (300, 20.0)].into_iter().enumerate() {
            view.apply(
                view.seq + seq as u64 + 1,
                &Event::Placed { pair_id: id(pair), card_id: id(10), round: 1, position: Some(pos), at: 0 },
            );
        }
        let a = aspect_stats(&[10.0, 30.0, 20.0], 0);
        let build = |view: &RoomView| {
            PairResults::build(view, id(200), "2026-12-04".into(), |r, c| (r == 1 && c == id(10)).then_some(&a))
                .unwrap()
        };
        let results = build(&view);
        let first = &results.aspects[0];
        assert_eq!((first.text.as_str(), first.rounds[0].position), ("A", Some(30.0)));
        assert_eq!(first.rounds[0].room, Some(RoomSpread { median: 20.0, q1: 15.0, q3: 25.0 }));
        assert_eq!(results.aspects[1].rounds[0].room, None, "nobody placed B");
        assert_eq!(first.moved, None);
        view.settings.min_pairs = 4;
        assert_eq!(build(&view).aspects[0].rounds[0].room, None, "3 pairs under a threshold of 4");
        assert!(PairResults::build(&view, id(999), String::new(), |_, _| None).is_none());
    }
}
