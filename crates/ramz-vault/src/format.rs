//! The vault file, byte for byte: version 3 (versions 2 and 1, read for
//! migration, are in `legacy.rs`). Specified in `docs/vault-format.md`; keep the two in step.

use crate::codec::{Reader, Writer};
use crate::crypto::{self, KEY_LEN, Key, NONCE_LEN, SALT_LEN, TAG_LEN};
use crate::legacy::{self, V1File, V2File};
use crate::{KdfParams, KeyId, VaultError};

/// First eight bytes of every vault file.
pub const VAULT_MAGIC: &[u8; 8] = b"RAMZVLT\0";
/// The format version this build writes.
pub const CURRENT_VERSION: u16 = 3;

pub(crate) const VERSION_1: u16 = 1;
pub(crate) const VERSION_2: u16 = 2;
/// KDF algorithm byte: Argon2id, version 0x13.
pub(crate) const KDF_ARGON2ID: u8 = 1;
const SLOT_PIN: u8 = 1;
const SLOT_DEVICE: u8 = 2;
const MAX_SLOTS: u8 = 8;
pub(crate) const MAX_WRAPPED_LEN: usize = 1024;
/// Wrapped master key in a PIN slot: 32 bytes and the tag.
pub(crate) const WRAPPED_KEY_LEN: usize = KEY_LEN + TAG_LEN;
const CLEANUP_NONE: u8 = 0;
const CLEANUP_DEVICE: u8 = 1;
const CLEANUP_LEGACY: u8 = 2;
const STATE_LABEL: &[u8] = b"ramz-vault-v3 state";

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

/// A PIN slot's salt, nonce and wrapped master key.
pub(crate) type PinSlotRef<'a> = (
    &'a [u8; SALT_LEN],
    &'a [u8; NONCE_LEN],
    &'a [u8; WRAPPED_KEY_LEN],
);

/// The part of a version-3 file that changes only with the master key at
/// hand (the body's associated data).
#[derive(Clone)]
pub(crate) struct Header {
    pub(crate) kdf: KdfParams,
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
        write_slots(&mut w, &self.slots)?;
        w.bytes(&self.body_nonce);
        let mut out = w.finish().to_vec();
        let len = u32::try_from(out.len()).map_err(|_| VaultError::Internal("header too long"))?;
        out[10..14].copy_from_slice(&len.to_le_bytes());
        Ok(out)
    }

    pub(crate) fn pin_slot(&self) -> Result<PinSlotRef<'_>, VaultError> {
        pin_slot(&self.slots)
    }

    pub(crate) fn device_slot(&self) -> Option<&[u8]> {
        device_slot(&self.slots)
    }
}

pub(crate) fn pin_slot(slots: &[Slot]) -> Result<PinSlotRef<'_>, VaultError> {
    slots
        .iter()
        .find_map(|s| match s {
            Slot::Pin {
                salt,
                nonce,
                wrapped,
            } => Some((salt, nonce, wrapped)),
            Slot::Device { .. } => None,
        })
        .ok_or(VaultError::Malformed("no PIN slot"))
}

pub(crate) fn device_slot(slots: &[Slot]) -> Option<&[u8]> {
    slots.iter().find_map(|s| match s {
        Slot::Device { wrapped } => Some(wrapped.as_slice()),
        Slot::Pin { .. } => None,
    })
}

/// Consecutive wrong PINs and the time of the last one.
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

/// A keystore key left over by an interrupted rotation, re-key or
/// migration, to delete before the next PIN is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cleanup {
    None,
    Device(KeyId),
    Legacy,
}

/// The state block of a version-3 file: what changes while the vault is
/// locked. Authenticated (with the header) by the pre-PIN header key.
#[derive(Clone)]
pub(crate) struct State {
    /// The device-key generation that wraps the device secret.
    pub(crate) key: KeyId,
    pub(crate) cleanup: Cleanup,
    pub(crate) attempts: Attempts,
    pub(crate) wrapped_device_secret: Vec<u8>,
}

