//! `DeviceKeystore`: implemented in Kotlin (Android Keystore) or Swift
//! (Secure Enclave / Keychain), called by the vault to wrap its keys.

use std::sync::Arc;

use ramz_core as core;
use zeroize::Zeroizing;

/// Which platform key an operation uses. Each value is its own platform
/// key: store it under [`keystore_alias`] of the value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum KeystoreKey {
    /// One generation of the key that wraps the vault's device secret.
    /// The vault creates a new generation on every counted wrong PIN, PIN
    /// change and wipe, and deletes the old one: that is what keeps an
    /// older copy of the vault file from opening. No user prompt (the PIN
    /// is the user check); not exportable, excluded from backups.
    Device {
        /// The generation: 32 lower-case hex digits (not secret).
        id: String,
    },
    /// The fixed device key of vaults made by earlier versions (alias
    /// `device`): only unwrapped once, to upgrade such a vault, then
    /// deleted.
    LegacyDevice,
    /// Wraps the master key of the optional biometric unlock; every use
    /// requires a biometric (or device credential) prompt. Invalidated
    /// when a new biometric is enrolled (report `KeyInvalidated`).
    Biometric,
}

/// The platform alias for `key`: `device-<32 hex digits>`, `device` or
/// `biometric`. Distinct keys have distinct aliases.
#[uniffi::export]
pub fn keystore_alias(key: KeystoreKey) -> String {
    match key {
        KeystoreKey::Device { id } => format!("device-{id}"),
        KeystoreKey::LegacyDevice => "device".to_owned(),
        KeystoreKey::Biometric => "biometric".to_owned(),
    }
}

/// Why the platform keystore could not wrap or unwrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum KeystoreError {
    /// The keystore cannot be used now (hardware, device locked); retrying
    /// later may work.
    #[error("keystore unavailable")]
    Unavailable,
    /// The key is gone or was invalidated (reinstall, new biometric
    /// enrolment, restore on another device): the vault cannot be opened
    /// on this device any more; restore a backup.
    #[error("key invalidated")]
    KeyInvalidated,
    /// The user cancelled the biometric prompt.
    #[error("cancelled")]
    Cancelled,
    /// The wrapped bytes were not made by this key.
    #[error("wrong key")]
    WrongKey,
}

/// Creates, deletes, and wraps and unwraps short secrets (at most 64
/// bytes) with, keys the platform keeps. Called with the authenticator's
/// lock held, from whatever thread called `create`/`unlock`.
///
/// The vault's protection against rollback rests on this contract:
/// - `create` makes a **new random** key under the alias, replacing any
///   key of that alias, and is durable (on disk) when it returns.
/// - `delete` removes the key for good and is durable when it returns;
///   deleting a key that does not exist succeeds.
/// - `wrap` is randomised (fresh IV) and authenticated (e.g. AES-256-GCM,
///   IV prepended); `wrap`/`unwrap` with a key that does not exist (or was
///   invalidated) throw `KeyInvalidated`.
/// - Nothing the app writes to its files can bring a deleted key back
///   (keys live in the platform keystore, never in app storage).
#[uniffi::export(with_foreign)]
pub trait DeviceKeystore: Send + Sync {
    /// Creates a fresh random key for `key`, replacing any old one.
    fn create(&self, key: KeystoreKey) -> Result<(), KeystoreError>;
    /// Deletes the key for `key` (success if there is none).
    fn delete(&self, key: KeystoreKey) -> Result<(), KeystoreError>;
    /// Encrypts `plaintext` under `key`.
    fn wrap(&self, key: KeystoreKey, plaintext: Vec<u8>) -> Result<Vec<u8>, KeystoreError>;
    /// Decrypts what `wrap` produced under the same key.
    fn unwrap(&self, key: KeystoreKey, wrapped: Vec<u8>) -> Result<Vec<u8>, KeystoreError>;
}

/// A foreign implementation that threw something other than a
/// `KeystoreError` is treated as unavailable.
impl From<uniffi::UnexpectedUniFFICallbackError> for KeystoreError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Unavailable
    }
}

/// Adapts the foreign trait to the vault's.
pub(crate) struct ForeignKeystore(pub(crate) Arc<dyn DeviceKeystore>);

impl core::DeviceKeystore for ForeignKeystore {
    fn create(&self, key: core::KeystoreKey) -> Result<(), core::KeystoreError> {
        self.0.create(key_of(key)?).map_err(Into::into)
    }

    fn delete(&self, key: core::KeystoreKey) -> Result<(), core::KeystoreError> {
        self.0.delete(key_of(key)?).map_err(Into::into)
    }

    fn wrap(
        &self,
        key: core::KeystoreKey,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, core::KeystoreError> {
        self.0
            .wrap(key_of(key)?, plaintext.to_vec())
            .map_err(Into::into)
    }

    fn unwrap(
        &self,
        key: core::KeystoreKey,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, core::KeystoreError> {
        self.0
            .unwrap(key_of(key)?, wrapped.to_vec())
            .map(Zeroizing::new)
            .map_err(Into::into)
    }
}

fn key_of(key: core::KeystoreKey) -> Result<KeystoreKey, core::KeystoreError> {
    match key {
        core::KeystoreKey::Device(id) => Ok(KeystoreKey::Device { id: id.to_hex() }),
        core::KeystoreKey::LegacyDevice => Ok(KeystoreKey::LegacyDevice),
        core::KeystoreKey::Biometric => Ok(KeystoreKey::Biometric),
        _ => Err(core::KeystoreError::Unavailable),
    }
}

impl From<KeystoreError> for core::KeystoreError {
    fn from(e: KeystoreError) -> Self {
        match e {
            KeystoreError::Unavailable => Self::Unavailable,
            KeystoreError::KeyInvalidated => Self::KeyInvalidated,
            KeystoreError::Cancelled => Self::Cancelled,
            KeystoreError::WrongKey => Self::WrongKey,
        }
    }
}

impl From<core::KeystoreError> for KeystoreError {
    fn from(e: core::KeystoreError) -> Self {
        match e {
            core::KeystoreError::KeyInvalidated => Self::KeyInvalidated,
            core::KeystoreError::Cancelled => Self::Cancelled,
            core::KeystoreError::WrongKey => Self::WrongKey,
            _ => Self::Unavailable,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_match_the_vault_s() {
        let id = core::KeyId([0xa5; 16]);
        for k in [
            core::KeystoreKey::Device(id),
            core::KeystoreKey::LegacyDevice,
            core::KeystoreKey::Biometric,
        ] {
            assert_eq!(keystore_alias(key_of(k).unwrap()), k.alias());
        }
    }
}
