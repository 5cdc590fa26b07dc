//! `ramz migration decode|encode`: Google Authenticator exports
//! (`otpauth-migration://`) to and from `otpauth://` URIs.

use std::hash::{BuildHasher, RandomState};
use std::io::Read;

use clap::{Args, Subcommand};
use ramz_otp::OtpAccount;
use ramz_otp::migration;
use ramz_otp::payload::{Payload, classify};
use ramz_otp::uri::to_uri;
use zeroize::Zeroizing;

use crate::failure::CliError;
use crate::input::resolve_texts;

/// Subcommands of `ramz migration`.
#[derive(Subcommand)]
pub enum MigrationCommand {
    /// Print one otpauth:// URI per account of an export (URIs or QR image
    /// files). Entries that cannot be imported are listed on stderr.
    Decode(DecodeArgs),
    /// Read otpauth:// URIs from stdin, one per line, and print migration
    /// URIs, each small enough for one QR code. Accounts the format cannot
    /// carry (non-30 s periods, Steam, 7 digits) are listed on stderr.
    Encode(EncodeArgs),
}

/// Arguments of `ramz migration decode`.
#[derive(Args)]
pub struct DecodeArgs {
    /// otpauth-migration:// URIs or QR image files.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

/// Arguments of `ramz migration encode`.
#[derive(Args)]
pub struct EncodeArgs {
    /// The batch id written into every URI (default: random).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub batch_id: Option<i32>,
}

/// Runs `ramz migration ...`.
pub fn run(command: MigrationCommand) -> Result<(), CliError> {
    match command {
        MigrationCommand::Decode(args) => decode(&args),
        MigrationCommand::Encode(args) => encode(&args),
    }
}

fn decode(args: &DecodeArgs) -> Result<(), CliError> {
    let mut printed = 0usize;
    for input in &args.inputs {
        for text in resolve_texts(input)?.iter() {
            let batch = match classify(text) {
                Payload::Migration(batch) => batch,
                Payload::Invalid { error, .. } => return Err(error.into()),
                Payload::Account(_) => {
                    return Err(CliError::bad_input(
                        "this is a single otpauth:// URI, not an export; use `ramz uri inspect`",
                    ));
                }
                _ => {
                    return Err(CliError::bad_input(
                        "input is not an otpauth-migration:// URI",
                    ));
                }
            };
            let position = batch
                .position()
                .map(|(i, n)| format!(" (batch {i} of {n})"))
                .unwrap_or_default();
            for (index, error) in &batch.rejected {
                eprintln!(
                    "ramz: entry {} of the export{position} skipped: {error}",
                    index + 1
                );
            }
            for account in &batch.accounts {
                println!("{}", to_uri(account).as_str());
                printed += 1;
            }
        }
    }
    if printed == 0 {
        return Err(CliError::bad_input("no account could be decoded"));
    }
    Ok(())
}

fn encode(args: &EncodeArgs) -> Result<(), CliError> {
    let mut input = Zeroizing::new(String::new());
    std::io::stdin().read_to_string(&mut input)?;
    // (line number, account) so a skipped account can be pointed at.
    let mut accounts: Vec<(usize, OtpAccount)> = Vec::new();
    for (n, line) in input.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match classify(line) {
            Payload::Account(parsed) => accounts.push((n, parsed.account)),
            Payload::Migration(batch) => {
                accounts.extend(batch.accounts.into_iter().map(|a| (n, a)))
            }
            Payload::Invalid { error, .. } => {
                return Err(CliError::bad_input(format!("line {n}: {error}")));
            }
            _ => {
                return Err(CliError::bad_input(format!(
                    "line {n}: not an otpauth:// URI"
                )));
            }
        }
    }
    if accounts.is_empty() {
        return Err(CliError::bad_input("no otpauth:// URIs on standard input"));
    }
    let batch_id = args.batch_id.unwrap_or_else(random_batch_id);
    let list: Vec<OtpAccount> = accounts.iter().map(|(_, a)| a.clone()).collect();
    let report = migration::encode(&list, batch_id);
    for (index, reason) in &report.skipped {
        let (line, account) = match accounts.get(*index) {
            Some((line, a)) => (*line, label(a)),
            None => (0, String::new()),
        };
        eprintln!("ramz: line {line}{account} skipped: {reason}");
    }
    for uri in &report.uris {
        println!("{}", uri.as_str());
    }
    if report.uris.is_empty() {
        return Err(CliError::bad_input(
            "none of the accounts can be written in the Google Authenticator format",
        ));
    }
    Ok(())
}

/// ` (issuer: account)` for messages.
fn label(a: &OtpAccount) -> String {
    match (a.issuer.is_empty(), a.account.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(" ({})", a.issuer),
        (true, false) => format!(" ({})", a.account),
        (false, false) => format!(" ({}: {})", a.issuer, a.account),
    }
}

/// Google Authenticator uses a random batch id; std's randomly keyed
/// hasher is random enough for an identifier that is not a secret.
fn random_batch_id() -> i32 {
    RandomState::new().hash_one(0u8) as i32
}
