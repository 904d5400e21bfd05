//! The research exports: every file's exact contents after real websocket changes, identical
//! bytes on every export and after a restart, and no secrets inside.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::common::{TestServer, place};
use app::api::{CreatedWorkshop, Joined};
use app::protocol::ClientMsg;
use uuid::Uuid;

const ASPECTS: &[&str] = &["Holding patients", "=Where people are seen", "Caseload balance, \"wellbeing\" 🙂"];
const BOM: &str = "\u{feff}";

/// The unzipped files of an export, by name, in zip order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().expect("a file name").to_string(), content)
        })
        .collect()
}

async fn get_zip(server: &TestServer, path: &str) -> Vec<u8> {
    let response = reqwest::get(server.url(path)).await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "application/zip");
    response.bytes().await.unwrap().to_vec()
}

struct Scenario {
    created: CreatedWorkshop,
    a: Joined,
    b: Joined,
    cards: Vec<Uuid>,
}

/// Two pairs; A places, moves; B places, unplaces, places. See the expected files below.
async fn scenario(server: &TestServer) -> Scenario {
    let created = server.create_workshop(ASPECTS).await;
    let a = server.join(&created.join_code, "Pair A").await;
    let b = server.join(&created.join_code, "Pâr ŵ B").await;
    let (mut tablet_a, view) = server.pair(&a).await;
    let (mut tablet_b, _) = server.pair(&b).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    tablet_a.acked(&place(cards[0], 10.0)).await; // seq 5
    tablet_a.acked(&place(cards[1], 20.0)).await; // 6
    tablet_a.acked(&place(cards[0], 15.5)).await; // 7, a move
    tablet_b.acked(&place(cards[2], 90.0)).await; // 8
    tablet_b.acked(&place(cards[1], 50.0)).await; // 9
    tablet_b.acked(&ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: cards[1] }).await; // 10
    let last = tablet_b.acked(&place(cards[0], 80.0)).await; // 11
    assert_eq!(last, 11);
    Scenario { created, a, b, cards }
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

