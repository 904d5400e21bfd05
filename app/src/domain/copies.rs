//! Who receives which copy of one committed event, for every screen at once.
//!
//! [`RoomView::event_for`] answers for one viewer. A room with 300 pairs would ask it 302 times
//! per change and the server would serialise 302 copies, most of them equal. The answer only
//! depends on a few things: whether the viewer is the console, the projector, the pair whose
//! work it is, the author of a pair-written post-it, or a pair with work on that post-it; every
//! other pair gets the same copy. [`RoomView::copies_of`] computes each of those classes once,
//! so the server serialises each distinct copy once and sends the same bytes to every screen
//! of its class.

use uuid::Uuid;

use super::event::Event;
use super::model::{Card, RoomView, Viewer};

/// One event's copies by class of viewer: each is [`RoomView::event_for`]'s answer for every
/// viewer of that class (`None`: that viewer is not sent the event).
#[derive(Clone, Debug, PartialEq)]
pub struct EventCopies<T> {
    /// The facilitator's console.
    pub facilitator: Option<T>,
    /// The projector.
    pub projector: Option<T>,
    /// Every pair not listed in [`EventCopies::pairs`].
    pub other_pairs: Option<T>,
    /// The pairs whose copy may differ from the others': the pair whose work the event is,
    /// the author of a pair-written post-it, and (when pairs' post-its are not shared) the
    /// pairs with work on it. Sorted by id, no repeats.
    pub pairs: Vec<(Uuid, Option<T>)>,
}

impl<T> EventCopies<T> {
    /// The copy `viewer` is sent.
    pub fn for_viewer(&self, viewer: &Viewer) -> Option<&T> {
        match viewer {
            Viewer::Facilitator => self.facilitator.as_ref(),
            Viewer::Projector => self.projector.as_ref(),
            Viewer::Pair { pair_id, .. } => self.for_pair(*pair_id),
        }
    }

    /// The copy pair `pair_id` is sent.
    pub fn for_pair(&self, pair_id: Uuid) -> Option<&T> {
        match self.pairs.binary_search_by_key(&pair_id, |(id, _)| *id) {
            Ok(i) => self.pairs[i].1.as_ref(),
            Err(_) => self.other_pairs.as_ref(),
        }
    }

    /// The same classes with every copy turned into something else (its serialised bytes),
    /// calling `f` once per *distinct* copy: equal copies share one result.
    pub fn map_distinct<U: Clone>(self, mut f: impl FnMut(&T) -> U) -> EventCopies<U>
    where
        T: PartialEq,
    {
        let mut done: Vec<(T, U)> = Vec::new();
        let mut convert = |copy: Option<T>| -> Option<U> {
            let copy = copy?;
            if let Some((_, out)) = done.iter().find(|(seen, _)| *seen == copy) {
                return Some(out.clone());
            }
            let out = f(&copy);
            done.push((copy, out.clone()));
            Some(out)
        };
        let facilitator = convert(self.facilitator);
        let projector = convert(self.projector);
        let other_pairs = convert(self.other_pairs);
        let pairs = self.pairs.into_iter().map(|(id, copy)| (id, convert(copy))).collect();
        EventCopies { facilitator, projector, other_pairs, pairs }
    }
}

impl<U, E> EventCopies<Result<U, E>> {
    /// Every copy converted, or the first conversion that failed.
    pub fn transpose(self) -> Result<EventCopies<U>, E> {
        Ok(EventCopies {
            facilitator: self.facilitator.transpose()?,
            projector: self.projector.transpose()?,
            other_pairs: self.other_pairs.transpose()?,
            pairs: self.pairs.into_iter().map(|(id, copy)| Ok((id, copy.transpose()?))).collect::<Result<_, E>>()?,
        })
    }
}

impl RoomView {
    /// [`RoomView::event_for`] for every viewer at once, by class. `self` is the state with the
    /// event applied. Not for [`Event::changes_visibility`] events (send a snapshot).
    pub fn copies_of(&self, event: &Event) -> EventCopies<Event> {
        let mut special = Vec::new();
        let card = match event {
            Event::Placed { card_id, .. } | Event::Unplaced { card_id, .. } | Event::SheetSaved { card_id, .. } => {
                self.card(*card_id)
            }
            Event::CardAdded { card, .. } => Some(card),
            _ => None,
        };
        if let Event::PairJoined { pair } = event {
            // The pair itself is sent its reference; the other pairs are not.
            special.push(pair.id);
        }
        if let Some(card) = card {
            special.extend(event.pair_id());
            special.extend(self.pairs_deciding_on(card));
        }
        if let Event::ConsentGiven { pair_id, .. } = event {
            special.push(*pair_id);
        }
        special.sort_unstable();
        special.dedup();
        let outsider = Viewer::Pair { pair_id: outside(&special), label: String::new() };
        EventCopies {
            facilitator: self.event_for(&Viewer::Facilitator, event),
            projector: self.event_for(&Viewer::Projector, event),
            other_pairs: self.event_for(&outsider, event),
            pairs: special
                .into_iter()
                .map(|pair_id| (pair_id, self.event_for(&Viewer::Pair { pair_id, label: String::new() }, event)))
                .collect(),
        }
    }

