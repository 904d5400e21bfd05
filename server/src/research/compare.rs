//! "Across sites": chosen workshops side by side (`GET /api/research/compare?ids=`), their
//! matched aspects as `comparison.csv` (`GET /api/research/compare.csv?ids=&links=`), and the
//! `ids=` choice of "Download all" (`export-all.zip?ids=`).
//!
//! Every number comes from [`WorkshopExport::new`], the computation behind `summary.csv`, so
//! the comparison and the workshops' own files cannot disagree. Aspects are matched by
//! [`app::domain::compare::group_aspects`], the same code the compare page runs.

use std::sync::Arc;

use app::api::{ComparedAspect, ComparedWorkshop, Comparison, RoundStats};
use app::domain::compare::{AspectInput, group_aspects};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::DownloadError;
use super::bundle::ExportError;
use super::combined::WorkshopFilter;
use super::csv_files::table_csv;
use super::routes::{Admin, failed};
use super::tables::{Cell, Table, WorkshopExport, aspect_author, workshop_date};
use crate::AppState;
use crate::http::{ApiFailure, attachment};
use crate::store::{Store, StoreError};

/// Most workshops one comparison takes (the chart stays readable, the request quick).
pub const MAX_COMPARED: usize = 20;

/// Columns of `comparison.csv` (see the codebook).
pub const COMPARISON_COLUMNS: &[&str] = &[
    "aspect_group",
    "aspect_group_text",
    "match",
    "workshop_id",
    "title",
    "site",
    "date",
    "round",
    "aspect_id",
    "aspect_text",
    "n_placed",
    "n_cant_place",
    "median",
    "q1",
    "q3",
];

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

/// Why the chosen workshops could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ChooseError {
    /// This workshop does not exist (any more).
    #[error("no workshop {0}")]
    Unknown(Uuid),
    /// Reading or rendering failed.
    #[error(transparent)]
    Download(#[from] DownloadError),
}

/// Reads each chosen workshop (each in its own transaction) on the blocking pool and hands
/// its exports, in the order of `ids`, to `then`.
async fn with_exports<T: Send + 'static>(
    store: &Arc<Store>,
    ids: Vec<Uuid>,
    then: impl FnOnce(Vec<WorkshopExport>) -> Result<T, ExportError> + Send + 'static,
) -> Result<T, ChooseError> {
    let store = Arc::clone(store);
    let result = tokio::task::spawn_blocking(move || -> Result<T, ChooseError> {
        let mut exports = Vec::with_capacity(ids.len());
        for id in ids {
            let snapshot = store.export_snapshot(id).map_err(DownloadError::from)?;
            exports.push(WorkshopExport::new(snapshot.ok_or(ChooseError::Unknown(id))?));
        }
        Ok(then(exports).map_err(DownloadError::from)?)
    })
    .await;
    result.map_err(|e| DownloadError::Store(StoreError::TaskFailed(e.to_string())))?
}

/// The refusal or failure of a [`ChooseError`].
fn choose_failure(error: ChooseError) -> ApiFailure {
    match error {
        ChooseError::Unknown(id) => ApiFailure::new(
            StatusCode::NOT_FOUND,
            format!("There is no workshop {id} (it may have been deleted)."),
            Some("ids"),
        ),
        ChooseError::Download(e) => failed(&e),
    }
}

/// One workshop of the comparison, from its export.
pub fn compared_workshop(export: &WorkshopExport) -> ComparedWorkshop {
    let snapshot = &export.snapshot;
    let w = &snapshot.workshop;
    let aspects = snapshot
        .cards
        .iter()
        .map(|card| ComparedAspect {
            id: card.id,
            text: card.text.clone(),
            author: aspect_author(&snapshot.view, card),
            rounds: export
                .aspect_rounds
                .iter()
                .filter(|r| r.card_id == card.id)
                .map(|r| RoundStats {
                    round: r.round,
                    n_placed: r.stats.n_placed as u64,
                    n_cant_place: r.stats.n_cant_place as u64,
                    median: r.stats.median,
                    q1: r.stats.q1,
                    q3: r.stats.q3,
                })
                .collect(),
        })
        .collect();
    ComparedWorkshop {
        id: w.id,
        title: w.title.clone(),
        site: w.site.clone(),
        date: workshop_date(w.created_at),
        left_pole: w.left_pole.clone(),
        right_pole: w.right_pole.clone(),
        rounds: snapshot.view.round.into(),
        aspects,
    }
}

