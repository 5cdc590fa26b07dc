//! A vault on disk while locked: create it, unlock it with the PIN (with
//! the lockout rules) or through the biometric slot.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::anchor::{self, Verdict};
use crate::format::{self, Cleanup, VaultFile};
use crate::keys::{self, to_key};
use crate::storage::{FileStorage, StorageError, StoredItem, VaultStorage};
use crate::{
    ClockOffsets, DeviceKeystore, KdfParams, KeyId, KeystoreKey, LockStatus, LockoutPolicy, Pin,
    PinRefusal, UnlockedVault, VaultError, crypto, lockout,
};

/// Settings of a vault handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VaultConfig {
    /// Argon2id parameters for new vaults and PIN changes.
    pub kdf: KdfParams,
    /// Files with weaker parameters are refused.
    pub kdf_floor: KdfParams,
    /// Files (and backups) with costlier parameters are refused as
    /// damaged, before any work. Capped at [`KdfParams::HARD_MAX`].
    pub kdf_max: KdfParams,
    /// Wrong-PIN policy.
    pub lockout: LockoutPolicy,
}

impl Default for VaultConfig {
    fn default() -> Self {
        Self {
            kdf: KdfParams::DEFAULT,
            kdf_floor: KdfParams::FLOOR,
            kdf_max: KdfParams::DEFAULT_MAX,
            lockout: LockoutPolicy::default(),
        }
    }
}

impl VaultConfig {
    /// Tiny Argon2 parameters and a floor to match. **Tests only**: a vault
    /// made with it falls to a brute-force search in seconds, and a default
    /// configuration refuses to open it.
    pub fn insecure_for_tests() -> Self {
        Self {
            kdf: KdfParams::for_tests(),
            kdf_floor: KdfParams::for_tests(),
            ..Self::default()
        }
    }
}

/// The answer to an unlock attempt. Errors (missing file, damage,
/// keystore failure) are [`VaultError`]s; the PIN's own verdict is this.
// Made once per unlock and matched at once: boxing the handle would only
// add an allocation.
#[allow(clippy::large_enum_variant)]
#[must_use]
pub enum UnlockOutcome {
    /// The PIN was right.
    Unlocked(UnlockedVault),
    /// The PIN was wrong; the counter was advanced.
    WrongPin {
        /// Attempts before the vault is wiped (`None`: never wiped).
        attempts_left: Option<u32>,
        /// Seconds before the next attempt is accepted (0: at once).
        wait_seconds: u64,
    },
    /// Too soon after the last wrong PIN; the PIN was not tried and the
    /// counter did not move.
    LockedOut {
        /// Seconds left to wait.
        wait_seconds: u64,
    },
    /// Too many wrong PINs: the vault's keys and files were destroyed.
    Wiped,
}

impl From<PinRefusal> for UnlockOutcome {
    fn from(r: PinRefusal) -> Self {
        match r {
            PinRefusal::Wrong {
                attempts_left,
                wait_seconds,
            } => Self::WrongPin {
                attempts_left,
                wait_seconds,
            },
            PinRefusal::LockedOut { wait_seconds } => Self::LockedOut { wait_seconds },
            PinRefusal::Wiped => Self::Wiped,
        }
    }
}

impl fmt::Debug for UnlockOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unlocked(_) => f.write_str("Unlocked(..)"),
            Self::WrongPin {
                attempts_left,
                wait_seconds,
            } => {
                write!(
                    f,
                    "WrongPin {{ attempts_left: {attempts_left:?}, wait_seconds: {wait_seconds} }}"
                )
            }
            Self::LockedOut { wait_seconds } => {
                write!(f, "LockedOut {{ wait_seconds: {wait_seconds} }}")
            }
            Self::Wiped => f.write_str("Wiped"),
        }
    }
}

