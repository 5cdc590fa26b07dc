//! Little-endian byte writer and reader, and the account-list encoding
//! (the plaintext inside the vault body and inside backups). Layout in
//! `docs/vault-format.md`.

use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};
use zeroize::Zeroizing;

use crate::account::{AccountId, BankCard, MaskedCard, VaultAccount};
use crate::{ClockOffsets, VaultError};

/// Appends to a buffer that is wiped on drop, and never leaves an
/// unwiped copy behind when it grows.
pub(crate) struct Writer {
    buf: Zeroizing<Vec<u8>>,
}

impl Writer {
    pub(crate) fn new() -> Self {
        Self {
            buf: Zeroizing::new(Vec::with_capacity(1024)),
        }
    }

    fn reserve(&mut self, more: usize) {
        if self.buf.capacity() - self.buf.len() < more {
            let mut bigger = Zeroizing::new(Vec::with_capacity((self.buf.len() + more) * 2));
            bigger.extend_from_slice(&self.buf);
            self.buf = bigger; // the old buffer is wiped as it drops
        }
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.reserve(b.len());
        self.buf.extend_from_slice(b);
    }
    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes(&[v]);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    /// u16 length, then the bytes.
    pub(crate) fn short_bytes(&mut self, b: &[u8]) -> Result<(), VaultError> {
        let len = u16::try_from(b.len()).map_err(|_| VaultError::FieldTooLong)?;
        self.u16(len);
        self.bytes(b);
        Ok(())
    }

    /// u8 presence flag (0 or 1), then the string if present.
    pub(crate) fn opt_str(&mut self, s: Option<&str>) -> Result<(), VaultError> {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.short_bytes(s.as_bytes())?;
            }
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Zeroizing<Vec<u8>> {
        self.buf
    }
}

/// Reads what [`Writer`] wrote; every shortfall is [`VaultError::Truncated`].
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or(&[])
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], VaultError> {
        let end = self.pos.checked_add(n).ok_or(VaultError::Truncated)?;
        let out = self.buf.get(self.pos..end).ok_or(VaultError::Truncated)?;
        self.pos = end;
        Ok(out)
    }
    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], VaultError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, VaultError> {
        Ok(self.array::<1>()?[0])
    }
    pub(crate) fn u16(&mut self) -> Result<u16, VaultError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, VaultError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, VaultError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(crate) fn short_bytes(&mut self) -> Result<&'a [u8], VaultError> {
        let n = self.u16()?;
        self.take(usize::from(n))
    }
    pub(crate) fn string(&mut self, field: &'static str) -> Result<String, VaultError> {
        let b = self.short_bytes()?;
        String::from_utf8(b.to_vec()).map_err(|_| VaultError::Malformed(field))
    }
    pub(crate) fn opt_string(&mut self, field: &'static str) -> Result<Option<String>, VaultError> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.string(field).map(Some),
            _ => Err(VaultError::Malformed(field)),
        }
    }
    pub(crate) fn expect_end(&self, what: &'static str) -> Result<(), VaultError> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(VaultError::Malformed(what))
        }
    }
}

// Kind bytes.
const KIND_TOTP: u8 = 1;
const KIND_HOTP: u8 = 2;
const KIND_STEAM: u8 = 3;
const KIND_BANK_CARD: u8 = 4;
const FLAG_EXPORTABLE: u8 = 1;

/// Most accounts a list may hold (a sanity bound against crafted counts).
pub(crate) const MAX_ACCOUNTS: u32 = 10_000;

pub(crate) fn algorithm_byte(a: Algorithm) -> u8 {
    match a {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
    }
}

pub(crate) fn algorithm_from(b: u8) -> Result<Algorithm, VaultError> {
    match b {
        1 => Ok(Algorithm::Sha1),
        2 => Ok(Algorithm::Sha256),
        3 => Ok(Algorithm::Sha512),
        _ => Err(VaultError::Malformed("algorithm")),
    }
}

/// Encodes the version-2 account list (the plaintext of a backup).
pub(crate) fn encode_accounts(accounts: &[VaultAccount]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let mut w = Writer::new();
    write_accounts(&mut w, accounts)?;
    Ok(w.finish())
}

