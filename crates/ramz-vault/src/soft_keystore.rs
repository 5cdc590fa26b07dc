//! A keystore kept in a file: for the desktop CLI and for tests.
//!
//! **Weaker than a platform keystore.** The keys are an ordinary file, so
//! anyone who can copy both the vault and this file can try PINs offline at
//! Argon2 speed, and anyone who can put back an older copy of *both* files
//! undoes the wrong-PIN counter and a wipe. On a desktop this file is the
//! trust anchor that the platform keystore is on a phone: keep it off
//! backups and sync. See `docs/threat-model.md`.

use core::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use zeroize::Zeroizing;

use crate::codec::{Reader, Writer};
use crate::crypto::{self, KEY_LEN, NONCE_LEN, TAG_LEN};
use crate::{DeviceKeystore, KeystoreError, KeystoreKey, VaultError, atomic};

/// First bytes of a key file (format 2: named keys).
pub const KEY_FILE_MAGIC: &[u8; 8] = b"RAMZKEY2";
/// First bytes of a format-1 key file: one key, used for both
/// [`KeystoreKey::LegacyDevice`] and [`KeystoreKey::Biometric`]. Read, and
/// rewritten as format 2 on the first change.
pub const LEGACY_KEY_FILE_MAGIC: &[u8; 8] = b"RAMZKEY1";
/// Most keys a key file holds (a vault needs at most four at once).
const MAX_KEYS: usize = 32;

/// Named 32-byte keys.
#[derive(Default)]
struct Keys {
    entries: Vec<(String, Zeroizing<[u8; KEY_LEN]>)>,
}

impl Keys {
    fn get(&self, alias: &str) -> Option<&[u8; KEY_LEN]> {
        self.entries
            .iter()
            .find(|(a, _)| a == alias)
            .map(|(_, k)| &**k)
    }

    fn legacy(key: [u8; KEY_LEN]) -> Self {
        let key = Zeroizing::new(key);
        Self {
            entries: vec![
                (KeystoreKey::LegacyDevice.alias(), key.clone()),
                (KeystoreKey::Biometric.alias(), key),
            ],
        }
    }

    fn parse(bytes: &[u8]) -> Result<Self, VaultError> {
        let bad = VaultError::Malformed("keystore file");
        if bytes.len() == LEGACY_KEY_FILE_MAGIC.len() + KEY_LEN
            && bytes.starts_with(LEGACY_KEY_FILE_MAGIC)
        {
            let mut key = [0u8; KEY_LEN];
            key.copy_from_slice(&bytes[LEGACY_KEY_FILE_MAGIC.len()..]);
            let keys = Self::legacy(key);
            zeroize::Zeroize::zeroize(&mut key);
            return Ok(keys);
        }
        if !bytes.starts_with(KEY_FILE_MAGIC) {
            return Err(bad);
        }
        let mut r = Reader::new(bytes);
        r.take(KEY_FILE_MAGIC.len()).map_err(|_| bad)?;
        let count = usize::from(r.u8()?);
        if count > MAX_KEYS {
            return Err(VaultError::Malformed("keystore file"));
        }
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let len = usize::from(r.u8()?);
            let alias = core::str::from_utf8(r.take(len)?)
                .map_err(|_| VaultError::Malformed("keystore file"))?
                .to_owned();
            let key: [u8; KEY_LEN] = r.array()?;
            entries.push((alias, Zeroizing::new(key)));
        }
        r.expect_end("keystore file")?;
        Ok(Self { entries })
    }

    fn encode(&self) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        let mut w = Writer::new();
        w.bytes(KEY_FILE_MAGIC);
        w.u8(u8::try_from(self.entries.len()).map_err(|_| VaultError::Internal("key count"))?);
        for (alias, key) in &self.entries {
            w.u8(u8::try_from(alias.len()).map_err(|_| VaultError::Internal("alias"))?);
            w.bytes(alias.as_bytes());
            w.bytes(key.as_ref());
        }
        Ok(w.finish())
    }
}

enum Store {
    Memory(Keys),
    File(PathBuf),
}

/// A [`DeviceKeystore`] whose keys live in a file (mode 0600), or in
/// memory for tests. Every change rewrites the file atomically (fsync,
/// rename, fsync of the directory) before returning, as the trait asks.
pub struct SoftwareKeystore {
    store: Mutex<Store>,
}

