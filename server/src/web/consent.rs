//! The facilitator's information sheet: `PUT /f/{secret}/consent-sheet` sets a new version
//! (checked by the domain's rule, [`app::domain::consent::check_sheet`]). The sheet can be
//! longer than a websocket message may be, so it travels over HTTP; the change itself is
//! committed by the room like any other, and every screen hears of it at once.

use app::api::SheetSaved;
use app::domain::consent::ConsentSheet;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use uuid::Uuid;

use super::api::sheet_refused;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiJson, ApiPath, no_console};
use super::state::{AppState, workshop_by_console};
use crate::live::room::RoomError;
use crate::store::AuditActor;

/// `PUT /f/{secret}/consent-sheet`: a new version of the workshop's information sheet.
/// `200` with the version and whether it was stored; `400` with the sentence and the field
/// to fix (a version reused with other text, a blank title, no statements, …).
pub async fn set_consent_sheet(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
    ApiJson(sheet): ApiJson<ConsentSheet>,
) -> Result<Json<SheetSaved>, ApiFailure> {
    let workshop = workshop_by_console(&state, &secret).await?;
    let room = state.hub.room(workshop.id).await.map_err(ApiFailure::storage)?.ok_or_else(no_console)?;
    let version = sheet.version.trim().to_string();
    let changed = match room.set_consent_sheet(sheet).await {
        Ok(seq) => seq.is_some(),
        Err(RoomError::Sheet(problem)) => return Err(sheet_refused(problem)),
        Err(RoomError::Refused(refusal)) => {
            return Err(ApiFailure::new(StatusCode::BAD_REQUEST, refusal.message, Some("Sheet version")));
        }
        Err(RoomError::Storage(e)) => return Err(ApiFailure::storage(e)),
        Err(other) => return Err(ApiFailure::new(StatusCode::BAD_REQUEST, other.to_string(), None)),
    };
    let version = room.current_sheet().await.map_or(version, |s| s.version);
    if changed {
        audit_sheet_changed(&seen, &state, workshop.id, &version).await?;
    }
    Ok(Json(SheetSaved { version, changed }))
}

/// The one place a change of the information sheet is recorded in the audit log: the
/// facilitator (the console's link is the only way to change it), `consent_sheet_set`, the
/// workshop and the new version (not its text: the event log and `workshop.json` keep that).
async fn audit_sheet_changed(
    seen: &Seen,
    state: &AppState,
    workshop_id: Uuid,
    version: &str,
) -> Result<(), ApiFailure> {
    tracing::info!(workshop = %workshop_id, version, "information sheet set by the facilitator");
    let detail = format!("information sheet changed to version {version}");
    seen.record(state, AuditActor::Facilitator, "consent_sheet_set", Some(workshop_id), detail).await
}
