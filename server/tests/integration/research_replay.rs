//! The researchers' replay: a real session over websockets, then the replay read with the admin
//! key. Its steps are the event log; the state at a moment is the one the room had then; all
//! steps together are what the server rebuilds on load and what the export says. Only the
//! admin key reads it.

use std::io::{Cursor, Read};

use crate::common::{TestServer, control, place};
use app::api::{ApiError, Replay};
use app::domain::{Control, Phase, RoomView};
use app::protocol::ClientMsg;
use server::store::sql::Value;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

fn replay_path(id: impl std::fmt::Display) -> String {
    format!("/api/research/workshops/{id}/replay")
}

async fn get(server: &TestServer, path: &str, key: Option<&str>) -> reqwest::Response {
    let request = reqwest::Client::new().get(server.url(path));
    let request = match key {
        Some(key) => request.bearer_auth(key),
        None => request,
    };
    request.send().await.unwrap()
}

async fn refused(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status(), status);
    let body: ApiError = response.json().await.expect("a JSON ApiError");
    assert!(!body.error.is_empty());
    body.error
}

fn position(view: &RoomView, round: u8, pair: Uuid, card: Uuid) -> Option<f64> {
    view.placement_in(round, pair, card).map(|p| p.position)
}

/// `workshop.json` of the admin's export.
async fn exported_json(server: &TestServer, id: Uuid, key: &str) -> serde_json::Value {
    let response = get(server, &format!("/api/research/workshops/{id}/export.zip"), Some(key)).await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a zip");
    let mut text = String::new();
    archive.by_name("workshop.json").expect("workshop.json").read_to_string(&mut text).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn the_replay_steps_through_the_session_and_ends_where_the_export_does() {
    let mut server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await; // seq 1 created, 2 Placing
    let a = server.join(&created.join_code, "Pair A").await; // 3
    let b = server.join(&created.join_code, "Pair B").await; // 4
    let (mut console, view) = server.facilitator(&created).await;
    let c: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let (mut tablet_a, _) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    tablet_a.acked(&place(c[0], 10.0)).await; // 5
    tablet_a.acked(&place(c[1], 20.0)).await; // 6
    tablet_a.acked(&place(c[0], 40.0)).await; // 7, a move
    tablet_b.acked(&place(c[0], 80.0)).await; // 8
    console.acked(&control(Control::SetPhase { phase: Phase::Reveal })).await; // 9
    console.acked(&control(Control::SetPhase { phase: Phase::SecondRound })).await; // 10
    tablet_a.acked(&place(c[0], 60.0)).await; // 11, round 2
    let written = Uuid::new_v4();
    let add = ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: written, text: "Home visits".into() };
    tablet_b.acked(&add).await; // 12
    tablet_b.acked(&place(written, 35.0)).await; // 13
    let last = console.acked(&control(Control::MergeCards { from: written, into: c[2] })).await; // 14
    assert_eq!(last, 14);
    for ws in [console, tablet_a, tablet_b] {
        ws.close().await;
    }

    let key = server.admin_key();
    let response = get(&server, &replay_path(created.workshop_id), Some(&key)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = response.text().await.unwrap();
    for secret in [&created.facilitator_secret, &a.token, &b.token, &created.join_code, &key] {
        assert!(!body.contains(secret.as_str()), "the replay holds a secret");
    }
    let replay: Replay = serde_json::from_str(&body).unwrap();

    // One step per row of the event log, in order, with who did it.
    let logged =
        server.db().int("SELECT COUNT(*) FROM events WHERE workshop_id = ?1", &[Value::from(created.workshop_id)]);
    assert_eq!(replay.steps.len() as i64, logged);
    assert_eq!(replay.steps.iter().map(|s| s.seq).collect::<Vec<_>>(), (1..=14).collect::<Vec<u64>>());
    let actors: Vec<&str> = replay.steps.iter().map(|s| s.actor.as_str()).collect();
    assert_eq!(actors[..5], ["facilitator", "facilitator", "system", "system", "Pair A"]);
    assert_eq!((actors[8], actors[11]), ("facilitator", "Pair B"));
    assert_eq!(replay.steps[6].action, "moved");
    assert!(replay.steps.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(replay.start.cards.len(), 3);
    assert!(replay.start.pairs.is_empty() && replay.start.placements.is_empty());
    assert_eq!(replay.start.workshop.join_code, "", "no join code in a researcher's answer");
    assert_eq!(replay.start.workshop.title, "Knowledge exchange meeting");
    assert_eq!(replay.date.len(), 10);

    // Positions at intermediate moments are the ones the room had then.
    assert_eq!(position(&replay.state_at(5), 1, a.pair_id, c[0]), Some(10.0));
    assert_eq!(position(&replay.state_at(6), 1, a.pair_id, c[0]), Some(10.0));
    let at7 = replay.state_at(7);
    assert_eq!(position(&at7, 1, a.pair_id, c[0]), Some(40.0));
    assert_eq!(position(&at7, 1, b.pair_id, c[0]), None, "B had not placed yet");
    assert_eq!(at7.phase, Phase::Placing);
    let at10 = replay.state_at(10);
    assert_eq!((at10.phase, at10.round), (Phase::SecondRound, 2));
    assert_eq!(position(&at10, 2, a.pair_id, c[0]), Some(40.0), "round 2 starts from round 1");
    let at11 = replay.state_at(11);
    assert_eq!(position(&at11, 2, a.pair_id, c[0]), Some(60.0));
    assert_eq!(position(&at11, 1, a.pair_id, c[0]), Some(40.0));
    assert_eq!(position(&replay.state_at(13), 2, b.pair_id, written), Some(35.0));
    let end = replay.state_at(replay.steps.len());
    assert_eq!(position(&end, 2, b.pair_id, c[2]), Some(35.0), "carried over by the merge");
    assert!(end.card(written).is_some_and(|card| card.merged_into == Some(c[2])));

    // All steps = the export's placements.
    let json = exported_json(&server, created.workshop_id, &key).await;
    let label_of = |id: Uuid| end.pair(id).unwrap().label.clone();
    let mut from_replay: Vec<(u64, String, String, f64)> = end
        .placements
        .iter()
        .filter(|p| end.card(p.card_id).is_some_and(|c| c.is_active()))
        .map(|p| (u64::from(p.round), label_of(p.pair_id), p.card_id.to_string(), p.position))
        .collect();
    let mut from_export: Vec<(u64, String, String, f64)> = json["placements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["status"] == "placed")
        .map(|row| {
            (
                row["round"].as_u64().unwrap(),
                row["pair_label"].as_str().unwrap().to_string(),
                row["aspect_id"].as_str().unwrap().to_string(),
                row["position"].as_f64().unwrap(),
            )
        })
        .collect();
    from_replay.sort_by(|x, y| x.partial_cmp(y).unwrap());
    from_export.sort_by(|x, y| x.partial_cmp(y).unwrap());
    assert_eq!(from_replay.len(), 7, "3 in round 1, 4 in round 2: {from_replay:?}");
    assert_eq!(from_replay, from_export);
    assert_eq!(json["rounds"], serde_json::json!([1, 2]));
    assert_eq!(json["events"].as_array().unwrap().len(), replay.steps.len());

    // All steps = the state the server rebuilds from its log after a restart, exactly.
    server.restart().await;
    let (console, loaded) = server.facilitator(&created).await;
    console.close().await;
    let mut replayed = end.clone();
    replayed.workshop.join_code = created.join_code.clone();
    assert_eq!(replayed, loaded);
}

#[tokio::test]
async fn only_the_admin_key_reads_a_replay() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let pair = server.join(&created.join_code, "Pair A").await;
    let id = created.workshop_id;
    let path = replay_path(id);
    let secret = created.facilitator_secret.as_str();

    refused(get(&server, &path, None).await, 401).await;
    for wrong in [secret, pair.token.as_str(), &id.to_string(), &created.join_code, "not-the-key"] {
        refused(get(&server, &path, Some(wrong)).await, 401).await;
    }
    // The console's secret address does not lead to it either.
    assert_eq!(get(&server, &format!("/f/{secret}/replay"), None).await.status(), 404);

    let key = server.admin_key();
    assert_eq!(get(&server, &path, Some(&key)).await.status(), 200);
    let message = refused(get(&server, &replay_path("not-a-workshop"), Some(&key)).await, 400).await;
    assert!(message.starts_with("That is not a workshop id."), "{message}");
    refused(get(&server, &replay_path(Uuid::new_v4()), Some(&key)).await, 404).await;

    let deleted = reqwest::Client::new()
        .delete(server.url(&format!("/api/research/workshops/{id}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    refused(get(&server, &path, Some(&key)).await, 404).await;
}
