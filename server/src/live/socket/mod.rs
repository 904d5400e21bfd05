//! `GET /ws`: one websocket per screen. This module only maps protocol messages to room
//! calls; the rules live in [`super::room`].
//!
//! A connection goes through two phases: waiting for `Hello` (at most [`HELLO_TIMEOUT`]),
//! then one `tokio::select!` loop over the client's messages and the screen's [`Feed`]
//! (which subscribes before the snapshot or catch-up is read, so no change falls between).
//! A `Ping` is answered with a `Pong` in either phase, and costs only the socket's own rate
//! budget (not the pair's, which is for changes).

mod conn;
pub mod hello;
mod upgrade;

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use app::domain::{PairSummary, Viewer};
use app::i18n::Lang;
use app::protocol::{ClientMsg, ErrorCode, ServerMsg};
use axum::extract::State;
use axum::response::Response;
use futures::StreamExt;
use futures::stream::SplitStream;
use governor::DefaultDirectRateLimiter;
use tokio::sync::watch;
use tracing::Instrument;
use uuid::Uuid;

use super::feed::Feed;
use super::hub::Hub;
use super::room::{Frame, MAX_SCREENS_PER_PAIR, Room, RoomError, TooManyScreens};
use crate::time::now_ms;
use conn::{Gone, Incoming, SocketSender, classify, rate_limiter};
use hello::{Identity, authenticate};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use upgrade::{Socket, WsUpgrade};

/// A client must say `Hello` within this time after connecting.
pub const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// Hard limit on one incoming websocket message or frame: beyond it tungstenite fails the
/// read and the connection is dropped. Up to it, messages over
/// [`app::protocol::MAX_MESSAGE_BYTES`] are refused politely and the connection stays.
pub const MAX_WS_MESSAGE: usize = 64 * 1024;
/// Bytes read from the network at a time. tungstenite zeroes its whole read buffer before
/// every read attempt, and a socket's read is attempted each time its task wakes (for every
/// broadcast it sends), so the default 128 KiB cost a 128 KiB memset per delivered message
/// and 128 KiB of memory per connection. Client messages are a few hundred bytes; a bigger
/// one (up to [`MAX_WS_MESSAGE`]) grows the buffer for as long as it takes. 512 rather than
/// 1 KiB: with [`conn::FRAGMENT`] at 512 too, 1 KiB less per idle socket (docs/PERFORMANCE.md).
const READ_BUFFER: usize = 512;
/// Bytes buffered before a write goes to the network: none, every message is flushed as
/// it is sent anyway.
const WRITE_BUFFER: usize = 0;
/// Most bytes queued for one client: a snapshot of 100 pairs × 30 aspects is about 0.5 MB.
const MAX_WRITE_BUFFER: usize = 4 * 1024 * 1024;

/// Upgrades the request to a websocket with explicit limits (the library defaults are
/// megabytes).
pub async fn upgrade(State(hub): State<Arc<Hub>>, ws: WsUpgrade) -> Response {
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_WS_MESSAGE))
        .max_frame_size(Some(MAX_WS_MESSAGE))
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .max_write_buffer_size(MAX_WRITE_BUFFER);
    let lang = ws.lang();
    ws.on_upgrade(config, move |socket| handle_socket(socket, hub, lang))
}

/// Numbers the sockets of this process, for their log lines' span.
static SOCKETS: AtomicU64 = AtomicU64::new(1);

/// Serves one socket until it closes, in a span with the socket's id (`conn`), so every log
/// line it causes says which connection it belongs to. Never panics on client input. The
/// rules' refusals are sent in `lang`, the language of the screen that opened it.
///
/// Not an `async fn` itself, and the socket is split before the task starts: every layer of
/// `async fn` that took the socket by value kept room for it (328 bytes) for the socket's whole
/// life, though the halves live on the heap.
pub fn handle_socket(socket: Socket, hub: Arc<Hub>, lang: Lang) -> impl Future<Output = ()> + Send {
    let span = tracing::info_span!("socket", conn = SOCKETS.fetch_add(1, Ordering::Relaxed));
    let (sink, inbox) = socket.split();
    serve_socket(SocketSender::new(sink), inbox, hub, lang).instrument(span)
}

