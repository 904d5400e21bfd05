//! The room report's routes: the console's "Room report" (by the console secret) and the
//! researchers' copy (by the admin key), rendered by [`crate::research::report`], with its
//! own stylesheet and a policy that allows no script.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::admin::Admin;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiPath, failed, no_console, no_workshop};
use super::state::{AppState, workshop_by_console};
use crate::research::report::{REPORT_CSP, REPORT_CSS, report_html};
use crate::research::tables::WorkshopExport;
use crate::store::{AuditActor, StoreError};

/// The report as an answer: HTML, its own policy, never cached (it holds the notes).
fn html_answer(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, REPORT_CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Workshop `id`'s report, read and built on the blocking pool; `None` if there is none.
async fn report_of(state: &AppState, id: Uuid) -> Result<Option<String>, StoreError> {
    state
        .store
        .run(move |store| Ok(store.export_snapshot(id)?.map(|snapshot| report_html(&WorkshopExport::new(snapshot)))))
        .await
}

/// `GET /f/{secret}/report`: the console's "Room report".
pub async fn facilitator_report(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
) -> Result<Response, ApiFailure> {
    let workshop = workshop_by_console(&state, &secret).await?;
    let body = report_of(&state, workshop.id).await.map_err(|e| failed(&e))?.ok_or_else(no_console)?;
    seen.record(&state, AuditActor::Facilitator, "view", Some(workshop.id), "room report").await?;
    Ok(html_answer(body))
}

/// `GET /research/report/{id}` (admin key or cookie): the same report for researchers.
pub async fn admin_report(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiFailure> {
    let body = report_of(&state, id).await.map_err(|e| failed(&e))?.ok_or_else(no_workshop)?;
    seen.record(&state, AuditActor::Researcher, "view", Some(id), "room report").await?;
    Ok(html_answer(body))
}

/// `GET /report.css`: the report's stylesheet.
pub async fn report_css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], REPORT_CSS)
        .into_response()
}
