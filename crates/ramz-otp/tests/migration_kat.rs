//! Migration format against an independent implementation: a checked-in
//! batch built by `tests/migration_oracle.py` (hand-written protobuf,
//! stdlib base64) with its expected accounts, and random batches run
//! through the Python codec in both directions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use ramz_otp::migration::{self, FORMAT_VERSION};
use ramz_otp::{
    Algorithm, Digits, OtpAccount, OtpError, OtpKind, OtpParams, Period, Secret, UriError,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

#[test]
fn python_built_fixture() {
    let text = std::fs::read_to_string(dir().join("data/migration_python.txt")).unwrap();
    let mut uri = None;
    let mut expected = Vec::new();
    let mut rejected = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "uri" => uri = Some(f[1].to_owned()),
            "expect" => {
                let kind = match f[6] {
                    "totp" => OtpKind::Totp {
                        period: Period::THIRTY,
                    },
                    h => OtpKind::Hotp {
                        counter: h.strip_prefix("hotp:").unwrap().parse().unwrap(),
                    },
                };
                expected.push(OtpAccount {
                    issuer: f[1].to_owned(),
                    account: f[2].to_owned(),
                    secret: Secret::from_base32(f[3]).unwrap(),
                    params: OtpParams {
                        kind,
                        algorithm: f[4].parse().unwrap(),
                        digits: Digits::new(f[5].parse().unwrap()).unwrap(),
                    },
                    image: None,
                });
            }
            "rejected" => rejected.push(f[1].parse::<usize>().unwrap()),
            other => panic!("bad fixture line {other}"),
        }
    }
    let batch = migration::decode(&uri.unwrap()).unwrap();
    assert_eq!(batch.accounts, expected);
    assert_eq!(
        batch.rejected,
        rejected
            .iter()
            .map(|&i| (i, OtpError::Uri(UriError::UnsupportedAlgorithm)))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        (
            batch.version,
            batch.batch_size,
            batch.batch_index,
            batch.batch_id
        ),
        (1, 1, 0, 77)
    );
}

/// xorshift64*: repeatable from the seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn text(&mut self) -> String {
        const CHARS: &[char] = &[
            'a', 'Z', '0', ' ', '@', '.', '&', '=', '%', '#', 'ب', 'ا', 'ن', 'ک', '۴', '\u{200c}',
            'é',
        ];
        let n = self.below(12);
        let s: String = (0..n)
            .map(|_| CHARS[self.below(CHARS.len() as u64) as usize])
            .collect();
        s.trim().to_owned()
    }
}

fn random_account(rng: &mut Rng) -> OtpAccount {
    let secret: Vec<u8> = (0..1 + rng.below(40)).map(|_| rng.next() as u8).collect();
    let kind = if rng.below(3) == 0 {
        OtpKind::Hotp {
            counter: rng.next() >> 1,
        }
    } else {
        OtpKind::Totp {
            period: Period::THIRTY,
        }
    };
    let algorithm = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][rng.below(3) as usize];
    let digits = if rng.below(2) == 0 {
        Digits::SIX
    } else {
        Digits::EIGHT
    };
    OtpAccount {
        issuer: rng.text(),
        account: rng.text(),
        secret: Secret::from_bytes(secret).unwrap(),
        params: OtpParams {
            kind,
            algorithm,
            digits,
        },
        image: None,
    }
}

/// The oracle's entry line for an account, with the name the way Google
/// writes it ("issuer:account" when there is an issuer).
fn entry_line(a: &OtpAccount) -> String {
    let name = if a.issuer.is_empty() {
        if a.account.contains(':') {
            format!(":{}", a.account)
        } else {
            a.account.clone()
        }
    } else {
        format!("{}:{}", a.issuer, a.account)
    };
    let (typ, counter) = match a.params.kind {
        OtpKind::Hotp { counter } => (1, counter),
        _ => (2, 0),
    };
    let alg = match a.params.algorithm {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
    };
    let digits = if a.params.digits == Digits::SIX { 1 } else { 2 };
    format!(
        "{}\t{}\t{}\t{alg}\t{digits}\t{typ}\t{counter}",
        hex(a.secret.expose_secret()),
        hex(name.as_bytes()),
        hex(a.issuer.as_bytes())
    )
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn python(mode: &str, input: &str) -> String {
    let mut child = Command::new("python3")
        .arg(dir().join("migration_oracle.py"))
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is needed for the oracle tests (scripts/install-deps.sh)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "oracle {mode} failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn python_encodes_rust_decodes() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..20 {
        let accounts: Vec<_> = (0..1 + rng.below(8))
            .map(|_| random_account(&mut rng))
            .collect();
        let lines: Vec<_> = accounts.iter().map(entry_line).collect();
        let uri = python("encode", &lines.join("\n"));
        let batch = migration::decode(uri.trim()).unwrap();
        assert_eq!(batch.accounts, accounts);
        assert_eq!(batch.batch_id, 77);
    }
}

#[test]
fn rust_encodes_python_decodes() {
    let mut rng = Rng(0x5EED_0002);
    let accounts: Vec<_> = (0..60).map(|_| random_account(&mut rng)).collect();
    let report = migration::encode(&accounts, -123_456);
    assert!(report.skipped.is_empty());
    let uris: Vec<&str> = report.uris.iter().map(|u| u.as_str()).collect();
    let out = python("decode", &uris.join("\n"));
    let mut index = 0;
    let mut batch = 0;
    for line in out.lines() {
        if let Some(h) = line.strip_prefix("batch ") {
            let h: Vec<i64> = h.split(' ').map(|x| x.parse().unwrap()).collect();
            assert_eq!(
                h,
                [
                    i64::from(FORMAT_VERSION),
                    uris.len() as i64,
                    batch,
                    -123_456
                ]
            );
            batch += 1;
        } else {
            assert_eq!(line, entry_line(&accounts[index]), "account {index}");
            index += 1;
        }
    }
    assert_eq!(index, accounts.len());
    assert_eq!(batch as usize, uris.len());
}
