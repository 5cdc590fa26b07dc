#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod client;
mod error;
mod fields;
mod host;
mod offer;
mod schedule;
mod server;
mod transcript;
pub mod wire;

pub use client::{ActivatedCard, ClientActivation, HttpRequest};
pub use error::{ActivationError, OfferError, RequestRejection};
pub use fields::{ActivationId, BaseUrl, MAX_ISSUER_CHARS, MaskedCard};
pub use host::ServerHost;
pub use offer::{ActivationOffer, MAX_OFFER_LEN, SCHEME_PREFIX};
pub use schedule::{PROTOCOL_LABEL, seed_len};
pub use server::{CompletedActivation, ServerKey, VerifiedRequest};

/// Protocol version carried in the QR payload (`v=1`) and every message.
pub const PROTOCOL_VERSION: u8 = 1;

/// Number of digits of the SMS confirmation code.
pub const SMS_CODE_LEN: usize = 4;

/// Fills `buf` from the operating system's random source.
///
/// The protocol functions take their randomness as arguments so that test
/// vectors are reproducible; production callers use this to make it.
pub fn random_bytes<const N: usize>() -> Result<zeroize::Zeroizing<[u8; N]>, ActivationError> {
    let mut buf = zeroize::Zeroizing::new([0u8; N]);
    getrandom::fill(buf.as_mut()).map_err(|_| ActivationError::NoRandomness)?;
    Ok(buf)
}
