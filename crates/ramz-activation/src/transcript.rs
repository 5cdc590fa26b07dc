//! The transcript: every value both sides must agree on, in one
//! unambiguous byte string (each variable-length field prefixed with its
//! length as a big-endian u16). Both MACs and the seed are bound to it, so
//! changing any field on the way (server URL, card, digits, period,
//! public keys, server time) makes the keys differ.

use crate::{ActivationOffer, PROTOCOL_LABEL};

/// The transcript up to and including the client's public key.
pub(crate) fn request(offer: &ActivationOffer, client_key: &[u8; 32]) -> Vec<u8> {
    let mut t = Vec::with_capacity(256);
    field(&mut t, PROTOCOL_LABEL);
    field(&mut t, offer.base_url.as_str().as_bytes());
    field(&mut t, offer.id.as_bytes());
    field(&mut t, &offer.server_key);
    field(&mut t, offer.issuer.as_bytes());
    field(&mut t, offer.masked_card.as_str().as_bytes());
    field(&mut t, offer.algorithm.as_str().as_bytes());
    t.push(offer.digits.get());
    // Period is at most 86 400, so it fits a u32.
    t.extend_from_slice(&(offer.period.get() as u32).to_be_bytes());
    t.extend_from_slice(&offer.expires_at.to_be_bytes());
    field(&mut t, client_key);
    t
}

/// The request transcript extended with the client's MAC, the server's
/// ephemeral public key and the server's clock.
pub(crate) fn response(
    request: &[u8],
    client_mac: &[u8; 32],
    server_ephemeral: &[u8; 32],
    server_time: u64,
) -> Vec<u8> {
    let mut t = Vec::with_capacity(request.len() + 80);
    t.extend_from_slice(request);
    field(&mut t, client_mac);
    field(&mut t, server_ephemeral);
    t.extend_from_slice(&server_time.to_be_bytes());
    t
}

fn field(t: &mut Vec<u8>, bytes: &[u8]) {
    // Every field is bounded by the offer parser (URL 256, issuer 64
    // characters, ids 32 bytes), far below u16::MAX.
    let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX);
    t.extend_from_slice(&len.to_be_bytes());
    t.extend_from_slice(&bytes[..usize::from(len)]);
}
