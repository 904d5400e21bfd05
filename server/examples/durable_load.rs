//! Durable throughput: many rooms placing at once, every placement acknowledged only after
//! its commit (SQLite, `synchronous=FULL`). A benchmark, not a test: it prints numbers for
//! docs/PERFORMANCE.md.
//!
//! ```sh
//! cargo build --release -p server --example durable_load
//! DS_DATABASE=/tmp/durable.sqlite3 DS_RATE_LIMITS=off LEPTOS_SITE_ADDR=127.0.0.1:3200 target/release/server &
//! target/release/examples/durable_load http://127.0.0.1:3200 50 6 19 10
//! ```
//! Arguments: server origin (or several, comma-separated: instances on one PostgreSQL
//! database; each room's pairs are then spread over them, and its console and projector are on
//! another instance than its first pair), rooms, pairs per room, placements per second per pair (the server
//! takes at most 20 a second from one socket), seconds. Each room is a workshop in Placing
//! with private placing (no live wall): every placement goes to its own pair, the console and
//! the projector. Each pair sends at its rate without waiting (as a tablet with a queue of
//! changes would), and the benchmark counts the acknowledgements: how many per second, and how
//! long after the send.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use app::api::Joined;
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

#[path = "shared/mod.rs"]
mod shared;
use shared::{Ws, connect, create_workshop, join_pairs, start_placing};

/// A workshop in Placing, its aspects, its facilitator and projector sockets, and its pairs.
async fn room(
    http: &reqwest::Client,
    origin: &str,
    watched_on: &str,
    pairs: usize,
) -> (Vec<Uuid>, Vec<Ws>, Vec<Joined>) {
    let created = create_workshop(http, origin, "Durable").await;
    let mut facilitator = connect(watched_on, Auth::Facilitator { secret: created.facilitator_secret.clone() }).await;
    let cards = start_placing(&mut facilitator).await;
    let projector = connect(watched_on, Auth::Projector { workshop_id: created.workshop_id }).await;
    let joined = join_pairs(http, origin, &created.join_code, pairs).await;
    (cards, vec![facilitator, projector], joined)
}

/// Keeps a watching socket read until the run ends.
fn drain(mut ws: Ws, deadline: Instant) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while Instant::now() < deadline {
            if tokio::time::timeout(Duration::from_millis(200), ws.next()).await.is_ok_and(|m| m.is_none()) {
                return;
            }
        }
    })
}

#[derive(Default)]
struct Counts {
    sent: AtomicU64,
    acked: AtomicU64,
    refused: AtomicU64,
    /// Microseconds from the start to the last acknowledgement.
    last_ack_us: AtomicU64,
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, default: f64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let origins: Vec<String> = args
        .get(1)
        .map_or("http://127.0.0.1:3000", String::as_str)
        .split(',')
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
        .collect();
    let (rooms, pairs, rate, secs) = (arg(2, 50.0) as usize, arg(3, 6.0) as usize, arg(4, 19.0), arg(5, 10.0));

    let http = reqwest::Client::new();
    let mut setups = Vec::new();
    for n in 0..rooms {
        setups.push(room(&http, &origins[n % origins.len()], &origins[(n + 1) % origins.len()], pairs).await);
    }
    let counts = Arc::new(Counts::default());
    let acks = Arc::new(std::sync::Mutex::new(Vec::<Duration>::new()));
    let start = Instant::now() + Duration::from_secs(2);
    let stop_sending = start + Duration::from_secs_f64(secs);
    let deadline = stop_sending + Duration::from_secs(10);
    let mut tasks = Vec::new();
    for (n, (cards, watchers, joined)) in setups.into_iter().enumerate() {
        for ws in watchers {
            tasks.push(drain(ws, deadline));
        }
        for (i, j) in joined.into_iter().enumerate() {
            let origin = origins[(n + i) % origins.len()].clone();
            let (cards, counts, acks) = (cards.clone(), counts.clone(), acks.clone());
            tasks.push(tokio::spawn(async move {
                let ws = connect(&origin, Auth::Pair { code: j.code.clone(), token: j.token.clone() }).await;
                let (mut tx, mut rx) = ws.split();
                let sent_at = Arc::new(std::sync::Mutex::new(std::collections::HashMap::<Uuid, Instant>::new()));
                let sender = {
                    let (sent_at, counts) = (sent_at.clone(), counts.clone());
                    tokio::spawn(async move {
                        let period = Duration::from_secs_f64(1.0 / rate);
                        // Spread the pairs' first sends over one period.
                        let offset = period.mul_f64(((n * 31 + i) as f64 * 0.618_034).fract());
                        let mut next = tokio::time::Instant::from_std(start) + offset;
                        let mut k = 0usize;
                        while next.into_std() < stop_sending {
                            tokio::time::sleep_until(next).await;
                            next += period;
                            k += 1;
                            let change_id = Uuid::new_v4();
                            let card_id = cards[k % cards.len()];
                            let position = (k % 1000) as f64 / 10.0;
                            sent_at.lock().expect("lock").insert(change_id, Instant::now());
                            let msg = ClientMsg::Place { change_id, card_id, position };
                            let text = serde_json::to_string(&msg).expect("serialises");
                            if tx.send(Message::text(text)).await.is_err() {
                                return;
                            }
                            counts.sent.fetch_add(1, Relaxed);
                        }
                    })
                };
                while Instant::now() < deadline {
                    let Ok(Some(Ok(Message::Text(t)))) =
                        tokio::time::timeout(Duration::from_millis(200), rx.next()).await
                    else {
                        continue;
                    };
                    match serde_json::from_str::<ServerMsg>(&t).expect("server message parses") {
                        ServerMsg::Ack { change_id, .. } => {
                            if let Some(t0) = sent_at.lock().expect("lock").remove(&change_id) {
                                acks.lock().expect("lock").push(t0.elapsed());
                                counts.acked.fetch_add(1, Relaxed);
                                let since = Instant::now().saturating_duration_since(start).as_micros() as u64;
                                counts.last_ack_us.fetch_max(since, Relaxed);
                            }
                        }
                        ServerMsg::Refused { message, .. } if counts.refused.fetch_add(1, Relaxed) < 5 => {
                            eprintln!("refused: {message}");
                        }
                        _ => {}
                    }
                    if counts.acked.load(Relaxed) == counts.sent.load(Relaxed) && Instant::now() > stop_sending {
                        break;
                    }
                }
                let _ = sender.await;
            }));
        }
    }
    for t in tasks {
        let _ = t.await;
    }
    let mut acks = std::mem::take(&mut *acks.lock().expect("lock"));
    acks.sort();
    let pct = |p: f64| acks.get(((acks.len().max(1) - 1) as f64 * p).round() as usize).copied().unwrap_or_default();
    let (sent, acked, refused) = (counts.sent.load(Relaxed), counts.acked.load(Relaxed), counts.refused.load(Relaxed));
    // Until the last acknowledgement: a server that falls behind is not credited for the
    // sending window alone.
    let window = (counts.last_ack_us.load(Relaxed) as f64 / 1e6).max(secs);
    println!(
        "{rooms} rooms x {pairs} pairs at {rate}/s for {secs} s: sent {sent}, acknowledged {acked} in {window:.2} s \
         ({:.0}/s), refused {refused}",
        acked as f64 / window
    );
    println!(
        "ack (send -> committed)  p50={:.2?} p99={:.2?} p99.9={:.2?} max={:.2?}",
        pct(0.5),
        pct(0.99),
        pct(0.999),
        pct(1.0)
    );
}
