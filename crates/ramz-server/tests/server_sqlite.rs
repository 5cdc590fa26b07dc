//! The reference server on SQLite: activation, verification, limits and
//! JSON errors, through real HTTP.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use common::{CARD, Setup, T0, TOKEN, TestServer, code_now, http};
use ramz_activation::{ActivationError, ActivationOffer};
use ramz_server::Clock;
use serde_json::json;

fn server() -> (tempfile::TempDir, TestServer) {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&Setup::sqlite(dir.path(), Clock::manual(T0)));
    (dir, s)
}

#[test]
fn activation_then_verification_end_to_end() {
    let (_d, s) = server();
    let created = s.create_activation(CARD);
    let payload = created["qr_payload"].as_str().unwrap();
    let offer = ActivationOffer::parse(payload).unwrap();
    assert_eq!(offer.masked_card.as_str(), "6037-99**-****-9990");
    assert_eq!(offer.expires_at, T0 + 300);
    assert!(!payload.contains(CARD));
    assert!(created["qr_svg"].as_str().unwrap().contains("<svg"));
    let png = data_encoding::BASE64
        .decode(created["qr_png"].as_str().unwrap().as_bytes())
        .unwrap();
    let decoded = ramz_qr::decode_image_bytes(&png).unwrap();
    assert_eq!(decoded.len(), 1);
    assert_eq!(
        decoded[0].text.as_str(),
        payload,
        "the PNG QR code reads back as the payload"
    );

    let id = created["activation_id"].as_str().unwrap();
    let code = s.sms_code(id);
    let persian: String = code
        .chars()
        .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    let card = s.complete(payload, &persian).unwrap();
    assert_eq!(card.clock_offset, 0);
    let (_, st) = s.get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN));
    assert_eq!(st["state"], "completed");
    let cred = st["credential_id"].as_str().unwrap();

    let c = code_now(&card, &s);
    let (status, v) = s.verify(cred, &c);
    assert_eq!((status, v["valid"].as_bool()), (200, Some(true)), "{v}");
    assert_eq!(v["step"], T0 / 60);
    // RFC 6238 §5.2: the same code (same step) is refused.
    let (status, v) = s.verify(cred, &c);
    assert_eq!(
        (status, v["valid"].as_bool(), v["reason"].as_str()),
        (200, Some(false), Some("replayed")),
        "{v}"
    );
    // The next step's code works; then the previous step's (older) does not.
    s.clock.advance(60);
    let next = code_now(&card, &s);
    assert_eq!(s.verify(cred, &next).1["valid"], true);
    s.clock.advance(60);
    assert_eq!(
        s.verify(cred, &next).1["reason"],
        "replayed",
        "a code inside the window but older than the last accepted"
    );
}

#[test]
fn codes_one_step_either_side_are_accepted_and_the_window_is_configurable() {
    let at = |card: &ramz_activation::ActivatedCard, t: u64| {
        ramz_otp::Totp::new(&card.secret, card.algorithm, card.digits, card.period, 0)
            .code_at(t)
            .to_string()
    };
    // Default window ±1: the previous step's code (a customer who typed
    // slowly) and the next step's (a phone clock a little ahead) pass;
    // two steps away is a wrong code.
    let (_d, s) = server();
    let (card, cred) = s.activated();
    assert_eq!(
        s.verify(&cred, &at(&card, T0 + 120)).1["reason"],
        "wrong_code"
    );
    assert_eq!(s.verify(&cred, &at(&card, T0 - 60)).1["step"], T0 / 60 - 1);
    assert_eq!(s.verify(&cred, &at(&card, T0 + 60)).1["step"], T0 / 60 + 1);

    // Window 0: only the current step.
    let dir = tempfile::tempdir().unwrap();
    let mut setup = Setup::sqlite(dir.path(), Clock::manual(T0));
    setup.verify_window = 0;
    let s = TestServer::start(&setup);
    let (card, cred) = s.activated();
    assert_eq!(
        s.verify(&cred, &at(&card, T0 - 60)).1["reason"],
        "wrong_code"
    );
    assert_eq!(
        s.verify(&cred, &at(&card, T0 + 60)).1["reason"],
        "wrong_code"
    );
    assert_eq!(s.verify(&cred, &at(&card, T0)).1["step"], T0 / 60);
}

