//! `POST /api/research/import`: a workshop archive from another server becomes a workshop
//! here ([`crate::research::archive`] checks it), and `POST /api/research/workshops/{id}/console`
//! gives a workshop a new console link (an imported workshop has none: secrets never travel
//! in an archive).

use app::api::{CreatedWorkshop, ImportedWorkshop};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use uuid::Uuid;

use super::admin::Admin;
use super::api::console_issued;
use super::audit::Seen;
use super::reply::{ApiFailure, ApiPath, failed, no_workshop};
use super::state::AppState;
use crate::research::archive::{ArchiveProblem, check_archive};
use crate::secret::{hash_secret, new_secret};
use crate::store::{AuditActor, Imported, StoreError};

/// The import's own body limit: archives run from hundreds of KB to several MB (the API's
/// general limit is 64 KiB).
pub const MAX_ARCHIVE_BYTES: usize = 32 * 1024 * 1024;
/// Where archives are posted.
pub const IMPORT_PATH: &str = "/api/research/import";

/// Why an import did not create anything.
#[derive(Debug, thiserror::Error)]
enum ImportError {
    #[error(transparent)]
    Archive(#[from] ArchiveProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `POST /api/research/import` (admin key; body: an export zip, `Content-Type:
/// application/zip`). `201` with the workshop, `409` if it is already here, `422` naming what
/// is wrong with the archive; nothing is created unless it is `201`.
pub async fn import_archive(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<ImportedWorkshop>), ApiFailure> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !matches!(essence.as_str(), "application/zip" | "application/x-zip-compressed") {
        return Err(ApiFailure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the workshop's export zip as the body, with Content-Type: application/zip.",
            None,
        ));
    }
    let outcome = state
        .store
        .run(move |store| -> Result<_, ImportError> {
            let record = check_archive(&body)?;
            let answer = ImportedWorkshop {
                workshop_id: record.workshop.id,
                title: record.workshop.title.clone(),
                site: record.workshop.site.clone(),
                join_code: String::new(),
            };
            // A secret nobody is given: the console stays shut until one is issued.
            let imported = store.import_record(record, hash_secret(&new_secret()))?;
            Ok((answer, imported))
        })
        .await;
    match outcome {
        Ok((answer, Imported::Created { join_code })) => {
            tracing::info!(workshop = %answer.workshop_id, "workshop imported from an archive");
            let detail = format!("imported from an archive (site {})", answer.site);
            seen.record(&state, AuditActor::Researcher, "import", Some(answer.workshop_id), detail).await?;
            Ok((StatusCode::CREATED, Json(ImportedWorkshop { join_code, ..answer })))
        }
        Ok((answer, Imported::AlreadyHere)) => Err(ApiFailure::new(
            StatusCode::CONFLICT,
            format!(
                "Workshop \"{}\" ({}) is already on this server; nothing was changed.",
                answer.title, answer.workshop_id
            ),
            None,
        )),
        Err(ImportError::Archive(problem)) => {
            Err(ApiFailure::new(StatusCode::UNPROCESSABLE_ENTITY, format!("{problem} Nothing was imported."), None))
        }
        Err(ImportError::Store(e)) => Err(failed(&e)),
    }
}

/// `POST /api/research/workshops/{id}/console` (admin key): a new facilitator secret for the
/// workshop, answered once, like a new workshop's. The old console link stops working (a
/// console already open keeps its connection until it reconnects).
pub async fn issue_console(
    _: Admin,
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<(StatusCode, Json<CreatedWorkshop>), ApiFailure> {
    let secret = new_secret();
    let hash = hash_secret(&secret);
    let info = state
        .store
        .run(move |store| -> Result<_, StoreError> {
            if !store.replace_console_secret(id, hash.clone())? {
                return Ok(None);
            }
            store.workshop_by_secret_hash(&hash)
        })
        .await
        .map_err(|e| failed(&e))?;
    let info = info.ok_or_else(no_workshop)?;
    tracing::info!(workshop = %id, "a new console link was issued from the researcher area");
    let detail = "new console link issued (the old one stopped working)";
    seen.record(&state, AuditActor::Researcher, "console_link", Some(id), detail).await?;
    Ok(console_issued(info, secret))
}
