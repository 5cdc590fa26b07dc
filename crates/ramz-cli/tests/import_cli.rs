//! `ramz import` and `ramz export aegis` through the real binary, on the
//! fixtures of crates/ramz-import (written by an independent Python
//! exporter, not by Ramz): PIN and passphrase on stdin, documented exit
//! codes, the vault unchanged whenever a file is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const PIN: &str = "480913";
/// The fixtures' passphrase (tests/make_fixtures.py of ramz-import).
const PASSPHRASE: &str = "correct horse ۱۲۳ battery";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ramz-import/tests/data")
        .join(name)
}

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let h = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        let o = h.ramz(&["init", "--pin-stdin"], &format!("{PIN}\n"));
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        h
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("vault.ramz")
    }

    fn ramz(&self, args: &[&str], stdin: &str) -> Output {
        let v = self.vault();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--vault", v.to_str().unwrap()]);
        let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
            .args(&all)
            .env_remove("RAMZ_VAULT")
            .env("RAMZ_HOME", self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A command refused before it reads its PIN closes stdin early.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    fn import(&self, file: &Path, extra: &[&str], stdin: &str) -> Output {
        let f = file.to_str().unwrap();
        let mut args = vec!["import", f, "--pin-stdin", "--json"];
        args.extend(extra);
        self.ramz(&args, stdin)
    }

    /// `ramz list --json`.
    fn list(&self) -> Vec<Value> {
        let o = self.ramz(&["list", "--pin-stdin", "--json"], &format!("{PIN}\n"));
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    }
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", err(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn expected(name: &str) -> Value {
    let text = std::fs::read(fixture(&format!("{name}.expected.json"))).unwrap();
    serde_json::from_slice(&text).unwrap()
}

fn len(v: &Value, key: &str) -> usize {
    v[key].as_array().unwrap().len()
}

/// The refusal contract: exit 3, exactly one `ramz:` line, the vault's
/// accounts as before. (The file itself is rewritten by every unlock,
/// which records the PIN attempt, so its bytes are not compared.)
fn refused(h: &Home, o: &Output, before: &[Value]) {
    assert_eq!(o.status.code(), Some(3), "{}", err(o));
    let e = err(o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.starts_with("ramz: "), "{e}");
    assert!(o.stdout.is_empty());
    assert_eq!(h.list(), before);
}

#[test]
fn plain_fixtures_import_with_every_entry_accounted_for() {
    for name in [
        "aegis_plain.json",
        "twofas_plain.2fas",
        "bitwarden.json",
        "bitwarden.csv",
        "ente_plain.txt",
        "proton_plain.json",
        "lastpass.json",
        "andotp.json",
        "uris.txt",
    ] {
        let h = Home::new();
        let want = expected(name);
        let v = json(&h.import(&fixture(name), &[], &format!("{PIN}\n")));
        assert_eq!(
            len(&v, "imported") + len(&v, "duplicates"),
            len(&want, "accounts"),
            "{name}"
        );
        assert_eq!(len(&v, "skipped"), len(&want, "skipped"), "{name}");
        for s in v["skipped"].as_array().unwrap() {
            assert!(s["entry"]["position"].is_u64(), "{name}: {s}");
            assert!(!s["reason"].as_str().unwrap().is_empty(), "{name}: {s}");
        }
        assert_eq!(h.list().len(), len(&v, "imported"), "{name}");
        // No secret in the output.
        let text = String::from_utf8_lossy(
            &h.import(&fixture(name), &["--dry-run"], &format!("{PIN}\n"))
                .stdout,
        )
        .into_owned();
        for a in want["accounts"].as_array().unwrap() {
            let secret = a["secret"].as_str().unwrap();
            assert!(!text.contains(secret), "{name} prints a secret");
        }
    }
}

#[test]
fn encrypted_fixtures_take_the_passphrase_after_the_pin() {
    for name in [
        "aegis_encrypted.json",
        "twofas_encrypted.2fas",
        "ente_encrypted.txt",
        "proton_encrypted.json",
        "andotp_encrypted.json.aes",
    ] {
        let h = Home::new();
        let want = expected(name);
        let v = json(&h.import(
            &fixture(name),
            &["--passphrase-stdin"],
            &format!("{PIN}\n{PASSPHRASE}\n"),
        ));
        assert_eq!(v["encrypted"], true, "{name}");
        assert_eq!(len(&v, "imported"), len(&want, "accounts"), "{name}");
        assert_eq!(h.list().len(), len(&want, "accounts"), "{name}");
    }
}

#[test]
fn wrong_passphrase_is_exit_3_and_the_vault_is_unchanged() {
    let h = Home::new();
    json(&h.import(&fixture("uris.txt"), &[], &format!("{PIN}\n")));
    let before = h.list();
    for name in ["aegis_encrypted.json", "twofas_encrypted.2fas"] {
        let o = h.import(
            &fixture(name),
            &["--passphrase-stdin"],
            &format!("{PIN}\nnot the passphrase\n"),
        );
        refused(&h, &o, &before);
        assert!(err(&o).contains("wrong passphrase"), "{}", err(&o));
    }
    // No passphrase line at all: refused, nothing asked twice.
    let o = h.import(
        &fixture("aegis_encrypted.json"),
        &["--passphrase-stdin"],
        &format!("{PIN}\n"),
    );
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    assert_eq!(h.list(), before);
}

#[test]
fn truncated_tampered_and_foreign_files_are_exit_3() {
    let h = Home::new();
    let before = h.list();
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(fixture("aegis_plain.json")).unwrap();
    let cut = dir.path().join("cut.json");
    std::fs::write(&cut, &plain[..plain.len() * 2 / 3]).unwrap();
    refused(&h, &h.import(&cut, &[], &format!("{PIN}\n")), &before);
    assert!(err(&h.import(&cut, &[], &format!("{PIN}\n"))).contains("damaged"));

    // One byte of the encrypted 2FAS services flipped (base64 letter).
    let enc = String::from_utf8(std::fs::read(fixture("twofas_encrypted.2fas")).unwrap()).unwrap();
    let at = enc.find("\"servicesEncrypted\"").unwrap() + "\"servicesEncrypted\": \"".len() + 4;
    let mut bytes = enc.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let tampered = dir.path().join("tampered.2fas");
    std::fs::write(&tampered, &bytes).unwrap();
    let o = h.import(
        &tampered,
        &["--passphrase-stdin"],
        &format!("{PIN}\n{PASSPHRASE}\n"),
    );
    refused(&h, &o, &before);

    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, "shopping list\nmilk\n").unwrap();
    refused(&h, &h.import(&foreign, &[], &format!("{PIN}\n")), &before);
    // A format that is not the file's.
    let o = h.import(
        &fixture("aegis_plain.json"),
        &["--format", "2fas"],
        &format!("{PIN}\n"),
    );
    refused(&h, &o, &before);
    // A file that does not exist.
    let o = h.import(&dir.path().join("missing.json"), &[], &format!("{PIN}\n"));
    refused(&h, &o, &before);
}

