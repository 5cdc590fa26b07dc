//! Properties of the provisioning formats: lossless round trips over
//! random accounts (Persian names, colons, `&`, `=`, `#`, `%`, spaces), no
//! panic on arbitrary or mutated input, and stable canonical printing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use ramz_otp::migration::{self, SkipReason};
use ramz_otp::payload::{Payload, classify};
use ramz_otp::uri::{self, UriWarning};
use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};

fn name() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[a-zA-Z0-9 :&=#%+@/?.~_\\-آ-ی۰-۹\u{200c}\u{0660}-\u{0669}]{0,24}",
    )
    .unwrap()
    .prop_map(|s| s.trim().to_owned())
}

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop_oneof![
        Just(Algorithm::Sha1),
        Just(Algorithm::Sha256),
        Just(Algorithm::Sha512)
    ]
}

fn secret() -> impl Strategy<Value = Secret> {
    vec(any::<u8>(), 1..64).prop_map(|b| Secret::from_bytes(b).unwrap())
}

fn steam_params() -> OtpParams {
    OtpParams {
        kind: OtpKind::Steam,
        algorithm: Algorithm::Sha1,
        digits: Digits::new(5).unwrap(),
    }
}

/// Any account an otpauth URI can describe.
fn uri_account() -> impl Strategy<Value = OtpAccount> {
    let kind = prop_oneof![
        (1u64..=Period::MAX_SECONDS).prop_map(|p| OtpKind::Totp {
            period: Period::new(p).unwrap()
        }),
        any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
        Just(OtpKind::Steam),
    ];
    let image = option::of(
        proptest::string::string_regex("https://[a-z.]{1,10}/[a-zA-Z0-9 ?&=%+#/]{0,20}").unwrap(),
    );
    (
        name(),
        name(),
        secret(),
        kind,
        algorithm(),
        4u32..=10,
        image,
    )
        .prop_map(
            |(issuer, account, secret, kind, algorithm, digits, image)| {
                let params = match kind {
                    OtpKind::Steam => steam_params(),
                    kind => OtpParams {
                        kind,
                        algorithm,
                        digits: Digits::new(digits).unwrap(),
                    },
                };
                OtpAccount {
                    issuer,
                    account,
                    secret,
                    params,
                    image,
                }
            },
        )
}

/// Any account the migration format can carry.
fn migration_account() -> impl Strategy<Value = OtpAccount> {
    let kind = prop_oneof![
        Just(OtpKind::Totp {
            period: Period::THIRTY
        }),
        (0..=i64::MAX as u64).prop_map(|counter| OtpKind::Hotp { counter }),
    ];
    let digits = prop_oneof![Just(Digits::SIX), Just(Digits::EIGHT)];
    (name(), name(), secret(), kind, algorithm(), digits).prop_map(
        |(issuer, account, secret, kind, algorithm, digits)| OtpAccount {
            issuer,
            account,
            secret,
            params: OtpParams {
                kind,
                algorithm,
                digits,
            },
            image: None,
        },
    )
}

/// Edits a text at random places: deletions, insertions of URI
/// metacharacters and digits, replacements.
fn mutate(text: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(pos, op, c) in edits {
        let i = pos % (chars.len() + 1);
        match op % 3 {
            0 if i < chars.len() => {
                chars.remove(i);
            }
            1 => chars.insert(i, c),
            _ if i < chars.len() => chars[i] = c,
            _ => chars.push(c),
        }
    }
    chars.into_iter().collect()
}

