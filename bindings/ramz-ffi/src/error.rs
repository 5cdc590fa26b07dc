//! The one public error type, mapped from `ramz_core::CoreError` here and
//! nowhere else.

use ramz_core::{ActivationProblem, CoreError, InputProblem};

use crate::KeystoreError;

/// What went wrong, in terms an app can act on. Kotlin sees
/// `RamzException.*`, Swift `RamzError.*`. No variant carries a secret, a
/// PIN, a code or a URI.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum RamzError {
    /// The vault is locked: ask for the PIN.
    #[error("the vault is locked")]
    Locked,
    /// Too many wrong PINs: disable the PIN pad for `wait_seconds`.
    #[error("too many wrong PINs; wait {wait_seconds} s")]
    TryLater {
        /// Seconds before the next attempt is accepted.
        wait_seconds: u64,
    },
    /// The vault was wiped after too many wrong PINs: start over.
    #[error("the vault was wiped")]
    Wiped,
    /// The current PIN given to confirm a sensitive change (`change_pin`,
    /// `set_device_unlock(true, ..)`, exporting bank cards) was wrong. It
    /// counted like a wrong PIN at unlock; nothing was changed.
    #[error("wrong PIN")]
    WrongPin {
        /// Attempts before the vault is wiped (`null`/`nil`: never).
        attempts_left: Option<u32>,
        /// Seconds before the next attempt is accepted (0: at once).
        wait_seconds: u64,
    },
    /// The account or pending scan does not exist (any more).
    #[error("not found")]
    NotFound,
    /// The user's input was refused; `reason` says which part.
    #[error("invalid input: {reason:?}")]
    InvalidInput {
        /// Which part of the input is wrong.
        reason: InputReason,
    },
    /// A vault already exists at the path given to `create`.
    #[error("a vault already exists")]
    AlreadyExists,
    /// No vault at the path given to `open`.
    #[error("no vault at this path")]
    NoVault,
    /// The vault file is damaged (or was not written by Ramz): offer to
    /// restore a backup. Never a wrong PIN: no attempt was counted and
    /// nothing was wiped or overwritten, so keep the file (a later version
    /// or support may still recover it).
    #[error("the vault is damaged")]
    Damaged,
    /// Reading or writing the vault file failed (disk full, permissions).
    #[error("storage error")]
    Storage,
    /// The platform keystore (`DeviceKeystore`) failed; `reason` says
    /// whether retrying can help.
    #[error("device keystore error: {reason:?}")]
    Keystore {
        /// What the keystore reported.
        reason: KeystoreError,
    },
    /// The bank activation failed; `reason` says how.
    #[error("activation failed: {reason:?}")]
    Activation {
        /// What failed.
        reason: ActivationReason,
    },
    /// Not supported by this build or vault.
    #[error("not supported")]
    Unsupported,
    /// The vault already has this credential; nothing was added.
    #[error("already in the vault")]
    Duplicate {
        /// Id of the account that has it.
        existing: String,
    },
    /// The vault holds the most accounts it can (10,000).
    #[error("too many accounts")]
    TooManyAccounts,
    /// This HOTP account's counter cannot move further.
    #[error("HOTP counter exhausted")]
    CounterExhausted,
    /// Another app's export cannot be imported; `reason` says why (ask
    /// for the passphrase, try another file, ...). Nothing was added.
    #[error("import: {reason:?}")]
    Import {
        /// Why.
        reason: crate::ImportReason,
    },
    /// The bank activation code names a server outside the allow-list
    /// given to `set_bank_hosts`; nothing was sent to it. Show `host` and
    /// warn that the code may be forged.
    #[error("{host} is not an allowed bank host")]
    HostNotAllowed {
        /// The server's host (lower-case, no port, no path).
        host: String,
    },
    /// A bug in Ramz (or an unexpected error from a callback). Report it.
    #[error("internal error")]
    Internal,
}

