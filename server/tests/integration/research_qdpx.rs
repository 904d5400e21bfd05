//! "Download for NVivo (.qdpx)": the project of one workshop for the facilitator and the
//! researchers, one project across workshops, the same bytes every time, and every note a
//! selection spanning exactly its text. (The schema validation and the comparison with the
//! tables, by independent readers, are in `server/tests/check_qdpx.py`.)

use std::collections::BTreeMap;

use crate::common::{TestServer, place};
use crate::research_exports::unzip;
use app::api::CreatedWorkshop;
use app::protocol::ClientMsg;
use quick_xml::Reader;
use quick_xml::events::Event;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Caseload balance"];

/// Notes of every kind, with Welsh letters, curly quotes, a line break and an emoji.
const INTENDED: &str = "Amser i wrando, “yn iawn”\nar eu cyflymder 🙂";
const UNINTENDED: &str = "Rhestrau aros yn tyfu";
const REASON: &str = "Mae’n dibynnu ar y feddygfa";

/// A workshop of two pairs: A places both aspects and writes two notes on the first; B
/// cannot place the second. Returns the workshop and the notes' texts.
async fn workshop(server: &TestServer, site: &str) -> CreatedWorkshop {
    let mut body = crate::common::new_workshop(ASPECTS);
    body.site = site.into();
    let created: CreatedWorkshop = reqwest::Client::new()
        .post(server.url("/api/workshops"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    server.start_placing(&created).await;
    let a = server.join(&created.join_code, "Pâr ŵ A").await;
    let b = server.join(&created.join_code, "Pair B").await;
    let (mut tablet_a, view) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    tablet_a.acked(&place(cards[0], 12.5)).await;
    tablet_a.acked(&place(cards[1], 80.0)).await;
    let sheet = |card_id, intended: &str, unintended: &str, cant_place: Option<&str>| ClientMsg::SaveSheet {
        change_id: Uuid::new_v4(),
        card_id,
        intended: intended.into(),
        unintended: unintended.into(),
        cant_place: cant_place.map(String::from),
        language: None,
    };
    tablet_a.acked(&sheet(cards[0], INTENDED, UNINTENDED, None)).await;
    tablet_b.acked(&sheet(cards[1], "", "", Some(REASON))).await;
    created
}

async fn get(server: &TestServer, path: &str, key: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(server.url(path));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    request.send().await.unwrap()
}

async fn bytes_of(response: reqwest::Response) -> Vec<u8> {
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains(".qdpx\""), "{disposition}");
    response.bytes().await.unwrap().to_vec()
}

/// The project's cases by name, and each selection's text (cut from its source by code
/// points) with the names of its codes.
fn read(qdpx: &[u8]) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let files: BTreeMap<String, Vec<u8>> = unzip(qdpx).into_iter().collect();
    let xml = std::str::from_utf8(&files["project.qde"]).unwrap();
    let mut reader = Reader::from_str(xml);
    let (mut codes, mut cases, mut selections) = (BTreeMap::new(), Vec::new(), Vec::new());
    let mut source: Vec<char> = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> String {
        e.try_get_attribute(name).unwrap().map(|a| a.unescape_value().unwrap().into_owned()).unwrap_or_default()
    };
    let mut current: Option<(usize, usize, Vec<String>)> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"Code" => {
                    codes.insert(attr(&e, "guid"), attr(&e, "name"));
                }
                b"Case" => cases.push(attr(&e, "name")),
                b"TextSource" => {
                    let path = attr(&e, "plainTextPath").replace("internal://", "sources/");
                    source = std::str::from_utf8(&files[&path]).unwrap().chars().collect();
                }
                b"PlainTextSelection" => {
                    let at = |name| attr(&e, name).parse::<usize>().unwrap();
                    current = Some((at("startPosition"), at("endPosition"), Vec::new()));
                }
                b"CodeRef" if current.is_some() => {
                    let name = codes[&attr(&e, "targetGUID")].clone();
                    current.as_mut().unwrap().2.push(name);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"PlainTextSelection" => {
                let (start, end, mut coded) = current.take().unwrap();
                coded.sort();
                selections.push((source[start..end].iter().collect(), coded));
            }
            _ => {}
        }
    }
    (cases, selections)
}

