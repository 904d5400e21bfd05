//! `server copy-database`, as a site moving to PostgreSQL runs it: the real binary serves a
//! session on a SQLite file and is stopped, the file is copied into a new PostgreSQL database
//! with the real binary, and the real binary serves the copy. Every export is the same, byte
//! for byte, and the console links, join codes, pairs' tokens and the admin key still work. A
//! second copy is refused and changes nothing; a missing file is refused and not created.
//!
//! Needs the test PostgreSQL server (`DS_TEST_POSTGRES`, started by `scripts/test.sh`),
//! whichever backend the rest of the suite uses: the source here is always a SQLite file.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use app::api::{CreatedWorkshop, JoinRequest, Joined};
use app::domain::{Control, Phase, Viewer};
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::{SinkExt, StreamExt};
use server::store::sql::{Pg, Sql, test_postgres_database};
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

use crate::common::json_of;

const TIMEOUT: Duration = Duration::from_secs(60);

/// The four tables a copy writes, in the order their counts are reported.
const TABLES: [&str; 5] = ["workshops", "cards", "pairs", "events", "audit_log"];

/// The server binary, serving `database` on a free port of 127.0.0.1 from an empty folder.
async fn serve(database: &str, folder: &Path, envs: &[(&str, &str)]) -> (Child, String) {
    let envs: Vec<(&str, &str)> = envs.iter().copied().chain([("DS_RATE_LIMITS", "off")]).collect();
    crate::crash::start_in(std::ffi::OsStr::new(database), folder, &envs).await
}

/// `server copy-database --from FROM --to TO`.
async fn copy_database(from: &Path, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("copy-database")
        .arg("--from")
        .arg(from)
        .args(["--to", to])
        .env("NO_COLOR", "1")
        .output()
        .await
        .expect("the server binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn recv(ws: &mut Ws) -> ServerMsg {
    loop {
        match tokio::time::timeout(TIMEOUT, ws.next()).await.expect("a message in time") {
            Some(Ok(Message::Text(text))) => return serde_json::from_str(text.as_str()).expect("a ServerMsg"),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("the socket closed: {other:?}"),
        }
    }
}

/// Signs in on `addr` as `auth`: who the server says we are, after its snapshot.
async fn sign_in(addr: &str, auth: Auth) -> (Ws, Viewer, app::domain::RoomView) {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.expect("websocket");
    let hello = ClientMsg::Hello { auth, last_seq: None };
    ws.send(Message::text(serde_json::to_string(&hello).unwrap())).await.unwrap();
    let you = match recv(&mut ws).await {
        ServerMsg::Welcome { you, .. } => you,
        other => panic!("expected Welcome, got {other:?}"),
    };
    let view = match recv(&mut ws).await {
        ServerMsg::Snapshot { view } => view,
        other => panic!("expected a snapshot, got {other:?}"),
    };
    (ws, you, view)
}

/// Sends a change and returns its sequence number once acknowledged.
async fn acked(ws: &mut Ws, msg: ClientMsg) -> u64 {
    let id = msg.change_id().expect("a change");
    ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.unwrap();
    loop {
        match recv(ws).await {
            ServerMsg::Ack { change_id, seq } if change_id == id => return seq,
            ServerMsg::Refused { change_id: Some(change_id), message, .. } if change_id == id => {
                panic!("refused: {message}")
            }
            _ => {}
        }
    }
}

fn place(card_id: Uuid, position: f64) -> ClientMsg {
    ClientMsg::Place { change_id: Uuid::new_v4(), card_id, position }
}

fn pair(joined: &Joined) -> Auth {
    Auth::Pair { code: joined.code.clone(), token: joined.token.clone() }
}

async fn create(http: &reqwest::Client, addr: &str, title: &str, aspects: &[&str]) -> CreatedWorkshop {
    json_of(http.post(format!("http://{addr}/api/workshops")).json(&serde_json::json!({
        "title": title, "site": "Site ŵ 3", "question": "How much \"discretion\"?",
        "left_pole": "Fixed", "right_pole": "Flexible", "aspects": aspects,
    })))
    .await
}

async fn join(http: &reqwest::Client, addr: &str, code: &str, label: &str) -> reqwest::Response {
    http.post(format!("http://{addr}/api/join"))
        .json(&JoinRequest { code: code.into(), label: label.into(), consent: None })
        .send()
        .await
        .expect("the server answers")
}

/// What a session leaves to compare: each workshop's export from its console link, and the
/// researchers' list of workshops.
async fn exports(http: &reqwest::Client, addr: &str, key: &str, workshops: &[&CreatedWorkshop]) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    for created in workshops {
        let response = http.get(format!("http://{addr}{}/export.zip", created.console_path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "the console link's export");
        files.push(response.bytes().await.unwrap().to_vec());
        let by_key = http
            .get(format!("http://{addr}/api/research/workshops/{}/export.zip", created.workshop_id))
            .bearer_auth(key)
            .send()
            .await
            .unwrap();
        assert_eq!(by_key.status(), 200, "the admin key's export");
        files.push(by_key.bytes().await.unwrap().to_vec());
    }
    let list = http.get(format!("http://{addr}/api/research/workshops")).bearer_auth(key).send().await.unwrap();
    assert_eq!(list.status(), 200, "the researchers' list");
    files.push(list.bytes().await.unwrap().to_vec());
    files
}

/// Rows of each of [`TABLES`] in the PostgreSQL database at `url`.
async fn postgres_counts(url: &str) -> Vec<i64> {
    let url = url.to_string();
    tokio::task::spawn_blocking(move || {
        let mut pg = Pg::connect(&url).expect("connect");
        TABLES
            .iter()
            .map(|table| pg.row(&format!("SELECT COUNT(*) AS n FROM {table}"), &[]).unwrap().unwrap().int("n").unwrap())
            .collect()
    })
    .await
    .unwrap()
}

/// Drops the test database when the test ends, passed or not (blocking, on a thread of its
/// own: the PostgreSQL client may not block a runtime's thread).
struct DropDatabase(String);

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let Ok(server) = std::env::var("DS_TEST_POSTGRES") else { return };
        let name = self.0.rsplit('/').next().unwrap_or_default().to_string();
        if !name.starts_with("ds_") || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return;
        }
        let _ = std::thread::spawn(move || {
            if let Ok(mut pg) = Pg::connect(&server) {
                let _ = pg.batch(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        })
        .join();
    }
}

