//! A real server on a loopback port, run on its own thread and runtime, and
//! a blocking HTTP client: tests read like a bank and an app talking to it.
#![allow(dead_code)]

pub mod pg;
pub mod process;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use ramz_activation::{ActivatedCard, ActivationOffer, ClientActivation};
use ramz_server::sms::OutboxGateway;
use ramz_server::{Clock, Config, MasterKey};
use serde_json::{Value, json};

pub const TOKEN: &str = "test-backoffice-token";
pub const CARD: &str = "6037991199999990";
pub const T0: u64 = 1_750_000_020;

pub struct TestServer {
    pub base: String,
    pub clock: Clock,
    pub outbox: OutboxGateway,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Options for [`TestServer::start`].
pub struct Setup {
    pub database_url: String,
    pub clock: Clock,
    pub outbox: PathBuf,
    pub master_key: MasterKey,
    /// Steps accepted either side of the current one.
    pub verify_window: u64,
    /// Last changes to the configuration.
    pub configure: fn(&mut Config),
}

impl Setup {
    pub fn sqlite(dir: &Path, clock: Clock) -> Self {
        Self {
            database_url: format!("sqlite://{}?mode=rwc", dir.join("ramz.db").display()),
            clock,
            outbox: dir.join("outbox.jsonl"),
            master_key: MasterKey::from_bytes([42; 32]),
            verify_window: 1,
            configure: |_| {},
        }
    }
}

impl TestServer {
    pub fn start(setup: &Setup) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let outbox = OutboxGateway::new(&setup.outbox);
        let mut config = Config::new(
            setup.database_url.clone(),
            setup.master_key.clone(),
            TOKEN,
            base.clone(),
            Arc::new(outbox.clone()),
        );
        config.clock = setup.clock.clone();
        config.verify_window = setup.verify_window;
        config.issuer = "Test Bank".into();
        config.max_connections = 8;
        (setup.configure)(&mut config);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let store =
                    ramz_server::Store::connect(&config.database_url, config.max_connections)
                        .await
                        .unwrap();
                ready_tx.send(()).unwrap();
                ramz_server::serve_with_store(config, store, listener, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        ready_rx.recv().unwrap();
        Self {
            base,
            clock: setup.clock.clone(),
            outbox,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Raw request: (status, body).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> (u16, Vec<u8>) {
        http(method, &self.url(path), token, content_type, body)
    }

    pub fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        let (s, b) = self.request(
            "POST",
            path,
            token,
            Some("application/json"),
            Some(serde_json::to_vec(body).unwrap()),
        );
        (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
    }

    /// Creation as the bank sends it: (status, body).
    pub fn try_create(&self, card: &str) -> (u16, Value) {
        self.post_json(
            "/v1/backoffice/activations",
            Some(TOKEN),
            &json!({"card_number": card, "phone": "09121234567"}),
        )
    }

    /// The activation's state as the back office sees it.
    pub fn status(&self, activation_id: &str) -> Value {
        let (s, v) = self.get(
            &format!("/v1/backoffice/activations/{activation_id}"),
            Some(TOKEN),
        );
        assert_eq!(s, 200, "{v}");
        v
    }

    /// App side, raw: the completion's (status, JSON body) for `code`.
    pub fn complete_raw(&self, payload: &str, code: &str) -> (u16, Value) {
        let offer = ActivationOffer::parse(payload).unwrap();
        let (_, req) = ClientActivation::start_random(offer, code).unwrap();
        let (status, body) = http(
            "POST",
            &req.url,
            None,
            Some(req.content_type),
            Some(req.body),
        );
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    pub fn create_activation(&self, card: &str) -> Value {
        let (s, v) = self.post_json(
            "/v1/backoffice/activations",
            Some(TOKEN),
            &json!({"card_number": card, "phone": "09121234567"}),
        );
        assert_eq!(s, 201, "{v}");
        v
    }

    pub fn sms_code(&self, activation_id: &str) -> String {
        self.outbox.code_for(activation_id).unwrap().to_string()
    }

    /// App side: completes with `code`; Ok(card) or the client error.
    pub fn complete(
        &self,
        payload: &str,
        code: &str,
    ) -> Result<ActivatedCard, ramz_activation::ActivationError> {
        let offer = ActivationOffer::parse(payload).unwrap();
        let (pending, req) = ClientActivation::start_random(offer, code)?;
        let (status, body) = http(
            "POST",
            &req.url,
            None,
            Some(req.content_type),
            Some(req.body),
        );
        pending.finish(status, &body, self.clock.now())
    }

    /// Creates and completes an activation; returns (card, credential id).
    pub fn activated(&self) -> (ActivatedCard, String) {
        let created = self.create_activation(CARD);
        let id = created["activation_id"].as_str().unwrap();
        let card = self
            .complete(created["qr_payload"].as_str().unwrap(), &self.sms_code(id))
            .unwrap();
        let (s, st) = self.get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN));
        assert_eq!(s, 200);
        (card, st["credential_id"].as_str().unwrap().to_owned())
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let (s, b) = self.request("GET", path, token, None, None);
        (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
    }

    pub fn verify(&self, credential: &str, code: &str) -> (u16, Value) {
        self.post_json(
            &format!("/v1/backoffice/credentials/{credential}/verify"),
            Some(TOKEN),
            &json!({"code": code}),
        )
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn http(
    method: &str,
    url: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Option<Vec<u8>>,
) -> (u16, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    if let Some(c) = content_type {
        req = req.header("Content-Type", c);
    }
    let resp = agent
        .run(req.body(body.unwrap_or_default()).unwrap())
        .unwrap();
    let status = resp.status().as_u16();
    let body = resp.into_body().read_to_vec().unwrap();
    (status, body)
}

/// The code the customer's app shows at the server's current time.
pub fn code_now(card: &ActivatedCard, server: &TestServer) -> String {
    ramz_otp::Totp::new(&card.secret, card.algorithm, card.digits, card.period, 0)
        .code_at(server.clock.now())
        .to_string()
}
