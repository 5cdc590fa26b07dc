//! The software keystore's key file parser (formats 1 and 2) on arbitrary
//! bytes must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = ramz_vault::fuzzing::parse_key_file(bytes);
});
