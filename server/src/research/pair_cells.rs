//! The `pair_reference` cells of the export tables: every table that names a pair carries
//! the reference the pair quotes to withdraw beside its label, the same whether the export
//! names pairs as typed or by references.

use std::collections::HashMap;

use app::domain::PairSummary;
use uuid::Uuid;

use super::cells::Cell;
use crate::store::WorkshopSnapshot;

/// A pair's `pair_reference` cell: empty for a pair that joined before references existed.
pub(super) fn reference_cell(pair: &PairSummary) -> Cell {
    pair.reference.as_deref().map_or(Cell::Empty, Cell::text)
}

/// Every pair's reference by id: the stored rows', else the replayed state's. A withdrawn
/// pair is in neither, so rows about it (its `pair_withdrawn` row) name no reference.
pub(super) fn pair_references(snapshot: &WorkshopSnapshot) -> HashMap<Uuid, &str> {
    let stored = snapshot.pair_rows.iter().map(|p| (p.id, p.reference.as_deref()));
    let replayed = snapshot.view.pairs.iter().map(|p| (p.id, p.reference.as_deref()));
    replayed.chain(stored).filter_map(|(id, r)| Some((id, r?))).collect()
}
