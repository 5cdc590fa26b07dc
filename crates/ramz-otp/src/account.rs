//! An OTP credential as provisioned: who issued it, for which account, and
//! how to compute its codes.

use crate::{Algorithm, Code, Digits, Hotp, Period, Secret, Steam, Totp, TotpSnapshot};

/// The kind of credential and its moving factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum OtpKind {
    /// Time-based (RFC 6238).
    Totp {
        /// Step length.
        period: Period,
    },
    /// Counter-based (RFC 4226); `counter` is the next counter to use.
    Hotp {
        /// Next counter value.
        counter: u64,
    },
    /// Steam Guard (always SHA-1, 30 s, 5 characters).
    Steam,
}

/// Everything but the secret and the labels: what a generator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OtpParams {
    /// Credential kind and moving factor.
    pub kind: OtpKind,
    /// HMAC hash.
    pub algorithm: Algorithm,
    /// Code length (ignored for Steam, which has five characters).
    pub digits: Digits,
}

impl OtpParams {
    /// SHA-1, 6 digits, 30 s: what most 2FA sites issue.
    pub fn default_totp() -> Self {
        Self {
            kind: OtpKind::Totp {
                period: Period::THIRTY,
            },
            algorithm: Algorithm::Sha1,
            digits: Digits::SIX,
        }
    }

    /// Builds the generator for `secret` (prepares the key once).
    pub fn generator(&self, secret: &Secret) -> Generator {
        match self.kind {
            OtpKind::Totp { period } => {
                Generator::Totp(Totp::new(secret, self.algorithm, self.digits, period, 0))
            }
            OtpKind::Hotp { .. } => Generator::Hotp(Hotp::new(secret, self.algorithm, self.digits)),
            OtpKind::Steam => Generator::Steam(Steam::new(secret)),
        }
    }
}

/// A provisioned credential: labels, secret and parameters. This is what an
/// `otpauth://` URI or one entry of a migration batch describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpAccount {
    /// Service name shown to the user ("Nobitex", "Bank Melli"); may be
    /// empty.
    pub issuer: String,
    /// The user's account at the service (e-mail, user name, masked card).
    pub account: String,
    /// The shared secret.
    pub secret: Secret,
    /// How codes are computed.
    pub params: OtpParams,
    /// The `image` parameter of an otpauth URI (a logo URL), kept verbatim.
    pub image: Option<String>,
}

impl OtpAccount {
    /// A prepared generator for this account.
    pub fn generator(&self) -> Generator {
        self.params.generator(&self.secret)
    }
}

/// A prepared generator of any kind.
#[derive(Debug, Clone)]
pub enum Generator {
    /// TOTP.
    Totp(Totp),
    /// HOTP.
    Hotp(Hotp),
    /// Steam Guard.
    Steam(Steam),
}

/// What the code list of an app shows for one credential at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeView {
    /// Current code.
    pub code: Code,
    /// Code of the next step (for HOTP: of the next counter).
    pub next: Code,
    /// Seconds until `code` changes; 0 for HOTP (changes on demand).
    pub remaining: u64,
    /// Step length in seconds; 0 for HOTP.
    pub period: u64,
}

impl Generator {
    /// The view at `unix` (TOTP, Steam) or at `counter` (HOTP: `unix` is
    /// ignored, and `counter` is the account's stored next counter).
    pub fn view(&self, unix: u64, counter: u64) -> CodeView {
        match self {
            Self::Totp(t) => {
                let TotpSnapshot {
                    code,
                    next,
                    remaining,
                    period,
                    ..
                } = t.snapshot(unix);
                CodeView {
                    code,
                    next,
                    remaining,
                    period,
                }
            }
            Self::Hotp(h) => CodeView {
                code: h.code(counter),
                next: h.code(counter.saturating_add(1)),
                remaining: 0,
                period: 0,
            },
            Self::Steam(s) => {
                let step = unix / s.period();
                CodeView {
                    code: s.code_for_step(step),
                    next: s.code_for_step(step.saturating_add(1)),
                    remaining: s.period() - unix % s.period(),
                    period: s.period(),
                }
            }
        }
    }
}
