//! Prometheus metrics: the real binary with `DS_METRICS_ADDR`, screens connected, changes
//! placed, refused and rate-limited, then `/metrics` scraped from the metrics listener and
//! read with a Prometheus text parser (`prometheus-parse`); its numbers are what happened.
//! The public listener has no `/metrics`, and the metrics listener stops with the server.

use std::ffi::OsString;
use std::time::Duration;

use app::api::{AdminLogin, CreatedWorkshop, JoinRequest, Joined};
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::SinkExt;
use prometheus_parse::{Scrape, Value};
use server::store::sql::Backend;
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

use crate::common::{backend, json_of, new_workshop};
use crate::crash::{Ws, hello, recv, start_on};

const KEY: &str = "metrics-admin-key-77c2";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Sends `msg` and waits for its acknowledgement or refusal.
async fn change(ws: &mut Ws, msg: ClientMsg) -> ServerMsg {
    let id = msg.change_id().unwrap();
    ws.send(Message::text(serde_json::to_string(&msg).unwrap())).await.unwrap();
    loop {
        match recv(ws).await {
            reply @ ServerMsg::Ack { change_id, .. } if change_id == id => return reply,
            reply @ ServerMsg::Refused { change_id: Some(change_id), .. } if change_id == id => return reply,
            _ => continue,
        }
    }
}

