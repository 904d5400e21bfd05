//! Bad input over the websocket gets a clear refusal and changes nothing; other users never
//! notice.

use crate::common::{TestServer, TwoPairs, pair_auth, place};
use app::api::Joined;
use app::protocol::{ClientMsg, ErrorCode, ServerMsg};
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];

fn refused_with(msg: &ServerMsg, want: ErrorCode) -> bool {
    matches!(msg, ServerMsg::Refused { code, .. } if *code == want)
}

/// A workshop with one pair signed in; returns the server, the pair, its tablet and a card.
async fn one_pair() -> (TestServer, Joined, crate::common::WsClient, Uuid) {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let joined = server.join(&created.join_code, "Pair A").await;
    let (tablet, view) = server.pair(&joined).await;
    (server, joined, tablet, view.cards[0].id)
}

#[tokio::test]
async fn malformed_messages_are_refused_and_the_connection_stays() {
    let (_server, _, mut tablet, card) = one_pair().await;
    for bad in [
        "not json",
        "{}",
        r#"{"type":"explode"}"#,
        r#"{"type":"place","card_id":"x","position":1}"#,
        r#"{"type":"place","change_id":"00000000-0000-0000-0000-000000000001","card_id":"00000000-0000-0000-0000-000000000002","position":"NaN"}"#,
        r#"{"type":"place","change_id":"00000000-0000-0000-0000-000000000001","card_id":"00000000-0000-0000-0000-000000000002","position":1e999}"#,
    ] {
        tablet.send_text(bad).await;
        let reply = tablet.recv().await;
        assert!(refused_with(&reply, ErrorCode::Malformed), "{bad}: {reply:?}");
    }
    tablet.send_frame(Message::binary(vec![1, 2, 3])).await.expect("send binary");
    assert!(refused_with(&tablet.recv().await, ErrorCode::Malformed));
    tablet.acked(&place(card, 50.0)).await;
}

#[tokio::test]
async fn a_5_kib_message_is_refused_as_too_large_and_the_connection_stays() {
    let (_server, _, mut tablet, card) = one_pair().await;
    let padding = "x".repeat(5 * 1024);
    tablet
        .send_text(format!(
            r#"{{"type":"unplace","change_id":"{}","card_id":"{card}","pad":"{padding}"}}"#,
            Uuid::new_v4()
        ))
        .await;
    let reply = tablet.recv().await;
    assert!(refused_with(&reply, ErrorCode::TooLarge), "{reply:?}");
    tablet.acked(&place(card, 50.0)).await;
}

#[tokio::test]
async fn a_message_over_64_kib_closes_only_that_connection() {
    let server = TestServer::start().await;
    let (created, TwoPairs { a, mut tablet_a, mut tablet_b, view, .. }) = server.two_pairs(ASPECTS).await;
    let (mut console, _) = server.facilitator(&created).await;
    let card = view.cards[0].id;

    // The server may reset the connection before the client finishes writing.
    let _ = tablet_a.send_frame(Message::text("x".repeat(65 * 1024 + 1))).await;
    tablet_a.expect_closed().await;

    let seq = tablet_b.acked(&place(card, 25.0)).await;
    console.recv_until(|m| matches!(m, ServerMsg::Update { seq: s, .. } if *s == seq)).await;
    // A reconnects and carries on.
    let (mut again, _) = server.pair(&a).await;
    again.acked(&place(card, 75.0)).await;
}

#[tokio::test]
async fn positions_off_the_spectrum_are_refused_with_the_change_id() {
    let (server, joined, mut tablet, card) = one_pair().await;
    for position in [100.5, -1.0, -0.01, 1e300, f64::MAX] {
        let change_id = Uuid::new_v4();
        let reply = tablet.change(&ClientMsg::Place { change_id, card_id: card, position }).await;
        let ServerMsg::Refused { code, change_id: Some(id), message } = &reply else {
            panic!("{position}: {reply:?}");
        };
        assert_eq!((*code, *id), (ErrorCode::Invalid, change_id));
        assert!(message.contains("0 to 100"), "{message}");
    }
    // The edges are fine, and positions are rounded to one decimal.
    tablet.acked(&place(card, 0.0)).await;
    tablet.acked(&place(card, 100.0)).await;
    tablet.acked(&place(card, 33.333)).await;
    let (_, view) = server.pair(&joined).await;
    assert_eq!(view.placements[0].position, 33.3);
}

#[tokio::test]
async fn an_unknown_card_is_refused() {
    let server = TestServer::start().await;
    let first = server.create_workshop(ASPECTS).await;
    let second = server.create_workshop(ASPECTS).await;
    let joined = server.join(&first.join_code, "Pair A").await;
    let (mut tablet, _) = server.pair(&joined).await;
    let (_, other_view) = server.facilitator(&second).await;
    for card in [Uuid::new_v4(), other_view.cards[0].id] {
        let reply = tablet.change(&place(card, 50.0)).await;
        assert!(refused_with(&reply, ErrorCode::UnknownCard), "{reply:?}");
    }
}

