//! Serving connections with the timeouts a public server needs, which `axum::serve` does
//! not set (it runs hyper without a timer, so a client sending its headers one byte at a
//! time is never cut off):
//!
//! - a new connection must start its request, and send all of its headers, within
//!   [`Timeouts::headers`];
//! - a request's whole body must arrive within [`Timeouts::body`] of the request starting: a
//!   total deadline ([`body_deadline`]), not one that restarts with every byte, so a body
//!   dripped a byte at a time is cut off too (`408`, and the connection is closed);
//! - a connection with nothing read or written for [`Timeouts::idle`] (a kept-alive one
//!   between requests) is closed, unless it was upgraded to a websocket.
//!
//! Websocket upgrades work as with `axum::serve` (`serve_connection_with_upgrades`).

use std::future::Future as _;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tower::Service;
use tracing::Instrument;

use super::reply::ApiFailure;

/// How long a client may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// To start sending a request on a new connection, and to send all of its headers.
    pub headers: Duration,
    /// To send a request's body.
    pub body: Duration,
    /// How long a connection may sit with nothing read or written before it is closed (a
    /// kept-alive connection between requests). Not for websockets: once a connection is
    /// upgraded it stays open (the live connection has its own heartbeat).
    pub idle: Duration,
}

impl Default for Timeouts {
    /// 10 s for headers, 30 s for a body, 60 s idle: far more than a tablet on venue Wi-Fi needs.
    fn default() -> Timeouts {
        Timeouts { headers: Duration::from_secs(10), body: Duration::from_secs(30), idle: Duration::from_secs(60) }
    }
}

/// Serves `router` on `listener` for ever: every connection with `TCP_NODELAY`
/// (acknowledgements are small frames that must leave at once) and the timeouts above.
/// Handlers can read the client's address (`ConnectInfo<SocketAddr>`).
pub async fn serve(listener: TcpListener, router: Router, timeouts: Timeouts) -> std::io::Result<()> {
    serve_until(listener, router, timeouts, std::future::pending(), Duration::ZERO).await;
    Ok(())
}

