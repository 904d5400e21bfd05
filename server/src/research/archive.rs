//! Bringing a workshop from another server: the export archive's `manifest.json` (every
//! other file's size and SHA-256), and checking an archive before it is imported.
//!
//! An archive is accepted only when it is exactly what an export made: every file the
//! manifest lists is there with its checksum, no other file is, the manifest, `workshop.json`
//! and `event-log.json` name the same workshop, and replaying `event-log.json` (the replay
//! the server uses after a restart) gives `placements.csv`, `events.csv`, `summary.csv` and
//! `notes.csv` byte for byte. Anything else is an [`ArchiveProblem`] that names what is
//! wrong, and nothing is created.

use std::collections::BTreeMap;
use std::io::Read;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::csv_files::table_csv;
use super::tables::WorkshopExport;
use crate::store::{StoredRecord, replayed_snapshot};

/// `format` of `manifest.json`.
pub const MANIFEST_FORMAT: &str = "discretion-spectrum-export";
/// Version of `manifest.json`'s layout.
pub const MANIFEST_VERSION: u32 = 1;
/// The archive's record of the workshop, what an import rebuilds it from.
pub const RECORD_FILE: &str = "event-log.json";
/// The manifest's own name.
pub const MANIFEST_FILE: &str = "manifest.json";
/// Files an import needs (the manifest must list them).
const REQUIRED: [&str; 6] = ["placements.csv", "events.csv", "summary.csv", "notes.csv", "workshop.json", RECORD_FILE];
/// Most files an archive may hold (an export has 12).
const MAX_FILES: usize = 64;
/// Most bytes all files of an archive may unpack to (a zip bomb stops here).
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;

/// `manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: String,
    /// [`MANIFEST_VERSION`].
    pub version: u32,
    /// The workshop the files are of.
    pub workshop_id: Uuid,
    /// Every other file of the archive, in zip order.
    pub files: Vec<ManifestFile>,
}

/// One file in the manifest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Its name in the zip.
    pub name: String,
    /// Its length.
    pub bytes: u64,
    /// Lower-case hex SHA-256 of its bytes.
    pub sha256: String,
}

