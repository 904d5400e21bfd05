//! A pair can withdraw: its reference, withdrawal by the researchers (API) and the console,
//! what withdrawal removes (every export, the statistics, the stored rows, the database's
//! files), what its tablet is told, the refusals, the deadline, and an archive with a
//! withdrawal that imports and exports again byte for byte.

use crate::common::{TestServer, backend, control, pair_auth, place};
use crate::research_exports::unzip;
use app::api::{ApiError, CreatedWorkshop, Joined, Withdrawal};
use app::domain::day::Day;
use app::domain::{Control, Settings};
use app::protocol::{ClientMsg, ErrorCode, ServerMsg};
use reqwest::StatusCode;
use server::store::sql::{Backend, Value};
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];
/// What the withdrawn pair calls itself, writes and adds: none of it may survive.
const LABEL: &str = "Zebra-Withdrawn-Label-7731";
const NOTE: &str = "Unmistakable-note-4422";
const POST_IT: &str = "Secret-postit-9912";

fn withdraw_url(server: &TestServer, id: Uuid) -> String {
    server.url(&format!("/api/research/workshops/{id}/withdraw"))
}

pub async fn withdraw(server: &TestServer, id: Uuid, reference: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(withdraw_url(server, id))
        .bearer_auth(server.admin_key())
        .json(&serde_json::json!({ "reference": reference }))
        .send()
        .await
        .unwrap()
}

async fn refusal(response: reqwest::Response, status: StatusCode) -> String {
    assert_eq!(response.status(), status);
    response.json::<ApiError>().await.expect("a JSON refusal").error
}

pub async fn export(server: &TestServer, id: Uuid, query: &str) -> Vec<(String, Vec<u8>)> {
    let response = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{id}/export.zip{query}")))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    unzip(&response.bytes().await.unwrap())
}

/// A workshop in Placing where "Pair A" places one aspect and the pair to withdraw places
/// both, writes a note and adds a post-it (which A places too).
struct Session {
    created: CreatedWorkshop,
    a: Joined,
    gone: Joined,
    cards: Vec<Uuid>,
}

async fn session(server: &TestServer) -> Session {
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let gone = server.join(&created.join_code, LABEL).await;
    let (mut tablet_a, view) = server.pair(&a).await;
    let (mut tablet_gone, _) = server.pair(&gone).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    tablet_a.acked(&place(cards[0], 20.0)).await;
    tablet_gone.acked(&place(cards[0], 90.0)).await;
    tablet_gone.acked(&place(cards[1], 70.0)).await;
    let note = ClientMsg::SaveSheet {
        change_id: Uuid::new_v4(),
        card_id: cards[1],
        intended: NOTE.into(),
        unintended: String::new(),
        cant_place: None,
        language: None,
    };
    tablet_gone.acked(&note).await;
    let written = Uuid::new_v4();
    tablet_gone.acked(&ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: written, text: POST_IT.into() }).await;
    tablet_gone.acked(&place(written, 10.0)).await;
    for ws in [tablet_a, tablet_gone] {
        ws.close().await;
    }
    Session { created, a, gone, cards }
}

fn reference_of(joined: &Joined) -> String {
    joined.reference.clone().expect("a pair has a reference")
}

