//! Test harness: a real server on a free port over a real database, and a typed websocket
//! client. Each server runs on its own tokio runtime, so dropping or restarting it kills every
//! task it had (listener, sockets) at once, as a crash would.
//!
//! The database is a SQLite file in a temporary folder, or with `DS_TEST_BACKEND=postgres` a
//! fresh PostgreSQL database of its own on the server at `DS_TEST_POSTGRES` (dropped with the
//! test server). Tests read it through [`TestServer::db`], in SQL both backends speak.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use app::api::{CreatedWorkshop, JoinRequest, Joined, NewWorkshop};
use app::domain::{Control, Phase, RoomView, Viewer};
use app::protocol::{Auth, ClientMsg, ServerMsg};
use futures::{SinkExt, StreamExt};
use server::store::Location;
use server::store::StoreError;
use server::store::sql::{Backend, Lite, Pg, Row, Sql, Value};
use server::web::serve::Timeouts;
use server::{Config, api_router, open_state};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use uuid::Uuid;

/// How long a test waits for a message that should come.
pub const RECV_TIMEOUT: Duration = Duration::from_secs(10);

/// What a test server is started with, besides a fresh database.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// How long clients may take.
    pub timeouts: Timeouts,
    /// Most pairs per workshop.
    pub max_pairs: usize,
    /// The HTTP rate limits (off unless a test is about them: tests join hundreds of pairs
    /// from one address in a second).
    pub rate_limits: bool,
    /// The header the client's address is read from (as behind a proxy), if any.
    pub client_ip_header: Option<&'static str>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            timeouts: Timeouts::default(),
            max_pairs: server::live::room::DEFAULT_MAX_PAIRS,
            rate_limits: false,
            client_ip_header: None,
        }
    }
}

/// The admin key a test server on PostgreSQL is given (there is no folder to generate one
/// into, and the server refuses to start without one).
pub const POSTGRES_ADMIN_KEY: &str = "integration-admin-key";

/// The backend this run of the suite uses (`DS_TEST_BACKEND`).
pub fn backend() -> Backend {
    server::store::sql::test_backend()
}

/// A server on 127.0.0.1 with a database of its own: a file in a temporary folder, or a fresh
/// PostgreSQL database ([`backend`]).
pub struct TestServer {
    /// Where it listens (changes on restart).
    pub addr: SocketAddr,
    /// Its database (kept across restarts).
    pub database: Location,
    runtime: Option<tokio::runtime::Runtime>,
    options: Options,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Starts a server on a fresh database.
    pub async fn start() -> TestServer {
        TestServer::start_with(Options::default()).await
    }

