//! Older formats → version 3, on the first right PIN.
//!
//! Version 1 was PIN-only: Argon2id(PIN) was the body key, with no device
//! binding, no slots and no per-account metadata. Version 2 had slots and
//! a device secret, but under one fixed keystore key and with a wrong-PIN
//! counter kept only in files (so it could be rolled back). Both are read
//! with their own lockout rules until the right PIN is given; then the
//! vault is rewritten as version 3 — a new device secret under a new
//! generation of the device key, a new PIN slot — in one atomic save, and
//! only after that are the old key and the old attempts file deleted. A
//! SIGKILL at any point leaves the old file (and its key) or the new one.

use crate::account::{AccountId, VaultAccount};
use crate::anchor;
use crate::codec;
use crate::crypto::{self, Key};
use crate::format::{self, Attempts, Cleanup};
use crate::keys::{self, to_key};
use crate::legacy::{V1File, V2File, v2_attempts_mac};
use crate::lockout::{self, Gate};
use crate::storage::StoredItem;
use crate::{
    ClockOffsets, KeyId, KeystoreKey, Pin, UnlockOutcome, UnlockedVault, Vault, VaultError,
};

/// The device secret of a version-2 file and its wrong-PIN count (the
/// larger of the in-file record and the attempts file, both
/// authenticated).
pub(crate) fn v2_attempts(vault: &Vault, file: &V2File) -> Result<(Key, Attempts), VaultError> {
    file.kdf
        .check(&vault.config.kdf_floor, &vault.config.kdf_max)?;
    let device_secret = to_key(
        &vault
            .keystore
            .unwrap(KeystoreKey::LegacyDevice, &file.wrapped_device_secret)?,
    )?;
    let lock_key = keys::v2_lock_key(&device_secret);
    let mac = v2_attempts_mac(&lock_key, b"ramz-vault-v2 lockout", file.attempts);
    if !crypto::ct_eq(mac.as_ref(), &file.attempts_mac) {
        return Err(VaultError::Tampered);
    }
    let beside = lockout::read_attempts_file(&*vault.storage, &lock_key)?;
    Ok((device_secret, file.attempts.max(beside)))
}

/// Unlocks a version-2 file (its own rules) and upgrades it.
pub(crate) fn unlock_v2(
    vault: &Vault,
    file: &V2File,
    pin: &Pin,
    now: u64,
) -> Result<UnlockOutcome, VaultError> {
    let (device_secret, attempts) = v2_attempts(vault, file)?;
    let lock_key = keys::v2_lock_key(&device_secret);
    let persist = |a: Attempts| -> Result<(), VaultError> {
        lockout::write_attempts_file(&*vault.storage, &lock_key, a)?;
        let bytes = file.with_attempts(a, &lock_key);
        Ok(vault.storage.replace(StoredItem::Vault, &bytes)?)
    };
    if let Some(early) = legacy_gate(vault, attempts, now, &persist)? {
        return Ok(early);
    }
    let failed = Attempts {
        failures: attempts.failures.saturating_add(1),
        last_unix: now,
    };
    persist(failed)?;
    let (salt, nonce, wrapped) = format::pin_slot(&file.slots)?;
    let kek = keys::pin_kek(&file.kdf, pin, salt, &device_secret)?;
    let aad = format::pin_slot_aad(&file.kdf, salt);
    let Some(master) = crypto::open(&kek, nonce, &aad, wrapped) else {
        return legacy_wrong(vault, failed.failures);
    };
    let master = to_key(&master)?;
    persist(Attempts::default())?;
    let plain = crypto::open(&master, &file.body_nonce, &file.header_bytes, &file.body)
        .ok_or(VaultError::Tampered)?;
    let (accounts, clock) = codec::decode_body(&plain)?;
    let key = keys::successor_key_id(
        &device_secret,
        b"ramz-vault-v3 migrated key id",
        &KeyId([0; 16]),
    );
    let device_slot = format::device_slot(&file.slots).map(<[u8]>::to_vec);
    upgrade(
        vault,
        key,
        Cleanup::Legacy,
        pin,
        master,
        device_slot,
        accounts,
        clock,
    )
}

