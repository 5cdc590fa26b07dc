//! The native side of the web frame-decode benchmark: decodes the same
//! 1280×720 luma plane the browser decodes (`web/tests/bench.mjs` writes
//! it), `ROUNDS` times, and prints the median in milliseconds as JSON.
//!
//! `cargo run --release -p ramz-wasm --example decode_native -- FILE W H ROUNDS`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let luma = std::fs::read(&args[1]).expect("the luma file");
    let w: u32 = args[2].parse().unwrap();
    let h: u32 = args[3].parse().unwrap();
    let rounds: usize = args[4].parse().unwrap();
    assert_eq!(
        ramz_wasm::decode_frame(&luma, w, h, w),
        1,
        "one code in the frame"
    );
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            let n = ramz_wasm::decode_frame(&luma, w, h, w);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            assert_eq!(n, 1);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{{\"median_ms\": {:.3}, \"rounds\": {rounds}}}",
        times[rounds / 2]
    );
}
