//! Attacks on the vault's files, performed as an attacker who can copy and
//! write the files beside the vault (but not the device key file, the
//! desktop's trust anchor, which plays the phone keystore's part), and
//! judged through the real `ramz` binary. Each test says what the old
//! format-2 vault (main at a5a51aa) did instead.
//!
//! Wrong PINs from the past are typed through the library at earlier
//! times, so the waits between them have run out when the binary is used.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use ramz_vault::{SoftwareKeystore, UnlockOutcome, Vault, VaultConfig};

const PIN: &str = "480913";
const WRONG: &str = "147036";
const SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

struct Home {
    dir: tempfile::TempDir,
}

/// Every file beside the vault except the key file, by name.
type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

impl Home {
    fn new() -> Self {
        let h = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        ok(&h.ramz(&["init", "--pin-stdin"], PIN));
        let uri = format!("otpauth://totp/RFC:sha1?secret={SEED}&issuer=RFC");
        ok(&h.ramz(&["add", &uri, "--pin-stdin"], PIN));
        h
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("vault.ramz")
    }

    fn key(&self) -> PathBuf {
        self.dir.path().join("vault.key")
    }

    fn ramz(&self, args: &[&str], pin: &str) -> Output {
        let v = self.vault();
        let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
            .args(args)
            .args(["--vault", v.to_str().unwrap()])
            .env_remove("RAMZ_VAULT")
            .env("RAMZ_HOME", self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The binary may exit before it reads the PIN (damage and a
        // missing device key are found first): a closed pipe is fine.
        let _ = child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{pin}\n").as_bytes());
        child.wait_with_output().unwrap()
    }

    fn list(&self, pin: &str) -> Output {
        self.ramz(&["list", "--pin-stdin"], pin)
    }

    /// `n` wrong PINs typed long ago, far enough apart for every wait.
    fn wrong_pins_in_the_past(&self, n: u64) {
        let ks = SoftwareKeystore::open(&self.key()).unwrap();
        let vault = Vault::new(self.vault(), Arc::new(ks), VaultConfig::default());
        let start = now() - 200_000;
        for k in 1..=n {
            match vault.unlock(WRONG.as_bytes(), start + k * 5_000).unwrap() {
                UnlockOutcome::WrongPin { .. } | UnlockOutcome::Wiped => {}
                other => panic!("{other:?}"),
            }
        }
    }

    /// Copies every file of the vault's directory but the key file.
    fn snapshot(&self) -> Snapshot {
        let mut files = Snapshot::new();
        for entry in std::fs::read_dir(self.dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path != self.key() && path.is_file() {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
        files
    }

    /// Puts a snapshot back: its files as they were, others removed.
    fn restore(&self, snapshot: &Snapshot) {
        for path in self.snapshot().keys() {
            if !snapshot.contains_key(path) {
                std::fs::remove_file(path).unwrap();
            }
        }
        for (path, bytes) in snapshot {
            std::fs::write(path, bytes).unwrap();
        }
    }

    fn flip(&self, at: usize) {
        let mut bytes = std::fs::read(self.vault()).unwrap();
        bytes[at] ^= 0x01;
        std::fs::write(self.vault(), bytes).unwrap();
    }

    /// Offset of the PIN slot's salt, in either format (see
    /// `docs/vault-format.md`): version 3 puts the PIN slot first at a
    /// fixed place; version 2 after the wrapped device secret.
    fn pin_salt_offset(&self) -> usize {
        let b = std::fs::read(self.vault()).unwrap();
        match u16::from_le_bytes([b[8], b[9]]) {
            3 => 14 + 13 + 1 + 1 + 2,
            2 => {
                let w = usize::from(u16::from_le_bytes([b[27], b[28]]));
                27 + 2 + w + 1 + 1 + 2
            }
            v => panic!("format {v}"),
        }
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: &Output) {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), err(o));
}

/// Old behaviour: putting back the files copied before 4 wrong PINs
/// answered the next wrong PIN with "9 attempts left" (exit 4) and the
/// right PIN opened the copy: any copy was a permanent reset.
#[test]
fn restoring_the_files_after_four_wrong_pins_gives_no_attempts_back() {
    let h = Home::new();
    let before = h.snapshot();
    h.wrong_pins_in_the_past(4);
    let after = h.snapshot();
    h.restore(&before);
    let o = h.list(WRONG);
    assert_eq!(o.status.code(), Some(7), "{}", err(&o));
    assert!(!err(&o).contains("attempts left"), "{}", err(&o));
    assert!(err(&o).contains("device key"), "{}", err(&o));
    let o = h.list(PIN);
    assert_eq!(o.status.code(), Some(7), "the old copy opened: {}", err(&o));
    assert!(!out(&o).contains("RFC"));
    // The current files still count from four.
    h.restore(&after);
    let o = h.list(WRONG);
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("5 attempts left"), "{}", err(&o));
}

/// Old behaviour: after the tenth wrong PIN erased the vault, a copy of
/// the files from before the wipe opened with the right PIN and listed
/// every account.
#[test]
fn a_copy_from_before_the_wipe_does_not_open() {
    let h = Home::new();
    let before = h.snapshot();
    h.wrong_pins_in_the_past(9);
    let o = h.list(WRONG);
    assert_eq!(o.status.code(), Some(6), "{}", err(&o));
    assert!(!h.vault().exists());
    h.restore(&before);
    let o = h.list(PIN);
    assert_eq!(o.status.code(), Some(7), "the pre-wipe copy opened");
    assert!(!out(&o).contains("RFC"), "{}", out(&o));
}

/// Old behaviour: with one byte of the PIN slot's salt flipped, the right
/// PIN answered "wrong PIN" (exit 4) and counted; after waits, the tenth
/// wiped the vault.
#[test]
fn a_flipped_salt_byte_is_damage_with_the_right_pin_and_never_counts() {
    let h = Home::new();
    let good = std::fs::read(h.vault()).unwrap();
    h.flip(h.pin_salt_offset());
    let damaged = std::fs::read(h.vault()).unwrap();
    for i in 0..12 {
        let o = h.list(PIN);
        assert_eq!(o.status.code(), Some(7), "try {i}: {}", err(&o));
        assert!(err(&o).contains("modified or damaged"), "{}", err(&o));
    }
    assert_eq!(
        std::fs::read(h.vault()).unwrap(),
        damaged,
        "never rewritten"
    );
    // Repaired, the vault opens: nothing was counted or wiped.
    std::fs::write(h.vault(), good).unwrap();
    ok(&h.list(PIN));
}

/// Old behaviour: with a byte of the body flipped, the right PIN answered
/// "damaged" (exit 7) but the counter climbed, the waits began, and the
/// eleventh try wiped the vault.
#[test]
fn a_flipped_body_byte_is_damage_with_the_right_pin_and_resets_the_count() {
    let h = Home::new();
    let o = h.list(WRONG);
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    let len = std::fs::metadata(h.vault()).unwrap().len() as usize;
    h.flip(len - 1);
    for i in 0..11 {
        let o = h.list(PIN);
        assert_eq!(o.status.code(), Some(7), "try {i}: {}", err(&o));
        assert!(err(&o).contains("modified or damaged"), "{}", err(&o));
    }
    assert!(h.vault().exists(), "never wiped");
    // Repaired: the right PIN had reset the count, so this wrong one is
    // the first.
    h.flip(len - 1);
    let o = h.list(WRONG);
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("9 attempts left"), "{}", err(&o));
    ok(&h.list(PIN));
}
