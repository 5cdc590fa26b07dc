//! Server configuration: database, keys, limits, SMS gateway, clock.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::MasterKey;
use crate::sms::SmsGateway;
pub use crate::throttle::{ThrottleConfig, TrustedProxies};

/// Everything `serve` needs.
#[derive(Clone)]
pub struct Config {
    /// `sqlite://path?mode=rwc` (default) or `postgres://...`.
    pub database_url: String,
    /// Most pooled database connections per instance.
    pub max_connections: u32,
    /// Seals seeds and activation secrets at rest.
    pub master_key: MasterKey,
    /// Bearer token of the bank back-office and verification APIs.
    pub backoffice_token: String,
    /// The base URL apps reach this server at (goes into the QR code).
    pub public_url: String,
    /// Issuer display name put into QR codes when a request names none.
    pub issuer: String,
    /// Lifetime of an activation, seconds (default 300).
    pub activation_ttl: u64,
    /// Wrong SMS codes before an activation is burned (default 3).
    pub activation_attempts: u32,
    /// Verification window in steps, each side (default 1).
    pub verify_window: u64,
    /// Consecutive failures before the back-off starts (default 5).
    pub backoff_after: u32,
    /// Consecutive failures that disable a credential (default 100).
    pub disable_after: u32,
    /// Largest accepted request body, bytes (default 16 KiB).
    pub max_body_bytes: usize,
    /// Wrong SMS codes allowed per card across all its activations within
    /// `card_failure_window` (default 10); then the card is locked.
    pub card_failure_limit: u32,
    /// The sliding window of `card_failure_limit`, seconds (default 24 h).
    pub card_failure_window: u64,
    /// Per-client-address throttling of the app API.
    pub throttle: ThrottleConfig,
    /// Longest time a client may take to send a request's headers
    /// (default 10 s); then the connection is closed.
    pub header_read_timeout: Duration,
    /// Longest time a request may take, body and answer included
    /// (default 30 s); then it is answered 408 `request_timeout`.
    pub request_timeout: Duration,
    /// After a shutdown signal, how long in-flight requests may take to
    /// finish before the server exits anyway (default 10 s).
    pub shutdown_grace: Duration,
    /// Browser origins (`https://app.example`) whose pages may call the
    /// app API (the web app); any other origin is refused with 403. Empty
    /// (the default): no browser page may.
    pub allowed_origins: Vec<String>,
    /// Where SMS codes go.
    pub sms: Arc<dyn SmsGateway>,
    /// Time source.
    pub clock: Clock,
}

impl Config {
    /// Defaults around the required parts.
    pub fn new(
        database_url: impl Into<String>,
        master_key: MasterKey,
        backoffice_token: impl Into<String>,
        public_url: impl Into<String>,
        sms: Arc<dyn SmsGateway>,
    ) -> Self {
        Self {
            database_url: database_url.into(),
            max_connections: 32,
            master_key,
            backoffice_token: backoffice_token.into(),
            public_url: public_url.into(),
            issuer: "Ramz Demo Bank".into(),
            activation_ttl: 300,
            activation_attempts: 3,
            verify_window: 1,
            backoff_after: 5,
            disable_after: 100,
            max_body_bytes: 16 * 1024,
            card_failure_limit: 10,
            card_failure_window: 24 * 3600,
            throttle: ThrottleConfig::default(),
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(10),
            allowed_origins: Vec::new(),
            sms,
            clock: Clock::System,
        }
    }
}

impl core::fmt::Debug for Config {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // No token, no key, no database password.
        f.debug_struct("Config")
            .field("public_url", &self.public_url)
            .field("activation_ttl", &self.activation_ttl)
            .field("verify_window", &self.verify_window)
            .field("card_failure_limit", &self.card_failure_limit)
            .field("throttle", &self.throttle)
            .finish_non_exhaustive()
    }
}

/// The server's clock: the system clock, or a settable one for tests.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    /// `SystemTime::now()`.
    #[default]
    System,
    /// A shared, settable Unix time.
    Manual(Arc<AtomicU64>),
}

impl Clock {
    /// A manual clock starting at `unix`.
    pub fn manual(unix: u64) -> Self {
        Self::Manual(Arc::new(AtomicU64::new(unix)))
    }

    /// Current Unix time in seconds.
    pub fn now(&self) -> u64 {
        match self {
            Self::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            Self::Manual(t) => t.load(Ordering::SeqCst),
        }
    }

    /// Moves a manual clock forward (no effect on the system clock).
    pub fn advance(&self, seconds: u64) {
        if let Self::Manual(t) = self {
            t.fetch_add(seconds, Ordering::SeqCst);
        }
    }
}

/// Default SQLite file next to the working directory.
pub fn default_database_url() -> String {
    "sqlite://ramz-server.db?mode=rwc".into()
}

/// Directory for generated development files (key, token, outbox).
pub fn state_dir() -> PathBuf {
    std::env::var_os("RAMZ_STATE_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from)
}