fn edit_char() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::sample::select(vec![
            '%', ':', '&', '=', '?', '/', '#', '+', '0', '9', '۶', 'A', 'z', '\u{0}', 'é', '-'
        ]),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn uri_round_trip_is_lossless(a in uri_account()) {
        let printed = uri::to_uri(&a);
        let back = uri::parse(&printed).unwrap_or_else(|e| panic!("{e}: {}", printed.as_str()));
        prop_assert_eq!(&back.account, &a, "{}", printed.as_str());
        let mismatch = back.warnings.iter().any(|w| matches!(w, UriWarning::IssuerMismatch { .. }));
        prop_assert!(!mismatch);
        let reprinted = uri::to_uri(&back.account);
        prop_assert_eq!(reprinted.as_str(), printed.as_str());
        prop_assert!(matches!(classify(&printed), Payload::Account(p) if p.account == a));
    }

    #[test]
    fn uri_parse_never_panics(s in any::<String>()) {
        let _ = uri::parse(&s);
        let _ = uri::parse(&format!("otpauth://totp/{s}"));
        let _ = uri::parse(&format!("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&{s}"));
    }

    /// Whatever parses prints to a canonical form that parses back to the
    /// same account.
    #[test]
    fn mutated_uris_never_panic_and_canonicalise(
        a in uri_account(),
        edits in vec((any::<usize>(), any::<u8>(), edit_char()), 1..6),
    ) {
        let text = mutate(&uri::to_uri(&a), &edits);
        if let Ok(parsed) = uri::parse(&text) {
            let printed = uri::to_uri(&parsed.account);
            let again = uri::parse(&printed).unwrap_or_else(|e| panic!("{e}: {}", printed.as_str()));
            prop_assert_eq!(again.account, parsed.account);
        }
        let _ = classify(&text);
    }

    /// Long labels of multi-byte text near the limits: whatever parses
    /// still prints within the input cap (the first `uri` fuzz finding).
    #[test]
    fn long_labels_canonicalise(
        label in proptest::string::string_regex("[a-z :%&آ-ی\u{0800}\u{10000}]{0,700}").unwrap(),
        issuer in proptest::string::string_regex("[a-z +آ-ی]{0,300}").unwrap(),
    ) {
        let text = format!("otpauth://totp/{label}?secret=JBSWY3DPEHPK3PXP&issuer={issuer}");
        if let Ok(parsed) = uri::parse(&text) {
            let printed = uri::to_uri(&parsed.account);
            prop_assert!(printed.len() <= uri::MAX_URI_LEN);
            prop_assert_eq!(uri::parse(&printed).unwrap().account, parsed.account);
        }
    }

    #[test]
    fn migration_round_trip_is_lossless(accounts in vec(migration_account(), 1..30), id in any::<i32>()) {
        let report = migration::encode(&accounts, id);
        prop_assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        let mut back = Vec::new();
        for (i, u) in report.uris.iter().enumerate() {
            prop_assert!(u.len() <= migration::MAX_QR_URI_CHARS);
            let b = migration::decode(u).unwrap();
            prop_assert_eq!((b.batch_index, b.batch_size, b.batch_id), (i as i32, report.uris.len() as i32, id));
            prop_assert!(b.rejected.is_empty());
            back.extend(b.accounts);
        }
        prop_assert_eq!(back, accounts);
    }

    #[test]
    fn migration_refuses_what_it_cannot_carry(a in uri_account()) {
        let report = migration::encode(std::slice::from_ref(&a), 1);
        let expected = match a.params.kind {
            OtpKind::Steam => Some(SkipReason::Steam),
            OtpKind::Totp { period } if period != Period::THIRTY => Some(SkipReason::Period { seconds: period.get() }),
            OtpKind::Hotp { counter } if counter > i64::MAX as u64 => Some(SkipReason::CounterTooLarge),
            _ if !matches!(a.params.digits.get(), 6 | 8) => Some(SkipReason::Digits { digits: a.params.digits.get() }),
            _ => None,
        };
        match expected {
            Some(reason) => {
                prop_assert_eq!(report.skipped, vec![(0, reason)]);
                prop_assert!(report.uris.is_empty());
            }
            None => {
                let b = migration::decode(&report.uris[0]).unwrap();
                prop_assert_eq!(b.accounts, vec![OtpAccount { image: None, ..a }]);
            }
        }
    }

    #[test]
    fn migration_decode_never_panics(bytes in vec(any::<u8>(), 0..600), s in any::<String>()) {
        use data_encoding::BASE64;
        let _ = migration::decode(&format!("otpauth-migration://offline?data={}", BASE64.encode(&bytes)));
        let _ = migration::decode(&format!("otpauth-migration://offline?data={s}"));
        let _ = migration::decode(&s);
        let _ = classify(&s);
    }

    /// Valid payloads with random edits: no panic, and whatever decodes
    /// re-encodes to the same accounts.
    #[test]
    fn mutated_migration_payloads(
        accounts in vec(migration_account(), 1..4),
        edits in vec((any::<usize>(), any::<u8>()), 1..8),
    ) {
        use data_encoding::BASE64;
        let uri = migration::encode(&accounts, 3).uris.remove(0);
        let data = uri.split_once("data=").unwrap().1.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
        let mut bytes = BASE64.decode(data.as_bytes()).unwrap();
        for &(pos, b) in &edits {
            let i = pos % bytes.len();
            bytes[i] = b;
        }
        if let Ok(batch) = migration::decode(&format!("otpauth-migration://offline?data={}", BASE64.encode(&bytes))) {
            let again = migration::encode(&batch.accounts, 3);
            let back: Vec<_> = again.uris.iter().flat_map(|u| migration::decode(u).unwrap().accounts).collect();
            let kept: Vec<_> = batch.accounts.iter().enumerate()
                .filter(|(i, _)| !again.skipped.iter().any(|(j, _)| j == i))
                .map(|(_, a)| a.clone())
                .collect();
            prop_assert_eq!(back, kept);
        }
    }
}