#[test]
fn three_wrong_codes_burn_the_activation() {
    let (_d, s) = server();
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let payload = created["qr_payload"].as_str().unwrap();
    let right = s.sms_code(id);
    let wrong = format!("{:04}", (right.parse::<u32>().unwrap() + 1) % 10_000);
    assert_eq!(
        s.complete(payload, &wrong).err(),
        Some(ActivationError::WrongCode { attempts_left: 2 })
    );
    assert_eq!(
        s.complete(payload, &wrong).err(),
        Some(ActivationError::WrongCode { attempts_left: 1 })
    );
    assert_eq!(
        s.complete(payload, &wrong).err(),
        Some(ActivationError::AttemptsExhausted)
    );
    assert_eq!(
        s.complete(payload, &right).err(),
        Some(ActivationError::AttemptsExhausted)
    );
    assert_eq!(
        s.get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN))
            .1["state"],
        "burned"
    );
}

#[test]
fn activation_expires_and_is_single_use() {
    let (_d, s) = server();
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let payload = created["qr_payload"].as_str().unwrap();
    s.clock.advance(301);
    assert_eq!(
        s.complete(payload, &s.sms_code(id)).err(),
        Some(ActivationError::Expired)
    );

    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let payload = created["qr_payload"].as_str().unwrap();
    s.clock.advance(299);
    assert!(s.complete(payload, &s.sms_code(id)).is_ok());
    assert_eq!(
        s.complete(payload, &s.sms_code(id)).err(),
        Some(ActivationError::AlreadyUsed)
    );
}

#[test]
fn failures_back_off_then_disable() {
    let (_d, s) = server();
    let (card, cred) = s.activated();
    let good = code_now(&card, &s);
    let bad = format!(
        "{:06}",
        (good.parse::<u32>().unwrap() + 500_000) % 1_000_000
    );
    for n in 1..=4 {
        let (st, v) = s.verify(&cred, &bad);
        assert_eq!(
            (st, v["consecutive_failures"].as_i64()),
            (200, Some(n)),
            "{v}"
        );
    }
    // The 5th failure starts the back-off: the 6th attempt must wait.
    assert_eq!(s.verify(&cred, &bad).1["consecutive_failures"], 5);
    let (st, v) = s.verify(&cred, &good);
    assert_eq!(
        (st, v["error"].as_str()),
        (429, Some("rate_limited")),
        "even the right code waits: {v}"
    );
    let first_wait = v["retry_after"].as_u64().unwrap();
    s.clock.advance(first_wait);
    assert_eq!(s.verify(&cred, &bad).1["consecutive_failures"], 6);
    let second_wait = s.verify(&cred, &bad).1["retry_after"].as_u64().unwrap();
    assert!(
        second_wait > first_wait,
        "each attempt waits longer: {first_wait} then {second_wait}"
    );

    // Up to 100 consecutive failures, waiting each time; then disabled.
    let mut n = 6;
    while n < 100 {
        let (st, v) = s.verify(&cred, &bad);
        if st == 429 {
            s.clock.advance(v["retry_after"].as_u64().unwrap());
            continue;
        }
        n = v["consecutive_failures"].as_i64().unwrap();
    }
    s.clock.advance(10_000);
    let good = code_now(&card, &s);
    let (st, v) = s.verify(&cred, &good);
    assert_eq!((st, v["error"].as_str()), (403, Some("disabled")), "{v}");
}

#[test]
fn a_success_resets_the_failure_count() {
    let (_d, s) = server();
    let (card, cred) = s.activated();
    let good = code_now(&card, &s);
    let bad = format!("{:06}", (good.parse::<u32>().unwrap() + 1) % 1_000_000);
    for _ in 0..4 {
        s.verify(&cred, &bad);
    }
    assert_eq!(s.verify(&cred, &good).1["valid"], true);
    assert_eq!(s.verify(&cred, &bad).1["consecutive_failures"], 1);
}

