//! Errors of the facade.
//!
//! No variant carries a secret, a PIN, a code or a URI: only what the app
//! needs to decide what to show.

use thiserror::Error;

/// What went wrong in a call on [`crate::Authenticator`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CoreError {
    /// The call needs an unlocked vault and the vault is locked.
    #[error("the vault is locked")]
    Locked,
    /// Too many wrong PINs: no attempt is accepted before `wait_seconds`.
    #[error("too many wrong PINs; try again in {wait_seconds} s")]
    TryLater {
        /// Seconds to wait before the next attempt.
        wait_seconds: u64,
    },
    /// The vault was wiped after too many wrong PINs.
    #[error("the vault was wiped after too many wrong PINs")]
    Wiped,
    /// No account with this id.
    #[error("no such account")]
    NoSuchAccount,
    /// The pending scan id is unknown or was already used (or the vault was
    /// locked since the scan, which forgets pending scans).
    #[error("no such pending scan")]
    NoSuchPending,
    /// Input the user gave or scanned is not acceptable.
    #[error("invalid input: {0}")]
    InvalidInput(InputProblem),
    /// A vault already exists where one was to be created.
    #[error("a vault already exists at this path")]
    AlreadyExists,
    /// No vault at the given path.
    #[error("no vault at this path")]
    NoVault,
    /// The vault file is damaged or was not written by Ramz.
    #[error("the vault is corrupted")]
    Corrupted,
    /// Reading or writing the vault file failed.
    #[error("storage error")]
    Storage,
    /// The platform keystore refused or failed; the reason says whether
    /// retrying can help.
    #[error("device keystore: {0}")]
    Keystore(ramz_vault::KeystoreError),
    /// The bank activation could not be completed.
    #[error("activation failed: {0}")]
    Activation(ActivationProblem),
    /// The operation is not supported by this build or this vault.
    #[error("not supported")]
    Unsupported,
    /// A bug or an impossible state (or the OS random generator failed).
    #[error("internal error")]
    Internal,
}

/// Why some input was refused. A reason code, never the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InputProblem {
    /// The secret is empty, not base32, or has an impossible length.
    #[error("bad secret")]
    Secret,
    /// Digits outside 4..=10.
    #[error("bad digits")]
    Digits,
    /// Period outside 1..=86400 s.
    #[error("bad period")]
    Period,
    /// Unsupported hash algorithm.
    #[error("bad algorithm")]
    Algorithm,
    /// Not an `otpauth://` URI, or a malformed one.
    #[error("bad URI")]
    Uri,
    /// A malformed `otpauth-migration://` batch.
    #[error("bad migration batch")]
    Migration,
    /// A label (issuer, account name) is too long or has control characters.
    #[error("bad label")]
    Label,
    /// The PIN is not six digits (ASCII, Persian or Arabic-Indic).
    #[error("bad PIN")]
    Pin,
    /// A new PIN is too easy to guess (one digit repeated, a sequence, or a
    /// very common PIN).
    #[error("weak PIN")]
    WeakPin,
    /// A bank card number is malformed.
    #[error("bad card number")]
    CardNumber,
    /// The camera frame's size or stride does not match its buffer.
    #[error("bad frame")]
    Frame,
    /// A backup file is damaged, not a Ramz backup, or from a newer
    /// version.
    #[error("bad backup")]
    Backup,
    /// A backup passphrase is too short (export), or not the one the
    /// backup was made with (import, verify).
    #[error("bad backup passphrase")]
    Passphrase,
    /// A bank activation code is malformed or of an unsupported version.
    #[error("bad activation code")]
    Activation,
    /// The scanned or pasted text is not something Ramz can add.
    #[error("not an OTP payload")]
    NotAnAccount,
    /// An order given to `reorder` is not a permutation of the accounts.
    #[error("bad order")]
    Order,
    /// The account is not counter-based (HOTP only).
    #[error("not an HOTP account")]
    NotHotp,
}

