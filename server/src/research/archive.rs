//! Bringing a workshop from another server: the export archive's own files, `event-log.json`
//! (the workshop's stored rows, [`Record`]) and `manifest.json` (every other file's size and
//! SHA-256), and checking an archive before it is imported.
//!
//! An archive is accepted only when it is exactly what an export made: every file the
//! manifest lists is there with its checksum, no other file is, the manifest, `workshop.json`
//! and `event-log.json` name the same workshop, and replaying `event-log.json` (the replay
//! the server uses after a restart, [`StoredWorkshop::replayed`]) gives `placements.csv`,
//! `events.csv`, `summary.csv`, `notes.csv` and `consent.csv` (when it has one) byte for byte
//! (an archive made before the `pair_reference` columns: the same bytes without that column).
//! Anything else is an
//! [`ArchiveProblem`] that names what is wrong, and nothing is created. The store only
//! writes the rows ([`Store::import_record`](crate::store::Store::import_record)).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;

use app::domain::WorkshopInfo;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::csv_files::{table_csv, table_csv_without};
use super::event_table::{has_join_code, without_join_code};
use super::tables::WorkshopExport;
use crate::store::{LoggedEvent, StoredCard, StoredPair, StoredWorkshop, WorkshopSnapshot};

/// The column the tables gained after archives were first made (older archives lack it).
const REFERENCE_COLUMN: &str = "pair_reference";

/// Version of `event-log.json`'s layout.
pub const RECORD_VERSION: u32 = 1;

/// `event-log.json`: the stored rows of one workshop (no secret is in them: pairs' token
/// hashes and the facilitator's secret hash are never read), borrowed from a snapshot when
/// an export writes it (without copying the log), owned when an import reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record<'a> {
    /// [`RECORD_VERSION`].
    pub version: u32,
    /// The workshop's public facts (its join code empty: an archive carries none), with its
    /// template id when it has one.
    pub workshop: WorkshopInfo,
    /// The aspects it was created with, in order.
    pub cards: Cow<'a, [StoredCard]>,
    /// Its pairs, in joining order.
    pub pairs: Cow<'a, [StoredPair]>,
    /// Every event-log row, in sequence order, with the events screens received.
    pub events: Vec<Cow<'a, LoggedEvent>>,
    /// The UTC day (`YYYY-MM-DD`) retention deletes the workshop on, if one is set; left out
    /// when none (and read as none from archives made before retention).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_after: Option<String>,
}

/// The record `snapshot` was read from, without the join code (in the workshop and in the
/// `workshop_created` row), like every file of an export: an import gets a new one.
pub fn record(snapshot: &WorkshopSnapshot) -> Record<'_> {
    let workshop = WorkshopInfo { join_code: String::new(), ..snapshot.workshop.clone() };
    let strip = |state: &Option<serde_json::Value>| without_join_code(state.as_ref()).map(Cow::into_owned);
    let events = snapshot
        .events
        .iter()
        .map(|e| {
            if has_join_code(e.before.as_ref()) || has_join_code(e.after.as_ref()) {
                Cow::Owned(LoggedEvent { before: strip(&e.before), after: strip(&e.after), ..e.clone() })
            } else {
                Cow::Borrowed(e)
            }
        })
        .collect();
    Record {
        version: RECORD_VERSION,
        workshop,
        cards: Cow::Borrowed(&snapshot.start_cards),
        pairs: Cow::Borrowed(&snapshot.pair_rows),
        events,
        delete_after: snapshot.delete_after.clone(),
    }
}

/// `event-log.json`'s bytes. Compact, not pretty: it is for machines (a big workshop's log
/// is 100,000 rows, and indentation doubled the file and the time to zip it).
pub fn record_json(snapshot: &WorkshopSnapshot) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec(&record(snapshot))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Why a record cannot be a workshop on this server; nothing was stored.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RecordError {
    /// A later layout than this server reads.
    #[error("event-log.json has layout version {0}; this server reads version {RECORD_VERSION}")]
    Version(u32),
    /// Sequence numbers must grow.
    #[error("event-log.json: event {seq} comes after event {previous}; the log must be in sequence order")]
    OutOfOrder {
        /// The earlier event's number.
        previous: u64,
        /// This one's.
        seq: u64,
    },
    /// A position outside the spectrum (never written by a server).
    #[error("event-log.json: event {0} places a post-it outside the spectrum (0 to 100)")]
    OffTheSpectrum(u64),
    /// The first event must be the workshop's creation.
    #[error("event-log.json: the log must start with the workshop's creation (event 1)")]
    NoCreation,
}

