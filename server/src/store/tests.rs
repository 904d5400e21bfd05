//! Storage rules, tested on a real SQLite file.

use app::domain::{Event, PairSummary, Phase};
use uuid::Uuid;

use super::*;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a").join("b").join("db.sqlite3")).unwrap();
    (dir, store)
}

fn record(aspects: &[&str]) -> NewWorkshopRecord {
    NewWorkshopRecord {
        title: "T".into(),
        site: "S".into(),
        question: "Q".into(),
        left_pole: "L".into(),
        right_pole: "R".into(),
        aspects: aspects.iter().map(|a| a.to_string()).collect(),
    }
}

fn workshop_with_pair(store: &Store) -> (Uuid, Uuid, PairSummary) {
    let info = store.create_workshop(&record(&["A", "B"]), "hash", 1_000).unwrap();
    let (_, pair) = store.join_pair(info.id, "Pair 1", "token-hash", 2_000).unwrap();
    let card = store.load_room(info.id).unwrap().unwrap().view.cards[0].id;
    (info.id, card, pair)
}

#[test]
fn opening_creates_folders_and_uses_wal() {
    let (_dir, store) = open();
    let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_new_workshop_loads_back_with_its_cards_in_order() {
    let (_dir, store) = open();
    let info = store.create_workshop(&record(&["First", "Second ŵ", "Third"]), "h", 5).unwrap();
    assert!(app::domain::code::normalize_code(&info.join_code).is_some());
    let room = store.load_room(info.id).unwrap().unwrap();
    let texts: Vec<&str> = room.view.cards.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["First", "Second ŵ", "Third"]);
    assert_eq!(room.view.seq, 1);
    assert_eq!(room.view.workshop, info);
    assert_eq!(store.workshop_by_code(&info.join_code).unwrap(), Some(info.clone()));
    assert_eq!(store.workshop_by_secret_hash("h").unwrap(), Some(info));
    assert!(store.load_room(Uuid::new_v4()).unwrap().is_none());
}

#[test]
fn labels_are_unique_per_workshop_ignoring_case_beyond_ascii() {
    let (_dir, store) = open();
    let (id, _, _) = workshop_with_pair(&store);
    store.join_pair(id, "Siân", "t2", 3).unwrap();
    assert!(matches!(store.join_pair(id, "SIÂN", "t3", 4), Err(StoreError::DuplicateLabel(_))));
    assert!(matches!(store.join_pair(id, "pair 1", "t4", 4), Err(StoreError::DuplicateLabel(_))));
    assert!(matches!(store.join_pair(Uuid::new_v4(), "x", "t5", 4), Err(StoreError::UnknownWorkshop)));
    let room = store.load_room(id).unwrap().unwrap();
    assert_eq!(room.view.pairs.len(), 2);
    assert_eq!(room.pairs_by_token_hash["t2"].label, "Siân");
}

fn placed(pair: &PairSummary, card: Uuid, position: f64, change_id: Uuid) -> NewEvent {
    NewEvent {
        actor: Actor::Pair(pair.clone()),
        action: "placed",
        change_id,
        card_id: Some(card),
        pair_id: Some(pair.id),
        before: None,
        after: Some(serde_json::json!({ "position": position })),
        event: Event::Placed { pair_id: pair.id, card_id: card, round: 1, position: Some(position), at: 10 },
    }
}

fn phase(phase: Phase) -> NewEvent {
    NewEvent {
        actor: Actor::Facilitator,
        action: "phase_changed",
        change_id: Uuid::new_v4(),
        card_id: None,
        pair_id: None,
        before: None,
        after: None,
        event: Event::PhaseChanged { phase, at: 5 },
    }
}

