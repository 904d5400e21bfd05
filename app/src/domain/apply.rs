//! The reducer: how a committed [`Event`] changes a [`RoomView`]. The server, every screen
//! and the researchers' replay all apply events with this same code, so they cannot
//! disagree about what a change did.

use uuid::Uuid;

use super::consent::{PairConsent, SheetVersion};
use super::event::Event;
use super::model::{Note, RoomView};
use super::placements::Placement;
use super::session::Phase;

impl RoomView {
    /// older one, changes nothing, so a resent update is harmless.
    pub fn apply(&mut self, seq: u64, event: &Event) {
        if seq <= self.seq {
            return;
        }
        self.seq = seq;
        self.apply_unnumbered(event);
    }

    /// Applies `event` without looking at sequence numbers: for showing a device's queued
    /// changes on top of the committed view.
    pub fn apply_unnumbered(&mut self, event: &Event) {
        if let Some(pair_id) = event.pair_id()
            && let Some(pair) = self.pairs.iter_mut().find(|p| p.id == pair_id)
            && let Some(at) = event.pair_work_time()
        {
            pair.last_active = pair.last_active.max(at);
        }
        match event {
            Event::PairJoined { pair } => {
                if !self.pairs.iter().any(|p| p.id == pair.id) {
                    let mut pair = pair.clone();
                    pair.last_active = pair.last_active.max(pair.joined_at);
                    self.pairs.push(pair);
                }
            }
            Event::PairRemoved { pair_id, .. } | Event::PairWithdrawn { pair_id, .. } => self.remove_pair(*pair_id),
            Event::Placed { pair_id, card_id, round, position, at } => {
                if self.card(*card_id).is_none() {
                    return;
                }
                let (position, concealed) = (position.unwrap_or(0.0), position.is_none());
                let moved = self.placements.update(*round, *pair_id, *card_id, |p| {
                    if p.cant_place {
                        p.placed_at = *at;
                        p.moves = 0;
                    } else {
                        p.moves += 1;
                    }
                    p.position = position;
                    p.concealed = concealed;
                    p.cant_place = false;
                    p.reason.clear();
                    p.moved_at = *at;
                });
                if !moved {
                    self.placements.insert(Placement {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        round: *round,
                        position,
                        cant_place: false,
                        reason: String::new(),
                        concealed,
                        placed_at: *at,
                        moved_at: *at,
                        moves: 0,
                    });
                }
            }
            Event::Unplaced { pair_id, card_id, round, .. } => {
                self.placements.remove(*round, *pair_id, *card_id);
            }
            Event::SheetSaved { pair_id, card_id, round, intended, unintended, cant_place, language, at } => {
                if self.card(*card_id).is_none() {
                    return;
                }
                self.notes.retain(|n| !(n.pair_id == *pair_id && n.card_id == *card_id));
                if !intended.is_empty() || !unintended.is_empty() {
                    self.notes.push(Note {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        intended: intended.clone(),
                        unintended: unintended.clone(),
                        updated_at: *at,
                        language: language.clone(),
                    });
                }
                let existing = self.placement_in(*round, *pair_id, *card_id).map(|p| p.cant_place);
                match (cant_place, existing) {
                    (Some(reason), Some(_)) => {
                        self.placements.update(*round, *pair_id, *card_id, |p| {
                            if !p.cant_place {
                                p.placed_at = *at;
                            }
                            p.cant_place = true;
                            p.concealed = false;
                            p.position = 0.0;
                            p.reason = reason.clone();
                            p.moved_at = *at;
                            p.moves = 0;
                        });
                    }
                    (Some(reason), None) => self.placements.insert(Placement {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        round: *round,
                        position: 0.0,
                        cant_place: true,
                        reason: reason.clone(),
                        concealed: false,
                        placed_at: *at,
                        moved_at: *at,
                        moves: 0,
                    }),
                    (None, Some(true)) => {
                        self.placements.remove(*round, *pair_id, *card_id);
                    }
                    (None, _) => {}
                }
            }
            Event::CardAdded { card, .. } => {
                if self.card(card.id).is_none() {
                    self.cards.push(card.clone());
                }
            }
            Event::CardChanged { card, .. } => {
                if let Some(c) = self.cards.iter_mut().find(|c| c.id == card.id) {
                    *c = card.clone();
                }
            }
            Event::CardsMerged { from, into, .. } => self.merge(*from, *into),
            Event::PhaseChanged { phase, at } => {
                if *phase == Phase::SecondRound && self.round < 2 {
                    self.open_second_round(*at);
                }
                self.phase = *phase;
            }
            Event::SettingsChanged { settings, .. } => self.settings = *settings,
            Event::TimerChanged { timer, .. } => self.timer = *timer,
            Event::FocusChanged { focus, .. } => self.focus = *focus,
            Event::SecondLanguageSet { second, .. } => self.second_language = second.clone(),
            Event::ConsentSheetSet { sheet, at } => {
                self.consent_sheets.push(SheetVersion { sheet: sheet.clone(), set_at: *at });
            }
            Event::ConsentGiven { pair_id, version, people, at } => {
                if self.pair(*pair_id).is_some() {
                    self.consents.push(PairConsent {
                        pair_id: *pair_id,
                        version: version.clone(),
                        people: *people,
                        at: *at,
                    });
                }
            }
        }
    }

