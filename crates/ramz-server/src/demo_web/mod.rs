//! `ramz demo --web`: the reference server with two browser pages on
//! loopback, each on its own origin:
//!
//! - the **web app** (`web/`, built into a directory of static files),
//!   whose origin alone may call the app API (CORS, `api/cors.rs`);
//! - a minimal **internet bank**: the customer types a card number, sees
//!   the activation QR code and the SMS the bank "sent" (read from the
//!   demo's development outbox), then types the code the app shows and
//!   the bank verifies it. The page talks to its own origin only; its
//!   backend holds the back-office token and calls the back-office
//!   routes in-process.
//!
//! Demo only: the bank page shows the SMS code on screen.

mod bank;
mod files;

use std::path::PathBuf;

use tokio::net::TcpListener;

use crate::sms::OutboxGateway;
use crate::{Config, ServerError, Store, api, serve};

/// The two pages of [`serve_demo_web`].
pub struct DemoWeb {
    /// The built web app (`web/dist`: `index.html`, the script, the
    /// `.wasm`).
    pub app_dir: PathBuf,
    /// Where the web app is served (its origin must be in
    /// `Config::allowed_origins`).
    pub app: TcpListener,
    /// Where the bank page is served.
    pub bank: TcpListener,
    /// The development outbox the demo's SMS codes are read from.
    pub outbox: OutboxGateway,
}

/// Serves the API on `api`, the web app and the bank page, until
/// `shutdown` completes.
pub async fn serve_demo_web(
    config: Config,
    store: Store,
    api_listener: TcpListener,
    web: DemoWeb,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let api_url = config.public_url.clone();
    let token = config.backoffice_token.clone();
    let (header_timeout, grace) = (config.header_read_timeout, config.shutdown_grace);
    let routers = api::routers(config, store.clone());
    let bank = bank::router(routers.backoffice.clone(), token, web.outbox);
    let app = files::router(web.app_dir, &api_url);
    let endpoints = vec![
        serve::Endpoint {
            listener: api_listener,
            router: routers.all,
            name: "app+backoffice",
        },
        serve::Endpoint {
            listener: web.app,
            router: app,
            name: "web app",
        },
        serve::Endpoint {
            listener: web.bank,
            router: bank,
            name: "bank page",
        },
    ];
    serve::until(endpoints, header_timeout, grace, shutdown).await;
    store.close().await;
    Ok(())
}
