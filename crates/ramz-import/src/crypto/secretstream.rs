//! The receiving half of libsodium's `crypto_secretstream_xchacha20poly1305`
//! (Ente Auth encrypts its exports with it), written from libsodium's
//! documented construction on RustCrypto's ChaCha20, HChaCha20 and
//! Poly1305. Checked against libsodium itself (through PyNaCl) in
//! `tests/secretstream.rs`, including multi-message and rekeyed streams.
//!
//! State: a 256-bit key `k` and a 96-bit nonce `counter (32-bit LE) ||
//! inonce (64 bits)`. From the 24-byte header: `k = HChaCha20(key,
//! header[..16])`, `counter = 1`, `inonce = header[16..]`.
//!
//! Each message is `c_tag (1) || c_msg || mac (16)`:
//! - the Poly1305 key is the first 32 bytes of ChaCha20(k, nonce) block 0;
//! - the tag byte is the first byte of a 64-byte block encrypted at block
//!   counter 1 (the MAC covers that whole 64-byte block with the tag byte
//!   in its encrypted form);
//! - the message is encrypted from block counter 2;
//! - the MAC is Poly1305 over `ad` zero-padded to a multiple of 16, the
//!   64-byte block, `c_msg`, then `(0x10 - 64 + len(c_msg)) & 0xf` zero
//!   bytes, then `len(ad)` and `64 + len(c_msg)` as 64-bit little-endian.
//!   Note that pad: it is `len(c_msg) mod 16` bytes, not the complement
//!   that would align the lengths to a block, so the MAC input is in
//!   general not block-aligned and is fed to Poly1305 unpadded;
//! - after each message, `inonce ^= mac[..8]` and `counter += 1`; when
//!   the tag has the REKEY bit or the counter wraps to 0, `k || inonce` is
//!   replaced by itself XORed with the ChaCha20 keystream, and `counter`
//!   restarts at 1.

use chacha20::cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
use chacha20::{ChaCha20, R20, hchacha};
use poly1305::Poly1305;
use poly1305::universal_hash::KeyInit;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use super::Unauthentic;

/// Header length (the "nonce" an Ente export stores).
pub(crate) const HEADER_BYTES: usize = 24;
/// Overhead per message: one tag byte and a 16-byte MAC.
pub(crate) const A_BYTES: usize = 17;
/// Tag of the last message of a stream.
pub(crate) const TAG_FINAL: u8 = 0x03;
const TAG_REKEY: u8 = 0x02;

/// A stream being decrypted.
pub(crate) struct SecretStreamPull {
    key: Zeroizing<[u8; 32]>,
    nonce: Zeroizing<[u8; 12]>,
}

impl SecretStreamPull {
    /// `crypto_secretstream_xchacha20poly1305_init_pull`.
    pub(crate) fn new(key: &[u8; 32], header: &[u8; HEADER_BYTES]) -> Self {
        let mut sub_input = [0u8; 16];
        sub_input.copy_from_slice(&header[..16]);
        let mut subkey = hchacha::<R20>(&(*key).into(), &sub_input.into());
        let mut k = Zeroizing::new([0u8; 32]);
        k.copy_from_slice(&subkey);
        subkey.zeroize();
        let mut nonce = Zeroizing::new([0u8; 12]);
        nonce[..4].copy_from_slice(&1u32.to_le_bytes());
        nonce[4..].copy_from_slice(&header[16..]);
        Self { key: k, nonce }
    }

