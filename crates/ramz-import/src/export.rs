//! The way out, so nobody is locked in: accounts as a plain Aegis vault,
//! the format most authenticators import (Aegis itself, 2FAS, Ente Auth,
//! Proton Authenticator, ...).
//!
//! `{"version": 1, "header": {"slots": null, "params": null}, "db":
//! {"version": 3, "entries": [...], "groups": []}}`; each entry has
//! `type` (`totp`, `hotp`, `steam`), `name`, `issuer`, `note`, `favorite`
//! and `info` {`secret` (base32, no padding), `algo`, `digits`, `period` or
//! `counter`}. No `uuid`: Aegis gives an entry without one a fresh random
//! UUID, and this crate draws no randomness. The `image` (a logo URL) has
//! no place in the format (Aegis icons are embedded images) and is left
//! out. Every [`OtpAccount`] is representable, so nothing else is lost.

use std::io::Write;

use ramz_otp::{OtpAccount, OtpKind};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::json::Json;

/// The accounts as a plain (unencrypted) Aegis vault. The text holds every
/// secret in clear; it is zeroized on drop, and the caller should warn the
/// user before writing it anywhere.
pub fn to_aegis_json(accounts: &[OtpAccount]) -> Zeroizing<String> {
    let entries: Vec<Value> = accounts.iter().map(entry).collect();
    let vault = Json(json!({
        "version": 1,
        "header": {"slots": null, "params": null},
        "db": {"version": 3, "entries": entries, "groups": []},
    }));
    // Measure first, then write into a buffer of exactly that size, so no
    // growing buffer leaves a copy of the secrets behind.
    let mut counter = Counter(0);
    let measured = serde_json::to_writer_pretty(&mut counter, &vault.0);
    let mut out = Zeroizing::new(Vec::with_capacity(counter.0));
    let written = measured.and_then(|()| serde_json::to_writer_pretty(&mut *out, &vault.0));
    // Writing a `Value` to memory cannot fail (no I/O, string keys), and
    // serde_json writes UTF-8; both fall back to an empty text anyway.
    if written.is_err() {
        return Zeroizing::new(String::new());
    }
    let bytes = core::mem::take(&mut *out);
    match String::from_utf8(bytes) {
        Ok(s) => Zeroizing::new(s),
        Err(e) => {
            drop(Zeroizing::new(e.into_bytes()));
            Zeroizing::new(String::new())
        }
    }
}

fn entry(a: &OtpAccount) -> Value {
    let p = &a.params;
    let secret = a.secret.to_base32();
    let (kind, info) = match p.kind {
        OtpKind::Totp { period } => (
            "totp",
            json!({"secret": secret.as_str(), "algo": p.algorithm.as_str(),
                   "digits": p.digits.get(), "period": period.get()}),
        ),
        OtpKind::Hotp { counter } => (
            "hotp",
            json!({"secret": secret.as_str(), "algo": p.algorithm.as_str(),
                   "digits": p.digits.get(), "counter": counter}),
        ),
        OtpKind::Steam => (
            "steam",
            json!({"secret": secret.as_str(), "algo": "SHA1", "digits": 5, "period": 30}),
        ),
    };
    json!({"type": kind, "name": a.account, "issuer": a.issuer, "note": "",
           "favorite": false, "icon": null, "info": info})
}

/// Counts bytes written.
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
