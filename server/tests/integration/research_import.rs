//! Bringing a workshop from one server to another: its export archive is imported on a
//! second server (a second database), which then exports the same tables byte for byte,
//! lists, replays and compares it; a second import is a 409; a changed, missing, added or
//! mixed-in file is a 422 naming the problem, and nothing is created.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use crate::common::{TestServer, control, place};
use crate::consent;
use crate::research_exports::unzip;
use app::api::{ApiError, CreatedWorkshop, ImportedWorkshop, ResearchWorkshop};
use app::domain::{Control, Phase};
use app::protocol::ClientMsg;
use reqwest::StatusCode;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "=Where people are seen", "Caseload balance, \"wellbeing\" 🙂"];
/// The files that must come back byte for byte.
const TABLES: [&str; 6] = ["placements.csv", "events.csv", "summary.csv", "notes.csv", "consent.csv", "workshop.json"];

/// A session with an information sheet (two versions, every pair's consent), two rounds, a
/// note, a "can't place", a pair's own aspect, a merge and a removed pair; returns the
/// workshop.
async fn session(server: &TestServer, title_suffix: &str) -> CreatedWorkshop {
    let mut body = crate::common::new_workshop(ASPECTS);
    body.consent_sheet = Some(consent::sheet("1"));
    body.title = format!("Import test {title_suffix}");
    body.site = format!("Site {title_suffix}");
    let created: CreatedWorkshop = reqwest::Client::new()
        .post(server.url("/api/workshops"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let a = consent::join_agreeing(server, &created.join_code, "Pair A — Siân", "1", 2).await;
    let b = consent::join_agreeing(server, &created.join_code, "Pair B", "1", 1).await;
    let gone = consent::join_agreeing(server, &created.join_code, "Pair C", "1", 4).await;
    let (mut console, view) = server.facilitator(&created).await;
    console.acked(&control(Control::SetPhase { phase: Phase::Placing })).await;
    let c: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let (mut tablet_a, _) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    let (mut tablet_c, _) = server.pair(&gone).await;
    tablet_a.acked(&place(c[0], 10.0)).await;
    tablet_a.acked(&place(c[1], 20.5)).await;
    tablet_a.acked(&place(c[0], 40.0)).await;
    tablet_b.acked(&place(c[0], 80.0)).await;
    tablet_c.acked(&place(c[2], 55.0)).await;
    let sheet = |card_id, cant_place: Option<&str>| ClientMsg::SaveSheet {
        change_id: Uuid::new_v4(),
        card_id,
        intended: "Time to listen,\r\n\"properly\"".into(),
        unintended: "=Waiting lists grow".into(),
        cant_place: cant_place.map(String::from),
        language: None,
    };
    tablet_a.acked(&sheet(c[0], None)).await;
    tablet_b.acked(&sheet(c[2], Some("It depends on the GP"))).await;
    let written = Uuid::new_v4();
    tablet_b
        .acked(&ClientMsg::AddCard { change_id: Uuid::new_v4(), card_id: written, text: "Home visits".into() })
        .await;
    tablet_b.acked(&place(written, 35.0)).await;
    console.acked(&control(Control::RemovePair { pair_id: gone.pair_id })).await;
    console.acked(&control(Control::SetPhase { phase: Phase::Reveal })).await;
    console.acked(&control(Control::SetPhase { phase: Phase::SecondRound })).await;
    tablet_a.acked(&place(c[0], 60.0)).await;
    tablet_b.acked(&place(c[0], 70.0)).await;
    tablet_b.acked(&place(c[1], 30.0)).await;
    assert_eq!(consent::put_sheet(server, &created, &consent::sheet("2")).await.status(), 200);
    tablet_a.acked(&ClientMsg::GiveConsent { change_id: Uuid::new_v4(), answer: consent::agreed("2", 2) }).await;
    console.acked(&control(Control::MergeCards { from: written, into: c[1] })).await;
    for ws in [console, tablet_a, tablet_b, tablet_c] {
        ws.close().await;
    }
    created
}

async fn export_of(server: &TestServer, id: Uuid) -> Vec<u8> {
    let response = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{id}/export.zip")))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.bytes().await.unwrap().to_vec()
}

async fn import(server: &TestServer, zip: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .post(server.url("/api/research/import"))
        .bearer_auth(server.admin_key())
        .header("content-type", "application/zip")
        .body(zip)
        .send()
        .await
        .unwrap()
}

async fn listed(server: &TestServer) -> Vec<ResearchWorkshop> {
    reqwest::Client::new()
        .get(server.url("/api/research/workshops"))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn refusal(response: reqwest::Response, status: StatusCode) -> String {
    assert_eq!(response.status(), status);
    response.json::<ApiError>().await.expect("a JSON error").error
}

/// A zip of `files`, in order, as an export writes them.
pub(crate) fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `files` with `manifest.json` rewritten to match the others, as a careful forger would.
pub(crate) fn remanifest(mut files: Vec<(String, Vec<u8>)>, workshop: Uuid) -> Vec<(String, Vec<u8>)> {
    let manifest = files.iter().position(|(n, _)| n == "manifest.json").unwrap();
    let listed: Vec<(&str, Vec<u8>)> = files[..manifest].iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let rewritten = server::research::archive::manifest_json(workshop, &listed).unwrap();
    files[manifest].1 = rewritten;
    files
}

fn by_name(files: &[(String, Vec<u8>)]) -> BTreeMap<&str, &[u8]> {
    files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect()
}

#[tokio::test]
async fn an_imported_workshop_exports_the_same_tables_and_is_listed_replayed_and_compared() {
    let source = TestServer::start().await;
    let created = session(&source, "1").await;
    let archive = export_of(&source, created.workshop_id).await;

    let target = TestServer::start().await;
    let here = target.create_workshop(ASPECTS).await; // a workshop made on the second server
    let response = import(&target, archive.clone()).await;
    assert_eq!(response.status(), 201);
    let imported: ImportedWorkshop = response.json().await.unwrap();
    assert_eq!(imported.workshop_id, created.workshop_id, "it keeps its id");
    assert_eq!((imported.title.as_str(), imported.site.as_str()), ("Import test 1", "Site 1"));

    let again = export_of(&target, created.workshop_id).await;
    let (before, after) = (unzip(&archive), unzip(&again));
    let (before, after) = (by_name(&before), by_name(&after));
    for table in TABLES {
        assert_eq!(before[table], after[table], "{table} is byte-identical after the import");
    }
    assert_eq!(before["event-log.json"], after["event-log.json"], "the stored record came across whole");
    let consent = std::str::from_utf8(after["consent.csv"]).unwrap();
    assert_eq!(consent.lines().count(), 1 + 2 * 2 + 2 + 2 * 2, "versions 1 and 2 of Pair A, version 1 of Pair B");
    let notes = std::str::from_utf8(after["notes.csv"]).unwrap();
    assert!(notes.contains("It depends on the GP") && notes.contains("'=Waiting lists grow"), "{notes}");
    assert!(notes.contains("\"Time to listen,\n\"\"properly\"\"\""), "a note keeps its line break, quoted: {notes}");
    let summary = std::str::from_utf8(after["summary.csv"]).unwrap();
    assert!(summary.lines().any(|l| l.contains(",2,")), "round 2 is in the summary: {summary}");

    // Listed beside the workshop made here.
    let list = listed(&target).await;
    let ids: Vec<Uuid> = list.iter().map(|w| w.id).collect();
    assert!(ids.contains(&created.workshop_id) && ids.contains(&here.workshop_id), "{ids:?}");
    let entry = list.iter().find(|w| w.id == created.workshop_id).unwrap();
    assert_eq!((entry.pairs, entry.aspects), (2, 3), "the removed pair stays removed");

    // Replayable, step for step as on the source.
    let replay = |server: &TestServer| {
        let url = server.url(&format!("/api/research/workshops/{}/replay", created.workshop_id));
        let key = server.admin_key();
        async move { reqwest::Client::new().get(url).bearer_auth(key).send().await.unwrap() }
    };
    let (from_source, from_target) = (replay(&source).await, replay(&target).await);
    assert_eq!(from_target.status(), 200);
    assert_eq!(from_source.text().await.unwrap(), from_target.text().await.unwrap());

    // Comparable with the workshop created here: both in one comparison.
    let url = target.url(&format!("/api/research/compare?ids={},{}", created.workshop_id, here.workshop_id));
    let compared = reqwest::Client::new().get(url).bearer_auth(target.admin_key()).send().await.unwrap();
    assert_eq!(compared.status(), 200);
    let body = compared.text().await.unwrap();
    assert!(body.contains("Site 1") && body.contains("Holding patients"), "{body}");

    // No console until one is issued; then the new link works and gives the same CSV.
    let console = target.url(&format!("/f/{}/placements.csv", created.facilitator_secret));
    assert_eq!(reqwest::get(console).await.unwrap().status(), 404, "the source's secret does not travel");
    let issued = reqwest::Client::new()
        .post(target.url(&format!("/api/research/workshops/{}/console", created.workshop_id)))
        .bearer_auth(target.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(issued.status(), 201);
    let issued: CreatedWorkshop = issued.json().await.unwrap();
    let csv = reqwest::get(target.url(&format!("{}/placements.csv", issued.console_path))).await.unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(&csv.bytes().await.unwrap()[..], before["placements.csv"]);
    let (_, view) = target.facilitator(&issued).await;
    assert_eq!((view.phase, view.round), (Phase::SecondRound, 2));

    // Importing it again changes nothing.
    let twice = refusal(import(&target, archive).await, StatusCode::CONFLICT).await;
    assert!(twice.contains("already on this server"), "{twice}");
    assert_eq!(listed(&target).await.len(), 2);
}

#[tokio::test]
async fn a_changed_missing_added_or_mixed_in_file_is_refused_by_name_and_nothing_is_created() {
    let source = TestServer::start().await;
    let first = session(&source, "1").await;
    let other = session(&source, "2").await;
    let files = unzip(&export_of(&source, first.workshop_id).await);
    let other_files = unzip(&export_of(&source, other.workshop_id).await);
    let target = TestServer::start().await;

    let changed = |name: &str, edit: &dyn Fn(&mut Vec<u8>)| {
        let mut files = files.clone();
        let (_, bytes) = files.iter_mut().find(|(n, _)| n == name).unwrap();
        edit(bytes);
        files
    };
    let flip_last = |bytes: &mut Vec<u8>| {
        let last = bytes.len() - 2;
        bytes[last] ^= 0x01;
    };
    // The other workshop's placements.csv with the manifest rewritten to match it: only the
    // replay can tell.
    let mixed = {
        let mut files = files.clone();
        let theirs = by_name(&other_files)["placements.csv"].to_vec();
        files.iter_mut().find(|(n, _)| n == "placements.csv").unwrap().1 = theirs;
        remanifest(files, first.workshop_id)
    };
    // A position off the spectrum, with the manifest rewritten to match.
    let off_the_spectrum = {
        let mut files = files.clone();
        let log = files.iter_mut().find(|(n, _)| n == "event-log.json").unwrap();
        let text = String::from_utf8(log.1.clone()).unwrap();
        assert!(text.contains("\"position\":10.0"), "the first placement is in the log");
        log.1 = text.replace("\"position\":10.0", "\"position\":1000.0").into_bytes();
        remanifest(files, first.workshop_id)
    };
    let mut missing = files.clone();
    missing.retain(|(n, _)| n != "notes.csv");
    let mut added = files.clone();
    added.push(("extra.txt".into(), b"hello".to_vec()));
    let mut no_manifest = files.clone();
    no_manifest.retain(|(n, _)| n != "manifest.json");
    let mut their_log = files.clone();
    their_log.iter_mut().find(|(n, _)| n == "event-log.json").unwrap().1 =
        by_name(&other_files)["event-log.json"].to_vec();

    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a byte of placements.csv",
            zip_of(&changed("placements.csv", &flip_last)),
            "placements.csv does not match its checksum",
        ),
        (
            "a byte of the workbook",
            zip_of(&changed("workshop.xlsx", &flip_last)),
            "workshop.xlsx does not match its checksum",
        ),
        (
            "a byte of event-log.json",
            zip_of(&changed("event-log.json", &flip_last)),
            "event-log.json does not match its checksum",
        ),
        ("a missing file", zip_of(&missing), "notes.csv is listed in manifest.json but missing"),
        ("an added file", zip_of(&added), "extra.txt is in the archive but not in manifest.json"),
        ("no manifest", zip_of(&no_manifest), "no manifest.json"),
        ("another workshop's event log", zip_of(&their_log), "event-log.json does not match its checksum"),
        (
            "another workshop's placements",
            zip_of(&mixed),
            "placements.csv does not match what the archive's event log gives",
        ),
        ("not a zip", b"PK\x03\x04 not really".to_vec(), "not a readable zip"),
        ("a position off the spectrum", zip_of(&off_the_spectrum), "outside the spectrum (0 to 100)"),
    ];
    for (what, zip, says) in cases {
        let message = refusal(import(&target, zip).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(message.contains(says), "{what}: {message}");
        assert!(message.ends_with("Nothing was imported."), "{what}: {message}");
        assert!(listed(&target).await.is_empty(), "{what}: nothing was created");
    }

    // Only a zip, only with the admin key.
    let as_json = reqwest::Client::new()
        .post(target.url("/api/research/import"))
        .bearer_auth(target.admin_key())
        .header("content-type", "application/json")
        .body(zip_of(&files))
        .send()
        .await
        .unwrap();
    assert!(refusal(as_json, StatusCode::UNSUPPORTED_MEDIA_TYPE).await.contains("application/zip"));
    let anonymous = reqwest::Client::new()
        .post(target.url("/api/research/import"))
        .header("content-type", "application/zip")
        .body(zip_of(&files))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert!(listed(&target).await.is_empty());

    // The untouched files, rezipped, import fine: the checks are on the files, not the zip.
    assert_eq!(import(&target, zip_of(&files)).await.status(), 201);
}
