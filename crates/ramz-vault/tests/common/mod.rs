//! Shared helpers of the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ramz_otp::{Algorithm, Digits, OtpAccount, OtpParams, Period, Secret};
use ramz_vault::{
    DeviceKeystore, MaskedCard, NewBankCard, SoftwareKeystore, UnlockOutcome, UnlockedVault, Vault,
    VaultConfig,
};

pub const PIN: &[u8] = b"480913";

pub fn keystore() -> Arc<dyn DeviceKeystore> {
    Arc::new(SoftwareKeystore::from_key([42; 32]))
}

pub fn vault_at(path: &Path) -> Vault {
    Vault::new(path, keystore(), VaultConfig::insecure_for_tests())
}

pub fn new_vault(dir: &Path) -> (PathBuf, Vault, UnlockedVault) {
    let path = dir.join("vault.ramz");
    let vault = vault_at(&path);
    let unlocked = vault.create(PIN, 1_000).unwrap();
    (path, vault, unlocked)
}

pub fn unlock(vault: &Vault, now: u64) -> UnlockedVault {
    match vault.unlock(PIN, now).unwrap() {
        UnlockOutcome::Unlocked(v) => v,
        other => panic!("expected unlocked, got {other:?}"),
    }
}

pub fn totp(issuer: &str, account: &str, secret_b32: &str) -> OtpAccount {
    OtpAccount {
        issuer: issuer.into(),
        account: account.into(),
        secret: Secret::from_base32(secret_b32).unwrap(),
        params: OtpParams::default_totp(),
        image: None,
    }
}

pub fn card() -> NewBankCard {
    NewBankCard {
        secret: Secret::from_slice(&[0x5a; 20]).unwrap(),
        issuer: "Bank Melli".into(),
        bank_name: "بانک ملی".into(),
        masked_card: MaskedCard::parse("6037991123456789").unwrap(),
        algorithm: Algorithm::Sha1,
        digits: Digits::new(6).unwrap(),
        period: Period::SIXTY,
    }
}