/// `comparison.csv`: one row per aspect group × workshop × aspect × round, in group order
/// ([`group_aspects`]), then workshop order, then the workshop's display order, then round.
/// A workshop without an aspect in a group has no row for it.
pub fn comparison_table(workshops: &[ComparedWorkshop], links: &[(Uuid, Uuid)]) -> Table {
    let inputs: Vec<Vec<AspectInput>> = workshops
        .iter()
        .map(|w| w.aspects.iter().map(|a| AspectInput { id: a.id, text: a.text.clone() }).collect())
        .collect();
    let num = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Num);
    let mut rows = Vec::new();
    for group in group_aspects(&inputs, links) {
        for (workshop, members) in workshops.iter().zip(&group.members) {
            for aspect in members.iter().map(|&i| &workshop.aspects[i]) {
                for r in &aspect.rounds {
                    rows.push(vec![
                        Cell::Int(group.number as i64),
                        Cell::Text(group.label.clone()),
                        Cell::Text(group.kind.as_str().into()),
                        Cell::Text(workshop.id.to_string()),
                        Cell::Text(workshop.title.clone()),
                        Cell::Text(workshop.site.clone()),
                        Cell::Text(workshop.date.clone()),
                        Cell::Int(r.round.into()),
                        Cell::Text(aspect.id.to_string()),
                        Cell::Text(aspect.text.clone()),
                        Cell::Int(r.n_placed as i64),
                        Cell::Int(r.n_cant_place as i64),
                        num(r.median),
                        num(r.q1),
                        num(r.q3),
                    ]);
                }
            }
        }
    }
    Table { name: "comparison", columns: COMPARISON_COLUMNS, rows }
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

fn query_of(query: Result<Query<CompareQuery>, QueryRejection>) -> Result<CompareQuery, ApiFailure> {
    query.map(|Query(q)| q).map_err(|e| ApiFailure::new(StatusCode::BAD_REQUEST, e.body_text(), None))
}

/// `GET /api/research/compare?ids=a,b,c`: the chosen workshops with their aspects' statistics
/// per round ([`Comparison`]).
pub async fn admin_compare(
    _: Admin,
    State(state): State<AppState>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Json<Comparison>, ApiFailure> {
    let ids = parse_ids(query_of(query)?.ids.as_deref())?;
    let workshops = with_exports(&state.store, ids, |exports| Ok(exports.iter().map(compared_workshop).collect()))
        .await
        .map_err(choose_failure)?;
    Ok(Json(Comparison { workshops }))
}

/// `GET /api/research/compare.csv?ids=a,b&links=x~y`: `comparison.csv` of the chosen
/// workshops with these manual matches.
pub async fn admin_compare_csv(
    _: Admin,
    State(state): State<AppState>,
    query: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Response, ApiFailure> {
    let query = query_of(query)?;
    let ids = parse_ids(query.ids.as_deref())?;
    let links = app::domain::compare::parse_links(query.links.as_deref().unwrap_or("")).map_err(|part| {
        bad_request(format!("\"{}\" is not a match of two aspect ids (<id>~<id>).", quoted(&part)), "links")
    })?;
    let bytes = with_exports(&state.store, ids, move |exports| {
        let workshops: Vec<ComparedWorkshop> = exports.iter().map(compared_workshop).collect();
        Ok(table_csv(&comparison_table(&workshops, &links))?)
    })
    .await
    .map_err(choose_failure)?;
    Ok(attachment("text/csv; charset=utf-8", "comparison.csv", bytes))
}

/// "Download these workshops": the combined zip of exactly the workshops in `ids`, in that
/// order, of those the filter (site, days) also accepts. Also returns how many it holds.
pub async fn chosen_zip_of(
    store: &Arc<Store>,
    ids: Vec<Uuid>,
    filter: WorkshopFilter,
) -> Result<(usize, Vec<u8>), ApiFailure> {
    with_exports(store, ids, move |exports| {
        let chosen: Vec<WorkshopExport> = exports
            .into_iter()
            .filter(|e| filter.accepts(&e.snapshot.workshop.site, &workshop_date(e.snapshot.workshop.created_at)))
            .collect();
        Ok((chosen.len(), super::combined::combined_zip(&chosen)?))
    })
    .await
    .map_err(choose_failure)
}
