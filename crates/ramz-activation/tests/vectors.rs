//! Checks the test vectors printed in `docs/activation-protocol.md`: from
//! the fixed inputs of each ```vectors block, this implementation must
//! produce exactly the QR payload, request, response, seed and code the
//! document states. (`scripts/checks/40-activation-vectors.sh` checks the
//! same blocks with an independent Python implementation.)
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::collections::BTreeMap;

use data_encoding::HEXLOWER;
use ramz_activation::wire::CompleteRequest;
use ramz_activation::{
    ActivationId, ActivationOffer, BaseUrl, ClientActivation, MaskedCard, ServerKey,
    VerifiedRequest,
};
use ramz_otp::{Algorithm, Digits, Period, Totp};

fn blocks() -> Vec<BTreeMap<String, String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/activation-protocol.md"
    );
    let doc = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut current: Option<BTreeMap<String, String>> = None;
    for line in doc.lines() {
        if line.trim() == "```vectors" {
            current = Some(BTreeMap::new());
        } else if line.trim() == "```" {
            if let Some(b) = current.take() {
                out.push(b);
            }
        } else if let Some(b) = current.as_mut() {
            if line.starts_with('#') {
                continue;
            }
            let (k, v) = line.split_once(": ").unwrap();
            b.insert(k.trim().to_owned(), v.to_owned());
        }
    }
    out
}

fn hex32(v: &str) -> [u8; 32] {
    HEXLOWER.decode(v.as_bytes()).unwrap().try_into().unwrap()
}

struct Computed {
    fields: BTreeMap<&'static str, String>,
}

fn compute(b: &BTreeMap<String, String>) -> Computed {
    let get = |k: &str| {
        b.get(k)
            .unwrap_or_else(|| panic!("vector lacks {k}"))
            .clone()
    };
    let key = ServerKey::from_bytes(&hex32(&get("server_activation_secret")));
    let offer = ActivationOffer {
        base_url: BaseUrl::parse(&get("base_url")).unwrap(),
        id: ActivationId::from_bytes(&HEXLOWER.decode(get("activation_id").as_bytes()).unwrap())
            .unwrap(),
        server_key: key.public(),
        issuer: get("issuer"),
        masked_card: MaskedCard::parse(&get("masked_card")).unwrap(),
        algorithm: get("algorithm").parse::<Algorithm>().unwrap(),
        digits: Digits::new(get("digits").parse().unwrap()).unwrap(),
        period: Period::new(get("period").parse().unwrap()).unwrap(),
        expires_at: get("expires_at").parse().unwrap(),
    };
    let server_time: u64 = get("server_time").parse().unwrap();
    let (pending, req) = ClientActivation::start(
        offer.clone(),
        &get("sms_code"),
        &hex32(&get("client_ephemeral_secret")),
    )
    .unwrap();
    let parsed: CompleteRequest = serde_json::from_slice(&req.body).unwrap();
    let verified = VerifiedRequest::check(&offer, &key, &get("sms_code"), &parsed).unwrap();
    let done = verified
        .respond(&hex32(&get("server_ephemeral_secret")), server_time)
        .unwrap();
    let resp = serde_json::to_vec(&done.response).unwrap();
    let card = pending.finish(200, &resp, server_time).unwrap();
    assert_eq!(card.secret, done.seed);
    let totp = Totp::new(&card.secret, card.algorithm, card.digits, card.period, 0);
    let mut fields = BTreeMap::new();
    fields.insert("server_activation_public", HEXLOWER.encode(&key.public()));
    fields.insert("qr", offer.to_uri());
    fields.insert("request_url", req.url);
    fields.insert("request_body", String::from_utf8(req.body).unwrap());
    fields.insert("response_body", String::from_utf8(resp).unwrap());
    fields.insert("seed", HEXLOWER.encode(card.secret.expose_secret()));
    fields.insert("code_at_server_time", totp.code_at(server_time).to_string());
    Computed { fields }
}

#[test]
fn document_vectors_match() {
    let blocks = blocks();
    assert!(
        blocks.len() >= 2,
        "expected at least two vector blocks, found {}",
        blocks.len()
    );
    for b in &blocks {
        let c = compute(b);
        if std::env::var_os("RAMZ_PRINT_VECTORS").is_some() {
            for (k, v) in &c.fields {
                println!("{k}: {v}");
            }
            println!();
            continue;
        }
        for (k, v) in &c.fields {
            assert_eq!(b.get(*k), Some(v), "vector {:?}, field {k}", b.get("name"));
        }
    }
}

#[test]
fn qr_payload_in_the_document_parses_back() {
    for b in blocks() {
        if let Some(qr) = b.get("qr") {
            let offer = ActivationOffer::parse(qr).unwrap();
            assert_eq!(&offer.to_uri(), qr);
        }
    }
}
