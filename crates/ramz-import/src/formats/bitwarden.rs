//! Bitwarden's unencrypted vault exports, JSON and CSV.
//!
//! JSON: `{"encrypted": false, "folders": [...], "items": [{"type": 1,
//! "name", "login": {"username", "totp", ...}}, ...]}`. CSV: a header
//! `folder,favorite,type,name,notes,fields,reprompt,login_uri,
//! login_username,login_password,login_totp`, one item a row.
//!
//! `totp` holds what the user pasted: an `otpauth://` URI, a bare base32
//! secret (TOTP, SHA-1, 6 digits, 30 s), or `steam://SECRET`. The item
//! name is the issuer, the login user name the account, unless the URI
//! names them. Items without a TOTP are counted in
//! [`crate::Import::without_otp`]. Encrypted exports (password-protected
//! or account-key) are refused in detection with
//! [`ImportError::EncryptedBitwarden`], which tells how to export
//! unencrypted.

use serde_json::{Map, Value};

use crate::account::{Collector, Fields, OtpType};
use crate::json::{self, WrongType, entries, label, opt_str};
use crate::{ImportError, SkipReason};

pub(crate) fn read_json(body: &[u8], without_otp: &mut usize) -> Result<Collector, ImportError> {
    let doc = json::parse(body)?;
    let root = doc
        .0
        .as_object()
        .ok_or(ImportError::Damaged("not a Bitwarden export"))?;
    if root.get("encrypted").and_then(Value::as_bool) != Some(false) {
        return Err(ImportError::EncryptedBitwarden);
    }
    let list = entries(root, "items", "items")?;
    let mut c = Collector::default();
    for (i, item) in list.iter().enumerate() {
        let Some(item) = item.as_object() else {
            c.skip(i, "", "", SkipReason::Malformed("item"));
            continue;
        };
        if let Err(WrongType(field)) = json_item(&mut c, i, item, without_otp) {
            c.skip(
                i,
                label(item, "name").unwrap_or(""),
                "",
                SkipReason::Malformed(field),
            );
        }
    }
    Ok(c)
}

fn json_item(
    c: &mut Collector,
    i: usize,
    item: &Map<String, Value>,
    without_otp: &mut usize,
) -> Result<(), WrongType> {
    let name = label(item, "name")?;
    let login = match item.get("login") {
        Some(Value::Object(l)) => l,
        None | Some(Value::Null) => {
            *without_otp += 1;
            return Ok(());
        }
        Some(_) => return Err(WrongType("login")),
    };
    let user = label(login, "username")?;
    match opt_str(login, "totp")?
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => *without_otp += 1,
        Some(totp) => totp_field(c, i, name, user, totp),
    }
    Ok(())
}

pub(crate) fn read_csv(body: &[u8], without_otp: &mut usize) -> Result<Collector, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(body);
    let headers = reader
        .headers()
        .map_err(|_| ImportError::Damaged("CSV header"))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let totp_col = col("login_totp").ok_or(ImportError::Damaged("no login_totp column"))?;
    let name_col = col("name");
    let user_col = col("login_username");
    let mut c = Collector::default();
    let mut record = csv::StringRecord::new();
    let mut i = 0;
    loop {
        // Any malformed row (a wrong number of fields, as a cut last row
        // has, or bytes that are not UTF-8) refuses the file: better no
        // import than a silently partial one.
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(ImportError::Damaged("CSV row")),
        }
        if i >= crate::MAX_ENTRIES {
            return Err(ImportError::TooManyEntries(i + 1));
        }
        let get = |col: Option<usize>| col.and_then(|k| record.get(k)).unwrap_or("");
        let totp = get(Some(totp_col)).trim();
        if totp.is_empty() {
            *without_otp += 1;
        } else {
            totp_field(&mut c, i, get(name_col), get(user_col), totp);
        }
        i += 1;
    }
    // The csv crate's row buffers are freed without being wiped (it has no
    // way to reach them); they hold no more than the caller's own copy of
    // the plaintext file does.
    Ok(c)
}

/// Interprets a Bitwarden `totp` value.
fn totp_field(c: &mut Collector, i: usize, item_name: &str, user: &str, totp: &str) {
    if starts_with_ignore_case(totp, "otpauth://") {
        match ramz_otp::uri::parse(totp) {
            Ok(parsed) => {
                let mut account = parsed.account;
                if account.issuer.is_empty() {
                    item_name.trim().clone_into(&mut account.issuer);
                }
                if account.account.is_empty() {
                    user.trim().clone_into(&mut account.account);
                }
                c.account(i, account, parsed.warnings);
            }
            Err(e) => c.skip(i, item_name, user, SkipReason::BadUri(e)),
        }
    } else if starts_with_ignore_case(totp, "steam://") {
        let mut f = Fields::new(OtpType::Steam, item_name, user);
        f.secret = totp.get("steam://".len()..);
        c.entry(i, &f);
    } else {
        let mut f = Fields::new(OtpType::Totp, item_name, user);
        f.secret = Some(totp);
        c.entry(i, &f);
    }
}

pub(crate) fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}
