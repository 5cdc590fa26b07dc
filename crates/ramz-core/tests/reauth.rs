//! Re-authentication and damage through the facade: changing the PIN,
//! exporting bank cards and turning biometric unlock on take the current
//! PIN in the same call (counted like an unlock); a damaged vault is
//! `Damaged`, never a wrong PIN, and moves no counter.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ramz_core::{
    Authenticator, CoreError, DeviceKeystore, InputProblem, ManualEntry, SoftwareKeystore,
    UnlockResult, VaultConfig,
};
use ramz_otp::{Algorithm, Digits, Period, Secret};
use ramz_vault::{MaskedCard, NewBankCard, Vault};

const NOW: u64 = 1_750_000_100;
const PIN: &[u8] = b"480913";
const WRONG: &[u8] = b"111111";
const NEW_PIN: &[u8] = "۲۷۱۸۲۸".as_bytes();
const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// Offset of the PIN slot's salt in a version-3 vault file.
const PIN_SALT_AT: usize = 14 + 13 + 1 + 1 + 2;

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    keystore: Arc<SoftwareKeystore>,
}

impl Fixture {
    /// A vault with one TOTP account and one bank card (made through the
    /// vault, as an activation would), opened through the facade.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.ramz");
        let keystore = Arc::new(SoftwareKeystore::in_memory());
        let ks: Arc<dyn DeviceKeystore> = keystore.clone();
        let vault = Vault::new(&path, ks, VaultConfig::insecure_for_tests());
        let mut v = vault.create(PIN, NOW).unwrap();
        v.add_bank_card(
            NewBankCard {
                secret: Secret::from_slice(&[0x5a; 20]).unwrap(),
                issuer: "Bank Melli".into(),
                bank_name: "بانک ملی".into(),
                masked_card: MaskedCard::parse("6037991123456789").unwrap(),
                algorithm: Algorithm::Sha1,
                digits: Digits::new(6).unwrap(),
                period: Period::SIXTY,
            },
            NOW,
        )
        .unwrap();
        drop(v);
        Self {
            _dir: dir,
            path,
            keystore,
        }
    }

    fn open(&self) -> Authenticator {
        Authenticator::open_with(
            &self.path,
            self.keystore.clone(),
            VaultConfig::insecure_for_tests(),
        )
        .unwrap()
    }

    fn unlocked(&self) -> Authenticator {
        let mut a = self.open();
        assert_eq!(a.unlock(PIN, NOW).unwrap(), UnlockResult::Unlocked);
        a.add_manual(
            ManualEntry::totp("GitHub", "me", 30),
            RFC_KEY.as_bytes(),
            NOW,
        )
        .unwrap();
        a
    }

    fn failures(&self) -> u32 {
        self.open().lock_state(NOW).unwrap().failures
    }
}

fn wrong_pin(e: CoreError) -> bool {
    matches!(e, CoreError::WrongPin { .. })
}

#[test]
fn change_pin_takes_the_current_pin() {
    let f = Fixture::new();
    let mut a = f.unlocked();
    assert!(wrong_pin(a.change_pin(WRONG, NEW_PIN, NOW).unwrap_err()));
    assert_eq!(f.failures(), 1, "the wrong current PIN counted");
    assert_eq!(
        a.change_pin(PIN, b"123456", NOW).unwrap_err(),
        CoreError::InvalidInput(InputProblem::WeakPin)
    );
    a.change_pin(PIN, NEW_PIN, NOW).unwrap();
    assert_eq!(f.failures(), 0, "a right PIN resets the counter");
    assert!(a.is_unlocked());
    a.lock();
    assert!(matches!(
        a.unlock(PIN, NOW).unwrap(),
        UnlockResult::WrongPin { .. }
    ));
    assert_eq!(a.unlock(b"271828", NOW).unwrap(), UnlockResult::Unlocked);
    assert_eq!(a.accounts().unwrap().len(), 2);
}

#[test]
fn exporting_bank_cards_takes_the_pin() {
    let f = Fixture::new();
    let mut a = f.unlocked();
    let plain = a.export_backup(b"long enough", None, NOW).unwrap();
    assert_eq!((plain.included, plain.left_out.len()), (1, 1));
    assert!(wrong_pin(
        a.export_backup(b"long enough", Some(WRONG), NOW)
            .unwrap_err()
    ));
    assert_eq!(f.failures(), 1);
    let all = a.export_backup(b"long enough", Some(PIN), NOW).unwrap();
    assert_eq!((all.included, all.left_out.len()), (2, 0));
    assert_eq!(f.failures(), 0);
}

