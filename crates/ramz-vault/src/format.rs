//! The vault file, byte for byte (version 2, and version 1 for
//! migration). Specified in `docs/vault-format.md`; keep the two in step.

use crate::codec::{Reader, Writer};
use crate::crypto::{self, KEY_LEN, Key, NONCE_LEN, SALT_LEN, TAG_LEN};
use crate::{KdfParams, VaultError};

/// First eight bytes of every vault file.
pub const VAULT_MAGIC: &[u8; 8] = b"RAMZVLT\0";
/// The format version this build writes.
pub const CURRENT_VERSION: u16 = 2;

pub(crate) const VERSION_1: u16 = 1;
/// KDF algorithm byte: Argon2id, version 0x13.
pub(crate) const KDF_ARGON2ID: u8 = 1;
const SLOT_PIN: u8 = 1;
const SLOT_DEVICE: u8 = 2;
const MAX_SLOTS: u8 = 8;
const MAX_WRAPPED_LEN: usize = 1024;
/// Wrapped master key in a PIN slot: 32 bytes and the tag.
pub(crate) const WRAPPED_KEY_LEN: usize = KEY_LEN + TAG_LEN;
/// Failures u32, last attempt u64, HMAC-SHA-256.
pub(crate) const LOCKOUT_LEN: usize = 4 + 8 + 32;

/// A key slot: one way to recover the master key.
#[derive(Clone)]
pub(crate) enum Slot {
    /// Argon2id(PIN) mixed with the device secret.
    Pin {
        salt: [u8; SALT_LEN],
        nonce: [u8; NONCE_LEN],
        wrapped: [u8; WRAPPED_KEY_LEN],
    },
    /// The master key wrapped by the keystore's biometric key.
    Device { wrapped: Vec<u8> },
}

/// The authenticated part of a version-2 file.
#[derive(Clone)]
pub(crate) struct Header {
    pub(crate) kdf: KdfParams,
    pub(crate) wrapped_device_secret: Vec<u8>,
    pub(crate) slots: Vec<Slot>,
    pub(crate) body_nonce: [u8; NONCE_LEN],
}

impl Header {
    /// The header bytes (also the body's associated data).
    pub(crate) fn encode(&self) -> Result<Vec<u8>, VaultError> {
        let mut w = Writer::new();
        w.bytes(VAULT_MAGIC);
        w.u16(CURRENT_VERSION);
        w.u32(0); // header length, patched below
        write_kdf(&mut w, &self.kdf);
        w.short_bytes(&self.wrapped_device_secret)?;
        w.u8(u8::try_from(self.slots.len()).map_err(|_| VaultError::Internal("too many slots"))?);
        for slot in &self.slots {
            match slot {
                Slot::Pin {
                    salt,
                    nonce,
                    wrapped,
                } => {
                    w.u8(SLOT_PIN);
                    w.u16((SALT_LEN + NONCE_LEN + WRAPPED_KEY_LEN) as u16);
                    w.bytes(salt);
                    w.bytes(nonce);
                    w.bytes(wrapped);
                }
                Slot::Device { wrapped } => {
                    w.u8(SLOT_DEVICE);
                    w.short_bytes(wrapped)?;
                }
            }
        }
        w.bytes(&self.body_nonce);
        let mut out = w.finish().to_vec();
        let len = u32::try_from(out.len()).map_err(|_| VaultError::Internal("header too long"))?;
        out[10..14].copy_from_slice(&len.to_le_bytes());
        Ok(out)
    }

    pub(crate) fn pin_slot(
        &self,
    ) -> Option<(&[u8; SALT_LEN], &[u8; NONCE_LEN], &[u8; WRAPPED_KEY_LEN])> {
        self.slots.iter().find_map(|s| match s {
            Slot::Pin {
                salt,
                nonce,
                wrapped,
            } => Some((salt, nonce, wrapped)),
            Slot::Device { .. } => None,
        })
    }

    pub(crate) fn device_slot(&self) -> Option<&[u8]> {
        self.slots.iter().find_map(|s| match s {
            Slot::Device { wrapped } => Some(wrapped.as_slice()),
            Slot::Pin { .. } => None,
        })
    }
}