/// Which part of the input was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum InputReason {
    /// The secret is empty, not base32, or has an impossible length.
    Secret,
    /// Digits outside 4..=10.
    Digits,
    /// Period outside 1..=86400 s.
    Period,
    /// Unsupported hash algorithm.
    Algorithm,
    /// Malformed `otpauth://` URI.
    Uri,
    /// Malformed `otpauth-migration://` batch.
    Migration,
    /// Issuer, account name, group or bank name too long or with control
    /// characters.
    Label,
    /// A note too long or with control characters.
    Note,
    /// A text (such as a URI's image link) too long to store.
    TooLong,
    /// The PIN is not six digits (ASCII, Persian or Arabic-Indic).
    Pin,
    /// A new PIN is too easy to guess (repeated digit, sequence, common).
    WeakPin,
    /// A bank card number is malformed.
    CardNumber,
    /// A bank activation code is malformed or of an unsupported version.
    ActivationCode,
    /// Camera frame size or stride does not match the buffer.
    Frame,
    /// The backup file is damaged, not a Ramz backup, or from a newer
    /// version.
    Backup,
    /// The backup passphrase is too short (export) or wrong (import,
    /// verify).
    Passphrase,
    /// Not an OTP payload.
    NotAnAccount,
    /// `reorder` was not given every account exactly once.
    Order,
    /// Not an HOTP account.
    NotHotp,
    /// An entry given to `set_bank_hosts` is not a host name or an IP
    /// address.
    BankHost,
    /// Some other input problem.
    Other,
}

/// Why a bank activation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ActivationReason {
    /// The activation QR code is malformed or unsupported.
    BadRequest,
    /// The server's answer is malformed or not authentic.
    BadResponse,
    /// What was typed is not a four-digit SMS code.
    SmsCodeFormat,
    /// The bank refused the SMS code; ask again.
    WrongCode {
        /// Attempts left before the activation is burned.
        attempts_left: u32,
    },
    /// The activation can no longer be completed (too many wrong codes,
    /// already used, unknown to the bank): start again at the bank.
    Burned,
    /// Too late: start the activation again at the bank.
    Expired,
    /// The server answered with an unexpected HTTP status.
    ServerError {
        /// HTTP status.
        status: u16,
    },
    /// No activation in progress.
    NotStarted,
    /// Some other failure.
    Other,
}

impl From<CoreError> for RamzError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::Locked => Self::Locked,
            CoreError::TryLater { wait_seconds } => Self::TryLater { wait_seconds },
            CoreError::Wiped => Self::Wiped,
            CoreError::WrongPin {
                attempts_left,
                wait_seconds,
            } => Self::WrongPin {
                attempts_left,
                wait_seconds,
            },
            CoreError::NoSuchAccount | CoreError::NoSuchPending => Self::NotFound,
            CoreError::InvalidInput(p) => Self::InvalidInput { reason: p.into() },
            CoreError::AlreadyExists => Self::AlreadyExists,
            CoreError::NoVault => Self::NoVault,
            CoreError::Damaged => Self::Damaged,
            CoreError::Storage => Self::Storage,
            CoreError::Keystore(k) => Self::Keystore { reason: k.into() },
            CoreError::Activation(p) => Self::Activation { reason: p.into() },
            CoreError::Unsupported => Self::Unsupported,
            CoreError::Duplicate { existing } => Self::Duplicate {
                existing: existing.to_string(),
            },
            CoreError::TooManyAccounts => Self::TooManyAccounts,
            CoreError::CounterExhausted => Self::CounterExhausted,
            CoreError::Import(p) => Self::Import { reason: p.into() },
            CoreError::HostNotAllowed { host } => Self::HostNotAllowed { host },
            _ => Self::Internal,
        }
    }
}

impl From<InputProblem> for InputReason {
    fn from(p: InputProblem) -> Self {
        match p {
            InputProblem::Secret => Self::Secret,
            InputProblem::Digits => Self::Digits,
            InputProblem::Period => Self::Period,
            InputProblem::Algorithm => Self::Algorithm,
            InputProblem::Uri => Self::Uri,
            InputProblem::Migration => Self::Migration,
            InputProblem::Label => Self::Label,
            InputProblem::Note => Self::Note,
            InputProblem::TooLong => Self::TooLong,
            InputProblem::Pin => Self::Pin,
            InputProblem::WeakPin => Self::WeakPin,
            InputProblem::CardNumber => Self::CardNumber,
            InputProblem::Activation => Self::ActivationCode,
            InputProblem::Frame => Self::Frame,
            InputProblem::Backup => Self::Backup,
            InputProblem::Passphrase => Self::Passphrase,
            InputProblem::NotAnAccount => Self::NotAnAccount,
            InputProblem::Order => Self::Order,
            InputProblem::NotHotp => Self::NotHotp,
            InputProblem::BankHost => Self::BankHost,
            _ => Self::Other,
        }
    }
}

impl From<ActivationProblem> for ActivationReason {
    fn from(p: ActivationProblem) -> Self {
        match p {
            ActivationProblem::BadRequest => Self::BadRequest,
            ActivationProblem::BadResponse => Self::BadResponse,
            ActivationProblem::SmsCodeFormat => Self::SmsCodeFormat,
            ActivationProblem::WrongCode { attempts_left } => Self::WrongCode { attempts_left },
            ActivationProblem::Burned => Self::Burned,
            ActivationProblem::Expired => Self::Expired,
            ActivationProblem::ServerError { status } => Self::ServerError { status },
            ActivationProblem::NotStarted => Self::NotStarted,
            _ => Self::Other,
        }
    }
}

