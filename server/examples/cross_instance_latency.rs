//! Cross-instance fan-out latency: a pair's tablet on instance A places a post-it, and the
//! facilitator's console on instance B receives the update; how long from the send on A to the
//! receipt on B, and to the pair's acknowledgement on A. A benchmark, not a test: it prints
//! numbers for docs/PERFORMANCE.md.
//!
//! ```sh
//! cargo build --release -p server --example cross_instance_latency
//! # two instances on one PostgreSQL database (or one origin twice: a single instance)
//! target/release/examples/cross_instance_latency http://127.0.0.1:3201 http://127.0.0.1:3202 2000
//! ```
//! Arguments: the origin the pairs are on (A), the origin the console is on (B), samples.
//! One placement at a time (the next after the last one reached B), rotating over 20 pairs so
//! no pair comes near the server's 20 messages a second.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::StreamExt;
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

#[path = "shared/mod.rs"]
mod shared;
use shared::{connect, create_workshop, join_pairs, recv, send, start_placing};

/// Pairs the samples rotate over.
const PAIRS: usize = 20;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let a = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:3000".into());
    let b = args.get(2).cloned().unwrap_or_else(|| a.clone());
    let samples: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2000);

    let http = reqwest::Client::new();
    let created = create_workshop(&http, &a, "Cross-instance latency").await;
    let mut console = connect(&b, Auth::Facilitator { secret: created.facilitator_secret.clone() }).await;
    let cards = start_placing(&mut console).await;
    let joined = join_pairs(&http, &a, &created.join_code, PAIRS).await;
    let mut tablets = Vec::new();
    for j in &joined {
        tablets.push(connect(&a, Auth::Pair { code: j.code.clone(), token: j.token.clone() }).await);
    }

    // The console's reader: when each update (by sequence number) arrived on B.
    let arrived = Arc::new(Mutex::new(HashMap::<u64, Instant>::new()));
    let seen = tokio::sync::Notify::new();
    let seen = Arc::new(seen);
    {
        let (arrived, seen) = (Arc::clone(&arrived), Arc::clone(&seen));
        tokio::spawn(async move {
            while let Some(Ok(frame)) = console.next().await {
                if let Message::Text(text) = frame
                    && let Ok(ServerMsg::Update { seq, .. }) = serde_json::from_str::<ServerMsg>(&text)
                {
                    arrived.lock().expect("lock").insert(seq, Instant::now());
                    seen.notify_waiters();
                }
            }
        });
    }

    let (mut to_b, mut to_ack) = (Vec::with_capacity(samples), Vec::with_capacity(samples));
    for k in 0..samples {
        let tablet = &mut tablets[k % PAIRS];
        let change_id = Uuid::new_v4();
        let msg = ClientMsg::Place { change_id, card_id: cards[k % cards.len()], position: (k % 1000) as f64 / 10.0 };
        let t0 = Instant::now();
        send(tablet, &msg).await;
        let seq = loop {
            match recv(tablet).await {
                ServerMsg::Ack { change_id: id, seq } if id == change_id => break seq,
                ServerMsg::Refused { message, .. } => panic!("refused: {message}"),
                _ => {}
            }
        };
        to_ack.push(t0.elapsed());
        let at_b = loop {
            let waiting = seen.notified();
            if let Some(at) = arrived.lock().expect("lock").remove(&seq) {
                break at;
            }
            if tokio::time::timeout(Duration::from_secs(10), waiting).await.is_err() {
                panic!("update {seq} never reached the console on {b}");
            }
        };
        to_b.push(at_b.saturating_duration_since(t0));
        // Let the pairs' own update copies drain.
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let report = |name: &str, mut times: Vec<Duration>| {
        times.sort();
        let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
        println!("{name:<32} p50={:.2?} p90={:.2?} p99={:.2?} max={:.2?}", pct(0.5), pct(0.9), pct(0.99), pct(1.0));
    };
    println!("{samples} placements, pairs on {a}, console on {b}");
    report("send on A -> ack on A", to_ack);
    report("send on A -> update on B", to_b);
}
