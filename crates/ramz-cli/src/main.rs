//! `ramz`: the command-line authenticator. Scriptable and stable: output
//! formats and exit codes are documented in the crate README.

#![doc = include_str!("../README.md")]

mod activate_cmd;
mod code_cmd;
mod demo_cmd;
mod failure;
mod image_input;
mod input;
mod migration_cmd;
mod qr_cmd;
mod uri_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::failure::CliError;

/// Ramz: one-time passwords for card payments and 2FA.
#[derive(Parser)]
#[command(name = "ramz", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Activate a bank card's second password from its QR code.
    Activate(activate_cmd::ActivateArgs),
    /// Run the whole bank-card flow locally: server, QR, SMS, vault, codes.
    Demo(demo_cmd::DemoArgs),
    /// Print the current code for a URI, a base32 secret or a QR image.
    Code(code_cmd::CodeArgs),
    /// Inspect otpauth:// URIs.
    Uri {
        #[command(subcommand)]
        command: uri_cmd::UriCommand,
    },
    /// Google Authenticator exports (otpauth-migration://): decode, encode.
    Migration {
        #[command(subcommand)]
        command: migration_cmd::MigrationCommand,
    },
    /// QR codes: decode image files, encode texts.
    Qr {
        #[command(subcommand)]
        command: qr_cmd::QrCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), CliError> = match cli.command {
        Command::Activate(args) => activate_cmd::run(args),
        Command::Demo(args) => demo_cmd::run(args),
        Command::Code(args) => code_cmd::run(args),
        Command::Uri { command } => uri_cmd::run(command),
        Command::Migration { command } => migration_cmd::run(command),
        Command::Qr { command } => qr_cmd::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
