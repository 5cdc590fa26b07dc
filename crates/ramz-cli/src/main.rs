//! `ramz`: the command-line authenticator. Scriptable and stable: output
//! formats and exit codes are documented in the crate README.

#![doc = include_str!("../README.md")]

mod activate_cmd;
mod backup_cmd;
mod clock_cmd;
mod code_cmd;
mod demo_cmd;
mod demo_web;
mod failure;
mod image_input;
mod import_cmd;
mod input;
mod list_cmd;
mod migration_cmd;
mod qr_cmd;
mod uri_cmd;
mod vault_cmd;
mod vault_io;

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
    /// Create a new, empty PIN vault (and its device key file).
    Init(vault_cmd::InitArgs),
    /// Add an account to the vault: URI, migration export, QR image or
    /// base32 secret.
    Add(vault_cmd::AddArgs),
    /// List the vault's accounts (id, kind, issuer, account; no secrets).
    List(list_cmd::ListArgs),
    /// Print the current code of every account in the vault.
    Codes(list_cmd::CodesArgs),
    /// Change an account's issuer or account label.
    Rename(vault_cmd::RenameArgs),
    /// Delete an account from the vault.
    Remove(vault_cmd::RemoveArgs),
    /// The vault PIN.
    Pin {
        #[command(subcommand)]
        command: vault_cmd::PinCommand,
    },
    /// Encrypted backups: export, import, verify.
    Backup {
        #[command(subcommand)]
        command: backup_cmd::BackupCommand,
    },
    /// The clock offset used for codes: show it, set it, clear it.
    Clock {
        #[command(subcommand)]
        command: clock_cmd::ClockCommand,
    },
    /// Import another authenticator's export (Aegis, 2FAS, Bitwarden,
    /// Ente Auth, LastPass, Proton, andOTP, otpauth URI lists).
    Import(import_cmd::ImportArgs),
    /// Plain exports of the exportable accounts (secrets in clear).
    Export {
        #[command(subcommand)]
        command: list_cmd::ExportCommand,
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
        Command::Init(args) => vault_cmd::init(args),
        Command::Add(args) => vault_cmd::add(args),
        Command::List(args) => list_cmd::list(args),
        Command::Codes(args) => list_cmd::codes(args),
        Command::Rename(args) => vault_cmd::rename(args),
        Command::Remove(args) => vault_cmd::remove(args),
        Command::Pin { command } => vault_cmd::pin(command),
        Command::Backup { command } => backup_cmd::run(command),
        Command::Clock { command } => clock_cmd::run(command),
        Command::Import(args) => import_cmd::import(args),
        Command::Export { command } => list_cmd::export(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