/// Encodes a vault body: the account list, then the clock offsets when
/// any is set (a vault without them is byte for byte what earlier
/// versions wrote).
pub(crate) fn encode_body(
    accounts: &[VaultAccount],
    clock: &ClockOffsets,
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let mut w = Writer::new();
    write_accounts(&mut w, accounts)?;
    if *clock != ClockOffsets::default() {
        w.u8(TRAILER_CLOCK);
        w.u8(u8::from(clock.manual_offset.is_some()) | u8::from(clock.server_offset.is_some()) << 1);
        w.u64(clock.manual_offset.unwrap_or(0) as u64);
        w.u64(clock.server_offset.unwrap_or(0) as u64);
    }
    Ok(w.finish())
}

/// Decodes a vault body: the account list and the optional clock offsets.
pub(crate) fn decode_body(plain: &[u8]) -> Result<(Vec<VaultAccount>, ClockOffsets), VaultError> {
    let mut r = Reader::new(plain);
    let accounts = read_accounts(&mut r)?;
    let mut clock = ClockOffsets::default();
    if !r.rest().is_empty() {
        if r.u8()? != TRAILER_CLOCK {
            return Err(VaultError::Malformed("body trailer"));
        }
        let flags = r.u8()?;
        if flags > 3 {
            return Err(VaultError::Malformed("clock flags"));
        }
        let (manual, server) = (r.u64()? as i64, r.u64()? as i64);
        clock.manual_offset = (flags & 1 != 0).then_some(manual);
        clock.server_offset = (flags & 2 != 0).then_some(server);
    }
    r.expect_end("vault body")?;
    Ok((accounts, clock))
}

/// Tag of the clock-offsets trailer of a vault body.
const TRAILER_CLOCK: u8 = 1;

fn write_accounts(w: &mut Writer, accounts: &[VaultAccount]) -> Result<(), VaultError> {
    let count = u32::try_from(accounts.len())
        .ok()
        .filter(|n| *n <= MAX_ACCOUNTS)
        .ok_or(VaultError::TooManyAccounts)?;
    w.u32(count);
    for a in accounts {
        w.bytes(&a.id.0);
        let (kind, moving) = match (a.otp.params.kind, &a.bank_card) {
            (OtpKind::Totp { period }, Some(_)) => (KIND_BANK_CARD, period.get()),
            (_, Some(_)) => return Err(VaultError::Internal("bank card without TOTP")),
            (OtpKind::Totp { period }, None) => (KIND_TOTP, period.get()),
            (OtpKind::Hotp { counter }, None) => (KIND_HOTP, counter),
            (OtpKind::Steam, None) => (KIND_STEAM, 30),
        };
        w.u8(kind);
        w.u8(algorithm_byte(a.otp.params.algorithm));
        w.u8(a.otp.params.digits.get());
        w.u64(moving);
        w.u64(a.created_unix);
        w.u64(a.updated_unix);
        w.u32(a.position);
        w.u8(if a.exportable { FLAG_EXPORTABLE } else { 0 });
        w.short_bytes(a.otp.issuer.as_bytes())?;
        w.short_bytes(a.otp.account.as_bytes())?;
        w.opt_str(a.group.as_deref())?;
        w.opt_str(a.note.as_deref())?;
        w.opt_str(a.otp.image.as_deref())?;
        if let Some(card) = &a.bank_card {
            w.short_bytes(card.bank_name.as_bytes())?;
            w.short_bytes(card.masked_card.as_str().as_bytes())?;
        }
        w.short_bytes(a.otp.secret.expose_secret())?;
    }
    Ok(())
}

/// Decodes the version-2 account list (the plaintext of a backup).
pub(crate) fn decode_accounts(plain: &[u8]) -> Result<Vec<VaultAccount>, VaultError> {
    let mut r = Reader::new(plain);
    let accounts = read_accounts(&mut r)?;
    r.expect_end("account list")?;
    Ok(accounts)
}

