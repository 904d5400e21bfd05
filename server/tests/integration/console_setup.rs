//! Setting a workshop up from the facilitator's side: session settings chosen on the
//! new-workshop form (stored in the event log, so every screen, a restart and the exports
//! follow), and post-its the facilitator adds from the console for every pair.

use app::api::{ApiError, CreatedWorkshop, NewWorkshop};
use app::domain::{Control, Phase, Settings};
use app::protocol::{ErrorCode, ServerMsg};
use server::store::sql::Value;
use uuid::Uuid;

use crate::common::{TestServer, control, new_workshop};
use crate::research_exports::unzip;

const ASPECTS: &[&str] = &["Holding patients", "Caseload balance"];

/// What the form sends with "Live wall" on and a threshold of 2.
fn chosen() -> Settings {
    Settings { live_wall: true, min_pairs: 2, ..Settings::default() }
}

async fn post(server: &TestServer, body: &NewWorkshop) -> reqwest::Response {
    reqwest::Client::new().post(server.url("/api/workshops")).json(body).send().await.expect("request")
}

async fn create_with(server: &TestServer, settings: Option<Settings>) -> CreatedWorkshop {
    let response = post(server, &NewWorkshop { settings, ..new_workshop(ASPECTS) }).await;
    assert_eq!(response.status(), 201);
    response.json().await.expect("CreatedWorkshop")
}

/// One row of the event log, the columns these tests look at.
#[derive(Debug)]
struct LogRow {
    seq: i64,
    actor: String,
    action: String,
    after: Option<String>,
    payload: Option<String>,
}

/// The event log of a workshop, in sequence order, read straight from the database.
fn log(server: &TestServer, workshop_id: Uuid) -> Vec<LogRow> {
    let sql = "SELECT seq, actor, action, after_json, payload_json FROM events WHERE workshop_id = ?1 ORDER BY seq";
    let rows = server.db().rows(sql, &[Value::from(workshop_id)]).unwrap();
    rows.iter()
        .map(|r| LogRow {
            seq: r.int("seq").unwrap(),
            actor: r.text("actor").unwrap(),
            action: r.text("action").unwrap(),
            after: r.opt_text("after_json").unwrap(),
            payload: r.opt_text("payload_json").unwrap(),
        })
        .collect()
}

fn workshop_rows(server: &TestServer) -> i64 {
    server.db().int("SELECT COUNT(*) FROM workshops", &[])
}

#[tokio::test]
async fn settings_from_the_form_reach_the_projector_the_log_and_survive_a_restart() {
    let mut server = TestServer::start().await;
    let created = create_with(&server, Some(chosen())).await;

    let (projector, view) = server.projector(created.workshop_id).await;
    assert_eq!(view.settings, chosen());
    assert_eq!(view.seq, 2, "workshop_created, then the settings");
    projector.close().await;

    let rows = log(&server, created.workshop_id);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].seq, rows[0].action.as_str()), (1, "workshop_created"));
    let LogRow { seq, actor, action, after, payload } = &rows[1];
    assert_eq!((*seq, actor.as_str(), action.as_str()), (2, "facilitator", "settings_changed"));
    let after: serde_json::Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
    assert_eq!(
        after,
        serde_json::json!({ "settings": { "live_wall": true, "share_pair_cards": false, "name_notes": false, "min_pairs": 2, "show_groups": false } })
    );
    assert!(payload.as_deref().is_some_and(|p| p.contains("settings_changed")), "{payload:?}");

    // The exported log shows the row as the console's own settings changes appear.
    let zip = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    assert_eq!(zip.status(), 200);
    let files = unzip(&zip.bytes().await.unwrap());
    let events = files.iter().find(|(n, _)| n == "events.csv").map(|(_, b)| String::from_utf8(b.clone()).unwrap());
    let events = events.expect("events.csv");
    let second = events.lines().nth(2).expect("a second event row");
    assert!(second.starts_with("2,"), "{second}");
    assert!(
        second.ends_with(
            r#",facilitator,,settings_changed,,,"{""settings"":{""live_wall"":true,""min_pairs"":2,""name_notes"":false,""share_pair_cards"":false,""show_groups"":false}}""#
        ),
        "{second}"
    );

    server.restart().await;
    let (_projector, view) = server.projector(created.workshop_id).await;
    assert_eq!(view.settings, chosen(), "replayed from the event log");
    let (mut console, view) = server.facilitator(&created).await;
    assert_eq!(view.settings, chosen());
    // Later changes follow on from the chosen settings.
    let seq = console.acked(&control(Control::SetPhase { phase: Phase::Placing })).await;
    assert_eq!(seq, 3);
}

