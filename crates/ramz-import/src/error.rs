//! Why a file as a whole cannot be read. Entry-level problems are
//! [`crate::SkipReason`]s instead.

use thiserror::Error;

use crate::Format;

/// A key-derivation function whose cost a file sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kdf {
    /// scrypt (Aegis password slots).
    Scrypt,
    /// Argon2id (Ente Auth).
    Argon2id,
    /// PBKDF2 (andOTP).
    Pbkdf2,
}

/// The file cannot be read; nothing from it should be imported.
///
/// No variant carries a secret, a passphrase or file content.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// Larger than [`crate::MAX_FILE_BYTES`].
    #[error("the file is too large ({0} bytes)")]
    TooLarge(usize),
    /// More entries than [`crate::MAX_ENTRIES`].
    #[error("the file has too many entries ({0})")]
    TooManyEntries(usize),
    /// The file is empty or holds only white space.
    #[error("the file is empty")]
    Empty,
    /// Not an export of any supported app.
    #[error(
        "not an export Ramz knows (Aegis, 2FAS, Bitwarden, Ente Auth, Proton Authenticator, LastPass, andOTP, otpauth URIs)"
    )]
    UnknownFormat,
    /// The user named one format, the file is another.
    #[error("the file is a {found} export, not {expected}")]
    NotThisFormat {
        /// What the user asked for.
        expected: Format,
        /// What the file is.
        found: Format,
    },
    /// The file is encrypted and no passphrase was given.
    #[error("the {0} export is encrypted; a passphrase is needed")]
    PassphraseRequired(Format),
    /// The passphrase does not open the file. For Ente Auth and Proton
    /// exports, whose one authentication tag covers everything, a
    /// ciphertext altered after export also ends here: their formats
    /// cannot tell the two apart.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The file is truncated, altered or otherwise broken: invalid JSON,
    /// a missing or ill-typed field, bad base64, a key that opened but a
    /// database that does not decrypt.
    #[error("the file is damaged ({0})")]
    Damaged(&'static str),
    /// The file's format version is one Ramz does not know.
    #[error("unsupported {format} export version {version}")]
    UnsupportedVersion {
        /// The format.
        format: Format,
        /// The version the file declares.
        version: i64,
    },
    /// An encrypted Aegis vault without any password slot (biometric or
    /// raw-key slots only): it can only be opened on the phone that made it.
    #[error("the Aegis vault has no password slot; export it again with a password or unencrypted")]
    NoPasswordSlot,
    /// The file asks for a key-derivation cost above Ramz's limits
    /// (refused before any work, so a hostile file cannot stall the app).
    #[error("the file asks for an excessive {0:?} cost")]
    KdfCostTooHigh(Kdf),
    /// The file's key-derivation parameters are invalid (zero, not a power
    /// of two, ...).
    #[error("invalid {0:?} parameters in the file")]
    BadKdfParams(Kdf),
    /// A Bitwarden export protected by a password or by the account key.
    /// Bitwarden can export unencrypted: Tools → Export vault → file format
    /// ".json" or ".csv" (not "encrypted").
    #[error(
        "this Bitwarden export is encrypted; in Bitwarden use Tools → Export vault with file format .json or .csv (not .json (Encrypted)) and import that file"
    )]
    EncryptedBitwarden,
}
