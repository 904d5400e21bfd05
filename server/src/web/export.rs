//! The facilitator's "Download placements (CSV)": exactly the `placements.csv` of the
//! workshop's export archive (same header, rows and bytes), so a facilitator's quick download
//! and a researcher's archive can never disagree. See the codebook for its columns.

use axum::extract::State;
use axum::response::Response;

use super::audit::Seen;
use super::reply::{ApiFailure, ApiPath, attachment, failed, no_console};
use super::state::{AppState, workshop_by_console};
use crate::research::csv_files::table_csv;
use crate::research::tables::WorkshopExport;
use crate::store::{AuditActor, StoreError};

/// `GET /f/{secret}/placements.csv`: the facilitator's download. A wrong secret is a 404.
pub async fn placements_csv(
    seen: Seen,
    State(state): State<AppState>,
    ApiPath(secret): ApiPath<String>,
    axum::extract::Query(query): axum::extract::Query<super::research::PairsQuery>,
) -> Result<Response, ApiFailure> {
    let names = query.names()?;
    let workshop = workshop_by_console(&state, &secret).await?;
    let id = workshop.id;
    let body = state
        .store
        .run(move |store| -> Result<Option<Vec<u8>>, CsvError> {
            let Some(snapshot) = store.export_snapshot(id)? else { return Ok(None) };
            Ok(Some(table_csv(&WorkshopExport::naming(snapshot, names).placements)?))
        })
        .await
        .map_err(|e| failed(&e))?
        .ok_or_else(no_console)?;
    let name = format!("placements-{}.csv", workshop.join_code);
    seen.record(&state, AuditActor::Facilitator, "download", Some(id), format!("{name} (placements.csv)")).await?;
    Ok(attachment("text/csv; charset=utf-8", &name, body))
}

/// Why the CSV could not be made (a database or writer failure; nothing was changed).
#[derive(Debug, thiserror::Error)]
enum CsvError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Csv(#[from] csv::Error),
}
