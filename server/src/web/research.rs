//! HTTP routes of the research data: downloads and deletion for the facilitator (by the
//! console secret) and for researchers (by the admin key, see [`super::admin`]), the
//! researchers' list, replay and "Across sites" comparison.
//!
//! Only the facilitator secret or the admin key are looked at. Every refusal is a JSON
//! [`ApiError`](app::api::ApiError) and changes nothing.

use app::api::{ComparedWorkshop, Comparison, WorkshopFilter};
use app::domain::{Control, Phase};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::admin::{Admin, AdminRefusal, judge_key};
use super::audit::Seen;
use super::limits::ClientIp;
use super::reply::{ADMIN_COOKIE, ApiFailure, ApiJson, ApiPath, attachment, failed, no_workshop};
use super::retention::retention_day;
use super::state::{AppState, workshop_by_console};
use crate::live::room::RoomError;
use crate::research::combined::is_day;
use crate::research::compare::{MAX_COMPARED, compared_workshop, comparison_table};
use crate::research::compare_groups::groups_across;
use crate::research::csv_files::table_csv;
use crate::research::tables::{PairNames, workshop_date};
use crate::research::{ChooseError, chosen_zip_of, combined_zip_of, with_exports, zip_of};
use crate::store::{AuditActor, StoreError};

/// The `?pairs=` of an export URL: `references` names every pair only by its reference
/// for this download (pseudonymised), `as-typed` by its label; absent, the workshop's "Pair
/// names in exports" setting decides.
#[derive(Debug, Default, Deserialize)]
pub struct PairsQuery {
    /// `references` or `as-typed`.
    pub pairs: Option<String>,
}

impl PairsQuery {
    /// How the download names pairs, or the 400 of a value that is neither.
    pub fn names(&self) -> Result<Option<PairNames>, ApiFailure> {
        let Some(text) = &self.pairs else { return Ok(None) };
        PairNames::parse(text).map(Some).ok_or_else(|| {
            ApiFailure::new(
                StatusCode::BAD_REQUEST,
                "pairs= takes \"references\" (name pairs only by their reference) or \"as-typed\".",
                None,
            )
        })
    }
}

/// The zip of workshop `id` as a download named after it, naming pairs as `query` asks,
/// recorded in the audit log as `actor`'s (once it is made, before it is sent).
async fn download(
    state: &AppState,
    seen: &Seen,
    actor: AuditActor,
    id: Uuid,
    query: &PairsQuery,
) -> Result<Response, ApiFailure> {
    let names = query.names()?;
    let bytes = zip_of(&state.store, id, names).await.map_err(|e| failed(&e))?.ok_or_else(no_workshop)?;
    let name = format!("workshop-{id}.zip");
    seen.record(state, actor, "download", Some(id), format!("{name} (the complete export)")).await?;
    Ok(attachment("application/zip", &name, bytes))
}

async fn workshop_id_by_secret(state: &AppState, secret: &str) -> Result<Uuid, ApiFailure> {
    Ok(workshop_by_console(state, secret).await?.id)
}

async fn delete(state: &AppState, seen: &Seen, actor: AuditActor, id: Uuid) -> Result<StatusCode, ApiFailure> {
    let audit = seen.entry(actor, "delete", Some(id), "deleted with all its data");
    match state.hub.delete_workshop_recorded(id, audit, state.clock.now_ms()).await {
        Ok(true) => {
            tracing::info!(workshop = %id, "workshop deleted with all its data");
            Ok(StatusCode::NO_CONTENT)
        }
        Ok(false) => Err(no_workshop()),
        Err(e) => Err(failed(&e as &StoreError)),
    }
}

/// `GET /f/{secret}/export.zip`: the facilitator downloads everything.
pub async fn facilitator_export(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
    Query(query): Query<PairsQuery>,
) -> Result<Response, ApiFailure> {
    let id = workshop_id_by_secret(&state, &secret).await?;
    download(&state, &seen, AuditActor::Facilitator, id, &query).await
}

/// `DELETE /f/{secret}/workshop`: the facilitator deletes the workshop and all its data.
pub async fn facilitator_delete(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
) -> Result<StatusCode, ApiFailure> {
    let id = workshop_id_by_secret(&state, &secret).await?;
    delete(&state, &seen, AuditActor::Facilitator, id).await
}

