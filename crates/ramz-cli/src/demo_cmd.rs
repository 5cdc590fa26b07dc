//! `ramz demo`: the whole bank-card flow on one machine, nothing to set
//! up. A reference server runs in-process on a loopback port with a
//! temporary SQLite database; the "bank" creates an activation; the
//! "customer" scans it, takes the SMS code from the development outbox,
//! activates a temporary vault and sees the live code; the bank verifies
//! it once (accepted) and twice (refused as a replay). Everything is
//! deleted at exit, also when Ctrl-C ends it (the normal end of
//! `--watch`).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::Args;
use ramz_core::{AccountInfo, Authenticator};
use ramz_server::sms::OutboxGateway;
use ramz_server::{Config, MasterKey};
use serde_json::{Value, json};

use crate::activate_cmd::{self, Prompt};
use crate::code_cmd::unix_now;
use crate::failure::{CliError, Exit, core_error};

/// A Luhn-valid test card number (never a real card).
const DEMO_CARD: &str = "6037991199999990";
/// The temporary vault's PIN (the vault is deleted at exit).
const DEMO_PIN: &str = "258036";

/// Arguments of `ramz demo`.
#[derive(Args)]
pub struct DemoArgs {
    /// Keep the live code on screen at the end (until Ctrl-C).
    #[arg(long)]
    pub watch: bool,
    /// Seconds to show the live countdown before verifying.
    #[arg(long, default_value_t = 3, value_name = "S")]
    pub show_for: u64,
    /// Serve the web app and a demo internet-bank page instead, each on
    /// its own loopback origin, until Ctrl-C; prints their URLs.
    #[arg(long)]
    pub web: bool,
    /// The built web app (`web/build.sh` writes it).
    #[arg(long, default_value = "web/dist", value_name = "DIR", requires = "web")]
    pub web_dir: std::path::PathBuf,
}

/// Runs `ramz demo`.
pub fn run(args: DemoArgs) -> Result<(), CliError> {
    if args.web {
        return crate::demo_web::run(&args.web_dir);
    }
    let dir = tempfile::Builder::new().prefix("ramz-demo-").tempdir()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let base = format!("http://{}", listener.local_addr()?);
    let outbox = OutboxGateway::new(dir.path().join("sms-outbox.jsonl"));
    let token = hex_token()?;
    let master = MasterKey::generate().map_err(server_error)?;
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let mut config = Config::new(
        db,
        master,
        token.clone(),
        base.clone(),
        Arc::new(outbox.clone()),
    );
    config.issuer = "Ramz Demo Bank".into();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(ramz_server::serve(config, listener, async {
        let _ = stopped.await;
    }));
    let watching = Arc::new(AtomicBool::new(false));
    runtime.spawn(clean_up_on_ctrl_c(dir.path().to_owned(), watching.clone()));
    let result = demo(&args, &base, &token, &outbox, dir.path(), &watching);
    let _ = stop.send(());
    let served = runtime.block_on(server);
    runtime.shutdown_timeout(Duration::from_secs(2));
    result?;
    match served {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(server_error(e)),
        Err(e) => Err(CliError::new(
            Exit::Failure,
            format!("server task failed: {e}"),
        )),
    }
}

