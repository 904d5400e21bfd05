//! The researchers' admin check. The admin key is accepted as `Authorization: Bearer <key>`
//! or as the [`ADMIN_COOKIE`](super::reply::ADMIN_COOKIE) that the sign-in route sets. Pair tokens and the projector's
//! workshop id never give access: only the admin key is looked at.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

use std::net::IpAddr;

use axum::response::{IntoResponse, Response};

use super::limits::ClientIp;
use super::reply::{ADMIN_COOKIE, ApiFailure, bearer, cookie, too_many_requests};
use super::state::AppState;
use crate::secret::hash_secret;

/// Proof that the request carries the admin key: a handler that takes it runs for
/// researchers only.
pub struct Admin;

/// Whether `key` is the admin key. Hashes are compared, so the comparison's timing says
/// nothing about the key.
pub fn is_admin_key(state: &AppState, key: &str) -> bool {
    hash_secret(key) == *state.admin_key_hash
}

/// Why a request is not the researchers': no or a wrong key, or too many wrong keys lately.
pub enum AdminRefusal {
    /// `401`.
    Unauthorised(ApiFailure),
    /// `429`: wrong keys from this address; wait this long.
    Wait(std::time::Duration),
}

impl IntoResponse for AdminRefusal {
    fn into_response(self) -> Response {
        match self {
            AdminRefusal::Unauthorised(failure) => failure.into_response(),
            AdminRefusal::Wait(wait) => {
                crate::telemetry::rate_limited("wrong_admin_keys");
                too_many_requests(wait, "wrong admin keys")
            }
        }
    }
}

/// Judges the admin key `given` by `ip`, for every route that takes one: after too many
/// wrong keys from `ip` lately, it must wait; a wrong key counts towards that (no key at all,
/// as when signed out, does not); the right key clears the count.
pub(crate) fn judge_key(state: &AppState, ip: Option<IpAddr>, given: Option<&str>) -> Result<(), AdminRefusal> {
    if let Some(wait) = ip.and_then(|ip| state.limits.key_wait(ip)) {
        return Err(AdminRefusal::Wait(wait));
    }
    match given {
        Some(key) if is_admin_key(state, key) => {
            if let Some(ip) = ip {
                state.limits.key_succeeded(ip);
            }
            Ok(())
        }
        given => {
            if let (Some(ip), Some(_)) = (ip, given) {
                state.limits.key_failed(ip);
            }
            Err(AdminRefusal::Unauthorised(unauthorised()))
        }
    }
}

fn unauthorised() -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNAUTHORIZED,
        "This needs the admin key. Use the researcher link the server printed when it first started, \
         or the key in the file admin-key beside the database.",
        Some("Admin key"),
    )
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = AdminRefusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<ClientIp>().map(|c| c.0);
        let given = bearer(&parts.headers).or_else(|| cookie(&parts.headers, ADMIN_COOKIE));
        judge_key(state, ip, given).map(|()| Admin)
    }
}
