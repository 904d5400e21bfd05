//! The information sheet and consent: a pair of a workshop with a sheet is stored only with
//! every person's agreement; a pair that declines before the board leaves nothing but a
//! count; bad sheets are refused with a sentence and change nothing; a pair without consent
//! to the current version can save nothing (real websocket clients), is asked again at once
//! when the sheet changes, and is taken out when it declines; the export's `consent.csv`
//! and `workshop.json` carry it.

use app::api::{ApiError, CreatedWorkshop, CurrentSheet, DeclineRequest, JoinRequest, Joined, SheetSaved};
use app::domain::consent::{ConsentAnswer, ConsentSheet};
use app::domain::{Control, Event, Phase};
use app::protocol::{ClientMsg, ErrorCode, ServerMsg};
use server::store::sql::Value;
use uuid::Uuid;

use crate::common::{TestServer, control, new_workshop, place};
use crate::research_exports::unzip;
use crate::withdraw::{archive, carried_to_a_new_server, export, withdraw};

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];

/// Version `version` of a sheet with two statements.
pub fn sheet(version: &str) -> ConsentSheet {
    ConsentSheet {
        title: "Information sheet for participants".into(),
        version: version.into(),
        text: format!("Version {version}.\n\nWe record where you place each post-it and your notes."),
        statements: vec!["I have read the information sheet.".into(), "I agree to take part.".into()],
    }
}

/// Every one of `people` ticked both statements of `version`.
pub fn agreed(version: &str, people: u8) -> ConsentAnswer {
    ConsentAnswer { version: version.into(), people, agreed: vec![vec![true, true]; usize::from(people)] }
}

/// A workshop with version 1 of [`sheet`], still in Joining.
pub async fn workshop_with_sheet(server: &TestServer) -> CreatedWorkshop {
    let body = app::api::NewWorkshop { consent_sheet: Some(sheet("1")), ..new_workshop(ASPECTS) };
    let response = reqwest::Client::new().post(server.url("/api/workshops")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201);
    response.json().await.unwrap()
}

/// `POST /api/join` with `consent`.
pub async fn join_with(
    server: &TestServer,
    code: &str,
    label: &str,
    consent: Option<ConsentAnswer>,
) -> reqwest::Response {
    let request = JoinRequest { code: code.into(), label: label.into(), consent };
    reqwest::Client::new().post(server.url("/api/join")).json(&request).send().await.unwrap()
}

/// Joins with the agreement of `people` to `version`.
pub async fn join_agreeing(server: &TestServer, code: &str, label: &str, version: &str, people: u8) -> Joined {
    let response = join_with(server, code, label, Some(agreed(version, people))).await;
    assert_eq!(response.status(), 200, "join {label}");
    response.json().await.unwrap()
}

/// `PUT /f/{secret}/consent-sheet`.
pub async fn put_sheet(server: &TestServer, created: &CreatedWorkshop, sheet: &ConsentSheet) -> reqwest::Response {
    let url = server.url(&format!("{}/consent-sheet", created.console_path));
    reqwest::Client::new().put(url).json(sheet).send().await.unwrap()
}

fn count(server: &TestServer, sql: &str, workshop: Uuid) -> i64 {
    server.db().int(sql, &[Value::from(workshop)])
}