/// A Kotlin/Swift `DeviceKeystore` threw something that is not a
/// `RamzError`: reported as `Internal`, never as a panic.
impl From<uniffi::UnexpectedUniFFICallbackError> for RamzError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant of the core's errors reaches the app as its own
    /// actionable value: nothing but `Internal` becomes `Internal`, no
    /// input problem becomes `Other`.
    #[test]
    fn every_core_error_has_an_actionable_reason() {
        use InputProblem as P;
        let inputs = [
            (P::Secret, InputReason::Secret),
            (P::Digits, InputReason::Digits),
            (P::Period, InputReason::Period),
            (P::Algorithm, InputReason::Algorithm),
            (P::Uri, InputReason::Uri),
            (P::Migration, InputReason::Migration),
            (P::Label, InputReason::Label),
            (P::Note, InputReason::Note),
            (P::TooLong, InputReason::TooLong),
            (P::Pin, InputReason::Pin),
            (P::WeakPin, InputReason::WeakPin),
            (P::CardNumber, InputReason::CardNumber),
            (P::Frame, InputReason::Frame),
            (P::Backup, InputReason::Backup),
            (P::Passphrase, InputReason::Passphrase),
            (P::Activation, InputReason::ActivationCode),
            (P::NotAnAccount, InputReason::NotAnAccount),
            (P::Order, InputReason::Order),
            (P::NotHotp, InputReason::NotHotp),
            (P::BankHost, InputReason::BankHost),
        ];
        for (p, want) in inputs {
            assert_eq!(InputReason::from(p), want);
        }
        use ActivationProblem as A;
        let activations = [
            (A::BadRequest, ActivationReason::BadRequest),
            (A::BadResponse, ActivationReason::BadResponse),
            (A::SmsCodeFormat, ActivationReason::SmsCodeFormat),
            (
                A::WrongCode { attempts_left: 2 },
                ActivationReason::WrongCode { attempts_left: 2 },
            ),
            (A::Burned, ActivationReason::Burned),
            (A::Expired, ActivationReason::Expired),
            (
                A::ServerError { status: 500 },
                ActivationReason::ServerError { status: 500 },
            ),
            (A::NotStarted, ActivationReason::NotStarted),
        ];
        for (p, want) in activations {
            assert_eq!(ActivationReason::from(p), want);
        }
        let id = ramz_core::AccountId::from_bytes([0xab; 16]);
        let errors = [
            CoreError::Locked,
            CoreError::TryLater { wait_seconds: 3 },
            CoreError::Wiped,
            CoreError::NoSuchAccount,
            CoreError::NoSuchPending,
            CoreError::InvalidInput(P::Note),
            CoreError::AlreadyExists,
            CoreError::NoVault,
            CoreError::Damaged,
            CoreError::WrongPin {
                attempts_left: Some(4),
                wait_seconds: 30,
            },
            CoreError::Storage,
            CoreError::Keystore(ramz_core::KeystoreError::Cancelled),
            CoreError::Activation(A::Expired),
            CoreError::Unsupported,
            CoreError::Duplicate { existing: id },
            CoreError::TooManyAccounts,
            CoreError::CounterExhausted,
            CoreError::Import(ramz_core::ImportProblem::WrongPassphrase),
            CoreError::HostNotAllowed {
                host: "evilbank.ir".into(),
            },
        ];
        for e in errors {
            let shown = format!("{e:?}");
            assert!(
                !matches!(RamzError::from(e), RamzError::Internal),
                "{shown} reaches the app as Internal"
            );
        }
        assert!(matches!(
            RamzError::from(CoreError::Duplicate { existing: id }),
            RamzError::Duplicate { existing } if existing == id.to_string()
        ));
        assert!(matches!(
            RamzError::from(CoreError::HostNotAllowed { host: "evilbank.ir".into() }),
            RamzError::HostNotAllowed { host } if host == "evilbank.ir"
        ));
        assert!(matches!(
            RamzError::from(CoreError::Damaged),
            RamzError::Damaged
        ));
        assert!(matches!(
            RamzError::from(CoreError::WrongPin {
                attempts_left: Some(4),
                wait_seconds: 30
            }),
            RamzError::WrongPin {
                attempts_left: Some(4),
                wait_seconds: 30
            }
        ));
        assert!(matches!(
            RamzError::from(CoreError::Internal),
            RamzError::Internal
        ));
    }
}
