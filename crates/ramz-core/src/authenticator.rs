//! The facade: one object per vault that the app shell drives.

use std::path::PathBuf;
use std::sync::Arc;

use ramz_activation::ClientActivation;
use ramz_vault::{
    AccountId, DeviceKeystore, FileStorage, UnlockOutcome, UnlockedVault, Vault, VaultConfig,
    VaultStorage,
};
use zeroize::Zeroizing;

use crate::account::{AccountInfo, ManualEntry, info_of};
use crate::bank_hosts::BankHosts;
use crate::clock::{Clock, ClockStatus};
use crate::codes::{self, CodeEntry};
use crate::pending::{Pending, PendingId};
use crate::session::Session;
use crate::{CoreError, InputProblem};

/// The authenticator an app drives.
///
/// Synchronous, and free of I/O except the vault's storage: the caller passes
/// the device time (Unix seconds) to every call that needs it. Calls that
/// derive keys from the PIN (`create`, `unlock`, `change_pin`) take a
/// noticeable fraction of a second on purpose (Argon2id): **call them off
/// the main thread**.
pub struct Authenticator {
    vault: Vault,
    session: Option<Session>,
    pub(crate) clock: Clock,
    pub(crate) pending: Pending,
    pub(crate) activation: Option<(PendingId, ClientActivation)>,
    pub(crate) bank_hosts: BankHosts,
}

/// The verdict on a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum UnlockResult {
    /// Unlocked.
    Unlocked,
    /// Wrong PIN; the counter moved.
    WrongPin {
        /// Attempts before the vault is wiped (`None`: never wiped).
        attempts_left: Option<u32>,
        /// Seconds before the next attempt is accepted (0: at once).
        wait_seconds: u64,
    },
    /// Too soon after a wrong PIN: the PIN was not tried.
    TryLater {
        /// Seconds left.
        wait_seconds: u64,
    },
    /// Too many wrong PINs: the vault was destroyed.
    Wiped,
}

/// Wrong-PIN state shown on the lock screen before a PIN is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LockState {
    /// Consecutive wrong PINs.
    pub failures: u32,
    /// Attempts before the wipe (`None`: never wiped).
    pub attempts_left: Option<u32>,
    /// Seconds before a PIN is accepted.
    pub wait_seconds: u64,
}

impl Authenticator {
    /// Creates a new vault in a file at `path` protected by `pin` (six digits in any
    /// script; trivial PINs are refused) and returns it unlocked. Never
    /// overwrites a file. Slow: off the main thread.
    pub fn create(
        path: impl Into<PathBuf>,
        pin: &[u8],
        keystore: Arc<dyn DeviceKeystore>,
        device_unix: u64,
    ) -> Result<Self, CoreError> {
        Self::create_with(path, pin, keystore, device_unix, VaultConfig::default())
    }

    /// [`Authenticator::create`] with explicit vault settings (tests use
    /// `VaultConfig::insecure_for_tests`).
    pub fn create_with(
        path: impl Into<PathBuf>,
        pin: &[u8],
        keystore: Arc<dyn DeviceKeystore>,
        device_unix: u64,
        config: VaultConfig,
    ) -> Result<Self, CoreError> {
        let storage = Arc::new(FileStorage::new(path));
        Self::create_in(storage, pin, keystore, device_unix, config)
    }

    /// Creates a new vault in `storage` (the shell's: files, or the
    /// browser's storage through [`ramz_vault::MemoryStorage`]) protected
    /// by `pin`, and returns it unlocked. Never overwrites a vault. Slow:
    /// off the main thread.
    pub fn create_in(
        storage: Arc<dyn VaultStorage>,
        pin: &[u8],
        keystore: Arc<dyn DeviceKeystore>,
        device_unix: u64,
        config: VaultConfig,
    ) -> Result<Self, CoreError> {
        let vault = Vault::with_storage(storage, keystore, config);
        let unlocked = vault.create(pin, device_unix)?;
        let mut me = Self::locked(vault);
        me.start(unlocked);
        Ok(me)
    }

