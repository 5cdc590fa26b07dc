//! Everything the renderer draws decodes back: random payloads of
//! realistic lengths (20–1000 chars), rasterised at several module sizes,
//! rotated and scaled into a camera-sized frame.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use proptest::prelude::*;
use ramz_qr::render::{self, Correction, Matrix, TerminalStyle};
use support::synth::{Look, Rng, draw_code};

fn texts(payload: &str) -> Vec<String> {
    ramz_qr::decode_luma(&[], 0, 0, 0).err().unwrap();
    let m = Matrix::encode(payload, Correction::Medium).unwrap();
    let (px, side) = m.to_luma(3).unwrap();
    ramz_qr::decode_luma(&px, side, side, side)
        .unwrap()
        .into_iter()
        .map(|c| c.text.to_string())
        .collect()
}

/// Printable ASCII plus some Persian, as account names carry.
fn payload_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![8 => prop::char::range(' ', '~'), 1 => prop::char::range('آ', 'ی')],
        20..1000,
    )
    .prop_map(|v| v.into_iter().collect::<String>())
    .prop_filter("fits a QR code", |s| s.len() <= 2300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn upright_render_decodes(payload in payload_strategy()) {
        prop_assert_eq!(texts(&payload), vec![payload.clone()]);
    }

    #[test]
    fn rotated_scaled_render_decodes(
        payload in payload_strategy(),
        angle in -45.0f32..45.0,
        px_per_module in 3.0f32..6.0,
        seed in any::<u64>(),
    ) {
        let m = Matrix::encode(&payload, Correction::Medium).unwrap();
        let side_px = m.side_with_quiet_zone() as f32 * px_per_module;
        let w = (side_px * 1.5) as usize + 10;
        let mut frame = vec![128.0f32; w * w];
        let look = Look {
            center: (w as f32 / 2.0, w as f32 / 2.0),
            side_px,
            angle_deg: angle,
            tilt: 0.0,
            inverted: false,
            dark: 20.0,
            light: 235.0,
        };
        draw_code(&mut frame, w, w, &m, &look, &mut Rng::new(seed));
        let px: Vec<u8> = frame.iter().map(|&v| v as u8).collect();
        let got: Vec<String> = ramz_qr::decode_luma(&px, w, w, w).unwrap().into_iter().map(|c| c.text.to_string()).collect();
        prop_assert_eq!(got, vec![payload.clone()]);
    }
}

#[test]
fn png_decodes_back() {
    let payload = "otpauth://totp/Bank%20Melli:6037991234567890?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=60";
    let png = render::png(payload, Correction::Medium, 4).unwrap();
    let img = image::load_from_memory(&png).unwrap().into_luma8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let codes = ramz_qr::decode_luma(img.as_raw(), w, h, w).unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text.as_str(), payload);
    assert!(matches!(
        codes[0].payload,
        ramz_otp::payload::Payload::Account(_)
    ));
}

#[test]
fn svg_draws_every_dark_module() {
    let payload = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP";
    let m = Matrix::encode(payload, Correction::Medium).unwrap();
    let svg = render::svg(payload, Correction::Medium).unwrap();
    // Re-rasterise the path's runs and compare with the matrix.
    let side = m.side_with_quiet_zone();
    let mut grid = vec![false; side * side];
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for cmd in d.split('M').filter(|s| !s.is_empty()) {
        let (xy, rest) = cmd.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let n: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        for i in 0..n {
            grid[y * side + x + i] = true;
        }
    }
    for y in 0..side {
        for x in 0..side {
            let dark = x >= 4 && y >= 4 && m.is_dark(x - 4, y - 4);
            assert_eq!(grid[y * side + x], dark, "module {x},{y}");
        }
    }
}

#[test]
fn terminal_rows_are_half_blocks_with_quiet_zone() {
    let payload = "ramz://activate?v=1&url=https%3A%2F%2Fotp.bank.example%2Fapi";
    let m = Matrix::encode(payload, Correction::Medium).unwrap();
    let text =
        render::terminal(payload, Correction::Medium, TerminalStyle::LightBackground).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let side = m.side_with_quiet_zone();
    assert_eq!(lines.len(), side.div_ceil(2));
    // Decode the text back into modules and compare.
    for (row, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        assert_eq!(chars.len(), side);
        for (x, c) in chars.iter().enumerate() {
            let (top, bottom) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected {other:?}"),
            };
            let dark = |y: usize| x >= 4 && y >= 4 && m.is_dark(x - 4, y - 4);
            assert_eq!(top, dark(2 * row));
            if 2 * row + 1 < side {
                assert_eq!(bottom, dark(2 * row + 1));
            }
        }
    }
    // The first line is quiet zone: blank on a light background, solid on a dark one.
    assert!(lines[0].chars().all(|c| c == ' '));
    let dark_bg =
        render::terminal(payload, Correction::Medium, TerminalStyle::DarkBackground).unwrap();
    assert!(dark_bg.lines().next().unwrap().chars().all(|c| c == '█'));
}

#[test]
fn too_long_payload_is_a_typed_error() {
    let long = "x".repeat(5000);
    assert!(matches!(
        render::svg(&long, Correction::Medium),
        Err(ramz_qr::QrError::PayloadTooLong { len: 5000 })
    ));
    assert!(matches!(
        render::png("x", Correction::Medium, 0),
        Err(ramz_qr::QrError::InvalidRenderOption { .. })
    ));
}
