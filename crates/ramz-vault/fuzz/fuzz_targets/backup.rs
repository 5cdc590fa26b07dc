//! `read_backup` on arbitrary bytes must not panic. The maximum KDF cost
//! is the test parameters' (64 KiB, 1 pass), so every input runs at most
//! one cheap Argon2id; anything costlier must be refused before it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_vault::{KdfParams, VaultError};

fuzz_target!(|bytes: &[u8]| {
    let cheap = KdfParams::for_tests();
    match ramz_vault::read_backup(bytes, b"fuzzing passphrase", &cheap, &cheap) {
        Err(VaultError::Internal(what)) => panic!("{what}"),
        Ok(accounts) => assert!(accounts.len() <= 10_000),
        Err(_) => {}
    }
});