#[tokio::test]
async fn settings_left_out_or_default_give_the_defaults_and_no_settings_row() {
    let server = TestServer::start().await;
    // An old client's body, with no `settings` key at all.
    let mut body = serde_json::to_value(new_workshop(ASPECTS)).unwrap();
    body.as_object_mut().unwrap().remove("settings");
    let response = reqwest::Client::new().post(server.url("/api/workshops")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let omitted: CreatedWorkshop = response.json().await.unwrap();
    let defaults = create_with(&server, Some(Settings::default())).await;
    for created in [omitted, defaults] {
        let (_projector, view) = server.projector(created.workshop_id).await;
        assert_eq!(view.settings, Settings::default());
        assert_eq!(view.seq, 1);
        let actions: Vec<String> = log(&server, created.workshop_id).into_iter().map(|r| r.action).collect();
        assert_eq!(actions, ["workshop_created"]);
    }
}

#[tokio::test]
async fn bad_settings_are_refused_naming_the_field_and_create_nothing() {
    let server = TestServer::start().await;
    for min_pairs in [0, 21] {
        let settings = Some(Settings { min_pairs, ..chosen() });
        let response = post(&server, &NewWorkshop { settings, ..new_workshop(ASPECTS) }).await;
        assert_eq!(response.status(), 400, "min_pairs {min_pairs}");
        let error: ApiError = response.json().await.unwrap();
        assert_eq!(error.field.as_deref(), Some("Privacy threshold (pairs)"));
        assert_eq!(error.error, "Privacy threshold: a whole number of pairs from 1 to 20.");
    }
    // Not settings at all: refused by the JSON reader, with an ApiError too.
    let mut body = serde_json::to_value(new_workshop(ASPECTS)).unwrap();
    body["settings"] = serde_json::json!({ "live_wall": "yes", "min_pairs": -1 });
    let response = reqwest::Client::new().post(server.url("/api/workshops")).json(&body).send().await.unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    let error: ApiError = response.json().await.unwrap();
    assert!(error.error.contains("settings"), "{}", error.error);
    assert_eq!(workshop_rows(&server), 0, "nothing was created");
    let events = server.db().int("SELECT COUNT(*) FROM events", &[]);
    assert_eq!(events, 0);
}

#[tokio::test]
async fn a_facilitator_post_it_reaches_every_pair_and_is_refused_once_closed() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let mut pairs = Vec::new();
    for label in ["Pair A", "Pair B"] {
        let joined = server.join(&created.join_code, label).await;
        let (tablet, _) = server.pair(&joined).await;
        pairs.push((joined, tablet));
    }
    let (mut console, _) = server.facilitator(&created).await;

    let card_id = Uuid::new_v4();
    let seq = console.acked(&control(Control::AddCard { card_id, text: "  Home visits ".into() })).await;
    for (position, (joined, tablet)) in [30.0, 70.0].into_iter().zip(&mut pairs) {
        let seen = tablet
            .recv_until(|m| match m {
                ServerMsg::Update { seq: s, .. } => *s >= seq,
                ServerMsg::Snapshot { view } => view.seq >= seq,
                _ => false,
            })
            .await;
        let text = serde_json::to_string(&seen).unwrap();
        assert!(text.contains(&card_id.to_string()) && text.contains("\"Home visits\""), "{text}");
        // On this pair's tray (a fresh screen's snapshot), and the pair may place it.
        let (_, view) = server.pair(joined).await;
        let card = view.card(card_id).expect("the new post-it");
        assert_eq!((card.text.as_str(), card.author), ("Home visits", None));
        assert!(view.active_cards().iter().any(|c| c.id == card_id));
        tablet.acked(&crate::common::place(card_id, position)).await;
    }
    let actions: Vec<(String, String)> =
        log(&server, created.workshop_id).into_iter().map(|r| (r.actor, r.action)).collect();
    assert!(actions.contains(&("facilitator".into(), "card_added".into())), "{actions:?}");

    // Refused with the domain's words: empty text, and anything once the workshop is closed.
    let refused = console.change(&control(Control::AddCard { card_id: Uuid::new_v4(), text: " ".into() })).await;
    let ServerMsg::Refused { code, message, .. } = refused else { panic!("{refused:?}") };
    assert_eq!((code, message.as_str()), (ErrorCode::Invalid, "Post-it text is empty: please write something."));
    console.acked(&control(Control::SetPhase { phase: Phase::Closed })).await;
    let late = Uuid::new_v4();
    let refused = console.change(&control(Control::AddCard { card_id: late, text: "Too late".into() })).await;
    let ServerMsg::Refused { code, message, .. } = refused else { panic!("{refused:?}") };
    assert_eq!(code, ErrorCode::WrongPhase);
    assert!(message.contains("closed"), "{message}");
    let (_, view) = server.pair(&pairs[0].0).await;
    assert!(view.card(late).is_none(), "nothing was added");
}
