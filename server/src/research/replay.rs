//! The researchers' replay (`GET /api/research/workshops/{id}/replay`): the workshop as
//! created and every row of its event log, for the time slider of `/research/replay/{id}`.
//! The browser applies the steps itself ([`app::domain::replay`]); applying all of them gives
//! exactly the state the server rebuilds on load (tested below and in the integration tests).

use std::sync::Arc;

use app::api::{Replay, ReplayStep};
use app::domain::RoomView;
use uuid::Uuid;

use super::tables::workshop_date;
use crate::store::{LoggedEvent, Store, StoreError};

/// Who made a change, as the replay names them: `facilitator`, `system`, or the pair's label
/// (the same rule as the `actor` column of `events.csv`).
fn actor(event: &LoggedEvent) -> String {
    event.who().to_string()
}

/// The replay answer for a workshop's start and log. Holds no secret: the join code is blanked
/// (as in the exports) and the log's before/after states, which record it at creation, are left
/// out; no token or secret hash is ever read.
pub fn replay_of(mut start: RoomView, events: Vec<LoggedEvent>) -> Replay {
    start.workshop.join_code.clear();
    let steps = events
        .into_iter()
        .map(|e| ReplayStep { seq: e.seq, at: e.at, actor: actor(&e), action: e.action.clone(), event: e.payload })
        .collect();
    Replay { date: workshop_date(start.workshop.created_at), start, steps }
}

/// Reads workshop `id`'s replay in one transaction on the blocking pool; `None` if there is
/// no such workshop.
pub async fn replay_from(store: &Arc<Store>, id: Uuid) -> Result<Option<Replay>, StoreError> {
    let found = store.run(move |s| s.replay_log(id)).await?;
    Ok(found.map(|(start, events)| replay_of(start, events)))
}

#[cfg(test)]
mod tests {
    use app::domain::{Card, Event, Phase};

    use super::*;
    use crate::store::{Actor, NewEvent, NewWorkshopRecord};

    fn change(actor: Actor, action: &'static str, event: Event) -> NewEvent {
        NewEvent {
            actor,
            action,
            change_id: Uuid::new_v4(),
            card_id: None,
            pair_id: event.pair_id(),
            before: None,
            after: None,
            event,
        }
    }

    /// Every kind of history the slider must get right: pair-written post-its (only in the
    /// log, not in `cards`), a merge, a removed pair (its rows deleted, leaving gaps in the
    /// sequence) and a second round.
    #[test]
    fn applying_every_step_gives_exactly_the_state_the_server_loads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let record = NewWorkshopRecord {
            title: "T".into(),
            site: "S".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            aspects: vec!["A".into(), "B".into()],
        };
        let info = store.create_workshop(&record, "secret-hash", 1_000).unwrap();
        let id = info.id;
        let cards: Vec<Uuid> = store.load_room(id).unwrap().unwrap().view.cards.iter().map(|c| c.id).collect();
        let (_, one) = store.join_pair(id, "Pair 1", "token-1", 2_000).unwrap();
        let (_, two) = store.join_pair(id, "Pair 2", "token-2", 2_001).unwrap();
        let facilitator = |action, event| change(Actor::Facilitator, action, event);
        let by = |pair: &app::domain::PairSummary, action, event| change(Actor::Pair(pair.clone()), action, event);
        let place = |pair: &app::domain::PairSummary, card, round, position| Event::Placed {
            pair_id: pair.id,
            card_id: card,
            round,
            position: Some(position),
            at: 3_000,
        };
        let own = Card { author: Some(one.id), ..Card::new(Uuid::new_v4(), "Our own", 2) };
        let theirs = Card { author: Some(two.id), ..Card::new(Uuid::new_v4(), "Gone later", 3) };
        let changes = [
            facilitator("phase_changed", Event::PhaseChanged { phase: Phase::Placing, at: 3_000 }),
            by(&one, "placed", place(&one, cards[0], 1, 10.0)),
            by(&two, "placed", place(&two, cards[0], 1, 90.0)),
            by(&one, "card_added", Event::CardAdded { card: own.clone(), at: 3_000 }),
            by(&two, "card_added", Event::CardAdded { card: theirs.clone(), at: 3_000 }),
            by(&one, "placed", place(&one, own.id, 1, 55.0)),
            by(&one, "moved", place(&one, cards[0], 1, 20.0)),
            facilitator("cards_merged", Event::CardsMerged { from: cards[1], into: cards[0], at: 3_000 }),
            facilitator("phase_changed", Event::PhaseChanged { phase: Phase::Reveal, at: 3_000 }),
            facilitator("phase_changed", Event::PhaseChanged { phase: Phase::SecondRound, at: 3_000 }),
            by(&one, "moved", place(&one, cards[0], 2, 70.0)),
            facilitator("pair_removed", Event::PairRemoved { pair_id: two.id, at: 3_000 }),
        ];
        for (i, c) in changes.iter().enumerate() {
            store.append(id, c, 3_000 + i as i64).unwrap();
        }

        let (start, events) = store.replay_log(id).unwrap().unwrap();
        assert_eq!(start.cards.len(), 2, "the start has only the facilitator's aspects");
        let replay = replay_of(start, events.clone());
        assert_eq!(replay.steps.len(), store.event_log(id).unwrap().len());
        let mut loaded = store.load_room(id).unwrap().unwrap().view;
        assert_eq!(loaded.card(own.id).map(|c| c.author), Some(Some(one.id)), "the pair's post-it is there");
        assert!(loaded.card(theirs.id).is_none(), "the removed pair's post-it is not");
        loaded.workshop.join_code.clear();
        assert_eq!(replay.state_at(replay.steps.len()), loaded);
        assert_eq!(replay.date, "1970-01-01");
        assert_eq!(replay.steps[0].action, "workshop_created");
        assert!(replay.steps[0].event.is_none());
        assert!(replay.steps.iter().any(|s| s.actor == "Pair 1"));
        assert!(replay.steps.iter().all(|s| s.actor != "Pair 2"), "the removed pair's work is gone");

        // Nothing in the answer lets a reader join or act: no join code, token or secret hash.
        let json = serde_json::to_string(&replay).unwrap();
        for secret in [info.join_code.as_str(), "secret-hash", "token-1", "token-2"] {
            assert!(!json.contains(secret), "the replay contains {secret}");
        }
        assert!(store.replay_log(Uuid::new_v4()).unwrap().is_none());
    }
}
