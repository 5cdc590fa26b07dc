//! `uri::parse` on arbitrary text must not panic, and whatever parses must
//! print to a URI that parses back to the same account.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_otp::uri;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = uri::parse(text) {
        let printed = uri::to_uri(&parsed.account);
        match uri::parse(&printed) {
            Ok(again) => assert_eq!(again.account, parsed.account),
            Err(e) => panic!("canonical URI does not parse: {e}"),
        }
    }
});
