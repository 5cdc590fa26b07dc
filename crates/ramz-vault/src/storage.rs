//! Where the vault's bytes live: the seam a shell replaces. Files on
//! Android, iOS and the desktop ([`FileStorage`]); memory for tests and
//! for the browser shell, which mirrors it to its own storage
//! ([`MemoryStorage`]).
//!
//! The vault's safety rests on two promises of every implementation:
//! `replace` and `create_new` are all-or-nothing (after a crash the old
//! or the new bytes are there, never a mixture), and a write that
//! returned `Ok` is durable. The vault counts a wrong-PIN attempt by
//! writing it *before* the PIN is tried; if that write fails the unlock
//! fails without trying the PIN.

use core::fmt;
use std::path::{Path, PathBuf};

use crate::{VaultError, atomic, lockout};

/// The items a vault keeps in its storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum StoredItem {
    /// The vault file itself (every format).
    Vault,
    /// The wrong-PIN attempts file that format-1 and format-2 vaults kept
    /// beside the vault. Read, written and removed only until such a
    /// vault is migrated to format 3.
    LegacyAttempts,
}

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// `create_new` found the item already there; it is left untouched.
    #[error("the item already exists")]
    AlreadyExists,
    /// The storage failed (disk, permission, quota, or a crash injected
    /// by a test). What the operation was doing, and the cause.
    #[error("could not {op} the vault file: {source}")]
    Io {
        /// What was being done ("read", "write", "sync", "rename", ...).
        op: &'static str,
        /// The cause. Implementations other than files describe theirs
        /// with an [`std::io::ErrorKind`] (`StorageFull`,
        /// `PermissionDenied`, `Other`).
        #[source]
        source: std::io::Error,
    },
}

impl StorageError {
    /// A closure turning an [`std::io::Error`] into [`StorageError::Io`].
    pub fn io(op: &'static str) -> impl FnOnce(std::io::Error) -> Self {
        move |source| Self::Io { op, source }
    }
}

impl From<StorageError> for VaultError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::AlreadyExists => Self::AlreadyExists,
            StorageError::Io { op, source } => Self::Io { op, source },
        }
    }
}

/// Storage for one vault: a few named byte strings ([`StoredItem`]),
/// each replaced as a whole.
///
/// Contract (checked for [`FileStorage`] and [`MemoryStorage`] by the
/// crate's `tests/storage.rs`, which any other implementation can copy):
/// - `read` gives the bytes of the last successful write, or `None`.
/// - `replace` and `create_new` are atomic: if the process dies during
///   one, the next start reads the old bytes or the new ones, never a
///   mixture or a prefix. When they return `Ok`, the bytes are durable.
/// - `create_new` fails with [`StorageError::AlreadyExists`] if the item
///   exists, and then changes nothing.
/// - `remove` of a missing item is `Ok`.
///
/// Calls are synchronous: the vault writes the wrong-PIN counter and
/// waits for it before it tries the PIN.
pub trait VaultStorage: Send + Sync + fmt::Debug {
    /// The item's bytes, or `None` when there is none.
    fn read(&self, item: StoredItem) -> Result<Option<Vec<u8>>, StorageError>;
    /// Replaces (or creates) the item with `bytes`, atomically and
    /// durably.
    fn replace(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError>;
    /// Creates the item with `bytes`, atomically and durably; fails with
    /// [`StorageError::AlreadyExists`] if it exists.
    fn create_new(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError>;
    /// True when the item exists (valid or not).
    fn exists(&self, item: StoredItem) -> Result<bool, StorageError>;
    /// Deletes the item (overwriting it first where that means
    /// something); a missing item is not an error.
    fn remove(&self, item: StoredItem) -> Result<(), StorageError>;
}

/// A vault in a file, with the legacy attempts file beside it
/// (`<name>.attempts`). Writes go to a temporary file beside the target,
/// which is fsynced, renamed over it, and the directory fsynced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStorage {
    path: PathBuf,
}

impl FileStorage {
    /// The vault file at `path` (nothing is read yet).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file holding `item`.
    pub fn item_path(&self, item: StoredItem) -> PathBuf {
        match item {
            StoredItem::Vault => self.path.clone(),
            StoredItem::LegacyAttempts => lockout::attempts_path(&self.path),
        }
    }
}

impl VaultStorage for FileStorage {
    fn read(&self, item: StoredItem) -> Result<Option<Vec<u8>>, StorageError> {
        match std::fs::read(self.item_path(item)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StorageError::Io {
                op: "read",
                source: e,
            }),
        }
    }

    fn replace(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError> {
        atomic::replace(&self.item_path(item), bytes)
    }

    fn create_new(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError> {
        atomic::create_new(&self.item_path(item), bytes)
    }

    fn exists(&self, item: StoredItem) -> Result<bool, StorageError> {
        Ok(std::fs::symlink_metadata(self.item_path(item)).is_ok())
    }

    fn remove(&self, item: StoredItem) -> Result<(), StorageError> {
        atomic::wipe(&self.item_path(item))
    }
}
