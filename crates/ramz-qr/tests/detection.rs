//! Detection cases added for real photos: a sheet of many codes, a small
//! code in a 12-megapixel still, a code foreshortened by a strong tilt.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ramz_qr::render::{Correction, Matrix};

/// Pastes `text`'s code (module `m` px, with quiet zone) at `(x, y)`,
/// stretched `sy` times vertically.
fn paste(frame: &mut [u8], width: usize, text: &str, m: usize, x: usize, y: usize, sy: usize) {
    let (code, side) = Matrix::encode(text, Correction::Medium)
        .unwrap()
        .to_luma(m)
        .unwrap();
    for cy in 0..side * sy {
        for cx in 0..side {
            let v = code[(cy / sy) * side + cx];
            frame[(y + cy) * width + x + cx] = if v < 128 { 30 } else { 220 };
        }
    }
}

fn read(frame: &[u8], w: usize, h: usize) -> Vec<String> {
    let mut got: Vec<String> = ramz_qr::decode_luma(frame, w, h, w)
        .unwrap()
        .into_iter()
        .map(|c| c.text.to_string())
        .collect();
    got.sort();
    got
}

#[test]
fn every_code_on_a_sheet_reads_once() {
    let (w, h) = (1600, 1200);
    let mut frame = vec![150u8; w * h];
    let mut want = Vec::new();
    for row in 0..3 {
        for col in 0..4 {
            let text = format!("otpauth://totp/Sheet:{row}{col}?secret=JBSWY3DPEHPK3PXP");
            paste(&mut frame, w, &text, 4, 40 + col * 380, 40 + row * 380, 1);
            want.push(text);
        }
    }
    want.sort();
    assert_eq!(read(&frame, w, h), want);
}

#[test]
fn small_code_in_a_twelve_megapixel_still_reads() {
    let (w, h) = (4032, 3024);
    let mut frame = vec![120u8; w * h];
    let text = "otpauth://totp/Bank%20Melli:6037991234567890?secret=JBSWY3DPEHPK3PXP&period=60";
    // 3 px modules: under one pixel at the first (shrunk) size.
    paste(&mut frame, w, text, 3, 2500, 1700, 1);
    assert_eq!(read(&frame, w, h), vec![text.to_owned()]);
}

#[test]
fn code_twice_as_tall_as_wide_reads() {
    // A strong tilt about the horizontal axis foreshortens the code: its
    // finder patterns are twice as long vertically as horizontally.
    let (w, h) = (640, 640);
    let mut frame = vec![200u8; w * h];
    let text = "otpauth://totp/Tilt?secret=JBSWY3DPEHPK3PXP";
    paste(&mut frame, w, text, 4, 100, 60, 2);
    assert_eq!(read(&frame, w, h), vec![text.to_owned()]);
}
