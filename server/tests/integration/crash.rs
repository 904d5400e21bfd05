//! The real binary, killed with SIGKILL mid-session, loses nothing it acknowledged.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use app::api::{CreatedWorkshop, JoinRequest, Joined};
use app::domain::RoomView;
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;

use crate::common::json_of;
use uuid::Uuid;

const TIMEOUT: Duration = Duration::from_secs(60);

/// Starts the server binary on a free port over `db`, waiting until it logs that it listens.
async fn start(db: &Path) -> (Child, String) {
    start_on(db.as_os_str(), &[]).await
}

/// Starts the server binary on a free port over `database` (a file or a PostgreSQL URL),
/// with these extra environment variables, waiting until it logs that it listens.
pub(crate) async fn start_on(database: &std::ffi::OsStr, envs: &[(&str, &str)]) -> (Child, String) {
    start_in(database, Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap(), envs).await
}

/// [`start_on`] in `folder`, with none of the settings this process's environment may have
/// (admin key, public URL, venue mode) besides `envs`.
pub(crate) async fn start_in(database: &std::ffi::OsStr, folder: &Path, envs: &[(&str, &str)]) -> (Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(folder)
        .env_remove("DS_ADMIN_KEY")
        .env_remove("DS_PUBLIC_URL")
        .env_remove("DS_LAN")
        .envs(envs.iter().copied())
        .env("DS_DATABASE", database)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("server binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let listening = tokio::time::timeout(TIMEOUT, async {
        while let Some(line) = lines.next_line().await.expect("read log") {
            if line.contains("listening on") {
                return true;
            }
        }
        false
    });
    assert!(listening.await.expect("server started in time"), "server exited before listening");
    // Keep draining the log so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, format!("127.0.0.1:{port}"))
}

pub(crate) type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub(crate) async fn recv(ws: &mut Ws) -> ServerMsg {
    loop {
        let frame = tokio::time::timeout(TIMEOUT, ws.next()).await.expect("message in time");
        match frame {
            Some(Ok(Message::Text(text))) => return serde_json::from_str(text.as_str()).unwrap(),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("socket closed: {other:?}"),
        }
    }
}

pub(crate) async fn hello(addr: &str, auth: Auth) -> (Ws, RoomView) {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.unwrap();
    let hello = ClientMsg::Hello { auth, last_seq: None };
    ws.send(Message::text(serde_json::to_string(&hello).unwrap())).await.unwrap();
    assert!(matches!(recv(&mut ws).await, ServerMsg::Welcome { .. }));
    let ServerMsg::Snapshot { view } = recv(&mut ws).await else { panic!("snapshot") };
    (ws, view)
}

#[tokio::test]
async fn sigkill_loses_nothing_that_was_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("nested").join("crash.sqlite3");
    let (mut child, addr) = start(&db).await;
    let http = reqwest::Client::new();

    let created: CreatedWorkshop =
        json_of(http.post(format!("http://{addr}/api/workshops")).json(&serde_json::json!({
            "title": "Crash test", "site": "Site 7", "question": "Q?",
            "left_pole": "Fixed", "right_pole": "Flexible",
            "aspects": ["Holding", "Where people are seen", "Carers"],
        })))
        .await;
    let joined: Joined = json_of(http.post(format!("http://{addr}/api/join")).json(&JoinRequest {
        code: created.join_code.clone(),
        label: "Pair ŵ".into(),
        consent: None,
    }))
    .await;
    let console_auth = Auth::Facilitator { secret: created.facilitator_secret.clone() };
    let (mut console, _) = hello(&addr, console_auth.clone()).await;
    let start_placing = ClientMsg::Control {
        change_id: Uuid::new_v4(),
        control: app::domain::Control::SetPhase { phase: app::domain::Phase::Placing },
    };
    console.send(Message::text(serde_json::to_string(&start_placing).unwrap())).await.unwrap();
    while !matches!(recv(&mut console).await, ServerMsg::Ack { .. }) {}
    let auth = Auth::Pair { code: joined.code.clone(), token: joined.token.clone() };
    let (mut ws, view) = hello(&addr, auth.clone()).await;

    // Acknowledged changes, the last one not yet seen by anyone else when the server dies.
    let mut acked = Vec::new();
    for (i, card) in view.cards.iter().enumerate() {
        let change_id = Uuid::new_v4();
        let position = 10.0 + 20.0 * i as f64;
        let msg = ClientMsg::Place { change_id, card_id: card.id, position };
        ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.unwrap();
        loop {
            match recv(&mut ws).await {
                ServerMsg::Ack { change_id: id, seq } if id == change_id => {
                    acked.push((card.id, position, seq));
                    break;
                }
                ServerMsg::Update { .. } => {}
                other => panic!("{other:?}"),
            }
        }
    }

    child.kill().await.expect("SIGKILL");
    let (_child, addr) = start(&db).await;

    let (_, after) = hello(&addr, console_auth).await;
    assert_eq!(after.seq, acked.last().unwrap().2);
    assert_eq!(after.phase, app::domain::Phase::Placing);
    assert_eq!(after.pairs.len(), 1);
    assert_eq!(after.pairs[0].label, "Pair ŵ");
    for (card, position, _) in &acked {
        let placed = after.placement(joined.pair_id, *card).expect("placement survived");
        assert_eq!(placed.position, *position);
    }
    // The pair's token survived too.
    let (_, mine) = hello(&addr, auth).await;
    assert_eq!(mine.placements.len(), acked.len());
}

