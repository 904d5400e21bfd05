//! The `pair_reference` column: every export table that names a pair carries the pair's
//! reference beside its label, whether the export names pairs as typed or by references, read
//! back here with the `csv` crate by column name; a withdrawn pair's reference is nowhere; an
//! archive made before the column existed still imports, and exports again with it.

use std::collections::BTreeMap;

use crate::common::{TestServer, place};
use crate::research_exports::unzip;
use crate::research_import::{remanifest, zip_of};
use app::api::{ImportedWorkshop, Joined};
use app::protocol::ClientMsg;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];
/// The per-pair tables and the column before `pair_reference` in each.
const TABLES: [(&str, &str); 4] = [
    ("placements.csv", "pair_label"),
    ("notes.csv", "pair_label"),
    ("groups.csv", "pair_label"),
    ("events.csv", "actor"),
];

async fn export(server: &TestServer, id: Uuid, query: &str) -> BTreeMap<String, Vec<u8>> {
    let response = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{id}/export.zip{query}")))
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    unzip(&response.bytes().await.unwrap()).into_iter().collect()
}

/// A CSV file's header and rows, each row by column name.
fn table(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let text = std::str::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows =
        reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect();
    (header, rows)
}

/// Two pairs: each places, one writes a note and marks an aspect it cannot place.
async fn session(server: &TestServer) -> (Uuid, Vec<Joined>) {
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pâr ŵ B").await;
    let (mut tablet_a, view) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    tablet_a.acked(&place(cards[0], 20.0)).await;
    tablet_b.acked(&place(cards[0], 75.0)).await;
    tablet_b.acked(&place(cards[1], 40.0)).await;
    let sheet = |card_id, cant_place: Option<&str>| ClientMsg::SaveSheet {
        change_id: Uuid::new_v4(),
        card_id,
        intended: "More time with people".into(),
        unintended: String::new(),
        cant_place: cant_place.map(String::from),
        language: None,
    };
    tablet_a.acked(&sheet(cards[0], None)).await;
    tablet_a.acked(&sheet(cards[1], Some("It depends"))).await;
    for ws in [tablet_a, tablet_b] {
        ws.close().await;
    }
    (created.workshop_id, vec![a, b])
}

/// Checks every per-pair table of `files`: `pair_reference` right after its neighbour, and on
/// every row the reference of the pair the row names (`named`: the label the file uses for
/// it). Returns how many rows named a pair.
fn check_tables(files: &BTreeMap<String, Vec<u8>>, pairs: &[(String, String)]) -> usize {
    let mut named = 0;
    for (file, before) in TABLES {
        let (header, rows) = table(&files[file]);
        let at = header.iter().position(|c| c == "pair_reference").unwrap_or_else(|| panic!("{file}: {header:?}"));
        assert_eq!(header[at - 1], before, "{file}: {header:?}");
        for row in &rows {
            let reference = &row["pair_reference"];
            let name = &row[before];
            match pairs.iter().find(|(label, _)| label == name) {
                Some((_, expected)) => {
                    assert_eq!(reference, expected, "{file}: {row:?}");
                    named += 1;
                }
                // A pair_joined row (actor `system`) names its pair by reference only.
                None if file == "events.csv" && row["action"] == "pair_joined" => {
                    assert!(pairs.iter().any(|(_, r)| r == reference), "{row:?}");
                    named += 1;
                }
                None => assert!(reference.is_empty(), "{file}: a row about no pair has no reference: {row:?}"),
            }
        }
    }
    named
}