/// The key typed into the researcher area's "Admin key" field.
#[derive(Debug, Deserialize)]
pub struct Login {
    /// The admin key.
    pub key: String,
}

/// `POST /api/research/login`: checks the key and keeps it in an HTTP-only, same-site
/// cookie, so the researcher area's links can download without a header.
pub async fn login(
    State(state): State<AppState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    ApiJson(login): ApiJson<Login>,
) -> Result<Response, Response> {
    let key = login.key.trim();
    // Only a key that can stand in a cookie is judged; any other text counts as a wrong key.
    let plausible = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let seen = Seen::from_ip(Some(ip));
    match judge_key(&state, Some(ip), Some(if plausible { key } else { "" })) {
        Ok(()) => {
            let signed_in = seen.record(&state, AuditActor::Researcher, "sign_in", None, "research area");
            signed_in.await.map_err(IntoResponse::into_response)?;
        }
        Err(AdminRefusal::Unauthorised(_)) => {
            // Recorded, but a failure to record it does not change the answer.
            let failed_sign_in = seen.record(&state, AuditActor::Researcher, "sign_in_failed", None, "wrong admin key");
            let _ = failed_sign_in.await;
            let refusal = ApiFailure::new(StatusCode::UNAUTHORIZED, "That is not the admin key.", Some("Admin key"));
            return Err(refusal.into_response());
        }
        Err(wait) => return Err(wait.into_response()),
    }
    let cookie = format!("{ADMIN_COOKIE}={key}; Path=/; HttpOnly; SameSite=Strict");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// `POST /api/research/logout`: forgets the admin key cookie (the researcher area's "Sign out").
pub async fn logout() -> Response {
    let cookie = format!("{ADMIN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    (StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response()
}

/// One workshop in the researchers' list (shared with the browser).
pub use app::api::ResearchWorkshop as WorkshopEntry;

/// `GET /api/research/workshops`: every workshop, newest first.
pub async fn list_workshops(_: Admin, State(state): State<AppState>) -> Result<Json<Vec<WorkshopEntry>>, ApiFailure> {
    let rows = state.store.run(|s| s.list_workshops()).await.map_err(|e| failed(&e))?;
    Ok(Json(
        rows.into_iter()
            .map(|w| WorkshopEntry {
                id: w.id,
                title: w.title,
                site: w.site,
                date: workshop_date(w.created_at),
                pairs: w.pairs,
                aspects: w.aspects,
                placements: w.placements,
                phase: w.phase,
                delete_after: retention_day(w.delete_after, state.clock.as_ref()),
                withdrawal_deadline: w.withdrawal_deadline.map(|d| d.to_string()),
            })
            .collect(),
    ))
}

/// `GET /api/research/workshops/{id}/export.zip`.
pub async fn admin_export(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
    Query(query): Query<PairsQuery>,
) -> Result<Response, ApiFailure> {
    download(&state, &seen, AuditActor::Researcher, id, &query).await
}

/// `DELETE /api/research/workshops/{id}`.
pub async fn admin_delete(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiFailure> {
    delete(&state, &seen, AuditActor::Researcher, id).await
}

/// `POST /api/research/workshops/{id}/close`: closes a workshop from the researcher area, as
/// the console's "Close workshop" does: every screen follows at once, and the facilitator can
/// reopen it from the console. Logged as the facilitator's `phase_changed`. Closing a closed
/// workshop is refused (409) and changes nothing.
pub async fn admin_close(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiFailure> {
    let room = match state.hub.room(id).await {
        Ok(Some(room)) => room,
        Ok(None) => return Err(no_workshop()),
        Err(e) => return Err(failed(&e)),
    };
    let close = Control::SetPhase { phase: Phase::Closed };
    match room.act_as_facilitator(Uuid::new_v4(), close).await {
        Ok(seq) => {
            tracing::info!(workshop = %id, seq, "workshop closed from the researcher area");
            seen.record(&state, AuditActor::Researcher, "close", Some(id), format!("closed (event {seq})")).await?;
            Ok(StatusCode::NO_CONTENT)
        }
        Err(RoomError::Refused(refusal)) => Err(ApiFailure::new(StatusCode::CONFLICT, refusal.message, None)),
        Err(e) => Err(failed(&e)),
    }
}

/// The filters of "Download all (zip)", as the researcher area's controls send them: empty
/// means "any".
#[derive(Debug, Default, Deserialize)]
pub struct ExportAllQuery {
    /// Exact study site.
    #[serde(default)]
    pub site: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC).
    #[serde(default)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), included.
    #[serde(default)]
    pub to: Option<String>,
    /// Only these workshops (comma-separated ids), in this order; the other filters still
    /// apply to them (see [`crate::research::chosen_zip_of`]).
    #[serde(default)]
    pub ids: Option<String>,
}

impl ExportAllQuery {
    /// The filter, or a refusal naming the date field that is not a day.
    fn filter(&self) -> Result<WorkshopFilter, ApiFailure> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or_default().to_string();
        let day = |v: &Option<String>, field: &str| match given(v) {
            d if !d.is_empty() && !is_day(&d) => Err(ApiFailure::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "\"{}\" is not a date. Write it as YYYY-MM-DD, e.g. 2026-11-23.",
                    d.chars().take(20).collect::<String>()
                ),
                Some(field),
            )),
            d => Ok(d),
        };
        Ok(WorkshopFilter { site: given(&self.site), from: day(&self.from, "From")?, to: day(&self.to, "To")? })
    }
}

