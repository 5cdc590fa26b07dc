//! A keystore kept in a file: for the desktop CLI and for tests.
//!
//! **Weaker than a platform keystore.** The key is an ordinary file, so
//! anyone who can copy both the vault and this file can try PINs offline at
//! Argon2 speed. It still means the vault file alone is not enough. Keep the
//! key file off backups and cloud sync; see `docs/threat-model.md`.

use core::fmt;
use std::fs;
use std::path::Path;

use zeroize::Zeroizing;

use crate::crypto::{self, KEY_LEN, NONCE_LEN, TAG_LEN};
use crate::{DeviceKeystore, KeystoreError, KeystoreKey, VaultError, atomic};

/// First bytes of a key file.
pub const KEY_FILE_MAGIC: &[u8; 8] = b"RAMZKEY1";
/// Size of a key file: magic and one 32-byte key.
pub const KEY_FILE_LEN: usize = KEY_FILE_MAGIC.len() + KEY_LEN;

/// A [`DeviceKeystore`] whose key lives in a file (mode 0600).
pub struct SoftwareKeystore {
    key: Zeroizing<[u8; KEY_LEN]>,
}

impl SoftwareKeystore {
    /// Uses the given 32-byte key (tests and test vectors).
    pub fn from_key(key: [u8; KEY_LEN]) -> Self {
        Self {
            key: Zeroizing::new(key),
        }
    }

    /// Reads a key file.
    pub fn open(path: &Path) -> Result<Self, VaultError> {
        let bytes = Zeroizing::new(fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => VaultError::NotFound,
            _ => VaultError::Io {
                op: "read",
                source: e,
            },
        })?);
        if bytes.len() != KEY_FILE_LEN || !bytes.starts_with(KEY_FILE_MAGIC) {
            return Err(VaultError::Malformed("keystore file"));
        }
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&bytes[KEY_FILE_MAGIC.len()..]);
        Ok(Self { key })
    }

    /// Creates a key file with a fresh random key; never overwrites.
    pub fn create(path: &Path) -> Result<Self, VaultError> {
        let key = crypto::random_key()?;
        let mut bytes = Zeroizing::new(Vec::with_capacity(KEY_FILE_LEN));
        bytes.extend_from_slice(KEY_FILE_MAGIC);
        bytes.extend_from_slice(key.as_ref());
        atomic::create_new(path, &bytes)?;
        Ok(Self { key })
    }

    /// Opens the key file, creating it first if there is none.
    pub fn open_or_create(path: &Path) -> Result<Self, VaultError> {
        match Self::open(path) {
            Err(VaultError::NotFound) => Self::create(path),
            other => other,
        }
    }

    fn aad(key: KeystoreKey) -> [&'static [u8]; 2] {
        [b"ramz-soft-keystore/", key.as_str().as_bytes()]
    }
}

impl DeviceKeystore for SoftwareKeystore {
    fn wrap(&self, key: KeystoreKey, plaintext: &[u8]) -> Result<Vec<u8>, KeystoreError> {
        let nonce = crypto::random::<NONCE_LEN>().map_err(|_| KeystoreError::Unavailable)?;
        let aad = Self::aad(key).concat();
        let sealed = crypto::seal(&self.key, &nonce, &aad, plaintext)
            .map_err(|_| KeystoreError::Unavailable)?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    fn unwrap(
        &self,
        key: KeystoreKey,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        if wrapped.len() < NONCE_LEN + TAG_LEN {
            return Err(KeystoreError::WrongKey);
        }
        let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
        let mut n = [0u8; NONCE_LEN];
        n.copy_from_slice(nonce);
        let aad = Self::aad(key).concat();
        crypto::open(&self.key, &n, &aad, sealed).ok_or(KeystoreError::WrongKey)
    }
}

impl fmt::Debug for SoftwareKeystore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SoftwareKeystore([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_key_separation() {
        let ks = SoftwareKeystore::from_key([7; 32]);
        let w = ks.wrap(KeystoreKey::Device, b"secret").unwrap();
        assert_eq!(
            ks.unwrap(KeystoreKey::Device, &w).unwrap().as_slice(),
            b"secret"
        );
        assert_eq!(
            ks.unwrap(KeystoreKey::Biometric, &w).unwrap_err(),
            KeystoreError::WrongKey
        );
        let other = SoftwareKeystore::from_key([8; 32]);
        assert_eq!(
            other.unwrap(KeystoreKey::Device, &w).unwrap_err(),
            KeystoreError::WrongKey
        );
        assert_ne!(
            w,
            ks.wrap(KeystoreKey::Device, b"secret").unwrap(),
            "wrap must be randomised"
        );
    }

    #[test]
    fn key_file_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ks");
        let a = SoftwareKeystore::open_or_create(&p).unwrap();
        let b = SoftwareKeystore::open_or_create(&p).unwrap();
        let w = a.wrap(KeystoreKey::Device, b"x").unwrap();
        assert_eq!(b.unwrap(KeystoreKey::Device, &w).unwrap().as_slice(), b"x");
        assert!(format!("{a:?}").contains("redacted"));
        fs::write(&p, b"short").unwrap();
        assert!(matches!(
            SoftwareKeystore::open(&p),
            Err(VaultError::Malformed(_))
        ));
    }
}
