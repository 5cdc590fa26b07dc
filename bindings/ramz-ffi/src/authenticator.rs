//! The `Authenticator` object: `ramz_core::Authenticator` behind a mutex.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ramz_core as core;
use zeroize::Zeroize;

use crate::keystore::ForeignKeystore;
use crate::{
    AccountInfo, ActivationRequest, ClockStatus, CodeEntry, DeviceKeystore, InputReason, LockState,
    ManualEntry, RamzError, Scanned, UnlockResult,
};

/// One vault and its accounts. Thread-safe: calls are serialised. The
/// slow calls (`create`, `unlock`, `change_pin`: Argon2id, a few hundred
/// milliseconds) and `scan_frame` belong off the main thread.
#[derive(uniffi::Object)]
pub struct Authenticator {
    inner: Mutex<core::Authenticator>,
}

impl Authenticator {
    pub(crate) fn inner(&self) -> MutexGuard<'_, core::Authenticator> {
        // The core does not panic while holding the lock; if it ever did,
        // its state is still memory-safe, so carry on.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wrap(inner: core::Authenticator) -> Arc<Self> {
        Arc::new(Self {
            inner: Mutex::new(inner),
        })
    }
}

fn id(text: &str) -> Result<core::AccountId, RamzError> {
    core::AccountId::parse_hex(text).ok_or(RamzError::NotFound)
}

/// Takes a secret buffer from the foreign side and wipes it after `f`.
pub(crate) fn with_wiped<T>(mut bytes: Vec<u8>, f: impl FnOnce(&[u8]) -> T) -> T {
    let r = f(&bytes);
    bytes.zeroize();
    r
}

/// [`with_wiped`] for an optional secret.
pub(crate) fn with_wiped_opt<T>(bytes: Option<Vec<u8>>, f: impl FnOnce(Option<&[u8]>) -> T) -> T {
    match bytes {
        Some(b) => with_wiped(b, |b| f(Some(b))),
        None => f(None),
    }
}

#[uniffi::export]
impl Authenticator {
    /// Creates a vault file at `path` protected by `pin` (six digits as
    /// UTF-8 bytes, any digit script; trivial PINs are refused) and returns
    /// it unlocked. Never overwrites a file. Slow: off the main thread.
    #[uniffi::constructor]
    pub fn create(
        path: String,
        pin: Vec<u8>,
        keystore: Arc<dyn DeviceKeystore>,
        device_unix: u64,
    ) -> Result<Arc<Self>, RamzError> {
        let ks = Arc::new(ForeignKeystore(keystore));
        Ok(Self::wrap(with_wiped(pin, |p| {
            core::Authenticator::create(path, p, ks, device_unix)
        })?))
    }

    /// Opens the vault at `path`, locked. `NoVault` when there is none.
    #[uniffi::constructor]
    pub fn open(path: String, keystore: Arc<dyn DeviceKeystore>) -> Result<Arc<Self>, RamzError> {
        Ok(Self::wrap(core::Authenticator::open(
            path,
            Arc::new(ForeignKeystore(keystore)),
        )?))
    }

    /// Wrong-PIN state for the lock screen.
    pub fn lock_state(&self, device_unix: u64) -> Result<LockState, RamzError> {
        Ok(self.inner().lock_state(device_unix)?)
    }

    /// Tries a PIN (UTF-8 bytes, wiped here). Slow: off the main thread.
    pub fn unlock(&self, pin: Vec<u8>, device_unix: u64) -> Result<UnlockResult, RamzError> {
        Ok(with_wiped(pin, |p| self.inner().unlock(p, device_unix))?)
    }

    /// Unlocks through the biometric slot (the keystore prompts).
    pub fn unlock_with_device(&self) -> Result<(), RamzError> {
        Ok(self.inner().unlock_with_device()?)
    }

    /// Adds or removes the biometric unlock. Turning it on takes the
    /// current PIN (UTF-8 bytes, wiped here), checked and counted like an
    /// unlock (`WrongPin` when wrong); turning it off takes none. Slow
    /// when turning on: off the main thread.
    pub fn set_device_unlock(
        &self,
        enabled: bool,
        current_pin: Option<Vec<u8>>,
        device_unix: u64,
    ) -> Result<(), RamzError> {
        Ok(with_wiped_opt(current_pin, |p| {
            self.inner().set_device_unlock(enabled, p, device_unix)
        })?)
    }

