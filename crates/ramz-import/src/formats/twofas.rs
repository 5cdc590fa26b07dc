//! 2FAS backups (`.2fas`), as the 2FAS Android app writes and reads them.
//!
//! `{"services": [...], "groups": [...], "schemaVersion": 4,
//! "servicesEncrypted": "…", "reference": "…", ...}`. Encrypted backups
//! leave `services` empty and put the JSON array of services in
//! `servicesEncrypted` as `base64(ciphertext‖tag):base64(salt):base64(iv)`:
//! PBKDF2-HMAC-SHA256, 10 000 iterations, 256-bit key, AES-256-GCM with a
//! 96-bit IV. `reference` is a fixed text encrypted the same way, so a key
//! that opens it is the right key: then a `servicesEncrypted` that does not
//! open is damage, not a wrong passphrase.
//!
//! A service: `name` (the service), `secret` (base32), `otp` {`account`,
//! `issuer`, `digits`, `period`, `algorithm`, `counter`, `tokenType`
//! (`TOTP`, `HOTP`, `STEAM`)}. Missing fields take 2FAS' defaults: TOTP,
//! SHA-1, 6 digits, 30 s, counter 0. The issuer is `otp.issuer`, or the
//! service `name` when that is empty.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::account::{Collector, Fields, OtpType};
use crate::crypto::{self, aes256gcm_open, pbkdf2_sha256};
use crate::json::{self, WrongType, capped, label, opt_int, opt_str};
use crate::{Format, ImportError, SkipReason};

/// PBKDF2 iterations 2FAS uses (fixed in the app, not stored in the file).
pub(crate) const PBKDF2_ROUNDS: u32 = 10_000;
/// Newest schema this reader knows.
const MAX_SCHEMA: i64 = 4;

pub(crate) fn read(body: &[u8], passphrase: Option<&[u8]>) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not a 2FAS backup"))?;
    let schema =
        opt_int(root, "schemaVersion").map_err(|_| ImportError::Damaged("schemaVersion"))?;
    if let Some(v) = schema.filter(|v| *v > MAX_SCHEMA || *v < 1) {
        return Err(ImportError::UnsupportedVersion {
            format: Format::TwoFas,
            version: v,
        });
    }
    match opt_str(root, "servicesEncrypted") {
        Err(_) => Err(ImportError::Damaged("servicesEncrypted")),
        Ok(Some(sealed)) => {
            let pass = passphrase.ok_or(ImportError::PassphraseRequired(Format::TwoFas))?;
            let plain = decrypt(root, sealed, pass)?;
            let inner = json::parse(&plain)?;
            let list = inner
                .0
                .as_array()
                .ok_or(ImportError::Damaged("decrypted services are not a list"))?;
            read_services(capped(list)?)
        }
        Ok(None) => {
            let list = root
                .get("services")
                .and_then(Value::as_array)
                .ok_or(ImportError::Damaged("services"))?;
            read_services(capped(list)?)
        }
    }
}

struct Sealed {
    ciphertext: Vec<u8>,
    salt: Vec<u8>,
    iv: Vec<u8>,
}

fn split(text: &str, what: &'static str) -> Result<Sealed, ImportError> {
    let mut parts = text.split(':');
    let (Some(c), Some(s), Some(i), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ImportError::Damaged(what));
    };
    Ok(Sealed {
        ciphertext: crypto::base64(c, what)?,
        salt: crypto::base64(s, what)?,
        iv: crypto::base64(i, what)?,
    })
}

fn decrypt(
    root: &Map<String, Value>,
    sealed: &str,
    pass: &[u8],
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let services = split(sealed, "servicesEncrypted")?;
    let key = pbkdf2_sha256(pass, &services.salt, PBKDF2_ROUNDS);
    let reference = match opt_str(root, "reference") {
        Ok(Some(r)) => Some(split(r, "reference")?),
        _ => None,
    };
    let key_confirmed = match &reference {
        Some(r) => {
            let ref_key;
            let k = if r.salt == services.salt {
                &key
            } else {
                ref_key = pbkdf2_sha256(pass, &r.salt, PBKDF2_ROUNDS);
                &ref_key
            };
            if aes256gcm_open(k, &r.iv, &r.ciphertext, &[]).is_err() {
                return Err(ImportError::WrongPassphrase);
            }
            r.salt == services.salt
        }
        None => false,
    };
    aes256gcm_open(&key, &services.iv, &services.ciphertext, &[]).map_err(|_| {
        if key_confirmed {
            ImportError::Damaged("the services do not decrypt with the backup key")
        } else {
            ImportError::WrongPassphrase
        }
    })
}

fn read_services(list: &[Value]) -> Result<Collector, ImportError> {
    let mut c = Collector::default();
    for (i, s) in list.iter().enumerate() {
        let Some(s) = s.as_object() else {
            c.skip(i, "", "", SkipReason::Malformed("service"));
            continue;
        };
        if let Err(WrongType(field)) = service(&mut c, i, s) {
            let name = label(s, "name").unwrap_or("");
            c.skip(i, name, "", SkipReason::Malformed(field));
        }
    }
    Ok(c)
}

fn service(c: &mut Collector, i: usize, s: &Map<String, Value>) -> Result<(), WrongType> {
    let service_name = label(s, "name")?;
    let empty = Map::new();
    let otp = match s.get("otp") {
        Some(Value::Object(o)) => o,
        None | Some(Value::Null) => &empty,
        Some(_) => return Err(WrongType("otp")),
    };
    let issuer = match label(otp, "issuer")?.trim() {
        "" => service_name,
        i => i,
    };
    let account = label(otp, "account")?;
    let kind = OtpType::from_name(opt_str(otp, "tokenType")?.unwrap_or("TOTP"));
    let mut f = Fields::new(kind, issuer, account);
    f.secret = opt_str(s, "secret")?;
    f.algorithm = opt_str(otp, "algorithm")?;
    f.digits = opt_int(otp, "digits")?;
    f.period = opt_int(otp, "period")?;
    f.counter = opt_int(otp, "counter")?;
    c.entry(i, &f);
    Ok(())
}
