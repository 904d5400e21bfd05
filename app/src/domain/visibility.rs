//! What each screen may receive, phase by phase. The server sends every screen only its own
//! copy of the state ([`RoomView::visible_to`]) and of each event ([`RoomView::event_for`]),
//! so a pair's tablet never holds what it must not show:
//!
//! | what                          | facilitator | projector                  | a pair                              |
//! |-------------------------------|-------------|----------------------------|-------------------------------------|
//! | its own placements and notes  | –           | –                          | always                              |
//! | other pairs' positions        | always      | when revealed¹, else only *that* they placed | when revealed¹ |
//! | other pairs' notes, reasons   | always      | when revealed¹             | never                               |
//! | a pair-written post-it        | always      | always                     | its author; everyone if shared²     |
//! | a hidden post-it's text       | always      | never                      | never                               |
//!
//! ¹ Revealed: phase *Reveal & discuss*, *Second round* or *Closed*, or the live-wall setting.
//! ² The "share pairs' post-its" setting.
//!
//! Events that change these answers for things a screen already holds (phase, settings, a
//! card hidden or merged, a pair removed) are not filtered: the server sends a fresh
//! [`RoomView::visible_to`] snapshot instead ([`Event::changes_visibility`]).

use uuid::Uuid;

use super::event::Event;
use super::model::{Card, Note, PairSummary, RoomView, Viewer};
use super::placements::Placement;

impl RoomView {
    /// Whether `viewer` may see where `pair_id` placed things, and its notes.
    fn sees_work_of(&self, viewer: &Viewer, pair_id: Uuid) -> (bool, bool) {
        match viewer {
            Viewer::Facilitator => (true, true),
            Viewer::Projector => (self.revealed(), self.revealed()),
            Viewer::Pair { pair_id: me, .. } if *me == pair_id => (true, true),
            Viewer::Pair { .. } => (self.revealed(), false),
        }
    }

    /// Whether `viewer` may have this card at all.
    fn may_have_card(&self, viewer: &Viewer, card: &Card) -> bool {
        match viewer {
            Viewer::Pair { pair_id, .. } => self.pair_may_use(*pair_id, card),
            _ => true,
        }
    }

    /// Whether a pair has this card on its board: the facilitator's cards, its own, every
    /// pair's when shared, and any card it has work on (a duplicate it wrote was merged into
    /// another pair's post-it).
    pub fn pair_may_use(&self, pair_id: Uuid, card: &Card) -> bool {
        match card.author {
            None => true,
            Some(author) => {
                author == pair_id
                    || self.settings.share_pair_cards
                    || self.placements.iter().any(|p| p.pair_id == pair_id && p.card_id == card.id)
                    || self.notes.iter().any(|n| n.pair_id == pair_id && n.card_id == card.id)
            }
        }
    }

    fn card_for(&self, viewer: &Viewer, card: &Card) -> Option<Card> {
        if !self.may_have_card(viewer, card) {
            return None;
        }
        let mut card = card.clone();
        if card.hidden && *viewer != Viewer::Facilitator {
            card.text.clear();
        }
        Some(card)
    }

    /// `viewer`'s copy of a placement: `None` if it may not know of it at all.
    fn placement_for(&self, viewer: &Viewer, p: &Placement) -> Option<Placement> {
        let card = self.card(p.card_id)?;
        if !self.may_have_card(viewer, card) {
            return None;
        }
        let (positions, notes) = self.sees_work_of(viewer, p.pair_id);
        if positions {
            let mut p = p.clone();
            if !notes {
                p.reason.clear();
            }
            return Some(p);
        }
        match viewer {
            Viewer::Projector => {
                Some(Placement { position: 0.0, concealed: !p.cant_place, reason: String::new(), ..p.clone() })
            }
            _ => None,
        }
    }

    fn note_for(&self, viewer: &Viewer, note: &Note) -> Option<Note> {
        let card = self.card(note.card_id)?;
        (self.may_have_card(viewer, card) && self.sees_work_of(viewer, note.pair_id).1).then(|| note.clone())
    }

