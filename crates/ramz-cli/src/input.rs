//! Turning what the user gave on the command line into an account.

use ramz_otp::{OtpAccount, OtpParams, Secret};

use crate::failure::CliError;

/// Parses a bare base32 secret into a default TOTP account.
pub fn account_from_base32(text: &str, params: OtpParams) -> Result<OtpAccount, CliError> {
    let secret = Secret::from_base32(text)?;
    Ok(OtpAccount { issuer: String::new(), account: String::new(), secret, params, image: None })
}