#[tokio::test]
async fn a_pair_is_stored_only_with_everyones_consent_and_a_decline_leaves_only_a_count() {
    let server = TestServer::start().await;
    let created = workshop_with_sheet(&server).await;
    let id = created.workshop_id;
    let url = server.url(&format!("/api/workshops/by-code/{}/consent-sheet", created.join_code));
    let current: CurrentSheet = reqwest::get(url).await.unwrap().json().await.unwrap();
    assert_eq!(current.sheet, Some(sheet("1")));
    let events_before = count(&server, "SELECT COUNT(*) FROM events WHERE workshop_id = ?1", id);

    // Without consent, or with a person who did not tick everything: 409, nothing stored.
    let refused = join_with(&server, &created.join_code, "Pair Never", None).await;
    assert_eq!(refused.status(), 409);
    let error: ApiError = refused.json().await.unwrap();
    assert!(error.error.contains("read its information sheet (version 1) and agree"), "{}", error.error);
    let partly = ConsentAnswer { agreed: vec![vec![true, true], vec![true, false]], ..agreed("1", 2) };
    let refused = join_with(&server, &created.join_code, "Pair Never", Some(partly)).await;
    assert_eq!(refused.status(), 409);
    let error: ApiError = refused.json().await.unwrap();
    assert!(error.error.starts_with("Every person must tick every statement"), "{}", error.error);
    let stale = join_with(&server, &created.join_code, "Pair Never", Some(agreed("0", 2))).await;
    assert_eq!(stale.status(), 409);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM pairs WHERE workshop_id = ?1", id), 0);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM events WHERE workshop_id = ?1", id), events_before);

    // "We do not agree": only the count grows; the request carries no label at all.
    let decline = reqwest::Client::new()
        .post(server.url("/api/join/decline"))
        .json(&DeclineRequest { code: created.join_code.to_lowercase() })
        .send()
        .await
        .unwrap();
    assert_eq!(decline.status(), 200);
    assert_eq!(count(&server, "SELECT consent_declined FROM workshops WHERE id = ?1", id), 1);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM pairs WHERE workshop_id = ?1", id), 0);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM events WHERE workshop_id = ?1", id), events_before);

    // Everyone agrees: the pair and its consent, in one go.
    let joined = join_agreeing(&server, &created.join_code, "Pair A", "1", 3).await;
    let (mut console, view) = server.facilitator(&created).await;
    assert_eq!(console.recv().await, ServerMsg::Declined { count: 1 }, "the console shows the count");
    let consent = view.consent_of(joined.pair_id).expect("the console sees the consent");
    assert_eq!((consent.version.as_str(), consent.people), ("1", 3));
    assert!(view.pair_has_consent(joined.pair_id));
    let (_tablet, own) = server.pair(&joined).await;
    assert_eq!(own.current_sheet().map(|v| v.sheet.clone()), Some(sheet("1")), "the tablet has the sheet");
    let (_projector, wall) = server.projector(id).await;
    assert!(wall.consents.is_empty() && wall.consent_sheets.is_empty(), "the projector is told nothing of it");

    // A second decline reaches a console that is open.
    let decline = reqwest::Client::new()
        .post(server.url("/api/join/decline"))
        .json(&DeclineRequest { code: created.join_code.clone() })
        .send()
        .await
        .unwrap();
    assert_eq!(decline.status(), 200);
    console.recv_until(|m| *m == ServerMsg::Declined { count: 2 }).await;
}

