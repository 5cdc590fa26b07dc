//! Damaged, truncated, empty, foreign and tampered files: typed errors,
//! never a wrong PIN, never a counted attempt, never a wipe, never a lost
//! byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_vault::{KeystoreError, VaultError};

fn sample(dir: &std::path::Path) -> (std::path::PathBuf, ramz_vault::Vault, Vec<u8>) {
    let (path, vault, mut v) = new_vault(dir);
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.add_bank_card(card(), 2).unwrap();
    drop(v);
    let bytes = std::fs::read(&path).unwrap();
    (path, vault, bytes)
}

/// Every bit before the body is checked before the PIN: the right PIN on
/// a file with any one of them flipped is damage, counts nothing, and
/// leaves the file as it was.
#[test]
fn every_flipped_bit_before_the_body_is_damage_not_a_wrong_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    let (_, _, body) = layout(&good);
    for i in 0..body {
        for bit in [0x01, 0x10, 0x80] {
            let mut bad = good.clone();
            bad[i] ^= bit;
            std::fs::write(&path, &bad).unwrap();
            match vault.unlock(PIN, 10) {
                Err(
                    VaultError::Tampered
                    | VaultError::Malformed(_)
                    | VaultError::Truncated
                    | VaultError::Foreign
                    | VaultError::WeakKdf
                    | VaultError::UnsupportedVersion(_)
                    | VaultError::Keystore(KeystoreError::WrongKey | KeystoreError::KeyInvalidated),
                ) => {}
                other => panic!("byte {i} bit {bit:#x}: {other:?}"),
            }
            assert_eq!(std::fs::read(&path).unwrap(), bad, "byte {i}: file changed");
        }
    }
    std::fs::write(&path, &good).unwrap();
    assert_eq!(failures(&vault), 0, "damage moved the counter");
    assert_eq!(unlock(&vault, 20).accounts().len(), 2);
}

/// Issue 10: one flipped byte of the PIN slot's salt made the right PIN
/// "wrong" nine times, and then the vault was wiped.
#[test]
fn a_damaged_salt_never_burns_attempts_or_wipes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    let mut bad = good.clone();
    bad[PIN_SALT_AT + 3] ^= 0x01;
    std::fs::write(&path, &bad).unwrap();
    for _ in 0..15 {
        assert!(matches!(vault.unlock(PIN, 10), Err(VaultError::Tampered)));
        assert!(matches!(
            vault.unlock(b"000000", 10),
            Err(VaultError::Tampered)
        ));
    }
    assert!(path.exists());
    assert_eq!(std::fs::read(&path).unwrap(), bad);
    std::fs::write(&path, &good).unwrap();
    assert_eq!(failures(&vault), 0);
    assert_eq!(unlock(&vault, 20).accounts().len(), 2);
}

/// Issue 10: with a flipped body byte the right PIN said "damaged" but the
/// counter still climbed, and the 11th try wiped the vault. Now the right
/// PIN resets the counter (also from 5), the body bytes stay as they were,
/// and nothing is wiped however often it is tried.
#[test]
fn a_damaged_body_with_the_right_pin_resets_the_counter_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    let (_, _, body) = layout(&good);
    let mut bad = good.clone();
    bad[body + 7] ^= 0x01;
    std::fs::write(&path, &bad).unwrap();
    let mut now = 100;
    for _ in 0..5 {
        let _ = vault.unlock(b"000000", now).unwrap();
        now += 10_000;
    }
    assert_eq!(failures(&vault), 5);
    for _ in 0..15 {
        assert!(matches!(vault.unlock(PIN, now), Err(VaultError::Tampered)));
        assert_eq!(failures(&vault), 0);
    }
    let after = std::fs::read(&path).unwrap();
    let (_, _, body_after) = layout(&after);
    assert_eq!(&after[body_after..], &bad[body..], "the body bytes changed");
    // Repair the byte: the vault opens.
    let mut fixed = after.clone();
    fixed[body_after + 7] ^= 0x01;
    std::fs::write(&path, &fixed).unwrap();
    assert_eq!(unlock(&vault, now).accounts().len(), 2);
}

/// Every flipped bit of the body, with the right PIN: damage, the body
/// kept, the counter at zero.
#[test]
fn every_flipped_bit_of_the_body_is_damage() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, _) = sample(dir.path());
    let good = std::fs::read(&path).unwrap();
    let (_, _, body) = layout(&good);
    let body_len = good.len() - body;
    for j in 0..body_len {
        let current = std::fs::read(&path).unwrap();
        let (_, _, at) = layout(&current);
        let mut bad = current.clone();
        bad[at + j] ^= 0x04;
        std::fs::write(&path, &bad).unwrap();
        assert!(
            matches!(vault.unlock(PIN, 10), Err(VaultError::Tampered)),
            "body byte {j}"
        );
        let after = std::fs::read(&path).unwrap();
        let (_, _, at2) = layout(&after);
        assert_eq!(&after[at2..], &bad[at..], "body byte {j}: body changed");
        let mut fixed = after;
        fixed[at2 + j] ^= 0x04;
        std::fs::write(&path, &fixed).unwrap();
    }
    assert_eq!(failures(&vault), 0);
    assert_eq!(unlock(&vault, 20).accounts().len(), 2);
}

/// Issue 10: a tampered file could ask for m = 1 GiB, t = 64 and the
/// attempt was counted before the work started. Now costs above the
/// maximum are damage, found before any keystore call or Argon2 run.
#[test]
fn kdf_costs_above_the_maximum_are_damage_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    let expensive = [
        (15, 1024 * 1024u32), // m = 1 GiB
        (15, 128 * 1024 + 1), // just above the default maximum
        (19, 64),             // t = 64
        (19, 7),              // t just above 2 x 3
    ];
    for (offset, value) in expensive {
        let mut bad = good.clone();
        bad[offset..offset + 4].copy_from_slice(&value.to_le_bytes());
        std::fs::write(&path, &bad).unwrap();
        // No Argon2 run at 1 GiB (that would take seconds and a gigabyte).
        let what = format!("offset {offset} value {value}");
        let (unlocked, status) =
            cpu::assert_little_cpu(&what, || (vault.unlock(PIN, 10), vault.status(10)));
        assert!(matches!(unlocked, Err(VaultError::Malformed(_))), "{what}");
        assert!(matches!(status, Err(VaultError::Malformed(_))));
        assert_eq!(std::fs::read(&path).unwrap(), bad);
    }
    std::fs::write(&path, &good).unwrap();
    assert_eq!(failures(&vault), 0);
}

#[test]
fn truncated_files_give_typed_errors_and_stay() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, good) = sample(dir.path());
    let keys = std::fs::read(key_path(&path)).unwrap();
    for n in 0..good.len() {
        std::fs::write(&path, &good[..n]).unwrap();
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
        // A right PIN on a truncated body counted and reset under a new
        // device key; put the keystore back for the next prefix.
        std::fs::write(key_path(&path), &keys).unwrap();
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
        std::sync::Arc::new(ramz_vault::SoftwareKeystore::in_memory()),
        ramz_vault::VaultConfig::insecure_for_tests(),
    );
    assert!(matches!(
        other.unlock(PIN, 1),
        Err(VaultError::Keystore(KeystoreError::KeyInvalidated))
    ));
}
