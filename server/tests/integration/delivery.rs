//! The real binary as a facilitator starts it: the links it prints, LAN mode, the join
//! origin the console shows, compression and caching of what a tablet downloads.
//!
//! These run `target/debug/server` (cargo builds it for integration tests). Debug builds read
//! the static files from disk; the release binary, copied alone into an empty folder, serves
//! the end-to-end suite (scripts/test.sh).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::api::JoinOrigin;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY};

/// The server binary running in its own empty folder, killed on drop.
struct Binary {
    child: Child,
    addr: SocketAddr,
    /// What it printed up to "listening" and the start-up banner.
    output: String,
    _dir: tempfile::TempDir,
}

impl Binary {
    /// Starts `server` with `args` (plus a database and admin key in a fresh folder) and waits
    /// until it prints its links.
    fn start(args: &[&str]) -> Binary {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(args)
            .args(["--admin-key", "delivery-test-key"])
            .current_dir(dir.path())
            .env_remove("DS_PUBLIC_URL")
            .env_remove("DS_LAN")
            .env_remove("LEPTOS_SITE_ADDR")
            .env("DS_DATABASE", dir.path().join("db.sqlite3"))
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server binary");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut output = String::new();
        let mut addr = None;
        let mut banner_done: Option<Instant> = None;
        while Instant::now() < deadline && banner_done.is_none_or(|at| at.elapsed() < Duration::from_millis(300)) {
            let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) else { continue };
            if let Some(rest) = line.split("listening on http://").nth(1) {
                addr = rest.trim().parse().ok();
            }
            output.push_str(&line);
            output.push('\n');
            if line.contains("Researchers:") {
                // The banner may go on with a warning.
                banner_done = Some(Instant::now());
            }
        }
        let addr = addr.unwrap_or_else(|| panic!("the server did not say where it listens:\n{output}"));
        Binary { child, addr, output, _dir: dir }
    }

    /// `http://127.0.0.1:{port}{path}`: reached over loopback even when it listens everywhere.
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.addr.port())
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn join_origin(binary: &Binary) -> JoinOrigin {
    let response = reqwest::get(binary.url("/api/join-origin")).await.expect("request");
    assert_eq!(response.status(), 200);
    response.json().await.expect("JoinOrigin")
}

async fn create_workshop(binary: &Binary, aspects: &[&str]) -> app::api::CreatedWorkshop {
    let response = reqwest::Client::new()
        .post(binary.url("/api/workshops"))
        .json(&crate::common::new_workshop(aspects))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    response.json().await.expect("CreatedWorkshop")
}

#[tokio::test]
async fn default_start_prints_full_links_and_warns_that_tablets_cannot_open_them() {
    let binary = Binary::start(&["--addr", "127.0.0.1:0"]);
    let origin = format!("http://{}", binary.addr);
    assert!(binary.addr.ip().is_loopback());
    for path in ["/new", "/join", "/research"] {
        assert!(binary.output.contains(&format!("{origin}{path}")), "no full link to {path}:\n{}", binary.output);
    }
    assert!(binary.output.contains("restart with --lan"), "{}", binary.output);

    // The console's join link comes from the server and is flagged as unreachable for tablets.
    let found = join_origin(&binary).await;
    assert_eq!(found, JoinOrigin { origin, loopback: true });
}

#[tokio::test]
async fn lan_mode_listens_everywhere_and_puts_the_lan_address_in_join_links() {
    let binary = Binary::start(&["--lan", "--addr", "0.0.0.0:0"]);
    assert!(binary.addr.ip().is_unspecified(), "LAN mode listens on every interface: {}", binary.addr);
    let found = join_origin(&binary).await;
    match server::lan::find_lan_address() {
        Some(ip) => {
            let expected = format!("http://{ip}:{}", binary.addr.port());
            assert_eq!(found, JoinOrigin { origin: expected.clone(), loopback: false });
            assert!(binary.output.contains(&format!("{expected}/join")), "{}", binary.output);
            assert!(!binary.output.contains("restart with --lan"), "{}", binary.output);
        }
        // A machine with no network at all: the links still work here, and it says so.
        None => {
            assert!(found.loopback);
            assert!(binary.output.contains("No LAN address found"), "{}", binary.output);
        }
    }
    // The QR code encodes the same link as the console shows.
    let created = create_workshop(&binary, &["Where people are seen"]).await;
    let qr = reqwest::get(binary.url(&format!("/qr/{}", created.join_code))).await.expect("qr");
    assert_eq!(qr.status(), 200);
    let expected = server::web::qr::qr_svg(&server::web::qr::join_url(&found.origin, &created.join_code)).expect("QR");
    assert_eq!(qr.text().await.expect("svg"), expected);
}

#[tokio::test]
async fn a_public_url_wins_and_is_not_a_loopback_address() {
    let binary = Binary::start(&["--addr", "127.0.0.1:0", "--public-url", "https://spectrum.example.org/"]);
    assert_eq!(
        join_origin(&binary).await,
        JoinOrigin { origin: "https://spectrum.example.org".into(), loopback: false }
    );
    assert!(binary.output.contains("https://spectrum.example.org/join"), "{}", binary.output);
}

