//! A vault on disk while locked: create it, unlock it with the PIN (with
//! the lockout rules) or through the biometric slot.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::crypto::{self, KEY_LEN, Key};
use crate::format::{self, Attempts, Header, Slot, V2File, VaultFile};
use crate::lockout::{self, Gate};
use crate::{
    DeviceKeystore, KdfParams, KeystoreKey, LockStatus, LockoutPolicy, Pin, UnlockedVault,
    VaultError, atomic, codec,
};

/// Settings of a vault handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VaultConfig {
    /// Argon2id parameters for new vaults and PIN changes.
    pub kdf: KdfParams,
    /// Files with weaker parameters are refused.
    pub kdf_floor: KdfParams,
    /// Wrong-PIN policy.
    pub lockout: LockoutPolicy,
}

impl Default for VaultConfig {
    fn default() -> Self {
        Self {
            kdf: KdfParams::DEFAULT,
            kdf_floor: KdfParams::FLOOR,
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
            lockout: LockoutPolicy::default(),
        }
    }
}

/// The answer to an unlock attempt. Errors (missing file, tampering,
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
    /// Too many wrong PINs: the vault and its attempts file were destroyed.
    Wiped,
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

/// A vault file, its keystore and its settings. Holds no secret.
#[derive(Clone)]
pub struct Vault {
    pub(crate) path: PathBuf,
    pub(crate) keystore: Arc<dyn DeviceKeystore>,
    pub(crate) config: VaultConfig,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// A handle on the vault at `path`; nothing is read yet.
    pub fn new(
        path: impl Into<PathBuf>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Self {
        Self {
            path: path.into(),
            keystore,
            config,
        }
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The attempts file kept beside the vault.
    pub fn attempts_path(&self) -> PathBuf {
        lockout::attempts_path(&self.path)
    }

    /// True when a file exists at the vault path (valid or not).
    pub fn exists(&self) -> bool {
        fs::symlink_metadata(&self.path).is_ok()
    }

    /// Creates a new, empty vault protected by `pin` (the strength rules
    /// apply). Never overwrites an existing file.
    pub fn create(&self, pin: &[u8], now: u64) -> Result<UnlockedVault, VaultError> {
        let pin = Pin::new_checked(pin)?;
        if self.exists() {
            return Err(VaultError::AlreadyExists);
        }
        let device_secret = crypto::random_key()?;
        let wrapped_device_secret = self
            .keystore
            .wrap(KeystoreKey::Device, device_secret.as_ref())?;
        let master = crypto::random_key()?;
        let pin_slot = make_pin_slot(&self.config.kdf, &pin, &device_secret, &master)?;
        let header = Header {
            kdf: self.config.kdf,
            wrapped_device_secret,
            slots: vec![pin_slot],
            body_nonce: [0; 24],
        };
        let _ = now; // creation time is per account; kept for symmetry with unlock
        UnlockedVault::new(self.clone(), master, device_secret, header, Vec::new()).write_new()
    }

    /// Wrong-PIN state before asking for the PIN (to show a wait).
    pub fn status(&self, now: u64) -> Result<LockStatus, VaultError> {
        let bytes = self.read()?;
        let attempts = match format::parse(&bytes)? {
            VaultFile::V2(file) => {
                let device_secret = self.device_secret(&file)?;
                self.attempts_v2(&file, &format::lock_key(&device_secret))?
            }
            VaultFile::V1(file) => {
                lockout::read_attempts_file(&self.attempts_path(), &v1_lock_key(&file.salt))?
            }
        };
        Ok(self.config.lockout.status(attempts, now))
    }

    /// Tries `pin`. The failure counter is saved before the PIN is tried and
    /// reset after it succeeds. A version-1 vault is upgraded on success.
    pub fn unlock(&self, pin: &[u8], now: u64) -> Result<UnlockOutcome, VaultError> {
        let pin = Pin::parse(pin)?;
        let bytes = self.read()?;
        match format::parse(&bytes)? {
            VaultFile::V2(file) => self.unlock_v2(&file, &pin, now),
            VaultFile::V1(file) => crate::migrate::unlock_v1(self, &file, &pin, now),
        }
    }

    /// Unlocks through the biometric/device-only slot (the shell has
    /// already gated the keystore key behind a biometric prompt). Resets the
    /// wrong-PIN counter.
    pub fn unlock_with_device(&self) -> Result<UnlockedVault, VaultError> {
        let bytes = self.read()?;
        let VaultFile::V2(file) = format::parse(&bytes)? else {
            return Err(VaultError::NoDeviceSlot);
        };
        file.header.kdf.check(&self.config.kdf_floor)?;
        let wrapped = file.header.device_slot().ok_or(VaultError::NoDeviceSlot)?;
        let master = to_key(&self.keystore.unwrap(KeystoreKey::Biometric, wrapped)?)?;
        let device_secret = self.device_secret(&file)?;
        let lock_key = format::lock_key(&device_secret);
        self.attempts_v2(&file, &lock_key)?;
        self.finish_unlock(&file, master, device_secret)
    }

    fn unlock_v2(&self, file: &V2File, pin: &Pin, now: u64) -> Result<UnlockOutcome, VaultError> {
        file.header.kdf.check(&self.config.kdf_floor)?;
        let device_secret = self.device_secret(file)?;
        let lock_key = format::lock_key(&device_secret);
        let attempts = self.attempts_v2(file, &lock_key)?;
        let persist = |a: Attempts| -> Result<(), VaultError> {
            lockout::write_attempts_file(&self.attempts_path(), &lock_key, a)?;
            atomic::replace(&self.path, &file.with_attempts(a, &lock_key))
        };
        if let Some(early) = self.gate(attempts, now, &persist)? {
            return Ok(early);
        }
        let failed = Attempts {
            failures: attempts.failures.saturating_add(1),
            last_unix: now,
        };
        persist(failed)?;

        let (salt, nonce, wrapped) = file
            .header
            .pin_slot()
            .ok_or(VaultError::Malformed("no PIN slot"))?;
        let kek = pin_kek(&file.header.kdf, pin, salt, &device_secret)?;
        let aad = format::pin_slot_aad(&file.header.kdf, salt);
        match crypto::open(&kek, nonce, &aad, wrapped) {
            None => self.wrong_pin(failed.failures),
            Some(master) => Ok(UnlockOutcome::Unlocked(self.finish_unlock(
                file,
                to_key(&master)?,
                device_secret,
            )?)),
        }
    }

    /// Common gate: wipe, wait, or go on.
    pub(crate) fn gate(
        &self,
        attempts: Attempts,
        now: u64,
        persist: &dyn Fn(Attempts) -> Result<(), VaultError>,
    ) -> Result<Option<UnlockOutcome>, VaultError> {
        match self.config.lockout.gate(attempts, now) {
            Gate::Go => Ok(None),
            Gate::Wait(wait_seconds) => Ok(Some(UnlockOutcome::LockedOut { wait_seconds })),
            Gate::ClockWentBack(wait_seconds) => {
                persist(Attempts {
                    last_unix: now,
                    ..attempts
                })?;
                Ok(Some(UnlockOutcome::LockedOut { wait_seconds }))
            }
            Gate::Wipe => {
                self.wipe()?;
                Ok(Some(UnlockOutcome::Wiped))
            }
        }
    }

    pub(crate) fn wrong_pin(&self, failures: u32) -> Result<UnlockOutcome, VaultError> {
        let policy = &self.config.lockout;
        if policy.must_wipe(failures) {
            self.wipe()?;
            return Ok(UnlockOutcome::Wiped);
        }
        Ok(UnlockOutcome::WrongPin {
            attempts_left: policy.attempts_left(failures),
            wait_seconds: policy.wait_after(failures),
        })
    }

    fn finish_unlock(
        &self,
        file: &V2File,
        master: Key,
        device_secret: Key,
    ) -> Result<UnlockedVault, VaultError> {
        let plain = crypto::open(
            &master,
            &file.header.body_nonce,
            &file.header_bytes,
            &file.body,
        )
        .ok_or(VaultError::Tampered)?;
        let (accounts, clock) = codec::decode_body(&plain)?;
        let lock_key = format::lock_key(&device_secret);
        let fresh = Attempts::default();
        if file.attempts != fresh {
            atomic::replace(&self.path, &file.with_attempts(fresh, &lock_key))?;
        }
        lockout::write_attempts_file(&self.attempts_path(), &lock_key, fresh)?;
        Ok(UnlockedVault::new(
            self.clone(),
            master,
            device_secret,
            file.header.clone(),
            accounts,
        )
        .with_clock(clock))
    }

    /// Destroys the vault file and its attempts file.
    pub fn wipe(&self) -> Result<(), VaultError> {
        atomic::wipe(&self.path)?;
        atomic::wipe(&self.attempts_path())
    }

    pub(crate) fn read(&self) -> Result<Vec<u8>, VaultError> {
        fs::read(&self.path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => VaultError::NotFound,
            _ => VaultError::Io {
                op: "read",
                source: e,
            },
        })
    }

    fn device_secret(&self, file: &V2File) -> Result<Key, VaultError> {
        to_key(
            &self
                .keystore
                .unwrap(KeystoreKey::Device, &file.header.wrapped_device_secret)?,
        )
    }

    /// The larger of the in-file record and the attempts file, both
    /// authenticated.
    fn attempts_v2(&self, file: &V2File, lock_key: &Key) -> Result<Attempts, VaultError> {
        let mac = format::attempts_mac(lock_key, b"ramz-vault-v2 lockout", file.attempts);
        if !crypto::ct_eq(mac.as_ref(), &file.attempts_mac) {
            return Err(VaultError::Tampered);
        }
        let beside = lockout::read_attempts_file(&self.attempts_path(), lock_key)?;
        Ok(file.attempts.max(beside))
    }
}

/// A PIN slot wrapping `master` for `pin` on this device.
pub(crate) fn make_pin_slot(
    kdf: &KdfParams,
    pin: &Pin,
    device_secret: &Key,
    master: &Key,
) -> Result<Slot, VaultError> {
    let salt = crypto::random()?;
    let nonce = crypto::random()?;
    let kek = pin_kek(kdf, pin, &salt, device_secret)?;
    let sealed = crypto::seal(
        &kek,
        &nonce,
        &format::pin_slot_aad(kdf, &salt),
        master.as_ref(),
    )?;
    let wrapped = sealed
        .as_slice()
        .try_into()
        .map_err(|_| VaultError::Internal("slot length"))?;
    Ok(Slot::Pin {
        salt,
        nonce,
        wrapped,
    })
}

/// KEK = HMAC-SHA-256(device secret, label || Argon2id(PIN, salt)).
fn pin_kek(
    kdf: &KdfParams,
    pin: &Pin,
    salt: &[u8; 16],
    device_secret: &Key,
) -> Result<Key, VaultError> {
    let stretched = kdf.derive(pin.expose(), salt)?;
    Ok(crypto::hmac(
        device_secret.as_ref(),
        &[b"ramz-vault-v2 pin kek", stretched.as_ref()],
    ))
}

/// The attempts-file key of a version-1 vault (no device secret there:
/// integrity only, see the threat model).
pub(crate) fn v1_lock_key(salt: &[u8; 16]) -> Key {
    crypto::hmac(salt, &[b"ramz-vault-v1 attempts key"])
}

pub(crate) fn to_key(bytes: &Zeroizing<Vec<u8>>) -> Result<Key, VaultError> {
    if bytes.len() != KEY_LEN {
        return Err(VaultError::Malformed("unwrapped key length"));
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(bytes);
    Ok(key)
}
