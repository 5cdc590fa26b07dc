//! One error type for every command: one clear line on stderr and a
//! documented exit code. Never a panic, never a backtrace, never a secret.

use std::fmt::Display;
use std::process::ExitCode;

/// Documented exit codes (see the crate README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Something failed that is not the user's input (I/O, internal).
    Failure = 1,
    /// Command-line usage error (clap uses 2 too).
    Usage = 2,
    /// The input (URI, secret, image, code) is invalid.
    BadInput = 3,
    /// Wrong PIN; attempts remain.
    WrongPin = 4,
    /// Locked out: must wait before the next attempt.
    LockedOut = 5,
    /// The vault was wiped after too many wrong PINs.
    Wiped = 6,
    /// The vault file is missing, corrupt, tampered or foreign.
    Vault = 7,
    /// The server could not be reached or answered with an error.
    Server = 8,
    /// A verification (code, backup) did not match.
    Mismatch = 9,
}

/// An error on its way to stderr.
#[derive(Debug)]
pub struct CliError {
    exit: Exit,
    line: String,
}

impl CliError {
    /// An error with an explicit exit code. `line` must not contain a
    /// secret, a PIN or a whole URI.
    pub fn new(exit: Exit, line: impl Display) -> Self {
        Self {
            exit,
            line: line.to_string(),
        }
    }

    /// A command-line usage error (options that do not go together).
    pub fn usage(line: impl Display) -> Self {
        Self::new(Exit::Usage, line)
    }

    /// The user's input (URI, secret, image, code) is invalid.
    pub fn bad_input(line: impl Display) -> Self {
        Self::new(Exit::BadInput, line)
    }

    /// Prints the line and returns the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("ramz: {}", self.line);
        ExitCode::from(self.exit as u8)
    }
}

impl From<ramz_otp::OtpError> for CliError {
    fn from(e: ramz_otp::OtpError) -> Self {
        Self::bad_input(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::new(Exit::Failure, format!("I/O error: {e}"))
    }
}
