//! The findings in an export: movement between rounds in `summary.csv` (hand-worked numbers,
//! an exact signed-rank p-value with ties) and the opinion groups in `groups.csv` (two camps,
//! in each round).

use crate::common::{TestServer, control, place};
use crate::research_exports::unzip;
use app::api::{CreatedWorkshop, GroupsAcross};
use app::domain::groups::Grouping;
use app::domain::{Control, Phase, Settings};
use app::protocol::ClientMsg;
use std::collections::BTreeSet;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen", "Caseload balance"];

fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

/// Eight pairs in two camps on three aspects; in round 2 they move the first aspect by 20,
/// 20, 20, 20, 0, −5, 3 and −12 points. Each pair wrote a note on the first aspect.
async fn two_camps(server: &TestServer) -> (CreatedWorkshop, Vec<Uuid>) {
    let created = server.create_workshop(ASPECTS).await;
    let (mut console, view) = server.facilitator(&created).await;
    let c: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let mut tablets = Vec::new();
    for n in 1..=8 {
        let joined = server.join(&created.join_code, &format!("Pair {n}")).await;
        tablets.push(server.pair(&joined).await.0);
    }
    // Round 1: pairs 1–4 near the left pole on every aspect, pairs 5–8 near the right.
    let first = [10.0, 12.0, 14.0, 16.0, 84.0, 86.0, 88.0, 90.0];
    for (n, (tablet, at)) in tablets.iter_mut().zip(first).enumerate() {
        for (i, card) in c.iter().enumerate() {
            tablet.acked(&place(*card, at + i as f64)).await;
        }
        let note = ClientMsg::SaveSheet {
            change_id: Uuid::new_v4(),
            card_id: c[0],
            intended: format!("Time to listen <{n}>"),
            unintended: String::new(),
            cant_place: None,
            language: None,
        };
        tablet.acked(&note).await;
    }
    console.acked(&control(Control::SetPhase { phase: Phase::Reveal })).await;
    console.acked(&control(Control::SetPhase { phase: Phase::SecondRound })).await;
    // Round 2, the first aspect only: differences 20, 20, 20, 20, 0, −5, 3, −12.
    let second = [30.0, 32.0, 34.0, 36.0, 84.0, 81.0, 91.0, 78.0];
    for (tablet, at) in tablets.iter_mut().zip(second) {
        tablet.acked(&place(c[0], at)).await;
    }
    (created, c)
}