/// The next reply or update, or `None` once the socket is gone (the server was killed).
pub(crate) async fn next_or_gone(ws: &mut Ws) -> Option<ServerMsg> {
    loop {
        match tokio::time::timeout(TIMEOUT, ws.next()).await.ok()?? {
            Ok(Message::Text(text)) => return serde_json::from_str(text.as_str()).ok(),
            Ok(Message::Ping(_) | Message::Pong(_)) => continue,
            _ => return None,
        }
    }
}

/// One pair placing as fast as its acknowledgements come, until the server dies: the
/// changes acknowledged (id and sequence number) and the one in flight, if any.
pub(crate) async fn place_until_gone(
    mut ws: Ws,
    cards: Vec<Uuid>,
    resend: Option<ClientMsg>,
) -> (Vec<(Uuid, u64)>, Option<ClientMsg>) {
    let mut acked = Vec::new();
    let mut next = resend;
    for i in 0u32.. {
        let msg = next.take().unwrap_or_else(|| ClientMsg::Place {
            change_id: Uuid::new_v4(),
            card_id: cards[i as usize % cards.len()],
            position: f64::from(i % 100),
        });
        let change_id = msg.change_id().unwrap();
        if ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.is_err() {
            return (acked, Some(msg));
        }
        loop {
            match next_or_gone(&mut ws).await {
                Some(ServerMsg::Ack { change_id: id, seq }) if id == change_id => {
                    acked.push((change_id, seq));
                    break;
                }
                // Over the socket's budget: wait, then send the same change again.
                Some(ServerMsg::Refused { change_id: Some(id), code, message }) if id == change_id => {
                    assert_eq!(code, app::protocol::ErrorCode::RateLimited, "{message}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    next = Some(msg.clone());
                    break;
                }
                Some(_) => continue,
                None => return (acked, Some(msg)),
            }
        }
        // About 15 changes a second per pair, under the socket's rate limit.
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    unreachable!("the loop only ends by returning")
}

/// A workshop on the server at `addr` with `pairs` pairs joined and placing started: the
/// workshop, the console's socket (kept open) and each pair's credentials.
pub(crate) async fn placing_with_pairs(addr: &str, title: &str, pairs: usize) -> (CreatedWorkshop, Ws, Vec<Auth>) {
    let http = reqwest::Client::new();
    let created: CreatedWorkshop =
        json_of(http.post(format!("http://{addr}/api/workshops")).json(&serde_json::json!({
            "title": title, "site": "Site 9", "question": "Q?", "left_pole": "Fixed", "right_pole": "Flexible",
            "aspects": ["Holding", "Where people are seen", "Carers"],
        })))
        .await;
    let console = Auth::Facilitator { secret: created.facilitator_secret.clone() };
    let (mut console_ws, _) = hello(addr, console).await;
    let start_placing = ClientMsg::Control {
        change_id: Uuid::new_v4(),
        control: app::domain::Control::SetPhase { phase: app::domain::Phase::Placing },
    };
    console_ws.send(Message::text(serde_json::to_string(&start_placing).unwrap())).await.unwrap();
    while !matches!(recv(&mut console_ws).await, ServerMsg::Ack { .. }) {}
    let mut joined_pairs = Vec::new();
    for n in 0..pairs {
        let joined: Joined = json_of(http.post(format!("http://{addr}/api/join")).json(&JoinRequest {
            code: created.join_code.clone(),
            label: format!("Pair {n}"),
            consent: None,
        }))
        .await;
        joined_pairs.push(Auth::Pair { code: joined.code.clone(), token: joined.token.clone() });
    }
    (created, console_ws, joined_pairs)
}

/// Repeated `kill -9` while three pairs place: every acknowledged change is in the event
/// log exactly once, and a change resent after the restart is never applied twice.
/// `DS_CRASH_ROUNDS` sets the number of kills (3 here; e.g. 30 for a long run).
#[tokio::test]
async fn repeated_kills_under_load_lose_nothing_and_apply_nothing_twice() {
    let rounds: usize = std::env::var("DS_CRASH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("kills.sqlite3");
    let (mut child, mut addr) = start(&db).await;
    let (_, _console_ws, pairs) = placing_with_pairs(&addr, "Kills", 3).await;

    let mut acked: Vec<(Uuid, u64)> = Vec::new();
    let mut in_flight: Vec<Option<ClientMsg>> = vec![None; pairs.len()];
    for round in 0..rounds {
        let mut tasks = Vec::new();
        for (auth, resend) in pairs.iter().zip(in_flight.iter_mut()) {
            let (ws, view) = hello(&addr, auth.clone()).await;
            let cards = view.cards.iter().map(|c| c.id).collect();
            tasks.push(tokio::spawn(place_until_gone(ws, cards, resend.take())));
        }
        tokio::time::sleep(Duration::from_millis(300 + 150 * (round as u64 % 4))).await;
        child.kill().await.expect("SIGKILL");
        for (task, slot) in tasks.into_iter().zip(in_flight.iter_mut()) {
            let (done, pending) = task.await.unwrap();
            acked.extend(done);
            *slot = pending;
        }
        (child, addr) = start(&db).await;
    }
    // Resend what was in flight at the last kill, then stop.
    resend_in_flight(&addr, &pairs, in_flight, &mut acked).await;
    child.kill().await.expect("SIGKILL");
    assert!(acked.len() > rounds, "pairs placed between the kills ({} acknowledged)", acked.len());

    let db = rusqlite::Connection::open(&db).unwrap();
    let twice: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM (SELECT change_id FROM events WHERE change_id IS NOT NULL GROUP BY change_id HAVING COUNT(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(twice, 0, "no change applied twice");
    assert_stored_once(&db, &acked);
}

/// Each pair sends again the change it had in flight when the server went (as a tablet does
/// after a reconnect), and waits for its acknowledgement, which `acked` gains.
pub(crate) async fn resend_in_flight(
    addr: &str,
    pairs: &[Auth],
    in_flight: Vec<Option<ClientMsg>>,
    acked: &mut Vec<(Uuid, u64)>,
) {
    for (auth, resend) in pairs.iter().zip(in_flight) {
        let Some(msg) = resend else { continue };
        let (mut ws, _) = hello(addr, auth.clone()).await;
        let change_id = msg.change_id().unwrap();
        ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.unwrap();
        loop {
            match recv(&mut ws).await {
                ServerMsg::Ack { change_id: id, seq } if id == change_id => {
                    acked.push((change_id, seq));
                    break;
                }
                _ => continue,
            }
        }
    }
}

/// Every acknowledged change is in the event log exactly once, with the sequence number it
/// was acknowledged with.
pub(crate) fn assert_stored_once(db: &rusqlite::Connection, acked: &[(Uuid, u64)]) {
    for (change_id, seq) in acked {
        let stored: Vec<i64> = db
            .prepare("SELECT seq FROM events WHERE change_id = ?1")
            .unwrap()
            .query_map([change_id.to_string()], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stored, vec![*seq as i64], "acknowledged change {change_id} is stored once, as acknowledged");
    }
}
