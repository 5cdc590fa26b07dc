//! The uniffi side of the core's records (the `uniffi` feature, which only
//! `ramz-ffi` turns on; ADR 0054). The records derive the uniffi traits
//! where they are declared; the two types of the engines inside them are
//! declared here, so the engines stay free of uniffi and the bindings have
//! one namespace for all records (`ramz_core`). Crates that build on the
//! core and cross the FFI themselves reuse these declarations with
//! `uniffi::use_remote_type!(ramz_core::Algorithm)` (and `AccountId`).

use ramz_otp::Algorithm;
use ramz_vault::AccountId;

/// HMAC hash of an account.
#[uniffi::remote(Enum)]
pub enum Algorithm {
    /// SHA-1 (most services).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-512.
    Sha512,
}

uniffi::custom_type!(AccountId, String, {
    remote,
    lower: |id| id.to_string(),
    // Ids typed by hand are parsed by the FFI's methods, which answer
    // `NotFound`; a malformed id inside a record is a programming error.
    try_lift: |text| AccountId::parse_hex(&text)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("not an account id")),
});
