//! What a scanned QR code or a pasted text is: one account, a Google
//! Authenticator export batch, a bank activation, or something else.
//!
//! A text that *looks like* one of the known formats but does not parse is
//! [`Payload::Invalid`] with the typed error, never [`Payload::Unknown`]:
//! the user must learn that their QR code is broken, not that it is
//! foreign. A bare base32 string is `Unknown`: it could be a secret, or a
//! word, or a serial number, and only the caller knows what it asked for.

use core::fmt;

use crate::OtpError;
use crate::migration::{self, MigrationBatch};
use crate::uri::{self, ParsedUri};

/// A classified text.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Payload {
    /// An `otpauth://` URI.
    Account(ParsedUri),
    /// An `otpauth-migration://` batch.
    Migration(MigrationBatch),
    /// A `ramz://activate…` bank activation, unparsed (the
    /// `ramz-activation` crate reads it). Holds the trimmed text.
    BankActivation(String),
    /// Anything else, trimmed (may be a secret: never logged).
    Unknown(String),
    /// One of the known formats, but broken.
    Invalid {
        /// Which format the text claims to be.
        kind: PayloadKind,
        /// What is wrong with it.
        error: OtpError,
    },
}

/// The formats [`classify`] recognises by their scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayloadKind {
    /// `otpauth://`.
    Account,
    /// `otpauth-migration://`.
    Migration,
}

/// Classifies and parses a text. Surrounding white space is ignored;
/// schemes are compared ASCII case-insensitively.
pub fn classify(text: &str) -> Payload {
    let text = text.trim();
    if has_scheme(text, "otpauth-migration:") {
        match migration::decode(text) {
            Ok(batch) => Payload::Migration(batch),
            Err(error) => Payload::Invalid {
                kind: PayloadKind::Migration,
                error,
            },
        }
    } else if has_scheme(text, "otpauth:") {
        match uri::parse(text) {
            Ok(parsed) => Payload::Account(parsed),
            Err(error) => Payload::Invalid {
                kind: PayloadKind::Account,
                error,
            },
        }
    } else if has_scheme(text, "ramz://activate") {
        Payload::BankActivation(text.to_owned())
    } else {
        Payload::Unknown(text.to_owned())
    }
}

impl fmt::Debug for Payload {
    /// Activation and unknown texts may hold secrets: only their length is
    /// shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Account(p) => f.debug_tuple("Account").field(p).finish(),
            Self::Migration(b) => f.debug_tuple("Migration").field(b).finish(),
            Self::BankActivation(t) => write!(f, "BankActivation([redacted; {} bytes])", t.len()),
            Self::Unknown(t) => write!(f, "Unknown([redacted; {} bytes])", t.len()),
            Self::Invalid { kind, error } => f
                .debug_struct("Invalid")
                .field("kind", kind)
                .field("error", error)
                .finish(),
        }
    }
}

fn has_scheme(text: &str, prefix: &str) -> bool {
    uri::strip_prefix_ignore_case(text, prefix).is_some()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::UriError;

    #[test]
    fn each_kind() {
        assert!(matches!(
            classify("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"),
            Payload::Account(_)
        ));
        assert!(matches!(
            classify("\n OTPAUTH-MIGRATION://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JP8Aw%3D%3D"),
            Payload::Migration(b) if b.accounts.len() == 1
        ));
        assert_eq!(
            classify(" RAMZ://Activate?t=1 "),
            Payload::BankActivation("RAMZ://Activate?t=1".into())
        );
        assert_eq!(
            classify("JBSWY3DPEHPK3PXP"),
            Payload::Unknown("JBSWY3DPEHPK3PXP".into())
        );
        assert_eq!(
            classify("https://example.com"),
            Payload::Unknown("https://example.com".into())
        );
        assert_eq!(
            classify("ramz://other"),
            Payload::Unknown("ramz://other".into())
        );
    }

    #[test]
    fn broken_known_formats_are_invalid_not_unknown() {
        assert_eq!(
            classify("otpauth://totp/x?issuer=y"),
            Payload::Invalid {
                kind: PayloadKind::Account,
                error: UriError::MissingParameter("secret").into()
            }
        );
        assert_eq!(
            classify("otpauth://yotp/x?secret=JBSWY3DPEHPK3PXP"),
            Payload::Invalid {
                kind: PayloadKind::Account,
                error: UriError::UnknownType.into()
            }
        );
        assert_eq!(
            classify("otpauth-migration://offline?data=***"),
            Payload::Invalid {
                kind: PayloadKind::Migration,
                error: UriError::InvalidMigration("data is not base64").into()
            }
        );
        // Scheme without the slashes still claims to be otpauth.
        assert!(matches!(
            classify("otpauth:totp"),
            Payload::Invalid {
                kind: PayloadKind::Account,
                ..
            }
        ));
    }

    #[test]
    fn debug_hides_texts_that_may_be_secret() {
        let d = format!(
            "{:?} {:?}",
            classify("JBSWY3DPEHPK3PXP"),
            classify("ramz://activate?k=SECRETKEY")
        );
        assert!(!d.contains("JBSW") && !d.contains("SECRETKEY"), "{d}");
        let d = format!("{:?}", classify("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"));
        assert!(!d.contains("JBSW"), "{d}");
    }
}
