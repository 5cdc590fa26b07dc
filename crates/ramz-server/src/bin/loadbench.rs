//! `ramz-loadbench`: verification throughput and latency of `ramz-server`
//! on loopback, bounded in time and count.
//!
//! It seeds N credentials straight into the database (sealed like real
//! ones), starts one or more `ramz-server` processes on that database, and
//! fires `POST /v1/backoffice/credentials/{id}/verify` with the right code
//! from C keep-alive connections for D seconds. The first request per
//! credential is accepted; once every credential has been used in the
//! current step, requests are refused as replays (same work: one
//! conditional UPDATE). Reports requests/s and latency percentiles.
//!
//! ```text
//! ramz-loadbench --database-url postgres://root@127.0.0.1/test --instances 2 \
//!     --credentials 20000 --concurrency 64 --duration 10
//! ```
//!
//! `--server-bin PATH` runs another build of the server (to compare two
//! versions in one run). `--peer-url URL --peer-seeds FILE` instead fires
//! the same load, from the same client, at a privacyIDEA
//! `/validate/check` (form `serial`, `pass`), with `serial hexseed` lines
//! (SHA-1, 6 digits, 60 s TOTP tokens) read from FILE.
#![allow(clippy::print_stdout)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use ramz_otp::{Algorithm, Digits, Period, Secret, Totp};
use ramz_server::{MasterKey, NewCredential, Store};

struct Args {
    database_url: Option<String>,
    instances: usize,
    credentials: usize,
    concurrency: usize,
    duration: u64,
    max_requests: u64,
    server_connections: u32,
    server_bin: Option<std::path::PathBuf>,
    peer_url: Option<String>,
    peer_seeds: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        database_url: None,
        instances: 1,
        credentials: 20_000,
        concurrency: 64,
        duration: 10,
        max_requests: 2_000_000,
        server_connections: 32,
        server_bin: None,
        peer_url: None,
        peer_seeds: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number"))
        };
        match flag.as_str() {
            "--database-url" => a.database_url = Some(val()?),
            "--instances" => a.instances = num(val()?)?.clamp(1, 8) as usize,
            "--credentials" => a.credentials = num(val()?)?.clamp(1, 1_000_000) as usize,
            "--concurrency" => a.concurrency = num(val()?)?.clamp(1, 1024) as usize,
            "--duration" => a.duration = num(val()?)?.clamp(1, 120),
            "--max-requests" => a.max_requests = num(val()?)?,
            "--server-connections" => a.server_connections = num(val()?)?.clamp(1, 256) as u32,
            "--server-bin" => a.server_bin = Some(val()?.into()),
            "--peer-url" => a.peer_url = Some(val()?),
            "--peer-seeds" => a.peer_seeds = Some(val()?),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(a)
}

struct Servers(Vec<Child>);

impl Drop for Servers {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ramz-loadbench: {e}");
            std::process::exit(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ramz-loadbench: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(run(args)) {
        eprintln!("ramz-loadbench: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    if args.peer_url.is_some() {
        return bench(&args, "", dir.path()).await;
    }
    let (url, schema) = match &args.database_url {
        Some(u) if u.starts_with("postgres") => {
            let schema = format!("ramz_bench_{}", std::process::id());
            create_schema(u, &schema).await?;
            let sep = if u.contains('?') { '&' } else { '?' };
            (
                format!("{u}{sep}options=-c%20search_path%3D{schema}"),
                Some((u.clone(), schema)),
            )
        }
        Some(u) => (u.clone(), None),
        None => (
            format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("bench.db").display()
            ),
            None,
        ),
    };
    let result = bench(&args, &url, dir.path()).await;
    if let Some((admin, schema)) = schema {
        drop_schema(&admin, &schema).await;
    }
    result
}

/// What the load is fired at.
enum Target {
    /// `ramz-server` instances; `(credential id, its TOTP)`.
    Ramz {
        bases: Vec<String>,
        creds: Vec<(String, Totp)>,
    },
    /// A privacyIDEA `/validate/check` URL; `(token serial, its TOTP)`.
    Peer {
        url: String,
        tokens: Vec<(String, Totp)>,
    },
}

/// How an answer was classified.
enum Verdict {
    Accepted,
    Refused,
    Other,
}

impl Target {
    fn len(&self) -> usize {
        match self {
            Self::Ramz { creds, .. } => creds.len(),
            Self::Peer { tokens, .. } => tokens.len(),
        }
    }

