//! The browser's device keystore (ADR 0065). Its named 32-byte keys live
//! in this page's memory for the session; at rest they are one blob the
//! shell wraps with the profile's non-extractable WebCrypto AES-GCM key
//! and keeps in IndexedDB, written in the same transaction as the vault.
//!
//! Why not WebCrypto for every wrap: the vault's `DeviceKeystore` calls
//! are synchronous (the vault must finish a wrap before it writes), and
//! WebCrypto only answers asynchronously. The price: while the page is
//! open its keys are in wasm memory, as the unlocked vault is.

use std::sync::{Arc, Mutex};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ramz_core::{DeviceKeystore, KeystoreError, KeystoreKey};
use zeroize::Zeroizing;

const MAGIC: &[u8; 8] = b"RAMZWKS1";
const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// Most keys kept (a vault needs at most four at once).
const MAX_KEYS: usize = 32;

type Keys = Vec<(String, Zeroizing<[u8; KEY_LEN]>)>;

/// The keystore, and the slot its changed blob goes to for the shell.
pub(crate) struct WebKeystore {
    keys: Mutex<Keys>,
    changed: Arc<Mutex<Option<Zeroizing<Vec<u8>>>>>,
}

/// Why a kept key blob was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadBlob;

impl WebKeystore {
    /// The keys of `blob` (what [`WebKeystore::take_change`] gave last
    /// time; empty on a fresh profile).
    pub(crate) fn load(blob: &[u8]) -> Result<Self, BadBlob> {
        Ok(Self {
            keys: Mutex::new(if blob.is_empty() {
                Vec::new()
            } else {
                decode(blob)?
            }),
            changed: Arc::default(),
        })
    }

    /// The whole key blob after a change since the last call (the shell
    /// wraps it and keeps it), `None` when nothing changed.
    pub(crate) fn take_change(&self) -> Option<Zeroizing<Vec<u8>>> {
        lock(&self.changed).take()
    }

    fn with_keys<T>(
        &self,
        f: impl FnOnce(&mut Keys) -> Result<(T, bool), KeystoreError>,
    ) -> Result<T, KeystoreError> {
        let mut keys = lock(&self.keys);
        let (t, changed) = f(&mut keys)?;
        if changed {
            *lock(&self.changed) = Some(encode(&keys));
        }
        Ok(t)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn aad(alias: &str) -> Vec<u8> {
    [b"ramz-web-keystore/".as_slice(), alias.as_bytes()].concat()
}

fn random<const N: usize>() -> Result<[u8; N], KeystoreError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|_| KeystoreError::Unavailable)?;
    Ok(b)
}

impl DeviceKeystore for WebKeystore {
    fn create(&self, key: KeystoreKey) -> Result<(), KeystoreError> {
        let fresh = Zeroizing::new(random::<KEY_LEN>()?);
        let alias = key.alias();
        self.with_keys(|keys| {
            keys.retain(|(a, _)| *a != alias);
            if keys.len() >= MAX_KEYS {
                return Err(KeystoreError::Unavailable);
            }
            keys.push((alias, fresh));
            Ok(((), true))
        })
    }

    fn delete(&self, key: KeystoreKey) -> Result<(), KeystoreError> {
        let alias = key.alias();
        self.with_keys(|keys| {
            let before = keys.len();
            keys.retain(|(a, _)| *a != alias);
            Ok(((), keys.len() != before))
        })
    }

    fn wrap(&self, key: KeystoreKey, plaintext: &[u8]) -> Result<Vec<u8>, KeystoreError> {
        let alias = key.alias();
        let nonce = random::<NONCE_LEN>()?;
        self.with_keys(|keys| {
            let k = find(keys, &alias)?;
            let sealed = XChaCha20Poly1305::new(k.into())
                .encrypt(
                    &XNonce::from(nonce),
                    Payload {
                        msg: plaintext,
                        aad: &aad(&alias),
                    },
                )
                .map_err(|_| KeystoreError::Unavailable)?;
            Ok(([nonce.as_slice(), &sealed].concat(), false))
        })
    }

