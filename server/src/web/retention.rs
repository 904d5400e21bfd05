//! Retention at the edge: checking a "Delete after" day (a real UTC day after today; a day in
//! the past, or today, is refused with a sentence and changes nothing), and setting it from
//! the console (`PUT /f/{secret}/retention`, `GET` to read it) or the research area (`PUT
//! /api/research/workshops/{id}/retention`). The deletion itself is [`crate::live::retention`].

use app::api::{DELETE_AFTER_FIELD, Retention, RetentionDay, SetRetention};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use uuid::Uuid;

use super::admin::Admin;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiJson, ApiPath, failed, no_console, no_workshop};
use super::state::{AppState, workshop_by_console};
use crate::store::AuditActor;
use crate::time::{Clock, days_between, parse_day};

fn refused(message: String) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, message, Some(DELETE_AFTER_FIELD))
}

/// The day `typed` as stored: `None` when empty; refused when it is not a date or not after
/// today (UTC) by `clock`.
pub fn check_day(typed: Option<&str>, clock: &dyn Clock) -> Result<Option<String>, ApiFailure> {
    let typed = typed.map(str::trim).unwrap_or_default();
    if typed.is_empty() {
        return Ok(None);
    }
    let Some(day) = parse_day(typed) else {
        let shown: String = typed.chars().take(20).collect();
        return Err(refused(format!(
            "\"{shown}\" is not a date. Write the delete-after date as YYYY-MM-DD, e.g. 2027-06-30, or leave it \
             empty to keep the workshop."
        )));
    };
    let today = clock.today();
    match days_between(&today, &day) {
        Some(d) if d > 0 => Ok(Some(day)),
        Some(0) => Err(refused(format!(
            "{day} is today (UTC): the workshop would be deleted within the hour. Choose tomorrow or a later day, \
             or leave it empty to keep the workshop."
        ))),
        _ => Err(refused(format!(
            "{day} is in the past (today is {today}, UTC). Choose a later day, or leave it empty to keep the \
             workshop."
        ))),
    }
}

/// `day` as the pages show it, counted from `clock`'s today.
pub fn retention_day(day: Option<String>, clock: &dyn Clock) -> Option<RetentionDay> {
    let day = day?;
    let days_left = days_between(&clock.today(), &day).unwrap_or(0);
    Some(RetentionDay { day, days_left })
}

/// Sets workshop `id`'s day to what `body` says (checked), recording who did it; `None` when
/// there is no such workshop.
async fn set(
    state: &AppState,
    seen: &Seen,
    actor: AuditActor,
    id: Uuid,
    body: SetRetention,
) -> Result<Option<Retention>, ApiFailure> {
    let day = check_day(Some(&body.delete_after), state.clock.as_ref())?;
    let detail = match &day {
        Some(day) => format!("delete after set to {day}"),
        None => "delete after cleared: kept until deleted by hand".to_string(),
    };
    let audit = seen.entry(actor, "retention_set", Some(id), detail);
    let (stored, at) = (day.clone(), state.clock.now_ms());
    let found = state.store.run(move |s| s.set_delete_after(id, stored, audit, at)).await.map_err(|e| failed(&e))?;
    if found {
        tracing::info!(workshop = %id, delete_after = ?day, "retention day set");
    }
    Ok(found.then(|| Retention { delete_after: retention_day(day, state.clock.as_ref()) }))
}

/// `GET /f/{secret}/retention`: the console's "Delete after".
pub async fn facilitator_retention(
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
) -> Result<Json<Retention>, ApiFailure> {
    let id = workshop_by_console(&state, &secret).await?.id;
    let day = state.store.run(move |s| s.delete_after(id)).await.map_err(|e| failed(&e))?.ok_or_else(no_console)?;
    Ok(Json(Retention { delete_after: retention_day(day, state.clock.as_ref()) }))
}

/// `PUT /f/{secret}/retention`: the facilitator sets or clears the day.
pub async fn facilitator_set_retention(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
    ApiJson(body): ApiJson<SetRetention>,
) -> Result<Json<Retention>, ApiFailure> {
    let id = workshop_by_console(&state, &secret).await?.id;
    set(&state, &seen, AuditActor::Facilitator, id, body).await?.map(Json).ok_or_else(no_console)
}

/// `PUT /api/research/workshops/{id}/retention` (admin key): a researcher sets or clears it.
pub async fn admin_set_retention(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SetRetention>,
) -> Result<Json<Retention>, ApiFailure> {
    set(&state, &seen, AuditActor::Researcher, id, body).await?.map(Json).ok_or_else(no_workshop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SetClock;

    #[test]
    fn only_a_real_day_after_today_is_taken() {
        // 2026-11-23T19:54:00Z.
        let clock = SetClock::at(1_795_463_640_000);
        assert_eq!(check_day(None, &clock).unwrap(), None);
        assert_eq!(check_day(Some("  "), &clock).unwrap(), None);
        assert_eq!(check_day(Some("2026-11-24"), &clock).unwrap().as_deref(), Some("2026-11-24"));
        let past = check_day(Some("2026-11-22"), &clock).unwrap_err();
        assert!(past.body.error.contains("2026-11-22 is in the past (today is 2026-11-23, UTC)"), "{past:?}");
        assert!(check_day(Some("2026-11-23"), &clock).unwrap_err().body.error.contains("is today"));
        assert!(check_day(Some("2026-02-30"), &clock).unwrap_err().body.error.contains("is not a date"));
        let day = retention_day(Some("2026-12-07".into()), &clock).unwrap();
        assert_eq!((day.days_left, day.soon()), (14, true));
        assert_eq!(day.sentence(app::i18n::Lang::EN), "Deleted on 2026-12-07 (in 14 days)");
        assert!(!retention_day(Some("2026-12-08".into()), &clock).unwrap().soon());
    }
}
