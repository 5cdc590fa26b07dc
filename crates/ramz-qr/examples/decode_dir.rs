//! Decodes every `*.pgm` in a folder with Ramz and times the decode call.
//!
//! `cargo run --release -p ramz-qr --example decode_dir -- DIR [REPEATS]`
//! writes `DIR/ramz.jsonl`: one line per file with the median time of
//! `REPEATS` calls (default 3) and the decoded texts. The corpora made
//! elsewhere (`bench/synth_gen.py`, `bench/photos.py`) are scored from it
//! next to zxing-cpp by `bench/compare.py` and `bench/photos.py`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
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

/// Reads a binary PGM (`P5`, 8-bit) as written by the bench scripts.
fn read_pgm(path: &Path) -> (Vec<u8>, usize, usize) {
    let data = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "{}: not a binary PGM", path.display());
    let w: usize = fields[1].parse().unwrap();
    let h: usize = fields[2].parse().unwrap();
    let pixels = data[i + 1..i + 1 + w * h].to_vec();
    (pixels, w, h)
}

/// The decode call, never inlined, so that callgrind can dump one count
/// per frame (`--dump-after='*decode_frame_with*'`; with LTO the
/// library's own `decode_frame_with` is inlined into `main`). Needs an
/// unstripped build: `CARGO_PROFILE_RELEASE_STRIP=false`.
#[inline(never)]
fn decode_frame_with_counted(
    frame: &ramz_qr::LumaFrame<'_>,
    options: &ramz_qr::DecodeOptions,
) -> Vec<ramz_qr::DecodedCode> {
    ramz_qr::decode_frame_with(frame, options)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(args.get(1).expect("usage: decode_dir DIR [REPEATS]"));
    let repeats: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    files.sort();
    let mut out = std::fs::File::create(dir.join("ramz.jsonl")).unwrap();
    let mut options = ramz_qr::DecodeOptions::default();
    // Experiment knob, as in `corpus_bench`.
    if let Ok(v) = std::env::var("RAMZ_QR_DOWNSCALE_ABOVE") {
        options.downscale_above = v.parse().unwrap();
    }
    for path in files {
        let (pixels, w, h) = read_pgm(&path);
        let frame = ramz_qr::LumaFrame::packed(&pixels, w, h).unwrap();
        let mut times = Vec::with_capacity(repeats);
        let mut decoded = Vec::new();
        for _ in 0..repeats.max(1) {
            let t = Instant::now();
            let codes = decode_frame_with_counted(&frame, &options);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            decoded = codes.iter().map(|c| json_str(&c.text)).collect();
        }
        times.sort_by(f64::total_cmp);
        let name = path.file_name().unwrap().to_string_lossy();
        // With `--features stage-timing`: time per stage (gray, binarize,
        // finder, locate, grid, rqrr) on stderr, for profiling.
        #[cfg(feature = "stage-timing")]
        {
            let (nanos, calls) = ramz_qr::stage_timing::take();
            let per: Vec<String> = nanos
                .iter()
                .zip(calls)
                .map(|(n, c)| format!("{:.2}/{c}", *n as f64 / 1e6 / repeats.max(1) as f64))
                .collect();
            eprintln!("{name} {:.2} [{}]", times[times.len() / 2], per.join(" "));
        }
        writeln!(
            out,
            "{{\"file\":{},\"ms\":{:.3},\"decoded\":[{}]}}",
            json_str(&name),
            times[times.len() / 2],
            decoded.join(",")
        )
        .unwrap();
    }
}