/// A vault's storage, its keystore and its settings. Holds no secret.
#[derive(Clone)]
pub struct Vault {
    pub(crate) storage: Arc<dyn VaultStorage>,
    pub(crate) keystore: Arc<dyn DeviceKeystore>,
    pub(crate) config: VaultConfig,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("storage", &self.storage)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// A handle on the vault in a file at `path` ([`FileStorage`]);
    /// nothing is read yet.
    pub fn new(
        path: impl Into<PathBuf>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Self {
        Self::with_storage(Arc::new(FileStorage::new(path)), keystore, config)
    }

    /// A handle on the vault kept in `storage`; nothing is read yet.
    pub fn with_storage(
        storage: Arc<dyn VaultStorage>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Self {
        Self {
            storage,
            keystore,
            config,
        }
    }

    /// Where the vault is kept.
    pub fn storage(&self) -> &Arc<dyn VaultStorage> {
        &self.storage
    }

    /// The device keystore.
    pub fn keystore(&self) -> &Arc<dyn DeviceKeystore> {
        &self.keystore
    }

    /// The settings.
    pub fn config(&self) -> &VaultConfig {
        &self.config
    }

    /// True when a vault file exists (valid or not). A storage that cannot
    /// tell says yes: better a "damaged" answer than offering to set up a
    /// new vault over an old one.
    pub fn exists(&self) -> bool {
        self.storage.exists(StoredItem::Vault).unwrap_or(true)
    }

    /// Creates a new, empty vault protected by `pin` (the strength rules
    /// apply). Never overwrites an existing file.
    pub fn create(&self, pin: &[u8], now: u64) -> Result<UnlockedVault, VaultError> {
        let pin = Pin::new_checked(pin)?;
        self.config
            .kdf
            .check(&self.config.kdf_floor, &self.config.kdf_max)?;
        if self.exists() {
            return Err(VaultError::AlreadyExists);
        }
        let _ = now; // creation time is per account; kept for symmetry with unlock
        let key = KeyId(crypto::random()?);
        let master = crypto::random_key()?;
        let locked = anchor::fresh(
            self,
            key,
            Cleanup::None,
            &pin,
            &master,
            None,
            &[],
            &ClockOffsets::default(),
        )?;
        let bytes = anchor::file_bytes(&locked.sealed, &locked.state, &locked.device_secret)?;
        if let Err(e) = self.storage.create_new(StoredItem::Vault, &bytes) {
            // The new key goes only when the file surely did not land: a
            // write can fail after its bytes were stored (a failed
            // directory sync), and that file needs its key.
            let landed = !matches!(e, StorageError::AlreadyExists)
                && self.storage.exists(StoredItem::Vault).unwrap_or(true);
            if !landed {
                let _ = self.keystore.delete(KeystoreKey::Device(key));
            }
            return Err(e.into());
        }
        Ok(UnlockedVault::new(self.clone(), master, locked, Vec::new()))
    }

    /// Wrong-PIN state before asking for the PIN (to show a wait). Checks
    /// the file like an unlock does, and changes nothing.
    pub fn status(&self, now: u64) -> Result<LockStatus, VaultError> {
        let bytes = self.read()?;
        let attempts = match format::parse(&bytes)? {
            VaultFile::V3(file) => anchor::open_v3(self, file)?.state.attempts,
            VaultFile::V2(file) => crate::migrate::v2_attempts(self, &file)?.1,
            VaultFile::V1(file) => {
                lockout::read_attempts_file(&*self.storage, &keys::v1_lock_key(&file.salt))?
            }
        };
        Ok(self.config.lockout.status(attempts, now))
    }

    /// Tries `pin`. The failure counter is saved (under a new generation
    /// of the device key) before the PIN is tried and reset after it
    /// succeeds — also when the body then turns out damaged. Damage found
    /// before the PIN (the header, the state block, the KDF parameters) is
    /// an error and counts nothing. Older format versions are upgraded on
    /// success.
    pub fn unlock(&self, pin: &[u8], now: u64) -> Result<UnlockOutcome, VaultError> {
        let pin = Pin::parse(pin)?;
        let bytes = self.read()?;
        match format::parse(&bytes)? {
            VaultFile::V3(file) => {
                let mut locked = anchor::open_v3(self, file)?;
                match anchor::check_pin(self, &mut locked, &pin, now)? {
                    Verdict::Refused(r) => Ok(r.into()),
                    Verdict::Right(master) => {
                        let (accounts, clock) = locked.sealed.open(&master)?;
                        Ok(UnlockOutcome::Unlocked(
                            UnlockedVault::new(self.clone(), master, locked, accounts)
                                .with_clock(clock),
                        ))
                    }
                }
            }
            VaultFile::V2(file) => crate::migrate::unlock_v2(self, &file, &pin, now),
            VaultFile::V1(file) => crate::migrate::unlock_v1(self, &file, &pin, now),
        }
    }

    /// Unlocks through the biometric/device-only slot (the shell has
    /// already gated the keystore key behind a biometric prompt). Resets the
    /// wrong-PIN counter.
    pub fn unlock_with_device(&self) -> Result<UnlockedVault, VaultError> {
        let bytes = self.read()?;
        let VaultFile::V3(file) = format::parse(&bytes)? else {
            return Err(VaultError::NoDeviceSlot);
        };
        let mut locked = anchor::open_v3(self, file)?;
        anchor::clean_up(self, &mut locked.state)?;
        let wrapped = locked
            .sealed
            .header
            .device_slot()
            .ok_or(VaultError::NoDeviceSlot)?;
        let master = to_key(&self.keystore.unwrap(KeystoreKey::Biometric, wrapped)?)?;
        anchor::reset(self, &mut locked)?;
        let (accounts, clock) = locked.sealed.open(&master)?;
        Ok(UnlockedVault::new(self.clone(), master, locked, accounts).with_clock(clock))
    }

    /// Destroys the vault: the keystore keys that open it (so no copy of
    /// the file opens again), then the file. For "forgot my PIN"; a vault
    /// is also wiped by itself after too many wrong PINs.
    pub fn wipe(&self) -> Result<(), VaultError> {
        let state = match self.read().map(|b| format::parse(&b)) {
            Ok(Ok(VaultFile::V3(file))) => Some(file.state),
            _ => None,
        };
        anchor::wipe(self, state.as_ref())
    }

    pub(crate) fn read(&self) -> Result<Vec<u8>, VaultError> {
        self.storage
            .read(StoredItem::Vault)?
            .ok_or(VaultError::NotFound)
    }
}
