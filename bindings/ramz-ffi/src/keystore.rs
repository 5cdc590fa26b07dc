//! `DeviceKeystore`: implemented in Kotlin (Android Keystore) or Swift
//! (Secure Enclave / Keychain), called by the vault to wrap its keys.

use std::sync::Arc;

use ramz_core as core;
use zeroize::Zeroizing;

/// Which platform key an operation uses; map each to its own key alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum KeystoreKey {
    /// Wraps the vault's device secret. No user prompt (the PIN is the
    /// user check); not exportable, excluded from backups.
    Device,
    /// Wraps the master key of the optional biometric unlock; every use
    /// requires a biometric (or device credential) prompt.
    Biometric,
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

/// Wraps and unwraps short secrets (at most 64 bytes) with a key the
/// platform keeps. `wrap` must be randomised (fresh IV) and authenticated
/// (e.g. AES-256-GCM, prepend the IV). Called with the authenticator's
/// lock held, from whatever thread called `create`/`unlock`.
#[uniffi::export(with_foreign)]
pub trait DeviceKeystore: Send + Sync {
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
        core::KeystoreKey::Device => Ok(KeystoreKey::Device),
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
