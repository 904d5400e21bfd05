//! The JSON API: creating a workshop, looking one up by code, and joining as a pair.
//!
//! Every refusal is an [`ApiFailure`] (JSON, never axum's plain-text rejections), with the
//! visible label of the form field to fix when there is one.

use app::api::template::TEMPLATE_FIELD;
use app::api::{
    CreatedWorkshop, CurrentSheet, DeclineRequest, JoinRequest, Joined, NewSecondLanguage, NewWorkshop,
    SECOND_LANGUAGE_FIELD,
};
use app::domain::code::normalize_code;
use app::domain::consent::{ConsentSheet, SheetCheck, SheetProblem, check_sheet};
use app::domain::validate::{
    InvalidInput, PAIR_LABEL_MAX, POLE_MAX, QUESTION_MAX, SITE_MAX, TITLE_MAX, clean_aspects, clean_text,
};
use app::domain::{Settings, WorkshopInfo};
use app::i18n::Lang;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::audit::Seen;
use super::lang::RequestLang;
use super::reply::{ApiFailure, ApiJson, ApiPath};
use super::retention::check_day;
use super::state::AppState;
use crate::live::room::RoomError;
use crate::secret::{hash_secret, new_secret};
use crate::store::{AuditActor, NewWorkshopExtras, NewWorkshopRecord, TemplateOrigin};
use crate::time::now_ms;

/// Invalid form input, pointing at `field` (the sentence in English).
fn invalid(field: &str, e: InvalidInput) -> ApiFailure {
    invalid_in(Lang::EN, field, e)
}

/// Invalid form input, pointing at `field`, the sentence in `l`.
fn invalid_in(l: Lang, field: &str, e: InvalidInput) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, e.text(l), Some(field))
}

fn bad_code(typed: &str) -> ApiFailure {
    let shown: String = typed.chars().take(20).collect();
    ApiFailure::new(
        StatusCode::BAD_REQUEST,
        format!(
            "\"{shown}\" is not a join code. A join code is 6 letters and digits, like ABC234: \
             check the code on the projector."
        ),
        Some("Join code"),
    )
}

fn unknown_code(code: &str) -> ApiFailure {
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        format!("No workshop has the code {code}. Check the code on the projector."),
        Some("Join code"),
    )
}

/// Validates a new workshop; the error names the form field to fix.
pub fn validate_new_workshop(new: &NewWorkshop, l: Lang) -> Result<NewWorkshopRecord, ApiFailure> {
    let text =
        |label: &'static str, value: &str, max| clean_text(label, value, max).map_err(|e| invalid_in(l, label, e));
    Ok(NewWorkshopRecord {
        title: text("Title", &new.title, TITLE_MAX)?,
        site: text("Site", &new.site, SITE_MAX)?,
        question: text("Question", &new.question, QUESTION_MAX)?,
        left_pole: text("Left pole", &new.left_pole, POLE_MAX)?,
        right_pole: text("Right pole", &new.right_pole, POLE_MAX)?,
        aspects: clean_aspects(&new.aspects).map_err(|e| invalid_in(l, "Aspects", e))?,
    })
}

/// The template a new workshop is made from, its aspect ids checked against the aspects sent
/// (one entry each, blank aspects left out with theirs, no id twice); the refusal points at
/// the template file. `None` for a workshop from scratch. Only the ids are checked: a
/// template is a file, not something this server must have seen, so a workshop can be set up
/// from another server's template.
pub fn check_template(new: &NewWorkshop, l: Lang) -> Result<Option<TemplateOrigin>, ApiFailure> {
    let Some(template) = &new.template else { return Ok(None) };
    let aspect_ids = template
        .kept_aspect_ids(&new.aspects)
        .map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.text(l), Some(TEMPLATE_FIELD)))?;
    Ok(Some(TemplateOrigin { template_id: template.template_id, aspect_ids }))
}

