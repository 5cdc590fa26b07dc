//! The frame decoder on arbitrary geometry and pixels: it must return a
//! typed error or a (possibly empty) list, never panic or read outside the
//! buffer. The first 6 bytes choose width, height and row padding so the
//! fuzzer explores mis-strided and short buffers too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    let width = usize::from(u16::from_le_bytes([data[0], data[1]]) % 700);
    let height = usize::from(u16::from_le_bytes([data[2], data[3]]) % 700);
    let pad = usize::from(data[4] % 16);
    let flags = data[5];
    let pixels = &data[6..];
    let stride = if flags & 1 == 0 { width + pad } else { width.saturating_sub(pad) };
    if let Ok(frame) = ramz_qr::LumaFrame::new(pixels, width, height, stride) {
        let mut options = ramz_qr::DecodeOptions::default();
        options.try_inverted = flags & 2 == 0;
        let _ = ramz_qr::decode_frame_with(&frame, &options);
    }
});
