//! A graceful stop: the real binary, sent `SIGTERM` while three pairs place as fast as they
//! can, tells every screen to reconnect (close code 1012, "service restart"), lets the
//! change each was sending be committed and acknowledged, and exits with status 0. After a
//! restart every acknowledged change is there exactly once, and a change resent after the
//! restart is not applied twice.

use std::path::PathBuf;
use std::time::Duration;

use app::protocol::{ClientMsg, ServerMsg};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use uuid::Uuid;

use crate::crash::{Ws, assert_stored_once, hello, placing_with_pairs, resend_in_flight, start_on};

/// How one pair's socket ended: the changes acknowledged, the one in flight, and the close
/// code the server sent (none if the socket just dropped).
struct Placed {
    acked: Vec<(Uuid, u64)>,
    in_flight: Option<ClientMsg>,
    close: Option<CloseCode>,
}

/// The next message, or the close code once the socket closes.
async fn next(ws: &mut Ws) -> Result<ServerMsg, Option<CloseCode>> {
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => return Ok(serde_json::from_str(text.as_str()).unwrap()),
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
            Ok(Some(Ok(Message::Close(frame)))) => return Err(frame.map(|f| f.code)),
            _ => return Err(None),
        }
    }
}

/// One pair placing as fast as its acknowledgements come, until the server closes the socket.
async fn place_until_closed(mut ws: Ws, cards: Vec<Uuid>) -> Placed {
    let mut acked = Vec::new();
    for i in 0u32.. {
        let msg = ClientMsg::Place {
            change_id: Uuid::new_v4(),
            card_id: cards[i as usize % cards.len()],
            position: f64::from(i % 100),
        };
        let change_id = msg.change_id().unwrap();
        if ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.is_err() {
            return Placed { acked, in_flight: Some(msg), close: None };
        }
        loop {
            match next(&mut ws).await {
                Ok(ServerMsg::Ack { change_id: id, seq }) if id == change_id => {
                    acked.push((change_id, seq));
                    break;
                }
                Ok(ServerMsg::Refused { change_id: Some(id), code, message }) if id == change_id => {
                    // Over the socket's budget: this change was not stored; go on with the next.
                    assert_eq!(code, app::protocol::ErrorCode::RateLimited, "{message}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    break;
                }
                Ok(_) => continue,
                Err(close) => return Placed { acked, in_flight: Some(msg), close },
            }
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    unreachable!("the loop only ends by returning")
}

#[tokio::test]
async fn sigterm_tells_every_screen_to_reconnect_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("stop.sqlite3");
    let (mut child, addr) = start_on(db.as_os_str(), &[("DS_RATE_LIMITS", "off")]).await;
    let (_, mut console_ws, pairs) = placing_with_pairs(&addr, "Restart", 3).await;
    let mut tasks = Vec::new();
    for auth in &pairs {
        let (ws, view) = hello(&addr, auth.clone()).await;
        tasks.push(tokio::spawn(place_until_closed(ws, view.cards.iter().map(|c| c.id).collect())));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    let pid = child.id().expect("the server is running").to_string();
    let sent = std::process::Command::new("kill").args(["-TERM", &pid]).status().expect("kill -TERM");
    assert!(sent.success());
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("the server exits after SIGTERM")
        .unwrap();
    assert!(status.success(), "a graceful stop exits with status 0: {status}");

    let mut acked = Vec::new();
    let mut in_flight = Vec::new();
    for task in tasks {
        let placed = task.await.unwrap();
        assert_eq!(placed.close, Some(CloseCode::Restart), "each screen is told the service restarts");
        acked.extend(placed.acked);
        in_flight.push(placed.in_flight);
    }
    // The console watched every change go by; its socket is closed the same way.
    let closed = loop {
        if let Err(close) = next(&mut console_ws).await {
            break close;
        }
    };
    assert_eq!(closed, Some(CloseCode::Restart));
    assert!(acked.len() >= 3, "the pairs placed before the stop ({} acknowledged)", acked.len());

    // Back up: each pair resends the change it had in flight, as a tablet does.
    let (mut child, addr) = start_on(db.as_os_str(), &[("DS_RATE_LIMITS", "off")]).await;
    resend_in_flight(&addr, &pairs, in_flight, &mut acked).await;
    child.kill().await.expect("stop the restarted server");

    let db = rusqlite::Connection::open(&db).unwrap();
    assert_stored_once(&db, &acked);
    let (count, last): (i64, i64) =
        db.query_row("SELECT COUNT(*), MAX(seq) FROM events", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(count, last, "the log's sequence numbers have no gap");
}
