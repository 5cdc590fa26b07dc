//! `ramz-server`: the reference activation and verification server.
//!
//! Configuration (environment):
//! - `DATABASE_URL`: `postgres://...` or `sqlite://file?mode=rwc`
//!   (default `sqlite://ramz-server.db?mode=rwc`).
//! - `RAMZ_LISTEN`: address to bind (default `127.0.0.1:8080`).
//! - `RAMZ_PUBLIC_URL`: the URL apps use (default `http://<RAMZ_LISTEN>`).
//! - `RAMZ_MASTER_KEY` (64 hex digits) or `RAMZ_MASTER_KEY_FILE`; without
//!   either, a key is generated into `$RAMZ_STATE_DIR/ramz-master.key`.
//! - `RAMZ_BACKOFFICE_TOKEN` or `RAMZ_BACKOFFICE_TOKEN_FILE`; without
//!   either, one is generated into `$RAMZ_STATE_DIR/ramz-backoffice.token`.
//! - `RAMZ_SMS_WEBHOOK` (+ `RAMZ_SMS_WEBHOOK_TOKEN`): real SMS delivery;
//!   or `RAMZ_SMS_OUTBOX=FILE`: codes written in clear to FILE
//!   (development only; logged as insecure at start). With neither the
//!   server refuses to start.
//! - `RAMZ_BACKOFFICE_LISTEN`: a separate address for the back-office API
//!   (then `RAMZ_LISTEN` serves the app's route and `/health` only).
//! - `RAMZ_CARD_FAILURE_LIMIT` (10), `RAMZ_CARD_FAILURE_WINDOW` (86400 s):
//!   wrong SMS codes per card across activations.
//! - `RAMZ_APP_RATE_BURST` (30; 0 = off), `RAMZ_APP_RATE_PER_SECOND`
//!   (0.5), `RAMZ_TRUSTED_PROXIES` (addresses/CIDRs whose
//!   `X-Forwarded-For` is believed): throttling of the app API.
//! - `RAMZ_HEADER_READ_TIMEOUT` (10 s), `RAMZ_REQUEST_TIMEOUT` (30 s),
//!   `RAMZ_SHUTDOWN_GRACE` (10 s), all in seconds (fractions allowed).
//! - `RAMZ_ALLOWED_ORIGINS`: comma-separated browser origins whose pages
//!   may call the app API (the web app, e.g. `https://app.bank.example`);
//!   any other origin is refused (403). Unset: none.
//! - `RAMZ_ISSUER`, `RAMZ_ACTIVATION_TTL`, `RAMZ_VERIFY_WINDOW`,
//!   `RAMZ_MAX_CONNECTIONS`; `RUST_LOG` for log filtering;
//!   `RAMZ_LOG_FORMAT=json` for JSON logs.
//!
//! A value that does not parse stops the server with an error naming the
//! variable.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use ramz_server::sms::{OutboxGateway, SmsGateway, WebhookGateway};
use std::time::Duration;

use ramz_server::{
    Config, MasterKey, ServerError, Store, TrustedProxies, default_database_url, state_dir,
};
use zeroize::Zeroizing;

