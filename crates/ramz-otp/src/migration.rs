//! Google Authenticator's export format, `otpauth-migration://offline?data=…`:
//! decode every account of a batch, and encode accounts into batches that
//! each fit one scannable QR code.
//!
//! `data` is base64 (standard or URL-safe alphabet, padding optional,
//! usually percent-encoded) of a protobuf `MigrationPayload`:
//!
//! ```text
//! MigrationPayload { 1 otp_parameters: repeated OtpParameters, 2 version: int32,
//!                    3 batch_size: int32, 4 batch_index: int32, 5 batch_id: int32 }
//! OtpParameters    { 1 secret: bytes, 2 name: string, 3 issuer: string,
//!                    4 algorithm: enum {0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5},
//!                    5 digits: enum {0 unspecified, 1 SIX, 2 EIGHT},
//!                    6 type: enum {0 unspecified, 1 HOTP, 2 TOTP}, 7 counter: int64 }
//! ```
//!
//! # Decoding policies
//!
//! - Unspecified algorithm is SHA-1, unspecified digits are six,
//!   unspecified type is TOTP (the format's only period is 30 s).
//! - One account that cannot be used (MD5, an unknown enum value, an empty
//!   secret, a negative HOTP counter) does not cost the user the rest of
//!   the batch: it is listed in [`MigrationBatch::rejected`] with its typed
//!   error. Only a batch with no usable account at all is an error.
//!   A malformed payload (bad base64, truncated protobuf) is always an
//!   error. Unknown protobuf fields are skipped.
//! - `name` is often `Issuer:account`. When the `issuer` field is set and
//!   `name` starts with it (ASCII case-insensitively) and a `:`, that
//!   prefix is removed; a name with some other prefix is kept whole, so no
//!   part of it is lost. When `issuer` is empty, `name` is split at its
//!   first `:` like an otpauth label. Names are trimmed.
//!
//! # Encoding
//!
//! The format has no period, no Steam kind, and only six or eight digits.
//! An account it cannot carry faithfully (a 60-second bank code, Steam,
//! 7 digits, an HOTP counter above `i64::MAX`) is never altered to fit: it
//! is left out and listed in [`EncodeReport::skipped`] with a
//! [`SkipReason`] the caller shows. The logo URL (`image`) has no field
//! and is dropped. Accounts are packed greedily, in order, into URIs of at
//! most [`MAX_QR_URI_CHARS`] characters (ADR 0012), each with the same
//! `batch_id` and `batch_size` and its own `batch_index`.

mod encode;
mod proto;

pub use encode::{EncodeReport, SkipReason, encode, encode_with_limit};

use data_encoding::BASE64_NOPAD;
use zeroize::Zeroizing;

use crate::uri::{UriWarning, check_lengths, strip_prefix_ignore_case};
use crate::{
    Algorithm, Digits, OtpAccount, OtpError, OtpKind, OtpParams, Period, Secret, UriError,
};
use proto::{Reader, Value, int32};

/// Longest accepted input in bytes: several times the largest QR code.
pub const MAX_MIGRATION_URI_LEN: usize = 16 * 1024;

/// Longest URI [`encode`] produces. A byte-mode QR code of version 25 at
/// error-correction level M holds 997 bytes; this leaves a margin and is
/// checked against a QR encoder in the tests (ADR 0012).
pub const MAX_QR_URI_CHARS: usize = 990;

/// The protobuf format version Google Authenticator writes.
pub const FORMAT_VERSION: i32 = 1;

const PREFIX: &str = "otpauth-migration://offline?data=";

/// The accounts of one migration QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationBatch {
    /// Usable accounts, in the order of the batch.
    pub accounts: Vec<OtpAccount>,
    /// Format version (Google writes 1).
    pub version: i32,
    /// Number of QR codes in the export.
    pub batch_size: i32,
    /// 0-based position of this QR code in the export.
    pub batch_index: i32,
    /// Identifier shared by the QR codes of one export.
    pub batch_id: i32,
    /// Warnings about usable accounts: `(index into accounts, warning)`.
    pub warnings: Vec<(usize, UriWarning)>,
    /// Entries that could not be imported: `(0-based position of the entry
    /// in the payload, why)`.
    pub rejected: Vec<(usize, OtpError)>,
}