#[tokio::test]
async fn pages_json_and_csv_are_compressed_and_zip_archives_are_not() {
    let binary = Binary::start(&["--addr", "127.0.0.1:0"]);
    let client = reqwest::Client::new();
    let created = create_workshop(&binary, &["Where people are seen", "How long people are held"]).await;
    let get = |path: String, encoding: &'static str| {
        client.get(binary.url(&path)).header(ACCEPT_ENCODING, encoding).bearer_auth("delivery-test-key").send()
    };

    let page = get("/join".into(), "gzip, deflate, br").await.expect("page");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()[CONTENT_ENCODING], "br");
    assert_eq!(page.headers()[CACHE_CONTROL], "no-cache", "pages are asked for again each time");

    let json = get("/api/research/workshops".into(), "gzip").await.expect("json");
    assert_eq!(json.status(), 200);
    assert_eq!(json.headers()[CONTENT_ENCODING], "gzip");

    let csv = get(format!("/f/{}/placements.csv", created.facilitator_secret), "br").await.expect("csv");
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()[CONTENT_ENCODING], "br");

    let zip =
        get(format!("/api/research/workshops/{}/export.zip", created.workshop_id), "gzip, br").await.expect("zip");
    assert_eq!(zip.status(), 200);
    assert!(zip.headers().get(CONTENT_ENCODING).is_none(), "a zip is already compressed");
    let bytes = zip.bytes().await.expect("body");
    assert_eq!(&bytes[..2], b"PK");

    // A client that asks for nothing gets plain bytes.
    let plain = client.get(binary.url("/join")).header(ACCEPT_ENCODING, "identity").send().await.expect("page");
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert!(plain.text().await.expect("html").contains("Join a workshop"));
}

#[tokio::test]
async fn icons_and_manifest_are_served_with_an_etag_and_linked_from_every_page() {
    let binary = Binary::start(&["--addr", "127.0.0.1:0"]);
    let client = reqwest::Client::new();
    let manifest = client.get(binary.url("/manifest.webmanifest")).send().await.expect("manifest");
    assert_eq!(manifest.status(), 200);
    assert_eq!(manifest.headers()[CACHE_CONTROL], "no-cache");
    let etag = manifest.headers()[ETAG].clone();
    let json: serde_json::Value = manifest.json().await.expect("manifest is JSON");
    assert_eq!(json["start_url"], "/join");
    assert!(json["icons"].as_array().is_some_and(|icons| icons.len() >= 2));

    let again =
        client.get(binary.url("/manifest.webmanifest")).header(IF_NONE_MATCH, etag).send().await.expect("again");
    assert_eq!(again.status(), 304, "unchanged: not sent again");

    let compressed =
        client.get(binary.url("/sw.js")).header(ACCEPT_ENCODING, "gzip").send().await.expect("service worker");
    assert_eq!(compressed.status(), 200);
    assert_eq!(compressed.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(compressed.headers()[VARY], "accept-encoding");

    for icon in ["/favicon.svg", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/apple-touch-icon.png"] {
        let response = client.get(binary.url(icon)).header(ACCEPT_ENCODING, "gzip, br").send().await.expect("icon");
        assert_eq!(response.status(), 200, "{icon}");
        if icon.ends_with(".png") {
            assert!(response.headers().get(CONTENT_ENCODING).is_none(), "{icon}: PNG is already compressed");
        }
    }

    for page in ["/", "/join", "/new", "/research"] {
        let html = client.get(binary.url(page)).send().await.expect("page").text().await.expect("html");
        assert!(html.contains(r#"<link rel="manifest" href="/manifest.webmanifest""#), "{page} links no manifest");
        assert!(html.contains(r#"navigator.serviceWorker.register("/sw.js")"#), "{page} registers no service worker");
        assert!(!html.contains("/register-sw.js"), "{page}: the registration is inline, no request of its own");
    }
}

#[tokio::test]
async fn help_lists_every_setting_and_version_works() {
    let help = Command::new(env!("CARGO_BIN_EXE_server")).arg("--help").output().expect("--help");
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for setting in [
        "--database",
        "DS_DATABASE",
        "--addr",
        "LEPTOS_SITE_ADDR",
        "--lan",
        "DS_LAN",
        "--public-url",
        "DS_PUBLIC_URL",
        "--admin-key",
        "DS_ADMIN_KEY",
        "RUST_LOG",
    ] {
        assert!(text.contains(setting), "--help does not mention {setting}:\n{text}");
    }
    let version = Command::new(env!("CARGO_BIN_EXE_server")).arg("--version").output().expect("--version");
    assert!(version.status.success());
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("server {}", env!("CARGO_PKG_VERSION")));

    let bad = Command::new(env!("CARGO_BIN_EXE_server")).args(["--addr", "nowhere"]).output().expect("bad flag");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--addr"));
}
