//! The audit log over HTTP: every look at the data and every change a researcher or
//! facilitator makes adds a row (who, what, which workshop, which file, the client's network
//! only), the log is read with the admin key (`/api/research/audit`, `audit.csv`, filtered by
//! workshop), it survives the workshop's deletion, and it is never part of a workshop's export.

use app::api::{ApiError, AuditLine, AuditLog, CreatedWorkshop, TemplateRef, WorkshopTemplate};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::common::{TestServer, json_of, new_workshop};
use crate::research_exports::unzip;

fn http() -> reqwest::Client {
    reqwest::Client::new()
}

async fn get(server: &TestServer, path: &str, key: &str) -> reqwest::Response {
    http().get(server.url(path)).bearer_auth(key).send().await.unwrap()
}

async fn ok_bytes(response: reqwest::Response) -> Vec<u8> {
    let status = response.status();
    let bytes = response.bytes().await.unwrap().to_vec();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    bytes
}

async fn log(server: &TestServer, key: &str, workshop: Option<Uuid>) -> AuditLog {
    let path = match workshop {
        Some(id) => format!("/api/research/audit?workshop={id}"),
        None => "/api/research/audit".to_string(),
    };
    json_of(http().get(server.url(&path)).bearer_auth(key)).await
}

/// The rows of `log` as (actor, action, detail), oldest first.
fn said(log: &AuditLog) -> Vec<(String, String, String)> {
    log.rows.iter().rev().map(|r| (r.actor.clone(), r.action.clone(), r.detail.clone())).collect()
}

fn has(log: &AuditLog, actor: &str, action: &str, detail: &str) -> bool {
    log.rows.iter().any(|r| r.actor == actor && r.action == action && r.detail.contains(detail))
}

#[tokio::test]
async fn every_download_and_change_is_recorded_with_the_masked_client_and_survives_deletion() {
    let server = TestServer::start().await;
    let key = server.admin_key();
    let created = server.create_workshop(&["Holding", "Caseload"]).await;
    let other = server.create_workshop(&["Holding"]).await;
    let id = created.workshop_id;
    let secret = &created.facilitator_secret;

    // Sign-in, right and wrong.
    let login = |k: &str| http().post(server.url("/api/research/login")).json(&serde_json::json!({ "key": k })).send();
    assert_eq!(login("not-the-key").await.unwrap().status(), 401);
    assert_eq!(login(&key).await.unwrap().status(), 204);

    // The facilitator's downloads.
    let zip = ok_bytes(http().get(server.url(&format!("/f/{secret}/export.zip"))).send().await.unwrap()).await;
    ok_bytes(http().get(server.url(&format!("/f/{secret}/placements.csv"))).send().await.unwrap()).await;
    let template: WorkshopTemplate = json_of(http().get(server.url(&format!("/f/{secret}/template.json")))).await;
    ok_bytes(http().get(server.url(&format!("/f/{secret}/report"))).send().await.unwrap()).await;

    // The researchers'.
    ok_bytes(get(&server, &format!("/api/research/workshops/{id}/export.zip"), &key).await).await;
    ok_bytes(get(&server, "/api/research/export-all.zip", &key).await).await;
    let both = format!("{id},{}", other.workshop_id);
    ok_bytes(get(&server, &format!("/api/research/compare.csv?ids={both}"), &key).await).await;
    ok_bytes(get(&server, &format!("/api/research/compare?ids={both}"), &key).await).await;
    ok_bytes(get(&server, &format!("/api/research/compare/groups?ids={both}"), &key).await).await;
    ok_bytes(get(&server, &format!("/api/research/workshops/{id}/replay"), &key).await).await;
    ok_bytes(get(&server, &format!("/research/report/{id}"), &key).await).await;
    ok_bytes(get(&server, &format!("/api/research/workshops/{id}/template.json"), &key).await).await;
    let issued = http().post(server.url(&format!("/api/research/workshops/{id}/console"))).bearer_auth(&key);
    assert_eq!(issued.send().await.unwrap().status(), 201);
    let close = http().post(server.url(&format!("/api/research/workshops/{id}/close"))).bearer_auth(&key);
    assert_eq!(close.send().await.unwrap().status(), 204);

    // A workshop made from the template.
    let from_template = app::api::NewWorkshop {
        template: Some(TemplateRef {
            template_id: template.template_id,
            aspect_ids: template.aspects.iter().map(|a| Some(a.aspect_id)).collect(),
        }),
        ..new_workshop(&["Holding", "Caseload"])
    };
    let made: CreatedWorkshop = json_of(http().post(server.url("/api/workshops")).json(&from_template)).await;

    let mine = log(&server, &key, Some(id)).await;
    let zip_name = format!("workshop-{id}.zip");
    let expected: Vec<(&str, &str, &str)> = vec![
        ("facilitator", "download", "(the complete export)"),
        ("facilitator", "download", "(placements.csv)"),
        ("facilitator", "download", "template.json"),
        ("facilitator", "view", "room report"),
        ("researcher", "download", &zip_name),
        ("researcher", "download", "workshops.zip (combined export), with 1 other workshop"),
        ("researcher", "download", "comparison.csv, with 1 other workshop"),
        ("researcher", "view", "comparison"),
        ("researcher", "view", "opinion groups"),
        ("researcher", "view", "replay"),
        ("researcher", "view", "room report"),
        ("researcher", "download", "template.json"),
        ("researcher", "console_link", "new console link"),
        ("researcher", "close", "closed"),
    ];
    let rows = said(&mine);
    assert_eq!(rows.len(), expected.len(), "{rows:#?}");
    for ((actor, action, detail), (a, b, c)) in rows.iter().zip(&expected) {
        assert!(actor == a && action == b && detail.contains(c), "{actor} {action} {detail:?}, expected {a} {b} {c:?}");
    }
    assert!(mine.rows.iter().all(|r| r.client.as_deref() == Some("127.0.0.0/24")), "{:?}", mine.rows[0].client);
    assert!(mine.rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    let made_rows = log(&server, &key, Some(made.workshop_id)).await;
    assert!(has(&made_rows, "facilitator", "template_used", &template.template_id.to_string()), "{made_rows:?}");
    let all = log(&server, &key, None).await;
    assert!(has(&all, "researcher", "sign_in_failed", "wrong admin key") && has(&all, "researcher", "sign_in", ""));
    assert!(all.rows.iter().filter(|r| r.action.starts_with("sign_in")).all(|r| r.workshop_id.is_none()));

    // The export holds no audit row: its files are the workshop's, and none names the log.
    for (name, bytes) in unzip(&zip) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!name.contains("audit") && !text.contains("sign_in") && !text.contains("127.0.0.0/24"), "{name}");
    }

    // Deleting adds a row and keeps the others.
    let deleted = http().delete(server.url(&format!("/api/research/workshops/{id}"))).bearer_auth(&key);
    assert_eq!(deleted.send().await.unwrap().status(), 204);
    let after = log(&server, &key, Some(id)).await;
    assert_eq!(after.total, mine.total + 1);
    assert_eq!((after.rows[0].actor.as_str(), after.rows[0].action.as_str()), ("researcher", "delete"));
    let counted =
        server.db().int("SELECT COUNT(*) AS n FROM audit_log WHERE workshop_id = ?1", &[id.to_string().into()]);
    assert_eq!(counted as u64, after.total, "the rows are in the database, not just on the screen");
}