async fn serve_socket(mut out: SocketSender, mut inbox: SplitStream<Socket>, hub: Arc<Hub>, lang: Lang) {
    let _open = hub.socket_opened();
    let mut stopping = hub.stopping();
    let limiter = rate_limiter();
    // This function's locals stay in the socket's task for as long as the screen is connected:
    // the hello phase is on the heap (it was most of the task's size), and nothing borrows
    // `identity` here (a borrowed local keeps its room until the end of its scope).
    let Some((identity, last_seq)) = hello_or_stop(&mut out, &mut inbox, &hub, &limiter, &mut stopping).await else {
        return;
    };
    if let Err(Gone) = serve(&mut out, &mut inbox, &limiter, &mut stopping, identity, last_seq, lang).await {
        tracing::debug!("socket gone");
    }
}

/// Who a socket's client proved to be, and the last change its screen had seen.
type Hello = (Identity, Option<u64>);

/// The client's `Hello` ([`await_hello`]), or `None` when it never came or the server began
/// to stop first (the socket is then closed for the restart).
fn hello_or_stop<'a>(
    out: &'a mut SocketSender,
    inbox: &'a mut SplitStream<Socket>,
    hub: &'a Hub,
    limiter: &'a DefaultDirectRateLimiter,
    stopping: &'a mut watch::Receiver<bool>,
) -> Pin<Box<dyn Future<Output = Option<Hello>> + Send + 'a>> {
    Box::pin(async move {
        let hello = tokio::select! {
            hello = await_hello(out, inbox, hub, limiter) => hello,
            () = stopped(stopping) => None,
        };
        if hello.is_none() && *stopping.borrow() {
            out.close_for_restart().await;
        }
        hello
    })
}

/// Waits for a valid `Hello`. Other messages before it are refused (the connection stays);
/// bad credentials or the deadline close it.
async fn await_hello(
    out: &mut SocketSender,
    inbox: &mut SplitStream<Socket>,
    hub: &Hub,
    limiter: &DefaultDirectRateLimiter,
) -> Option<(Identity, Option<u64>)> {
    let deadline = tokio::time::Instant::now() + HELLO_TIMEOUT;
    loop {
        let frame = match tokio::time::timeout_at(deadline, inbox.next()).await {
            Err(_) => {
                let msg = "No hello within 10 seconds; reconnect and say hello first.";
                out.refuse_and_close(ServerMsg::refused(None, ErrorCode::NotReady, msg), "hello timeout").await;
                return None;
            }
            Ok(None | Some(Err(_))) => return None,
            Ok(Some(Ok(frame))) => frame,
        };
        let refusal = match classify(frame, limiter) {
            Incoming::Msg(ClientMsg::Hello { auth, last_seq }) => match authenticate(hub, auth).await {
                Ok(identity) => return Some((identity, last_seq)),
                Err(refusal) => {
                    out.refuse_and_close(refusal, "not authorised").await;
                    return None;
                }
            },
            Incoming::Msg(ClientMsg::Ping { id }) => ServerMsg::Pong { id },
            Incoming::Msg(change) => ServerMsg::refused(
                conn::change_id(&change),
                ErrorCode::NotReady,
                "Say hello first: this connection is not signed in yet.",
            ),
            Incoming::Refuse(refusal) => refusal,
            Incoming::Ignore => continue,
            Incoming::Close => return None,
        };
        out.send(refusal).await.ok()?;
    }
}

