//! The native side of the web frame-decode benchmark
//! (`web/tests/bench.mjs`): a long-running process, so the browser's and
//! the native batches can alternate in one run under the same load.
//!
//! Loads the 8-bit luma planes given as arguments (binary PGM files, or
//! raw planes of `W`×`H` bytes), then answers one line of JSON per line
//! read on stdin (after a first line `{"frames": N}` once they are
//! loaded): `I S G` takes `S` samples of frame `I`, each the mean time of
//! `G` decodes in a row, and prints how many codes it read and each
//! sample in milliseconds, `{"codes": 1, "ms": [1.02, 0.98, ...]}`. The
//! page times its decodes the same way (its clock is coarser: 0.1 ms).
//!
//! `cargo run --release -p ramz-wasm --example decode_native -- W H FILE...`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, Write};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let w: u32 = args[1].parse().expect("width");
    let h: u32 = args[2].parse().expect("height");
    let plane = (w * h) as usize;
    let frames: Vec<Vec<u8>> = args[3..]
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("a frame file");
            // A binary PGM's pixels are its last W*H bytes.
            assert!(bytes.len() >= plane, "{path}: shorter than {w}x{h}");
            bytes[bytes.len() - plane..].to_vec()
        })
        .collect();
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{{\"frames\": {}}}", frames.len()).expect("stdout");
    out.flush().expect("stdout");
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        let mut words = line.split_whitespace();
        if line.trim().is_empty() {
            continue;
        }
        let mut number = || -> usize { words.next().expect("I S G").parse().expect("a number") };
        let (frame, samples, group) = (&frames[number()], number(), number().max(1));
        let mut codes = 0;
        let ms: Vec<String> = (0..samples)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..group {
                    codes = ramz_wasm::decode_frame(frame, w, h, w);
                }
                format!("{:.4}", t.elapsed().as_secs_f64() * 1e3 / group as f64)
            })
            .collect();
        writeln!(out, "{{\"codes\": {codes}, \"ms\": [{}]}}", ms.join(", ")).expect("stdout");
        out.flush().expect("stdout");
    }
}