#[tokio::test]
async fn every_table_that_names_a_pair_carries_its_reference_as_typed_and_pseudonymised() {
    let server = TestServer::start().await;
    let (id, joined) = session(&server).await;
    let references: Vec<String> = joined.iter().map(|j| j.reference.clone().expect("a reference")).collect();

    // As typed: each label with its own reference.
    let files = export(&server, id, "").await;
    let typed: Vec<(String, String)> =
        joined.iter().zip(&references).map(|(j, r)| (j.label.clone(), r.clone())).collect();
    // placements 2 pairs × 2 aspects; notes 3 (two intended, one reason); groups 2; events:
    // 2 joins, 3 placements, 2 sheets.
    assert_eq!(check_tables(&files, &typed), 4 + 3 + 2 + 7);
    let (_, notes) = table(&files["notes.csv"]);
    assert!(notes.iter().all(|n| n["pair_label"] == "Pair A" && n["pair_reference"] == references[0]), "{notes:?}");
    let json: serde_json::Value = serde_json::from_slice(&files["workshop.json"]).unwrap();
    for (i, (label, reference)) in typed.iter().enumerate() {
        assert_eq!(
            (json["pairs"][i]["label"].as_str(), json["pairs"][i]["reference"].as_str()),
            (Some(&**label), Some(&**reference))
        );
    }
    for part in ["placements", "notes", "events"] {
        let rows = json[part].as_array().unwrap();
        assert!(rows.iter().all(|r| r.get("pair_reference").is_some()), "workshop.json's {part}");
    }
    assert_eq!(json["placements"][0]["pair_reference"], references[0].as_str());

    // Pseudonymised: the label is the reference, and the reference column says the same.
    let files = export(&server, id, "?pairs=references").await;
    let pseudonymised: Vec<(String, String)> = references.iter().map(|r| (r.clone(), r.clone())).collect();
    assert_eq!(check_tables(&files, &pseudonymised), 4 + 3 + 2 + 7);
    for file in ["placements.csv", "notes.csv", "groups.csv", "events.csv", "workshop.json"] {
        assert!(!String::from_utf8_lossy(&files[file]).contains("Pair A"), "{file} names no pair as typed");
    }

    // Withdrawn: the reference is in no row any more; the withdrawal row names no pair.
    let response = reqwest::Client::new()
        .post(server.url(&format!("/api/research/workshops/{id}/withdraw")))
        .bearer_auth(server.admin_key())
        .json(&serde_json::json!({ "reference": references[1] }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let files = export(&server, id, "").await;
    assert_eq!(check_tables(&files, &typed[..1]), 2 + 3 + 1 + 4);
    for (name, bytes) in &files {
        assert!(!String::from_utf8_lossy(bytes).contains(&references[1]), "{name} still names the withdrawn pair");
    }
    let (_, events) = table(&files["events.csv"]);
    let withdrawn = events.iter().find(|e| e["action"] == "pair_withdrawn").expect("a pair_withdrawn row");
    assert_eq!((withdrawn["actor"].as_str(), withdrawn["pair_reference"].as_str()), ("researcher", ""));
}

/// `bytes` (a CSV file an export wrote) without its `pair_reference` column, as an export
/// made before the column existed wrote it.
fn without_reference_column(bytes: &[u8]) -> Vec<u8> {
    let (header, rows) = table(bytes);
    let keep: Vec<&String> = header.iter().filter(|c| *c != "pair_reference").collect();
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(&keep).unwrap();
    for row in rows {
        writer.write_record(keep.iter().map(|c| row[*c].as_str())).unwrap();
    }
    writer.into_inner().unwrap()
}

#[tokio::test]
async fn an_archive_from_before_the_reference_columns_imports_and_exports_with_them() {
    let source = TestServer::start().await;
    let (id, joined) = session(&source).await;
    let response = reqwest::Client::new()
        .get(source.url(&format!("/api/research/workshops/{id}/export.zip")))
        .bearer_auth(source.admin_key())
        .send()
        .await
        .unwrap();
    let current = unzip(&response.bytes().await.unwrap());
    let tables = ["placements.csv", "events.csv", "summary.csv", "notes.csv", "groups.csv"];
    let older: Vec<(String, Vec<u8>)> = current
        .iter()
        .map(|(name, bytes)| {
            let changed = tables.contains(&name.as_str()) && name != "summary.csv";
            (name.clone(), if changed { without_reference_column(bytes) } else { bytes.clone() })
        })
        .collect();
    assert!(!String::from_utf8_lossy(&older[0].1).contains("pair_reference"));
    let older = zip_of(&remanifest(older, id));

    let target = TestServer::start().await;
    let response = reqwest::Client::new()
        .post(target.url("/api/research/import"))
        .bearer_auth(target.admin_key())
        .header("content-type", "application/zip")
        .body(older)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let imported: ImportedWorkshop = response.json().await.unwrap();
    assert_eq!(imported.workshop_id, id);
    // Exported again: the columns are back, every table as the source exports it.
    let again = export(&target, id, "").await;
    for (name, bytes) in current.iter().filter(|(n, _)| tables.contains(&n.as_str())) {
        assert_eq!(&again[name], bytes, "{name} as on the source");
    }
    let typed: Vec<(String, String)> = joined.iter().map(|j| (j.label.clone(), j.reference.clone().unwrap())).collect();
    assert_eq!(check_tables(&again, &typed), 4 + 3 + 2 + 7);
}
