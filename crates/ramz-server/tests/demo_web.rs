#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `serve_demo_web`: the API, the web app's files and the demo bank page
//! on three loopback origins; the bank flow through the bank page's own
//! calls, the app's completion sent from the web app's origin.

use std::sync::Arc;

use ramz_activation::{ActivationOffer, ClientActivation};
use ramz_server::sms::OutboxGateway;
use ramz_server::{Config, DemoWeb, MasterKey};
use serde_json::{Value, json};

struct Demo {
    api: String,
    app: String,
    bank: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Demo {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn bind() -> (std::net::TcpListener, String) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    (l, url)
}

fn start(dir: &std::path::Path) -> Demo {
    let app_dir = dir.join("dist");
    std::fs::create_dir_all(&app_dir).unwrap();
    std::fs::write(
        app_dir.join("index.html"),
        "<!doctype html><title>app</title>",
    )
    .unwrap();
    std::fs::write(app_dir.join("secret.txt"), "not served").unwrap();
    let (api_l, api) = bind();
    let (app_l, app) = bind();
    let (bank_l, bank) = bind();
    let outbox = OutboxGateway::new(dir.join("outbox.jsonl"));
    let mut config = Config::new(
        format!("sqlite://{}?mode=rwc", dir.join("demo.db").display()),
        MasterKey::from_bytes([9; 32]),
        "demo-token",
        api.clone(),
        Arc::new(outbox.clone()),
    );
    config.allowed_origins = vec![app.clone()];
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let store = ramz_server::Store::connect(&config.database_url, 4)
                .await
                .unwrap();
            let web = DemoWeb {
                app_dir,
                app: tokio::net::TcpListener::from_std(app_l).unwrap(),
                bank: tokio::net::TcpListener::from_std(bank_l).unwrap(),
                outbox,
            };
            let api_l = tokio::net::TcpListener::from_std(api_l).unwrap();
            ready_tx.send(()).unwrap();
            ramz_server::serve_demo_web(config, store, api_l, web, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
    });
    ready_rx.recv().unwrap();
    Demo {
        api,
        app,
        bank,
        stop: Some(stop),
        thread: Some(thread),
    }
}

fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (u16, ureq::http::HeaderMap, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = agent.run(req.body(body).unwrap()).unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.into_body().read_to_vec().unwrap())
}

fn post_json(url: &str, body: &Value) -> (u16, Value) {
    let (s, _, b) = send(
        "POST",
        url,
        &[("Content-Type", "application/json")],
        body.to_string().into_bytes(),
    );
    (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
}

/// What the app did with the bank's offer: completed the activation from
/// its own origin and computed the first code.
struct AppSide {
    code: String,
    /// The app API's completion URL.
    url: String,
}

/// The app's side of an activation: it completes from the web app's
/// origin (CORS must allow that origin) and returns its first code.
fn complete_in_app(demo: &Demo, offer: &Value) -> AppSide {
    let sms = offer["sms_code"].as_str().unwrap();
    let payload = offer["qr_payload"].as_str().unwrap();
    let (pending, req) =
        ClientActivation::start_random(ActivationOffer::parse(payload).unwrap(), sms).unwrap();
    let (s, h, body) = send(
        "POST",
        &req.url,
        &[("Origin", &demo.app), ("Content-Type", req.content_type)],
        req.body,
    );
    assert_eq!(s, 200);
    assert_eq!(h["access-control-allow-origin"].to_str().unwrap(), demo.app);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let card = pending.finish(s, &body, now).unwrap();
    let code = ramz_otp::Totp::new(&card.secret, card.algorithm, card.digits, card.period, 0)
        .code_at(now)
        .to_string();
    AppSide { code, url: req.url }
}

#[test]
fn web_app_files_are_served_with_a_strict_policy() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start(dir.path());
    let (s, h, body) = send("GET", &format!("{}/", demo.app), &[], Vec::new());
    assert_eq!(s, 200);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("<title>app</title>")
    );
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        csp.contains(&format!("connect-src 'self' {}", demo.api)),
        "{csp}"
    );
    // Only known kinds of file, one level, no way out of the directory.
    for path in [
        "/secret.txt",
        "/..%2Fdemo.db",
        "/.%2E/outbox.jsonl",
        "/nope.js",
    ] {
        let (s, _, _) = send("GET", &format!("{}{path}", demo.app), &[], Vec::new());
        assert_eq!(s, 404, "{path}");
    }
}

