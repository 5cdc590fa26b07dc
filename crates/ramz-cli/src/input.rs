//! Turning what the user gave on the command line into payload texts and
//! accounts. An argument that names an existing file is a QR image.

use std::path::Path;

use ramz_otp::payload::{Payload, classify};
use ramz_otp::{OtpAccount, OtpParams, Secret};
use zeroize::Zeroizing;

use crate::failure::CliError;

/// The texts an argument stands for: the QR payloads of an image file, or
/// the argument itself.
pub fn resolve_texts(arg: &str) -> Result<Vec<Zeroizing<String>>, CliError> {
    let path = Path::new(arg);
    if !arg.contains("://") && path.is_file() {
        let texts = crate::image_input::decode_file(path)?;
        if texts.is_empty() {
            return Err(CliError::bad_input(format!(
                "no QR code found in {}",
                path.display()
            )));
        }
        return Ok(texts);
    }
    Ok(vec![Zeroizing::new(arg.to_owned())])
}

/// One account from a URI, a QR image holding one, or a bare base32
/// secret (with `params` for the latter).
pub fn resolve_account(arg: &str, params: OtpParams) -> Result<OtpAccount, CliError> {
    let texts = resolve_texts(arg)?;
    let mut found = Vec::new();
    for text in texts.iter() {
        match classify(text) {
            Payload::Account(parsed) => found.push(parsed.account),
            Payload::Migration(batch) => found.extend(batch.accounts),
            Payload::Invalid { error, .. } => return Err(error.into()),
            _ if texts.len() == 1 && !text.contains("://") => {
                return account_from_base32(text, params);
            }
            _ => {}
        }
    }
    match found.len() {
        0 => Err(CliError::bad_input(
            "input is neither an otpauth URI nor a base32 secret",
        )),
        1 => Ok(found.remove(0)),
        n => Err(CliError::bad_input(format!(
            "input holds {n} accounts; use `ramz migration decode` to list them"
        ))),
    }
}

/// Parses a bare base32 secret into an account with `params`.
pub fn account_from_base32(text: &str, params: OtpParams) -> Result<OtpAccount, CliError> {
    let secret = Secret::from_base32(text)?;
    Ok(OtpAccount {
        issuer: String::new(),
        account: String::new(),
        secret,
        params,
        image: None,
    })
}

/// A number typed in ASCII, Persian or Arabic-Indic digits (clap value
/// parser for `--time`, `--digits`, `--period`, `--counter`).
pub fn typed_number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    ramz_otp::normalize_digits(text)
        .filter(|d| !d.is_empty())
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("`{text}` is not a number"))
}
