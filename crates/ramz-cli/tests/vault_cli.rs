//! The vault commands driven through the real `ramz` binary, as a script
//! would: PINs and passphrases on stdin, documented exit codes, codes
//! checked against the RFC 6238 table (not against this code base).
//!
//! The vault uses its default Argon2id cost (64 MiB, 3 passes), so each
//! command takes a few tenths of a second; argon2 is optimised in dev
//! builds (root Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use ramz_otp::{Algorithm, Digits, Period, Secret};
use ramz_vault::{
    MaskedCard, NewBankCard, SoftwareKeystore, UnlockOutcome, UnlockedVault, Vault, VaultConfig,
};

const PIN: &str = "480913";
const PIN_FA: &str = "۴۸۰۹۱۳";
const PIN_AR: &str = "٤٨٠٩١٣";
const PASSPHRASE: &str = "correct horse battery";
/// RFC 6238 appendix B seeds (ASCII "1234567890" repeated), base32.
const SEED_SHA1: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const SEED_SHA256: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("vault.ramz")
    }

    fn key(&self) -> PathBuf {
        self.dir.path().join("vault.key")
    }

    /// Runs `ramz ARGS --vault <this vault>` with `stdin`.
    fn ramz(&self, args: &[&str], stdin: &str) -> Output {
        let v = self.vault();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--vault", v.to_str().unwrap()]);
        run(&all, stdin, self.dir.path())
    }

    fn init(&self) {
        let o = self.ramz(&["init", "--pin-stdin"], &format!("{PIN}\n"));
        ok(&o);
    }

    /// The vault through the library, with the key file the CLI made.
    fn handle(&self) -> Vault {
        let ks = SoftwareKeystore::open(&self.key()).unwrap();
        Vault::new(self.vault(), Arc::new(ks), VaultConfig::default())
    }

    fn unlocked(&self) -> UnlockedVault {
        match self.handle().unlock(PIN.as_bytes(), now()).unwrap() {
            UnlockOutcome::Unlocked(v) => v,
            other => panic!("{other:?}"),
        }
    }
}