/// The signed-in phase: welcome, initial sync, then the select loop.
async fn serve(
    out: &mut SocketSender,
    inbox: &mut SplitStream<Socket>,
    limiter: &DefaultDirectRateLimiter,
    stopping: &mut watch::Receiver<bool>,
    identity: Identity,
    last_seq: Option<u64>,
    lang: Lang,
) -> Result<(), Gone> {
    let Identity { room, viewer, pair } = identity;
    tracing::debug!(workshop = %room.workshop_id(), ?viewer, "socket joined");
    let _counted = crate::telemetry::screen_connected(role(&viewer));
    // Subscribe first: everything committed after this point arrives through the feed.
    let mut feed = Feed::subscribe(Arc::clone(&room), viewer.clone());
    let _presence = match pair.as_ref().map(|p| room.connect(p.id)).transpose() {
        Ok(guard) => guard,
        Err(TooManyScreens) => {
            let msg = format!(
                "This pair is already open on {MAX_SCREENS_PER_PAIR} screens. Close one of them, then reload this page."
            );
            out.refuse_and_close(ServerMsg::refused(None, ErrorCode::Forbidden, msg), "too many screens").await;
            return Ok(());
        }
    };
    out.send(ServerMsg::Welcome { you: viewer.clone(), now: now_ms() }).await?;
    // Once per connection: on the heap, so the task does not keep its room while idle.
    Box::pin(feed.start(last_seq)).await;
    // Not `while let`: its scrutinee (a whole `ServerMsg`, 592 bytes) would stay in the task
    // across the send.
    #[allow(clippy::while_let_loop)]
    loop {
        let Some(msg) = feed.pop_pending() else { break };
        out.send(msg).await?;
    }
    let start = tokio::time::Instant::now() + conn::HEARTBEAT_EVERY;
    let mut heartbeat = tokio::time::interval_at(start, conn::HEARTBEAT_EVERY);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_heard = tokio::time::Instant::now();
    loop {
        tokio::select! {
            // The feed first: a wake-up for a broadcast then sends it without first trying to
            // read the socket (a read attempt per delivered message). The client's messages are
            // read as soon as the feed has nothing ready, which is almost always.
            biased;
            // The server is stopping: between messages, so a change being handled was
            // committed and acknowledged first.
            () = stopped(stopping) => {
                out.close_for_restart().await;
                return Ok(());
            }
            // What the branches hand over is small (a serialised frame, not a `ServerMsg`):
            // it stays in the task while it is sent.
            frame = next_frame(&mut feed) => match frame {
                Some(frame) => out.send_frame(frame?).await?,
                // The workshop was deleted (its refusal was just sent): close the socket.
                None => return Ok(()),
            },
            frame = inbox.next() => {
                let Some(Ok(frame)) = frame else { return Ok(()) };
                last_heard = tokio::time::Instant::now();
                // On the heap: a client's message and the reply are large, and rare.
                match Box::pin(answer(frame, limiter, &room, &viewer, pair.as_ref(), lang)).await {
                    Answer::Send(reply) => out.send_frame(reply).await?,
                    Answer::Nothing => continue,
                    Answer::Close => return Ok(()),
                }
            }
            _ = heartbeat.tick() => match conn::heartbeat(last_heard.elapsed()) {
                conn::Heartbeat::Quiet => {}
                conn::Heartbeat::Ping => out.ping().await?,
                conn::Heartbeat::GiveUp => {
                    tracing::debug!("client silent too long; closing its socket");
                    return Ok(());
                }
            },
        }
    }
}

/// The next message of a screen's feed, serialised; `None` when the feed ended.
async fn next_frame(feed: &mut Feed) -> Option<Result<Frame, Gone>> {
    Some(conn::frame_of(feed.next().await?))
}

/// What to do after one frame from a signed-in client.
enum Answer {
    /// Send it this (serialised).
    Send(Frame),
    /// Nothing (a pong, a ping tungstenite answered itself).
    Nothing,
    /// The client closed the socket, or the reply could not be serialised.
    Close,
}

