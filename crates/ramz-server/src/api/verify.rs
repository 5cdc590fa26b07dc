//! `POST /v1/backoffice/credentials/{id}/verify`: check a second password.
//!
//! A code is accepted once: the matched time step must be later than the
//! last accepted one (RFC 6238 §5.2), which one conditional `UPDATE`
//! enforces across instances. From the 5th consecutive failure each
//! attempt waits longer; the 100th disables the credential (NIST SP
//! 800-63B §5.2.2).
//!
//! The seed is unsealed for each request and wiped when the request ends:
//! no instance keeps a table of open seeds. Unsealing (XChaCha20-Poly1305
//! over 20 to 64 bytes plus the HMAC key schedule) costs a few
//! microseconds, against a database round trip of a few hundred; the load
//! benchmark measured no difference worth a memory full of keys
//! (`crates/ramz-server/README.md`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use ramz_activation::wire::ErrorCode;
use ramz_otp::{Algorithm, Digits, Period, Secret, Totp};
use serde::{Deserialize, Serialize};

use super::{ApiError, ApiJson, CredentialPath, SEED_PURPOSE, Shared, log_id};
use crate::ServerError;
use crate::store::CredentialRow;

/// Request body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// The code as the customer typed it (Persian digits accepted).
    code: String,
}

/// Answer for a well-formed request on an enabled credential.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
pub struct VerifyAnswer {
    pub valid: bool,
    /// The accepted time step (when valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u64>,
    /// `wrong_code` or `replayed` (when not valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ErrorCode>,
    /// Consecutive failures so far (after a wrong code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consecutive_failures: Option<i64>,
}

pub async fn verify(
    State(s): State<Shared>,
    CredentialPath(id): CredentialPath,
    ApiJson(req): ApiJson<VerifyRequest>,
) -> Result<Json<VerifyAnswer>, ApiError> {
    let code = ramz_otp::normalize_digits(&req.code)
        .filter(|c| !c.is_empty() && c.len() <= 10)
        .ok_or_else(|| ApiError::invalid("code must be 1 to 10 digits"))?;
    let now = s.config.clock.now();
    let row = s
        .store
        .credential(&id)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::UnknownCredential, "credential"))?;
    if let Some(e) = refusal(&row, now) {
        return Err(e);
    }
    let w = s.config.verify_window;
    let matched = open_totp(&s, &id, &row)?.verify(&code, now, w, w);
    match matched {
        Some(step) => {
            // The last accepted step only grows, so a step the row read
            // above already covers is a replay: no write needed to refuse
            // it. Otherwise the conditional UPDATE decides; if it changes
            // nothing, another request changed the row in between
            // (accepted this or a later step, disabled it, started a
            // back-off): read it again to say which.
            if row.last_step < step as i64 {
                if s.store.accept_step(&id, step as i64, now as i64).await? {
                    tracing::debug!(credential = log_id(&id), step, "code accepted");
                    return Ok(Json(VerifyAnswer {
                        valid: true,
                        step: Some(step),
                        reason: None,
                        consecutive_failures: None,
                    }));
                }
                let row = s.store.credential(&id).await?.ok_or_else(|| {
                    ApiError::not_found(ErrorCode::UnknownCredential, "credential")
                })?;
                if let Some(e) = refusal(&row, now) {
                    return Err(e);
                }
            }
            tracing::warn!(credential = log_id(&id), step, "replayed code refused");
            Ok(Json(VerifyAnswer {
                valid: false,
                step: None,
                reason: Some(ErrorCode::Replayed),
                consecutive_failures: None,
            }))
        }
        None => {
            let b = i64::from(s.config.backoff_after);
            let d = i64::from(s.config.disable_after);
            match s.store.record_failure(&id, now as i64, b, d).await? {
                Some(f) => {
                    if f.disabled {
                        tracing::warn!(
                            credential = log_id(&id),
                            failures = f.consecutive_failures,
                            "credential disabled after too many failures"
                        );
                    } else {
                        tracing::info!(
                            credential = log_id(&id),
                            failures = f.consecutive_failures,
                            "wrong code"
                        );
                    }
                    Ok(Json(VerifyAnswer {
                        valid: false,
                        step: None,
                        reason: Some(ErrorCode::WrongCode),
                        consecutive_failures: Some(f.consecutive_failures),
                    }))
                }
                None => {
                    let row = s.store.credential(&id).await?.ok_or_else(|| {
                        ApiError::not_found(ErrorCode::UnknownCredential, "credential")
                    })?;
                    Err(refusal(&row, now).unwrap_or_else(|| {
                        ApiError::new(
                            StatusCode::TOO_MANY_REQUESTS,
                            ErrorCode::RateLimited,
                            "try again",
                        )
                        .retry_after(1)
                    }))
                }
            }
        }
    }
}

fn refusal(row: &CredentialRow, now: u64) -> Option<ApiError> {
    match row.disabled {
        0 => {}
        1 => {
            return Some(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Disabled,
                "credential revoked",
            ));
        }
        _ => {
            return Some(ApiError::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Disabled,
                "credential disabled after too many failures",
            ));
        }
    }
    let wait = row.next_attempt_at.saturating_sub(now as i64);
    (wait > 0).then(|| {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "too many failures; wait before the next attempt",
        )
        .retry_after(wait as u64)
    })
}

/// The credential's TOTP key, unsealed for this request only (the key
/// material is wiped when the returned value drops).
fn open_totp(s: &Shared, id: &str, row: &CredentialRow) -> Result<Totp, ServerError> {
    let seed = s
        .config
        .master_key
        .open(SEED_PURPOSE, id, &row.sealed_seed)?;
    let secret = Secret::from_slice(&seed).map_err(|_| ServerError::Seal)?;
    let alg = row
        .algorithm
        .parse::<Algorithm>()
        .map_err(|_| ServerError::Config("stored algorithm"))?;
    let digits = Digits::new(u32::try_from(row.digits).unwrap_or(0))
        .map_err(|_| ServerError::Config("stored digits"))?;
    let period = Period::new(u64::try_from(row.period).unwrap_or(0))
        .map_err(|_| ServerError::Config("stored period"))?;
    Ok(Totp::new(&secret, alg, digits, period, 0))
}