    /// The copy of this view that `viewer` may receive. The pairs' references (what a pair
    /// quotes to withdraw) go only to the console and to each pair for itself.
    pub fn visible_to(&self, viewer: &Viewer) -> RoomView {
        RoomView {
            workshop: self.workshop.clone(),
            cards: self.cards.iter().filter_map(|c| self.card_for(viewer, c)).collect(),
            pairs: self.pairs.iter().map(|p| pair_for(viewer, p)).collect(),
            placements: self.placements.iter().filter_map(|p| self.placement_for(viewer, p)).collect(),
            notes: self.notes.iter().filter_map(|n| self.note_for(viewer, n)).collect(),
            consent_sheets: match viewer {
                Viewer::Projector => Vec::new(),
                _ => self.consent_sheets.clone(),
            },
            consents: self.consents.iter().filter(|c| self.sees_consent_of(viewer, c.pair_id)).cloned().collect(),
            second_language: self.second_language_for(viewer),
            ..*self
        }
    }

    /// `viewer`'s copy of the second language: the texts of the aspects it may have, a hidden
    /// one's only on the console.
    fn second_language_for(&self, viewer: &Viewer) -> Option<super::second_language::SecondLanguage> {
        self.second_language_without(|id| {
            *viewer != Viewer::Facilitator && self.card(id).is_none_or(|c| c.hidden || !self.may_have_card(viewer, c))
        })
    }

    /// Whether `viewer` is told of `pair_id`'s consent: the console and that pair only.
    fn sees_consent_of(&self, viewer: &Viewer, pair_id: Uuid) -> bool {
        match viewer {
            Viewer::Facilitator => true,
            Viewer::Projector => false,
            Viewer::Pair { pair_id: me, .. } => *me == pair_id,
        }
    }

    /// The copy of `event` that `viewer` may receive, or `None`. `self` is the state with the
    /// event applied. Not for [`Event::changes_visibility`] events (send a snapshot).
    pub fn event_for(&self, viewer: &Viewer, event: &Event) -> Option<Event> {
        match event {
            Event::Placed { pair_id, card_id, round, at, .. } => {
                let card = self.card(*card_id)?;
                if !self.may_have_card(viewer, card) {
                    return None;
                }
                match (self.sees_work_of(viewer, *pair_id).0, viewer) {
                    (true, _) => Some(event.clone()),
                    (false, Viewer::Projector) => Some(Event::Placed {
                        pair_id: *pair_id,
                        card_id: *card_id,
                        round: *round,
                        position: None,
                        at: *at,
                    }),
                    (false, _) => None,
                }
            }
            Event::Unplaced { pair_id, card_id, .. } => {
                let card = self.card(*card_id)?;
                let knows = self.may_have_card(viewer, card)
                    && (self.sees_work_of(viewer, *pair_id).0 || *viewer == Viewer::Projector);
                knows.then(|| event.clone())
            }
            Event::SheetSaved { pair_id, card_id, round, cant_place, at, .. } => {
                let card = self.card(*card_id)?;
                if !self.may_have_card(viewer, card) {
                    return None;
                }
                let (positions, notes) = self.sees_work_of(viewer, *pair_id);
                if notes {
                    return Some(event.clone());
                }
                (positions || *viewer == Viewer::Projector).then(|| Event::SheetSaved {
                    pair_id: *pair_id,
                    card_id: *card_id,
                    round: *round,
                    intended: String::new(),
                    unintended: String::new(),
                    cant_place: cant_place.as_ref().map(|_| String::new()),
                    at: *at,
                    language: None,
                })
            }
            Event::CardAdded { card, at } => self.card_for(viewer, card).map(|card| Event::CardAdded { card, at: *at }),
            Event::PairJoined { pair } => Some(Event::PairJoined { pair: pair_for(viewer, pair) }),
            Event::ConsentGiven { pair_id, .. } => self.sees_consent_of(viewer, *pair_id).then(|| event.clone()),
            Event::ConsentSheetSet { .. } => (*viewer != Viewer::Projector).then(|| event.clone()),
            Event::SecondLanguageSet { at, .. } => {
                Some(Event::SecondLanguageSet { second: self.second_language_for(viewer), at: *at })
            }
            _ => Some(event.clone()),
        }
    }
}