#[test]
fn dry_run_adds_nothing_and_a_second_import_reports_duplicates() {
    let h = Home::new();
    let before = h.list();
    let v = json(&h.import(
        &fixture("aegis_plain.json"),
        &["--dry-run", "--format", "aegis"],
        &format!("{PIN}\n"),
    ));
    assert_eq!(v["dry_run"], true);
    assert_eq!(len(&v, "imported"), 6);
    assert_eq!(h.list(), before);
    assert!(h.list().is_empty());

    let first = json(&h.import(&fixture("aegis_plain.json"), &[], &format!("{PIN}\n")));
    assert_eq!(len(&first, "imported"), 6);
    assert_eq!(len(&first, "duplicates"), 0);
    let ids: Vec<&str> = first["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    // The same accounts from another app's file: all duplicates, each
    // naming the account the vault has.
    let second = json(&h.import(&fixture("aegis_plain.json"), &[], &format!("{PIN}\n")));
    assert_eq!(len(&second, "imported"), 0);
    assert_eq!(len(&second, "duplicates"), 6);
    for d in second["duplicates"].as_array().unwrap() {
        assert!(ids.contains(&d["existing"].as_str().unwrap()), "{d}");
    }
    assert_eq!(h.list().len(), 6);
    // Without --json: a summary line, exit 0.
    let o = h.ramz(
        &[
            "import",
            fixture("aegis_plain.json").to_str().unwrap(),
            "--pin-stdin",
        ],
        &format!("{PIN}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Imported 0 account(s)"));
    assert!(err(&o).contains("skipped: entry"));
}

#[test]
fn ramz_to_aegis_json_to_ramz_round_trips() {
    let a = Home::new();
    json(&a.import(&fixture("twofas_plain.2fas"), &[], &format!("{PIN}\n")));
    json(&a.import(&fixture("uris.txt"), &[], &format!("{PIN}\n")));
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("aegis.json");
    let o = a.ramz(
        &["export", "aegis", file.to_str().unwrap(), "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("warning"), "{}", err(&o));
    // Not overwritten without --force.
    let o = a.ramz(
        &["export", "aegis", file.to_str().unwrap(), "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    assert_eq!(o.status.code(), Some(1));

    let b = Home::new();
    let v = json(&b.import(&file, &["--format", "aegis"], &format!("{PIN}\n")));
    assert_eq!(len(&v, "skipped"), 0);
    let strip = |list: Vec<Value>| -> Vec<Value> {
        list.into_iter()
            .map(|mut x| {
                let o = x.as_object_mut().unwrap();
                for k in ["id", "created", "updated", "created_unix", "updated_unix"] {
                    o.remove(k);
                }
                x
            })
            .collect()
    };
    let (la, lb) = (strip(a.list()), strip(b.list()));
    assert!(!la.is_empty());
    assert_eq!(la, lb);
    // Same codes at a fixed time, so the secrets came through too.
    let codes = |h: &Home| {
        let o = h.ramz(
            &["codes", "--pin-stdin", "--time", "1700000000"],
            &format!("{PIN}\n"),
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        o.stdout
    };
    assert_eq!(codes(&a), codes(&b));
    // To stdout as well.
    let o = a.ramz(&["export", "aegis", "--pin-stdin"], &format!("{PIN}\n"));
    let printed: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        printed,
        serde_json::from_slice::<Value>(&std::fs::read(&file).unwrap()).unwrap()
    );
}