impl SoftwareKeystore {
    /// An in-memory keystore whose [`KeystoreKey::LegacyDevice`] and
    /// [`KeystoreKey::Biometric`] keys are `key` (the format-1 key file;
    /// tests and test vectors). More keys can be created in memory.
    pub fn from_key(key: [u8; KEY_LEN]) -> Self {
        Self {
            store: Mutex::new(Store::Memory(Keys::legacy(key))),
        }
    }

    /// An empty in-memory keystore (tests).
    pub fn in_memory() -> Self {
        Self {
            store: Mutex::new(Store::Memory(Keys::default())),
        }
    }

    /// Uses an existing key file (format 1 or 2).
    pub fn open(path: &Path) -> Result<Self, VaultError> {
        read_keys(path)?;
        Ok(Self {
            store: Mutex::new(Store::File(path.to_owned())),
        })
    }

    /// Creates an empty key file; never overwrites.
    pub fn create(path: &Path) -> Result<Self, VaultError> {
        atomic::create_new(path, &Keys::default().encode()?)?;
        Ok(Self {
            store: Mutex::new(Store::File(path.to_owned())),
        })
    }

    /// Opens the key file, creating it first if there is none.
    pub fn open_or_create(path: &Path) -> Result<Self, VaultError> {
        match Self::open(path) {
            Err(VaultError::NotFound) => Self::create(path),
            other => other,
        }
    }

    pub(crate) fn parse_for_fuzzing(bytes: &[u8]) -> Result<(), VaultError> {
        Keys::parse(bytes).map(|_| ())
    }

    fn aad(alias: &str) -> Vec<u8> {
        [b"ramz-soft-keystore/".as_slice(), alias.as_bytes()].concat()
    }

    /// Runs `f` on the keys; saves them when `f` says they changed.
    fn with_keys<T>(
        &self,
        f: impl FnOnce(&mut Keys) -> Result<(T, bool), KeystoreError>,
    ) -> Result<T, KeystoreError> {
        let mut store = self.store.lock().map_err(|_| KeystoreError::Unavailable)?;
        match &mut *store {
            Store::Memory(keys) => f(keys).map(|(t, _)| t),
            Store::File(path) => {
                let mut keys = read_keys(path).map_err(|_| KeystoreError::Unavailable)?;
                let (t, changed) = f(&mut keys)?;
                if changed {
                    let bytes = keys.encode().map_err(|_| KeystoreError::Unavailable)?;
                    atomic::replace(path, &bytes).map_err(|_| KeystoreError::Unavailable)?;
                }
                Ok(t)
            }
        }
    }
}

fn read_keys(path: &Path) -> Result<Keys, VaultError> {
    let bytes = Zeroizing::new(fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound,
        _ => VaultError::Io {
            op: "read",
            source: e,
        },
    })?);
    Keys::parse(&bytes)
}

impl DeviceKeystore for SoftwareKeystore {
    fn create(&self, key: KeystoreKey) -> Result<(), KeystoreError> {
        let fresh = crypto::random_key().map_err(|_| KeystoreError::Unavailable)?;
        let alias = key.alias();
        self.with_keys(|keys| {
            keys.entries.retain(|(a, _)| *a != alias);
            if keys.entries.len() >= MAX_KEYS {
                return Err(KeystoreError::Unavailable);
            }
            keys.entries.push((alias, fresh));
            Ok(((), true))
        })
    }

    fn delete(&self, key: KeystoreKey) -> Result<(), KeystoreError> {
        let alias = key.alias();
        self.with_keys(|keys| {
            let before = keys.entries.len();
            keys.entries.retain(|(a, _)| *a != alias);
            Ok(((), keys.entries.len() != before))
        })
    }

    fn wrap(&self, key: KeystoreKey, plaintext: &[u8]) -> Result<Vec<u8>, KeystoreError> {
        let alias = key.alias();
        let nonce = crypto::random::<NONCE_LEN>().map_err(|_| KeystoreError::Unavailable)?;
        self.with_keys(|keys| {
            let k = keys.get(&alias).ok_or(KeystoreError::KeyInvalidated)?;
            let sealed = crypto::seal(k, &nonce, &Self::aad(&alias), plaintext)
                .map_err(|_| KeystoreError::Unavailable)?;
            let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
            out.extend_from_slice(&nonce);
            out.extend_from_slice(&sealed);
            Ok((out, false))
        })
    }

