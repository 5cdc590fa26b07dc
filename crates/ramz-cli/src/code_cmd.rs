//! `ramz code`.

use clap::Args;

use crate::failure::CliError;

/// Arguments of `ramz code`.
#[derive(Args)]
pub struct CodeArgs {
    /// otpauth:// URI, base32 secret, or QR image file.
    pub input: String,
}

/// Runs `ramz code`.
pub fn run(args: CodeArgs) -> Result<(), CliError> {
    let acct = crate::input::account_from_base32(&args.input, ramz_otp::OtpParams::default_totp())?;
    let _ = acct;
    Err(CliError::bad_input("not implemented yet"))
}
