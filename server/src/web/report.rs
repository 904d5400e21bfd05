//! The room report's routes: the console's "Room report" (by the console secret) and the
//! researchers' copy (by the admin key), rendered by [`crate::research::report`], with its
//! own stylesheet and a policy that allows no script.
//!
//! In one language ([`report_lang`]): `?lang=cy` / `?lang=en` (the console links to one
//! report per language), else the `lang` cookie, else `Accept-Language`, else English.

use app::i18n::Lang;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::admin::Admin;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiPath, failed, no_console, no_workshop};
use super::state::{AppState, workshop_by_console};
use crate::research::report::{REPORT_CSP, REPORT_CSS, report_html_in};
use crate::research::tables::WorkshopExport;
use crate::store::{AuditActor, StoreError};

/// The report as an answer: HTML in `lang`, its own policy, never cached (it holds the notes).
fn html_answer(body: String, lang: Lang) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_LANGUAGE, lang.code()),
            (header::CONTENT_SECURITY_POLICY, REPORT_CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The report's language: `lang=` in the query (an unknown code is ignored), else the `lang`
/// cookie, else `Accept-Language`, else English ([`choose`]). The choice is not remembered:
/// a report in another language does not change the device's.
pub fn report_lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    super::lang::request_lang(query, headers)
}

/// Workshop `id`'s report in `lang`, read and built on the blocking pool; `None` if there is none.
async fn report_of(state: &AppState, id: Uuid, lang: Lang) -> Result<Option<String>, StoreError> {
    state
        .store
        .run(move |store| {
            Ok(store.export_snapshot(id)?.map(|snapshot| report_html_in(&WorkshopExport::new(snapshot), lang)))
        })
        .await
}

/// `GET /f/{secret}/report`: the console's "Room report".
pub async fn facilitator_report(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiFailure> {
    let workshop = workshop_by_console(&state, &secret).await?;
    let lang = report_lang(query.as_deref(), &headers);
    let body = report_of(&state, workshop.id, lang).await.map_err(|e| failed(&e))?.ok_or_else(no_console)?;
    seen.record(&state, AuditActor::Facilitator, "view", Some(workshop.id), "room report").await?;
    Ok(html_answer(body, lang))
}

/// `GET /research/report/{id}` (admin key or cookie): the same report for researchers.
pub async fn admin_report(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiFailure> {
    let lang = report_lang(query.as_deref(), &headers);
    let body = report_of(&state, id, lang).await.map_err(|e| failed(&e))?.ok_or_else(no_workshop)?;
    seen.record(&state, AuditActor::Researcher, "view", Some(id), "room report").await?;
    Ok(html_answer(body, lang))
}

/// `GET /report.css`: the report's stylesheet.
pub async fn report_css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], REPORT_CSS)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs.iter().map(|(name, value)| (name.clone(), value.parse().unwrap())).collect()
    }

    #[test]
    fn the_language_is_the_query_s_then_the_cookie_s_then_the_browser_s() {
        let welsh_browser = headers(&[(header::ACCEPT_LANGUAGE, "cy-GB, en;q=0.5")]);
        assert_eq!(report_lang(Some("lang=cy"), &HeaderMap::new()), Lang::CY);
        assert_eq!(report_lang(Some("x=1&lang=en"), &welsh_browser), Lang::EN);
        assert_eq!(report_lang(None, &welsh_browser), Lang::CY);
        assert_eq!(report_lang(Some("lang=xx"), &welsh_browser), Lang::CY, "an unknown code is ignored");
        assert_eq!(report_lang(Some("lang=xx"), &HeaderMap::new()), Lang::EN);
        let cookie = headers(&[(header::COOKIE, "a=1; lang=cy"), (header::ACCEPT_LANGUAGE, "en")]);
        assert_eq!(report_lang(None, &cookie), Lang::CY);
        assert_eq!(report_lang(None, &HeaderMap::new()), Lang::EN);
    }
}
