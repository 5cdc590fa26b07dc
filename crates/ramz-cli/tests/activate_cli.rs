//! `ramz activate` against a real server on a loopback port, through the
//! built binary (`ramz demo`: `demo_cli.rs`).
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use ramz_server::sms::OutboxGateway;
use ramz_server::{Config, MasterKey};
use serde_json::{Value, json};

const TOKEN: &str = "cli-test-token";
const PIN: &str = "258036";

struct Bank {
    base: String,
    outbox: OutboxGateway,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Bank {
    fn start() -> Self {
        Self::start_with(ramz_server::Clock::System)
    }

    /// A bank whose clock is `clock` (a manual one for a skewed bank).
    fn start_with(clock: ramz_server::Clock) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let outbox = OutboxGateway::new(dir.path().join("outbox.jsonl"));
        let db = format!("sqlite://{}?mode=rwc", dir.path().join("bank.db").display());
        let mut config = Config::new(
            db,
            MasterKey::from_bytes([3; 32]),
            TOKEN,
            base.clone(),
            Arc::new(outbox.clone()),
        );
        config.clock = clock;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                ramz_server::serve(config, listener, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let bank = Self {
            base,
            outbox,
            _dir: dir,
            stop: Some(stop),
            thread: Some(thread),
        };
        for _ in 0..100 {
            if bank.call("GET", "/health", None).0 == 200 {
                return bank;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("server did not start");
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {TOKEN}"));
        let bytes = body.map(|b| {
            req = std::mem::take(&mut req).header("Content-Type", "application/json");
            serde_json::to_vec(&b).unwrap()
        });
        match agent.run(req.body(bytes.unwrap_or_default()).unwrap()) {
            Ok(resp) => {
                let status = resp.status().as_u16();
                (
                    status,
                    serde_json::from_slice(&resp.into_body().read_to_vec().unwrap())
                        .unwrap_or(Value::Null),
                )
            }
            Err(_) => (0, Value::Null),
        }
    }

    /// (activation id, QR payload, PNG bytes)
    fn activation(&self) -> (String, String, Vec<u8>) {
        let (s, v) = self.call(
            "POST",
            "/v1/backoffice/activations",
            Some(json!({"card_number": "6037991199999990", "phone": "09121234567"})),
        );
        assert_eq!(s, 201, "{v}");
        let png = data_encoding::BASE64
            .decode(v["qr_png"].as_str().unwrap().as_bytes())
            .unwrap();
        (
            v["activation_id"].as_str().unwrap().to_owned(),
            v["qr_payload"].as_str().unwrap().to_owned(),
            png,
        )
    }

    fn sms(&self, id: &str) -> String {
        self.outbox.code_for(id).unwrap().to_string()
    }
}

impl Drop for Bank {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn ramz(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn persian(code: &str) -> String {
    code.chars()
        .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

/// The 6-digit code on the last output line.
fn shown_code(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or("").to_owned();
    last.split_whitespace().nth(1).unwrap_or("").to_owned()
}

#[test]
fn activate_new_vault_then_the_bank_accepts_the_code() {
    let bank = Bank::start();
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.ramz");
    let vault_arg = vault.to_str().unwrap();

    let (id, payload, _) = bank.activation();
    let out = ramz(
        &["activate", &payload, "--vault", vault_arg],
        &format!("{PIN}\n{PIN}\n{}\n", persian(&bank.sms(&id))),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(vault.exists());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("6037-99**-****-9990"), "{stdout}");
    let code = shown_code(&out);
    assert_eq!(code.len(), 6, "{stdout}");
    let cred = bank
        .call("GET", &format!("/v1/backoffice/activations/{id}"), None)
        .1["credential_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, v) = bank.call(
        "POST",
        &format!("/v1/backoffice/credentials/{cred}/verify"),
        Some(json!({"code": code})),
    );
    assert_eq!(
        v["valid"], true,
        "the code the terminal showed is the bank's: {v}"
    );

    // A second card into the same vault: the PIN is asked once.
    let (id2, payload2, _) = bank.activation();
    let out = ramz(
        &["activate", &payload2, "--vault", vault_arg],
        &format!("{PIN}\n{}\n", bank.sms(&id2)),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The wrong PIN is refused with its exit code.
    let (id3, payload3, _) = bank.activation();
    let out = ramz(
        &["activate", &payload3, "--vault", vault_arg],
        &format!("147036\n{}\n", bank.sms(&id3)),
    );
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn activate_reports_wrong_code_expired_and_unreachable() {
    let bank = Bank::start();
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.ramz");
    let vault_arg = vault.to_str().unwrap();
    let (id, payload, _) = bank.activation();
    let right: u32 = bank.sms(&id).parse().unwrap();
    let wrong = format!("{:04}", (right + 1) % 10_000);
    let out = ramz(
        &["activate", &payload, "--vault", vault_arg],
        &format!("{PIN}\n{PIN}\n{wrong}\n"),
    );
    assert_eq!(out.status.code(), Some(9));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("wrong SMS code (2 attempts left)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = ramz(
        &[
            "activate",
            &payload.replace(
                &bank.base.replace(':', "%3A").replace('/', "%2F"),
                "http%3A%2F%2F127.0.0.1%3A9",
            ),
            "--vault",
            vault_arg,
        ],
        &format!("{PIN}\n{right:04}\n"),
    );
    assert_eq!(out.status.code(), Some(8));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("could not be reached"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = ramz(
        &[
            "activate",
            "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP",
            "--vault",
            vault_arg,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn activate_from_a_qr_image_file() {
    let bank = Bank::start();
    let dir = tempfile::tempdir().unwrap();
    let (id, _, png) = bank.activation();
    let img = dir.path().join("activation.png");
    std::fs::write(&img, png).unwrap();
    let vault = dir.path().join("vault.ramz");
    let out = ramz(
        &[
            "activate",
            img.to_str().unwrap(),
            "--vault",
            vault.to_str().unwrap(),
        ],
        &format!("{PIN}\n{PIN}\n{}\n", bank.sms(&id)),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The bank's clock is three hours ahead of this machine's: after
/// `ramz activate`, `ramz codes` (another process, reading the vault)
/// shows the code of the bank's time, which the bank accepts; `ramz clock`
/// shows where the offset came from and can override it.
#[test]
fn codes_after_activate_use_the_banks_clock_offset() {
    const AHEAD: u64 = 3 * 3600;
    let device_now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let bank = Bank::start_with(ramz_server::Clock::manual(device_now + AHEAD));
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.ramz");
    let vault_arg = vault.to_str().unwrap();
    let (id, payload, _) = bank.activation();
    let out = ramz(
        &["activate", &payload, "--vault", vault_arg],
        &format!("{PIN}\n{PIN}\n{}\n", bank.sms(&id)),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("s off the bank's"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = ramz(
        &["clock", "show", "--vault", vault_arg, "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    let shown = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(shown.contains("source:\tbank"), "{shown}");
    let offset: i64 = shown
        .lines()
        .find_map(|l| l.strip_prefix("offset:\t"))
        .unwrap()
        .parse()
        .unwrap();
    assert!((offset - AHEAD as i64).abs() <= 5, "{shown}");

    let codes_at = |time: Option<&str>| {
        let mut args = vec!["codes", "--vault", vault_arg, "--pin-stdin"];
        if let Some(t) = time {
            args.extend(["--time", t]);
        }
        let out = ramz(&args, &format!("{PIN}\n"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.trim_end().rsplit('\t').next().unwrap().to_owned()
    };
    let code = codes_at(None);
    let cred = bank
        .call("GET", &format!("/v1/backoffice/activations/{id}"), None)
        .1["credential_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, v) = bank.call(
        "POST",
        &format!("/v1/backoffice/credentials/{cred}/verify"),
        Some(json!({"code": code})),
    );
    assert_eq!(v["valid"], true, "`ramz codes` uses the bank's time: {v}");

    // A manual offset of zero overrides the bank's: at one fixed device
    // time the code is then another one (three hours apart), and clearing
    // the manual offset gives the bank's back.
    let t = device_now.to_string();
    let banks = codes_at(Some(&t));
    let out = ramz(
        &["clock", "set", "0", "--vault", vault_arg, "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("source:\tmanual"));
    assert_ne!(codes_at(Some(&t)), banks);
    let out = ramz(
        &["clock", "clear", "--vault", vault_arg, "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(codes_at(Some(&t)), banks);
}
