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
        Ok("rotate") => {
            let vault = patient_vault(&dir.join("vault.ramz"));
            writeln!(out, "\nready").unwrap();
            out.flush().unwrap();
            for n in 1.. {
                match vault.unlock(b"000000", 1).unwrap() {
                    UnlockOutcome::WrongPin { .. } => {}
                    other => panic!("{other:?}"),
                }
                writeln!(out, "counted {n}").unwrap();
                out.flush().unwrap();
            }
        }
        Ok("migrate") => {
            let vault = v2_vault(dir);
            writeln!(out, "\nready").unwrap();
            out.flush().unwrap();
            let UnlockOutcome::Unlocked(_) = vault.unlock(PIN, 1).unwrap() else {
                panic!("not unlocked");
            };
            writeln!(out, "\nmigrated").unwrap();
            out.flush().unwrap();
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

/// No waits and no wipe: the child can count wrong PINs as fast as it can.
fn patient_vault(path: &Path) -> Vault {
    let config = VaultConfig {
        lockout: ramz_vault::LockoutPolicy {
            free_attempts: u32::MAX,
            wipe_after: None,
            ..Default::default()
        },
        ..VaultConfig::insecure_for_tests()
    };
    Vault::new(path, keystore_for(path), config)
}

/// Keys in a format-2 key file.
fn keys_in(key_file: &Path) -> u8 {
    let bytes = std::fs::read(key_file).unwrap();
    assert!(bytes.starts_with(b"RAMZKEY2"));
    bytes[8]
}

/// Key names in a format-2 key file.
fn aliases_in(key_file: &Path) -> Vec<String> {
    let bytes = std::fs::read(key_file).unwrap();
    let mut at = 9;
    let mut out = Vec::new();
    for _ in 0..bytes[8] {
        let len = bytes[at] as usize;
        out.push(String::from_utf8(bytes[at + 1..at + 1 + len].to_vec()).unwrap());
        at += 1 + len + 32;
    }
    out
}

/// SIGKILL while wrong PINs are being counted (each one a key rotation:
/// create the next key, write the file, delete the old key): the vault
/// always opens, never with fewer failures than were acknowledged, and
/// never leaves more than one stale key behind.
#[test]
fn sigkill_during_key_rotations_loses_nothing() {
    if child_main() {
        return;
    }
    watchdog(300);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ramz");
    let mut v = patient_vault(&path).create(PIN, 0).unwrap();
    v.add(totp("Crash", "0", "JBSWY3DPEHPK3PXP"), 0).unwrap();
    drop(v);
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("rotation crash test seed {seed}");
    let mut counted: u32 = 0;
    let mut stale = 0;
    const ROTATION_CYCLES: usize = 60;
    for cycle in 0..ROTATION_CYCLES {
        let mut child = spawn(
            dir.path(),
            "rotate",
            "sigkill_during_key_rotations_loses_nothing",
        );
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        wait_for(&mut lines, "ready");
        std::thread::sleep(Duration::from_micros(xorshift(&mut seed) % 30_000));
        child.kill().unwrap();
        child.wait().unwrap();
        let acked = lines
            .filter_map(|l| {
                l.strip_prefix("counted ")
                    .and_then(|n| n.parse::<u32>().ok())
            })
            .max()
            .unwrap_or(0);
        let keys = keys_in(&key_path(&path));
        assert!(keys <= 2, "cycle {cycle}: {keys} keys in the keystore");
        if keys == 2 {
            stale += 1;
        }
        let now = patient_vault(&path).status(1).unwrap().failures;
        let floor = counted + acked;
        assert!(
            now == floor || now == floor + 1,
            "cycle {cycle}: {floor} counted and acknowledged, {now} on disk"
        );
        counted = now;
    }
    // On a loaded machine a rotation (four fsyncs) can take longer than a
    // kill delay; what matters is that many kills hit a running rotation.
    assert!(
        counted >= ROTATION_CYCLES as u32 / 3,
        "the child counted too few wrong PINs ({counted}) to test anything"
    );
    let UnlockOutcome::Unlocked(v) = patient_vault(&path).unlock(PIN, 2).unwrap() else {
        panic!("the right PIN must open the vault");
    };
    assert_eq!(v.accounts().len(), 1);
    drop(v);
    assert_eq!(patient_vault(&path).status(2).unwrap().failures, 0);
    assert_eq!(keys_in(&key_path(&path)), 1, "the unlock cleaned up");
    eprintln!("{ROTATION_CYCLES} kills, {counted} wrong PINs counted, {stale} times a stale key");
}

const V2_FILES: [&str; 3] = ["vector-v2.ramz", "vector-v2.ramz.attempts", "vector-v2.key"];

fn v2_vault(dir: &Path) -> Vault {
    let keystore = ramz_vault::SoftwareKeystore::open(&dir.join("vector-v2.key")).unwrap();
    Vault::new(
        dir.join("vector-v2.ramz"),
        std::sync::Arc::new(keystore),
        VaultConfig::default(),
    )
}

fn put_back_v2(dir: &Path) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for name in V2_FILES {
        std::fs::copy(data.join(name), dir.join(name)).unwrap();
    }
}