/// RFC 4180 quoting of one field.
fn quoted(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

fn is_iso_utc_ms(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok() && s.len() == 24 && s.ends_with('Z')
}

#[tokio::test]
async fn every_file_has_exactly_the_expected_contents() {
    let server = TestServer::start().await;
    let Scenario { created, cards, .. } = scenario(&server).await;
    let zip = get_zip(&server, &format!("{}/export.zip", created.console_path)).await;
    let files = unzip(&zip);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "placements.csv",
            "events.csv",
            "summary.csv",
            "notes.csv",
            "groups.csv",
            "consent.csv",
            "workshop.json",
            "event-log.json",
            "codebook.md",
            "notes.qdpx",
            "codebook.qdc",
            "workshop.xlsx",
            "chart.svg",
            "chart.png",
            "manifest.json"
        ]
    );
    let file: BTreeMap<&str, &[u8]> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();

    // Each pair's reference (workshop.json's pairs): every table names the pair by it too.
    let described: serde_json::Value = serde_json::from_slice(file["workshop.json"]).unwrap();
    let reference = |i: usize| described["pairs"][i]["reference"].as_str().expect("a reference").to_string();
    let (ra, rb) = (reference(0), reference(1));
    assert!(ra.len() == 6 && rb.len() == 6 && ra != rb, "{ra} {rb}");

    // events.csv: timestamps checked by form and order, then used to build the other files.
    let events = text(file["events.csv"]);
    assert!(events.starts_with(BOM));
    let mut reader = csv::Reader::from_reader(&events.as_bytes()[3..]);
    let at: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(at.len(), 11);
    assert!(at.iter().all(|t| is_iso_utc_ms(t)), "{at:?}");
    assert!(at.windows(2).all(|w| w[0] <= w[1]), "timestamps follow the sequence: {at:?}");
    let at = |seq: usize| at[seq - 1].as_str();
    let created_json = serde_json::json!({
        "title": "Knowledge exchange meeting", "site": "Site 3", "question": "How much discretion?",
        "left_pole": "Fixed", "right_pole": "Flexible", "aspects": ASPECTS,
    })
    .to_string();
    let where_seen = "'=Where people are seen";
    let caseload = quoted(ASPECTS[2]);
    let expected_events = [
        "seq,at,actor,pair_reference,action,aspect_text,before,after".to_string(),
        format!("1,{},facilitator,,workshop_created,,,{}", at(1), quoted(&created_json)),
        format!(
            "2,{},facilitator,,phase_changed,,{},{}",
            at(2),
            quoted(r#"{"phase":"Joining"}"#),
            quoted(r#"{"phase":"Placing"}"#)
        ),
        format!("3,{},system,{ra},pair_joined,,,{}", at(3), quoted(r#"{"label":"Pair A"}"#)),
        format!("4,{},system,{rb},pair_joined,,,{}", at(4), quoted(r#"{"label":"Pâr ŵ B"}"#)),
        format!("5,{},Pair A,{ra},placed,Holding patients,,10", at(5)),
        format!("6,{},Pair A,{ra},placed,{where_seen},,20", at(6)),
        format!("7,{},Pair A,{ra},moved,Holding patients,10,15.5", at(7)),
        format!("8,{},Pâr ŵ B,{rb},placed,{caseload},,90", at(8)),
        format!("9,{},Pâr ŵ B,{rb},placed,{where_seen},,50", at(9)),
        format!("10,{},Pâr ŵ B,{rb},unplaced,{where_seen},50,", at(10)),
        format!("11,{},Pâr ŵ B,{rb},placed,Holding patients,,80", at(11)),
    ];
    assert_eq!(events, format!("{BOM}{}\n", expected_events.join("\n")));

    let wid = created.workshop_id;
    let date = &at(1)[..10];
    let head = format!("{wid},Knowledge exchange meeting,Site 3,{date},1");
    let (c0, c1, c2) = (cards[0], cards[1], cards[2]);
    let expected_placements = [
        "workshop_id,title,site,date,round,pair_label,pair_reference,aspect_id,aspect_text,aspect_author,position,status,\
         reason,intended_outcome,unintended_outcome,first_placed_at,last_moved_at,moves,template_id,template_aspect_id,\
         second_language,aspect_text_second"
            .to_string(),
        // No template and no second language: the last four columns empty.
        format!("{head},Pair A,{ra},{c0},Holding patients,facilitator,15.5,placed,,,,{},{},1,,,,", at(5), at(7)),
        format!("{head},Pair A,{ra},{c1},{where_seen},facilitator,20,placed,,,,{},{},0,,,,", at(6), at(6)),
        format!("{head},Pair A,{ra},{c2},{caseload},facilitator,,not placed,,,,,,,,,,"),
        format!("{head},Pâr ŵ B,{rb},{c0},Holding patients,facilitator,80,placed,,,,{},{},0,,,,", at(11), at(11)),
        format!("{head},Pâr ŵ B,{rb},{c1},{where_seen},facilitator,,not placed,,,,,,,,,,"),
        format!("{head},Pâr ŵ B,{rb},{c2},{caseload},facilitator,90,placed,,,,{},{},0,,,,", at(8), at(8)),
    ];
    assert_eq!(text(file["placements.csv"]), format!("{BOM}{}\n", expected_placements.join("\n")));

    // Holding patients: 15.5 and 80. Type 7 with n = 2: q1 = 15.5 + 0.25·64.5 = 31.625,
    // median 47.75, q3 = 15.5 + 0.75·64.5 = 63.875; sd = √(2·32.25²) = √2080.125;
    // bins (1, 0, 0, 0, 1): consensus 0 (an even split between the extreme bins).
    let expected_summary = [
        "workshop_id,round,aspect_id,aspect_text,n_placed,n_cant_place,median,q1,q3,mean,sd,consensus,\
         consensus_bins,split,n_paired,median_change,iqr_change,share_moved_over_10,signed_rank_n,\
         signed_rank_v,signed_rank_p,signed_rank_exact,second_language,aspect_text_second"
            .to_string(),
        // One round: no movement; no second language.
        format!("{wid},1,{c0},Holding patients,2,0,47.75,31.625,63.875,47.75,45.608387386532314,0,5,false,,,,,,,,,,"),
        format!("{wid},1,{c1},{where_seen},1,0,20,20,20,20,,1,5,false,,,,,,,,,,"),
        format!("{wid},1,{c2},{caseload},1,0,90,90,90,90,,1,5,false,,,,,,,,,,"),
    ];
    assert_eq!(text(file["summary.csv"]), format!("{BOM}{}\n", expected_summary.join("\n")));
    assert_eq!(
        text(file["notes.csv"]),
        format!("{BOM}workshop_id,round,pair_label,pair_reference,aspect_id,aspect_text,kind,text,language\n")
    );
    // Two pairs are too few for opinion groups: each row says so.
    let no_groups = "Opinion groups need at least 6 pairs";
    let groups = text(file["groups.csv"]);
    assert!(groups.starts_with(&format!(
        "{BOM}workshop_id,round,pair_label,pair_reference,group,pc1,pc2,silhouette,groups,mean_silhouette,note,stability\n{wid},1,Pair A,{ra},,,,,,,{no_groups}"
    )), "{groups}");
    assert_eq!(groups.lines().count(), 3);

    // workshop.json: typed values, text as typed, the same rows.
    let json: serde_json::Value = serde_json::from_slice(file["workshop.json"]).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["workshop"]["id"], wid.to_string());
    assert_eq!(json["workshop"]["date"], date);
    assert_eq!(json["rounds"], serde_json::json!([1]));
    assert_eq!(json["aspects"][1]["text"], "=Where people are seen");
    assert!(json["workshop"]["template_id"].is_null() && json["aspects"][1]["template_aspect_id"].is_null());
    assert_eq!(json["pairs"][1]["label"], "Pâr ŵ B");
    let placements = json["placements"].as_array().unwrap();
    assert_eq!(placements.len(), 6);
    assert_eq!(placements[0]["position"], 15.5);
    assert_eq!(placements[0]["moves"], 1);
    assert_eq!(placements[0]["first_placed_at"], at(5));
    assert_eq!(placements[2]["position"], serde_json::Value::Null);
    assert_eq!(placements[2]["status"], "not placed");
    assert_eq!(json["summary"][0]["sd"], 45.608387386532314);
    assert_eq!(json["summary"][0]["split"], false);
    assert_eq!(json["events"].as_array().unwrap().len(), 11);
    assert_eq!(json["events"][6]["before"], 10.0);
    assert_eq!(json["notes"], serde_json::json!([]));

    assert_eq!(text(file["codebook.md"]), include_str!("../../src/research/codebook.md"));

    // workshop.xlsx: a real workbook with the five sheets and no formula anywhere.
    let sheets = unzip(file["workshop.xlsx"]);
    let workbook = sheets.iter().find(|(n, _)| n == "xl/workbook.xml").expect("workbook.xml");
    for name in ["workshop", "placements", "events", "summary", "notes", "consent"] {
        assert!(text(&workbook.1).contains(&format!("name=\"{name}\"")), "sheet {name}");
    }
    let worksheets: Vec<_> = sheets.iter().filter(|(n, _)| n.starts_with("xl/worksheets/sheet")).collect();
    assert_eq!(worksheets.len(), 6, "one sheet per table, consent included");
    for (name, xml) in &worksheets {
        assert!(!text(xml).contains("<f>") && !text(xml).contains("<f "), "{name} has a formula");
    }
    // The tables' sheets are streamed ("constant memory"), so their text is in inline string
    // cells, still strings, never formulas.
    let placements_sheet = text(&worksheets[1].1);
    assert!(
        placements_sheet.contains("t=\"inlineStr\"><is><t>=Where people are seen</t></is>"),
        "text kept as typed, as a string: {placements_sheet}"
    );
    assert!(placements_sheet.contains("<v>15.5</v>"), "positions are numbers");

    // chart.svg: one row per aspect, one dot per placement, text escaped.
    let svg = text(file["chart.svg"]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("<g class=\"aspect\">").count(), 3);
    assert_eq!(svg.matches("class=\"dot\"").count(), 4);
    assert_eq!(svg.matches("class=\"median\"").count(), 3);
    assert!(svg.contains("Caseload balance, &quot;wellbeing&quot; 🙂"));

    // chart.png: the same picture at twice the size.
    let png = file["chart.png"];
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(width, 2400, "the 1200-unit wide SVG at scale 2");
}

#[tokio::test]
async fn exports_are_identical_every_time_and_after_a_restart() {
    let mut server = TestServer::start().await;
    let Scenario { created, .. } = scenario(&server).await;
    let key = server.admin_key();
    let path = format!("{}/export.zip", created.console_path);
    let first = get_zip(&server, &path).await;
    assert_eq!(get_zip(&server, &path).await, first, "the same bytes on a second export");

    server.restart().await;

    if let Some(db) = server.db_path() {
        // SQLite: the key generated into the file beside the database is read back, not
        // replaced. (PostgreSQL is given its key; either way the download below checks that
        // the key from before the restart still opens the researcher routes.)
        let file = db.parent().expect("a folder").join("admin-key");
        assert!(file.is_file(), "the admin-key file is still there");
        assert_eq!(server.admin_key(), key, "the key file is reused");
    }
    assert_eq!(get_zip(&server, &path).await, first, "the same bytes after a restart");
    let response = reqwest::Client::new()
        .get(server.url(&format!("/api/research/workshops/{}/export.zip", created.workshop_id)))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.bytes().await.unwrap().to_vec(), first, "the admin download is the same file");
}

#[tokio::test]
async fn no_export_holds_a_secret() {
    let server = TestServer::start().await;
    let Scenario { created, a, b, .. } = scenario(&server).await;
    let zip = get_zip(&server, &format!("{}/export.zip", created.console_path)).await;
    let mut everything = Vec::new();
    for (name, bytes) in unzip(&zip) {
        if name.ends_with(".png") {
            continue; // pixels, no text
        }
        if name.ends_with(".xlsx") || name.ends_with(".qdpx") {
            everything.extend(unzip(&bytes).into_iter().map(|(_, b)| b));
        } else {
            everything.push(bytes);
        }
    }
    let key = server.admin_key();
    for secret in [&created.facilitator_secret, &a.token, &b.token, &created.join_code, &key] {
        for bytes in &everything {
            assert!(!text(bytes).contains(secret.as_str()), "an export contains a secret");
        }
    }
}
