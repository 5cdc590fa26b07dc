//! Bank back-office routes: create an activation, read its state, revoke
//! a credential.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use data_encoding::{BASE64, BASE64URL_NOPAD};
use ramz_activation::wire::ErrorCode;
use ramz_activation::{ActivationId, ActivationOffer, BaseUrl, ServerKey};
use ramz_otp::{Algorithm, Digits, Period};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::{
    ACTIVATION_PURPOSE, ActivationPath, ApiError, ApiJson, CredentialPath, Shared, log_id,
};
use crate::card::{mask_card, mask_phone};
use crate::sms::SmsMessage;
use crate::store::NewActivation;

/// `POST /v1/backoffice/activations`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateActivation {
    /// Full card number (Luhn-checked, then only its masked form is kept).
    card_number: String,
    /// Phone number the SMS code goes to.
    phone: String,
    /// Display name; the server's configured issuer when absent.
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    algorithm: Option<String>,
    #[serde(default)]
    digits: Option<u32>,
    #[serde(default)]
    period: Option<u64>,
}

/// The answer: everything the bank's page needs to show the QR code.
#[derive(Serialize, Deserialize, Debug)]
pub struct CreatedActivation {
    pub activation_id: String,
    pub qr_payload: String,
    /// PNG, standard base64.
    pub qr_png: String,
    pub qr_svg: String,
    pub masked_card: String,
    pub expires_at: u64,
}

pub async fn create(
    State(s): State<Shared>,
    ApiJson(mut req): ApiJson<CreateActivation>,
) -> Result<(StatusCode, Json<CreatedActivation>), ApiError> {
    let masked = mask_card(&req.card_number);
    let card_key = crate::card::card_key(&s.config.master_key, &req.card_number);
    req.card_number.zeroize();
    let card_key = card_key?;
    let masked_card = masked.ok_or_else(|| {
        ApiError::invalid("card_number must be 13 to 19 digits and pass the Luhn check")
    })?;
    // Both come from the same check: a valid number has both.
    let card_key = card_key.ok_or_else(|| {
        ApiError::invalid("card_number must be 13 to 19 digits and pass the Luhn check")
    })?;
    let masked_phone =
        mask_phone(&req.phone).ok_or_else(|| ApiError::invalid("phone must be 8 to 15 digits"))?;
    let algorithm = match &req.algorithm {
        Some(a) => a
            .parse::<Algorithm>()
            .map_err(|_| ApiError::invalid("algorithm must be SHA1, SHA256 or SHA512"))?,
        None => Algorithm::Sha1,
    };
    let digits = Digits::new(req.digits.unwrap_or(6))
        .ok()
        .filter(|d| (6..=8).contains(&d.get()))
        .ok_or_else(|| ApiError::invalid("digits must be 6, 7 or 8"))?;
    let period = Period::new(req.period.unwrap_or(60))
        .ok()
        .filter(|p| (10..=300).contains(&p.get()))
        .ok_or_else(|| ApiError::invalid("period must be 10 to 300 seconds"))?;
    let issuer = req
        .issuer
        .clone()
        .unwrap_or_else(|| s.config.issuer.clone());
    if issuer.trim().is_empty()
        || issuer.chars().count() > ramz_activation::MAX_ISSUER_CHARS
        || issuer.chars().any(char::is_control)
    {
        return Err(ApiError::invalid(
            "issuer must be 1 to 64 printable characters",
        ));
    }
    let base_url = BaseUrl::parse(&s.config.public_url)
        .map_err(|_| crate::ServerError::Config("public URL is not https or loopback http"))?;

    let now = s.config.clock.now();
    if let Some(wait) = card_locked_for(&s, &card_key, now).await? {
        tracing::warn!(
            card = masked_card.as_str(),
            retry_after = wait,
            "activation refused: card locked after too many wrong SMS codes"
        );
        return Err(card_locked(wait));
    }
    s.store
        .ensure_card_slots(&card_key, s.config.card_failure_limit)
        .await?;

    let id_text = super::random_id()?;
    let id = ActivationId::parse(&id_text).map_err(|_| crate::ServerError::Randomness)?;
    let key = ServerKey::generate().map_err(|_| crate::ServerError::Randomness)?;
    let code = sms_code()?;
    let mut secret = Zeroizing::new(Vec::with_capacity(36));
    secret.extend_from_slice(key.to_bytes().as_ref());
    secret.extend_from_slice(code.as_bytes());
    let sealed = s
        .config
        .master_key
        .seal(ACTIVATION_PURPOSE, &id_text, &secret)?;

    let expires_at = now + s.config.activation_ttl;
    let offer = ActivationOffer {
        base_url,
        id,
        server_key: key.public(),
        issuer: issuer.clone(),
        masked_card: masked_card.clone(),
        algorithm,
        digits,
        period,
        expires_at,
    };
    let server_public = BASE64URL_NOPAD.encode(&offer.server_key);
    let cancelled = s
        .store
        .insert_activation(&NewActivation {
            id: &id_text,
            issuer: &issuer,
            masked_card: masked_card.as_str(),
            masked_phone: &masked_phone,
            base_url: offer.base_url.as_str(),
            algorithm: algorithm.as_str(),
            digits: i64::from(digits.get()),
            period: period.get() as i64,
            server_public: &server_public,
            sealed_secret: &sealed,
            created_at: now as i64,
            expires_at: expires_at as i64,
            attempts_left: i64::from(s.config.activation_attempts),
            card_key: &card_key,
        })
        .await?;
    if cancelled > 0 {
        tracing::info!(
            card = masked_card.as_str(),
            cancelled,
            "pending activations of the card replaced"
        );
    }
    s.config
        .sms
        .send(SmsMessage {
            phone: &req.phone,
            code: &code,
            issuer: &issuer,
            activation_id: &id_text,
        })
        .await
        .map_err(|e| {
            // The error names the gateway's failure, never the code.
            tracing::error!(activation = log_id(&id_text), error = %e, "activation SMS not sent");
            ApiError::new(
                StatusCode::BAD_GATEWAY,
                ErrorCode::SmsNotSent,
                "the SMS gateway did not take the activation code; create a new activation",
            )
        })?;
    req.phone.zeroize();
    tracing::info!(activation = log_id(&id_text), card = masked_card.as_str(), phone = %masked_phone, "activation created");
    let payload = offer.to_uri();
    Ok((
        StatusCode::CREATED,
        Json(CreatedActivation {
            activation_id: id_text,
            qr_png: BASE64.encode(&crate::qr_image::png(&payload)?),
            qr_svg: crate::qr_image::svg(&payload)?,
            qr_payload: payload,
            masked_card: masked_card.as_str().to_owned(),
            expires_at,
        }),
    ))
}

