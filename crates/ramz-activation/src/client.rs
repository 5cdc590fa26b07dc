//! The app's side: build the request, check the answer, get the seed.
//! No I/O: the shell sends [`HttpRequest`] and hands back status and body.

use data_encoding::BASE64URL_NOPAD;
use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::fields::sms_code;
use crate::wire::{CompleteRequest, CompleteResponse, ErrorBody, ErrorCode};
use crate::{ActivationError, ActivationOffer, MaskedCard, PROTOCOL_VERSION, schedule, transcript};

/// Longest response body the client reads.
const MAX_RESPONSE_LEN: usize = 16 * 1024;

/// One HTTP request for the shell to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Always `POST`.
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Always `application/json`.
    pub content_type: &'static str,
    /// The JSON body (holds no secret: a public key and a MAC).
    pub body: Vec<u8>,
}

/// A completion in flight: the ephemeral key and the values needed to
/// check the server's answer. Wiped on drop.
pub struct ClientActivation {
    offer: ActivationOffer,
    code: Zeroizing<[u8; crate::SMS_CODE_LEN]>,
    client_secret: StaticSecret,
    z1: Zeroizing<[u8; 32]>,
    transcript: Vec<u8>,
    mac: [u8; 32],
}

/// A completed activation: the card's second-password credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivatedCard {
    /// The bank's display name.
    pub issuer: String,
    /// The masked card number (the account label).
    pub masked_card: MaskedCard,
    /// The derived seed.
    pub secret: Secret,
    /// HMAC hash.
    pub algorithm: Algorithm,
    /// Code length.
    pub digits: Digits,
    /// Step length.
    pub period: Period,
    /// The server's clock when it answered (Unix seconds).
    pub server_time: u64,
    /// `server_time - client_time`: add it to the device clock to compute
    /// codes the server will accept.
    pub clock_offset: i64,
}

impl ClientActivation {
    /// Starts a completion with the SMS code the customer typed (Persian
    /// and Arabic-Indic digits accepted) and 32 random bytes for the
    /// ephemeral key (see [`crate::random_bytes`]).
    pub fn start(
        offer: ActivationOffer,
        typed_code: &str,
        ephemeral: &[u8; 32],
    ) -> Result<(Self, HttpRequest), ActivationError> {
        let code = sms_code(typed_code).ok_or(ActivationError::InvalidSmsCode)?;
        let client_secret = StaticSecret::from(*ephemeral);
        let client_public = PublicKey::from(&client_secret).to_bytes();
        let shared = client_secret.diffie_hellman(&PublicKey::from(offer.server_key));
        if !shared.was_contributory() {
            return Err(ActivationError::WeakKey);
        }
        let z1 = Zeroizing::new(shared.to_bytes());
        let transcript = transcript::request(&offer, &client_public);
        let mac =
            schedule::request_mac(&z1, &code, &transcript).ok_or(ActivationError::NoRandomness)?;
        let body = CompleteRequest {
            version: PROTOCOL_VERSION,
            client_key: BASE64URL_NOPAD.encode(&client_public),
            mac: BASE64URL_NOPAD.encode(&mac),
        };
        let request = HttpRequest {
            method: "POST",
            url: offer.complete_url(),
            content_type: "application/json",
            body: serde_json::to_vec(&body)
                .map_err(|_| ActivationError::MalformedResponse("request encoding"))?,
        };
        Ok((
            Self {
                offer,
                code,
                client_secret,
                z1,
                transcript,
                mac,
            },
            request,
        ))
    }

    /// [`ClientActivation::start`] with an ephemeral key from the OS.
    pub fn start_random(
        offer: ActivationOffer,
        typed_code: &str,
    ) -> Result<(Self, HttpRequest), ActivationError> {
        let eph = crate::random_bytes::<32>()?;
        Self::start(offer, typed_code, &eph)
    }

    /// The offer being completed.
    pub fn offer(&self) -> &ActivationOffer {
        &self.offer
    }

