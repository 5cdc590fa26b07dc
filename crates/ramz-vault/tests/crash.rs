//! SIGKILL at random moments: the vault always opens, with the old or the
//! new content. The test binary re-executes itself as the writer child.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use ramz_vault::{KdfParams, UnlockOutcome, Vault, VaultConfig};

const CHILD_DIR: &str = "RAMZ_VAULT_CRASH_CHILD_DIR";
const CHILD_MODE: &str = "RAMZ_VAULT_CRASH_CHILD_MODE";
const CYCLES: usize = 200;

// Each marker starts on a fresh line: the test harness prints
// "test name ... " without a newline before the test body runs.

/// The child's work, when this binary runs as the child.
fn child_main() -> bool {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return false;
    };
    let dir = Path::new(&dir);
    let out = std::io::stdout();
    let mut out = out.lock();
    match std::env::var(CHILD_MODE).as_deref() {
        Ok("saves") => {
            let vault = vault_at(&dir.join("vault.ramz"));
            let mut v = unlock(&vault, 1);
            let id = v.accounts()[0].id;
            let mut generation: u64 = v.accounts()[0].otp.account.parse().unwrap();
            writeln!(out, "\nready").unwrap();
            out.flush().unwrap();
            loop {
                generation += 1;
                v.rename(id, "Crash", &generation.to_string(), generation)
                    .unwrap();
                writeln!(out, "saved {generation}").unwrap();
                out.flush().unwrap();
            }
        }
        Ok("pin") => {
            let vault = slow_vault(&dir.join("vault.ramz"));
            writeln!(out, "\ntrying").unwrap();
            out.flush().unwrap();
            let _ = vault.unlock(b"000000", 5);
            writeln!(out, "\ndone").unwrap();
        }
        other => panic!("unknown child mode {other:?}"),
    }
    true
}

/// A hung child must fail the run, not stall it: after `seconds` the
/// whole test binary exits with a failure.
fn watchdog(seconds: u64) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(seconds));
        eprintln!("crash test watchdog: no result after {seconds} s");
        std::process::exit(101);
    });
}

fn spawn(dir: &Path, mode: &str, test: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .env(CHILD_MODE, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Reads lines until one equal to `want` (or end of output).
fn wait_for(lines: &mut impl Iterator<Item = String>, want: &str) {
    for line in lines.by_ref() {
        if line == want {
            return;
        }
    }
    panic!("child ended before printing {want:?}");
}

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn sigkill_during_saves_never_loses_data() {
    if child_main() {
        return;
    }
    watchdog(300);
    let dir = tempfile::tempdir().unwrap();
    let (_, vault, mut v) = new_vault(dir.path());
    v.add(totp("Crash", "0", "JBSWY3DPEHPK3PXP"), 0).unwrap();
    drop(v);
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash test seed {seed}");
    let mut committed: u64 = 0;
    let mut torn = 0;
    for cycle in 0..CYCLES {
        let mut child = spawn(dir.path(), "saves", "sigkill_during_saves_never_loses_data");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        wait_for(&mut lines, "ready");
        std::thread::sleep(Duration::from_micros(xorshift(&mut seed) % 20_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let acked = lines
            .filter_map(|l| l.strip_prefix("saved ").and_then(|n| n.parse::<u64>().ok()))
            .max();
        let floor = acked.unwrap_or(committed).max(committed);

        let v = unlock(&vault, 1);
        assert_eq!(v.accounts().len(), 1, "cycle {cycle}");
        let on_disk: u64 = v.accounts()[0].otp.account.parse().unwrap();
        assert!(
            on_disk == floor || on_disk == floor + 1,
            "cycle {cycle}: acknowledged {floor}, found {on_disk} on disk"
        );
        if on_disk == floor + 1 {
            torn += 1; // killed after the rename, before the acknowledgement
        }
        committed = on_disk;
    }
    // On a loaded machine a child may get only one save in before its
    // kill; what matters is that most cycles killed a writer that had
    // started saving.
    assert!(
        committed >= CYCLES as u64 / 2,
        "the child made too few saves ({committed}) to test anything"
    );
    eprintln!("{CYCLES} kills, {committed} saves, {torn} saves durable but unacknowledged");
}

fn slow_vault(path: &Path) -> Vault {
    let config = VaultConfig {
        kdf: KdfParams {
            memory_kib: 32 * 1024,
            iterations: 2,
            parallelism: 1,
        },
        ..VaultConfig::insecure_for_tests()
    };
    Vault::new(path, keystore_for(path), config)
}

#[test]
fn killed_during_the_pin_check_still_counts_the_attempt() {
    if child_main() {
        return;
    }
    watchdog(300);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ramz");
    drop(slow_vault(&path).create(PIN, 0).unwrap());
    for attempt in 1..=3u32 {
        let mut child = spawn(
            dir.path(),
            "pin",
            "killed_during_the_pin_check_still_counts_the_attempt",
        );
        let mut lines = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok);
        wait_for(&mut lines, "trying");
        // Kill as soon as the counter is on disk. The PIN check (Argon2,
        // 32 MiB x 2) is still running then: the count came first.
        while !slow_vault(&path)
            .status(5)
            .is_ok_and(|s| s.failures == attempt)
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let finished = lines.any(|l| l == "done");
        let status = slow_vault(&path).status(5).unwrap();
        assert!(
            !finished,
            "the attempt finished before the kill; the test proved nothing"
        );
        assert_eq!(status.failures, attempt);
    }
    // Three failures: the 30 s wait applies, then the right PIN works.
    assert!(matches!(
        slow_vault(&path).unlock(PIN, 20).unwrap(),
        UnlockOutcome::LockedOut { wait_seconds: 15 }
    ));
    assert!(matches!(
        slow_vault(&path).unlock(PIN, 35).unwrap(),
        UnlockOutcome::Unlocked(_)
    ));
}
