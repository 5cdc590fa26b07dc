//! Wrong SMS codes are bounded per card, across all its activations
//! (issue 10): restarting the activation does not buy new guesses.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use common::{CARD, Setup, T0, TOKEN, TestServer};
use ramz_activation::{ActivationError, ActivationOffer, ClientActivation};
use ramz_server::Clock;
use serde_json::{Value, json};

const OTHER_CARD: &str = "4111111111111111";

fn server() -> (tempfile::TempDir, TestServer) {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&Setup::sqlite(dir.path(), Clock::manual(T0)));
    (dir, s)
}

/// A code that is not `right`.
fn wrong(right: &str, k: u32) -> String {
    let r: u32 = right.parse().unwrap();
    format!("{:04}", (r + k) % 10_000)
}

/// The attack of issue 10: with the customer's internet-bank session, the
/// attacker restarts the activation 20 times and makes 3 guesses each.
/// Today's main checks 60 codes (3 per activation); now the server checks
/// exactly 10, then refuses every guess (even the right code) and every
/// new activation for the card until the oldest wrong code is 24 h old.
#[test]
fn restarting_the_activation_buys_no_new_guesses() {
    let (_d, s) = server();
    let (mut checked, mut locked_answers, mut refused_creations) = (0, 0, 0);
    let mut last_activation = String::new();
    for restart in 0..20 {
        let (st, created) = s.try_create(CARD);
        if st == 429 {
            assert_eq!(created["error"], "card_locked", "{created}");
            let wait = created["retry_after"].as_u64().unwrap();
            assert!((1..=24 * 3600).contains(&wait), "{wait}");
            refused_creations += 1;
            continue;
        }
        assert_eq!(st, 201, "restart {restart}: {created}");
        let id = created["activation_id"].as_str().unwrap().to_owned();
        let payload = created["qr_payload"].as_str().unwrap().to_owned();
        let right = s.sms_code(&id);
        for guess in 1..=3 {
            let (st, body) = s.complete_raw(&payload, &wrong(&right, guess));
            match st {
                401 | 410 => checked += 1,
                429 => {
                    assert_eq!(body["error"], "card_locked", "{body}");
                    assert!(body["retry_after"].as_u64().unwrap() > 0);
                    locked_answers += 1;
                }
                _ => panic!("unexpected {st}: {body}"),
            }
        }
        last_activation = id;
        // The attacker's guesses were wrong; the customer's right code on
        // a locked card is refused too: the lock cannot be guessed past.
        if locked_answers > 0 {
            let (st, body) = s.complete_raw(&payload, &right);
            assert_eq!((st, body["error"].as_str()), (429, Some("card_locked")));
        }
    }
    assert_eq!(checked, 10, "wrong codes the server checked");
    assert!(locked_answers >= 2, "{locked_answers}");
    assert!(refused_creations >= 15, "{refused_creations}");
    // The bank's view says why.
    let st = s.status(&last_activation);
    assert_eq!(st["state"], "burned", "{st}");
    assert_eq!(st["reason"], "card_locked", "{st}");
    assert!(st["retry_after"].as_u64().unwrap() > 0, "{st}");

    // Another card is not affected.
    assert_eq!(s.try_create(OTHER_CARD).0, 201);

    // 24 hours after the first wrong codes the card may be activated again.
    s.clock.advance(24 * 3600 + 1);
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let card = s
        .complete(created["qr_payload"].as_str().unwrap(), &s.sms_code(id))
        .unwrap();
    assert_eq!(card.issuer, "Test Bank");
}

/// A right code gives its slot back: only wrong codes count.
#[test]
fn right_codes_do_not_count_against_the_card() {
    let (_d, s) = server();
    for _ in 0..12 {
        let created = s.create_activation(CARD);
        let id = created["activation_id"].as_str().unwrap();
        s.complete(created["qr_payload"].as_str().unwrap(), &s.sms_code(id))
            .unwrap();
    }
    // Nine wrong codes across three activations, then the right one.
    for _ in 0..3 {
        let created = s.create_activation(CARD);
        let id = created["activation_id"].as_str().unwrap();
        let payload = created["qr_payload"].as_str().unwrap();
        let right = s.sms_code(id);
        let answers: Vec<u16> = (1..=3)
            .map(|k| s.complete_raw(payload, &wrong(&right, k)).0)
            .collect();
        assert_eq!(answers, vec![401, 401, 410]);
    }
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let payload = created["qr_payload"].as_str().unwrap();
    // One wrong code left for the card: the answer says so.
    let (st, body) = s.complete_raw(payload, &wrong(&s.sms_code(id), 5));
    assert_eq!(
        (st, body["attempts_left"].as_u64()),
        (401, Some(0)),
        "{body}"
    );
    let (st, body) = s.complete_raw(payload, &s.sms_code(id));
    assert_eq!((st, body["error"].as_str()), (429, Some("card_locked")));
}