#[test]
fn turning_biometric_unlock_on_takes_the_pin() {
    let f = Fixture::new();
    let mut a = f.unlocked();
    assert_eq!(
        a.set_device_unlock(true, None, NOW).unwrap_err(),
        CoreError::InvalidInput(InputProblem::Pin)
    );
    assert!(wrong_pin(
        a.set_device_unlock(true, Some(WRONG), NOW).unwrap_err()
    ));
    assert!(!a.has_device_unlock().unwrap());
    a.set_device_unlock(true, Some(PIN), NOW).unwrap();
    assert!(a.has_device_unlock().unwrap());
    a.lock();
    a.unlock_with_device().unwrap();
    assert!(a.is_unlocked());
    a.set_device_unlock(false, None, NOW).unwrap();
    assert!(!a.has_device_unlock().unwrap());
}

#[test]
fn the_last_wrong_pin_of_a_re_authentication_wipes_and_locks() {
    let f = Fixture::new();
    let mut a = f.unlocked();
    let mut t = NOW;
    for _ in 0..20 {
        match a.change_pin(WRONG, NEW_PIN, t).unwrap_err() {
            CoreError::WrongPin { wait_seconds, .. } => t += wait_seconds,
            CoreError::TryLater { wait_seconds } => t += wait_seconds,
            CoreError::Wiped => {
                assert!(!a.is_unlocked(), "the session ended with the vault");
                assert!(!f.path.exists());
                assert_eq!(a.accounts().unwrap_err(), CoreError::Locked);
                return;
            }
            other => panic!("{other:?}"),
        }
    }
    panic!("never wiped");
}

/// `verify_pin`: the check before steps the facade has no PIN-taking
/// call for (deleting a bank card, showing transfer codes), on the same
/// unlocked vault — each wrong PIN counts once, a right one resets the
/// count, the session stays; the last wrong one wipes and locks.
#[test]
fn verify_pin_counts_once_and_wipes_at_the_end() {
    let f = Fixture::new();
    let mut a = f.unlocked();
    for n in 1..=3 {
        assert!(wrong_pin(a.verify_pin(WRONG, NOW).unwrap_err()));
        assert_eq!(f.failures(), n);
    }
    // The fourth comes too soon: not tried, not counted.
    assert_eq!(
        a.verify_pin(PIN, NOW).unwrap_err(),
        CoreError::TryLater { wait_seconds: 30 }
    );
    assert_eq!(f.failures(), 3);
    a.verify_pin(PIN, NOW + 30).unwrap();
    assert_eq!(f.failures(), 0);
    assert!(a.is_unlocked());
    let mut t = NOW + 30;
    loop {
        match a.verify_pin(WRONG, t).unwrap_err() {
            CoreError::WrongPin { wait_seconds, .. } => t += wait_seconds,
            CoreError::Wiped => break,
            other => panic!("{other:?}"),
        }
    }
    assert!(!a.is_unlocked() && !f.path.exists());
}

fn flip(path: &Path, at: impl FnOnce(usize) -> usize) {
    let mut bytes = std::fs::read(path).unwrap();
    let i = at(bytes.len());
    bytes[i] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

/// Old behaviour (format 2): a flipped salt byte made the right PIN
/// "wrong" and counted; a flipped body byte was reported but counted too.
#[test]
fn damage_is_damaged_never_a_wrong_pin_and_never_counts() {
    for (what, at) in [
        (
            "PIN slot salt",
            Box::new(|_| PIN_SALT_AT) as Box<dyn Fn(usize) -> usize>,
        ),
        ("body", Box::new(|len| len - 1)),
    ] {
        let f = Fixture::new();
        let mut a = f.open();
        assert!(matches!(
            a.unlock(WRONG, NOW).unwrap(),
            UnlockResult::WrongPin { .. }
        ));
        flip(&f.path, &at);
        let before = std::fs::read(&f.path).unwrap();
        for _ in 0..12 {
            assert_eq!(
                a.unlock(PIN, NOW).unwrap_err(),
                CoreError::Damaged,
                "{what}"
            );
        }
        assert!(f.path.exists(), "{what}: never wiped");
        if what == "body" {
            // The right PIN reset the counter, in the authenticated state
            // block; the damaged body was left as it was.
            let after = std::fs::read(&f.path).unwrap();
            assert_eq!(before.len(), after.len());
            assert_eq!(before[before.len() - 64..], after[after.len() - 64..]);
            assert_eq!(f.failures(), 0);
        } else {
            assert_eq!(std::fs::read(&f.path).unwrap(), before, "{what}");
        }
    }
}