fn demo(
    args: &DemoArgs,
    base: &str,
    token: &str,
    outbox: &OutboxGateway,
    dir: &std::path::Path,
    watching: &AtomicBool,
) -> Result<(), CliError> {
    wait_healthy(base)?;
    println!(
        "① Bank server running at {base} (temporary SQLite database in {})",
        dir.display()
    );

    let (status, created) = call(
        "POST",
        &format!("{base}/v1/backoffice/activations"),
        Some(token),
        Some(json!({"card_number": DEMO_CARD, "phone": "09120000000"})),
    )?;
    if status != 201 {
        return Err(CliError::new(
            Exit::Server,
            format!("creating the activation failed with status {status}"),
        ));
    }
    let payload = created["qr_payload"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let activation_id = created["activation_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    println!(
        "② The internet bank shows this QR code for card {}:",
        created["masked_card"].as_str().unwrap_or("")
    );
    println!("{}", activate_cmd::terminal_qr(&payload)?);
    println!("   payload: {payload}");

    let sms = outbox
        .code_for(&activation_id)
        .ok_or_else(|| CliError::new(Exit::Server, "no SMS code in the outbox"))?;
    println!(
        "③ SMS to 0912*****00: \"your activation code is {}\" (read from the demo outbox)",
        sms.as_str()
    );

    let vault_path = dir.join("vault.ramz");
    let mut auth = activate_cmd::open_or_create_vault(&vault_path, &mut DemoPin::prompt())?;
    println!(
        "④ New vault {} created (the demo sets its 6-digit PIN)",
        vault_path.display()
    );

    let offer = activate_cmd::show_offer(auth.read_text(&payload).map_err(core_error)?)?;
    let card = activate_cmd::complete(&mut auth, offer.pending, &sms).map_err(CliError::from)?;
    println!(
        "⑤ Activated: the app and the bank derived the same seed; it never crossed the network."
    );
    println!(
        "   {} {} stored in the vault (not exportable); clock offset {} s",
        offer.issuer,
        offer.masked_card,
        auth.clock_status(unix_now()?).offset
    );

    println!("⑥ Live second password (read from the vault):");
    activate_cmd::show_live(&auth, &card, Some(Duration::from_secs(args.show_for)))?;

    let credential = call(
        "GET",
        &format!("{base}/v1/backoffice/activations/{activation_id}"),
        Some(token),
        None,
    )?
    .1["credential_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // The code the vault gives now, in the bank's time: what the customer
    // would type.
    let code = auth.code(card.id, unix_now()?).map_err(core_error)?.code;
    let verify_url = format!("{base}/v1/backoffice/credentials/{credential}/verify");
    let (_, first) = call(
        "POST",
        &verify_url,
        Some(token),
        Some(json!({"code": code.as_str()})),
    )?;
    println!(
        "⑦ Bank verifies the vault's code {code}: {}",
        verdict(&first)
    );
    if first["valid"] != true {
        return Err(CliError::new(
            Exit::Mismatch,
            "the bank did not accept the code",
        ));
    }
    let (_, second) = call(
        "POST",
        &verify_url,
        Some(token),
        Some(json!({"code": code.as_str()})),
    )?;
    println!("⑧ Same code again:   {}", verdict(&second));
    if second["reason"] != "replayed" {
        return Err(CliError::new(
            Exit::Mismatch,
            "the bank accepted a code twice",
        ));
    }
    if args.watch {
        println!("Live code (Ctrl-C to stop):");
        watching.store(true, Ordering::SeqCst);
        watch(&auth, &card)?;
    }
    println!("Done. The temporary server, database and vault are deleted.");
    Ok(())
}

/// Keeps the live code on screen: one updating line on a terminal, one
/// line per new code otherwise (logs, pipes, CI).
fn watch(auth: &Authenticator, card: &AccountInfo) -> Result<(), CliError> {
    if std::io::stdout().is_terminal() {
        return activate_cmd::show_live(auth, card, None);
    }
    loop {
        let remaining = activate_cmd::seconds_left(auth, card.id)?;
        activate_cmd::show_live(auth, card, Some(Duration::ZERO))?;
        std::thread::sleep(Duration::from_secs(remaining.max(1)));
    }
}

/// Ctrl-C deletes the temporary server database and vault before the
/// process ends: exit 0 while watching (the normal end of `--watch`), 130
/// before.
async fn clean_up_on_ctrl_c(dir: std::path::PathBuf, watching: Arc<AtomicBool>) {
    if tokio::signal::ctrl_c().await.is_err() {
        return;
    }
    let _ = std::fs::remove_dir_all(&dir);
    if watching.load(Ordering::SeqCst) {
        println!();
        println!("Done. The temporary server, database and vault are deleted.");
        std::process::exit(0);
    }
    eprintln!("ramz demo: interrupted; the temporary files are deleted");
    std::process::exit(130);
}

fn verdict(v: &Value) -> String {
    match (v["valid"].as_bool(), v["reason"].as_str()) {
        (Some(true), _) => format!("accepted (time step {})", v["step"]),
        (_, Some("replayed")) => "refused: this code was already used (RFC 6238 §5.2)".into(),
        (_, Some(r)) => format!("refused: {r}"),
        _ => format!("unexpected answer {v}"),
    }
}

/// Feeds the demo PIN to the vault prompts.
struct DemoPin;

impl DemoPin {
    fn prompt() -> Prompt {
        Prompt::fixed(DEMO_PIN)
    }
}

fn wait_healthy(base: &str) -> Result<(), CliError> {
    for _ in 0..100 {
        if call("GET", &format!("{base}/health"), None, None).is_ok_and(|(s, _)| s == 200) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(CliError::new(Exit::Server, "the demo server did not start"))
}

fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Result<(u16, Value), CliError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let bytes = match body {
        Some(b) => {
            req = req.header("Content-Type", "application/json");
            serde_json::to_vec(&b).map_err(|e| CliError::new(Exit::Failure, e))?
        }
        None => Vec::new(),
    };
    let request = req
        .body(bytes)
        .map_err(|e| CliError::new(Exit::Failure, e))?;
    let resp = agent
        .run(request)
        .map_err(|e| CliError::new(Exit::Server, format!("demo server unreachable: {e}")))?;
    let status = resp.status().as_u16();
    let body = resp
        .into_body()
        .read_to_vec()
        .map_err(|e| CliError::new(Exit::Server, e))?;
    Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

pub(crate) fn hex_token() -> Result<String, CliError> {
    let key = MasterKey::generate().map_err(server_error)?;
    Ok(key.to_hex()[..32].to_owned())
}

pub(crate) fn server_error(e: ramz_server::ServerError) -> CliError {
    CliError::new(Exit::Server, e)
}
