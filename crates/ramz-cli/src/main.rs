//! `ramz`: the command-line authenticator. Scriptable and stable: output
//! formats and exit codes are documented in the crate README.

#![doc = include_str!("../README.md")]

mod code_cmd;
mod failure;
mod image_input;
mod input;

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
    /// Print the current code for a URI, a base32 secret or a QR image.
    Code(code_cmd::CodeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), CliError> = match cli.command {
        Command::Code(args) => code_cmd::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
