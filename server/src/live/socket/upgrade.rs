//! The websocket handshake (RFC 6455 §4.2), done here rather than by axum's `WebSocketUpgrade`
//! so the socket is tokio-tungstenite's own stream: that lets [`super::conn::SocketSender`]
//! send a big message (a snapshot of a room of 300 pairs is about 40 KB) as fragments of
//! [`super::conn::FRAGMENT`] bytes, and tungstenite's write buffer, which keeps the capacity of
//! the biggest frame it ever wrote, stays small on every connection.
//!
//! Refusals are the ones axum gave: 405 for a method other than GET, 400 for a missing or
//! wrong header, 426 when the connection cannot be upgraded.

use app::i18n::Lang;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper::upgrade::{OnUpgrade, Upgraded};
use hyper_util::rt::TokioIo;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

/// One screen's websocket.
pub type Socket = WebSocketStream<TokioIo<Upgraded>>;

/// A request to open a websocket, checked.
pub struct WsUpgrade {
    on_upgrade: OnUpgrade,
    accept: HeaderValue,
    lang: Lang,
}

/// The language of the screen opening the socket: its `lang` cookie (which the browser sends
/// with the upgrade request), else its `Accept-Language`, else English ([`app::i18n::choose`]).
fn request_lang(headers: &HeaderMap) -> Lang {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    app::i18n::of_request(None, header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
}

/// Why a request to `/ws` is not a websocket handshake.
#[derive(Debug)]
pub struct NotAWebsocket(StatusCode, &'static str);

impl IntoResponse for NotAWebsocket {
    fn into_response(self) -> Response {
        (self.0, self.1).into_response()
    }
}

/// Whether the comma-separated header `name` lists `token` (ASCII case-insensitive).
fn lists(headers: &HeaderMap, name: header::HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

impl<S: Send + Sync> FromRequestParts<S> for WsUpgrade {
    type Rejection = NotAWebsocket;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if parts.method != Method::GET {
            return Err(NotAWebsocket(StatusCode::METHOD_NOT_ALLOWED, "Request method must be `GET`"));
        }
        if !lists(&parts.headers, header::CONNECTION, "upgrade") {
            return Err(NotAWebsocket(StatusCode::BAD_REQUEST, "Connection header did not include 'upgrade'"));
        }
        if !lists(&parts.headers, header::UPGRADE, "websocket") {
            return Err(NotAWebsocket(StatusCode::BAD_REQUEST, "`Upgrade` header did not include 'websocket'"));
        }
        if parts.headers.get(header::SEC_WEBSOCKET_VERSION).is_none_or(|v| v.as_bytes() != b"13") {
            return Err(NotAWebsocket(StatusCode::BAD_REQUEST, "`Sec-WebSocket-Version` header did not include '13'"));
        }
        let Some(key) = parts.headers.get(header::SEC_WEBSOCKET_KEY) else {
            return Err(NotAWebsocket(StatusCode::BAD_REQUEST, "`Sec-WebSocket-Key` header missing"));
        };
        let accept = HeaderValue::from_str(&derive_accept_key(key.as_bytes()))
            .map_err(|_| NotAWebsocket(StatusCode::BAD_REQUEST, "`Sec-WebSocket-Key` header is not valid"))?;
        let Some(on_upgrade) = parts.extensions.remove::<OnUpgrade>() else {
            return Err(NotAWebsocket(
                StatusCode::UPGRADE_REQUIRED,
                "WebSocket request couldn't be upgraded since no upgrade state was present",
            ));
        };
        Ok(WsUpgrade { on_upgrade, accept, lang: request_lang(&parts.headers) })
    }
}

impl WsUpgrade {
    /// The language of the screen that opened the socket, for the refusals it is sent.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Answers `101 Switching Protocols` and, once the connection has switched, serves it with
    /// `serve` on a task of its own, with these websocket limits.
    pub fn on_upgrade<F, Fut>(self, config: WebSocketConfig, serve: F) -> Response
    where
        F: FnOnce(Socket) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let on_upgrade = self.on_upgrade;
        tokio::spawn(async move {
            match on_upgrade.await {
                Ok(upgraded) => {
                    let socket =
                        WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, Some(config)).await;
                    // A task of its own for as long as the screen is connected, holding only
                    // what serving it needs (not this one's upgrade and configuration).
                    tokio::spawn(serve(socket));
                }
                Err(e) => tracing::debug!(error = %e, "websocket upgrade failed"),
            }
        });
        let mut response = Response::new(axum::body::Body::empty());
        *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
        let headers = response.headers_mut();
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, self.accept);
        response
    }
}