fn main() -> ExitCode {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ramz-server: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "ramz-server failed");
            eprintln!("ramz-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), ServerError> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let listen = env("RAMZ_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".into());
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    let public_url = env("RAMZ_PUBLIC_URL").unwrap_or_else(|| {
        format!(
            "http://{}",
            listener
                .local_addr()
                .map_or(listen.clone(), |a| a.to_string())
        )
    });
    let dir = state_dir();
    let master_key = match (env("RAMZ_MASTER_KEY"), env("RAMZ_MASTER_KEY_FILE")) {
        (Some(hex), _) => MasterKey::from_hex(&hex)?,
        (None, Some(file)) => MasterKey::from_hex(&Zeroizing::new(std::fs::read_to_string(file)?))?,
        (None, None) => {
            let path = dir.join("ramz-master.key");
            let text = read_or_create(&path, || Ok(MasterKey::generate()?.to_hex()))?;
            MasterKey::from_hex(&text)?
        }
    };
    let token = match (
        env("RAMZ_BACKOFFICE_TOKEN"),
        env("RAMZ_BACKOFFICE_TOKEN_FILE"),
    ) {
        (Some(t), _) => t,
        (None, Some(file)) => std::fs::read_to_string(file)?.trim().to_owned(),
        (None, None) => {
            let path = dir.join("ramz-backoffice.token");
            read_or_create(&path, || {
                Ok(Zeroizing::new(
                    MasterKey::generate()?.to_hex()[..40].to_owned(),
                ))
            })?
            .trim()
            .to_owned()
        }
    };
    let sms: Arc<dyn SmsGateway> = match (env("RAMZ_SMS_WEBHOOK"), env("RAMZ_SMS_OUTBOX")) {
        (Some(_), Some(_)) => {
            return Err(ServerError::Config(
                "set RAMZ_SMS_WEBHOOK or RAMZ_SMS_OUTBOX, not both",
            ));
        }
        (Some(url), None) => Arc::new(WebhookGateway::new(url, env("RAMZ_SMS_WEBHOOK_TOKEN"))),
        (None, Some(file)) => Arc::new(OutboxGateway::new(file)),
        (None, None) => {
            return Err(ServerError::Config(
                "no SMS delivery: set RAMZ_SMS_WEBHOOK=https://... (production) or RAMZ_SMS_OUTBOX=FILE (development only: codes in clear)",
            ));
        }
    };
    let backoffice = match env("RAMZ_BACKOFFICE_LISTEN") {
        Some(addr) => Some(tokio::net::TcpListener::bind(&addr).await?),
        None => None,
    };
    let mut config = Config::new(
        env("DATABASE_URL").unwrap_or_else(default_database_url),
        master_key,
        token,
        public_url,
        sms,
    );
    if let Some(v) = env("RAMZ_ALLOWED_ORIGINS") {
        config.allowed_origins = v
            .split(',')
            .map(|o| o.trim().trim_end_matches('/').to_owned())
            .filter(|o| !o.is_empty())
            .collect();
    }
    if let Some(v) = env("RAMZ_ISSUER") {
        config.issuer = v;
    }
    if let Some(v) = env("RAMZ_ACTIVATION_TTL").and_then(|v| v.parse().ok()) {
        config.activation_ttl = v;
    }
    if let Some(v) = env("RAMZ_VERIFY_WINDOW").and_then(|v| v.parse().ok()) {
        config.verify_window = v;
    }
    if let Some(v) = env("RAMZ_MAX_CONNECTIONS").and_then(|v| v.parse().ok()) {
        config.max_connections = v;
    }
    if let Some(v) = parsed::<u32>("RAMZ_CARD_FAILURE_LIMIT")? {
        config.card_failure_limit = v;
    }
    if let Some(v) = parsed::<u64>("RAMZ_CARD_FAILURE_WINDOW")? {
        if v == 0 {
            return Err(ServerError::Config(
                "RAMZ_CARD_FAILURE_WINDOW must be at least 1",
            ));
        }
        config.card_failure_window = v;
    }
    if let Some(v) = parsed::<u32>("RAMZ_APP_RATE_BURST")? {
        config.throttle.burst = v;
    }
    if let Some(v) = parsed::<f64>("RAMZ_APP_RATE_PER_SECOND")? {
        if !(v.is_finite() && v >= 0.0) {
            return Err(ServerError::Config(
                "RAMZ_APP_RATE_PER_SECOND must be a number >= 0",
            ));
        }
        config.throttle.per_second = v;
    }
    if let Some(v) = env("RAMZ_TRUSTED_PROXIES") {
        config.throttle.trusted_proxies = TrustedProxies::parse(&v).ok_or(ServerError::Config(
            "RAMZ_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR networks",
        ))?;
    }
    if let Some(v) = seconds("RAMZ_HEADER_READ_TIMEOUT")? {
        config.header_read_timeout = v;
    }
    if let Some(v) = seconds("RAMZ_REQUEST_TIMEOUT")? {
        config.request_timeout = v;
    }
    if let Some(v) = seconds("RAMZ_SHUTDOWN_GRACE")? {
        config.shutdown_grace = v;
    }
    let store = Store::connect(&config.database_url, config.max_connections).await?;
    ramz_server::serve_split(config, store, listener, backoffice, shutdown_signal()).await
}

/// An optional variable parsed as `T`; a value that does not parse is an
/// error naming the variable.
fn parsed<T: std::str::FromStr>(name: &'static str) -> Result<Option<T>, ServerError> {
    match std::env::var(name).ok().filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| ServerError::BadVariable(name)),
    }
}

/// Seconds (fractions allowed, more than 0) as a duration.
fn seconds(name: &'static str) -> Result<Option<Duration>, ServerError> {
    match parsed::<f64>(name)? {
        None => Ok(None),
        Some(v) if v.is_finite() && v > 0.0 && v < 1e9 => Ok(Some(Duration::from_secs_f64(v))),
        Some(_) => Err(ServerError::BadVariable(name)),
    }
}

/// Reads a generated development secret, creating it (mode 0600) first.
fn read_or_create(
    path: &Path,
    make: impl FnOnce() -> Result<Zeroizing<String>, ServerError>,
) -> Result<Zeroizing<String>, ServerError> {
    if let Ok(text) = std::fs::read_to_string(path) {
        return Ok(Zeroizing::new(text));
    }
    let text = make()?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    std::io::Write::write_all(&mut opts.open(path)?, text.as_bytes())?;
    tracing::warn!(file = %path.display(), "generated a development secret; configure one for production");
    Ok(text)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if std::env::var("RAMZ_LOG_FORMAT").as_deref() == Ok("json") {
        builder.json().init();
    } else {
        builder.init();
    }
}
