//! Several instances, one truth: two real server processes (the built binary) on one
//! PostgreSQL database, with the pairs and screens spread over both. Changes made on one
//! instance reach the screens on the other, presence is shared, and when one instance is
//! killed with SIGKILL mid-session its screens reconnect to the other and lose nothing.
//!
//! Needs the test PostgreSQL server (`DS_TEST_POSTGRES`, started by `scripts/test.sh`); it
//! runs whichever backend the rest of the suite uses.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::time::Duration;

use app::api::{CreatedWorkshop, JoinRequest, Joined};
use app::domain::{Control, Phase, RoomView};
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::SinkExt;
use tokio::process::Child;
use tokio_tungstenite::tungstenite::Message;
use uuid::Uuid;

use crate::common::{json_of, new_workshop};
use crate::crash::{Ws, place_until_gone, recv, start_on};

/// The admin key every instance is given (PostgreSQL needs one, the same on each).
const KEY: &str = "multi-instance-admin-key";

/// How long a screen may wait for what another instance committed or saw.
const WAIT: Duration = Duration::from_secs(20);

/// Starts an instance of the server binary on the database at `url`.
async fn instance(url: &str) -> (Child, String) {
    start_on(OsStr::new(url), &[("DS_ADMIN_KEY", KEY), ("DS_RATE_LIMITS", "off")]).await
}

/// A screen that keeps the state it was sent: its snapshot with every update applied.
struct Screen {
    ws: Ws,
    view: RoomView,
    /// The sequence numbers of the updates received since the snapshot, in arrival order.
    updates: Vec<u64>,
    /// The last presence message.
    connected: BTreeSet<Uuid>,
}

impl Screen {
    /// Signs in on `addr` as `auth`: a new screen, or (`resume`) one that had seen the
    /// workshop up to its view's sequence number and says so.
    async fn open(addr: &str, auth: Auth, resume: Option<RoomView>) -> Screen {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws")).await.unwrap();
        let hello = ClientMsg::Hello { auth, last_seq: resume.as_ref().map(|v| v.seq) };
        ws.send(Message::text(serde_json::to_string(&hello).unwrap())).await.unwrap();
        assert!(matches!(recv(&mut ws).await, ServerMsg::Welcome { .. }));
        let view = match resume {
            Some(view) => view,
            None => match recv(&mut ws).await {
                ServerMsg::Snapshot { view } => view,
                other => panic!("expected a snapshot, got {other:?}"),
            },
        };
        Screen { ws, view, updates: Vec::new(), connected: BTreeSet::new() }
    }

    /// Takes one message into the screen's state; returns it.
    async fn take(&mut self) -> ServerMsg {
        let msg = tokio::time::timeout(WAIT, recv(&mut self.ws)).await.expect("a message in time");
        match &msg {
            ServerMsg::Snapshot { view } => {
                self.view = view.clone();
                self.updates.clear();
            }
            ServerMsg::Update { seq, event } => {
                assert!(*seq > self.view.seq, "update {seq} after {}: out of order or twice", self.view.seq);
                self.view.apply(*seq, event);
                self.updates.push(*seq);
            }
            ServerMsg::Presence { connected } => self.connected = connected.iter().copied().collect(),
            _ => {}
        }
        msg
    }

    /// Takes messages until the view has reached `seq`.
    async fn until_seq(&mut self, seq: u64) {
        while self.view.seq < seq {
            self.take().await;
        }
    }

    /// Takes messages until the pairs shown as connected are exactly `pairs`.
    async fn until_connected(&mut self, pairs: &[Uuid]) {
        let want: BTreeSet<Uuid> = pairs.iter().copied().collect();
        while self.connected != want {
            self.take().await;
        }
    }

