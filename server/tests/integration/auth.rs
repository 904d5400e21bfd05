//! Who may do what: secrets, tokens, codes and roles.

use crate::common::{TestServer, TwoPairs, pair_auth, place};
use app::protocol::{Auth, ClientMsg, ErrorCode, ServerMsg};
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];

/// Sends `Hello` with `auth` and expects a refusal with `code`, then the connection closing.
async fn refused_hello(server: &TestServer, auth: Auth, code: ErrorCode) -> String {
    let mut ws = server.connect().await;
    ws.send(&ClientMsg::Hello { auth, last_seq: None }).await;
    let reply = ws.recv().await;
    let ServerMsg::Refused { code: got, message, change_id: None } = reply else {
        panic!("expected a refusal, got {reply:?}");
    };
    assert_eq!(got, code, "{message}");
    ws.expect_closed().await;
    message
}

#[tokio::test]
async fn wrong_or_empty_facilitator_secret_is_refused() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let mut wrong = created.facilitator_secret.clone();
    wrong.replace_range(0..1, if wrong.starts_with('a') { "b" } else { "a" });
    for secret in [wrong, String::new(), created.join_code.clone()] {
        let message = refused_hello(&server, Auth::Facilitator { secret }, ErrorCode::Forbidden).await;
        assert!(message.contains("console link"), "{message}");
    }
    // The right secret still works.
    server.facilitator(&created).await;
}

#[tokio::test]
async fn wrong_token_or_token_of_another_workshop_is_refused() {
    let server = TestServer::start().await;
    let first = server.create_workshop(ASPECTS).await;
    let second = server.create_workshop(ASPECTS).await;
    let a = server.join(&first.join_code, "Pair A").await;
    let z = server.join(&second.join_code, "Pair Z").await;

    let bad_token = Auth::Pair { code: a.code.clone(), token: "0".repeat(64) };
    refused_hello(&server, bad_token, ErrorCode::Forbidden).await;
    // Z's real token, presented with A's workshop code.
    let crossed = Auth::Pair { code: a.code.clone(), token: z.token.clone() };
    let message = refused_hello(&server, crossed, ErrorCode::Forbidden).await;
    assert!(message.contains(&a.code), "{message}");
    // The facilitator's secret is not a pair token either.
    let secret_as_token = Auth::Pair { code: a.code.clone(), token: first.facilitator_secret };
    refused_hello(&server, secret_as_token, ErrorCode::Forbidden).await;
    // Both real tokens still work, and a typed code is normalised.
    let lower = Auth::Pair { code: a.code.to_lowercase(), token: a.token.clone() };
    let mut ws = server.connect().await;
    ws.hello(lower, None).await;
    server.pair(&z).await;
}

#[tokio::test]
async fn unknown_code_or_workshop_is_refused() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let unused = if a.code == "ZZZZZZ" { "YYYYYY" } else { "ZZZZZZ" };
    let message =
        refused_hello(&server, Auth::Pair { code: unused.into(), token: a.token.clone() }, ErrorCode::UnknownWorkshop)
            .await;
    assert!(message.contains(unused), "{message}");
    refused_hello(
        &server,
        Auth::Pair { code: "not a code".into(), token: a.token.clone() },
        ErrorCode::UnknownWorkshop,
    )
    .await;
    refused_hello(&server, Auth::Projector { workshop_id: Uuid::new_v4() }, ErrorCode::UnknownWorkshop).await;
}

#[tokio::test]
async fn projector_and_facilitator_cannot_change_anything() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let (mut projector, _) = server.projector(created.workshop_id).await;
    let card = view.cards[0].id;
    for client in [&mut projector, &mut console] {
        let change = place(card, 50.0);
        let reply = client.change(&change).await;
        assert!(matches!(reply, ServerMsg::Refused { code: ErrorCode::Forbidden, .. }), "{reply:?}");
    }
    let (_, after) = server.projector(created.workshop_id).await;
    assert!(after.placements.is_empty());
    assert_eq!(after.seq, view.seq);
}

#[tokio::test]
async fn a_pair_can_only_change_its_own_placements() {
    let server = TestServer::start().await;
    let (created, TwoPairs { a, b, mut tablet_a, mut tablet_b, view }) = server.two_pairs(ASPECTS).await;
    let card = view.cards[0].id;
    tablet_a.acked(&place(card, 10.0)).await;

    // B has no way to name A's placement: the same card from B's socket is B's own card.
    tablet_b.acked(&place(card, 90.0)).await;
    let reply = tablet_b.change(&ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: view.cards[1].id }).await;
    assert!(matches!(reply, ServerMsg::Refused { code: ErrorCode::Invalid, .. }), "{reply:?}");
    tablet_b.acked(&ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: card }).await;

    let (_, room) = server.facilitator(&created).await;
    let a_place = room.placement(a.pair_id, card).expect("A's placement is still there");
    assert_eq!((a_place.position, a_place.placed_at), (10.0, a_place.moved_at));
    assert!(room.placement(b.pair_id, card).is_none());
    // The pair's token is its identity: a Hello that names the code and token of A is A.
    let mut again = server.connect().await;
    let you = again.hello(pair_auth(&a), None).await;
    assert_eq!(you, app::domain::Viewer::Pair { pair_id: a.pair_id, label: a.label.clone() });
}

#[tokio::test]
async fn a_change_id_of_another_pair_is_not_reused() {
    let server = TestServer::start().await;
    let (created, TwoPairs { a, b, mut tablet_a, mut tablet_b, view }) = server.two_pairs(ASPECTS).await;
    let change_id = Uuid::new_v4();
    let card = view.cards[0].id;
    tablet_a.acked(&ClientMsg::Place { change_id, card_id: card, position: 30.0 }).await;
    let reply = tablet_b.change(&ClientMsg::Place { change_id, card_id: card, position: 70.0 }).await;
    assert!(matches!(reply, ServerMsg::Refused { code: ErrorCode::Invalid, .. }), "{reply:?}");
    let (_, room) = server.facilitator(&created).await;
    assert!(room.placement(b.pair_id, card).is_none());
    assert_eq!(room.placement(a.pair_id, card).map(|p| p.position), Some(30.0));
}