    fn remove_pair(&mut self, pair_id: Uuid) {
        self.pairs.retain(|p| p.id != pair_id);
        self.consents.retain(|c| c.pair_id != pair_id);
        let written: Vec<Uuid> = self.cards.iter().filter(|c| c.author == Some(pair_id)).map(|c| c.id).collect();
        self.cards.retain(|c| c.author != Some(pair_id));
        self.placements.retain(|p| p.pair_id != pair_id && !written.contains(&p.card_id));
        self.notes.retain(|n| n.pair_id != pair_id && !written.contains(&n.card_id));
        if self.focus.spotlight.is_some_and(|c| written.contains(&c)) {
            self.focus.spotlight = None;
        }
    }

    /// Placements and notes of `from` move to `into` where the pair has none there yet;
    /// where it has both, the notes are joined and the placement on `into` is kept.
    fn merge(&mut self, from: Uuid, into: Uuid) {
        let mut moved = Vec::new();
        for p in self.placements.iter().filter(|p| p.card_id == from) {
            if self.placement_in(p.round, p.pair_id, into).is_none() {
                moved.push(Placement { card_id: into, ..p.clone() });
            }
        }
        self.placements.retain(|p| p.card_id != from);
        for placement in moved {
            self.placements.insert(placement);
        }
        let from_notes: Vec<Note> = self.notes.iter().filter(|n| n.card_id == from).cloned().collect();
        self.notes.retain(|n| n.card_id != from);
        for note in from_notes {
            match self.notes.iter_mut().find(|n| n.pair_id == note.pair_id && n.card_id == into) {
                Some(kept) => {
                    kept.intended = join_notes(&kept.intended, &note.intended);
                    kept.unintended = join_notes(&kept.unintended, &note.unintended);
                }
                None => self.notes.push(Note { card_id: into, ..note }),
            }
        }
        if let Some(card) = self.cards.iter_mut().find(|c| c.id == from) {
            card.merged_into = Some(into);
        }
        if self.focus.spotlight == Some(from) {
            self.focus.spotlight = Some(into);
        }
    }

    /// Opening the second round: every pair starts from its first-round positions.
    fn open_second_round(&mut self, at: i64) {
        let copies: Vec<Placement> = self
            .placements
            .iter()
            .filter(|p| p.round == 1)
            .map(|p| Placement { round: 2, placed_at: at, moved_at: at, moves: 0, ..p.clone() })
            .collect();
        self.placements.retain(|p| p.round != 2);
        for copy in copies {
            self.placements.insert(copy);
        }
        self.round = 2;
    }
}

