//! Health checks for a proxy, a load balancer or systemd: `GET /healthz` says the process
//! answers; `GET /readyz` says it can do its work (the database answers and accepts a write
//! within [`READY_WITHIN`]). Neither is rate-limited or logged.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Serialize;

use crate::store::Store;
use crate::store::sql::Backend;

/// How long the database may take to answer the readiness check.
pub const READY_WITHIN: Duration = Duration::from_secs(1);

/// The body of `GET /readyz`.
#[derive(Debug, Serialize)]
pub struct Readiness {
    /// `ready` or `not ready`.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
    /// Why not, when not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET /healthz`: `200 ok` while the process serves requests.
pub async fn healthz() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], "ok\n")
}

/// `GET /readyz`: `200 {"status":"ready",…}` when the database answers and accepts a write
/// within [`READY_WITHIN`]; otherwise `503` with the reason (a proxy then sends the screens to
/// another instance).
pub async fn readyz(State(store): State<Arc<Store>>) -> impl IntoResponse {
    let database = match store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let reason = match tokio::time::timeout(READY_WITHIN, store.check_ready()).await {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(format!("the database failed: {e}")),
        Err(_) => Some(format!("the database did not accept a write within {} s", READY_WITHIN.as_secs())),
    };
    let status = if reason.is_some() { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    if let Some(why) = &reason {
        tracing::warn!(reason = %why, "not ready");
    }
    let body = Readiness { status: if reason.is_some() { "not ready" } else { "ready" }, database, reason };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body))
}