    /// Sends a change and waits for its acknowledgement; returns its sequence number.
    async fn acked(&mut self, msg: &ClientMsg) -> u64 {
        let id = msg.change_id().unwrap();
        self.ws.send(Message::text(serde_json::to_string(msg).unwrap())).await.unwrap();
        loop {
            match self.take().await {
                ServerMsg::Ack { change_id, seq } if change_id == id => return seq,
                ServerMsg::Refused { change_id: Some(c), message, .. } if c == id => panic!("refused: {message}"),
                _ => {}
            }
        }
    }
}

async fn join(addr: &str, code: &str, label: &str) -> Joined {
    let request = JoinRequest { code: code.into(), label: label.into(), consent: None };
    json_of(reqwest::Client::new().post(format!("http://{addr}/api/join")).json(&request)).await
}

fn pair_auth(joined: &Joined) -> Auth {
    Auth::Pair { code: joined.code.clone(), token: joined.token.clone() }
}

fn place(card_id: Uuid, position: f64) -> ClientMsg {
    ClientMsg::Place { change_id: Uuid::new_v4(), card_id, position }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_a_workshop_and_losing_one_loses_nothing() {
    let url = tokio::task::spawn_blocking(server::store::sql::test_postgres_database).await.unwrap();
    let (mut a, addr_a) = instance(&url).await;
    let (_b, addr_b) = instance(&url).await;

    // The workshop is made on A; the facilitator runs it from B, the projector shows it on A.
    let created: CreatedWorkshop = json_of(
        reqwest::Client::new()
            .post(format!("http://{addr_a}/api/workshops"))
            .json(&new_workshop(&["One", "Two", "Three"])),
    )
    .await;
    let console_auth = Auth::Facilitator { secret: created.facilitator_secret.clone() };
    let mut console = Screen::open(&addr_b, console_auth.clone(), None).await;
    let started = console
        .acked(&ClientMsg::Control { change_id: Uuid::new_v4(), control: Control::SetPhase { phase: Phase::Placing } })
        .await;
    let mut projector = Screen::open(&addr_a, Auth::Projector { workshop_id: created.workshop_id }, None).await;
    projector.until_seq(started).await;
    assert_eq!(projector.view.phase, Phase::Placing, "the phase set on B reached the projector on A");

    // Pairs join on either instance and put their tablets on either.
    let p1 = join(&addr_a, &created.join_code, "Pair 1").await;
    let p2 = join(&addr_b, &created.join_code, "Pair 2").await;
    let p3 = join(&addr_a, &created.join_code, "Pair 3").await;
    let duplicate = reqwest::Client::new()
        .post(format!("http://{addr_b}/api/join"))
        .json(&JoinRequest { code: created.join_code.clone(), label: "pair 1".into(), consent: None })
        .send()
        .await
        .unwrap();
    assert_eq!(duplicate.status(), 409, "a label taken on A is taken on B");
    let mut tablet1 = Screen::open(&addr_a, pair_auth(&p1), None).await;
    let mut tablet2 = Screen::open(&addr_b, pair_auth(&p2), None).await;
    let tablet3 = Screen::open(&addr_b, pair_auth(&p3), None).await;
    assert_eq!(tablet1.view.pairs.len(), 3, "A's room knows the pair that joined on B");

    // Presence is shared: the console on B sees Pair 1's tablet, which is on A.
    console.until_connected(&sorted(&[p1.pair_id, p2.pair_id, p3.pair_id])).await;

    // Placements cross instances in order.
    let cards: Vec<Uuid> = tablet1.view.cards.iter().map(|c| c.id).collect();
    let s1 = tablet1.acked(&place(cards[0], 10.0)).await;
    let s2 = tablet2.acked(&place(cards[1], 80.0)).await;
    console.until_seq(s2).await;
    projector.until_seq(s2).await;
    assert_eq!(console.view.placement(p1.pair_id, cards[0]).map(|p| p.position), Some(10.0));
    assert_eq!(console.view.placement(p2.pair_id, cards[1]).map(|p| p.position), Some(80.0));
    assert!(s1 < s2);

    // Pair 1 places as fast as it is acknowledged on A while Pair 2 places on B: A is killed
    // mid-session.
    let Screen { ws: ws1, .. } = tablet1;
    let placing = tokio::spawn(place_until_gone(ws1, cards.clone(), None));
    let mut from_b = Vec::new();
    for i in 0..5 {
        from_b.push(tablet2.acked(&place(cards[i % 3], 20.0 + i as f64)).await);
        tokio::time::sleep(Duration::from_millis(80)).await;
    }
    a.kill().await.expect("SIGKILL");
    let (acked_on_a, in_flight) = placing.await.unwrap();
    assert!(!acked_on_a.is_empty(), "pair 1 placed on A before it died");

    // The console on B sees Pair 1 and the projector go; they reconnect to B as a load
    // balancer would send them, saying their last sequence number.
    console.until_connected(&sorted(&[p2.pair_id, p3.pair_id])).await;
    let mut tablet1 = Screen::open(&addr_b, pair_auth(&p1), None).await;
    if let Some(resent) = &in_flight {
        tablet1.acked(resent).await;
    }
    let Screen { view: projector_view, .. } = projector;
    let mut projector =
        Screen::open(&addr_b, Auth::Projector { workshop_id: created.workshop_id }, Some(projector_view)).await;
    let last = tablet2.acked(&place(cards[2], 55.0)).await;
    console.until_connected(&sorted(&[p1.pair_id, p2.pair_id, p3.pair_id])).await;
    for screen in [&mut console, &mut projector, &mut tablet2] {
        screen.until_seq(last).await;
    }

    // Every acknowledged change is in the log exactly once, numbered without a gap.
    let (store_url, workshop) = (url.clone(), created.workshop_id);
    let log = tokio::task::spawn_blocking(move || {
        server::store::Store::open_postgres(&store_url).unwrap().event_log(workshop).unwrap()
    })
    .await
    .unwrap();
    let seqs: Vec<u64> = log.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=last).collect::<Vec<_>>(), "contiguous sequence numbers");
    let change_ids: Vec<Uuid> = log.iter().filter_map(|e| e.change_id).collect();
    let unique: BTreeSet<Uuid> = change_ids.iter().copied().collect();
    assert_eq!(unique.len(), change_ids.len(), "no change applied twice");
    for (change_id, seq) in &acked_on_a {
        assert_eq!(log.iter().find(|e| e.change_id == Some(*change_id)).map(|e| e.seq), Some(*seq), "kept as acked");
    }
    if let Some(resent) = in_flight {
        let id = resent.change_id().unwrap();
        assert_eq!(log.iter().filter(|e| e.change_id == Some(id)).count(), 1, "the resent change once");
    }
    for seq in &from_b {
        assert!(log.iter().any(|e| e.seq == *seq && e.pair_id == Some(p2.pair_id)), "B's change {seq} kept");
    }

    // Every screen ends with the same state: what it built from its updates is what a new
    // screen of its kind is sent now.
    let fresh_console = Screen::open(&addr_b, console_auth, None).await;
    assert_eq!(console.view, fresh_console.view, "the console on B followed every change");
    let fresh_projector = Screen::open(&addr_b, Auth::Projector { workshop_id: created.workshop_id }, None).await;
    assert_eq!(projector.view, fresh_projector.view, "the projector caught up after moving to B");
    let fresh_tablet = Screen::open(&addr_b, pair_auth(&p2), None).await;
    // A tablet is not sent other pairs' placements, so their last activity is not news to it.
    assert_eq!(without_activity(&tablet2.view), without_activity(&fresh_tablet.view));
    assert!(console.updates.windows(2).all(|w| w[1] > w[0]), "the console's updates came in order");
    drop(tablet3);
}

/// `view` with every pair's last activity set to its joining time.
fn without_activity(view: &RoomView) -> RoomView {
    let mut view = view.clone();
    for pair in &mut view.pairs {
        pair.last_active = pair.joined_at;
    }
    view
}

fn sorted(ids: &[Uuid]) -> Vec<Uuid> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids
}
