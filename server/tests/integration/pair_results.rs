//! "Our results": `GET /api/pair/results` with a pair's token. Its positions and the room's
//! median and middle half are exactly those of `placements.csv` and `summary.csv`; the small
//! group guard hides the room's numbers; only the pair's own token opens them, only after the
//! reveal and while the facilitator allows it; a withdrawn pair is refused.

use crate::common::{TestServer, control, place};
use crate::research_exports::unzip;
use app::api::{CreatedWorkshop, Joined};
use app::domain::pair_results::PairResults;
use app::domain::{Control, Phase, Settings};
use app::protocol::ClientMsg;
use serde_json::Value;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

/// A CSV file's rows as maps from column to cell.
fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect())
        .collect()
}

fn number(cell: &str) -> Option<f64> {
    (!cell.is_empty()).then(|| cell.parse().expect("a number"))
}

async fn results(server: &TestServer, token: Option<&str>) -> (u16, Value) {
    let mut request = reqwest::Client::new().get(server.url("/api/pair/results"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    (status, response.json().await.expect("JSON, also when refused"))
}

async fn own(server: &TestServer, joined: &Joined) -> PairResults {
    let (status, body) = results(server, Some(&joined.token)).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

/// Four pairs; the first two aspects placed by all (pair 4 can't place the second), the
/// third by two pairs only (under the threshold of 3). Pair 1 wrote a note.
async fn four_pairs(server: &TestServer) -> (CreatedWorkshop, Vec<Joined>, Vec<Uuid>, crate::common::WsClient) {
    let created = server.create_workshop(ASPECTS).await;
    let (console, view) = server.facilitator(&created).await;
    let c: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let mut pairs = Vec::new();
    for (n, (first, second)) in [(10.0, 80.0), (30.0, 60.0), (45.5, 20.0), (90.0, -1.0)].into_iter().enumerate() {
        let joined = server.join(&created.join_code, &format!("Pair {}", n + 1)).await;
        let (mut tablet, _) = server.pair(&joined).await;
        tablet.acked(&place(c[0], first)).await;
        if second >= 0.0 {
            tablet.acked(&place(c[1], second)).await;
        } else {
            let sheet = ClientMsg::SaveSheet {
                change_id: Uuid::new_v4(),
                card_id: c[1],
                intended: String::new(),
                unintended: String::new(),
                cant_place: Some("It depends on the patient".into()),
                language: None,
            };
            tablet.acked(&sheet).await;
        }
        if n < 2 {
            tablet.acked(&place(c[2], 50.0 + n as f64)).await;
        }
        if n == 0 {
            let note = ClientMsg::SaveSheet {
                change_id: Uuid::new_v4(),
                card_id: c[0],
                intended: "Time to listen,\nand to follow up".into(),
                unintended: "Longer waits".into(),
                cant_place: None,
                language: None,
            };
            tablet.acked(&note).await;
        }
        tablet.close().await;
        pairs.push(joined);
    }
    (created, pairs, c, console)
}

#[tokio::test]
async fn a_pairs_results_are_the_exports_numbers_and_only_its_own() {
    let server = TestServer::start().await;
    let (created, pairs, c, mut console) = four_pairs(&server).await;

    // Before the reveal: a sentence, not the numbers.
    let (status, body) = results(&server, Some(&pairs[0].token)).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"].as_str().unwrap().contains("reveals"), "{body}");

    console.acked(&control(Control::SetPhase { phase: Phase::Reveal })).await;
    console.acked(&control(Control::SetPhase { phase: Phase::SecondRound })).await;
    // Round 2: pair 1 moves the first aspect from 10 to 35.5.
    let (mut tablet, _) = server.pair(&pairs[0]).await;
    tablet.acked(&place(c[0], 35.5)).await;
    tablet.close().await;

    let zip = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    let files = unzip(&zip.bytes().await.unwrap());
    let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).unwrap();
    let placements = csv_rows(&file("placements.csv"));
    let summary = csv_rows(&file("summary.csv"));

    for joined in &pairs {
        let mine = own(&server, joined).await;
        assert_eq!(mine.pair_label, joined.label, "another pair's token gets only its own results");
        assert_eq!(mine.reference, joined.reference);
        assert_eq!((mine.question.as_str(), mine.rounds, mine.aspects.len()), ("How much discretion?", 2, 3));
        for aspect in &mine.aspects {
            for r in &aspect.rounds {
                let round = r.round.to_string();
                let id = aspect.aspect_id.to_string();
                let row = placements
                    .iter()
                    .find(|p| p["round"] == round && p["aspect_id"] == id && p["pair_label"] == joined.label)
                    .unwrap();
                assert_eq!(r.position, number(&row["position"]), "{} {round} {}", joined.label, aspect.text);
                assert_eq!(r.cant_place, row["status"] == "can't place");
                assert_eq!(r.reason, row["reason"]);
                let stats = summary.iter().find(|s| s["round"] == round && s["aspect_id"] == id).unwrap();
                assert_eq!(r.n_placed.to_string(), stats["n_placed"]);
                if r.n_placed >= 3 {
                    let room = r.room.expect("the room's numbers at 3 pairs or more");
                    assert_eq!(Some(room.median), number(&stats["median"]));
                    assert_eq!((Some(room.q1), Some(room.q3)), (number(&stats["q1"]), number(&stats["q3"])));
                } else {
                    assert_eq!(r.room, None, "{} pairs is under the threshold", r.n_placed);
                }
            }
        }
    }
    let first = own(&server, &pairs[0]).await;
    assert_eq!(first.aspects[0].rounds[0].room.map(|r| r.median), Some(37.75));
    assert_eq!(first.aspects[0].moved, Some(25.5));
    assert_eq!(first.aspects[1].moved, Some(0.0), "round 2 starts from round 1");
    assert_eq!(first.aspects[0].intended, "Time to listen,\nand to follow up");
    assert_eq!(first.aspects[0].unintended, "Longer waits");
    let fourth = own(&server, &pairs[3]).await;
    assert_eq!((fourth.aspects[1].cant_place_reason(), fourth.aspects[1].moved), ("It depends on the patient", None));
    assert!(fourth.aspects[0].intended.is_empty(), "pair 1's note is not pair 4's");
}

trait CantPlace {
    fn cant_place_reason(&self) -> &str;
}

impl CantPlace for app::domain::pair_results::AspectResult {
    fn cant_place_reason(&self) -> &str {
        assert!(self.rounds[0].cant_place);
        &self.rounds[0].reason
    }
}

#[tokio::test]
async fn refused_without_its_token_when_turned_off_and_once_withdrawn() {
    let server = TestServer::start().await;
    let (created, pairs, _, mut console) = four_pairs(&server).await;
    console.acked(&control(Control::SetPhase { phase: Phase::Reveal })).await;

    let (status, body) = results(&server, None).await;
    assert_eq!(status, 401);
    assert!(body["error"].as_str().unwrap().contains("Authorization: Bearer"), "{body}");
    for wrong in ["not-a-token", &created.facilitator_secret, &server.admin_key()] {
        let (status, body) = results(&server, Some(wrong)).await;
        assert_eq!(status, 403, "{wrong}");
        assert!(body["error"].as_str().unwrap().contains("not a pair's token"), "{body}");
    }

    // "Pairs can see their results" off: refused with its name; on again: open.
    let off = Settings { pair_results: false, ..Settings::default() };
    console.acked(&control(Control::ChangeSettings { settings: off })).await;
    let (status, body) = results(&server, Some(&pairs[0].token)).await;
    assert_eq!(status, 403);
    assert!(body["error"].as_str().unwrap().contains("Pairs can see their results"), "{body}");
    console.acked(&control(Control::ChangeSettings { settings: Settings::default() })).await;
    assert_eq!(results(&server, Some(&pairs[0].token)).await.0, 200);

    // Closed: still open.
    console.acked(&control(Control::SetPhase { phase: Phase::Closed })).await;
    assert_eq!(results(&server, Some(&pairs[1].token)).await.0, 200);

    // Withdrawn: refused, with the sentence its tablet gets.
    let reference = pairs[2].reference.clone().unwrap();
    let withdrawn = reqwest::Client::new()
        .post(server.url(&format!("/api/research/workshops/{}/withdraw", created.workshop_id)))
        .bearer_auth(server.admin_key())
        .json(&serde_json::json!({ "reference": reference }))
        .send()
        .await
        .unwrap();
    assert_eq!(withdrawn.status(), 200);
    let (status, body) = results(&server, Some(&pairs[2].token)).await;
    assert_eq!(status, 403);
    assert!(body["error"].as_str().unwrap().contains("withdrawn"), "{body}");
    // The others' results no longer count it: 3 pairs placed the first aspect.
    let first = own(&server, &pairs[0]).await;
    assert_eq!(first.aspects[0].rounds[0].n_placed, 3);
}
