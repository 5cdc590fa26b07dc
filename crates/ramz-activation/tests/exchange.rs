//! Full exchanges between the client and server halves, and what happens
//! when a field, a key or a message is changed on the way.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod common;

use ramz_activation::wire::{CompleteRequest, CompleteResponse, ErrorBody, ErrorCode};
use ramz_activation::{
    ActivationError, ActivationOffer, ClientActivation, RequestRejection, ServerKey,
    VerifiedRequest,
};
use ramz_otp::Totp;

const T: u64 = 1_750_000_100;

fn request_of(body: &[u8]) -> CompleteRequest {
    serde_json::from_slice(body).unwrap()
}

fn server_round(
    offer: &ActivationOffer,
    key: &ServerKey,
    code: &str,
    req: &CompleteRequest,
) -> Result<(Vec<u8>, ramz_otp::Secret), RequestRejection> {
    let v = VerifiedRequest::check(offer, key, code, req)?;
    let eph = ramz_activation::random_bytes::<32>().unwrap();
    let done = v.respond(&eph, T)?;
    Ok((serde_json::to_vec(&done.response).unwrap(), done.seed))
}

#[test]
fn both_sides_derive_the_same_seed_and_codes() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let (pending, req) = ClientActivation::start_random(offer.clone(), "۴۸۲۱").unwrap();
    assert_eq!(req.method, "POST");
    let (body, seed) = server_round(&offer, &key, "4821", &request_of(&req.body)).unwrap();
    let card = pending.finish(200, &body, T - 7).unwrap();
    assert_eq!(card.secret, seed);
    assert_eq!(card.secret.len(), 20);
    assert_eq!(card.clock_offset, 7);
    let account = card.to_account();
    assert_eq!(account.account, "6037-99**-****-1234");
    let code = account.generator().view(T, 0).code;
    let server_totp = Totp::new(&seed, offer.algorithm, offer.digits, offer.period, 0);
    assert_eq!(server_totp.verify(code.as_str(), T, 1, 1), Some(T / 60));
}

#[test]
fn fresh_keys_give_fresh_seeds() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let mut seeds = Vec::new();
    for _ in 0..3 {
        let (pending, req) = ClientActivation::start_random(offer.clone(), "4821").unwrap();
        let (body, _) = server_round(&offer, &key, "4821", &request_of(&req.body)).unwrap();
        seeds.push(pending.finish(200, &body, T).unwrap().secret);
    }
    assert_ne!(seeds[0], seeds[1]);
    assert_ne!(seeds[1], seeds[2]);
}

#[test]
fn wrong_code_is_refused_by_the_server() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let (_, req) = ClientActivation::start_random(offer.clone(), "4822").unwrap();
    assert_eq!(
        server_round(&offer, &key, "4821", &request_of(&req.body)).err(),
        Some(RequestRejection::WrongCode)
    );
}

#[test]
fn request_is_bound_to_every_offer_field() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let (_, req) = ClientActivation::start_random(offer.clone(), "4821").unwrap();
    let req = request_of(&req.body);
    // The server holds the true offer; a client that saw a tampered QR
    // (other digits, period, card, URL) computes a MAC the server refuses.
    let uri = offer.to_uri();
    for (from, to) in [
        ("digits=6", "digits=8"),
        ("period=60", "period=30"),
        ("alg=SHA1", "alg=SHA256"),
        ("exp=1750000300", "exp=1750009999"),
        ("iss=Bank%20Melli", "iss=Bank%20Mellat"),
        (
            "card=6037-99%2A%2A-%2A%2A%2A%2A-1234",
            "card=6037-99%2A%2A-%2A%2A%2A%2A-9999",
        ),
        ("otp.bank.example", "otp.evil.example"),
    ] {
        assert!(uri.contains(from), "{from} not in {uri}");
        let tampered = ActivationOffer::parse(&uri.replace(from, to)).unwrap();
        let (_, t_req) = ClientActivation::start(tampered, "4821", &[0x22; 32]).unwrap();
        assert_eq!(
            VerifiedRequest::check(&offer, &key, "4821", &request_of(&t_req.body)).err(),
            Some(RequestRejection::WrongCode),
            "{from} -> {to}"
        );
    }
    assert!(VerifiedRequest::check(&offer, &key, "4821", &req).is_ok());
}

#[test]
fn the_answer_must_come_from_the_key_holder() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let (pending, req) = ClientActivation::start_random(offer.clone(), "4821").unwrap();
    let (body, _) = server_round(&offer, &key, "4821", &request_of(&req.body)).unwrap();
    let good: CompleteResponse = serde_json::from_slice(&body).unwrap();

    // A man in the middle shifting the server clock.
    let mut shifted = good.clone();
    shifted.server_time += 3600;
    assert_eq!(
        pending.finish(200, &serde_json::to_vec(&shifted).unwrap(), T),
        Err(ActivationError::KeyConfirmationFailed)
    );

    // A man in the middle answering with its own key and its best guess.
    let other = ServerKey::generate().unwrap();
    let mut forged = good.clone();
    forged.server_key = data_encoding::BASE64URL_NOPAD.encode(&other.public());
    assert_eq!(
        pending.finish(200, &serde_json::to_vec(&forged).unwrap(), T),
        Err(ActivationError::KeyConfirmationFailed)
    );

    // An impostor server without the activation key, knowing the code.
    let impostor = ServerKey::generate().unwrap();
    assert_eq!(
        server_round(
            &common::offer(&impostor),
            &impostor,
            "4821",
            &request_of(&req.body)
        )
        .err(),
        Some(RequestRejection::WrongCode),
        "an impostor cannot even verify the request MAC"
    );

    // The genuine answer still works afterwards.
    assert!(pending.finish(200, &body_of(&good), T).is_ok());
}

