//! The export tables of one workshop (their columns and rows), computed once from a
//! [`WorkshopSnapshot`] and then written as CSV, JSON and XLSX.

use std::collections::HashMap;

use app::domain::aspect_stats::{AspectStats, aspect_stats};
use app::domain::groups::Grouping;
use app::domain::movement::{Movement, movement};
use app::domain::opinion::room_groups;
use app::domain::{Card, Event};
use chrono::DateTime;
use uuid::Uuid;

use super::cells::{Cell, Table, columns};
use super::event_table::event_rows;
use super::pair_cells::reference_cell;
use crate::store::WorkshopSnapshot;
use crate::time::iso_ms;

/// `aspect_author` of aspects the facilitator wrote (a pair's label otherwise).
pub const FACILITATOR_AUTHOR: &str = "facilitator";
/// `status` of a pair × aspect that is on the spectrum.
pub const STATUS_PLACED: &str = "placed";
/// `status` of a pair × aspect the pair marked "can't place / it depends".
pub const STATUS_CANT_PLACE: &str = "can't place";
/// `status` of a pair × aspect that is not on the spectrum (still in the tray).
pub const STATUS_NOT_PLACED: &str = "not placed";

/// Columns of `placements.csv`.
pub const PLACEMENT_COLUMNS: &[&str] = &[
    "workshop_id",
    "title",
    "site",
    "date",
    "round",
    "pair_label",
    "pair_reference",
    "aspect_id",
    "aspect_text",
    "aspect_author",
    "position",
    "status",
    "reason",
    "intended_outcome",
    "unintended_outcome",
    "first_placed_at",
    "last_moved_at",
    "moves",
    "template_id",
    "template_aspect_id",
    "second_language",
    "aspect_text_second",
];
/// The workshop's second language and the aspect's text in it, at the end of `placements.csv`
/// and `summary.csv` (empty when there is none).
pub const SECOND_LANGUAGE_COLUMNS: &[&str] = &["second_language", "aspect_text_second"];
/// Columns of `events.csv`.
pub const EVENT_COLUMNS: &[&str] =
    &["seq", "at", "actor", "pair_reference", "action", "aspect_text", "before", "after"];
/// The statistics of one aspect in one round, as `summary.csv` and `comparison.csv` name
/// them (from `round` to `q3`).
pub const ASPECT_ROUND_COLUMNS: &[&str] =
    &["round", "aspect_id", "aspect_text", "n_placed", "n_cant_place", "median", "q1", "q3"];
/// The columns of `summary.csv` after [`ASPECT_ROUND_COLUMNS`].
const SPREAD_COLUMNS: &[&str] = &["mean", "sd", "consensus", "consensus_bins", "split"];
/// The movement of an aspect from round 1 to this round (filled on round-2 rows only;
/// [`app::domain::movement`]).
pub const MOVEMENT_COLUMNS: &[&str] = &[
    "n_paired",
    "median_change",
    "iqr_change",
    "share_moved_over_10",
    "signed_rank_n",
    "signed_rank_v",
    "signed_rank_p",
    "signed_rank_exact",
];
/// Columns of `summary.csv`.
pub const SUMMARY_COLUMNS: &[&str] = &columns::<24>(&[
    &["workshop_id"],
    ASPECT_ROUND_COLUMNS,
    SPREAD_COLUMNS,
    MOVEMENT_COLUMNS,
    SECOND_LANGUAGE_COLUMNS,
]);
/// Columns of the combined `summary.csv` ("Download all"): `workshop_id`, `site`, then the
/// rest of `summary.csv`'s columns.
pub const COMBINED_SUMMARY_COLUMNS: &[&str] = &columns::<25>(&[
    &["workshop_id", "site"],
    ASPECT_ROUND_COLUMNS,
    SPREAD_COLUMNS,
    MOVEMENT_COLUMNS,
    SECOND_LANGUAGE_COLUMNS,
]);

/// Columns of `notes.csv`.
pub const NOTE_COLUMNS: &[&str] =
    &["workshop_id", "round", "pair_label", "pair_reference", "aspect_id", "aspect_text", "kind", "text", "language"];
