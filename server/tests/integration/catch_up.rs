//! Reconnecting screens: a client that says the last sequence it saw gets exactly what it
//! missed, or a fresh snapshot when it is too far behind or its number makes no sense.

use crate::common::{Options, TestServer, WsClient, pair_auth, place};
use app::domain::{Event, Viewer};
use app::protocol::{Auth, ClientMsg, MAX_CATCH_UP, ServerMsg};

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];

fn update_seqs(messages: &[ServerMsg]) -> Vec<u64> {
    messages
        .iter()
        .filter_map(|m| match m {
            ServerMsg::Update { seq, .. } => Some(*seq),
            _ => None,
        })
        .collect()
}

/// Signs in as facilitator with `last_seq`; returns everything up to the presence message
/// that ends the initial sync.
async fn console_since(server: &TestServer, secret: &str, last_seq: Option<u64>) -> Vec<ServerMsg> {
    let mut ws = server.connect().await;
    let auth = Auth::Facilitator { secret: secret.into() };
    assert_eq!(ws.hello(auth, last_seq).await, Viewer::Facilitator);
    ws.recv_until(|m| matches!(m, ServerMsg::Presence { .. })).await
}

#[tokio::test]
async fn a_reconnecting_console_gets_exactly_the_missed_updates() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (console, view) = server.facilitator(&created).await;
    let seen = view.seq;
    console.close().await;

    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, _) = server.pair(&a).await;
    let s1 = tablet.acked(&place(view.cards[0].id, 30.0)).await;
    let s2 = tablet.acked(&place(view.cards[0].id, 35.0)).await;

    let messages = console_since(&server, &created.facilitator_secret, Some(seen)).await;
    assert!(!messages.iter().any(|m| matches!(m, ServerMsg::Snapshot { .. })), "{messages:?}");
    assert_eq!(update_seqs(&messages), vec![seen + 1, s1, s2]);
    assert!(
        matches!(&messages[0], ServerMsg::Update { event: Event::PairJoined { pair }, .. } if pair.id == a.pair_id)
    );
    assert!(
        matches!(&messages[2], ServerMsg::Update { event: Event::Placed { position, .. }, .. } if *position == Some(35.0))
    );
    assert_eq!(messages.last(), Some(&ServerMsg::Presence { connected: vec![a.pair_id] }));

    // Up to date: nothing to send but the presence.
    let messages = console_since(&server, &created.facilitator_secret, Some(s2)).await;
    assert_eq!(messages, vec![ServerMsg::Presence { connected: vec![a.pair_id] }]);
}

#[tokio::test]
async fn a_reconnecting_pair_catches_up_on_its_own_work_only() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pair B").await;
    let (tablet_a, view) = server.pair(&a).await;
    let seen = view.seq;
    tablet_a.close().await;

    let (mut other_tablet_a, _) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    let mine = other_tablet_a.acked(&place(view.cards[0].id, 10.0)).await;
    tablet_b.acked(&place(view.cards[0].id, 90.0)).await;
    let c = server.join(&created.join_code, "Pair C").await;
    // A marker from A itself after everything else, so the test knows where catch-up ends.
    let marker = other_tablet_a.acked(&place(view.cards[1].id, 50.0)).await;

    let mut ws = server.connect().await;
    ws.hello(pair_auth(&a), Some(seen)).await;
    let messages = ws.recv_until(|m| matches!(m, ServerMsg::Update { seq, .. } if *seq == marker)).await;
    assert_eq!(update_seqs(&messages), vec![mine, marker - 1, marker]);
    assert!(
        matches!(&messages[1], ServerMsg::Update { event: Event::PairJoined { pair }, .. } if pair.id == c.pair_id)
    );
    assert!(messages.iter().all(|m| matches!(m, ServerMsg::Update { .. })));
}

#[tokio::test]
async fn bogus_or_far_behind_last_seq_gets_a_snapshot() {
    // More pairs than a workshop takes by default: one event each.
    let server = TestServer::start_with(Options { max_pairs: 1000, ..Options::default() }).await;
    let created = server.create_workshop(ASPECTS).await;
    // One event per join: enough to be more than MAX_CATCH_UP behind.
    let joins = MAX_CATCH_UP + 1;
    for i in 0..joins {
        server.join(&created.join_code, &format!("Pair {i}")).await;
    }
    let current = 2 + joins; // created, placing started, then the joins

    let far = console_since(&server, &created.facilitator_secret, Some(current - MAX_CATCH_UP - 1)).await;
    assert!(matches!(&far[0], ServerMsg::Snapshot { view } if view.seq == current && view.pairs.len() as u64 == joins));
    assert_eq!(update_seqs(&far), Vec::<u64>::new());

    // Exactly MAX_CATCH_UP behind is still caught up one by one.
    let near = console_since(&server, &created.facilitator_secret, Some(current - MAX_CATCH_UP)).await;
    assert_eq!(update_seqs(&near), ((current - MAX_CATCH_UP + 1)..=current).collect::<Vec<_>>());

    for bogus in [current + 1, u64::MAX] {
        let messages = console_since(&server, &created.facilitator_secret, Some(bogus)).await;
        assert!(matches!(&messages[0], ServerMsg::Snapshot { view } if view.seq == current), "{bogus}");
    }
    let none = console_since(&server, &created.facilitator_secret, None).await;
    assert!(matches!(&none[0], ServerMsg::Snapshot { .. }));
}

#[tokio::test]
async fn nothing_falls_between_the_snapshot_and_the_live_updates() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let (mut tablet, view) = server.pair(&a).await;
    let card = view.cards[0].id;
    // Screens connect while the pair keeps placing; each must end up with the final state.
    let mut watchers: Vec<(WsClient, u64)> = Vec::new();
    let mut last = 0;
    for i in 0..10 {
        let mut ws = server.connect().await;
        // The console: it sees every position while pairs place privately.
        let auth = Auth::Facilitator { secret: created.facilitator_secret.clone() };
        ws.send(&ClientMsg::Hello { auth, last_seq: None }).await;
        last = tablet.acked(&place(card, f64::from(i * 10))).await;
        watchers.push((ws, last));
    }
    for (mut ws, _) in watchers {
        let ServerMsg::Welcome { .. } = ws.recv().await else { panic!("welcome") };
        let ServerMsg::Snapshot { mut view } = ws.recv().await else { panic!("snapshot") };
        while view.seq < last {
            match ws.recv().await {
                ServerMsg::Update { seq, event } => {
                    assert_eq!(seq, view.seq + 1, "no gap, no repeat");
                    view.apply(seq, &event);
                }
                ServerMsg::Presence { .. } => {}
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(view.placement(a.pair_id, card).map(|p| p.position), Some(90.0));
    }
}
