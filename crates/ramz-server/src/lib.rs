#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod api;
pub mod card;
mod config;
mod demo_web;
mod error;
pub mod qr_image;
mod seal;
mod serve;
pub mod sms;
mod store;
mod throttle;

use std::future::Future;

pub use config::{Clock, Config, ThrottleConfig, TrustedProxies, default_database_url, state_dir};
pub use demo_web::{DemoWeb, serve_demo_web};
pub use error::ServerError;
pub use seal::MasterKey;
pub use store::{Backend, NewCredential, Store};

/// Connects to the database (running migrations), then serves HTTP on
/// `listener` until `shutdown` completes; in-flight requests then have
/// `config.shutdown_grace` to finish.
pub async fn serve(
    config: Config,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let store = Store::connect(&config.database_url, config.max_connections).await?;
    serve_with_store(config, store, listener, shutdown).await
}

/// [`serve`] on an already connected store.
pub async fn serve_with_store(
    config: Config,
    store: Store,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    serve_split(config, store, listener, None, shutdown).await
}

/// [`serve_with_store`] with the back-office API (creation, status,
/// verification, revocation) on its own listener, e.g. one bound to an
/// internal network only. The app's listener then serves the completion
/// route and `/health` only; the back-office listener its routes and
/// `/health`. Without `backoffice`, one listener serves everything.
pub async fn serve_split(
    config: Config,
    store: Store,
    app: tokio::net::TcpListener,
    backoffice: Option<tokio::net::TcpListener>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let addr = app.local_addr()?;
    if config.sms.insecure() {
        tracing::warn!(
            "INSECURE: activation SMS codes and phone numbers are written in clear to a development outbox file; configure RAMZ_SMS_WEBHOOK for production"
        );
    }
    let (header_timeout, grace) = (config.header_read_timeout, config.shutdown_grace);
    let routers = api::routers(config, store.clone());
    let endpoints = match backoffice {
        Some(b) => {
            let baddr = b.local_addr()?;
            tracing::info!(%addr, backoffice = %baddr, backend = ?store.backend(), "ramz-server listening (back office on its own listener)");
            vec![
                serve::Endpoint {
                    listener: app,
                    router: routers.app,
                    name: "app",
                },
                serve::Endpoint {
                    listener: b,
                    router: routers.backoffice,
                    name: "backoffice",
                },
            ]
        }
        None => {
            tracing::info!(%addr, backend = ?store.backend(), "ramz-server listening");
            vec![serve::Endpoint {
                listener: app,
                router: routers.all,
                name: "app+backoffice",
            }]
        }
    };
    serve::until(endpoints, header_timeout, grace, shutdown).await;
    store.close().await;
    tracing::info!("ramz-server stopped");
    Ok(())
}

/// Seals a seed the way completed activations do (load benchmark set-up).
#[doc(hidden)]
pub fn seal_seed_for_bench(
    key: &MasterKey,
    credential_id: &str,
    seed: &[u8],
) -> Result<String, ServerError> {
    key.seal(api::SEED_PURPOSE, credential_id, seed)
}
