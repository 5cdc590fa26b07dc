//! Property test: thousands of random (secret, time, algorithm, digits,
//! period, T0) cases against independent implementations — PyPI `pyotp`
//! plus a stdlib-HMAC oracle (tests/oracle.py) for every case, and
//! `oathtool` for a sample of 6-8 digit cases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

use ramz_otp::{Algorithm, Digits, Hotp, Period, Secret, Steam, Totp};

/// Small deterministic generator (xorshift64*) so a failure is repeatable
/// from the printed seed.
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
}

#[derive(Debug)]
struct Case {
    kind: &'static str,
    alg: Algorithm,
    digits: u32,
    period: u64,
    t0: u64,
    moving: u64,
    secret: Vec<u8>,
}

impl Case {
    fn ours(&self) -> String {
        let secret = Secret::from_slice(&self.secret).unwrap();
        let digits = Digits::new(self.digits).unwrap();
        match self.kind {
            "hotp" => Hotp::new(&secret, self.alg, digits)
                .code(self.moving)
                .to_string(),
            "steam" => Steam::new(&secret).code_at(self.moving).to_string(),
            _ => Totp::new(
                &secret,
                self.alg,
                digits,
                Period::new(self.period).unwrap(),
                self.t0,
            )
            .code_at(self.moving)
            .to_string(),
        }
    }

    fn line(&self) -> String {
        let hex: String = self.secret.iter().map(|b| format!("{b:02x}")).collect();
        format!(
            "{} {} {} {} {} {} {}\n",
            self.kind,
            self.alg.as_str(),
            self.digits,
            self.period,
            self.t0,
            self.moving,
            hex
        )
    }
}

fn random_cases(seed: u64, n: usize) -> Vec<Case> {
    let mut r = Rng(seed);
    (0..n)
        .map(|_| {
            let kind = match r.below(10) {
                0 | 1 => "hotp",
                2 => "steam",
                _ => "totp",
            };
            let alg = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][r.below(3) as usize];
            let len = match r.below(4) {
                0 => 1 + r.below(14) as usize, // short, under pyotp's floor
                1 => 10,                       // 80-bit, as many services issue
                2 => 20,
                _ => 1 + r.below(128) as usize, // up to and past the block size
            };
            let secret = (0..len).map(|_| r.next() as u8).collect();
            let period = [30, 60, 1, 15, 90, 3600][r.below(6) as usize];
            let t0 = if r.below(5) == 0 {
                r.below(1_000_000)
            } else {
                0
            };
            let moving = match r.below(4) {
                0 => r.below(100),
                1 => r.below(1 << 40),
                _ => 1_500_000_000 + r.below(1_000_000_000),
            };
            Case {
                kind,
                alg,
                digits: 4 + r.below(7) as u32,
                period,
                t0,
                moving,
                secret,
            }
        })
        .collect()
}

#[test]
fn matches_pyotp_and_stdlib_oracle() {
    let seed = 0x005e_ed0f_7a2d;
    let cases = random_cases(seed, 5000);
    let mut child = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is required (scripts/install-deps.sh installs pyotp)");
    let input: String = cases.iter().map(Case::line).collect();
    let mut stdin = child.stdin.take().unwrap();
    // Feed from a thread: the oracle answers while it reads.
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    let _ = feeder.join();
    assert!(
        out.status.success(),
        "oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(theirs.len(), cases.len());
    for (case, want) in cases.iter().zip(theirs) {
        assert_eq!(case.ours(), want, "seed {seed:#x}: {case:?}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let checked: usize = stderr.trim().rsplit(' ').next().unwrap().parse().unwrap();
    assert!(checked > 1000, "pyotp checked only {checked} cases");
}

#[test]
fn matches_oathtool() {
    let mut cases = random_cases(0x0000_a711_7001, 400);
    cases.retain(|c| c.kind != "steam" && (6..=8).contains(&c.digits));
    assert!(cases.len() > 100);
    for case in &cases {
        let hex: String = case.secret.iter().map(|b| format!("{b:02x}")).collect();
        let mut cmd = Command::new("oathtool");
        cmd.arg("-d").arg(case.digits.to_string());
        let mode = case.alg.as_str().to_lowercase();
        if case.kind == "hotp" && case.alg == Algorithm::Sha1 {
            cmd.arg("--hotp").arg("-c").arg(case.moving.to_string());
        } else if case.kind == "hotp" {
            // oathtool's HOTP is SHA-1 only; TOTP with a 1-second step at
            // time = counter is HOTP with that counter.
            cmd.arg(format!("--totp={mode}"))
                .arg("-s")
                .arg("1s")
                .arg("-N")
                .arg(format!("@{}", case.moving));
        } else {
            cmd.arg(format!("--totp={mode}"))
                .arg("-s")
                .arg(format!("{}s", case.period))
                .arg("-S")
                .arg(format!("@{}", case.t0))
                .arg("-N")
                .arg(format!("@{}", case.moving.max(case.t0)));
        }
        let out = cmd
            .arg(hex)
            .output()
            .expect("oathtool is required (scripts/install-deps.sh installs it)");
        assert!(
            out.status.success(),
            "oathtool: {} for {case:?}",
            String::from_utf8_lossy(&out.stderr)
        );
        let want = String::from_utf8(out.stdout).unwrap();
        assert_eq!(case.ours(), want.trim(), "{case:?}");
    }
}
