//! Withdrawing a pair from the research area: `POST /api/research/workshops/{id}/withdraw`
//! with the reference the pair quotes (the console withdraws over its websocket).

use app::api::{WithdrawRequest, Withdrawal};
use app::domain::reference::normalize_reference;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use uuid::Uuid;

use super::admin::Admin;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiJson, ApiPath, failed, no_workshop};
use super::state::AppState;
use crate::live::room::RoomError;
use crate::store::{AuditActor, WithdrawnBy};

/// `POST /api/research/workshops/{id}/withdraw` with `{"reference": "…"}`: withdraws the
/// pair with that reference from workshop `id` ([`crate::live::room::Room::withdraw`]), and
/// answers what was removed. A reference that is not one, or no pair of this workshop's
/// (another workshop's included, named so the researcher can go there), is 404; after the workshop's withdrawal deadline, 409
/// naming the date. Each changes nothing.
pub async fn admin_withdraw(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<WithdrawRequest>,
) -> Result<Json<Withdrawal>, ApiFailure> {
    let shown: String = request.reference.chars().take(20).collect();
    let unknown = || {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            format!(
                "No pair of this workshop has the reference \"{shown}\". Check it against the tablet or the \
                 console (six letters and digits, e.g. R7K2QX)."
            ),
            Some(WITHDRAW_FIELD),
        )
    };
    let reference = normalize_reference(&request.reference).ok_or_else(unknown)?;
    let room = match state.hub.room(id).await {
        Ok(Some(room)) => room,
        Ok(None) => return Err(no_workshop()),
        Err(e) => return Err(failed(&e)),
    };
    let lookup = reference.clone();
    let pair = state.store.run(move |s| s.pair_by_reference(id, &lookup)).await.map_err(|e| failed(&e))?;
    let Some(pair) = pair else {
        let lookup = reference.clone();
        let other = state.store.run(move |s| s.other_workshop_with_reference(id, &lookup)).await;
        return Err(match other.map_err(|e| failed(&e))? {
            Some((title, site)) => ApiFailure::new(
                StatusCode::NOT_FOUND,
                format!(
                    "The reference {reference} is not a pair of this workshop: it belongs to “{title}” ({site}). \
                     Withdraw it from that workshop's row. Nothing was changed."
                ),
                Some(WITHDRAW_FIELD),
            ),
            None => unknown(),
        });
    };
    match room.withdraw(pair.pair_id, WithdrawnBy::Researcher).await {
        Ok(counts) => {
            tracing::info!(workshop = %id, seq = counts.seq, "a pair was withdrawn from the researcher area");
            let detail = format!("pair {reference} withdrawn ({})", counts.describe());
            seen.record(&state, AuditActor::Researcher, "withdraw", Some(id), detail).await?;
            Ok(Json(Withdrawal {
                reference,
                seq: counts.seq,
                placements: counts.placements,
                notes: counts.notes,
                post_its: counts.post_its,
                event_rows: counts.event_rows,
            }))
        }
        Err(e @ RoomError::DeadlinePassed(_)) => Err(ApiFailure::new(StatusCode::CONFLICT, e.to_string(), None)),
        Err(RoomError::UnknownPair) => Err(unknown()),
        Err(e) => Err(failed(&e)),
    }
}

/// The research area's field for a reference to withdraw (its visible label).
pub const WITHDRAW_FIELD: &str = "Pair reference";
