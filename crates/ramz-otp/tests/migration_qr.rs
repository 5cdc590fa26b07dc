//! Every URI `migration::encode` produces fits a QR code of version 25 or
//! lower at error-correction level M (ADR 0012), checked with a real QR
//! encoder rather than a capacity table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use qrcode::{EcLevel, QrCode, Version};
use ramz_otp::migration::{self, MAX_QR_URI_CHARS};
use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};

fn qr_version(text: &str) -> i16 {
    match QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .unwrap()
        .version()
    {
        Version::Normal(v) => v,
        Version::Micro(v) => v,
    }
}

#[test]
fn every_batch_fits_version_25_at_level_m() {
    // Long names and 64-byte secrets: many bytes per account, and base64
    // symbols that percent-encode to three characters.
    let accounts: Vec<_> = (0..50u8)
        .map(|i| OtpAccount {
            issuer: format!("بانک شماره {i} / Bank number {i}"),
            account: format!("user.{i}+tag@example.com"),
            secret: Secret::from_bytes(vec![0xfb ^ i; 64]).unwrap(),
            params: OtpParams {
                kind: OtpKind::Totp {
                    period: Period::THIRTY,
                },
                algorithm: Algorithm::Sha512,
                digits: Digits::EIGHT,
            },
            image: None,
        })
        .collect();
    let report = migration::encode(&accounts, i32::MIN);
    assert!(report.skipped.is_empty());
    assert!(report.uris.len() > 3);
    for uri in &report.uris {
        assert!(uri.len() <= MAX_QR_URI_CHARS);
        assert!(
            qr_version(uri) <= 25,
            "{} chars need version {}",
            uri.len(),
            qr_version(uri)
        );
    }
    // The budget is not needlessly small: the limit itself still fits, and
    // a little more would not fit version 25.
    assert!(qr_version(&"a".repeat(MAX_QR_URI_CHARS)) <= 25);
    assert!(qr_version(&"a".repeat(1000)) > 25);
}