impl Record<'_> {
    /// The rows of a record this server can store: of [`RECORD_VERSION`], its log starting
    /// with the workshop's creation, in sequence order, every position on the spectrum.
    pub fn into_rows(self) -> Result<StoredWorkshop, RecordError> {
        if self.version != RECORD_VERSION {
            return Err(RecordError::Version(self.version));
        }
        match self.events.first() {
            Some(first) if first.seq == 1 && first.action == "workshop_created" => {}
            _ => return Err(RecordError::NoCreation),
        }
        let mut previous = 0;
        for event in &self.events {
            if event.seq <= previous {
                return Err(RecordError::OutOfOrder { previous, seq: event.seq });
            }
            previous = event.seq;
            if let Some(app::domain::Event::Placed { position: Some(p), .. }) = &event.payload
                && !(0.0..=100.0).contains(p)
            {
                return Err(RecordError::OffTheSpectrum(event.seq));
            }
        }
        Ok(StoredWorkshop {
            workshop: self.workshop,
            cards: self.cards.into_owned(),
            pairs: self.pairs.into_owned(),
            events: self.events.into_iter().map(Cow::into_owned).collect(),
            delete_after: self.delete_after,
        })
    }
}

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
pub fn manifest_json<B: AsRef<[u8]>>(workshop_id: Uuid, files: &[(&str, B)]) -> Result<Vec<u8>, serde_json::Error> {
    manifest_of(workshop_id, files.iter().map(|(name, bytes)| ManifestFile::of(name, bytes.as_ref())).collect())
}

/// The manifest listing `files`, described beforehand ([`ManifestFile::of`], which the export
/// runs on each file's own thread), as [`manifest_json`] writes it.
pub fn manifest_of(workshop_id: Uuid, files: Vec<ManifestFile>) -> Result<Vec<u8>, serde_json::Error> {
    let manifest = Manifest { format: MANIFEST_FORMAT.into(), version: MANIFEST_VERSION, workshop_id, files };
    let mut out = serde_json::to_vec_pretty(&manifest)?;
    out.push(b'\n');
    Ok(out)
}

impl ManifestFile {
    /// The file `name` with these bytes: its length and SHA-256.
    pub fn of(name: &str, bytes: &[u8]) -> ManifestFile {
        ManifestFile { name: name.into(), bytes: bytes.len() as u64, sha256: hex::encode(Sha256::digest(bytes)) }
    }
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

/// Unpacks `zip` and checks it as the module says; the rows to import if it passes.
pub fn check_archive(zip: &[u8]) -> Result<StoredWorkshop, ArchiveProblem> {
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
    let record: Record =
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
    let rows = record.into_rows().map_err(|e| ArchiveProblem::BadRecord(e.to_string()))?;
    let export = WorkshopExport::new(rows.replayed());
    for (name, table) in [
        ("placements.csv", &export.placements),
        ("events.csv", &export.events),
        ("summary.csv", &export.summary),
        ("notes.csv", &export.notes),
        ("consent.csv", &export.consent),
    ] {
        // consent.csv came with the information sheet: an archive made before has none.
        let Some(theirs) = listed.get(name) else { continue };
        let theirs = theirs.as_slice();
        let bad = |e: csv::Error| ArchiveProblem::BadRecord(e.to_string());
        if table_csv(table).map_err(bad)?.as_slice() != theirs
            // An archive from before the `pair_reference` columns has the same rows without them.
            && table_csv_without(table, Some(REFERENCE_COLUMN)).map_err(bad)?.as_slice() != theirs
        {
            return Err(ArchiveProblem::Disagrees(name));
        }
    }
    Ok(rows)
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

    use serde_json::json;
    use zip::write::SimpleFileOptions;

    use super::*;
    use crate::store::ActorKind;

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
        let other = manifest_json::<Vec<u8>>(Uuid::nil(), &[]).unwrap();
        let other = String::from_utf8(other).unwrap().replace(MANIFEST_FORMAT, "something-else");
        let message = check_archive(&zip_of(&[(MANIFEST_FILE, other.as_bytes())])).unwrap_err().to_string();
        assert!(message.contains("\"something-else\""), "{message}");
        // A manifest listing nothing still needs the files an import reads.
        let empty = manifest_json::<Vec<u8>>(Uuid::nil(), &[]).unwrap();
        assert_eq!(check_archive(&zip_of(&[(MANIFEST_FILE, &empty)])), Err(ArchiveProblem::Required("placements.csv")));
    }

