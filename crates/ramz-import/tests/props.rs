//! No input panics: arbitrary bytes, and real exports mutated byte by
//! byte or field by field, give an `Import` or a typed error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use proptest::prelude::*;
use ramz_import::{Format, import, import_as};

const FIXTURES: [&str; 12] = [
    "aegis_plain.json",
    "aegis_encrypted.json",
    "twofas_plain.2fas",
    "twofas_encrypted.2fas",
    "bitwarden.json",
    "bitwarden.csv",
    "ente_plain.txt",
    "proton_plain.json",
    "proton_encrypted.json",
    "lastpass.json",
    "andotp.json",
    "uris.txt",
];

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .unwrap()
}

/// Every entry is accounted for: accounts and skips have positions, and
/// a successful read of a mutated file never yields more entries than a
/// file of that many lines or list items could hold.
fn sane(result: &Result<ramz_import::Import, ramz_import::ImportError>) {
    if let Ok(i) = result {
        assert!(i.accounts.len() + i.skipped.len() <= ramz_import::MAX_ENTRIES * 8);
        for a in &i.accounts {
            assert!(!a.account.secret.is_empty());
        }
    }
}

/// Structural mutations of JSON: every scalar replaced by a value of
/// another type (null, number, negative, huge, string, array, object).
fn mutate_json(
    v: &serde_json::Value,
    target: usize,
    with: usize,
    counter: &mut usize,
) -> serde_json::Value {
    use serde_json::Value;
    let here = *counter;
    *counter += 1;
    if here == target {
        return match with % 8 {
            0 => Value::Null,
            1 => Value::from(0),
            2 => Value::from(-1),
            3 => Value::from(u64::MAX),
            4 => Value::from(1.5),
            5 => Value::from("ÿ☃ x"),
            6 => Value::Array(vec![]),
            _ => Value::Object(serde_json::Map::new()),
        };
    }
    match v {
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| mutate_json(x, target, with, counter))
                .collect(),
        ),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), mutate_json(x, target, with, counter)))
                .collect(),
        ),
        x => x.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        sane(&import(&bytes, None));
        sane(&import_as(Format::Otpauth, &bytes, None));
    }

    #[test]
    fn arbitrary_text_lines_never_panic(lines in proptest::collection::vec(
        prop_oneof![
            "otpauth://[a-z]{0,6}/[^?\n]{0,20}\\?[^\n]{0,60}",
            "otpauth-migration://offline\\?data=[A-Za-z0-9%+/=]{0,80}",
            "\"otpauth://totp/[^\n\"]{0,30}\"",
            "[^\n]{0,40}",
        ], 0..8)) {
        let text = lines.join("\n");
        sane(&import(text.as_bytes(), None));
    }

    /// Byte flips, insertions and deletions in real exports. No passphrase:
    /// the readers must fail or succeed without key derivation work.
    #[test]
    fn mutated_exports_never_panic(
        which in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..6),
    ) {
        let mut bytes = data(FIXTURES[which]);
        for (at, byte, op) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => { bytes.remove(i); }
            }
        }
        sane(&import(&bytes, None));
    }

    /// Any one JSON value of a plain export replaced by a value of another
    /// type: the entry is skipped as malformed or the file refused, never
    /// a panic.
    #[test]
    fn retyped_json_fields_never_panic(which in 0..FIXTURES.len(), target in 0usize..400, with in 0usize..8) {
        let bytes = data(FIXTURES[which]);
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else { return Ok(()) };
        let mut counter = 0;
        let mutated = serde_json::to_vec(&mutate_json(&v, target, with, &mut counter)).unwrap();
        sane(&import(&mutated, None));
    }
}

/// The same structural mutations on the decrypting paths, with the right
/// passphrase, on a few cases (each one runs a key derivation).
#[test]
fn retyped_encrypted_envelopes_never_panic() {
    let pass = "correct horse ۱۲۳ battery".as_bytes();
    for name in [
        "aegis_encrypted.json",
        "twofas_encrypted.2fas",
        "ente_encrypted.txt",
        "proton_encrypted.json",
    ] {
        let v: serde_json::Value = serde_json::from_slice(&data(name)).unwrap();
        let mut total = 0;
        mutate_json(&v, usize::MAX, 0, &mut total);
        // Top-level and envelope fields come first in document order;
        // the long entries lists inside plain parts do not matter here.
        for target in 0..total.min(14) {
            for with in [0, 3, 5] {
                let mut counter = 0;
                let mutated =
                    serde_json::to_vec(&mutate_json(&v, target, with, &mut counter)).unwrap();
                sane(&import(&mutated, Some(pass)));
            }
        }
    }
}
