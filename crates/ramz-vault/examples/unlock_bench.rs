//! Unlock time with the default parameters, and Argon2id side by side
//! with PyPI `argon2-cffi` (the reference C implementation) on the same
//! parameters, in one run.
//!
//! ```sh
//! pip install argon2-cffi
//! cargo run --release -p ramz-vault --example unlock_bench [-- ROUNDS]
//! ```
//!
//! Rounds alternate between the two implementations so that load from
//! other processes hits both alike; the ratio is the number to read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use ramz_vault::{KdfParams, SoftwareKeystore, UnlockOutcome, Vault, VaultConfig};

const PIN: &[u8] = b"480913";
const SALT: &[u8; 16] = b"ramz-bench-salt!";
const PER_ROUND: usize = 3;

/// Times `hash_secret_raw` PER_ROUND times; prints the seconds of each
/// run on one line, then the hex output.
const PYTHON: &str = r#"
import sys, time
from argon2.low_level import hash_secret_raw, Type
m, t, p, n = (int(x) for x in sys.argv[1:5])
pw, salt = sys.argv[5].encode(), sys.argv[6].encode()
times = []
for _ in range(n):
    s = time.perf_counter()
    out = hash_secret_raw(pw, salt, time_cost=t, memory_cost=m, parallelism=p, hash_len=32, type=Type.ID)
    times.append(time.perf_counter() - s)
print(" ".join(repr(x) for x in times))
print(out.hex())
"#;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let kdf = KdfParams::DEFAULT;
    println!(
        "Argon2id m = {} KiB, t = {}, p = {}, 32-byte output; {rounds} rounds x {PER_ROUND}",
        kdf.memory_kib, kdf.iterations, kdf.parallelism
    );

    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(
        dir.path().join("bench.ramz"),
        // The file-backed keystore of the CLI: every unlock rotates the
        // device key, i.e. rewrites this file twice.
        Arc::new(SoftwareKeystore::open_or_create(&dir.path().join("bench.key")).unwrap()),
        VaultConfig::default(),
    );
    let mut v = vault.create(PIN, 1).unwrap();
    for i in 0..20 {
        let otp = ramz_otp::OtpAccount {
            issuer: format!("Issuer {i}"),
            account: format!("user{i}@example.com"),
            secret: ramz_otp::Secret::from_slice(&[i as u8; 20]).unwrap(),
            params: ramz_otp::OtpParams::default_totp(),
            image: None,
        };
        v.add(otp, 1).unwrap();
    }
    drop(v);

    let rust_out = kdf.bench_once(PIN, SALT).unwrap();
    let py_out = python(&kdf, 1).1;
    let same = py_out == hex(&rust_out);
    println!("same output as argon2-cffi: {same}");
    assert!(same, "argon2-cffi computed a different key");

    let (mut unlock, mut rust, mut py) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        for _ in 0..PER_ROUND {
            let s = Instant::now();
            let outcome = vault.unlock(PIN, 2).unwrap();
            unlock.push(s.elapsed().as_secs_f64());
            assert!(matches!(outcome, UnlockOutcome::Unlocked(_)));
        }
        for _ in 0..PER_ROUND {
            let s = Instant::now();
            std::hint::black_box(kdf.bench_once(PIN, SALT).unwrap());
            rust.push(s.elapsed().as_secs_f64());
        }
        py.extend(python(&kdf, PER_ROUND).0);
    }
    let (u, r, p) = (median(&mut unlock), median(&mut rust), median(&mut py));
    println!();
    println!("| measurement | median | min | runs |");
    println!("|---|---:|---:|---:|");
    row("vault unlock, default parameters (ramz-vault)", u, &unlock);
    row("Argon2id alone, `argon2` crate (Rust)", r, &rust);
    row("Argon2id alone, argon2-cffi (C reference)", p, &py);
    println!();
    println!(
        "unlock target <= 0.5 s: {}",
        if u <= 0.5 { "met" } else { "MISSED" }
    );
    println!(
        "ratio Rust / argon2-cffi: {:.2}x (target <= 1.10x: {})",
        r / p,
        if r / p <= 1.10 { "met" } else { "MISSED" }
    );
}

fn python(kdf: &KdfParams, n: usize) -> (Vec<f64>, String) {
    let out = Command::new("python3")
        .arg("-c")
        .arg(PYTHON)
        .args([
            kdf.memory_kib.to_string(),
            kdf.iterations.to_string(),
            kdf.parallelism.to_string(),
            n.to_string(),
        ])
        .arg(std::str::from_utf8(PIN).unwrap())
        .arg(std::str::from_utf8(SALT).unwrap())
        .output()
        .expect("python3 is needed for the comparison");
    assert!(
        out.status.success(),
        "argon2-cffi failed (pip install argon2-cffi): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let times = lines
        .next()
        .unwrap()
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    (times, lines.next().unwrap().to_owned())
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn row(name: &str, median: f64, all: &[f64]) {
    let min = all.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "| {name} | {:.3} s | {:.3} s | {} |",
        median,
        min,
        all.len()
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
