//! The version-3 state block (the lockout record: device-key generation,
//! cleanup, failures, last attempt, wrapped device secret) on arbitrary
//! bytes must not panic; what parses re-encodes to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_vault::VaultError;

fuzz_target!(|bytes: &[u8]| {
    if let Err(VaultError::Internal(what)) = ramz_vault::fuzzing::parse_state_block(bytes) {
        panic!("{what}");
    }
});
