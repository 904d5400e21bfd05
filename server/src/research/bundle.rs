//! Every file of one workshop's export, and the zip that bundles them.

use std::io::Write;

use thiserror::Error;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::archive::{MANIFEST_FILE, ManifestFile, RECORD_FILE, manifest_of, record_json};
use super::chart::chart_svg;
use super::csv_files::table_csv;
use super::json::workshop_json;
use super::png::svg_to_png;
use super::qdpx;
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
/// others last.
pub fn export_files(export: &WorkshopExport) -> Result<Vec<(&'static str, Vec<u8>)>, ExportError> {
    Ok(export_packed(export)?.into_iter().map(|(name, file)| (name, file.bytes)).collect())
}

/// Every file of the export with its compressed entry ([`Packed`]), in zip order, the
/// manifest of all the others last.
///
/// The workbook, the slowest file by far (every event's timestamp is a cell), is written on a
/// thread of its own while this one renders the rest, and every other file is deflated on a
/// thread of its own as soon as it is rendered, so the cores share the work instead of the zip
/// being deflated in one pass at the end. The result does not depend on the threads.
pub fn export_packed(export: &WorkshopExport) -> Result<Vec<(&'static str, Packed)>, ExportError> {
    let mut files = std::thread::scope(|scope| -> Result<_, ExportError> {
        let workbook = scope.spawn(|| -> Result<Packed, ExportError> {
            Packed::new("workshop.xlsx", workshop_xlsx(export, DEFLATE_LEVEL as u8)?)
        });
        let deflate = |files: Vec<(&'static str, Vec<u8>)>| {
            files
                .into_iter()
                .map(|(name, bytes)| (name, scope.spawn(move || Packed::new(name, bytes))))
                .collect::<Vec<_>>()
        };
        // Each round's chart is rasterised on a thread of its own too (about as long as the
        // CSV files together), so the tables below do not wait for them.
        let charts: Vec<_> =
            chart_rounds(export).into_iter().map(|round| scope.spawn(move || chart_files(export, round))).collect();
        let tables = deflate(table_files(export)?);
        let mut rendered = Vec::new();
        for chart in charts {
            let files = chart.join().map_err(|_| std::io::Error::other("drawing a chart panicked"))??;
            rendered.extend(files);
        }
        let charts = deflate(rendered);
        let workbook = vec![("workshop.xlsx", workbook)];
        let mut files = Vec::new();
        for (name, packing) in tables.into_iter().chain(workbook).chain(charts) {
            // A panic while writing a file would be a bug; the download fails with an error.
            let packed = packing.join().map_err(|_| std::io::Error::other(format!("writing {name} panicked")))??;
            files.push((name, packed));
        }
        Ok(files)
    })?;
    let listed = files.iter().map(|(_, file)| file.listed.clone()).collect();
    let manifest = manifest_of(export.snapshot.workshop.id, listed)?;
    files.push((MANIFEST_FILE, Packed::new(MANIFEST_FILE, manifest)?));
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
        ("consent.csv", table_csv(&export.consent)?),
        ("workshop.json", workshop_json(export)?),
        (RECORD_FILE, record_json(&export.snapshot)?),
        ("codebook.md", CODEBOOK.as_bytes().to_vec()),
        (qdpx::QDPX_FILE, qdpx_zip(std::slice::from_ref(export))?),
        (qdpx::CODEBOOK_FILE, qdpx::codebook(std::slice::from_ref(export))?),
    ])
}

/// The rounds that get a chart: round 1, and round 2 when a second round was opened.
fn chart_rounds(export: &WorkshopExport) -> Vec<u32> {
    if export.aspect_rounds.iter().any(|a| a.round == 2) { vec![1, 2] } else { vec![1] }
}

/// One round's chart, as SVG and PNG, with their names in the zip.
fn chart_files(export: &WorkshopExport, round: u32) -> Result<[(&'static str, Vec<u8>); 2], ExportError> {
    let svg = chart_svg(export, round);
    let png = svg_to_png(&svg)?;
    let names = if round == 1 { ["chart.svg", "chart.png"] } else { ["chart-round-2.svg", "chart-round-2.png"] };
    Ok([(names[0], svg.into_bytes()), (names[1], png)])
}

/// `notes.qdpx` of these workshops ([`qdpx`]): one REFI-QDA project across them.
pub fn qdpx_zip(exports: &[WorkshopExport]) -> Result<Vec<u8>, ExportError> {
    let mut zip = ZipOfFiles::new();
    for (name, bytes) in qdpx::qdpx_files(exports)? {
        zip.add(&name, &bytes)?;
    }
    zip.finish()
}

/// The zip of every file ([`ZipOfFiles`]), each entry deflated on its own thread
/// ([`export_packed`]).
pub fn export_zip(export: &WorkshopExport) -> Result<Vec<u8>, ExportError> {
    let mut zip = ZipOfFiles::new();
    for (name, file) in export_packed(export)? {
        zip.add_packed(name, &file)?;
    }
    zip.finish()
}

/// One file and its entry compressed the way [`ZipOfFiles::add`] compresses it (a zip of that
/// one entry), so files can be deflated on several threads and the entries copied into one
/// zip afterwards as they are ([`ZipOfFiles::add_packed`]), giving the same zip as adding the
/// files one by one.
pub struct Packed {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// A zip holding only this file's entry.
    entry: Vec<u8>,
    /// Its line in the manifest (length and SHA-256), worked out on the same thread.
    listed: ManifestFile,
}

impl Packed {
    /// Compresses `bytes` as the entry `name`.
    pub fn new(name: &str, bytes: Vec<u8>) -> Result<Packed, ExportError> {
        let mut one = ZipOfFiles::new();
        one.add(name, &bytes)?;
        let listed = ManifestFile::of(name, &bytes);
        Ok(Packed { bytes, entry: one.finish()?, listed })
    }
}

/// How hard every entry of an export, and the workbook's own parts, are deflated: level 2 of
/// 9 (zlib-rs's `deflate_fast`; level 3 is already its slower `deflate_medium`) writes the
/// 100,000-event export in about a second on two cores, for a zip about a fifth bigger than
/// level 3's (docs/PERFORMANCE.md, "Export of 100,000 events").
pub const DEFLATE_LEVEL: i64 = 2;

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
            .compression_level(Some(DEFLATE_LEVEL))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        ZipOfFiles { zip: ZipWriter::new(std::io::Cursor::new(Vec::new())), options }
    }

    /// Adds the file `name` (a path inside the zip) with its bytes.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), ExportError> {
        // Already compressed: the workbook and the NVivo project are zips themselves.
        let options = if name.ends_with(".xlsx") || name.ends_with(".png") || name.ends_with(".qdpx") {
            // A level is refused with the stored method.
            self.options.compression_method(CompressionMethod::Stored).compression_level(None)
        } else {
            self.options
        };
        self.zip.start_file(name, options)?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    /// Adds a file compressed beforehand ([`Packed`]) as the entry `name`, copying its
    /// compressed bytes.
    pub fn add_packed(&mut self, name: &str, file: &Packed) -> Result<(), ExportError> {
        let mut one = zip::ZipArchive::new(std::io::Cursor::new(&file.entry[..]))?;
        self.zip.raw_copy_file_rename(one.by_index_raw(0)?, name)?;
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
