//! Test vectors of `docs/vault-format.md`.
//!
//! `spec` below builds a version-3 vault file and the software keystore's
//! key file, the version-2 vault (with its attempts file and format-1 key
//! file) that a version-3 build migrates, and a backup file straight from
//! the document — with the primitive crates, not through this crate's code
//! — from fixed keys, salts and nonces. The tests check that
//! 1. the committed files in `tests/data/` are exactly those bytes (so the
//!    document describes them byte for byte), and
//! 2. this crate opens them and finds the documented accounts (and
//!    migrates the version-2 vault).
//!
//! Regenerate after a deliberate format change:
//! `RAMZ_WRITE_VECTORS=1 cargo test -p ramz-vault --test vector`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use ramz_otp::{OtpKind, Secret};
use ramz_vault::{
    AccountKind, KdfParams, SoftwareKeystore, UnlockOutcome, Vault, VaultConfig, read_backup,
};

/// The vector's inputs, as listed in `docs/vault-format.md`.
mod inputs {
    /// Typed in Persian digits; normalised to "480913".
    pub const PIN_TYPED: &str = "۴۸۰۹۱۳";
    pub const PIN: &[u8] = b"480913";
    /// Typed with Persian digits in it; normalised to ASCII digits.
    pub const PASSPHRASE_TYPED: &str = "رمز پشتیبان ۱۴۰۵";
    pub const PASSPHRASE: &str = "رمز پشتیبان 1405";
    /// The floor parameters, so that a default configuration opens it.
    pub const M_KIB: u32 = 19 * 1024;
    pub const T: u32 = 2;
    pub const P: u32 = 1;

    pub fn seq<const N: usize>(start: u8) -> [u8; N] {
        core::array::from_fn(|i| start.wrapping_add(i as u8))
    }
    pub fn keystore_key() -> [u8; 32] {
        seq(0x00)
    }
    pub fn device_secret() -> [u8; 32] {
        seq(0x20)
    }
    pub fn master_key() -> [u8; 32] {
        seq(0x40)
    }
    /// The device-key generation of the version-3 vector.
    pub fn key_id() -> [u8; 16] {
        seq(0x30)
    }
    pub fn keystore_nonce() -> [u8; 24] {
        seq(0x60)
    }
    pub fn pin_salt() -> [u8; 16] {
        seq(0x80)
    }
    pub fn pin_slot_nonce() -> [u8; 24] {
        seq(0x90)
    }
    pub fn body_nonce() -> [u8; 24] {
        seq(0xb0)
    }
    pub fn backup_key() -> [u8; 32] {
        seq(0xc0)
    }
    pub fn backup_salt() -> [u8; 16] {
        seq(0xe0)
    }
    pub fn backup_slot_nonce() -> [u8; 24] {
        seq(0xf0)
    }
    pub fn backup_body_nonce() -> [u8; 24] {
        seq(0x10)
    }
    pub const BACKUP_CREATED: u64 = 1_767_225_600; // 2026-01-01T00:00:00Z
}

/// The format, written from the document with the primitive crates.
mod spec {
    use argon2::{Algorithm, Argon2, Params, Version};
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    use chacha20poly1305::{XChaCha20Poly1305, XNonce};
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    use super::inputs::*;

    pub fn xchacha(key: &[u8; 32], nonce: &[u8; 24], aad: &[u8], msg: &[u8]) -> Vec<u8> {
        XChaCha20Poly1305::new(key.into())
            .encrypt(&XNonce::from(*nonce), Payload { msg, aad })
            .unwrap()
    }