#[tokio::test]
async fn summary_has_the_movement_between_rounds_and_groups_csv_the_opinion_groups() {
    let server = TestServer::start().await;
    let (created, c) = two_camps(&server).await;
    let zip = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    let files = unzip(&zip.bytes().await.unwrap());
    let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).unwrap();

    let summary = rows(&file("summary.csv"));
    let column = |name: &str| summary[0].iter().position(|c| c == name).unwrap();
    let row = summary.iter().find(|r| r[1] == "2" && r[2] == c[0].to_string()).expect("round 2 of the first aspect");
    let cell = |name: &str| row[column(name)].as_str();
    // Medians 50 → 57; IQRs 86.5 − 13.5 = 73 → 81.75 − 33.5 = 48.25 (type 7).
    assert_eq!((cell("median"), cell("median_change"), cell("iqr_change")), ("57", "7", "-24.75"));
    // |20| four times and |−12| are more than 10 points: 5 of 8.
    assert_eq!((cell("n_paired"), cell("share_moved_over_10")), ("8", "0.625"));
    // The zero is dropped (n = 7); mid-ranks 1, 2, 3, 5.5 × 4; V = 4 · 5.5 + 1 = 23. Of the
    // 2⁷ sign patterns, 7 give the negatives a rank sum ≤ 5: p = 2 · 7/128.
    assert_eq!(
        (cell("signed_rank_n"), cell("signed_rank_v"), cell("signed_rank_p"), cell("signed_rank_exact")),
        ("7", "23", "0.109375", "true")
    );
    let round_1 = summary.iter().find(|r| r[1] == "1" && r[2] == c[0].to_string()).unwrap();
    assert!(round_1[column("n_paired")..].iter().all(String::is_empty), "no movement on round 1: {round_1:?}");
    // Round 2 starts from each pair's round-1 board: an aspect nobody moved did not move.
    let untouched = summary.iter().find(|r| r[1] == "2" && r[2] == c[1].to_string()).unwrap();
    let cells = |names: &[&str]| names.iter().map(|n| untouched[column(n)].clone()).collect::<Vec<_>>();
    assert_eq!(cells(&["n_paired", "median_change", "share_moved_over_10"]), ["8", "0", "0"]);
    assert_eq!(cells(&["signed_rank_n", "signed_rank_p"]), ["", ""], "no test when every difference is 0");

    let groups = rows(&file("groups.csv"));
    assert_eq!(groups[0], server::research::tables::GROUP_COLUMNS);
    assert_eq!(groups.len(), 1 + 2 * 8, "a row per round × pair");
    let g = |name: &str| groups[0].iter().position(|c| c == name).unwrap();
    let round_1: Vec<&Vec<String>> = groups.iter().filter(|r| r[1] == "1").collect();
    let labels: Vec<(&str, &str)> = round_1.iter().map(|r| (r[2].as_str(), r[g("group")].as_str())).collect();
    // Each pair's reference beside its label, six characters, one per pair.
    let references: BTreeSet<&str> = round_1.iter().map(|r| r[g("pair_reference")].as_str()).collect();
    assert!(references.len() == 8 && references.iter().all(|r| r.len() == 6), "{references:?}");
    assert_eq!(
        labels,
        [
            ("Pair 1", "1"),
            ("Pair 2", "1"),
            ("Pair 3", "1"),
            ("Pair 4", "1"),
            ("Pair 5", "2"),
            ("Pair 6", "2"),
            ("Pair 7", "2"),
            ("Pair 8", "2")
        ]
    );
    let mean = |r: &Vec<String>| r[g("mean_silhouette")].parse::<f64>().unwrap();
    assert!(round_1.iter().all(|r| r[g("groups")] == "2" && mean(r) > 0.9), "{round_1:?}");
    // Two clear camps of four come back whole in (nearly) every bootstrap resample.
    assert!(round_1.iter().all(|r| r[g("stability")].parse::<f64>().unwrap() > 0.95), "{round_1:?}");
    let round_2: Vec<&str> = groups.iter().filter(|r| r[1] == "2").map(|r| r[g("group")].as_str()).collect();
    assert_eq!(round_2, ["1", "1", "1", "1", "2", "2", "2", "2"], "still two camps after the moves");
}

/// With opinion groups on the projector, the report shows them too, each group with its size
/// and its stability in words, the pairs unnamed.
#[tokio::test]
async fn the_room_report_shows_the_opinion_groups_and_how_stable_they_are() {
    let server = TestServer::start().await;
    let (created, _) = two_camps(&server).await;
    let (mut console, view) = server.facilitator(&created).await;
    let settings = Settings { show_groups: true, ..view.settings };
    console.acked(&control(Control::ChangeSettings { settings })).await;
    let report = reqwest::get(server.url(&format!("/f/{}/report", created.facilitator_secret))).await.unwrap();
    let html = report.text().await.unwrap();
    for part in [
        "<h2>Opinion groups</h2>",
        "<th scope=\"col\">Group 1 (4 pairs, stable)</th><th scope=\"col\">Group 2 (4 pairs, stable)</th>",
        // Round 2: the first aspect at 30, 32, 34, 36 → median 33; 84, 81, 91, 78 → 82.5.
        "<tr><th scope=\"row\">Holding patients</th><td>33</td><td>82.5</td></tr>",
        "weak: a pattern, but who belongs to it is doubtful",
    ] {
        assert!(html.contains(part), "the report lacks {part:?}: {html}");
    }
    assert!(!html.contains("Pair 3"), "pairs are never named in the groups");
}

