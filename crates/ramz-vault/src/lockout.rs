//! Wrong-PIN policy: free attempts, exponential waits, wipe. Pure logic
//! (the caller passes the time), plus the attempts file that format-1 and
//! format-2 vaults kept beside the vault (read for migration only).

use std::path::{Path, PathBuf};

use crate::VaultError;
use crate::crypto::{self, Key};
use crate::format::Attempts;
use crate::legacy::v2_attempts_mac as attempts_mac;
use crate::storage::{StoredItem, VaultStorage};

/// How wrong PINs are punished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Wrong PINs allowed without any wait (3).
    pub free_attempts: u32,
    /// Wait after the first counted failure beyond the free ones (30 s);
    /// doubles with every further failure.
    pub base_wait_seconds: u64,
    /// Longest wait (one day).
    pub max_wait_seconds: u64,
    /// Consecutive wrong PINs after which the vault is wiped (10); `None`
    /// never wipes.
    pub wipe_after: Option<u32>,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            free_attempts: 3,
            base_wait_seconds: 30,
            max_wait_seconds: 86_400,
            wipe_after: Some(10),
        }
    }
}

/// What a locked vault says before a PIN is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockStatus {
    /// Consecutive wrong PINs so far.
    pub failures: u32,
    /// Attempts before the wipe (`None`: the policy never wipes).
    pub attempts_left: Option<u32>,
    /// Seconds to wait before the next attempt is accepted.
    pub wait_seconds: u64,
}

/// Why a PIN given for re-authentication (or an unlock) was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PinRefusal {
    /// The PIN was wrong; the counter was advanced.
    Wrong {
        /// Attempts before the vault is wiped (`None`: never wiped).
        attempts_left: Option<u32>,
        /// Seconds before the next attempt is accepted (0: at once).
        wait_seconds: u64,
    },
    /// Too soon after the last wrong PIN; the PIN was not tried.
    LockedOut {
        /// Seconds left to wait.
        wait_seconds: u64,
    },
    /// That was the last allowed wrong PIN: the vault was wiped.
    Wiped,
}

/// Whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Too many failures recorded: wipe now.
    Wipe,
    /// Wait this many more seconds.
    Wait(u64),
    /// The clock is earlier than the last attempt: restart the wait from
    /// now (the caller records `now` as the last attempt).
    ClockWentBack(u64),
    /// Try the PIN.
    Go,
}

impl LockoutPolicy {
    /// Wait required after `failures` consecutive wrong PINs: 0 up to the
    /// free attempts, then 30 s, 60 s, 120 s, ... capped at the maximum.
    pub fn wait_after(&self, failures: u32) -> u64 {
        if failures < self.free_attempts {
            return 0;
        }
        let doublings = (failures - self.free_attempts).min(40);
        self.base_wait_seconds
            .saturating_mul(1u64 << doublings)
            .min(self.max_wait_seconds)
    }

    /// Attempts left before the wipe.
    pub fn attempts_left(&self, failures: u32) -> Option<u32> {
        self.wipe_after.map(|w| w.saturating_sub(failures))
    }

    /// True when `failures` reaches the wipe threshold.
    pub fn must_wipe(&self, failures: u32) -> bool {
        self.wipe_after.is_some_and(|w| failures >= w)
    }

    pub(crate) fn status(&self, a: Attempts, now: u64) -> LockStatus {
        let wait_seconds = match self.gate(a, now) {
            Gate::Wait(s) | Gate::ClockWentBack(s) => s,
            Gate::Wipe | Gate::Go => 0,
        };
        LockStatus {
            failures: a.failures,
            attempts_left: self.attempts_left(a.failures),
            wait_seconds,
        }
    }

    pub(crate) fn gate(&self, a: Attempts, now: u64) -> Gate {
        if self.must_wipe(a.failures) {
            return Gate::Wipe;
        }
        let wait = self.wait_after(a.failures);
        if wait == 0 {
            return Gate::Go;
        }
        if now < a.last_unix {
            return Gate::ClockWentBack(wait);
        }
        let elapsed = now - a.last_unix;
        if elapsed >= wait {
            Gate::Go
        } else {
            Gate::Wait(wait - elapsed)
        }
    }
}

/// First bytes of the attempts file.
const ATTEMPTS_MAGIC: &[u8; 8] = b"RAMZATT1";
const ATTEMPTS_FILE_LEN: usize = 8 + 4 + 8 + 32;
const ATTEMPTS_LABEL: &[u8] = b"ramz-vault-v2 attempts file";