    fn unwrap(
        &self,
        key: KeystoreKey,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let alias = key.alias();
        self.with_keys(|keys| {
            let k = find(keys, &alias)?;
            if wrapped.len() < NONCE_LEN + TAG_LEN {
                return Err(KeystoreError::WrongKey);
            }
            let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
            let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| KeystoreError::WrongKey)?;
            XChaCha20Poly1305::new(k.into())
                .decrypt(
                    &XNonce::from(nonce),
                    Payload {
                        msg: sealed,
                        aad: &aad(&alias),
                    },
                )
                .map(|p| (Zeroizing::new(p), false))
                .map_err(|_| KeystoreError::WrongKey)
        })
    }
}

fn find<'k>(keys: &'k Keys, alias: &str) -> Result<&'k [u8; KEY_LEN], KeystoreError> {
    keys.iter()
        .find(|(a, _)| a == alias)
        .map(|(_, k)| &**k)
        .ok_or(KeystoreError::KeyInvalidated)
}

/// `MAGIC`, a count byte, then per key: alias length, alias, 32 bytes.
fn encode(keys: &Keys) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(MAGIC.to_vec());
    // At most MAX_KEYS keys; aliases are short ASCII names.
    out.push(u8::try_from(keys.len()).unwrap_or(u8::MAX));
    for (alias, key) in keys {
        out.push(u8::try_from(alias.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(alias.as_bytes());
        out.extend_from_slice(key.as_ref());
    }
    out
}

fn decode(blob: &[u8]) -> Result<Keys, BadBlob> {
    let rest = blob.strip_prefix(MAGIC.as_slice()).ok_or(BadBlob)?;
    let (&count, mut rest) = rest.split_first().ok_or(BadBlob)?;
    if usize::from(count) > MAX_KEYS {
        return Err(BadBlob);
    }
    let mut keys = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let (&len, r) = rest.split_first().ok_or(BadBlob)?;
        let len = usize::from(len);
        if r.len() < len + KEY_LEN {
            return Err(BadBlob);
        }
        let alias = core::str::from_utf8(&r[..len])
            .map_err(|_| BadBlob)?
            .to_owned();
        let key: [u8; KEY_LEN] = r[len..len + KEY_LEN].try_into().map_err(|_| BadBlob)?;
        keys.push((alias, Zeroizing::new(key)));
        rest = &r[len + KEY_LEN..];
    }
    if rest.is_empty() {
        Ok(keys)
    } else {
        Err(BadBlob)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_the_blob_and_wrap_round_trips() {
        let ks = WebKeystore::load(&[]).unwrap();
        assert!(ks.take_change().is_none());
        ks.create(KeystoreKey::LegacyDevice).unwrap();
        let blob = ks.take_change().expect("a change");
        let wrapped = ks.wrap(KeystoreKey::LegacyDevice, b"secret").unwrap();
        assert!(ks.take_change().is_none(), "a wrap changes nothing");
        let again = WebKeystore::load(&blob).unwrap();
        assert_eq!(
            &again.unwrap(KeystoreKey::LegacyDevice, &wrapped).unwrap()[..],
            b"secret"
        );
        again.delete(KeystoreKey::LegacyDevice).unwrap();
        assert_eq!(
            again.unwrap(KeystoreKey::LegacyDevice, &wrapped),
            Err(KeystoreError::KeyInvalidated)
        );
        let mut bad = blob.to_vec();
        bad.push(0);
        assert!(WebKeystore::load(&bad).is_err());
        assert!(WebKeystore::load(b"RAMZWKS1\x05").is_err());
        assert!(WebKeystore::load(b"nonsense").is_err());
    }

    #[test]
    fn a_changed_wrap_is_refused() {
        let ks = WebKeystore::load(&[]).unwrap();
        ks.create(KeystoreKey::Biometric).unwrap();
        let mut w = ks.wrap(KeystoreKey::Biometric, b"x").unwrap();
        w[30] ^= 1;
        assert_eq!(
            ks.unwrap(KeystoreKey::Biometric, &w),
            Err(KeystoreError::WrongKey)
        );
    }
}