/// `GET /api/research/export-all.zip?site=&from=&to=&ids=`: every workshop the filters
/// choose, in one zip (see [`crate::research::combined`]). With `ids`, only those workshops, in that
/// order (refused like the compare page's `ids`: malformed, too many, or unknown); an
/// empty `ids=` counts as absent, like the other filters.
pub async fn admin_export_all(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    query: Result<Query<ExportAllQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let Query(query) = query.map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.body_text(), None))?;
    let filter = query.filter()?;
    let (ids, bytes) = match query.ids.as_deref().filter(|ids| !ids.trim().is_empty()) {
        Some(ids) => chosen_zip_of(&state.store, parse_ids(Some(ids))?, filter).await.map_err(choose_failure)?,
        None => combined_zip_of(&state.store, filter).await.map_err(|e| failed(&e))?,
    };
    record_each(&state, &seen, "download", &ids, "workshops.zip (combined export)").await?;
    tracing::info!(workshops = ids.len(), "combined research export");
    Ok(attachment("application/zip", "workshops.zip", bytes))
}

/// `GET /api/research/workshops/{id}/replay`: the workshop as created and every change since,
/// for the researchers' time slider (see [`crate::research::replay`]).
pub async fn admin_replay(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<app::api::Replay>, ApiFailure> {
    let id = Uuid::parse_str(&id).map_err(|_| {
        ApiFailure::new(
            StatusCode::BAD_REQUEST,
            "That is not a workshop id. Open the replay from the list in the researcher area.",
            None,
        )
    })?;
    match crate::research::replay::replay_from(&state.store, id).await {
        Ok(Some(replay)) => {
            seen.record(&state, AuditActor::Researcher, "view", Some(id), "replay (the whole event log)").await?;
            Ok(Json(replay))
        }
        Ok(None) => Err(no_workshop()),
        Err(e) => Err(failed(&e)),
    }
}

/// One audit row per workshop of a download or view of several (so each workshop's rows
/// show it), saying how many were in it.
async fn record_each(state: &AppState, seen: &Seen, action: &str, ids: &[Uuid], what: &str) -> Result<(), ApiFailure> {
    let detail = match ids.len() {
        0 | 1 => what.to_string(),
        2 => format!("{what}, with 1 other workshop"),
        n => format!("{what}, with {} other workshops", n - 1),
    };
    for &id in ids {
        seen.record(state, AuditActor::Researcher, action, Some(id), detail.clone()).await?;
    }
    if ids.is_empty() {
        seen.record(state, AuditActor::Researcher, action, None, format!("{what}, of no workshop")).await?;
    }
    Ok(())
}

fn bad_request(message: String, field: &str) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, message, Some(field))
}

/// A value as it may be quoted back in a refusal: at most 80 characters (two ids and a `~`).
fn quoted(value: &str) -> String {
    value.chars().take(80).collect()
}

