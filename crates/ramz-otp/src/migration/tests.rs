use super::*;
use crate::uri;

/// The example export that circulates in the READMEs of export decoders
/// (one account, "Example:alice@google.com", secret JBSWY3DPEHPK3PXP).
const PUBLISHED: &str = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JP8Aw%3D%3D";

fn account(uri_text: &str) -> OtpAccount {
    uri::parse(uri_text).unwrap().account
}

/// Hand-built protobuf, independent of `proto::Writer`.
fn entry_raw(secret: &[u8], name: &str, issuer: &str, alg: u8, digits: u8, kind: u8) -> Vec<u8> {
    let mut e = vec![0x0a, secret.len() as u8];
    e.extend_from_slice(secret);
    e.extend([0x12, name.len() as u8]);
    e.extend_from_slice(name.as_bytes());
    e.extend([0x1a, issuer.len() as u8]);
    e.extend_from_slice(issuer.as_bytes());
    e.extend([0x20, alg, 0x28, digits, 0x30, kind]);
    e
}

fn batch_uri(entries: &[Vec<u8>]) -> String {
    let mut p = Vec::new();
    for e in entries {
        p.push(0x0a);
        let mut n = e.len();
        while n >= 0x80 {
            p.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        p.push(n as u8);
        p.extend_from_slice(e);
    }
    p.extend([0x10, 1, 0x18, 1, 0x20, 0, 0x28, 7]);
    format!(
        "otpauth-migration://offline?data={}",
        BASE64_NOPAD.encode(&p)
    )
}

#[test]
fn published_example() {
    let b = decode(PUBLISHED).unwrap();
    assert_eq!(
        (b.version, b.batch_size, b.batch_index, b.batch_id),
        (1, 1, 0, 1_065_676_907)
    );
    assert_eq!(b.position(), Some((1, 1)));
    assert_eq!(
        b.accounts,
        vec![account(
            "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
        )]
    );
    assert_eq!(b.warnings, vec![(0, UriWarning::WeakSecret { bits: 80 })]);
    assert!(b.rejected.is_empty());
}

#[test]
fn alphabets_padding_and_case() {
    let data = PUBLISHED.split_once("data=").unwrap().1.replace("%3D", "");
    for text in [
        format!("otpauth-migration://offline?data={data}"),
        format!("OTPAUTH-MIGRATION://Offline?foo=bar&data={data}=="),
        format!(
            "otpauth-migration://offline/?data={}",
            data.replace('+', "-").replace('/', "_")
        ),
        format!("  otpauth-migration://offline?data={data}\n"),
    ] {
        assert_eq!(decode(&text).unwrap().accounts.len(), 1, "{text}");
    }
}

#[test]
fn names_enums_and_rejected_entries() {
    let uri = batch_uri(&[
        entry_raw(b"0123456789abcdef", "Bank:me:card", "Bank", 2, 2, 2),
        entry_raw(b"0123456789abcdef", "Other:me", "", 0, 0, 0),
        entry_raw(b"0123456789abcdef", "old:me", "New", 3, 1, 2),
        entry_raw(b"0123456789abcdef", "md5", "", 4, 1, 2),
        entry_raw(b"0123456789abcdef", "nine", "", 1, 3, 2),
        entry_raw(b"", "empty", "", 1, 1, 2),
        entry_raw(b"0123456789abcdef", "type", "", 1, 1, 9),
    ]);
    let b = decode(&uri).unwrap();
    let names: Vec<_> = b
        .accounts
        .iter()
        .map(|a| (a.issuer.as_str(), a.account.as_str()))
        .collect();
    assert_eq!(
        names,
        [("Bank", "me:card"), ("Other", "me"), ("New", "old:me")]
    );
    assert_eq!(b.accounts[0].params.algorithm, Algorithm::Sha256);
    assert_eq!(b.accounts[0].params.digits, Digits::EIGHT);
    assert_eq!(b.accounts[1].params, OtpParams::default_totp());
    assert_eq!(b.accounts[2].params.algorithm, Algorithm::Sha512);
    let rejected: Vec<_> = b.rejected.iter().map(|(i, e)| (*i, e.clone())).collect();
    assert_eq!(
        rejected,
        [
            (3, UriError::UnsupportedAlgorithm.into()),
            (
                4,
                UriError::InvalidMigration("unknown number of digits").into()
            ),
            (5, OtpError::EmptySecret),
            (6, UriError::InvalidMigration("unknown OTP type").into()),
        ]
    );
    assert_eq!(b.batch_id, 7);
    // A name no otpauth URI could carry is refused like any unusable entry.
    let long = "n".repeat(uri::MAX_NAME_BYTES + 1);
    let mut e = vec![0x0a, 16];
    e.extend_from_slice(b"0123456789abcdef");
    e.extend([0x12, 0x81, 0x02]);
    e.extend_from_slice(long.as_bytes());
    let b = decode(&batch_uri(&[
        e,
        entry_raw(b"0123456789abcdef", "ok", "", 1, 1, 2),
    ]))
    .unwrap();
    assert_eq!(
        b.rejected,
        [(0, UriError::FieldTooLong("account name").into())]
    );
    // Nothing usable: the first reason is the error.
    assert_eq!(
        decode(&batch_uri(&[entry_raw(b"k", "x", "", 4, 1, 2)])),
        Err(UriError::UnsupportedAlgorithm.into())
    );
    assert_eq!(
        decode(&batch_uri(&[])),
        Err(UriError::InvalidMigration("the batch holds no accounts").into())
    );
}

#[test]
fn hotp_counter() {
    let mut e = entry_raw(b"0123456789abcdef", "h", "", 1, 1, 1);
    e.extend([0x38, 0xac, 0x02]); // counter 300
    assert_eq!(
        decode(&batch_uri(&[e])).unwrap().accounts[0].params.kind,
        OtpKind::Hotp { counter: 300 }
    );
    let mut neg = entry_raw(b"0123456789abcdef", "h", "", 1, 1, 1);
    neg.extend([
        0x38, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    assert_eq!(
        decode(&batch_uri(&[neg])),
        Err(UriError::InvalidMigration("negative HOTP counter").into())
    );
}

#[test]
fn malformed_payloads() {
    for (text, want) in [
        (
            "otpauth-migration://offline",
            UriError::MissingParameter("data"),
        ),
        (
            "otpauth-migration://offline?data=",
            UriError::MissingParameter("data"),
        ),
        (
            "otpauth-migration://online?data=AAAA",
            UriError::UnknownType,
        ),
        ("otpauth://offline?data=AAAA", UriError::UnknownScheme),
        (
            "otpauth-migration://offline?data=CjEK*",
            UriError::InvalidMigration("data is not base64"),
        ),
        (
            "otpauth-migration://offline?data=Cj=EK",
            UriError::InvalidMigration("data is not base64"),
        ),
        (
            "otpauth-migration://offline?data=CjEK",
            UriError::InvalidMigration("protobuf message is truncated"),
        ),
        (
            "otpauth-migration://offline?data=AAAA&data=BBBB",
            UriError::DuplicateParameter("data"),
        ),
        (
            "otpauth-migration://offline?data=%ZZ",
            UriError::InvalidEncoding("data"),
        ),
    ] {
        assert_eq!(decode(text), Err(want.into()), "{text}");
    }
    let long = format!(
        "otpauth-migration://offline?data={}",
        "A".repeat(MAX_MIGRATION_URI_LEN)
    );
    assert!(matches!(
        decode(&long),
        Err(OtpError::Uri(UriError::TooLong(_)))
    ));
}

#[test]
fn encode_round_trip_and_skips() {
    let accounts = vec![
        account("otpauth://totp/GitHub:me?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
        account("otpauth://totp/Bank%20Mellat:6037?secret=JBSWY3DPEHPK3PXP&period=60"),
        account("otpauth://totp/Steam:gabe?secret=JBSWY3DPEHPK3PXP&encoder=steam"),
        account("otpauth://hotp/:a:b?secret=JBSWY3DPEHPK3PXP&counter=9&digits=8&algorithm=SHA256"),
        account("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=7"),
        account("otpauth://hotp/big?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615"),
        account(
            "otpauth://totp/%D8%A8%D8%A7%D9%86%DA%A9:%DB%B1?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512",
        ),
    ];
    let report = encode(&accounts, -5);
    assert_eq!(
        report.skipped,
        [
            (1, SkipReason::Period { seconds: 60 }),
            (2, SkipReason::Steam),
            (4, SkipReason::Digits { digits: 7 }),
            (5, SkipReason::CounterTooLarge),
        ]
    );
    assert_eq!(report.uris.len(), 1);
    let b = decode(&report.uris[0]).unwrap();
    assert_eq!(
        b.accounts,
        [
            accounts[0].clone(),
            accounts[3].clone(),
            accounts[6].clone()
        ]
    );
    assert_eq!(
        (b.version, b.batch_size, b.batch_index, b.batch_id),
        (1, 1, 0, -5)
    );
    assert!(!format!("{report:?}").contains("otpauth"), "{report:?}");
    assert!(report.skipped[0].1.to_string().contains("60 s"));
}

#[test]
fn batches_respect_the_limit_and_share_the_header() {
    let accounts: Vec<_> = (0..40)
        .map(|i| account(&format!("otpauth://totp/Service{i}:user{i}@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")))
        .collect();
    let report = encode(&accounts, 42);
    assert!(report.skipped.is_empty());
    assert!(report.uris.len() > 1);
    let mut back = Vec::new();
    for (i, u) in report.uris.iter().enumerate() {
        assert!(u.len() <= MAX_QR_URI_CHARS, "{}", u.len());
        let b = decode(u).unwrap();
        assert_eq!(
            (b.batch_size as usize, b.batch_index as usize, b.batch_id),
            (report.uris.len(), i, 42)
        );
        back.extend(b.accounts);
    }
    assert_eq!(back, accounts);
    // Each batch except the last is full: the next account would not fit.
    let first = decode(&report.uris[0]).unwrap().accounts.len();
    let bigger = encode_with_limit(&accounts[..=first], 42, usize::MAX);
    assert!(bigger.uris[0].len() > MAX_QR_URI_CHARS);
}

#[test]
fn an_account_too_large_for_any_qr_is_skipped() {
    let mut a = account("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP");
    a.issuer = "i".repeat(uri::MAX_NAME_BYTES);
    a.account = "x".repeat(uri::MAX_NAME_BYTES);
    a.secret = Secret::from_bytes(vec![7; uri::MAX_SECRET_BYTES]).unwrap();
    let r = encode(&[a.clone()], 1);
    assert_eq!(r.skipped, [(0, SkipReason::TooLarge)]);
    assert!(r.uris.is_empty());
    assert_eq!(
        decode(&encode_with_limit(&[a.clone()], 1, 4000).uris[0])
            .unwrap()
            .accounts,
        [a]
    );
}
