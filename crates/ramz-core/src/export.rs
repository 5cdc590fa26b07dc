//! Plain exports of the exportable accounts: `otpauth://` URIs, or Google
//! Authenticator migration payloads (one per QR code). The texts hold
//! secrets in clear: the shell shows or writes them only at the user's
//! explicit request. Bank cards are never in them.

pub use ramz_vault::{LeftOut, LeftOutReason, PlainExport};

use crate::{Authenticator, CoreError};

impl Authenticator {
    /// One `otpauth://` URI per exportable account, and what was left out.
    pub fn export_uris(&self) -> Result<PlainExport, CoreError> {
        Ok(self.session()?.vault().export_uris())
    }

    /// Google Authenticator migration URIs (`otpauth-migration://`), one
    /// per QR code, of the exportable accounts. `batch_id` groups the
    /// codes of one export (any number; Google uses a random one).
    pub fn export_migration(&self, batch_id: i32) -> Result<PlainExport, CoreError> {
        Ok(self.session()?.vault().export_migration(batch_id))
    }
}
