//! The device keystore: the platform's place for keys that never leave the
//! device (Android Keystore, iOS Secure Enclave / Keychain).

use thiserror::Error;
use zeroize::Zeroizing;

/// Which keystore key an operation uses. The shell maps each to one
/// platform key alias; the two must be distinct keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeystoreKey {
    /// Wraps the vault's device secret. Usable without user presence: the
    /// PIN is the user check. Must not be exportable or backed up.
    Device,
    /// Wraps the master key for the optional biometric slot. The shell
    /// requires a biometric (or device credential) check for every use.
    Biometric,
}

impl KeystoreKey {
    /// A stable name, for key aliases and associated data.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Device => "device",
            Self::Biometric => "biometric",
        }
    }
}

/// Why the keystore could not wrap or unwrap.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum KeystoreError {
    /// The keystore cannot be used right now (hardware error, device
    /// locked, service missing). Retrying later may work.
    #[error("the device keystore is unavailable")]
    Unavailable,
    /// The key is gone or permanently invalidated (app reinstalled, new
    /// biometric enrolled, data restored onto another device).
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

/// Wraps and unwraps short secrets with a key the platform keeps.
///
/// The mobile shells implement this over Android Keystore / the iOS Secure
/// Enclave; [`crate::SoftwareKeystore`] is the desktop and test
/// implementation. Object-safe on purpose (the FFI layer implements it over
/// a foreign trait): `&self` methods, byte slices in, owned bytes out.
/// `wrap` must be randomised (fresh IV each time) and authenticated.
pub trait DeviceKeystore: Send + Sync {
    /// Encrypts `plaintext` (at most 64 bytes) under `key`.
    fn wrap(&self, key: KeystoreKey, plaintext: &[u8]) -> Result<Vec<u8>, KeystoreError>;

    /// Decrypts what [`DeviceKeystore::wrap`] produced under the same key.
    fn unwrap(&self, key: KeystoreKey, wrapped: &[u8])
    -> Result<Zeroizing<Vec<u8>>, KeystoreError>;
}
