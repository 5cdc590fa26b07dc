//! The records and enums that cross the boundary unchanged are the core's
//! own: `ramz-core` derives the uniffi traits on them behind its `uniffi`
//! feature, which this crate turns on (ADR 0054). They are re-exported here
//! for Rust users of this crate; the bindings import them from the
//! `ramz_core` namespace. Nothing among them holds a secret: records are
//! copied freely by the foreign side, so secrets never become records.
//!
//! What stays in this crate differs on purpose: `Scanned` (its pending
//! handle and the actionable `InputReason`), the error enums, and the
//! keystore's foreign trait.

pub use ramz_core::{
    AccountId, AccountInfo, AccountKind, AccountPreview, ActivationRequest, Algorithm, BackupCheck,
    BackupExport, BackupImport, ClockStatus, ClockWarning, CodeEntry, LockState, ManualEntry,
    UnlockResult,
};
