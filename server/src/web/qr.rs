//! The QR code pairs scan to join: an SVG of `{origin}/join?code={CODE}`.

use app::api::JoinOrigin;
use app::domain::code::normalize_code;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use qrcode::QrCode;
use qrcode::render::svg;

use super::reply::ApiPath;
use super::state::AppState;
use crate::lan::is_loopback_origin;

/// The origin (`scheme://host[:port]`) join links should use: the configured public URL,
/// else the request's `Host` (and `X-Forwarded-Proto`, when a proxy says it terminated TLS).
/// A `Host` with characters no host name has is ignored, so nothing odd reaches the link.
pub fn origin(public_url: Option<&str>, headers: &HeaderMap) -> String {
    if let Some(url) = public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)))
        .unwrap_or("localhost");
    let https =
        headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()).is_some_and(|p| p.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// The link a pair opens to join workshop `code`.
pub fn join_url(origin: &str, code: &str) -> String {
    format!("{origin}/join?code={code}")
}

/// `GET /api/join-origin`: the origin join links use, for the console to show (the QR code
/// encodes the same), and whether it is a loopback address no tablet can open.
pub async fn join_origin(State(state): State<AppState>, headers: HeaderMap) -> Json<JoinOrigin> {
    let origin = origin(state.public_url.as_deref(), &headers);
    let loopback = is_loopback_origin(&origin);
    Json(JoinOrigin { origin, loopback })
}

/// The QR code of `url` as an SVG document.
pub fn qr_svg(url: &str) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::new(url.as_bytes())?;
    Ok(code.render::<svg::Color<'_>>().min_dimensions(256, 256).quiet_zone(true).build())
}

/// `GET /qr/{code}`: the join QR code of a workshop, 404 for an unknown code.
pub async fn join_qr(State(state): State<AppState>, headers: HeaderMap, ApiPath(typed): ApiPath<String>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "No workshop has this code.").into_response();
    let Some(code) = normalize_code(&typed) else {
        return not_found();
    };
    let workshop = match state.hub.workshop_by_code(code).await {
        Ok(Some(workshop)) => workshop,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "QR look-up failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let url = join_url(&origin(state.public_url.as_deref(), &headers), &workshop.join_code);
    match qr_svg(&url) {
        Ok(svg) => ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        Err(e) => {
            tracing::error!(error = %e, %url, "QR rendering failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn configured_origin_wins() {
        let headers = HeaderMap::new();
        assert_eq!(origin(Some("https://x.example/"), &headers), "https://x.example");
    }

    #[test]
    fn origin_comes_from_host_and_forwarded_proto() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("10.0.0.5:3000"));
        assert_eq!(origin(None, &headers), "http://10.0.0.5:3000");
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(origin(None, &headers), "https://10.0.0.5:3000");
        headers.insert(header::HOST, HeaderValue::from_static("evil\"><script>"));
        assert_eq!(origin(None, &headers), "https://localhost");
    }

    #[test]
    fn join_link_and_svg() {
        assert_eq!(join_url("http://h:1", "ABC234"), "http://h:1/join?code=ABC234");
        let svg = qr_svg("http://h:1/join?code=ABC234").unwrap();
        assert!(svg.contains("<svg"), "{svg}");
    }
}
