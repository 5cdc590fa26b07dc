//! Wrong PINs: waits, wipe, the clock. (Restoring old files: `rollback.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_vault::{LockStatus, UnlockOutcome, VaultError};

const WRONG: &[u8] = b"000000";

fn wrong(vault: &ramz_vault::Vault, now: u64) -> UnlockOutcome {
    vault.unlock(WRONG, now).unwrap()
}

#[test]
fn waits_then_wipe_on_the_tenth_wrong_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, v) = new_vault(dir.path());
    drop(v);
    let mut now = 10_000;
    let expected_waits = [0, 0, 30, 60, 120, 240, 480, 960, 1920];
    for (i, wait) in expected_waits.iter().enumerate() {
        match wrong(&vault, now) {
            UnlockOutcome::WrongPin {
                attempts_left,
                wait_seconds,
            } => {
                assert_eq!(attempts_left, Some(9 - i as u32));
                assert_eq!(wait_seconds, *wait);
            }
            other => panic!("attempt {i}: {other:?}"),
        }
        if *wait > 0 {
            // Too early: refused without trying the PIN, counter unchanged,
            // even with the right PIN.
            let early = vault.unlock(PIN, now + wait - 1).unwrap();
            assert!(
                matches!(early, UnlockOutcome::LockedOut { wait_seconds: 1 }),
                "{early:?}"
            );
            assert_eq!(vault.status(now + wait - 1).unwrap().failures, i as u32 + 1);
        }
        now += wait;
    }
    assert!(matches!(wrong(&vault, now), UnlockOutcome::Wiped));
    assert!(!path.exists());
    assert!(matches!(vault.unlock(PIN, now), Err(VaultError::NotFound)));
}

#[test]
fn right_pin_resets_the_counter() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, v) = new_vault(dir.path());
    drop(v);
    for _ in 0..3 {
        let _ = wrong(&vault, 100);
    }
    assert_eq!(
        vault.status(110).unwrap(),
        LockStatus {
            failures: 3,
            attempts_left: Some(7),
            wait_seconds: 20
        }
    );
    drop(unlock(&vault, 130));
    assert_eq!(
        vault.status(130).unwrap(),
        LockStatus {
            failures: 0,
            attempts_left: Some(10),
            wait_seconds: 0
        }
    );
    // The count starts again from zero: three more free attempts.
    for i in 0..3 {
        assert!(
            matches!(wrong(&vault, 131), UnlockOutcome::WrongPin { attempts_left: Some(l), .. } if l == 9 - i)
        );
    }
}

#[test]
fn clock_set_back_restarts_the_wait() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, v) = new_vault(dir.path());
    drop(v);
    for _ in 0..3 {
        let _ = wrong(&vault, 4_970);
    }
    assert!(matches!(
        wrong(&vault, 5_000),
        UnlockOutcome::WrongPin {
            wait_seconds: 60,
            ..
        }
    ));
    // 60 s wait from 5000. Setting the clock back to 1000 does not help:
    // the wait restarts from the earlier time.
    assert!(matches!(
        vault.unlock(PIN, 1_000).unwrap(),
        UnlockOutcome::LockedOut { wait_seconds: 60 }
    ));
    assert!(matches!(
        vault.unlock(PIN, 1_059).unwrap(),
        UnlockOutcome::LockedOut { wait_seconds: 1 }
    ));
    assert!(matches!(
        vault.unlock(PIN, 1_060).unwrap(),
        UnlockOutcome::Unlocked(_)
    ));
}

#[test]
fn malformed_pin_does_not_count() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, v) = new_vault(dir.path());
    drop(v);
    assert!(matches!(vault.unlock(b"12345", 1), Err(VaultError::Pin(_))));
    assert!(matches!(
        vault.unlock(b"abcdef", 1),
        Err(VaultError::Pin(_))
    ));
    assert_eq!(vault.status(1).unwrap().failures, 0);
}