/// The settings a new workshop starts with, checked by the same rule as the console's
/// `ChangeSettings`; left out means the defaults.
pub fn check_settings(settings: Option<Settings>, l: Lang) -> Result<Settings, ApiFailure> {
    let settings = settings.unwrap_or_default();
    settings.check(l).map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.message, Some(e.field)))?;
    settings
        .check_deadline(None, now_ms(), l)
        .map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.message, Some(e.field)))?;
    Ok(settings)
}

/// A new workshop's information sheet, checked ([`check_sheet`]); the refusal names the
/// form field. `None` when it has none.
pub fn check_new_sheet(new: &NewWorkshop, l: Lang) -> Result<Option<ConsentSheet>, ApiFailure> {
    let Some(sheet) = &new.consent_sheet else { return Ok(None) };
    match check_sheet(sheet, &[], l) {
        Ok(SheetCheck::NewVersion(sheet)) => Ok(Some(sheet)),
        Ok(SheetCheck::Unchanged) => Ok(Some(sheet.clone())),
        Err(e) => Err(sheet_refused(e)),
    }
}

/// A new workshop's second language, checked like its first ([`NewSecondLanguage::checked`]):
/// its aspects' texts in the order of the stored aspects. `None` when it has none.
pub fn check_second_language(new: &NewWorkshop, l: Lang) -> Result<Option<NewSecondLanguage>, ApiFailure> {
    new.second_language
        .as_ref()
        .map(|second| second.checked(&new.aspects).map_err(|e| invalid_in(l, SECOND_LANGUAGE_FIELD, e)))
        .transpose()
}

/// A refused information sheet: 400 with its sentence and field.
pub fn sheet_refused(e: SheetProblem) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, e.message, Some(e.field))
}

/// `POST /api/workshops`: stores a new workshop (from a template when it names one) and
/// returns its secret console path, once.
pub async fn create_workshop(
    RequestLang(l): RequestLang,
    seen: Seen,
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewWorkshop>,
) -> Result<(StatusCode, Json<CreatedWorkshop>), ApiFailure> {
    let record = validate_new_workshop(&new, l)?;
    let settings = check_settings(new.settings, l)?;
    let template = check_template(&new, l)?;
    let delete_after = check_day(new.delete_after.as_deref(), state.clock.as_ref())?;
    let sheet = check_new_sheet(&new, l)?;
    let second_language = check_second_language(&new, l)?;
    let mut extras = NewWorkshopExtras {
        delete_after: delete_after.clone(),
        audit: Vec::new(),
        consent_sheet: sheet.clone(),
        second_language,
    };
    if let Some(t) = &template {
        let detail = format!("new workshop made from template {}", t.template_id);
        extras.audit.push(seen.entry(AuditActor::Facilitator, "template_used", None, detail));
    }
    if let Some(day) = &delete_after {
        let detail = format!("delete after set to {day} when the workshop was created");
        extras.audit.push(seen.entry(AuditActor::Facilitator, "retention_set", None, detail));
    }
    if let Some(sheet) = &sheet {
        let detail = format!("information sheet version {} set when the workshop was created", sheet.version);
        extras.audit.push(seen.entry(AuditActor::Facilitator, "consent_sheet_set", None, detail));
    }
    let secret = new_secret();
    let hash = hash_secret(&secret);
    let now = state.clock.now_ms();
    let info = state
        .store
        .run(move |s| s.create_workshop_with(&record, template.as_ref(), settings, &hash, now, extras))
        .await
        .map_err(ApiFailure::storage)?;
    tracing::info!(workshop = %info.id, code = %info.join_code, template = ?info.template_id, "workshop created");
    Ok(console_issued(info, secret))
}

/// `201` with a workshop's console link for `secret`: shown once, at creation or when the
/// research area issues a new one.
pub fn console_issued(info: WorkshopInfo, secret: String) -> (StatusCode, Json<CreatedWorkshop>) {
    (
        StatusCode::CREATED,
        Json(CreatedWorkshop {
            workshop_id: info.id,
            join_code: info.join_code,
            console_path: format!("/f/{secret}"),
            facilitator_secret: secret,
        }),
    )
}

