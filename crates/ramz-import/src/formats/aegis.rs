//! Aegis Authenticator vaults (`docs/vault.md` of the Aegis repository).
//!
//! `{"version": 1, "header": {"slots": [...], "params": {"nonce", "tag"}},
//! "db": {...} | "base64"}`. Plain vaults have `db` as an object; encrypted
//! ones as base64 of AES-256-GCM ciphertext under a random master key,
//! which each slot wraps (AES-256-GCM: `key`, `key_params.nonce`,
//! `key_params.tag`, all hex). Password slots (`type` 1) derive the
//! wrapping key with scrypt (`n`, `r`, `p`, hex `salt`); biometric (2) and
//! raw (0) slots cannot be opened off the phone and are passed over.
//!
//! Entries: `type` (`totp`, `hotp`, `steam`; `yandex`, `motp` are skipped),
//! `name`, `issuer`, `info` {`secret` base32, `algo`, `digits`, `period`,
//! `counter`}.

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::account::{Collector, Fields, OtpType};
use crate::crypto::{self, aes256gcm_open};
use crate::json::{self, WrongType, entries, label, opt_int, opt_str};
use crate::{Format, ImportError, SkipReason};

const PASSWORD_SLOT: i64 = 1;

pub(crate) fn read(body: &[u8], passphrase: Option<&[u8]>) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not an Aegis vault"))?;
    let version = opt_int(root, "version").map_err(|_| ImportError::Damaged("version"))?;
    if version != Some(1) {
        return Err(ImportError::UnsupportedVersion {
            format: Format::Aegis,
            version: version.unwrap_or(0),
        });
    }
    match root.get("db") {
        Some(Value::Object(db)) => read_db(db),
        Some(Value::String(ciphertext)) => {
            let pass = passphrase.ok_or(ImportError::PassphraseRequired(Format::Aegis))?;
            let header = json::object(root, "header", "header")?;
            let plain = decrypt(header, ciphertext, pass)?;
            let inner = json::parse(&plain)?;
            let db = inner
                .0
                .as_object()
                .ok_or(ImportError::Damaged("decrypted database is not an object"))?;
            read_db(db)
        }
        _ => Err(ImportError::Damaged("db")),
    }
}

fn decrypt(
    header: &Map<String, Value>,
    ciphertext: &str,
    pass: &[u8],
) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    let slots = header
        .get("slots")
        .and_then(Value::as_array)
        .ok_or(ImportError::Damaged("header.slots"))?;
    let params = json::object(header, "params", "header.params")?;
    let nonce = crypto::hex(
        json::req_str(params, "nonce", "header.params.nonce")?,
        "nonce",
    )?;
    let tag = crypto::hex(json::req_str(params, "tag", "header.params.tag")?, "tag")?;
    let mut db = crypto::base64(ciphertext, "db is not base64")?;

    let password_slots: Vec<&Map<String, Value>> = slots
        .iter()
        .filter_map(Value::as_object)
        .filter(|s| opt_int(s, "type") == Ok(Some(PASSWORD_SLOT)))
        .collect();
    if password_slots.is_empty() {
        return Err(ImportError::NoPasswordSlot);
    }
    // Slots are tried in order; the first that opens wins. A slot with an
    // absurd cost is not run, and if no other slot opens, that is the
    // error the user sees (rather than "wrong passphrase").
    let mut first_refusal = None;
    let mut master = None;
    for slot in password_slots {
        match open_slot(slot, pass) {
            Ok(Some(key)) => {
                master = Some(key);
                break;
            }
            Ok(None) => {}
            Err(e) => {
                first_refusal.get_or_insert(e);
            }
        }
    }
    let master = match (master, first_refusal) {
        (Some(m), _) => m,
        (None, Some(e)) => return Err(e),
        (None, None) => return Err(ImportError::WrongPassphrase),
    };
    db.extend_from_slice(&tag);
    aes256gcm_open(&master, &nonce, &db, &[])
        // The passphrase opened a slot, so the key is right: the database
        // itself was altered or cut.
        .map_err(|_| ImportError::Damaged("the database does not decrypt with the vault key"))
}

/// `Ok(None)` when the passphrase does not open this slot.
fn open_slot(slot: &Map<String, Value>, pass: &[u8]) -> Result<Option<crypto::Key>, ImportError> {
    let field = |k: &'static str| opt_int(slot, k).ok().flatten();
    let (Some(n), Some(r), Some(p)) = (field("n"), field("r"), field("p")) else {
        return Err(ImportError::Damaged(
            "password slot without scrypt parameters",
        ));
    };
    let salt = crypto::hex(json::req_str(slot, "salt", "slot salt")?, "slot salt")?;
    let wrapped = crypto::hex(json::req_str(slot, "key", "slot key")?, "slot key")?;
    let kp = json::object(slot, "key_params", "slot key_params")?;
    let nonce = crypto::hex(json::req_str(kp, "nonce", "slot nonce")?, "slot nonce")?;
    let tag = crypto::hex(json::req_str(kp, "tag", "slot tag")?, "slot tag")?;
    let kek = crypto::scrypt(pass, &salt, n, r, p)?;
    let mut sealed = wrapped;
    sealed.extend_from_slice(&tag);
    let Ok(master) = aes256gcm_open(&kek, &nonce, &sealed, &[]) else {
        return Ok(None);
    };
    let key: [u8; 32] = master
        .as_slice()
        .try_into()
        .map_err(|_| ImportError::Damaged("the master key is not 256 bits"))?;
    Ok(Some(Zeroizing::new(key)))
}

fn read_db(db: &Map<String, Value>) -> Result<Collector, ImportError> {
    let version = opt_int(db, "version").map_err(|_| ImportError::Damaged("db.version"))?;
    if let Some(v) = version.filter(|v| !(1..=3).contains(v)) {
        return Err(ImportError::UnsupportedVersion {
            format: Format::Aegis,
            version: v,
        });
    }
    let list = entries(db, "entries", "db.entries")?;
    let mut c = Collector::default();
    for (i, e) in list.iter().enumerate() {
        let Some(e) = e.as_object() else {
            c.skip(i, "", "", SkipReason::Malformed("entry"));
            continue;
        };
        if let Err(WrongType(field)) = entry(&mut c, i, e) {
            let issuer = label(e, "issuer").unwrap_or("");
            let name = label(e, "name").unwrap_or("");
            c.skip(i, issuer, name, SkipReason::Malformed(field));
        }
    }
    Ok(c)
}

fn entry(c: &mut Collector, i: usize, e: &Map<String, Value>) -> Result<(), WrongType> {
    let issuer = label(e, "issuer")?;
    let name = label(e, "name")?;
    let kind = OtpType::from_name(opt_str(e, "type")?.ok_or(WrongType("type"))?);
    let info = match e.get("info") {
        Some(Value::Object(o)) => o,
        _ => return Err(WrongType("info")),
    };
    let mut f = Fields::new(kind, issuer, name);
    f.secret = opt_str(info, "secret")?;
    f.algorithm = opt_str(info, "algo")?;
    f.digits = opt_int(info, "digits")?;
    f.period = opt_int(info, "period")?;
    f.counter = opt_int(info, "counter")?;
    c.entry(i, &f);
    Ok(())
}