/// Failure counter kept in the file, outside the authenticated header
/// (it changes while the vault is locked) but under an HMAC keyed from the
/// device secret.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Attempts {
    pub(crate) failures: u32,
    pub(crate) last_unix: u64,
}

impl Attempts {
    pub(crate) fn max(self, other: Self) -> Self {
        Self {
            failures: self.failures.max(other.failures),
            last_unix: self.last_unix.max(other.last_unix),
        }
    }
}

/// A parsed version-2 file.
pub(crate) struct V2File {
    pub(crate) header: Header,
    pub(crate) header_bytes: Vec<u8>,
    pub(crate) attempts: Attempts,
    pub(crate) attempts_mac: [u8; 32],
    pub(crate) body: Vec<u8>,
}

impl V2File {
    /// The full file with a new lockout record (header and body unchanged).
    pub(crate) fn with_attempts(&self, attempts: Attempts, lock_key: &Key) -> Vec<u8> {
        assemble(&self.header_bytes, attempts, lock_key, &self.body)
    }
}

/// A parsed version-1 file: PIN-only, no slots, no device binding.
pub(crate) struct V1File {
    pub(crate) kdf: KdfParams,
    pub(crate) salt: [u8; SALT_LEN],
    pub(crate) nonce: [u8; NONCE_LEN],
    pub(crate) aad: Vec<u8>,
    pub(crate) body: Vec<u8>,
}

/// Either version.
pub(crate) enum VaultFile {
    V1(V1File),
    V2(V2File),
}

/// Recognises and parses a vault file. Authentication happens later, when
/// the key is known; this only checks structure.
pub(crate) fn parse(bytes: &[u8]) -> Result<VaultFile, VaultError> {
    let version = check_magic(bytes, VAULT_MAGIC)?;
    match version {
        VERSION_1 => parse_v1(bytes).map(VaultFile::V1),
        CURRENT_VERSION => parse_v2(bytes).map(VaultFile::V2),
        v => Err(VaultError::UnsupportedVersion(v)),
    }
}

/// Checks the magic of a Ramz file and returns its version.
pub(crate) fn check_magic(bytes: &[u8], magic: &[u8; 8]) -> Result<u16, VaultError> {
    if bytes.is_empty() {
        return Err(VaultError::Empty);
    }
    let n = bytes.len().min(magic.len());
    if bytes[..n] != magic[..n] {
        return Err(VaultError::Foreign);
    }
    let mut r = Reader::new(bytes);
    r.take(magic.len())?;
    r.u16()
}

fn parse_v2(bytes: &[u8]) -> Result<V2File, VaultError> {
    let mut r = Reader::new(bytes);
    r.take(VAULT_MAGIC.len() + 2)?;
    let header_len = r.u32()? as usize;
    let header_bytes = bytes.get(..header_len).ok_or(VaultError::Truncated)?;
    let mut h = Reader::new(header_bytes);
    h.take(VAULT_MAGIC.len() + 2 + 4)?;
    let kdf = read_kdf(&mut h)?;
    let wrapped_device_secret = h.short_bytes()?.to_vec();
    if wrapped_device_secret.is_empty() || wrapped_device_secret.len() > MAX_WRAPPED_LEN {
        return Err(VaultError::Malformed("wrapped device secret"));
    }
    let count = h.u8()?;
    if count == 0 || count > MAX_SLOTS {
        return Err(VaultError::Malformed("slot count"));
    }
    let mut slots = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let kind = h.u8()?;
        let data = h.short_bytes()?;
        let mut s = Reader::new(data);
        let slot = match kind {
            SLOT_PIN => {
                let slot = Slot::Pin {
                    salt: s.array()?,
                    nonce: s.array()?,
                    wrapped: s.array()?,
                };
                s.expect_end("PIN slot")?;
                slot
            }
            SLOT_DEVICE if !data.is_empty() && data.len() <= MAX_WRAPPED_LEN => Slot::Device {
                wrapped: data.to_vec(),
            },
            SLOT_DEVICE => return Err(VaultError::Malformed("device slot")),
            _ => return Err(VaultError::Malformed("unknown slot kind")),
        };
        slots.push(slot);
    }
    let pins = slots
        .iter()
        .filter(|s| matches!(s, Slot::Pin { .. }))
        .count();
    let devices = slots.len() - pins;
    if pins != 1 || devices > 1 {
        return Err(VaultError::Malformed("slots (need exactly one PIN slot)"));
    }
    let body_nonce = h.array()?;
    h.expect_end("header")?;

    let mut r = Reader::new(bytes);
    r.take(header_len)?;
    let attempts = Attempts {
        failures: r.u32()?,
        last_unix: r.u64()?,
    };
    let attempts_mac = r.array()?;
    let body = r.rest().to_vec();
    if body.len() < TAG_LEN + 4 {
        return Err(VaultError::Truncated);
    }
    let header = Header {
        kdf,
        wrapped_device_secret,
        slots,
        body_nonce,
    };
    Ok(V2File {
        header,
        header_bytes: header_bytes.to_vec(),
        attempts,
        attempts_mac,
        body,
    })
}

