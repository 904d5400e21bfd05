//! The websocket on the wire, read byte by byte: a big message leaves in fragments (so the
//! server's write buffer stays small), and the handshake refuses what is not a websocket.

use std::time::Duration;

use app::protocol::{Auth, ClientMsg, ServerMsg};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::TestServer;

/// The server's fragment size (server/src/live/socket/conn.rs `FRAGMENT`).
const FRAGMENT: usize = 512;

/// Opens `/ws` by hand and returns the stream after the `101`.
async fn handshake(server: &TestServer) -> TcpStream {
    let addr = server.url("").trim_start_matches("http://").to_string();
    let mut tcp = TcpStream::connect(&addr).await.unwrap();
    let request = format!(
        "GET /ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(tcp.read_u8().await.unwrap());
    }
    let head = String::from_utf8(head).unwrap();
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    // RFC 6455 §1.3's example key and its answer.
    assert!(head.to_ascii_lowercase().contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="), "{head}");
    tcp
}

/// Sends one masked text frame (clients must mask, RFC 6455 §5.3).
async fn send_text(tcp: &mut TcpStream, text: &str) {
    let mask = [0x37u8, 0xfa, 0x21, 0x3d];
    let mut frame = vec![0x81];
    match text.len() {
        n if n < 126 => frame.push(0x80 | n as u8),
        n => {
            frame.push(0x80 | 126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
    }
    frame.extend_from_slice(&mask);
    frame.extend(text.bytes().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    tcp.write_all(&frame).await.unwrap();
}

/// Reads one frame: (fin, opcode, payload).
async fn read_frame(tcp: &mut TcpStream) -> (bool, u8, Vec<u8>) {
    let b0 = tcp.read_u8().await.unwrap();
    let b1 = tcp.read_u8().await.unwrap();
    assert_eq!(b1 & 0x80, 0, "server frames are not masked");
    let len = match b1 & 0x7f {
        126 => tcp.read_u16().await.unwrap() as usize,
        127 => tcp.read_u64().await.unwrap() as usize,
        n => n as usize,
    };
    let mut payload = vec![0; len];
    tcp.read_exact(&mut payload).await.unwrap();
    (b0 & 0x80 != 0, b0 & 0x0f, payload)
}

/// Reads one whole message: its text and the sizes of the frames it came in.
async fn read_message(tcp: &mut TcpStream) -> (String, Vec<usize>) {
    let mut text = Vec::new();
    let mut sizes = Vec::new();
    loop {
        let (fin, opcode, payload) = tokio::time::timeout(Duration::from_secs(10), read_frame(tcp)).await.unwrap();
        let expected = if sizes.is_empty() { 1 } else { 0 };
        assert_eq!(opcode, expected, "a text frame, then continuation frames");
        sizes.push(payload.len());
        text.extend(payload);
        if fin {
            return (String::from_utf8(text).expect("the whole message is UTF-8"), sizes);
        }
    }
}

#[tokio::test]
async fn a_big_snapshot_leaves_in_fragments_and_reads_as_one_message() {
    let server = TestServer::start().await;
    let created = server.create_workshop(&["Holding patients", "Where people are seen"]).await;
    for n in 0..60 {
        server.join(&created.join_code, &format!("Pair with a long name ŵ {n:02}")).await;
    }
    let mut tcp = handshake(&server).await;
    let hello = ClientMsg::Hello { auth: Auth::Projector { workshop_id: created.workshop_id }, last_seq: None };
    send_text(&mut tcp, &serde_json::to_string(&hello).unwrap()).await;
    let (welcome, sizes) = read_message(&mut tcp).await;
    assert!(matches!(serde_json::from_str(&welcome).unwrap(), ServerMsg::Welcome { .. }));
    assert_eq!(sizes.len(), 1, "a small message is one frame");
    let (snapshot, sizes) = read_message(&mut tcp).await;
    let ServerMsg::Snapshot { view } = serde_json::from_str(&snapshot).unwrap() else { panic!("{snapshot}") };
    assert_eq!(view.pairs.len(), 60);
    assert!(snapshot.len() > 3 * FRAGMENT, "the snapshot is big: {} bytes", snapshot.len());
    assert_eq!(sizes.len(), snapshot.len().div_ceil(FRAGMENT), "{sizes:?}");
    assert!(sizes.iter().all(|s| *s <= FRAGMENT), "{sizes:?}");
    assert!(view.pairs.iter().any(|p| p.label == "Pair with a long name ŵ 07"), "text cut across frames survives");
}

#[tokio::test]
async fn requests_that_are_not_websocket_handshakes_are_refused_as_before() {
    let server = TestServer::start().await;
    let http = reqwest::Client::new();
    let plain = http.get(server.url("/ws")).send().await.unwrap();
    assert_eq!(plain.status(), 400, "a plain GET");
    let post = http.post(server.url("/ws")).send().await.unwrap();
    assert!([403, 405].contains(&post.status().as_u16()), "{}", post.status());
    let old_version = http
        .get(server.url("/ws"))
        .header("connection", "upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "8")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
        .send()
        .await
        .unwrap();
    assert_eq!(old_version.status(), 400);
    assert!(old_version.text().await.unwrap().contains("13"));
}
