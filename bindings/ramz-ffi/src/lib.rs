#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod authenticator;
mod error;
mod records;

pub use authenticator::Authenticator;
pub use error::{ActivationReason, InputReason, RamzError};
pub use records::{
    AccountInfo, AccountKind, ClockStatus, ClockWarning, CodeEntry, HashAlgorithm, ManualEntry,
};

uniffi::setup_scaffolding!();
