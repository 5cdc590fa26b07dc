//! `ramz demo --web` through the built binary: prints the web app's and
//! the bank page's URLs, serves both, lets the web app's origin (only)
//! call the app API, and stops at Ctrl-C.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn get(url: &str, headers: &[(&str, &str)], method: &str) -> (u16, String, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = agent.run(req.body(Vec::new()).unwrap()).unwrap();
    let status = resp.status().as_u16();
    let allow = resp
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, allow, resp.into_body().read_to_string().unwrap())
}

fn url_after<'a>(lines: &'a [String], label: &str) -> &'a str {
    let line = lines.iter().find(|l| l.contains(label)).unwrap();
    line[line.find("http://").unwrap()..].trim_end_matches('/')
}

#[test]
fn demo_web_serves_the_app_and_the_bank_page() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<title>ramz web</title>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(["demo", "--web", "--web-dir"])
        .arg(dist.path())
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    while !lines.iter().any(|l: &String| l.contains("app API at")) {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "{lines:?}");
        lines.push(line.trim_end().to_owned());
    }
    let app = url_after(&lines, "web app:").to_owned();
    let bank = url_after(&lines, "internet bank:").to_owned();
    let api = lines
        .iter()
        .find(|l| l.contains("app API at"))
        .map(|l| {
            let s = &l[l.find("http://").unwrap()..];
            s[..s.find(',').unwrap()].to_owned()
        })
        .unwrap();
    for url in [&app, &bank, &api] {
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    }
    let (s, _, body) = get(&format!("{app}/"), &[], "GET");
    assert_eq!((s, body.as_str()), (200, "<title>ramz web</title>"));
    let (s, _, body) = get(&format!("{bank}/"), &[], "GET");
    assert_eq!(s, 200);
    assert!(body.contains("Ramz Demo Bank"));
    let complete = format!("{api}/v1/activations/x/complete");
    let preflight = |origin: &str| {
        get(
            &complete,
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
            ],
            "OPTIONS",
        )
    };
    let (s, allow, _) = preflight(&app);
    assert_eq!((s, allow.as_str()), (204, app.as_str()));
    let (s, allow, _) = preflight(&bank);
    assert_eq!((s, allow.as_str()), (403, ""));

    // Ctrl-C stops it.
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn demo_web_without_a_built_app_says_how_to_build_it() {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(["demo", "--web", "--web-dir"])
        .arg(empty.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("web/build.sh"));
}
