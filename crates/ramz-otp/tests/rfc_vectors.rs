//! Known-answer tests: RFC 4226 Appendix D and RFC 6238 Appendix B, read
//! from data files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ramz_otp::{Algorithm, Digits, Hotp, Period, Secret, Totp};

#[test]
fn rfc4226_appendix_d() {
    let secret = Secret::from_slice(b"12345678901234567890").unwrap();
    let hotp = Hotp::new(&secret, Algorithm::Sha1, Digits::SIX);
    let mut n = 0;
    for line in include_str!("data/rfc4226.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut f = line.split_whitespace();
        let counter: u64 = f.next().unwrap().parse().unwrap();
        let code = f.next().unwrap();
        assert_eq!(hotp.code(counter).as_str(), code, "counter {counter}");
        assert_eq!(hotp.verify(code, counter, 0), Some(counter));
        n += 1;
    }
    assert_eq!(n, 10);
}

#[test]
fn rfc6238_appendix_b() {
    let mut n = 0;
    for line in include_str!("data/rfc6238.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut f = line.split_whitespace();
        let time: u64 = f.next().unwrap().parse().unwrap();
        let alg: Algorithm = f.next().unwrap().parse().unwrap();
        let code = f.next().unwrap();
        // RFC 6238 uses a seed of the hash's output length.
        let seed: &[u8] = match alg {
            Algorithm::Sha1 => b"12345678901234567890",
            Algorithm::Sha256 => b"12345678901234567890123456789012",
            Algorithm::Sha512 => {
                b"1234567890123456789012345678901234567890123456789012345678901234"
            }
        };
        let totp = Totp::new(
            &Secret::from_slice(seed).unwrap(),
            alg,
            Digits::EIGHT,
            Period::THIRTY,
            0,
        );
        assert_eq!(totp.code_at(time).as_str(), code, "{time} {alg}");
        assert_eq!(totp.verify(code, time, 0, 0), Some(time / 30));
        n += 1;
    }
    assert_eq!(n, 18);
}
