//! The opinion groups of one room: the pairs × aspects table [`super::groups`] works on,
//! built from a [`RoomView`] for one round, so the export, the compare page and the
//! projector group the same pairs the same way. Positions are the ones shown (a "can't
//! place" or a concealed placement is missing).

use super::groups::{GroupInput, Grouping, Groups, opinion_groups};
use super::model::RoomView;

/// Pairs (joining order) × active aspects (display order) of `round`.
pub fn room_input(view: &RoomView, round: u8) -> GroupInput {
    let cards = view.active_cards();
    GroupInput {
        pairs: view.pairs.iter().map(|p| p.label.clone()).collect(),
        aspects: cards.iter().map(|c| c.text.clone()).collect(),
        positions: view
            .pairs
            .iter()
            .map(|pair| {
                cards
                    .iter()
                    .map(|card| view.placement_in(round, pair.id, card.id).and_then(|p| p.shown_position()))
                    .collect()
            })
            .collect(),
    }
}

/// The opinion groups of `round` in this room.
pub fn room_groups(view: &RoomView, round: u8) -> Grouping {
    opinion_groups(&room_input(view, round))
}

/// How many pairs each group has, group 1 first.
pub fn group_sizes(groups: &Groups) -> Vec<usize> {
    let mut sizes = vec![0; groups.k];
    for group in groups.members.iter().filter_map(|m| m.group) {
        if let Some(size) = sizes.get_mut(group - 1) {
            *size += 1;
        }
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{id, room_with_pairs};
    use crate::domain::{Card, Event};

    fn place(view: &mut RoomView, pair: u128, card: u128, position: f64) {
        let event = Event::Placed { pair_id: id(pair), card_id: id(card), round: 1, position: Some(position), at: 0 };
        view.apply(view.seq + 1, &event);
    }

    #[test]
    fn two_camps_in_a_room_are_two_groups_of_four() {
        let cards = vec![Card::new(id(10), "A", 0), Card::new(id(20), "B", 1), Card::new(id(30), "C", 2)];
        let mut view = room_with_pairs(cards, &[1, 2, 3, 4, 5, 6, 7, 8]);
        for pair in 1..=8u128 {
            let base = if pair <= 4 { 10.0 } else { 90.0 };
            for (i, card) in [10u128, 20, 30].into_iter().enumerate() {
                place(&mut view, pair, card, base + (pair as f64) * 0.5 + i as f64);
            }
        }
        let input = room_input(&view, 1);
        assert_eq!(input.pairs[0], "Pair 1");
        assert_eq!(input.aspects, ["A", "B", "C"]);
        let Grouping::Groups(groups) = room_groups(&view, 1) else { panic!("two clear camps") };
        assert_eq!(groups.k, 2);
        assert_eq!(group_sizes(&groups), [4, 4]);
        let of = |pair: usize| groups.members[pair].group;
        assert!((0..4).all(|p| of(p) == Some(1)) && (4..8).all(|p| of(p) == Some(2)));
        assert!(room_input(&view, 2).positions.iter().flatten().all(Option::is_none), "nothing in round 2");
    }
}
