//! Plain (unencrypted) exports: `otpauth://` URIs and Google Authenticator
//! migration payloads. Only exportable accounts; every account left out is
//! listed with the reason, for the warning the caller shows.

use core::fmt;

use zeroize::Zeroizing;

use crate::{AccountId, UnlockedVault, VaultAccount};

/// Why an account is not in a plain export.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LeftOutReason {
    /// Marked not exportable (bank cards by default).
    NotExportable,
    /// The target format cannot represent it (the text says why).
    NotRepresentable(String),
}

impl fmt::Display for LeftOutReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotExportable => {
                f.write_str("not exportable (bank card seeds stay on this device)")
            }
            Self::NotRepresentable(why) => f.write_str(why),
        }
    }
}

/// An account left out of a plain export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Its id.
    pub id: AccountId,
    /// "Issuer: account", for the warning.
    pub label: String,
    /// Why.
    pub reason: LeftOutReason,
}

/// A plain export: texts that hold secrets, and what was left out.
pub struct PlainExport {
    /// One URI per account (`otpauth://`) or per QR code
    /// (`otpauth-migration://`).
    pub texts: Vec<Zeroizing<String>>,
    /// Accounts not included.
    pub left_out: Vec<LeftOut>,
}

impl fmt::Debug for PlainExport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlainExport")
            .field("texts", &format_args!("[{} redacted]", self.texts.len()))
            .field("left_out", &self.left_out)
            .finish()
    }
}

impl UnlockedVault {
    /// Exportable accounts as `otpauth://` URIs, in list order.
    pub fn export_uris(&self) -> PlainExport {
        let (ok, left_out) = self.split_exportable();
        PlainExport {
            texts: ok.iter().map(|a| ramz_otp::uri::to_uri(&a.otp)).collect(),
            left_out,
        }
    }

    /// Exportable accounts as Google Authenticator migration URIs, each
    /// small enough for one QR code. `batch_id` identifies the export.
    pub fn export_migration(&self, batch_id: i32) -> PlainExport {
        let (ok, mut left_out) = self.split_exportable();
        let otps: Vec<ramz_otp::OtpAccount> = ok.iter().map(|a| a.otp.clone()).collect();
        let report = ramz_otp::migration::encode(&otps, batch_id);
        for (i, reason) in &report.skipped {
            if let Some(a) = ok.get(*i) {
                left_out.push(LeftOut {
                    id: a.id,
                    label: label(a),
                    reason: LeftOutReason::NotRepresentable(reason.to_string()),
                });
            }
        }
        PlainExport {
            texts: report.uris,
            left_out,
        }
    }

    fn split_exportable(&self) -> (Vec<&VaultAccount>, Vec<LeftOut>) {
        let mut ok = Vec::new();
        let mut left_out = Vec::new();
        for a in self.accounts() {
            if a.exportable {
                ok.push(a);
            } else {
                left_out.push(LeftOut {
                    id: a.id,
                    label: label(a),
                    reason: LeftOutReason::NotExportable,
                });
            }
        }
        (ok, left_out)
    }
}

/// "Issuer: account" (or just one of them).
pub fn label(a: &VaultAccount) -> String {
    match (a.otp.issuer.is_empty(), a.otp.account.is_empty()) {
        (false, false) => format!("{}: {}", a.otp.issuer, a.otp.account),
        (false, true) => a.otp.issuer.clone(),
        _ => a.otp.account.clone(),
    }
}