#[tokio::test]
async fn the_room_report_is_a_page_of_the_findings_with_anonymous_notes() {
    let server = TestServer::start().await;
    let (created, _) = two_camps(&server).await;
    let report = reqwest::get(server.url(&format!("/f/{}/report", created.facilitator_secret))).await.unwrap();
    assert_eq!(report.status(), 200);
    assert_eq!(report.headers()["content-type"], "text/html; charset=utf-8");
    let policy = report.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(policy.contains("default-src 'none'") && policy.contains("style-src 'self'"), "{policy}");
    let html = report.text().await.unwrap();
    for part in [
        "<title>Room report: Knowledge exchange meeting</title>",
        "Where the room put each aspect (round 2)",
        "Where the room disagreed most",
        "How the room moved in the second round",
        // Holding patients: median 50 → 57, 5 of 8 pairs moved it more than 10.
        "<tr><th scope=\"row\">Holding patients</th><td>50 → 57</td><td>-24.8</td><td>5 of 8</td></tr>",
        "What the pairs wrote",
        "Time to listen &lt;0&gt;",
        "<svg",
    ] {
        assert!(html.contains(part), "the report lacks {part:?}");
    }
    assert!(!html.contains("Pair 3"), "notes are anonymous unless the workshop names them");
    assert!(!html.contains("Opinion groups"), "groups only when the workshop shows them on the projector");
    assert!(!html.contains("<script"), "the report runs no script");
    for secret in [&created.facilitator_secret, &created.join_code] {
        assert!(!html.contains(secret.as_str()));
    }
    let css = reqwest::get(server.url("/report.css")).await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert!(css.text().await.unwrap().contains("size: A4"));

    // The researchers' copy is the same page, with the admin key only.
    let path = format!("/research/report/{}", created.workshop_id);
    assert_eq!(reqwest::get(server.url(&path)).await.unwrap().status(), 401);
    let by_key = reqwest::Client::new().get(server.url(&path)).bearer_auth(server.admin_key()).send().await.unwrap();
    assert_eq!(by_key.status(), 200);
    assert_eq!(by_key.text().await.unwrap(), html);
    let wrong = reqwest::get(server.url("/f/nothing/report")).await.unwrap();
    assert_eq!(wrong.status(), 404);
}

#[tokio::test]
async fn opinion_groups_across_workshops_join_the_camps_of_both_sites() {
    let server = TestServer::start().await;
    let (first, _) = two_camps(&server).await;
    let (second, _) = two_camps(&server).await;
    let url = server.url(&format!("/api/research/compare/groups?ids={},{}", first.workshop_id, second.workshop_id));
    let answer = reqwest::Client::new().get(url).bearer_auth(server.admin_key()).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    let across: GroupsAcross = answer.json().await.unwrap();
    assert_eq!(across.aspects, ASPECTS, "the same three aspects at both sites, matched by text");
    assert_eq!(across.pairs.len(), 16);
    let Grouping::Groups(groups) = &across.grouping else { panic!("two camps: {:?}", across.grouping) };
    assert_eq!(groups.k, 2);
    // Round 1: pairs 1–4 of each workshop in one group, 5–8 in the other.
    let of: Vec<Option<usize>> = groups.members.iter().map(|m| m.group).collect();
    let left = [Some(1); 4];
    let right = [Some(2); 4];
    assert_eq!(of, [left, right, left, right].concat());
    assert_eq!(groups.group_medians[0][0], Some(13.0), "the left camp's median on the first aspect");

    let bad = reqwest::Client::new()
        .get(server.url(&format!("/api/research/compare/groups?ids={}&links=nonsense", first.workshop_id)))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}