    /// Checks a new PIN against the format and strength rules without
    /// creating anything (a shell can refuse it before making files).
    pub fn check_new_pin(pin: &[u8]) -> Result<(), CoreError> {
        ramz_vault::Pin::new_checked(pin).map_err(ramz_vault::VaultError::from)?;
        Ok(())
    }

    /// Opens the vault in the file at `path`, locked. Fails with `NoVault` when there
    /// is none (show the set-up screen).
    pub fn open(
        path: impl Into<PathBuf>,
        keystore: Arc<dyn DeviceKeystore>,
    ) -> Result<Self, CoreError> {
        Self::open_with(path, keystore, VaultConfig::default())
    }

    /// [`Authenticator::open`] with explicit vault settings.
    pub fn open_with(
        path: impl Into<PathBuf>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Result<Self, CoreError> {
        Self::open_in(Arc::new(FileStorage::new(path)), keystore, config)
    }

    /// Opens the vault kept in `storage`, locked. Fails with `NoVault`
    /// when there is none.
    pub fn open_in(
        storage: Arc<dyn VaultStorage>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Result<Self, CoreError> {
        let vault = Vault::with_storage(storage, keystore, config);
        if !vault.exists() {
            return Err(CoreError::NoVault);
        }
        Ok(Self::locked(vault))
    }

    fn locked(vault: Vault) -> Self {
        Self {
            vault,
            session: None,
            clock: Clock::default(),
            pending: Pending::default(),
            activation: None,
            bank_hosts: BankHosts::default(),
        }
    }

    /// The wrong-PIN state, for the lock screen.
    pub fn lock_state(&self, device_unix: u64) -> Result<LockState, CoreError> {
        let s = self.vault.status(device_unix)?;
        Ok(LockState {
            failures: s.failures,
            attempts_left: s.attempts_left,
            wait_seconds: s.wait_seconds,
        })
    }

    /// Tries a PIN (six digits, any script). Slow: off the main thread.
    pub fn unlock(&mut self, pin: &[u8], device_unix: u64) -> Result<UnlockResult, CoreError> {
        if self.session.is_some() {
            return Ok(UnlockResult::Unlocked);
        }
        Ok(match self.vault.unlock(pin, device_unix)? {
            UnlockOutcome::Unlocked(v) => {
                self.start(v);
                UnlockResult::Unlocked
            }
            UnlockOutcome::WrongPin {
                attempts_left,
                wait_seconds,
            } => UnlockResult::WrongPin {
                attempts_left,
                wait_seconds,
            },
            UnlockOutcome::LockedOut { wait_seconds } => UnlockResult::TryLater { wait_seconds },
            UnlockOutcome::Wiped => UnlockResult::Wiped,
        })
    }

    /// Unlocks through the biometric slot; the shell has gated the
    /// keystore's biometric key behind a prompt.
    pub fn unlock_with_device(&mut self) -> Result<(), CoreError> {
        if self.session.is_none() {
            let unlocked = self.vault.unlock_with_device()?;
            self.start(unlocked);
        }
        Ok(())
    }

    /// Adds or removes the biometric unlock slot. Turning it on takes the
    /// current PIN (`current_pin`, six digits in any script), checked and
    /// counted like an unlock: a wrong one is `WrongPin` and changes
    /// nothing; `None` is refused as `InvalidInput(Pin)`. Turning it off
    /// needs no PIN. Slow when turning on (Argon2id): off the main thread.
    pub fn set_device_unlock(
        &mut self,
        enabled: bool,
        current_pin: Option<&[u8]>,
        device_unix: u64,
    ) -> Result<(), CoreError> {
        let r = self.session_mut()?.change_settings(|v| {
            if enabled {
                let pin = current_pin.ok_or(ramz_vault::VaultError::Pin(
                    ramz_vault::PinProblem::WrongLength(0),
                ))?;
                v.enable_device_unlock(pin, device_unix)
            } else {
                v.disable_device_unlock()
            }
        });
        self.reauthenticated(r)
    }

    /// True when the biometric slot exists (unlocked only).
    pub fn has_device_unlock(&self) -> Result<bool, CoreError> {
        Ok(self.session()?.vault().has_device_unlock())
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.session.is_some()
    }

    /// Locks at once: keys, secrets, pending scans and an activation in
    /// progress are wiped before this returns. Call it when the app goes
    /// to the background.
    pub fn lock(&mut self) {
        self.session = None;
        self.pending.clear();
        self.activation = None;
    }

    /// Replaces the PIN after checking the current one in the same call
    /// (counted like an unlock: a wrong one is `WrongPin`, and the tenth
    /// wrong PIN in a row wipes the vault, `Wiped`). The new PIN must pass
    /// the strength rules. Re-keys the vault (new master key and device
    /// secret) and turns biometric unlock off. Slow (two Argon2id runs):
    /// off the main thread.
    pub fn change_pin(
        &mut self,
        current_pin: &[u8],
        new_pin: &[u8],
        device_unix: u64,
    ) -> Result<(), CoreError> {
        let r = self
            .session_mut()?
            .change_settings(|v| v.change_pin(current_pin, new_pin, device_unix));
        self.reauthenticated(r)
    }

    /// Checks the current PIN on the unlocked vault before a sensitive
    /// step the facade has no PIN-taking call for (deleting a bank card,
    /// showing the transfer codes). Counted like an unlock, once: a wrong
    /// one is `WrongPin` (or `TryLater` while a wait runs; `Wiped` after
    /// the last one, which also ends the session). Slow (Argon2id): off
    /// the main thread.
    pub fn verify_pin(&mut self, pin: &[u8], device_unix: u64) -> Result<(), CoreError> {
        let r = self
            .session_mut()?
            .change_settings(|v| v.verify_pin(pin, device_unix));
        self.reauthenticated(r)
    }

    /// Metadata of every account, in list order. Never secrets.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>, CoreError> {
        Ok(self.session()?.rows().map(|(a, _)| info_of(a)).collect())
    }

    /// Adds an account typed in by hand. `secret_base32` is the secret as
    /// typed (UTF-8; spaces, hyphens and any case are accepted). Fails with
    /// `Duplicate` when the vault already has this credential.
    pub fn add_manual(
        &mut self,
        entry: ManualEntry,
        secret_base32: &[u8],
        device_unix: u64,
    ) -> Result<AccountInfo, CoreError> {
        let text = Zeroizing::new(
            String::from_utf8(secret_base32.to_vec())
                .map_err(|_| CoreError::InvalidInput(InputProblem::Secret))?,
        );
        let account = entry.into_account(&text)?;
        let report = self.add_accounts(vec![account], device_unix)?;
        match (report.added.into_iter().next(), report.duplicates.first()) {
            (Some(info), _) => Ok(info),
            (None, Some(d)) => Err(CoreError::Duplicate {
                existing: d.existing,
            }),
            (None, None) => Err(CoreError::Internal),
        }
    }

    /// Forgets a pending payload (the user cancelled).
    pub fn discard_scanned(&mut self, pending: PendingId) {
        self.pending.remove(pending);
    }

    /// Changes the labels of an account.
    pub fn rename(
        &mut self,
        id: AccountId,
        issuer: &str,
        account: &str,
        device_unix: u64,
    ) -> Result<AccountInfo, CoreError> {
        let session = self.session_mut()?;
        session.change(|v| v.rename(id, issuer.trim(), account.trim(), device_unix))?;
        info_by_id(session, id)
    }

    /// Moves an account to `position` (0 is first; past the end is last).
    pub fn move_account(
        &mut self,
        id: AccountId,
        position: u32,
        device_unix: u64,
    ) -> Result<(), CoreError> {
        let position = usize::try_from(position).unwrap_or(usize::MAX);
        self.session_mut()?
            .change(|v| v.move_to(id, position, device_unix))
    }

    /// Puts the accounts in the given order (a permutation of all ids).
    pub fn reorder(&mut self, order: &[AccountId], device_unix: u64) -> Result<(), CoreError> {
        let session = self.session_mut()?;
        let mut want = order.to_vec();
        want.sort_unstable();
        want.dedup();
        let mut have: Vec<AccountId> = session.rows().map(|(a, _)| a.id).collect();
        have.sort_unstable();
        if want.len() != order.len() || want != have {
            return Err(CoreError::InvalidInput(InputProblem::Order));
        }
        for (i, id) in order.iter().enumerate() {
            let current = session.rows().position(|(a, _)| a.id == *id);
            if current != Some(i) {
                session.change(|v| v.move_to(*id, i, device_unix))?;
            }
        }
        Ok(())
    }

    /// Deletes an account and its secret.
    pub fn delete(&mut self, id: AccountId) -> Result<(), CoreError> {
        self.session_mut()?.change(|v| v.remove(id))
    }

    /// Makes the next HOTP code of an account. The counter is advanced and
    /// saved before the code is returned, so a code is never shown twice.
    pub fn hotp_next(&mut self, id: AccountId, device_unix: u64) -> Result<String, CoreError> {
        let session = self.session_mut()?;
        session.row(id)?;
        let used = session.change(|v| v.increment_hotp(id, device_unix))?;
        match session.row(id)? {
            (_, ramz_otp::Generator::Hotp(h)) => Ok(h.code(used).as_str().to_owned()),
            _ => Err(CoreError::InvalidInput(InputProblem::NotHotp)),
        }
    }

    /// Codes for every account at device time `device_unix` (corrected by
    /// the clock offset), in list order: one call per list refresh.
    pub fn codes(&self, device_unix: u64) -> Result<Vec<CodeEntry>, CoreError> {
        let now = self.clock.now(device_unix);
        Ok(self
            .session()?
            .rows()
            .map(|(a, g)| codes::entry(a.id, g, now))
            .collect())
    }

    /// The code of one account at device time `device_unix`.
    pub fn code(&self, id: AccountId, device_unix: u64) -> Result<CodeEntry, CoreError> {
        let (a, g) = self.session()?.row(id)?;
        Ok(codes::entry(a.id, g, self.clock.now(device_unix)))
    }

    /// Sets or clears a manual clock offset (seconds added to device
    /// time); saved in the vault.
    pub fn set_manual_offset(&mut self, offset: Option<i64>) -> Result<(), CoreError> {
        let mut clock = self.clock;
        clock.set_manual_offset(offset);
        self.save_clock(clock)
    }

    /// Records a trusted server time read at device time `device_unix`
    /// and saves the learned offset in the vault; returns it.
    pub fn learn_server_time(
        &mut self,
        server_unix: u64,
        device_unix: u64,
    ) -> Result<i64, CoreError> {
        let mut clock = self.clock;
        let offset = clock.learn_server_time(server_unix, device_unix);
        self.save_clock(clock)?;
        Ok(offset)
    }

    /// Clock offset and a warning when the device clock looks wrong. While
    /// locked: the offsets of the last unlocked session (none before the
    /// first unlock).
    pub fn clock_status(&self, device_unix: u64) -> ClockStatus {
        self.clock.status(device_unix)
    }

    fn save_clock(&mut self, clock: Clock) -> Result<(), CoreError> {
        self.session_mut()?
            .change_settings(|v| v.set_clock_offsets(clock.saved()))?;
        self.clock = clock;
        Ok(())
    }

    /// Starts a session on an unlocked vault, with the clock it saved.
    fn start(&mut self, vault: UnlockedVault) {
        self.clock = Clock::from_saved(vault.clock_offsets());
        self.session = Some(Session::new(vault));
    }

    /// After a call that checked the current PIN: when that wrong PIN was
    /// the last one allowed, the vault is gone, so the session ends too.
    pub(crate) fn reauthenticated<T>(&mut self, r: Result<T, CoreError>) -> Result<T, CoreError> {
        if matches!(r, Err(CoreError::Wiped)) {
            self.lock();
        }
        r
    }

    pub(crate) fn session(&self) -> Result<&Session, CoreError> {
        self.session.as_ref().ok_or(CoreError::Locked)
    }

    pub(crate) fn session_mut(&mut self) -> Result<&mut Session, CoreError> {
        self.session.as_mut().ok_or(CoreError::Locked)
    }
}

pub(crate) fn info_by_id(session: &Session, id: AccountId) -> Result<AccountInfo, CoreError> {
    session.row(id).map(|(a, _)| info_of(a))
}
