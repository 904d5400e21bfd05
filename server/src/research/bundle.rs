//! Every file of one workshop's export, and the zip that bundles them.

use std::io::Write;

use thiserror::Error;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::archive::{MANIFEST_FILE, RECORD_FILE, manifest_json, record_json};
use super::chart::chart_svg;
use super::csv_files::table_csv;
use super::json::workshop_json;
use super::png::svg_to_png;
use super::tables::WorkshopExport;
use super::xlsx::workshop_xlsx;

/// The codebook: every column of every file, with references.
pub const CODEBOOK: &str = include_str!("codebook.md");

/// Why an export could not be produced (a bug or resource problem; the data is untouched).
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing a CSV failed.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Writing the JSON failed.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing the workbook failed.
    #[error("XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing the zip failed.
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Rasterising the chart failed.
    #[error("PNG: {0}")]
    Png(#[from] super::png::PngError),
    /// Writing into memory failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
}

/// Every file of the export, in the order they appear in the zip, the manifest of all the
/// others last. The workbook, the slowest
/// file by far (every event's timestamp is a cell), is written on a second thread while this
/// one renders the rest; the result does not depend on the threads.
pub fn export_files(export: &WorkshopExport) -> Result<Vec<(&'static str, Vec<u8>)>, ExportError> {
    let (workbook, tables, charts) = std::thread::scope(|scope| {
        let workbook = scope.spawn(|| workshop_xlsx(export));
        let (tables, charts) = (table_files(export), chart_files(export));
        (workbook.join(), tables, charts)
    });
    // A panic while writing the workbook would be a bug; the download fails with an error.
    let workbook = workbook.map_err(|_| std::io::Error::other("the workbook writer panicked"))??;
    let mut files = tables?;
    files.push(("workshop.xlsx", workbook));
    files.extend(charts?);
    let manifest = manifest_json(export.snapshot.workshop.id, &files)?;
    files.push((MANIFEST_FILE, manifest));
    Ok(files)
}

/// The CSV files, the JSON and the codebook, in zip order.
fn table_files(export: &WorkshopExport) -> Result<Vec<(&'static str, Vec<u8>)>, ExportError> {
    Ok(vec![
        ("placements.csv", table_csv(&export.placements)?),
        ("events.csv", table_csv(&export.events)?),
        ("summary.csv", table_csv(&export.summary)?),
        ("notes.csv", table_csv(&export.notes)?),
        ("groups.csv", table_csv(&export.groups)?),
        ("workshop.json", workshop_json(export)?),
        (RECORD_FILE, record_json(&export.snapshot)?),
        ("codebook.md", CODEBOOK.as_bytes().to_vec()),
    ])
}

/// The charts: round 1, and round 2 when a second round was opened.
fn chart_files(export: &WorkshopExport) -> Result<Vec<(&'static str, Vec<u8>)>, ExportError> {
    let svg = chart_svg(export, 1);
    let png = svg_to_png(&svg)?;
    let mut files = vec![("chart.svg", svg.into_bytes()), ("chart.png", png)];
    if export.aspect_rounds.iter().any(|a| a.round == 2) {
        let svg = chart_svg(export, 2);
        let png = svg_to_png(&svg)?;
        files.push(("chart-round-2.svg", svg.into_bytes()));
        files.push(("chart-round-2.png", png));
    }
    Ok(files)
}

/// The zip of every file ([`ZipOfFiles`]).
pub fn export_zip(export: &WorkshopExport) -> Result<Vec<u8>, ExportError> {
    let mut zip = ZipOfFiles::new();
    for (name, bytes) in export_files(export)? {
        zip.add(name, &bytes)?;
    }
    zip.finish()
}

/// A zip being written in memory, the same way for every export: deflated, except the
/// workbook and the PNGs (already compressed, so stored as they are); every entry with a
/// fixed date (1980-01-01, the zip epoch) and fixed permissions, so the same data always
/// gives the same bytes.
pub struct ZipOfFiles {
    zip: ZipWriter<std::io::Cursor<Vec<u8>>>,
    options: SimpleFileOptions,
}

impl ZipOfFiles {
    /// An empty zip.
    pub fn new() -> ZipOfFiles {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        ZipOfFiles { zip: ZipWriter::new(std::io::Cursor::new(Vec::new())), options }
    }

    /// Adds the file `name` (a path inside the zip) with its bytes.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), ExportError> {
        let method = if name.ends_with(".xlsx") || name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        self.zip.start_file(name, self.options.compression_method(method))?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    /// The zip's bytes.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        Ok(self.zip.finish()?.into_inner())
    }
}

impl Default for ZipOfFiles {
    fn default() -> Self {
        ZipOfFiles::new()
    }
}
