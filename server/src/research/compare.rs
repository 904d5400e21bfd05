//! "Across sites", the pure part: chosen workshops side by side ([`compared_workshop`]) and
//! their matched aspects as `comparison.csv` ([`comparison_table`]). The routes that serve
//! them are in [`super::routes`].
//!
//! Every number comes from [`WorkshopExport::new`], the computation behind `summary.csv`, so
//! the comparison and the workshops' own files cannot disagree. Aspects are matched by
//! [`app::domain::compare::group_aspects`], the same code the compare page runs: by template
//! aspect first (each aspect carries its `template_aspect_id`), then by text.

use app::api::{ComparedAspect, ComparedWorkshop, RoundStats};
use app::domain::compare::group_aspects;
use uuid::Uuid;

use super::cells::{Cell, Table, columns};
use super::tables::{ASPECT_ROUND_COLUMNS, WorkshopExport, aspect_author, workshop_date};

/// Most workshops one comparison takes (the chart stays readable, the request quick).
pub const MAX_COMPARED: usize = 20;

/// Columns of `comparison.csv` (see the codebook).
pub const COMPARISON_COLUMNS: &[&str] = &columns::<15>(&[
    &["aspect_group", "aspect_group_text", "match", "workshop_id", "title", "site", "date"],
    ASPECT_ROUND_COLUMNS,
]);

/// One workshop of the comparison, from its export.
pub fn compared_workshop(export: &WorkshopExport) -> ComparedWorkshop {
    let snapshot = &export.snapshot;
    let w = &snapshot.workshop;
    let template_aspects = snapshot.template_aspect_ids();
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
            template_aspect_id: template_aspects.get(&card.id).copied(),
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
    let inputs: Vec<&[ComparedAspect]> = workshops.iter().map(|w| w.aspects.as_slice()).collect();
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
                        Cell::opt_num(r.median),
                        Cell::opt_num(r.q1),
                        Cell::opt_num(r.q3),
                    ]);
                }
            }
        }
    }
    Table { name: "comparison", columns: COMPARISON_COLUMNS, rows }
}
