//! Issue 10: from an unlocked app, `change_pin`, exporting bank cards and
//! turning biometric unlock on needed no PIN. Now each takes the current
//! PIN in the same call, counted like an unlock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_vault::{BackupScope, PinRefusal, UnlockOutcome, VaultError};

const WRONG: &[u8] = b"000000";
const PASS: &[u8] = b"correct horse battery";

fn refused(r: Result<impl Sized, VaultError>, left: u32) -> bool {
    matches!(
        r,
        Err(VaultError::PinRefused(PinRefusal::Wrong { attempts_left: Some(l), .. })) if l == left
    )
}

#[test]
fn change_pin_needs_the_current_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    assert!(refused(v.change_pin(WRONG, b"271828", 5), 9));
    drop(v);
    // Not changed; the wrong guess counted.
    assert_eq!(failures(&vault), 1);
    let mut v = unlock(&vault, 6);
    v.change_pin(PIN, b"271828", 7).unwrap();
    drop(v);
    assert!(matches!(
        vault.unlock(b"271828", 8).unwrap(),
        UnlockOutcome::Unlocked(_)
    ));
}

#[test]
fn exporting_bank_cards_needs_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.add_bank_card(card(), 2).unwrap();
    assert!(refused(
        v.export_backup(PASS, BackupScope::IncludingNonExportable { pin: WRONG }, 3),
        9
    ));
    let (_, report) = v
        .export_backup(PASS, BackupScope::IncludingNonExportable { pin: PIN }, 4)
        .unwrap();
    assert_eq!(report.included, 2);
    // Without bank cards no PIN is asked.
    let (_, report) = v
        .export_backup(PASS, BackupScope::ExportableOnly, 5)
        .unwrap();
    assert_eq!(report.included, 1);
    drop(v);
    assert_eq!(failures(&vault), 0, "the right PIN reset the count");
}

#[test]
fn enabling_biometric_unlock_needs_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    assert!(refused(v.enable_device_unlock(WRONG, 1), 9));
    assert!(!v.has_device_unlock());
    drop(v);
    assert!(matches!(
        vault.unlock_with_device(),
        Err(VaultError::NoDeviceSlot)
    ));
    let mut v = unlock(&vault, 2);
    v.enable_device_unlock(PIN, 3).unwrap();
    drop(v);
    assert_eq!(vault.unlock_with_device().unwrap().accounts().len(), 0);
}

/// Re-authentication is not a way around the lockout: its wrong PINs wait
/// and wipe like any other.
#[test]
fn wrong_pins_in_re_authentication_wait_and_wipe() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut v) = new_vault(dir.path());
    let mut now = 100;
    for i in 0..9u32 {
        match v.verify_pin(WRONG, now) {
            Err(VaultError::PinRefused(PinRefusal::Wrong {
                attempts_left,
                wait_seconds,
            })) => {
                assert_eq!(attempts_left, Some(9 - i));
                if wait_seconds > 0 {
                    assert!(matches!(
                        v.verify_pin(PIN, now + wait_seconds - 1),
                        Err(VaultError::PinRefused(PinRefusal::LockedOut { .. }))
                    ));
                }
                now += wait_seconds;
            }
            other => panic!("{i}: {other:?}"),
        }
    }
    assert!(matches!(
        v.verify_pin(WRONG, now),
        Err(VaultError::PinRefused(PinRefusal::Wiped))
    ));
    assert!(!path.exists());
    assert!(v.accounts().is_empty());
    assert!(matches!(
        v.add(totp("a", "b", "JBSWY3DPEHPK3PXP"), now),
        Err(VaultError::NotFound)
    ));
    assert!(!path.exists(), "a save brought the wiped vault back");
}

/// Wrong PINs typed elsewhere (another handle, another process) while this
/// one was unlocked still count: re-authentication continues from the
/// count on disk, not from the one at unlock time.
#[test]
fn re_authentication_counts_on_top_of_wrong_pins_made_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut v) = new_vault(dir.path());
    let other = vault_at(&path);
    for i in 0..2 {
        let _ = other.unlock(WRONG, 100 + i).unwrap();
    }
    // A save meanwhile keeps the count (and names the current key).
    v.add(totp("Nobitex", "ali", "GEZDGNBVGY3TQOJQ"), 150)
        .unwrap();
    assert_eq!(failures(&other), 2);
    let _ = other.unlock(WRONG, 200).unwrap();
    assert_eq!(failures(&other), 3);
    assert!(matches!(
        v.verify_pin(WRONG, 10_000),
        Err(VaultError::PinRefused(PinRefusal::Wrong {
            attempts_left: Some(6),
            ..
        }))
    ));
    // A right PIN resets it, and saves keep working on the rotated key.
    v.verify_pin(PIN, 20_000).unwrap();
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 20_001)
        .unwrap();
    drop(v);
    assert_eq!(failures(&other), 0);
    assert_eq!(unlock(&other, 20_002).accounts().len(), 2);
}

/// The re-keying PIN change keeps everything in the body: accounts and the
/// saved clock offsets.
#[test]
fn a_pin_change_keeps_the_clock_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    let clock = ramz_vault::ClockOffsets {
        manual_offset: Some(-7),
        server_offset: Some(42),
    };
    v.set_clock_offsets(clock).unwrap();
    v.change_pin(PIN, b"271828", 5).unwrap();
    assert_eq!(v.clock_offsets(), clock);
    drop(v);
    let UnlockOutcome::Unlocked(v) = vault.unlock(b"271828", 6).unwrap() else {
        panic!("new PIN");
    };
    assert_eq!(v.clock_offsets(), clock);
}
