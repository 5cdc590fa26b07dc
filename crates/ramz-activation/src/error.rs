//! Errors of the activation protocol. No variant carries the SMS code, a
//! key, a MAC or the seed.

use thiserror::Error;

/// What is wrong with an activation QR payload. Names the field, never its
/// value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OfferError {
    /// Not a `ramz://activate?` payload.
    #[error("not a Ramz activation code")]
    NotActivation,
    /// A protocol version this build does not speak (the app is too old).
    #[error("unsupported activation protocol version {0}; update the app")]
    UnsupportedVersion(u32),
    /// A required field is missing.
    #[error("activation code is missing `{0}`")]
    Missing(&'static str),
    /// A field appears twice.
    #[error("activation code has `{0}` more than once")]
    Duplicate(&'static str),
    /// A field has an unacceptable value.
    #[error("activation code has an invalid `{0}`")]
    Invalid(&'static str),
    /// The server URL is not https (plain http is allowed to loopback only).
    #[error("the activation server address must use https")]
    InsecureUrl,
    /// The payload is longer than any real activation code.
    #[error("activation code too long ({0} bytes)")]
    TooLong(usize),
}

/// Why an activation did not complete, as the app should explain it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ActivationError {
    /// The QR payload is invalid.
    #[error(transparent)]
    InvalidOffer(#[from] OfferError),
    /// What was typed is not four digits.
    #[error("the SMS code has four digits")]
    InvalidSmsCode,
    /// The server did not accept the SMS code; the customer may try again.
    #[error("wrong SMS code ({attempts_left} attempts left)")]
    WrongCode {
        /// Attempts left before the activation is burned.
        attempts_left: u32,
    },
    /// Too many wrong codes: the activation is burned; the customer must
    /// start a new one at the bank.
    #[error("too many wrong SMS codes; start a new activation at the bank")]
    AttemptsExhausted,
    /// The activation expired before it was completed.
    #[error("this activation code has expired; start a new activation at the bank")]
    Expired,
    /// The activation was already completed (on this or another device).
    #[error("this activation code was already used")]
    AlreadyUsed,
    /// The server does not know this activation id.
    #[error("the bank does not know this activation code")]
    UnknownActivation,
    /// The server could not be reached (reported by the shell doing the
    /// I/O, never by this crate's functions).
    #[error("the activation server could not be reached")]
    ServerUnreachable,
    /// The server answered with an error this version does not know.
    #[error("the activation server answered with status {status}")]
    ServerError {
        /// HTTP status code.
        status: u16,
    },
    /// The server's answer is not a valid protocol message.
    #[error("the activation server sent an invalid answer ({0})")]
    MalformedResponse(&'static str),
    /// The answer did not prove knowledge of the shared keys: it did not
    /// come from the bank's server (or was altered on the way).
    #[error("the activation server's answer failed key confirmation")]
    KeyConfirmationFailed,
    /// A public key was a low-order point (an attack or a broken peer).
    #[error("the peer sent an invalid public key")]
    WeakKey,
    /// The operating system gave no random bytes.
    #[error("no randomness available from the operating system")]
    NoRandomness,
}

/// Why the server refuses a completion request (server side of the
/// protocol, before any state change other than counting attempts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RequestRejection {
    /// The MAC does not verify: wrong SMS code (or a forged request). This
    /// counts as one attempt.
    #[error("wrong code")]
    WrongCode,
    /// The request is malformed (wrong version, a key or MAC of the wrong
    /// size, a low-order public key). Not counted: such a request cannot
    /// test a code. Names the field.
    #[error("malformed request: {0}")]
    Malformed(&'static str),
}
