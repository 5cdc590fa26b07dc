#![doc = include_str!("../README.md")]

mod account;
mod algorithm;
pub mod base32;
mod block;
mod code;
mod digits_input;
mod error;
mod hotp;
pub mod migration;
pub mod payload;
mod secret;
mod steam;
mod totp;
pub mod uri;

pub use account::{CodeView, Generator, OtpAccount, OtpKind, OtpParams};
pub use algorithm::Algorithm;
pub use code::{Code, Digits, MAX_CODE_LEN, Period};
pub use digits_input::{ascii_digit, normalize_digits};
pub use error::{OtpError, UriError};
pub use hotp::Hotp;
pub use secret::{RECOMMENDED_MIN_SECRET_BYTES, Secret};
pub use steam::Steam;
pub use totp::{Totp, TotpSnapshot};