    /// The pairs for whom [`RoomView::pair_may_use`] of `card` may differ from any other
    /// pair's: a pair-written post-it's author and, unless pairs' post-its are shared, the
    /// pairs with work on it.
    fn pairs_deciding_on(&self, card: &Card) -> Vec<Uuid> {
        let Some(author) = card.author else { return Vec::new() };
        let mut pairs = vec![author];
        if !self.settings.share_pair_cards {
            pairs.extend(self.placements.iter().filter(|p| p.card_id == card.id).map(|p| p.pair_id));
            pairs.extend(self.notes.iter().filter(|n| n.card_id == card.id).map(|n| n.pair_id));
        }
        pairs
    }
}

/// An id that is not in `taken` (sorted): the viewer standing for "any other pair".
fn outside(taken: &[Uuid]) -> Uuid {
    (0..=taken.len() as u128).map(Uuid::from_u128).find(|id| taken.binary_search(id).is_err()).unwrap_or(Uuid::max())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{id, room_with_pairs};
    use crate::domain::{Card, Phase};

    const PAIRS: [u128; 3] = [100, 200, 300];
    /// Not in the room: stands for a pair that joined after the event's state was read.
    const STRANGER: u128 = 900;
    const FACILITATORS: u128 = 10;
    const BY_100: u128 = 77;
    const MERGED_FROM_200: u128 = 78;

    fn pair(n: u128) -> Viewer {
        Viewer::Pair { pair_id: id(n), label: format!("Pair {n}") }
    }

    fn viewers() -> Vec<Viewer> {
        let pairs = PAIRS.iter().chain([&STRANGER]).map(|n| pair(*n));
        [Viewer::Facilitator, Viewer::Projector].into_iter().chain(pairs).collect()
    }

    /// Three pairs, the facilitator's post-it, pair 100's post-it (on which pair 200 has work,
    /// from a duplicate merged into it) and some placements and notes.
    fn room(phase: Phase, live_wall: bool, share: bool) -> RoomView {
        let mut r = room_with_pairs(vec![Card::new(id(FACILITATORS), "Where people are seen", 0)], &PAIRS);
        r.phase = phase;
        r.settings.live_wall = live_wall;
        r.settings.share_pair_cards = share;
        let theirs = Card { author: Some(id(100)), ..Card::new(id(BY_100), "Home visits", 1) };
        let dup = Card { author: Some(id(200)), ..Card::new(id(MERGED_FROM_200), "Visits at home", 2) };
        for card in [theirs, dup] {
            r.apply(r.seq + 1, &Event::CardAdded { card, at: 1 });
        }
        r.apply(r.seq + 1, &placed(200, MERGED_FROM_200, 30.0));
        r.apply(r.seq + 1, &Event::CardsMerged { from: id(MERGED_FROM_200), into: id(BY_100), at: 2 });
        r.apply(r.seq + 1, &placed(300, FACILITATORS, 70.0));
        r
    }

    fn placed(pair: u128, card: u128, position: f64) -> Event {
        Event::Placed { pair_id: id(pair), card_id: id(card), round: 1, position: Some(position), at: 3 }
    }

    fn events() -> Vec<Event> {
        let mut events = Vec::new();
        for p in PAIRS {
            for card in [FACILITATORS, BY_100] {
                events.push(placed(p, card, 12.5));
                events.push(Event::Unplaced { pair_id: id(p), card_id: id(card), round: 1, at: 4 });
                events.push(Event::SheetSaved {
                    pair_id: id(p),
                    card_id: id(card),
                    round: 1,
                    intended: "seen sooner".into(),
                    unintended: "longer waits".into(),
                    cant_place: Some("depends on the GP".into()),
                    at: 5,
                    language: None,
                });
            }
            let card = Card { author: Some(id(p)), ..Card::new(id(500 + p), "Own post-it", 3) };
            events.push(Event::CardAdded { card, at: 6 });
        }
        events.push(Event::TimerChanged { timer: None, at: 7 });
        events
    }

    #[test]
    fn every_viewer_gets_exactly_what_event_for_gives_it() {
        for phase in [Phase::Joining, Phase::Placing, Phase::Reveal, Phase::Closed] {
            for live_wall in [false, true] {
                for share in [false, true] {
                    for event in events() {
                        let mut r = room(phase, live_wall, share);
                        r.apply(r.seq + 1, &event);
                        let copies = r.copies_of(&event);
                        for viewer in viewers() {
                            assert_eq!(
                                copies.for_viewer(&viewer),
                                r.event_for(&viewer, &event).as_ref(),
                                "{viewer:?} {phase:?} live wall {live_wall} share {share}: {event:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_facilitators_post_it_has_one_copy_for_every_other_pair() {
        let mut r = room(Phase::Placing, false, false);
        let event = placed(100, FACILITATORS, 40.0);
        r.apply(r.seq + 1, &event);
        let copies = r.copies_of(&event);
        assert_eq!(copies.pairs, vec![(id(100), Some(event.clone()))], "only the pair itself is listed");
        assert_eq!(copies.other_pairs, None, "private placing: other pairs are not told");
        assert_eq!(copies.facilitator, Some(event));
    }

    #[test]
    fn equal_copies_are_converted_once() {
        let mut r = room(Phase::Placing, true, false);
        let event = placed(100, FACILITATORS, 40.0);
        r.apply(r.seq + 1, &event);
        let mut calls = 0;
        let bytes = r.copies_of(&event).map_distinct(|e| {
            calls += 1;
            serde_json::to_string(e).unwrap()
        });
        assert_eq!(calls, 1, "on a live wall everyone gets the same copy");
        for viewer in viewers() {
            assert_eq!(bytes.for_viewer(&viewer), Some(&serde_json::to_string(&event).unwrap()), "{viewer:?}");
        }
    }
}
