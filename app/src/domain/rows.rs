//! The aggregate picture of the room: one row per aspect with every pair's position, the
//! median and quartiles, and whether the room is split.

use uuid::Uuid;

use super::agreement::is_split;
use super::model::{Card, RoomView};
use super::placements::Placement;
use super::session::AspectOrder;
use super::stats::{Summary, summarize};

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

#[cfg(test)]
mod tests {
    use crate::domain::Event;
    use crate::domain::fixtures::{id, two_card_room};

    #[test]
    fn aspect_rows_follow_display_order_with_summaries() {
        let mut r = two_card_room();
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
}
