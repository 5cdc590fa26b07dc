//! Reed–Solomon error correction over GF(256) as QR codes use it
//! (field polynomial x⁸+x⁴+x³+x²+1, generator roots α⁰…α^(n−1)).
//!
//! Log/antilog tables built at compile time; syndromes by Horner's rule,
//! the error locator by Berlekamp–Massey, positions by a Chien search
//! and values by Forney's formula. A block is accepted only if its
//! syndromes are all zero after correction, so a grid sampled from the
//! wrong place is rejected instead of "corrected" into garbage.

/// Antilog table, doubled so that `EXP[a + b]` needs no reduction.
const EXP: [u8; 512] = exp_table();
/// Log table (`LOG[0]` is unused).
const LOG: [u8; 256] = log_table();

const fn exp_table() -> [u8; 512] {
    let mut t = [0u8; 512];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 512 {
        t[i] = x as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11D;
        }
        i += 1;
    }
    t
}

const fn log_table() -> [u8; 256] {
    let t = exp_table();
    let mut l = [0u8; 256];
    let mut i = 0;
    while i < 255 {
        l[t[i] as usize] = i as u8;
        i += 1;
    }
    l
}

/// Most error-correction codewords in one QR block (the standard's
/// maximum, e.g. version 40).
const MAX_EC: usize = 30;

#[inline]
fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        0
    } else {
        EXP[usize::from(LOG[usize::from(a)]) + usize::from(LOG[usize::from(b)])]
    }
}

#[inline]
fn div(a: u8, b: u8) -> u8 {
    // Callers never divide by zero; 0 is returned if they did.
    if a == 0 || b == 0 {
        0
    } else {
        EXP[usize::from(LOG[usize::from(a)]) + 255 - usize::from(LOG[usize::from(b)])]
    }
}

/// α^e for any non-negative exponent.
#[inline]
fn alpha_pow(e: usize) -> u8 {
    EXP[e % 255]
}

/// Evaluates a polynomial stored lowest degree first at `x`.
fn eval_low_first(poly: &[u8], x: u8) -> u8 {
    poly.iter().rev().fold(0u8, |acc, &c| mul(acc, x) ^ c)
}

/// Why a block could not be corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RsError {
    /// More errors than the block's parity can correct (or not a code).
    TooManyErrors,
    /// The block has more parity than any QR block, or fewer than 2.
    BadShape,
}

/// Corrects `block` (data codewords then `ec` parity codewords, first
/// transmitted first) in place. Returns the number of corrected bytes.
pub(crate) fn correct(block: &mut [u8], ec: usize) -> Result<usize, RsError> {
    let n = block.len();
    if !(2..=MAX_EC).contains(&ec) || n <= ec || n > 255 {
        return Err(RsError::BadShape);
    }
    let mut syn = [0u8; MAX_EC];
    if syndromes(block, &mut syn[..ec]) {
        return Ok(0);
    }
    let syn = &syn[..ec];

    // Berlekamp–Massey: sigma(x), lowest degree first, sigma(0) = 1.
    let mut sigma = [0u8; MAX_EC + 1];
    let mut prev = [0u8; MAX_EC + 1];
    sigma[0] = 1;
    prev[0] = 1;
    let mut l = 0usize;
    let mut m = 1usize;
    let mut b = 1u8;
    for k in 0..ec {
        let mut d = syn[k];
        for i in 1..=l {
            d ^= mul(sigma[i], syn[k - i]);
        }
        if d == 0 {
            m += 1;
            continue;
        }
        let coef = div(d, b);
        let before = sigma;
        for i in 0..(MAX_EC + 1).saturating_sub(m) {
            sigma[i + m] ^= mul(coef, prev[i]);
        }
        if 2 * l <= k {
            l = k + 1 - l;
            prev = before;
            b = d;
            m = 1;
        } else {
            m += 1;
        }
    }
    if l == 0 || 2 * l > ec {
        return Err(RsError::TooManyErrors);
    }

    // Omega(x) = S(x) * sigma(x) mod x^ec.
    let mut omega = [0u8; MAX_EC];
    for i in 0..ec {
        let mut acc = 0u8;
        for j in 0..=i.min(l) {
            acc ^= mul(sigma[j], syn[i - j]);
        }
        omega[i] = acc;
    }
    // Formal derivative of sigma: odd-degree terms shifted down.
    let mut deriv = [0u8; MAX_EC];
    for i in (1..=l).step_by(2) {
        deriv[i - 1] = sigma[i];
    }

    // Chien search over the block's positions: the codeword at index
    // `idx` is the coefficient of x^(n-1-idx).
    let mut found = 0usize;
    for idx in 0..n {
        let power = n - 1 - idx;
        let x_inv = alpha_pow(255 - power % 255);
        if eval_low_first(&sigma[..=l], x_inv) != 0 {
            continue;
        }
        let denom = eval_low_first(&deriv[..l], x_inv);
        if denom == 0 {
            return Err(RsError::TooManyErrors);
        }
        // Forney with first root alpha^0: e = X * Omega(X^-1) / sigma'(X^-1).
        let x = alpha_pow(power);
        let value = mul(x, div(eval_low_first(&omega[..ec], x_inv), denom));
        if let Some(byte) = block.get_mut(idx) {
            *byte ^= value;
        }
        found += 1;
    }
    if found != l {
        return Err(RsError::TooManyErrors);
    }
    let mut check = [0u8; MAX_EC];
    if syndromes(block, &mut check[..ec]) {
        Ok(found)
    } else {
        Err(RsError::TooManyErrors)
    }
}

