//! Ramz vs totp-rs, same process, same work: per-code generation and ±1 /
//! ±10 verification for SHA-1/256/512. Prints the ratio after criterion's
//! own report. Run: `cargo bench -p ramz-otp --bench otp`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion};
use ramz_otp::{Algorithm, Digits, Period, Secret, Totp};

const T: u64 = 1_700_000_015;
const ALGS: [(Algorithm, totp_rs::Algorithm, &str); 3] = [
    (Algorithm::Sha1, totp_rs::Algorithm::SHA1, "SHA1"),
    (Algorithm::Sha256, totp_rs::Algorithm::SHA256, "SHA256"),
    (Algorithm::Sha512, totp_rs::Algorithm::SHA512, "SHA512"),
];

fn key() -> Vec<u8> {
    b"12345678901234567890".to_vec()
}

fn ours(alg: Algorithm) -> Totp {
    Totp::new(
        &Secret::from_slice(&key()).unwrap(),
        alg,
        Digits::SIX,
        Period::THIRTY,
        0,
    )
}

fn theirs(alg: totp_rs::Algorithm, skew: u8) -> totp_rs::Totp {
    totp_rs::Builder::new()
        .with_algorithm(alg)
        .with_digits(6)
        .with_skew(u16::from(skew))
        .with_step_duration(30)
        .with_secret(key())
        .build()
        .unwrap()
}

fn generation(c: &mut Criterion) {
    let mut g = c.benchmark_group("generate");
    for (a, b, name) in ALGS {
        let o = ours(a);
        let t = theirs(b, 1);
        assert_eq!(o.code_at(T).to_string(), t.generate(T).to_string());
        g.bench_function(BenchmarkId::new("ramz", name), |bch| {
            bch.iter(|| black_box(&o).code_at(black_box(T)))
        });
        g.bench_function(BenchmarkId::new("totp-rs", name), |bch| {
            bch.iter(|| black_box(&t).generate(black_box(T)))
        });
    }
    g.finish();
}

fn verification(c: &mut Criterion) {
    for skew in [1u8, 10] {
        let mut g = c.benchmark_group(format!("verify_pm{skew}"));
        for (a, b, name) in ALGS {
            let o = ours(a);
            let t = theirs(b, skew);
            let valid = o.code_at(T).to_string();
            // A code from outside the window: both must try every step.
            let wrong = o.code_at(T + 3600).to_string();
            let w = u64::from(skew);
            assert_eq!(o.verify(&valid, T, w, w), t.check(&valid, T));
            assert_eq!(o.verify(&wrong, T, w, w), t.check(&wrong, T));
            for (case, code) in [("valid", &valid), ("wrong", &wrong)] {
                g.bench_function(BenchmarkId::new(format!("ramz-{case}"), name), |bch| {
                    bch.iter(|| black_box(&o).verify(black_box(code), black_box(T), w, w))
                });
                g.bench_function(BenchmarkId::new(format!("totp-rs-{case}"), name), |bch| {
                    bch.iter(|| black_box(&t).check(black_box(code), black_box(T)))
                });
            }
        }
        g.finish();
    }
}

/// Reads criterion's point estimate (ns) of one benchmark.
fn estimate(group: &str, id: &str) -> Option<f64> {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    let path = dir
        .join("criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let key = "\"median\":{\"confidence_interval\":";
    let rest = &text[text.find(key)?..];
    let p = rest.find("\"point_estimate\":")? + "\"point_estimate\":".len();
    rest[p..].split([',', '}']).next()?.parse().ok()
}

fn print_ratios() {
    println!("\n== ramz vs totp-rs (median ns per call; ratio = totp-rs / ramz)");
    println!(
        "{:<22} {:>7} {:>10} {:>10} {:>7}",
        "case", "alg", "ramz", "totp-rs", "ratio"
    );
    let mut rows = vec![(
        "generate".to_owned(),
        "ramz".to_owned(),
        "totp-rs".to_owned(),
    )];
    for skew in [1, 10] {
        for case in ["valid", "wrong"] {
            rows.push((
                format!("verify_pm{skew}"),
                format!("ramz-{case}"),
                format!("totp-rs-{case}"),
            ));
        }
    }
    for (group, ours, theirs) in rows {
        for (_, _, name) in ALGS {
            let (Some(a), Some(b)) = (
                estimate(&group, &format!("{ours}/{name}")),
                estimate(&group, &format!("{theirs}/{name}")),
            ) else {
                continue;
            };
            let case = format!(
                "{group} {}",
                ours.trim_start_matches("ramz").trim_start_matches('-')
            );
            println!("{case:<22} {name:>7} {a:>10.1} {b:>10.1} {:>6.2}x", b / a);
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    generation(&mut c);
    verification(&mut c);
    c.final_summary();
    print_ratios();
}
