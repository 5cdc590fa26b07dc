//! Errors of the OTP engine and of the provisioning formats.
//!
//! No variant ever carries a secret, a code or a whole URI: only the name of
//! the field that is wrong and, where it helps the user, a position.

use thiserror::Error;

/// Everything that can go wrong when building a generator or parsing a
/// provisioning format.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OtpError {
    /// The secret has no bytes at all.
    #[error("the secret is empty")]
    EmptySecret,
    /// The number of digits is outside 4..=10.
    #[error("digits must be between 4 and 10, got {0}")]
    InvalidDigits(u32),
    /// The period is zero or longer than a day.
    #[error("period must be between 1 and 86400 seconds, got {0}")]
    InvalidPeriod(u64),
    /// The hash algorithm is not one of SHA1, SHA256, SHA512.
    #[error("unsupported algorithm (expected SHA1, SHA256 or SHA512)")]
    UnsupportedAlgorithm,
    /// A character that cannot appear in a base32 secret.
    #[error(
        "invalid character {found:?} at position {position} of the secret (base32 uses A-Z and 2-7)"
    )]
    InvalidBase32Char {
        /// The offending character. Safe to show: a character that is not
        /// base32 tells nothing about the secret's value.
        found: char,
        /// 1-based position in the text as the user typed it.
        position: usize,
    },
    /// The base32 text has a length no encoder produces (1, 3 or 6 symbols
    /// left over), so it was mistyped or cut.
    #[error(
        "the secret has an impossible length ({symbols} base32 characters); a character is missing or extra"
    )]
    InvalidBase32Length {
        /// Number of base32 symbols seen, padding excluded.
        symbols: usize,
    },
    /// Error while parsing an `otpauth://` or `otpauth-migration://` URI.
    #[error("invalid URI: {0}")]
    Uri(#[from] UriError),
}

/// What is wrong with a provisioning URI. Names the field, never its value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum UriError {
    /// Not an `otpauth://`, `otpauth-migration://` URI.
    #[error("unknown scheme (expected otpauth:// or otpauth-migration://)")]
    UnknownScheme,
    /// The type after `otpauth://` is not `totp` or `hotp`.
    #[error("unknown OTP type (expected totp or hotp)")]
    UnknownType,
    /// A required parameter is missing.
    #[error("missing parameter `{0}`")]
    MissingParameter(&'static str),
    /// A parameter is present but its value is not acceptable.
    #[error("invalid value for parameter `{0}`")]
    InvalidParameter(&'static str),
    /// A parameter appears twice with different values.
    #[error("parameter `{0}` is given more than once")]
    DuplicateParameter(&'static str),
    /// Percent-encoding is broken or does not decode to UTF-8.
    #[error("invalid percent-encoding in the {0}")]
    InvalidEncoding(&'static str),
    /// The label (the part before `?`) is empty or malformed.
    #[error("invalid label")]
    InvalidLabel,
    /// The migration payload is not valid base64 or protobuf.
    #[error("invalid migration payload: {0}")]
    InvalidMigration(&'static str),
    /// The input is larger than any real provisioning URI.
    #[error("input too long ({0} bytes)")]
    TooLong(usize),
    /// The hash algorithm is not SHA1, SHA256 or SHA512 (for example MD5
    /// in a migration batch).
    #[error("unsupported algorithm (expected SHA1, SHA256 or SHA512)")]
    UnsupportedAlgorithm,
    /// One field (issuer, account name, secret, image) is longer than any
    /// real credential's, so its canonical URI would exceed the input limit.
    #[error("the {0} is too long")]
    FieldTooLong(&'static str),
}