/// Columns of `groups.csv`.
pub const GROUP_COLUMNS: &[&str] = &[
    "workshop_id",
    "round",
    "pair_label",
    "pair_reference",
    "group",
    "pc1",
    "pc2",
    "silhouette",
    "groups",
    "mean_silhouette",
    "note",
    "stability",
];
pub use super::consent_table::CONSENT_COLUMNS;
use super::consent_table::consent_rows;
/// `note` in `groups.csv` of a pair the grouping left out.
pub const LEFT_OUT: &str = "left out: placed fewer than half of the aspects used";

/// The statistics of one aspect in one round.
#[derive(Clone, Debug, PartialEq)]
pub struct AspectRound {
    /// The round.
    pub round: u32,
    /// The aspect.
    pub card_id: Uuid,
    /// Positions in pair joining order.
    pub positions: Vec<f64>,
    /// Its statistics.
    pub stats: AspectStats,
    /// How it moved since round 1 (`None` in round 1).
    pub movement: Option<Movement>,
}

/// How an export names pairs: by the label each typed (the default), or only by its
/// reference (pseudonymised: the workshop's "Pair names in exports" setting, or
/// `?pairs=references` on any export URL). Notes and post-its are kept either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PairNames {
    /// The labels the pairs typed.
    #[default]
    AsTyped,
    /// Only the pairs' references.
    References,
}

impl PairNames {
    /// As the codebook and `workshop.json` say it: `as typed` or `references`.
    pub fn as_str(self) -> &'static str {
        match self {
            PairNames::AsTyped => "as typed",
            PairNames::References => "references",
        }
    }

    /// A `pairs` query parameter: `references`, `as-typed` (or absent: the workshop's setting).
    pub fn parse(text: &str) -> Option<PairNames> {
        match text.trim().to_ascii_lowercase().as_str() {
            "references" | "reference" => Some(PairNames::References),
            "as-typed" | "as_typed" | "labels" => Some(PairNames::AsTyped),
            _ => None,
        }
    }
}

/// Everything an export of one workshop is made of. Built once; every file is rendered from
/// it, so the files agree with each other.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkshopExport {
    /// The stored data.
    pub snapshot: WorkshopSnapshot,
    /// Statistics per round × aspect, rounds then aspect order.
    pub aspect_rounds: Vec<AspectRound>,
    /// One row per round × pair × aspect.
    pub placements: Table,
    /// One row per event.
    pub events: Table,
    /// One row per round × aspect.
    pub summary: Table,
    /// One row per note or reason (none until notes exist).
    pub notes: Table,
    /// One row per round × pair: its opinion group.
    pub groups: Table,
    /// How its files name pairs.
    pub pair_names: PairNames,
    /// One row per pair × person × statement of each version of the information sheet the
    /// pair agreed to (none without a sheet).
    pub consent: Table,
}

/// The workshop's date, `YYYY-MM-DD` in UTC (the day it was created).
pub fn workshop_date(created_at_ms: i64) -> String {
    DateTime::from_timestamp_millis(created_at_ms).map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string())
}

/// `aspect_author` of an aspect: [`FACILITATOR_AUTHOR`], or the label of the pair that wrote it.
pub fn aspect_author(view: &app::domain::RoomView, card: &Card) -> String {
    match card.author {
        None => FACILITATOR_AUTHOR.to_string(),
        Some(pair) => view.pair(pair).map_or_else(|| "pair".to_string(), |p| p.label.clone()),
    }
}

impl WorkshopExport {
    /// Computes every table from a snapshot. Orders: rounds ascending, pairs in joining
    /// order, aspects in display order, events by sequence number.
    pub fn new(snapshot: WorkshopSnapshot) -> WorkshopExport {
        WorkshopExport::naming(snapshot, None)
    }

