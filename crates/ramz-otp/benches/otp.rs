//! Ramz vs totp-rs, same process, same work: per-code generation and ±1 /
//! ±10 verification for SHA-1/256/512. After criterion's own report, a
//! ratio table measured in paired, interleaved rounds (robust on a shared
//! machine). Run: `cargo bench -p ramz-otp --bench otp`; only the table:
//! `cargo bench -p ramz-otp --bench otp -- --ratios-only`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::time::Instant;

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

/// Nanoseconds per call of `f`, over `n` calls.
fn per_call(n: u32, mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_nanos() as f64 / f64::from(n)
}

/// Paired, interleaved comparison: many short rounds, each timing a batch
/// of ours and a batch of theirs back to back (order alternating), so load
/// from other processes hits both sides alike. Returns the median ns per
/// call of each side and the median of the per-round ratios.
fn paired(mut ours: impl FnMut(), mut theirs: impl FnMut()) -> (f64, f64, f64) {
    const ROUNDS: usize = 301;
    const BATCH: u32 = 2_000;
    let (mut a, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..ROUNDS {
        let (x, y) = if i % 2 == 0 {
            let x = per_call(BATCH, &mut ours);
            (x, per_call(BATCH, &mut theirs))
        } else {
            let y = per_call(BATCH, &mut theirs);
            (per_call(BATCH, &mut ours), y)
        };
        a.push(x);
        b.push(y);
        r.push(y / x);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(&mut a), median(&mut b), median(&mut r))
}

/// The ratio table: every case of the criterion groups, measured paired.
fn print_ratios() {
    println!(
        "\n== ramz vs totp-rs, paired interleaved rounds (median ns per call; ratio = totp-rs / ramz, median of per-round ratios)"
    );
    println!(
        "{:<20} {:>7} {:>10} {:>10} {:>7}",
        "case", "alg", "ramz", "totp-rs", "ratio"
    );
    let row = |case: &str, name: &str, (a, b, r): (f64, f64, f64)| {
        println!("{case:<20} {name:>7} {a:>10.1} {b:>10.1} {r:>6.2}x");
    };
    for (a, b, name) in ALGS {
        let (o, t) = (ours(a), theirs(b, 1));
        row(
            "generate",
            name,
            paired(
                || {
                    black_box(black_box(&o).code_at(black_box(T)));
                },
                || {
                    black_box(black_box(&t).generate(black_box(T)));
                },
            ),
        );
    }
    for skew in [1u8, 10] {
        for case in ["valid", "wrong"] {
            for (a, b, name) in ALGS {
                let (o, t) = (ours(a), theirs(b, skew));
                let at = if case == "valid" { T } else { T + 3600 };
                let code = o.code_at(at).to_string();
                let w = u64::from(skew);
                row(
                    &format!("verify_pm{skew} {case}"),
                    name,
                    paired(
                        || {
                            black_box(black_box(&o).verify(black_box(&code), black_box(T), w, w));
                        },
                        || {
                            black_box(black_box(&t).check(black_box(&code), black_box(T)));
                        },
                    ),
                );
            }
        }
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--ratios-only") {
        let mut c = Criterion::default().configure_from_args();
        generation(&mut c);
        verification(&mut c);
        c.final_summary();
    }
    print_ratios();
}