    pub fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
        for p in parts {
            mac.update(p);
        }
        mac.finalize().into_bytes().into()
    }

    pub fn argon2id(password: &[u8], salt: &[u8]) -> [u8; 32] {
        let params = Params::new(M_KIB, T, P, Some(32)).unwrap();
        let mut out = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(password, salt, &mut out)
            .unwrap();
        out
    }

    /// KDF block: algorithm 1 (Argon2id v0x13), m, t, p as u32 LE.
    pub fn kdf_block() -> Vec<u8> {
        let mut out = vec![1u8];
        for v in [M_KIB, T, P] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    fn short(out: &mut Vec<u8>, bytes: &[u8]) {
        out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        out.extend_from_slice(bytes);
    }

    fn opt(out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                short(out, s.as_bytes());
            }
        }
    }

    /// One account record of the account list.
    pub struct Record<'a> {
        pub id: [u8; 16],
        pub kind: u8,
        pub algorithm: u8,
        pub digits: u8,
        pub moving: u64,
        pub created: u64,
        pub updated: u64,
        pub position: u32,
        pub flags: u8,
        pub issuer: &'a str,
        pub account: &'a str,
        pub group: Option<&'a str>,
        pub note: Option<&'a str>,
        pub image: Option<&'a str>,
        pub bank: Option<(&'a str, &'a str)>,
        pub secret: &'a [u8],
    }

    pub fn account_list(records: &[Record<'_>]) -> Vec<u8> {
        let mut out = (records.len() as u32).to_le_bytes().to_vec();
        for r in records {
            out.extend_from_slice(&r.id);
            out.extend_from_slice(&[r.kind, r.algorithm, r.digits]);
            out.extend_from_slice(&r.moving.to_le_bytes());
            out.extend_from_slice(&r.created.to_le_bytes());
            out.extend_from_slice(&r.updated.to_le_bytes());
            out.extend_from_slice(&r.position.to_le_bytes());
            out.push(r.flags);
            short(&mut out, r.issuer.as_bytes());
            short(&mut out, r.account.as_bytes());
            opt(&mut out, r.group);
            opt(&mut out, r.note);
            opt(&mut out, r.image);
            if let Some((bank, masked)) = r.bank {
                short(&mut out, bank.as_bytes());
                short(&mut out, masked.as_bytes());
            }
            short(&mut out, r.secret);
        }
        out
    }

    /// The three accounts of the vector.
    pub fn records() -> Vec<Record<'static>> {
        vec![
            Record {
                id: seq(0xa0),
                kind: 1,      // TOTP
                algorithm: 1, // SHA-1
                digits: 8,
                moving: 30,
                created: 1_767_225_600,
                updated: 1_767_225_600,
                position: 0,
                flags: 1, // exportable
                issuer: "RFC 6238",
                account: "sha1@example.com",
                group: Some("Work"),
                note: None,
                image: None,
                bank: None,
                secret: b"12345678901234567890",
            },
            Record {
                id: seq(0xb0),
                kind: 2, // HOTP
                algorithm: 1,
                digits: 6,
                moving: 1, // next counter
                created: 1_767_225_700,
                updated: 1_767_225_800,
                position: 1,
                flags: 1,
                issuer: "RFC 4226",
                account: "token",
                group: None,
                note: Some("counter 1 gives 287082"),
                image: None,
                bank: None,
                secret: b"12345678901234567890",
            },
            Record {
                id: seq(0xc0),
                kind: 4, // bank card (TOTP)
                algorithm: 1,
                digits: 6,
                moving: 60,
                created: 1_767_225_900,
                updated: 1_767_225_900,
                position: 2,
                flags: 0, // not exportable
                issuer: "Bank Melli",
                account: "603799******6789",
                group: None,
                note: None,
                image: None,
                bank: Some(("بانک ملی", "603799******6789")),
                secret: &[0x5a; 20],
            },
        ]
    }

    /// Format-1 key file (read by version-3 builds; the version-2
    /// vector's keystore).
    pub fn key_file() -> Vec<u8> {
        let mut out = b"RAMZKEY1".to_vec();
        out.extend_from_slice(&keystore_key());
        out
    }

    pub fn device_alias() -> String {
        let hex: String = key_id().iter().map(|b| format!("{b:02x}")).collect();
        format!("device-{hex}")
    }

    /// Format-2 key file holding the one key of the version-3 vector.
    pub fn key_file_v2() -> Vec<u8> {
        let alias = device_alias();
        let mut out = b"RAMZKEY2".to_vec();
        out.push(1); // one key
        out.push(alias.len() as u8);
        out.extend_from_slice(alias.as_bytes());
        out.extend_from_slice(&keystore_key());
        out
    }

    /// `SoftwareKeystore` wrap: nonce || XChaCha20-Poly1305(key, nonce,
    /// "ramz-soft-keystore/" || key name, plaintext).
    pub fn soft_wrap(name: &str, nonce: &[u8; 24], plaintext: &[u8]) -> Vec<u8> {
        let aad = [b"ramz-soft-keystore/".as_slice(), name.as_bytes()].concat();
        let mut out = nonce.to_vec();
        out.extend(xchacha(&keystore_key(), nonce, &aad, plaintext));
        out
    }

    fn pin_slot() -> Vec<u8> {
        let stretched = argon2id(PIN, &pin_salt());
        let kek = hmac(&device_secret(), &[b"ramz-vault-v2 pin kek", &stretched]);
        let slot_aad = [
            b"ramz-vault-v2 pin slot".as_slice(),
            &kdf_block(),
            &pin_salt(),
        ]
        .concat();
        let wrapped_master = xchacha(&kek, &pin_slot_nonce(), &slot_aad, &master_key());
        assert_eq!(wrapped_master.len(), 48);
        [&pin_salt()[..], &pin_slot_nonce(), &wrapped_master].concat()
    }

    /// The version-3 vault: header || state block || MAC || body.
    pub fn vault_file_v3() -> Vec<u8> {
        let ds = device_secret();
        let mut h = b"RAMZVLT\0".to_vec();
        h.extend_from_slice(&3u16.to_le_bytes());
        h.extend_from_slice(&[0; 4]); // header length, patched
        h.extend(kdf_block());
        h.push(1); // one slot
        h.push(1); // PIN slot
        short(&mut h, &pin_slot());
        h.extend_from_slice(&body_nonce());
        let len = h.len() as u32;
        h[10..14].copy_from_slice(&len.to_le_bytes());

        let mut state = key_id().to_vec();
        state.push(0); // nothing to clean up
        state.extend_from_slice(&[0; 16]);
        state.extend_from_slice(&0u32.to_le_bytes()); // failures
        state.extend_from_slice(&0u64.to_le_bytes()); // last wrong PIN
        short(
            &mut state,
            &soft_wrap(&device_alias(), &keystore_nonce(), &ds),
        );
        let header_key = hmac(&ds, &[b"ramz-vault-v3 header key"]);
        let mac = hmac(&header_key, &[b"ramz-vault-v3 state", &h, &state]);
        let body = xchacha(&master_key(), &body_nonce(), &h, &account_list(&records()));
        [h, state, mac.to_vec(), body].concat()
    }

    pub fn lock_key() -> [u8; 32] {
        hmac(&device_secret(), &[b"ramz-vault-v2 lockout key"])
    }

    /// The version-2 vault (migrated by this build).
    pub fn vault_file() -> Vec<u8> {
        let ds = device_secret();
        let wrapped_ds = soft_wrap("device", &keystore_nonce(), &ds);
        let stretched = argon2id(PIN, &pin_salt());
        let kek = hmac(&ds, &[b"ramz-vault-v2 pin kek", &stretched]);
        let slot_aad = [
            b"ramz-vault-v2 pin slot".as_slice(),
            &kdf_block(),
            &pin_salt(),
        ]
        .concat();
        let wrapped_master = xchacha(&kek, &pin_slot_nonce(), &slot_aad, &master_key());
        assert_eq!(wrapped_master.len(), 48);

        let mut h = b"RAMZVLT\0".to_vec();
        h.extend_from_slice(&2u16.to_le_bytes());
        h.extend_from_slice(&[0; 4]); // header length, patched
        h.extend(kdf_block());
        short(&mut h, &wrapped_ds);
        h.push(1); // one slot
        h.push(1); // PIN slot
        let slot = [&pin_salt()[..], &pin_slot_nonce(), &wrapped_master].concat();
        short(&mut h, &slot);
        h.extend_from_slice(&body_nonce());
        let len = h.len() as u32;
        h[10..14].copy_from_slice(&len.to_le_bytes());

        let mut out = h.clone();
        let (failures, last) = (0u32, 0u64);
        out.extend_from_slice(&failures.to_le_bytes());
        out.extend_from_slice(&last.to_le_bytes());
        out.extend_from_slice(&hmac(
            &lock_key(),
            &[
                b"ramz-vault-v2 lockout",
                &failures.to_le_bytes(),
                &last.to_le_bytes(),
            ],
        ));
        out.extend(xchacha(
            &master_key(),
            &body_nonce(),
            &h,
            &account_list(&records()),
        ));
        out
    }

    pub fn attempts_file() -> Vec<u8> {
        let (failures, last) = (0u32, 0u64);
        let mut out = b"RAMZATT1".to_vec();
        out.extend_from_slice(&failures.to_le_bytes());
        out.extend_from_slice(&last.to_le_bytes());
        out.extend_from_slice(&hmac(
            &lock_key(),
            &[
                b"ramz-vault-v2 attempts file",
                &failures.to_le_bytes(),
                &last.to_le_bytes(),
            ],
        ));
        out
    }

    /// A backup of the two exportable accounts.
    pub fn backup_file() -> Vec<u8> {
        let kek = argon2id(PASSPHRASE.as_bytes(), &backup_salt());
        let slot_aad = [
            b"ramz-backup-v1 passphrase slot".as_slice(),
            &kdf_block(),
            &backup_salt(),
        ]
        .concat();
        let wrapped = xchacha(&kek, &backup_slot_nonce(), &slot_aad, &backup_key());
        let mut h = b"RAMZBAK\0".to_vec();
        h.extend_from_slice(&1u16.to_le_bytes());
        h.extend_from_slice(&[0; 4]);
        h.extend(kdf_block());
        h.push(1); // one slot
        h.push(3); // passphrase slot
        let slot = [&backup_salt()[..], &backup_slot_nonce(), &wrapped].concat();
        short(&mut h, &slot);
        h.extend_from_slice(&BACKUP_CREATED.to_le_bytes());
        h.extend_from_slice(&backup_body_nonce());
        let len = h.len() as u32;
        h[10..14].copy_from_slice(&len.to_le_bytes());
        let records: Vec<Record<'_>> = records().into_iter().filter(|r| r.flags & 1 == 1).collect();
        let body = xchacha(
            &backup_key(),
            &backup_body_nonce(),
            &h,
            &account_list(&records),
        );
        [h, body].concat()
    }
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

