//! Plain JSON lists: LastPass Authenticator and andOTP.
//!
//! LastPass: `{"version": 3, "accounts": [{"issuerName",
//! "originalIssuerName", "userName", "originalUserName", "secret",
//! "algorithm", "digits", "timeStep", ...}], "folders": [...]}`; all TOTP.
//! The edited names win over the original ones when present.
//!
//! andOTP: `[{"secret", "issuer", "label", "digits", "type" (`TOTP`,
//! `HOTP`, `STEAM`, `MOTP`), "algorithm", "period", "counter", "tags",
//! ...}]`. mOTP is skipped as an unsupported type.
//!
//! andOTP encrypted backups (`otp_accounts.json.aes`, andOTP 0.6.3 and
//! later): `iterations (u32, big-endian) ‖ salt (12) ‖ iv (12) ‖
//! ciphertext ‖ tag (16)`; key = PBKDF2-HMAC-SHA1(password, salt,
//! iterations, 256 bits) (andOTP writes 140 000 to 160 000 iterations);
//! AES-256-GCM without associated data; the plaintext is the plain JSON.
//! The pre-0.6.3 layout (key = SHA-256 of the password, no header) has
//! nothing to detect it by and is not read.

use serde_json::{Map, Value};

use crate::account::{Collector, Fields, OtpType};
use crate::crypto::{aes256gcm_open, pbkdf2_sha1};
use crate::json::{self, WrongType, capped, entries, label, opt_int, opt_str};
use crate::{ImportError, SkipReason};

pub(crate) fn read_lastpass(body: &[u8]) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not a LastPass export"))?;
    let list = entries(root, "accounts", "accounts")?;
    Ok(each(list, |c, i, a| {
        let pick = |edited: &'static str, original: &'static str| -> Result<&str, WrongType> {
            let e = label(a, edited)?;
            Ok(if e.trim().is_empty() {
                label(a, original)?
            } else {
                e
            })
        };
        let mut f = Fields::new(
            OtpType::Totp,
            pick("issuerName", "originalIssuerName")?,
            pick("userName", "originalUserName")?,
        );
        f.secret = opt_str(a, "secret")?;
        f.algorithm = opt_str(a, "algorithm")?;
        f.digits = opt_int(a, "digits")?;
        f.period = opt_int(a, "timeStep")?;
        c.entry(i, &f);
        Ok(())
    }))
}

pub(crate) fn read_andotp_encrypted(bytes: &[u8], pass: &[u8]) -> Result<Collector, ImportError> {
    let (Some(iterations), Some(salt), Some(iv), Some(sealed)) = (
        bytes.get(..4),
        bytes.get(4..16),
        bytes.get(16..28),
        bytes.get(28..).filter(|s| s.len() >= 16),
    ) else {
        return Err(ImportError::Damaged("andOTP backup too short"));
    };
    let mut n = [0u8; 4];
    n.copy_from_slice(iterations);
    let key = pbkdf2_sha1(pass, salt, u32::from_be_bytes(n))?;
    let plain = aes256gcm_open(&key, iv, sealed, &[]).map_err(|_| ImportError::WrongPassphrase)?;
    read_andotp(&plain)
}

pub(crate) fn read_andotp(body: &[u8]) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let list = doc
        .0
        .as_array()
        .ok_or(ImportError::Damaged("not an andOTP backup"))?;
    let list = capped(list)?;
    Ok(each(list, |c, i, t| {
        let kind = OtpType::from_name(opt_str(t, "type")?.unwrap_or("TOTP"));
        let mut f = Fields::new(kind, label(t, "issuer")?, label(t, "label")?);
        f.secret = opt_str(t, "secret")?;
        f.algorithm = opt_str(t, "algorithm")?;
        f.digits = opt_int(t, "digits")?;
        f.period = opt_int(t, "period")?;
        f.counter = opt_int(t, "counter")?;
        c.entry(i, &f);
        Ok(())
    }))
}

/// Runs `read` on each object of `list`; non-objects and wrongly typed
/// fields become [`SkipReason::Malformed`] entries.
fn each(
    list: &[Value],
    read: impl Fn(&mut Collector, usize, &Map<String, Value>) -> Result<(), WrongType>,
) -> Collector {
    let mut c = Collector::default();
    for (i, v) in list.iter().enumerate() {
        match v.as_object() {
            None => c.skip(i, "", "", SkipReason::Malformed("entry")),
            Some(o) => {
                if let Err(WrongType(field)) = read(&mut c, i, o) {
                    c.skip(i, "", "", SkipReason::Malformed(field));
                }
            }
        }
    }
    c
}
