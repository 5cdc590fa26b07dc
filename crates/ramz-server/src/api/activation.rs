//! The app's route: complete an activation.
//!
//! Order matters: an attempt is taken from the database *before* the MAC
//! is checked, so however many requests race (on however many instances)
//! at most `activation_attempts` codes are ever tested; the completion
//! itself is a conditional update, so exactly one request wins.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use data_encoding::BASE64URL_NOPAD;
use ramz_activation::wire::{CompleteRequest, CompleteResponse, ErrorCode};
use ramz_activation::{
    ActivationId, ActivationOffer, BaseUrl, MaskedCard, RequestRejection, ServerKey,
    VerifiedRequest,
};
use ramz_otp::{Algorithm, Digits, Period};

use super::{ACTIVATION_PURPOSE, ActivationPath, ApiError, ApiJson, SEED_PURPOSE, Shared, log_id};
use crate::ServerError;
use crate::store::{ActivationRow, NewCredential};

pub async fn complete(
    State(s): State<Shared>,
    ActivationPath(id): ActivationPath,
    ApiJson(req): ApiJson<CompleteRequest>,
) -> Result<Json<CompleteResponse>, ApiError> {
    let now = s.config.clock.now() as i64;
    let row = s
        .store
        .activation(&id)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::UnknownActivation, "activation"))?;
    if let Some(e) = refusal(&s, &row, now).await? {
        return Err(e);
    }
    // Everything that can be checked without a secret first: a request
    // that cannot test a code (wrong version or sizes, a low-order
    // client_key) must not cost the customer an attempt.
    VerifiedRequest::precheck(&req).map_err(|e| match e {
        RequestRejection::Malformed("version") => ApiError::invalid("unsupported protocol version"),
        RequestRejection::Malformed("client_key") if decoded_len(&req.client_key) == Some(32) => {
            ApiError::invalid("client_key is not a valid public key")
        }
        _ => ApiError::invalid("client_key and mac must be 32 bytes of base64url"),
    })?;
    // Both budgets are spent before the MAC is checked: first one of
    // the activation's attempts (at most 3 requests per activation get
    // past this point, however many race), then one of the card's
    // wrong-code slots (across all its activations), given back below
    // when no wrong code was tested.
    let left = reserve(&s, &id, now).await?;
    let card_slot = match row.card_key.as_deref() {
        Some(key) => match reserve_card_slot(&s, key, now).await? {
            Some(slot) => Some((key, slot)),
            None => return Err(lock_card(&s, &row, key, now).await?),
        },
        None => None,
    };
    let release = |s: &Shared| {
        let s = s.clone();
        async move {
            if let Some((key, slot)) = card_slot {
                s.store.release_card_slot(key, slot, now).await?;
            }
            Ok::<(), ServerError>(())
        }
    };
    let Some(sealed) = row.sealed_secret.as_deref() else {
        release(&s).await?;
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
        Err(RequestRejection::WrongCode) => {
            return Err(wrong_code(&s, &row, left, now).await?);
        }
        Err(_) => {
            // The precheck passed, so this cannot happen; if it does, no
            // code was tested: the card's slot goes back.
            release(&s).await?;
            return Err(ApiError::invalid("malformed completion request"));
        }
    };
    // The right code: the card's slot goes back (only wrong codes count).
    release(&s).await?;
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
        // Completed by a duplicate, or cancelled by a newer activation
        // while this request was checked: say which.
        let row = s.store.activation(&id).await?;
        return Err(match row {
            Some(r) => refusal(&s, &r, now).await?.unwrap_or_else(already_used),
            None => already_used(),
        });
    }
    tracing::info!(activation = log_id(&id), credential = log_id(&credential_id), card = %row.masked_card, "activation completed");
    Ok(Json(done.response))
}

/// A wrong code: the activation's attempt and the card's slot stay spent.
/// Burns the activation when either budget is empty.
async fn wrong_code(
    s: &Shared,
    row: &ActivationRow,
    left: i64,
    now: i64,
) -> Result<ApiError, ApiError> {
    let id = row.id.as_str();
    if left <= 0 {
        s.store.burn(id).await?;
        tracing::warn!(
            activation = log_id(id),
            "activation burned after too many wrong codes"
        );
        return Ok(exhausted());
    }
    let mut left = left;
    if let Some(key) = row.card_key.as_deref() {
        let spent = s
            .store
            .card_spent(
                key,
                now,
                s.config.card_failure_window as i64,
                s.config.card_failure_limit,
            )
            .await?;
        // Slots held by requests still in flight count as spent here, so
        // this is a lower bound; the lock itself is decided only when a
        // slot cannot be reserved.
        let card_left = (i64::from(s.config.card_failure_limit) - spent.spent).max(0);
        left = left.min(card_left);
    }
    tracing::info!(
        activation = log_id(id),
        attempts_left = left,
        "wrong activation code"
    );
    Ok(ApiError::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::WrongCode,
        "wrong SMS code",
    )
    .attempts(left as u32))
}

/// The card has no wrong code left in the window: burns this activation
/// (reason `card_locked`) and answers 429 `card_locked`.
async fn lock_card(
    s: &Shared,
    row: &ActivationRow,
    key: &str,
    now: i64,
) -> Result<ApiError, ApiError> {
    s.store.burn_card_locked(&row.id).await?;
    let wait = super::backoffice::card_locked_for(s, key, now as u64)
        .await?
        .unwrap_or(1);
    tracing::warn!(
        activation = log_id(&row.id),
        card = %row.masked_card,
        retry_after = wait,
        "card locked after too many wrong SMS codes"
    );
    Ok(super::backoffice::card_locked(wait))
}

/// Takes one of the card's slots. None free may be momentary (requests
/// in flight hold slots until their code is checked, a few milliseconds,
/// then give back those of right codes), so look again for a moment before
/// calling the card locked.
async fn reserve_card_slot(s: &Shared, key: &str, now: i64) -> Result<Option<i64>, ApiError> {
    let window = s.config.card_failure_window as i64;
    for round in 0..20 {
        if let Some(slot) = s
            .store
            .reserve_card_slot(key, now, window, s.config.card_failure_limit)
            .await?
        {
            return Ok(Some(slot));
        }
        if round < 19 {
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }
    Ok(None)
}

/// Why a row can no longer be completed, if it cannot (expiring it on the
/// way so its secrets are deleted).
async fn refusal(s: &Shared, row: &ActivationRow, now: i64) -> Result<Option<ApiError>, ApiError> {
    Ok(match row.state.as_str() {
        "completed" => Some(already_used()),
        "burned" if row.end_reason.as_deref() == Some("card_locked") => {
            let wait = match row.card_key.as_deref() {
                Some(key) => super::backoffice::card_locked_for(s, key, now as u64).await?,
                None => None,
            };
            Some(match wait {
                Some(w) => super::backoffice::card_locked(w),
                None => exhausted(),
            })
        }
        "burned" => Some(exhausted()),
        "cancelled" => Some(cancelled()),
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

fn cancelled() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        ErrorCode::Cancelled,
        "a newer activation for this card replaced this one",
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