const FILES: [&str; 6] = [
    "vector-v3.ramz",
    "vector-v3.key",
    "vector-v2.ramz",
    "vector-v2.ramz.attempts",
    "vector-v2.key",
    "vector-backup.ramzbak",
];

fn expected(name: &str) -> Vec<u8> {
    match name {
        "vector-v3.ramz" => spec::vault_file_v3(),
        "vector-v3.key" => spec::key_file_v2(),
        "vector-v2.ramz" => spec::vault_file(),
        "vector-v2.ramz.attempts" => spec::attempts_file(),
        "vector-v2.key" => spec::key_file(),
        "vector-backup.ramzbak" => spec::backup_file(),
        _ => unreachable!(),
    }
}

#[test]
fn committed_vectors_are_the_documented_bytes() {
    for name in FILES {
        let want = expected(name);
        if std::env::var_os("RAMZ_WRITE_VECTORS").is_some() {
            std::fs::write(data(name), &want).unwrap();
        }
        let have = std::fs::read(data(name)).unwrap();
        assert_eq!(
            have, want,
            "{name} differs from the spec in docs/vault-format.md"
        );
    }
}

fn check_accounts(a: &[ramz_vault::VaultAccount]) {
    assert_eq!(a.len(), 3);
    assert_eq!(a[0].id.to_bytes(), inputs::seq::<16>(0xa0));
    assert_eq!(
        (a[0].otp.issuer.as_str(), a[0].otp.account.as_str()),
        ("RFC 6238", "sha1@example.com")
    );
    assert_eq!(a[0].group.as_deref(), Some("Work"));
    assert_eq!(a[0].created_unix, 1_767_225_600);
    // RFC 6238 appendix B: T = 59 s, SHA-1, 8 digits.
    assert_eq!(
        a[0].otp.generator().view(59, 0).code.to_string(),
        "94287082"
    );
    assert_eq!(a[1].kind(), AccountKind::Hotp);
    assert_eq!(a[1].otp.params.kind, OtpKind::Hotp { counter: 1 });
    // RFC 4226 appendix D: counter 1.
    assert_eq!(a[1].otp.generator().view(0, 1).code.to_string(), "287082");
    assert_eq!(a[1].note.as_deref(), Some("counter 1 gives 287082"));
    assert_eq!(a[1].updated_unix, 1_767_225_800);
    assert_eq!(a[2].kind(), AccountKind::BankCard);
    assert!(!a[2].exportable && a[0].exportable && a[1].exportable);
    let card = a[2].bank_card.as_ref().unwrap();
    assert_eq!(card.bank_name, "بانک ملی");
    assert_eq!(card.masked_card.as_str(), "603799******6789");
    assert_eq!(a[2].otp.secret, Secret::from_slice(&[0x5a; 20]).unwrap());
}

