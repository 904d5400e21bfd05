//! The HTTP API: creating, looking up and joining workshops, the CSV download and the QR
//! code, including every kind of bad request.

use crate::common::{TestServer, new_workshop, place};
use app::api::{ApiError, NewWorkshop};
use app::domain::WorkshopInfo;
use reqwest::StatusCode;

const ASPECTS: &[&str] = &["Holding patients", "Where people are seen"];

/// Makes one field of a valid workshop invalid.
type Spoil = Box<dyn Fn(&mut NewWorkshop)>;

async fn api_error(response: reqwest::Response, status: StatusCode) -> ApiError {
    assert_eq!(response.status(), status);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
    assert_eq!(content_type, "application/json");
    response.json().await.expect("an ApiError body")
}

async fn post_workshop(server: &TestServer, body: &NewWorkshop) -> reqwest::Response {
    reqwest::Client::new().post(server.url("/api/workshops")).json(body).send().await.unwrap()
}

#[tokio::test]
async fn creating_a_workshop_returns_its_secret_console_path_once() {
    let server = TestServer::start().await;
    let response = post_workshop(&server, &new_workshop(ASPECTS)).await;
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    let created: app::api::CreatedWorkshop = response.json().await.unwrap();
    assert_eq!(created.console_path, format!("/f/{}", created.facilitator_secret));
    assert_eq!(created.facilitator_secret.len(), 64);

    let url = server.url(&format!("/api/workshops/by-code/{}", created.join_code.to_lowercase()));
    let response = reqwest::get(url).await.unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(!text.contains(&created.facilitator_secret), "no secret in public info");
    let info: WorkshopInfo = serde_json::from_str(&text).unwrap();
    assert_eq!((info.id, info.site.as_str()), (created.workshop_id, "Site 3"));
}

