//! Where every pair put every aspect: a list with at most one [`Placement`] per round, pair
//! and aspect, and a private index by that key, so applying a long event log (a replay of
//! 100,000 changes over 6,000 placements) never scans the list for a change.
//!
//! The index is correct by construction: the list is only changed through [`Placements`]'s
//! own methods, each of which keeps the index in step, and it can be read (as a slice) but
//! not written from outside. It serialises as the plain list and compares by the list.

use std::collections::HashMap;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::serde_helpers::{first_round, is_false};

/// Where one pair put one aspect in one round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The pair that placed it.
    pub pair_id: Uuid,
    /// The aspect.
    pub card_id: Uuid,
    /// 1 or 2.
    #[serde(default = "first_round")]
    pub round: u8,
    /// 0 (left pole) to 100 (right pole), one decimal. Meaningless (0) when `cant_place` or
    /// `concealed`: use [`Placement::shown_position`].
    pub position: f64,
    /// The pair said it cannot place this aspect ("it depends"); `reason` says why.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cant_place: bool,
    /// Why it cannot be placed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// This screen may know that the pair placed it, not where (private placing).
    #[serde(default, skip_serializing_if = "is_false")]
    pub concealed: bool,
    /// When it was first put on the spectrum (ms since the epoch).
    pub placed_at: i64,
    /// When it was last moved (equals `placed_at` until it moves).
    pub moved_at: i64,
    /// How often it was moved since it was put on the spectrum.
    #[serde(default)]
    pub moves: u32,
}

impl Placement {
    /// The position, when it is one this screen may show.
    pub fn shown_position(&self) -> Option<f64> {
        (!self.cant_place && !self.concealed).then_some(self.position)
    }
}

/// What a placement is found by: round, pair, aspect.
type Key = (u8, Uuid, Uuid);

fn key_of(placement: &Placement) -> Key {
    (placement.round, placement.pair_id, placement.card_id)
}

/// The placements of a workshop, in the order they were first made.
#[derive(Clone, Debug, Default)]
pub struct Placements {
    list: Vec<Placement>,
    index: HashMap<Key, usize>,
}

impl Placements {
    /// No placements.
    pub fn new() -> Placements {
        Placements::default()
    }

    /// Where `pair_id` put `card_id` in `round`.
    pub fn get(&self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<&Placement> {
        self.index.get(&(round, pair_id, card_id)).map(|&i| &self.list[i])
    }

    /// Puts `placement` in: replaces the one at its round, pair and aspect, or adds it at
    /// the end.
    pub fn insert(&mut self, placement: Placement) {
        match self.index.get(&key_of(&placement)) {
            Some(&i) => self.list[i] = placement,
            None => {
                self.index.insert(key_of(&placement), self.list.len());
                self.list.push(placement);
            }
        }
    }

    /// Changes the placement at `round`, `pair_id`, `card_id` with `change`, if there is
    /// one; returns whether there was. `change` cannot move it to another key: the round,
    /// pair and aspect are put back as they were.
    pub fn update(&mut self, round: u8, pair_id: Uuid, card_id: Uuid, change: impl FnOnce(&mut Placement)) -> bool {
        let Some(&i) = self.index.get(&(round, pair_id, card_id)) else {
            return false;
        };
        let placement = &mut self.list[i];
        change(placement);
        (placement.round, placement.pair_id, placement.card_id) = (round, pair_id, card_id);
        true
    }

    /// Takes the placement at `round`, `pair_id`, `card_id` out, if there is one; the others
    /// keep their order.
    pub fn remove(&mut self, round: u8, pair_id: Uuid, card_id: Uuid) -> Option<Placement> {
        let i = self.index.remove(&(round, pair_id, card_id))?;
        let removed = self.list.remove(i);
        for later in &self.list[i..] {
            if let Some(at) = self.index.get_mut(&key_of(later)) {
                *at -= 1;
            }
        }
        Some(removed)
    }

    /// Keeps only the placements `keep` accepts, in their order.
    pub fn retain(&mut self, keep: impl FnMut(&Placement) -> bool) {
        let before = self.list.len();
        self.list.retain(keep);
        if self.list.len() != before {
            self.reindex();
        }
    }

    fn reindex(&mut self) {
        self.index.clear();
        self.index.reserve(self.list.len());
        for (i, placement) in self.list.iter().enumerate() {
            // A list read from elsewhere with a key twice answers with the first, as a scan would.
            self.index.entry(key_of(placement)).or_insert(i);
        }
    }
}

impl Deref for Placements {
    type Target = [Placement];

