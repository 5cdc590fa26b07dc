//! Proton Authenticator exports (its `proton-authenticator` crate in
//! proton-pass-common).
//!
//! Plain: `{"version": 1, "entries": [{"id", "content": {"uri",
//! "entry_type": "Totp" | "Steam", "name"}, "note"}]}`; `uri` is an
//! `otpauth://` URI or `steam://SECRET`.
//!
//! Encrypted: `{"version": 1, "salt": base64 (16 bytes), "content":
//! base64(nonce (12) ‖ ciphertext ‖ tag)}`. Key: Argon2id v0x13, 19 MiB
//! (19 456 KiB), 2 passes, 1 lane, 32 bytes (fixed by the app, not read
//! from the file). AES-256-GCM with associated data
//! `proton.authenticator.export.v1`. The plaintext is the plain export.

use serde_json::{Map, Value};

use crate::account::{Collector, Fields, OtpType};
use crate::crypto::{self, aes256gcm_open, argon2id};
use crate::formats::bitwarden::starts_with_ignore_case;
use crate::json::{self, WrongType, entries, label, opt_int, opt_str};
use crate::{Format, ImportError, SkipReason};

/// Associated data of the encrypted export.
pub(crate) const AAD: &[u8] = b"proton.authenticator.export.v1";
/// Argon2id memory in KiB.
pub(crate) const ARGON2_M_KIB: u32 = 19 * 1024;
/// Argon2id passes.
pub(crate) const ARGON2_T: u32 = 2;

fn check_version(root: &Map<String, Value>) -> Result<(), ImportError> {
    match opt_int(root, "version") {
        Ok(None | Some(1)) => Ok(()),
        Ok(Some(v)) => Err(ImportError::UnsupportedVersion {
            format: Format::Proton,
            version: v,
        }),
        Err(_) => Err(ImportError::Damaged("version")),
    }
}

pub(crate) fn read_encrypted(body: &[u8], pass: &[u8]) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not a Proton export"))?;
    check_version(root)?;
    let salt = crypto::base64(json::req_str(root, "salt", "salt")?, "salt")?;
    let content = crypto::base64(json::req_str(root, "content", "content")?, "content")?;
    if salt.len() < 8 {
        return Err(ImportError::Damaged("salt"));
    }
    if content.len() < 12 + 16 {
        return Err(ImportError::Damaged("content is too short"));
    }
    let (nonce, sealed) = content.split_at(12);
    let key = argon2id(pass, &salt, ARGON2_M_KIB, ARGON2_T)?;
    let plain =
        aes256gcm_open(&key, nonce, sealed, AAD).map_err(|_| ImportError::WrongPassphrase)?;
    read_plain(&plain)
}

pub(crate) fn read_plain(body: &[u8]) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not a Proton export"))?;
    check_version(root)?;
    let list = entries(root, "entries", "entries")?;
    let mut c = Collector::default();
    for (i, e) in list.iter().enumerate() {
        let content = e.get("content").and_then(Value::as_object);
        let Some(content) = content else {
            c.skip(i, "", "", SkipReason::Malformed("content"));
            continue;
        };
        if let Err(WrongType(field)) = entry(&mut c, i, content) {
            c.skip(
                i,
                "",
                label(content, "name").unwrap_or(""),
                SkipReason::Malformed(field),
            );
        }
    }
    Ok(c)
}

fn entry(c: &mut Collector, i: usize, content: &Map<String, Value>) -> Result<(), WrongType> {
    let name = label(content, "name")?;
    let uri = opt_str(content, "uri")?.ok_or(WrongType("uri"))?.trim();
    if starts_with_ignore_case(uri, "steam://") {
        let mut f = Fields::new(OtpType::Steam, "Steam", name);
        f.secret = uri.get("steam://".len()..);
        c.entry(i, &f);
    } else {
        match ramz_otp::uri::parse(uri) {
            Ok(p) => {
                let mut account = p.account;
                if account.account.is_empty() {
                    name.trim().clone_into(&mut account.account);
                }
                c.account(i, account, p.warnings);
            }
            Err(e) => c.skip(i, "", name, SkipReason::BadUri(e)),
        }
    }
    Ok(())
}
