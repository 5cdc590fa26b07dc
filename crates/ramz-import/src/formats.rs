//! One reader per app. Each turns the file into a [`Collector`] of
//! accounts and skips; this module dispatches and fills in the [`Import`].

mod aegis;
mod bitwarden;
mod ente;
mod proton;
mod simple;
mod twofas;
mod uri_list;

use crate::account::Collector;
use crate::detect::{Detected, Shape};
use crate::{Format, Import, ImportError};

/// Reads a detected file.
pub(crate) fn read(
    detected: Detected,
    bytes: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<Import, ImportError> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .trim_ascii();
    let format = detected.format;
    let pass = || passphrase.ok_or(ImportError::PassphraseRequired(format));
    let mut without_otp = 0;
    let c = match detected.shape {
        Shape::Aegis if detected.encrypted => aegis::read(body, Some(pass()?))?,
        Shape::Aegis => aegis::read(body, None)?,
        Shape::TwoFas if detected.encrypted => twofas::read(body, Some(pass()?))?,
        Shape::TwoFas => twofas::read(body, None)?,
        Shape::BitwardenJson => bitwarden::read_json(body, &mut without_otp)?,
        Shape::BitwardenCsv => bitwarden::read_csv(body, &mut without_otp)?,
        Shape::EnteEncrypted => ente::read_encrypted(body, pass()?)?,
        Shape::ProtonPlain => proton::read_plain(body)?,
        Shape::ProtonEncrypted => proton::read_encrypted(body, pass()?)?,
        Shape::LastPass => simple::read_lastpass(body)?,
        Shape::AndOtp => simple::read_andotp(body)?,
        // Binary: the raw bytes, not the trimmed text view.
        Shape::AndOtpEncrypted => simple::read_andotp_encrypted(bytes, pass()?)?,
        Shape::UriList => uri_list::read_text(body)?,
    };
    Ok(finish(format, detected.encrypted, c, without_otp))
}

fn finish(format: Format, encrypted: bool, c: Collector, without_otp: usize) -> Import {
    Import {
        format,
        encrypted,
        accounts: c.accounts,
        skipped: c.skipped,
        without_otp,
    }
}
