//! What the load examples share: a signed-in socket, sending and reading messages, creating a
//! workshop and joining it over HTTP. Included with `#[path]`, so it is not an example itself.

use app::api::{CreatedWorkshop, JoinRequest, Joined, NewWorkshop};
use app::domain::DEFAULT_ASPECTS;
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// A client's websocket.
pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects to `/ws`, says hello and waits for the snapshot.
pub async fn connect(origin: &str, auth: Auth) -> Ws {
    let url = format!("{}/ws", origin.replacen("http", "ws", 1));
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("websocket connects");
    send(&mut ws, &ClientMsg::Hello { auth, last_seq: None }).await;
    loop {
        if let ServerMsg::Snapshot { .. } = recv(&mut ws).await {
            return ws;
        }
    }
}

/// Sends one message.
pub async fn send(ws: &mut Ws, msg: &ClientMsg) {
    ws.send(Message::text(serde_json::to_string(msg).expect("serialises"))).await.expect("send");
}

/// The next server message; panics when the socket closes.
pub async fn recv(ws: &mut Ws) -> ServerMsg {
    loop {
        match ws.next().await.expect("socket open").expect("frame") {
            Message::Text(t) => return serde_json::from_str(&t).expect("server message parses"),
            _ => continue,
        }
    }
}

/// Moves the workshop of the signed-in facilitator `console` to Placing; returns its aspects.
/// The phase change is acknowledged and, being a change of what screens see, followed by a
/// fresh snapshot (in either order): this waits for both.
#[allow(dead_code, reason = "ws_load sets its phase together with its settings")]
pub async fn start_placing(console: &mut Ws) -> Vec<uuid::Uuid> {
    let change_id = uuid::Uuid::new_v4();
    let control = app::domain::Control::SetPhase { phase: app::domain::Phase::Placing };
    send(console, &ClientMsg::Control { change_id, control }).await;
    let (mut acked, mut cards) = (false, Vec::new());
    while !acked || cards.is_empty() {
        match recv(console).await {
            ServerMsg::Ack { change_id: id, .. } if id == change_id => acked = true,
            ServerMsg::Snapshot { view } => cards = view.cards.iter().map(|c| c.id).collect(),
            _ => {}
        }
    }
    cards
}

/// Creates a workshop with the default aspects and settings.
pub async fn create_workshop(http: &reqwest::Client, origin: &str, title: &str) -> CreatedWorkshop {
    http.post(format!("{origin}/api/workshops"))
        .json(&NewWorkshop {
            title: title.into(),
            site: "Bench".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            aspects: DEFAULT_ASPECTS.iter().map(|s| s.to_string()).collect(),
            settings: None,
            template: None,
            delete_after: None,
            consent_sheet: None,
            second_language: None,
        })
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("created json")
}

/// Joins `pairs` pairs, "Pair 0" onwards.
pub async fn join_pairs(http: &reqwest::Client, origin: &str, code: &str, pairs: usize) -> Vec<Joined> {
    let mut joined = Vec::new();
    for i in 0..pairs {
        let j: Joined = http
            .post(format!("{origin}/api/join"))
            .json(&JoinRequest { code: code.to_string(), label: format!("Pair {i}"), consent: None })
            .send()
            .await
            .expect("join")
            .json()
            .await
            .expect("joined json");
        joined.push(j);
    }
    joined
}
