//! Which app wrote a file, from its content alone.

use serde_json::{Map, Value};

use crate::{Format, ImportError, MAX_FILE_BYTES, json};

/// Header (4 + 12 + 12) and GCM tag of an andOTP encrypted backup.
const ANDOTP_MIN_LEN: usize = 4 + 12 + 12 + 16;

/// What [`detect`] found: enough for a shell to decide whether to ask for a
/// passphrase before calling [`crate::import`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Detected {
    /// The app that wrote the file.
    pub format: Format,
    /// Whether reading it needs a passphrase.
    pub encrypted: bool,
    pub(crate) shape: Shape,
}

/// The precise layout, for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Aegis,
    TwoFas,
    BitwardenJson,
    BitwardenCsv,
    EnteEncrypted,
    ProtonPlain,
    ProtonEncrypted,
    LastPass,
    AndOtp,
    AndOtpEncrypted,
    UriList,
}

/// Detects the format of an export. Cheap except for the JSON parse; no
/// key derivation. A file too large, empty, unreadable JSON or of no known
/// shape is an error.
pub fn detect(bytes: &[u8]) -> Result<Detected, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let body = body.trim_ascii();
    match body.first() {
        None => Err(ImportError::Empty),
        Some(b'{' | b'[') => {
            let doc = json::parse(body)?;
            from_json(&doc.0)
        }
        // andOTP's encrypted backup is binary: a big-endian iteration
        // count (at most a few hundred thousand, so its first byte is 0),
        // a 12-byte salt, a 12-byte IV, then AES-GCM ciphertext and tag.
        // No text format starts with a NUL byte.
        Some(0) if bytes.len() >= ANDOTP_MIN_LEN => {
            found(Format::AndOtp, true, Shape::AndOtpEncrypted)
        }
        Some(_) => from_text(body),
    }
}

fn found(format: Format, encrypted: bool, shape: Shape) -> Result<Detected, ImportError> {
    Ok(Detected {
        format,
        encrypted,
        shape,
    })
}

fn from_json(v: &Value) -> Result<Detected, ImportError> {
    let obj = match v {
        Value::Object(o) => o,
        Value::Array(items) => {
            // andOTP: a bare array of token objects.
            let looks_andotp = items.iter().any(|i| {
                i.as_object()
                    .is_some_and(|o| o.contains_key("secret") && o.contains_key("type"))
            });
            return if looks_andotp || items.is_empty() {
                found(Format::AndOtp, false, Shape::AndOtp)
            } else {
                Err(ImportError::UnknownFormat)
            };
        }
        _ => return Err(ImportError::UnknownFormat),
    };
    let has = |k: &str| obj.contains_key(k);
    if has("header") && has("db") {
        let encrypted = obj.get("db").is_some_and(Value::is_string);
        return found(Format::Aegis, encrypted, Shape::Aegis);
    }
    if has("servicesEncrypted") || (has("services") && has("schemaVersion")) {
        let encrypted = obj.get("servicesEncrypted").is_some_and(|s| !s.is_null());
        return found(Format::TwoFas, encrypted, Shape::TwoFas);
    }
    if has("encrypted") && (has("items") || has("passwordProtected") || has("data")) {
        // Encrypted Bitwarden exports are refused here, before any
        // passphrase is asked for: Ramz does not open them (see the error).
        if obj.get("encrypted").and_then(Value::as_bool) != Some(false) {
            return Err(ImportError::EncryptedBitwarden);
        }
        return found(Format::Bitwarden, false, Shape::BitwardenJson);
    }
    if has("kdfParams") && has("encryptedData") {
        return found(Format::Ente, true, Shape::EnteEncrypted);
    }
    if has("salt") && has("content") && has("version") {
        return found(Format::Proton, true, Shape::ProtonEncrypted);
    }
    if is_proton_plain(obj) {
        return found(Format::Proton, false, Shape::ProtonPlain);
    }
    if obj.get("accounts").is_some_and(Value::is_array) {
        return found(Format::LastPass, false, Shape::LastPass);
    }
    Err(ImportError::UnknownFormat)
}

fn is_proton_plain(obj: &Map<String, Value>) -> bool {
    obj.get("entries")
        .and_then(Value::as_array)
        .is_some_and(|e| {
            e.is_empty()
                || e.iter().any(|i| {
                    i.get("content")
                        .and_then(|c| c.get("uri"))
                        .is_some_and(Value::is_string)
                })
        })
}

fn from_text(body: &[u8]) -> Result<Detected, ImportError> {
    let text = core::str::from_utf8(body).map_err(|_| ImportError::UnknownFormat)?;
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if is_uri_line(first) {
        let ente = text.contains("codeDisplay=");
        let format = if ente { Format::Ente } else { Format::Otpauth };
        return found(format, false, Shape::UriList);
    }
    if first.split(',').any(|h| {
        h.trim()
            .trim_matches('"')
            .eq_ignore_ascii_case("login_totp")
    }) {
        return found(Format::Bitwarden, false, Shape::BitwardenCsv);
    }
    Err(ImportError::UnknownFormat)
}

/// `otpauth://…` or `otpauth-migration://…`, possibly in JSON quotes.
pub(crate) fn is_uri_line(line: &str) -> bool {
    let l = line.trim().trim_start_matches('"');
    l.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("otpauth"))
}