/// Workshop `id`'s archive (`export.zip`) as `server` serves it to the researchers.
pub async fn archive(server: &TestServer, id: Uuid) -> Vec<u8> {
    let response = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{id}/export.zip")))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

/// A new server with workshop `id`'s archive from `first` imported into it.
pub async fn carried_to_a_new_server(first: &TestServer, id: Uuid) -> TestServer {
    let zip = archive(first, id).await;
    let second = TestServer::start().await;
    let imported = reqwest::Client::new()
        .post(second.url("/api/research/import"))
        .bearer_auth(second.admin_key())
        .header("content-type", "application/zip")
        .body(zip)
        .send()
        .await
        .unwrap();
    assert_eq!(imported.status(), 201, "{}", imported.text().await.unwrap());
    second
}

/// Whether `needle` is anywhere in `bytes`.
fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn every_pair_gets_a_reference_only_it_and_the_console_see() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let mut references = Vec::new();
    for n in 0..20 {
        let joined = server.join(&created.join_code, &format!("Pair {n}")).await;
        let reference = reference_of(&joined);
        assert_eq!(reference.len(), 6, "{reference}");
        assert!(reference.bytes().all(|b| app::domain::code::ALPHABET.contains(&b)), "{reference}");
        assert_ne!(reference, created.join_code);
        assert!(!joined.token.to_uppercase().contains(&reference));
        references.push((joined, reference));
    }
    let mut unique: Vec<&String> = references.iter().map(|(_, r)| r).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 20, "references are unique");
    let (first, first_reference) = &references[0];
    let (_, console) = server.facilitator(&created).await;
    assert!(console.pairs.iter().all(|p| p.reference.is_some()), "the console sees every reference");
    let (_, mine) = server.pair(first).await;
    for pair in &mine.pairs {
        let expected = (pair.id == first.pair_id).then(|| first_reference.clone());
        assert_eq!(pair.reference, expected, "a pair sees its own reference, no other");
    }
    let (_, projector) = server.projector(created.workshop_id).await;
    assert!(projector.pairs.iter().all(|p| p.reference.is_none()), "the projector sees none");
    // A pair that joins later: the console is told its reference, the other pairs are not.
    let (mut console, _) = server.facilitator(&created).await;
    let (mut other, _) = server.pair(&references[1].0).await;
    let late = server.join(&created.join_code, "Late pair").await;
    let joined_reference = |msg: &ServerMsg| match msg {
        ServerMsg::Update { event: app::domain::Event::PairJoined { pair }, .. } => Some(pair.reference.clone()),
        _ => None,
    };
    let seen = console.recv_until(|m| joined_reference(m).is_some()).await;
    assert_eq!(joined_reference(seen.last().unwrap()), Some(late.reference.clone()));
    let seen = other.recv_until(|m| joined_reference(m).is_some()).await;
    assert_eq!(joined_reference(seen.last().unwrap()), Some(None));
}

