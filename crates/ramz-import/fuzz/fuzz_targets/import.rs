//! Any file, read with format detection and with each explicit format,
//! must give an `Import` or a typed error, never a panic; and every
//! imported account must print to an otpauth URI that parses back to it
//! (so the vault can store and export whatever an import yields).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_import::{Format, import, import_as};
use ramz_otp::uri;

fuzz_target!(|bytes: &[u8]| {
    // No passphrase: encrypted files stop at PassphraseRequired, so each
    // run stays cheap. `import_encrypted` covers the decrypting paths.
    let detected = import(bytes, None);
    for f in Format::ALL {
        let _ = import_as(f, bytes, None);
    }
    if let Ok(read) = detected {
        for a in &read.accounts {
            let printed = uri::to_uri(&a.account);
            match uri::parse(&printed) {
                Ok(again) => assert_eq!(again.account.secret, a.account.secret),
                Err(e) => panic!("imported account does not print to a valid URI: {e}"),
            }
        }
    }
});
