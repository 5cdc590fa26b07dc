//! Secrets at rest: XChaCha20-Poly1305 under the server master key.
//!
//! Every sealed value is bound (as associated data) to its purpose and its
//! row id, so a sealed seed copied onto another credential's row does not
//! open.

use core::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE64URL_NOPAD, HEXLOWER_PERMISSIVE};
use zeroize::Zeroizing;

use crate::ServerError;

/// The 256-bit master key that seals seeds and activation secrets.
#[derive(Clone)]
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    /// From 32 raw bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// From 64 hex characters (surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> Result<Self, ServerError> {
        let bytes = Zeroizing::new(
            HEXLOWER_PERMISSIVE
                .decode(text.trim().as_bytes())
                .map_err(|_| ServerError::Config("master key is not hex"))?,
        );
        let arr: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| ServerError::Config("master key must be 32 bytes (64 hex digits)"))?;
        Ok(Self::from_bytes(arr))
    }

    /// A fresh random key.
    pub fn generate() -> Result<Self, ServerError> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|_| ServerError::Randomness)?;
        Ok(Self::from_bytes(k))
    }

    /// Hex form, to write a generated key to its file.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(HEXLOWER_PERMISSIVE.encode(self.0.as_ref()))
    }

    /// A 256-bit key for `purpose`, derived with HKDF-SHA256 (info
    /// `ramz-server/1 <purpose>`): independent of the sealing key and of
    /// every other purpose.
    pub(crate) fn derive(&self, purpose: &str) -> Result<Zeroizing<[u8; 32]>, ServerError> {
        let mut out = Zeroizing::new([0u8; 32]);
        let mut info = b"ramz-server/1 ".to_vec();
        info.extend_from_slice(purpose.as_bytes());
        hkdf::Hkdf::<sha2::Sha256>::new(None, self.0.as_ref())
            .expand(&info, out.as_mut())
            .map_err(|_| ServerError::Config("key derivation"))?;
        Ok(out)
    }

    /// Seals `plain` for `purpose` and row `id`: base64url(nonce || ciphertext).
    pub(crate) fn seal(
        &self,
        purpose: &str,
        id: &str,
        plain: &[u8],
    ) -> Result<String, ServerError> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| ServerError::Randomness)?;
        let aad = aad(purpose, id);
        let ct = self
            .cipher()
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain,
                    aad: &aad,
                },
            )
            .map_err(|_| ServerError::Seal)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        Ok(BASE64URL_NOPAD.encode(&out))
    }

    /// Opens what [`MasterKey::seal`] sealed with the same purpose and id.
    pub(crate) fn open(
        &self,
        purpose: &str,
        id: &str,
        sealed: &str,
    ) -> Result<Zeroizing<Vec<u8>>, ServerError> {
        let raw = BASE64URL_NOPAD
            .decode(sealed.as_bytes())
            .map_err(|_| ServerError::Seal)?;
        if raw.len() < 24 + 16 {
            return Err(ServerError::Seal);
        }
        let (nonce, ct) = raw.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| ServerError::Seal)?;
        let aad = aad(purpose, id);
        self.cipher()
            .decrypt(&XNonce::from(nonce), Payload { msg: ct, aad: &aad })
            .map(Zeroizing::new)
            .map_err(|_| ServerError::Seal)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&chacha20poly1305::Key::from(*self.0))
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey([redacted])")
    }
}

fn aad(purpose: &str, id: &str) -> Vec<u8> {
    let mut v = b"ramz-server/1 ".to_vec();
    v.extend_from_slice(purpose.as_bytes());
    v.push(0);
    v.extend_from_slice(id.as_bytes());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_is_bound_to_purpose_and_row() {
        let k = MasterKey::generate().unwrap();
        let s = k.seal("seed", "cred-1", b"0123456789abcdefghij").unwrap();
        assert!(!s.contains("0123456789"));
        assert_eq!(
            k.open("seed", "cred-1", &s).unwrap().as_slice(),
            b"0123456789abcdefghij"
        );
        assert!(k.open("seed", "cred-2", &s).is_err());
        assert!(k.open("activation", "cred-1", &s).is_err());
        assert!(
            MasterKey::generate()
                .unwrap()
                .open("seed", "cred-1", &s)
                .is_err()
        );
        assert_ne!(
            s,
            k.seal("seed", "cred-1", b"0123456789abcdefghij").unwrap(),
            "fresh nonce each time"
        );
    }

    #[test]
    fn hex_round_trip_and_debug() {
        let k = MasterKey::from_hex(&"ab".repeat(32)).unwrap();
        assert_eq!(k.to_hex().as_str(), "ab".repeat(32));
        assert!(MasterKey::from_hex("abcd").is_err());
        assert_eq!(format!("{k:?}"), "MasterKey([redacted])");
    }
}