/// Normalises a typed code and finds its workshop: 400 for an impossible code, 404 for an
/// unknown one.
async fn find_by_code(state: &AppState, typed: &str) -> Result<WorkshopInfo, ApiFailure> {
    let code = normalize_code(typed).ok_or_else(|| bad_code(typed))?;
    let lookup = code.clone();
    state.hub.workshop_by_code(lookup).await.map_err(ApiFailure::storage)?.ok_or_else(|| unknown_code(&code))
}

/// `GET /api/workshops/by-code/{code}`: the public facts of a workshop (no secrets).
pub async fn workshop_by_code(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<WorkshopInfo>, ApiFailure> {
    find_by_code(&state, &code).await.map(Json)
}

/// `POST /api/join`: a pair joins with a code and a label and receives its token.
pub async fn join(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<JoinRequest>,
) -> Result<Json<Joined>, ApiFailure> {
    join_pair(&state, request).await.map(Json)
}

/// Joins a pair (the API's join and the join page's plain form): the code, the label and,
/// for a workshop with an information sheet, everyone's consent.
pub async fn join_pair(state: &AppState, request: JoinRequest) -> Result<Joined, ApiFailure> {
    if normalize_code(&request.code).is_none() {
        return Err(bad_code(&request.code));
    }
    let label = clean_text("Pair name", &request.label, PAIR_LABEL_MAX).map_err(|e| invalid("Pair name", e))?;
    let info = find_by_code(state, &request.code).await?;
    let room =
        state.hub.room(info.id).await.map_err(ApiFailure::storage)?.ok_or_else(|| unknown_code(&info.join_code))?;
    let (pair, token) = room.join(label, request.consent).await.map_err(|e| match e {
        RoomError::DuplicateLabel(_) => ApiFailure::new(StatusCode::CONFLICT, e.to_string(), Some("Pair name")),
        RoomError::Full(_) => ApiFailure::new(StatusCode::CONFLICT, e.to_string(), None),
        // 409: the workshop's sheet must be agreed to first (or changed meanwhile).
        RoomError::ConsentNeeded(_) => ApiFailure::new(StatusCode::CONFLICT, e.to_string(), Some("Information sheet")),
        RoomError::Storage(e) => ApiFailure::storage(e),
        other => ApiFailure::new(StatusCode::BAD_REQUEST, other.to_string(), None),
    })?;
    tracing::info!(workshop = %info.id, pair = %pair.id, "pair joined");
    Ok(Joined { pair_id: pair.id, token, code: info.join_code, label: pair.label, reference: pair.reference })
}

/// `GET /api/workshops/by-code/{code}/consent-sheet`: the information sheet a pair reads
/// after typing the code and before joining (`{"sheet": null}` when there is none).
pub async fn consent_sheet_by_code(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<CurrentSheet>, ApiFailure> {
    let info = find_by_code(&state, &code).await?;
    let room =
        state.hub.room(info.id).await.map_err(ApiFailure::storage)?.ok_or_else(|| unknown_code(&info.join_code))?;
    Ok(Json(CurrentSheet { sheet: room.current_sheet().await }))
}

/// `POST /api/join/decline`: the people at a tablet chose "We do not agree" before joining.
/// Only the workshop's count of declines grows; nothing of the pair was ever sent or stored.
pub async fn decline(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<DeclineRequest>,
) -> Result<Json<serde_json::Value>, ApiFailure> {
    let info = find_by_code(&state, &request.code).await?;
    let room =
        state.hub.room(info.id).await.map_err(ApiFailure::storage)?.ok_or_else(|| unknown_code(&info.join_code))?;
    if room.current_sheet().await.is_none() {
        return Err(ApiFailure::new(
            StatusCode::BAD_REQUEST,
            "This workshop has no information sheet, so there is nothing to decline.",
            None,
        ));
    }
    let id = info.id;
    let count = state.store.run(move |s| s.count_declined(id)).await.map_err(ApiFailure::storage)?;
    room.note_declined(count);
    tracing::info!(workshop = %info.id, "a pair declined the information sheet");
    Ok(Json(serde_json::json!({ "declined": true })))
}