    /// `crypto_secretstream_xchacha20poly1305_pull`: decrypts one message
    /// (`c` includes the tag byte and the MAC) and returns it with its tag.
    pub(crate) fn pull(
        &mut self,
        c: &[u8],
        ad: &[u8],
    ) -> Result<(Zeroizing<Vec<u8>>, u8), Unauthentic> {
        if c.len() < A_BYTES {
            return Err(Unauthentic);
        }
        let (body, mac) = c.split_at(c.len() - 16);
        let (c_tag, c_msg) = body.split_at(1);

        let mut stream = ChaCha20::new(&(*self.key).into(), &(*self.nonce).into());
        let mut poly_key = Zeroizing::new([0u8; 32]);
        stream.apply_keystream(poly_key.as_mut());
        let poly = Poly1305::new(&(*poly_key).into());

        let mut block = Zeroizing::new([0u8; 64]);
        block[0] = c_tag[0];
        stream.seek(64u64);
        stream.apply_keystream(block.as_mut());
        let tag = block[0];
        block[0] = c_tag[0];

        let ad_pad = (16 - ad.len() % 16) % 16;
        let msg_pad = c_msg.len() % 16;
        let mut input = Vec::with_capacity(ad.len() + ad_pad + 64 + c_msg.len() + msg_pad + 16);
        input.extend_from_slice(ad);
        input.resize(ad.len() + ad_pad, 0);
        input.extend_from_slice(block.as_ref());
        input.extend_from_slice(c_msg);
        input.resize(input.len() + msg_pad, 0);
        input.extend_from_slice(&(ad.len() as u64).to_le_bytes());
        input.extend_from_slice(&(64 + c_msg.len() as u64).to_le_bytes());
        let expected = poly.compute_unpadded(&input);
        // The 64-byte block holds keystream; wipe its copy.
        input.zeroize();
        if !bool::from(expected.as_slice().ct_eq(mac)) {
            return Err(Unauthentic);
        }

        let mut message = Zeroizing::new(c_msg.to_vec());
        stream.seek(128u64);
        stream.apply_keystream(message.as_mut());

        for (n, m) in self.nonce[4..].iter_mut().zip(mac) {
            *n ^= m;
        }
        let mut counter = [0u8; 4];
        counter.copy_from_slice(&self.nonce[..4]);
        let counter = u32::from_le_bytes(counter).wrapping_add(1);
        self.nonce[..4].copy_from_slice(&counter.to_le_bytes());
        if tag & TAG_REKEY != 0 || counter == 0 {
            self.rekey();
        }
        Ok((message, tag))
    }

    /// `crypto_secretstream_xchacha20poly1305_rekey`.
    fn rekey(&mut self) {
        let mut next = Zeroizing::new([0u8; 40]);
        next[..32].copy_from_slice(self.key.as_ref());
        next[32..].copy_from_slice(&self.nonce[4..]);
        let mut stream = ChaCha20::new(&(*self.key).into(), &(*self.nonce).into());
        stream.apply_keystream(next.as_mut());
        self.key.copy_from_slice(&next[..32]);
        self.nonce[4..].copy_from_slice(&next[32..]);
        self.nonce[..4].copy_from_slice(&1u32.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        data_encoding::HEXLOWER.decode(s.as_bytes()).unwrap()
    }

    /// Streams written by libsodium itself (PyNaCl), `tests/make_fixtures.py`.
    #[test]
    fn decrypts_libsodium_streams() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/secretstream_libsodium.json"))
                .unwrap();
        let mut pulled = 0;
        for case in cases.as_array().unwrap() {
            let key: [u8; 32] = hex(case["key"].as_str().unwrap()).try_into().unwrap();
            let header: [u8; 24] = hex(case["header"].as_str().unwrap()).try_into().unwrap();
            let mut s = SecretStreamPull::new(&key, &header);
            for m in case["messages"].as_array().unwrap() {
                let c = hex(m["ciphertext"].as_str().unwrap());
                let ad = hex(m["ad"].as_str().unwrap());
                let (plain, tag) = s.pull(&c, &ad).expect("authentic");
                assert_eq!(*plain, hex(m["message"].as_str().unwrap()));
                assert_eq!(u64::from(tag), m["tag"].as_u64().unwrap());
                pulled += 1;
            }
        }
        assert!(pulled >= 16);
    }

    /// Each byte of a message, its tag byte or its MAC altered, a message
    /// dropped or reordered: refused.
    #[test]
    fn refuses_altered_dropped_and_reordered_messages() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/data/secretstream_libsodium.json"))
                .unwrap();
        let case = &cases[0];
        let key: [u8; 32] = hex(case["key"].as_str().unwrap()).try_into().unwrap();
        let header: [u8; 24] = hex(case["header"].as_str().unwrap()).try_into().unwrap();
        let msgs = case["messages"].as_array().unwrap();
        let first = hex(msgs[0]["ciphertext"].as_str().unwrap());
        for i in 0..first.len() {
            let mut c = first.clone();
            c[i] ^= 0x01;
            let mut s = SecretStreamPull::new(&key, &header);
            assert!(s.pull(&c, &[]).is_err(), "byte {i}");
        }
        let second = hex(msgs[1]["ciphertext"].as_str().unwrap());
        let ad1 = hex(msgs[1]["ad"].as_str().unwrap());
        let mut s = SecretStreamPull::new(&key, &header);
        assert!(s.pull(&second, &ad1).is_err(), "dropped first message");
        let mut s = SecretStreamPull::new(&key, &header);
        assert!(s.pull(&first, b"unexpected ad").is_err());
        assert!(s.pull(&first[..16], &[]).is_err(), "short");
    }
}