    fn unwrap(
        &self,
        key: KeystoreKey,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let alias = key.alias();
        self.with_keys(|keys| {
            let k = keys.get(&alias).ok_or(KeystoreError::KeyInvalidated)?;
            if wrapped.len() < NONCE_LEN + TAG_LEN {
                return Err(KeystoreError::WrongKey);
            }
            let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
            let mut n = [0u8; NONCE_LEN];
            n.copy_from_slice(nonce);
            crypto::open(k, &n, &Self::aad(&alias), sealed)
                .ok_or(KeystoreError::WrongKey)
                .map(|p| (p, false))
        })
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
    use crate::KeyId;

    #[test]
    fn round_trip_and_key_separation() {
        let ks = SoftwareKeystore::from_key([7; 32]);
        let w = ks.wrap(KeystoreKey::LegacyDevice, b"secret").unwrap();
        assert_eq!(
            ks.unwrap(KeystoreKey::LegacyDevice, &w).unwrap().as_slice(),
            b"secret"
        );
        assert_eq!(
            ks.unwrap(KeystoreKey::Biometric, &w).unwrap_err(),
            KeystoreError::WrongKey
        );
        let other = SoftwareKeystore::from_key([8; 32]);
        assert_eq!(
            other.unwrap(KeystoreKey::LegacyDevice, &w).unwrap_err(),
            KeystoreError::WrongKey
        );
        assert_ne!(
            w,
            ks.wrap(KeystoreKey::LegacyDevice, b"secret").unwrap(),
            "wrap must be randomised"
        );
    }

    #[test]
    fn create_replace_delete() {
        let ks = SoftwareKeystore::in_memory();
        let k = KeystoreKey::Device(KeyId([1; 16]));
        assert_eq!(ks.wrap(k, b"x").unwrap_err(), KeystoreError::KeyInvalidated);
        ks.create(k).unwrap();
        let w = ks.wrap(k, b"x").unwrap();
        assert_eq!(ks.unwrap(k, &w).unwrap().as_slice(), b"x");
        ks.create(k).unwrap(); // a new random key under the same name
        assert_eq!(ks.unwrap(k, &w).unwrap_err(), KeystoreError::WrongKey);
        ks.delete(k).unwrap();
        ks.delete(k).unwrap();
        assert_eq!(ks.unwrap(k, &w).unwrap_err(), KeystoreError::KeyInvalidated);
    }

    #[test]
    fn key_file_round_trip_and_legacy_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ks");
        let a = SoftwareKeystore::open_or_create(&p).unwrap();
        let b = SoftwareKeystore::open_or_create(&p).unwrap();
        let k = KeystoreKey::Device(KeyId([2; 16]));
        a.create(k).unwrap();
        let w = a.wrap(k, b"x").unwrap();
        assert_eq!(b.unwrap(k, &w).unwrap().as_slice(), b"x");
        b.delete(k).unwrap();
        assert_eq!(a.unwrap(k, &w).unwrap_err(), KeystoreError::KeyInvalidated);
        assert!(format!("{a:?}").contains("redacted"));

        // A format-1 file keeps working and is upgraded on the first change.
        let mut legacy = LEGACY_KEY_FILE_MAGIC.to_vec();
        legacy.extend_from_slice(&[7; 32]);
        fs::write(&p, &legacy).unwrap();
        let old = SoftwareKeystore::from_key([7; 32]);
        let w = old.wrap(KeystoreKey::LegacyDevice, b"y").unwrap();
        let c = SoftwareKeystore::open(&p).unwrap();
        assert_eq!(
            c.unwrap(KeystoreKey::LegacyDevice, &w).unwrap().as_slice(),
            b"y"
        );
        c.delete(KeystoreKey::LegacyDevice).unwrap();
        assert!(fs::read(&p).unwrap().starts_with(KEY_FILE_MAGIC));
        assert_eq!(
            c.unwrap(KeystoreKey::LegacyDevice, &w).unwrap_err(),
            KeystoreError::KeyInvalidated
        );

        fs::write(&p, b"short").unwrap();
        assert!(matches!(
            SoftwareKeystore::open(&p),
            Err(VaultError::Malformed(_))
        ));
    }
}
