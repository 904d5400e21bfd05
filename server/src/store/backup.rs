//! `server backup`: a consistent copy of a SQLite database taken while a server writes to it.
//!
//! The copy is made with SQLite's online backup API in one step: it reads the whole database
//! inside one read transaction, so it is the database as of one moment (every change
//! committed before the backup began, none half-written), while the server's writer goes on
//! committing to the WAL meanwhile. It opens a connection of its own and relies on no setting
//! of the serving process's connections. The copy is written to a temporary file beside the
//! target, checked with `PRAGMA integrity_check`, and only then moved into place, so a failed
//! or interrupted backup never leaves a partial file under the target's name.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How long the backup waits for a lock held by the server (a checkpoint, a schema change).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What a backup copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// The copy's size in bytes.
    pub bytes: u64,
    /// Workshops in the copy.
    pub workshops: i64,
    /// Event-log rows in the copy (every change ever committed).
    pub events: i64,
    /// Whether an existing file was replaced (`--force`).
    pub replaced: bool,
}

/// Why a backup was refused or failed; nothing was written under the target's name.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// There is no database at the source path.
    #[error("there is no database at {0}: check --database (DS_DATABASE)")]
    NoSource(PathBuf),
    /// The target exists and `--force` was not given.
    #[error("{0} already exists: give another file, or add --force to replace it")]
    TargetExists(PathBuf),
    /// The target's folder does not exist.
    #[error("the folder of {0} does not exist: create it first")]
    NoFolder(PathBuf),
    /// The copy failed `PRAGMA integrity_check`; it was not kept.
    #[error("the copy failed SQLite's integrity check ({0}); it was not kept")]
    Damaged(String),
    /// SQLite failed (the source is not a database, the disk is full, …).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file system failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// Why it failed.
        source: std::io::Error,
    },
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError {
    let what = what.into();
    move |source| BackupError::Io { what, source }
}

/// Copies the SQLite database at `from` to `to` consistently (see the module's comment),
/// refusing to replace an existing `to` unless `force`.
pub fn backup_sqlite(from: &Path, to: &Path, force: bool) -> Result<BackupReport, BackupError> {
    if !from.is_file() {
        return Err(BackupError::NoSource(from.to_path_buf()));
    }
    let replaced = to.exists();
    if replaced && !force {
        return Err(BackupError::TargetExists(to.to_path_buf()));
    }
    let folder = match to.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(BackupError::NoFolder(to.to_path_buf()));
    }
    let temporary = tempfile::Builder::new()
        .prefix(".backup-")
        .suffix(".sqlite3.partial")
        .tempfile_in(&folder)
        .map_err(io(format!("cannot create a file in {}", folder.display())))?;

    // Never creates the source: it must be there (checked above) and stays untouched.
    let source =
        Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    source.busy_timeout(BUSY_TIMEOUT)?;
    {
        let mut copy = Connection::open(temporary.path())?;
        let backup = rusqlite::backup::Backup::new(&source, &mut copy)?;
        copy_all_at_once(&backup)?;
    }
    drop(source);

    let report = check(temporary.path(), replaced)?;
    if force {
        temporary.persist(to).map_err(|e| io(format!("cannot write {}", to.display()))(e.error))?;
    } else {
        // Fails, rather than replacing, if a file of that name appeared meanwhile.
        temporary.persist_noclobber(to).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => BackupError::TargetExists(to.to_path_buf()),
            _ => io(format!("cannot write {}", to.display()))(e.error),
        })?;
    }
    Ok(report)
}

/// Copies every page in one step (`-1`): one read transaction, so one consistent moment. A
/// step that finds the database locked (SQLite's busy handler already waited) is retried a
/// few times before giving up.
fn copy_all_at_once(backup: &rusqlite::backup::Backup<'_, '_>) -> Result<(), BackupError> {
    use rusqlite::backup::StepResult;
    for _ in 0..RETRIES {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // Cannot happen with -1; go on copying if it did.
            StepResult::More => continue,
            // Busy, Locked (and any kind a later rusqlite adds): wait, then try again.
            _ => std::thread::sleep(Duration::from_millis(200)),
        }
    }
    Err(BackupError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed locked; try again".into()),
    )))
}

/// Times a locked step is tried again ([`copy_all_at_once`]).
const RETRIES: usize = 50;

/// Opens the copy afresh, checks its integrity and counts what it holds.
fn check(copy: &Path, replaced: bool) -> Result<BackupReport, BackupError> {
    let conn = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let problems: Vec<String> =
        conn.prepare("PRAGMA integrity_check")?.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
    if problems != ["ok"] {
        return Err(BackupError::Damaged(problems.join("; ")));
    }
    let count = |table: &str| conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| row.get::<_, i64>(0));
    let (workshops, events) = (count("workshops")?, count("events")?);
    // Closing the last connection folds the copy's WAL, if it made one, back into the file.
    conn.close().map_err(|(_, e)| e)?;
    let bytes = std::fs::metadata(copy).map_err(io(format!("cannot read {}", copy.display())))?.len();
    Ok(BackupReport { bytes, workshops, events, replaced })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewWorkshopRecord, Store};

    fn workshop(title: &str) -> NewWorkshopRecord {
        NewWorkshopRecord {
            title: title.into(),
            site: "S".into(),
            question: "Q".into(),
            left_pole: "L".into(),
            right_pole: "R".into(),
            aspects: vec!["A".into()],
        }
    }

    #[test]
    fn a_copy_of_an_open_database_holds_its_workshops_and_opens_as_a_store() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.sqlite3");
        let store = Store::open(&db).unwrap();
        store.create_workshop(&workshop("One"), "h1", 0).unwrap();
        store.create_workshop(&workshop("Two"), "h2", 0).unwrap();
        let to = dir.path().join("copy.sqlite3");
        let report = backup_sqlite(&db, &to, false).unwrap();
        assert_eq!((report.workshops, report.replaced), (2, false));
        assert!(report.events >= 2, "{report:?}");
        assert_eq!(report.bytes, std::fs::metadata(&to).unwrap().len());
        let copy = Store::open(&to).unwrap();
        let titles: Vec<String> = copy.list_workshops().unwrap().into_iter().map(|w| w.title).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced_and_a_missing_source_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.sqlite3");
        Store::open(&db).unwrap().create_workshop(&workshop("One"), "h1", 0).unwrap();
        let to = dir.path().join("old.sqlite3");
        std::fs::write(&to, "an older backup").unwrap();
        let err = backup_sqlite(&db, &to, false).unwrap_err();
        assert!(matches!(err, BackupError::TargetExists(_)), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "an older backup");
        let report = backup_sqlite(&db, &to, true).unwrap();
        assert!(report.replaced);
        assert_eq!(report.workshops, 1);

        let missing = dir.path().join("nothing-here.sqlite3");
        let err = backup_sqlite(&missing, &dir.path().join("x.sqlite3"), false).unwrap_err();
        assert!(matches!(err, BackupError::NoSource(_)), "{err}");
        assert!(!missing.exists());
        let err = backup_sqlite(&db, &dir.path().join("no").join("x.sqlite3"), false).unwrap_err();
        assert!(matches!(err, BackupError::NoFolder(_)), "{err}");
    }
}
