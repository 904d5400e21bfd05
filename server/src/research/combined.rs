//! "Download all (zip)": several workshops in one zip, for comparing study sites.
//!
//! The zip holds, in this order:
//!
//! - `placements.csv`: every chosen workshop's `placements.csv` rows, one after the other
//!   (that file already starts with `workshop_id`, `title`, `site` and `date`);
//! - `summary.csv`: every chosen workshop's `summary.csv` rows, with a `site` column added
//!   after `workshop_id`;
//! - `codebook.md`;
//! - `notes.qdpx` and `codebook.qdc`: one NVivo project of every chosen workshop's notes
//!   ([`super::qdpx`]; left out when no workshop is chosen);
//! - one folder per workshop (see [`folder_name`]) with that workshop's complete export, the
//!   same files as its own zip.
//!
//! Workshops come oldest first (creation time, then id), so the same data always gives the
//! same bytes.

use super::bundle::{CODEBOOK, ExportError, ZipOfFiles, export_packed, qdpx_zip};
use super::cells::{Cell, Table};
use super::csv_files::table_csv;
use super::qdpx::{CODEBOOK_FILE, QDPX_FILE, codebook};
use super::tables::{COMBINED_SUMMARY_COLUMNS, PLACEMENT_COLUMNS, SUMMARY_COLUMNS, WorkshopExport, workshop_date};

/// Whether `text` is a day written `YYYY-MM-DD` (what a date input sends).
pub fn is_day(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() && text.len() == 10
}

/// Lower-case letters and digits of `text`, other runs as one `-`, at most 40 characters.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    out.trim_end_matches('-').to_string()
}

/// The folder of one workshop in the zip: `{date}_{site}_{title}_{id}`, site and title as
/// lower-case slugs (`2026-11-23_site-3_knowledge-exchange-meeting_{uuid}`). The id keeps
/// folder names unique.
pub fn folder_name(export: &WorkshopExport) -> String {
    let w = &export.snapshot.workshop;
    format!("{}_{}_{}_{}", workshop_date(w.created_at), slug(&w.site), slug(&w.title), w.id)
}

/// The combined tables of these workshops, in the order given.
pub fn combined_tables(exports: &[WorkshopExport]) -> (Table, Table) {
    let placements = exports.iter().flat_map(|e| e.placements.rows.iter().cloned()).collect();
    let summary = exports
        .iter()
        .flat_map(|e| {
            let site = Cell::Text(e.snapshot.workshop.site.clone());
            e.summary.rows.iter().map(move |row| {
                let mut row = row.clone();
                row.insert(1, site.clone());
                row
            })
        })
        .collect();
    (
        Table { name: "placements", columns: PLACEMENT_COLUMNS, rows: placements },
        Table { name: "summary", columns: COMBINED_SUMMARY_COLUMNS, rows: summary },
    )
}

/// The zip of several workshops (see the module documentation). `exports` should already be
/// in the order wanted (oldest first).
pub fn combined_zip(exports: &[WorkshopExport]) -> Result<Vec<u8>, ExportError> {
    debug_assert_eq!(&COMBINED_SUMMARY_COLUMNS[2..], &SUMMARY_COLUMNS[1..]);
    let (placements, summary) = combined_tables(exports);
    let mut zip = ZipOfFiles::new();
    zip.add("placements.csv", &table_csv(&placements)?)?;
    zip.add("summary.csv", &table_csv(&summary)?)?;
    zip.add("codebook.md", CODEBOOK.as_bytes())?;
    // One NVivo project across the workshops, beside each workshop's own.
    if !exports.is_empty() {
        zip.add(QDPX_FILE, &qdpx_zip(exports)?)?;
        zip.add(CODEBOOK_FILE, &codebook(exports)?)?;
    }
    for export in exports {
        let folder = folder_name(export);
        for (name, file) in export_packed(export)? {
            zip.add_packed(&format!("{folder}/{name}"), &file)?;
        }
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_folder_names() {
        assert_eq!(slug("Site 3"), "site-3");
        assert_eq!(slug("  Caerdydd / Ŵyl: \"Café\" 🙂 "), "caerdydd-ŵyl-café");
        assert_eq!(slug("../.."), "");
        assert_eq!(slug(&"a ".repeat(40)).len(), 39);
    }

    #[test]
    fn days_are_written_year_month_day() {
        assert!(is_day("2026-02-28") && !is_day("2026-02-30") && !is_day("2026-2-3") && !is_day(""));
    }

    #[test]
    fn the_summary_columns_are_the_workshop_ones_with_a_site() {
        assert_eq!(&COMBINED_SUMMARY_COLUMNS[2..], &SUMMARY_COLUMNS[1..]);
        assert_eq!(COMBINED_SUMMARY_COLUMNS[..2], ["workshop_id", "site"]);
    }
}
