//! The decrypting paths. The input's first byte picks the passphrase: odd
//! means the fixtures' passphrase (so mutated real exports get past the
//! key derivation and exercise decryption and parsing), even means the
//! next `byte / 2 % 16` bytes. The rest is the file. Key-derivation costs
//! come from the file and are capped, so a run is bounded (libFuzzer's
//! `-timeout` catches a cap that is too generous).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_import::import;

const FIXTURE_PASSPHRASE: &[u8] = "correct horse ۱۲۳ battery".as_bytes();

fuzz_target!(|input: &[u8]| {
    let Some((&first, rest)) = input.split_first() else {
        return;
    };
    let (pass, file) = if first & 1 == 1 {
        (FIXTURE_PASSPHRASE, rest)
    } else {
        rest.split_at(usize::from(first / 2 % 16).min(rest.len()))
    };
    let _ = import(file, Some(pass));
});
