//! Hostile frames: wrong geometry gives a typed error, random bytes and
//! random dimensions never panic or read outside the buffer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use ramz_qr::{LumaFrame, QrError, decode_luma};

#[test]
fn geometry_errors_are_typed() {
    let buf = vec![0u8; 1000];
    assert!(matches!(
        decode_luma(&buf, 0, 0, 0),
        Err(QrError::EmptyFrame { .. })
    ));
    assert!(matches!(
        decode_luma(&buf, 100, 10, 99),
        Err(QrError::StrideTooSmall { .. })
    ));
    assert!(matches!(
        decode_luma(&buf, 100, 11, 100),
        Err(QrError::BufferTooShort {
            len: 1000,
            needed: 1100
        })
    ));
    assert!(matches!(
        decode_luma(&buf, usize::MAX / 2, 3, usize::MAX / 2),
        Err(QrError::FrameTooLarge { .. })
    ));
    assert!(matches!(
        decode_luma(&buf, 10, 3, usize::MAX),
        Err(QrError::DimensionsOverflow)
    ));
    assert!(matches!(
        decode_luma(&buf, 5000, 1, 5000),
        Err(QrError::FrameTooLarge { .. })
    ));
}

#[test]
fn largest_frame_is_accepted_and_bounded() {
    let side = ramz_qr::MAX_DIMENSION;
    let buf: Vec<u8> = (0..side * side)
        .map(|i| ((i * 7 + i / side * 13) % 251) as u8)
        .collect();
    let frame = LumaFrame::packed(&buf, side, side).unwrap();
    assert!(ramz_qr::decode_frame(&frame).is_empty());
}

#[test]
fn padded_stride_is_honoured() {
    // A code in a buffer with 37 bytes of row padding filled with noise.
    let payload = "otpauth://totp/Saman:1234?secret=JBSWY3DPEHPK3PXP&period=60";
    let m = ramz_qr::render::Matrix::encode(payload, ramz_qr::render::Correction::Medium).unwrap();
    let (px, side) = m.to_luma(4).unwrap();
    let stride = side + 37;
    let mut buf = vec![0u8; stride * side];
    for y in 0..side {
        buf[y * stride..y * stride + side].copy_from_slice(&px[y * side..(y + 1) * side]);
        for x in side..stride {
            buf[y * stride + x] = ((x * 31 + y * 17) % 256) as u8;
        }
    }
    // Without the last row's padding.
    let buf = &buf[..stride * (side - 1) + side];
    let codes = decode_luma(buf, side, side, stride).unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].text.as_str(), payload);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn random_buffers_never_panic(
        data in prop::collection::vec(any::<u8>(), 0..20_000),
        width in 0usize..300,
        height in 0usize..300,
        pad in 0usize..8,
    ) {
        let stride = width + pad;
        match decode_luma(&data, width, height, stride) {
            Ok(codes) => prop_assert!(codes.len() <= 16),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn blocky_noise_never_panics(seed in any::<u64>(), block in 1usize..9) {
        // Blocky noise looks more like modules than white noise does.
        let (w, h) = (160usize, 120usize);
        let mut s = seed;
        let cells: Vec<u8> = (0..(w / block + 1) * (h / block + 1)).map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            if (s >> 33) & 1 == 0 { 0 } else { 255 }
        }).collect();
        let cw = w / block + 1;
        let px: Vec<u8> = (0..w * h).map(|i| cells[(i / w / block) * cw + (i % w) / block]).collect();
        let _ = decode_luma(&px, w, h, w).unwrap();
    }
}
