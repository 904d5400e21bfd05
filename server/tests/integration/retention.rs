//! Retention over HTTP: a "Delete after" day on the new-workshop form, the console and the
//! research area (a day in the past refused with a sentence, changing nothing), shown in the
//! research list with the days left, carried in the archive to another server, and a server
//! that was off on the day deletes the workshop at its next start, with a `system` row in the
//! audit log.

use app::api::{ApiError, AuditLog, CreatedWorkshop, ImportedWorkshop, NewWorkshop, ResearchWorkshop, Retention};
use reqwest::StatusCode;

use crate::common::{TestServer, json_of, new_workshop};

fn http() -> reqwest::Client {
    reqwest::Client::new()
}

/// Today's UTC day plus `days`, `YYYY-MM-DD`.
fn day(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

async fn listed(server: &TestServer) -> Vec<ResearchWorkshop> {
    json_of(http().get(server.url("/api/research/workshops")).bearer_auth(server.admin_key())).await
}

async fn create(server: &TestServer, delete_after: Option<String>) -> reqwest::Response {
    let body = NewWorkshop { delete_after, ..new_workshop(&["Holding"]) };
    http().post(server.url("/api/workshops")).json(&body).send().await.unwrap()
}

async fn refusal(response: reqwest::Response) -> ApiError {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_day_is_set_on_the_form_the_console_and_the_research_area_and_a_past_day_is_refused() {
    let server = TestServer::start().await;
    let key = server.admin_key();
    for (typed, says) in [
        (day(-1), "is in the past"),
        (day(0), "is today"),
        ("31/12/2030".to_string(), "is not a date"),
        ("2030-02-30".to_string(), "is not a date"),
    ] {
        let error = refusal(create(&server, Some(typed.clone())).await).await;
        assert!(error.error.contains(says), "{typed}: {}", error.error);
        assert_eq!(error.field.as_deref(), Some("Delete after"));
    }
    assert!(listed(&server).await.is_empty(), "nothing was created");

    let soon = day(10);
    let created: CreatedWorkshop = create(&server, Some(soon.clone())).await.json().await.unwrap();
    let plain: CreatedWorkshop = create(&server, Some("  ".into())).await.json().await.unwrap();
    let list = listed(&server).await;
    let row = |id| list.iter().find(|w| w.id == id).unwrap().delete_after.clone();
    let shown = row(created.workshop_id).expect("a day");
    assert_eq!((shown.day.as_str(), shown.days_left, shown.soon()), (soon.as_str(), 10, true));
    assert_eq!(shown.sentence(app::i18n::Lang::EN), format!("Deleted on {soon} (in 10 days)"));
    assert_eq!(row(plain.workshop_id), None);

    // The console reads and changes it.
    let console = server.url(&format!("/f/{}/retention", created.facilitator_secret));
    let read: Retention = json_of(http().get(&console)).await;
    assert_eq!(read.delete_after.map(|d| d.day), Some(soon.clone()));
    let later = day(40);
    let set: Retention = json_of(http().put(&console).json(&serde_json::json!({ "delete_after": later }))).await;
    assert_eq!(set.delete_after.as_ref().map(|d| (d.day.as_str(), d.soon())), Some((later.as_str(), false)));
    let error =
        refusal(http().put(&console).json(&serde_json::json!({ "delete_after": day(-3) })).send().await.unwrap()).await;
    assert!(error.error.contains("is in the past"), "{}", error.error);
    let wrong = http().put(server.url("/f/not-a-console/retention")).json(&serde_json::json!({ "delete_after": "" }));
    assert_eq!(wrong.send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // The research area clears it (and needs the key).
    let admin = server.url(&format!("/api/research/workshops/{}/retention", created.workshop_id));
    let cleared = serde_json::json!({ "delete_after": "" });
    assert_eq!(http().put(&admin).json(&cleared).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let none: Retention = json_of(http().put(&admin).bearer_auth(&key).json(&cleared)).await;
    assert_eq!(none.delete_after, None);
    let unknown = server.url(&format!("/api/research/workshops/{}/retention", uuid::Uuid::new_v4()));
    let missing = http().put(&unknown).bearer_auth(&key).json(&cleared).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(row_of(&server, created.workshop_id).await, None);

    let log: AuditLog = json_of(
        http().get(server.url(&format!("/api/research/audit?workshop={}", created.workshop_id))).bearer_auth(&key),
    )
    .await;
    let details: Vec<(&str, &str)> = log.rows.iter().rev().map(|r| (r.actor.as_str(), r.detail.as_str())).collect();
    assert_eq!(
        details,
        [
            ("facilitator", &*format!("delete after set to {soon} when the workshop was created")),
            ("facilitator", &*format!("delete after set to {later}")),
            ("researcher", "delete after cleared: kept until deleted by hand"),
        ]
    );
}

async fn row_of(server: &TestServer, id: uuid::Uuid) -> Option<app::api::RetentionDay> {
    listed(server).await.into_iter().find(|w| w.id == id).and_then(|w| w.delete_after)
}

#[tokio::test]
async fn the_day_travels_in_the_archive_and_a_server_off_on_the_day_deletes_at_its_next_start() {
    let mut server = TestServer::start().await;
    let key = server.admin_key();
    let keep = day(30);
    let created: CreatedWorkshop = create(&server, Some(keep.clone())).await.json().await.unwrap();
    let due: CreatedWorkshop = create(&server, Some(day(2))).await.json().await.unwrap();
    let zip = http()
        .get(server.url(&format!("/api/research/workshops/{}/export.zip", created.workshop_id)))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();

    let other = TestServer::start().await;
    let imported = http()
        .post(other.url("/api/research/import"))
        .bearer_auth(other.admin_key())
        .header("content-type", "application/zip")
        .body(zip)
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), StatusCode::CREATED);
    let imported: ImportedWorkshop = imported.json().await.unwrap();
    assert_eq!(row_of(&other, imported.workshop_id).await.map(|d| d.day), Some(keep.clone()));

    // The day came while the server was off (as if it had been set then and the server
    // stopped): the next start deletes it before serving, as "Delete" does, and says so.
    let (tablet, _) = {
        let joined = server.join(&due.join_code, "Pair A").await;
        server.pair(&joined).await
    };
    tablet.close().await;
    let past = day(-1);
    server
        .db()
        .rows(
            "UPDATE workshops SET delete_after = ?1 WHERE id = ?2",
            &[past.clone().into(), due.workshop_id.to_string().into()],
        )
        .unwrap();
    server.restart().await;
    let left: Vec<uuid::Uuid> = listed(&server).await.iter().map(|w| w.id).collect();
    assert_eq!(left, [created.workshop_id], "the due workshop is gone, the other kept");
    let mut db = server.db();
    for table in ["workshops", "pairs", "cards"] {
        let column = if table == "workshops" { "id" } else { "workshop_id" };
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {column} = ?1");
        assert_eq!(db.int(&sql, &[due.workshop_id.to_string().into()]), 0, "{table}");
    }
    assert_eq!(
        db.int("SELECT COUNT(*) AS n FROM events WHERE workshop_id = ?1", &[due.workshop_id.to_string().into()]),
        0
    );
    let log: AuditLog =
        json_of(http().get(server.url(&format!("/api/research/audit?workshop={}", due.workshop_id))).bearer_auth(&key))
            .await;
    let last = &log.rows[0];
    assert_eq!(
        (last.actor.as_str(), last.action.as_str(), last.client.as_deref()),
        ("system", "retention_delete", None)
    );
    assert!(last.detail.contains(&past), "{}", last.detail);
    let joining = server.post_join(&due.join_code, "Pair B").await;
    assert_eq!(joining.status(), StatusCode::NOT_FOUND, "its join code is gone");
}
