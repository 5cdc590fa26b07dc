//! The vault through its public API: accounts, PIN changes, slots.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_otp::{OtpKind, OtpParams};
use ramz_vault::{AccountKind, KdfParams, PinProblem, UnlockOutcome, VaultConfig, VaultError};

#[test]
fn accounts_survive_every_change_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    let a = v
        .add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1_001)
        .unwrap();
    let b = v
        .add(
            totp("Nobitex", "ali@example.com", "GEZDGNBVGY3TQOJQ"),
            1_002,
        )
        .unwrap();
    let c = v.add_bank_card(card(), 1_003).unwrap();
    let mut hotp = totp("Legacy", "token", "MFRGGZDFMZTWQ2LK");
    hotp.params = OtpParams {
        kind: OtpKind::Hotp { counter: 5 },
        ..hotp.params
    };
    let d = v.add(hotp, 1_004).unwrap();

    v.rename(a, "GitHub.com", "ali-r", 1_010).unwrap();
    v.move_to(c, 0, 1_011).unwrap();
    v.remove(b).unwrap();
    assert_eq!(v.increment_hotp(d, 1_012).unwrap(), 5);
    v.set_group(a, Some("Work"), 1_013).unwrap();
    v.set_note(a, Some("recovery codes in the safe"), 1_014)
        .unwrap();
    let before: Vec<_> = v.accounts().to_vec();
    drop(v);

    let v = unlock(&vault, 2_000);
    assert_eq!(v.accounts(), &before[..]);
    let ids: Vec<_> = v.accounts().iter().map(|x| x.id).collect();
    assert_eq!(ids, [c, a, d]);
    let card = v.account(c).unwrap();
    assert_eq!(card.kind(), AccountKind::BankCard);
    assert!(!card.exportable);
    assert_eq!(card.otp.account, "603799******6789");
    assert_eq!(
        card.otp.params.kind,
        OtpKind::Totp {
            period: ramz_otp::Period::SIXTY
        }
    );
    let github = v.account(a).unwrap();
    assert_eq!(
        (github.otp.issuer.as_str(), github.otp.account.as_str()),
        ("GitHub.com", "ali-r")
    );
    assert_eq!((github.created_unix, github.updated_unix), (1_001, 1_014));
    assert_eq!(github.group.as_deref(), Some("Work"));
    assert_eq!(
        v.account(d).unwrap().otp.params.kind,
        OtpKind::Hotp { counter: 6 }
    );
    assert!(v.account(b).is_none());
}

#[test]
fn failed_changes_leave_memory_and_disk_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    let a = v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    assert!(matches!(
        v.rename(a, "bad\u{7}", "x", 2),
        Err(VaultError::InvalidLabel(ramz_vault::LabelField::Issuer))
    ));
    assert!(matches!(v.increment_hotp(a, 2), Err(VaultError::NotHotp)));
    assert!(matches!(
        v.remove(ramz_vault::AccountId::from_bytes([0; 16])),
        Err(VaultError::NoSuchAccount)
    ));
    assert_eq!(v.account(a).unwrap().otp.issuer, "GitHub");
}

#[test]
fn change_pin_takes_the_current_pin_and_keeps_the_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    assert!(matches!(
        v.change_pin(PIN, b"111111", 2),
        Err(VaultError::Pin(PinProblem::AllSame))
    ));
    // A weak new PIN is refused before the current one is tried.
    assert_eq!(failures(&vault), 0);
    v.change_pin(PIN, "۲۷۱۸۲۸".as_bytes(), 3).unwrap();
    drop(v);
    assert!(matches!(
        vault.unlock(PIN, 10).unwrap(),
        UnlockOutcome::WrongPin { .. }
    ));
    let UnlockOutcome::Unlocked(v) = vault.unlock(b"271828", 11).unwrap() else {
        panic!()
    };
    assert_eq!(v.accounts().len(), 1);
    assert!(path.exists());
}

#[test]
fn biometric_slot_unlocks_without_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    assert!(matches!(
        vault.unlock_with_device(),
        Err(VaultError::NoDeviceSlot)
    ));
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.enable_device_unlock(PIN, 2).unwrap();
    assert!(v.has_device_unlock());
    drop(v);
    // Two wrong PINs, then the biometric slot resets the counter.
    for _ in 0..2 {
        assert!(matches!(
            vault.unlock(b"000000", 5).unwrap(),
            UnlockOutcome::WrongPin { .. }
        ));
    }
    let mut v = vault.unlock_with_device().unwrap();
    assert_eq!(v.accounts().len(), 1);
    assert_eq!(vault.status(6).unwrap().failures, 0);
    v.disable_device_unlock().unwrap();
    drop(v);
    assert!(matches!(
        vault.unlock_with_device(),
        Err(VaultError::NoDeviceSlot)
    ));
}

#[test]
fn creation_never_overwrites_and_checks_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ramz");
    std::fs::write(&path, b"important").unwrap();
    let vault = vault_at(&path);
    assert!(matches!(
        vault.create(PIN, 1),
        Err(VaultError::AlreadyExists)
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"important");
    let fresh = vault_at(&dir.path().join("new.ramz"));
    assert!(matches!(
        fresh.create(b"123456", 1),
        Err(VaultError::Pin(PinProblem::Ascending))
    ));
    assert!(matches!(
        fresh.create(b"12345", 1),
        Err(VaultError::Pin(PinProblem::WrongLength(5)))
    ));
    assert!(!fresh.exists());
}

#[test]
fn kdf_floor_is_enforced_with_the_real_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, v) = new_vault(dir.path());
    drop(v);
    // The default configuration refuses the test-sized parameters before
    // running Argon2 or touching the counter.
    let strict = ramz_vault::Vault::new(&path, keystore_for(&path), VaultConfig::default());
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(strict.unlock(PIN, 5), Err(VaultError::WeakKdf)));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(KdfParams::DEFAULT.meets(&KdfParams::FLOOR));
    assert!(!KdfParams::for_tests().meets(&KdfParams::FLOOR));
}