    /// The verification request of worker `w` for credential `i` at `now`.
    fn request(&self, w: usize, i: usize, now: u64) -> Option<hyper::Request<Full<Bytes>>> {
        match self {
            Self::Ramz { bases, creds } => {
                let base = &bases[w % bases.len()];
                let (id, totp) = &creds[i];
                let body = format!("{{\"code\":\"{}\"}}", totp.code_at(now));
                hyper::Request::post(format!("{base}/v1/backoffice/credentials/{id}/verify"))
                    .header("content-type", "application/json")
                    .header("authorization", "Bearer bench-token")
                    .body(Full::new(Bytes::from(body)))
                    .ok()
            }
            Self::Peer { url, tokens } => {
                let (serial, totp) = &tokens[i];
                let body = format!("serial={serial}&pass={}", totp.code_at(now));
                hyper::Request::post(url.as_str())
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Full::new(Bytes::from(body)))
                    .ok()
            }
        }
    }

    fn classify(&self, ok: bool, body: &[u8]) -> Verdict {
        let has = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
        match self {
            Self::Ramz { .. } if ok && body.starts_with(b"{\"valid\":true") => Verdict::Accepted,
            Self::Ramz { .. } if ok && has(b"replayed") => Verdict::Refused,
            Self::Peer { .. } if ok && has(b"\"ACCEPT\"") => Verdict::Accepted,
            Self::Peer { .. } if ok && has(b"\"REJECT\"") => Verdict::Refused,
            _ => Verdict::Other,
        }
    }
}

async fn bench(args: &Args, url: &str, dir: &std::path::Path) -> Result<(), String> {
    if let (Some(peer), Some(seeds)) = (&args.peer_url, &args.peer_seeds) {
        let tokens = read_peer_seeds(seeds, args.credentials)?;
        let target = Target::Peer {
            url: peer.clone(),
            tokens,
        };
        return fire(args, target, "privacyidea").await;
    }
    let key = MasterKey::generate().map_err(|e| e.to_string())?;
    let creds = seed_credentials(args, url, &key).await?;

    let server_bin = match &args.server_bin {
        Some(p) => p.clone(),
        None => std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name("ramz-server"),
    };
    let mut servers = Servers(Vec::new());
    let mut bases = Vec::new();
    for _ in 0..args.instances {
        let port = free_port()?;
        let child = Command::new(&server_bin)
            .env("DATABASE_URL", url)
            .env("RAMZ_LISTEN", format!("127.0.0.1:{port}"))
            .env("RAMZ_MASTER_KEY", key.to_hex().as_str())
            .env("RAMZ_BACKOFFICE_TOKEN", "bench-token")
            .env("RAMZ_MAX_CONNECTIONS", args.server_connections.to_string())
            .env("RAMZ_STATE_DIR", dir)
            // No activations are created; the server needs a delivery.
            .env("RAMZ_SMS_OUTBOX", dir.join("bench-outbox.jsonl"))
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start {}: {e} (build it: cargo build --release -p ramz-server)",
                    server_bin.display()
                )
            })?;
        servers.0.push(child);
        bases.push(format!("http://127.0.0.1:{port}"));
    }
    let probe: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    for base in &bases {
        wait_healthy(&probe, base).await?;
    }
    let backend = if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    let result = fire(args, Target::Ramz { bases, creds }, backend).await;
    drop(servers);
    result
}

/// Seeds the credentials straight into the database, sealed like real
/// ones, from 16 concurrent connections.
async fn seed_credentials(
    args: &Args,
    url: &str,
    key: &MasterKey,
) -> Result<Vec<(String, Totp)>, String> {
    let store = Store::connect(url, 16).await.map_err(|e| e.to_string())?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    print!("seeding {} credentials ... ", args.credentials);
    let t = Instant::now();
    let mut creds: Vec<(String, Totp)> = Vec::with_capacity(args.credentials);
    let mut rows = Vec::with_capacity(args.credentials);
    for i in 0..args.credentials {
        let mut seed = [0u8; 20];
        getrandom::fill(&mut seed).map_err(|e| e.to_string())?;
        // 22 base64url characters = 16 bytes: the format of real ids.
        let id = format!("bench{i:07}AAAAAAAAAA");
        let sealed =
            ramz_server::seal_seed_for_bench(key, &id, &seed).map_err(|e| e.to_string())?;
        let secret = Secret::from_slice(&seed).map_err(|e| e.to_string())?;
        creds.push((
            id.clone(),
            Totp::new(&secret, Algorithm::Sha1, Digits::SIX, Period::SIXTY, 0),
        ));
        rows.push((id, sealed));
    }
    let rows = Arc::new(rows);
    let mut tasks = Vec::new();
    for part in 0..16 {
        let (store, rows) = (store.clone(), rows.clone());
        tasks.push(tokio::spawn(async move {
            for (id, sealed) in rows.iter().skip(part).step_by(16) {
                store
                    .insert_credential_for_bench(&NewCredential {
                        id,
                        activation_id: "bench",
                        masked_card: "6037-99**-****-0000",
                        algorithm: "SHA1",
                        digits: 6,
                        period: 60,
                        sealed_seed: sealed,
                        created_at: now as i64,
                    })
                    .await
                    .map_err(|e| e.to_string())?;
            }
            Ok::<(), String>(())
        }));
    }
    for task in tasks {
        task.await.map_err(|e| e.to_string())??;
    }
    store.close().await;
    println!("{:.1}s", t.elapsed().as_secs_f64());
    Ok(creds)
}

