//! The `Authenticator` methods that make, read and
//! check encrypted backups. The passphrase crosses as bytes and is wiped.

use crate::authenticator::{with_wiped, with_wiped_opt};
use crate::{Authenticator, BackupCheck, BackupExport, BackupImport, RamzError};

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
        })?)
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
        })?)
    }

    /// Compares a backup with the vault; changes nothing. Slow.
    pub fn verify_backup(
        &self,
        file: Vec<u8>,
        passphrase: Vec<u8>,
    ) -> Result<BackupCheck, RamzError> {
        Ok(with_wiped(passphrase, |p| {
            self.inner().verify_backup(&file, p)
        })?)
    }
}
