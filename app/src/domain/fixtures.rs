//! What the domain's unit tests build on: short ids, a pair joining, a small room.

use uuid::Uuid;

use super::{Card, Event, PairAction, PairSummary, RoomView, WorkshopInfo};

/// The id `n`, readable in test failures (`…0064` is 100).
pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// Pair `n` joins, labelled "Pair n", at time 0.
pub fn joined(n: u128) -> Event {
    Event::PairJoined {
        pair: PairSummary { id: id(n), label: format!("Pair {n}"), joined_at: 0, last_active: 0, reference: None },
    }
}

/// A new room with two aspects: "A" (id 10, shown first) and "B" (id 20).
pub fn two_card_room() -> RoomView {
    RoomView::new(WorkshopInfo::for_tests(), vec![Card::new(id(20), "B", 1), Card::new(id(10), "A", 0)])
}

/// A new room with `cards` and the pairs `pairs` joined (see [`joined`]), in that order.
pub fn room_with_pairs(cards: Vec<Card>, pairs: &[u128]) -> RoomView {
    let mut room = RoomView::new(WorkshopInfo::for_tests(), cards);
    for &n in pairs {
        room.apply(room.seq + 1, &joined(n));
    }
    room
}

/// One action of each kind on `card_id`: place, take back, write, save a sheet.
pub fn every_pair_action(card_id: Uuid) -> Vec<PairAction> {
    vec![
        PairAction::Place { card_id, position: 60.0 },
        PairAction::Unplace { card_id },
        PairAction::AddCard { card_id, text: "Home visits".into() },
        PairAction::SaveSheet {
            card_id,
            intended: "Reach".into(),
            unintended: String::new(),
            cant_place: Some("Depends".into()),
            language: None,
        },
    ]
}
