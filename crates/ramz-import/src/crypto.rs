//! The primitives the encrypted exports use, behind small functions that
//! return zeroized buffers and typed errors. Key-derivation costs taken
//! from a file are checked against fixed caps before any work.

mod kdf;
mod secretstream;

pub(crate) use kdf::{argon2id, argon2id_sodium, pbkdf2_sha1, pbkdf2_sha256, scrypt};
pub(crate) use secretstream::{SecretStreamPull, TAG_FINAL};

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit};
use data_encoding::{BASE64, BASE64_NOPAD, HEXLOWER_PERMISSIVE};
use zeroize::Zeroizing;

use crate::ImportError;

/// A 256-bit key, wiped on drop.
pub(crate) type Key = Zeroizing<[u8; 32]>;

/// The AEAD tag did not verify (wrong key, or altered data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unauthentic;

/// AES-256-GCM decryption of `ciphertext || tag` with a 96-bit nonce.
pub(crate) fn aes256gcm_open(
    key: &[u8; 32],
    nonce: &[u8],
    ciphertext_and_tag: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Unauthentic> {
    let nonce: [u8; 12] = nonce.try_into().map_err(|_| Unauthentic)?;
    let cipher = Aes256Gcm::new(&(*key).into());
    cipher
        .decrypt(
            &nonce.into(),
            Payload {
                msg: ciphertext_and_tag,
                aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| Unauthentic)
}

/// Base64 as exporters write it: standard alphabet, padding optional,
/// surrounding white space ignored.
pub(crate) fn base64(text: &str, what: &'static str) -> Result<Vec<u8>, ImportError> {
    let t = text.trim();
    let stripped = t.trim_end_matches('=');
    let r = if stripped.len() == t.len() {
        BASE64_NOPAD.decode(t.as_bytes())
    } else {
        BASE64.decode(t.as_bytes())
    };
    r.map_err(|_| ImportError::Damaged(what))
}

/// Hexadecimal, either case.
pub(crate) fn hex(text: &str, what: &'static str) -> Result<Vec<u8>, ImportError> {
    HEXLOWER_PERMISSIVE
        .decode(text.trim().as_bytes())
        .map_err(|_| ImportError::Damaged(what))
}