/// The whole bank flow the browser journey drives, over HTTP: the bank
/// page creates the activation and shows the SMS; the app (from its
/// origin) completes it; the bank page verifies the app's code once and
/// refuses it again.
#[test]
fn bank_page_flow() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start(dir.path());
    let (s, page, _) = send("GET", &format!("{}/", demo.bank), &[], Vec::new());
    assert_eq!(s, 200);
    assert!(
        page["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );

    let (s, offer) = post_json(
        &format!("{}/bank/activations", demo.bank),
        &json!({"card_number": "6037991199999990"}),
    );
    assert_eq!(s, 200, "{offer}");
    assert!(offer["qr_svg"].as_str().unwrap().contains("<svg"));
    let payload = offer["qr_payload"].as_str().unwrap();
    let complete = ActivationOffer::parse(payload).unwrap().complete_url();
    assert!(
        complete.starts_with(&format!("{}/", demo.api)),
        "{complete}"
    );

    // The app completes from its own origin (CORS allows it).
    let app = complete_in_app(&demo, &offer);

    let verify = json!({"activation_id": offer["activation_id"], "code": app.code});
    let (s, first) = post_json(&format!("{}/bank/verify", demo.bank), &verify);
    assert_eq!(s, 200, "{first}");
    assert_eq!(first["valid"], true, "{first}");
    let (_, again) = post_json(&format!("{}/bank/verify", demo.bank), &verify);
    assert_eq!(again["valid"], false);
    assert_eq!(again["reason"], "replayed", "{again}");

    // The bank page's origin may not call the app API.
    let (s, _, _) = send(
        "OPTIONS",
        &app.url,
        &[
            ("Origin", &demo.bank),
            ("Access-Control-Request-Method", "POST"),
        ],
        Vec::new(),
    );
    assert_eq!(s, 403);
}

/// The bank takes the card number and the code in Persian and
/// Arabic-Indic digits, as a customer types them on a Persian keyboard.
#[test]
fn bank_page_takes_persian_and_arabic_indic_digits() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start(dir.path());
    let (s, offer) = post_json(
        &format!("{}/bank/activations", demo.bank),
        &json!({"card_number": "۶۰۳۷ ۹۹۱۱ ۹۹۹۹ ۹۹۹۰"}),
    );
    assert_eq!(s, 200, "{offer}");
    assert_eq!(offer["masked_card"], "6037-99**-****-9990", "{offer}");
    let code = complete_in_app(&demo, &offer).code;
    let arabic_indic: String = code
        .chars()
        .map(|d| char::from_u32(0x660 + d.to_digit(10).unwrap()).unwrap())
        .collect();
    let verify = json!({"activation_id": offer["activation_id"], "code": arabic_indic});
    let (s, answer) = post_json(&format!("{}/bank/verify", demo.bank), &verify);
    assert_eq!(s, 200, "{answer}");
    assert_eq!(answer["valid"], true, "{answer}");
}

/// Every text the bank page marks for translation (`data-t`,
/// `data-t-alt`, `data-t-label`) has a Persian and an English text in
/// its script (the browser test, `web/tests/a11y.mjs`, switches it).
#[test]
fn bank_page_has_every_text_in_fa_and_en() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start(dir.path());
    let (s, _, page) = send("GET", &format!("{}/", demo.bank), &[], Vec::new());
    assert_eq!(s, 200);
    let page = String::from_utf8(page).unwrap();
    let (s, _, script) = send("GET", &format!("{}/bank.js", demo.bank), &[], Vec::new());
    assert_eq!(s, 200);
    let script = String::from_utf8(script).unwrap();
    let block = |lang: &str| {
        let start = script.find(&format!("\n  {lang}: {{")).unwrap();
        let end = start + script[start..].find("\n  },").unwrap();
        script[start..end].to_owned()
    };
    let (en, fa) = (block("en"), block("fa"));
    let mut keys = Vec::new();
    for attr in ["data-t=\"", "data-t-alt=\"", "data-t-label=\""] {
        for part in page.split(attr).skip(1) {
            keys.push(part[..part.find('"').unwrap()].to_owned());
        }
    }
    assert!(keys.len() >= 15, "{keys:?}");
    for key in &keys {
        let entry = |block: &str| {
            [format!("\n    {key}: \""), format!("\n    \"{key}\": \"")]
                .iter()
                .find_map(|k| {
                    block
                        .find(k.as_str())
                        .map(|i| block[i + k.len()..].to_owned())
                })
        };
        let (e, f) = (entry(&en), entry(&fa));
        assert!(e.is_some(), "no English text for {key}");
        let f = f.unwrap_or_else(|| panic!("no Persian text for {key}"));
        // The Persian text is in Persian script.
        let line = &f[..f.find('\n').unwrap()];
        assert!(
            line.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
            "{key}: {line}"
        );
    }
    // Both languages' buttons are on the page, each in its own language.
    assert!(page.contains(r#"data-lang="fa" lang="fa" dir="rtl""#));
    assert!(page.contains(r#"data-lang="en" lang="en""#));
}

#[test]
fn bank_page_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start(dir.path());
    let (s, _) = post_json(
        &format!("{}/bank/activations", demo.bank),
        &json!({"card_number": "1234"}),
    );
    assert!((400..500).contains(&s), "{s}");
    let (s, v) = post_json(
        &format!("{}/bank/verify", demo.bank),
        &json!({"activation_id": "../../v1/backoffice/x", "code": "1"}),
    );
    assert_eq!(s, 422, "{v}");
}
