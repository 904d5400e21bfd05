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
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(root)
        .env("DS_DATABASE", db)
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

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn recv(ws: &mut Ws) -> ServerMsg {
    loop {
        let frame = tokio::time::timeout(TIMEOUT, ws.next()).await.expect("message in time");
        match frame {
            Some(Ok(Message::Text(text))) => return serde_json::from_str(text.as_str()).unwrap(),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("socket closed: {other:?}"),
        }
    }
}

async fn hello(addr: &str, auth: Auth) -> (Ws, RoomView) {
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
    let joined: Joined = json_of(
        http.post(format!("http://{addr}/api/join"))
            .json(&JoinRequest { code: created.join_code.clone(), label: "Pair ŵ".into() }),
    )
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