/// The room report in Welsh, by `?lang=cy` (the console's second link) or by the browser's
/// `Accept-Language`: every heading, table head and sentence of the report is Welsh; an
/// unknown `?lang=` gives English.
#[tokio::test]
async fn the_room_report_speaks_welsh_when_asked() {
    let server = TestServer::start().await;
    let (created, _) = two_camps(&server).await;
    let (mut console, view) = server.facilitator(&created).await;
    let settings = Settings { show_groups: true, ..view.settings };
    console.acked(&control(Control::ChangeSettings { settings })).await;
    let path = format!("/f/{}/report", created.facilitator_secret);
    let get = |query: &str, accept_language: Option<&str>| {
        let mut request = reqwest::Client::new().get(server.url(&format!("{path}{query}")));
        if let Some(value) = accept_language {
            request = request.header("accept-language", value);
        }
        async move {
            let answer = request.send().await.unwrap();
            assert_eq!(answer.status(), 200);
            let language = answer.headers()["content-language"].to_str().unwrap().to_string();
            (language, answer.text().await.unwrap())
        }
    };
    let (language, english) = get("", None).await;
    assert_eq!(language, "en");
    assert!(english.contains("<html lang=\"en\">"));
    // The English report's headings, table heads and sentences (the workshop's own texts aside).
    let english_words = [
        "Room report",
        "Where the room put each aspect",
        "Where the room disagreed most",
        "How the room moved in the second round",
        "Opinion groups",
        "What the pairs wrote",
        "<th scope=\"col\">Aspect</th>",
        "<th scope=\"col\">Median</th>",
        "Middle half",
        "Pairs who moved it",
        "consensus",
        "stable)",
        "Intended:",
        "Notes are shown without pair names",
        "Made by Discretion Spectrum",
        "round 2",
        "8 pairs, 3 aspects, two rounds.",
    ];
    for words in english_words {
        assert!(english.contains(words), "the English report lacks {words:?}");
    }

    for (query, accept_language) in [("?lang=cy", None), ("", Some("cy-GB,cy;q=0.9,en;q=0.5"))] {
        let (language, welsh) = get(query, accept_language).await;
        assert_eq!(language, "cy", "{query} {accept_language:?}");
        for part in [
            "<html lang=\"cy\">",
            "<title>Adroddiad yr ystafell: Knowledge exchange meeting</title>",
            "<h2>Ble rhoddodd yr ystafell bob agwedd (rownd 2)</h2>",
            "<h2>Lle roedd yr ystafell yn anghytuno fwyaf</h2>",
            "<h2>Sut symudodd yr ystafell yn yr ail rownd</h2>",
            "<h2>Grwpiau barn</h2>",
            "<h2>Beth ysgrifennodd y parau</h2>",
            "8 pâr, 3 agwedd, dwy rownd.",
            "<th scope=\"col\">Grŵp 1 (4 pâr, cadarn)</th>",
            "<tr><th scope=\"row\">Holding patients</th><td>50 → 57</td><td>-24.8</td><td>5 o 8</td></tr>",
            "— rownd 2</text>",
            // The stability words of the group heads, explained in the hint.
            "Cadarn: mae'r grŵp yn dod yn ôl",
            // What the pairs wrote stays as they wrote it.
            "Time to listen &lt;0&gt;",
        ] {
            assert!(welsh.contains(part), "the Welsh report ({query} {accept_language:?}) lacks {part:?}: {welsh}");
        }
        for words in english_words {
            assert!(!welsh.contains(words), "the Welsh report ({query} {accept_language:?}) still has {words:?}");
        }
    }

    // An unknown language falls back: to the browser's, else to English.
    let (language, unknown) = get("?lang=xx", None).await;
    assert_eq!(language, "en");
    assert_eq!(unknown, english);
    let (language, _) = get("?lang=xx", Some("cy")).await;
    assert_eq!(language, "cy");
    // `?lang=en` wins over a Welsh browser.
    let (_, asked) = get("?lang=en", Some("cy")).await;
    assert_eq!(asked, english);
}
