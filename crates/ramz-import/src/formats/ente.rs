//! Ente Auth's encrypted export (`docs/auth/migration/export.md` in the
//! Ente repository):
//!
//! `{"version": 1, "kdfParams": {"memLimit", "opsLimit", "salt"},
//! "encryptedData", "encryptionNonce"}`, base64 throughout. The key is
//! libsodium's `crypto_pwhash` Argon2id of the password (`memLimit` in
//! bytes, `opsLimit` passes, one lane, 32 bytes); the data is one
//! `crypto_secretstream_xchacha20poly1305` message tagged FINAL, whose
//! header is `encryptionNonce`. The plaintext is the plain export: otpauth
//! URIs, one per line ([`super::uri_list`]).

use crate::account::Collector;
use crate::crypto::{self, SecretStreamPull, TAG_FINAL, argon2id_sodium};
use crate::formats::uri_list;
use crate::json::{self, opt_int};
use crate::{Format, ImportError};

pub(crate) fn read_encrypted(body: &[u8], pass: &[u8]) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not an Ente export"))?;
    let version = opt_int(root, "version").map_err(|_| ImportError::Damaged("version"))?;
    if version != Some(1) {
        return Err(ImportError::UnsupportedVersion {
            format: Format::Ente,
            version: version.unwrap_or(0),
        });
    }
    let kdf = json::object(root, "kdfParams", "kdfParams")?;
    let mem = opt_int(kdf, "memLimit").ok().flatten();
    let ops = opt_int(kdf, "opsLimit").ok().flatten();
    let (Some(mem), Some(ops)) = (mem, ops) else {
        return Err(ImportError::Damaged("kdfParams"));
    };
    let salt = crypto::base64(json::req_str(kdf, "salt", "kdfParams.salt")?, "salt")?;
    let header = crypto::base64(
        json::req_str(root, "encryptionNonce", "encryptionNonce")?,
        "encryptionNonce",
    )?;
    let header: [u8; 24] = header
        .as_slice()
        .try_into()
        .map_err(|_| ImportError::Damaged("encryptionNonce is not 24 bytes"))?;
    let data = crypto::base64(
        json::req_str(root, "encryptedData", "encryptedData")?,
        "encryptedData",
    )?;
    if salt.len() < 8 {
        return Err(ImportError::Damaged("salt"));
    }
    if data.len() < 17 {
        return Err(ImportError::Damaged("encryptedData is too short"));
    }
    let key = argon2id_sodium(pass, &salt, ops, mem)?;
    let mut stream = SecretStreamPull::new(&key, &header);
    let (plain, tag) = stream
        .pull(&data, &[])
        .map_err(|_| ImportError::WrongPassphrase)?;
    if tag != TAG_FINAL {
        return Err(ImportError::Damaged("the encrypted stream is not complete"));
    }
    let text = core::str::from_utf8(&plain).map_err(|_| ImportError::Damaged("not UTF-8 text"))?;
    uri_list::read_lines(text)
}