    /// [`WorkshopExport::new`] naming pairs as `asked`, else as the workshop's "Pair names in
    /// exports" setting says.
    pub fn naming(snapshot: WorkshopSnapshot, asked: Option<PairNames>) -> WorkshopExport {
        let setting = if snapshot.view.settings.export_references { PairNames::References } else { PairNames::AsTyped };
        let pair_names = asked.unwrap_or(setting);
        let snapshot = match pair_names {
            PairNames::References => snapshot.with_references_as_names(),
            PairNames::AsTyped => snapshot,
        };
        let (aspect_rounds, summary) = summary_rows(&snapshot);
        WorkshopExport {
            placements: Table { name: "placements", columns: PLACEMENT_COLUMNS, rows: placement_rows(&snapshot) },
            events: Table { name: "events", columns: EVENT_COLUMNS, rows: event_rows(&snapshot) },
            summary: Table { name: "summary", columns: SUMMARY_COLUMNS, rows: summary },
            notes: Table { name: "notes", columns: NOTE_COLUMNS, rows: note_rows(&snapshot) },
            groups: Table { name: "groups", columns: GROUP_COLUMNS, rows: group_rows(&snapshot) },
            consent: Table { name: "consent", columns: CONSENT_COLUMNS, rows: consent_rows(&snapshot) },
            aspect_rounds,
            snapshot,
            pair_names,
        }
    }

    /// The tables of the workbook, one sheet each, in file order (`groups.csv` is a file of
    /// its own).
    pub fn tables(&self) -> [&Table; 5] {
        [&self.placements, &self.events, &self.summary, &self.notes, &self.consent]
    }
}

/// The rounds opened, ascending.
fn rounds(snapshot: &WorkshopSnapshot) -> std::ops::RangeInclusive<u8> {
    1..=snapshot.view.round
}

/// The cells of [`SECOND_LANGUAGE_COLUMNS`]: the workshop's second language (empty when it
/// has none), and a function giving an aspect's text in it (empty when it has none).
fn second_language_cells(snapshot: &WorkshopSnapshot) -> (Cell, impl Fn(&Card) -> Cell + '_) {
    let view = &snapshot.view;
    let language = view.second_language.as_ref().map_or(Cell::Empty, |s| Cell::text(&s.language));
    (language, move |card: &Card| view.card_second_text(card.id).map_or(Cell::Empty, Cell::text))
}

/// `placements.csv`: one row per round × pair × aspect.
fn placement_rows(snapshot: &WorkshopSnapshot) -> Vec<Vec<Cell>> {
    let w = &snapshot.workshop;
    let workshop_id = w.id.to_string();
    let date = workshop_date(w.created_at);
    let view = &snapshot.view;
    // Empty when the workshop or the aspect has none (the codebook's "templates").
    let template_id = w.template_id.map_or(Cell::Empty, |id| Cell::text(id.to_string()));
    let template_aspects = snapshot.template_aspect_ids();
    let template_aspect =
        |card: &Card| template_aspects.get(&card.id).map_or(Cell::Empty, |id| Cell::text(id.to_string()));
    let (second_language, second_text) = second_language_cells(snapshot);
    let mut rows = Vec::with_capacity(rounds(snapshot).len() * snapshot.pairs.len() * snapshot.cards.len());
    for round in rounds(snapshot) {
        for pair in &snapshot.pairs {
            for card in &snapshot.cards {
                let record = view.placement_in(round, pair.id, card.id);
                let note = view.note(pair.id, card.id);
                let status = match record {
                    Some(p) if p.cant_place => STATUS_CANT_PLACE,
                    Some(_) => STATUS_PLACED,
                    None => STATUS_NOT_PLACED,
                };
                rows.push(vec![
                    Cell::text(&workshop_id),
                    Cell::text(&w.title),
                    Cell::text(&w.site),
                    Cell::text(&date),
                    Cell::Int(round.into()),
                    Cell::text(&pair.label),
                    reference_cell(pair),
                    Cell::text(card.id.to_string()),
                    Cell::text(&card.text),
                    Cell::text(aspect_author(view, card)),
                    Cell::opt_num(record.and_then(|p| p.shown_position())),
                    Cell::text(status),
                    record.filter(|p| p.cant_place).map_or(Cell::Empty, |p| Cell::text(&p.reason)),
                    note.filter(|n| !n.intended.is_empty()).map_or(Cell::Empty, |n| Cell::text(&n.intended)),
                    note.filter(|n| !n.unintended.is_empty()).map_or(Cell::Empty, |n| Cell::text(&n.unintended)),
                    record.map_or(Cell::Empty, |p| Cell::Text(iso_ms(p.placed_at))),
                    record.map_or(Cell::Empty, |p| Cell::Text(iso_ms(p.moved_at))),
                    record.map_or(Cell::Empty, |p| Cell::Int(p.moves.into())),
                    template_id.clone(),
                    template_aspect(card),
                    second_language.clone(),
                    second_text(card),
                ]);
            }
        }
    }
    rows
}

