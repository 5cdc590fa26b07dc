//! Password-based key derivation with caps on file-chosen costs.
//!
//! The caps allow every cost the apps really write (Aegis: scrypt
//! N = 2^15, r = 8, p = 1; Ente Auth: libsodium's "sensitive" Argon2id,
//! 1 GiB × 4 passes, or the 256 MiB × 16 it falls back to on phones) and
//! refuse what would stall or exhaust the device.

use zeroize::Zeroizing;

use super::Key;
use crate::{ImportError, Kdf};

/// Most memory scrypt may use (128 · r · N bytes): 256 MiB, 8× Aegis.
pub const SCRYPT_MAX_MEMORY: u64 = 256 * 1024 * 1024;
/// Most scrypt work (N · r · p), 16× Aegis' default.
pub const SCRYPT_MAX_WORK: u64 = (1 << 15) * 8 * 16;
/// Most Argon2 memory a file may ask for: libsodium's "sensitive" 1 GiB.
pub const ARGON2_MAX_MEMORY_BYTES: u64 = 1024 * 1024 * 1024;
/// Most Argon2 work (memory in bytes × passes): 1 GiB × 4, Ente's
/// sensitive level and its phone fallbacks (256 MiB × 16, ...).
pub const ARGON2_MAX_WORK: u64 = 4 * ARGON2_MAX_MEMORY_BYTES;

/// scrypt with parameters read from a file.
pub(crate) fn scrypt(
    password: &[u8],
    salt: &[u8],
    n: i64,
    r: i64,
    p: i64,
) -> Result<Key, ImportError> {
    let bad = ImportError::BadKdfParams(Kdf::Scrypt);
    let (Ok(n), Ok(r), Ok(p)) = (u64::try_from(n), u32::try_from(r), u32::try_from(p)) else {
        return Err(bad);
    };
    if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
        return Err(bad);
    }
    let memory = 128u128 * u128::from(r) * u128::from(n);
    let work = u128::from(n) * u128::from(r) * u128::from(p);
    if memory > u128::from(SCRYPT_MAX_MEMORY) || work > u128::from(SCRYPT_MAX_WORK) {
        return Err(ImportError::KdfCostTooHigh(Kdf::Scrypt));
    }
    // n is a power of two in 2..=2^21 here, so its log fits a u8.
    let log_n = n.trailing_zeros() as u8;
    let params = scrypt::Params::new(log_n, r, p).map_err(|_| bad.clone())?;
    let mut key = Zeroizing::new([0u8; 32]);
    scrypt::scrypt(password, salt, &params, key.as_mut()).map_err(|_| bad)?;
    Ok(key)
}

/// Most PBKDF2 iterations a file may ask for: 12× andOTP's highest
/// (160 000).
pub const PBKDF2_MAX_ROUNDS: u32 = 2_000_000;

/// PBKDF2-HMAC-SHA1 with an iteration count read from a file (andOTP),
/// capped.
pub(crate) fn pbkdf2_sha1(password: &[u8], salt: &[u8], rounds: u32) -> Result<Key, ImportError> {
    if rounds == 0 {
        return Err(ImportError::BadKdfParams(Kdf::Pbkdf2));
    }
    if rounds > PBKDF2_MAX_ROUNDS {
        return Err(ImportError::KdfCostTooHigh(Kdf::Pbkdf2));
    }
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, rounds, key.as_mut());
    Ok(key)
}

/// PBKDF2-HMAC-SHA256 (2FAS, fixed iteration count).
pub(crate) fn pbkdf2_sha256(password: &[u8], salt: &[u8], rounds: u32) -> Key {
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, key.as_mut());
    key
}

/// Argon2id, version 0x13, one lane, 32-byte output, memory in KiB.
pub(crate) fn argon2id(
    password: &[u8],
    salt: &[u8],
    m_kib: u32,
    t: u32,
) -> Result<Key, ImportError> {
    let bad = ImportError::BadKdfParams(Kdf::Argon2id);
    let params = argon2::Params::new(m_kib, t, 1, Some(32)).map_err(|_| bad.clone())?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password, salt, key.as_mut())
        .map_err(|_| bad)?;
    Ok(key)
}

/// libsodium's `crypto_pwhash` (Argon2id) with `opslimit`/`memlimit`
/// (bytes) read from a file, capped.
pub(crate) fn argon2id_sodium(
    password: &[u8],
    salt: &[u8],
    ops_limit: i64,
    mem_limit: i64,
) -> Result<Key, ImportError> {
    let bad = ImportError::BadKdfParams(Kdf::Argon2id);
    let (Ok(ops), Ok(mem)) = (u64::try_from(ops_limit), u64::try_from(mem_limit)) else {
        return Err(bad);
    };
    if ops == 0 || mem < 8 * 1024 {
        return Err(bad);
    }
    if mem > ARGON2_MAX_MEMORY_BYTES
        || u128::from(mem) * u128::from(ops) > u128::from(ARGON2_MAX_WORK)
    {
        return Err(ImportError::KdfCostTooHigh(Kdf::Argon2id));
    }
    // Both bounded by the caps above: mem / 1024 <= 2^20 and ops <= 2^32.
    let m_kib = u32::try_from(mem / 1024).map_err(|_| bad.clone())?;
    let t = u32::try_from(ops).map_err(|_| bad)?;
    argon2id(password, salt, m_kib, t)
}