fn body_of(r: &CompleteResponse) -> Vec<u8> {
    serde_json::to_vec(r).unwrap()
}

#[test]
fn error_answers_map_to_what_the_customer_is_told() {
    let key = ServerKey::generate().unwrap();
    let (pending, _) = ClientActivation::start_random(common::offer(&key), "4821").unwrap();
    let err = |code: ErrorCode, left: Option<u32>| {
        serde_json::to_vec(&ErrorBody {
            error: code,
            detail: "x".into(),
            attempts_left: left,
            retry_after: None,
        })
        .unwrap()
    };
    assert_eq!(
        pending.finish(401, &err(ErrorCode::WrongCode, Some(2)), T),
        Err(ActivationError::WrongCode { attempts_left: 2 })
    );
    assert_eq!(
        pending.finish(410, &err(ErrorCode::AttemptsExhausted, None), T),
        Err(ActivationError::AttemptsExhausted)
    );
    assert_eq!(
        pending.finish(410, &err(ErrorCode::Expired, None), T),
        Err(ActivationError::Expired)
    );
    assert_eq!(
        pending.finish(409, &err(ErrorCode::AlreadyUsed, None), T),
        Err(ActivationError::AlreadyUsed)
    );
    assert_eq!(
        pending.finish(404, &err(ErrorCode::UnknownActivation, None), T),
        Err(ActivationError::UnknownActivation)
    );
    assert_eq!(
        pending.finish(502, b"<html>bad gateway</html>", T),
        Err(ActivationError::ServerError { status: 502 })
    );
    assert_eq!(
        pending.finish(400, br#"{"error":"something_new","detail":"x"}"#, T),
        Err(ActivationError::ServerError { status: 400 })
    );
    assert!(matches!(
        pending.finish(200, b"{}", T),
        Err(ActivationError::MalformedResponse(_))
    ));
    assert!(matches!(
        pending.finish(200, b"not json", T),
        Err(ActivationError::MalformedResponse(_))
    ));
    assert!(matches!(
        pending.finish(200, &vec![b' '; 20_000], T),
        Err(ActivationError::MalformedResponse(_))
    ));
    let short_key = br#"{"version":1,"server_key":"AAAA","server_time":1,"confirmation":"AAAA"}"#;
    assert_eq!(
        pending.finish(200, short_key, T),
        Err(ActivationError::MalformedResponse("server_key"))
    );
}

#[test]
fn malformed_requests_are_not_attempts() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let (_, req) = ClientActivation::start_random(offer.clone(), "4821").unwrap();
    let good = request_of(&req.body);
    let check = |r: &CompleteRequest| VerifiedRequest::check(&offer, &key, "4821", r).err();
    let mut r = good.clone();
    r.version = 2;
    assert_eq!(check(&r), Some(RequestRejection::Malformed("version")));
    let mut r = good.clone();
    r.client_key = "AAAA".into();
    assert_eq!(check(&r), Some(RequestRejection::Malformed("client_key")));
    let mut r = good.clone();
    // The all-zero point has low order: DH with it is all zeros.
    r.client_key = data_encoding::BASE64URL_NOPAD.encode(&[0u8; 32]);
    assert_eq!(check(&r), Some(RequestRejection::Malformed("client_key")));
    let mut r = good;
    r.mac = "!!".into();
    assert_eq!(check(&r), Some(RequestRejection::Malformed("mac")));
}

#[test]
fn sms_code_must_be_four_digits_and_is_not_in_the_request() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    assert_eq!(
        ClientActivation::start_random(offer.clone(), "482").err(),
        Some(ActivationError::InvalidSmsCode)
    );
    assert_eq!(
        ClientActivation::start_random(offer.clone(), "48210").err(),
        Some(ActivationError::InvalidSmsCode)
    );
    let (pending, req) = ClientActivation::start_random(offer, "4821").unwrap();
    let text = String::from_utf8(req.body).unwrap();
    assert!(!text.contains("4821"), "{text}");
    assert!(!format!("{pending:?}").contains("4821"));
}

/// The canonical low-order points of Curve25519 (u-coordinates; from the
/// X25519 small-subgroup list of libsodium and RFC 7748's discussion),
/// plus non-canonical encodings of 0 and 1 (p and p + 1).
fn low_order_points() -> Vec<[u8; 32]> {
    let hex = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];
    hex.iter()
        .map(|h| {
            data_encoding::HEXLOWER
                .decode(h.as_bytes())
                .unwrap()
                .try_into()
                .unwrap()
        })
        .collect()
}

#[test]
fn precheck_refuses_every_low_order_key_before_any_secret_is_needed() {
    let key = ServerKey::generate().unwrap();
    let offer = common::offer(&key);
    let (_, req) = ClientActivation::start_random(offer.clone(), "4821").unwrap();
    let good = request_of(&req.body);
    assert_eq!(VerifiedRequest::precheck(&good), Ok(()));
    for point in low_order_points() {
        let mut r = good.clone();
        r.client_key = data_encoding::BASE64URL_NOPAD.encode(&point);
        assert_eq!(
            VerifiedRequest::precheck(&r),
            Err(RequestRejection::Malformed("client_key")),
            "{point:02x?}"
        );
        // The full check agrees, whatever the server's key.
        assert_eq!(
            VerifiedRequest::check(&offer, &key, "4821", &r).err(),
            Some(RequestRejection::Malformed("client_key"))
        );
    }
    let mut r = good;
    r.mac = data_encoding::BASE64URL_NOPAD.encode(&[1u8; 31]);
    assert_eq!(
        VerifiedRequest::precheck(&r),
        Err(RequestRejection::Malformed("mac"))
    );
}
