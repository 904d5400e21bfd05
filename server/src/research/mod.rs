//! Research data: complete, analysis-ready exports of a workshop, and the researcher area's
//! API (admin key, list, download, delete).
//!
//! An export starts from one consistent [`WorkshopSnapshot`](crate::store::WorkshopSnapshot)
//! read in a single transaction; [`tables::WorkshopExport`] computes every table and
//! statistic once; the files (CSV, JSON, XLSX, SVG and PNG, the codebook) are rendered from it and
//! bundled by [`bundle::export_zip`]. Nothing depends on the clock or on hash-map order, so
//! the same stored data always gives the same bytes.

pub mod admin_key;
pub mod bundle;
pub mod chart;
pub mod csv_files;
pub mod json;
pub mod png;
pub mod routes;
pub mod tables;
pub mod xlsx;

use std::sync::Arc;

use uuid::Uuid;

use crate::store::{Store, StoreError};
use bundle::ExportError;
use tables::WorkshopExport;

/// Why a download failed.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// Reading the database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Rendering a file failed.
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// Reads workshop `id` in one transaction and builds its zip, all on the blocking pool;
/// `None` if there is no such workshop.
pub async fn zip_of(store: &Arc<Store>, id: Uuid) -> Result<Option<Vec<u8>>, DownloadError> {
    let store = Arc::clone(store);
    let result = tokio::task::spawn_blocking(move || -> Result<Option<Vec<u8>>, DownloadError> {
        let Some(snapshot) = store.export_snapshot(id)? else {
            return Ok(None);
        };
        Ok(Some(bundle::export_zip(&WorkshopExport::new(snapshot))?))
    })
    .await;
    result.map_err(|e| DownloadError::Store(StoreError::TaskFailed(e.to_string())))?
}
