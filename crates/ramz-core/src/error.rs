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
    /// The current PIN given to confirm a sensitive change (PIN change,
    /// biometric unlock, exporting bank cards) was wrong; it counted like
    /// a wrong PIN at unlock and nothing was changed.
    #[error("wrong PIN")]
    WrongPin {
        /// Attempts before the vault is wiped (`None`: never wiped).
        attempts_left: Option<u32>,
        /// Seconds before the next attempt is accepted (0: at once).
        wait_seconds: u64,
    },
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
    /// The vault file is damaged or was not written by Ramz (found before
    /// the PIN was tried, or in the body after a right PIN). Never a wrong
    /// PIN: no attempt was counted and nothing was wiped or overwritten.
    #[error("the vault is damaged")]
    Damaged,
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
    /// The vault already has this credential (same secret and parameters,
    /// whatever the labels); nothing was added.
    #[error("already in the vault")]
    Duplicate {
        /// The account that has it.
        existing: ramz_vault::AccountId,
    },
    /// The vault holds the most accounts it can (10,000).
    #[error("the vault cannot hold more accounts")]
    TooManyAccounts,
    /// A bank activation code names a server outside the allow-list of
    /// bank hosts ([`crate::Authenticator::set_bank_hosts`]): nothing was
    /// sent to it. Show the host; the code may be forged.
    #[error("{host} is not an allowed bank host")]
    HostNotAllowed {
        /// The server's host as parsed (lower-case, no port, no path).
        host: String,
    },
    /// An HOTP account's counter reached its end (2^64 - 1).
    #[error("the HOTP counter is exhausted")]
    CounterExhausted,
    /// Another app's export cannot be imported (the file as a whole);
    /// nothing was added.
    #[error("import: {0}")]
    Import(crate::ImportProblem),
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
    /// A label (issuer, account name, group, bank name) is too long or has
    /// control characters.
    #[error("bad label")]
    Label,
    /// A note is too long or has control characters other than newlines.
    #[error("bad note")]
    Note,
    /// A text of the account (such as a URI's image link) is longer than
    /// the vault can store.
    #[error("a field is too long")]
    TooLong,
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
    /// An entry of the bank host allow-list is not a host name or an IP
    /// address (no scheme, port or path).
    #[error("bad bank host")]
    BankHost,
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
        use ramz_vault::{PinProblem, PinRefusal, VaultError as E};
        match e {
            E::NotFound => Self::NoVault,
            E::AlreadyExists => Self::AlreadyExists,
            E::Empty | E::Truncated | E::Foreign | E::Malformed(_) | E::Tampered | E::WeakKdf => {
                Self::Damaged
            }
            E::PinRefused(PinRefusal::Wrong {
                attempts_left,
                wait_seconds,
            }) => Self::WrongPin {
                attempts_left,
                wait_seconds,
            },
            E::PinRefused(PinRefusal::LockedOut { wait_seconds }) => {
                Self::TryLater { wait_seconds }
            }
            E::PinRefused(PinRefusal::Wiped) => Self::Wiped,
            E::UnsupportedVersion(_) | E::NoDeviceSlot => Self::Unsupported,
            E::Pin(PinProblem::NotText | PinProblem::NotDigits | PinProblem::WrongLength(_)) => {
                Self::InvalidInput(InputProblem::Pin)
            }
            E::Pin(_) => Self::InvalidInput(InputProblem::WeakPin),
            E::WeakPassphrase { .. } | E::WrongPassphrase => {
                Self::InvalidInput(InputProblem::Passphrase)
            }
            E::Keystore(k) => Self::Keystore(k),
            E::NoSuchAccount => Self::NoSuchAccount,
            E::InvalidLabel(_) => Self::InvalidInput(InputProblem::Label),
            E::InvalidNote => Self::InvalidInput(InputProblem::Note),
            E::InvalidCardNumber => Self::InvalidInput(InputProblem::CardNumber),
            E::FieldTooLong => Self::InvalidInput(InputProblem::TooLong),
            E::NotHotp => Self::InvalidInput(InputProblem::NotHotp),
            E::TooManyAccounts => Self::TooManyAccounts,
            E::CounterExhausted => Self::CounterExhausted,
            E::Io { .. } => Self::Storage,
            E::Random | E::Internal(_) => Self::Internal,
            // A variant added to the vault after this mapping was written
            // (`tests::vault_cases` lists every variant mapped here).
            _ => Self::Internal,
        }
    }
}