/// Why a bank activation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ActivationProblem {
    /// The activation request in the QR code is malformed or unsupported.
    #[error("bad activation request")]
    BadRequest,
    /// The server's response is malformed or failed authentication.
    #[error("bad server response")]
    BadResponse,
    /// What was typed is not a four-digit SMS code.
    #[error("the SMS code has four digits")]
    SmsCodeFormat,
    /// The server refused the SMS code; the customer may try again.
    #[error("wrong SMS code")]
    WrongCode {
        /// Attempts left before the activation is burned.
        attempts_left: u32,
    },
    /// Too many wrong SMS codes, or the activation was already used, or
    /// the server does not know it: start a new activation at the bank.
    #[error("the activation can no longer be completed")]
    Burned,
    /// The activation expired; start over at the bank.
    #[error("expired")]
    Expired,
    /// The server answered with an error status this version does not know.
    #[error("server error {status}")]
    ServerError {
        /// HTTP status.
        status: u16,
    },
    /// No activation is in progress.
    #[error("no activation in progress")]
    NotStarted,
}

impl From<ramz_otp::OtpError> for CoreError {
    fn from(e: ramz_otp::OtpError) -> Self {
        use ramz_otp::OtpError as E;
        Self::InvalidInput(match e {
            E::EmptySecret | E::InvalidBase32Char { .. } | E::InvalidBase32Length { .. } => {
                InputProblem::Secret
            }
            E::InvalidDigits(_) => InputProblem::Digits,
            E::InvalidPeriod(_) => InputProblem::Period,
            E::UnsupportedAlgorithm => InputProblem::Algorithm,
            E::Uri(ramz_otp::UriError::InvalidMigration(_)) => InputProblem::Migration,
            _ => InputProblem::Uri,
        })
    }
}

impl From<ramz_vault::VaultError> for CoreError {
    fn from(e: ramz_vault::VaultError) -> Self {
        use ramz_vault::{PinProblem, VaultError as E};
        match e {
            E::NotFound => Self::NoVault,
            E::AlreadyExists => Self::AlreadyExists,
            E::UnsupportedVersion(_) => Self::Unsupported,
            E::Pin(PinProblem::NotText | PinProblem::NotDigits | PinProblem::WrongLength(_)) => {
                Self::InvalidInput(InputProblem::Pin)
            }
            E::Pin(_) => Self::InvalidInput(InputProblem::WeakPin),
            E::WeakPassphrase { .. } | E::WrongPassphrase => {
                Self::InvalidInput(InputProblem::Passphrase)
            }
            E::Malformed(crate::backup::BACKUP_FILE) => Self::InvalidInput(InputProblem::Backup),
            E::Keystore(k) => Self::Keystore(k),
            E::NoDeviceSlot => Self::Unsupported,
            E::NoSuchAccount => Self::NoSuchAccount,
            E::InvalidAccount("masked card number") => Self::InvalidInput(InputProblem::CardNumber),
            E::InvalidAccount("not an HOTP account") => Self::InvalidInput(InputProblem::NotHotp),
            E::InvalidAccount(_) => Self::InvalidInput(InputProblem::Label),
            E::Io { .. } => Self::Storage,
            E::Random | E::Internal(_) => Self::Internal,
            // Empty, truncated, foreign, malformed, tampered, weak KDF.
            _ => Self::Corrupted,
        }
    }
}

impl From<ramz_activation::ActivationError> for CoreError {
    fn from(e: ramz_activation::ActivationError) -> Self {
        use ramz_activation::ActivationError as E;
        Self::Activation(match e {
            E::InvalidOffer(_) => ActivationProblem::BadRequest,
            E::InvalidSmsCode => ActivationProblem::SmsCodeFormat,
            E::WrongCode { attempts_left } => ActivationProblem::WrongCode { attempts_left },
            E::AttemptsExhausted | E::AlreadyUsed | E::UnknownActivation => {
                ActivationProblem::Burned
            }
            E::Expired => ActivationProblem::Expired,
            E::ServerError { status } => ActivationProblem::ServerError { status },
            E::NoRandomness => return Self::Internal,
            _ => ActivationProblem::BadResponse,
        })
    }
}