/// The value of `metric` with these labels (all of them); panics naming it when absent.
fn value(scrape: &Scrape, metric: &str, labels: &[(&str, &str)]) -> f64 {
    let sample = scrape
        .samples
        .iter()
        .find(|s| s.metric == metric && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .unwrap_or_else(|| panic!("no {metric}{labels:?} in the scrape"));
    match &sample.value {
        Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => *v,
        Value::Histogram(buckets) => buckets.iter().map(|b| b.count).fold(0.0, f64::max),
        Value::Summary(_) => panic!("{metric} is a summary"),
    }
}

#[tokio::test]
async fn metrics_count_what_happened_and_are_served_only_on_their_own_listener() {
    let dir = tempfile::tempdir().unwrap();
    let database: OsString = match backend() {
        Backend::Sqlite => dir.path().join("metrics.sqlite3").into(),
        Backend::Postgres => {
            tokio::task::spawn_blocking(server::store::sql::test_postgres_database).await.unwrap().into()
        }
    };
    let metrics_addr = format!("127.0.0.1:{}", free_port());
    let (mut child, addr) = start_on(&database, &[("DS_METRICS_ADDR", &metrics_addr), ("DS_ADMIN_KEY", KEY)]).await;
    let http = reqwest::Client::new();
    let url = |path: &str| format!("http://{addr}{path}");

    // HTTP: 1 + 2 + 10 answers of 2xx; a 404 and a 429.
    let created: CreatedWorkshop =
        json_of(http.post(url("/api/workshops")).json(&new_workshop(&["Holding", "Carers", "Caseload"]))).await;
    let mut joined = Vec::new();
    for label in ["Pair A", "Pair B"] {
        let request = JoinRequest { code: created.join_code.clone(), label: label.into(), consent: None };
        let pair: Joined = json_of(http.post(url("/api/join")).json(&request)).await;
        joined.push(pair);
    }
    let public = http.get(url("/metrics")).send().await.unwrap();
    assert_eq!(public.status(), 404, "the public listener never serves the metrics");
    let mut logins = Vec::new();
    for _ in 0..11 {
        let answer = http.post(url("/api/research/login")).json(&AdminLogin { key: KEY.into() }).send().await.unwrap();
        logins.push(answer.status().as_u16());
    }
    assert_eq!(logins.iter().filter(|s| **s == 204).count(), 10, "{logins:?}");
    assert_eq!(logins.last(), Some(&429), "the 11th sign-in at once is over the budget: {logins:?}");

    // Four screens: a console, a projector, two tablets (four websocket upgrades, 1xx).
    let (mut console, _) = hello(&addr, Auth::Facilitator { secret: created.facilitator_secret.clone() }).await;
    let (_projector, _) = hello(&addr, Auth::Projector { workshop_id: created.workshop_id }).await;
    let pair_auth = |p: &Joined| Auth::Pair { code: p.code.clone(), token: p.token.clone() };
    let (mut tablet_a, view) = hello(&addr, pair_auth(&joined[0])).await;
    let (mut tablet_b, _) = hello(&addr, pair_auth(&joined[1])).await;
    let cards: Vec<Uuid> = view.cards.iter().map(|c| c.id).collect();

    // Acknowledged changes: the console's phase, then the pairs' placements.
    let mut acked = 0;
    let start = ClientMsg::Control {
        change_id: Uuid::new_v4(),
        control: app::domain::Control::SetPhase { phase: app::domain::Phase::Placing },
    };
    assert!(matches!(change(&mut console, start).await, ServerMsg::Ack { .. }));
    acked += 1;
    for (i, card) in cards.iter().enumerate() {
        let place = ClientMsg::Place { change_id: Uuid::new_v4(), card_id: *card, position: 10.0 * i as f64 };
        assert!(matches!(change(&mut tablet_a, place).await, ServerMsg::Ack { .. }));
        acked += 1;
    }
    for card in &cards[..2] {
        let place = ClientMsg::Place { change_id: Uuid::new_v4(), card_id: *card, position: 50.0 };
        assert!(matches!(change(&mut tablet_b, place).await, ServerMsg::Ack { .. }));
        acked += 1;
    }
    // One refused change: an unknown aspect.
    let unknown = ClientMsg::Place { change_id: Uuid::new_v4(), card_id: Uuid::new_v4(), position: 50.0 };
    let ServerMsg::Refused { code, .. } = change(&mut tablet_b, unknown).await else { panic!("refused") };
    let refused_code = serde_json::to_value(code).unwrap().as_str().unwrap().to_string();

    // Over the socket's budget: pings sent at once, some refused as rate-limited.
    const PINGS: u32 = 80;
    for id in 0..PINGS {
        tablet_a.feed(Message::text(serde_json::to_string(&ClientMsg::Ping { id }).unwrap())).await.unwrap();
    }
    tablet_a.flush().await.unwrap();
    let (mut pongs, mut limited) = (0, 0);
    while pongs + limited < PINGS {
        match recv(&mut tablet_a).await {
            ServerMsg::Pong { .. } => pongs += 1,
            ServerMsg::Refused { code: app::protocol::ErrorCode::RateLimited, .. } => limited += 1,
            _ => {}
        }
    }
    assert!(limited > 0, "{PINGS} pings at once go over the socket's budget");

    let scraped =
        http.get(format!("http://{metrics_addr}/metrics")).send().await.unwrap_or_else(|e| {
            panic!("scraping http://{metrics_addr}/metrics: {e:?}; server: {:?}", child.try_wait())
        });
    assert_eq!(scraped.status(), 200);
    assert!(scraped.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = scraped.text().await.unwrap();
    let scrape = Scrape::parse(text.lines().map(|l| Ok(l.to_string()))).expect("Prometheus text format");
    let v = |metric: &str, labels: &[(&str, &str)]| value(&scrape, metric, labels);

    assert_eq!(v("ds_screens_connected", &[("role", "pair")]), 2.0, "{text}");
    assert_eq!(v("ds_screens_connected", &[("role", "facilitator")]), 1.0);
    assert_eq!(v("ds_screens_connected", &[("role", "projector")]), 1.0);
    assert_eq!(v("ds_rooms_loaded", &[]), 1.0);
    assert_eq!(v("ds_changes_committed_total", &[]), f64::from(acked));
    assert_eq!(v("ds_commit_seconds_count", &[]), f64::from(acked), "one commit time per change");
    assert_eq!(v("ds_commit_seconds", &[]), f64::from(acked), "the +Inf bucket holds every commit");
    assert!(v("ds_commit_seconds_sum", &[]) > 0.0);
    assert_eq!(v("ds_refusals_total", &[("code", &refused_code)]), 1.0, "{text}");
    assert_eq!(v("ds_refusals_total", &[("code", "rate_limited")]), f64::from(limited));
    assert_eq!(v("ds_rate_limited_total", &[("limit", "websocket")]), f64::from(limited));
    assert_eq!(v("ds_rate_limited_total", &[("limit", "login")]), 1.0);
    assert_eq!(v("ds_http_responses_total", &[("class", "2xx")]), 13.0, "{text}");
    assert_eq!(v("ds_http_responses_total", &[("class", "4xx")]), 2.0);
    assert_eq!(v("ds_http_responses_total", &[("class", "1xx")]), 4.0);
    assert_eq!(v("ds_http_responses_total", &[("class", "5xx")]), 0.0);
    assert_eq!(v("ds_database_errors_total", &[]), 0.0);
    assert_eq!(v("ds_build_info", &[("version", env!("CARGO_PKG_VERSION"))]), 1.0);
    let info = scrape.samples.iter().find(|s| s.metric == "ds_build_info").unwrap();
    assert!(info.labels.get("commit").is_some_and(|c| !c.is_empty()), "{text}");
    assert!(scrape.docs.contains_key("ds_changes_committed_total"), "each metric has its HELP line");
    let other = http.get(format!("http://{metrics_addr}/")).send().await.unwrap();
    assert_eq!(other.status(), 404, "the metrics listener serves /metrics only");

    // A graceful stop closes the metrics listener too.
    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait()).await.expect("exits").unwrap();
    assert!(status.success(), "{status}");
    assert!(tokio::net::TcpStream::connect(&metrics_addr).await.is_err(), "the metrics listener is closed");
}