#[tokio::test]
async fn invalid_workshops_name_the_field_to_fix() {
    let server = TestServer::start().await;
    let cases: Vec<(&str, Spoil)> = vec![
        ("Title", Box::new(|w| w.title = "  ".into())),
        ("Title", Box::new(|w| w.title = "t".repeat(121))),
        ("Site", Box::new(|w| w.site = "s".repeat(61))),
        ("Question", Box::new(|w| w.question = "a\u{7}b".into())),
        ("Left pole", Box::new(|w| w.left_pole = String::new())),
        ("Right pole", Box::new(|w| w.right_pole = "r".repeat(61))),
        ("Aspects", Box::new(|w| w.aspects = vec![])),
        ("Aspects", Box::new(|w| w.aspects = vec!["Holding".into(), "holding".into()])),
        ("Aspects", Box::new(|w| w.aspects = vec!["a".repeat(121)])),
    ];
    for (field, spoil) in cases {
        let mut body = new_workshop(ASPECTS);
        spoil(&mut body);
        let error = api_error(post_workshop(&server, &body).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(error.field.as_deref(), Some(field), "{}", error.error);
        assert!(!error.error.is_empty());
    }
}

#[tokio::test]
async fn malformed_request_bodies_get_json_errors() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    let send = |body: Vec<u8>, content_type: &'static str| {
        client.post(server.url("/api/workshops")).header("content-type", content_type).body(body).send()
    };
    let syntax =
        api_error(send(b"{\"title\":".to_vec(), "application/json").await.unwrap(), StatusCode::BAD_REQUEST).await;
    assert!(syntax.error.contains("not valid JSON"), "{}", syntax.error);
    let missing = send(br#"{"title":"T"}"#.to_vec(), "application/json").await.unwrap();
    let missing = api_error(missing, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(missing.error.contains("site"), "{}", missing.error);
    let not_json = send(b"title=T".to_vec(), "application/x-www-form-urlencoded").await.unwrap();
    api_error(not_json, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    let huge = format!(r#"{{"title":"{}"}}"#, "x".repeat(70 * 1024)).into_bytes();
    let too_large = api_error(send(huge, "application/json").await.unwrap(), StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(too_large.error.contains("too large"), "{}", too_large.error);
    let join = client.post(server.url("/api/join")).header("content-type", "application/json").body("[]").send();
    api_error(join.await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn joining_checks_code_label_and_duplicates() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let code = created.join_code.clone();

    let bad_code = api_error(server.post_join("12", "Pair 1").await, StatusCode::BAD_REQUEST).await;
    assert_eq!(bad_code.field.as_deref(), Some("Join code"));
    let unused = if code == "ZZZZZZ" { "YYYYYY" } else { "ZZZZZZ" };
    let unknown = api_error(server.post_join(unused, "Pair 1").await, StatusCode::NOT_FOUND).await;
    assert_eq!(unknown.error, format!("No workshop has the code {unused}. Check the code on the projector."));
    let by_code = reqwest::get(server.url(&format!("/api/workshops/by-code/{unused}"))).await.unwrap();
    api_error(by_code, StatusCode::NOT_FOUND).await;

    for label in ["", "   ", &"x".repeat(41), "tab\there"] {
        let error = api_error(server.post_join(&code, label).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(error.field.as_deref(), Some("Pair name"), "{label:?}: {}", error.error);
    }
    // 40 characters, some of them outside ASCII, are fine; spaces and case in the code too.
    let long = "ŵ".repeat(39) + "🙂";
    let typed = format!(" {}-{} ", &code[..3].to_lowercase(), &code[3..]);
    let joined = server.join(&typed, &long).await;
    assert_eq!((joined.label.as_str(), joined.code.as_str()), (long.as_str(), code.as_str()));

    server.join(&code, "Pair Siân").await;
    // Look-alikes too: a zero-width space, a no-break space, full-width letters, a bidi
    // override, a decomposed accent. The refusal names the pair that has the name.
    for taken in [
        "Pair Siân",
        "pair siân",
        " PAIR SIÂN ",
        "Pair\u{200B} Siân",
        "Pair\u{00A0}Siân",
        "Ｐａｉｒ Siân",
        "\u{202E}Pair Siân",
        "Pair Sia\u{0302}n",
    ] {
        let error = api_error(server.post_join(&code, taken).await, StatusCode::CONFLICT).await;
        assert_eq!(
            error.error,
            format!("A pair called '{}' has already joined. Choose another name, or ask the facilitator.", "Pair Siân")
        );
    }
    // The same label in another workshop is fine.
    let other = server.create_workshop(ASPECTS).await;
    server.join(&other.join_code, "Pair Siân").await;
}

#[tokio::test]
async fn the_csv_download_has_every_placement_and_no_secrets() {
    let server = TestServer::start().await;
    let mut body = new_workshop(&["Cymraeg ŵ", "=cmd|' /C calc'!A0", "Café 🙂"]);
    body.site = "Safle ŷ".into();
    let created: app::api::CreatedWorkshop = post_workshop(&server, &body).await.json().await.unwrap();
    server.start_placing(&created).await;
    let second = server.join(&created.join_code, "Pâr 2").await;
    let first = server.join(&created.join_code, "+Pair 1").await;
    let (mut tablet_1, view) = server.pair(&first).await;
    let (mut tablet_2, _) = server.pair(&second).await;
    let [c0, c1, c2] = [view.cards[0].id, view.cards[1].id, view.cards[2].id];
    tablet_1.acked(&place(c2, 12.5)).await;
    tablet_1.acked(&place(c0, 100.0)).await;
    tablet_2.acked(&place(c1, 0.0)).await;
    tablet_2.acked(&place(c1, 55.56)).await;

    let response = reqwest::get(server.url(&format!("{}/placements.csv", created.console_path))).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        response.headers()["content-disposition"].to_str().unwrap(),
        format!("attachment; filename=\"placements-{}.csv\"", created.join_code)
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    for secret in [&created.facilitator_secret, &first.token, &second.token] {
        assert!(!text.contains(secret.as_str()));
    }
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, server::research::tables::PLACEMENT_COLUMNS, "the archive's placements.csv header");
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    // Every pair × aspect, pairs in joining order ("Pâr 2" joined first), then aspects in
    // card order; site, pair, aspect, position and status (the pair's reference is beside its
    // label, column 7).
    let brief: Vec<[&str; 5]> =
        rows.iter().map(|r| [r[2].as_str(), r[5].as_str(), r[8].as_str(), r[10].as_str(), r[11].as_str()]).collect();
    assert_eq!(
        brief,
        vec![
            ["Safle ŷ", "Pâr 2", "Cymraeg ŵ", "", "not placed"],
            ["Safle ŷ", "Pâr 2", "'=cmd|' /C calc'!A0", "55.6", "placed"],
            ["Safle ŷ", "Pâr 2", "Café 🙂", "", "not placed"],
            ["Safle ŷ", "'+Pair 1", "Cymraeg ŵ", "100", "placed"],
            ["Safle ŷ", "'+Pair 1", "'=cmd|' /C calc'!A0", "", "not placed"],
            ["Safle ŷ", "'+Pair 1", "Café 🙂", "12.5", "placed"],
        ]
    );

    // The same bytes as the archive's placements.csv.
    let zip = reqwest::get(server.url(&format!("{}/export.zip", created.console_path))).await.unwrap();
    assert_eq!(zip.status(), 200);
    let zip = zip.bytes().await.unwrap();
    let archive = crate::research_exports::unzip(&zip);
    let (_, in_archive) = archive.iter().find(|(name, _)| name == "placements.csv").expect("placements.csv");
    assert_eq!(&bytes[..], &in_archive[..], "the console's CSV is the archive's placements.csv");

    let wrong = reqwest::get(server.url("/f/0000/placements.csv")).await.unwrap();
    assert_eq!(wrong.status(), 404);
}

#[tokio::test]
async fn the_qr_code_is_an_svg_for_known_codes_only() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let response = reqwest::get(server.url(&format!("/qr/{}", created.join_code))).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    let svg = response.text().await.unwrap();
    assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
    let unused = if created.join_code == "ZZZZZZ" { "YYYYYY" } else { "ZZZZZZ" };
    for code in [unused, "nonsense"] {
        let response = reqwest::get(server.url(&format!("/qr/{code}"))).await.unwrap();
        assert_eq!(response.status(), 404);
    }
}
