//! `ramz uri inspect`: what an `otpauth://` URI describes, as JSON.

use clap::{Args, Subcommand};
use ramz_otp::payload::{Payload, classify};
use ramz_otp::uri::{ParsedUri, UriWarning};
use ramz_otp::{OtpKind, Secret};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::failure::CliError;
use crate::input::resolve_texts;

/// Subcommands of `ramz uri`.
#[derive(Subcommand)]
pub enum UriCommand {
    /// Print the account an otpauth:// URI (or a QR image of one)
    /// describes, as one JSON object per line. The secret is left out
    /// unless --show-secret is given.
    Inspect(InspectArgs),
}

/// Arguments of `ramz uri inspect`.
#[derive(Args)]
pub struct InspectArgs {
    /// An otpauth:// URI or a QR image file.
    pub input: String,
    /// Include the secret (base32) in the output.
    #[arg(long)]
    pub show_secret: bool,
}

/// Runs `ramz uri ...`.
pub fn run(command: UriCommand) -> Result<(), CliError> {
    match command {
        UriCommand::Inspect(args) => inspect(&args),
    }
}

/// The JSON shape of `ramz uri inspect` (documented in the README).
#[derive(Serialize)]
struct Inspected<'a> {
    issuer: &'a str,
    account: &'a str,
    kind: &'static str,
    algorithm: &'static str,
    digits: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    secret_bits: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<&'a str>,
    warnings: &'a [UriWarning],
}

fn inspect(args: &InspectArgs) -> Result<(), CliError> {
    let texts = resolve_texts(&args.input)?;
    let mut accounts = Vec::new();
    for text in texts.iter() {
        match classify(text) {
            Payload::Account(parsed) => accounts.push(parsed),
            Payload::Invalid { error, .. } => return Err(error.into()),
            Payload::Migration(_) => {
                return Err(CliError::bad_input(
                    "this is a Google Authenticator export; use `ramz migration decode`",
                ));
            }
            _ => return Err(CliError::bad_input("input is not an otpauth:// URI")),
        }
    }
    for parsed in &accounts {
        println!("{}", json(parsed, args.show_secret)?.as_str());
    }
    Ok(())
}

fn json(parsed: &ParsedUri, show_secret: bool) -> Result<Zeroizing<String>, CliError> {
    let a = &parsed.account;
    let (kind, period, counter) = match a.params.kind {
        OtpKind::Totp { period } => ("totp", Some(period.get()), None),
        OtpKind::Hotp { counter } => ("hotp", None, Some(counter)),
        OtpKind::Steam => ("steam", Some(30), None),
    };
    let secret_text = show_secret.then(|| a.secret.to_base32());
    let out = Inspected {
        issuer: &a.issuer,
        account: &a.account,
        kind,
        algorithm: a.params.algorithm.as_str(),
        digits: a.params.digits.get(),
        period,
        counter,
        image: a.image.as_deref(),
        secret_bits: secret_bits(&a.secret),
        secret: secret_text.as_ref().map(|s| s.as_str()),
        warnings: &parsed.warnings,
    };
    serde_json::to_string(&out)
        .map(Zeroizing::new)
        .map_err(|_| CliError::new(crate::failure::Exit::Failure, "could not write JSON"))
}

fn secret_bits(secret: &Secret) -> usize {
    secret.len() * 8
}
