//! `workshop.json`: everything in one document for tools, with a schema version. Tables are
//! arrays of objects whose keys are the CSV column names, in column order; values keep their
//! type (numbers, `true`/`false`, `null` for an empty cell) and text is *not* neutralised.
//! Numbers are written with the same digits as in the CSV files ([`shortest`]).

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

use serde_json::value::RawValue;

use super::cells::{Cell, Table, shortest};
use super::tables::{WorkshopExport, workshop_date};
use crate::time::iso_ms;

/// Version of the `workshop.json` layout; raised whenever a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    workshop: WorkshopPart<'a>,
    rounds: Vec<u32>,
    aspects: Vec<AspectPart<'a>>,
    pairs: Vec<PairPart<'a>>,
    placements: Rows<'a>,
    summary: Rows<'a>,
    notes: Rows<'a>,
    events: Rows<'a>,
    /// Every version of the information sheet, oldest first (empty without one).
    consent_sheets: Vec<SheetPart<'a>>,
    /// `consent.csv`'s rows.
    consent: Rows<'a>,
}

#[derive(Serialize)]
struct SheetPart<'a> {
    version: &'a str,
    title: &'a str,
    text: &'a str,
    statements: &'a [String],
    set_at: String,
}

#[derive(Serialize)]
struct WorkshopPart<'a> {
    id: String,
    title: &'a str,
    site: &'a str,
    date: String,
    created_at: String,
    question: &'a str,
    left_pole: &'a str,
    right_pole: &'a str,
    /// `null` when the workshop was never linked to a template.
    template_id: Option<String>,
    /// How the files name pairs: `as typed` or `references`.
    pair_names: &'static str,
}

#[derive(Serialize)]
struct AspectPart<'a> {
    id: String,
    order: u32,
    text: &'a str,
    author: &'a str,
    /// `null` when the aspect stands for no template aspect.
    template_aspect_id: Option<String>,
}

#[derive(Serialize)]
struct PairPart<'a> {
    label: &'a str,
    /// The reference it quotes to withdraw (`null` for a pair that joined before references).
    reference: Option<&'a str>,
    joined_at: String,
}

/// A table's rows as objects in column order.
struct Rows<'a>(&'a Table);

struct Row<'a>(&'a [&'static str], &'a [Cell]);

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.rows.len()))?;
        for row in &self.0.rows {
            seq.serialize_element(&Row(self.0.columns, row))?;
        }
        seq.end()
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, cell) in self.0.iter().zip(self.1) {
            match cell {
                Cell::Text(t) => map.serialize_entry(column, t)?,
                Cell::Int(n) => map.serialize_entry(column, n)?,
                // The same digits as the CSV; JSON has no NaN or infinity (`null`, as before).
                Cell::Num(x) if x.is_finite() => {
                    let number = RawValue::from_string(shortest(*x)).map_err(serde::ser::Error::custom)?;
                    map.serialize_entry(column, &number)?
                }
                Cell::Num(_) => map.serialize_entry(column, &None::<()>)?,
                Cell::Bool(b) => map.serialize_entry(column, b)?,
                Cell::Empty => map.serialize_entry(column, &None::<()>)?,
            }
        }
        map.end()
    }
}

/// The whole document, pretty-printed, UTF-8 without a byte-order mark.
pub fn workshop_json(export: &WorkshopExport) -> Result<Vec<u8>, serde_json::Error> {
    let s = &export.snapshot;
    let w = &s.workshop;
    let template_aspects = s.template_aspect_ids();
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        workshop: WorkshopPart {
            id: w.id.to_string(),
            title: &w.title,
            site: &w.site,
            date: workshop_date(w.created_at),
            created_at: iso_ms(w.created_at),
            question: &w.question,
            left_pole: &w.left_pole,
            right_pole: &w.right_pole,
            template_id: w.template_id.map(|id| id.to_string()),
            pair_names: export.pair_names.as_str(),
        },
        rounds: (1..=u32::from(s.view.round)).collect(),
        aspects: s
            .cards
            .iter()
            .map(|c| AspectPart {
                id: c.id.to_string(),
                order: c.order,
                text: &c.text,
                author: c.author.and_then(|a| s.view.pair(a)).map_or("facilitator", |p| p.label.as_str()),
                template_aspect_id: template_aspects.get(&c.id).map(|id| id.to_string()),
            })
            .collect(),
        pairs: s
            .pairs
            .iter()
            .map(|p| PairPart { label: &p.label, reference: p.reference.as_deref(), joined_at: iso_ms(p.joined_at) })
            .collect(),
        placements: Rows(&export.placements),
        summary: Rows(&export.summary),
        notes: Rows(&export.notes),
        events: Rows(&export.events),
        consent_sheets: s
            .view
            .consent_sheets
            .iter()
            .map(|v| SheetPart {
                version: &v.sheet.version,
                title: &v.sheet.title,
                text: &v.sheet.text,
                statements: &v.sheet.statements,
                set_at: iso_ms(v.set_at),
            })
            .collect(),
        consent: Rows(&export.consent),
    };
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}
