//! Large codes (version 7+), flat and on slightly curled paper, read
//! through the whole decoder (the piecewise sampling itself is unit
//! tested in `local_grid.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ramz_qr::render::{Correction, Matrix};

/// Draws `text` at `module` px per module on a `canvas`-px square,
/// bent like a sheet curled around a vertical cylinder: columns near the
/// middle bulge towards the viewer and widen, the edges compress.
fn curled(text: &str, module: usize, canvas: usize, bend: f32) -> Vec<u8> {
    let (code, side) = Matrix::encode(text, Correction::Medium)
        .unwrap()
        .to_luma(module)
        .unwrap();
    let off = (canvas - side) as f32 / 2.0;
    let half = side as f32 / 2.0;
    let mut out = vec![200u8; canvas * canvas];
    for y in 0..canvas {
        for x in 0..canvas {
            // Frame -> code pixel: invert a sine bend of the x axis and a
            // height change with it (nearer parts look taller).
            let u = (x as f32 - off - half) / half;
            let src_u = u + bend * (u * std::f32::consts::PI).sin() / std::f32::consts::PI;
            let scale = 1.0 + 0.5 * bend * (u * std::f32::consts::FRAC_PI_2).cos();
            let sx = src_u * half + half;
            let sy = (y as f32 - off - half) / scale + half;
            if sx >= 0.0 && sy >= 0.0 && (sx as usize) < side && (sy as usize) < side {
                let v = code[sy as usize * side + sx as usize];
                out[y * canvas + x] = if v < 128 { 40 } else { 210 };
            }
        }
    }
    out
}

fn text(len: usize) -> String {
    (0..len)
        .map(|i| char::from(b'a' + ((i * 7 + i / 5) % 26) as u8))
        .collect()
}

#[test]
fn curled_version_15_code_reads() {
    let t = text(300);
    let canvas = 760;
    let pixels = curled(&t, 4, canvas, 0.06);
    let codes = ramz_qr::decode_luma(&pixels, canvas, canvas, canvas).unwrap();
    assert_eq!(codes.len(), 1, "no code read");
    assert_eq!(codes[0].text.as_str(), t);
}

#[test]
fn flat_large_code_still_reads() {
    let t = text(600);
    let canvas = 900;
    let pixels = curled(&t, 4, canvas, 0.0);
    let codes = ramz_qr::decode_luma(&pixels, canvas, canvas, canvas).unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text.as_str(), t);
}