/// A new activation for the card cancels the pending one; its QR code no
/// longer works, and the bank's view says it was replaced.
#[test]
fn a_new_activation_cancels_the_cards_pending_ones() {
    let (_d, s) = server();
    let first = s.create_activation(CARD);
    let first_id = first["activation_id"].as_str().unwrap().to_owned();
    let other = s.create_activation(OTHER_CARD);
    let second = s.create_activation(CARD);
    let second_id = second["activation_id"].as_str().unwrap();

    let (st, body) = s.complete_raw(
        first["qr_payload"].as_str().unwrap(),
        &s.sms_code(&first_id),
    );
    assert_eq!(
        (st, body["error"].as_str()),
        (410, Some("cancelled")),
        "{body}"
    );
    assert_eq!(
        s.complete(
            first["qr_payload"].as_str().unwrap(),
            &s.sms_code(&first_id)
        )
        .unwrap_err(),
        ActivationError::Expired
    );
    let st = s.status(&first_id);
    assert_eq!(
        (st["state"].as_str(), st["reason"].as_str()),
        (Some("cancelled"), Some("replaced"))
    );
    // No secret kept for a cancelled activation; nothing spent.
    assert_eq!(st["attempts_left"], 3);

    // The other card's activation and the new one both still work.
    let oid = other["activation_id"].as_str().unwrap();
    s.complete(other["qr_payload"].as_str().unwrap(), &s.sms_code(oid))
        .unwrap();
    s.complete(
        second["qr_payload"].as_str().unwrap(),
        &s.sms_code(second_id),
    )
    .unwrap();
}

/// The card is grouped by a keyed HMAC, never stored in clear; the HMAC
/// key comes from the master key, so the same card under another master
/// key groups differently.
#[test]
fn cards_are_grouped_by_a_keyed_hmac_never_stored_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let s = TestServer::start(&Setup::sqlite(dir.path(), Clock::manual(T0)));
    s.create_activation(CARD);
    s.create_activation(CARD);
    s.create_activation(OTHER_CARD);
    drop(s);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = format!("sqlite://{}", dir.path().join("ramz.db").display());
    let keys: Vec<String> = rt.block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut c = sqlx::AnyConnection::connect(&url).await.unwrap();
        sqlx::query("SELECT card_key FROM ramz_activations ORDER BY created_at, rowid")
            .fetch_all(&mut c)
            .await
            .unwrap()
            .iter()
            .map(|r| sqlx::Row::try_get::<String, _>(r, "card_key").unwrap())
            .collect()
    });
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[0], keys[2]);
    // 32-byte HMAC, base64url.
    assert_eq!(
        data_encoding::BASE64URL_NOPAD
            .decode(keys[0].as_bytes())
            .unwrap()
            .len(),
        32
    );
    // Not in clear anywhere in the database files, in any spelling.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        // SQLite removes its -wal and -shm files when the last
        // connection closes, possibly while this loop runs.
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        for needle in [CARD, "6037 9911 9999 9990", "1199999990", OTHER_CARD] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} in {}",
                path.display()
            );
        }
    }
}

/// A low-order `client_key` cannot test a code, so it must not spend one
/// of the customer's attempts (today's main spends one).
#[test]
fn a_low_order_client_key_costs_no_attempt() {
    let (_d, s) = server();
    let created = s.create_activation(CARD);
    let id = created["activation_id"].as_str().unwrap();
    let offer = ActivationOffer::parse(created["qr_payload"].as_str().unwrap()).unwrap();
    let (_, req) = ClientActivation::start_random(offer, "1234").unwrap();
    let mut body: Value = serde_json::from_slice(&req.body).unwrap();
    let mut one = [0u8; 32];
    one[0] = 1;
    for point in [[0u8; 32], one] {
        body["client_key"] = json!(data_encoding::BASE64URL_NOPAD.encode(&point));
        let (st, answer) = s.post_json(&format!("/v1/activations/{id}/complete"), None, &body);
        assert_eq!(
            (st, answer["error"].as_str()),
            (422, Some("invalid_field")),
            "{answer}"
        );
    }
    let st = s.status(id);
    assert_eq!(st["attempts_left"], 3, "{st}");
    // And the card's budget is untouched: the right code still works.
    s.complete(created["qr_payload"].as_str().unwrap(), &s.sms_code(id))
        .unwrap();
    let _ = TOKEN;
}
