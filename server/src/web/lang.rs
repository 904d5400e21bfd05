//! The language a request asks for ([`app::i18n::of_request`]: `?lang=`, the `lang` cookie,
//! `Accept-Language`, else English), for the server's own sentences: refusals of the API, the
//! room report, a websocket's refusals.

use std::convert::Infallible;

use app::i18n::{Lang, of_request};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

/// The language of a request with this query string and these headers.
pub fn request_lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    of_request(query, header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
}

/// An API handler's argument: the request's language, for the sentences it answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLang(request_lang(parts.uri.query(), &parts.headers)))
    }
}
