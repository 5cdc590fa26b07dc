//! Entry points for the fuzz targets in `fuzz/` (cargo-fuzz). Not part of
//! the supported API: hidden from the docs, may change at any time.

use crate::codec::{self, Reader};
use crate::format::{self, VaultFile};
use crate::{SoftwareKeystore, VaultError};

/// Parses a vault file of any version (structure only, as before the
/// keystore is asked). For a version-3 file, also checks that re-encoding
/// the parsed header and state block gives back the same bytes (the
/// encoding is canonical, so the MAC covers exactly what was parsed).
/// Returns the version.
pub fn parse_vault(bytes: &[u8]) -> Result<u16, VaultError> {
    match format::parse(bytes)? {
        VaultFile::V1(_) => Ok(format::VERSION_1),
        VaultFile::V2(_) => Ok(format::VERSION_2),
        VaultFile::V3(file) => {
            if file.header.encode()? != file.header_bytes {
                return Err(VaultError::Internal("header re-encodes differently"));
            }
            if file.state.encode()? != file.state_bytes() {
                return Err(VaultError::Internal("state re-encodes differently"));
            }
            Ok(format::CURRENT_VERSION)
        }
    }
}

/// Parses a version-3 state block (the lockout record: key generation,
/// cleanup, failures, last attempt, wrapped device secret) that fills
/// `bytes` exactly. Returns the failure count.
pub fn parse_state_block(bytes: &[u8]) -> Result<u32, VaultError> {
    let mut r = Reader::new(bytes);
    let state = format::State::read(&mut r)?;
    r.expect_end("state block")?;
    if state.encode()? != bytes {
        return Err(VaultError::Internal("state re-encodes differently"));
    }
    Ok(state.attempts.failures)
}

/// Decodes an account list as a vault body (with the clock trailer) and as
/// a backup's plaintext.
/// Returns the number of accounts; whatever decodes re-encodes and decodes
/// to the same accounts.
pub fn decode_accounts(bytes: &[u8]) -> Result<usize, VaultError> {
    let as_body = decode_as_body(bytes);
    let as_list = decode_as_list(bytes);
    for r in [&as_body, &as_list] {
        if let Err(VaultError::Internal(what)) = r {
            return Err(VaultError::Internal(what));
        }
    }
    as_body.or(as_list)
}

/// As a vault body: the list and the optional clock-offset trailer.
fn decode_as_body(bytes: &[u8]) -> Result<usize, VaultError> {
    let (accounts, clock) = codec::decode_body(bytes)?;
    let again = codec::decode_body(&codec::encode_body(&accounts, &clock)?)?;
    if again != (accounts.clone(), clock) {
        return Err(VaultError::Internal("vault body does not round-trip"));
    }
    Ok(accounts.len())
}

/// As a backup's plaintext: the list alone.
fn decode_as_list(bytes: &[u8]) -> Result<usize, VaultError> {
    let accounts = codec::decode_accounts(bytes)?;
    let again = codec::decode_accounts(&codec::encode_accounts(&accounts)?)?;
    if again != accounts {
        return Err(VaultError::Internal("account list does not round-trip"));
    }
    Ok(accounts.len())
}

/// Parses a software keystore key file (format 1 or 2).
pub fn parse_key_file(bytes: &[u8]) -> Result<(), VaultError> {
    SoftwareKeystore::parse_for_fuzzing(bytes)
}
