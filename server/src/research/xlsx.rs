//! `workshop.xlsx`: one sheet per table (placements, events, summary, notes) plus a
//! `workshop` sheet, written with `rust_xlsxwriter`. Numbers are numeric cells, flags are
//! boolean cells, and text is always a string cell, so nothing is ever a formula; text is
//! therefore stored exactly as typed (no neutralising apostrophe). Timestamps are ISO 8601
//! text, as in the CSV files.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::cells::{Cell, Table};
use super::tables::{WorkshopExport, workshop_date};
use crate::time::iso_ms;

/// Fixed document properties, so the same data always gives the same bytes: the creation
/// time is the workshop's, not the export's.
fn properties(export: &WorkshopExport) -> Result<DocProperties, XlsxError> {
    let w = &export.snapshot.workshop;
    let created = ExcelDateTime::from_timestamp(w.created_at.div_euclid(1000))?;
    Ok(DocProperties::new().set_title(&w.title).set_author("Discretion Spectrum").set_creation_datetime(&created))
}

fn write_table(sheet: &mut Worksheet, table: &Table, header: &Format) -> Result<(), XlsxError> {
    // A text of several lines (a note) is shown on its lines, as it was typed.
    let lines = Format::new().set_text_wrap();
    sheet.set_name(table.name)?;
    for (col, name) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) if t.contains('\n') => sheet.write_string_with_format(r, c, t, &lines)?,
                Cell::Text(t) => sheet.write_string(r, c, t)?,
                Cell::Int(n) => sheet.write_number(r, c, *n as f64)?,
                Cell::Num(x) => sheet.write_number(r, c, *x)?,
                Cell::Bool(b) => sheet.write_boolean(r, c, *b)?,
                Cell::Empty => sheet,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook's bytes, its parts deflated at `deflate_level` (0–9; the export's zip passes
/// its own level, so the workbook and the zip around it are compressed alike).
pub fn workshop_xlsx(export: &WorkshopExport, deflate_level: u8) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(deflate_level);
    workbook.set_properties(&properties(export)?);
    let header = Format::new().set_bold();
    let w = &export.snapshot.workshop;
    let about = workbook.add_worksheet();
    about.set_name("workshop")?;
    let facts = [
        ("workshop_id", w.id.to_string()),
        ("title", w.title.clone()),
        ("site", w.site.clone()),
        ("date", workshop_date(w.created_at)),
        ("created_at", iso_ms(w.created_at)),
        ("question", w.question.clone()),
        ("left_pole", w.left_pole.clone()),
        ("right_pole", w.right_pole.clone()),
        ("template_id", w.template_id.map(|id| id.to_string()).unwrap_or_default()),
    ];
    about.write_string_with_format(0, 0, "field", &header)?;
    about.write_string_with_format(0, 1, "value", &header)?;
    for (i, (key, value)) in facts.iter().enumerate() {
        about.write_string(i as u32 + 1, 0, *key)?;
        about.write_string(i as u32 + 1, 1, value)?;
    }
    for table in export.tables() {
        // Written row by row, so each table's sheet streams its rows to a temporary file as
        // they are written instead of keeping every cell in memory until the end ("constant
        // memory" mode): the 100,000-event sheet is written in about half the time.
        // It needs a temporary file: where the temporary directory cannot be written (a
        // service with a read-only /tmp), the sheet is kept in memory as before.
        let sheet = match workbook.add_worksheet_with_constant_memory() {
            Ok(sheet) => sheet,
            Err(e) => {
                tracing::warn!(error = %e, "no temporary file for the workbook; writing it in memory");
                workbook.add_worksheet()
            }
        };
        write_table(sheet, table, &header)?;
    }
    workbook.save_to_buffer()
}
