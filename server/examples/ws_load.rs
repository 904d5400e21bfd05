//! Load generator for the live path: many pairs placing post-its at once while a projector and
//! the facilitator watch. A benchmark, not a test: it prints numbers for docs/PERFORMANCE.md.
//!
//! ```sh
//! cargo build --release -p server --example ws_load
//! DS_DATABASE=/tmp/load.sqlite3 LEPTOS_SITE_ADDR=127.0.0.1:3200 target/release/server &
//! target/release/examples/ws_load http://127.0.0.1:3200 30 20 $!
//! ```
//! Arguments: server origin, pairs, changes per pair, and optionally the server's pid (to read
//! its peak memory from /proc). Each pair sends its changes one at a time, waiting for the
//! acknowledgement, as a tablet does; all pairs run at once.

use std::time::{Duration, Instant};

use app::protocol::{Auth, ClientMsg, ServerMsg};
use uuid::Uuid;

#[path = "shared/mod.rs"]
mod shared;
use shared::{connect, create_workshop, join_pairs, recv, send};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<28} n={:<6} p50={:>7.2?} p95={:>7.2?} p99={:>7.2?} max={:>7.2?}",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let origin = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:3000".into());
    let pairs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(30);
    let changes: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(20);
    let pid = args.get(4).cloned();

    let http = reqwest::Client::new();
    let created = create_workshop(&http, &origin, "Load").await;
    let mut projector = connect(&origin, Auth::Projector { workshop_id: created.workshop_id }).await;
    let mut facilitator = connect(&origin, Auth::Facilitator { secret: created.facilitator_secret.clone() }).await;
    // Placing, on a live wall: the projector receives every position (its fan-out is measured).
    let live_wall = app::domain::Settings { live_wall: true, ..app::domain::Settings::default() };
    for control in [
        app::domain::Control::SetPhase { phase: app::domain::Phase::Placing },
        app::domain::Control::ChangeSettings { settings: live_wall },
    ] {
        let change_id = Uuid::new_v4();
        send(&mut facilitator, &ClientMsg::Control { change_id, control }).await;
        while !matches!(recv(&mut facilitator).await, ServerMsg::Ack { change_id: id, .. } if id == change_id) {}
    }
    let cards: Vec<Uuid> = {
        let mut probe = tokio_tungstenite::connect_async(format!("{}/ws", origin.replacen("http", "ws", 1)))
            .await
            .expect("probe")
            .0;
        send(
            &mut probe,
            &ClientMsg::Hello { auth: Auth::Projector { workshop_id: created.workshop_id }, last_seq: None },
        )
        .await;
        loop {
            if let ServerMsg::Snapshot { view } = recv(&mut probe).await {
                break view.cards.iter().map(|c| c.id).collect();
            }
        }
    };

    let joined = join_pairs(&http, &origin, &created.join_code, pairs).await;
    // Drain the joins from the watchers' sockets.
    let expected_updates = pairs * changes;
    let sent_at =
        std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::<(Uuid, Uuid, u64), Instant>::new()));

    let start = Instant::now();
    let mut tasks = Vec::new();
    for j in joined {
        let origin = origin.clone();
        let cards = cards.clone();
        let sent_at = sent_at.clone();
        tasks.push(tokio::spawn(async move {
            let mut ws = connect(&origin, Auth::Pair { code: j.code.clone(), token: j.token.clone() }).await;
            let mut acks = Vec::with_capacity(changes);
            for k in 0..changes {
                let card = cards[k % cards.len()];
                // Positions in tenths, distinct per change so the watcher can match them.
                let tenths = (k as u64 * 37 + j.pair_id.as_u128() as u64 % 500) % 1000;
                let change_id = Uuid::new_v4();
                let t0 = Instant::now();
                sent_at.lock().expect("lock").insert((j.pair_id, card, tenths), t0);
                send(&mut ws, &ClientMsg::Place { change_id, card_id: card, position: tenths as f64 / 10.0 }).await;
                loop {
                    match recv(&mut ws).await {
                        ServerMsg::Ack { change_id: id, .. } if id == change_id => break,
                        ServerMsg::Refused { message, .. } => panic!("refused: {message}"),
                        _ => {}
                    }
                }
                acks.push(t0.elapsed());
            }
            acks
        }));
    }

    let watcher = tokio::spawn(async move {
        let mut fanout = Vec::with_capacity(expected_updates);
        while fanout.len() < expected_updates {
            if let ServerMsg::Update { event: app::domain::Event::Placed { pair_id, card_id, position, .. }, .. } =
                recv(&mut projector).await
            {
                let key = (pair_id, card_id, (position.unwrap_or(-1.0) * 10.0).round() as u64);
                if let Some(t0) = sent_at.lock().expect("lock").remove(&key) {
                    fanout.push(t0.elapsed());
                }
            }
        }
        fanout
    });
    let mut acks = Vec::new();
    for t in tasks {
        acks.extend(t.await.expect("pair task"));
    }
    let elapsed = start.elapsed();
    let fanout =
        tokio::time::timeout(Duration::from_secs(30), watcher).await.expect("projector saw all").expect("watcher");
    // The facilitator socket stayed connected throughout (it would have lagged into a snapshot).
    drop(facilitator.close(None).await);

    println!("{pairs} pairs × {changes} changes = {} committed changes in {elapsed:.2?}", pairs * changes);
    println!("throughput                   {:.0} changes/s", (pairs * changes) as f64 / elapsed.as_secs_f64());
    report("ack (send → committed ack)", acks);
    report("fan-out (send → projector)", fanout);
    if let Some(pid) = pid
        && let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
    {
        for line in status.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")) {
            println!("server {line}");
        }
    }
}
