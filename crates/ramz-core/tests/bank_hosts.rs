//! The allow-list of bank hosts: a forged activation code that names a
//! server outside it is refused when it is read and again when the
//! activation would begin, before anything is sent.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::sync::Arc;

use ramz_activation::{ActivationId, ActivationOffer, BaseUrl, MaskedCard, ServerKey};
use ramz_core::{
    Authenticator, CoreError, InputProblem, PendingId, Scanned, SoftwareKeystore, VaultConfig,
};
use ramz_otp::{Algorithm, Digits, Period};

const NOW: u64 = 1_750_000_100;

fn new_auth(dir: &tempfile::TempDir) -> Authenticator {
    Authenticator::create_with(
        dir.path().join("v.ramz"),
        b"480913",
        Arc::new(SoftwareKeystore::from_key([7; 32])),
        NOW,
        VaultConfig::insecure_for_tests(),
    )
    .unwrap()
}

/// An activation code for the server at `url` (a path and a query-like id
/// that must never show in an error).
fn offer_text(url: &str) -> String {
    ActivationOffer {
        base_url: BaseUrl::parse(url).unwrap(),
        id: ActivationId::from_bytes(&[9; 16]).unwrap(),
        server_key: ServerKey::generate().unwrap().public(),
        issuer: "Bank Melli".into(),
        masked_card: MaskedCard::parse("6037-99**-****-1234").unwrap(),
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        period: Period::SIXTY,
        expires_at: NOW + 300,
    }
    .to_uri()
}

fn read(auth: &mut Authenticator, url: &str) -> Result<PendingId, CoreError> {
    read_code(auth, &offer_text(url))
}

fn read_code(auth: &mut Authenticator, text: &str) -> Result<PendingId, CoreError> {
    match auth.read_text(text)? {
        Scanned::BankActivation { pending, .. } => Ok(pending),
        other => panic!("{other:?}"),
    }
}

fn refused(host: &str) -> CoreError {
    CoreError::HostNotAllowed { host: host.into() }
}

fn list(hosts: &[&str]) -> Option<Vec<String>> {
    Some(hosts.iter().map(|h| (*h).to_owned()).collect())
}

#[test]
fn only_listed_bank_hosts_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    auth.set_bank_hosts(list(&["bank.ir", "127.0.0.1"]))
        .unwrap();
    // The exact host, and a subdomain on a dot boundary.
    read(&mut auth, "https://bank.ir/otp").unwrap();
    read(&mut auth, "https://OTP.Bank.IR:8443/v1").unwrap();
    read(&mut auth, "http://127.0.0.1:8080").unwrap();
    // A name that merely ends with the bank's, or starts with it.
    assert_eq!(
        read(&mut auth, "https://evilbank.ir/otp").unwrap_err(),
        refused("evilbank.ir")
    );
    assert_eq!(
        read(&mut auth, "https://bank.ir.evil.example/otp").unwrap_err(),
        refused("bank.ir.evil.example")
    );
    assert_eq!(
        read(&mut auth, "https://ir/otp").unwrap_err(),
        refused("ir")
    );
    assert_eq!(
        read(&mut auth, "http://127.0.0.2").unwrap_err(),
        refused("127.0.0.2")
    );
    // An empty list allows nothing; no list allows every host.
    auth.set_bank_hosts(Some(Vec::new())).unwrap();
    assert_eq!(
        read(&mut auth, "https://bank.ir/otp").unwrap_err(),
        refused("bank.ir")
    );
    auth.set_bank_hosts(None).unwrap();
    read(&mut auth, "https://bank.ir.evil.example/otp").unwrap();
    read(&mut auth, "https://evilbank.ir/otp").unwrap();
}

#[test]
fn a_code_read_before_the_list_was_set_cannot_begin() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    let evil = offer_text("https://evilbank.ir/otp");
    let pending = read_code(&mut auth, &evil).unwrap();
    auth.set_bank_hosts(list(&["bank.ir"])).unwrap();
    assert_eq!(
        auth.begin_activation(pending, b"4821").unwrap_err(),
        refused("evilbank.ir")
    );
    // Allowed again, the same scan begins: the refusal lost nothing.
    auth.set_bank_hosts(list(&["evilbank.ir"])).unwrap();
    let req = auth.begin_activation(pending, b"4821").unwrap();
    assert!(req.url.starts_with("https://evilbank.ir/otp/"));
    // Read again under a list that refuses it, the code is dropped.
    assert_eq!(read_code(&mut auth, &evil), Ok(pending));
    auth.set_bank_hosts(list(&["bank.ir"])).unwrap();
    assert_eq!(read_code(&mut auth, &evil), Err(refused("evilbank.ir")));
    auth.set_bank_hosts(None).unwrap();
    assert_eq!(
        auth.begin_activation(pending, b"4821").unwrap_err(),
        CoreError::NoSuchPending
    );
}

#[test]
fn a_malformed_entry_is_refused_and_the_list_in_force_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    auth.set_bank_hosts(list(&[".Bank.IR.", "::1"])).unwrap();
    assert_eq!(auth.bank_hosts(), list(&["bank.ir", "[::1]"]));
    for bad in [
        "https://bank.ir",
        "bank.ir:443",
        "bank.ir/otp",
        "*.bank.ir",
        "",
    ] {
        assert_eq!(
            auth.set_bank_hosts(list(&["bank.ir", bad])),
            Err(CoreError::InvalidInput(InputProblem::BankHost)),
            "{bad}"
        );
    }
    assert_eq!(auth.bank_hosts(), list(&["bank.ir", "[::1]"]));
    assert_eq!(
        read(&mut auth, "https://evilbank.ir/otp").unwrap_err(),
        refused("evilbank.ir")
    );
    // The list is the app's setting, not the session's: kept while locked.
    auth.lock();
    auth.unlock(b"480913", NOW).unwrap();
    assert_eq!(auth.bank_hosts(), list(&["bank.ir", "[::1]"]));
}

#[test]
fn the_refusal_names_the_host_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    auth.set_bank_hosts(list(&["bank.ir"])).unwrap();
    let e = read(&mut auth, "https://bank.ir.evil.example:8443/otp/v1").unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(shown.contains("bank.ir.evil.example"), "{shown}");
    for leak in ["8443", "/otp", "CQkJ", "Melli", "6037"] {
        assert!(!shown.contains(leak), "{shown}");
    }
}