/// The attempts file beside a format-1/2 vault: `<vault file name>.attempts`.
pub(crate) fn attempts_path(vault: &Path) -> PathBuf {
    let mut name = vault
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".attempts");
    vault.with_file_name(name)
}

/// Reads the attempts file; a missing file counts as no failures, a file
/// whose HMAC does not verify is [`VaultError::Tampered`].
pub(crate) fn read_attempts_file(
    storage: &dyn VaultStorage,
    key: &Key,
) -> Result<Attempts, VaultError> {
    let Some(bytes) = storage.read(StoredItem::LegacyAttempts)? else {
        return Ok(Attempts::default());
    };
    if bytes.len() != ATTEMPTS_FILE_LEN || !bytes.starts_with(ATTEMPTS_MAGIC) {
        return Err(VaultError::Tampered);
    }
    let mut f = [0u8; 4];
    f.copy_from_slice(&bytes[8..12]);
    let mut l = [0u8; 8];
    l.copy_from_slice(&bytes[12..20]);
    let a = Attempts {
        failures: u32::from_le_bytes(f),
        last_unix: u64::from_le_bytes(l),
    };
    if !crypto::ct_eq(attempts_mac(key, ATTEMPTS_LABEL, a).as_ref(), &bytes[20..]) {
        return Err(VaultError::Tampered);
    }
    Ok(a)
}

/// Writes the attempts file atomically (format-1/2 vaults, until they
/// are migrated).
pub(crate) fn write_attempts_file(
    storage: &dyn VaultStorage,
    key: &Key,
    a: Attempts,
) -> Result<(), VaultError> {
    let mut out = Vec::with_capacity(ATTEMPTS_FILE_LEN);
    out.extend_from_slice(ATTEMPTS_MAGIC);
    out.extend_from_slice(&a.failures.to_le_bytes());
    out.extend_from_slice(&a.last_unix.to_le_bytes());
    out.extend_from_slice(attempts_mac(key, ATTEMPTS_LABEL, a).as_ref());
    Ok(storage.replace(StoredItem::LegacyAttempts, &out)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(failures: u32, last_unix: u64) -> Attempts {
        Attempts {
            failures,
            last_unix,
        }
    }

    #[test]
    fn waits_double_after_three_failures() {
        let p = LockoutPolicy::default();
        let waits: Vec<u64> = (0..10).map(|f| p.wait_after(f)).collect();
        assert_eq!(waits, [0, 0, 0, 30, 60, 120, 240, 480, 960, 1920]);
        assert_eq!(p.wait_after(40), 86_400);
        assert_eq!(p.attempts_left(7), Some(3));
    }

    #[test]
    fn gate_follows_the_clock() {
        let p = LockoutPolicy::default();
        assert_eq!(p.gate(at(2, 1000), 1000), Gate::Go);
        assert_eq!(p.gate(at(3, 1000), 1010), Gate::Wait(20));
        assert_eq!(p.gate(at(3, 1000), 1030), Gate::Go);
        assert_eq!(p.gate(at(4, 1000), 1030), Gate::Wait(30));
        assert_eq!(p.gate(at(4, 1000), 900), Gate::ClockWentBack(60));
        assert_eq!(p.gate(at(10, 1000), 99_999), Gate::Wipe);
        let never = LockoutPolicy {
            wipe_after: None,
            ..p
        };
        assert_eq!(never.gate(at(100, 0), 100_000), Gate::Go);
        assert_eq!(never.attempts_left(100), None);
    }

    #[test]
    fn attempts_file_is_authenticated() {
        let dir = tempfile::tempdir().unwrap();
        let storage = crate::FileStorage::new(dir.path().join("v.ramz"));
        let path = attempts_path(storage.path());
        let key = zeroize::Zeroizing::new([3u8; 32]);
        assert_eq!(
            read_attempts_file(&storage, &key).unwrap(),
            Attempts::default()
        );
        write_attempts_file(&storage, &key, at(5, 77)).unwrap();
        assert_eq!(read_attempts_file(&storage, &key).unwrap(), at(5, 77));
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[8] = 0; // "reset" the counter by hand
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(
            read_attempts_file(&storage, &key),
            Err(VaultError::Tampered)
        ));
    }
}
