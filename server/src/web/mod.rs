//! The HTTP edge: the routes ([`api_router`]), the replies they share ([`reply`]), the
//! checks at the door ([`guard`], [`limits`], [`admin`]), the state every handler shares
//! ([`state`]), serving connections with timeouts ([`serve`]) and the embedded site
//! ([`assets`]), and the Prometheus page on its own listener ([`metrics`]).
//!
//! - [`api`]: creating a workshop, looking one up by code, joining as a pair;
//!   [`join_form`]: the join page's plain HTML form.
//! - [`research`], [`report`], [`import`], [`templates`], [`export`], [`nvivo`]: the research data's
//!   routes (downloads, list, delete, close, replay, compare, the room report, importing an
//!   archive, templates, the placements CSV); what they serve is made in [`crate::research`].
//! - [`audit`]: writing the audit log's rows for requests, and reading it; [`retention`]:
//!   checking and setting a workshop's "Delete after" day.
//! - [`pair_results`]: a pair's own results ("Our results"), by its token; [`pair_board`]: the
//!   pair a board's page is drawn for before its code runs, by the board's cookie.
//! - [`qr`]: the join QR code and the origin join links use.
//!
//! The edge is the top floor of the server: it uses [`crate::live`], [`crate::research`] and
//! [`crate::store`], and nothing below imports it.

pub mod admin;
pub mod admin_key;
pub mod api;
pub mod assets;
pub mod audit;
pub mod consent;
pub mod export;
pub mod guard;
pub mod health;
pub mod import;
pub mod join_form;
pub mod lang;
pub mod limits;
pub mod metrics;
pub mod nvivo;
pub mod pair_board;
pub mod pair_results;
pub mod qr;
pub mod reply;
pub mod report;
pub mod research;
pub mod retention;
pub mod serve;
pub mod state;
pub mod templates;
pub mod withdraw;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{any, delete, get, post, put};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::live::socket;
use app::api::urls::JOIN_FORM;
use limits::{Budget, body_limit, limited};
use reply::MAX_BODY_BYTES;
pub use state::{AppState, Config, DEFAULT_DATABASE, open_state};

/// Every route except the Leptos pages: the JSON API, the websocket, the CSV export and the
/// QR code, with a body limit and the security headers.
pub fn api_router(state: AppState) -> Router {
    let public_url = state.public_url.clone();
    let l = &state.limits;
    let router = Router::new()
        .route("/api/workshops", limited(post(api::create_workshop), l, Budget::Create))
        .route("/api/workshops/by-code/{code}", get(api::workshop_by_code))
        .route("/api/workshops/by-code/{code}/consent-sheet", get(api::consent_sheet_by_code))
        .route("/api/join", limited(post(api::join), l, Budget::Join))
        .route("/api/join/decline", limited(post(api::decline), l, Budget::Join))
        .route("/f/{secret}/consent-sheet", put(consent::set_consent_sheet))
        .route("/api/pair/results", get(pair_results::pair_results_json))
        .route("/f/{secret}/placements.csv", limited(get(export::placements_csv), l, Budget::Download))
        .route("/f/{secret}/export.zip", limited(get(research::facilitator_export), l, Budget::Download))
        .route("/f/{secret}/notes.qdpx", limited(get(nvivo::facilitator_qdpx), l, Budget::Download))
        .route("/f/{secret}/template.json", get(templates::facilitator_template))
        .route("/f/{secret}/workshop", delete(research::facilitator_delete))
        .route("/f/{secret}/retention", get(retention::facilitator_retention).put(retention::facilitator_set_retention))
        .route("/f/{secret}/report", get(report::facilitator_report))
        .route("/research/report/{id}", get(report::admin_report))
        .route(crate::research::report::REPORT_CSS_PATH, get(report::report_css))
        .route("/api/research/login", limited(post(research::login), l, Budget::Login))
        .route("/api/research/logout", post(research::logout))
        .route("/api/research/workshops", get(research::list_workshops))
        .route("/api/research/audit", get(audit::audit_log))
        .route("/api/research/audit.csv", limited(get(audit::audit_csv), l, Budget::Download))
        .route("/api/research/workshops/{id}/retention", put(retention::admin_set_retention))
        .route("/api/research/templates", get(templates::admin_templates))
        .route("/api/research/export-all.zip", limited(get(research::admin_export_all), l, Budget::Download))
        .route("/api/research/export.qdpx", limited(get(nvivo::admin_qdpx_chosen), l, Budget::Download))
        .route("/api/research/compare", get(research::admin_compare))
        .route("/api/research/compare.csv", limited(get(research::admin_compare_csv), l, Budget::Download))
        .route("/api/research/compare/groups", get(research::admin_compare_groups))
        .route("/api/research/workshops/{id}", delete(research::admin_delete))
        .route("/api/research/workshops/{id}/export.zip", limited(get(research::admin_export), l, Budget::Download))
        .route("/api/research/workshops/{id}/notes.qdpx", limited(get(nvivo::admin_qdpx), l, Budget::Download))
        .route("/api/research/workshops/{id}/template.json", get(templates::admin_template))
        .route("/api/research/workshops/{id}/close", post(research::admin_close))
        .route("/api/research/workshops/{id}/withdraw", post(withdraw::admin_withdraw))
        .route("/api/research/workshops/{id}/replay", get(research::admin_replay))
        .route("/api/research/workshops/{id}/console", post(import::issue_console))
        .route("/qr/{code}", get(qr::join_qr))
        .route("/api/join-origin", get(qr::join_origin))
        .route("/ws", any(socket::upgrade))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz));
    // Only the archive import may send more than the API's body limit.
    let import = Router::new().route(import::IMPORT_PATH, limited(post(import::import_archive), l, Budget::Download));
    // The join page's form without WebAssembly (the page itself is a Leptos route: GET). It is
    // not behind the Origin check: the pages' `Referrer-Policy: no-referrer` makes a browser
    // send `Origin: null` with a form's POST, and joining uses no cookie a page of another
    // site could ride on (like `POST /api/join` from a command line, which sends no Origin).
    let plain_join = Router::new().route(JOIN_FORM, limited(post(join_form::join_form), l, Budget::Join));
    let router = body_limit(router, MAX_BODY_BYTES)
        .merge(body_limit(import, import::MAX_ARCHIVE_BYTES))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state.origins), guard::check_origin))
        .merge(body_limit(plain_join, MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state.limits), limits::note_client))
        .with_state(state);
    with_security_headers(router, public_url.as_deref()).layer(assets::compression())
}

/// What pages may use of the device: nothing the app needs (no camera, microphone, location,
/// payment, USB, sensors).
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
     accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), browsing-topics=()";

/// Whether the server is reached over HTTPS: its public URL (`--public-url`) is `https://`.
/// Then responses carry `Strict-Transport-Security` and the cookies it sets are `Secure`.
pub fn serves_https(public_url: Option<&str>) -> bool {
    public_url.is_some_and(|u| u.starts_with("https://"))
}

/// Adds headers every response should carry: no MIME sniffing; no `Referer`, so the
/// facilitator's secret console URL never leaks to another site; no framing; no device
/// features; and, when the public URL is `https`, `Strict-Transport-Security`.
pub fn with_security_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    public_url: Option<&str>,
) -> Router<S> {
    let router = if serves_https(public_url) {
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