/// Handles one frame from a signed-in client: its reply (an acknowledgement, a refusal in
/// `lang`, a pong), serialised.
async fn answer(
    frame: Message,
    limiter: &DefaultDirectRateLimiter,
    room: &Room,
    viewer: &Viewer,
    pair: Option<&PairSummary>,
    lang: Lang,
) -> Answer {
    let reply = match classify(frame, limiter) {
        Incoming::Msg(ClientMsg::Ping { id }) => ServerMsg::Pong { id },
        Incoming::Msg(msg) if pair.is_some_and(|p| !room.pair_may_send(p.id)) => conn::too_many(msg.change_id()),
        Incoming::Msg(msg) => handle_message(room, viewer, pair, msg, lang).await,
        Incoming::Refuse(refusal) => refusal,
        Incoming::Ignore => return Answer::Nothing,
        Incoming::Close => return Answer::Close,
    };
    match conn::encode(&reply) {
        Ok(frame) => Answer::Send(frame),
        Err(Gone) => Answer::Close,
    }
}

/// A screen's role as the metrics name it ([`crate::telemetry::ROLES`]).
fn role(viewer: &Viewer) -> &'static str {
    match viewer {
        Viewer::Pair { .. } => "pair",
        Viewer::Facilitator => "facilitator",
        Viewer::Projector => "projector",
    }
}

/// Completes when the server stops (the guard the watch hands out is not held across awaits).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stopping| *stopping).await;
}

/// Handles one message after `Hello`; returns the reply for this socket (a refusal in `lang`).
async fn handle_message(
    room: &Room,
    viewer: &Viewer,
    pair: Option<&PairSummary>,
    msg: ClientMsg,
    lang: Lang,
) -> ServerMsg {
    let Some(change_id) = msg.change_id() else {
        return ServerMsg::refused(None, ErrorCode::NotReady, "Already signed in; hello is sent once.");
    };
    let result = match (msg, pair) {
        (ClientMsg::Control { control, .. }, _) if *viewer == Viewer::Facilitator => {
            room.act_as_facilitator(change_id, control).await
        }
        (ClientMsg::Control { .. }, _) => {
            return ServerMsg::refused(
                Some(change_id),
                ErrorCode::Forbidden,
                "Only the facilitator's console can run the session (phases, timer, post-its, pairs).",
            );
        }
        (ClientMsg::GiveConsent { answer, .. }, Some(pair)) => room.give_consent(pair, change_id, answer).await,
        (ClientMsg::DeclineConsent { .. }, Some(pair)) => room.remove_pair_that_declined(pair.id).await,
        (msg, Some(pair)) => match msg.pair_action() {
            Some(action) => room.act_as_pair(pair, change_id, action).await,
            None => {
                return ServerMsg::refused(Some(change_id), ErrorCode::Malformed, "That message was not understood.");
            }
        },
        (_, None) => {
            return ServerMsg::refused(
                Some(change_id),
                ErrorCode::Forbidden,
                "Only a pair's tablet can place aspects or write post-its; the console and the projector only watch.",
            );
        }
    };
    match result {
        Ok(seq) => ServerMsg::Ack { change_id, seq },
        Err(e) => refusal_for(change_id, e, lang),
    }
}

/// The refusal of a change, in `lang` where the error says what it is (the rules' refusals,
/// invalid input, consent); in English otherwise.
fn refusal_for(change_id: Uuid, e: RoomError, lang: Lang) -> ServerMsg {
    let code = match &e {
        RoomError::Refused(refusal) => refusal.kind.into(),
        RoomError::Invalid(_) | RoomError::ChangeIdReused | RoomError::DuplicateLabel(_) => ErrorCode::Invalid,
        RoomError::Closed | RoomError::Full(_) | RoomError::DeadlinePassed(_) => ErrorCode::WrongPhase,
        RoomError::UnknownPair | RoomError::Sheet(_) => ErrorCode::Invalid,
        RoomError::ConsentNeeded(_) => ErrorCode::ConsentNeeded,
        RoomError::Storage(cause) => {
            tracing::error!(error = %cause, %change_id, "could not store a change");
            ErrorCode::Storage
        }
    };
    let message = match &e {
        RoomError::Refused(refusal) => refusal.text.message(lang),
        RoomError::Invalid(input) => input.text(lang),
        RoomError::ConsentNeeded(text) => text.message(lang),
        _ => e.to_string(),
    };
    ServerMsg::refused(Some(change_id), code, message)
}
