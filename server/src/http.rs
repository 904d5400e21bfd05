//! The JSON API: creating a workshop, looking one up by code, and joining as a pair.
//!
//! Every refusal is an [`ApiError`] in JSON (never axum's plain-text rejections), with the
//! visible label of the form field to fix when there is one.

use app::api::template::TEMPLATE_FIELD;
use app::api::{ApiError, CreatedWorkshop, JoinRequest, Joined, NewWorkshop};
use app::domain::code::normalize_code;
use app::domain::validate::{
    InvalidInput, PAIR_LABEL_MAX, POLE_MAX, QUESTION_MAX, SITE_MAX, TITLE_MAX, clean_aspects, clean_text,
};
use app::domain::{Settings, WorkshopInfo};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, extract::FromRequestParts};
use serde::de::DeserializeOwned;

use crate::room::RoomError;
use crate::secret::{hash_secret, new_secret};
use crate::state::AppState;
use crate::store::{NewWorkshopRecord, StoreError, TemplateOrigin};
use crate::time::now_ms;

/// Largest HTTP request body accepted (the biggest real one, a new workshop, is ~10 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A download: `body` as `filename`, never cached (it holds research data).
pub fn attachment(content_type: &str, filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A refused request: an HTTP status and the [`ApiError`] body.
#[derive(Debug)]
pub struct ApiFailure {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: ApiError,
}

impl ApiFailure {
    /// A refusal with a message and, for form input, the field's visible label.
    pub fn new(status: StatusCode, error: impl Into<String>, field: Option<&str>) -> Self {
        ApiFailure { status, body: ApiError { error: error.into(), field: field.map(str::to_string) } }
    }

    /// Invalid form input, pointing at `field`.
    fn invalid(field: &str, e: InvalidInput) -> Self {
        ApiFailure::new(StatusCode::BAD_REQUEST, e.to_string(), Some(field))
    }

    /// The database failed: logged here, reported to the user without details.
    fn storage(e: StoreError) -> Self {
        tracing::error!(error = %e, "storage failure in HTTP handler");
        ApiFailure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The server could not save or read this; nothing was changed. Please try again.",
            None,
        )
    }

    fn bad_code(typed: &str) -> Self {
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

    fn unknown_code(code: &str) -> Self {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            format!("No workshop has the code {code}. Check the code on the projector."),
            Some("Join code"),
        )
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<JsonRejection> for ApiFailure {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let error = match &rejection {
            JsonRejection::JsonSyntaxError(_) => "The request body is not valid JSON.".to_string(),
            JsonRejection::JsonDataError(e) => {
                format!("The request body does not have the expected fields: {}", e.body_text())
            }
            JsonRejection::MissingJsonContentType(_) => {
                "Send the request body as JSON (Content-Type: application/json).".to_string()
            }
            _ if status == StatusCode::PAYLOAD_TOO_LARGE => {
                format!("The request is too large (at most {} KiB).", MAX_BODY_BYTES / 1024)
            }
            other => format!("The request body could not be read: {}", other.body_text()),
        };
        ApiFailure::new(status, error, None)
    }
}

/// Like [`axum::Json`], but a body that is not the expected JSON is refused with an
/// [`ApiError`] the browser can show.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiFailure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(value))
    }
}

/// A path parameter; a malformed one is refused as an [`ApiError`] too.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(e) => Err(ApiFailure::new(e.status(), e.body_text(), None)),
        }
    }
}

/// Validates a new workshop; the error names the form field to fix.
pub fn validate_new_workshop(new: &NewWorkshop) -> Result<NewWorkshopRecord, ApiFailure> {
    let text = |label: &'static str, value: &str, max| {
        clean_text(label, value, max).map_err(|e| ApiFailure::invalid(label, e))
    };
    Ok(NewWorkshopRecord {
        title: text("Title", &new.title, TITLE_MAX)?,
        site: text("Site", &new.site, SITE_MAX)?,
        question: text("Question", &new.question, QUESTION_MAX)?,
        left_pole: text("Left pole", &new.left_pole, POLE_MAX)?,
        right_pole: text("Right pole", &new.right_pole, POLE_MAX)?,
        aspects: clean_aspects(&new.aspects).map_err(|e| ApiFailure::invalid("Aspects", e))?,
    })
}

/// The template a new workshop is made from, its aspect ids checked against the aspects sent
/// (one entry each, blank aspects left out with theirs, no id twice); the refusal points at
/// the template file. `None` for a workshop from scratch. Only the ids are checked: a
/// template is a file, not something this server must have seen, so a workshop can be set up
/// from another server's template.
pub fn check_template(new: &NewWorkshop) -> Result<Option<TemplateOrigin>, ApiFailure> {
    let Some(template) = &new.template else { return Ok(None) };
    let aspect_ids = template
        .kept_aspect_ids(&new.aspects)
        .map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.to_string(), Some(TEMPLATE_FIELD)))?;
    Ok(Some(TemplateOrigin { template_id: template.template_id, aspect_ids }))
}

/// The settings a new workshop starts with, checked by the same rule as the console's
/// `ChangeSettings`; left out means the defaults.
pub fn check_settings(settings: Option<Settings>) -> Result<Settings, ApiFailure> {
    let settings = settings.unwrap_or_default();
    settings.check().map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.message, Some(e.field)))?;
    Ok(settings)
}

/// `POST /api/workshops`: stores a new workshop (from a template when it names one) and
/// returns its secret console path, once.
pub async fn create_workshop(
    State(state): State<AppState>,
    ApiJson(new): ApiJson<NewWorkshop>,
) -> Result<(StatusCode, Json<CreatedWorkshop>), ApiFailure> {
    let record = validate_new_workshop(&new)?;
    let settings = check_settings(new.settings)?;
    let template = check_template(&new)?;
    let secret = new_secret();
    let hash = hash_secret(&secret);
    let info = state
        .store
        .run(move |s| s.create_workshop_from(&record, template.as_ref(), settings, &hash, now_ms()))
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
    let code = normalize_code(typed).ok_or_else(|| ApiFailure::bad_code(typed))?;
    let lookup = code.clone();
    state
        .hub
        .workshop_by_code(lookup)
        .await
        .map_err(ApiFailure::storage)?
        .ok_or_else(|| ApiFailure::unknown_code(&code))
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
    if normalize_code(&request.code).is_none() {
        return Err(ApiFailure::bad_code(&request.code));
    }
    let label =
        clean_text("Pair name", &request.label, PAIR_LABEL_MAX).map_err(|e| ApiFailure::invalid("Pair name", e))?;
    let info = find_by_code(&state, &request.code).await?;
    let room = state
        .hub
        .room(info.id)
        .await
        .map_err(ApiFailure::storage)?
        .ok_or_else(|| ApiFailure::unknown_code(&info.join_code))?;
    let (pair, token) = room.join(label).await.map_err(|e| match e {
        RoomError::DuplicateLabel(_) => ApiFailure::new(StatusCode::CONFLICT, e.to_string(), Some("Pair name")),
        RoomError::Full(_) => ApiFailure::new(StatusCode::CONFLICT, e.to_string(), None),
        RoomError::Storage(e) => ApiFailure::storage(e),
        other => ApiFailure::new(StatusCode::BAD_REQUEST, other.to_string(), None),
    })?;
    tracing::info!(workshop = %info.id, pair = %pair.id, "pair joined");
    Ok(Json(Joined { pair_id: pair.id, token, code: info.join_code, label: pair.label }))
}