#[tokio::test]
async fn each_note_is_a_coded_selection_of_its_pairs_source_and_re_export_gives_the_same_bytes() {
    let server = TestServer::start().await;
    let created = workshop(&server, "Caerdydd").await;
    let console = &created.console_path;
    let first = bytes_of(get(&server, &format!("{console}/notes.qdpx"), None).await).await;
    let again = bytes_of(get(&server, &format!("{console}/notes.qdpx"), None).await).await;
    assert_eq!(first, again, "byte-identical on re-export");
    // The same file is in the complete export, beside codebook.qdc.
    let zip = get(&server, &format!("{console}/export.zip"), None).await.bytes().await.unwrap();
    let files: BTreeMap<String, Vec<u8>> = unzip(&zip).into_iter().collect();
    assert_eq!(files["notes.qdpx"], first);
    assert!(std::str::from_utf8(&files["codebook.qdc"]).unwrap().contains("urn:QDA-XML:codebook:1.0"));
    // And the researchers get it too, with the admin key only.
    let path = format!("/api/research/workshops/{}/notes.qdpx", created.workshop_id);
    let refused = get(&server, &path, None).await;
    assert_eq!(refused.status(), 401);
    assert!(refused.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    assert_eq!(bytes_of(get(&server, &path, Some(&server.admin_key())).await).await, first);

    let (cases, selections) = read(&first);
    assert_eq!(cases, ["Pâr ŵ A", "Pair B"]);
    let coded = |text: &str, aspect: &str, kind: &str| {
        let mut codes = vec![aspect.to_string(), kind.to_string()];
        codes.sort();
        (text.to_string(), codes)
    };
    assert_eq!(
        selections,
        [
            coded(INTENDED, "Holding patients", "Intended outcome"),
            coded(UNINTENDED, "Holding patients", "Unintended outcome"),
            coded(REASON, "Caseload balance", "Can't place – reason"),
        ]
    );
}

#[tokio::test]
async fn several_workshops_are_one_project_and_bad_choices_are_refused_with_a_sentence() {
    let server = TestServer::start().await;
    let key = server.admin_key();
    let (north, south) = (workshop(&server, "North").await, workshop(&server, "South").await);
    let ids = format!("{},{}", north.workshop_id, south.workshop_id);
    let project = bytes_of(get(&server, &format!("/api/research/export.qdpx?ids={ids}"), Some(&key)).await).await;
    let (cases, selections) = read(&project);
    let date = chrono::Utc::now().format("%Y-%m-%d");
    assert_eq!(
        cases,
        [
            format!("Pâr ŵ A (North, {date})"),
            format!("Pair B (North, {date})"),
            format!("Pâr ŵ A (South, {date})"),
            format!("Pair B (South, {date})"),
        ]
    );
    assert_eq!(selections.len(), 6);

    for (query, status, words) in [
        ("ids=not-an-id", 400, "is not a workshop id"),
        ("ids=", 400, "Choose at least one workshop"),
        (&format!("ids={}", Uuid::new_v4()) as &str, 404, "There is no workshop"),
    ] {
        let response = get(&server, &format!("/api/research/export.qdpx?{query}"), Some(&key)).await;
        assert_eq!(response.status(), status, "{query}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().contains(words), "{query}: {body}");
    }
    assert_eq!(get(&server, &format!("/api/research/export.qdpx?ids={ids}"), None).await.status(), 401);
    let wrong = get(&server, "/f/not-a-console-secret/notes.qdpx", None).await;
    assert_eq!(wrong.status(), 404);
    assert!(wrong.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
}
