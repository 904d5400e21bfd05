//! `server backup`: the real binary copies the SQLite database of a real server while three
//! pairs place as fast as they can; every change acknowledged before the backup started is in
//! the copy, the copy is one moment (no gap in the log), and a server started on the copy
//! serves the workshop. With PostgreSQL the command refuses and says how to use `pg_dump`.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::SinkExt;
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

use crate::crash::{assert_stored_once, hello, placing_with_pairs, recv, start_on};

/// Every acknowledgement: the change, its sequence number, and when it arrived.
type Acks = Arc<Mutex<Vec<(Uuid, u64, Instant)>>>;

/// One pair placing as fast as its acknowledgements come, until `stop`.
async fn place_until(addr: String, auth: Auth, acks: Acks, stop: Arc<AtomicBool>) {
    let (mut ws, view) = hello(&addr, auth).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();
    let mut i = 0u32;
    while !stop.load(Ordering::Relaxed) {
        let change_id = Uuid::new_v4();
        let msg =
            ClientMsg::Place { change_id, card_id: cards[i as usize % cards.len()], position: f64::from(i % 100) };
        ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.unwrap();
        loop {
            match recv(&mut ws).await {
                ServerMsg::Ack { change_id: id, seq } if id == change_id => {
                    acks.lock().unwrap().push((change_id, seq, Instant::now()));
                    break;
                }
                ServerMsg::Refused { change_id: Some(id), .. } if id == change_id => {
                    // Over the socket's budget: this change was not stored; slow down a little.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    break;
                }
                _ => continue,
            }
        }
        i += 1;
    }
}

/// Runs `server backup` with these arguments; returns its exit status's success, stdout and stderr.
async fn backup(args: &[&std::ffi::OsStr]) -> (bool, String, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("backup")
        .args(args)
        .env_remove("DS_DATABASE")
        .output()
        .await
        .expect("the binary runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn events(db: &Path) -> Vec<(i64, Option<String>)> {
    let db = rusqlite::Connection::open(db).unwrap();
    let mut query = db.prepare("SELECT seq, change_id FROM events ORDER BY workshop_id, seq").unwrap();
    query.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn a_backup_taken_while_pairs_place_holds_every_acknowledged_change_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.sqlite3");
    let copy = dir.path().join("backups").join("copy.sqlite3");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    let (mut child, addr) = start_on(live.as_os_str(), &[("DS_RATE_LIMITS", "off")]).await;
    let (created, _console, pairs) = placing_with_pairs(&addr, "Backup", 3).await;
    let acks: Acks = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = pairs
        .iter()
        .map(|auth| tokio::spawn(place_until(addr.clone(), auth.clone(), Arc::clone(&acks), Arc::clone(&stop))))
        .collect();
    tokio::time::sleep(Duration::from_millis(700)).await;

    let started = Instant::now();
    let (ok, stdout, stderr) =
        backup(&["--database".as_ref(), live.as_os_str(), "--to".as_ref(), copy.as_os_str()]).await;
    let finished = Instant::now();
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("integrity check: ok") && stdout.contains("to serve the copy"), "{stdout}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.unwrap();
    }
    let acks = acks.lock().unwrap().clone();
    let before: Vec<(Uuid, u64)> = acks.iter().filter(|a| a.2 < started).map(|a| (a.0, a.1)).collect();
    let after: Vec<Uuid> = acks.iter().filter(|a| a.2 > finished).map(|a| a.0).collect();
    assert!(before.len() >= 10 && !after.is_empty(), "placing went on around the backup: {} acks", acks.len());

    // Every change acknowledged before the backup began is in the copy, exactly as acknowledged.
    assert_stored_once(&rusqlite::Connection::open(&copy).unwrap(), &before);
    // One moment: the copy's log has no gap, and nothing acknowledged after the backup ended.
    let copied = events(&copy);
    let seqs: Vec<i64> = copied.iter().map(|e| e.0).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "the copy's log has no gap");
    for change_id in &after {
        assert!(!copied.iter().any(|e| e.1.as_deref() == Some(&change_id.to_string())), "{change_id}");
    }

    // The copy refuses to be overwritten, then serves the workshop as it was.
    let (ok, _, stderr) = backup(&["--database".as_ref(), live.as_os_str(), "--to".as_ref(), copy.as_os_str()]).await;
    assert!(!ok && stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    child.kill().await.unwrap();
    let (mut on_copy, addr) = start_on(copy.as_os_str(), &[]).await;
    let ready = reqwest::get(format!("http://{addr}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    let (_, view) = hello(&addr, Auth::Facilitator { secret: created.facilitator_secret.clone() }).await;
    assert_eq!(view.seq, *seqs.last().unwrap() as u64, "the copy's workshop is served up to its last change");
    assert_eq!(view.pairs.len(), 3);
    let (_, pair_view) = hello(&addr, pairs[0].clone()).await;
    assert_eq!(pair_view.seq, view.seq, "the pairs' tokens work on the copy");
    on_copy.kill().await.unwrap();
}

#[tokio::test]
async fn backup_of_postgres_says_to_use_pg_dump_and_a_missing_database_is_not_created() {
    let url = "postgres://spectrum:secret-password@db.internal:5432/spectrum";
    let (ok, stdout, stderr) = backup(&["--database".as_ref(), url.as_ref(), "--to".as_ref(), "x.dump".as_ref()]).await;
    assert!(!ok, "{stdout}");
    assert!(stderr.contains("pg_dump --format=custom") && stderr.contains("pg_restore"), "{stderr}");
    assert!(!stderr.contains("secret-password"), "the password is not repeated: {stderr}");

    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.sqlite3");
    let to = dir.path().join("copy.sqlite3");
    let (ok, _, stderr) = backup(&["--database".as_ref(), missing.as_os_str(), "--to".as_ref(), to.as_os_str()]).await;
    assert!(!ok && stderr.contains("there is no database at"), "{stderr}");
    assert!(!missing.exists() && !to.exists());
}
