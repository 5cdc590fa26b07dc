//! The key schedule: HKDF-SHA-256 and HMAC-SHA-256 over the transcript.
//!
//! ```text
//! Z1 = X25519(client_eph, server_act_key)      (both sides)
//! Z2 = X25519(client_eph, server_eph)          (both sides)
//! th_req  = SHA-256(request transcript)
//! K_req   = HKDF(salt = th_req,  ikm = Z1 || code, info = "ramz-activation/1 request mac")
//! mac_c   = HMAC(K_req, th_req)
//! th_resp = SHA-256(request transcript || mac_c || server_eph || server_time)
//! PRK     = HKDF-Extract(salt = th_resp, ikm = Z1 || Z2 || code)
//! mac_s   = HMAC(HKDF-Expand(PRK, "ramz-activation/1 server confirm", 32), th_resp)
//! seed    = HKDF-Expand(PRK, "ramz-activation/1 otp seed", 20 | 32 | 64)
//! ```

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use ramz_otp::{Algorithm, Secret};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// Label at the start of the transcript and in every HKDF info string.
pub const PROTOCOL_LABEL: &[u8] = b"ramz-activation/1";

const INFO_REQUEST_MAC: &[u8] = b"ramz-activation/1 request mac";
const INFO_SERVER_CONFIRM: &[u8] = b"ramz-activation/1 server confirm";
const INFO_SEED: &[u8] = b"ramz-activation/1 otp seed";

/// Seed length for an algorithm: the hash's output size, as RFC 6238's
/// reference keys do (20 bytes for SHA-1, 32 for SHA-256, 64 for SHA-512).
pub fn seed_len(algorithm: Algorithm) -> usize {
    match algorithm {
        Algorithm::Sha1 => 20,
        Algorithm::Sha256 => 32,
        Algorithm::Sha512 => 64,
    }
}

/// The client's proof of the SMS code, bound to `Z1` and the transcript.
pub(crate) fn request_mac(
    z1: &[u8; 32],
    code: &[u8; crate::SMS_CODE_LEN],
    request_transcript: &[u8],
) -> Option<[u8; 32]> {
    let th = Sha256::digest(request_transcript);
    let ikm = concat(&[z1, code]);
    let mut key = Zeroizing::new([0u8; 32]);
    // 32 bytes is far below HKDF's 255 * 32 limit.
    Hkdf::<Sha256>::new(Some(&th), &ikm)
        .expand(INFO_REQUEST_MAC, key.as_mut())
        .ok()?;
    hmac(key.as_ref(), &th)
}

/// The server's key confirmation and the OTP seed.
pub(crate) struct Derived {
    pub(crate) confirmation: [u8; 32],
    pub(crate) seed: Secret,
}

pub(crate) fn derive(
    z1: &[u8; 32],
    z2: &[u8; 32],
    code: &[u8; crate::SMS_CODE_LEN],
    response_transcript: &[u8],
    algorithm: Algorithm,
) -> Option<Derived> {
    let th = Sha256::digest(response_transcript);
    let ikm = concat(&[z1, z2, code]);
    let hk = Hkdf::<Sha256>::new(Some(&th), &ikm);
    let mut confirm_key = Zeroizing::new([0u8; 32]);
    hk.expand(INFO_SERVER_CONFIRM, confirm_key.as_mut()).ok()?;
    let mut seed = Zeroizing::new(vec![0u8; seed_len(algorithm)]);
    hk.expand(INFO_SEED, &mut seed).ok()?;
    let seed = Secret::from_slice(&seed).ok()?;
    Some(Derived {
        confirmation: hmac(confirm_key.as_ref(), &th)?,
        seed,
    })
}

/// Constant-time equality of two MACs.
pub(crate) fn mac_eq(a: &[u8; 32], b: &[u8]) -> bool {
    b.len() == 32 && bool::from(a.ct_eq(b))
}

/// HMAC-SHA-256. `None` never happens (HMAC takes keys of any length);
/// it is propagated rather than unwrapped.
fn hmac(key: &[u8], msg: &[u8]) -> Option<[u8; 32]> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).ok()?;
    m.update(msg);
    Some(m.finalize().into_bytes().into())
}

fn concat(parts: &[&[u8]]) -> Zeroizing<Vec<u8>> {
    let mut v = Zeroizing::new(Vec::with_capacity(parts.iter().map(|p| p.len()).sum()));
    for p in parts {
        v.extend_from_slice(p);
    }
    v
}
