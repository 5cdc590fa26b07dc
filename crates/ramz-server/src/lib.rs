#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod api;
pub mod card;
mod config;
mod error;
pub mod qr_image;
mod seal;
pub mod sms;
mod store;

use std::future::Future;

pub use config::{Clock, Config, default_database_url, state_dir};
pub use error::ServerError;
pub use seal::MasterKey;
pub use store::{Backend, NewCredential, Store};

/// Connects to the database (running migrations), then serves HTTP on
/// `listener` until `shutdown` completes; in-flight requests finish first.
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
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = ?store.backend(), "ramz-server listening");
    let app = api::router(config, store.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
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
