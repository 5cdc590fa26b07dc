//! Batches are one atomic save; the clock offsets live in the vault body;
//! every account error is a typed variant.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_vault::{ClockOffsets, LabelField, MaskedCard, VaultError, same_credential};

#[test]
fn a_batch_with_one_bad_account_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, vault, mut v) = new_vault(dir.path());
    v.add(totp("Kept", "a", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    let before = std::fs::read(&path).unwrap();
    let batch = vec![
        totp("One", "b", "GEZDGNBVGY3TQOJQ"),
        totp("Two\u{7}", "c", "MFRGGZDFMZTWQ2LK"),
    ];
    assert!(matches!(
        v.add_many(batch, 2),
        Err(VaultError::InvalidLabel(LabelField::Issuer))
    ));
    assert_eq!(v.accounts().len(), 1);
    assert_eq!(std::fs::read(&path).unwrap(), before, "no save happened");

    let ids = v
        .add_many(
            vec![
                totp("One", "b", "GEZDGNBVGY3TQOJQ"),
                totp("Two", "c", "MFRGGZDFMZTWQ2LK"),
            ],
            3,
        )
        .unwrap();
    assert_eq!(ids.len(), 2);
    drop(v);
    let again = unlock(&vault, 4);
    let names: Vec<_> = again
        .accounts()
        .iter()
        .map(|a| a.otp.issuer.as_str())
        .collect();
    assert_eq!(names, ["Kept", "One", "Two"]);
}

#[test]
fn clock_offsets_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    assert_eq!(v.clock_offsets(), ClockOffsets::default());
    let set = ClockOffsets {
        manual_offset: Some(-5),
        server_offset: Some(-3_600),
    };
    v.set_clock_offsets(set).unwrap();
    v.add(totp("A", "a", "JBSWY3DPEHPK3PXP"), 2).unwrap();
    drop(v);
    let mut v = unlock(&vault, 3);
    assert_eq!(v.clock_offsets(), set);
    let cleared = ClockOffsets {
        manual_offset: None,
        ..set
    };
    v.set_clock_offsets(cleared).unwrap();
    drop(v);
    assert_eq!(unlock(&vault, 4).clock_offsets(), cleared);
}

#[test]
fn typed_account_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    let a = v.add(totp("A", "a", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    assert!(matches!(
        v.set_note(a, Some("bell \u{7}"), 2),
        Err(VaultError::InvalidNote)
    ));
    assert!(matches!(
        v.set_group(a, Some(&"g".repeat(300)), 2),
        Err(VaultError::InvalidLabel(LabelField::Group))
    ));
    assert!(matches!(
        MaskedCard::parse("6037 99"),
        Err(VaultError::InvalidCardNumber)
    ));
    assert!(matches!(v.increment_hotp(a, 2), Err(VaultError::NotHotp)));
    let many = (0..10_001)
        .map(|_| totp("", "x", "JBSWY3DPEHPK3PXP"))
        .collect();
    assert!(matches!(
        v.add_many(many, 3),
        Err(VaultError::TooManyAccounts)
    ));
    assert_eq!(v.accounts().len(), 1);
}

#[test]
fn same_credential_ignores_labels_and_hotp_counter() {
    let a = totp("A", "a", "JBSWY3DPEHPK3PXP");
    let mut b = totp("B", "b", "JBSWY3DPEHPK3PXP");
    assert!(same_credential(&a, &b));
    b.params.digits = ramz_otp::Digits::new(8).unwrap();
    assert!(!same_credential(&a, &b));
    assert!(!same_credential(&a, &totp("A", "a", "GEZDGNBVGY3TQOJQ")));
}
