#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Cross-origin access to the app API: the web app's origin may complete
//! an activation from a browser; every other origin is refused by the
//! server, also for requests a browser sends without a preflight.

mod common;

use common::{CARD, Setup, T0, TestServer};
use ramz_server::Clock;
use serde_json::Value;

const WEB_APP: &str = "http://127.0.0.1:4321";
const EVIL: &str = "http://evil.example";

fn server(dir: &std::path::Path) -> TestServer {
    let mut setup = Setup::sqlite(dir, Clock::manual(T0));
    setup.configure = |c| c.allowed_origins = vec![WEB_APP.to_owned()];
    TestServer::start(&setup)
}

/// (status, headers, body) of a request with extra headers.
fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (u16, ureq::http::HeaderMap, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
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

fn complete_path(server: &TestServer) -> (String, String) {
    let created = server.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap().to_owned();
    (
        id.clone(),
        server.url(&format!("/v1/activations/{id}/complete")),
    )
}

#[test]
fn the_web_apps_origin_passes_the_preflight() {
    let dir = tempfile::tempdir().unwrap();
    let server = server(dir.path());
    let (_, url) = complete_path(&server);
    let (status, h, _) = send(
        "OPTIONS",
        &url,
        &[
            ("Origin", WEB_APP),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        Vec::new(),
    );
    assert_eq!(status, 204);
    assert_eq!(h["access-control-allow-origin"], WEB_APP);
    assert_eq!(h["access-control-allow-methods"], "POST");
    assert_eq!(h["access-control-allow-headers"], "content-type");
}

/// The attack: a page on another origin asks the browser to call the app
/// API. The preflight is refused and carries no allow header.
#[test]
fn another_origins_preflight_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = server(dir.path());
    let (_, url) = complete_path(&server);
    let (status, h, _) = send(
        "OPTIONS",
        &url,
        &[("Origin", EVIL), ("Access-Control-Request-Method", "POST")],
        Vec::new(),
    );
    assert_eq!(status, 403);
    assert!(h.get("access-control-allow-origin").is_none());
}

/// The attack without a preflight: wrong SMS codes posted from another
/// origin, each a well-formed completion. (A browser would only send a
/// text/plain body unasked, which the route refuses anyway; the server's
/// own refusal also covers a browser or proxy that skips the preflight.)
/// Refused before the route, they spend none of the activation's three
/// attempts: the customer's real code still completes it. Without the
/// check, the third wrong code burns the activation.
#[test]
fn another_origins_posts_spend_no_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let server = server(dir.path());
    let created = server.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let payload = created["qr_payload"].as_str().unwrap();
    let real = server.sms_code(id);
    // Another code of the same shape.
    let wrong: String = real
        .chars()
        .map(|c| {
            if c == '9' {
                '0'
            } else {
                char::from(c as u8 + 1)
            }
        })
        .collect();
    for _ in 0..5 {
        let offer = ramz_activation::ActivationOffer::parse(payload).unwrap();
        let (_, req) = ramz_activation::ClientActivation::start_random(offer, &wrong).unwrap();
        let (status, h, body) = send(
            "POST",
            &req.url,
            &[("Origin", EVIL), ("Content-Type", req.content_type)],
            req.body,
        );
        assert_eq!(status, 403);
        assert!(h.get("access-control-allow-origin").is_none());
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"], "unauthorized");
    }
    assert_eq!(server.status(id)["state"], "pending");
    server
        .complete(payload, &real)
        .expect("the real code still completes");
}

/// The allowed origin's real POST is answered with the allow header (the
/// page can read the answer); the back office answers no origin at all.
#[test]
fn allowed_origin_reads_the_answer_and_back_office_stays_closed() {
    let dir = tempfile::tempdir().unwrap();
    let server = server(dir.path());
    let (_, url) = complete_path(&server);
    let (status, h, _) = send(
        "POST",
        &url,
        &[("Origin", WEB_APP), ("Content-Type", "application/json")],
        b"{}".to_vec(),
    );
    assert_ne!(status, 403);
    assert_eq!(h["access-control-allow-origin"], WEB_APP);
    let (status, h, _) = send(
        "OPTIONS",
        &server.url("/v1/backoffice/activations"),
        &[
            ("Origin", WEB_APP),
            ("Access-Control-Request-Method", "POST"),
        ],
        Vec::new(),
    );
    assert_ne!(status, 204);
    assert!(h.get("access-control-allow-origin").is_none());
}
