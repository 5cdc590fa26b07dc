//! The account-list decoder (plaintext of a vault body or a backup) on
//! arbitrary bytes must not panic; what decodes round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_vault::VaultError;

fuzz_target!(|bytes: &[u8]| {
    if let Err(VaultError::Internal(what)) = ramz_vault::fuzzing::decode_accounts(bytes) {
        panic!("{what}");
    }
});
