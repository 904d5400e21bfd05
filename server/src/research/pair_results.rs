//! A pair's "Our results" from a workshop's stored data: the domain's [`PairResults`] filled
//! with the statistics the export's `summary.csv` holds (the same computation as
//! [`WorkshopExport::aspect_rounds`](super::tables::WorkshopExport)), so the pair's page and
//! the researchers' files always say the same. Only those statistics are computed, not the
//! export's other tables (its opinion groups, its event log): a room's tablets may all ask at once.

use app::domain::pair_results::PairResults;
use uuid::Uuid;

use super::tables::{summary_rows, workshop_date};
use crate::store::WorkshopSnapshot;

/// Pair `pair_id`'s results in the workshop of `snapshot`, its own label as typed; `None` when
/// the workshop has no such pair.
pub fn pair_results(snapshot: &WorkshopSnapshot, pair_id: Uuid) -> Option<PairResults> {
    let (aspect_rounds, _) = summary_rows(snapshot);
    PairResults::build(&snapshot.view, pair_id, workshop_date(snapshot.workshop.created_at), |round, card_id| {
        aspect_rounds.iter().find(|a| a.round == u32::from(round) && a.card_id == card_id).map(|a| &a.stats)
    })
}