fn join_notes(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a} / {b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{id, joined, two_card_room};
    use crate::domain::{Card, WorkshopInfo};

    #[test]
    fn placing_then_moving_keeps_first_time() {
        let mut r = two_card_room();
        r.apply(1, &joined(100));
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(20.0), at: 5 });
        r.apply(3, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(70.5), at: 9 });
        let p = r.placement(id(100), id(10)).unwrap();
        assert_eq!((p.position, p.placed_at, p.moved_at), (70.5, 5, 9));
        assert_eq!(r.placements.len(), 1);
        assert_eq!(r.seq, 3);
    }

    #[test]
    fn unplacing_removes_only_that_placement() {
        let mut r = two_card_room();
        r.apply(1, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(20.0), at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(20), round: 1, position: Some(30.0), at: 5 });
        r.apply(3, &Event::Unplaced { pair_id: id(100), card_id: id(10), round: 1, at: 6 });
        assert!(r.placement(id(100), id(10)).is_none());
        assert!(r.placement(id(100), id(20)).is_some());
        assert_eq!(r.placed_count(id(100)), 1);
    }

    #[test]
    fn old_or_repeated_events_are_ignored() {
        let mut r = two_card_room();
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(20.0), at: 5 });
        r.apply(2, &Event::Placed { pair_id: id(100), card_id: id(10), round: 1, position: Some(90.0), at: 6 });
        r.apply(1, &Event::Unplaced { pair_id: id(100), card_id: id(10), round: 1, at: 7 });
        assert_eq!(r.placement(id(100), id(10)).unwrap().position, 20.0);
    }

    /// After any mix of changes (moves, take-backs, "can't place", merges, removals, a second
    /// round), every lookup answers what a scan of the list answers, and the view equals one
    /// rebuilt from its JSON.
    mod placement_index {
        use super::*;
        use proptest::prelude::*;

        fn step() -> impl Strategy<Value = (u8, u128, u128, u8)> {
            (0u8..7, 1u128..4, 0u128..3, 0u8..100)
        }

        fn event((kind, pair, card, x): (u8, u128, u128, u8), round: u8) -> Event {
            let (pair_id, card_id, at) = (id(pair), id(10 * (card + 1)), i64::from(x));
            match kind {
                0..=2 => Event::Placed { pair_id, card_id, round, position: Some(f64::from(x)), at },
                3 => Event::Unplaced { pair_id, card_id, round, at },
                4 => Event::SheetSaved {
                    pair_id,
                    card_id,
                    round,
                    intended: String::new(),
                    unintended: String::new(),
                    cant_place: (x % 2 == 0).then(|| "depends".to_string()),
                    at,
                    language: None,
                },
                5 if x % 3 == 0 => Event::CardsMerged { from: id(30), into: card_id, at },
                5 => Event::PairRemoved { pair_id, at },
                _ => Event::PhaseChanged { phase: Phase::SecondRound, at },
            }
        }

        proptest! {
            #[test]
            fn lookups_agree_with_a_scan(steps in proptest::collection::vec(step(), 1..120)) {
                let cards = vec![Card::new(id(10), "A", 0), Card::new(id(20), "B", 1), Card::new(id(30), "C", 2)];
                let mut view = RoomView::new(WorkshopInfo::for_tests(), cards);
                for n in 1..4 {
                    view.apply_unnumbered(&joined(n));
                }
                for s in steps {
                    let round = view.round;
                    view.apply_unnumbered(&event(s, round));
                    for (round, pair, card) in (1..=2).flat_map(|r| (1..4).flat_map(move |p| (1..4).map(move |c| (r, p, c)))) {
                        let (pair_id, card_id) = (id(pair), id(10 * card));
                        let scanned = view.placements.iter().find(|p| (p.round, p.pair_id, p.card_id) == (round, pair_id, card_id));
                        prop_assert_eq!(view.placement_in(round, pair_id, card_id), scanned);
                    }
                }
                // Rebuilt from its own JSON, the view is the same and answers the same.
                let rebuilt: RoomView = serde_json::from_str(&serde_json::to_string(&view).unwrap()).unwrap();
                prop_assert_eq!(&rebuilt, &view);
                for p in &view.placements {
                    prop_assert_eq!(rebuilt.placement_in(p.round, p.pair_id, p.card_id), Some(p));
                }
            }
        }
    }
}