    /// Consumes the server's answer. `client_time` is the device clock
    /// (Unix seconds) when the answer arrived.
    pub fn finish(
        &self,
        status: u16,
        body: &[u8],
        client_time: u64,
    ) -> Result<ActivatedCard, ActivationError> {
        if body.len() > MAX_RESPONSE_LEN {
            return Err(ActivationError::MalformedResponse("answer too large"));
        }
        if status != 200 {
            return Err(error_from(status, body));
        }
        let resp: CompleteResponse = serde_json::from_slice(body)
            .map_err(|_| ActivationError::MalformedResponse("not a completion answer"))?;
        if resp.version != PROTOCOL_VERSION {
            return Err(ActivationError::MalformedResponse("protocol version"));
        }
        let server_eph =
            decode32(&resp.server_key).ok_or(ActivationError::MalformedResponse("server_key"))?;
        let confirmation = BASE64URL_NOPAD
            .decode(resp.confirmation.as_bytes())
            .map_err(|_| ActivationError::MalformedResponse("confirmation"))?;
        let shared = self
            .client_secret
            .diffie_hellman(&PublicKey::from(server_eph));
        if !shared.was_contributory() {
            return Err(ActivationError::WeakKey);
        }
        let z2 = Zeroizing::new(shared.to_bytes());
        let t = transcript::response(&self.transcript, &self.mac, &server_eph, resp.server_time);
        let derived = schedule::derive(&self.z1, &z2, &self.code, &t, self.offer.algorithm)
            .ok_or(ActivationError::MalformedResponse("key derivation"))?;
        if !schedule::mac_eq(&derived.confirmation, &confirmation) {
            return Err(ActivationError::KeyConfirmationFailed);
        }
        let offset = i128::from(resp.server_time) - i128::from(client_time);
        Ok(ActivatedCard {
            issuer: self.offer.issuer.clone(),
            masked_card: self.offer.masked_card.clone(),
            secret: derived.seed,
            algorithm: self.offer.algorithm,
            digits: self.offer.digits,
            period: self.offer.period,
            server_time: resp.server_time,
            clock_offset: i64::try_from(offset).unwrap_or(0),
        })
    }
}

impl core::fmt::Debug for ClientActivation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientActivation")
            .field("offer", &self.offer)
            .finish_non_exhaustive()
    }
}

impl ActivatedCard {
    /// The OTP parameters (TOTP with the offer's period).
    pub fn params(&self) -> OtpParams {
        OtpParams {
            kind: OtpKind::Totp {
                period: self.period,
            },
            algorithm: self.algorithm,
            digits: self.digits,
        }
    }

    /// The credential as an OTP account: issuer, masked card as the account
    /// name, the seed and the parameters.
    pub fn to_account(&self) -> OtpAccount {
        OtpAccount {
            issuer: self.issuer.clone(),
            account: self.masked_card.as_str().to_owned(),
            secret: self.secret.clone(),
            params: self.params(),
            image: None,
        }
    }
}

fn decode32(text: &str) -> Option<[u8; 32]> {
    BASE64URL_NOPAD
        .decode(text.as_bytes())
        .ok()?
        .try_into()
        .ok()
}

/// Maps an error answer to what the app tells the customer.
fn error_from(status: u16, body: &[u8]) -> ActivationError {
    let Ok(err) = serde_json::from_slice::<ErrorBody>(body) else {
        return ActivationError::ServerError { status };
    };
    match err.error {
        ErrorCode::WrongCode => ActivationError::WrongCode {
            attempts_left: err.attempts_left.unwrap_or(0),
        },
        // The card is locked for wrong codes across activations: to the
        // customer this reads as this activation being burned.
        ErrorCode::AttemptsExhausted | ErrorCode::CardLocked => ActivationError::AttemptsExhausted,
        // Replaced by a newer activation: this QR code is no longer valid.
        ErrorCode::Cancelled => ActivationError::Expired,
        ErrorCode::Expired => ActivationError::Expired,
        ErrorCode::AlreadyUsed => ActivationError::AlreadyUsed,
        ErrorCode::UnknownActivation => ActivationError::UnknownActivation,
        _ => ActivationError::ServerError { status },
    }
}
