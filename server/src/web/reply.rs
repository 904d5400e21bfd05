//! The words every route answers with: a refusal ([`ApiFailure`], a JSON [`ApiError`] with
//! the visible label of the form field to fix), the extractors that turn axum's plain-text
//! rejections into such refusals ([`ApiJson`], [`ApiPath`]), a download ([`attachment`]),
//! the cookie parser, and the refusals several routes share.
//!
//! It imports nothing else from the crate, so every other part of the HTTP edge can use it
//! without tying itself to the rest.

use std::time::Duration;

use app::api::ApiError;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// Largest HTTP request body accepted (the biggest real one, a new workshop, is ~10 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A download: `body` as `filename`, never cached (it holds research data).
pub fn attachment(content_type: &str, filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A refused request: an HTTP status and the [`ApiError`] body.
#[derive(Debug)]
pub struct ApiFailure {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: ApiError,
}

impl ApiFailure {
    /// A refusal with a message and, for form input, the field's visible label.
    pub fn new(status: StatusCode, error: impl Into<String>, field: Option<&str>) -> Self {
        ApiFailure { status, body: ApiError { error: error.into(), field: field.map(str::to_string) } }
    }

    /// The database failed: logged here, reported to the user without details.
    pub fn storage(e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "storage failure in HTTP handler");
        ApiFailure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server could not save or read this; nothing was changed. Please try again.",
            None,
        )
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<JsonRejection> for ApiFailure {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let error = match &rejection {
            JsonRejection::JsonSyntaxError(_) => "The request body is not valid JSON.".to_string(),
            JsonRejection::JsonDataError(e) => {
                format!("The request body does not have the expected fields: {}", e.body_text())
            }
            JsonRejection::MissingJsonContentType(_) => {
                "Send the request body as JSON (Content-Type: application/json).".to_string()
            }
            _ if status == StatusCode::PAYLOAD_TOO_LARGE => too_large_message(MAX_BODY_BYTES),
            other => format!("The request body could not be read: {}", other.body_text()),
        };
        ApiFailure::new(status, error, None)
    }
}

/// The sentence of a `413`: how large a request may be.
pub fn too_large_message(limit: usize) -> String {
    format!("The request is too large (at most {} KiB).", limit / 1024)
}

/// Like [`axum::Json`], but a body that is not the expected JSON is refused with an
/// [`ApiError`] the browser can show.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiFailure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(value))
    }
}

/// A path parameter; a malformed one is refused as an [`ApiError`] too.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(e) => Err(ApiFailure::new(e.status(), e.body_text(), None)),
        }
    }
}

/// Name of the cookie holding the admin key after signing in (the researchers' admin check reads it).
pub const ADMIN_COOKIE: &str = "ds_admin";

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A request that failed inside (the database, rendering a file): logged here, answered
/// `500` without details; nothing was changed.
pub fn failed(e: &dyn std::fmt::Display) -> ApiFailure {
    tracing::error!(error = %e, "research request failed");
    ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, "The server could not do this; nothing was changed.", None)
}

/// `404`: the workshop asked for does not exist.
pub fn no_workshop() -> ApiFailure {
    ApiFailure::new(StatusCode::NOT_FOUND, "There is no such workshop (it may have been deleted).", None)
}

/// `404`: a console link that opens no workshop.
pub fn no_console() -> ApiFailure {
    ApiFailure::new(StatusCode::NOT_FOUND, "No workshop has this console link.", None)
}

/// `429` with `Retry-After` (whole seconds, at least 1) and a sentence.
pub fn too_many_requests(wait: Duration, what: &str) -> Response {
    let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
    let mut response = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        format!("Too many {what} from this address. Please wait {seconds} s and try again."),
        None,
    )
    .into_response();
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The credential of an `Authorization: Bearer …` header, trimmed (the admin key, or a pair's
/// token); `None` when there is no such header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}
