//! The fuzz targets' seed corpora (`fuzz/corpus/`) through the same entry
//! points in an ordinary test run: every seed parses, and every one-byte
//! change of a seed gives a typed error or a valid parse — never a panic
//! and never a failed round trip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use ramz_vault::{KdfParams, VaultError, fuzzing};

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert!(!out.is_empty(), "no seeds in {dir:?}");
    out.sort();
    out
}

fn not_internal<T>(r: Result<T, VaultError>) -> Result<T, VaultError> {
    if let Err(VaultError::Internal(what)) = &r {
        panic!("{what}");
    }
    r
}

fn mutations(seed: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    (0..seed.len()).flat_map(move |i| {
        [0x01u8, 0x80, 0xff].into_iter().map(move |x| {
            let mut m = seed.to_vec();
            m[i] ^= x;
            m
        })
    })
}

#[test]
fn vault_file_seeds() {
    for seed in seeds("vault_file") {
        not_internal(fuzzing::parse_vault(&seed)).unwrap();
        for m in mutations(&seed) {
            let _ = not_internal(fuzzing::parse_vault(&m));
        }
    }
}

#[test]
fn lockout_record_seeds() {
    for seed in seeds("lockout_record") {
        not_internal(fuzzing::parse_state_block(&seed)).unwrap();
        for m in mutations(&seed) {
            let _ = not_internal(fuzzing::parse_state_block(&m));
        }
    }
}

#[test]
fn account_list_seeds() {
    for seed in seeds("account_list") {
        not_internal(fuzzing::decode_accounts(&seed)).unwrap();
        for m in mutations(&seed) {
            let _ = not_internal(fuzzing::decode_accounts(&m));
        }
    }
}

#[test]
fn key_file_seeds() {
    for seed in seeds("key_file") {
        fuzzing::parse_key_file(&seed).unwrap();
        for m in mutations(&seed) {
            let _ = fuzzing::parse_key_file(&m);
        }
    }
}

#[test]
fn backup_seeds() {
    let cheap = KdfParams::for_tests();
    for seed in seeds("backup") {
        let accounts = not_internal(ramz_vault::read_backup(
            &seed,
            b"fuzzing passphrase",
            &cheap,
            &cheap,
        ))
        .unwrap();
        assert!(!accounts.is_empty());
        // Every changed byte is refused (the backup is authenticated).
        for m in mutations(&seed).step_by(7) {
            assert!(
                not_internal(ramz_vault::read_backup(
                    &m,
                    b"fuzzing passphrase",
                    &cheap,
                    &cheap
                ))
                .is_err()
            );
        }
    }
}
