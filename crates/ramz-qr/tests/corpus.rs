//! A subset of the synthetic corpus, decoded with per-bucket success
//! floors. The floors sit a little under what the decoder reaches (see
//! the README table), so a regression in any bucket fails here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::synth::{Bucket, SIZES, scene};

/// Frames per bucket and size; the seed differs from the benchmark's.
const PER: usize = 5;
const SEED: u64 = 77;

fn floor(bucket: Bucket) -> f32 {
    match bucket {
        Bucket::NoCode => 1.0,
        Bucket::Clean
        | Bucket::Small
        | Bucket::Multi
        | Bucket::Jpeg
        | Bucket::Cluttered
        | Bucket::DimUneven => 0.9,
        Bucket::Inverted | Bucket::BlurNoise => 0.8,
        Bucket::Rotated => 0.7,
        Bucket::Tilted => 0.8,
    }
}

#[test]
fn corpus_success_floors() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for bucket in Bucket::ALL {
        let mut ok = 0;
        let mut total = 0;
        for &(w, h) in &SIZES[..2] {
            for i in 0..PER {
                let s = scene(bucket, w, h, SEED + i as u64 * 101);
                let frame = ramz_qr::LumaFrame::packed(&s.pixels, w, h).unwrap();
                let got: Vec<String> = ramz_qr::decode_frame(&frame)
                    .into_iter()
                    .map(|c| c.text.to_string())
                    .collect();
                let success = if s.payloads.is_empty() {
                    got.is_empty()
                } else {
                    s.payloads.iter().all(|p| got.contains(p))
                };
                // A decoded text that is not in the scene is a false read.
                assert!(
                    got.iter().all(|g| s.payloads.contains(g)),
                    "false read in {bucket:?}"
                );
                ok += usize::from(success);
                total += 1;
            }
        }
        let rate = ok as f32 / total as f32;
        report.push(format!("{}: {ok}/{total}", bucket.name()));
        if rate < floor(bucket) {
            failures.push(format!(
                "{} {ok}/{total} below {}",
                bucket.name(),
                floor(bucket)
            ));
        }
    }
    println!("{}", report.join(", "));
    assert!(failures.is_empty(), "{failures:?} ({report:?})");
}
