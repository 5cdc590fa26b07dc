//! The `Authenticator` object: `ramz_core::Authenticator` behind a mutex.

use std::sync::{Mutex, MutexGuard, PoisonError};

use ramz_core as core;
use zeroize::Zeroize;

use crate::{AccountInfo, ClockStatus, CodeEntry, ManualEntry, RamzError};

/// One vault and its accounts. Thread-safe; calls are serialised.
#[derive(uniffi::Object)]
pub struct Authenticator {
    inner: Mutex<core::Authenticator>,
}

impl Authenticator {
    fn inner(&self) -> MutexGuard<'_, core::Authenticator> {
        // Nothing in the core panics while holding the lock; if something
        // ever did, the state is still memory-safe, so carry on.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Authenticator {
    /// An unlocked authenticator that stores nothing (previews, tests).
    /// Locking it discards its accounts.
    #[uniffi::constructor]
    pub fn in_memory() -> Self {
        Self {
            inner: Mutex::new(core::Authenticator::in_memory()),
        }
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.inner().is_unlocked()
    }

    /// Locks now: secrets and keys are wiped before this returns. Call it
    /// when the app goes to the background.
    pub fn lock(&self) {
        self.inner().lock();
    }

    /// Metadata of every account, in list order.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>, RamzError> {
        Ok(self
            .inner()
            .accounts()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Adds a typed-in account. `secret_base32` is the secret as typed
    /// (UTF-8 bytes); it is wiped here after use.
    pub fn add_manual(
        &self,
        entry: ManualEntry,
        mut secret_base32: Vec<u8>,
    ) -> Result<AccountInfo, RamzError> {
        let r = self.inner().add_manual(entry.into(), &secret_base32);
        secret_base32.zeroize();
        Ok(r?.into())
    }

    /// Changes an account's labels.
    pub fn rename(
        &self,
        id: u64,
        issuer: String,
        account: String,
    ) -> Result<AccountInfo, RamzError> {
        Ok(self
            .inner()
            .rename(core::AccountId(id), &issuer, &account)?
            .into())
    }

    /// Puts the accounts in this order (every id exactly once).
    pub fn reorder(&self, order: Vec<u64>) -> Result<(), RamzError> {
        let ids: Vec<core::AccountId> = order.into_iter().map(core::AccountId).collect();
        Ok(self.inner().reorder(&ids)?)
    }

    /// Deletes an account and its secret.
    pub fn delete(&self, id: u64) -> Result<(), RamzError> {
        Ok(self.inner().delete(core::AccountId(id))?)
    }

    /// Next HOTP code; advances the counter.
    pub fn hotp_next(&self, id: u64) -> Result<String, RamzError> {
        Ok(self.inner().hotp_next(core::AccountId(id))?)
    }

    /// Codes of every account at device time `device_unix` (seconds).
    pub fn codes(&self, device_unix: u64) -> Result<Vec<CodeEntry>, RamzError> {
        Ok(self
            .inner()
            .codes(device_unix)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Code of one account at device time `device_unix` (seconds).
    pub fn code(&self, id: u64, device_unix: u64) -> Result<CodeEntry, RamzError> {
        Ok(self.inner().code(core::AccountId(id), device_unix)?.into())
    }

    /// Sets (or clears with null/nil) a manual clock offset in seconds.
    pub fn set_manual_offset(&self, offset: Option<i64>) {
        self.inner().set_manual_offset(offset);
    }

    /// Records a trusted server time read at `device_unix`; returns the offset.
    pub fn learn_server_time(&self, server_unix: u64, device_unix: u64) -> i64 {
        self.inner().learn_server_time(server_unix, device_unix)
    }

    /// Clock correction and a warning when the device clock looks wrong.
    pub fn clock_status(&self, device_unix: u64) -> ClockStatus {
        self.inner().clock_status(device_unix).into()
    }
}
