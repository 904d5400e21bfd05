//! `GET /api/pair/results`: a pair's "Our results" as JSON, for the pair's own token only
//! (`Authorization: Bearer <token>`, the token its tablet joined with). Open after the
//! reveal while the workshop's "Pairs can see their results" is on; built by
//! [`crate::research::pair_results`] from the same export the researchers download.

use app::domain::pair_results::{PairResults, results_closed_reason};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::reply::{ApiFailure, bearer};
use super::state::AppState;
use crate::live::feed::WITHDRAWN;
use crate::research::pair_results::pair_results;
use crate::secret::hash_secret;
use crate::store::TokenHolder;

/// The answer when no token was sent.
pub const NO_TOKEN: &str = "Send the pair's token as \"Authorization: Bearer <token>\": open \"Our results\" on the \
                            tablet that joined the workshop.";
/// The answer to a token no pair holds.
pub const WRONG_TOKEN: &str = "This is not a pair's token in any workshop (the pair may have been removed, or the \
                               workshop deleted). Open \"Our results\" on the tablet that joined.";

fn refused(status: StatusCode, message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(status, message, None)
}

/// What the pair holding `token` may see now, or why not.
async fn results_for(state: &AppState, token: &str) -> Result<PairResults, ApiFailure> {
    let hash = hash_secret(token);
    let (workshop_id, pair_id) = match state.store.run(move |s| s.token_holder(&hash)).await {
        Ok(TokenHolder::Pair { workshop_id, pair_id }) => (workshop_id, pair_id),
        Ok(TokenHolder::Withdrawn) => return Err(refused(StatusCode::FORBIDDEN, WITHDRAWN)),
        Ok(TokenHolder::Nobody) => return Err(refused(StatusCode::FORBIDDEN, WRONG_TOKEN)),
        Err(e) => return Err(ApiFailure::storage(e)),
    };
    let built = state
        .store
        .run(move |store| {
            let Some(snapshot) = store.export_snapshot(workshop_id)? else { return Ok(None) };
            if let Some(reason) = results_closed_reason(&snapshot.view) {
                // Off by the facilitator's choice: forbidden; before the reveal: not yet.
                let status =
                    if snapshot.view.settings.pair_results { StatusCode::CONFLICT } else { StatusCode::FORBIDDEN };
                return Ok(Some(Err((status, reason))));
            }
            // Its own label, whatever the export setting; the numbers do not depend on names.
            Ok(Some(pair_results(&snapshot, pair_id).ok_or((StatusCode::FORBIDDEN, WRONG_TOKEN.to_string()))))
        })
        .await
        .map_err(|e: crate::store::StoreError| ApiFailure::storage(e))?;
    match built {
        None => Err(refused(StatusCode::FORBIDDEN, WRONG_TOKEN)),
        Some(Err((status, reason))) => Err(refused(status, reason)),
        Some(Ok(results)) => Ok(results),
    }
}

/// `GET /api/pair/results`: `200` with [`PairResults`] (never cached: it holds the pair's
/// notes); `401` without a token, `403` for a token no pair holds, a withdrawn pair's, or
/// when the facilitator turned the results off, `409` before the reveal; each with a
/// sentence.
pub async fn pair_results_json(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiFailure> {
    let token =
        bearer(&headers).filter(|t| !t.is_empty()).ok_or_else(|| refused(StatusCode::UNAUTHORIZED, NO_TOKEN))?;
    let results = results_for(&state, token).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(results)).into_response())
}
