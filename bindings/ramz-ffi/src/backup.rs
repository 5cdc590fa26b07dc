//! Backup records and the `Authenticator` methods that make, read and
//! check encrypted backups. The passphrase crosses as bytes and is wiped.

use ramz_core as core;

use crate::authenticator::{with_wiped, with_wiped_opt};
use crate::{AccountInfo, Authenticator, RamzError};

/// What `export_backup` wrote. `file` is encrypted: store or share it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupExport {
    /// The encrypted backup file.
    pub file: Vec<u8>,
    /// Accounts in the backup.
    pub included: u32,
    /// Ids of the accounts left out (bank cards, unless included).
    pub left_out: Vec<String>,
}

/// What `import_backup` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupImport {
    /// The accounts added, at the end of the list.
    pub added: Vec<AccountInfo>,
    /// Backup accounts the vault already had, left unchanged.
    pub duplicates: u32,
}

/// How a backup compares with the vault.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BackupCheck {
    /// Restoring the backup would give back the vault's accounts.
    pub matches: bool,
    /// Accounts identical in both.
    pub identical: u32,
    /// Ids in both whose labels or parameters changed since.
    pub differing: Vec<String>,
    /// Ids in the backup only (deleted since).
    pub only_in_backup: Vec<String>,
    /// Ids of exportable accounts missing from the backup.
    pub only_in_vault: Vec<String>,
    /// Bank cards left out of the backup on purpose.
    pub left_out_by_policy: u32,
}

#[uniffi::export]
impl Authenticator {
    /// Encrypts the accounts under `passphrase` (UTF-8 bytes, at least
    /// eight characters; wiped here). Bank cards are left out unless
    /// `pin_for_non_exportable` holds the current PIN (UTF-8 bytes, wiped
    /// here), checked and counted like an unlock (`WrongPin` when wrong;
    /// nothing is exported then). Slow: off the main thread.
    pub fn export_backup(
        &self,
        passphrase: Vec<u8>,
        pin_for_non_exportable: Option<Vec<u8>>,
        device_unix: u64,
    ) -> Result<BackupExport, RamzError> {
        Ok(with_wiped(passphrase, |p| {
            with_wiped_opt(pin_for_non_exportable, |pin| {
                self.inner().export_backup(p, pin, device_unix)
            })
        })?
        .into())
    }

    /// Adds the backup's accounts the vault lacks; changes none. Slow.
    pub fn import_backup(
        &self,
        file: Vec<u8>,
        passphrase: Vec<u8>,
        device_unix: u64,
    ) -> Result<BackupImport, RamzError> {
        Ok(with_wiped(passphrase, |p| {
            self.inner().import_backup(&file, p, device_unix)
        })?
        .into())
    }

    /// Compares a backup with the vault; changes nothing. Slow.
    pub fn verify_backup(
        &self,
        file: Vec<u8>,
        passphrase: Vec<u8>,
    ) -> Result<BackupCheck, RamzError> {
        Ok(with_wiped(passphrase, |p| self.inner().verify_backup(&file, p))?.into())
    }
}

fn ids(ids: Vec<core::AccountId>) -> Vec<String> {
    ids.into_iter().map(|id| id.to_string()).collect()
}

impl From<core::BackupExport> for BackupExport {
    fn from(e: core::BackupExport) -> Self {
        Self {
            file: e.file,
            included: e.included,
            left_out: ids(e.left_out),
        }
    }
}

impl From<core::BackupImport> for BackupImport {
    fn from(i: core::BackupImport) -> Self {
        Self {
            added: i.added.into_iter().map(Into::into).collect(),
            duplicates: i.duplicates,
        }
    }
}

impl From<core::BackupCheck> for BackupCheck {
    fn from(c: core::BackupCheck) -> Self {
        Self {
            matches: c.matches,
            identical: c.identical,
            differing: ids(c.differing),
            only_in_backup: ids(c.only_in_backup),
            only_in_vault: ids(c.only_in_vault),
            left_out_by_policy: c.left_out_by_policy,
        }
    }
}
