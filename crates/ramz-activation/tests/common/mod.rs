//! Shared fixtures of the integration tests.

use ramz_activation::{ActivationId, ActivationOffer, BaseUrl, MaskedCard, ServerKey};
use ramz_otp::{Algorithm, Digits, Period};

/// An offer for `key`, with the same fields as the first test vector.
pub fn offer(key: &ServerKey) -> ActivationOffer {
    ActivationOffer {
        base_url: BaseUrl::parse("https://otp.bank.example").unwrap(),
        id: ActivationId::from_bytes(&(0u8..16).collect::<Vec<_>>()).unwrap(),
        server_key: key.public(),
        issuer: "Bank Melli".into(),
        masked_card: MaskedCard::parse("6037-99**-****-1234").unwrap(),
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        period: Period::SIXTY,
        expires_at: 1_750_000_300,
    }
}
