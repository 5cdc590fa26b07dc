//! `payload::classify` on arbitrary text must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = ramz_otp::payload::classify(text);
});
