//! The researchers' admin key: from `DS_ADMIN_KEY`, or else from the file `admin-key` beside
//! the database, generated (256 random bits, hex, mode 0600) on the first start so the
//! default set-up works without editing anything.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::secret::new_secret;

/// Name of the key file, in the database's folder.
pub const ADMIN_KEY_FILE: &str = "admin-key";

/// Where the admin key came from.
#[derive(Clone, Debug, PartialEq)]
pub enum KeySource {
    /// `DS_ADMIN_KEY`.
    Environment,
    /// An existing key file.
    File(PathBuf),
    /// Generated now and written to this file.
    Generated(PathBuf),
}

/// The key file of the database at `database_path`.
pub fn key_file(database_path: &Path) -> PathBuf {
    database_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(ADMIN_KEY_FILE)
}

/// The admin key: `configured` if given, else the key file's (trimmed) content, else a new
/// key written to the key file, readable by its owner only.
pub fn resolve_admin_key(configured: Option<&str>, database_path: &Path) -> std::io::Result<(String, KeySource)> {
    if let Some(key) = configured.map(str::trim).filter(|k| !k.is_empty()) {
        return Ok((key.to_string(), KeySource::Environment));
    }
    let path = key_file(database_path);
    match std::fs::read_to_string(&path) {
        Ok(text) if !text.trim().is_empty() => return Ok((text.trim().to_string(), KeySource::File(path))),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let key = new_secret();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path)?;
    file.write_all(format!("{key}\n").as_bytes())?;
    file.sync_all()?;
    Ok((key, KeySource::Generated(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_then_read_back_and_environment_wins() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        let (key, source) = resolve_admin_key(None, &db).unwrap();
        assert_eq!(key.len(), 64);
        assert_eq!(source, KeySource::Generated(dir.path().join(ADMIN_KEY_FILE)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(ADMIN_KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (again, source) = resolve_admin_key(Some("  "), &db).unwrap();
        assert_eq!((again, source), (key, KeySource::File(dir.path().join(ADMIN_KEY_FILE))));
        assert_eq!(resolve_admin_key(Some("k"), &db).unwrap(), ("k".into(), KeySource::Environment));
    }
}
