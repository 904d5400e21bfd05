//! Discretion Spectrum server: HTTP API, websocket, live rooms, storage and exports.
//!
//! - [`store`]: SQLite (WAL), one transaction per change including its event-log row.
//! - [`room`], [`hub`] and [`feed`]: the live state of each workshop and what each screen is
//!   sent, independent of transport.
//! - [`socket`]: the websocket (`GET /ws`), mapping [`app::protocol`] messages to room calls.
//! - [`http`], [`export`], [`qr`]: the JSON API, the CSV download and the join QR code.
//! - [`state`] and [`admin_key`]: the settings, the state every handler shares, and the
//!   researchers' key.
//! - [`research`]: complete exports (zip of CSV, JSON, XLSX, SVG, codebook), the admin check,
//!   and the researchers' list, download and delete routes.
//! - [`templates`]: saving a workshop as a template file, and the earlier workshops `/new`
//!   can start from.
//!
//! [`api_router`] is everything except the Leptos pages, so integration tests can run a real
//! server on a free port without the site being built; `main.rs` adds the pages.

#![warn(missing_docs)]

pub mod admin_key;
pub mod assets;
pub mod cli;
pub mod export;
pub mod feed;
pub mod guard;
pub mod http;
pub mod hub;
pub mod lan;
pub mod limits;
pub mod qr;
pub mod research;
pub mod room;
pub mod secret;
pub mod serve;
pub mod socket;
pub mod state;
pub mod store;
pub mod templates;
pub mod time;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{any, delete, get, post};
use tower_http::set_header::SetResponseHeaderLayer;

pub use crate::state::{AppState, Config, DEFAULT_DATABASE, open_state};

/// Every route except the Leptos pages: the JSON API, the websocket, the CSV export and the
/// QR code, with a body limit and the security headers.
pub fn api_router(state: AppState) -> Router {
    let public_url = state.public_url.clone();
    let router = Router::new()
        .route("/api/workshops", post(http::create_workshop))
        .route("/api/workshops/by-code/{code}", get(http::workshop_by_code))
        .route("/api/join", post(http::join))
        .route("/f/{secret}/placements.csv", get(export::placements_csv))
        .route("/f/{secret}/export.zip", get(research::routes::facilitator_export))
        .route("/f/{secret}/template.json", get(templates::facilitator_template))
        .route("/f/{secret}/workshop", delete(research::routes::facilitator_delete))
        .route("/f/{secret}/report", get(research::report::facilitator_report))
        .route("/research/report/{id}", get(research::report::admin_report))
        .route(research::report::REPORT_CSS_PATH, get(research::report::report_css))
        .route("/api/research/login", post(research::routes::login))
        .route("/api/research/logout", post(research::routes::logout))
        .route("/api/research/workshops", get(research::routes::list_workshops))
        .route("/api/research/templates", get(templates::admin_templates))
        .route("/api/research/export-all.zip", get(research::routes::admin_export_all))
        .route("/api/research/compare", get(research::routes::admin_compare))
        .route("/api/research/compare.csv", get(research::routes::admin_compare_csv))
        .route("/api/research/compare/groups", get(research::routes::admin_compare_groups))
        .route("/api/research/workshops/{id}", delete(research::routes::admin_delete))
        .route("/api/research/workshops/{id}/export.zip", get(research::routes::admin_export))
        .route("/api/research/workshops/{id}/template.json", get(templates::admin_template))
        .route("/api/research/workshops/{id}/close", post(research::routes::admin_close))
        .route("/api/research/workshops/{id}/replay", get(research::routes::admin_replay))
        .route("/api/research/workshops/{id}/console", post(research::import::issue_console))
        .route(
            research::import::IMPORT_PATH,
            post(research::import::import_archive).layer(DefaultBodyLimit::max(research::import::MAX_ARCHIVE_BYTES)),
        )
        .route("/qr/{code}", get(qr::join_qr))
        .route("/api/join-origin", get(qr::join_origin))
        .route("/ws", any(socket::upgrade))
        .layer(DefaultBodyLimit::max(http::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::check_origin))
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::rate_limit))
        .with_state(state);
    with_security_headers(router, public_url.as_deref()).layer(assets::compression())
}

/// What pages may use of the device: nothing the app needs (no camera, microphone, location,
/// payment, USB, sensors).
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
     accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), browsing-topics=()";

/// Adds headers every response should carry: no MIME sniffing; no `Referer`, so the
/// facilitator's secret console URL never leaks to another site; no framing; no device
/// features; and, when the public URL is `https`, `Strict-Transport-Security`.
pub fn with_security_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    public_url: Option<&str>,
) -> Router<S> {
    let router = if public_url.is_some_and(|u| u.starts_with("https://")) {
        router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        router
    };
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn headers_of(public_url: Option<&str>) -> axum::http::HeaderMap {
        let router = with_security_headers(Router::new().route("/", get(|| async { "ok" })), public_url);
        let response = router.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        response.headers().clone()
    }

    #[tokio::test]
    async fn every_answer_carries_the_security_headers_and_hsts_only_over_https() {
        let plain = headers_of(Some("http://192.168.1.20:3000")).await;
        assert_eq!(plain["x-content-type-options"], "nosniff");
        assert_eq!(plain["referrer-policy"], "no-referrer");
        assert_eq!(plain["x-frame-options"], "DENY");
        assert!(plain["permissions-policy"].to_str().unwrap().contains("camera=()"));
        assert!(!plain.contains_key("strict-transport-security"));
        let https = headers_of(Some("https://spectrum.example.org")).await;
        assert_eq!(https["strict-transport-security"], "max-age=31536000");
    }
}
