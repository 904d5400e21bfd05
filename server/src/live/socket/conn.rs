//! One websocket's plumbing: sending with a deadline, reading and classifying frames, and the
//! per-connection rate limit.

use std::task::Poll;
use std::time::Duration;

use app::protocol::{ClientMsg, ErrorCode, MAX_MESSAGE_BYTES, ServerMsg};
use futures::stream::SplitSink;
use futures::{Sink, SinkExt};
use governor::{DefaultDirectRateLimiter, RateLimiter};
use tokio_tungstenite::tungstenite::Bytes;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::Frame as WireFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};

use super::upgrade::Socket;
use crate::live::feed::Outgoing;
use crate::live::room::Frame;

/// A send that takes longer than this means the client stopped reading: drop it.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Close code for a policy violation (RFC 6455 §7.4.1).
pub const CLOSE_POLICY: u16 = 1008;
/// Close code for "service restart" (RFC 6455 §7.4.1, IANA registry): the server is
/// stopping; the client reconnects (to this server once it is back, or to another instance).
pub const CLOSE_RESTART: u16 = 1012;
/// A message longer than this goes out in fragments of this size (RFC 6455 §5.4), so the
/// socket's write buffer never grows past it: tungstenite keeps the capacity of the biggest
/// frame it wrote, which for a room's snapshot was tens of kilobytes on every connection.
/// 512: an update to a screen (a placement, a phase) fits in one frame; a snapshot of a
/// 300-pair room (~40 KB) goes out in ~80 writes when a screen connects.
pub const FRAGMENT: usize = 512;

/// How often a socket looks at how long its client has been silent.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(10);
/// After this long without a frame from the client, it is sent a websocket ping (which every
/// browser answers by itself).
pub const PING_AFTER: Duration = Duration::from_secs(10);
/// After this long without a frame, not even the answer to a ping, the client is gone (a
/// tablet whose screen locked, a laptop that left the Wi-Fi): the socket is closed, so it no
/// longer counts as one of its pair's screens or as connected.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(30);

/// What a heartbeat does after the client has been silent for `silent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heartbeat {
    /// The client spoke lately.
    Quiet,
    /// Ask it to answer.
    Ping,
    /// It is gone.
    GiveUp,
}

/// The heartbeat's rule ([`PING_AFTER`], [`GIVE_UP_AFTER`]).
pub fn heartbeat(silent: Duration) -> Heartbeat {
    if silent >= GIVE_UP_AFTER {
        Heartbeat::GiveUp
    } else if silent >= PING_AFTER {
        Heartbeat::Ping
    } else {
        Heartbeat::Quiet
    }
}

/// The connection is gone (closed, failed, or too slow); stop serving it.
#[derive(Debug)]
pub struct Gone;

/// The sending half of a socket.
pub struct SocketSender {
    sink: SplitSink<Socket, Message>,
}

impl SocketSender {
    /// Wraps the sending half.
    pub fn new(sink: SplitSink<Socket, Message>) -> Self {
        SocketSender { sink }
    }

    /// Sends one message as a JSON text frame, giving up after [`SEND_TIMEOUT`].
    ///
    /// The message is taken by value and serialised before the returned future starts, so
    /// the future holds the bytes, not the message (a `ServerMsg` is 592 bytes, and every
    /// future awaited in a socket's loop adds to the task every connected screen keeps).
    pub fn send(&mut self, msg: ServerMsg) -> SendFrame<'_> {
        SendFrame::new(&mut self.sink, encode(&msg))
    }

    /// Sends an already serialised message (its bytes are shared, not copied), in fragments
    /// of [`FRAGMENT`] bytes when it is longer.
    pub fn send_frame(&mut self, frame: Frame) -> SendFrame<'_> {
        SendFrame::new(&mut self.sink, Ok(frame))
    }

    /// Sends a websocket ping (the browser answers it with a pong by itself).
    pub fn ping(&mut self) -> Sending<'_> {
        Box::pin(async move {
            match tokio::time::timeout(SEND_TIMEOUT, self.sink.send(Message::Ping(Default::default()))).await {
                Ok(Ok(())) => Ok(()),
                _ => Err(Gone),
            }
        })
    }

    /// Closes the socket with [`CLOSE_RESTART`]: the server is stopping. Waits at most
    /// [`SEND_TIMEOUT`] for a client that does not read.
    pub fn close_for_restart(&mut self) -> Closing<'_> {
        Box::pin(self.close(CLOSE_RESTART, "service restart"))
    }

    /// Sends a refusal, then closes the socket with a policy-violation code.
    pub fn refuse_and_close(&mut self, refusal: ServerMsg, reason: &'static str) -> Closing<'_> {
        let frame = encode(&refusal);
        Box::pin(async move {
            let Ok(frame) = frame else { return };
            if self.send_frame(frame).await.is_ok() {
                self.close(CLOSE_POLICY, reason).await;
            }
        })
    }

    /// Sends a close frame with `code` and `reason`, waiting at most [`SEND_TIMEOUT`].
    async fn close(&mut self, code: u16, reason: &'static str) {
        let close = CloseFrame { code: CloseCode::from(code), reason: reason.into() };
        let _ = tokio::time::timeout(SEND_TIMEOUT, self.sink.send(Message::Close(Some(close)))).await;
    }
}

