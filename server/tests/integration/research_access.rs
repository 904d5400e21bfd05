//! Who may list, download and delete research data: only the admin key or the workshop's
//! facilitator secret; deleting removes every row and disconnects the room's screens.

use crate::common::{TestServer, json_of, place};
use app::api::ApiError;
use app::protocol::{ErrorCode, ServerMsg};
use serde_json::Value as Json;
use server::store::sql::Value;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];

async fn expect_refused(response: reqwest::Response, status: u16) {
    assert_eq!(response.status(), status);
    let body: ApiError = response.json().await.expect("a JSON ApiError");
    assert!(!body.error.is_empty());
}

/// Rows of workshop `id` in every table, read from the database directly.
fn rows_of(server: &TestServer, id: &str) -> i64 {
    let mut db = server.db();
    let mut total = db.int("SELECT COUNT(*) FROM workshops WHERE id = ?1", &[Value::from(id)]);
    for table in ["cards", "pairs", "events"] {
        total += db.int(&format!("SELECT COUNT(*) FROM {table} WHERE workshop_id = ?1"), &[Value::from(id)]);
    }
    total
}

#[tokio::test]
async fn only_the_admin_key_or_the_facilitator_secret_downloads() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let pair = server.join(&created.join_code, "Pair A").await;
    let client = reqwest::Client::new();
    let id = created.workshop_id;
    let admin_zip = server.url(&format!("/api/research/workshops/{id}/export.zip"));
    let list = server.url("/api/research/workshops");

    // No key, a pair token, the projector's id, the join code, a wrong key: refused.
    expect_refused(client.get(&admin_zip).send().await.unwrap(), 401).await;
    for wrong in [pair.token.as_str(), &id.to_string(), &created.join_code, "not-the-key"] {
        expect_refused(client.get(&admin_zip).bearer_auth(wrong).send().await.unwrap(), 401).await;
        expect_refused(client.get(&list).bearer_auth(wrong).send().await.unwrap(), 401).await;
    }
    expect_refused(client.get(server.url(&format!("/f/{}/export.zip", pair.token))).send().await.unwrap(), 404).await;
    expect_refused(client.get(server.url(&format!("/f/{id}/export.zip"))).send().await.unwrap(), 404).await;

    // The key as a bearer token, and as the cookie the login route sets.
    let key = server.admin_key();
    assert_eq!(client.get(&admin_zip).bearer_auth(&key).send().await.unwrap().status(), 200);
    expect_refused(
        client.post(server.url("/api/research/login")).json(&serde_json::json!({"key": "nope"})).send().await.unwrap(),
        401,
    )
    .await;
    let login =
        client.post(server.url("/api/research/login")).json(&serde_json::json!({"key": key})).send().await.unwrap();
    assert_eq!(login.status(), 204);
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let cookie = cookie.split(';').next().unwrap().to_string();
    let listed = client.get(&list).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(listed.status(), 200);
    let listed: Json = listed.json().await.unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], id.to_string());
    assert_eq!(listed[0]["title"], "Knowledge exchange meeting");
    assert_eq!(listed[0]["site"], "Site 3");
    assert_eq!(
        (listed[0]["pairs"].as_u64(), listed[0]["aspects"].as_u64(), listed[0]["placements"].as_u64()),
        (Some(1), Some(2), Some(0))
    );
    assert_eq!(listed[0]["date"].as_str().map(str::len), Some(10));

    // The facilitator's secret downloads its own workshop.
    assert_eq!(
        client.get(server.url(&format!("{}/export.zip", created.console_path))).send().await.unwrap().status(),
        200
    );
    // An unknown workshop id with the right key is a 404.
    let unknown = server.url(&format!("/api/research/workshops/{}/export.zip", uuid::Uuid::new_v4()));
    expect_refused(client.get(&unknown).bearer_auth(&key).send().await.unwrap(), 404).await;
}

