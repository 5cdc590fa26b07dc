//! `ramz demo --web`: the reference server with the web app and a demo
//! internet-bank page, each on its own loopback origin, until Ctrl-C.
//! The app API allows the web app's origin only (CORS).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ramz_server::sms::OutboxGateway;
use ramz_server::{Config, DemoWeb, MasterKey, Store};

use crate::demo_cmd::{hex_token, server_error};
use crate::failure::{CliError, Exit};

/// Runs the web demo; returns at Ctrl-C (the temporary files deleted).
pub fn run(web_dir: &Path) -> Result<(), CliError> {
    if !web_dir.join("index.html").is_file() {
        return Err(CliError::new(
            Exit::Usage,
            format!(
                "no web app in {} (build it with web/build.sh, or point --web-dir at it)",
                web_dir.display()
            ),
        ));
    }
    let dir = tempfile::Builder::new()
        .prefix("ramz-demo-web-")
        .tempdir()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let bind =
        |rt: &tokio::runtime::Runtime| -> Result<(tokio::net::TcpListener, String), CliError> {
            let l = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
            let url = format!("http://{}", l.local_addr()?);
            Ok((l, url))
        };
    let (api, api_url) = bind(&runtime)?;
    let (app, app_url) = bind(&runtime)?;
    let (bank, bank_url) = bind(&runtime)?;
    let outbox = OutboxGateway::new(dir.path().join("sms-outbox.jsonl"));
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let mut config = Config::new(
        db.clone(),
        MasterKey::generate().map_err(server_error)?,
        hex_token()?,
        api_url.clone(),
        Arc::new(outbox.clone()),
    );
    config.issuer = "Ramz Demo Bank".into();
    config.allowed_origins = vec![app_url.clone()];
    let store = runtime
        .block_on(Store::connect(&db, 4))
        .map_err(server_error)?;
    let web = DemoWeb {
        app_dir: web_dir.to_owned(),
        app,
        bank,
        outbox,
    };
    println!("Ramz web demo (loopback only; Ctrl-C to stop):");
    println!("  web app:       {app_url}/");
    println!("  internet bank: {bank_url}/");
    println!("  (app API at {api_url}, open to the web app's origin only)");
    let served = runtime.block_on(ramz_server::serve_demo_web(
        config,
        store,
        api,
        web,
        async {
            let _ = tokio::signal::ctrl_c().await;
        },
    ));
    runtime.shutdown_timeout(Duration::from_secs(2));
    drop(dir);
    served.map_err(server_error)
}
