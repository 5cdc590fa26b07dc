//! The version-1 and version-2 vault files, read only: parsed for the
//! migration to version 3 (`migrate.rs`). Specified in
//! `docs/vault-format.md`.

use crate::codec::Reader;
use crate::crypto::{self, Key, NONCE_LEN, SALT_LEN, TAG_LEN};
use crate::format::{
    Attempts, MAX_WRAPPED_LEN, Slot, VAULT_MAGIC, header_of, read_kdf, read_slots,
};
use crate::{KdfParams, VaultError};

/// A parsed version-2 file (read only, for migration).
pub(crate) struct V2File {
    pub(crate) kdf: KdfParams,
    pub(crate) wrapped_device_secret: Vec<u8>,
    pub(crate) slots: Vec<Slot>,
    pub(crate) body_nonce: [u8; NONCE_LEN],
    pub(crate) header_bytes: Vec<u8>,
    pub(crate) attempts: Attempts,
    pub(crate) attempts_mac: [u8; 32],
    pub(crate) body: Vec<u8>,
}

impl V2File {
    /// The full file with a new lockout record (header and body unchanged).
    pub(crate) fn with_attempts(&self, attempts: Attempts, lock_key: &Key) -> Vec<u8> {
        let mac = v2_attempts_mac(lock_key, b"ramz-vault-v2 lockout", attempts);
        [
            &self.header_bytes[..],
            &attempts.failures.to_le_bytes(),
            &attempts.last_unix.to_le_bytes(),
            mac.as_ref(),
            &self.body,
        ]
        .concat()
    }
}

/// HMAC over a version-2 failure record; `label` separates the in-file
/// record from the attempts file.
pub(crate) fn v2_attempts_mac(lock_key: &Key, label: &[u8], a: Attempts) -> Key {
    crypto::hmac(
        lock_key.as_ref(),
        &[label, &a.failures.to_le_bytes(), &a.last_unix.to_le_bytes()],
    )
}

/// A parsed version-1 file: PIN-only, no slots, no device binding.
pub(crate) struct V1File {
    pub(crate) kdf: KdfParams,
    pub(crate) salt: [u8; SALT_LEN],
    pub(crate) nonce: [u8; NONCE_LEN],
    pub(crate) aad: Vec<u8>,
    pub(crate) body: Vec<u8>,
}

pub(crate) fn parse_v2(bytes: &[u8]) -> Result<V2File, VaultError> {
    let (header_bytes, mut h) = header_of(bytes)?;
    let kdf = read_kdf(&mut h)?;
    let wrapped_device_secret = h.short_bytes()?.to_vec();
    if wrapped_device_secret.is_empty() || wrapped_device_secret.len() > MAX_WRAPPED_LEN {
        return Err(VaultError::Malformed("wrapped device secret"));
    }
    let slots = read_slots(&mut h)?;
    let body_nonce = h.array()?;
    h.expect_end("header")?;

    let mut r = Reader::new(bytes);
    r.take(header_bytes.len())?;
    let attempts = Attempts {
        failures: r.u32()?,
        last_unix: r.u64()?,
    };
    let attempts_mac = r.array()?;
    let body = r.rest().to_vec();
    if body.len() < TAG_LEN + 4 {
        return Err(VaultError::Truncated);
    }
    Ok(V2File {
        kdf,
        wrapped_device_secret,
        slots,
        body_nonce,
        header_bytes: header_bytes.to_vec(),
        attempts,
        attempts_mac,
        body,
    })
}

pub(crate) fn parse_v1(bytes: &[u8]) -> Result<V1File, VaultError> {
    let mut r = Reader::new(bytes);
    r.take(VAULT_MAGIC.len() + 2)?;
    let kdf = KdfParams {
        memory_kib: r.u32()?,
        iterations: r.u32()?,
        parallelism: r.u32()?,
    };
    let salt = r.array()?;
    let nonce = r.array()?;
    let aad = bytes.get(..r.pos()).ok_or(VaultError::Truncated)?.to_vec();
    let body = r.rest().to_vec();
    if body.len() < TAG_LEN + 4 {
        return Err(VaultError::Truncated);
    }
    Ok(V1File {
        kdf,
        salt,
        nonce,
        aad,
        body,
    })
}