#[tokio::test]
async fn deleting_removes_every_row_and_disconnects_the_room() {
    let server = TestServer::start().await;
    let doomed = server.create_workshop(ASPECTS).await;
    let kept = server.create_workshop(ASPECTS).await;
    let pair = server.join(&doomed.join_code, "Pair A").await;
    let other = server.join(&kept.join_code, "Pair B").await;
    let (mut tablet, view) = server.pair(&pair).await;
    tablet.acked(&place(view.cards[0].id, 30.0)).await;
    let (mut other_tablet, other_view) = server.pair(&other).await;
    other_tablet.acked(&place(other_view.cards[0].id, 70.0)).await;
    let (doomed_id, kept_id) = (doomed.workshop_id.to_string(), kept.workshop_id.to_string());
    let kept_rows = rows_of(&server, &kept_id);
    assert!(rows_of(&server, &doomed_id) > 0);
    let client = reqwest::Client::new();
    let target = server.url(&format!("/api/research/workshops/{doomed_id}"));

    // Wrong keys change nothing.
    expect_refused(client.delete(&target).send().await.unwrap(), 401).await;
    expect_refused(client.delete(&target).bearer_auth(&pair.token).send().await.unwrap(), 401).await;
    expect_refused(client.delete(server.url(&format!("/f/{}/workshop", pair.token))).send().await.unwrap(), 404).await;
    assert!(rows_of(&server, &doomed_id) > 0);

    let key = server.admin_key();
    assert_eq!(client.delete(&target).bearer_auth(&key).send().await.unwrap().status(), 204);
    assert_eq!(rows_of(&server, &doomed_id), 0, "every row is gone, the event log included");
    assert_eq!(rows_of(&server, &kept_id), kept_rows, "other workshops are untouched");

    // The connected tablet is told, then disconnected.
    let told = tablet.recv_until(|m| matches!(m, ServerMsg::Refused { .. })).await;
    assert!(matches!(told.last(), Some(ServerMsg::Refused { code: ErrorCode::UnknownWorkshop, .. })), "{told:?}");
    tablet.expect_closed().await;
    // The workshop is gone everywhere.
    expect_refused(client.delete(&target).bearer_auth(&key).send().await.unwrap(), 404).await;
    expect_refused(client.get(server.url(&format!("{}/export.zip", doomed.console_path))).send().await.unwrap(), 404)
        .await;
    expect_refused(server.post_join(&doomed.join_code, "Pair C").await, 404).await;

    // The facilitator can delete their own workshop with the console secret.
    let by_console = server.url(&format!("{}/workshop", kept.console_path));
    assert_eq!(client.delete(&by_console).send().await.unwrap().status(), 204);
    assert_eq!(rows_of(&server, &kept_id), 0);
    let listed: Json = json_of(client.get(server.url("/api/research/workshops")).bearer_auth(&key)).await;
    assert_eq!(listed, serde_json::json!([]));
}

#[tokio::test]
async fn the_admin_closes_a_workshop_and_every_screen_follows() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let id = created.workshop_id;
    let (mut projector, _) = server.projector(id).await;
    let client = reqwest::Client::new();
    let key = server.admin_key();
    let close = server.url(&format!("/api/research/workshops/{id}/close"));
    let phase_listed = || async {
        let listed: Json = json_of(client.get(server.url("/api/research/workshops")).bearer_auth(&key)).await;
        listed[0]["phase"].as_str().unwrap().to_string()
    };
    assert_eq!(phase_listed().await, "placing");

    // Only the admin key closes: no key, the facilitator secret and a pair token are refused.
    let pair = server.join(&created.join_code, "Pair A").await;
    let secret = created.console_path.trim_start_matches("/f/").to_string();
    expect_refused(client.post(&close).send().await.unwrap(), 401).await;
    for wrong in [secret.as_str(), pair.token.as_str()] {
        expect_refused(client.post(&close).bearer_auth(wrong).send().await.unwrap(), 401).await;
    }
    assert_eq!(phase_listed().await, "placing");

    assert_eq!(client.post(&close).bearer_auth(&key).send().await.unwrap().status(), 204);
    let seen = projector
        .recv_until(|m| matches!(m, ServerMsg::Snapshot { view } if view.phase == app::domain::Phase::Closed))
        .await;
    assert!(!seen.is_empty());
    assert_eq!(phase_listed().await, "closed");
    let mut db = server.db();
    let last = db
        .row("SELECT actor, action FROM events WHERE workshop_id = ?1 ORDER BY seq DESC LIMIT 1", &[Value::from(id)])
        .unwrap()
        .expect("a logged event");
    assert_eq!(
        (last.text("actor").unwrap(), last.text("action").unwrap()),
        ("facilitator".to_string(), "phase_changed".to_string())
    );
    let seq_before = db.int("SELECT MAX(seq) FROM events WHERE workshop_id = ?1", &[Value::from(id)]);

    // Closing again is refused with a reason and logs nothing; an unknown workshop is a 404.
    expect_refused(client.post(&close).bearer_auth(&key).send().await.unwrap(), 409).await;
    let seq_after = db.int("SELECT MAX(seq) FROM events WHERE workshop_id = ?1", &[Value::from(id)]);
    assert_eq!(seq_before, seq_after);
    let unknown = server.url(&format!("/api/research/workshops/{}/close", uuid::Uuid::new_v4()));
    expect_refused(client.post(&unknown).bearer_auth(&key).send().await.unwrap(), 404).await;
    expect_refused(
        client.post(server.url("/api/research/workshops/not-a-uuid/close")).bearer_auth(&key).send().await.unwrap(),
        400,
    )
    .await;
}