    fn deref(&self) -> &[Placement] {
        &self.list
    }
}

impl PartialEq for Placements {
    fn eq(&self, other: &Placements) -> bool {
        self.list == other.list
    }
}

impl From<Vec<Placement>> for Placements {
    fn from(list: Vec<Placement>) -> Placements {
        let mut placements = Placements { list, index: HashMap::new() };
        placements.reindex();
        placements
    }
}

impl FromIterator<Placement> for Placements {
    fn from_iter<I: IntoIterator<Item = Placement>>(iter: I) -> Placements {
        Placements::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Placements {
    type Item = &'a Placement;
    type IntoIter = std::slice::Iter<'a, Placement>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl Serialize for Placements {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Placements {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Placements, D::Error> {
        Vec::<Placement>::deserialize(deserializer).map(Placements::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::id;
    use proptest::prelude::*;

    fn at(round: u8, pair: u128, card: u128, position: f64) -> Placement {
        Placement {
            pair_id: id(pair),
            card_id: id(card),
            round,
            position,
            cant_place: false,
            reason: String::new(),
            concealed: false,
            placed_at: 0,
            moved_at: 0,
            moves: 0,
        }
    }

    #[test]
    fn serialises_as_the_plain_list_and_compares_by_it() {
        let mut p = Placements::new();
        p.insert(at(1, 1, 10, 20.0));
        p.insert(at(1, 2, 10, 30.0));
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, serde_json::to_string(&*p.to_vec()).unwrap());
        let back: Placements = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.get(1, id(2), id(10)).map(|p| p.position), Some(30.0));
    }

    #[test]
    fn an_update_cannot_move_a_placement_to_another_key() {
        let mut p: Placements = vec![at(1, 1, 10, 20.0)].into();
        assert!(p.update(1, id(1), id(10), |x| {
            x.position = 50.0;
            x.card_id = id(99);
        }));
        assert_eq!(p.get(1, id(1), id(10)).map(|p| p.position), Some(50.0));
        assert!(p.get(1, id(1), id(99)).is_none());
        assert!(!p.update(2, id(1), id(10), |_| {}));
    }

    #[derive(Clone, Debug)]
    enum Step {
        Insert(u8, u128, u128, u8),
        Update(u8, u128, u128, u8),
        Remove(u8, u128, u128),
        RetainNotPair(u128),
    }

    fn step() -> impl Strategy<Value = Step> {
        let key = (1u8..3, 1u128..4, 1u128..4);
        prop_oneof![
            (key.clone(), 0u8..100).prop_map(|((r, p, c), x)| Step::Insert(r, p, c, x)),
            (key.clone(), 0u8..100).prop_map(|((r, p, c), x)| Step::Update(r, p, c, x)),
            key.prop_map(|(r, p, c)| Step::Remove(r, p, c)),
            (1u128..4).prop_map(Step::RetainNotPair),
        ]
    }

    proptest! {
        /// After any mix of changes, every lookup answers what a scan of the list answers,
        /// and the list holds each key at most once.
        #[test]
        fn lookups_agree_with_a_scan(steps in proptest::collection::vec(step(), 1..80)) {
            let mut p = Placements::new();
            for s in steps {
                match s {
                    Step::Insert(r, pair, card, x) => p.insert(at(r, pair, card, f64::from(x))),
                    Step::Update(r, pair, card, x) => {
                        p.update(r, id(pair), id(card), |placement| placement.position = f64::from(x));
                    }
                    Step::Remove(r, pair, card) => {
                        p.remove(r, id(pair), id(card));
                    }
                    Step::RetainNotPair(pair) => p.retain(|x| x.pair_id != id(pair)),
                }
                for (r, pair, card) in (1..3).flat_map(|r| (1..4).flat_map(move |p| (1..4).map(move |c| (r, p, c)))) {
                    let scanned = p.iter().find(|x| key_of(x) == (r, id(pair), id(card)));
                    prop_assert_eq!(p.get(r, id(pair), id(card)), scanned);
                }
                let mut keys: Vec<Key> = p.iter().map(key_of).collect();
                keys.sort();
                keys.dedup();
                prop_assert_eq!(keys.len(), p.len());
            }
        }
    }
}
