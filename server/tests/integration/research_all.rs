//! "Download all (zip)": several workshops in one zip, one folder each (the same files as each
//! workshop's own zip), plus combined `placements.csv` and `summary.csv` with `site` and
//! `workshop_id` columns; filtered by site and by day; only with the admin key.

use std::collections::BTreeSet;

use crate::common::{TestServer, new_workshop, place};
use crate::research_exports::unzip;
use app::api::{ApiError, CreatedWorkshop};

const ASPECTS: &[&str] = &["Holding patients", "=Where people are seen"];
const BOM: &[u8] = "\u{feff}".as_bytes();

/// A CSV file as its header and rows (after the byte-order mark).
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(BOM), "CSV files start with a byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

async fn create_at_site(server: &TestServer, title: &str, site: &str) -> CreatedWorkshop {
    let mut body = new_workshop(ASPECTS);
    body.title = title.into();
    body.site = site.into();
    let response = reqwest::Client::new().post(server.url("/api/workshops")).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let created: CreatedWorkshop = response.json().await.unwrap();
    server.start_placing(&created).await;
    created
}

async fn get(server: &TestServer, path: &str, key: &str) -> reqwest::Response {
    reqwest::Client::new().get(server.url(path)).bearer_auth(key).send().await.unwrap()
}

async fn get_zip(server: &TestServer, path: &str, key: &str) -> Vec<(String, Vec<u8>)> {
    let response = get(server, path, key).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "application/zip");
    unzip(&response.bytes().await.unwrap())
}

/// The folders of a combined zip, in zip order.
fn folders(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut seen = Vec::new();
    for (name, _) in files {
        if let Some((folder, _)) = name.split_once('/')
            && !seen.iter().any(|f| f == folder)
        {
            seen.push(folder.to_string());
        }
    }
    seen
}