/// SIGKILL during the migration of a version-2 vault: it always opens
/// afterwards with every account, as version 2 (not migrated yet) or 3.
#[test]
fn sigkill_during_migration_loses_nothing() {
    if child_main() {
        return;
    }
    watchdog(600);
    let dir = tempfile::tempdir().unwrap();
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("migration crash test seed {seed}");
    // How long one migration takes here, to spread the kills over it.
    put_back_v2(dir.path());
    let mut child = spawn(
        dir.path(),
        "migrate",
        "sigkill_during_migration_loses_nothing",
    );
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    wait_for(&mut lines, "ready");
    let started = std::time::Instant::now();
    wait_for(&mut lines, "migrated");
    child.wait().unwrap();
    let span = started.elapsed().as_micros() as u64 + 1;
    let (mut still_v2, mut migrated) = (0, 0);
    const MIGRATION_CYCLES: usize = 25;
    for cycle in 0..MIGRATION_CYCLES {
        put_back_v2(dir.path());
        let mut child = spawn(
            dir.path(),
            "migrate",
            "sigkill_during_migration_loses_nothing",
        );
        let mut lines = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok);
        wait_for(&mut lines, "ready");
        // Most of the span is Argon2id; aim at its end, where the writes are.
        let delay = span / 2 + xorshift(&mut seed) % (span * 3 / 4);
        std::thread::sleep(Duration::from_micros(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        let version = std::fs::read(dir.path().join("vector-v2.ramz")).unwrap()[8];
        match version {
            2 => still_v2 += 1,
            3 => migrated += 1,
            v => panic!("cycle {cycle}: version {v}"),
        }
        let UnlockOutcome::Unlocked(v) = v2_vault(dir.path()).unlock(PIN, 2).unwrap() else {
            panic!("cycle {cycle}: the right PIN must open the vault");
        };
        assert_eq!(v.accounts().len(), 3, "cycle {cycle}");
        drop(v);
        let after = std::fs::read(dir.path().join("vector-v2.ramz")).unwrap();
        assert_eq!(after[8], 3, "cycle {cycle}: not migrated by the unlock");
        assert!(!dir.path().join("vector-v2.ramz.attempts").exists());
        let aliases = aliases_in(&dir.path().join("vector-v2.key"));
        assert_eq!(
            aliases.iter().filter(|a| a.starts_with("device")).count(),
            1,
            "cycle {cycle}: {aliases:?}"
        );
        assert!(
            !aliases.iter().any(|a| a == "device"),
            "cycle {cycle}: the format-2 key is left"
        );
    }
    eprintln!(
        "{MIGRATION_CYCLES} kills: {still_v2} before the new file was in place, {migrated} after"
    );
}
