//! `ramz uri inspect` and `ramz migration decode|encode` as a script uses
//! them: JSON / one URI per line on stdout, reasons on stderr, documented
//! exit codes, no secret where it was not asked for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn ramz(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const PUBLISHED: &str = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JP8Aw%3D%3D";

#[test]
fn inspect_prints_json_without_the_secret() {
    let uri = format!(
        "otpauth://totp/Old%20Bank:%DB%B6%DB%B0%DB%B3%DB%B7?secret={KEY}&issuer=New+Bank&period=%DB%B6%DB%B0&digits=8"
    );
    let o = ramz(&["uri", "inspect", &uri], "");
    assert!(o.status.success(), "{}", err(&o));
    assert!(!out(&o).contains(KEY));
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(v["issuer"], "New Bank");
    assert_eq!(v["account"], "۶۰۳۷");
    assert_eq!(v["kind"], "totp");
    assert_eq!(v["algorithm"], "SHA1");
    assert_eq!(v["digits"], 8);
    assert_eq!(v["period"], 60);
    assert_eq!(v["secret_bits"], 160);
    assert!(v.get("secret").is_none() && v.get("counter").is_none());
    assert_eq!(v["warnings"][0]["warning"], "issuer_mismatch");
    assert_eq!(v["warnings"][0]["label_issuer"], "Old Bank");

    let o = ramz(
        &[
            "uri",
            "inspect",
            "--show-secret",
            &format!("otpauth://hotp/x?secret={KEY}&counter=5"),
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(v["secret"], KEY);
    assert_eq!(
        (v["kind"].as_str(), v["counter"].as_u64()),
        (Some("hotp"), Some(5))
    );
    assert!(v.get("period").is_none());
}

#[test]
fn bad_uri_is_one_line_exit_3_without_the_secret() {
    for uri in [
        format!("otpauth://totp/x?secret={KEY}&period=0"),
        format!("otpauth://totp/x?secret={KEY}&algorithm=MD5"),
        format!("otpauth://hotp/x?secret={KEY}"),
        format!("{PUBLISHED}x*"),
        "hello".to_owned(),
    ] {
        let o = ramz(&["uri", "inspect", &uri], "");
        assert_eq!(o.status.code(), Some(3), "{uri}");
        assert!(out(&o).is_empty());
        let e = err(&o);
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(
            !e.contains(KEY) && !e.contains("secret=") && !e.contains("data="),
            "{e}"
        );
    }
}

#[test]
fn decode_published_export() {
    let o = ramz(&["migration", "decode", PUBLISHED], "");
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        out(&o),
        "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA1&digits=6&period=30\n"
    );
}

#[test]
fn encode_then_decode_gives_the_accounts_back() {
    let inputs = [
        format!("otpauth://totp/GitHub:octocat?secret={KEY}"),
        format!("otpauth://totp/Bank%20Mellat:6037?secret={KEY}&period=60"),
        format!("otpauth://hotp/Legacy:bob:admin?secret={KEY}&counter=9&digits=8&algorithm=SHA256"),
        format!("otpauth://totp/Steam:gabe?secret={KEY}&encoder=steam"),
        format!("otpauth://totp/%D8%A8%D8%A7%D9%86%DA%A9:%DB%B1?secret={KEY}&algorithm=SHA512"),
    ];
    let stdin = format!("# my accounts\n{}\n\n", inputs.join("\n"));
    let o = ramz(&["migration", "encode", "--batch-id", "-7"], &stdin);
    assert!(o.status.success(), "{}", err(&o));
    let e = err(&o);
    assert!(
        e.contains("line 3 (Bank Mellat: 6037) skipped") && e.contains("60 s"),
        "{e}"
    );
    assert!(e.contains("line 5 (Steam: gabe) skipped"), "{e}");
    assert!(!e.contains(KEY));
    let stdout = out(&o);
    let uris: Vec<&str> = stdout.lines().collect();
    assert!(
        !uris.is_empty()
            && uris
                .iter()
                .all(|u| u.starts_with("otpauth-migration://offline?data="))
    );

    let decoded = ramz(
        &["migration", "decode"]
            .into_iter()
            .chain(uris.iter().copied())
            .collect::<Vec<_>>(),
        "",
    );
    assert!(decoded.status.success(), "{}", err(&decoded));
    // The same accounts, in canonical form, in input order.
    let canonical: Vec<String> = [0, 2, 4]
        .iter()
        .map(|&i| {
            let o = ramz(&["uri", "inspect", "--show-secret", &inputs[i]], "");
            let v: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
            format!(
                "{}|{}|{}|{}",
                v["issuer"], v["account"], v["algorithm"], v["digits"]
            )
        })
        .collect();
    let back: Vec<String> = out(&decoded)
        .lines()
        .map(|u| {
            let o = ramz(&["uri", "inspect", "--show-secret", u], "");
            let v: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
            assert_eq!(v["secret"], KEY);
            format!(
                "{}|{}|{}|{}",
                v["issuer"], v["account"], v["algorithm"], v["digits"]
            )
        })
        .collect();
    assert_eq!(back, canonical);
}

#[test]
fn encode_failures() {
    // Nothing encodable: reasons on stderr, exit 3, nothing on stdout.
    let o = ramz(
        &["migration", "encode"],
        &format!("otpauth://totp/x?secret={KEY}&period=60\n"),
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(out(&o).is_empty());
    assert!(err(&o).contains("skipped"));
    // Bad input names the line, not its content.
    let o = ramz(
        &["migration", "encode"],
        &format!("otpauth://totp/x?secret={KEY}\nnot a uri {KEY}\n"),
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(
        err(&o).contains("line 2") && !err(&o).contains(KEY),
        "{}",
        err(&o)
    );
    let o = ramz(&["migration", "encode"], "\n\n");
    assert_eq!(o.status.code(), Some(3));
}

#[test]
fn decode_refuses_other_inputs() {
    for input in [
        format!("otpauth://totp/x?secret={KEY}"),
        "otpauth-migration://offline?data=%%".to_owned(),
        "nothing".to_owned(),
    ] {
        let o = ramz(&["migration", "decode", &input], "");
        assert_eq!(o.status.code(), Some(3), "{input}");
        assert!(!err(&o).contains(KEY));
    }
}
