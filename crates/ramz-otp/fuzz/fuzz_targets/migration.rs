//! `migration::decode` on arbitrary protobuf bytes (wrapped as a real
//! migration URI) and on arbitrary text must not panic; whatever decodes
//! re-encodes and decodes to the same accounts, and each account's
//! canonical otpauth URI (what `ramz migration decode` prints) parses back
//! to it.
#![no_main]

use data_encoding::BASE64;
use libfuzzer_sys::fuzz_target;
use ramz_otp::{migration, uri};

fuzz_target!(|bytes: &[u8]| {
    let uri = format!("otpauth-migration://offline?data={}", BASE64.encode(bytes));
    if let Ok(batch) = migration::decode(&uri) {
        let report = migration::encode(&batch.accounts, batch.batch_id);
        let back: Vec<_> = report
            .uris
            .iter()
            .flat_map(|u| migration::decode(u).map(|b| b.accounts).unwrap_or_default())
            .collect();
        let kept = batch.accounts.len() - report.skipped.len();
        assert_eq!(back.len(), kept);
        for account in &batch.accounts {
            match uri::parse(&uri::to_uri(account)) {
                Ok(p) => assert_eq!(&p.account, account),
                Err(e) => panic!("canonical URI of a decoded account does not parse: {e}"),
            }
        }
    }
    if let Ok(text) = core::str::from_utf8(bytes) {
        let _ = migration::decode(text);
    }
});
