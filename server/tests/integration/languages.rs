//! Languages on a real server: a note records the language of the tablet it was written on,
//! which `notes.csv` carries (a language the server has no catalog for is not stored). The
//! pages' languages are tested end to end (`end2end/tests/languages.spec.ts`): these tests'
//! server has the API only.

use crate::common::TestServer;
use crate::research_exports::unzip;
use app::protocol::ClientMsg;
use uuid::Uuid;

#[tokio::test]
async fn a_note_records_the_language_of_its_tablet() {
    let server = TestServer::start().await;
    let (created, mut pairs) = server.two_pairs(&["Holding patients", "Where people are seen"]).await;
    let (_, view) = server.facilitator(&created).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let sheet =
        |card_id: Uuid, intended: &str, cant_place: Option<&str>, language: Option<&str>| ClientMsg::SaveSheet {
            change_id: Uuid::new_v4(),
            card_id,
            intended: intended.into(),
            unintended: String::new(),
            cant_place: cant_place.map(String::from),
            language: language.map(String::from),
        };
    pairs.tablet_a.acked(&sheet(cards[0], "Amser i wrando", None, Some("cy"))).await;
    pairs.tablet_a.acked(&sheet(cards[1], "", Some("Mae'n dibynnu"), Some("cy"))).await;
    pairs.tablet_b.acked(&sheet(cards[0], "Time to listen", None, Some("en"))).await;
    // Not a language with a catalog: saved, without a language.
    pairs.tablet_b.acked(&sheet(cards[1], "Anything", None, Some("xx\",<script>"))).await;

    let response = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    assert_eq!(response.status(), 200);
    let files = unzip(&response.bytes().await.unwrap());
    let notes = &files.iter().find(|(name, _)| name == "notes.csv").expect("notes.csv").1;
    let text = std::str::from_utf8(notes).unwrap().trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().map(String::as_str), Some("language"));
    let rows: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[6].to_string(), r[7].to_string(), r[8].to_string())
        })
        .collect();
    assert!(rows.contains(&("intended_outcome".into(), "Amser i wrando".into(), "cy".into())), "{rows:?}");
    assert!(rows.contains(&("cant_place_reason".into(), "Mae'n dibynnu".into(), "cy".into())), "{rows:?}");
    assert!(rows.contains(&("intended_outcome".into(), "Time to listen".into(), "en".into())), "{rows:?}");
    assert!(rows.contains(&("intended_outcome".into(), "Anything".into(), String::new())), "{rows:?}");
}

fn bilingual(aspects: &[&str], welsh: &[&str]) -> app::api::NewWorkshop {
    app::api::NewWorkshop {
        second_language: Some(app::api::NewSecondLanguage {
            language: "cy".into(),
            question: "Faint o ryddid sydd gennych chi?".into(),
            left_pole: "Sefydlog".into(),
            right_pole: String::new(),
            aspects: welsh.iter().map(|t| t.to_string()).collect(),
        }),
        ..crate::common::new_workshop(aspects)
    }
}

async fn post(server: &TestServer, body: &app::api::NewWorkshop) -> reqwest::Response {
    reqwest::Client::new().post(server.url("/api/workshops")).json(body).send().await.unwrap()
}

fn table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect())
}

