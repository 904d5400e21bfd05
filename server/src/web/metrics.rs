//! `GET /metrics` in Prometheus's text format, served only on the listener `--metrics-addr`
//! names (never on the public one: what it says is for the people running the server), and
//! the public listener's answers counted by status class ([`count_answers`]). What is
//! measured and where: [`crate::telemetry`].

use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;

use super::serve::{Timeouts, serve_until};

/// The content type of Prometheus's text exposition format.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// How often the histograms' recent samples are folded in when nobody scrapes, so they do
/// not pile up in memory between scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// How long a scrape under way may take to finish when the server stops.
const GRACE: Duration = Duration::from_secs(1);

/// The metrics listener's routes: `GET /metrics`, nothing else (`404`).
pub fn router(handle: PrometheusHandle) -> Router {
    Router::new().route(
        "/metrics",
        get(move || {
            let handle = handle.clone();
            async move { ([(header::CONTENT_TYPE, CONTENT_TYPE), (header::CACHE_CONTROL, "no-store")], handle.render()) }
        }),
    )
}

/// Serves [`router`] on `listener` until `stop` completes (with the server), keeping the
/// recorder tidy meanwhile.
pub async fn serve_metrics(listener: TcpListener, handle: PrometheusHandle, stop: impl Future<Output = ()>) {
    let upkeep = handle.clone();
    let tidy = tokio::spawn(async move {
        let mut every = tokio::time::interval(UPKEEP_EVERY);
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });
    serve_until(listener, router(handle), Timeouts::default(), stop, GRACE).await;
    tidy.abort();
}

/// Middleware of the public listener: counts each answer by its status class
/// ([`crate::telemetry::HTTP_ANSWERS`]); a websocket upgrade counts as `1xx` when it is answered.
pub async fn count_answers(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    crate::telemetry::http_answer(response.status().as_u16());
    response.into_response()
}
