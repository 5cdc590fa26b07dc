//! Every fixture written by `tests/make_fixtures.py` (an independent Python
//! writer per format) imports to exactly the accounts and skips it lists,
//! and the imported accounts produce the codes Python computed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use ramz_import::{Format, Import, ImportError, SkipReason, import, import_as};
use ramz_otp::{OtpKind, Secret};
use serde_json::Value;

const PASSWORD: &str = "correct horse ۱۲۳ battery";

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn expected(name: &str) -> Value {
    serde_json::from_slice(&data(&format!("{name}.expected.json"))).unwrap()
}

fn reason_name(r: &SkipReason) -> &'static str {
    match r {
        SkipReason::UnsupportedType(_) => "UnsupportedType",
        SkipReason::UnsupportedAlgorithm(_) => "UnsupportedAlgorithm",
        SkipReason::MissingSecret => "MissingSecret",
        SkipReason::BadSecret(_) => "BadSecret",
        SkipReason::DigitsOutOfRange(_) => "DigitsOutOfRange",
        SkipReason::PeriodOutOfRange(_) => "PeriodOutOfRange",
        SkipReason::BadCounter => "BadCounter",
        SkipReason::BadUri(_) => "BadUri",
        SkipReason::NotAUri => "NotAUri",
        SkipReason::Trashed => "Trashed",
        SkipReason::Malformed(_) => "Malformed",
        _ => "other",
    }
}