/// A vault error raised while reading a backup file the user picked: a
/// damaged, foreign or newer file is their input (`InputProblem::Backup`),
/// not the vault being corrupted.
pub(crate) fn backup_error(e: ramz_vault::VaultError) -> CoreError {
    use ramz_vault::VaultError as E;
    match e {
        E::Empty
        | E::Truncated
        | E::Foreign
        | E::Malformed(_)
        | E::Tampered
        | E::WeakKdf
        | E::UnsupportedVersion(_) => CoreError::InvalidInput(InputProblem::Backup),
        other => other.into(),
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

#[cfg(test)]
mod tests {
    use ramz_activation::ActivationError as A;
    use ramz_vault::{KeystoreError, LabelField, PinProblem, PinRefusal, VaultError as V};

    use super::*;

    /// Every variant of the vault's error (all of them, as of this
    /// writing), with the reason the app gets. A variant added to the vault
    /// lands on `Internal` until it is mapped and listed here.
    fn vault_cases() -> Vec<(V, CoreError)> {
        use InputProblem as P;
        let io = || std::io::Error::other("disk");
        vec![
            (V::NotFound, CoreError::NoVault),
            (V::AlreadyExists, CoreError::AlreadyExists),
            (V::Empty, CoreError::Damaged),
            (V::Truncated, CoreError::Damaged),
            (V::Foreign, CoreError::Damaged),
            (V::UnsupportedVersion(9), CoreError::Unsupported),
            (V::Malformed("x"), CoreError::Damaged),
            (V::Tampered, CoreError::Damaged),
            (V::WeakKdf, CoreError::Damaged),
            (V::Pin(PinProblem::NotText), CoreError::InvalidInput(P::Pin)),
            (
                V::Pin(PinProblem::NotDigits),
                CoreError::InvalidInput(P::Pin),
            ),
            (
                V::Pin(PinProblem::WrongLength(5)),
                CoreError::InvalidInput(P::Pin),
            ),
            (
                V::Pin(PinProblem::AllSame),
                CoreError::InvalidInput(P::WeakPin),
            ),
            (
                V::Pin(PinProblem::Ascending),
                CoreError::InvalidInput(P::WeakPin),
            ),
            (
                V::Pin(PinProblem::Descending),
                CoreError::InvalidInput(P::WeakPin),
            ),
            (
                V::Pin(PinProblem::Common),
                CoreError::InvalidInput(P::WeakPin),
            ),
            (
                V::WeakPassphrase { min: 8 },
                CoreError::InvalidInput(P::Passphrase),
            ),
            (V::WrongPassphrase, CoreError::InvalidInput(P::Passphrase)),
            (
                V::PinRefused(PinRefusal::Wrong {
                    attempts_left: Some(5),
                    wait_seconds: 30,
                }),
                CoreError::WrongPin {
                    attempts_left: Some(5),
                    wait_seconds: 30,
                },
            ),
            (
                V::PinRefused(PinRefusal::LockedOut { wait_seconds: 60 }),
                CoreError::TryLater { wait_seconds: 60 },
            ),
            (V::PinRefused(PinRefusal::Wiped), CoreError::Wiped),
            (
                V::Keystore(KeystoreError::KeyInvalidated),
                CoreError::Keystore(KeystoreError::KeyInvalidated),
            ),
            (
                V::Keystore(KeystoreError::Cancelled),
                CoreError::Keystore(KeystoreError::Cancelled),
            ),
            (V::NoDeviceSlot, CoreError::Unsupported),
            (V::NoSuchAccount, CoreError::NoSuchAccount),
            (
                V::InvalidLabel(LabelField::Issuer),
                CoreError::InvalidInput(P::Label),
            ),
            (
                V::InvalidLabel(LabelField::Group),
                CoreError::InvalidInput(P::Label),
            ),
            (V::InvalidNote, CoreError::InvalidInput(P::Note)),
            (V::InvalidCardNumber, CoreError::InvalidInput(P::CardNumber)),
            (V::TooManyAccounts, CoreError::TooManyAccounts),
            (V::FieldTooLong, CoreError::InvalidInput(P::TooLong)),
            (V::NotHotp, CoreError::InvalidInput(P::NotHotp)),
            (V::CounterExhausted, CoreError::CounterExhausted),
            (V::Random, CoreError::Internal),
            (
                V::Io {
                    op: "write",
                    source: io(),
                },
                CoreError::Storage,
            ),
            (V::Internal("x"), CoreError::Internal),
        ]
    }

    #[test]
    fn every_vault_error_has_a_reason() {
        let cases = vault_cases();
        for (e, want) in cases {
            let shown = format!("{e:?}");
            assert_eq!(CoreError::from(e), want, "{shown}");
        }
    }

    #[test]
    fn backup_files_are_input_not_corruption() {
        for e in [
            V::Empty,
            V::Truncated,
            V::Foreign,
            V::Malformed("x"),
            V::Tampered,
            V::WeakKdf,
            V::UnsupportedVersion(3),
        ] {
            assert_eq!(
                backup_error(e),
                CoreError::InvalidInput(InputProblem::Backup)
            );
        }
        assert_eq!(
            backup_error(V::WrongPassphrase),
            CoreError::InvalidInput(InputProblem::Passphrase)
        );
        assert_eq!(
            backup_error(V::Io {
                op: "read",
                source: std::io::Error::other("x")
            }),
            CoreError::Storage
        );
    }

    #[test]
    fn every_activation_error_has_a_reason() {
        use ActivationProblem as P;
        let cases = [
            (
                A::InvalidOffer(ramz_activation::OfferError::Invalid("card")),
                CoreError::Activation(P::BadRequest),
            ),
            (A::InvalidSmsCode, CoreError::Activation(P::SmsCodeFormat)),
            (
                A::WrongCode { attempts_left: 2 },
                CoreError::Activation(P::WrongCode { attempts_left: 2 }),
            ),
            (A::AttemptsExhausted, CoreError::Activation(P::Burned)),
            (A::Expired, CoreError::Activation(P::Expired)),
            (A::AlreadyUsed, CoreError::Activation(P::Burned)),
            (A::UnknownActivation, CoreError::Activation(P::Burned)),
            (A::ServerUnreachable, CoreError::Activation(P::BadResponse)),
            (
                A::ServerError { status: 503 },
                CoreError::Activation(P::ServerError { status: 503 }),
            ),
            (
                A::MalformedResponse("x"),
                CoreError::Activation(P::BadResponse),
            ),
            (
                A::KeyConfirmationFailed,
                CoreError::Activation(P::BadResponse),
            ),
            (A::WeakKey, CoreError::Activation(P::BadResponse)),
            (A::NoRandomness, CoreError::Internal),
        ];
        for (e, want) in cases {
            let shown = format!("{e:?}");
            assert_eq!(CoreError::from(e), want, "{shown}");
        }
    }
}