#[tokio::test]
async fn a_change_before_hello_is_refused_and_hello_still_works() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let joined = server.join(&created.join_code, "Pair A").await;
    let mut ws = server.connect().await;
    let change = place(Uuid::new_v4(), 50.0);
    ws.send(&change).await;
    let reply = ws.recv().await;
    let ServerMsg::Refused { code: ErrorCode::NotReady, change_id: Some(_), .. } = reply else {
        panic!("{reply:?}");
    };
    ws.hello(crate::common::pair_auth(&joined), None).await;
    ws.expect_snapshot().await;
    // A second hello is refused too, and the connection stays.
    ws.send(&ClientMsg::Hello { auth: crate::common::pair_auth(&joined), last_seq: None }).await;
    assert!(refused_with(&ws.recv().await, ErrorCode::NotReady));
}

#[tokio::test]
async fn no_hello_within_ten_seconds_closes_the_connection() {
    let server = TestServer::start().await;
    let mut ws = server.connect().await;
    // Longer than the server's 10 s deadline.
    let reply = ws.try_recv(std::time::Duration::from_secs(20)).await.expect("a refusal");
    assert!(refused_with(&reply, ErrorCode::NotReady), "{reply:?}");
    ws.expect_closed().await;
}

#[tokio::test]
async fn too_many_messages_are_rate_limited_and_the_connection_recovers() {
    let (_server, _, mut tablet, card) = one_pair().await;
    // Changes to an unknown card: refused without touching the database, so all 80 arrive
    // well within a second and the limit (20 a second, bursts of 40) must trip.
    let changes: Vec<ClientMsg> = (0..80).map(|_| place(Uuid::new_v4(), 50.0)).collect();
    for change in &changes {
        tablet.send(change).await;
    }
    let (mut limited, mut processed) = (0, 0);
    for _ in 0..changes.len() {
        match tablet.recv().await {
            ServerMsg::Refused { code: ErrorCode::UnknownCard, .. } => processed += 1,
            ServerMsg::Refused { code: ErrorCode::RateLimited, change_id: Some(_), .. } => limited += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(limited > 0, "80 messages at once must hit the limit");
    // The burst of 40 less the one the hello used.
    assert!(processed >= 39, "the burst is allowed: {processed}");
    // The limit refills: keep trying (each try waits for its reply) until one is accepted.
    let mut accepted = false;
    for _ in 0..10_000 {
        if let ServerMsg::Ack { .. } = tablet.change(&place(card, 1.0)).await {
            accepted = true;
            break;
        }
    }
    assert!(accepted);
}

/// A tablet whose screen locked leaves a socket that never answers again. The server pings a
/// silent client and closes its socket when even that goes unanswered, so such sockets stop
/// counting as the pair's screens; a client that answers stays.
#[tokio::test]
async fn silent_sockets_are_closed_and_free_their_pairs_screens() {
    use futures::{SinkExt, StreamExt};
    use std::time::Duration;

    let server = TestServer::start().await;
    let created = server.create_workshop(&["Holding"]).await;
    let joined = server.join(&created.join_code, "Pair A").await;
    let hello = serde_json::to_string(&ClientMsg::Hello { auth: pair_auth(&joined), last_seq: None }).unwrap();
    let url = format!("ws://{}/ws", server.addr);
    // Three screens that say hello, read their welcome (so they surely hold a screen) and
    // then never read again (so never answer a ping).
    let welcomed = |text: &str| matches!(serde_json::from_str(text), Ok(ServerMsg::Welcome { .. }));
    let mut silent = Vec::new();
    for _ in 0..3 {
        let (mut ws, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
        ws.send(Message::text(hello.clone())).await.unwrap();
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(text))) if welcomed(&text) => break,
                Some(Ok(_)) => continue,
                other => panic!("expected a welcome, got {other:?}"),
            }
        }
        silent.push(ws);
    }
    // One that keeps reading: tungstenite answers the server's pings as it reads.
    let (mut alive, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    alive.send(Message::text(hello.clone())).await.unwrap();
    let (to_alive, mut from_reader) = tokio::sync::mpsc::unbounded_channel();
    let reader = tokio::spawn(async move {
        while let Some(Ok(frame)) = alive.next().await {
            if let Message::Text(text) = frame {
                let _ = to_alive.send(text.to_string());
            }
        }
    });
    let first = tokio::time::timeout(Duration::from_secs(10), from_reader.recv()).await.unwrap().unwrap();
    assert!(welcomed(&first), "{first}");
    // All four screens are taken: a fifth is refused.
    let mut fifth = server.connect().await;
    fifth.send(&ClientMsg::Hello { auth: pair_auth(&joined), last_seq: None }).await;
    match fifth.recv().await {
        ServerMsg::Refused { message, .. } => assert!(message.contains("already open on 4 screens"), "{message}"),
        other => panic!("expected the screen limit, got {other:?}"),
    }
    // Within the give-up time and a heartbeat, the silent ones are closed and a new screen may open.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let mut screen = server.connect().await;
        screen.send(&ClientMsg::Hello { auth: pair_auth(&joined), last_seq: None }).await;
        if matches!(screen.recv().await, ServerMsg::Welcome { .. }) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the silent sockets were never closed");
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    assert!(!reader.is_finished(), "the screen that answers is still connected");
    while from_reader.try_recv().is_ok() {}
    drop(silent);
}
