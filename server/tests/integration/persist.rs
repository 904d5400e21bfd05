//! Acknowledged means durable: restarts lose nothing, resent changes are not applied twice,
//! and the event log holds one row per change.

use crate::common::{TestServer, TwoPairs, place};
use app::protocol::{ClientMsg, ServerMsg};
use serde_json::json;
use server::store::sql::Value;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

#[tokio::test]
async fn a_restart_keeps_everything_that_was_acknowledged() {
    let mut server = TestServer::start().await;
    let (created, TwoPairs { a, mut tablet_a, mut tablet_b, view, .. }) = server.two_pairs(ASPECTS).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    tablet_a.acked(&place(cards[0], 10.0)).await;
    tablet_a.acked(&place(cards[1], 20.0)).await;
    tablet_a.acked(&place(cards[0], 15.5)).await;
    tablet_b.acked(&place(cards[2], 90.0)).await;
    tablet_b.acked(&place(cards[1], 50.0)).await;
    let last = tablet_b.acked(&ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: cards[1] }).await;
    let (_, mut before) = server.facilitator(&created).await;
    assert_eq!(before.seq, last);

    server.restart().await;

    let (_, mut after) = server.facilitator(&created).await;
    for view in [&mut before, &mut after] {
        let mut sorted = view.placements.to_vec();
        sorted.sort_by_key(|p| (p.pair_id, p.card_id));
        view.placements = sorted.into();
    }
    assert_eq!(after, before, "the same view, sequence number and times included");
    let mut positions: Vec<(String, f64)> =
        after.placements.iter().map(|p| (after.pair(p.pair_id).unwrap().label.clone(), p.position)).collect();
    positions.sort_by(|x, y| x.partial_cmp(y).unwrap());
    assert_eq!(positions, vec![("Pair A".into(), 15.5), ("Pair A".into(), 20.0), ("Pair B".into(), 90.0)]);
    // Secrets and tokens still work, and new changes continue the sequence.
    server.facilitator(&created).await;
    let (mut tablet_a, _) = server.pair(&a).await;
    assert_eq!(tablet_a.acked(&place(cards[2], 5.0)).await, last + 1);
}

#[tokio::test]
async fn a_change_resent_after_a_restart_is_acknowledged_once() {
    let mut server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, view) = server.pair(&a).await;
    let card = view.cards[0].id;
    let change_id = Uuid::new_v4();
    let original = ClientMsg::Place { change_id, card_id: card, position: 40.0 };
    let seq = tablet.acked(&original).await;
    // Resent on the same connection: the same answer, nothing applied.
    assert_eq!(tablet.change(&original).await, ServerMsg::Ack { change_id, seq });

    server.restart().await;

    let (mut tablet, view) = server.pair(&a).await;
    assert_eq!(view.seq, seq);
    // Even with a different position (a buggy client), a known change id changes nothing.
    let resent = ClientMsg::Place { change_id, card_id: card, position: 60.0 };
    assert_eq!(tablet.change(&resent).await, ServerMsg::Ack { change_id, seq });
    let (_, room) = server.facilitator(&created).await;
    assert_eq!(room.seq, seq);
    assert_eq!(room.placement(a.pair_id, card).map(|p| p.position), Some(40.0));

    let rows = server.db().int("SELECT COUNT(*) FROM events WHERE change_id = ?1", &[Value::from(change_id)]);
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn the_event_log_has_one_row_per_change_with_before_and_after() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, view) = server.pair(&a).await;
    let card = view.cards[1].id;
    let ids: Vec<Uuid> = (0..3).map(|_| Uuid::new_v4()).collect();
    tablet.acked(&ClientMsg::Place { change_id: ids[0], card_id: card, position: 42.5 }).await;
    tablet.acked(&ClientMsg::Place { change_id: ids[1], card_id: card, position: 80.0 }).await;
    tablet.acked(&ClientMsg::Unplace { change_id: ids[2], card_id: card }).await;
    // A refused change leaves no trace.
    let refused = tablet.change(&place(card, 101.0)).await;
    assert!(matches!(refused, ServerMsg::Refused { .. }));

    let mut db = server.db();
    let stored = db
        .rows(
            "SELECT seq, actor, actor_label, action, card_id, pair_id, before_json, after_json,
                    change_id, payload_json IS NOT NULL AS has_payload
             FROM events WHERE workshop_id = ?1 ORDER BY seq",
            &[Value::from(created.workshop_id)],
        )
        .unwrap();
    type Row = (
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
    );
    let rows: Vec<Row> = stored
        .iter()
        .map(|r| {
            (
                r.int("seq").unwrap(),
                r.text("actor").unwrap(),
                r.text("actor_label").unwrap(),
                r.text("action").unwrap(),
                r.opt_text("card_id").unwrap(),
                r.opt_text("pair_id").unwrap(),
                r.opt_text("before_json").unwrap(),
                r.opt_text("after_json").unwrap(),
                r.opt_text("change_id").unwrap(),
                // An integer on SQLite, a boolean (read as 0 or 1) on PostgreSQL.
                r.int("has_payload").unwrap() != 0,
            )
        })
        .collect();
    let actions: Vec<(i64, &str, &str)> = rows.iter().map(|r| (r.0, r.1.as_str(), r.3.as_str())).collect();
    assert_eq!(
        actions,
        vec![
            (1, "facilitator", "workshop_created"),
            (2, "facilitator", "phase_changed"),
            (3, "system", "pair_joined"),
            (4, "pair", "placed"),
            (5, "pair", "moved"),
            (6, "pair", "unplaced"),
        ]
    );
    let parse = |s: &Option<String>| s.as_deref().map(|s| serde_json::from_str::<serde_json::Value>(s).unwrap());
    let (pair, card) = (Some(a.pair_id.to_string()), Some(card.to_string()));
    for (row, before, after, id) in [
        (&rows[3], None, Some(json!({"position": 42.5})), ids[0]),
        (&rows[4], Some(json!({"position": 42.5})), Some(json!({"position": 80.0})), ids[1]),
        (&rows[5], Some(json!({"position": 80.0})), None, ids[2]),
    ] {
        assert_eq!(row.2, "Pair A");
        assert_eq!((&row.4, &row.5), (&card, &pair));
        assert_eq!((parse(&row.6), parse(&row.7)), (before, after));
        assert_eq!(row.8, Some(id.to_string()));
        assert!(row.9, "payload stored for catch-up");
    }
    assert!(!rows[0].9, "workshop_created is not sent to screens");
    assert_eq!(rows[2].2, "Pair A");
    let secret_stored = db.int(
        "SELECT COUNT(*) FROM workshops WHERE facilitator_secret_hash = ?1 OR join_code = ?1",
        &[Value::from(&created.facilitator_secret)],
    );
    assert_eq!(secret_stored, 0, "only the hash of the secret is stored");
}

#[tokio::test]
async fn placements_keep_first_time_and_count_moves() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, view) = server.pair(&a).await;
    let card = view.cards[0].id;
    for position in [10.0, 20.0, 30.0] {
        tablet.acked(&place(card, position)).await;
    }
    let (_, room) = server.facilitator(&created).await;
    let p = room.placement(a.pair_id, card).expect("placed");
    assert!(p.placed_at <= p.moved_at);
    assert_eq!((p.moves, p.position), (2, 30.0));
}
