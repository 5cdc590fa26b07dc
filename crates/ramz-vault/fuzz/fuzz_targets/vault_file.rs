//! The vault file parser (versions 1-3) on arbitrary bytes must not panic,
//! and a version-3 header and state block that parse re-encode to the same
//! bytes (so the header MAC covers exactly what was parsed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_vault::VaultError;

fuzz_target!(|bytes: &[u8]| {
    if let Err(VaultError::Internal(what)) = ramz_vault::fuzzing::parse_vault(bytes) {
        panic!("{what}");
    }
});