/// Fills `out[i] = r(α^i)`; true if all are zero.
fn syndromes(block: &[u8], out: &mut [u8]) -> bool {
    let mut clean = true;
    for (i, s) in out.iter_mut().enumerate() {
        let a = alpha_pow(i);
        let log_a = usize::from(LOG[usize::from(a)]);
        let mut acc = 0u8;
        for &c in block {
            // acc = acc * a + c, with the log of `a` hoisted.
            acc = if acc == 0 {
                c
            } else {
                EXP[usize::from(LOG[usize::from(acc)]) + log_a] ^ c
            };
        }
        *s = acc;
        clean &= acc == 0;
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(data: &[u8], ec: usize) -> Vec<u8> {
        let mut block = data.to_vec();
        block.extend(qrcode::ec::create_error_correction_code(data, ec));
        block
    }

    #[test]
    fn clean_blocks_pass_unchanged() {
        let data: Vec<u8> = (0..50u8).map(|i| i.wrapping_mul(37)).collect();
        let mut block = encoded(&data, 18);
        assert_eq!(correct(&mut block, 18), Ok(0));
        assert_eq!(&block[..50], &data[..]);
    }

    #[test]
    fn corrects_up_to_half_the_parity() {
        let mut seed = 12345u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 8) as usize
        };
        for ec in [7usize, 10, 13, 17, 22, 26, 28, 30] {
            for trial in 0..40 {
                let len = 10 + next() % 100;
                let data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let good = encoded(&data, ec);
                let mut block = good.clone();
                let errors = (trial % (ec / 2)) + 1;
                let mut hit = Vec::new();
                while hit.len() < errors {
                    let p = next() % block.len();
                    if !hit.contains(&p) {
                        hit.push(p);
                        block[p] ^= 1 + (next() % 255) as u8;
                    }
                }
                assert_eq!(
                    correct(&mut block, ec),
                    Ok(errors),
                    "ec {ec} errors {errors}"
                );
                assert_eq!(block, good);
            }
        }
    }

    #[test]
    fn too_many_errors_are_refused_not_miscorrected_silently() {
        let data: Vec<u8> = (0..30u8).collect();
        let good = encoded(&data, 10);
        let mut block = good.clone();
        for b in block.iter_mut().take(12) {
            *b ^= 0x5A;
        }
        match correct(&mut block, 10) {
            Err(RsError::TooManyErrors) => {}
            Ok(_) => assert_ne!(block, good),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn random_blocks_never_panic() {
        let mut seed = 3u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for _ in 0..5000 {
            let len = next() % 260;
            let ec = next() % 34;
            let mut block: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if let Ok(n) = correct(&mut block, ec) {
                assert!(2 * n <= ec);
            }
        }
    }

    #[test]
    fn bad_shapes_are_errors() {
        assert_eq!(correct(&mut [0u8; 5], 31), Err(RsError::BadShape));
        assert_eq!(correct(&mut [0u8; 5], 5), Err(RsError::BadShape));
        assert_eq!(correct(&mut [], 0), Err(RsError::BadShape));
    }
}