#[tokio::test]
async fn bad_sheets_are_refused_with_a_sentence_and_change_nothing() {
    let server = TestServer::start().await;
    let post = |sheet: ConsentSheet| {
        let body = app::api::NewWorkshop { consent_sheet: Some(sheet), ..new_workshop(ASPECTS) };
        let url = server.url("/api/workshops");
        async move { reqwest::Client::new().post(url).json(&body).send().await.unwrap() }
    };
    let cases = [
        (ConsentSheet { title: "  ".into(), ..sheet("1") }, "Sheet title", "Give the information sheet a title"),
        (ConsentSheet { version: "".into(), ..sheet("1") }, "Sheet version", "Give the information sheet a version"),
        (ConsentSheet { statements: vec![], ..sheet("1") }, "Consent statements", "Add at least one consent statement"),
        (ConsentSheet { text: "x".repeat(20_001), ..sheet("1") }, "Information sheet text", "is 20001 characters"),
    ];
    for (bad, field, words) in cases {
        let response = post(bad).await;
        assert_eq!(response.status(), 400);
        let error: ApiError = response.json().await.unwrap();
        assert_eq!(error.field.as_deref(), Some(field));
        assert!(error.error.contains(words), "{}", error.error);
    }
    assert_eq!(server.db().int("SELECT COUNT(*) FROM workshops", &[]), 0, "nothing was created");

    let created = workshop_with_sheet(&server).await;
    let events = || count(&server, "SELECT COUNT(*) FROM events WHERE workshop_id = ?1", created.workshop_id);
    let before = events();
    let reused = ConsentSheet { text: "Other words.".into(), ..sheet("1") };
    let response = put_sheet(&server, &created, &reused).await;
    assert_eq!(response.status(), 400);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.field.as_deref(), Some("Sheet version"));
    assert!(error.error.starts_with("Version 1 already has different text"), "{}", error.error);
    let response = put_sheet(&server, &created, &ConsentSheet { statements: vec![" ".into()], ..sheet("2") }).await;
    assert_eq!(response.status(), 400);
    let same: SheetSaved = put_sheet(&server, &created, &sheet("1")).await.json().await.unwrap();
    assert_eq!(same, SheetSaved { version: "1".into(), changed: false });
    assert_eq!(events(), before, "nothing was stored");
    let wrong = server.url("/f/0123456789abcdef0123456789abcdef/consent-sheet");
    let response = reqwest::Client::new().put(wrong).json(&sheet("2")).send().await.unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn without_consent_to_the_current_version_a_pair_saves_nothing_and_is_asked_again_at_once() {
    let server = TestServer::start().await;
    let created = workshop_with_sheet(&server).await;
    let a = join_agreeing(&server, &created.join_code, "Pair A", "1", 2).await;
    let b = join_agreeing(&server, &created.join_code, "Pair B", "1", 1).await;
    let (mut console, view) = server.facilitator(&created).await;
    console.acked(&control(Control::SetPhase { phase: Phase::Placing })).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let (mut tablet_a, _) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    tablet_a.acked(&place(cards[0], 30.0)).await;

    // Version 2: both connected tablets hear of it at once.
    let saved: SheetSaved = put_sheet(&server, &created, &sheet("2")).await.json().await.unwrap();
    assert_eq!(saved, SheetSaved { version: "2".into(), changed: true });
    let audited = "SELECT COUNT(*) FROM audit_log WHERE workshop_id = ?1 AND action = 'consent_sheet_set' \
                   AND actor = 'facilitator' AND detail LIKE '%version 2%'";
    assert_eq!(count(&server, audited, created.workshop_id), 1, "the sheet's change is in the audit log");
    for tablet in [&mut tablet_a, &mut tablet_b] {
        let seen =
            tablet.recv_until(|m| matches!(m, ServerMsg::Update { event: Event::ConsentSheetSet { .. }, .. })).await;
        let Some(ServerMsg::Update { event: Event::ConsentSheetSet { sheet: new, .. }, .. }) = seen.last() else {
            unreachable!()
        };
        assert_eq!(new.version, "2");
    }
    let events = || count(&server, "SELECT COUNT(*) FROM events WHERE workshop_id = ?1", created.workshop_id);
    let before = events();
    let refusals = [
        place(cards[0], 70.0),
        ClientMsg::SaveSheet {
            change_id: Uuid::new_v4(),
            card_id: cards[0],
            intended: "More time".into(),
            unintended: String::new(),
            cant_place: None,
            language: None,
        },
        ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: Uuid::new_v4(), text: "Home visits".into() },
    ];
    for msg in &refusals {
        match tablet_a.change(msg).await {
            ServerMsg::Refused { code: ErrorCode::ConsentNeeded, message, .. } => {
                assert!(message.contains("not agreed to version 2 of the information sheet"), "{message}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    assert_eq!(events(), before, "nothing was stored");
    // An answer that does not agree to everything is refused too.
    let half = ConsentAnswer { agreed: vec![vec![true, false], vec![true, true]], ..agreed("2", 2) };
    let refused = tablet_a.change(&ClientMsg::GiveConsent { change_id: Uuid::new_v4(), answer: half }).await;
    assert!(matches!(refused, ServerMsg::Refused { code: ErrorCode::Invalid, .. }), "{refused:?}");
    assert_eq!(events(), before);

    // Pair A agrees to version 2 and places again.
    tablet_a.acked(&ClientMsg::GiveConsent { change_id: Uuid::new_v4(), answer: agreed("2", 2) }).await;
    tablet_a.acked(&place(cards[0], 70.0)).await;

    // Pair B does not agree: it is taken out with its data as a withdrawal takes a pair out
    // (one content-free `pair_withdrawn` row by `system`), counted, and audited.
    let declined_at = events();
    tablet_b.acked(&ClientMsg::DeclineConsent { change_id: Uuid::new_v4() }).await;
    console.recv_until(|m| *m == ServerMsg::Declined { count: 1 }).await;
    let (_, view) = server.facilitator(&created).await;
    assert!(view.pair(b.pair_id).is_none(), "Pair B is gone");
    assert_eq!(view.consent_of(a.pair_id).map(|c| c.version.as_str()), Some("2"));
    let id = created.workshop_id;
    let pair_b = server.db().int("SELECT COUNT(*) FROM events WHERE pair_id = ?1", &[Value::from(b.pair_id)]);
    assert_eq!(pair_b, 0, "none of Pair B's event-log rows is left");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM pairs WHERE workshop_id = ?1", id), 1);
    let withdrawn =
        "SELECT COUNT(*) FROM events WHERE workshop_id = ?1 AND action = 'pair_withdrawn' AND actor = 'system'";
    assert_eq!(count(&server, withdrawn, id), 1, "one content-free row says a pair was taken out");
    assert_eq!(events(), declined_at - 2 + 1, "its joining and consent rows went, one row came");
    let audit =
        "SELECT COUNT(*) FROM audit_log WHERE workshop_id = ?1 AND action = 'consent_declined' AND actor = 'system'";
    assert_eq!(count(&server, audit, id), 1);
    assert_eq!(count(&server, "SELECT consent_declined FROM workshops WHERE id = ?1", id), 1);
    // Its tablet is told it is out, and what it sends later is refused and stored nowhere.
    tablet_b.recv_until(|m| matches!(m, ServerMsg::Refused { code: ErrorCode::Forbidden, .. })).await;
    // Declining again (or having agreed) changes nothing: only a pair being asked may decline.
    let refused = tablet_a.change(&ClientMsg::DeclineConsent { change_id: Uuid::new_v4() }).await;
    assert!(matches!(refused, ServerMsg::Refused { code: ErrorCode::ConsentNeeded, .. }), "{refused:?}");
    assert_eq!(count(&server, "SELECT consent_declined FROM workshops WHERE id = ?1", id), 1);

    // The export: consent.csv per pair × person × statement, the sheets' text in workshop.json.
    let files = unzip(&archive(&server, created.workshop_id).await);
    let file = |name: &str| String::from_utf8(files.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap();
    let consent = file("consent.csv");
    let lines: Vec<&str> = consent.lines().collect();
    assert_eq!(lines[0], "\u{feff}workshop_id,pair_reference,person,sheet_version,statement,agreed,at");
    assert_eq!(lines.len(), 1 + 2 * 2 + 2 * 2, "Pair A: 2 people × 2 statements, for versions 1 and 2");
    // Named by Pair A's reference, the one its tablet shows and a withdrawal quotes.
    let reference = a.reference.clone().expect("a reference");
    let first = format!("{},{reference},1,1,I have read the information sheet.,true,", created.workshop_id);
    assert!(lines[1].starts_with(&first), "{}", lines[1]);
    assert!(lines[1].ends_with('Z'), "{}", lines[1]);
    assert!(lines[5].contains(&format!(",{reference},1,2,I have read")), "{}", lines[5]);
    assert_eq!(consent.lines().filter(|l| l.contains(&reference)).count(), 8);
    let b_reference = b.reference.clone().expect("a reference");
    assert!(!consent.contains(&b_reference), "a pair that declined leaves no consent rows");
    let json: serde_json::Value = serde_json::from_str(&file("workshop.json")).unwrap();
    let versions: Vec<&str> =
        json["consent_sheets"].as_array().unwrap().iter().map(|s| s["version"].as_str().unwrap()).collect();
    assert_eq!(versions, ["1", "2"]);
    assert!(json["consent_sheets"][1]["text"].as_str().unwrap().starts_with("Version 2.\n\nWe record"));
    assert_eq!(json["consent"].as_array().unwrap().len(), 8);

    // Withdrawing Pair A by its reference takes its consent out of every file.
    let response = reqwest::Client::new()
        .post(server.url(&format!("/api/research/workshops/{}/withdraw", created.workshop_id)))
        .bearer_auth(server.admin_key())
        .json(&serde_json::json!({ "reference": reference }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let files = unzip(&archive(&server, created.workshop_id).await);
    let file = |name: &str| String::from_utf8(files.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap();
    assert_eq!(file("consent.csv").lines().count(), 1, "only the header is left");
    let json: serde_json::Value = serde_json::from_str(&file("workshop.json")).unwrap();
    assert!(json["consent"].as_array().unwrap().is_empty());
    assert_eq!(json["consent_sheets"].as_array().unwrap().len(), 2, "the sheets themselves are kept");
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(&reference) && !text.contains("Pair A"), "{name} still names Pair A");
    }
}

#[tokio::test]
async fn the_replay_and_a_restart_carry_the_sheets_and_the_consents() {
    let mut server = TestServer::start().await;
    let created = workshop_with_sheet(&server).await; // 1 created, 2 sheet v1
    let a = join_agreeing(&server, &created.join_code, "Pair A", "1", 2).await; // 3 joined, 4 consent
    assert_eq!(put_sheet(&server, &created, &sheet("2")).await.status(), 200); // 5
    let (mut tablet, _) = server.pair(&a).await;
    tablet.acked(&ClientMsg::GiveConsent { change_id: Uuid::new_v4(), answer: agreed("2", 1) }).await; // 6
    tablet.close().await;

    let url = server.url(&format!("/api/research/workshops/{}/replay", created.workshop_id));
    let response = reqwest::Client::new().get(url).bearer_auth(server.admin_key()).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let replay: app::domain::replay::Replay = response.json().await.unwrap();
    let actions: Vec<&str> = replay.steps.iter().map(|s| s.action.as_str()).collect();
    assert_eq!(
        actions,
        ["workshop_created", "consent_sheet_set", "pair_joined", "consent_given", "consent_sheet_set", "consent_given"]
    );
    let at4 = replay.state_at(4);
    assert!(at4.pair_has_consent(a.pair_id) && at4.current_sheet().unwrap().sheet.version == "1");
    let at5 = replay.state_at(5);
    assert!(!at5.pair_has_consent(a.pair_id), "version 2 asks again");
    let end = replay.state_at(replay.steps.len());
    assert_eq!(end.consents.iter().map(|c| (c.version.as_str(), c.people)).collect::<Vec<_>>(), [("1", 2), ("2", 1)]);

    server.restart().await;
    let (console, loaded) = server.facilitator(&created).await;
    console.close().await;
    let mut replayed = end.clone();
    replayed.workshop.join_code = created.join_code.clone();
    assert_eq!(replayed, loaded, "the server rebuilds the same state from its log");
}

/// The replay of workshop `id` as the research area gets it, as JSON text.
async fn replay_json(server: &TestServer, id: Uuid) -> String {
    let url = server.url(&format!("/api/research/workshops/{id}/replay"));
    let response = reqwest::Client::new().get(url).bearer_auth(server.admin_key()).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn an_archive_with_consent_and_a_withdrawal_imports_exports_and_replays_byte_for_byte() {
    let first = TestServer::start().await;
    let created = workshop_with_sheet(&first).await;
    let (mut console, _) = first.facilitator(&created).await;
    console.acked(&control(Control::SetPhase { phase: Phase::Placing })).await;
    console.close().await;
    let a = join_agreeing(&first, &created.join_code, "Pair A", "1", 2).await;
    let gone = join_agreeing(&first, &created.join_code, "Pair Gone", "1", 1).await;
    let (mut tablet_a, view) = first.pair(&a).await;
    let (mut tablet_gone, _) = first.pair(&gone).await;
    tablet_a.acked(&place(view.cards[0].id, 25.0)).await;
    tablet_gone.acked(&place(view.cards[0].id, 75.0)).await;
    tablet_gone.close().await;
    assert_eq!(put_sheet(&first, &created, &sheet("2")).await.status(), 200);
    tablet_a.acked(&ClientMsg::GiveConsent { change_id: Uuid::new_v4(), answer: agreed("2", 1) }).await;
    tablet_a.close().await;
    let id = created.workshop_id;
    let reference = gone.reference.clone().expect("a reference");
    assert_eq!(withdraw(&first, id, &reference).await.status(), 200);

    let second = carried_to_a_new_server(&first, id).await;

    let (before, after) = (export(&first, id, "").await, export(&second, id, "").await);
    let file = |files: &[(String, Vec<u8>)], name: &str| {
        files.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).unwrap_or_else(|| panic!("no {name}"))
    };
    for name in ["consent.csv", "placements.csv", "summary.csv", "events.csv", "event-log.json", "workshop.json"] {
        assert_eq!(file(&before, name), file(&after, name), "{name} differs after the import");
    }
    let consent = String::from_utf8(file(&after, "consent.csv")).unwrap();
    // Pair A: 2 people × 2 statements of version 1, then 1 × 2 of version 2; nothing of the other.
    assert_eq!(consent.lines().count(), 1 + 4 + 2, "{consent}");
    assert!(!consent.contains(&reference), "{consent}");
    assert_eq!(replay_json(&first, id).await, replay_json(&second, id).await, "the replay differs after the import");
    let replay: app::domain::replay::Replay = serde_json::from_str(&replay_json(&second, id).await).unwrap();
    let end = replay.state_at(replay.steps.len());
    assert_eq!(end.consent_sheets.len(), 2);
    assert_eq!(end.consents.iter().map(|c| (c.version.as_str(), c.people)).collect::<Vec<_>>(), [("1", 2), ("2", 1)]);
    assert!(end.pair_has_consent(a.pair_id) && end.pair(gone.pair_id).is_none());
}
