//! Server-side failures (configuration, database, sealing). None carries a
//! secret; database errors may name a table or a constraint.

use thiserror::Error;

/// What can go wrong inside the server.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The configuration is invalid.
    #[error("configuration: {0}")]
    Config(&'static str),
    /// An environment variable has a value that does not parse.
    #[error("configuration: {0} has an invalid value")]
    BadVariable(&'static str),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("database migration: {0}")]
    Migration(String),
    /// A sealed value did not open (wrong master key or tampered row).
    #[error("a sealed value did not open (wrong master key or altered row)")]
    Seal,
    /// The operating system gave no random bytes.
    #[error("no randomness from the operating system")]
    Randomness,
    /// Sending the SMS failed.
    #[error(transparent)]
    Sms(#[from] crate::sms::SmsError),
    /// Socket or file I/O failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
}