impl MigrationBatch {
    /// "Batch *i* of *n*", 1-based, for display; `None` when the header is
    /// absent or inconsistent.
    pub fn position(&self) -> Option<(u32, u32)> {
        let size = u32::try_from(self.batch_size).ok()?;
        let index = u32::try_from(self.batch_index).ok()?;
        (index < size).then_some((index + 1, size))
    }
}

/// Decodes one `otpauth-migration://offline?data=…` URI.
pub fn decode(text: &str) -> Result<MigrationBatch, OtpError> {
    let text = text.trim();
    if text.len() > MAX_MIGRATION_URI_LEN {
        return Err(UriError::TooLong(text.len()).into());
    }
    let rest =
        strip_prefix_ignore_case(text, "otpauth-migration://").ok_or(UriError::UnknownScheme)?;
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (host, rest) = rest
        .split_at_checked(host_end)
        .ok_or(UriError::UnknownType)?;
    if !host.eq_ignore_ascii_case("offline") {
        return Err(UriError::UnknownType.into());
    }
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    let data = data_param(query)?;
    let bytes = base64_decode(&data)?;
    parse_payload(&bytes)
}

fn data_param(query: &str) -> Result<Zeroizing<String>, UriError> {
    let mut data: Option<Zeroizing<String>> = None;
    for pair in query.split('&').filter(|s| !s.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !key.eq_ignore_ascii_case("data") {
            continue;
        }
        // `+` is a base64 symbol here, never a space.
        let value = crate::uri::decode_component(value, "data")?;
        match &data {
            Some(old) if *old != value => return Err(UriError::DuplicateParameter("data")),
            Some(_) => {}
            None => data = Some(value),
        }
    }
    data.filter(|d| !d.trim().is_empty())
        .ok_or(UriError::MissingParameter("data"))
}

fn base64_decode(text: &str) -> Result<Zeroizing<Vec<u8>>, UriError> {
    const NOT_BASE64: UriError = UriError::InvalidMigration("data is not base64");
    let mut clean = Zeroizing::new(Vec::with_capacity(text.len()));
    let mut padding = false;
    for b in text.trim().bytes() {
        let symbol = match b {
            b'=' => {
                padding = true;
                continue;
            }
            _ if padding => return Err(NOT_BASE64),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => b,
            // URL-safe alphabet, and a `+` that a form decoder turned into
            // a space on the way.
            b'-' | b' ' => b'+',
            b'_' => b'/',
            _ => return Err(NOT_BASE64),
        };
        clean.push(symbol);
    }
    let len = BASE64_NOPAD
        .decode_len(clean.len())
        .map_err(|_| NOT_BASE64)?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    let n = BASE64_NOPAD
        .decode_mut(&clean, &mut out)
        .map_err(|_| NOT_BASE64)?;
    out.truncate(n);
    Ok(out)
}

fn parse_payload(bytes: &[u8]) -> Result<MigrationBatch, OtpError> {
    let mut batch = MigrationBatch {
        accounts: Vec::new(),
        version: 0,
        batch_size: 0,
        batch_index: 0,
        batch_id: 0,
        warnings: Vec::new(),
        rejected: Vec::new(),
    };
    let mut entries = 0usize;
    let mut reader = Reader::new(bytes);
    while let Some((field, value)) = reader.next_field()? {
        match (field, value) {
            (1, Value::Bytes(entry)) => {
                match parse_entry(entry)? {
                    Ok(account) => {
                        if account.secret.is_weak() {
                            let bits = account.secret.len() * 8;
                            batch
                                .warnings
                                .push((batch.accounts.len(), UriWarning::WeakSecret { bits }));
                        }
                        batch.accounts.push(account);
                    }
                    Err(e) => batch.rejected.push((entries, e)),
                }
                entries += 1;
            }
            (2, Value::Varint(v)) => batch.version = int32(v),
            (3, Value::Varint(v)) => batch.batch_size = int32(v),
            (4, Value::Varint(v)) => batch.batch_index = int32(v),
            (5, Value::Varint(v)) => batch.batch_id = int32(v),
            (1..=5, _) => {
                return Err(UriError::InvalidMigration(
                    "a header field has the wrong protobuf type",
                )
                .into());
            }
            _ => {}
        }
    }
    if batch.accounts.is_empty() {
        return Err(match batch.rejected.drain(..).next() {
            Some((_, e)) => e,
            None => UriError::InvalidMigration("the batch holds no accounts").into(),
        });
    }
    Ok(batch)
}

