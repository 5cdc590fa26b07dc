//! Text files of provisioning URIs, one per line: what Ente Auth's plain
//! export is, what Google Authenticator's export QR codes hold
//! (`otpauth-migration://`), and what many tools write.
//!
//! Ente Auth adds a `codeDisplay` parameter (percent-encoded JSON such as
//! `{"pinned":false,"trashed":false,"tags":[]}`) and may wrap a line in
//! JSON quotes; an entry whose `codeDisplay.trashed` is true is skipped as
//! [`SkipReason::Trashed`]. Blank lines are ignored; any other line that is
//! not a URI is listed as [`SkipReason::NotAUri`], so nothing is lost
//! silently. A file cut in the middle of its last line cannot be told from
//! a whole one (exporters write no final newline); such a line usually
//! fails to parse and is listed, but a cut exactly inside the secret can
//! leave a shorter, valid-looking secret.

use percent_encoding::percent_decode_str;
use zeroize::Zeroizing;

use crate::account::Collector;
use crate::formats::bitwarden::starts_with_ignore_case;
use crate::{ImportError, MAX_ENTRIES, SkipReason};

pub(crate) fn read_text(body: &[u8]) -> Result<Collector, ImportError> {
    let text = core::str::from_utf8(body).map_err(|_| ImportError::Damaged("not UTF-8 text"))?;
    read_lines(text)
}

pub(crate) fn read_lines(text: &str) -> Result<Collector, ImportError> {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    if lines > MAX_ENTRIES {
        return Err(ImportError::TooManyEntries(lines));
    }
    let mut c = Collector::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let unquoted;
        let line = if line.len() >= 2 && line.starts_with('"') && line.ends_with('"') {
            match serde_json::from_str::<String>(line) {
                Ok(s) => {
                    unquoted = Zeroizing::new(s);
                    unquoted.trim()
                }
                Err(_) => line,
            }
        } else {
            line
        };
        uri_line(&mut c, i, line);
    }
    Ok(c)
}

fn uri_line(c: &mut Collector, i: usize, line: &str) {
    if starts_with_ignore_case(line, "otpauth-migration://") {
        match ramz_otp::migration::decode(line) {
            Ok(batch) => {
                let mut warnings: Vec<Vec<_>> = vec![Vec::new(); batch.accounts.len()];
                for (k, w) in batch.warnings {
                    if let Some(slot) = warnings.get_mut(k) {
                        slot.push(w);
                    }
                }
                for (account, w) in batch.accounts.into_iter().zip(warnings) {
                    c.account(i, account, w);
                }
                for (_, e) in batch.rejected {
                    c.skip(i, "", "", SkipReason::BadUri(e));
                }
            }
            Err(e) => c.skip(i, "", "", SkipReason::BadUri(e)),
        }
        return;
    }
    if !starts_with_ignore_case(line, "otpauth://") {
        c.skip(i, "", "", SkipReason::NotAUri);
        return;
    }
    let (issuer, name) = label_of(line);
    if is_trashed(line) {
        c.skip(i, &issuer, &name, SkipReason::Trashed);
        return;
    }
    match ramz_otp::uri::parse(line) {
        Ok(p) => c.account(i, p.account, p.warnings),
        Err(e) => c.skip(i, &issuer, &name, SkipReason::BadUri(e)),
    }
}

/// The label of an otpauth URI, for naming a skipped line (never the
/// query, where the secret is).
fn label_of(uri: &str) -> (String, String) {
    let rest = uri.get("otpauth://".len()..).unwrap_or("");
    let rest = rest.split('?').next().unwrap_or("");
    let label = rest.split_once('/').map_or("", |(_, l)| l);
    let label = percent_decode_str(label).decode_utf8_lossy();
    match label.split_once(':') {
        Some((i, n)) => (i.trim().to_owned(), n.trim().to_owned()),
        None => (String::new(), label.trim().to_owned()),
    }
}

/// Ente Auth's `codeDisplay={"trashed":true,...}`.
fn is_trashed(uri: &str) -> bool {
    let Some((_, query)) = uri.split_once('?') else {
        return false;
    };
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(k, _)| k.eq_ignore_ascii_case("codeDisplay"))
        .any(|(_, v)| {
            let decoded = percent_decode_str(v).decode_utf8_lossy();
            serde_json::from_str::<serde_json::Value>(&decoded)
                .ok()
                .and_then(|d| d.get("trashed").and_then(serde_json::Value::as_bool))
                == Some(true)
        })
}
