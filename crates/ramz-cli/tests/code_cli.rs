//! `ramz code` as a script would use it: one line on stdout, documented
//! exit codes, one line on stderr for bad input, no secret in it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

fn ramz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"

#[test]
fn rfc6238_vector_from_uri_and_from_base32() {
    let uri = format!("otpauth://totp/ACME:john@example.com?secret={RFC_SECRET}&digits=8");
    let o = ramz(&["code", &uri, "--time", "59"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "94287082\n");
    let o = ramz(&["code", RFC_SECRET, "--time", "1111111109", "--digits", "8"]);
    assert_eq!(stdout(&o), "07081804\n");
    // The same, typed in Persian and Arabic-Indic digits.
    let o = ramz(&["code", RFC_SECRET, "--time", "۱۱۱۱۱۱۱۱۰۹", "--digits", "٨"]);
    assert_eq!(stdout(&o), "07081804\n");
}

#[test]
fn flags_override_and_select_kind() {
    // SHA-256 with RFC 6238's 32-byte seed.
    let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";
    let o = ramz(&[
        "code",
        seed,
        "--algorithm",
        "sha256",
        "--digits",
        "8",
        "--time",
        "1111111109",
    ]);
    assert_eq!(stdout(&o), "68084774\n");
    // HOTP, RFC 4226 Appendix D counter 3.
    let o = ramz(&["code", RFC_SECRET, "--counter", "3"]);
    assert_eq!(stdout(&o), "969429\n");
    // A 60-second step: 119 and 60 share a step, 59 does not.
    let a = stdout(&ramz(&[
        "code", RFC_SECRET, "--period", "60", "--time", "60",
    ]));
    let b = stdout(&ramz(&[
        "code", RFC_SECRET, "--period", "60", "--time", "119",
    ]));
    let c = stdout(&ramz(&[
        "code", RFC_SECRET, "--period", "60", "--time", "59",
    ]));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn bad_input_is_one_line_exit_3_without_the_secret() {
    for (arg, needle) in [
        ("JBSW0Y3DPSECRETX", "position 5"),
        (
            "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0",
            "period",
        ),
        (
            "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
            "algorithm",
        ),
        ("otpauth://totp/x?issuer=y", "secret"),
    ] {
        let o = ramz(&["code", arg, "--time", "0"]);
        assert_eq!(o.status.code(), Some(3), "{arg}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
        assert!(
            !err.contains("JBSWY3DPEHPK3PXP") && !err.contains("otpauth://"),
            "{err}"
        );
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn watch_shows_code_and_countdown_until_interrupted() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(["code", RFC_SECRET, "--watch"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert!(
        child.try_wait().unwrap().is_none(),
        "--watch must keep running"
    );
    child.kill().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child.wait().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expect_now = stdout(&ramz(&["code", RFC_SECRET, "--time", &now.to_string()]));
    let expect_before = stdout(&ramz(&[
        "code",
        RFC_SECRET,
        "--time",
        &(now - 2).to_string(),
    ]));
    assert!(
        out.contains(expect_now.trim()) || out.contains(expect_before.trim()),
        "{out}"
    );
    assert!(out.contains('█') && out.contains("next"), "{out}");
}