/// One `OtpParameters`: the outer error is a malformed message (fatal for
/// the batch), the inner one an account this app cannot use.
fn parse_entry(bytes: &[u8]) -> Result<Result<OtpAccount, OtpError>, OtpError> {
    const WIRE: UriError =
        UriError::InvalidMigration("an account field has the wrong protobuf type");
    const UTF8: UriError = UriError::InvalidMigration("an account name is not UTF-8");
    let mut secret: &[u8] = &[];
    let (mut name, mut issuer) = ("", "");
    let (mut algorithm, mut digits, mut kind, mut counter) = (0u64, 0u64, 0u64, 0u64);
    let mut reader = Reader::new(bytes);
    while let Some((field, value)) = reader.next_field()? {
        match (field, value) {
            (1, Value::Bytes(b)) => secret = b,
            (2, Value::Bytes(b)) => name = core::str::from_utf8(b).map_err(|_| UTF8)?,
            (3, Value::Bytes(b)) => issuer = core::str::from_utf8(b).map_err(|_| UTF8)?,
            (4, Value::Varint(v)) => algorithm = v,
            (5, Value::Varint(v)) => digits = v,
            (6, Value::Varint(v)) => kind = v,
            (7, Value::Varint(v)) => counter = v,
            (1..=7, _) => return Err(WIRE.into()),
            _ => {}
        }
    }
    Ok(build_account(
        secret, name, issuer, algorithm, digits, kind, counter,
    ))
}

fn build_account(
    secret: &[u8],
    name: &str,
    issuer: &str,
    algorithm: u64,
    digits: u64,
    kind: u64,
    counter: u64,
) -> Result<OtpAccount, OtpError> {
    let algorithm = match algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        _ => return Err(UriError::UnsupportedAlgorithm.into()),
    };
    let digits = match digits {
        0 | 1 => Digits::SIX,
        2 => Digits::EIGHT,
        _ => return Err(UriError::InvalidMigration("unknown number of digits").into()),
    };
    let kind = match kind {
        0 | 2 => OtpKind::Totp {
            period: Period::THIRTY,
        },
        1 if i64::try_from(counter).is_ok() => OtpKind::Hotp { counter },
        1 => return Err(UriError::InvalidMigration("negative HOTP counter").into()),
        _ => return Err(UriError::InvalidMigration("unknown OTP type").into()),
    };
    let secret = Secret::from_slice(secret)?;
    let (issuer, account) = split_name(name, issuer);
    check_lengths(&issuer, &account, &secret, None)?;
    Ok(OtpAccount {
        issuer,
        account,
        secret,
        params: OtpParams {
            kind,
            algorithm,
            digits,
        },
        image: None,
    })
}

/// `(issuer, account)` from the `name` and `issuer` fields.
fn split_name(name: &str, issuer: &str) -> (String, String) {
    let issuer_trimmed = issuer.trim();
    if issuer_trimmed.is_empty() {
        // Same split as an otpauth label, minus the percent-decoding.
        return match name.split_once(':') {
            Some((i, a)) => (i.trim().to_owned(), a.trim().to_owned()),
            None => (String::new(), name.trim().to_owned()),
        };
    }
    let account = [issuer, issuer_trimmed]
        .iter()
        .find_map(|i| {
            strip_prefix_ignore_case(name, i)?
                .trim_start()
                .strip_prefix(':')
        })
        .unwrap_or(name);
    (issuer_trimmed.to_owned(), account.trim().to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