/// Copies vector files into a fresh directory (they are changed by use).
fn copy(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::copy(data(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn vault_in(dir: &tempfile::TempDir, name: &str, key: &str) -> Vault {
    let keystore = SoftwareKeystore::open(&dir.path().join(key)).unwrap();
    Vault::new(
        dir.path().join(name),
        Arc::new(keystore),
        VaultConfig::default(),
    )
}

#[test]
fn the_vault_vector_opens_with_its_pin_and_key_file() {
    let dir = copy(&["vector-v3.ramz", "vector-v3.key"]);
    let vault = vault_in(&dir, "vector-v3.ramz", "vector-v3.key");
    let UnlockOutcome::Unlocked(v) = vault
        .unlock(inputs::PIN_TYPED.as_bytes(), 1_767_300_000)
        .unwrap()
    else {
        panic!("the vector's PIN must open it");
    };
    check_accounts(v.accounts());
    drop(v);

    // The wrong PIN is a wrong PIN (not damage), and the key file matters.
    let dir = copy(&["vector-v3.ramz", "vector-v3.key"]);
    let vault = vault_in(&dir, "vector-v3.ramz", "vector-v3.key");
    assert!(matches!(
        vault.unlock(b"480914", 1_767_300_001).unwrap(),
        UnlockOutcome::WrongPin {
            attempts_left: Some(9),
            ..
        }
    ));
    // ... under the next device key: the committed file no longer opens.
    std::fs::copy(data("vector-v3.ramz"), dir.path().join("vector-v3.ramz")).unwrap();
    assert!(matches!(
        vault.unlock(inputs::PIN, 1_767_300_002),
        Err(ramz_vault::VaultError::Keystore(
            ramz_vault::KeystoreError::KeyInvalidated
        ))
    ));
    let other_device = Vault::new(
        dir.path().join("vector-v3.ramz"),
        Arc::new(SoftwareKeystore::from_key(inputs::keystore_key())),
        VaultConfig::default(),
    );
    assert!(other_device.unlock(inputs::PIN, 1_767_300_003).is_err());
}

/// A version-2 vault (the previous format) migrates on the first right
/// PIN: version 3 afterwards, its fixed keystore key and attempts file
/// gone, so the version-2 copy no longer opens.
#[test]
fn the_version_2_vector_migrates_on_the_first_right_pin() {
    let names = ["vector-v2.ramz", "vector-v2.ramz.attempts", "vector-v2.key"];
    let dir = copy(&names);
    let vault = vault_in(&dir, "vector-v2.ramz", "vector-v2.key");
    let path = dir.path().join("vector-v2.ramz");
    // A wrong PIN is counted under the version-2 rules and migrates nothing.
    assert!(matches!(
        vault.unlock(b"480914", 1_767_300_000).unwrap(),
        UnlockOutcome::WrongPin {
            attempts_left: Some(9),
            ..
        }
    ));
    assert_eq!(std::fs::read(&path).unwrap()[8..10], 2u16.to_le_bytes());
    let UnlockOutcome::Unlocked(v) = vault
        .unlock(inputs::PIN_TYPED.as_bytes(), 1_767_300_001)
        .unwrap()
    else {
        panic!("the vector's PIN must open it");
    };
    check_accounts(v.accounts());
    drop(v);
    assert_eq!(
        std::fs::read(&path).unwrap()[8..10],
        ramz_vault::CURRENT_VERSION.to_le_bytes()
    );
    assert!(!dir.path().join("vector-v2.ramz.attempts").exists());
    assert!(
        std::fs::read(dir.path().join("vector-v2.key"))
            .unwrap()
            .starts_with(b"RAMZKEY2")
    );
    assert_eq!(vault.status(1_767_300_002).unwrap().failures, 0);
    let UnlockOutcome::Unlocked(v) = vault.unlock(inputs::PIN, 1_767_300_003).unwrap() else {
        panic!("the migrated vault must open");
    };
    check_accounts(v.accounts());
    drop(v);
    // The version-2 copy (and its attempts file) no longer open.
    std::fs::copy(data("vector-v2.ramz"), &path).unwrap();
    std::fs::copy(
        data("vector-v2.ramz.attempts"),
        dir.path().join("vector-v2.ramz.attempts"),
    )
    .unwrap();
    assert!(matches!(
        vault.unlock(inputs::PIN, 1_767_300_004),
        Err(ramz_vault::VaultError::Keystore(
            ramz_vault::KeystoreError::KeyInvalidated
        ))
    ));
}

#[test]
fn the_backup_vector_opens_with_its_passphrase() {
    let bytes = std::fs::read(data("vector-backup.ramzbak")).unwrap();
    let accounts = read_backup(
        &bytes,
        inputs::PASSPHRASE_TYPED.as_bytes(),
        &KdfParams::FLOOR,
        &KdfParams::DEFAULT_MAX,
    )
    .unwrap();
    assert_eq!(accounts.len(), 2, "the bank card is not in the backup");
    assert_eq!(accounts[0].otp.issuer, "RFC 6238");
    assert_eq!(
        accounts[0].otp.generator().view(59, 0).code.to_string(),
        "94287082"
    );
    assert_eq!(accounts[1].otp.issuer, "RFC 4226");
    assert!(matches!(
        read_backup(
            &bytes,
            "wrong passphrase".as_bytes(),
            &KdfParams::FLOOR,
            &KdfParams::DEFAULT_MAX
        ),
        Err(ramz_vault::VaultError::WrongPassphrase)
    ));
    // Same passphrase with ASCII digits: the same key.
    assert!(
        read_backup(
            &bytes,
            inputs::PASSPHRASE.as_bytes(),
            &KdfParams::FLOOR,
            &KdfParams::DEFAULT_MAX
        )
        .is_ok()
    );
}

/// Writes the seed corpora of the fuzz targets from the vectors. Run with
/// `RAMZ_WRITE_FUZZ_SEEDS=1 cargo test -p ramz-vault --test vector -- --ignored`.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    if std::env::var_os("RAMZ_WRITE_FUZZ_SEEDS").is_none() {
        return;
    }
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let put = |target: &str, name: &str, bytes: &[u8]| {
        let dir = fuzz.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    let v3 = spec::vault_file_v3();
    put("vault_file", "vector-v3", &v3);
    put("vault_file", "vector-v2", &spec::vault_file());
    put(
        "vault_file",
        "vault-v1",
        &std::fs::read(data("vault-v1.bin")).unwrap(),
    );
    let h = u32::from_le_bytes(v3[10..14].try_into().unwrap()) as usize;
    let state_len = 16 + 1 + 16 + 4 + 8 + 2 + 72;
    let state = &v3[h..h + state_len];
    put("lockout_record", "vector-v3", state);
    let mut rotated = state.to_vec();
    rotated[16] = 1; // cleanup: a device key
    rotated[17..33].copy_from_slice(&[0x77; 16]);
    rotated[33..37].copy_from_slice(&4u32.to_le_bytes());
    put("lockout_record", "after-a-rotation", &rotated);
    put(
        "account_list",
        "vector",
        &spec::account_list(&spec::records()),
    );
    put("account_list", "empty", &0u32.to_le_bytes());
    // A vault body with the clock-offset trailer (tag 1, both set).
    let mut with_clock = spec::account_list(&spec::records());
    with_clock.extend_from_slice(&[1, 3]);
    with_clock.extend_from_slice(&(-7i64).to_le_bytes());
    with_clock.extend_from_slice(&42i64.to_le_bytes());
    put("account_list", "vault-body-with-clock", &with_clock);
    put("key_file", "format-1", &spec::key_file());
    put("key_file", "format-2", &spec::key_file_v2());
}