/// Four uniformly random digits (rejection sampling, no modulo bias).
fn sms_code() -> Result<Zeroizing<String>, crate::ServerError> {
    loop {
        let mut b = [0u8; 2];
        getrandom::fill(&mut b).map_err(|_| crate::ServerError::Randomness)?;
        let v = u16::from_le_bytes(b);
        // 60 000 is the largest multiple of 10 000 below 65 536.
        if v < 60_000 {
            return Ok(Zeroizing::new(format!("{:04}", v % 10_000)));
        }
    }
}

/// Seconds until the card may be tried again, when it is locked.
pub(super) async fn card_locked_for(
    s: &Shared,
    card_key: &str,
    now: u64,
) -> Result<Option<u64>, ApiError> {
    let limit = s.config.card_failure_limit;
    let window = s.config.card_failure_window as i64;
    let spent = s
        .store
        .card_spent(card_key, now as i64, window, limit)
        .await?;
    if spent.spent < i64::from(limit) {
        return Ok(None);
    }
    let frees = spent.frees_at.unwrap_or(now as i64 + window);
    Ok(Some(frees.saturating_sub(now as i64).max(1) as u64))
}

/// 429 `card_locked` with `retry_after`.
pub(super) fn card_locked(wait: u64) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::CardLocked,
        "too many wrong SMS codes for this card; no activation until retry_after",
    )
    .retry_after(wait)
}

/// `GET /v1/backoffice/activations/{id}`: the state, and why an
/// activation ended without completing (`reason`: `wrong_codes`,
/// `card_locked` with `retry_after` while the card stays locked,
/// `replaced`, `expired`).
pub async fn status(
    State(s): State<Shared>,
    ActivationPath(id): ActivationPath,
) -> Result<Json<serde_json::Value>, ApiError> {
    let row = s
        .store
        .activation(&id)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::UnknownActivation, "activation"))?;
    let now = s.config.clock.now();
    let state = if row.state == "pending" && row.expires_at <= now as i64 {
        "expired"
    } else {
        row.state.as_str()
    };
    let reason = match (state, row.end_reason.as_deref()) {
        ("expired", _) => Some("expired"),
        (_, r) => r,
    };
    let retry_after = match (reason, row.card_key.as_deref()) {
        (Some("card_locked"), Some(key)) => card_locked_for(&s, key, now).await?,
        _ => None,
    };
    let mut body = serde_json::json!({
        "activation_id": row.id,
        "state": state,
        "reason": reason,
        "attempts_left": row.attempts_left,
        "expires_at": row.expires_at,
        "masked_card": row.masked_card,
        "credential_id": row.credential_id,
    });
    if let (Some(wait), Some(obj)) = (retry_after, body.as_object_mut()) {
        obj.insert("retry_after".into(), wait.into());
    }
    Ok(Json(body))
}

/// `POST /v1/backoffice/credentials/{id}/revoke`.
pub async fn revoke(
    State(s): State<Shared>,
    CredentialPath(id): CredentialPath,
) -> Result<Json<serde_json::Value>, ApiError> {
    if !s.store.revoke(&id).await? {
        return Err(ApiError::not_found(
            ErrorCode::UnknownCredential,
            "credential",
        ));
    }
    tracing::info!(credential = log_id(&id), "credential revoked");
    Ok(Json(
        serde_json::json!({"credential_id": id, "revoked": true}),
    ))
}
