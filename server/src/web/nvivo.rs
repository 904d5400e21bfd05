//! "Download for NVivo (.qdpx)": the pairs' notes as a REFI-QDA project
//! ([`crate::research::qdpx`]) for the facilitator (by the console secret) and the
//! researchers (by the admin key), of one workshop or, across sites, of several.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use uuid::Uuid;

use super::admin::Admin;
use super::reply::{ApiFailure, ApiPath, attachment, no_workshop};
use super::research::{CompareQuery, choose_failure, parse_ids, query_of};
use super::state::{AppState, workshop_by_console};
use crate::research::bundle::qdpx_zip;
use crate::research::{ChooseError, with_exports};

/// The `.qdpx` of the workshops `ids`, in that order.
async fn project_of(state: &AppState, ids: Vec<Uuid>) -> Result<Vec<u8>, ChooseError> {
    with_exports(&state.store, ids, |exports| qdpx_zip(&exports)).await
}

/// The `.qdpx` of one workshop as a download named after it.
async fn one(state: &AppState, id: Uuid) -> Result<Response, ApiFailure> {
    let bytes = project_of(state, vec![id]).await.map_err(|e| match e {
        ChooseError::Unknown(_) => no_workshop(),
        other => choose_failure(other),
    })?;
    Ok(attachment("application/zip", &format!("workshop-{id}-notes.qdpx"), bytes))
}

/// `GET /f/{secret}/notes.qdpx`: the facilitator's "Download for NVivo (.qdpx)".
pub async fn facilitator_qdpx(
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
) -> Result<Response, ApiFailure> {
    let id = workshop_by_console(&state, &secret).await?.id;
    one(&state, id).await
}

/// `GET /api/research/workshops/{id}/notes.qdpx`.
pub async fn admin_qdpx(
    _: Admin,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiFailure> {
    one(&state, id).await
}

/// `GET /api/research/export.qdpx?ids=a,b`: one project across the chosen workshops, in
/// that order (refused like the compare page's `ids`: malformed, too many, or unknown).
pub async fn admin_qdpx_chosen(
    _: Admin,
    State(state): State<AppState>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let ids = parse_ids(query_of(query)?.ids.as_deref())?;
    let count = ids.len();
    let bytes = project_of(&state, ids).await.map_err(choose_failure)?;
    tracing::info!(workshops = count, "NVivo project across workshops");
    Ok(attachment("application/zip", "workshops-notes.qdpx", bytes))
}