/// The workshops of an `ids=` value (comma-separated ids) in their order, duplicates
/// collapsed; refused when there is none, when one is not an id (named), or when there are
/// more than [`MAX_COMPARED`].
pub fn parse_ids(text: Option<&str>) -> Result<Vec<Uuid>, ApiFailure> {
    let mut ids: Vec<Uuid> = Vec::new();
    for part in text.unwrap_or("").split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = Uuid::parse_str(part)
            .map_err(|_| bad_request(format!("\"{}\" is not a workshop id.", quoted(part)), "ids"))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(bad_request("Choose at least one workshop (ids=<id>,<id>,...).".into(), "ids"));
    }
    if ids.len() > MAX_COMPARED {
        return Err(bad_request(
            format!("At most {MAX_COMPARED} workshops can be compared at once; {} were chosen.", ids.len()),
            "ids",
        ));
    }
    Ok(ids)
}

/// The refusal or failure of a [`ChooseError`].
pub(crate) fn choose_failure(error: ChooseError) -> ApiFailure {
    match error {
        ChooseError::Unknown(id) => ApiFailure::new(
            StatusCode::NOT_FOUND,
            format!("There is no workshop {id} (it may have been deleted)."),
            Some("ids"),
        ),
        ChooseError::Download(e) => failed(&e),
    }
}

/// The query of the compare routes.
#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    /// Workshop ids, comma-separated, in the order wanted.
    #[serde(default)]
    pub ids: Option<String>,
    /// Manual matches, `<aspectId>~<aspectId>` comma-separated.
    #[serde(default)]
    pub links: Option<String>,
}

pub(crate) fn query_of(query: Result<Query<CompareQuery>, QueryRejection>) -> Result<CompareQuery, ApiFailure> {
    query.map(|Query(q)| q).map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.body_text(), None))
}

/// `GET /api/research/compare?ids=a,b,c`: the chosen workshops with their aspects' statistics
/// per round ([`Comparison`]).
pub async fn admin_compare(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Json<Comparison>, ApiFailure> {
    let ids = parse_ids(query_of(query)?.ids.as_deref())?;
    let chosen = ids.clone();
    let workshops = with_exports(&state.store, ids, |exports| Ok(exports.iter().map(compared_workshop).collect()))
        .await
        .map_err(choose_failure)?;
    record_each(&state, &seen, "view", &chosen, "comparison (statistics per aspect)").await?;
    Ok(Json(Comparison { workshops }))
}

/// `GET /api/research/compare.csv?ids=a,b&links=x~y`: `comparison.csv` of the chosen
/// workshops with these manual matches.
pub async fn admin_compare_csv(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let query = query_of(query)?;
    let ids = parse_ids(query.ids.as_deref())?;
    let chosen = ids.clone();
    let links = parse_links_param(query.links.as_deref())?;
    let bytes = with_exports(&state.store, ids, move |exports| {
        let workshops: Vec<ComparedWorkshop> = exports.iter().map(compared_workshop).collect();
        Ok(table_csv(&comparison_table(&workshops, &links))?)
    })
    .await
    .map_err(choose_failure)?;
    record_each(&state, &seen, "download", &chosen, "comparison.csv").await?;
    Ok(attachment("text/csv; charset=utf-8", "comparison.csv", bytes))
}

/// `GET /api/research/compare/groups?ids=a,b&links=x~y`: the opinion groups of round 1 across
/// the chosen workshops, on their matched aspects ([`groups_across`]).
pub async fn admin_compare_groups(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Json<app::api::GroupsAcross>, ApiFailure> {
    let query = query_of(query)?;
    let ids = parse_ids(query.ids.as_deref())?;
    let chosen = ids.clone();
    let links = parse_links_param(query.links.as_deref())?;
    let groups = with_exports(&state.store, ids, move |exports| Ok(groups_across(&exports, &links)))
        .await
        .map_err(choose_failure)?;
    record_each(&state, &seen, "view", &chosen, "opinion groups across workshops").await?;
    Ok(Json(groups))
}

/// The `links=` of a comparison, or a 400 naming the part that is not two ids.
fn parse_links_param(text: Option<&str>) -> Result<Vec<(Uuid, Uuid)>, ApiFailure> {
    app::domain::compare::parse_links(text.unwrap_or("")).map_err(|part| {
        bad_request(format!("\"{}\" is not a match of two aspect ids (<id>~<id>).", quoted(&part)), "links")
    })
}
