//! The `ramz-server` binary as a child process, configured through its
//! environment, and a fake SMS provider.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{CARD, http};

pub const TOKEN: &str = "binary-test-token";
pub const HOOK_TOKEN: &str = "hook-bearer-token";
pub const MASTER_HEX: &str = "4242424242424242424242424242424242424242424242424242424242424242";

/// One request the fake SMS provider received.
pub struct Delivery {
    pub authorization: String,
    pub body: Value,
}

/// A fake SMS provider: answers `status` after `delay`, reports each
/// request on the channel as soon as it is read (before answering).
pub fn sms_provider(status: u16, delay: Duration) -> (String, mpsc::Receiver<Delivery>) {
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

pub struct Server {
    pub child: Child,
    pub base: String,
    pub port: u16,
    logs: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    dir: tempfile::TempDir,
}

/// A free loopback port.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// The binary with a test configuration: SQLite in a temporary
    /// directory, SMS to `webhook` (none when empty), then `extra`.
    pub fn command(
        dir: &std::path::Path,
        port: u16,
        webhook: &str,
        extra: &[(&str, &str)],
    ) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ramz-server"));
        cmd.env_clear()
            .env(
                "DATABASE_URL",
                format!("sqlite://{}?mode=rwc", dir.join("s.db").display()),
            )
            .env("RAMZ_LISTEN", format!("127.0.0.1:{port}"))
            .env("RAMZ_MASTER_KEY", MASTER_HEX)
            .env("RAMZ_BACKOFFICE_TOKEN", TOKEN)
            .env("RAMZ_SMS_WEBHOOK_TOKEN", HOOK_TOKEN)
            .env("RAMZ_STATE_DIR", dir)
            .env("RAMZ_LOG_FORMAT", "json")
            .env("RUST_LOG", "debug")
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if !webhook.is_empty() {
            cmd.env("RAMZ_SMS_WEBHOOK", webhook);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn start(webhook: &str, extra: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut child = Self::command(dir.path(), port, webhook, extra)
            .spawn()
            .unwrap();
        // Logs are read as they come, so a chatty server never blocks on
        // a full pipe.
        let logs = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let reader = std::thread::spawn({
            let logs = logs.clone();
            move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    logs.lock().unwrap().push(line);
                }
            }
        });
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (status, body) = get(&format!("{base}/health"));
            if status == 200 {
                assert_eq!(body, json!({"status": "ok", "database": "ok"}));
                break;
            }
            if let Some(exit) = child.try_wait().unwrap() {
                panic!("the server exited: {exit}: {:#?}", logs.lock().unwrap());
            }
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            base,
            port,
            logs,
            reader: Some(reader),
            dir,
        }
    }

    /// The server's state directory.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Log lines so far.
    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().unwrap().clone()
    }

    pub fn create(&self) -> (u16, Value) {
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

    pub fn signal(&self, name: &str) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args([name, &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Waits up to 30 s for the exit; returns (exit code, log lines).
    pub fn wait(self) -> (Option<i32>, Vec<String>) {
        let (code, logs, _) = self.wait_within(Duration::from_secs(30));
        (code, logs)
    }

    /// Waits up to `limit` for the exit (killing the server and failing
    /// the test if it is still running); returns (exit code, log lines,
    /// time waited).
    pub fn wait_within(mut self, limit: Duration) -> (Option<i32>, Vec<String>, Duration) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("still running after {limit:?}: {:#?}", self.logs());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let waited = start.elapsed();
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        (status.code(), self.logs(), waited)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// GET: (status, JSON body), status 0 when nothing answers.
pub fn get(url: &str) -> (u16, Value) {
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

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}
