//! `ramz qr decode|encode`: QR image files to payload lines, payloads to
//! QR codes on the terminal, as PNG or as SVG.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use ramz_otp::OtpAccount;
use ramz_otp::payload::Payload;
use ramz_qr::render::{self, Correction, TerminalStyle};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::failure::{CliError, Exit};

/// Subcommands of `ramz qr`.
#[derive(Subcommand)]
pub enum QrCommand {
    /// Print the payload of every QR code in image files (PNG, JPEG), one
    /// per line.
    Decode(DecodeArgs),
    /// Draw a QR code for a text: on the terminal by default, or into a
    /// PNG or SVG file.
    Encode(EncodeArgs),
}

/// Arguments of `ramz qr decode`.
#[derive(Args)]
pub struct DecodeArgs {
    /// Image files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// One JSON object per code: file, kind and non-secret details of the
    /// payload (never the secret, never the payload text).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `ramz qr encode`.
#[derive(Args)]
pub struct EncodeArgs {
    /// The text to encode (an otpauth:// URI, a migration URI, ...).
    pub text: String,
    /// Write a PNG to this file instead of printing.
    #[arg(long, value_name = "FILE", conflicts_with = "svg")]
    pub png: Option<PathBuf>,
    /// Write an SVG to this file instead of printing.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Pixels per module in the PNG.
    #[arg(long, value_name = "PX", default_value_t = 8)]
    pub scale: usize,
    /// Draw dark modules as blocks (for light terminal backgrounds).
    #[arg(long)]
    pub light_background: bool,
}

/// Runs `ramz qr ...`.
pub fn run(command: QrCommand) -> Result<(), CliError> {
    match command {
        QrCommand::Decode(args) => decode(&args),
        QrCommand::Encode(args) => encode(&args),
    }
}

fn decode(args: &DecodeArgs) -> Result<(), CliError> {
    let mut found = 0usize;
    for file in &args.files {
        let codes = ramz_qr::decode_image_file(file)
            .map_err(|e| CliError::bad_input(format!("{}: {e}", file.display())))?;
        if codes.is_empty() {
            eprintln!("ramz: no QR code found in {}", file.display());
        }
        for code in codes {
            found += 1;
            if args.json {
                let mut obj = describe(&code.payload);
                obj["file"] = json!(file.display().to_string());
                println!("{obj}");
            } else {
                println!("{}", code.text.as_str());
            }
        }
    }
    if found == 0 {
        return Err(CliError::bad_input("no QR code found"));
    }
    Ok(())
}

/// The non-secret description of a payload for `--json`.
fn describe(payload: &Payload) -> Value {
    match payload {
        Payload::Account(parsed) => {
            json!({ "kind": "account", "account": account(&parsed.account) })
        }
        Payload::Migration(batch) => json!({
            "kind": "migration",
            "batch": batch.position().map(|(i, n)| json!({ "index": i, "of": n })),
            "accounts": batch.accounts.iter().map(account).collect::<Vec<_>>(),
            "rejected": batch.rejected.len(),
        }),
        Payload::BankActivation(_) => json!({ "kind": "bank_activation" }),
        Payload::Invalid { error, .. } => json!({ "kind": "invalid", "error": error.to_string() }),
        Payload::Unknown(text) => json!({ "kind": "unknown", "length": text.chars().count() }),
        _ => json!({ "kind": "unknown" }),
    }
}

fn account(a: &OtpAccount) -> Value {
    json!({
        "issuer": a.issuer,
        "account": a.account,
        "params": serde_json::to_value(a.params).unwrap_or(Value::Null),
        "secret_bits": a.secret.len() * 8,
    })
}

fn encode(args: &EncodeArgs) -> Result<(), CliError> {
    let correction = Correction::Medium;
    if let Some(path) = &args.png {
        let png = render::png(&args.text, correction, args.scale).map_err(CliError::bad_input)?;
        write_file(path, &png)
    } else if let Some(path) = &args.svg {
        let svg = render::svg(&args.text, correction).map_err(CliError::bad_input)?;
        write_file(path, svg.as_bytes())
    } else {
        let style = if args.light_background {
            TerminalStyle::LightBackground
        } else {
            TerminalStyle::DarkBackground
        };
        let text: Zeroizing<String> =
            render::terminal(&args.text, correction, style).map_err(CliError::bad_input)?;
        print!("{}", text.as_str());
        Ok(())
    }
}

fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes)
        .map_err(|e| CliError::new(Exit::Failure, format!("{}: {e}", path.display())))
}
