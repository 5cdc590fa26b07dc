//! Generates the synthetic corpus and times Ramz's decoder on it.
//!
//! `cargo run --release -p ramz-qr --example corpus_bench -- OUT_DIR [PER_BUCKET] [SEED]`
//! writes `OUT_DIR/*.pgm`, `OUT_DIR/truth.jsonl` (ground truth) and
//! `OUT_DIR/ramz.jsonl` (what Ramz decoded, and how long the decode call
//! took). `bench/compare.py` then runs zxing-cpp and pyzbar on the same
//! files and prints the table. `bench/run.sh` does both.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/synth.rs"]
mod synth;

use std::io::Write;
use std::time::Instant;

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = std::path::PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("target/qr-corpus"),
    );
    let per_bucket: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let seed: u64 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_250_601);
    let repeats = 5;
    std::fs::create_dir_all(&out).unwrap();
    let mut truth = std::fs::File::create(out.join("truth.jsonl")).unwrap();
    let mut ramz = std::fs::File::create(out.join("ramz.jsonl")).unwrap();
    // Per size: times; per bucket: successes. Printed to stderr at the end
    // (a quick view; `bench/compare.py` makes the real table).
    let mut summary: Vec<(String, Vec<f64>, [u64; STAGES])> = Vec::new();
    let mut bucket_ok: Vec<(&str, usize, usize)> = Vec::new();
    let mut no_code_times: Vec<f64> = Vec::new();
    for &(w, h) in &synth::SIZES {
        let mut size_times = Vec::new();
        let mut size_stages = [0u64; STAGES];
        for bucket in synth::Bucket::ALL {
            for i in 0..per_bucket {
                let scene = synth::scene(bucket, w, h, seed.wrapping_add(i as u64 * 7919));
                let name = format!("{}_{}x{}_{:03}.pgm", bucket.name(), w, h, i);
                let mut f = std::fs::File::create(out.join(&name)).unwrap();
                write!(f, "P5\n{w} {h}\n255\n").unwrap();
                f.write_all(&scene.pixels).unwrap();
                let payloads: Vec<String> = scene.payloads.iter().map(|p| json_str(p)).collect();
                writeln!(
                    truth,
                    "{{\"file\":{},\"bucket\":\"{}\",\"width\":{w},\"height\":{h},\"payloads\":[{}]}}",
                    json_str(&name),
                    bucket.name(),
                    payloads.join(",")
                )
                .unwrap();
                let frame = ramz_qr::LumaFrame::packed(&scene.pixels, w, h).unwrap();
                let mut options = ramz_qr::DecodeOptions::default();
                // Experiment knobs for the ADR's comparisons.
                if let Ok(v) = std::env::var("RAMZ_QR_DOWNSCALE_ABOVE") {
                    options.downscale_above = v.parse().unwrap();
                }
                #[cfg(feature = "rqrr-fallback")]
                if let Ok(v) = std::env::var("RAMZ_QR_RQRR_FALLBACK") {
                    options.rqrr_fallback = v == "1";
                }
                if let Ok(v) = std::env::var("RAMZ_QR_TRY_INVERTED") {
                    options.try_inverted = v == "1";
                }
                let _ = stage_counters();
                let mut times = Vec::new();
                let mut decoded = Vec::new();
                for _ in 0..repeats {
                    let t = Instant::now();
                    let codes = ramz_qr::decode_frame_with(&frame, &options);
                    times.push(t.elapsed().as_secs_f64() * 1000.0);
                    decoded = codes.iter().map(|c| json_str(&c.text)).collect();
                }
                times.sort_by(f64::total_cmp);
                let (nanos, _) = stage_counters();
                if std::env::var_os("RAMZ_QR_STAGES").is_some() {
                    let per: Vec<String> = nanos
                        .iter()
                        .map(|n| format!("{:.2}", *n as f64 / 1e6 / repeats as f64))
                        .collect();
                    eprintln!("{name} {:.2} [{}]", times[repeats / 2], per.join(" "));
                }
                for (a, n) in size_stages.iter_mut().zip(nanos) {
                    *a += n / repeats as u64;
                }
                size_times.push(times[repeats / 2]);
                if bucket == synth::Bucket::NoCode {
                    no_code_times.push(times[repeats / 2]);
                }
                let got: Vec<String> = ramz_qr::decode_frame_with(&frame, &options)
                    .iter()
                    .map(|c| c.text.to_string())
                    .collect();
                let _ = stage_counters();
                let ok = if scene.payloads.is_empty() {
                    got.is_empty()
                } else {
                    scene.payloads.iter().all(|p| got.contains(p))
                };
                if std::env::var_os("RAMZ_QR_VERBOSE").is_some() && !ok {
                    eprintln!("miss {name}");
                }
                match bucket_ok.iter_mut().find(|b| b.0 == bucket.name()) {
                    Some(b) => {
                        b.1 += usize::from(ok);
                        b.2 += 1;
                    }
                    None => bucket_ok.push((bucket.name(), usize::from(ok), 1)),
                }
                writeln!(
                    ramz,
                    "{{\"file\":{},\"ms\":{:.3},\"decoded\":[{}]}}",
                    json_str(&name),
                    times[repeats / 2],
                    decoded.join(",")
                )
                .unwrap();
            }
        }
        summary.push((format!("{w}x{h}"), size_times, size_stages));
    }
    let buckets: Vec<String> = bucket_ok
        .iter()
        .map(|(b, ok, n)| format!("{b} {ok}/{n}"))
        .collect();
    eprintln!("{}", buckets.join(", "));
    no_code_times.sort_by(f64::total_cmp);
    if let Some(m) = no_code_times.get(no_code_times.len() / 2) {
        eprintln!("no-code frames: median {m:.2} ms");
    }
    for (size, mut times, stages) in summary {
        times.sort_by(f64::total_cmp);
        let n = times.len();
        let total: f64 = times.iter().sum();
        let stage_ms: Vec<String> = ["gray", "binarize", "finder", "locate", "grid", "rqrr"]
            .iter()
            .zip(stages)
            .map(|(name, ns)| format!("{name} {:.2}", ns as f64 / 1e6 / n as f64))
            .collect();
        eprintln!(
            "{size}: median {:.2} ms, p95 {:.2} ms, mean {:.2} ms; mean per stage ms: {}",
            times[n / 2],
            times[(n * 95 / 100).min(n - 1)],
            total / n as f64,
            stage_ms.join(", ")
        );
    }
}

const STAGES: usize = 6;

/// Stage counters since the last call (zero without the `stage-timing`
/// feature).
fn stage_counters() -> ([u64; STAGES], [u64; STAGES]) {
    #[cfg(feature = "stage-timing")]
    {
        ramz_qr::stage_timing::take()
    }
    #[cfg(not(feature = "stage-timing"))]
    {
        ([0; STAGES], [0; STAGES])
    }
}
