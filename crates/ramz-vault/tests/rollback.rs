//! Issue 10, "Vault": an attacker who can copy and write the app's files
//! (but cannot roll back the platform keystore — here the key file) puts
//! older copies back. None of it yields an attempt or opens a wiped vault.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_vault::{KeystoreError, UnlockOutcome, VaultError};

const WRONG: &[u8] = b"000000";

fn wrong(vault: &ramz_vault::Vault, now: u64) -> UnlockOutcome {
    vault.unlock(WRONG, now).unwrap()
}

fn key_gone<T: std::fmt::Debug>(r: Result<T, VaultError>) -> bool {
    matches!(r, Err(VaultError::Keystore(KeystoreError::KeyInvalidated)))
}

/// On main: copy the files, 4 wrong PINs ("6 left"), put the copy back,
/// and the next wrong PIN said "9 left".
#[test]
fn restoring_an_older_copy_never_gives_attempts_back() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, v) = new_vault(dir.path());
    drop(v);
    let mut copies = vec![snapshot(&path)];
    for i in 0..4 {
        let _ = wrong(&vault, 100 + i * 10_000);
        copies.push(snapshot(&path));
    }
    assert_eq!(failures(&vault), 4);
    let current = copies.pop().unwrap();
    for (i, old) in copies.iter().enumerate() {
        std::fs::write(&path, old).unwrap();
        assert!(
            key_gone(vault.unlock(WRONG, 200)),
            "copy {i}: a guess was counted from an old count"
        );
        assert!(key_gone(vault.unlock(PIN, 200)), "copy {i} opened");
        assert!(key_gone(vault.status(200)), "copy {i}");
    }
    // The current file still holds the current count.
    std::fs::write(&path, &current).unwrap();
    assert_eq!(failures(&vault), 4);
    assert!(matches!(
        wrong(&vault, 100_000),
        UnlockOutcome::WrongPin {
            attempts_left: Some(5),
            ..
        }
    ));
}

/// Putting back only a part of an older copy (its state block with the
/// lower count, or its header) is no better.
#[test]
fn restoring_part_of_an_older_copy_gives_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, v) = new_vault(dir.path());
    drop(v);
    let old = snapshot(&path);
    for _ in 0..3 {
        let _ = wrong(&vault, 100);
    }
    let current = snapshot(&path);
    let (h, _, body) = layout(&current);
    assert_eq!(layout(&old), layout(&current));
    // Old state block (count 0) into the current file.
    let mut spliced = current.clone();
    spliced[h..body].copy_from_slice(&old[h..body]);
    std::fs::write(&path, &spliced).unwrap();
    assert!(key_gone(vault.unlock(WRONG, 1_000)));
    // Old counter bytes only.
    let mut counter_only = current.clone();
    let (_, f, _) = layout(&current);
    counter_only[f..f + 12].copy_from_slice(&old[f..f + 12]);
    std::fs::write(&path, &counter_only).unwrap();
    assert!(matches!(
        vault.unlock(WRONG, 1_000),
        Err(VaultError::Tampered)
    ));
    // The current file is untouched by all this: still 3.
    std::fs::write(&path, &current).unwrap();
    assert_eq!(failures(&vault), 3);
}

/// On main: after 10 wrong PINs erased the vault, a copy taken before the
/// wipe opened with the right PIN and showed every account.
#[test]
fn a_copy_from_before_the_wipe_never_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.add_bank_card(card(), 2).unwrap();
    drop(v);
    let before_any = snapshot(&path);
    let mut copies = vec![before_any];
    let mut now = 1_000;
    loop {
        match wrong(&vault, now) {
            UnlockOutcome::WrongPin { wait_seconds, .. } => now += wait_seconds,
            UnlockOutcome::Wiped => break,
            other => panic!("{other:?}"),
        }
        copies.push(snapshot(&path));
    }
    assert!(!path.exists());
    for (i, copy) in copies.iter().enumerate() {
        std::fs::write(&path, copy).unwrap();
        assert!(
            key_gone(vault.unlock(PIN, now + 100_000)),
            "copy {i} opened after the wipe"
        );
        assert!(key_gone(vault.unlock_with_device()), "copy {i}");
    }
}

/// Same through an explicit wipe ("forgot my PIN").
#[test]
fn an_explicit_wipe_is_final_too() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, v) = new_vault(dir.path());
    drop(v);
    let copy = snapshot(&path);
    vault.wipe().unwrap();
    assert!(!path.exists());
    std::fs::write(&path, &copy).unwrap();
    assert!(key_gone(vault.unlock(PIN, 5)));
}

/// On main: after a right PIN the next wrong one sometimes counted as the
/// second (the success was compared with the count from before the
/// attempt was recorded).
#[test]
fn after_a_right_pin_the_next_wrong_pin_is_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, v) = new_vault(dir.path());
    drop(v);
    for round in 0..3 {
        drop(unlock(&vault, 100 + round));
        assert_eq!(failures(&vault), 0, "round {round}");
        assert!(matches!(
            wrong(&vault, 100 + round),
            UnlockOutcome::WrongPin {
                attempts_left: Some(9),
                ..
            }
        ));
        drop(unlock(&vault, 100 + round));
    }
}