/// The statistics of every round × aspect, and `summary.csv`'s rows of them.
pub(super) fn summary_rows(snapshot: &WorkshopSnapshot) -> (Vec<AspectRound>, Vec<Vec<Cell>>) {
    let workshop_id = snapshot.workshop.id.to_string();
    let view = &snapshot.view;
    let (second_language, second_text) = second_language_cells(snapshot);
    let mut aspect_rounds = Vec::new();
    let mut rows = Vec::new();
    for round in rounds(snapshot) {
        for card in &snapshot.cards {
            let records: Vec<_> =
                snapshot.pairs.iter().filter_map(|pair| view.placement_in(round, pair.id, card.id)).collect();
            let positions: Vec<f64> = records.iter().filter_map(|p| p.shown_position()).collect();
            let stats = aspect_stats(&positions, records.iter().filter(|p| p.cant_place).count());
            let moved = (round > 1).then(|| movement_from_first_round(snapshot, card.id, round));
            let mut row = vec![
                Cell::text(&workshop_id),
                Cell::Int(round.into()),
                Cell::text(card.id.to_string()),
                Cell::text(&card.text),
                Cell::Int(stats.n_placed as i64),
                Cell::Int(stats.n_cant_place as i64),
                Cell::opt_num(stats.median),
                Cell::opt_num(stats.q1),
                Cell::opt_num(stats.q3),
                Cell::opt_num(stats.mean),
                Cell::opt_num(stats.sd),
                Cell::opt_num(stats.consensus),
                Cell::Int(stats.consensus_bins as i64),
                Cell::Bool(stats.split),
            ];
            row.extend(movement_cells(moved.as_ref()));
            row.extend([second_language.clone(), second_text(card)]);
            rows.push(row);
            aspect_rounds.push(AspectRound {
                round: round.into(),
                card_id: card.id,
                positions,
                stats,
                movement: moved,
            });
        }
    }
    (aspect_rounds, rows)
}

/// `notes.csv`: one row per note or "can't place" reason, pairs then aspects.
fn note_rows(snapshot: &WorkshopSnapshot) -> Vec<Vec<Cell>> {
    let workshop_id = snapshot.workshop.id.to_string();
    let view = &snapshot.view;
    // The language of the device each sheet was last saved on, per pair, aspect and round:
    // a "can't place" reason is written on the sheet, like the notes.
    let mut sheet_language: HashMap<(Uuid, Uuid, u8), Option<&str>> = HashMap::new();
    for event in &snapshot.events {
        if let Some(Event::SheetSaved { pair_id, card_id, round, language, .. }) = &event.payload {
            sheet_language.insert((*pair_id, *card_id, *round), language.as_deref());
        }
    }
    let language_cell = |language: Option<&str>| language.map_or(Cell::Empty, Cell::text);
    let mut rows = Vec::new();
    for pair in &snapshot.pairs {
        for card in &snapshot.cards {
            let mut row = |round: Cell, kind: &str, text: &str, language: Cell| {
                rows.push(vec![
                    Cell::text(&workshop_id),
                    round,
                    Cell::text(&pair.label),
                    reference_cell(pair),
                    Cell::text(card.id.to_string()),
                    Cell::text(&card.text),
                    Cell::text(kind),
                    Cell::text(text),
                    language,
                ]);
            };
            if let Some(note) = view.note(pair.id, card.id) {
                if !note.intended.is_empty() {
                    row(Cell::Empty, "intended_outcome", &note.intended, language_cell(note.language.as_deref()));
                }
                if !note.unintended.is_empty() {
                    row(Cell::Empty, "unintended_outcome", &note.unintended, language_cell(note.language.as_deref()));
                }
            }
            for round in rounds(snapshot) {
                if let Some(p) = view.placement_in(round, pair.id, card.id).filter(|p| p.cant_place) {
                    let language = sheet_language.get(&(pair.id, card.id, round)).copied().flatten();
                    row(Cell::Int(round.into()), "cant_place_reason", &p.reason, language_cell(language));
                }
            }
        }
    }
    rows
}

