//! The door's checks on every API request, before any handler runs: a websocket upgrade or
//! a state-changing request (POST, PUT, PATCH, DELETE) that a browser sent from another
//! site's page is refused (OWASP's Origin allow-list), and a request signed in only by the
//! researchers' cookie must come from this site's own pages (`Sec-Fetch-Site`).
//!
//! Allowed origins: the request's own `Host` (the page the browser shows came from this
//! server), the public URL (`DS_PUBLIC_URL`) and any listed in `DS_ALLOWED_ORIGINS`.
//! Requests with no `Origin` header (command-line clients, the integration tests, a
//! same-origin `GET`) are not browser cross-site requests and pass.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::reply::{ADMIN_COOKIE, ApiFailure, cookie};

/// The origins whose pages may use this server, besides the request's own host: the guard's
/// part of the state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    /// The public URL (`DS_PUBLIC_URL`), if set.
    pub public_url: Option<String>,
    /// `DS_ALLOWED_ORIGINS`, normalised.
    pub allowed: Vec<String>,
}

impl Origins {
    /// The public URL and the other allowed origins, as configured.
    pub fn new(public_url: Option<&str>, allowed: &[String]) -> Origins {
        Origins {
            public_url: public_url.map(str::to_string),
            allowed: allowed.iter().map(|o| normalise_origin(o)).collect(),
        }
    }
}

/// `scheme://host[:port]` in lower case, without a trailing slash: how origins compare.
pub fn normalise_origin(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_ascii_lowercase()
}

/// The `host[:port]` of an origin (`http://127.0.0.1:3000` → `127.0.0.1:3000`).
fn host_of(origin: &str) -> Option<&str> {
    origin.split_once("://").map(|(_, host)| host)
}

/// Whether a browser page at `origin` may use this server, asked with `Host: host`.
pub fn origin_allowed(origin: &str, host: Option<&str>, public_url: Option<&str>, extra: &[String]) -> bool {
    let origin = normalise_origin(origin);
    let same_host = host.is_some_and(|h| host_of(&origin) == Some(h.trim().to_ascii_lowercase().as_str()));
    same_host || public_url.is_some_and(|p| normalise_origin(p) == origin) || extra.contains(&origin)
}

fn changes_state(method: &Method, headers: &HeaderMap) -> bool {
    let upgrade =
        headers.get(header::UPGRADE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    upgrade || matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE)
}

/// Signed in by the researchers' cookie alone (no `Authorization` header).
fn cookie_only(headers: &HeaderMap) -> bool {
    cookie(headers, ADMIN_COOKIE).is_some() && !headers.contains_key(header::AUTHORIZATION)
}

fn refused(message: String) -> Response {
    ApiFailure::new(StatusCode::FORBIDDEN, message, None).into_response()
}

/// The middleware (see the module's comment). A refusal is a `403` with a sentence saying
/// what to do; nothing was changed.
pub async fn check_origin(State(origins): State<Arc<Origins>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if changes_state(request.method(), headers)
        && let Some(origin) = headers.get(header::ORIGIN)
    {
        let origin = origin.to_str().unwrap_or("");
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        if !origin_allowed(origin, host, origins.public_url.as_deref(), &origins.allowed) {
            let shown: String = origin.chars().take(80).collect();
            tracing::warn!(origin = %shown, "refused a request from another site");
            return refused(format!(
                "This request came from another site ({shown}) and was refused. Open Discretion Spectrum \
                 from its own address; an operator can allow another origin with DS_ALLOWED_ORIGINS."
            ));
        }
    }
    if cookie_only(headers)
        && let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return refused(
            "The researcher sign-in only works from the researcher area's own pages; open /research here \
             and try again."
                .to_string(),
        );
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_host_public_url_and_listed_origins_are_allowed_and_nothing_else() {
        let extra = vec!["https://partner.example".to_string()];
        let allowed = |o: &str| origin_allowed(o, Some("127.0.0.1:3000"), Some("https://ds.example.org"), &extra);
        assert!(allowed("http://127.0.0.1:3000"));
        assert!(allowed("https://DS.example.org/"));
        assert!(allowed("https://partner.example"));
        for foreign in [
            "https://evil.example",
            "null",
            "http://127.0.0.1.evil.example",
            "http://127.0.0.1:3001",
            "http://127.0.0.1:3000.evil.example",
            "",
        ] {
            assert!(!allowed(foreign), "{foreign}");
        }
        assert!(!origin_allowed("http://127.0.0.1:3000", None, None, &[]), "no Host, nothing to match");
    }
}
