//! The decrypting paths: the input's first byte picks a passphrase
//! length, the rest is the file. Key-derivation costs come from the file
//! and are capped, so a run is bounded (libFuzzer's `-timeout` catches a
//! cap that is too generous).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ramz_import::import;

fuzz_target!(|input: &[u8]| {
    let Some((&n, rest)) = input.split_first() else {
        return;
    };
    let n = usize::from(n % 16).min(rest.len());
    let (pass, file) = rest.split_at(n);
    let _ = import(file, Some(pass));
});
