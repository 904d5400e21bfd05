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
