//! Property tests against a real server: arbitrary client messages on a pair's socket and
//! arbitrary HTTP bodies on the routes that create things. The server must answer every one
//! (it never panics or drops the connection), and nothing may change unless the input was a
//! valid change: a refusal leaves the event log as it was.

use std::time::Duration;

use app::protocol::{ClientMsg, ServerMsg};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use uuid::Uuid;

use crate::common::{TestServer, WsClient};

const ASPECTS: &[&str] = &["Where people are seen", "How long"];

/// The sum of every workshop's sequence numbers, and the number of pairs, read from the
/// database. (`SUM` of a `BIGINT` is a `NUMERIC` on PostgreSQL: cast back.)
fn committed(server: &TestServer) -> (i64, i64) {
    let mut db = server.db();
    let seq = db.int("SELECT CAST(COALESCE(SUM(seq), 0) AS BIGINT) FROM events", &[]);
    let pairs = db.int("SELECT COUNT(*) FROM pairs", &[]);
    (seq, pairs)
}

/// Text from every part of Unicode, controls and invisible characters included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        proptest::collection::vec(any::<char>(), 0..80).prop_map(|c| c.into_iter().collect()),
        Just("\u{202E}Pair\u{200B}".to_string()),
        ".{500,600}",
    ]
}

/// A message a client might send: a change of any kind with arbitrary values, on one of the
/// workshop's post-its or an unknown one, or text that is not a message at all.
fn any_message(cards: Vec<Uuid>) -> impl Strategy<Value = String> {
    let card = prop_oneof![proptest::sample::select(cards), Just(Uuid::new_v4())];
    let position = prop_oneof![-1e9f64..1e9, 0.0f64..=100.0, Just(-0.0), Just(f64::MAX)];
    let change = (card, position, any_text(), any_text(), proptest::option::of(any_text()), 0u8..4).prop_map(
        |(card_id, position, a, b, reason, kind)| {
            let change_id = Uuid::new_v4();
            let msg = match kind {
                0 => ClientMsg::Place { change_id, card_id, position },
                1 => ClientMsg::Unplace { change_id, card_id },
                2 => ClientMsg::AddCard { change_id, card_id: Uuid::new_v4(), text: a },
                _ => ClientMsg::SaveSheet {
                    change_id,
                    card_id,
                    intended: a,
                    unintended: b,
                    cant_place: reason,
                    language: None,
                },
            };
            serde_json::to_string(&msg).unwrap()
        },
    );
    prop_oneof![
        3 => change,
        1 => any_text(),
        1 => any_text().prop_map(|t| format!(r#"{{"type":"place","change_id":"{t}","card_id":1,"position":"x"}}"#)),
    ]
}

/// Sends `text` and returns the reply to it (updates and presence skipped).
async fn reply_to(tablet: &mut WsClient, text: String) -> ServerMsg {
    tablet.send_text(text).await;
    loop {
        match tablet.recv().await {
            reply @ (ServerMsg::Ack { .. } | ServerMsg::Refused { .. }) => return reply,
            _ => continue,
        }
    }
}

#[test]
fn arbitrary_messages_get_an_answer_and_change_nothing_unless_valid() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (server, tablet, cards) = runtime.block_on(async {
        let server = TestServer::start().await;
        let created = server.create_workshop(ASPECTS).await;
        let joined = server.join(&created.join_code, "Pair A").await;
        let (tablet, view) = server.pair(&joined).await;
        let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
        (server, tablet, cards)
    });
    let tablet = tokio::sync::Mutex::new(tablet);
    let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
    runner
        .run(&any_message(cards), |text| {
            let before = committed(&server);
            let reply = runtime.block_on(async {
                // Under the socket's rate limit, so each message is judged on its content.
                tokio::time::sleep(Duration::from_millis(60)).await;
                reply_to(&mut *tablet.lock().await, text.clone()).await
            });
            let after = committed(&server);
            match reply {
                ServerMsg::Ack { .. } => prop_assert!(after.0 > before.0, "an acknowledged change is stored"),
                _ => prop_assert_eq!(after, before, "refused {}: nothing changed", text),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_bodies_are_refused_cleanly_and_create_nothing() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (server, code) = runtime.block_on(async {
        let server = TestServer::start().await;
        let created = server.create_workshop(ASPECTS).await;
        (server, created.join_code)
    });
    let bodies = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        any_text().prop_map(String::into_bytes),
        (any_text(), any_text()).prop_map(|(c, l)| serde_json::json!({"code": c, "label": l}).to_string().into_bytes()),
        any_text().prop_map(move |l| serde_json::json!({"code": "ZZZZZZ", "label": l}).to_string().into_bytes()),
    ];
    let client = reqwest::Client::new();
    let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
    runner
        .run(&(bodies, proptest::bool::ANY), |(body, join)| {
            let before = committed(&server);
            let path = if join { "/api/join" } else { "/api/workshops" };
            let status = runtime.block_on(async {
                let request = client.post(server.url(path)).header("content-type", "application/json");
                request.body(body.clone()).send().await.expect("answered").status()
            });
            prop_assert!(status.as_u16() < 500, "{} answered {}", path, status);
            if !status.is_success() {
                prop_assert_eq!(committed(&server), before, "a refused body changes nothing");
            }
            Ok(())
        })
        .unwrap();
    // The workshop still takes a real pair.
    runtime.block_on(async { server.join(&code, "Pair after").await });
}