#[tokio::test]
async fn copy_database_moves_a_sqlite_session_to_postgres_with_links_tokens_and_exports_intact() {
    let http = reqwest::Client::new();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("discretion-spectrum.sqlite3");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();

    // A session on SQLite: two pairs placing, moving and taking back post-its in one workshop,
    // one pair waiting in another.
    let (mut sqlite_server, addr) = serve(db.to_str().unwrap(), dir.path(), &[]).await;
    let busy =
        create(&http, &addr, "Knowledge exchange", &["Holding", "=Where people are seen", "Carers, \"wellbeing\" 🙂"])
            .await;
    let waiting = create(&http, &addr, "Second meeting", &["Caseload", "Rotas"]).await;
    let a: Joined = join(&http, &addr, &busy.join_code, "Pair A").await.json().await.unwrap();
    let b: Joined = join(&http, &addr, &busy.join_code, "Pâr ŵ B").await.json().await.unwrap();
    let c: Joined = join(&http, &addr, &waiting.join_code, "Pair C").await.json().await.unwrap();
    let (mut console, you, _) = sign_in(&addr, Auth::Facilitator { secret: busy.facilitator_secret.clone() }).await;
    assert_eq!(you, Viewer::Facilitator);
    let phase = ClientMsg::Control { change_id: Uuid::new_v4(), control: Control::SetPhase { phase: Phase::Placing } };
    acked(&mut console, phase).await;
    let (mut tablet_a, _, view) = sign_in(&addr, pair(&a)).await;
    let (mut tablet_b, _, _) = sign_in(&addr, pair(&b)).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    acked(&mut tablet_a, place(cards[0], 10.0)).await;
    acked(&mut tablet_a, place(cards[1], 20.0)).await;
    acked(&mut tablet_a, place(cards[0], 15.5)).await;
    acked(&mut tablet_b, place(cards[2], 90.0)).await;
    acked(&mut tablet_b, ClientMsg::Unplace { change_id: Uuid::new_v4(), card_id: cards[2] }).await;
    let last = acked(&mut tablet_b, place(cards[1], 66.25)).await;
    let key = std::fs::read_to_string(db.parent().unwrap().join("admin-key")).expect("the key file").trim().to_string();
    let before = exports(&http, &addr, &key, &[&busy, &waiting]).await;
    // Stopped as the move says to; killed, even: what was acknowledged is in the file.
    sqlite_server.kill().await.unwrap();

    let counts: Vec<i64> = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        TABLES.iter().map(|t| conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).unwrap()).collect()
    };
    assert_eq!(counts[..3], [2, 5, 3], "two workshops, five aspects, three pairs");

    let url = tokio::task::spawn_blocking(test_postgres_database).await.unwrap();
    let _drop = DropDatabase(url.clone());
    let copied = copy_database(&db, &url).await;
    let (stdout, stderr) = (text(&copied.stdout), text(&copied.stderr));
    assert!(copied.status.success(), "copy-database failed:\n{stdout}\n{stderr}");
    let audit_rows = counts[4];
    assert!(audit_rows >= 2, "the researcher's downloads were recorded");
    let report = format!(
        "copied 2 workshops: {} aspects, {} pairs, {} event-log rows\nand {audit_rows} audit-log rows appended to \
         the target's audit log\nverified: 2 workshops identical\n",
        counts[1], counts[2], counts[3]
    );
    assert!(stdout.contains(&report), "{stdout}");
    assert!(stdout.contains("***@") && !stdout.contains(&url), "the password is not printed:\n{stdout}");
    assert!(stdout.contains("admin-key"), "it says where the admin key is:\n{stdout}");
    assert_eq!(postgres_counts(&url).await, counts, "every row of every table");

    // Again: refused, nothing changed.
    let again = copy_database(&db, &url).await;
    assert!(!again.status.success());
    let why = text(&again.stderr);
    assert!(why.contains("already holds 2 of the 2 workshops") && why.contains("nothing was copied"), "{why}");
    assert_eq!(postgres_counts(&url).await, counts, "a refused copy writes nothing");

    // A file that is not there: refused, and not created.
    let missing = dir.path().join("elsewhere").join("db.sqlite3");
    let nothing = copy_database(&missing, &url).await;
    assert!(!nothing.status.success());
    let why = text(&nothing.stderr);
    assert!(why.contains("no database file at") && why.contains(missing.to_str().unwrap()), "{why}");
    assert!(!missing.exists() && !dir.path().join("elsewhere").exists());

    // Served from PostgreSQL with the old admin key: the same exports, byte for byte.
    let pg_dir = tempfile::tempdir().unwrap();
    let (mut pg_server, addr) = serve(&url, pg_dir.path(), &[("DS_ADMIN_KEY", &key)]).await;
    assert!(exports(&http, &addr, &key, &[&busy, &waiting]).await == before, "the exports differ after the move");

    // The console link, the tablets' tokens and the join codes work as before.
    let (_console, you, view) = sign_in(&addr, Auth::Facilitator { secret: busy.facilitator_secret.clone() }).await;
    assert_eq!((you, view.seq), (Viewer::Facilitator, last));
    let (mut tablet_a, you, _) = sign_in(&addr, pair(&a)).await;
    assert_eq!(you, Viewer::Pair { pair_id: a.pair_id, label: a.label.clone() });
    assert_eq!(acked(&mut tablet_a, place(cards[2], 42.0)).await, last + 1, "the log goes on where it stopped");
    let (_tablet_c, you, _) = sign_in(&addr, pair(&c)).await;
    assert_eq!(you, Viewer::Pair { pair_id: c.pair_id, label: c.label.clone() });
    assert_eq!(join(&http, &addr, &waiting.join_code, "Pair D").await.status(), 200, "the join code still works");
    assert_ne!(join(&http, &addr, &waiting.join_code, "pair c").await.status(), 200, "labels are still taken");
    pg_server.kill().await.unwrap();
}
