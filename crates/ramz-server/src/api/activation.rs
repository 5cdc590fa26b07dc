//! The app's route: complete an activation.
//!
//! Order matters: an attempt is taken from the database *before* the MAC
//! is checked, so however many requests race (on however many instances)
//! at most `activation_attempts` codes are ever tested; the completion
//! itself is a conditional update, so exactly one request wins.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use data_encoding::BASE64URL_NOPAD;
use ramz_activation::wire::{CompleteRequest, CompleteResponse, ErrorCode};
use ramz_activation::{
    ActivationId, ActivationOffer, BaseUrl, MaskedCard, PROTOCOL_VERSION, RequestRejection,
    ServerKey, VerifiedRequest,
};
use ramz_otp::{Algorithm, Digits, Period};

use super::{ACTIVATION_PURPOSE, ApiError, ApiJson, SEED_PURPOSE, Shared, log_id};
use crate::ServerError;
use crate::store::{ActivationRow, NewCredential};

pub async fn complete(
    State(s): State<Shared>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<CompleteRequest>,
) -> Result<Json<CompleteResponse>, ApiError> {
    let unknown = || ApiError::not_found(ErrorCode::UnknownActivation, "activation");
    if ActivationId::parse(&id).is_err() {
        return Err(unknown());
    }
    // Cheap shape checks first: a request that cannot test a code must
    // not cost the customer an attempt.
    if req.version != PROTOCOL_VERSION {
        return Err(ApiError::invalid("unsupported protocol version"));
    }
    if decoded_len(&req.client_key) != Some(32) || decoded_len(&req.mac) != Some(32) {
        return Err(ApiError::invalid(
            "client_key and mac must be 32 bytes of base64url",
        ));
    }
    let now = s.config.clock.now() as i64;
    let row = s.store.activation(&id).await?.ok_or_else(unknown)?;
    if let Some(e) = refusal(&s, &row, now).await? {
        return Err(e);
    }
    let left = reserve(&s, &id, now).await?;
    let Some(sealed) = row.sealed_secret.as_deref() else {
        return Err(exhausted());
    };
    let secret = s.config.master_key.open(ACTIVATION_PURPOSE, &id, sealed)?;
    let (key_bytes, code) = secret.split_at(32);
    let key_arr: [u8; 32] = key_bytes.try_into().map_err(|_| ServerError::Seal)?;
    let key = ServerKey::from_bytes(&key_arr);
    let code = core::str::from_utf8(code).map_err(|_| ServerError::Seal)?;
    let offer = offer_of(&row)?;
    let verified = match VerifiedRequest::check(&offer, &key, code, &req) {
        Ok(v) => v,
        Err(RequestRejection::WrongCode) | Err(_) => {
            if left <= 0 {
                s.store.burn(&id).await?;
                tracing::warn!(
                    activation = log_id(&id),
                    "activation burned after too many wrong codes"
                );
                return Err(exhausted());
            }
            tracing::info!(
                activation = log_id(&id),
                attempts_left = left,
                "wrong activation code"
            );
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::WrongCode,
                "wrong SMS code",
            )
            .attempts(left as u32));
        }
    };
    let eph = ramz_activation::random_bytes::<32>().map_err(|_| ServerError::Randomness)?;
    let done = verified
        .respond(&eph, now as u64)
        .map_err(|_| ApiError::invalid("client_key is not a valid public key"))?;
    let credential_id = super::random_id()?;
    let sealed_seed =
        s.config
            .master_key
            .seal(SEED_PURPOSE, &credential_id, done.seed.expose_secret())?;
    let won = s
        .store
        .complete(
            &id,
            &NewCredential {
                id: &credential_id,
                activation_id: &id,
                masked_card: &row.masked_card,
                algorithm: &row.algorithm,
                digits: row.digits,
                period: row.period,
                sealed_seed: &sealed_seed,
                created_at: now,
            },
        )
        .await?;
    if !won {
        return Err(already_used());
    }
    tracing::info!(activation = log_id(&id), credential = log_id(&credential_id), card = %row.masked_card, "activation completed");
    Ok(Json(done.response))
}

/// Why a row can no longer be completed, if it cannot (expiring it on the
/// way so its secrets are deleted).
async fn refusal(s: &Shared, row: &ActivationRow, now: i64) -> Result<Option<ApiError>, ApiError> {
    Ok(match row.state.as_str() {
        "completed" => Some(already_used()),
        "burned" => Some(exhausted()),
        "expired" => Some(expired()),
        _ if row.expires_at <= now => {
            s.store.expire(&row.id, now).await?;
            Some(expired())
        }
        _ => None,
    })
}

/// Takes an attempt. A pending row with no attempts left means other
/// requests hold the last attempts right now: wait (briefly) until they
/// settle the row as completed or burned, so duplicates of a winning
/// request are told "already used", not "exhausted".
async fn reserve(s: &Shared, id: &str, now: i64) -> Result<i64, ApiError> {
    for _ in 0..40 {
        if let Some(left) = s.store.reserve_attempt(id, now).await? {
            return Ok(left);
        }
        let row = s
            .store
            .activation(id)
            .await?
            .ok_or_else(|| ApiError::not_found(ErrorCode::UnknownActivation, "activation"))?;
        if let Some(e) = refusal(s, &row, now).await? {
            return Err(e);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Still pending with no attempt left: a holder died mid-request.
    Err(exhausted())
}

fn already_used() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        ErrorCode::AlreadyUsed,
        "activation already completed",
    )
}

fn exhausted() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        ErrorCode::AttemptsExhausted,
        "too many wrong codes; the activation is burned",
    )
}

fn expired() -> ApiError {
    ApiError::new(StatusCode::GONE, ErrorCode::Expired, "activation expired")
}

fn decoded_len(text: &str) -> Option<usize> {
    BASE64URL_NOPAD
        .decode(text.as_bytes())
        .ok()
        .map(|b| b.len())
}

/// Rebuilds the offer (the transcript's fields) from the stored row.
fn offer_of(row: &ActivationRow) -> Result<ActivationOffer, ServerError> {
    let bad = |_| ServerError::Config("stored activation row is inconsistent");
    let key: [u8; 32] = BASE64URL_NOPAD
        .decode(row.server_public.as_bytes())
        .map_err(|_| ServerError::Config("stored key"))?
        .try_into()
        .map_err(|_| ServerError::Config("stored key"))?;
    Ok(ActivationOffer {
        base_url: BaseUrl::parse(&row.base_url).map_err(bad)?,
        id: ActivationId::parse(&row.id).map_err(bad)?,
        server_key: key,
        issuer: row.issuer.clone(),
        masked_card: MaskedCard::parse(&row.masked_card).map_err(bad)?,
        algorithm: row
            .algorithm
            .parse::<Algorithm>()
            .map_err(|_| ServerError::Config("stored algorithm"))?,
        digits: Digits::new(u32::try_from(row.digits).unwrap_or(0))
            .map_err(|_| ServerError::Config("stored digits"))?,
        period: Period::new(u64::try_from(row.period).unwrap_or(0))
            .map_err(|_| ServerError::Config("stored period"))?,
        expires_at: u64::try_from(row.expires_at).unwrap_or(0),
    })
}
