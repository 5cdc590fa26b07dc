//! The `ramz-server` binary as an operator runs it: configuration from the
//! environment, SMS through the HTTP webhook, JSON logs, health, and a
//! graceful shutdown on SIGTERM that lets an in-flight request finish.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{CARD, http};
use serde_json::{Value, json};

const TOKEN: &str = "binary-test-token";
const HOOK_TOKEN: &str = "hook-bearer-token";
const MASTER_HEX: &str = "4242424242424242424242424242424242424242424242424242424242424242";

/// One request the fake SMS provider received.
struct Delivery {
    authorization: String,
    body: Value,
}

/// A fake SMS provider: answers `status` after `delay`, reports each
/// request on the channel as soon as it is read (before answering).
fn sms_provider(status: u16, delay: Duration) -> (String, mpsc::Receiver<Delivery>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut length, mut authorization) = (0usize, String::new());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("authorization:") {
                    authorization = line["authorization:".len()..].trim().to_owned();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let _ = tx.send(Delivery {
                authorization,
                body,
            });
            std::thread::sleep(delay);
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{{}}"
            );
        }
    });
    (url, rx)
}

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(webhook: &str, extra: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ramz-server"));
        cmd.env_clear()
            .env(
                "DATABASE_URL",
                format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display()),
            )
            .env("RAMZ_LISTEN", format!("127.0.0.1:{port}"))
            .env("RAMZ_MASTER_KEY", MASTER_HEX)
            .env("RAMZ_BACKOFFICE_TOKEN", TOKEN)
            .env("RAMZ_SMS_WEBHOOK", webhook)
            .env("RAMZ_SMS_WEBHOOK_TOKEN", HOOK_TOKEN)
            .env("RAMZ_STATE_DIR", dir.path())
            .env("RAMZ_LOG_FORMAT", "json")
            .env("RUST_LOG", "debug")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let child = cmd.spawn().unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (status, body) = get(&format!("{base}/health"));
            if status == 200 {
                assert_eq!(body, json!({"status": "ok", "database": "ok"}));
                break;
            }
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            base,
            _dir: dir,
        }
    }

    fn create(&self) -> (u16, Value) {
        let (s, b) = http(
            "POST",
            &format!("{}/v1/backoffice/activations", self.base),
            Some(TOKEN),
            Some("application/json"),
            Some(
                serde_json::to_vec(&json!({"card_number": CARD, "phone": "09121234567"})).unwrap(),
            ),
        );
        (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
    }

    fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args([name, &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Waits for the exit; returns (exit code, log lines).
    fn wait(mut self) -> (Option<i32>, Vec<String>) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(Instant::now() < deadline, "still running");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut logs = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut logs)
            .unwrap();
        (status.code(), logs.lines().map(str::to_owned).collect())
    }
}

/// GET: (status, JSON body), status 0 when nothing answers.
fn get(url: &str) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(2)))
        .build()
        .into();
    match agent.get(url).call() {
        Ok(r) => {
            let status = r.status().as_u16();
            let body = r.into_body().read_to_vec().unwrap_or_default();
            (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
        }
        Err(_) => (0, Value::Null),
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn sigterm_lets_the_in_flight_request_finish_then_exits_zero() {
    // The provider holds the SMS for 1.5 s: SIGTERM arrives while the
    // creation request is in flight.
    let (hook, deliveries) = sms_provider(200, Duration::from_millis(1500));
    let server = Server::start(&hook, &[("RAMZ_ACTIVATION_TTL", "120")]);
    let base = server.base.clone();
    let (tx, created) = mpsc::channel();
    let creating = std::thread::spawn({
        let server_base = base.clone();
        move || {
            let (s, b) = http(
                "POST",
                &format!("{server_base}/v1/backoffice/activations"),
                Some(TOKEN),
                Some("application/json"),
                Some(
                    serde_json::to_vec(&json!({"card_number": CARD, "phone": "09121234567"}))
                        .unwrap(),
                ),
            );
            tx.send((
                s,
                serde_json::from_slice::<Value>(&b).unwrap_or(Value::Null),
            ))
            .unwrap();
        }
    });
    let sms = deliveries.recv_timeout(Duration::from_secs(30)).unwrap();
    let asked_at = unix_now();
    server.signal("-TERM");

    let (status, body) = created.recv_timeout(Duration::from_secs(30)).unwrap();
    creating.join().unwrap();
    assert_eq!(status, 201, "{body}");
    // RAMZ_ACTIVATION_TTL: 120 s instead of the default 300.
    let expires = body["expires_at"].as_u64().unwrap();
    assert!(
        (asked_at + 115..=asked_at + 121).contains(&expires),
        "{expires} vs {asked_at}"
    );

    // The webhook got the provider's token and a text with the code.
    assert_eq!(sms.authorization, format!("Bearer {HOOK_TOKEN}"));
    assert_eq!(sms.body["to"], "09121234567");
    let text = sms.body["text"].as_str().unwrap();
    let code: String = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .unwrap()
        .to_owned();

    let (exit, logs) = server.wait();
    assert_eq!(exit, Some(0), "{logs:#?}");
    // No new connections after the shutdown.
    assert_eq!(get(&format!("{base}/health")).0, 0);

    // Structured: every line is one JSON object with a level, a target and
    // fields.
    assert!(!logs.is_empty());
    for line in &logs {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|_| panic!("{line}"));
        assert!(
            v["level"].is_string() && v["target"].is_string() && v["fields"].is_object(),
            "{line}"
        );
    }
    let all = logs.join("\n");
    assert!(all.contains("shutdown requested"), "{all}");
    assert!(all.contains("ramz-server stopped"), "{all}");
    assert!(
        all.contains("activation SMS handed to the webhook"),
        "{all}"
    );
    // Nothing secret: the SMS code, the full card, the phone, the tokens,
    // the master key.
    for secret in [CARD, "09121234567", TOKEN, HOOK_TOKEN, MASTER_HEX] {
        assert!(!all.contains(secret), "{secret} logged:\n{all}");
    }
    assert!(
        !all.split(|c: char| !c.is_ascii_digit()).any(|w| w == code),
        "SMS code logged:\n{all}"
    );
}

#[test]
fn a_failing_sms_gateway_is_a_clear_json_error() {
    let (hook, deliveries) = sms_provider(500, Duration::ZERO);
    let server = Server::start(&hook, &[]);
    let (status, body) = server.create();
    assert_eq!(status, 502, "{body}");
    assert_eq!(body["error"], "sms_not_sent");
    assert!(body["detail"].as_str().unwrap().contains("new activation"));
    assert!(deliveries.recv_timeout(Duration::from_secs(5)).is_ok());
    server.signal("-INT");
    let (exit, logs) = server.wait();
    assert_eq!(exit, Some(0));
    assert!(logs.join("\n").contains("activation SMS not sent"));
}
