//! Damaged, truncated, empty, foreign and tampered files: typed errors,
//! never a wrong unlock, never an overwrite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_vault::{UnlockOutcome, VaultError};

fn sample(dir: &std::path::Path) -> (std::path::PathBuf, ramz_vault::Vault, Vec<u8>) {
    let (path, vault, mut v) = new_vault(dir);
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.add_bank_card(card(), 2).unwrap();
    drop(v);
    let bytes = std::fs::read(&path).unwrap();
    (path, vault, bytes)
}

#[test]
fn every_flipped_bit_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0x10;
        std::fs::write(&path, &bad).unwrap();
        let _ = std::fs::remove_file(vault.attempts_path());
        match vault.unlock(PIN, 10) {
            Ok(UnlockOutcome::Unlocked(_)) => panic!("byte {i}: changed file unlocked"),
            Ok(UnlockOutcome::WrongPin { .. }) | Err(_) => {}
            Ok(other) => panic!("byte {i}: {other:?}"),
        }
        assert!(path.exists(), "byte {i}: file removed");
    }
    std::fs::write(&path, &good).unwrap();
    let _ = std::fs::remove_file(vault.attempts_path());
    assert_eq!(unlock(&vault, 20).accounts().len(), 2);
}

#[test]
fn truncated_files_give_typed_errors_and_stay() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    for n in 0..good.len() {
        std::fs::write(&path, &good[..n]).unwrap();
        let _ = std::fs::remove_file(vault.attempts_path());
        let result = vault.unlock(PIN, 10);
        match result {
            Err(VaultError::Empty) => assert_eq!(n, 0),
            Err(VaultError::Truncated | VaultError::Tampered | VaultError::Malformed(_)) => {}
            other => panic!("prefix {n}: {other:?}"),
        }
        let after = std::fs::read(&path).unwrap();
        assert_eq!(after.len(), n, "prefix {n}: size changed");
        assert!(matches!(
            vault.create(PIN, 1),
            Err(VaultError::AlreadyExists)
        ));
    }
}

#[test]
fn foreign_files_are_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ramz");
    let vault = vault_at(&path);
    for (bytes, name) in [
        (&b"\x89PNG\r\n\x1a\n rest of an image"[..], "png"),
        (b"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", "uri"),
        (b"RAMZKEY1", "key file"),
    ] {
        std::fs::write(&path, bytes).unwrap();
        assert!(
            matches!(vault.unlock(PIN, 1), Err(VaultError::Foreign)),
            "{name}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
    let mut future = b"RAMZVLT\0".to_vec();
    future.extend_from_slice(&9u16.to_le_bytes());
    future.extend_from_slice(&[0; 64]);
    std::fs::write(&path, &future).unwrap();
    assert!(matches!(
        vault.unlock(PIN, 1),
        Err(VaultError::UnsupportedVersion(9))
    ));
}

#[test]
fn a_vault_from_another_device_is_refused_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = sample(dir.path());
    let other = ramz_vault::Vault::new(
        &path,
        std::sync::Arc::new(ramz_vault::SoftwareKeystore::from_key([7; 32])),
        ramz_vault::VaultConfig::insecure_for_tests(),
    );
    assert!(matches!(
        other.unlock(PIN, 1),
        Err(VaultError::Keystore(ramz_vault::KeystoreError::WrongKey))
    ));
}
