//! The vault's error type. No variant carries a PIN, a key, a secret or an
//! account label.

use thiserror::Error;

use crate::{KeystoreError, PinProblem};

/// Everything that can go wrong with a vault or a backup file, other than a
/// wrong PIN (which is an [`crate::UnlockOutcome`], not an error).
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum VaultError {
    /// No vault file at the path.
    #[error("no vault at this path")]
    NotFound,
    /// A file already exists where a new vault was to be created. It is
    /// left untouched.
    #[error("a file already exists at this path; not overwriting it")]
    AlreadyExists,
    /// The file has zero bytes.
    #[error("the vault file is empty")]
    Empty,
    /// The file ends before its structure does.
    #[error("the file is truncated")]
    Truncated,
    /// The file does not start with the Ramz magic bytes.
    #[error("not a Ramz vault or backup file")]
    Foreign,
    /// A Ramz file of a format version this build does not know.
    #[error("unsupported format version {0}")]
    UnsupportedVersion(u16),
    /// The structure is invalid (names the field).
    #[error("malformed file: {0}")]
    Malformed(&'static str),
    /// Authentication failed after the key was recovered: some byte of the
    /// file was changed.
    #[error("the file was modified or damaged (authentication failed)")]
    Tampered,
    /// The file's Argon2 parameters are below the accepted floor.
    #[error("the file's key-derivation parameters are below the accepted minimum")]
    WeakKdf,
    /// The PIN cannot be used (format or strength).
    #[error("{0}")]
    Pin(#[from] PinProblem),
    /// The backup passphrase cannot be used.
    #[error("the backup passphrase must have at least {min} characters")]
    WeakPassphrase {
        /// Minimum number of characters.
        min: usize,
    },
    /// The backup passphrase is wrong (or the backup's slot was damaged).
    #[error("wrong backup passphrase")]
    WrongPassphrase,
    /// The device keystore refused.
    #[error("device keystore: {0}")]
    Keystore(#[from] KeystoreError),
    /// The vault has no biometric/device-only slot.
    #[error("the vault has no biometric unlock")]
    NoDeviceSlot,
    /// No account with that id.
    #[error("no such account")]
    NoSuchAccount,
    /// A label is too long or has control characters.
    #[error("invalid {0}: too long or has control characters")]
    InvalidLabel(LabelField),
    /// A note is too long or has control characters other than newlines.
    #[error("invalid note: too long or has control characters")]
    InvalidNote,
    /// A card number is not 12 to 19 digits (masked or not).
    #[error("invalid card number")]
    InvalidCardNumber,
    /// The vault cannot hold more accounts.
    #[error("too many accounts")]
    TooManyAccounts,
    /// A field is longer than the file format can store.
    #[error("a field is too long to store")]
    FieldTooLong,
    /// The account is not counter-based (HOTP).
    #[error("not an HOTP account")]
    NotHotp,
    /// The HOTP counter cannot move further (it reached 2^64 - 1).
    #[error("the HOTP counter is exhausted")]
    CounterExhausted,
    /// The operating system's random generator failed.
    #[error("the system random generator failed")]
    Random,
    /// Reading or writing a file failed.
    #[error("could not {op} the vault file: {source}")]
    Io {
        /// What was being done ("read", "write", "sync", ...).
        op: &'static str,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A bug or an impossible state; names it.
    #[error("internal error: {0}")]
    Internal(&'static str),
}

/// Which label was refused ([`VaultError::InvalidLabel`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LabelField {
    /// The issuer (service name).
    Issuer,
    /// The account name.
    AccountName,
    /// The group.
    Group,
    /// A bank card's bank name.
    BankName,
}

impl core::fmt::Display for LabelField {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Issuer => "issuer",
            Self::AccountName => "account name",
            Self::Group => "group",
            Self::BankName => "bank name",
        })
    }
}

impl VaultError {
    pub(crate) fn io(op: &'static str) -> impl FnOnce(std::io::Error) -> Self {
        move |source| Self::Io { op, source }
    }
}