/// A rare send in progress (a ping), on the heap, so the task every idle screen keeps for as
/// long as it is connected does not keep room for it.
pub type Sending<'a> = std::pin::Pin<Box<dyn Future<Output = Result<(), Gone>> + Send + 'a>>;

/// One message being sent ([`SocketSender::send_frame`]): a future written by hand, so the
/// one every delivery awaits is small (it is part of every idle socket's task) and allocates
/// nothing. A message longer than [`FRAGMENT`] goes out in fragments of that size (a text
/// message may be cut anywhere: the receiver checks the UTF-8 of the whole). Nearly every
/// send completes at its first poll (the kernel's buffer has room); only one that has to wait
/// arms its deadline ([`SEND_TIMEOUT`]), a timer on the heap.
pub struct SendFrame<'a> {
    sink: &'a mut SplitSink<Socket, Message>,
    /// The message, or why it could not be serialised.
    frame: Result<Frame, Gone>,
    /// How many of its bytes were handed to the sink.
    sent: usize,
    /// Every part was handed to the sink: only the flush is left.
    handed: bool,
    deadline: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl<'a> SendFrame<'a> {
    fn new(sink: &'a mut SplitSink<Socket, Message>, frame: Result<Frame, Gone>) -> Self {
        SendFrame { sink, frame, sent: 0, handed: false, deadline: None }
    }

    /// Waiting on the client: gone once [`SEND_TIMEOUT`] has passed since the first wait.
    fn wait(&mut self, cx: &mut std::task::Context<'_>) -> Poll<Result<(), Gone>> {
        let deadline = self.deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep(SEND_TIMEOUT)));
        if deadline.as_mut().poll(cx).is_ready() {
            tracing::info!("websocket client too slow to read; dropping it");
            return Poll::Ready(Err(Gone));
        }
        Poll::Pending
    }
}

fn send_failed(e: tokio_tungstenite::tungstenite::Error) -> Poll<Result<(), Gone>> {
    tracing::debug!(error = %e, "websocket send failed");
    Poll::Ready(Err(Gone))
}

impl Future for SendFrame<'_> {
    type Output = Result<(), Gone>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Result<(), Gone>> {
        let this = &mut *self;
        let frame = match &this.frame {
            Ok(frame) => frame.clone(),
            Err(Gone) => return Poll::Ready(Err(Gone)),
        };
        while !this.handed {
            match std::pin::Pin::new(&mut *this.sink).poll_ready(cx) {
                Poll::Ready(Ok(())) => {}
                Poll::Ready(Err(e)) => return send_failed(e),
                Poll::Pending => return this.wait(cx),
            }
            let part = if frame.len() <= FRAGMENT {
                this.handed = true;
                Message::Text(frame.clone())
            } else {
                let bytes = Bytes::from(frame.clone());
                let end = (this.sent + FRAGMENT).min(bytes.len());
                let opcode = OpCode::Data(if this.sent == 0 { Data::Text } else { Data::Continue });
                let part = WireFrame::message(bytes.slice(this.sent..end), opcode, end == bytes.len());
                this.sent = end;
                this.handed = end == bytes.len();
                Message::Frame(part)
            };
            if let Err(e) = std::pin::Pin::new(&mut *this.sink).start_send(part) {
                return send_failed(e);
            }
        }
        match std::pin::Pin::new(&mut *this.sink).poll_flush(cx) {
            Poll::Ready(Ok(())) => Poll::Ready(Ok(())),
            Poll::Ready(Err(e)) => send_failed(e),
            Poll::Pending => this.wait(cx),
        }
    }
}

/// Closing the socket, on the heap like [`Sending`].
pub type Closing<'a> = std::pin::Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// What a feed handed out, as the JSON text frame it is sent as.
pub fn frame_of(out: Outgoing) -> Result<Frame, Gone> {
    match out {
        Outgoing::Msg(msg) => encode(&msg),
        Outgoing::Frame(frame) => Ok(frame),
    }
}

