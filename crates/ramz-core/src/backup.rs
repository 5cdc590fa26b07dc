//! Encrypted backups as the vault makes them: export to bytes the app
//! stores (a file, a share sheet), import with merge, and verify.
//!
//! The passphrase arrives as bytes and is not kept. The backup bytes are
//! encrypted (Argon2id + XChaCha20-Poly1305, `docs/vault-format.md`), so
//! handing them to the app exposes nothing.

use ramz_vault::{AccountId, BackupComparison, BackupScope};

use crate::account::AccountInfo;
use crate::error::backup_error;
use crate::{Authenticator, CoreError};

/// What `export_backup` wrote.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BackupExport {
    /// The encrypted backup file.
    pub file: Vec<u8>,
    /// Accounts in the backup.
    pub included: u32,
    /// Accounts left out because they are not exportable (bank cards,
    /// unless the export was given the PIN to include them).
    pub left_out: Vec<AccountId>,
}

impl core::fmt::Debug for BackupExport {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BackupExport")
            .field("file", &format_args!("[{} bytes]", self.file.len()))
            .field("included", &self.included)
            .field("left_out", &self.left_out)
            .finish()
    }
}

/// What `import_backup` did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BackupImport {
    /// The accounts added, in their new list order (at the end).
    pub added: Vec<AccountInfo>,
    /// Backup accounts the vault already had (same id, or same secret and
    /// parameters), left unchanged.
    pub duplicates: u32,
}

/// How a backup compares with the vault (`verify_backup`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BackupCheck {
    /// Restoring the backup would give back the vault's accounts (apart
    /// from those left out by policy).
    pub matches: bool,
    /// Accounts identical in both.
    pub identical: u32,
    /// In both, but changed since (renamed, other parameters).
    pub differing: Vec<AccountId>,
    /// In the backup only (deleted from the vault since).
    pub only_in_backup: Vec<AccountId>,
    /// Exportable accounts of the vault missing from the backup.
    pub only_in_vault: Vec<AccountId>,
    /// Non-exportable accounts left out of the backup on purpose.
    pub left_out_by_policy: u32,
}

impl Authenticator {
    /// Encrypts the accounts under `passphrase` (UTF-8, at least eight
    /// characters; Persian and Arabic-Indic digits count as their ASCII
    /// twins). Bank cards (non-exportable accounts) are left out unless
    /// `pin_for_non_exportable` holds the vault's current PIN, which is
    /// checked and counted like an unlock (a wrong one is `WrongPin`, and
    /// nothing is exported). Slow (Argon2id): off the main thread.
    pub fn export_backup(
        &mut self,
        passphrase: &[u8],
        pin_for_non_exportable: Option<&[u8]>,
        device_unix: u64,
    ) -> Result<BackupExport, CoreError> {
        let scope = match pin_for_non_exportable {
            Some(pin) => BackupScope::IncludingNonExportable { pin },
            None => BackupScope::ExportableOnly,
        };
        // Not `backup_error`: nothing here reads a backup file, so a
        // damaged file found while checking the PIN is the vault's.
        let r = self
            .session_mut()?
            .change_settings(|v| v.export_backup(passphrase, scope, device_unix));
        let (file, report) = self.reauthenticated(r)?;
        Ok(BackupExport {
            file,
            included: count(report.included),
            left_out: report.left_out,
        })
    }

    /// Adds the backup's accounts the vault does not have yet (one atomic
    /// save); existing accounts are never changed. Slow: off the main
    /// thread.
    pub fn import_backup(
        &mut self,
        file: &[u8],
        passphrase: &[u8],
        device_unix: u64,
    ) -> Result<BackupImport, CoreError> {
        let session = self.session_mut()?;
        let report = session.change(|v| {
            v.import_backup(file, passphrase, device_unix)
                .map_err(backup_error)
        })?;
        let added = report
            .added
            .iter()
            .map(|id| crate::authenticator::info_by_id(session, *id))
            .collect::<Result<_, _>>()?;
        Ok(BackupImport {
            added,
            duplicates: count(report.duplicates),
        })
    }

    /// Decrypts a backup and compares it with the vault; changes nothing.
    /// Slow: off the main thread.
    pub fn verify_backup(&self, file: &[u8], passphrase: &[u8]) -> Result<BackupCheck, CoreError> {
        let c: BackupComparison = self
            .session()?
            .vault()
            .verify_backup(file, passphrase)
            .map_err(backup_error)?;
        Ok(BackupCheck {
            matches: c.matches(),
            identical: count(c.identical),
            differing: c.differing,
            only_in_backup: c.only_in_backup,
            only_in_vault: c.only_in_vault,
            left_out_by_policy: count(c.left_out_by_policy),
        })
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