    /// True when biometric unlock is set up.
    pub fn has_device_unlock(&self) -> Result<bool, RamzError> {
        Ok(self.inner().has_device_unlock()?)
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.inner().is_unlocked()
    }

    /// Locks now: keys, secrets and pending scans are wiped before this
    /// returns. Call it when the app goes to the background.
    pub fn lock(&self) {
        self.inner().lock();
    }

    /// Replaces the PIN after checking the current one (both UTF-8 bytes,
    /// wiped here). A wrong current PIN is `WrongPin` (it counts like one
    /// at unlock; the last allowed one wipes the vault: `Wiped`). Re-keys
    /// the vault and turns biometric unlock off. Slow: off the main
    /// thread.
    pub fn change_pin(
        &self,
        current_pin: Vec<u8>,
        new_pin: Vec<u8>,
        device_unix: u64,
    ) -> Result<(), RamzError> {
        Ok(with_wiped(current_pin, |c| {
            with_wiped(new_pin, |n| self.inner().change_pin(c, n, device_unix))
        })?)
    }

    /// Metadata of every account, in list order.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>, RamzError> {
        Ok(self.inner().accounts()?)
    }

    /// Adds a typed-in account; `secret_base32` is the secret as typed
    /// (UTF-8 bytes, wiped here).
    pub fn add_manual(
        &self,
        entry: ManualEntry,
        secret_base32: Vec<u8>,
        device_unix: u64,
    ) -> Result<AccountInfo, RamzError> {
        Ok(with_wiped(secret_base32, |s| {
            self.inner().add_manual(entry, s, device_unix)
        })?)
    }

    /// Classifies a pasted text (UTF-8 bytes, wiped here): an otpauth URI,
    /// a migration batch or a bank activation code.
    pub fn read_text(&self, text: Vec<u8>) -> Result<Scanned, RamzError> {
        with_wiped(text, |t| {
            let t = std::str::from_utf8(t).map_err(|_| RamzError::InvalidInput {
                reason: InputReason::NotAnAccount,
            })?;
            Ok(self.inner().read_text(t)?.into())
        })
    }

    /// Accepts bank activations only from servers within `hosts` (null:
    /// from any server, the default). An entry is a host name, allowing
    /// itself and its subdomains on a dot boundary (`bank.ir` allows
    /// `otp.bank.ir`, not `evilbank.ir` nor `bank.ir.evil.example`), or an
    /// IP address allowing itself; no scheme, port or path. An empty list
    /// allows no server. A malformed entry fails with
    /// `InvalidInput(BankHost)` and the list in force stays. A code for
    /// another server fails with `HostNotAllowed` in `read_text`,
    /// `scan_frame` and `begin_activation`. Kept while locked.
    pub fn set_bank_hosts(&self, hosts: Option<Vec<String>>) -> Result<(), RamzError> {
        Ok(self.inner().set_bank_hosts(hosts)?)
    }

    /// Looks for a QR code in a camera frame: the luma (Y) plane,
    /// `width` × `height` pixels, `row_stride` bytes per row. Null when
    /// there is none. Decoding runs before the authenticator's lock is
    /// taken; call it on the camera's analysis thread.
    pub fn scan_frame(
        &self,
        luma: Vec<u8>,
        width: u32,
        height: u32,
        row_stride: u32,
    ) -> Result<Option<Scanned>, RamzError> {
        Ok(core::Authenticator::scan_frame(
            || self.inner(),
            &luma,
            width as usize,
            height as usize,
            row_stride as usize,
        )?
        .map(Into::into))
    }

    /// Adds a scanned account or migration batch; returns the new accounts
    /// (those already in the vault are skipped). `Duplicate` when every
    /// account of the scan was already there; the scan is then used up.
    /// When the add fails otherwise, nothing is added and the scan stays.
    pub fn add_scanned(
        &self,
        pending: u64,
        device_unix: u64,
    ) -> Result<Vec<AccountInfo>, RamzError> {
        let report = self
            .inner()
            .add_scanned(core::PendingId(pending), device_unix)?;
        // Nothing new (a code scanned again): say so, with the account.
        if let ([], [first, ..]) = (report.added.as_slice(), report.duplicates.as_slice()) {
            return Err(RamzError::Duplicate {
                existing: first.existing.to_string(),
            });
        }
        Ok(report.added)
    }

    /// Forgets a scanned payload (the user cancelled).
    pub fn discard_scanned(&self, pending: u64) {
        self.inner().discard_scanned(core::PendingId(pending));
    }

    /// Changes an account's labels.
    pub fn rename(
        &self,
        id: String,
        issuer: String,
        account: String,
        device_unix: u64,
    ) -> Result<AccountInfo, RamzError> {
        Ok(self
            .inner()
            .rename(self::id(&id)?, &issuer, &account, device_unix)?)
    }

    /// Moves an account to `position` (0 first; past the end: last).
    pub fn move_account(
        &self,
        id: String,
        position: u32,
        device_unix: u64,
    ) -> Result<(), RamzError> {
        Ok(self
            .inner()
            .move_account(self::id(&id)?, position, device_unix)?)
    }

    /// Puts the accounts in this order (every id exactly once).
    pub fn reorder(&self, order: Vec<String>, device_unix: u64) -> Result<(), RamzError> {
        let ids = order
            .iter()
            .map(|s| core::AccountId::parse_hex(s))
            .collect::<Option<Vec<_>>>()
            .ok_or(RamzError::InvalidInput {
                reason: InputReason::Order,
            })?;
        Ok(self.inner().reorder(&ids, device_unix)?)
    }

    /// Deletes an account and its secret.
    pub fn delete(&self, id: String) -> Result<(), RamzError> {
        Ok(self.inner().delete(self::id(&id)?)?)
    }

    /// Next HOTP code; the counter is saved before the code is returned.
    pub fn hotp_next(&self, id: String, device_unix: u64) -> Result<String, RamzError> {
        Ok(self.inner().hotp_next(self::id(&id)?, device_unix)?)
    }

    /// Codes of every account at device time `device_unix` (seconds).
    pub fn codes(&self, device_unix: u64) -> Result<Vec<CodeEntry>, RamzError> {
        Ok(self.inner().codes(device_unix)?)
    }

    /// Code of one account at device time `device_unix` (seconds).
    pub fn code(&self, id: String, device_unix: u64) -> Result<CodeEntry, RamzError> {
        Ok(self.inner().code(self::id(&id)?, device_unix)?)
    }

    /// Sets (or clears with null/nil) a manual clock offset in seconds.
    pub fn set_manual_offset(&self, offset: Option<i64>) -> Result<(), RamzError> {
        Ok(self.inner().set_manual_offset(offset)?)
    }

    /// Records a trusted server time read at `device_unix`; returns the offset.
    pub fn learn_server_time(&self, server_unix: u64, device_unix: u64) -> Result<i64, RamzError> {
        Ok(self.inner().learn_server_time(server_unix, device_unix)?)
    }

    /// Clock correction and a warning when the device clock looks wrong.
    pub fn clock_status(&self, device_unix: u64) -> ClockStatus {
        self.inner().clock_status(device_unix)
    }

    /// Starts completing a scanned bank activation with the SMS code
    /// (UTF-8 bytes, any digit script, wiped here). Send the returned
    /// request; pass the answer to `complete_activation`.
    pub fn begin_activation(
        &self,
        pending: u64,
        sms_code: Vec<u8>,
    ) -> Result<ActivationRequest, RamzError> {
        Ok(with_wiped(sms_code, |c| {
            self.inner().begin_activation(core::PendingId(pending), c)
        })?)
    }

    /// Gives the server's answer (HTTP status and body, received at
    /// `device_unix`); adds the card's second password.
    pub fn complete_activation(
        &self,
        status: u16,
        body: Vec<u8>,
        device_unix: u64,
    ) -> Result<AccountInfo, RamzError> {
        Ok(self
            .inner()
            .complete_activation(status, &body, device_unix)?)
    }
}
