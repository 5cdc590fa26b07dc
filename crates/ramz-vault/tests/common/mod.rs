//! Shared helpers of the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ramz_otp::{Algorithm, Digits, OtpAccount, OtpParams, Period, Secret};
use ramz_vault::{
    DeviceKeystore, MaskedCard, NewBankCard, SoftwareKeystore, UnlockOutcome, UnlockedVault, Vault,
    VaultConfig,
};

pub mod cpu;

pub const PIN: &[u8] = b"480913";

/// The software keystore's file beside a test vault (`vault.key`).
pub fn key_path(vault: &Path) -> PathBuf {
    vault.with_extension("key")
}

/// The keystore of the vault at `vault`: a key file beside it, shared by
/// every handle (and process) that opens this vault.
pub fn keystore_for(vault: &Path) -> Arc<dyn DeviceKeystore> {
    Arc::new(SoftwareKeystore::open_or_create(&key_path(vault)).unwrap())
}

pub fn vault_at(path: &Path) -> Vault {
    Vault::new(path, keystore_for(path), VaultConfig::insecure_for_tests())
}

/// The vault's files as they are now: (vault file, key file). An attacker
/// who can copy the app's files gets the first; the second stands for the
/// platform keystore, which they cannot copy or roll back.
pub fn snapshot(vault: &Path) -> Vec<u8> {
    std::fs::read(vault).unwrap()
}

/// The wrong-PIN count as the vault reports it.
pub fn failures(vault: &Vault) -> u32 {
    vault.status(u64::MAX / 2).unwrap().failures
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

/// Offsets in a version-3 vault file: (header length H, start of the state
/// block's failure counter, start of the body).
pub fn layout(bytes: &[u8]) -> (usize, usize, usize) {
    let h = u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize;
    let failures_at = h + 16 + 1 + 16;
    let wrapped_len_at = failures_at + 4 + 8;
    let wrapped_len = u16::from_le_bytes(
        bytes[wrapped_len_at..wrapped_len_at + 2]
            .try_into()
            .unwrap(),
    ) as usize;
    let body = wrapped_len_at + 2 + wrapped_len + 32;
    (h, failures_at, body)
}

/// Offset of the PIN slot's salt in a version-3 file (the PIN slot first).
pub const PIN_SALT_AT: usize = 14 + 13 + 1 + 1 + 2;
