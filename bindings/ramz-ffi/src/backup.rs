//! The `Authenticator` methods that make, read and
//! check encrypted backups. The passphrase crosses as bytes and is wiped.

use crate::authenticator::with_wiped;
use crate::{Authenticator, BackupCheck, BackupExport, BackupImport, RamzError};

#[uniffi::export]
impl Authenticator {
    /// Encrypts the accounts under `passphrase` (UTF-8 bytes, at least
    /// eight characters; wiped here). Bank cards are left out unless
    /// `include_non_exportable`. Slow: off the main thread.
    pub fn export_backup(
        &self,
        passphrase: Vec<u8>,
        include_non_exportable: bool,
        device_unix: u64,
    ) -> Result<BackupExport, RamzError> {
        Ok(with_wiped(passphrase, |p| {
            self.inner()
                .export_backup(p, include_non_exportable, device_unix)
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