fn read_accounts(r: &mut Reader<'_>) -> Result<Vec<VaultAccount>, VaultError> {
    let count = r.u32()?;
    if count > MAX_ACCOUNTS {
        return Err(VaultError::Malformed("account count"));
    }
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let id = AccountId(r.array()?);
        let kind = r.u8()?;
        let algorithm = algorithm_from(r.u8()?)?;
        let digits =
            Digits::new(u32::from(r.u8()?)).map_err(|_| VaultError::Malformed("digits"))?;
        let moving = r.u64()?;
        let created_unix = r.u64()?;
        let updated_unix = r.u64()?;
        let position = r.u32()?;
        let flags = r.u8()?;
        let issuer = r.string("issuer")?;
        let account = r.string("account name")?;
        let group = r.opt_string("group")?;
        let note = r.opt_string("note")?;
        let image = r.opt_string("image")?;
        let period = || Period::new(moving).map_err(|_| VaultError::Malformed("period"));
        let (otp_kind, bank_card) = match kind {
            KIND_TOTP => (OtpKind::Totp { period: period()? }, None),
            KIND_HOTP => (OtpKind::Hotp { counter: moving }, None),
            KIND_STEAM => (OtpKind::Steam, None),
            KIND_BANK_CARD => {
                let bank_name = r.string("bank name")?;
                let masked = r.string("masked card")?;
                let masked_card =
                    MaskedCard::parse(&masked).map_err(|_| VaultError::Malformed("masked card"))?;
                (
                    OtpKind::Totp { period: period()? },
                    Some(BankCard {
                        bank_name,
                        masked_card,
                    }),
                )
            }
            _ => return Err(VaultError::Malformed("account kind")),
        };
        let secret =
            Secret::from_slice(r.short_bytes()?).map_err(|_| VaultError::Malformed("secret"))?;
        let params = OtpParams {
            kind: otp_kind,
            algorithm,
            digits,
        };
        out.push(VaultAccount {
            id,
            otp: OtpAccount {
                issuer,
                account,
                secret,
                params,
                image,
            },
            bank_card,
            group,
            note,
            created_unix,
            updated_unix,
            position,
            exportable: flags & FLAG_EXPORTABLE != 0,
        });
    }
    Ok(out)
}

/// Decodes the version-1 account list (kind, algorithm, digits, period or
/// counter, issuer, account name, secret; nothing else).
pub(crate) fn decode_accounts_v1(plain: &[u8]) -> Result<Vec<OtpAccount>, VaultError> {
    let mut r = Reader::new(plain);
    let count = r.u32()?;
    if count > MAX_ACCOUNTS {
        return Err(VaultError::Malformed("account count"));
    }
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let kind = r.u8()?;
        let algorithm = algorithm_from(r.u8()?)?;
        let digits =
            Digits::new(u32::from(r.u8()?)).map_err(|_| VaultError::Malformed("digits"))?;
        let moving = r.u64()?;
        let otp_kind = match kind {
            KIND_TOTP => OtpKind::Totp {
                period: Period::new(moving).map_err(|_| VaultError::Malformed("period"))?,
            },
            KIND_HOTP => OtpKind::Hotp { counter: moving },
            KIND_STEAM => OtpKind::Steam,
            _ => return Err(VaultError::Malformed("account kind")),
        };
        let issuer = r.string("issuer")?;
        let account = r.string("account name")?;
        let secret =
            Secret::from_slice(r.short_bytes()?).map_err(|_| VaultError::Malformed("secret"))?;
        out.push(OtpAccount {
            issuer,
            account,
            secret,
            params: OtpParams {
                kind: otp_kind,
                algorithm,
                digits,
            },
            image: None,
        });
    }
    r.expect_end("account list")?;
    Ok(out)
}

/// Encodes a version-1 account list (used to build the v1 fixture and in
/// migration tests).
#[cfg(test)]
pub(crate) fn encode_accounts_v1(
    accounts: &[OtpAccount],
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    let mut w = Writer::new();
    w.u32(u32::try_from(accounts.len()).map_err(|_| VaultError::TooManyAccounts)?);
    for a in accounts {
        let (kind, moving) = match a.params.kind {
            OtpKind::Totp { period } => (KIND_TOTP, period.get()),
            OtpKind::Hotp { counter } => (KIND_HOTP, counter),
            OtpKind::Steam => (KIND_STEAM, 30),
        };
        w.u8(kind);
        w.u8(algorithm_byte(a.params.algorithm));
        w.u8(a.params.digits.get());
        w.u64(moving);
        w.short_bytes(a.issuer.as_bytes())?;
        w.short_bytes(a.account.as_bytes())?;
        w.short_bytes(a.secret.expose_secret())?;
    }
    Ok(w.finish())
}
