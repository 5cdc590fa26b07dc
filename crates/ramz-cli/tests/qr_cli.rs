//! `ramz qr decode|encode` and image-file arguments, as a user runs them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

fn ramz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(args)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const BANK_URI: &str = "otpauth://totp/Bank%20Melli:6037991234567890?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Bank%20Melli&period=60&digits=8";

#[test]
fn encode_png_then_decode_prints_the_payload() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("code.png");
    let o = ramz(&["qr", "encode", BANK_URI, "--png", png.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    let o = ramz(&["qr", "decode", png.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(out(&o), format!("{BANK_URI}\n"));
}

#[test]
fn json_classifies_without_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("code.png");
    assert!(
        ramz(&[
            "qr",
            "encode",
            BANK_URI,
            "--png",
            png.to_str().unwrap(),
            "--scale",
            "3"
        ])
        .status
        .success()
    );
    let o = ramz(&["qr", "decode", "--json", png.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    let text = out(&o);
    assert!(!text.contains("JBSWY3DP"), "secret leaked: {text}");
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(v["kind"], "account");
    assert_eq!(v["account"]["issuer"], "Bank Melli");
    assert_eq!(v["account"]["secret_bits"], 160);
}

#[test]
fn code_and_migration_accept_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("code.png");
    assert!(
        ramz(&["qr", "encode", BANK_URI, "--png", png.to_str().unwrap()])
            .status
            .success()
    );
    let o = ramz(&["code", png.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    let code = out(&o);
    assert!(
        code.trim().chars().take(8).all(|c| c.is_ascii_digit()),
        "{code}"
    );
}

#[test]
fn svg_and_terminal_output() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("code.svg");
    let o = ramz(&[
        "qr",
        "encode",
        "hello world",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    let o = ramz(&["qr", "encode", "hello world"]);
    assert!(o.status.success());
    let t = out(&o);
    // Version 1 (21 modules) + 2×4 quiet zone = 29 columns, 15 text rows.
    assert_eq!(t.lines().count(), 15);
    assert!(t.lines().all(|l| l.chars().count() == 29));
    assert!(t.lines().next().unwrap().chars().all(|c| c == '█'));
}

#[test]
fn no_code_and_garbage_are_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.png");
    image::GrayImage::from_pixel(200, 100, image::Luma([255u8]))
        .save(&blank)
        .unwrap();
    let o = ramz(&["qr", "decode", blank.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    let junk = dir.path().join("junk.png");
    std::fs::write(&junk, b"\x89PNG\r\n\x1a\n not really").unwrap();
    let o = ramz(&["qr", "decode", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{o:?}");
}