fn run(args: &[&str], stdin: &str, home: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ramz"))
        .args(args)
        .env_remove("RAMZ_VAULT")
        .env("RAMZ_HOME", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading everything (locked out).
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        out(o),
        err(o)
    );
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn pin_line(pin: &str) -> String {
    format!("{pin}\n")
}

fn add_rfc_accounts(h: &Home) {
    let o = h.ramz(
        &[
            "add",
            SEED_SHA1,
            "--issuer",
            "RFC",
            "--account",
            "sha1",
            "--digits",
            "8",
            "--pin-stdin",
        ],
        &pin_line(PIN_FA),
    );
    ok(&o);
    let uri = format!(
        "otpauth://totp/RFC:sha256?secret={SEED_SHA256}&issuer=RFC&algorithm=SHA256&digits=8"
    );
    let o = h.ramz(&["add", &uri, "--pin-stdin"], &pin_line(PIN_AR));
    ok(&o);
}

fn add_bank_card(h: &Home) {
    let mut v = h.unlocked();
    v.add_bank_card(
        NewBankCard {
            secret: Secret::from_slice(&[0x5a; 20]).unwrap(),
            issuer: "Bank Melli".into(),
            bank_name: "بانک ملی".into(),
            masked_card: MaskedCard::parse("6037991123456789").unwrap(),
            algorithm: Algorithm::Sha1,
            digits: Digits::new(6).unwrap(),
            period: Period::SIXTY,
        },
        now(),
    )
    .unwrap();
}

#[test]
fn init_add_codes_list_with_every_digit_script() {
    let h = Home::new();
    // The vault goes to $RAMZ_HOME/vault.ramz when --vault is not given.
    let o = run(&["init", "--pin-stdin"], &pin_line(PIN_FA), h.dir.path());
    ok(&o);
    assert!(h.vault().exists() && h.key().exists());
    add_rfc_accounts(&h);

    // RFC 6238 appendix B, 8 digits.
    let o = h.ramz(&["codes", "--time", "59", "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    assert_eq!(out(&o), "RFC\tsha1\t94287082\nRFC\tsha256\t46119246\n");
    let o = h.ramz(
        &["codes", "--time", "1111111109", "--pin-stdin"],
        &pin_line(PIN_AR),
    );
    assert_eq!(out(&o), "RFC\tsha1\t07081804\nRFC\tsha256\t68084774\n");

    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    let lines: Vec<Vec<String>> = out(&o)
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][0].len(), 32, "id column");
    assert_eq!(&lines[0][1..], ["totp", "RFC", "sha1"]);
    assert_eq!(&lines[1][1..], ["totp", "RFC", "sha256"]);

    let o = h.ramz(&["list", "--json", "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    let text = out(&o);
    assert!(!text.contains(SEED_SHA1) && !text.contains("secret"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["algorithm"], "SHA256");
    assert_eq!(items[1]["digits"], 8);
    assert_eq!(items[1]["period"], 30);
    assert_eq!(items[1]["exportable"], true);
    assert_eq!(items[0]["id"].as_str().unwrap(), lines[0][0]);

    // The same secret again is not added twice.
    let o = h.ramz(
        &[
            "add",
            SEED_SHA1,
            "--issuer",
            "Again",
            "--digits",
            "8",
            "--pin-stdin",
        ],
        &pin_line(PIN),
    );
    ok(&o);
    assert!(err(&o).contains("already in the vault"), "{}", err(&o));
    assert_eq!(h.unlocked().accounts().len(), 2);
}

#[test]
fn hotp_counts_only_when_named() {
    let h = Home::new();
    h.init();
    // RFC 4226 appendix D: counter 0 -> 755224, 1 -> 287082.
    let o = h.ramz(
        &[
            "add",
            SEED_SHA1,
            "--issuer",
            "Legacy",
            "--counter",
            "0",
            "--pin-stdin",
        ],
        &pin_line(PIN),
    );
    ok(&o);
    let id = out(&o).split('\t').next().unwrap().to_owned();
    let o = h.ramz(&["codes", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(out(&o), "Legacy\t\t-\n");
    for expected in ["755224", "287082"] {
        let o = h.ramz(&["codes", &id[..6], "--pin-stdin"], &pin_line(PIN));
        ok(&o);
        assert_eq!(out(&o), format!("Legacy\t\t{expected}\n"));
    }
}

#[test]
fn rename_and_remove_by_id_prefix() {
    let h = Home::new();
    h.init();
    add_rfc_accounts(&h);
    let ids: Vec<String> = h
        .unlocked()
        .accounts()
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    let o = h.ramz(
        &["rename", &ids[0][..8], "--issuer", "گیت‌هاب", "--pin-stdin"],
        &pin_line(PIN),
    );
    ok(&o);
    let o = h.ramz(&["remove", &ids[1], "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    let v = h.unlocked();
    assert_eq!(v.accounts().len(), 1);
    assert_eq!(v.accounts()[0].otp.issuer, "گیت‌هاب");
    assert_eq!(v.accounts()[0].otp.account, "sha1");
    drop(v);
    let o = h.ramz(&["remove", &ids[1], "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(3), "{}", err(&o));
    let o = h.ramz(&["remove", "zz", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(3), "{}", err(&o));
}

#[test]
fn wrong_pins_count_down_then_lock_out() {
    let h = Home::new();
    h.init();
    let wrong = "147036";
    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(wrong));
    assert_eq!(code(&o), Some(4));
    assert!(err(&o).contains("9 attempts left"), "{}", err(&o));
    assert!(!err(&o).contains(wrong));
    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(wrong));
    assert!(err(&o).contains("8 attempts left"), "{}", err(&o));
    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(wrong));
    assert_eq!(code(&o), Some(4));
    assert!(
        err(&o).contains("7 attempts left") && err(&o).contains("wait 30 s"),
        "{}",
        err(&o)
    );
    // Now even the right PIN must wait.
    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(5), "{}", err(&o));
    assert!(err(&o).contains("wait"), "{}", err(&o));
}

#[test]
fn the_tenth_wrong_pin_wipes_the_vault() {
    let h = Home::new();
    h.init();
    // Nine wrong PINs in the past, far enough apart for every wait.
    let vault = h.handle();
    let start = now() - 100_000;
    for k in 1..=9u64 {
        match vault.unlock(b"147036", start + k * 5_000).unwrap() {
            UnlockOutcome::WrongPin { attempts_left, .. } => {
                assert_eq!(attempts_left, Some(10 - k as u32));
            }
            other => panic!("{other:?}"),
        }
    }
    let o = h.ramz(&["codes", "--pin-stdin"], &pin_line("147036"));
    assert_eq!(code(&o), Some(6), "{}", err(&o));
    assert!(err(&o).contains("erased"), "{}", err(&o));
    assert!(!h.vault().exists());
    let o = h.ramz(&["codes", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(7), "{}", err(&o));
}

#[test]
fn pin_change_and_weak_pins() {
    let h = Home::new();
    // Trivial PINs are refused with the reason, and nothing is created.
    let o = h.ramz(&["init", "--pin-stdin"], "123456\n");
    assert_eq!(code(&o), Some(3));
    assert!(err(&o).contains("ascending"), "{}", err(&o));
    assert!(!h.vault().exists() && !h.key().exists());
    h.init();
    let o = h.ramz(&["init", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(7), "init never overwrites: {}", err(&o));

    let o = h.ramz(
        &["pin", "change", "--pin-stdin"],
        &format!("{PIN}\n111111\n"),
    );
    assert_eq!(code(&o), Some(3), "{}", err(&o));
    let o = h.ramz(
        &["pin", "change", "--pin-stdin"],
        &format!("{PIN_AR}\n۲۵۸۰۳۶\n"),
    );
    ok(&o);
    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(4));
    let o = h.ramz(&["list", "--pin-stdin"], "258036\n");
    ok(&o);
}

#[test]
fn the_vault_file_alone_does_not_open() {
    let h = Home::new();
    h.init();
    add_rfc_accounts(&h);
    let other = Home::new();
    other.init(); // another device key
    let copy = other.dir.path().join("copy.ramz");
    std::fs::copy(h.vault(), &copy).unwrap();
    // Without a key file beside it.
    let o = run(
        &["list", "--pin-stdin", "--vault", copy.to_str().unwrap()],
        &pin_line(PIN),
        other.dir.path(),
    );
    assert_eq!(code(&o), Some(7), "{}", err(&o));
    assert!(err(&o).contains("missing"), "{}", err(&o));
    // With the other device's key file.
    let o = run(
        &[
            "list",
            "--pin-stdin",
            "--vault",
            copy.to_str().unwrap(),
            "--keystore",
            other.key().to_str().unwrap(),
        ],
        &pin_line(PIN),
        other.dir.path(),
    );
    assert_eq!(code(&o), Some(7), "{}", err(&o));
    // With the right key file it opens.
    let o = run(
        &[
            "list",
            "--pin-stdin",
            "--vault",
            copy.to_str().unwrap(),
            "--keystore",
            h.key().to_str().unwrap(),
        ],
        &pin_line(PIN),
        other.dir.path(),
    );
    ok(&o);
    // Opening the copy rotated the device key in that key file, so the
    // original file, one generation behind now, no longer opens (format 3).
    let o = h.ramz(&["list", "--pin-stdin"], &pin_line(PIN));
    assert_eq!(code(&o), Some(7), "{}", err(&o));
    assert!(err(&o).contains("device key"), "{}", err(&o));
    // A changed byte is detected, not mistaken for a wrong PIN.
    let mut bytes = std::fs::read(&copy).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&copy, &bytes).unwrap();
    let o = run(
        &[
            "list",
            "--pin-stdin",
            "--vault",
            copy.to_str().unwrap(),
            "--keystore",
            h.key().to_str().unwrap(),
        ],
        &pin_line(PIN),
        other.dir.path(),
    );
    assert_eq!(code(&o), Some(7), "{}", err(&o));
    assert!(err(&o).contains("modified or damaged"), "{}", err(&o));
}

#[test]
fn export_uris_leaves_bank_cards_out_with_a_warning() {
    let h = Home::new();
    h.init();
    add_rfc_accounts(&h);
    add_bank_card(&h);
    let o = h.ramz(&["export", "uris", "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    let uris: Vec<String> = out(&o).lines().map(str::to_owned).collect();
    assert_eq!(uris.len(), 2, "{uris:?}");
    for (uri, seed) in uris.iter().zip([SEED_SHA1, SEED_SHA256]) {
        let parsed = ramz_otp::uri::parse(uri).unwrap();
        assert_eq!(parsed.account.secret, Secret::from_base32(seed).unwrap());
        assert_eq!(parsed.account.issuer, "RFC");
    }
    assert!(!out(&o).contains("6037"));
    let warning = err(&o);
    assert!(
        warning.contains("1 account(s) left out") && warning.contains("603799******6789"),
        "{warning}"
    );
    assert!(warning.contains("not exportable"), "{warning}");
}

#[test]
fn backup_export_import_verify() {
    let a = Home::new();
    a.init();
    add_rfc_accounts(&a);
    add_bank_card(&a);
    let backup = a.dir.path().join("ramz.backup");
    let b_arg = backup.to_str().unwrap().to_owned();
    let both = format!("{PIN}\n{PASSPHRASE}\n");
    let flags = ["--pin-stdin", "--passphrase-stdin"];

    let o = a.ramz(&[&["backup", "export", &b_arg][..], &flags].concat(), &both);
    ok(&o);
    assert!(out(&o).contains("Backed up 2 account(s)"), "{}", out(&o));
    assert!(err(&o).contains("603799******6789"), "{}", err(&o));
    assert!(!err(&o).contains(PASSPHRASE) && !out(&o).contains(PASSPHRASE));
    // Never overwritten by accident.
    let o = a.ramz(&[&["backup", "export", &b_arg][..], &flags].concat(), &both);
    assert_eq!(code(&o), Some(1), "{}", err(&o));

    let o = a.ramz(&[&["backup", "verify", &b_arg][..], &flags].concat(), &both);
    ok(&o);
    assert!(out(&o).contains("identical:\t2"), "{}", out(&o));
    assert!(out(&o).contains("left out by policy:\t1"), "{}", out(&o));

    // Into a fresh vault on "another device" (other key, other PIN).
    let b = Home::new();
    let o = b.ramz(&["init", "--pin-stdin"], "258036\n");
    ok(&o);
    let b_both = format!("258036\n{PASSPHRASE}\n");
    let o = b.ramz(
        &[&["backup", "import", &b_arg][..], &flags].concat(),
        &b_both,
    );
    ok(&o);
    assert!(
        out(&o).contains("Imported 2 account(s); 0 already"),
        "{}",
        out(&o)
    );
    let o = b.ramz(&["codes", "--time", "59", "--pin-stdin"], "258036\n");
    assert_eq!(out(&o), "RFC\tsha1\t94287082\nRFC\tsha256\t46119246\n");
    // A second import adds nothing.
    let o = b.ramz(
        &[&["backup", "import", &b_arg][..], &flags].concat(),
        &b_both,
    );
    ok(&o);
    assert!(
        out(&o).contains("Imported 0 account(s); 2 already"),
        "{}",
        out(&o)
    );
    let o = b.ramz(
        &[&["backup", "verify", &b_arg][..], &flags].concat(),
        &b_both,
    );
    ok(&o);

    // The vault moved on: verify reports the mismatch with exit 9.
    let o = a.ramz(
        &["add", "JBSWY3DPEHPK3PXP", "--issuer", "New", "--pin-stdin"],
        &pin_line(PIN),
    );
    ok(&o);
    let o = a.ramz(&[&["backup", "verify", &b_arg][..], &flags].concat(), &both);
    assert_eq!(code(&o), Some(9), "{}", err(&o));
    assert!(out(&o).contains("only in vault:\t1"), "{}", out(&o));

    // Wrong passphrase: exit 3; a damaged backup: exit 7.
    let o = a.ramz(
        &[&["backup", "verify", &b_arg][..], &flags].concat(),
        &format!("{PIN}\nwrong passphrase\n"),
    );
    assert_eq!(code(&o), Some(3), "{}", err(&o));
    let mut bytes = std::fs::read(&backup).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x80;
    std::fs::write(&backup, &bytes).unwrap();
    let o = a.ramz(&[&["backup", "verify", &b_arg][..], &flags].concat(), &both);
    assert_eq!(code(&o), Some(7), "{}", err(&o));
}

#[test]
fn migration_export_and_qr_images_round_trip() {
    let a = Home::new();
    a.init();
    add_rfc_accounts(&a);
    add_bank_card(&a);
    let o = a.ramz(&["export", "migration", "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    let uris: Vec<String> = out(&o).lines().map(str::to_owned).collect();
    assert_eq!(uris.len(), 1, "{uris:?}");
    assert!(uris[0].starts_with("otpauth-migration://offline?data="));
    assert!(err(&o).contains("603799******6789"), "{}", err(&o));

    // The migration QR as an image, added to a fresh vault: both accounts.
    let png = a.dir.path().join("migration.png");
    let o = run(
        &["qr", "encode", &uris[0], "--png", png.to_str().unwrap()],
        "",
        a.dir.path(),
    );
    ok(&o);
    let b = Home::new();
    b.init();
    let o = b.ramz(
        &["add", png.to_str().unwrap(), "--pin-stdin"],
        &pin_line(PIN),
    );
    ok(&o);
    assert_eq!(out(&o).lines().count(), 2, "{}", out(&o));
    // Times typed in Persian digits are read too (۵۹ = 59).
    let o = b.ramz(&["codes", "--time", "۵۹", "--pin-stdin"], &pin_line(PIN));
    ok(&o);
    assert_eq!(out(&o), "RFC\tsha1\t94287082\nRFC\tsha256\t46119246\n");
}

#[test]
fn bank_cards_go_into_a_backup_only_when_asked() {
    let a = Home::new();
    a.init();
    add_rfc_accounts(&a);
    add_bank_card(&a);
    let backup = a.dir.path().join("full.backup");
    let b_arg = backup.to_str().unwrap();
    let both = format!("{PIN}\n{PASSPHRASE}\n");
    let flags = ["--pin-stdin", "--passphrase-stdin"];
    let o = a.ramz(
        &[
            &["backup", "export", b_arg, "--include-bank-cards"][..],
            &flags,
        ]
        .concat(),
        &both,
    );
    ok(&o);
    assert!(out(&o).contains("Backed up 3 account(s)"), "{}", out(&o));
    assert!(err(&o).is_empty(), "{}", err(&o));
    // A short passphrase is refused before anything is written.
    let short = a.dir.path().join("short.backup");
    let o = a.ramz(
        &[&["backup", "export", short.to_str().unwrap()][..], &flags].concat(),
        &format!("{PIN}\nshort\n"),
    );
    assert_eq!(code(&o), Some(3), "{}", err(&o));
    assert!(!short.exists());

    let b = Home::new();
    b.init();
    let o = b.ramz(&[&["backup", "import", b_arg][..], &flags].concat(), &both);
    ok(&o);
    let v = b.unlocked();
    let card = v
        .accounts()
        .iter()
        .find(|x| x.bank_card.is_some())
        .expect("the bank card was restored");
    assert!(!card.exportable, "still not exportable after a restore");
    assert_eq!(card.otp.account, "603799******6789");
}