/// `serial hexseed` lines, at most `max` of them.
fn read_peer_seeds(path: &str, max: usize) -> Result<Vec<(String, Totp)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut tokens = Vec::new();
    for line in text.lines().take(max) {
        let mut parts = line.split_whitespace();
        let (Some(serial), Some(hex)) = (parts.next(), parts.next()) else {
            return Err(format!("{path}: expected `serial hexseed` lines"));
        };
        let seed = data_encoding::HEXLOWER_PERMISSIVE
            .decode(hex.as_bytes())
            .map_err(|_| format!("{path}: seed of {serial} is not hex"))?;
        let secret = Secret::from_slice(&seed).map_err(|e| e.to_string())?;
        tokens.push((
            serial.to_owned(),
            Totp::new(&secret, Algorithm::Sha1, Digits::SIX, Period::SIXTY, 0),
        ));
    }
    if tokens.is_empty() {
        return Err(format!("{path}: no tokens"));
    }
    Ok(tokens)
}

/// Fires the load from `concurrency` keep-alive connections and prints
/// one result line.
async fn fire(args: &Args, target: Target, label: &str) -> Result<(), String> {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(args.concurrency)
        .build_http();
    let target = Arc::new(target);
    let next = Arc::new(AtomicUsize::new(0));
    let sent = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.duration);
    let mut tasks = Vec::new();
    for w in 0..args.concurrency {
        let (client, target, next, sent) =
            (client.clone(), target.clone(), next.clone(), sent.clone());
        let max = args.max_requests;
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(1 << 16);
            let (mut valid, mut refused, mut other) = (0u64, 0u64, 0u64);
            while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < max {
                let i = next.fetch_add(1, Ordering::Relaxed) % target.len();
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let Some(req) = target.request(w, i, now) else {
                    other += 1;
                    continue;
                };
                let t = Instant::now();
                match client.request(req).await {
                    Ok(resp) => {
                        let ok = resp.status().is_success();
                        let bytes = resp
                            .into_body()
                            .collect()
                            .await
                            .map(|b| b.to_bytes())
                            .unwrap_or_default();
                        lat.push(t.elapsed());
                        match target.classify(ok, &bytes) {
                            Verdict::Accepted => valid += 1,
                            Verdict::Refused => refused += 1,
                            Verdict::Other => other += 1,
                        }
                    }
                    Err(_) => other += 1,
                }
            }
            (lat, valid, refused, other)
        }));
    }
    let start = Instant::now();
    let mut lat = Vec::new();
    let (mut valid, mut refused, mut other) = (0, 0, 0);
    for t in tasks {
        let (l, v, r, o) = t.await.map_err(|e| e.to_string())?;
        lat.extend(l);
        valid += v;
        refused += r;
        other += o;
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "backend={label} instances={} concurrency={} requests={} in {secs:.1}s => {:.0} verifications/s  p50={:.2}ms p99={:.2}ms max={:.2}ms  (accepted={valid} replay-refused={refused} other={other})",
        if label == "privacyidea" {
            1
        } else {
            args.instances
        },
        args.concurrency,
        lat.len(),
        lat.len() as f64 / secs,
        pct(0.50),
        pct(0.99),
        pct(1.0),
    );
    Ok(())
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

async fn wait_healthy(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    base: &str,
) -> Result<(), String> {
    for _ in 0..200 {
        let req = hyper::Request::get(format!("{base}/health"))
            .body(Full::new(Bytes::new()))
            .map_err(|e| e.to_string())?;
        if client
            .request(req)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("server at {base} did not become healthy"))
}

async fn create_schema(url: &str, schema: &str) -> Result<(), String> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(&mut c)
        .await
        .map_err(|e| e.to_string())?;
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut c)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

async fn drop_schema(url: &str, schema: &str) {
    use sqlx::Connection;
    if let Ok(mut c) = sqlx::AnyConnection::connect(url).await {
        let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .execute(&mut c)
            .await;
    }
}