/// Unlocks a version-1 file and upgrades it.
pub(crate) fn unlock_v1(
    vault: &Vault,
    file: &V1File,
    pin: &Pin,
    now: u64,
) -> Result<UnlockOutcome, VaultError> {
    file.kdf
        .check(&vault.config.kdf_floor, &vault.config.kdf_max)?;
    let lock_key = keys::v1_lock_key(&file.salt);
    let attempts = lockout::read_attempts_file(&*vault.storage, &lock_key)?;
    let persist = |a: Attempts| lockout::write_attempts_file(&*vault.storage, &lock_key, a);
    if let Some(early) = legacy_gate(vault, attempts, now, &persist)? {
        return Ok(early);
    }
    let failed = Attempts {
        failures: attempts.failures.saturating_add(1),
        last_unix: now,
    };
    persist(failed)?;
    let key = file.kdf.derive(pin.expose(), &file.salt)?;
    let Some(plain) = crypto::open(&key, &file.nonce, &file.aad, &file.body) else {
        return legacy_wrong(vault, failed.failures);
    };
    persist(Attempts::default())?;
    let old = codec::decode_accounts_v1(&plain)?;
    let accounts = old
        .into_iter()
        .enumerate()
        .map(|(i, otp)| {
            let id = AccountId(crypto::random()?);
            VaultAccount::new_otp(id, otp, now, u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let master = crypto::random_key()?;
    upgrade(
        vault,
        KeyId(crypto::random()?),
        Cleanup::Legacy,
        pin,
        master,
        None,
        accounts,
        ClockOffsets::default(),
    )
}

/// Writes the version-3 file, then deletes what the old version used.
// Every argument is a distinct part of the new file.
#[allow(clippy::too_many_arguments)]
fn upgrade(
    vault: &Vault,
    key: KeyId,
    cleanup: Cleanup,
    pin: &Pin,
    master: Key,
    device_slot: Option<Vec<u8>>,
    accounts: Vec<VaultAccount>,
    clock: ClockOffsets,
) -> Result<UnlockOutcome, VaultError> {
    let mut locked = anchor::fresh(
        vault,
        key,
        cleanup,
        pin,
        &master,
        device_slot,
        &accounts,
        &clock,
    )?;
    anchor::write(vault, &locked.sealed, &locked.state, &locked.device_secret)?;
    // Removes the old attempts file and deletes the format-2 key (a crash
    // before that leaves the file saying so, and the next open does it).
    anchor::clean_up(vault, &mut locked.state)?;
    Ok(UnlockOutcome::Unlocked(
        UnlockedVault::new(vault.clone(), master, locked, accounts).with_clock(clock),
    ))
}

/// The version-1/2 gate: wipe, wait, or go on.
fn legacy_gate(
    vault: &Vault,
    attempts: Attempts,
    now: u64,
    persist: &dyn Fn(Attempts) -> Result<(), VaultError>,
) -> Result<Option<UnlockOutcome>, VaultError> {
    match vault.config.lockout.gate(attempts, now) {
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
            anchor::wipe(vault, None)?;
            Ok(Some(UnlockOutcome::Wiped))
        }
    }
}

fn legacy_wrong(vault: &Vault, failures: u32) -> Result<UnlockOutcome, VaultError> {
    let policy = &vault.config.lockout;
    if policy.must_wipe(failures) {
        anchor::wipe(vault, None)?;
        return Ok(UnlockOutcome::Wiped);
    }
    Ok(UnlockOutcome::WrongPin {
        attempts_left: policy.attempts_left(failures),
        wait_seconds: policy.wait_after(failures),
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use ramz_otp::{OtpAccount, OtpKind, OtpParams, Secret};

    use super::*;
    use crate::codec::Writer;
    use crate::format::{VAULT_MAGIC, VERSION_1};
    use crate::{KdfParams, SoftwareKeystore, VaultConfig, atomic};

    /// Writes a version-1 file (nothing writes version 1 in normal use).
    fn write_v1(
        path: &Path,
        pin: &[u8],
        kdf: KdfParams,
        accounts: &[OtpAccount],
    ) -> Result<(), VaultError> {
        let pin = Pin::parse(pin)?;
        let salt: [u8; 16] = crypto::random()?;
        let nonce: [u8; 24] = crypto::random()?;
        let mut w = Writer::new();
        w.bytes(VAULT_MAGIC);
        w.u16(VERSION_1);
        w.u32(kdf.memory_kib);
        w.u32(kdf.iterations);
        w.u32(kdf.parallelism);
        w.bytes(&salt);
        w.bytes(&nonce);
        let aad = w.finish().to_vec();
        let key = kdf.derive(pin.expose(), &salt)?;
        let body = crypto::seal(&key, &nonce, &aad, &codec::encode_accounts_v1(accounts)?)?;
        let mut out = aad;
        out.extend_from_slice(&body);
        Ok(atomic::create_new(path, &out)?)
    }

    fn fixture_accounts() -> Vec<OtpAccount> {
        let totp = OtpAccount {
            issuer: "Nobitex".into(),
            account: "ali@example.com".into(),
            secret: Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap(),
            params: OtpParams::default_totp(),
            image: None,
        };
        let hotp = OtpAccount {
            issuer: "Legacy".into(),
            account: "token".into(),
            secret: Secret::from_slice(b"12345678901234567890").unwrap(),
            params: OtpParams {
                kind: OtpKind::Hotp { counter: 7 },
                ..OtpParams::default_totp()
            },
            image: None,
        };
        vec![totp, hotp]
    }

    const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vault-v1.bin");

    /// Regenerates the committed fixture: `RAMZ_WRITE_FIXTURES=1 cargo test
    /// -p ramz-vault write_v1_fixture -- --ignored`.
    #[test]
    #[ignore]
    fn write_v1_fixture() {
        if std::env::var_os("RAMZ_WRITE_FIXTURES").is_some() {
            let _ = std::fs::remove_file(FIXTURE);
            write_v1(
                Path::new(FIXTURE),
                b"480913",
                KdfParams::for_tests(),
                &fixture_accounts(),
            )
            .unwrap();
        }
    }

    #[test]
    fn v1_fixture_is_upgraded_to_v2_on_unlock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.ramz");
        std::fs::copy(FIXTURE, &path).unwrap();
        assert_eq!(
            &std::fs::read(&path).unwrap()[8..10],
            &VERSION_1.to_le_bytes()
        );
        let ks: Arc<dyn crate::DeviceKeystore> = Arc::new(SoftwareKeystore::from_key([9; 32]));
        let vault = Vault::new(&path, ks, VaultConfig::insecure_for_tests());

        // A wrong PIN counts in the attempts file and leaves the file alone.
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(
            vault.unlock(b"000000", 100).unwrap(),
            UnlockOutcome::WrongPin {
                attempts_left: Some(9),
                ..
            }
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);

        let UnlockOutcome::Unlocked(v) = vault.unlock("۴۸۰۹۱۳".as_bytes(), 200).unwrap()
        else {
            panic!("not unlocked")
        };
        let accounts = v.accounts();
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].otp, fixture_accounts()[0]);
        assert_eq!(accounts[1].otp, fixture_accounts()[1]);
        assert_eq!((accounts[0].position, accounts[1].position), (0, 1));
        assert_eq!(accounts[0].created_unix, 200);
        assert!(accounts.iter().all(|a| a.exportable));
        drop(v);

        // Now version 2, device-bound, counter reset.
        assert_eq!(
            &std::fs::read(&path).unwrap()[8..10],
            &crate::CURRENT_VERSION.to_le_bytes()
        );
        assert_eq!(vault.status(300).unwrap().failures, 0);
        let UnlockOutcome::Unlocked(v) = vault.unlock(b"480913", 300).unwrap() else {
            panic!("not unlocked")
        };
        assert_eq!(v.accounts().len(), 2);
        let other: Arc<dyn crate::DeviceKeystore> = Arc::new(SoftwareKeystore::from_key([1; 32]));
        let stranger = Vault::new(&path, other, VaultConfig::insecure_for_tests());
        assert!(matches!(
            stranger.unlock(b"480913", 400),
            Err(VaultError::Keystore(_))
        ));
    }
}
