//! The server's log lines never hold a secret: not the SMS code, the seed,
//! the full card number, the customer's codes, the master key or the
//! back-office token.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{CARD, Setup, T0, TOKEN, TestServer, code_now};
use ramz_server::Clock;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn whole_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(i, _)| {
        let before = hay[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        let after = hay[i + word.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
        !before && !after
    })
}

#[test]
fn logs_hold_no_secret() {
    let buf = Buffer::default();
    let writer = buf.clone();
    // Everything the server side logs, at every level; not the test client.
    tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .without_time()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "trace,ureq=off,ureq_proto=off",
        ))
        .with_ansi(false)
        .init();

    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&Setup::sqlite(dir.path(), Clock::manual(T0)));
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let sms = s.sms_code(id);
    let wrong = format!("{:04}", (sms.parse::<u32>().unwrap() + 1) % 10_000);
    assert!(
        s.complete(created["qr_payload"].as_str().unwrap(), &wrong)
            .is_err()
    );
    let card = s
        .complete(created["qr_payload"].as_str().unwrap(), &sms)
        .unwrap();
    let cred = s
        .get(&format!("/v1/backoffice/activations/{id}"), Some(TOKEN))
        .1["credential_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = code_now(&card, &s);
    assert_eq!(s.verify(&cred, &code).1["valid"], true);
    s.verify(&cred, &code);
    let bad = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    s.verify(&cred, &bad);
    drop(s);

    let logs = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("activation completed"),
        "the flow was logged:\n{logs}"
    );
    assert!(logs.contains("6037-99**-****-9990"));
    for (what, secret) in [
        ("card number", CARD.to_owned()),
        ("seed (base32)", card.secret.to_base32().to_string()),
        (
            "seed (hex)",
            data_encoding::HEXLOWER.encode(card.secret.expose_secret()),
        ),
        (
            "seed (base64url)",
            data_encoding::BASE64URL_NOPAD.encode(card.secret.expose_secret()),
        ),
        ("master key", data_encoding::HEXLOWER.encode(&[42; 32])),
        ("token", TOKEN.to_owned()),
        ("full activation id", id.to_owned()),
        ("full credential id", cred.clone()),
    ] {
        assert!(!logs.contains(&secret), "{what} in the logs:\n{logs}");
    }
    for (what, code) in [
        ("SMS code", &sms),
        ("wrong SMS code", &wrong),
        ("OTP", &code),
        ("wrong OTP", &bad),
    ] {
        assert!(!whole_word(&logs, code), "{what} in the logs:\n{logs}");
    }
}