fn parse_v1(bytes: &[u8]) -> Result<V1File, VaultError> {
    let mut r = Reader::new(bytes);
    r.take(VAULT_MAGIC.len() + 2)?;
    let kdf = KdfParams {
        memory_kib: r.u32()?,
        iterations: r.u32()?,
        parallelism: r.u32()?,
    };
    let salt = r.array()?;
    let nonce = r.array()?;
    let aad = bytes.get(..r.pos()).ok_or(VaultError::Truncated)?.to_vec();
    let body = r.rest().to_vec();
    if body.len() < TAG_LEN + 4 {
        return Err(VaultError::Truncated);
    }
    Ok(V1File {
        kdf,
        salt,
        nonce,
        aad,
        body,
    })
}

/// Header bytes, lockout record, body.
pub(crate) fn assemble(
    header_bytes: &[u8],
    attempts: Attempts,
    lock_key: &Key,
    body: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(header_bytes.len() + LOCKOUT_LEN + body.len());
    out.extend_from_slice(header_bytes);
    out.extend_from_slice(&attempts.failures.to_le_bytes());
    out.extend_from_slice(&attempts.last_unix.to_le_bytes());
    out.extend_from_slice(attempts_mac(lock_key, b"ramz-vault-v2 lockout", attempts).as_ref());
    out.extend_from_slice(body);
    out
}

/// HMAC over a failure record; `label` separates the in-file record from
/// the attempts file.
pub(crate) fn attempts_mac(lock_key: &Key, label: &[u8], a: Attempts) -> Key {
    crypto::hmac(
        lock_key.as_ref(),
        &[label, &a.failures.to_le_bytes(), &a.last_unix.to_le_bytes()],
    )
}

/// The key for the failure-record HMACs.
pub(crate) fn lock_key(device_secret: &Key) -> Key {
    crypto::hmac(device_secret.as_ref(), &[b"ramz-vault-v2 lockout key"])
}

/// Associated data of a PIN slot: binds the KDF parameters and the salt.
pub(crate) fn pin_slot_aad(kdf: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(b"ramz-vault-v2 pin slot");
    write_kdf(&mut w, kdf);
    w.bytes(salt);
    w.finish().to_vec()
}

pub(crate) fn write_kdf(w: &mut Writer, kdf: &KdfParams) {
    w.u8(KDF_ARGON2ID);
    w.u32(kdf.memory_kib);
    w.u32(kdf.iterations);
    w.u32(kdf.parallelism);
}

pub(crate) fn read_kdf(r: &mut Reader<'_>) -> Result<KdfParams, VaultError> {
    if r.u8()? != KDF_ARGON2ID {
        return Err(VaultError::Malformed("KDF algorithm"));
    }
    Ok(KdfParams {
        memory_kib: r.u32()?,
        iterations: r.u32()?,
        parallelism: r.u32()?,
    })
}
