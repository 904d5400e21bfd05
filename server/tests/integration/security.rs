//! The door (issue "Hold the door"): slow and oversized requests, requests from other sites'
//! pages on the websocket and on state-changing routes, and the researchers' cookie from
//! another origin. Each refusal is checked for its answer and for changing nothing, while a
//! legitimate pair elsewhere keeps working.

use std::time::Duration;

use app::api::ApiError;
use app::protocol::{ErrorCode, ServerMsg};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::common::{Options, TestServer, TwoPairs, place};
use server::web::serve::Timeouts;

const ASPECTS: &[&str] = &["Where people are seen", "How long"];

/// Short timeouts, so a test of them is quick.
const SHORT: Timeouts =
    Timeouts { headers: Duration::from_secs(1), body: Duration::from_secs(1), idle: Duration::from_secs(1) };

/// Reads until the server closes the connection; `None` if it is still open after `wait`
/// (the timeouts above are 1 s; this is many times that).
async fn closed_within(tcp: &mut TcpStream, wait: Duration) -> Option<Vec<u8>> {
    let mut answer = Vec::new();
    let read = tokio::time::timeout(wait, async {
        let mut buf = [0u8; 1024];
        loop {
            match tcp.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok().map(|()| answer)
}

async fn api_error(response: reqwest::Response, status: StatusCode) -> ApiError {
    assert_eq!(response.status(), status);
    response.json().await.expect("a JSON ApiError")
}

#[tokio::test]
async fn slow_headers_and_idle_connections_are_cut_off() {
    let server = TestServer::start_with(Options { timeouts: SHORT, ..Options::default() }).await;
    // Headers one byte at a time, never finished.
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    let trickle = async {
        for byte in b"GET /api/join-origin HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
            if slow.write_all(&[*byte]).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        false
    };
    let cut_while_writing = tokio::time::timeout(Duration::from_secs(10), trickle).await.unwrap_or(false);
    assert!(cut_while_writing || closed_within(&mut slow, Duration::from_secs(10)).await.is_some());
    // A connection that never sends anything is closed too.
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    assert!(closed_within(&mut idle, Duration::from_secs(10)).await.is_some(), "an idle connection is closed");
    // Meanwhile, an ordinary request is answered.
    assert_eq!(reqwest::get(server.url("/api/join-origin")).await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_slow_body_is_cut_off_and_joins_nobody() {
    let server = TestServer::start_with(Options { timeouts: SHORT, ..Options::default() }).await;
    let created = server.create_workshop(ASPECTS).await;
    let mut tcp = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "POST /api/join HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{{\"code\":",
        server.addr
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let answer = closed_within(&mut tcp, Duration::from_secs(10)).await.expect("the server gives up on the body");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.is_empty() || !text.starts_with("HTTP/1.1 200"), "{text}");
    let (_, view) = server.facilitator(&created).await;
    assert!(view.pairs.is_empty(), "nobody joined");
}

#[tokio::test]
async fn a_huge_declared_body_is_refused_before_it_is_sent() {
    let server = TestServer::start().await;
    let mut tcp = TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "POST /api/workshops HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n",
        server.addr
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(10), tcp.read(&mut buf)).await.expect("answered at once").unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("too large"), "{text}");
}

#[tokio::test]
async fn another_sites_page_cannot_open_the_socket_or_change_anything() {
    let server = TestServer::start().await;
    let (created, TwoPairs { mut tablet_a, view, .. }) = server.two_pairs(ASPECTS).await;
    let other = server.create_workshop(ASPECTS).await;
    let own = format!("http://{}", server.addr);
    let foreign = ["https://evil.example", "null", "http://127.0.0.1.evil.example", "http://127.0.0.1:1"];

    for origin in foreign {
        let mut request = format!("ws://{}/ws", server.addr).into_client_request().unwrap();
        request.headers_mut().insert("origin", origin.parse().unwrap());
        let refused = tokio_tungstenite::connect_async(request).await.expect_err(origin);
        assert!(refused.to_string().contains("403"), "{origin}: {refused}");
    }
    let mut request = format!("ws://{}/ws", server.addr).into_client_request().unwrap();
    request.headers_mut().insert("origin", own.parse().unwrap());
    tokio_tungstenite::connect_async(request).await.expect("the server's own pages open the socket");

    let http = reqwest::Client::new();
    let (_, before) = server.facilitator(&created).await;
    for origin in foreign {
        let join = http
            .post(server.url("/api/join"))
            .header("origin", origin)
            .json(&app::api::JoinRequest { code: created.join_code.clone(), label: "Bot".into(), consent: None })
            .send()
            .await
            .unwrap();
        let e = api_error(join, StatusCode::FORBIDDEN).await;
        assert!(e.error.contains("another site"), "{}", e.error);
        let delete =
            http.delete(server.url(&format!("/f/{}/workshop", created.facilitator_secret))).header("origin", origin);
        api_error(delete.send().await.unwrap(), StatusCode::FORBIDDEN).await;
    }
    let (_, after) = server.facilitator(&created).await;
    assert_eq!((after.seq, after.pairs.len()), (before.seq, before.pairs.len()), "nothing changed");
    // Pairs elsewhere, and here, carry on meanwhile.
    let c = server.join(&other.join_code, "Pair C").await;
    let (mut tablet_c, other_view) = server.pair(&c).await;
    tablet_c.acked(&place(other_view.cards[0].id, 30.0)).await;
    tablet_a.acked(&place(view.cards[0].id, 40.0)).await;
}

#[tokio::test]
async fn the_researchers_cookie_works_only_from_the_research_pages() {
    let server = TestServer::start().await;
    let created = server.create_workshop(ASPECTS).await;
    let cookie = format!("ds_admin={}", server.admin_key());
    let http = reqwest::Client::new();
    let close = server.url(&format!("/api/research/workshops/{}/close", created.workshop_id));
    // A page on another port of the same host auto-submits a form: refused.
    let sibling = http
        .post(&close)
        .header("cookie", &cookie)
        .header("origin", "http://127.0.0.1:1")
        .header("sec-fetch-site", "same-site")
        .send()
        .await
        .unwrap();
    api_error(sibling, StatusCode::FORBIDDEN).await;
    // A same-site page's request without an Origin (a link or an image) is refused too.
    let list = server.url("/api/research/workshops");
    let linked = http.get(&list).header("cookie", &cookie).header("sec-fetch-site", "same-site").send().await.unwrap();
    let e = api_error(linked, StatusCode::FORBIDDEN).await;
    assert!(e.error.contains("researcher area"), "{}", e.error);
    let (_, view) = server.facilitator(&created).await;
    assert_eq!(view.phase, app::domain::Phase::Placing, "the workshop is still open");
    // From the research page itself, and by the key on the command line, it works.
    let own = http.get(&list).header("cookie", &cookie).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(own.status(), 200);
    let by_key = http.post(&close).bearer_auth(server.admin_key()).header("sec-fetch-site", "cross-site").send().await;
    assert_eq!(by_key.unwrap().status(), 204, "a Bearer key is not a cookie a page can ride");
}

#[tokio::test]
async fn minus_zero_is_stored_as_zero() {
    let server = TestServer::start().await;
    let (created, TwoPairs { a, mut tablet_a, view, .. }) = server.two_pairs(ASPECTS).await;
    tablet_a.acked(&place(view.cards[0].id, -0.0)).await;
    let (_, room) = server.facilitator(&created).await;
    let stored = room.placement(a.pair_id, view.cards[0].id).expect("placed").position;
    assert!(stored == 0.0 && stored.is_sign_positive(), "{stored:?}");
    let csv = reqwest::get(server.url(&format!("/f/{}/placements.csv", created.facilitator_secret)))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // `position` is the eleventh column of placements.csv.
    let position = csv.lines().nth(1).and_then(|row| row.split(',').nth(10));
    assert_eq!(position, Some("0"), "{csv}");
}

#[tokio::test]
async fn a_full_workshop_and_a_fifth_screen_are_refused_with_a_sentence() {
    let server = TestServer::start_with(Options { max_pairs: 3, ..Options::default() }).await;
    let created = server.create_workshop(ASPECTS).await;
    let mut joined = Vec::new();
    for n in 0..3 {
        joined.push(server.join(&created.join_code, &format!("Pair {n}")).await);
    }
    let (_, before) = server.facilitator(&created).await;
    let full = api_error(server.post_join(&created.join_code, "Pair 4").await, StatusCode::CONFLICT).await;
    assert!(full.error.contains("already has 3 pairs"), "{}", full.error);
    let (_, after) = server.facilitator(&created).await;
    assert_eq!((after.seq, after.pairs.len()), (before.seq, 3), "nobody joined");

    // Four screens of one pair work; a fifth is told why and closed.
    let mut screens = Vec::new();
    for _ in 0..4 {
        screens.push(server.pair(&joined[0]).await.0);
    }
    let mut fifth = server.connect().await;
    fifth.send(&app::protocol::ClientMsg::Hello { auth: crate::common::pair_auth(&joined[0]), last_seq: None }).await;
    let reply = fifth.recv().await;
    assert!(
        matches!(&reply, app::protocol::ServerMsg::Refused { message, .. } if message.contains("4 screens")),
        "{reply:?}"
    );
    fifth.expect_closed().await;
    // One closes: another may open.
    screens.pop().unwrap().close().await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (mut again, view) = server.pair(&joined[0]).await;
    again.acked(&place(view.cards[0].id, 50.0)).await;
}

#[tokio::test]
async fn a_pairs_screens_share_one_message_budget() {
    let server = TestServer::start().await;
    let (_, TwoPairs { a, mut tablet_a, view, .. }) = server.two_pairs(ASPECTS).await;
    let (mut second, _) = server.pair(&a).await;
    let card = view.cards[0].id;
    // 60 changes at once over two sockets: more than the pair's burst of 40, though each
    // socket alone (30) stays under its own.
    for i in 0..30 {
        for tablet in [&mut tablet_a, &mut second] {
            tablet.send(&place(card, f64::from(i))).await;
        }
    }
    let (mut acked, mut limited) = (0, 0);
    for tablet in [&mut tablet_a, &mut second] {
        let mut replies = 0;
        while replies < 30 {
            match tablet.recv().await {
                ServerMsg::Ack { .. } => acked += 1,
                ServerMsg::Refused { code: ErrorCode::RateLimited, .. } => limited += 1,
                ServerMsg::Refused { .. } => {}
                _ => continue,
            }
            replies += 1;
        }
    }
    assert_eq!(acked + limited, 60, "every change answered once");
    assert!(limited > 0, "the pair's shared budget refused some");
}

/// Rate limits on, the client address read from `X-Forwarded-For` (so one test is many venues).
fn limited() -> Options {
    Options { rate_limits: true, client_ip_header: Some("x-forwarded-for"), ..Options::default() }
}

async fn join_from(server: &TestServer, ip: &str, code: &str, label: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(server.url("/api/join"))
        .header("x-forwarded-for", format!("203.0.113.9, {ip}"))
        .json(&app::api::JoinRequest { code: code.to_string(), label: label.to_string(), consent: None })
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn joins_from_one_address_are_limited_and_other_venues_are_not() {
    let server = TestServer::start_with(limited()).await;
    let created = server.create_workshop(ASPECTS).await;
    let (_, before) = server.facilitator(&created).await;
    // A whole venue behind one address, 70 pairs joining at once: the budget is 60 at once, so
    // 60 pass and the rest are refused. (The budget grows back by one a second: on a busy
    // machine a few more may pass while the 70 are being answered, so "at least 60".)
    let labels: Vec<String> = (0..70).map(|n| format!("Pair {n}")).collect();
    let answers = futures::future::join_all(
        labels.iter().map(|label| join_from(&server, "198.51.100.1", &created.join_code, label)),
    )
    .await;
    let (joined, refused): (Vec<_>, Vec<_>) =
        labels.iter().zip(answers).partition(|(_, answer)| answer.status() == StatusCode::OK);
    assert!(joined.len() >= 60 && !refused.is_empty(), "{} joined, {} refused", joined.len(), refused.len());
    assert!(refused.iter().all(|(_, answer)| answer.status() == StatusCode::TOO_MANY_REQUESTS));
    let joined_count = joined.len();
    let refused_labels: Vec<&String> = refused.iter().map(|(label, _)| *label).collect();
    let (_, over) = refused.into_iter().next().expect("one refused");
    let retry: u64 = over.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry >= 1, "{retry}");
    let e: ApiError = over.json().await.unwrap();
    assert!(e.error.contains("Too many joins") && e.error.contains("try again"), "{}", e.error);
    let (_, after) = server.facilitator(&created).await;
    assert_eq!((after.seq, after.pairs.len()), (before.seq + joined_count as u64, joined_count), "one event per join");
    assert!(after.pairs.iter().all(|p| !refused_labels.contains(&&p.label)), "the refused joins changed nothing");
    // Another address is not slowed down.
    assert_eq!(join_from(&server, "198.51.100.2", &created.join_code, "Pair elsewhere").await.status(), 200);
}

#[tokio::test]
async fn wrong_admin_keys_slow_down_and_the_right_key_clears_them() {
    let server = TestServer::start_with(limited()).await;
    let login = |key: String| {
        let url = server.url("/api/research/login");
        async move {
            reqwest::Client::new()
                .post(url)
                .header("x-forwarded-for", "198.51.100.7")
                .json(&app::api::AdminLogin { key })
                .send()
                .await
                .unwrap()
        }
    };
    for _ in 0..server::web::limits::FREE_KEY_FAILURES {
        assert_eq!(login("wrong-key".into()).await.status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right key waits, and so does a Bearer key on the research routes.
    let waiting = login(server.admin_key()).await;
    assert_eq!(waiting.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(waiting.headers().contains_key("retry-after"));
    let listed = reqwest::Client::new()
        .get(server.url("/api/research/workshops"))
        .header("x-forwarded-for", "198.51.100.7")
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::TOO_MANY_REQUESTS);
    // From another address the key works at once.
    let other = reqwest::Client::new()
        .get(server.url("/api/research/workshops"))
        .header("x-forwarded-for", "198.51.100.8")
        .bearer_auth(server.admin_key())
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
    // After the wait, the right key signs in and clears the slow-down.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(login(server.admin_key()).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(login("wrong-key".into()).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_kept_alive_connection_left_idle_is_closed_but_a_quiet_websocket_is_not() {
    let server = TestServer::start_with(Options { timeouts: SHORT, ..Options::default() }).await;
    let created = server.create_workshop(ASPECTS).await;
    let joined = server.join(&created.join_code, "Pair Q").await;
    let (mut tablet, view) = server.pair(&joined).await;
    // A complete request on a kept-alive connection, then silence.
    let mut tcp = TcpStream::connect(server.addr).await.unwrap();
    let request = format!("GET /api/join-origin HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
    tcp.write_all(request.as_bytes()).await.unwrap();
    let answer = closed_within(&mut tcp, Duration::from_secs(10)).await.expect("closed once idle");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"), "answered first");
    // The tablet's socket said nothing for longer than that, and still works.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    tablet.acked(&place(view.cards[0].id, 10.0)).await;
}

#[tokio::test]
async fn a_limited_address_may_join_again_after_the_wait() {
    let server = TestServer::start_with(limited()).await;
    let created = server.create_workshop(ASPECTS).await;
    let mut n = 0;
    let retry = loop {
        let response = join_from(&server, "198.51.100.3", &created.join_code, &format!("Pair {n}")).await;
        n += 1;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            break response.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap();
        }
        assert_eq!(response.status(), 200);
    };
    tokio::time::sleep(Duration::from_secs(retry)).await;
    assert_eq!(join_from(&server, "198.51.100.3", &created.join_code, "Pair later").await.status(), 200);
}

/// The head of a request that declares a body of `length` bytes and sends none of it.
async fn declared_body_answer(server: &TestServer, head: &str, length: u64) -> String {
    let mut tcp = TcpStream::connect(server.addr).await.unwrap();
    let request = format!("{head} HTTP/1.1\r\nHost: {}\r\nContent-Length: {length}\r\n\r\n", server.addr);
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    match tokio::time::timeout(Duration::from_secs(2), tcp.read(&mut buf)).await {
        Ok(read) => String::from_utf8_lossy(&buf[..read.unwrap()]).into_owned(),
        Err(_) => String::new(),
    }
}

#[tokio::test]
async fn each_route_has_its_own_body_limit_and_only_the_import_takes_archives() {
    let server = TestServer::start().await;
    // 100 KiB is over the API's limit (64 KiB) and well within the import's (32 MiB): the
    // API routes answer 413 at once, the import waits for the body.
    for head in ["POST /api/workshops", "POST /api/join", "POST /api/research/login"] {
        let answer = declared_body_answer(&server, head, 100 * 1024).await;
        assert!(answer.starts_with("HTTP/1.1 413") && answer.contains("at most 64 KiB"), "{head}: {answer}");
    }
    let waiting = declared_body_answer(&server, "POST /api/research/import", 100 * 1024).await;
    assert!(!waiting.starts_with("HTTP/1.1 413"), "the import reads a 100 KiB archive: {waiting}");
    let huge = declared_body_answer(&server, "POST /api/research/import", 33 * 1024 * 1024).await;
    assert!(huge.starts_with("HTTP/1.1 413") && huge.contains("at most 32768 KiB"), "{huge}");
    // A real archive over 64 KiB of garbage is read and judged (not a zip), not refused as too large.
    let garbage = reqwest::Client::new()
        .post(server.url("/api/research/import"))
        .bearer_auth(server.admin_key())
        .header("content-type", "application/zip")
        .body(vec![b'x'; 100 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn downloads_share_one_budget_and_routes_without_one_are_not_counted() {
    let server = TestServer::start_with(limited()).await;
    let created = server.create_workshop(ASPECTS).await;
    let http = reqwest::Client::new();
    let get = |path: String| {
        let request = http.get(server.url(&path)).header("x-forwarded-for", "198.51.100.20");
        async move { request.send().await.unwrap() }
    };
    // 35 downloads at once from one address, over two routes: the budget is 30 at once.
    let paths: Vec<String> = (0..35)
        .map(|n| {
            let file = if n % 2 == 0 { "placements.csv" } else { "export.zip" };
            format!("{}/{file}", created.console_path)
        })
        .collect();
    let answers = futures::future::join_all(paths.into_iter().map(get)).await;
    let refused: Vec<_> = answers.into_iter().filter(|a| a.status() == StatusCode::TOO_MANY_REQUESTS).collect();
    assert!(!refused.is_empty(), "35 downloads at once go over the budget of 30");
    for answer in refused {
        let e: ApiError = answer.json().await.unwrap();
        assert!(e.error.contains("Too many downloads"), "{}", e.error);
    }
    // Routes without a download budget still answer this address.
    let template = get(format!("{}/template.json", created.console_path)).await;
    assert_eq!(template.status(), StatusCode::OK, "the template is not a counted download");
    let by_code = get(format!("/api/workshops/by-code/{}", created.join_code)).await;
    assert_eq!(by_code.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_body_dripped_a_byte_at_a_time_is_cut_off_at_the_total_deadline() {
    // The body deadline is 1 s in all; each byte comes well within it of the last one, so a
    // deadline that restarted with every byte would never end this request.
    let server = TestServer::start_with(Options { timeouts: SHORT, ..Options::default() }).await;
    let created = server.create_workshop(ASPECTS).await;
    let tcp = TcpStream::connect(server.addr).await.unwrap();
    let (mut reader, mut writer) = tcp.into_split();
    let head = format!(
        "POST /api/join HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n",
        server.addr
    );
    writer.write_all(head.as_bytes()).await.unwrap();
    let drip = tokio::spawn(async move {
        for _ in 0..100 {
            if writer.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buf = [0u8; 1024];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    drip.abort();
    let text = String::from_utf8_lossy(&answer);
    assert!(closed.is_ok(), "the connection is closed long before the drip ends (20 s): {text}");
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.to_ascii_lowercase().contains("connection: close"), "{text}");
    assert!(text.contains("took longer than 1 s"), "{text}");
    let (_, view) = server.facilitator(&created).await;
    assert!(view.pairs.is_empty(), "nobody joined");
}