    /// A workshop linked to a template, one aspect standing for a template aspect, and its
    /// creation row recording the join code (as `workshop_created` does).
    fn rows_with_template_ids() -> StoredWorkshop {
        let workshop = WorkshopInfo {
            id: Uuid::from_u128(1),
            title: "T".into(),
            site: "S".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            join_code: "QWERTY".into(),
            created_at: 0,
            template_id: Some(Uuid::from_u128(2)),
        };
        let card = StoredCard {
            id: Uuid::from_u128(3),
            text: "A".into(),
            order: 0,
            created_at: 0,
            template_aspect_id: Some(Uuid::from_u128(4)),
        };
        let created = LoggedEvent {
            seq: 1,
            at: 0,
            actor: ActorKind::Facilitator,
            actor_label: String::new(),
            action: "workshop_created".into(),
            card_id: None,
            pair_id: None,
            before: None,
            after: Some(json!({"title": "T", "join_code": "QWERTY"})),
            change_id: None,
            payload: None,
        };
        StoredWorkshop { workshop, cards: vec![card], pairs: Vec::new(), events: vec![created], delete_after: None }
    }

    #[test]
    fn the_record_carries_template_ids_but_no_join_code_and_reads_back() {
        let rows = rows_with_template_ids();
        let bytes = record_json(&rows.replayed()).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("QWERTY"), "no join code travels");
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(json["workshop"]["template_id"].is_string() && json["cards"][0]["template_aspect_id"].is_string());
        let back = serde_json::from_value::<Record>(json.clone()).unwrap().into_rows().unwrap();
        assert_eq!(back.workshop, WorkshopInfo { join_code: String::new(), ..rows.workshop.clone() });
        assert_eq!((&back.cards, &back.pairs), (&rows.cards, &rows.pairs));
        assert_eq!(back.events[0].after, Some(json!({"title": "T"})));

        // An archive from before templates reads as having none.
        let mut old = json;
        old["workshop"].as_object_mut().unwrap().remove("template_id");
        old["cards"][0].as_object_mut().unwrap().remove("template_aspect_id");
        let old = serde_json::from_value::<Record>(old).unwrap().into_rows().unwrap();
        assert_eq!((old.workshop.template_id, old.cards[0].template_aspect_id), (None, None));
    }

    #[test]
    fn a_record_this_server_cannot_store_is_named() {
        let record = |rows: &StoredWorkshop| serde_json::from_slice::<Record>(&record_json(&rows.replayed()).unwrap());
        let rows = rows_with_template_ids();
        let mut later = record(&rows).unwrap();
        later.version = RECORD_VERSION + 1;
        assert_eq!(later.into_rows(), Err(RecordError::Version(RECORD_VERSION + 1)));
        let mut twice = rows.clone();
        twice.events.push(twice.events[0].clone());
        assert_eq!(record(&twice).unwrap().into_rows(), Err(RecordError::OutOfOrder { previous: 1, seq: 1 }));
        let mut no_creation = rows;
        no_creation.events[0].action = "placed".into();
        assert_eq!(record(&no_creation).unwrap().into_rows(), Err(RecordError::NoCreation));
    }
}
