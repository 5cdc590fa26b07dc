//! The server's side of the exchange, sans-IO: check the app's proof of
//! the SMS code, answer, derive the same seed. Attempt counting, expiry
//! and single use are the caller's (the database's) job.

use data_encoding::BASE64URL_NOPAD;
use ramz_otp::Secret;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::fields::sms_code;
use crate::wire::{CompleteRequest, CompleteResponse};
use crate::{
    ActivationError, ActivationOffer, PROTOCOL_VERSION, RequestRejection, schedule, transcript,
};

/// The server's X25519 key for one activation. Its public half goes into
/// the QR code; the secret half is kept (encrypted) until the activation
/// completes, is burned or expires, and then deleted.
pub struct ServerKey(StaticSecret);

impl ServerKey {
    /// From 32 secret bytes (random, or stored).
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        Self(StaticSecret::from(*bytes))
    }

    /// A fresh key from the operating system's randomness.
    pub fn generate() -> Result<Self, ActivationError> {
        Ok(Self::from_bytes(&*crate::random_bytes::<32>()?))
    }

    /// The public key for the QR code.
    pub fn public(&self) -> [u8; 32] {
        PublicKey::from(&self.0).to_bytes()
    }

    /// The secret bytes, to store encrypted.
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }
}

impl core::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ServerKey([redacted])")
    }
}

/// A request whose MAC verified: the app knows the SMS code.
pub struct VerifiedRequest {
    client_public: PublicKey,
    z1: Zeroizing<[u8; 32]>,
    code: Zeroizing<[u8; crate::SMS_CODE_LEN]>,
    transcript: Vec<u8>,
    mac: [u8; 32],
    algorithm: ramz_otp::Algorithm,
}

/// The server's answer and the seed it derived.
#[derive(Debug)]
pub struct CompletedActivation {
    /// The body to send back (status 200).
    pub response: CompleteResponse,
    /// The seed to store (encrypted) for verification.
    pub seed: Secret,
}

impl VerifiedRequest {
    /// Everything about a request that can be checked without the
    /// activation's secrets: version, sizes, and that `client_key` is not
    /// a low-order point. A server calls this *before* it spends one of
    /// the customer's attempts, so a request that cannot test a code
    /// costs nothing. [`VerifiedRequest::check`] repeats it.
    pub fn precheck(request: &CompleteRequest) -> Result<(), RequestRejection> {
        parse_request(request).map(|_| ())
    }

    /// Checks a completion request against the offer, the activation's
    /// key and the SMS code that was sent. Only
    /// [`RequestRejection::WrongCode`] counts as an attempt.
    pub fn check(
        offer: &ActivationOffer,
        key: &ServerKey,
        sent_code: &str,
        request: &CompleteRequest,
    ) -> Result<Self, RequestRejection> {
        let (client_key, mac) = parse_request(request)?;
        let client_public = PublicKey::from(client_key);
        let shared = key.0.diffie_hellman(&client_public);
        if !shared.was_contributory() {
            return Err(RequestRejection::Malformed("client_key"));
        }
        let z1 = Zeroizing::new(shared.to_bytes());
        // The stored code is ours, so it is always four ASCII digits; a
        // corrupted one simply never matches.
        let code = sms_code(sent_code).ok_or(RequestRejection::WrongCode)?;
        let transcript = transcript::request(offer, &client_key);
        let expected =
            schedule::request_mac(&z1, &code, &transcript).ok_or(RequestRejection::WrongCode)?;
        if !schedule::mac_eq(&expected, &mac) {
            return Err(RequestRejection::WrongCode);
        }
        Ok(Self {
            client_public,
            z1,
            code,
            transcript,
            mac: expected,
            algorithm: offer.algorithm,
        })
    }

    /// Answers with a fresh ephemeral key (32 random bytes) and the
    /// server's clock, and derives the seed.
    pub fn respond(
        self,
        ephemeral: &[u8; 32],
        server_time: u64,
    ) -> Result<CompletedActivation, RequestRejection> {
        let eph = StaticSecret::from(*ephemeral);
        let server_eph = PublicKey::from(&eph).to_bytes();
        let shared = eph.diffie_hellman(&self.client_public);
        if !shared.was_contributory() {
            return Err(RequestRejection::Malformed("client_key"));
        }
        let z2 = Zeroizing::new(shared.to_bytes());
        let t = transcript::response(&self.transcript, &self.mac, &server_eph, server_time);
        let derived = schedule::derive(&self.z1, &z2, &self.code, &t, self.algorithm)
            .ok_or(RequestRejection::Malformed("key derivation"))?;
        Ok(CompletedActivation {
            response: CompleteResponse {
                version: PROTOCOL_VERSION,
                server_key: BASE64URL_NOPAD.encode(&server_eph),
                server_time,
                confirmation: BASE64URL_NOPAD.encode(&derived.confirmation),
            },
            seed: derived.seed,
        })
    }
}

impl core::fmt::Debug for VerifiedRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("VerifiedRequest([redacted])")
    }
}

/// Version, 32-byte key and MAC, and a key of full order.
fn parse_request(request: &CompleteRequest) -> Result<([u8; 32], [u8; 32]), RequestRejection> {
    if request.version != PROTOCOL_VERSION {
        return Err(RequestRejection::Malformed("version"));
    }
    let client_key =
        decode32(&request.client_key).ok_or(RequestRejection::Malformed("client_key"))?;
    let mac = decode32(&request.mac).ok_or(RequestRejection::Malformed("mac"))?;
    // A clamped scalar is a multiple of the cofactor 8, so its product
    // with a point is the identity (all-zero output) exactly when the
    // point lies in the small subgroup: the same outcome the activation's
    // own key would give, known before any secret is opened.
    let probe = StaticSecret::from([0x5a; 32]);
    if !probe
        .diffie_hellman(&PublicKey::from(client_key))
        .was_contributory()
    {
        return Err(RequestRejection::Malformed("client_key"));
    }
    Ok((client_key, mac))
}

fn decode32(text: &str) -> Option<[u8; 32]> {
    BASE64URL_NOPAD
        .decode(text.as_bytes())
        .ok()?
        .try_into()
        .ok()
}
