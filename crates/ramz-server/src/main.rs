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
//!   otherwise codes go to `$RAMZ_STATE_DIR/ramz-sms-outbox.jsonl`.
//! - `RAMZ_ISSUER`, `RAMZ_ACTIVATION_TTL`, `RAMZ_VERIFY_WINDOW`,
//!   `RAMZ_MAX_CONNECTIONS`; `RUST_LOG` for log filtering;
//!   `RAMZ_LOG_FORMAT=json` for JSON logs.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use ramz_server::sms::{OutboxGateway, SmsGateway, WebhookGateway};
use ramz_server::{Config, MasterKey, ServerError, default_database_url, state_dir};
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
    let sms: Arc<dyn SmsGateway> = match env("RAMZ_SMS_WEBHOOK") {
        Some(url) => Arc::new(WebhookGateway::new(url, env("RAMZ_SMS_WEBHOOK_TOKEN"))),
        None => Arc::new(OutboxGateway::new(dir.join("ramz-sms-outbox.jsonl"))),
    };
    let mut config = Config::new(
        env("DATABASE_URL").unwrap_or_else(default_database_url),
        master_key,
        token,
        public_url,
        sms,
    );
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
    ramz_server::serve(config, listener, shutdown_signal()).await
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
