//! What a hosting team needs of the service: health checks for the proxy and systemd.

use reqwest::StatusCode;

use crate::common::{Options, TestServer};

#[tokio::test]
async fn healthz_answers_ok_and_is_never_rate_limited() {
    let server = TestServer::start_with(Options { rate_limits: true, ..Options::default() }).await;
    // Far more checks than any budget allows, all answered.
    for _ in 0..100 {
        let answer = reqwest::get(server.url("/healthz")).await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(answer.headers()["cache-control"], "no-store");
        assert_eq!(answer.text().await.unwrap(), "ok\n");
    }
}

/// The server binary with JSON logs, its standard output and error kept line by line.
struct Logged {
    child: tokio::process::Child,
    addr: String,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

async fn start_logged(db: &std::path::Path, envs: &[(&str, &str)]) -> Logged {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env_remove("DS_ADMIN_KEY")
        .env_remove("DS_PUBLIC_URL")
        .env_remove("DS_LAN")
        .envs(envs.iter().copied())
        .env("DS_DATABASE", db)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("server binary starts");
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let mut ready_tx = Some(ready_tx);
    let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
    let kept = std::sync::Arc::clone(&lines);
    tokio::spawn(async move {
        while let Ok(Some(line)) = out.next_line().await {
            if line.contains("listening on")
                && let Some(tx) = ready_tx.take()
            {
                let _ = tx.send(());
            }
            kept.lock().unwrap().push(line);
        }
    });
    let mut err = BufReader::new(child.stderr.take().unwrap()).lines();
    let kept = std::sync::Arc::clone(&lines);
    tokio::spawn(async move {
        while let Ok(Some(line)) = err.next_line().await {
            kept.lock().unwrap().push(line);
        }
    });
    tokio::time::timeout(std::time::Duration::from_secs(60), ready_rx).await.expect("started in time").unwrap();
    Logged { child, addr: format!("127.0.0.1:{port}"), lines }
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_with_ids_and_no_secrets_or_addresses() {
    use app::api::{AdminLogin, CreatedWorkshop, JoinRequest, Joined};
    use app::protocol::{Auth, ClientMsg};
    use futures::SinkExt;
    use tokio_tungstenite::tungstenite::Message;

    const KEY: &str = "operations-admin-key-4f1e";
    const CLIENT: &str = "198.51.100.77";
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_logged(
        &dir.path().join("logs.sqlite3"),
        &[
            ("DS_LOG_FORMAT", "json"),
            ("RUST_LOG", "info,server=debug"),
            ("DS_ADMIN_KEY", KEY),
            ("DS_CLIENT_IP_HEADER", "x-forwarded-for"),
        ],
    )
    .await;
    let addr = server.addr.clone();
    let http = reqwest::Client::new();
    let url = |path: &str| format!("http://{addr}{path}");
    let created: CreatedWorkshop = crate::common::json_of(
        http.post(url("/api/workshops"))
            .header("x-forwarded-for", CLIENT)
            .json(&crate::common::new_workshop(&["Holding", "Carers"])),
    )
    .await;
    let joined: Joined =
        crate::common::json_of(http.post(url("/api/join")).header("x-forwarded-for", CLIENT).json(&JoinRequest {
            code: created.join_code.clone(),
            label: "Pair A".into(),
            consent: None,
        }))
        .await;
    let csv = http.get(url(&format!("{}/placements.csv", created.console_path))).send().await.unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    // Wrong keys until the server slows this address down (a warning names the address).
    for _ in 0..6 {
        http.post(url("/api/research/login"))
            .header("x-forwarded-for", CLIENT)
            .json(&AdminLogin { key: "wrong-key".into() })
            .send()
            .await
            .unwrap();
    }
    let foreign = http
        .post(url("/api/join"))
        .header("origin", "https://evil.example")
        .json(&JoinRequest { code: created.join_code.clone(), label: "Bot".into(), consent: None })
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert_eq!(http.get(url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    // A pair's socket signs in with its token, and goes.
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.unwrap();
    let hello = ClientMsg::Hello {
        auth: Auth::Pair { code: joined.code.clone(), token: joined.token.clone() },
        last_seq: None,
    };
    ws.send(Message::text(serde_json::to_string(&hello).unwrap())).await.unwrap();
    crate::crash::recv(&mut ws).await;
    ws.close(None).await.unwrap();
    // A graceful stop, so every line is written.
    let pid = server.child.id().unwrap().to_string();
    std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let status = tokio::time::timeout(std::time::Duration::from_secs(30), server.child.wait()).await.unwrap().unwrap();
    assert!(status.success());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

    let lines = server.lines.lock().unwrap().clone();
    assert!(lines.len() > 5, "{lines:?}");
    let mut objects = Vec::new();
    for line in &lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not one JSON object ({e}): {line}"));
        assert!(value.is_object(), "{line}");
        for secret in [KEY, created.facilitator_secret.as_str(), joined.token.as_str(), CLIENT] {
            assert!(!line.contains(secret), "a secret or a full client address in the log: {line}");
        }
        assert!(!line.contains("/healthz"), "health checks are not logged: {line}");
        objects.push(value);
    }
    let with_message = |text: &str| -> Vec<&serde_json::Value> {
        objects.iter().filter(|o| o["fields"]["message"].as_str().is_some_and(|m| m.contains(text))).collect()
    };
    for line in with_message("wrong admin keys").into_iter().chain(with_message("refused a request from another site"))
    {
        assert!(line["span"]["req"].as_u64().is_some(), "a request's line carries its id: {line}");
    }
    let slowed = with_message("wrong admin keys");
    assert!(!slowed.is_empty(), "the wrong keys were logged");
    assert_eq!(slowed[0]["fields"]["client"], "198.51.100.0/24", "only the client's network");
    let joined_lines = with_message("socket joined");
    assert!(!joined_lines.is_empty() && joined_lines.iter().all(|l| l["span"]["conn"].as_u64().is_some()));
}

#[tokio::test]
async fn readyz_says_whether_the_database_takes_a_write() {
    let server = TestServer::start().await;
    let ready = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    let body: serde_json::Value = ready.json().await.unwrap();
    let database = match crate::common::backend() {
        server::store::sql::Backend::Sqlite => "sqlite",
        server::store::sql::Backend::Postgres => "postgres",
    };
    assert_eq!(body, serde_json::json!({ "status": "ready", "database": database }));
    // Another process holds SQLite's write lock: the server cannot write, so it is not ready
    // (and says why), until the lock is let go.
    if let Some(path) = server.db_path() {
        let locker = rusqlite::Connection::open(path).unwrap();
        locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let blocked = reqwest::get(server.url("/readyz")).await.unwrap();
        assert_eq!(blocked.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body: serde_json::Value = blocked.json().await.unwrap();
        assert_eq!(body["status"], "not ready");
        assert!(body["reason"].as_str().unwrap().contains("did not accept a write within 1 s"), "{body}");
        locker.execute_batch("COMMIT").unwrap();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
        while reqwest::get(server.url("/readyz")).await.unwrap().status() != StatusCode::OK {
            assert!(tokio::time::Instant::now() < deadline, "ready again once the lock is gone");
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}
