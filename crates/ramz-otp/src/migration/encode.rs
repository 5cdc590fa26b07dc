//! Encoding accounts into migration URIs that each fit one QR code
//! (ADR 0012).

use core::fmt;

use data_encoding::BASE64;
use zeroize::Zeroizing;

use super::proto::{Writer, bytes_field_len, int_field_len};
use super::{FORMAT_VERSION, MAX_QR_URI_CHARS, PREFIX};
use crate::{Algorithm, OtpAccount, OtpKind, Period};

/// What [`encode`] produced.
#[derive(Clone, Default)]
pub struct EncodeReport {
    /// One migration URI per QR code; they hold secrets.
    pub uris: Vec<Zeroizing<String>>,
    /// Accounts left out: `(index into the input, why)`.
    pub skipped: Vec<(usize, SkipReason)>,
}

/// Why an account cannot be put into a migration batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// TOTP with a step other than 30 s: the format has no period field, so
    /// the importing app would compute wrong codes.
    Period {
        /// The account's step in seconds.
        seconds: u64,
    },
    /// Steam Guard: the format has no Steam kind.
    Steam,
    /// Neither six nor eight digits.
    Digits {
        /// The account's number of digits.
        digits: u8,
    },
    /// HOTP counter larger than the format's signed 64-bit field.
    CounterTooLarge,
    /// The account alone (very long names) does not fit one QR code.
    TooLarge,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Period { seconds } => write!(
                f,
                "its codes change every {seconds} s; the Google Authenticator format only has 30 s"
            ),
            Self::Steam => f.write_str(
                "Steam Guard accounts cannot be exported in the Google Authenticator format",
            ),
            Self::Digits { digits } => {
                write!(
                    f,
                    "it has {digits} digits; the Google Authenticator format only has 6 or 8"
                )
            }
            Self::CounterTooLarge => {
                f.write_str("its HOTP counter is too large for the Google Authenticator format")
            }
            Self::TooLarge => f.write_str("its names are too long to fit one QR code"),
        }
    }
}

impl fmt::Debug for EncodeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodeReport")
            .field("uris", &format_args!("[{} redacted]", self.uris.len()))
            .field("skipped", &self.skipped)
            .finish()
    }
}

/// Encodes `accounts` into migration URIs of at most [`MAX_QR_URI_CHARS`]
/// characters. `batch_id` identifies the export (Google uses a random
/// number; the caller chooses, since nothing here draws randomness).
pub fn encode(accounts: &[OtpAccount], batch_id: i32) -> EncodeReport {
    encode_with_limit(accounts, batch_id, MAX_QR_URI_CHARS)
}

/// [`encode`] with another limit on the length of each URI.
pub fn encode_with_limit(accounts: &[OtpAccount], batch_id: i32, max_chars: usize) -> EncodeReport {
    let mut report = EncodeReport::default();
    // `batch_size` and `batch_index` are known only after grouping; while
    // grouping they are taken as the number of accounts, an upper bound
    // whose varint is as short as the real ones in practice.
    let provisional = i32::try_from(accounts.len()).unwrap_or(i32::MAX);
    let mut entries = Vec::with_capacity(accounts.len());
    for (i, account) in accounts.iter().enumerate() {
        match entry_bytes(account) {
            Ok(bytes) if uri_len(&[&bytes], provisional, batch_id) + HEADER_SLACK > max_chars => {
                report.skipped.push((i, SkipReason::TooLarge));
            }
            Ok(bytes) => entries.push(bytes),
            Err(reason) => report.skipped.push((i, reason)),
        }
    }
    // Group with the provisional header, then check the real URIs; if the
    // final header made one longer than allowed (only possible by a few
    // characters), regroup with a tighter limit.
    let mut limit = max_chars;
    loop {
        let groups = group(&entries, limit, provisional, batch_id);
        let size = i32::try_from(groups.len()).unwrap_or(i32::MAX);
        report.uris = groups
            .iter()
            .enumerate()
            .map(|(index, g)| {
                build_uri(g, size, i32::try_from(index).unwrap_or(i32::MAX), batch_id)
            })
            .collect();
        let longest = report.uris.iter().map(|u| u.len()).max().unwrap_or(0);
        if longest <= max_chars || limit <= HEADER_SLACK {
            return report;
        }
        limit -= (longest - max_chars).min(limit);
    }
}

