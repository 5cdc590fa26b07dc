#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod authenticator;
mod backup;
mod error;
mod flow;
mod keystore;
mod records;

pub use authenticator::Authenticator;
pub use backup::{BackupCheck, BackupExport, BackupImport};
pub use error::{ActivationReason, InputReason, RamzError};
pub use flow::{ActivationRequest, LockState, Scanned, UnlockResult};
pub use keystore::{DeviceKeystore, KeystoreError, KeystoreKey, keystore_alias};
pub use records::{
    AccountInfo, AccountKind, AccountPreview, ClockStatus, ClockWarning, CodeEntry, HashAlgorithm,
    ManualEntry,
};

uniffi::setup_scaffolding!();
