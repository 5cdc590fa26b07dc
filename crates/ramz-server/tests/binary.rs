//! The `ramz-server` binary as an operator runs it: configuration from the
//! environment, SMS through the HTTP webhook, JSON logs, health, and a
//! graceful shutdown on SIGTERM that lets an in-flight request finish.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use std::sync::mpsc;
use std::time::Duration;

use common::process::{HOOK_TOKEN, MASTER_HEX, Server, TOKEN, get, sms_provider, unix_now};
use common::{CARD, http};
use serde_json::{Value, json};

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
