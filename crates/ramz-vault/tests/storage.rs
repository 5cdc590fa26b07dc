//! One suite for every [`VaultStorage`]: the storage contract, a crash at
//! every write of every kind of save, and the attack on the wrong-PIN
//! counter through a failing write. Run against [`FileStorage`] and
//! [`MemoryStorage`]; a new implementation gets the same tests by adding
//! a `Backend` and one `suite!` line.
//!
//! A "crash" stops the process at one write: before it took effect (the
//! old bytes stay) or after (the new bytes stay, the caller never hears).
//! [`MemoryStorage`] injects it itself; for files a wrapper does it
//! around a real [`FileStorage`] (`tests/crash.rs` kills real processes
//! mid-write for the file-level atomicity).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::{PIN, totp};
use ramz_vault::{
    CrashPoint, DeviceKeystore, FileStorage, MemoryStorage, SoftwareKeystore, StorageError,
    StoredItem, UnlockOutcome, UnlockedVault, Vault, VaultConfig, VaultError, VaultStorage,
};

const NEW_PIN: &[u8] = b"271828";
const WRONG: &[u8] = b"000000";
const POINTS: [CrashPoint; 2] = [CrashPoint::BeforeWrite, CrashPoint::AfterWrite];

/// A storage under test, with crash injection and a restart.
trait Backend {
    fn new(dir: &Path) -> Self;
    /// The storage the vault uses (crashes as armed).
    fn storage(&self) -> Arc<dyn VaultStorage>;
    /// Writes attempted so far.
    fn writes(&self) -> u64;
    /// Makes the write `n` writes from now crash at `point`.
    fn crash_after(&self, n: u64, point: CrashPoint);
    /// What the next process finds (and uses from then on).
    fn restart(&mut self);
}

struct Memory(MemoryStorage);

impl Backend for Memory {
    fn new(_: &Path) -> Self {
        Self(MemoryStorage::new())
    }
    fn storage(&self) -> Arc<dyn VaultStorage> {
        Arc::new(self.0.clone())
    }
    fn writes(&self) -> u64 {
        self.0.writes()
    }
    fn crash_after(&self, n: u64, point: CrashPoint) {
        self.0.crash_after(n, point);
    }
    fn restart(&mut self) {
        self.0 = self.0.restart();
    }
}

struct File {
    path: PathBuf,
    storage: Arc<Crashing>,
}

impl Backend for File {
    fn new(dir: &Path) -> Self {
        let path = dir.join("vault.ramz");
        Self {
            storage: Arc::new(Crashing::new(FileStorage::new(&path))),
            path,
        }
    }
    fn storage(&self) -> Arc<dyn VaultStorage> {
        self.storage.clone()
    }
    fn writes(&self) -> u64 {
        self.storage.state.lock().unwrap().writes
    }
    fn crash_after(&self, n: u64, point: CrashPoint) {
        let mut s = self.storage.state.lock().unwrap();
        s.crash = Some((s.writes + n, point));
    }
    fn restart(&mut self) {
        self.storage = Arc::new(Crashing::new(FileStorage::new(&self.path)));
    }
}

/// Crash injection around any storage (here: real files).
#[derive(Debug)]
struct Crashing {
    inner: FileStorage,
    state: Mutex<CrashState>,
}

#[derive(Debug, Default)]
struct CrashState {
    writes: u64,
    crash: Option<(u64, CrashPoint)>,
    crashed: bool,
}

impl Crashing {
    fn new(inner: FileStorage) -> Self {
        Self {
            inner,
            state: Mutex::default(),
        }
    }

    fn dead() -> StorageError {
        StorageError::Io {
            op: "write",
            source: std::io::Error::other("crash injected"),
        }
    }

    fn write(&self, f: impl FnOnce() -> Result<(), StorageError>) -> Result<(), StorageError> {
        let mut s = self.state.lock().unwrap();
        if s.crashed {
            return Err(Self::dead());
        }
        let index = s.writes;
        s.writes += 1;
        match s.crash {
            Some((at, CrashPoint::BeforeWrite)) if at == index => {
                s.crashed = true;
                Err(Self::dead())
            }
            Some((at, CrashPoint::AfterWrite)) if at == index => {
                s.crashed = true;
                f()?;
                Err(Self::dead())
            }
            _ => f(),
        }
    }

