//! Opening each encrypted export at its app's real default cost, timed as
//! a median of a few runs (each run is one key derivation, 30 ms to
//! seconds). Compare with `benches/kdf_reference.py`, which times the
//! reference implementations of the same KDFs; see benches/README.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::time::Instant;

const PASSWORD: &[u8] = "correct horse ۱۲۳ battery".as_bytes();

fn main() {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let cases = [
        ("aegis scrypt N=2^15 r=8 p=1", "aegis_default_cost.json", 9),
        ("2fas pbkdf2-sha256 10000", "twofas_encrypted.2fas", 21),
        (
            "andotp pbkdf2-sha1 150000",
            "andotp_default_cost.json.aes",
            9,
        ),
        ("proton argon2id 19MiB t=2", "proton_encrypted.json", 9),
        ("ente argon2id 1GiB t=4", "ente_default_cost.txt", 3),
    ];
    for (label, file, runs) in cases {
        if filter.as_deref().is_some_and(|f| !label.contains(f)) {
            continue;
        }
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(file);
        let bytes = std::fs::read(path).unwrap();
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let read = ramz_import::import(&bytes, Some(PASSWORD)).unwrap();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(!read.accounts.is_empty());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label:32} median {:9.1} ms  ({runs} runs)",
            times[runs / 2]
        );
    }
}
