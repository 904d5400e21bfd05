//! A live session: a facilitator, a projector and three pairs, one with two tablets.

use crate::common::{TestServer, place};
use app::domain::Event;
use app::protocol::{ClientMsg, ServerMsg};
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

fn is_update_from(msg: &ServerMsg, pair: Uuid) -> bool {
    matches!(msg, ServerMsg::Update { event, .. } if event.pair_id() == Some(pair)
        && !matches!(event, Event::PairJoined { .. }))
}

#[tokio::test]
async fn a_placement_reaches_the_room_but_not_the_other_pairs() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    assert_eq!(view.cards.len(), 3);
    let card = view.cards[0].id;
    let (mut projector, _) = server.projector(created.workshop_id).await;

    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pair B").await;
    let c = server.join(&created.join_code, "Pair C").await;
    let (mut a1, a_view) = server.pair(&a).await;
    let (mut a2, _) = server.pair(&a).await;
    let (mut b1, _) = server.pair(&b).await;
    let (mut c1, _) = server.pair(&c).await;
    assert_eq!(a_view.pairs.len(), 3, "pairs see the pairs list");

    let change = ClientMsg::Place { change_id: Uuid::new_v4(), card_id: card, position: 42.54 };
    let seq = a1.acked(&change).await;

    let expected = |msg: &ServerMsg| {
        matches!(msg, ServerMsg::Update { seq: s, event: Event::Placed { pair_id, card_id, position, .. } }
            if *s == seq && *pair_id == a.pair_id && *card_id == card && *position == Some(42.5))
    };
    console.recv_until(expected).await;
    // While pairs place privately the projector learns that A placed, not where.
    projector
        .recv_until(|msg| {
            matches!(msg, ServerMsg::Update { seq: s, event: Event::Placed { pair_id, position: None, .. } }
                if *s == seq && *pair_id == a.pair_id)
        })
        .await;
    a2.recv_until(expected).await;
    // The sender gets the update too (after its Ack).
    a1.recv_until(expected).await;

    // B and C then make a change of their own. Updates leave in sequence order, so if A's
    // placement had been sent to them it would arrive before their own update.
    for (client, joined) in [(&mut b1, &b), (&mut c1, &c)] {
        let own = client.acked(&place(card, 10.0)).await;
        let seen = client.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == own)).await;
        assert!(!seen.iter().any(|m| is_update_from(m, a.pair_id)), "{seen:?}");
        assert!(seen.iter().all(|m| !matches!(m, ServerMsg::Update { event, .. }
            if !matches!(event, Event::PairJoined { .. }) && event.pair_id() != Some(joined.pair_id))));
    }
    // The facilitator sees everyone's.
    let seen = console.recv_until(|m| is_update_from(m, c.pair_id)).await;
    assert!(seen.iter().any(|m| is_update_from(m, b.pair_id)));

    // A reconnecting pair's snapshot holds only its own placements.
    let (_, b_view) = server.pair(&b).await;
    assert!(b_view.placements.iter().all(|p| p.pair_id == b.pair_id));
    assert_eq!(b_view.placements.len(), 1);
    let (_, room) = server.projector(created.workshop_id).await;
    assert_eq!(room.placements.len(), 3);
    assert!(room.placements.iter().all(|p| p.concealed && p.position == 0.0), "{:?}", room.placements);
}

#[tokio::test]
async fn joining_pairs_are_announced_to_every_screen() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, _) = server.facilitator(&created).await;
    let first = server.join(&created.join_code, "Pair 1").await;
    let (mut tablet, _) = server.pair(&first).await;
    let second = server.join(&created.join_code, "Pâr 2 ŵ").await;
    for client in [&mut console, &mut tablet] {
        let seen = client
            .recv_until(|m| {
                matches!(m, ServerMsg::Update { event: Event::PairJoined { pair }, .. }
                if pair.id == second.pair_id)
            })
            .await;
        let Some(ServerMsg::Update { event: Event::PairJoined { pair }, .. }) = seen.last() else { unreachable!() };
        assert_eq!(pair.label, "Pâr 2 ŵ");
    }
}

#[tokio::test]
async fn the_facilitator_sees_who_is_connected() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pair B").await;

    // A connects before the console: the console's first presence already lists A.
    let (a1, _) = server.pair(&a).await;
    let mut console = server.connect().await;
    let secret = created.facilitator_secret.clone();
    console.hello(app::protocol::Auth::Facilitator { secret }, None).await;
    console.expect_snapshot().await;
    assert_eq!(console.recv().await, ServerMsg::Presence { connected: vec![a.pair_id] });

    let (b1, _) = server.pair(&b).await;
    let mut both = vec![a.pair_id, b.pair_id];
    both.sort();
    assert_eq!(console.recv().await, ServerMsg::Presence { connected: both.clone() });

    // A second tablet of A changes nothing; closing one of A's two leaves A connected.
    let (a2, _) = server.pair(&a).await;
    a1.close().await;
    b1.close().await;
    assert_eq!(console.recv().await, ServerMsg::Presence { connected: vec![a.pair_id] });
    a2.close().await;
    assert_eq!(console.recv().await, ServerMsg::Presence { connected: vec![] });
}

#[tokio::test]
async fn moving_and_unplacing_update_every_screen_in_order() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let card = view.cards[1].id;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, _) = server.pair(&a).await;

    let s1 = tablet.acked(&place(card, 20.0)).await;
    let s2 = tablet.acked(&place(card, 80.0)).await;
    let s3 = tablet.acked(&ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: card }).await;
    assert!(s1 < s2 && s2 < s3);
    let seen = console.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == s3)).await;
    let seqs: Vec<u64> = seen
        .iter()
        .filter_map(|m| match m {
            ServerMsg::Update { seq, .. } => Some(*seq),
            _ => None,
        })
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
    assert!(seqs.ends_with(&[s1, s2, s3]));

    // Unplacing again is refused with a reason, and the tablet carries on.
    let again = tablet.change(&ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: card }).await;
    assert!(
        matches!(&again, ServerMsg::Refused { code: app::protocol::ErrorCode::Invalid, message, .. }
            if message.contains("tray")),
        "{again:?}"
    );
    let (_, fresh) = server.pair(&a).await;
    assert!(fresh.placements.is_empty());
    assert_eq!(fresh.seq, s3);
}

/// A tablet that wakes up asks whether its socket still works: every ping is answered with its
/// own id, before and after `Hello`, and the socket carries on as before.
#[tokio::test]
async fn a_ping_is_answered_with_its_id_before_and_after_hello() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;

    let mut tablet = server.connect().await;
    tablet.send(&ClientMsg::Ping { id: 1 }).await;
    assert_eq!(tablet.recv().await, ServerMsg::Pong { id: 1 });
    tablet.hello(crate::common::pair_auth(&a), None).await;
    let view = tablet.expect_snapshot().await;

    tablet.send(&ClientMsg::Ping { id: 2 }).await;
    tablet.send(&ClientMsg::Ping { id: 3 }).await;
    let answers = tablet.recv_until(|m| matches!(m, ServerMsg::Pong { id: 3 })).await;
    let pongs: Vec<&ServerMsg> = answers.iter().filter(|m| matches!(m, ServerMsg::Pong { .. })).collect();
    assert_eq!(pongs, [&ServerMsg::Pong { id: 2 }, &ServerMsg::Pong { id: 3 }]);
    tablet.acked(&place(view.cards[0].id, 30.0)).await;
}