/// Serves like [`serve`] until `stop` completes; then accepts no more connections, lets each
/// request in progress finish (a kept-alive connection closes after it), and returns once
/// they have, or after `grace` at the latest. Websockets are not waited for here: they close
/// themselves when the hub is told to stop.
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    timeouts: Timeouts,
    stop: impl std::future::Future<Output = ()>,
    grace: Duration,
) {
    let router = router
        .layer(axum::middleware::from_fn_with_state(timeouts.body, body_deadline))
        .layer(axum::middleware::from_fn(in_request_span));
    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let connections = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let (tcp, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: wait a moment rather than spin.
                tracing::warn!(error = %e, "could not accept a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!("could not set TCP_NODELAY: {e}");
        }
        let Ok(service) = make_service.call(peer).await;
        let watcher = connections.watcher();
        tokio::spawn(async move {
            // hyper's header timeout starts with the first byte: a connection that sends
            // nothing at all is dropped here instead of being held open for ever.
            let mut first = [0u8; 1];
            if !matches!(tokio::time::timeout(timeouts.headers, tcp.peek(&mut first)).await, Ok(Ok(1))) {
                tracing::debug!(%peer, "closed a connection that sent nothing in time");
                return;
            }
            let mut builder = Builder::new(TokioExecutor::new());
            builder.http1().timer(TokioTimer::new()).header_read_timeout(timeouts.headers);
            builder.http2().timer(TokioTimer::new()).keep_alive_interval(timeouts.headers);
            let io = TokioIo::new(IdleTimeout::new(tcp, timeouts.idle));
            let connection = builder.serve_connection_with_upgrades(io, TowerToHyperService::new(service));
            if let Err(e) = watcher.watch(connection).await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    let open = connections.count();
    if tokio::time::timeout(grace, connections.shutdown()).await.is_err() {
        tracing::warn!(open, "stopped waiting for connections to finish their requests");
    }
}

/// Numbers the requests of this process, for [`in_request_span`].
static REQUESTS: AtomicU64 = AtomicU64::new(1);

/// Runs the request in a span with its own id (`req`), its method and its path with any
/// secret left out ([`loggable_path`]), so every log line a request causes says which request
/// it belongs to. Nothing is logged for a request that goes well.
pub async fn in_request_span(request: Request, next: Next) -> Response {
    let id = REQUESTS.fetch_add(1, Ordering::Relaxed);
    let span = tracing::info_span!(
        "request",
        req = id,
        method = %request.method(),
        path = %loggable_path(request.uri().path())
    );
    next.run(request).instrument(span).await
}

/// `path` as it may be logged: the facilitator's console secret in `/f/{secret}/…` is
/// replaced by `…` (it is the facilitator's password); a query string is never part of it.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/f/") {
        Some(rest) => {
            let after = rest.find('/').map_or("", |slash| &rest[slash..]);
            std::borrow::Cow::Owned(format!("/f/…{after}"))
        }
        None => std::borrow::Cow::Borrowed(path),
    }
}

/// Why a body stopped: its deadline passed.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
struct BodyTooSlow;

/// Gives a request's whole body `total` from now to arrive. A body still arriving then ends
/// with an error (so the handler refuses it and changes nothing), and the answer becomes
/// `408` with `Connection: close`. Requests without a body (GET, HEAD, a websocket upgrade)
/// pass untouched.
pub async fn body_deadline(State(total): State<Duration>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let deadline = tokio::time::Instant::now() + total;
    let too_slow = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&too_slow);
    let (parts, body) = request.into_parts();
    let chunks = futures::stream::unfold(Some(body.into_data_stream()), move |state| {
        let flag = Arc::clone(&flag);
        async move {
            let mut chunks = state?;
            match tokio::time::timeout_at(deadline, chunks.next()).await {
                Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(chunks))),
                Ok(Some(Err(e))) => Some((Err(e), None)),
                Ok(None) => None,
                Err(_) => {
                    flag.store(true, Ordering::Relaxed);
                    Some((Err(axum::Error::new(BodyTooSlow)), None))
                }
            }
        }
    });
    let response = next.run(Request::from_parts(parts, Body::from_stream(chunks))).await;
    if !too_slow.load(Ordering::Relaxed) {
        return response;
    }
    tracing::debug!(total_s = total.as_secs(), "a request body did not arrive in time");
    let mut late = ApiFailure::new(
        StatusCode::REQUEST_TIMEOUT,
        format!("The request took longer than {} s to send; nothing was changed. Please try again.", total.as_secs()),
        None,
    )
    .into_response();
    late.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
    late
}

/// A connection that fails with `TimedOut` once nothing has been read or written for `idle`,
/// until it is upgraded (it has written a `101 Switching Protocols` answer). The upgrade
/// drops the timer: a websocket keeps no timer here, and its reads and writes reset none.
struct IdleTimeout<T> {
    inner: T,
    idle: Duration,
    /// `None` once upgraded.
    deadline: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl<T> IdleTimeout<T> {
    fn new(inner: T, idle: Duration) -> Self {
        IdleTimeout { inner, idle, deadline: Some(Box::pin(tokio::time::sleep(idle))) }
    }

    fn active(&mut self) {
        if let Some(deadline) = &mut self.deadline {
            deadline.as_mut().reset(tokio::time::Instant::now() + self.idle);
        }
    }

    fn timed_out(&mut self, cx: &mut std::task::Context<'_>) -> bool {
        self.deadline.as_mut().is_some_and(|deadline| deadline.as_mut().poll(cx).is_ready())
    }
}

fn idle_error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::TimedOut, "connection idle")
}

impl<T: AsyncRead + Unpin> AsyncRead for IdleTimeout<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    self.active();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending if self.timed_out(cx) => Poll::Ready(Err(idle_error())),
            other => other,
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for IdleTimeout<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        if data.starts_with(b"HTTP/1.1 101") {
            self.deadline = None;
        }
        match Pin::new(&mut self.inner).poll_write(cx, data) {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.active();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Pending if self.timed_out(cx) => Poll::Ready(Err(idle_error())),
            other => other,
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_secret_never_reaches_the_log() {
        assert_eq!(loggable_path("/f/0123abcd/placements.csv"), "/f/…/placements.csv");
        assert_eq!(loggable_path("/f/0123abcd"), "/f/…");
        assert_eq!(loggable_path("/api/join"), "/api/join");
    }
}
