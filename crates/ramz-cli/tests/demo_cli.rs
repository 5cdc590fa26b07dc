//! `ramz demo` through the built binary, run the way README says and the
//! way CI runs it: no flags, `CI=true`, no terminal, nothing on stdin.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn demo(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ramz"))
        .arg("demo")
        .args(args)
        .env("CI", "true")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The temporary directory named on the first line.
fn temp_dir_of(stdout: &str) -> PathBuf {
    let first = stdout.lines().next().unwrap_or("");
    let start = first.find(" in /").unwrap() + 4;
    PathBuf::from(first[start..].trim_end_matches(')'))
}

/// Lines of the child's stdout, as they come.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for a line containing `needle`; returns everything read so far.
fn read_until(rx: &mpsc::Receiver<String>, needle: &str, seen: &mut String) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !seen.contains(needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
            }
            Err(_) => panic!("no {needle:?} in:\n{seen}"),
        }
    }
}

#[test]
fn demo_as_in_readme_verifies_refuses_the_replay_and_exits_zero_by_itself() {
    let started = Instant::now();
    let out = demo(&[]).wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    // Ends by itself: the default countdown is a few seconds, not a period.
    assert!(started.elapsed() < Duration::from_secs(50), "{stdout}");
    assert!(stdout.contains("Bank server running at http://127.0.0.1:"));
    assert!(stdout.contains('█'), "the QR code is drawn:\n{stdout}");
    assert!(stdout.contains("payload: ramz://activate?"), "{stdout}");
    assert!(stdout.contains("your activation code is "), "{stdout}");
    assert!(stdout.contains("Activated"), "{stdout}");

    // The live code with its countdown, then the bank verifies that same
    // code: accepted once, refused the second time.
    let live = stdout
        .lines()
        .skip_while(|l| !l.contains("Live second password"))
        .nth(1)
        .unwrap_or("");
    let fields: Vec<&str> = live.split_whitespace().collect();
    assert_eq!(fields.len(), 4, "card, code, bar, seconds left: {live:?}");
    let (code, left) = (fields[1], fields[3]);
    assert!(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()));
    let left: u64 = left.trim_end_matches('s').parse().unwrap();
    assert!((1..=60).contains(&left), "{live}");
    let verified = stdout
        .lines()
        .find(|l| l.contains("Bank verifies"))
        .unwrap_or("");
    assert!(verified.contains("accepted (time step"), "{stdout}");
    let again = stdout
        .lines()
        .find(|l| l.contains("Same code again"))
        .unwrap_or("");
    assert!(
        again.contains("refused: this code was already used"),
        "{stdout}"
    );

    // Nothing left behind.
    let dir = temp_dir_of(&stdout);
    assert!(!dir.exists(), "{} still exists", dir.display());
}

#[test]
fn demo_watch_keeps_the_live_code_until_ctrl_c_then_cleans_up() {
    let mut child = demo(&["--watch", "--show-for", "0"]);
    let rx = lines_of(&mut child);
    let mut seen = String::new();
    read_until(&rx, "Live code (Ctrl-C to stop)", &mut seen);
    let live = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    assert!(live.contains("9990  "), "a live code line: {live:?}");
    // Still running well after the demo's own steps are done.
    std::thread::sleep(Duration::from_secs(2));
    assert!(child.try_wait().unwrap().is_none(), "{seen}");
    let dir = temp_dir_of(&seen);
    assert!(dir.exists());

    let pid = child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{seen}");
    assert!(!dir.exists(), "{} still exists", dir.display());
}