impl State {
    pub(crate) fn encode(&self) -> Result<Vec<u8>, VaultError> {
        let mut w = Writer::new();
        w.bytes(&self.key.0);
        let (kind, id) = match self.cleanup {
            Cleanup::None => (CLEANUP_NONE, [0; 16]),
            Cleanup::Device(id) => (CLEANUP_DEVICE, id.0),
            Cleanup::Legacy => (CLEANUP_LEGACY, [0; 16]),
        };
        w.u8(kind);
        w.bytes(&id);
        w.u32(self.attempts.failures);
        w.u64(self.attempts.last_unix);
        w.short_bytes(&self.wrapped_device_secret)?;
        Ok(w.finish().to_vec())
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, VaultError> {
        let key = KeyId(r.array()?);
        let kind = r.u8()?;
        let id: [u8; 16] = r.array()?;
        let cleanup = match kind {
            CLEANUP_NONE if id == [0; 16] => Cleanup::None,
            CLEANUP_DEVICE => Cleanup::Device(KeyId(id)),
            CLEANUP_LEGACY if id == [0; 16] => Cleanup::Legacy,
            _ => return Err(VaultError::Malformed("state block")),
        };
        let attempts = Attempts {
            failures: r.u32()?,
            last_unix: r.u64()?,
        };
        let wrapped_device_secret = r.short_bytes()?.to_vec();
        if wrapped_device_secret.is_empty() || wrapped_device_secret.len() > MAX_WRAPPED_LEN {
            return Err(VaultError::Malformed("wrapped device secret"));
        }
        Ok(Self {
            key,
            cleanup,
            attempts,
            wrapped_device_secret,
        })
    }
}

/// A parsed version-3 file. Nothing in it is trusted until
/// [`V3File::verify`] passed.
pub(crate) struct V3File {
    pub(crate) header: Header,
    pub(crate) header_bytes: Vec<u8>,
    pub(crate) state: State,
    state_bytes: Vec<u8>,
    mac: [u8; 32],
    pub(crate) body: Vec<u8>,
}

impl V3File {
    /// The state block's bytes as read.
    pub(crate) fn state_bytes(&self) -> &[u8] {
        &self.state_bytes
    }

    /// Checks the header MAC: every byte before the body.
    pub(crate) fn verify(&self, header_key: &Key) -> Result<(), VaultError> {
        let mac = state_mac(header_key, &self.header_bytes, &self.state_bytes);
        if crypto::ct_eq(mac.as_ref(), &self.mac) {
            Ok(())
        } else {
            Err(VaultError::Tampered)
        }
    }
}

fn state_mac(header_key: &Key, header_bytes: &[u8], state_bytes: &[u8]) -> Key {
    crypto::hmac(
        header_key.as_ref(),
        &[STATE_LABEL, header_bytes, state_bytes],
    )
}

/// Header bytes, state block, its MAC, body.
pub(crate) fn assemble(
    header_bytes: &[u8],
    state: &State,
    header_key: &Key,
    body: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let state_bytes = state.encode()?;
    let mac = state_mac(header_key, header_bytes, &state_bytes);
    Ok([header_bytes, &state_bytes, mac.as_ref(), body].concat())
}

/// Any version.
pub(crate) enum VaultFile {
    V1(V1File),
    V2(V2File),
    V3(V3File),
}

/// Recognises and parses a vault file. Authentication happens later, when
/// the key is known; this only checks structure.
pub(crate) fn parse(bytes: &[u8]) -> Result<VaultFile, VaultError> {
    let version = check_magic(bytes, VAULT_MAGIC)?;
    match version {
        VERSION_1 => legacy::parse_v1(bytes).map(VaultFile::V1),
        VERSION_2 => legacy::parse_v2(bytes).map(VaultFile::V2),
        CURRENT_VERSION => parse_v3(bytes).map(VaultFile::V3),
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

/// The header's bytes `[0, H)` and a reader positioned after magic,
/// version and length.
pub(crate) fn header_of(bytes: &[u8]) -> Result<(&[u8], Reader<'_>), VaultError> {
    let mut r = Reader::new(bytes);
    r.take(VAULT_MAGIC.len() + 2)?;
    let header_len = r.u32()? as usize;
    let header_bytes = bytes.get(..header_len).ok_or(VaultError::Truncated)?;
    let mut h = Reader::new(header_bytes);
    h.take(VAULT_MAGIC.len() + 2 + 4)?;
    Ok((header_bytes, h))
}

fn parse_v3(bytes: &[u8]) -> Result<V3File, VaultError> {
    let (header_bytes, mut h) = header_of(bytes)?;
    let kdf = read_kdf(&mut h)?;
    let slots = read_slots(&mut h)?;
    let body_nonce = h.array()?;
    h.expect_end("header")?;

    let mut r = Reader::new(bytes);
    r.take(header_bytes.len())?;
    let state_start = r.pos();
    let state = State::read(&mut r)?;
    let state_bytes = bytes
        .get(state_start..r.pos())
        .ok_or(VaultError::Truncated)?
        .to_vec();
    let mac = r.array()?;
    let body = r.rest().to_vec();
    if body.len() < TAG_LEN + 4 {
        return Err(VaultError::Truncated);
    }
    Ok(V3File {
        header: Header {
            kdf,
            slots,
            body_nonce,
        },
        header_bytes: header_bytes.to_vec(),
        state,
        state_bytes,
        mac,
        body,
    })
}

fn write_slots(w: &mut Writer, slots: &[Slot]) -> Result<(), VaultError> {
    w.u8(u8::try_from(slots.len()).map_err(|_| VaultError::Internal("too many slots"))?);
    for slot in slots {
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
    Ok(())
}

/// Slot count and slots: exactly one PIN slot, at most one device slot.
pub(crate) fn read_slots(h: &mut Reader<'_>) -> Result<Vec<Slot>, VaultError> {
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
    Ok(slots)
}

/// Associated data of a PIN slot: binds the KDF parameters and the salt.
/// (The label is the same in versions 2 and 3.)
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