    /// Starts a server on a fresh database with these options.
    pub async fn start_with(options: Options) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let database = match backend() {
            Backend::Sqlite => Location::File(dir.path().join("data").join("test.sqlite3")),
            Backend::Postgres => Location::Postgres(blocking(server::store::sql::test_postgres_database).await),
        };
        let (runtime, addr) = serve(database.clone(), options).await;
        TestServer { addr, database, runtime: Some(runtime), options, _dir: dir }
    }

    /// Kills the server without a graceful shutdown and starts a new one on the same database.
    pub async fn restart(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
        let (runtime, addr) = serve(self.database.clone(), self.options).await;
        self.runtime = Some(runtime);
        self.addr = addr;
    }

    /// The SQLite file, on SQLite.
    pub fn db_path(&self) -> Option<&Path> {
        match &self.database {
            Location::File(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }

    /// `http://addr{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A websocket client connected to `/ws` (not yet signed in).
    pub async fn connect(&self) -> WsClient {
        let (ws, _) =
            tokio_tungstenite::connect_async(format!("ws://{}/ws", self.addr)).await.expect("websocket connects");
        WsClient { ws }
    }

    /// A websocket client connected to `/ws` with these extra headers on the upgrade request
    /// (a browser's `Cookie`, `Accept-Language`), not yet signed in.
    pub async fn connect_with_headers(&self, headers: &[(&str, &str)]) -> WsClient {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
        let mut request = format!("ws://{}/ws", self.addr).into_client_request().expect("a websocket request");
        for (name, value) in headers {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
            request.headers_mut().append(name, HeaderValue::from_str(value).expect("a header value"));
        }
        let (ws, _) = tokio_tungstenite::connect_async(request).await.expect("websocket connects");
        WsClient { ws }
    }

    /// Creates a workshop with these aspects through the API, still in phase Joining.
    pub async fn create_joining_workshop(&self, aspects: &[&str]) -> CreatedWorkshop {
        let body = new_workshop(aspects);
        let response =
            reqwest::Client::new().post(self.url("/api/workshops")).json(&body).send().await.expect("request");
        assert_eq!(response.status(), 201);
        response.json().await.expect("CreatedWorkshop")
    }

    /// Creates a workshop with these aspects and starts placing from a console (seq 2 is the
    /// phase change), as most tests need pairs able to place.
    pub async fn create_workshop(&self, aspects: &[&str]) -> CreatedWorkshop {
        let created = self.create_joining_workshop(aspects).await;
        self.start_placing(&created).await;
        created
    }

    /// Moves a workshop from Joining to Placing from a console.
    pub async fn start_placing(&self, created: &CreatedWorkshop) {
        let (mut console, _) = self.facilitator(created).await;
        console.acked(&control(Control::SetPhase { phase: Phase::Placing })).await;
        console.close().await;
    }

    /// Joins a workshop as a pair through the API.
    pub async fn join(&self, code: &str, label: &str) -> Joined {
        let response = self.post_join(code, label).await;
        assert_eq!(response.status(), 200, "join {label}");
        response.json().await.expect("Joined")
    }

    /// `POST /api/join`, returning the raw response.
    pub async fn post_join(&self, code: &str, label: &str) -> reqwest::Response {
        reqwest::Client::new()
            .post(self.url("/api/join"))
            .json(&JoinRequest { code: code.into(), label: label.into(), consent: None })
            .send()
            .await
            .expect("request")
    }

    /// A signed-in facilitator console: returns the client after Welcome, Snapshot, Presence.
    pub async fn facilitator(&self, created: &CreatedWorkshop) -> (WsClient, RoomView) {
        let mut ws = self.connect().await;
        let auth = Auth::Facilitator { secret: created.facilitator_secret.clone() };
        assert_eq!(ws.hello(auth, None).await, Viewer::Facilitator);
        let view = ws.expect_snapshot().await;
        let presence = ws.recv().await;
        assert!(matches!(presence, ServerMsg::Presence { .. }), "{presence:?}");
        (ws, view)
    }

    /// A signed-in pair tablet: returns the client after Welcome and Snapshot.
    pub async fn pair(&self, joined: &Joined) -> (WsClient, RoomView) {
        let mut ws = self.connect().await;
        let you = ws.hello(pair_auth(joined), None).await;
        assert_eq!(you, Viewer::Pair { pair_id: joined.pair_id, label: joined.label.clone() });
        let view = ws.expect_snapshot().await;
        (ws, view)
    }

    /// A signed-in pair tablet whose upgrade request carried these headers ([`Self::pair`]).
    pub async fn pair_with_headers(&self, joined: &Joined, headers: &[(&str, &str)]) -> (WsClient, RoomView) {
        let mut ws = self.connect_with_headers(headers).await;
        let you = ws.hello(pair_auth(joined), None).await;
        assert_eq!(you, Viewer::Pair { pair_id: joined.pair_id, label: joined.label.clone() });
        let view = ws.expect_snapshot().await;
        (ws, view)
    }

    /// A signed-in projector: returns the client after Welcome and Snapshot.
    pub async fn projector(&self, workshop_id: Uuid) -> (WsClient, RoomView) {
        let mut ws = self.connect().await;
        assert_eq!(ws.hello(Auth::Projector { workshop_id }, None).await, Viewer::Projector);
        let view = ws.expect_snapshot().await;
        (ws, view)
    }

    /// A workshop in Placing with `aspects`, and "Pair A" and "Pair B" signed in on their
    /// own tablets.
    pub async fn two_pairs(&self, aspects: &[&str]) -> (CreatedWorkshop, TwoPairs) {
        let created = self.create_workshop(aspects).await;
        let a = self.join(&created.join_code, "Pair A").await;
        let b = self.join(&created.join_code, "Pair B").await;
        let (tablet_a, view) = self.pair(&a).await;
        let (tablet_b, _) = self.pair(&b).await;
        (created, TwoPairs { a, b, tablet_a, tablet_b, view })
    }

    /// The admin key: on SQLite the one the server generated into `admin-key` beside its
    /// database (read from that file), on PostgreSQL [`POSTGRES_ADMIN_KEY`].
    pub fn admin_key(&self) -> String {
        match &self.database {
            Location::File(path) => {
                let file = path.parent().expect("a folder").join("admin-key");
                std::fs::read_to_string(file).expect("admin-key file").trim().to_string()
            }
            Location::Postgres(_) => POSTGRES_ADMIN_KEY.to_string(),
        }
    }

    /// A connection to the database, as a researcher would open one: the SQLite file, or the
    /// PostgreSQL database. Usable anywhere, an async test included ([`TestDb`]).
    pub fn db(&self) -> TestDb {
        TestDb(Some(off_runtime(|| open(&self.database))))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
        if let Location::Postgres(url) = &self.database {
            // Best effort: the databases of a run would otherwise pile up on the test server.
            off_runtime(|| drop_postgres_database(url));
        }
    }
}

/// Opens `database` directly.
fn open(database: &Location) -> Box<dyn Sql> {
    match database {
        Location::File(path) => Box::new(Lite(rusqlite::Connection::open(path).expect("open the database file"))),
        Location::Postgres(url) => Box::new(Pg::connect(url).expect("connect to the database")),
    }
}

/// Drops the test database at `url` (its name is the URL's path), disconnecting whatever is
/// still connected to it (the threads of a server that was killed may be). Best effort: a
/// failure is only reported.
fn drop_postgres_database(url: &str) {
    let Ok(server_url) = std::env::var("DS_TEST_POSTGRES") else { return };
    let name = url.split('?').next().unwrap_or(url).rsplit('/').next().unwrap_or("");
    if !name.starts_with("ds_") || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return;
    }
    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    if let Err(e) = Pg::connect(&server_url).and_then(|mut pg| pg.batch(&sql)) {
        eprintln!("could not drop the test database {name}: {e}");
    }
}

