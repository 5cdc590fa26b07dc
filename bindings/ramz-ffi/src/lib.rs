#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod app;
mod authenticator;
mod backup;
mod error;
mod flow;
mod import;
mod keystore;
mod records;

pub use app::RamzApp;
pub use authenticator::Authenticator;
pub use error::{ActivationReason, InputReason, RamzError};
pub use flow::Scanned;
pub use import::{
    AegisExport, ImportDetected, ImportDuplicate, ImportFormat, ImportPreview, ImportReason,
    ImportResult, ImportSkipped, PendingImport, SkipReason, detect_import,
};
pub use keystore::{DeviceKeystore, KeystoreError, KeystoreKey, keystore_alias};
pub use records::{
    AccountId, AccountInfo, AccountKind, AccountPreview, ActivationRequest, Algorithm, BackupCheck,
    BackupExport, BackupImport, ClockStatus, ClockWarning, CodeEntry, LockState, ManualEntry,
    UnlockResult,
};

uniffi::setup_scaffolding!();