    fn alive(&self) -> Result<(), StorageError> {
        if self.state.lock().unwrap().crashed {
            Err(Self::dead())
        } else {
            Ok(())
        }
    }
}

impl VaultStorage for Crashing {
    fn read(&self, item: StoredItem) -> Result<Option<Vec<u8>>, StorageError> {
        self.alive()?;
        self.inner.read(item)
    }
    fn replace(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError> {
        self.write(|| self.inner.replace(item, bytes))
    }
    fn create_new(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError> {
        self.write(|| self.inner.create_new(item, bytes))
    }
    fn exists(&self, item: StoredItem) -> Result<bool, StorageError> {
        self.alive()?;
        self.inner.exists(item)
    }
    fn remove(&self, item: StoredItem) -> Result<(), StorageError> {
        self.write(|| self.inner.remove(item))
    }
}

// ---- the suite ----

fn keystore() -> Arc<dyn DeviceKeystore> {
    Arc::new(SoftwareKeystore::from_key([7; 32]))
}

fn vault_in<B: Backend>(b: &B, keystore: &Arc<dyn DeviceKeystore>) -> Vault {
    Vault::with_storage(
        b.storage(),
        keystore.clone(),
        VaultConfig::insecure_for_tests(),
    )
}

fn unlocked(vault: &Vault, pin: &[u8], now: u64) -> UnlockedVault {
    match vault.unlock(pin, now).unwrap() {
        UnlockOutcome::Unlocked(v) => v,
        other => panic!("expected unlocked, got {other:?}"),
    }
}

fn issuers(v: &UnlockedVault) -> Vec<String> {
    v.accounts().iter().map(|a| a.otp.issuer.clone()).collect()
}

/// The contract of the trait, as the vault relies on it.
fn contract<B: Backend>() {
    let dir = tempfile::tempdir().unwrap();
    let b = B::new(dir.path());
    let s = b.storage();
    for item in [StoredItem::Vault, StoredItem::LegacyAttempts] {
        assert_eq!(s.read(item).unwrap(), None);
        assert!(!s.exists(item).unwrap());
        s.remove(item).unwrap(); // missing: fine
    }
    s.create_new(StoredItem::Vault, b"one").unwrap();
    assert!(matches!(
        s.create_new(StoredItem::Vault, b"two"),
        Err(StorageError::AlreadyExists)
    ));
    assert_eq!(s.read(StoredItem::Vault).unwrap().unwrap(), b"one");
    assert!(s.exists(StoredItem::Vault).unwrap());
    assert!(!s.exists(StoredItem::LegacyAttempts).unwrap());
    s.replace(StoredItem::Vault, b"three").unwrap();
    s.replace(StoredItem::LegacyAttempts, b"side").unwrap();
    assert_eq!(s.read(StoredItem::Vault).unwrap().unwrap(), b"three");
    assert_eq!(
        s.read(StoredItem::LegacyAttempts).unwrap().unwrap(),
        b"side"
    );
    s.remove(StoredItem::LegacyAttempts).unwrap();
    assert_eq!(s.read(StoredItem::LegacyAttempts).unwrap(), None);
    assert_eq!(s.read(StoredItem::Vault).unwrap().unwrap(), b"three");
    s.remove(StoredItem::Vault).unwrap();
    assert!(!s.exists(StoredItem::Vault).unwrap());
    // A crashed write leaves the old bytes or the new, whole.
    s.replace(StoredItem::Vault, b"old").unwrap();
    for (point, want) in [
        (CrashPoint::BeforeWrite, &b"old"[..]),
        (CrashPoint::AfterWrite, &b"new"[..]),
    ] {
        let mut b2 = B::new(dir.path());
        b2.storage().replace(StoredItem::Vault, b"old").unwrap();
        b2.crash_after(0, point);
        assert!(b2.storage().replace(StoredItem::Vault, b"new").is_err());
        b2.restart();
        assert_eq!(b2.storage().read(StoredItem::Vault).unwrap().unwrap(), want);
    }
}

/// Runs `op` once cleanly to count its writes, then once per write and
/// crash point with that write crashing, and checks what a restart finds.
/// `setup` builds the state before `op` (with no crash armed).
fn at_every_write<B: Backend, S>(
    setup: impl Fn(&B, &Arc<dyn DeviceKeystore>) -> S,
    op: impl Fn(&Vault, S) -> Result<(), VaultError>,
    check: impl Fn(&Vault, u64, CrashPoint),
) -> u64 {
    let span = {
        let dir = tempfile::tempdir().unwrap();
        let b = B::new(dir.path());
        let ks = keystore();
        let state = setup(&b, &ks);
        let before = b.writes();
        op(&vault_in(&b, &ks), state).unwrap();
        b.writes() - before
    };
    assert!(span > 0);
    for k in 0..span {
        for point in POINTS {
            let dir = tempfile::tempdir().unwrap();
            let mut b = B::new(dir.path());
            let ks = keystore();
            let state = setup(&b, &ks);
            b.crash_after(k, point);
            assert!(
                op(&vault_in(&b, &ks), state).is_err(),
                "write {k} {point:?}: the crash was not reported"
            );
            b.restart();
            check(&vault_in(&b, &ks), k, point);
        }
    }
    span
}

/// A vault holding account "A", locked.
fn with_a<B: Backend>(b: &B, ks: &Arc<dyn DeviceKeystore>) {
    let mut v = vault_in(b, ks).create(PIN, 1).unwrap();
    v.add(totp("A", "a", "JBSWY3DPEHPK3PXP"), 1).unwrap();
}

/// Unlock with the right PIN, then add "B": after any crash the right PIN
/// opens the vault with A, or A and B; the count is 0 or the one attempt.
fn crash_in_unlock_and_save<B: Backend>() {
    let writes = at_every_write::<B, _>(
        with_a,
        |vault, ()| {
            let mut v = match vault.unlock(PIN, 10)? {
                UnlockOutcome::Unlocked(v) => v,
                other => panic!("{other:?}"),
            };
            v.add(totp("B", "b", "GEZDGNBVGY3TQOJQ"), 10).map(|_| ())
        },
        |vault, k, point| {
            let failures = vault.status(20).unwrap().failures;
            assert!(failures <= 1, "write {k} {point:?}: {failures}");
            let v = unlocked(vault, PIN, 20);
            let list = issuers(&v);
            assert!(
                list == ["A"] || list == ["A", "B"],
                "write {k} {point:?}: {list:?}"
            );
            drop(v);
            assert_eq!(vault.status(30).unwrap().failures, 0);
        },
    );
    assert!(writes >= 3, "count, reset, save: {writes}");
}

/// A wrong PIN: after a crash at its write the count is the old one (the
/// write never happened, and the PIN was not tried) or one more; never a
/// verdict.
fn crash_in_wrong_pin<B: Backend>() {
    at_every_write::<B, _>(
        |b, ks| {
            with_a(b, ks);
            // Two wrong PINs already.
            let vault = vault_in(b, ks);
            for now in [2, 3] {
                assert!(matches!(
                    vault.unlock(WRONG, now).unwrap(),
                    UnlockOutcome::WrongPin { .. }
                ));
            }
        },
        |vault, ()| match vault.unlock(WRONG, 10)? {
            UnlockOutcome::WrongPin { .. } => Ok(()),
            other => panic!("{other:?}"),
        },
        |vault, k, point| {
            let want = match point {
                CrashPoint::BeforeWrite => 2,
                CrashPoint::AfterWrite => 3,
            };
            assert_eq!(vault.status(10).unwrap().failures, want, "write {k}");
            drop(unlocked(vault, PIN, 10_000));
        },
    );
}

/// A PIN change (a re-key): afterwards exactly one of the old and the
/// new PIN opens the vault, with its accounts.
fn crash_in_pin_change<B: Backend>() {
    at_every_write::<B, _>(
        |b, ks| {
            with_a(b, ks);
            unlocked(&vault_in(b, ks), PIN, 5)
        },
        |_, mut v| v.change_pin(PIN, NEW_PIN, 10),
        |vault, k, point| {
            let v = match vault.unlock(PIN, 20).unwrap() {
                UnlockOutcome::Unlocked(v) => v,
                UnlockOutcome::WrongPin { .. } => unlocked(vault, NEW_PIN, 20),
                other => panic!("write {k} {point:?}: {other:?}"),
            };
            assert_eq!(issuers(&v), ["A"], "write {k} {point:?}");
        },
    );
}

/// Creating a vault: afterwards there is none (and a new one can be
/// made) or a whole one that the PIN opens.
fn crash_in_create<B: Backend>() {
    at_every_write::<B, _>(
        |_, _| (),
        |vault, ()| vault.create(PIN, 1).map(drop),
        |vault, k, point| {
            if vault.exists() {
                drop(unlocked(vault, PIN, 2));
            } else {
                assert_eq!(point, CrashPoint::BeforeWrite, "write {k}");
                drop(vault.create(PIN, 2).unwrap());
            }
        },
    );
}

/// The migration of a version-2 vault (with its attempts side file):
/// afterwards the right PIN opens all three accounts, and the side file is
/// gone once it has.
fn crash_in_migration<B: Backend>() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let key_dir = tempfile::tempdir().unwrap();
    // Version 2 with its side file; the format-2 keystore in a key file,
    // which a crash does not roll back. The vectors use the default
    // (costly) KDF parameters.
    let setup = |b: &B, k: u64| -> Vault {
        let s = b.storage();
        for (item, name) in [
            (StoredItem::Vault, "vector-v2.ramz"),
            (StoredItem::LegacyAttempts, "vector-v2.ramz.attempts"),
        ] {
            s.create_new(item, &std::fs::read(data.join(name)).unwrap())
                .unwrap();
        }
        let key = key_dir.path().join(format!("{k}.key"));
        std::fs::copy(data.join("vector-v2.key"), &key).unwrap();
        let ks: Arc<dyn DeviceKeystore> = Arc::new(SoftwareKeystore::open(&key).unwrap());
        Vault::with_storage(s, ks, VaultConfig::default())
    };
    let mut k = 0;
    loop {
        let mut crashed = false;
        for point in POINTS {
            let dir = tempfile::tempdir().unwrap();
            let mut b = B::new(dir.path());
            let vault = setup(&b, k);
            b.crash_after(k, point);
            match vault.unlock(PIN, 1) {
                Ok(UnlockOutcome::Unlocked(_)) => continue, // past the last write
                Ok(other) => panic!("write {k} {point:?}: {other:?}"),
                Err(_) => crashed = true,
            }
            b.restart();
            let vault = Vault::with_storage(
                b.storage(),
                vault.keystore().clone(),
                VaultConfig::default(),
            );
            let v = unlocked(&vault, PIN, 2);
            assert_eq!(v.accounts().len(), 3, "write {k} {point:?}");
            drop(v);
            assert!(
                !b.storage().exists(StoredItem::LegacyAttempts).unwrap(),
                "write {k} {point:?}: the side file is left"
            );
        }
        if !crashed {
            break;
        }
        k += 1;
    }
    assert!(k >= 4, "count, reset, version 3, side file: {k} writes");
}

/// The attack: make the write that counts the attempt fail (a full disk,
/// a storage the attacker controls, a kill at the right moment) and see
/// whether the unlock still says if the PIN was right. It must not: with
/// the right PIN and with a wrong one the unlock fails alike, nothing
/// opens, and the vault still opens afterwards with the count as stored.
fn a_failed_count_reveals_nothing<B: Backend>() {
    for point in POINTS {
        let mut answers = Vec::new();
        for pin in [PIN, WRONG] {
            let dir = tempfile::tempdir().unwrap();
            let mut b = B::new(dir.path());
            let ks = keystore();
            with_a(&b, &ks);
            let vault = vault_in(&b, &ks);
            // The first write of an unlock is the count.
            b.crash_after(0, point);
            let r = vault.unlock(pin, 10);
            let Err(e) = r else {
                panic!("{point:?}: the PIN was tried: {r:?}");
            };
            assert!(matches!(e, VaultError::Io { .. }), "{e:?}");
            answers.push(e.to_string());
            b.restart();
            let vault = vault_in(&b, &ks);
            let counted = vault.status(10).unwrap().failures;
            assert_eq!(counted, u32::from(point == CrashPoint::AfterWrite));
            drop(unlocked(&vault, PIN, 10));
        }
        assert_eq!(answers[0], answers[1], "{point:?}: the answers differ");
    }
}

/// The same attack on a PIN asked again while unlocked (a PIN change):
/// the count cannot be saved, so neither PIN is tried and nothing changes.
fn a_failed_count_in_reauthentication_reveals_nothing<B: Backend>() {
    let mut answers = Vec::new();
    for pin in [PIN, WRONG] {
        let dir = tempfile::tempdir().unwrap();
        let mut b = B::new(dir.path());
        let ks = keystore();
        with_a(&b, &ks);
        let mut v = unlocked(&vault_in(&b, &ks), PIN, 5);
        b.crash_after(0, CrashPoint::BeforeWrite);
        let e = v.change_pin(pin, NEW_PIN, 10).unwrap_err();
        assert!(matches!(e, VaultError::Io { .. }), "{e:?}");
        answers.push(e.to_string());
        b.restart();
        let vault = vault_in(&b, &ks);
        assert_eq!(vault.status(10).unwrap().failures, 0);
        drop(unlocked(&vault, PIN, 10)); // the old PIN still opens it
    }
    assert_eq!(answers[0], answers[1]);
}

/// The same attack on a format-2 vault (its count lives in the file and
/// in the attempts side file, both written before the PIN is tried).
fn a_failed_count_in_format_2_reveals_nothing<B: Backend>() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let key_dir = tempfile::tempdir().unwrap();
    for point in POINTS {
        for write in 0..2 {
            let mut answers = Vec::new();
            for pin in [PIN, WRONG] {
                let dir = tempfile::tempdir().unwrap();
                let mut b = B::new(dir.path());
                let s = b.storage();
                for (item, name) in [
                    (StoredItem::Vault, "vector-v2.ramz"),
                    (StoredItem::LegacyAttempts, "vector-v2.ramz.attempts"),
                ] {
                    s.create_new(item, &std::fs::read(data.join(name)).unwrap())
                        .unwrap();
                }
                let key = key_dir
                    .path()
                    .join(format!("{point:?}{write}{}.key", pin[0]));
                std::fs::copy(data.join("vector-v2.key"), &key).unwrap();
                let ks: Arc<dyn DeviceKeystore> = Arc::new(SoftwareKeystore::open(&key).unwrap());
                let vault = Vault::with_storage(s, ks.clone(), VaultConfig::default());
                let before = vault.status(1).unwrap().failures;
                b.crash_after(write, point);
                let r = vault.unlock(pin, 1);
                let Err(e) = r else {
                    panic!("write {write} {point:?}: the PIN was tried: {r:?}");
                };
                answers.push(e.to_string());
                b.restart();
                let vault = Vault::with_storage(b.storage(), ks, VaultConfig::default());
                assert!(vault.status(1).unwrap().failures >= before);
                drop(unlocked(&vault, PIN, 1));
            }
            assert_eq!(answers[0], answers[1], "write {write} {point:?}");
        }
    }
}

macro_rules! suite {
    ($name:ident, $backend:ty) => {
        mod $name {
            #[test]
            fn contract() {
                super::contract::<$backend>();
            }
            #[test]
            fn crash_in_create() {
                super::crash_in_create::<$backend>();
            }
            #[test]
            fn crash_in_unlock_and_save() {
                super::crash_in_unlock_and_save::<$backend>();
            }
            #[test]
            fn crash_in_wrong_pin() {
                super::crash_in_wrong_pin::<$backend>();
            }
            #[test]
            fn crash_in_pin_change() {
                super::crash_in_pin_change::<$backend>();
            }
            #[test]
            fn crash_in_migration() {
                super::crash_in_migration::<$backend>();
            }
            #[test]
            fn a_failed_count_reveals_nothing() {
                super::a_failed_count_reveals_nothing::<$backend>();
            }
            #[test]
            fn a_failed_count_in_reauthentication_reveals_nothing() {
                super::a_failed_count_in_reauthentication_reveals_nothing::<$backend>();
            }
            #[test]
            fn a_failed_count_in_format_2_reveals_nothing() {
                super::a_failed_count_in_format_2_reveals_nothing::<$backend>();
            }
        }
    };
}

suite!(file, super::File);
suite!(memory, super::Memory);
