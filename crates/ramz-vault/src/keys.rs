//! Keys and key slots: how the PIN and the device secret become the key
//! that wraps the master key, and the small derivations around them.
//! Shared by the vault, the migrations and backups.

use zeroize::Zeroizing;

use crate::crypto::{self, KEY_LEN, Key, SALT_LEN};
use crate::format::{self, Slot};
use crate::{KdfParams, KeyId, Pin, VaultError};

/// A PIN slot wrapping `master` for `pin` on this device.
pub(crate) fn make_pin_slot(
    kdf: &KdfParams,
    pin: &Pin,
    device_secret: &Key,
    master: &Key,
) -> Result<Slot, VaultError> {
    let salt = crypto::random()?;
    let nonce = crypto::random()?;
    let kek = pin_kek(kdf, pin, &salt, device_secret)?;
    let sealed = crypto::seal(
        &kek,
        &nonce,
        &format::pin_slot_aad(kdf, &salt),
        master.as_ref(),
    )?;
    let wrapped = sealed
        .as_slice()
        .try_into()
        .map_err(|_| VaultError::Internal("slot length"))?;
    Ok(Slot::Pin {
        salt,
        nonce,
        wrapped,
    })
}

/// KEK = HMAC-SHA-256(device secret, label || Argon2id(PIN, salt)).
pub(crate) fn pin_kek(
    kdf: &KdfParams,
    pin: &Pin,
    salt: &[u8; SALT_LEN],
    device_secret: &Key,
) -> Result<Key, VaultError> {
    let stretched = kdf.derive(pin.expose(), salt)?;
    Ok(crypto::hmac(
        device_secret.as_ref(),
        &[b"ramz-vault-v2 pin kek", stretched.as_ref()],
    ))
}

/// The key that authenticates a version-3 header and state block before
/// the PIN is known.
pub(crate) fn header_key(device_secret: &Key) -> Key {
    crypto::hmac(device_secret.as_ref(), &[b"ramz-vault-v3 header key"])
}

/// The name of the next generation of the device key. Derived, not
/// random, so that a rotation interrupted before the vault file was
/// written reuses (and so replaces) the key it created.
pub(crate) fn next_key_id(device_secret: &Key, current: &KeyId) -> KeyId {
    derive_id(device_secret, b"ramz-vault-v3 next key id", current)
}

/// The first key name of a re-keyed or migrated vault, from the old device
/// secret (so an interrupted re-key also reuses its key name).
pub(crate) fn successor_key_id(old_device_secret: &Key, label: &[u8], current: &KeyId) -> KeyId {
    derive_id(old_device_secret, label, current)
}

fn derive_id(key: &Key, label: &[u8], current: &KeyId) -> KeyId {
    let full = crypto::hmac(key.as_ref(), &[label, &current.0]);
    let mut id = [0u8; 16];
    id.copy_from_slice(&full[..16]);
    KeyId(id)
}

/// The failure-record key of a version-2 vault.
pub(crate) fn v2_lock_key(device_secret: &Key) -> Key {
    crypto::hmac(device_secret.as_ref(), &[b"ramz-vault-v2 lockout key"])
}

/// The attempts-file key of a version-1 vault (no device secret there:
/// integrity only, see the threat model).
pub(crate) fn v1_lock_key(salt: &[u8; 16]) -> Key {
    crypto::hmac(salt, &[b"ramz-vault-v1 attempts key"])
}

pub(crate) fn to_key(bytes: &Zeroizing<Vec<u8>>) -> Result<Key, VaultError> {
    if bytes.len() != KEY_LEN {
        return Err(VaultError::Malformed("unwrapped key length"));
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(bytes);
    Ok(key)
}