#[tokio::test]
async fn audit_csv_needs_the_key_filters_by_workshop_and_refuses_a_bad_filter_in_words() {
    let server = TestServer::start().await;
    let key = server.admin_key();
    let a = server.create_workshop(&["Holding"]).await;
    let b = server.create_workshop(&["Holding"]).await;
    for w in [&a, &b, &a] {
        ok_bytes(get(&server, &format!("/api/research/workshops/{}/export.zip", w.workshop_id), &key).await).await;
    }
    let refused = http().get(server.url("/api/research/audit.csv")).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let refused = http().get(server.url("/api/research/audit")).bearer_auth("wrong").send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);

    let response = get(&server, &format!("/api/research/audit.csv?workshop={}", a.workshop_id), &key).await;
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("audit.csv"));
    let text = String::from_utf8(ok_bytes(response).await).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["id", "at", "actor", "action", "workshop_id", "detail", "client"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Two downloads of a, and this CSV's own row (recorded before it was made).
    assert_eq!(rows.len(), 3, "{text}");
    assert!(rows.iter().all(|r| r[4] == *a.workshop_id.to_string()));
    assert!(rows[0][5].starts_with("audit.csv"), "newest first: {text}");
    assert!(rows.iter().all(|r| r[1].ends_with('Z') && &r[6] == "127.0.0.0/24"), "{text}");

    let all = String::from_utf8(ok_bytes(get(&server, "/api/research/audit.csv", &key).await).await).unwrap();
    assert_eq!(csv::Reader::from_reader(all.as_bytes()).records().count(), 3 + 1 + 1, "{all}");

    for bad in ["not-an-id", "1234"] {
        let response = get(&server, &format!("/api/research/audit.csv?workshop={bad}"), &key).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let error: ApiError = response.json().await.unwrap();
        assert!(error.error.contains("is not a workshop id"), "{}", error.error);
    }
    let screen = log(&server, &key, Some(b.workshop_id)).await;
    assert_eq!((screen.total, screen.limit), (1, 500));
    let line: &AuditLine = &screen.rows[0];
    assert_eq!((line.actor.as_str(), line.workshop_id), ("researcher", Some(b.workshop_id)));
}