/// The manifest of `files` (pretty JSON with a final newline).
pub fn manifest_json(workshop_id: Uuid, files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, serde_json::Error> {
    let manifest = Manifest {
        format: MANIFEST_FORMAT.into(),
        version: MANIFEST_VERSION,
        workshop_id,
        files: files
            .iter()
            .map(|(name, bytes)| ManifestFile {
                name: (*name).into(),
                bytes: bytes.len() as u64,
                sha256: hex::encode(Sha256::digest(bytes)),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&manifest)?;
    out.push(b'\n');
    Ok(out)
}

/// What is wrong with an archive, in words a researcher can act on.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ArchiveProblem {
    /// Not a readable zip.
    #[error("This is not a workshop archive (not a readable zip file: {0}).")]
    NotZip(String),
    /// Too many files or too many bytes.
    #[error("This archive is too large to be a workshop export ({0}).")]
    TooLarge(String),
    /// No manifest.
    #[error(
        "The archive has no manifest.json, so it cannot be checked. Import the zip exactly as \
         Discretion Spectrum exported it (an export from before manifests existed must be exported again)."
    )]
    NoManifest,
    /// The manifest does not parse, or is of another format.
    #[error("manifest.json cannot be read: {0}.")]
    BadManifest(String),
    /// A file the manifest lists is not in the zip.
    #[error("{0} is listed in manifest.json but missing from the archive.")]
    Missing(String),
    /// A file an import needs is not in the manifest.
    #[error("The archive has no {0}; an import needs it.")]
    Required(&'static str),
    /// A file in the zip that the manifest does not list.
    #[error("{0} is in the archive but not in manifest.json; the archive was changed after the export.")]
    Unlisted(String),
    /// A file whose bytes differ from the manifest's checksum.
    #[error("{0} does not match its checksum in manifest.json: the file was changed after the export.")]
    Changed(String),
    /// `event-log.json` does not parse or cannot be replayed.
    #[error("event-log.json cannot be read: {0}.")]
    BadRecord(String),
    /// The files are of different workshops.
    #[error("{file} is of workshop {found}, but manifest.json is of workshop {expected}: the archive mixes workshops.")]
    OtherWorkshop {
        /// Which file.
        file: &'static str,
        /// Its workshop.
        found: String,
        /// The manifest's.
        expected: Uuid,
    },
    /// A table is not what the archive's event log gives.
    #[error("{0} does not match what the archive's event log gives: the archive mixes files of different exports.")]
    Disagrees(&'static str),
}

/// Unpacks `zip` and checks it as the module says; the record to import if it passes.
pub fn check_archive(zip: &[u8]) -> Result<StoredRecord, ArchiveProblem> {
    let files = unpack(zip)?;
    let manifest_bytes = files.get(MANIFEST_FILE).ok_or(ArchiveProblem::NoManifest)?;
    let manifest: Manifest =
        serde_json::from_slice(manifest_bytes).map_err(|e| ArchiveProblem::BadManifest(e.to_string()))?;
    if manifest.format != MANIFEST_FORMAT || manifest.version != MANIFEST_VERSION {
        return Err(ArchiveProblem::BadManifest(format!(
            "it is format {:?} version {}, this server reads {MANIFEST_FORMAT:?} version {MANIFEST_VERSION}",
            manifest.format, manifest.version
        )));
    }
    let mut listed = BTreeMap::new();
    for file in &manifest.files {
        let bytes = files.get(file.name.as_str()).ok_or_else(|| ArchiveProblem::Missing(file.name.clone()))?;
        if bytes.len() as u64 != file.bytes || hex::encode(Sha256::digest(bytes)) != file.sha256.to_ascii_lowercase() {
            return Err(ArchiveProblem::Changed(file.name.clone()));
        }
        listed.insert(file.name.as_str(), bytes);
    }
    if let Some(extra) = files.keys().find(|name| *name != MANIFEST_FILE && !listed.contains_key(name.as_str())) {
        return Err(ArchiveProblem::Unlisted(extra.clone()));
    }
    if let Some(required) = REQUIRED.into_iter().find(|name| !listed.contains_key(name)) {
        return Err(ArchiveProblem::Required(required));
    }
    let record: StoredRecord =
        serde_json::from_slice(listed[RECORD_FILE]).map_err(|e| ArchiveProblem::BadRecord(e.to_string()))?;
    if record.workshop.id != manifest.workshop_id {
        return Err(ArchiveProblem::OtherWorkshop {
            file: RECORD_FILE,
            found: record.workshop.id.to_string(),
            expected: manifest.workshop_id,
        });
    }
    let described: serde_json::Value =
        serde_json::from_slice(listed["workshop.json"]).map_err(|e| ArchiveProblem::BadManifest(e.to_string()))?;
    let described_id = described.pointer("/workshop/id").and_then(|v| v.as_str()).unwrap_or("none");
    if described_id != manifest.workshop_id.to_string() {
        return Err(ArchiveProblem::OtherWorkshop {
            file: "workshop.json",
            found: described_id.to_string(),
            expected: manifest.workshop_id,
        });
    }
    let snapshot = replayed_snapshot(&record).map_err(|e| ArchiveProblem::BadRecord(e.to_string()))?;
    let export = WorkshopExport::new(snapshot);
    for (name, table) in [
        ("placements.csv", &export.placements),
        ("events.csv", &export.events),
        ("summary.csv", &export.summary),
        ("notes.csv", &export.notes),
    ] {
        let ours = table_csv(table).map_err(|e| ArchiveProblem::BadRecord(e.to_string()))?;
        if ours.as_slice() != listed[name].as_slice() {
            return Err(ArchiveProblem::Disagrees(name));
        }
    }
    Ok(record)
}

/// Every file of the zip by name, within [`MAX_FILES`] and [`MAX_UNPACKED_BYTES`].
fn unpack(zip: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, ArchiveProblem> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(|e| ArchiveProblem::NotZip(e.to_string()))?;
    if archive.len() > MAX_FILES {
        return Err(ArchiveProblem::TooLarge(format!("{} files; an export has about a dozen", archive.len())));
    }
    let mut files = BTreeMap::new();
    let mut budget = MAX_UNPACKED_BYTES;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| ArchiveProblem::NotZip(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| ArchiveProblem::NotZip(e.to_string()))?.to_string();
        let mut bytes = Vec::new();
        // One byte more than the budget tells a file that would exceed it.
        entry.take(budget + 1).read_to_end(&mut bytes).map_err(|e| ArchiveProblem::NotZip(e.to_string()))?;
        budget = budget.checked_sub(bytes.len() as u64).ok_or_else(|| {
            ArchiveProblem::TooLarge(format!("it unpacks to more than {} MiB", MAX_UNPACKED_BYTES >> 20))
        })?;
        if files.insert(name.clone(), bytes).is_some() {
            return Err(ArchiveProblem::NotZip(format!("{name} is in it twice")));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in files {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_stops_at_the_unpacked_limit() {
        // One file of zeros a byte over the limit: a few hundred KB packed.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("placements.csv", SimpleFileOptions::default().large_file(true)).unwrap();
        let chunk = vec![0u8; 1 << 20];
        for _ in 0..(MAX_UNPACKED_BYTES >> 20) {
            zip.write_all(&chunk).unwrap();
        }
        zip.write_all(&[0]).unwrap();
        let bomb = zip.finish().unwrap().into_inner();
        assert!(bomb.len() < 1 << 20, "{} bytes packed", bomb.len());
        assert!(matches!(check_archive(&bomb), Err(ArchiveProblem::TooLarge(_))));
    }

    #[test]
    fn too_many_files_a_bad_manifest_and_a_wrong_format_are_named() {
        let names: Vec<String> = (0..=MAX_FILES).map(|i| format!("f{i}.txt")).collect();
        let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        assert!(matches!(check_archive(&zip_of(&many)), Err(ArchiveProblem::TooLarge(_))));
        let broken = zip_of(&[(MANIFEST_FILE, b"{ not json")]);
        assert!(matches!(check_archive(&broken), Err(ArchiveProblem::BadManifest(_))));
        let other = manifest_json(Uuid::nil(), &[]).unwrap();
        let other = String::from_utf8(other).unwrap().replace(MANIFEST_FORMAT, "something-else");
        let message = check_archive(&zip_of(&[(MANIFEST_FILE, other.as_bytes())])).unwrap_err().to_string();
        assert!(message.contains("\"something-else\""), "{message}");
        // A manifest listing nothing still needs the files an import reads.
        let empty = manifest_json(Uuid::nil(), &[]).unwrap();
        assert_eq!(check_archive(&zip_of(&[(MANIFEST_FILE, &empty)])), Err(ArchiveProblem::Required("placements.csv")));
    }
}