#[tokio::test]
async fn download_all_bundles_the_chosen_workshops_with_combined_tables() {
    let server = TestServer::start().await;
    let first = create_at_site(&server, "Knowledge exchange", "Site 3").await;
    let second = create_at_site(&server, "Cyfarfod \"Caerdydd\"", "Caerdydd").await;
    let pair = server.join(&second.join_code, "Pâr ŵ").await;
    let (mut tablet, view) = server.pair(&pair).await;
    tablet.acked(&place(view.cards[0].id, 42.5)).await;
    server.join(&first.join_code, "Pair A").await;
    let key = server.admin_key();

    // Only with the admin key.
    let refused = reqwest::get(server.url("/api/research/export-all.zip")).await.unwrap();
    assert_eq!(refused.status(), 401);
    assert_eq!(get(&server, "/api/research/export-all.zip", &pair.token).await.status(), 401);

    let files = get_zip(&server, "/api/research/export-all.zip", &key).await;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).take(3).collect();
    assert_eq!(names, ["placements.csv", "summary.csv", "codebook.md"]);
    // One folder per workshop, oldest first, each with exactly the files of its own zip.
    let dirs = folders(&files);
    assert_eq!(dirs.len(), 2, "{dirs:?}");
    for (folder, created) in dirs.iter().zip([&first, &second]) {
        assert!(folder.ends_with(&created.workshop_id.to_string()), "{folder}");
        let own = get_zip(&server, &format!("/api/research/workshops/{}/export.zip", created.workshop_id), &key).await;
        let inside: Vec<(String, Vec<u8>)> = files
            .iter()
            .filter_map(|(n, b)| n.strip_prefix(&format!("{folder}/")).map(|n| (n.to_string(), b.clone())))
            .collect();
        assert_eq!(inside, own, "{folder} holds the workshop's own export");
    }
    assert!(dirs[1].contains("_caerdydd_cyfarfod-caerdydd_"), "{}", dirs[1]);
    // placements.csv, summary.csv, codebook.md, notes.qdpx and codebook.qdc across them, then
    // each workshop's 15 files.
    assert_eq!(files.len(), 5 + 2 * 15);

    // placements.csv: both workshops' rows, one after the other, exactly as in their own files.
    let combined = |name: &str| read_csv(&files.iter().find(|(n, _)| n == name).unwrap().1);
    let in_folder =
        |i: usize, name: &str| read_csv(&files.iter().find(|(n, _)| *n == format!("{}/{name}", dirs[i])).unwrap().1);
    let (header, rows) = combined("placements.csv");
    assert_eq!(header[..3], ["workshop_id", "title", "site"]);
    let (own_header, mut expected) = in_folder(0, "placements.csv");
    assert_eq!(header, own_header);
    expected.extend(in_folder(1, "placements.csv").1);
    assert_eq!(rows, expected);
    assert_eq!(rows.len(), 2 * 2, "one pair × two aspects in each workshop");
    let placed: Vec<&Vec<String>> = rows.iter().filter(|r| r[10] == "42.5").collect();
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0][..3], [second.workshop_id.to_string(), "Cyfarfod \"Caerdydd\"".into(), "Caerdydd".into()]);
    assert_eq!(placed[0][5], "Pâr ŵ");
    assert!(rows.iter().any(|r| r[8] == "'=Where people are seen"), "formula injection stays neutralised");

    // summary.csv: a site column after workshop_id, the rest as in each workshop's file.
    let (header, rows) = combined("summary.csv");
    let (own_header, _) = in_folder(0, "summary.csv");
    assert_eq!(header[..2], ["workshop_id", "site"]);
    assert_eq!(header[2..], own_header[1..]);
    let mut expected = Vec::new();
    for (i, site) in [(0, "Site 3"), (1, "Caerdydd")] {
        for mut row in in_folder(i, "summary.csv").1 {
            row.insert(1, site.to_string());
            expected.push(row);
        }
    }
    assert_eq!(rows, expected);
    assert_eq!(rows.len(), 4);
    let median = header.iter().position(|h| h == "median").unwrap();
    assert!(rows.iter().any(|r| r[1] == "Caerdydd" && r[median] == "42.5"));

    // The same data gives the same bytes.
    let again = get_zip(&server, "/api/research/export-all.zip", &key).await;
    assert_eq!(again, files);

    // By site (URL-encoded), and by day (inclusive).
    let by_site = get_zip(&server, "/api/research/export-all.zip?site=Caerdydd&from=&to=", &key).await;
    let only: BTreeSet<String> = read_csv(&by_site[0].1).1.into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(only, BTreeSet::from([second.workshop_id.to_string()]));
    assert_eq!(folders_of(&by_site), 1);
    let site3 =
        get_zip(&server, "/api/research/export-all.zip?site=Site%203&from=2000-01-01&to=2999-12-31", &key).await;
    assert_eq!(folders_of(&site3), 1);
    assert!(folders(&site3)[0].ends_with(&first.workshop_id.to_string()));
    let in_range = get_zip(&server, "/api/research/export-all.zip?from=2000-01-01&to=2999-12-31", &key).await;
    assert_eq!(folders_of(&in_range), 2);
    let none = get_zip(&server, "/api/research/export-all.zip?from=2999-01-01", &key).await;
    assert_eq!(none.len(), 3, "only the (empty) combined tables and the codebook");
    let (header, rows) = read_csv(&none[0].1);
    assert_eq!(header, server::research::tables::PLACEMENT_COLUMNS);
    assert!(rows.is_empty());
    let none = get_zip(&server, "/api/research/export-all.zip?site=Nowhere", &key).await;
    assert_eq!(none.len(), 3);

    // A date that is not a day is refused, naming the field.
    let bad = get(&server, "/api/research/export-all.zip?from=yesterday", &key).await;
    assert_eq!(bad.status(), 400);
    let error: ApiError = bad.json().await.unwrap();
    assert_eq!(error.field.as_deref(), Some("From"));
    assert!(error.error.contains("YYYY-MM-DD"), "{}", error.error);
}

fn folders_of(files: &[(String, Vec<u8>)]) -> usize {
    folders(files).len()
}

#[tokio::test]
async fn signing_out_clears_the_cookie() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    let out = client.post(server.url("/api/research/logout")).send().await.unwrap();
    assert_eq!(out.status(), 204);
    let cookie = out.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("ds_admin=;") && cookie.contains("Max-Age=0") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // The emptied cookie signs nobody in.
    let listed = client.get(server.url("/api/research/workshops")).header("cookie", "ds_admin=").send().await.unwrap();
    assert_eq!(listed.status(), 401);
}