/// `viewer`'s copy of a pair: its reference only for the console and the pair itself.
fn pair_for(viewer: &Viewer, pair: &PairSummary) -> PairSummary {
    let sees_reference = match viewer {
        Viewer::Facilitator => true,
        Viewer::Pair { pair_id, .. } => *pair_id == pair.id,
        Viewer::Projector => false,
    };
    if sees_reference || pair.reference.is_none() {
        pair.clone()
    } else {
        PairSummary { reference: None, ..pair.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{id, joined, room_with_pairs};
    use crate::domain::{Card, Phase, Settings};

    const A: u128 = 100;
    const B: u128 = 200;
    const CARD: u128 = 10;

    fn me(n: u128) -> Viewer {
        Viewer::Pair { pair_id: id(n), label: format!("Pair {n}") }
    }

    fn room(phase: Phase) -> RoomView {
        let mut r = room_with_pairs(vec![Card::new(id(CARD), "Where people are seen", 0)], &[]);
        r.phase = phase;
        for pair in [A, B] {
            r.apply(r.seq + 1, &joined(pair));
            r.apply(
                r.seq + 1,
                &Event::Placed {
                    pair_id: id(pair),
                    card_id: id(CARD),
                    round: 1,
                    position: Some(pair as f64 / 4.0),
                    at: 1,
                },
            );
            r.apply(
                r.seq + 1,
                &Event::SheetSaved {
                    pair_id: id(pair),
                    card_id: id(CARD),
                    round: 1,
                    intended: format!("intended {pair}"),
                    unintended: String::new(),
                    cant_place: None,
                    at: 2,
                    language: None,
                },
            );
        }
        r
    }

    fn placed_on(pair: u128, card: u128, position: f64) -> Event {
        Event::Placed { pair_id: id(pair), card_id: id(card), round: 1, position: Some(position), at: 3 }
    }

    fn placed(pair: u128, position: f64) -> Event {
        Event::Placed { pair_id: id(pair), card_id: id(CARD), round: 1, position: Some(position), at: 3 }
    }

    #[test]
    fn while_placing_privately_a_pair_receives_only_its_own_work() {
        for phase in [Phase::Joining, Phase::Placing] {
            let r = room(phase);
            let mine = r.visible_to(&me(A));
            assert!(mine.placements.iter().all(|p| p.pair_id == id(A)), "{phase:?}");
            assert!(mine.notes.iter().all(|n| n.pair_id == id(A)));
            assert_eq!(mine.placements.len(), 1);
            assert_eq!(mine.pairs.len(), 2, "pairs still see who is in the room");
            assert_eq!(r.event_for(&me(A), &placed(B, 90.0)), None);
            assert_eq!(r.event_for(&me(A), &placed(A, 90.0)), Some(placed(A, 90.0)));
            let json = serde_json::to_string(&mine).unwrap();
            assert!(!json.contains("50.0") && !json.contains("intended 200"), "{json}");
        }
    }

    #[test]
    fn while_placing_privately_the_projector_sees_progress_not_positions() {
        let r = room(Phase::Placing);
        let wall = r.visible_to(&Viewer::Projector);
        assert_eq!(wall.placements.len(), 2);
        assert!(wall.placements.iter().all(|p| p.concealed && p.position == 0.0 && p.shown_position().is_none()));
        assert!(wall.notes.is_empty());
        let rows = wall.aspect_rows();
        assert_eq!((rows[0].placed, rows[0].summary), (2, None));
        let Some(Event::Placed { position, .. }) = r.event_for(&Viewer::Projector, &placed(B, 90.0)) else {
            panic!("the projector is told that a pair placed");
        };
        assert_eq!(position, None);
    }

    #[test]
    fn reveal_shows_positions_to_everyone_and_notes_to_the_projector() {
        for phase in [Phase::Reveal, Phase::SecondRound, Phase::Closed] {
            let r = room(phase);
            let mine = r.visible_to(&me(A));
            assert_eq!(mine.placements.len(), 2, "{phase:?}");
            assert_eq!(mine.notes.len(), 1, "other pairs' notes stay private");
            assert_eq!(r.event_for(&me(A), &placed(B, 90.0)), Some(placed(B, 90.0)));
            let wall = r.visible_to(&Viewer::Projector);
            assert!(wall.placements.iter().all(|p| !p.concealed));
            assert_eq!(wall.notes.len(), 2);
        }
    }

    #[test]
    fn live_wall_shows_everything_while_placing() {
        let mut r = room(Phase::Placing);
        r.settings = Settings { live_wall: true, ..Settings::default() };
        assert_eq!(r.visible_to(&me(A)).placements.len(), 2);
        assert_eq!(r.event_for(&me(A), &placed(B, 90.0)), Some(placed(B, 90.0)));
        assert!(r.visible_to(&Viewer::Projector).placements.iter().all(|p| !p.concealed));
    }

    #[test]
    fn the_facilitator_sees_everything_in_every_phase() {
        for phase in [Phase::Joining, Phase::Placing, Phase::Reveal] {
            let r = room(phase);
            assert_eq!(r.visible_to(&Viewer::Facilitator), r);
            assert_eq!(r.event_for(&Viewer::Facilitator, &placed(B, 90.0)), Some(placed(B, 90.0)));
        }
    }

    #[test]
    fn pair_written_cards_reach_other_pairs_only_when_shared() {
        let mut r = room(Phase::Placing);
        let card = Card { author: Some(id(B)), ..Card::new(id(77), "Home visits", 1) };
        let added = Event::CardAdded { card: card.clone(), at: 5 };
        r.apply(r.seq + 1, &added);
        assert_eq!(r.event_for(&me(A), &added), None);
        assert!(r.visible_to(&me(A)).card(id(77)).is_none());
        assert!(r.visible_to(&me(B)).card(id(77)).is_some());
        assert!(r.visible_to(&Viewer::Projector).card(id(77)).is_some());
        r.settings.share_pair_cards = true;
        assert_eq!(r.event_for(&me(A), &added), Some(added));
    }

    #[test]
    fn a_pair_whose_duplicate_was_merged_into_another_pairs_post_it_gets_that_post_it() {
        let mut r = room(Phase::Placing);
        let theirs = Card { author: Some(id(B)), ..Card::new(id(77), "Home visits", 1) };
        let mine = Card { author: Some(id(A)), ..Card::new(id(78), "Visiting people at home", 2) };
        for card in [theirs, mine] {
            r.apply(r.seq + 1, &Event::CardAdded { card, at: 5 });
        }
        r.apply(r.seq + 1, &placed_on(A, 78, 30.0));
        assert!(r.visible_to(&me(A)).card(id(77)).is_none());
        r.apply(r.seq + 1, &Event::CardsMerged { from: id(78), into: id(77), at: 6 });
        let view = r.visible_to(&me(A));
        assert_eq!(view.card(id(77)).map(|c| c.text.as_str()), Some("Home visits"));
        assert_eq!(view.placement(id(A), id(77)).map(|p| p.position), Some(30.0));
        assert!(r.decide_pair(id(A), &crate::domain::PairAction::Place { card_id: id(77), position: 35.0 }, 7).is_ok());
    }

    #[test]
    fn hidden_cards_lose_their_text_except_on_the_console() {
        let mut r = room(Phase::Placing);
        r.cards[0].hidden = true;
        assert_eq!(r.visible_to(&me(A)).cards[0].text, "");
        assert_eq!(r.visible_to(&Viewer::Projector).cards[0].text, "");
        assert_eq!(r.visible_to(&Viewer::Facilitator).cards[0].text, "Where people are seen");
    }

    #[test]
    fn applying_the_filtered_events_gives_the_filtered_view() {
        // What a screen builds from its snapshot plus the events it receives equals the
        // snapshot it would get now.
        for viewer in [me(A), me(B), Viewer::Projector, Viewer::Facilitator] {
            let mut server = room(Phase::Placing);
            let mut screen = server.visible_to(&viewer);
            let events = [
                placed(B, 12.0),
                Event::Unplaced { pair_id: id(A), card_id: id(CARD), round: 1, at: 4 },
                Event::SheetSaved {
                    pair_id: id(B),
                    card_id: id(CARD),
                    round: 1,
                    intended: "x".into(),
                    unintended: "y".into(),
                    cant_place: Some("depends on the GP".into()),
                    at: 5,
                    language: None,
                },
                placed(A, 33.0),
            ];
            for event in events {
                let seq = server.seq + 1;
                server.apply(seq, &event);
                assert_eq!(server.copies_of(&event).for_viewer(&viewer), server.event_for(&viewer, &event).as_ref());
                if let Some(copy) = server.event_for(&viewer, &event) {
                    screen.apply(seq, &copy);
                }
                screen.seq = seq;
                let mut expected = server.visible_to(&viewer);
                expected.seq = seq;
                assert_eq!(screen.placements.len(), expected.placements.len(), "{viewer:?} after {event:?}");
                for p in &expected.placements {
                    let got = screen.placement_in(p.round, p.pair_id, p.card_id).expect("placement");
                    assert_eq!(
                        (got.shown_position(), got.cant_place, got.concealed),
                        (p.shown_position(), p.cant_place, p.concealed),
                        "{viewer:?}"
                    );
                }
                assert_eq!(screen.notes.len(), expected.notes.len(), "{viewer:?} notes after {event:?}");
            }
        }
    }
}