/// A server message as the JSON text frame it is sent as.
pub fn encode(msg: &ServerMsg) -> Result<Frame, Gone> {
    if let ServerMsg::Refused { code, .. } = msg {
        crate::telemetry::refused(code_name(*code));
    }
    match serde_json::to_string(msg) {
        Ok(json) => Ok(json.into()),
        Err(e) => {
            tracing::error!(error = %e, "could not serialise a server message");
            Err(Gone)
        }
    }
}

/// `code` as the wire writes it (`snake_case`), for the metrics' `code` label.
pub fn code_name(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Malformed => "malformed",
        ErrorCode::TooLarge => "too_large",
        ErrorCode::NotReady => "not_ready",
        ErrorCode::Forbidden => "forbidden",
        ErrorCode::UnknownWorkshop => "unknown_workshop",
        ErrorCode::UnknownCard => "unknown_card",
        ErrorCode::Invalid => "invalid",
        ErrorCode::RateLimited => "rate_limited",
        ErrorCode::Storage => "storage",
        ErrorCode::WrongPhase => "wrong_phase",
        ErrorCode::Locked => "locked",
        ErrorCode::ConsentNeeded => "consent_needed",
    }
}

/// What one incoming frame amounts to.
#[allow(clippy::large_enum_variant)] // one per frame, handled at once
pub enum Incoming {
    /// A well-formed client message.
    Msg(ClientMsg),
    /// Refuse it with this message and carry on.
    Refuse(ServerMsg),
    /// Nothing to do (ping, pong).
    Ignore,
    /// The client closed the socket.
    Close,
}

/// A per-connection rate limiter ([`message_quota`]).
pub fn rate_limiter() -> DefaultDirectRateLimiter {
    RateLimiter::direct(crate::live::room::message_quota())
}

/// Classifies a frame: size limit, parsing, then the rate limit (which every text or binary
/// frame counts against). Never panics on any input.
pub fn classify(frame: Message, limiter: &DefaultDirectRateLimiter) -> Incoming {
    let text = match frame {
        Message::Text(text) => text,
        Message::Binary(_) if limiter.check().is_err() => return rate_limited(None),
        Message::Binary(_) => {
            return Incoming::Refuse(ServerMsg::refused(
                None,
                ErrorCode::Malformed,
                "Binary messages are not understood; send JSON text.",
            ));
        }
        Message::Close(_) => return Incoming::Close,
        // Pings are answered by tungstenite itself; raw frames are never read.
        Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => return Incoming::Ignore,
    };
    let limited = limiter.check().is_err();
    if text.len() > MAX_MESSAGE_BYTES {
        return Incoming::Refuse(ServerMsg::refused(
            None,
            ErrorCode::TooLarge,
            format!("That message is {} bytes; the most this server accepts is {MAX_MESSAGE_BYTES}.", text.len()),
        ));
    }
    match serde_json::from_str::<ClientMsg>(text.as_str()) {
        Ok(msg) if limited => rate_limited(change_id(&msg)),
        Ok(msg) => Incoming::Msg(msg),
        Err(_) if limited => rate_limited(None),
        Err(e) => Incoming::Refuse(ServerMsg::refused(
            None,
            ErrorCode::Malformed,
            format!("That message was not understood: {e}."),
        )),
    }
}

/// The change id a client message carries, if it is a change.
pub fn change_id(msg: &ClientMsg) -> Option<uuid::Uuid> {
    msg.change_id()
}

fn rate_limited(change_id: Option<uuid::Uuid>) -> Incoming {
    Incoming::Refuse(too_many(change_id))
}

/// The refusal of a message over a socket's or a pair's budget.
pub fn too_many(change_id: Option<uuid::Uuid>) -> ServerMsg {
    crate::telemetry::rate_limited("websocket");
    ServerMsg::refused(change_id, ErrorCode::RateLimited, "Too many messages at once; wait a moment and try again.")
}

#[cfg(test)]
mod heartbeat_tests {
    use super::*;

    #[test]
    fn code_names_are_the_wire_names() {
        use ErrorCode::*;
        for code in [
            Malformed,
            TooLarge,
            NotReady,
            Forbidden,
            UnknownWorkshop,
            UnknownCard,
            Invalid,
            RateLimited,
            Storage,
            WrongPhase,
            Locked,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code_name(code), "{code:?}");
        }
    }

    #[test]
    fn a_silent_client_is_pinged_then_given_up() {
        assert_eq!(heartbeat(Duration::from_secs(3)), Heartbeat::Quiet);
        assert_eq!(heartbeat(PING_AFTER), Heartbeat::Ping);
        assert_eq!(heartbeat(GIVE_UP_AFTER - Duration::from_millis(1)), Heartbeat::Ping);
        assert_eq!(heartbeat(GIVE_UP_AFTER), Heartbeat::GiveUp);
    }
}
