//! Research data: complete, analysis-ready exports of a workshop, archives, comparisons and
//! the room report. Pure formats over stored data: the routes that serve them are in
//! the HTTP edge (`web`).
//!
//! An export starts from one consistent [`WorkshopSnapshot`](crate::store::WorkshopSnapshot)
//! read in a single transaction; [`tables::WorkshopExport`] computes every table and
//! statistic once; the files (CSV, JSON, XLSX, SVG and PNG, the codebook) are rendered from it and
//! bundled by [`bundle::export_zip`]. Nothing depends on the clock or on hash-map order, so
//! the same stored data always gives the same bytes.

pub mod archive;
pub mod bundle;
pub mod cells;
pub mod chart;
pub mod combined;
pub mod compare;
pub mod compare_groups;
pub mod consent_table;
pub mod csv_files;
pub mod event_table;
pub mod json;
mod pair_cells;
pub mod pair_results;
pub mod png;
pub mod qdpx;
pub mod replay;
pub mod report;
pub mod tables;
pub mod xlsx;

use std::sync::Arc;

use app::api::WorkshopFilter;
use uuid::Uuid;

use crate::store::{Store, StoreError};
use bundle::ExportError;
use tables::{PairNames, WorkshopExport, workshop_date};

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

/// Why the chosen workshops of a comparison or a "Download these" could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ChooseError {
    /// This workshop does not exist (any more).
    #[error("no workshop {0}")]
    Unknown(Uuid),
    /// Reading or rendering failed.
    #[error(transparent)]
    Download(#[from] DownloadError),
}

impl From<StoreError> for ChooseError {
    fn from(e: StoreError) -> Self {
        ChooseError::Download(e.into())
    }
}

/// Reads workshop `id` in one transaction and builds its zip, all on the blocking pool,
/// naming pairs as `names` asks (else as the workshop's setting says); `None` if there is
/// no such workshop.
pub async fn zip_of(store: &Arc<Store>, id: Uuid, names: Option<PairNames>) -> Result<Option<Vec<u8>>, DownloadError> {
    store
        .run(move |store| {
            let Some(snapshot) = store.export_snapshot(id)? else {
                return Ok(None);
            };
            Ok(Some(bundle::export_zip(&WorkshopExport::naming(snapshot, names))?))
        })
        .await
}

/// Reads every workshop the filter accepts (each in its own transaction) and builds the
/// combined zip of [`combined::combined_zip`], oldest first, on the blocking pool. Also
/// returns the workshops it holds.
pub async fn combined_zip_of(
    store: &Arc<Store>,
    filter: WorkshopFilter,
) -> Result<(Vec<Uuid>, Vec<u8>), DownloadError> {
    store
        .run(move |store| {
            let mut chosen: Vec<_> = store
                .list_workshops()?
                .into_iter()
                .filter(|w| filter.accepts(&w.site, &workshop_date(w.created_at)))
                .collect();
            chosen.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
            let mut exports = Vec::with_capacity(chosen.len());
            for listing in chosen {
                // A workshop deleted since the list was read is simply left out.
                if let Some(snapshot) = store.export_snapshot(listing.id)? {
                    exports.push(WorkshopExport::new(snapshot));
                }
            }
            let ids = exports.iter().map(|e| e.snapshot.workshop.id).collect();
            Ok((ids, combined::combined_zip(&exports)?))
        })
        .await
}

/// Reads each chosen workshop (each in its own transaction) on the blocking pool and hands
/// its exports, in the order of `ids`, to `then`.
pub async fn with_exports<T: Send + 'static>(
    store: &Arc<Store>,
    ids: Vec<Uuid>,
    then: impl FnOnce(Vec<WorkshopExport>) -> Result<T, ExportError> + Send + 'static,
) -> Result<T, ChooseError> {
    store
        .run(move |store| {
            let mut exports = Vec::with_capacity(ids.len());
            for id in ids {
                let snapshot = store.export_snapshot(id)?;
                exports.push(WorkshopExport::new(snapshot.ok_or(ChooseError::Unknown(id))?));
            }
            Ok(then(exports).map_err(DownloadError::from)?)
        })
        .await
}

/// "Download these workshops": the combined zip of exactly the workshops in `ids`, in that
/// order, of those the filter (site, days) also accepts. Also returns the workshops it holds.
pub async fn chosen_zip_of(
    store: &Arc<Store>,
    ids: Vec<Uuid>,
    filter: WorkshopFilter,
) -> Result<(Vec<Uuid>, Vec<u8>), ChooseError> {
    with_exports(store, ids, move |exports| {
        let chosen: Vec<WorkshopExport> = exports
            .into_iter()
            .filter(|e| filter.accepts(&e.snapshot.workshop.site, &workshop_date(e.snapshot.workshop.created_at)))
            .collect();
        let ids = chosen.iter().map(|e| e.snapshot.workshop.id).collect();
        Ok((ids, combined::combined_zip(&chosen)?))
    })
    .await
}
