//! Version 1 → version 2. Version 1 was PIN-only: Argon2id(PIN) was the
//! body key, with no device binding, no slots and no per-account metadata.
//! A successful unlock rewrites it as version 2 in one atomic save.

use crate::account::{AccountId, VaultAccount};
use crate::codec;
use crate::crypto;
use crate::format::{Attempts, Header, V1File};
use crate::lockout;
use crate::vault::{make_pin_slot, v1_lock_key};
use crate::{KeystoreKey, Pin, UnlockOutcome, UnlockedVault, Vault, VaultError};

/// Unlocks a version-1 file and upgrades it.
pub(crate) fn unlock_v1(
    vault: &Vault,
    file: &V1File,
    pin: &Pin,
    now: u64,
) -> Result<UnlockOutcome, VaultError> {
    file.kdf.check(&vault.config.kdf_floor)?;
    let attempts_path = vault.attempts_path();
    let lock_key = v1_lock_key(&file.salt);
    let attempts = lockout::read_attempts_file(&attempts_path, &lock_key)?;
    let persist = |a: Attempts| lockout::write_attempts_file(&attempts_path, &lock_key, a);
    if let Some(early) = vault.gate(attempts, now, &persist)? {
        return Ok(early);
    }
    let failed = Attempts {
        failures: attempts.failures.saturating_add(1),
        last_unix: now,
    };
    persist(failed)?;
    let key = file.kdf.derive(pin.expose(), &file.salt)?;
    let Some(plain) = crypto::open(&key, &file.nonce, &file.aad, &file.body) else {
        return vault.wrong_pin(failed.failures);
    };
    let old = codec::decode_accounts_v1(&plain)?;
    let accounts = old
        .into_iter()
        .enumerate()
        .map(|(i, otp)| {
            let id = AccountId(crypto::random()?);
            VaultAccount::new_otp(id, otp, now, u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect::<Result<Vec<_>, _>>()?;

    let device_secret = crypto::random_key()?;
    let wrapped_device_secret = vault
        .keystore
        .wrap(KeystoreKey::Device, device_secret.as_ref())?;
    let master = crypto::random_key()?;
    let pin_slot = make_pin_slot(&vault.config.kdf, pin, &device_secret, &master)?;
    let header = Header {
        kdf: vault.config.kdf,
        wrapped_device_secret,
        slots: vec![pin_slot],
        body_nonce: [0; 24],
    };
    let upgraded = UnlockedVault::new(vault.clone(), master, device_secret, header, accounts);
    upgraded.write_replacing()?;
    // The v1 attempts key is gone with the v1 file; start the v2 record.
    let _ = std::fs::remove_file(&attempts_path);
    upgraded.reset_attempts_file()?;
    Ok(UnlockOutcome::Unlocked(upgraded))
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
        atomic::create_new(path, &out)
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