#[test]
fn a_change_id_is_applied_once() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    let change_id = Uuid::new_v4();
    let first = store.append(id, &placed(&pair, card, 12.5, change_id), 10).unwrap();
    assert_eq!(first, ChangeOutcome::Committed { seq: 3 });
    let again = store.append(id, &placed(&pair, card, 50.0, change_id), 11);
    assert_eq!(again.unwrap(), ChangeOutcome::AlreadyCommitted { seq: 3 });
    let stranger = PairSummary { id: Uuid::new_v4(), label: "X".into(), joined_at: 0, last_active: 0 };
    let theirs = placed(&stranger, card, 1.0, change_id);
    assert!(matches!(store.append(id, &theirs, 12), Err(StoreError::ChangeIdReused)));
    let mut by_facilitator = phase(Phase::Placing);
    by_facilitator.change_id = change_id;
    assert!(matches!(store.append(id, &by_facilitator, 12), Err(StoreError::ChangeIdReused)));
    assert_eq!(store.event_log(id).unwrap().len(), 3);
    assert!(matches!(store.append(Uuid::new_v4(), &phase(Phase::Placing), 1), Err(StoreError::UnknownWorkshop)));
}

#[test]
fn the_room_is_the_workshop_with_its_event_log_replayed() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    store.append(id, &phase(Phase::Placing), 5).unwrap();
    store.append(id, &placed(&pair, card, 30.0, Uuid::new_v4()), 6).unwrap();
    store.append(id, &placed(&pair, card, 40.0, Uuid::new_v4()), 7).unwrap();
    let view = store.load_room(id).unwrap().unwrap().view;
    assert_eq!((view.phase, view.seq), (Phase::Placing, 5));
    let p = view.placement(pair.id, card).unwrap();
    assert_eq!((p.position, p.moves), (40.0, 1));
}

#[test]
fn removing_a_pair_deletes_its_rows_and_its_token() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    store.append(id, &phase(Phase::Placing), 5).unwrap();
    store.append(id, &placed(&pair, card, 30.0, Uuid::new_v4()), 6).unwrap();
    let removal = NewEvent {
        actor: Actor::Facilitator,
        action: "pair_removed",
        change_id: Uuid::new_v4(),
        card_id: None,
        pair_id: Some(pair.id),
        before: Some(serde_json::json!({ "label": "Pair 1" })),
        after: None,
        event: Event::PairRemoved { pair_id: pair.id, at: 7 },
    };
    store.append(id, &removal, 7).unwrap();
    let loaded = store.load_room(id).unwrap().unwrap();
    assert!(loaded.view.pairs.is_empty() && loaded.view.placements.is_empty());
    assert!(loaded.pairs_by_token_hash.is_empty());
    let actions: Vec<String> = store.event_log(id).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["workshop_created", "phase_changed", "pair_removed"]);
}

#[test]
fn catch_up_reads_payloads_between_two_sequence_numbers() {
    let (_dir, store) = open();
    let (id, card, pair) = workshop_with_pair(&store);
    for position in [1.0, 2.0, 3.0] {
        store.append(id, &placed(&pair, card, position, Uuid::new_v4()), 1).unwrap();
    }
    // seq 1 (workshop_created) has no payload; 2 is the join; 3..=5 the placements.
    let all = store.events_between(id, 0, 5).unwrap();
    assert_eq!(all.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [2, 3, 4, 5]);
    let some = store.events_between(id, 3, 4).unwrap();
    assert!(matches!(&some[..], [(4, Event::Placed { position: Some(p), .. })] if *p == 2.0));
}

#[test]
fn export_rows_follow_join_order_then_card_order() {
    let (_dir, store) = open();
    let info = store.create_workshop(&record(&["A", "B"]), "h", 1).unwrap();
    let cards = store.load_room(info.id).unwrap().unwrap().view.cards;
    let (_, zed) = store.join_pair(info.id, "Zed", "t1", 1).unwrap();
    let (_, amy) = store.join_pair(info.id, "Amy", "t2", 1).unwrap();
    for (pair, card, pos) in [(&amy, 0, 5.0), (&zed, 1, 6.0), (&zed, 0, 7.0)] {
        store.append(info.id, &placed(pair, cards[card].id, pos, Uuid::new_v4()), 9).unwrap();
    }
    let rows = store.export_rows(info.id).unwrap();
    let brief: Vec<(&str, &str, f64)> = rows.iter().map(|r| (r.pair.as_str(), r.aspect.as_str(), r.position)).collect();
    assert_eq!(brief, [("Zed", "A", 7.0), ("Zed", "B", 6.0), ("Amy", "A", 5.0)]);
}