/// Runs `work` on a thread of its own when called on a thread that drives async tasks (the
/// PostgreSQL client blocks on a runtime of its own, which it may not start there), directly
/// otherwise. A panic in `work` is the caller's.
fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    if tokio::runtime::Handle::try_current().is_err() {
        return work();
    }
    std::thread::scope(|scope| scope.spawn(work).join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Runs blocking `work` on tokio's blocking threads and waits for it; a panic in it is the
/// caller's.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// A direct connection to a test server's database ([`TestServer::db`]): SQL both backends
/// speak (`?1` placeholders, values as [`Value`]s), callable from an async test too, where
/// each statement runs on a thread of its own.
pub struct TestDb(Option<Box<dyn Sql>>);

impl TestDb {
    /// Runs `work` on the connection, off the async runtime.
    fn run<T: Send>(&mut self, work: impl FnOnce(&mut dyn Sql) -> T + Send) -> T {
        let db = self.0.as_deref_mut().expect("open until dropped");
        off_runtime(move || work(db))
    }

    /// Every row of a query.
    pub fn rows(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, StoreError> {
        self.run(|db| db.rows(sql, params))
    }

    /// The first row of a query, if any.
    pub fn row(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>, StoreError> {
        self.run(|db| db.row(sql, params))
    }

    /// The integer in the first column of the only row of a query (a `COUNT(*)`, a `MAX`),
    /// whatever the database names it; panics, naming the query, if there is none or the
    /// query fails.
    pub fn int(&mut self, sql: &str, params: &[Value]) -> i64 {
        let row = self.row(sql, params).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let row = row.unwrap_or_else(|| panic!("{sql}: no row"));
        let first = row.names().first().unwrap_or_else(|| panic!("{sql}: no column")).clone();
        row.int(&first).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

impl Drop for TestDb {
    /// Closing a PostgreSQL connection blocks too: off the runtime, and before the test goes on.
    fn drop(&mut self) {
        if let Some(db) = self.0.take() {
            off_runtime(move || drop(db));
        }
    }
}

/// Starts `api_router` on its own runtime; returns once the database is open.
async fn serve(database: Location, options: Options) -> (tokio::runtime::Runtime, SocketAddr) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("address");
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    runtime.spawn(async move {
        let config = Config {
            admin_key: matches!(database, Location::Postgres(_)).then(|| POSTGRES_ADMIN_KEY.to_string()),
            database,
            public_url: None,
            announce_origin: None,
            show_new_key: false,
            allowed_origins: Vec::new(),
            max_pairs: options.max_pairs,
            rate_limits: options.rate_limits,
            client_ip_header: options.client_ip_header.map(str::to_string),
        };
        let state = open_state(config).await.expect("open state");
        let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
        let _ = ready_tx.send(());
        server::web::serve::serve(listener, api_router(state), options.timeouts).await.expect("serve");
    });
    ready_rx.await.expect("server started");
    (runtime, addr)
}

/// A valid new workshop with these aspects.
pub fn new_workshop(aspects: &[&str]) -> NewWorkshop {
    NewWorkshop {
        title: "Knowledge exchange meeting".into(),
        site: "Site 3".into(),
        question: "How much discretion?".into(),
        left_pole: "Fixed".into(),
        right_pole: "Flexible".into(),
        aspects: aspects.iter().map(|a| a.to_string()).collect(),
        settings: None,
        template: None,
        delete_after: None,
        consent_sheet: None,
        second_language: None,
    }
}

/// The `Auth` a pair's tablet sends.
pub fn pair_auth(joined: &Joined) -> Auth {
    Auth::Pair { code: joined.code.clone(), token: joined.token.clone() }
}

/// A `Place` with a fresh change id.
/// A facilitator's control with a fresh change id.
pub fn control(control: Control) -> ClientMsg {
    ClientMsg::Control { change_id: Uuid::new_v4(), control }
}

pub fn place(card_id: Uuid, position: f64) -> ClientMsg {
    ClientMsg::Place { change_id: Uuid::new_v4(), card_id, position }
}

/// Sends `request` and decodes its JSON answer (panicking, as a test does, when either fails).
pub async fn json_of<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> T {
    request.send().await.expect("the server answers").json().await.expect("a JSON answer")
}

/// Two pairs of one workshop, each signed in on its own tablet ([`TestServer::two_pairs`]).
pub struct TwoPairs {
    /// Pair A.
    pub a: Joined,
    /// Pair B.
    pub b: Joined,
    /// A's tablet.
    pub tablet_a: WsClient,
    /// B's tablet.
    pub tablet_b: WsClient,
    /// What A's tablet was sent when it signed in.
    pub view: RoomView,
}

/// A typed websocket test client.
pub struct WsClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl WsClient {
    /// Sends a client message as JSON text.
    pub async fn send(&mut self, msg: &ClientMsg) {
        self.send_text(serde_json::to_string(msg).expect("serialise")).await;
    }

    /// Sends raw text (for malformed input).
    pub async fn send_text(&mut self, text: impl Into<String>) {
        self.ws.send(Message::text(text.into())).await.expect("send");
    }

    /// Sends a raw frame.
    pub async fn send_frame(&mut self, frame: Message) -> Result<(), String> {
        self.ws.send(frame).await.map_err(|e| e.to_string())
    }

    /// The next server message within `wait`, or `None`. Panics if the socket closes.
    pub async fn try_recv(&mut self, wait: Duration) -> Option<ServerMsg> {
        loop {
            let frame = match tokio::time::timeout(wait, self.ws.next()).await {
                Err(_) => return None,
                Ok(frame) => frame,
            };
            match frame {
                Some(Ok(Message::Text(text))) => {
                    return Some(serde_json::from_str(text.as_str()).expect("a ServerMsg"));
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                other => panic!("socket closed or failed: {other:?}"),
            }
        }
    }

    /// The next server message; panics after [`RECV_TIMEOUT`].
    pub async fn recv(&mut self) -> ServerMsg {
        self.try_recv(RECV_TIMEOUT).await.expect("a message before the timeout")
    }

    /// Receives until `pred` matches; returns everything received, the match last.
    pub async fn recv_until(&mut self, pred: impl Fn(&ServerMsg) -> bool) -> Vec<ServerMsg> {
        let mut seen = Vec::new();
        loop {
            let msg = self.recv().await;
            let done = pred(&msg);
            seen.push(msg);
            if done {
                return seen;
            }
        }
    }

    /// Sends `Hello` and returns who the server says we are.
    pub async fn hello(&mut self, auth: Auth, last_seq: Option<u64>) -> Viewer {
        self.send(&ClientMsg::Hello { auth, last_seq }).await;
        match self.recv().await {
            ServerMsg::Welcome { you, .. } => you,
            other => panic!("expected Welcome, got {other:?}"),
        }
    }

    /// Expects a snapshot next.
    pub async fn expect_snapshot(&mut self) -> RoomView {
        match self.recv().await {
            ServerMsg::Snapshot { view } => view,
            other => panic!("expected Snapshot, got {other:?}"),
        }
    }

    /// Sends a change and waits for its `Ack` (or refusal), skipping other messages.
    pub async fn change(&mut self, msg: &ClientMsg) -> ServerMsg {
        let id = msg.change_id().expect("a change");
        self.send(msg).await;
        let seen = self.recv_until(|m| match m {
            ServerMsg::Ack { change_id, .. } => *change_id == id,
            ServerMsg::Refused { change_id, .. } => *change_id == Some(id),
            _ => false,
        });
        seen.await.pop().expect("at least the reply")
    }

    /// Sends a change and returns its acknowledged sequence number.
    pub async fn acked(&mut self, msg: &ClientMsg) -> u64 {
        match self.change(msg).await {
            ServerMsg::Ack { seq, .. } => seq,
            other => panic!("expected Ack, got {other:?}"),
        }
    }

    /// Expects the server to close the connection (a Close frame, or the stream ending).
    pub async fn expect_closed(&mut self) {
        loop {
            match tokio::time::timeout(RECV_TIMEOUT, self.ws.next()).await {
                Err(_) => panic!("the server did not close the connection"),
                Ok(None | Some(Err(_)) | Some(Ok(Message::Close(_)))) => return,
                Ok(Some(Ok(Message::Text(text)))) => {
                    let msg: ServerMsg = serde_json::from_str(text.as_str()).expect("a ServerMsg");
                    panic!("expected the connection to close, got {msg:?}");
                }
                Ok(Some(Ok(_))) => continue,
            }
        }
    }

    /// Closes the socket from the client side.
    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}
