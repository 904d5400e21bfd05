//! `consent.csv`: who agreed to which version of the information sheet, one row per pair ×
//! person × statement, each pair named by its reference.

use app::domain::PairSummary;

use super::cells::Cell;
use crate::store::{WorkshopSnapshot, name_without_reference};
use crate::time::iso_ms;

/// Columns of `consent.csv`.
pub const CONSENT_COLUMNS: &[&str] =
    &["workshop_id", "pair_reference", "person", "sheet_version", "statement", "agreed", "at"];

/// How the exports name a pair in `consent.csv`'s `pair_reference` column: its reference,
/// the one its tablet shows and a withdrawal quotes (whatever the "Pair names in exports"
/// setting). A pair that joined before pairs had references (schema version 5) is named as
/// [`WorkshopSnapshot::with_references_as_names`] names it: `pair-` and the start of its id.
pub fn pair_reference_for_export(pair: &PairSummary) -> String {
    pair.reference.clone().unwrap_or_else(|| name_without_reference(&pair.id))
}

/// `consent.csv`: for each consent a pair gave (in the order given), one row per person and
/// statement of the version agreed to. Every row says `agreed` = true: the board opens only
/// when everyone ticked everything, and a pair that declines is never stored.
pub(super) fn consent_rows(snapshot: &WorkshopSnapshot) -> Vec<Vec<Cell>> {
    let workshop_id = snapshot.workshop.id.to_string();
    let view = &snapshot.view;
    let mut rows = Vec::new();
    for consent in &view.consents {
        let (Some(pair), Some(version)) = (view.pair(consent.pair_id), view.sheet_version(&consent.version)) else {
            continue;
        };
        let reference = pair_reference_for_export(pair);
        for person in 1..=consent.people {
            for statement in &version.sheet.statements {
                rows.push(vec![
                    Cell::text(&workshop_id),
                    Cell::text(&reference),
                    Cell::Int(person.into()),
                    Cell::text(&consent.version),
                    Cell::text(statement),
                    Cell::Bool(true),
                    Cell::Text(iso_ms(consent.at)),
                ]);
            }
        }
    }
    rows
}