/// `groups.csv`: the opinion groups of each round ([`app::domain::groups`], built from the
/// room by [`room_groups`]): one row per round × pair, with the pair's group, its scores on
/// the two principal components and its silhouette, the round's number of groups and mean
/// silhouette, a note saying why a pair (or the whole round) has no group, and its group's
/// bootstrap stability.
fn group_rows(snapshot: &WorkshopSnapshot) -> Vec<Vec<Cell>> {
    let view = &snapshot.view;
    let workshop_id = snapshot.workshop.id.to_string();
    let mut rows = Vec::new();
    for round in rounds(snapshot) {
        let grouping = room_groups(view, round);
        for (i, pair) in view.pairs.iter().enumerate() {
            let mut row =
                vec![Cell::text(&workshop_id), Cell::Int(round.into()), Cell::text(&pair.label), reference_cell(pair)];
            match &grouping {
                Grouping::Groups(groups) => {
                    let member = groups.members.get(i);
                    let score = |c: usize| Cell::opt_num(member.and_then(|m| m.scores.get(c).copied()));
                    let group = member.and_then(|m| m.group);
                    row.extend([
                        group.map_or(Cell::Empty, |g| Cell::Int(g as i64)),
                        score(0),
                        score(1),
                        Cell::opt_num(member.and_then(|m| m.silhouette)),
                        Cell::Int(groups.k as i64),
                        Cell::Num(groups.silhouette),
                        if group.is_some() { Cell::Empty } else { Cell::text(LEFT_OUT) },
                        Cell::opt_num(group.and_then(|g| groups.stability.get(g - 1).copied())),
                    ]);
                }
                Grouping::NoGroups(none) => {
                    row.extend(vec![Cell::Empty; 6]);
                    row.push(Cell::Text(none.reason.message()));
                    row.push(Cell::Empty);
                }
            }
            rows.push(row);
        }
    }
    rows
}

/// How aspect `card` moved from round 1 to `round`: every position of each round, and the
/// pairs that placed it in both.
fn movement_from_first_round(snapshot: &WorkshopSnapshot, card: Uuid, round: u8) -> Movement {
    let view = &snapshot.view;
    let shown = |round: u8, pair: Uuid| view.placement_in(round, pair, card).and_then(|p| p.shown_position());
    let firsts: Vec<f64> = snapshot.pairs.iter().filter_map(|p| shown(1, p.id)).collect();
    let thens: Vec<f64> = snapshot.pairs.iter().filter_map(|p| shown(round, p.id)).collect();
    let paired: Vec<(f64, f64)> =
        snapshot.pairs.iter().filter_map(|p| Some((shown(1, p.id)?, shown(round, p.id)?))).collect();
    movement(&firsts, &thens, &paired)
}

/// The [`MOVEMENT_COLUMNS`] cells of a summary row: empty on round 1.
fn movement_cells(moved: Option<&Movement>) -> Vec<Cell> {
    let Some(m) = moved else { return vec![Cell::Empty; MOVEMENT_COLUMNS.len()] };
    let test = m.test.as_ref();
    vec![
        Cell::Int(m.n_paired as i64),
        Cell::opt_num(m.median_change),
        Cell::opt_num(m.iqr_change),
        Cell::opt_num(m.share_moved_over_10),
        test.map_or(Cell::Empty, |t| Cell::Int(t.n as i64)),
        test.map_or(Cell::Empty, |t| Cell::Num(t.v)),
        test.map_or(Cell::Empty, |t| Cell::Num(t.p_value)),
        test.map_or(Cell::Empty, |t| Cell::Bool(t.exact)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_days() {
        // 2026-11-23T23:59:59.999Z is still the 23rd in UTC.
        assert_eq!(workshop_date(1_795_478_399_999), "2026-11-23");
        assert_eq!(workshop_date(0), "1970-01-01");
    }
}
