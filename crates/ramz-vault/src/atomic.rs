//! Crash-safe file replacement: write a temporary file beside the target,
//! fsync it, rename it over the target, fsync the directory. A reader (or
//! the next start after a crash) sees the old bytes or the new bytes,
//! never a mixture.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::storage::StorageError;

/// Replaces `path` with `bytes` atomically (see the module docs).
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let tmp = temp_path(path);
    let result = write_synced(&tmp, bytes)
        .and_then(|()| fs::rename(&tmp, path).map_err(StorageError::io("rename")));
    if result.is_err() {
        // Best effort: the temporary file is garbage either way.
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(path)
}

/// Creates `path` with `bytes`, failing with [`StorageError::AlreadyExists`]
/// if anything is there. Still goes through a temporary file, so a crash
/// never leaves a half-written file under the final name.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(StorageError::AlreadyExists);
    }
    let tmp = temp_path(path);
    write_synced(&tmp, bytes)?;
    // `hard_link` fails if the target exists, closing the race between the
    // check above and here.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => sync_dir(path),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StorageError::AlreadyExists),
        Err(e) => Err(StorageError::Io {
            op: "create",
            source: e,
        }),
    }
}

/// Overwrites the file's bytes with zeros (best effort: flash storage may
/// keep old blocks; the keys, not the overwrite, are what protect it), then
/// removes it.
pub(crate) fn wipe(path: &Path) -> Result<(), StorageError> {
    if let Ok(meta) = fs::metadata(path) {
        if let Ok(mut f) = OpenOptions::new().write(true).open(path) {
            let len = usize::try_from(meta.len()).unwrap_or(0).min(16 << 20);
            let _ = f.write_all(&vec![0u8; len]);
            let _ = f.sync_all();
        }
    }
    match fs::remove_file(path) {
        Ok(()) => sync_dir(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StorageError::Io {
            op: "remove",
            source: e,
        }),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(StorageError::io("create"))?;
    file.write_all(bytes).map_err(StorageError::io("write"))?;
    file.sync_all().map_err(StorageError::io("sync"))
}

#[cfg(unix)]
fn sync_dir(path: &Path) -> Result<(), StorageError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StorageError::io("sync the directory of"))
}

#[cfg(not(unix))]
fn sync_dir(_path: &Path) -> Result<(), StorageError> {
    // Windows has no directory fsync; the rename is durable once the file
    // itself was flushed.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("v");
        create_new(&p, b"one").unwrap();
        assert!(matches!(
            create_new(&p, b"two"),
            Err(StorageError::AlreadyExists)
        ));
        assert_eq!(fs::read(&p).unwrap(), b"one");
        replace(&p, b"three").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        assert!(!temp_path(&p).exists());
        wipe(&p).unwrap();
        assert!(!p.exists());
    }
}