#[test]
fn revoked_credentials_refuse_everything() {
    let (_d, s) = server();
    let (card, cred) = s.activated();
    let (st, v) = s.post_json(
        &format!("/v1/backoffice/credentials/{cred}/revoke"),
        Some(TOKEN),
        &json!({}),
    );
    assert_eq!((st, v["revoked"].as_bool()), (200, Some(true)));
    let (st, v) = s.verify(&cred, &code_now(&card, &s));
    assert_eq!((st, v["error"].as_str()), (403, Some("disabled")));
    assert_eq!(
        s.post_json(
            "/v1/backoffice/credentials/nope/revoke",
            Some(TOKEN),
            &json!({})
        )
        .0,
        404
    );
}

#[test]
fn every_bad_request_gets_a_clear_json_error() {
    let (_d, s) = server();
    let err = |(st, b): (u16, Vec<u8>)| {
        let v: serde_json::Value = serde_json::from_slice(&b)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&b)));
        (
            st,
            v["error"].as_str().unwrap_or("").to_owned(),
            v["detail"].as_str().unwrap_or("").to_owned(),
        )
    };
    let create = "/v1/backoffice/activations";
    let json_ct = Some("application/json");
    let (st, e, _) = err(s.request(
        "POST",
        create,
        Some(TOKEN),
        json_ct,
        Some(b"{not json".to_vec()),
    ));
    assert_eq!((st, e.as_str()), (400, "malformed_request"));
    let (st, e, d) = err(s.request(
        "POST",
        create,
        Some(TOKEN),
        json_ct,
        Some(br#"{"card_number": 6037991199999990, "phone": "0912"}"#.to_vec()),
    ));
    assert_eq!((st, e.as_str()), (400, "malformed_request"));
    assert!(
        !d.contains("6037991199999990"),
        "the value is not echoed: {d}"
    );
    let (st, e, d) = err(s.request(
        "POST",
        create,
        Some(TOKEN),
        json_ct,
        Some(br#"{"phone": "09121234567"}"#.to_vec()),
    ));
    assert_eq!((st, e.as_str()), (400, "malformed_request"));
    assert!(d.contains("card_number"), "{d}");
    let (st, e, _) = err(s.request(
        "POST",
        create,
        Some(TOKEN),
        json_ct,
        Some(br#"{"card_number":"6037991199999991","phone":"09121234567"}"#.to_vec()),
    ));
    assert_eq!((st, e.as_str()), (422, "invalid_field"), "Luhn");
    let (st, e, _) = err(s.request("POST", create, Some(TOKEN), None, Some(br#"{}"#.to_vec())));
    assert_eq!((st, e.as_str()), (415, "unsupported_media_type"));
    let (st, e, _) = err(s.request(
        "POST",
        create,
        Some(TOKEN),
        json_ct,
        Some(vec![b' '; 100_000]),
    ));
    assert_eq!((st, e.as_str()), (413, "payload_too_large"));
    let (st, e, _) = err(s.request("POST", create, None, json_ct, Some(b"{}".to_vec())));
    assert_eq!((st, e.as_str()), (401, "unauthorized"));
    let (st, e, _) = err(s.request("POST", create, Some("wrong"), json_ct, Some(b"{}".to_vec())));
    assert_eq!((st, e.as_str()), (401, "unauthorized"));
    let (st, e, _) = err(s.request(
        "GET",
        "/v1/backoffice/activations/AAAAAAAAAAAAAAAAAAAAAA",
        Some(TOKEN),
        None,
        None,
    ));
    assert_eq!((st, e.as_str()), (404, "unknown_activation"));
    let (st, e, _) = err(s.request(
        "POST",
        "/v1/backoffice/credentials/AAAAAAAAAAAAAAAAAAAAAA/verify",
        Some(TOKEN),
        json_ct,
        Some(br#"{"code":"123456"}"#.to_vec()),
    ));
    assert_eq!((st, e.as_str()), (404, "unknown_credential"));
    let body = br#"{"version":1,"client_key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","mac":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
    let (st, e, _) = err(s.request(
        "POST",
        "/v1/activations/AAAAAAAAAAAAAAAAAAAAAA/complete",
        None,
        json_ct,
        Some(body.to_vec()),
    ));
    assert_eq!((st, e.as_str()), (404, "unknown_activation"));
    let (st, e, _) = err(s.request(
        "POST",
        "/v1/activations/short/complete",
        None,
        json_ct,
        Some(body.to_vec()),
    ));
    assert_eq!((st, e.as_str()), (404, "unknown_activation"));
    let (st, e, _) = err(s.request("GET", "/nowhere", None, None, None));
    assert_eq!((st, e.as_str()), (404, "not_found"));
    let (st, e, _) = err(s.request("GET", "/v1/activations/x/complete", None, None, None));
    assert_eq!((st, e.as_str()), (405, "method_not_allowed"));
    let (st, b) = s.request("GET", "/health", None, None, None);
    assert_eq!(st, 200);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&b).unwrap()["database"],
        "ok"
    );
}

#[test]
fn malformed_completion_costs_no_attempt() {
    let (_d, s) = server();
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let url = format!("/v1/activations/{id}/complete");
    let (st, _) = s.post_json(
        &url,
        None,
        &json!({"version": 1, "client_key": "AAAA", "mac": "AAAA"}),
    );
    assert_eq!(st, 422);
    let (st, _) = s.post_json(
        &url,
        None,
        &json!({"version": 9, "client_key": "x", "mac": "y"}),
    );
    assert_eq!(st, 422);
    assert_eq!(
        s.get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN))
            .1["attempts_left"],
        3
    );
}

#[test]
fn concurrent_duplicate_completions_and_verifications_one_winner() {
    let (_d, s) = server();
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap().to_owned();
    let offer = ActivationOffer::parse(created["qr_payload"].as_str().unwrap()).unwrap();
    let (pending, req) =
        ramz_activation::ClientActivation::start_random(offer, &s.sms_code(&id)).unwrap();
    let barrier = std::sync::Barrier::new(8);
    let results: Vec<(u16, Vec<u8>)> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..8)
            .map(|_| {
                sc.spawn(|| {
                    barrier.wait();
                    http(
                        "POST",
                        &req.url,
                        None,
                        Some("application/json"),
                        Some(req.body.clone()),
                    )
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok: Vec<_> = results.iter().filter(|(st, _)| *st == 200).collect();
    assert_eq!(
        ok.len(),
        1,
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    assert!(results.iter().all(|(st, _)| *st == 200 || *st == 409));
    let card = pending.finish(200, &ok[0].1, s.clock.now()).unwrap();
    let cred = s
        .get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN))
        .1["credential_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = code_now(&card, &s);
    let barrier = std::sync::Barrier::new(8);
    let valid = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..8)
            .map(|_| {
                sc.spawn(|| {
                    barrier.wait();
                    s.verify(&cred, &code).1["valid"].as_bool().unwrap()
                })
            })
            .collect();
        hs.into_iter()
            .filter(|_| true)
            .map(|h| h.join().unwrap())
            .filter(|v| *v)
            .count()
    });
    assert_eq!(valid, 1);
}

#[test]
fn seeds_and_codes_are_not_stored_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&Setup::sqlite(dir.path(), Clock::manual(T0)));
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let code = s.sms_code(id);
    let card = s
        .complete(created["qr_payload"].as_str().unwrap(), &code)
        .unwrap();
    drop(s);
    let mut db = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("ramz.db")
        {
            db.extend(std::fs::read(p).unwrap());
        }
    }
    assert!(db.len() > 1000);
    let seed = card.secret.expose_secret();
    let hay = |needle: &[u8]| db.windows(needle.len()).any(|w| w == needle);
    assert!(!hay(seed), "raw seed in the database");
    assert!(!hay(data_encoding::BASE64URL_NOPAD.encode(seed).as_bytes()));
    assert!(!hay(card.secret.to_base32().as_bytes()));
    assert!(!hay(CARD.as_bytes()), "full card number in the database");
    assert!(hay(b"6037-99**-****-9990"));
}
