//! The device keystore: the platform's place for keys that never leave the
//! device (Android Keystore, iOS Secure Enclave / Keychain).
//!
//! The keystore is also the one piece of state that someone who can copy
//! and write the app's files cannot roll back. The vault uses that: the key
//! that wraps its device secret is replaced on every counted wrong PIN and
//! deleted on a wipe ([`KeystoreKey::Device`] names one generation), so an
//! older copy of the vault file no longer opens.

use core::fmt;

use thiserror::Error;
use zeroize::Zeroizing;

/// Names one generation of the rotating device key (16 bytes, not
/// secret). The vault derives each next id from the current one, so a
/// rotation interrupted before the file was written reuses the same name.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 16]);

impl KeyId {
    /// Lower-case hex, 32 characters.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({})", self.to_hex())
    }
}

/// Which keystore key an operation uses. The shell maps each to one
/// platform key alias ([`KeystoreKey::alias`]); distinct values must be
/// distinct keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeystoreKey {
    /// One generation of the key that wraps the vault's device secret.
    /// Usable without user presence (the PIN is the user check); must not
    /// be exportable or backed up. Created, used for a few wraps, and
    /// deleted by the vault: a new generation on every counted wrong PIN,
    /// PIN change and wipe.
    Device(KeyId),
    /// The fixed device key of format-2 vaults (alias `device`). Only
    /// unwrapped (to migrate such a vault) and then deleted.
    LegacyDevice,
    /// Wraps the master key for the optional biometric slot. The shell
    /// requires a biometric (or device credential) check for every use.
    Biometric,
}

impl KeystoreKey {
    /// A stable alias for the platform key: `device-<32 hex digits>`,
    /// `device` or `biometric`. Also bound into the software keystore's
    /// associated data.
    pub fn alias(&self) -> String {
        match self {
            Self::Device(id) => format!("device-{}", id.to_hex()),
            Self::LegacyDevice => "device".to_owned(),
            Self::Biometric => "biometric".to_owned(),
        }
    }
}

/// Why the keystore could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum KeystoreError {
    /// The keystore cannot be used right now (hardware error, device
    /// locked, service missing). Retrying later may work.
    #[error("the device keystore is unavailable")]
    Unavailable,
    /// The key does not exist (deleted by a later rotation or a wipe, app
    /// reinstalled) or was permanently invalidated (new biometric
    /// enrolled, data restored onto another device). For the device key
    /// this is what an older copy of the vault file meets.
    #[error("the device key is missing or was invalidated")]
    KeyInvalidated,
    /// The user cancelled the biometric or device-credential prompt.
    #[error("the user cancelled the keystore prompt")]
    Cancelled,
    /// The wrapped bytes were not produced by this keystore key (another
    /// device, another key file, or damaged data).
    #[error("the wrapped key does not belong to this device keystore")]
    WrongKey,
}

/// Creates, deletes, and wraps and unwraps short secrets with, keys the
/// platform keeps.
///
/// The mobile shells implement this over Android Keystore / the iOS Secure
/// Enclave and Keychain; [`crate::SoftwareKeystore`] is the desktop and
/// test implementation. Object-safe on purpose (the FFI layer implements it
/// over a foreign trait): `&self` methods, byte slices in, owned bytes out.
///
/// Contract (the vault's rollback protection rests on it):
/// - [`create`](Self::create) makes a **new random** key under the name,
///   replacing any key of that name, and is durable when it returns.
/// - [`delete`](Self::delete) removes the key for good and is durable
///   when it returns; deleting a key that does not exist succeeds.
/// - [`wrap`](Self::wrap) is randomised (fresh IV each time) and
///   authenticated; [`wrap`](Self::wrap) and [`unwrap`](Self::unwrap) on a
///   key that does not exist fail with [`KeystoreError::KeyInvalidated`].
/// - Nothing the app writes to its files can bring a deleted key back.
pub trait DeviceKeystore: Send + Sync {
    /// Creates a fresh random key named `key`, replacing any old one.
    fn create(&self, key: KeystoreKey) -> Result<(), KeystoreError>;

    /// Deletes the key named `key` (success if there is none).
    fn delete(&self, key: KeystoreKey) -> Result<(), KeystoreError>;

    /// Encrypts `plaintext` (at most 64 bytes) under `key`.
    fn wrap(&self, key: KeystoreKey, plaintext: &[u8]) -> Result<Vec<u8>, KeystoreError>;

    /// Decrypts what [`DeviceKeystore::wrap`] produced under the same key.
    fn unwrap(&self, key: KeystoreKey, wrapped: &[u8])
    -> Result<Zeroizing<Vec<u8>>, KeystoreError>;
}