#[tokio::test]
async fn a_workshop_in_two_languages_reaches_every_screen_the_exports_and_its_template() {
    let server = TestServer::start().await;
    // A blank aspect row is left out with its Welsh text, as the form sends it.
    let body = bilingual(&["Holding patients", " ", "Where people are seen"], &["Dal cleifion", "Dim", ""]);
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 201);
    let created: app::api::CreatedWorkshop = response.json().await.unwrap();
    let (mut console, view) = server.facilitator(&created).await;
    let second = view.second_language.clone().expect("the console has the second language");
    assert_eq!(second.language, "cy");
    assert_eq!(second.question, "Faint o ryddid sydd gennych chi?");
    assert_eq!(view.cards.len(), 2);
    let (holding, seen) = (view.cards[0].id, view.cards[1].id);
    assert_eq!(second.aspects.get(&holding).map(String::as_str), Some("Dal cleifion"));
    assert_eq!(second.aspects.get(&seen), None, "no Welsh text: shown in English");
    assert_eq!(view.card_text_in(holding, app::i18n::Lang::CY), "Dal cleifion");
    assert_eq!(view.right_pole_in(app::i18n::Lang::CY), view.workshop.right_pole);

    // A hidden aspect's Welsh text goes to no other screen, as its English does not.
    console.acked(&crate::common::control(app::domain::Control::HideCard { card_id: holding, hidden: true })).await;
    let joined = server.join(&created.join_code, "Pair A").await;
    let (_, pair_view) = server.pair(&joined).await;
    let pair_second = pair_view.second_language.expect("the pair's screen has the second language");
    assert_eq!(pair_second.question, second.question);
    assert!(pair_second.aspects.is_empty(), "{:?}", pair_second.aspects);
    console.acked(&crate::common::control(app::domain::Control::HideCard { card_id: holding, hidden: false })).await;

    // The exports: placements.csv and summary.csv end with the language and each aspect's text.
    let response = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    let files = unzip(&response.bytes().await.unwrap());
    let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).unwrap();
    for name in ["placements.csv", "summary.csv"] {
        let (header, rows) = table(&file(name));
        assert_eq!(&header[header.len() - 2..], ["second_language", "aspect_text_second"], "{name}");
        let aspect = header.iter().position(|h| h == "aspect_text").unwrap();
        for row in &rows {
            let welsh = if row[aspect] == "Holding patients" { "Dal cleifion" } else { "" };
            assert_eq!(row[row.len() - 2..], ["cy".to_string(), welsh.to_string()], "{name}: {row:?}");
        }
    }

    // "Save as template" carries it; a workshop made from the template has it again.
    let url = server.url(&app::api::urls::facilitator_template(&created.facilitator_secret));
    let template: app::api::WorkshopTemplate = reqwest::get(url).await.unwrap().json().await.unwrap_or_else(|_| {
        panic!("a workshop is saved as a template");
    });
    let saved = template.second_language.expect("the template has the second language");
    assert_eq!(saved.aspects, ["Dal cleifion", ""]);
    assert_eq!(saved.left_pole, "Sefydlog");

    // An archive imported on another server keeps it: its projector shows the Welsh too.
    let zip =
        reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap().bytes().await.unwrap();
    let other = TestServer::start().await;
    let response = reqwest::Client::new()
        .post(other.url(app::api::urls::RESEARCH_IMPORT))
        .bearer_auth(other.admin_key())
        .header("content-type", "application/zip")
        .body(zip.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let imported: app::api::ImportedWorkshop = response.json().await.unwrap();
    let (_, projected) = other.projector(imported.workshop_id).await;
    assert_eq!(
        projected.second_language.map(|s| s.aspects.into_values().collect::<Vec<_>>()),
        Some(vec!["Dal cleifion".to_string()])
    );
}

#[tokio::test]
async fn a_second_language_is_checked_like_the_first() {
    let server = TestServer::start().await;
    let mut body = bilingual(&["Holding patients"], &["Dal cleifion"]);
    body.second_language.as_mut().unwrap().language = "xx".into();
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 400);
    let error: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error["field"], app::api::SECOND_LANGUAGE_FIELD);
    assert!(error["error"].as_str().unwrap().contains("“xx” is not a language of this app"), "{error}");

    let mut body = bilingual(&["Holding patients"], &["Dal cleifion"]);
    body.second_language.as_mut().unwrap().question = "x".repeat(301);
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 400, "too long, like the first language's question");
    // Nothing was stored: the server has no workshop.
    let list = reqwest::Client::new()
        .get(server.url(app::api::urls::RESEARCH_WORKSHOPS))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 200);
    let list = list.text().await.unwrap();
    assert!(!list.contains("Holding") && !list.contains("Dal cleifion"), "{list}");
}

#[tokio::test]
async fn the_api_refuses_in_the_language_of_the_request() {
    let server = TestServer::start().await;
    let body = app::api::NewWorkshop { title: "  ".into(), ..crate::common::new_workshop(&["Holding patients"]) };
    let refusal = |request: reqwest::RequestBuilder| {
        let request = request.json(&body);
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 400);
            response.json::<serde_json::Value>().await.unwrap()
        }
    };
    let post = || reqwest::Client::new().post(server.url("/api/workshops"));
    let english = refusal(post()).await;
    assert_eq!(english["field"], "Title");
    assert_eq!(english["error"], "Title is empty: please write something.");
    let welsh = refusal(post().header("accept-language", "cy-GB, en;q=0.5")).await;
    assert_eq!(welsh["field"], "Title", "the field stays the form's identifier");
    assert_eq!(welsh["error"], app::domain::validate::InvalidInput::Empty { field: "Title" }.text(app::i18n::Lang::CY));
    assert_ne!(welsh["error"], english["error"]);
    let chosen = refusal(post().header("cookie", "lang=en").header("accept-language", "cy")).await;
    assert_eq!(chosen["error"], english["error"], "the device's choice wins over the browser's");
}
