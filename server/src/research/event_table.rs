//! `events.csv`: one row per event-log row, its before and after states as positions or
//! compact JSON, never with the workshop's join code (which the export must not carry).

use std::borrow::Cow;
use std::collections::HashMap;

use uuid::Uuid;

use super::cells::Cell;
use super::pair_cells::pair_references;
use crate::store::{LoggedEvent, WorkshopSnapshot};
use crate::time::iso_ms;

/// `events.csv`: one row per event-log row.
pub(super) fn event_rows(snapshot: &WorkshopSnapshot) -> Vec<Vec<Cell>> {
    let card_text: HashMap<Uuid, &str> = snapshot.cards.iter().map(|c| (c.id, c.text.as_str())).collect();
    let references = pair_references(snapshot);
    snapshot.events.iter().map(|e| event_row(e, &card_text, &references)).collect()
}

/// A before/after state: the position alone for placement events (`{"position": x}`), the
/// compact JSON otherwise, empty when there was no state.
fn state_cell(value: Option<&serde_json::Value>) -> Cell {
    match value {
        None => Cell::Empty,
        Some(v) => match v.as_object().filter(|o| o.len() == 1).and_then(|o| o.get("position")) {
            Some(position) => position.as_f64().map_or_else(|| Cell::Text(v.to_string()), Cell::Num),
            None => Cell::Text(v.to_string()),
        },
    }
}

/// Whether a logged state records a join code (`workshop_created` does).
pub fn has_join_code(state: Option<&serde_json::Value>) -> bool {
    state.is_some_and(|v| v.get("join_code").is_some())
}

/// The logged state without the join code: exports carry nothing that lets a reader join or
/// act in the workshop. Borrowed when there is none to remove.
pub fn without_join_code(state: Option<&serde_json::Value>) -> Option<Cow<'_, serde_json::Value>> {
    if !has_join_code(state) {
        return state.map(Cow::Borrowed);
    }
    let mut state = state?.clone();
    if let Some(object) = state.as_object_mut() {
        object.remove("join_code");
    }
    Some(Cow::Owned(state))
}

fn event_row(event: &LoggedEvent, card_text: &HashMap<Uuid, &str>, references: &HashMap<Uuid, &str>) -> Vec<Cell> {
    let aspect = event.card_id.and_then(|id| card_text.get(&id)).map_or(Cell::Empty, |t| Cell::text(*t));
    let (before, after) = (without_join_code(event.before.as_ref()), without_join_code(event.after.as_ref()));
    vec![
        Cell::Int(i64::try_from(event.seq).unwrap_or(i64::MAX)),
        Cell::Text(iso_ms(event.at)),
        // `facilitator`, `system`, or the pair's label for a pair's own change.
        Cell::text(event.who()),
        // The pair the row concerns, while it has a reference (a withdrawn pair has none).
        event.pair_id.and_then(|id| references.get(&id)).map_or(Cell::Empty, |r| Cell::text(*r)),
        Cell::text(&event.action),
        aspect,
        state_cell(before.as_deref()),
        state_cell(after.as_deref()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn states_are_positions_or_json() {
        assert_eq!(state_cell(None), Cell::Empty);
        assert_eq!(state_cell(Some(&json!({"position": 42.5}))), Cell::Num(42.5));
        assert_eq!(state_cell(Some(&json!({"label": "Pair A"}))), Cell::Text("{\"label\":\"Pair A\"}".into()));
    }
}