#[tokio::test]
async fn a_researcher_withdraws_a_pair_and_nothing_of_it_is_left() {
    let server = TestServer::start().await;
    let s = session(&server).await;
    let id = s.created.workshop_id;
    let reference = reference_of(&s.gone);
    let (mut console, _) = server.facilitator(&s.created).await;
    let (mut tablet, _) = server.pair(&s.gone).await;

    // Quoted in lower case with a dash, as people do.
    let typed = format!("{}-{}", &reference[..3], &reference[3..]).to_lowercase();
    let response = withdraw(&server, id, &typed).await;
    assert_eq!(response.status(), 200);
    let removed: Withdrawal = response.json().await.unwrap();
    assert_eq!(
        (removed.reference.as_str(), removed.placements, removed.notes, removed.post_its),
        (reference.as_str(), 3, 1, 1)
    );
    assert!(removed.event_rows >= 6, "{removed:?}");
    // The audit log says who withdrew which reference and what went, and nothing of its content.
    let audit: app::api::AuditLog = crate::common::json_of(
        reqwest::Client::new()
            .get(server.url(&format!("/api/research/audit?workshop={id}")))
            .bearer_auth(server.admin_key()),
    )
    .await;
    let row = audit.rows.iter().find(|r| r.action == "withdraw").expect("a withdraw row");
    assert_eq!(row.actor, "researcher");
    assert!(row.detail.contains(&reference) && row.detail.contains("3 placements, 1 notes"), "{}", row.detail);

    // Its tablet is told, and closed; what it sends after is stored nowhere.
    let told = tablet.recv_until(|m| matches!(m, ServerMsg::Refused { .. })).await;
    match told.last().unwrap() {
        ServerMsg::Refused { code: ErrorCode::Forbidden, message, .. } => {
            assert!(message.contains("withdrawn"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let _ = tablet
        .send_frame(tokio_tungstenite::tungstenite::Message::text(
            serde_json::to_string(&place(s.cards[0], 55.0)).unwrap(),
        ))
        .await;
    tablet.expect_closed().await;
    // It comes back: refused at once, with the same words.
    let mut again = server.connect().await;
    again.send(&ClientMsg::Hello { auth: pair_auth(&s.gone), last_seq: None }).await;
    match again.recv().await {
        ServerMsg::Refused { message, .. } => assert!(message.contains("withdrawn"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // The console was sent the room without it.
    let snapshot = console.recv_until(|m| matches!(m, ServerMsg::Snapshot { view } if view.pairs.len() == 1)).await;
    let ServerMsg::Snapshot { view } = snapshot.last().unwrap() else { unreachable!() };
    assert_eq!(view.pairs[0].id, s.a.pair_id);
    assert_eq!(view.cards.len(), 2, "its post-it is gone");

    // The stored rows: one content-free row, nothing that names it.
    let mut db = server.db();
    let rows = db.rows("SELECT seq, actor, action, pair_id, before_json, after_json FROM events WHERE workshop_id = ?1 AND action = 'pair_withdrawn'", &[Value::from(id)]).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].uint("seq").unwrap(), removed.seq);
    assert_eq!(rows[0].text("actor").unwrap(), "researcher");
    assert_eq!((rows[0].opt_text("before_json").unwrap(), rows[0].opt_text("after_json").unwrap()), (None, None));
    assert_eq!(db.int("SELECT COUNT(*) FROM pairs WHERE workshop_id = ?1", &[Value::from(id)]), 1);
    for needle in [LABEL, NOTE, POST_IT, reference.as_str()] {
        let pattern = format!("%{needle}%");
        let n = db.int(
            "SELECT COUNT(*) FROM events WHERE actor_label LIKE ?1 OR before_json LIKE ?1 OR after_json LIKE ?1
                 OR payload_json LIKE ?1",
            &[Value::from(&pattern)],
        );
        assert_eq!(n, 0, "{needle} is still in the event log");
    }
    drop(db);
    if backend() == Backend::Sqlite {
        grep_files(&server, &[LABEL, NOTE, POST_IT]);
    }

    // Every export file: no trace, statistics from the rest.
    let files = export(&server, id, "").await;
    for (name, bytes) in &files {
        for needle in [LABEL, NOTE, POST_IT, reference.as_str()] {
            assert!(!contains(bytes, needle), "{name} still holds {needle}");
        }
    }
    let summary =
        files.iter().find(|(n, _)| n == "summary.csv").map(|(_, b)| String::from_utf8_lossy(b).to_string()).unwrap();
    let first = summary.lines().find(|l| l.contains("Holding patients")).unwrap();
    assert!(first.contains(",1,0,20,20,20,"), "only Pair A's 20 is left: {first}");
    let events =
        files.iter().find(|(n, _)| n == "events.csv").map(|(_, b)| String::from_utf8_lossy(b).to_string()).unwrap();
    assert!(events.lines().any(|l| l.contains(",researcher,,pair_withdrawn,")), "{events}");

    // The replay and the room after a restart agree with the export.
    let replay: app::api::Replay = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{id}/replay")))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = serde_json::to_string(&replay).unwrap();
    for needle in [LABEL, NOTE, POST_IT] {
        assert!(!text.contains(needle), "the replay holds {needle}");
    }
    // Withdrawn twice: the reference is no one's any more.
    let again = refusal(withdraw(&server, id, &reference).await, StatusCode::NOT_FOUND).await;
    assert!(again.contains(&reference), "{again}");
}

/// The SQLite file and its write-ahead log hold none of `needles`.
fn grep_files(server: &TestServer, needles: &[&str]) {
    let path = server.db_path().expect("a SQLite file");
    let wal = path.with_file_name(format!("{}-wal", path.file_name().unwrap().to_string_lossy()));
    for file in [path.to_path_buf(), wal] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for needle in needles {
            assert!(!contains(&bytes, needle), "{} still holds {needle}", file.display());
        }
    }
}

#[tokio::test]
async fn deleting_a_workshop_leaves_its_text_nowhere_in_the_files() {
    if backend() != Backend::Sqlite {
        return; // PostgreSQL keeps dead rows until VACUUM (README, "Deleting data").
    }
    let server = TestServer::start().await;
    let s = session(&server).await;
    let path = server.db_path().unwrap().to_path_buf();
    let wal = path.with_file_name(format!("{}-wal", path.file_name().unwrap().to_string_lossy()));
    let before = [std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap_or_default()].concat();
    assert!(contains(&before, LABEL) && contains(&before, NOTE), "the test writes what it then looks for");
    let response = reqwest::Client::new()
        .delete(server.url(&format!("/api/research/workshops/{}", s.created.workshop_id)))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    grep_files(&server, &[LABEL, NOTE, POST_IT]);
}

#[tokio::test]
async fn withdrawal_refuses_what_it_cannot_do_and_changes_nothing() {
    let server = TestServer::start().await;
    let s = session(&server).await;
    let other = server.create_workshop(ASPECTS).await;
    let stranger = server.join(&other.join_code, "Elsewhere").await;
    let id = s.created.workshop_id;
    let count = |server: &TestServer| {
        let mut db = server.db();
        db.int("SELECT COUNT(*) FROM events", &[])
    };
    let rows = count(&server);

    let unknown = refusal(withdraw(&server, id, "ZZZZZZ").await, StatusCode::NOT_FOUND).await;
    assert!(unknown.contains("ZZZZZZ"), "{unknown}");
    refusal(withdraw(&server, id, "not a reference").await, StatusCode::NOT_FOUND).await;
    let elsewhere = refusal(withdraw(&server, id, &reference_of(&stranger)).await, StatusCode::NOT_FOUND).await;
    let named = format!("The reference {} is not a pair of this workshop: it belongs to “", reference_of(&stranger));
    assert!(elsewhere.starts_with(&named) && elsewhere.contains("that workshop's row"), "{elsewhere}");
    refusal(withdraw(&server, Uuid::new_v4(), &reference_of(&s.gone)).await, StatusCode::NOT_FOUND).await;
    let no_key = reqwest::Client::new()
        .post(withdraw_url(&server, id))
        .json(&serde_json::json!({ "reference": reference_of(&s.gone) }))
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), 401);
    let no_body = reqwest::Client::new()
        .post(withdraw_url(&server, id))
        .bearer_auth(server.admin_key())
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    refusal(no_body, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(count(&server), rows, "nothing changed");

    // A deadline in the past is refused when it is set, on the console and on a new workshop.
    let (mut console, view) = server.facilitator(&s.created).await;
    let yesterday = Day::of_ms(chrono::Utc::now().timestamp_millis() - 86_400_000);
    let past = Settings { withdrawal_deadline: Some(yesterday), ..view.settings };
    match console.change(&control(Control::ChangeSettings { settings: past })).await {
        ServerMsg::Refused { message, .. } => assert!(message.contains(&yesterday.to_string()), "{message}"),
        other => panic!("{other:?}"),
    }
    let mut body = crate::common::new_workshop(ASPECTS);
    body.settings = Some(past);
    let response = reqwest::Client::new().post(server.url("/api/workshops")).json(&body).send().await.unwrap();
    let error: ApiError = {
        assert_eq!(response.status(), 400);
        response.json().await.unwrap()
    };
    assert_eq!(error.field.as_deref(), Some(app::domain::session::DEADLINE_LABEL));
    // Today is fine; then time passes (the stored deadline is moved back, as a day would).
    let today = Day::of_ms(chrono::Utc::now().timestamp_millis());
    let settings = Settings { withdrawal_deadline: Some(today), ..view.settings };
    console.acked(&control(Control::ChangeSettings { settings })).await;
    console.close().await;
    {
        let mut db = server.db();
        let old = format!("\"withdrawal_deadline\":\"{today}\"");
        let new = format!("\"withdrawal_deadline\":\"{yesterday}\"");
        db.rows(
            "UPDATE events SET payload_json = REPLACE(payload_json, ?1, ?2) WHERE workshop_id = ?3 RETURNING seq",
            &[Value::from(&old), Value::from(&new), Value::from(id)],
        )
        .unwrap();
    }
    let mut server = server;
    server.restart().await;
    let late = refusal(withdraw(&server, id, &reference_of(&s.gone)).await, StatusCode::CONFLICT).await;
    assert!(late.contains(&yesterday.to_string()), "{late}");
    let (_, view) = server.pair(&s.gone).await;
    assert_eq!(view.pairs.len(), 2, "the pair is still there");
}

#[tokio::test]
async fn the_console_withdraws_a_pair() {
    let server = TestServer::start().await;
    let s = session(&server).await;
    let (mut console, _) = server.facilitator(&s.created).await;
    let (mut tablet, _) = server.pair(&s.gone).await;
    console.acked(&control(Control::WithdrawPair { pair_id: s.gone.pair_id })).await;
    let told = tablet.recv_until(|m| matches!(m, ServerMsg::Refused { .. })).await;
    assert!(matches!(told.last(), Some(ServerMsg::Refused { message, .. }) if message.contains("withdrawn")));
    let mut db = server.db();
    let actor = db
        .row("SELECT actor FROM events WHERE action = 'pair_withdrawn'", &[])
        .unwrap()
        .map(|r| r.text("actor").unwrap());
    assert_eq!(actor.as_deref(), Some("facilitator"));
    let audited =
        db.int("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'withdraw' AND actor = 'facilitator'", &[]);
    assert_eq!(audited, 1, "the console's withdrawal is in the audit log");
    drop(db);
    match console.change(&control(Control::WithdrawPair { pair_id: s.gone.pair_id })).await {
        ServerMsg::Refused { message, .. } => assert!(message.contains("not in this workshop"), "{message}"),
        other => panic!("{other:?}"),
    }
    // Pair A goes on as before.
    let (mut tablet_a, view) = server.pair(&s.a).await;
    assert_eq!(view.pairs.len(), 1);
    tablet_a.acked(&place(s.cards[1], 33.0)).await;
}

#[tokio::test]
async fn an_archive_with_a_withdrawal_imports_and_exports_again_byte_for_byte() {
    let first = TestServer::start().await;
    let s = session(&first).await;
    let id = s.created.workshop_id;
    assert_eq!(withdraw(&first, id, &reference_of(&s.gone)).await.status(), 200);
    let second = carried_to_a_new_server(&first, id).await;
    let (before, after) = (export(&first, id, "").await, export(&second, id, "").await);
    for name in ["placements.csv", "events.csv", "summary.csv", "notes.csv", "groups.csv", "event-log.json"] {
        let file = |files: &[(String, Vec<u8>)]| files.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone());
        assert_eq!(file(&before), file(&after), "{name} differs after the import");
    }
    let log =
        after.iter().find(|(n, _)| n == "event-log.json").map(|(_, b)| String::from_utf8_lossy(b).to_string()).unwrap();
    assert!(log.contains("pair_withdrawn") && !log.contains(LABEL), "{log}");
    assert!(log.contains(&reference_of(&s.a)), "the remaining pair's reference travels with it");
}

#[tokio::test]
async fn pseudonymised_exports_name_pairs_only_by_their_reference() {
    let server = TestServer::start().await;
    let s = session(&server).await;
    let id = s.created.workshop_id;
    let (a, gone) = (reference_of(&s.a), reference_of(&s.gone));
    let as_typed = export(&server, id, "").await;
    let json = |files: &[(String, Vec<u8>)]| -> serde_json::Value {
        serde_json::from_slice(&files.iter().find(|(n, _)| n == "workshop.json").unwrap().1).unwrap()
    };
    assert_eq!(json(&as_typed)["workshop"]["pair_names"], "as typed");
    assert!(as_typed.iter().any(|(_, b)| contains(b, LABEL)));
    let check = |files: &[(String, Vec<u8>)]| {
        assert_eq!(json(files)["workshop"]["pair_names"], "references");
        for (name, bytes) in files {
            for label in [LABEL, "Pair A"] {
                assert!(!contains(bytes, label), "{name} names a pair by its label {label}");
            }
        }
        let placements = &files.iter().find(|(n, _)| n == "placements.csv").unwrap().1;
        assert!(contains(placements, &a) && contains(placements, &gone), "placements.csv names pairs by reference");
        let notes = &files.iter().find(|(n, _)| n == "notes.csv").unwrap().1;
        assert!(contains(notes, NOTE) && contains(notes, &gone), "notes are kept, by reference");
    };
    check(&export(&server, id, "?pairs=references").await);
    let bad = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{id}/export.zip?pairs=nicknames")))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    refusal(bad, StatusCode::BAD_REQUEST).await;
    // The workshop's setting makes it the default for every download.
    let (mut console, view) = server.facilitator(&s.created).await;
    let settings = Settings { export_references: true, ..view.settings };
    console.acked(&control(Control::ChangeSettings { settings })).await;
    check(&export(&server, id, "").await);
    let csv = reqwest::get(server.url(&format!("{}/placements.csv", s.created.console_path))).await.unwrap();
    let csv = csv.bytes().await.unwrap();
    assert!(contains(&csv, &a) && !contains(&csv, "Pair A"));
    assert_eq!(json(&export(&server, id, "?pairs=as-typed").await)["workshop"]["pair_names"], "as typed");
}
