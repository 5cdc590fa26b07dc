//! Ids in paths, checked before any query: 16 to 32 bytes of unpadded
//! base64url, the form the server hands out. Anything else (a NUL byte,
//! bytes that are not UTF-8, a string the database would refuse) is an
//! unknown id: the documented JSON 404, never a framework rejection, a
//! database error or a 500.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use ramz_activation::ActivationId;
use ramz_activation::wire::ErrorCode;

use super::ApiError;

/// `{id}` of an activation route.
pub struct ActivationPath(pub String);

/// `{id}` of a credential route.
pub struct CredentialPath(pub String);

async fn checked<S: Send + Sync>(parts: &mut Parts, state: &S) -> Option<String> {
    let Path(id) = Path::<String>::from_request_parts(parts, state)
        .await
        .ok()?;
    ActivationId::parse(&id).is_ok().then_some(id)
}

impl<S: Send + Sync> FromRequestParts<S> for ActivationPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        checked(parts, state)
            .await
            .map(Self)
            .ok_or_else(|| ApiError::not_found(ErrorCode::UnknownActivation, "activation"))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CredentialPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        checked(parts, state)
            .await
            .map(Self)
            .ok_or_else(|| ApiError::not_found(ErrorCode::UnknownCredential, "credential"))
    }
}
