//! Issue 10: changing the PIN rotated neither the master key nor the
//! device secret, so an old copy plus the old PIN still yielded today's
//! master key.
//!
//! The attacker here is as strong as it gets short of today's PIN: an old
//! copy of the vault file, a copy of the keystore (the key file) taken at
//! the same time, and the old PIN. With the primitive crates alone (no
//! code of this crate) they recover the old master key and device secret,
//! and try them on today's file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use common::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn u16_at(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes([b[at], b[at + 1]]) as usize
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn open(key: &[u8], nonce: &[u8], aad: &[u8], msg: &[u8]) -> Option<Vec<u8>> {
    let key: [u8; 32] = key.try_into().ok()?;
    let nonce: [u8; 24] = nonce.try_into().ok()?;
    XChaCha20Poly1305::new(&key.into())
        .decrypt(&XNonce::from(nonce), Payload { msg, aad })
        .ok()
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().to_vec()
}

/// The key of `alias` in a format-2 key file.
fn key_of(key_file: &[u8], alias: &str) -> Option<Vec<u8>> {
    let mut at = 9;
    for _ in 0..key_file[8] {
        let len = key_file[at] as usize;
        let name = &key_file[at + 1..at + 1 + len];
        let key = &key_file[at + 1 + len..at + 1 + len + 32];
        if name == alias.as_bytes() {
            return Some(key.to_vec());
        }
        at += 1 + len + 32;
    }
    None
}

/// (device secret, master key) from a vault file, its key file and a PIN.
fn attack(vault: &[u8], key_file: &[u8], pin: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let (h, failures_at, _) = layout(vault);
    let id: String = vault[h..h + 16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let alias = format!("device-{id}");
    let k_file = key_of(key_file, &alias)?;
    let wlen = u16_at(vault, failures_at + 12);
    let wrapped = &vault[failures_at + 14..failures_at + 14 + wlen];
    let aad = [b"ramz-soft-keystore/".as_slice(), alias.as_bytes()].concat();
    let ds = open(&k_file, &wrapped[..24], &aad, &wrapped[24..])?;
    let (m, t, p) = (u32_at(vault, 15), u32_at(vault, 19), u32_at(vault, 23));
    let salt = &vault[PIN_SALT_AT..PIN_SALT_AT + 16];
    let mut stretched = [0u8; 32];
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(m, t, p, Some(32)).unwrap(),
    )
    .hash_password_into(pin, salt, &mut stretched)
    .unwrap();
    let kek = hmac(&ds, &[b"ramz-vault-v2 pin kek", &stretched]);
    let slot_aad = [b"ramz-vault-v2 pin slot".as_slice(), &vault[14..27], salt].concat();
    let nonce = &vault[PIN_SALT_AT + 16..PIN_SALT_AT + 40];
    let wrapped_master = &vault[PIN_SALT_AT + 40..PIN_SALT_AT + 88];
    let master = open(&kek, nonce, &slot_aad, wrapped_master)?;
    Some((ds, master))
}

/// Today's body, decrypted with a master key (if it is the right one).
fn read_body(vault: &[u8], master: &[u8]) -> Option<Vec<u8>> {
    let (h, _, body) = layout(vault);
    open(master, &vault[h - 24..h], &vault[..h], &vault[body..])
}

/// Today's state block authenticated with a device secret (if it is the
/// right one).
fn state_verifies(vault: &[u8], ds: &[u8]) -> bool {
    let (h, _, body) = layout(vault);
    let header_key = hmac(ds, &[b"ramz-vault-v3 header key"]);
    let mac = hmac(
        &header_key,
        &[b"ramz-vault-v3 state", &vault[..h], &vault[h..body - 32]],
    );
    mac == vault[body - 32..body]
}

#[test]
fn an_old_copy_and_the_old_pin_give_nothing_current_after_a_pin_change() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    let old_file = snapshot(&path);
    let old_keys = std::fs::read(key_path(&path)).unwrap();

    // The attacker's tools work: on the copy they recover the keys, and
    // those keys read that copy and (before any change) today's file.
    let (old_ds, old_master) = attack(&old_file, &old_keys, PIN).expect("attack on the copy");
    assert!(read_body(&old_file, &old_master).is_some());
    v.add(totp("Nobitex", "ali", "GEZDGNBVGY3TQOJQ"), 2)
        .unwrap();
    let today = snapshot(&path);
    assert!(
        read_body(&today, &old_master).is_some(),
        "without a PIN change the old master key reads today's file"
    );

    v.change_pin(PIN, b"271828", 3).unwrap();
    v.add(totp("Bank", "ali", "MFRGGZDFMZTWQ2LK"), 4).unwrap();
    drop(v);
    let today = snapshot(&path);
    assert!(
        read_body(&today, &old_master).is_none(),
        "the old master key still reads the vault after the PIN change"
    );
    assert!(
        !state_verifies(&today, &old_ds),
        "the old device secret still authenticates the vault after the PIN change"
    );
    // Today's keys, recovered the same way with today's key file and PIN,
    // do read it (so the checks above can fail).
    let today_keys = std::fs::read(key_path(&path)).unwrap();
    let (ds, master) = attack(&today, &today_keys, b"271828").unwrap();
    assert!(read_body(&today, &master).is_some() && state_verifies(&today, &ds));
    assert_ne!(ds, old_ds);
    // And the old copy no longer opens through the vault at all.
    std::fs::write(&path, &old_file).unwrap();
    assert!(matches!(
        vault_at(&path).unlock(PIN, 5),
        Err(ramz_vault::VaultError::Keystore(
            ramz_vault::KeystoreError::KeyInvalidated
        ))
    ));
}