/// Compares an import with its `.expected.json`, codes included.
fn check(name: &str, got: &Import) {
    let exp = expected(name);
    let accounts = exp["accounts"].as_array().unwrap();
    assert_eq!(
        got.accounts.len(),
        accounts.len(),
        "{name}: accounts {:#?}",
        got.skipped
    );
    for (a, e) in got.accounts.iter().zip(accounts) {
        let acc = &a.account;
        let ctx = format!("{name} #{}", a.position);
        assert_eq!(a.position as u64, e["position"].as_u64().unwrap(), "{ctx}");
        assert_eq!(acc.issuer, e["issuer"].as_str().unwrap(), "{ctx}");
        assert_eq!(acc.account, e["name"].as_str().unwrap(), "{ctx}");
        let secret = Secret::from_base32(e["secret"].as_str().unwrap()).unwrap();
        assert!(acc.secret == secret, "{ctx}: secret differs");
        let kind = e["kind"].as_str().unwrap();
        match (kind, acc.params.kind) {
            ("totp", OtpKind::Totp { period }) => {
                assert_eq!(period.get(), e["period"].as_u64().unwrap(), "{ctx}")
            }
            ("hotp", OtpKind::Hotp { counter }) => {
                assert_eq!(counter, e["counter"].as_u64().unwrap(), "{ctx}")
            }
            ("steam", OtpKind::Steam) => {}
            (k, got) => panic!("{ctx}: expected {k}, got {got:?}"),
        }
        if kind != "steam" {
            assert_eq!(
                acc.params.algorithm.as_str(),
                e["algorithm"].as_str().unwrap(),
                "{ctx}"
            );
            assert_eq!(
                u64::from(acc.params.digits.get()),
                e["digits"].as_u64().unwrap(),
                "{ctx}"
            );
        }
        let generator = acc.generator();
        for (at, code) in e["codes"].as_object().unwrap() {
            let at: u64 = at.parse().unwrap();
            let view = if kind == "hotp" {
                generator.view(0, at)
            } else {
                generator.view(at, 0)
            };
            assert_eq!(view.code.as_str(), code.as_str().unwrap(), "{ctx} at {at}");
        }
    }
    let skipped = exp["skipped"].as_array().unwrap();
    let got_skips: Vec<(u64, &str)> = got
        .skipped
        .iter()
        .map(|s| (s.position as u64, reason_name(&s.reason)))
        .collect();
    let want: Vec<(u64, &str)> = skipped
        .iter()
        .map(|s| {
            (
                s["position"].as_u64().unwrap(),
                s["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got_skips, want, "{name}: skipped");
    if let Some(n) = exp.get("without_otp") {
        assert_eq!(got.without_otp as u64, n.as_u64().unwrap(), "{name}");
    }
}

fn plain(name: &str, format: Format) {
    let got = import(&data(name), None).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got.format, format, "{name}");
    assert!(!got.encrypted);
    check(name, &got);
    // The explicit format gives the same result; another one is refused.
    assert_eq!(import_as(format, &data(name), None).unwrap(), got);
    let other = if format == Format::Aegis {
        Format::TwoFas
    } else {
        Format::Aegis
    };
    assert!(matches!(
        import_as(other, &data(name), None),
        Err(ImportError::NotThisFormat { .. })
    ));
}

fn encrypted(name: &str, format: Format) {
    let bytes = data(name);
    let detected = ramz_import::detect(&bytes).unwrap();
    assert_eq!(
        (detected.format, detected.encrypted),
        (format, true),
        "{name}"
    );
    assert_eq!(
        import(&bytes, None),
        Err(ImportError::PassphraseRequired(format)),
        "{name}"
    );
    let got = import(&bytes, Some(PASSWORD.as_bytes())).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(got.encrypted);
    assert_eq!(got.format, format);
    check(name, &got);
}

fn wrong_passphrase(name: &str) {
    let bytes = data(name);
    for wrong in [
        "correct horse 123 battery",
        "",
        "correct horse ۱۲۳ battery ",
    ] {
        assert_eq!(
            import(&bytes, Some(wrong.as_bytes())),
            Err(ImportError::WrongPassphrase),
            "{name} with {wrong:?}"
        );
    }
}

#[test]
fn aegis_plain() {
    plain("aegis_plain.json", Format::Aegis);
}

#[test]
fn aegis_encrypted_opens_with_the_password_slot_after_a_biometric_and_another_password_slot() {
    encrypted("aegis_encrypted.json", Format::Aegis);
    wrong_passphrase("aegis_encrypted.json");
}

#[test]
fn aegis_without_password_slot_is_refused() {
    let got = import(
        &data("aegis_biometric_only.json"),
        Some(PASSWORD.as_bytes()),
    );
    assert_eq!(got, Err(ImportError::NoPasswordSlot));
}

#[test]
fn twofas_plain_with_defaults() {
    plain("twofas_plain.2fas", Format::TwoFas);
}

#[test]
fn twofas_encrypted() {
    encrypted("twofas_encrypted.2fas", Format::TwoFas);
    wrong_passphrase("twofas_encrypted.2fas");
}

#[test]
fn bitwarden_json_and_csv() {
    plain("bitwarden.json", Format::Bitwarden);
    plain("bitwarden.csv", Format::Bitwarden);
}

#[test]
fn bitwarden_password_protected_is_refused_with_how_to_export() {
    let bytes = data("bitwarden_password_protected.json");
    assert_eq!(
        ramz_import::detect(&bytes),
        Err(ImportError::EncryptedBitwarden)
    );
    let e = import(&bytes, Some(PASSWORD.as_bytes())).unwrap_err();
    assert_eq!(e, ImportError::EncryptedBitwarden);
    let text = e.to_string();
    assert!(
        text.contains("Export vault") && text.contains(".json"),
        "{text}"
    );
}

#[test]
fn ente_plain_and_encrypted() {
    plain("ente_plain.txt", Format::Ente);
    // An Ente plain export is an otpauth list: either name reads it.
    assert!(import_as(Format::Otpauth, &data("ente_plain.txt"), None).is_ok());
    encrypted("ente_encrypted.txt", Format::Ente);
    wrong_passphrase("ente_encrypted.txt");
    assert!(matches!(
        import_as(
            Format::Otpauth,
            &data("ente_encrypted.txt"),
            Some(PASSWORD.as_bytes())
        ),
        Err(ImportError::NotThisFormat { .. })
    ));
}

#[test]
fn proton_plain_and_encrypted() {
    plain("proton_plain.json", Format::Proton);
    encrypted("proton_encrypted.json", Format::Proton);
    wrong_passphrase("proton_encrypted.json");
}

#[test]
fn lastpass() {
    plain("lastpass.json", Format::LastPass);
}

#[test]
fn andotp() {
    plain("andotp.json", Format::AndOtp);
}

#[test]
fn otpauth_list_with_google_migration() {
    plain("uris.txt", Format::Otpauth);
}

#[test]
fn andotp_encrypted() {
    encrypted("andotp_encrypted.json.aes", Format::AndOtp);
    wrong_passphrase("andotp_encrypted.json.aes");
}

/// Ramz → Aegis JSON → Ramz gives back every account unchanged (image
/// aside), for every kind, digit count and algorithm in the fixtures.
#[test]
fn round_trip_through_aegis_export() {
    let mut all = Vec::new();
    for (name, pass) in [
        ("aegis_plain.json", None),
        ("uris.txt", None),
        ("twofas_plain.2fas", None),
        ("proton_encrypted.json", Some(PASSWORD.as_bytes())),
    ] {
        all.extend(import(&data(name), pass).unwrap().into_accounts());
    }
    let text = ramz_import::to_aegis_json(&all);
    let back = import(text.as_bytes(), None).unwrap();
    assert_eq!(back.format, Format::Aegis);
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let mut expected = all.clone();
    for a in &mut expected {
        a.image = None;
    }
    assert_eq!(back.into_accounts(), expected);
}
