//! Health checks for a proxy, a load balancer or systemd: `GET /healthz` says the process
//! answers. Neither rate-limited nor logged.

use axum::http::header;
use axum::response::IntoResponse;

/// `GET /healthz`: `200 ok` while the process serves requests.
pub async fn healthz() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], "ok\n")
}
