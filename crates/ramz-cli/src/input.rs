//! Turning what the user gave on the command line into payload texts and
//! accounts. An argument that names an existing file is a QR image.

use std::path::Path;

use clap::Args;
use ramz_otp::payload::{Payload, classify};
use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};
use zeroize::Zeroizing;

use crate::failure::CliError;

/// What an argument stands for: the QR codes of an image file (decoded
/// and classified by `ramz-qr`), or the argument itself as text.
pub enum Input {
    /// The codes in an image file (at least one).
    Image(Vec<ramz_qr::DecodedCode>),
    /// A text typed or pasted on the command line.
    Text(Zeroizing<String>),
}

/// Reads an argument: an existing file is a QR image, anything else text.
pub fn resolve_input(arg: &str) -> Result<Input, CliError> {
    let path = Path::new(arg);
    if !arg.contains("://") && path.is_file() {
        let codes = crate::image_input::decode_codes(path)?;
        if codes.is_empty() {
            return Err(CliError::bad_input(format!(
                "no QR code found in {}",
                path.display()
            )));
        }
        return Ok(Input::Image(codes));
    }
    Ok(Input::Text(Zeroizing::new(arg.to_owned())))
}

/// The texts an argument stands for: the QR payloads of an image file, or
/// the argument itself.
pub fn resolve_texts(arg: &str) -> Result<Vec<Zeroizing<String>>, CliError> {
    Ok(match resolve_input(arg)? {
        Input::Image(codes) => codes.into_iter().map(|c| c.text).collect(),
        Input::Text(text) => vec![text],
    })
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

/// `--algorithm`, `--digits`, `--period`, `--counter`: the OTP parameters
/// a user can set on the command line (`ramz code`, `ramz add`).
#[derive(Args)]
pub struct OtpOverrides {
    /// Hash algorithm (SHA1, SHA256, SHA512).
    #[arg(long, value_name = "A")]
    pub algorithm: Option<String>,
    /// Number of digits (4-10, default 6).
    #[arg(long, value_name = "N", value_parser = typed_number::<u32>)]
    pub digits: Option<u32>,
    /// Step length in seconds (default 30; makes the account TOTP).
    #[arg(long, value_name = "S", value_parser = typed_number::<u64>)]
    pub period: Option<u64>,
    /// HOTP counter (makes the account HOTP).
    #[arg(long, value_name = "N", conflicts_with = "period", value_parser = typed_number::<u64>)]
    pub counter: Option<u64>,
}

impl OtpOverrides {
    /// Whether any of the options was given.
    pub fn any(&self) -> bool {
        self.algorithm.is_some()
            || self.digits.is_some()
            || self.period.is_some()
            || self.counter.is_some()
    }

    /// Sets the given options on `params`; invalid values are typed errors.
    pub fn apply(&self, params: &mut OtpParams) -> Result<(), CliError> {
        if let Some(a) = &self.algorithm {
            params.algorithm = a.parse::<Algorithm>()?;
        }
        if let Some(d) = self.digits {
            params.digits = Digits::new(d)?;
        }
        if let Some(p) = self.period {
            params.kind = OtpKind::Totp {
                period: Period::new(p)?,
            };
        }
        if let Some(c) = self.counter {
            params.kind = OtpKind::Hotp { counter: c };
        }
        Ok(())
    }
}