/// Characters by which the real header can make a URI longer than the
/// provisional one did (a few changed base64 symbols becoming `%2B` or
/// `%2F`); a single account must fit with this margin.
const HEADER_SLACK: usize = 48;

/// The `name` field for an account: `issuer:account`, or the account with
/// a leading `:` if it has a colon and there is no issuer.
fn name_for(account: &OtpAccount) -> String {
    match (account.issuer.is_empty(), account.account.contains(':')) {
        (false, _) => format!("{}:{}", account.issuer, account.account),
        (true, true) => format!(":{}", account.account),
        (true, false) => account.account.clone(),
    }
}

fn entry_bytes(account: &OtpAccount) -> Result<Zeroizing<Vec<u8>>, SkipReason> {
    let p = &account.params;
    let (kind, counter) = match p.kind {
        OtpKind::Totp { period } if period == Period::THIRTY => (2, None),
        OtpKind::Totp { period } => {
            return Err(SkipReason::Period {
                seconds: period.get(),
            });
        }
        OtpKind::Hotp { counter } => (
            1,
            Some(i64::try_from(counter).map_err(|_| SkipReason::CounterTooLarge)?),
        ),
        OtpKind::Steam => return Err(SkipReason::Steam),
    };
    let digits = match p.digits.get() {
        6 => 1,
        8 => 2,
        d => return Err(SkipReason::Digits { digits: d }),
    };
    let algorithm = match p.algorithm {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
    };
    let name = name_for(account);
    let secret = account.secret.expose_secret();
    let len = bytes_field_len(secret.len())
        + bytes_field_len(name.len())
        + bytes_field_len(account.issuer.len())
        + 3 * 2
        + 11;
    let mut w = Writer::with_capacity(len);
    w.bytes_field(1, secret);
    w.bytes_field(2, name.as_bytes());
    w.bytes_field(3, account.issuer.as_bytes());
    w.int_field(4, algorithm);
    w.int_field(5, digits);
    w.int_field(6, kind);
    if let Some(c) = counter {
        w.int_field(7, c);
    }
    Ok(w.buf)
}

/// Greedy packing, in input order.
fn group(
    entries: &[Zeroizing<Vec<u8>>],
    limit: usize,
    provisional: i32,
    batch_id: i32,
) -> Vec<Vec<&[u8]>> {
    let mut groups: Vec<Vec<&[u8]>> = Vec::new();
    let mut current: Vec<&[u8]> = Vec::new();
    for entry in entries {
        current.push(entry);
        if current.len() > 1 && uri_len(&current, provisional, batch_id) > limit {
            current.pop();
            groups.push(core::mem::take(&mut current));
            current.push(entry);
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

fn payload(entries: &[&[u8]], size: i32, index: i32, batch_id: i32) -> Zeroizing<Vec<u8>> {
    let header = int_field_len(i64::from(FORMAT_VERSION))
        + int_field_len(i64::from(size))
        + int_field_len(i64::from(index))
        + int_field_len(i64::from(batch_id));
    let body: usize = entries.iter().map(|e| bytes_field_len(e.len())).sum();
    let mut w = Writer::with_capacity(header + body);
    for e in entries {
        w.bytes_field(1, e);
    }
    w.int_field(2, i64::from(FORMAT_VERSION));
    w.int_field(3, i64::from(size));
    w.int_field(4, i64::from(index));
    w.int_field(5, i64::from(batch_id));
    w.buf
}

fn uri_len(entries: &[&[u8]], size: i32, batch_id: i32) -> usize {
    build_uri(entries, size, size, batch_id).len()
}

fn build_uri(entries: &[&[u8]], size: i32, index: i32, batch_id: i32) -> Zeroizing<String> {
    let bytes = payload(entries, size, index, batch_id);
    let b64_len = BASE64.encode_len(bytes.len());
    let mut b64 = Zeroizing::new(vec![0u8; b64_len]);
    BASE64.encode_mut(&bytes, &mut b64);
    let mut out = Zeroizing::new(String::with_capacity(PREFIX.len() + b64_len * 3));
    out.push_str(PREFIX);
    for &c in b64.iter() {
        match c {
            b'+' => out.push_str("%2B"),
            b'/' => out.push_str("%2F"),
            b'=' => out.push_str("%3D"),
            _ => out.push(char::from(c)),
        }
    }
    out
}
