//! What the vault stores per account: the OTP credential plus the
//! bookkeeping an app list needs (stable id, times, order, group, note) and,
//! for bank cards, the card's masked number and bank.

use core::fmt;

use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};

use crate::{LabelField, VaultError};

/// Longest label (issuer, account name, group, bank name) in characters.
pub const MAX_LABEL_CHARS: usize = 256;
/// Longest note in characters.
pub const MAX_NOTE_CHARS: usize = 4096;

/// Stable, random 128-bit identifier of an account. Survives renames,
/// reorders, backups and imports.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub(crate) [u8; 16]);

impl AccountId {
    /// The id's bytes.
    pub fn to_bytes(self) -> [u8; 16] {
        self.0
    }

    /// Rebuilds an id from its bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// Parses the 32-character lower-case hex form of [`fmt::Display`].
    pub fn parse_hex(text: &str) -> Option<Self> {
        let t = text.as_bytes();
        if t.len() != 32 {
            return None;
        }
        let mut out = [0u8; 16];
        for (i, pair) in t.chunks_exact(2).enumerate() {
            let hi = (pair[0] as char).to_digit(16)?;
            let lo = (pair[1] as char).to_digit(16)?;
            out[i] = (hi * 16 + lo) as u8;
        }
        Some(Self(out))
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({self})")
    }
}

/// The kind of an account, as shown in lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountKind {
    /// Time-based (RFC 6238).
    Totp,
    /// Counter-based (RFC 4226).
    Hotp,
    /// Steam Guard.
    Steam,
    /// A bank card's dynamic second password (time-based).
    BankCard,
}

/// A masked card number: at most the first six and the last four digits
/// visible, the rest `*`. Parsing a full card number masks it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MaskedCard(String);

impl MaskedCard {
    /// Accepts a masked or a full card number (any digit script, spaces
    /// and hyphens ignored, `*`, `x` or `X` for hidden digits), 12 to 19
    /// positions. A number with more than ten visible digits is masked down
    /// to its first six and last four.
    pub fn parse(text: &str) -> Result<Self, VaultError> {
        let mut slots: Vec<Option<u8>> = Vec::with_capacity(19);
        for c in text.chars() {
            match c {
                ' ' | '-' | '\u{200E}' | '\u{200F}' => {}
                '*' | 'x' | 'X' | '•' => slots.push(None),
                _ => slots.push(Some(
                    ramz_otp::ascii_digit(c).ok_or(VaultError::InvalidCardNumber)?,
                )),
            }
        }
        if !(12..=19).contains(&slots.len()) {
            return Err(VaultError::InvalidCardNumber);
        }
        let visible = slots.iter().filter(|s| s.is_some()).count();
        let n = slots.len();
        let out = slots
            .iter()
            .enumerate()
            .map(|(i, s)| match s {
                Some(d) if visible <= 10 || i < 6 || i >= n - 4 => char::from(*d),
                _ => '*',
            })
            .collect();
        Ok(Self(out))
    }

    /// The masked number, e.g. `603799******1234`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last four characters, for short labels.
    pub fn last_four(&self) -> &str {
        self.0.get(self.0.len().saturating_sub(4)..).unwrap_or("")
    }
}

impl fmt::Debug for MaskedCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MaskedCard({})", self.0)
    }
}

/// The bank-card part of a bank-card account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankCard {
    /// Bank name as shown to the user ("Bank Melli", "بانک ملت").
    pub bank_name: String,
    /// The card's masked number.
    pub masked_card: MaskedCard,
}

/// A bank-card credential to add, as the activation flow produces it.
#[derive(Debug)]
pub struct NewBankCard {
    /// The OTP seed the bank provisioned.
    pub secret: Secret,
    /// Issuer label (often the bank name, or the bank's OTP service name).
    pub issuer: String,
    /// Bank name.
    pub bank_name: String,
    /// The card's masked number (also used as the account name).
    pub masked_card: MaskedCard,
    /// HMAC algorithm.
    pub algorithm: Algorithm,
    /// Code length.
    pub digits: Digits,
    /// Step length (60 s for the card second passwords).
    pub period: Period,
}

/// One account in the vault. Created and changed only through
/// [`crate::UnlockedVault`], so every change is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VaultAccount {
    /// Stable id.
    pub id: AccountId,
    /// Issuer, account name, secret and generator parameters.
    pub otp: OtpAccount,
    /// Present for bank-card accounts.
    pub bank_card: Option<BankCard>,
    /// Optional user group ("Work", "Banks").
    pub group: Option<String>,
    /// Optional free-text note.
    pub note: Option<String>,
    /// When the account was added (Unix seconds, from the caller's clock).
    pub created_unix: u64,
    /// When it last changed.
    pub updated_unix: u64,
    /// Sort position in the list (0 first).
    pub position: u32,
    /// Whether plain exports (URIs, migration QR) may include the secret.
    /// False by default for bank cards.
    pub exportable: bool,
}

impl VaultAccount {
    /// The account's kind.
    pub fn kind(&self) -> AccountKind {
        match (self.otp.params.kind, &self.bank_card) {
            (_, Some(_)) => AccountKind::BankCard,
            (OtpKind::Totp { .. }, None) => AccountKind::Totp,
            (OtpKind::Hotp { .. }, None) => AccountKind::Hotp,
            (OtpKind::Steam, None) => AccountKind::Steam,
        }
    }

    /// Builds a new ordinary account.
    pub(crate) fn new_otp(
        id: AccountId,
        otp: OtpAccount,
        now: u64,
        position: u32,
    ) -> Result<Self, VaultError> {
        check_label(&otp.issuer, LabelField::Issuer)?;
        check_label(&otp.account, LabelField::AccountName)?;
        Ok(Self {
            id,
            otp,
            bank_card: None,
            group: None,
            note: None,
            created_unix: now,
            updated_unix: now,
            position,
            exportable: true,
        })
    }

    /// Builds a new bank-card account (not exportable).
    pub(crate) fn new_bank_card(
        id: AccountId,
        card: NewBankCard,
        now: u64,
        position: u32,
    ) -> Result<Self, VaultError> {
        check_label(&card.issuer, LabelField::Issuer)?;
        check_label(&card.bank_name, LabelField::BankName)?;
        let params = OtpParams {
            kind: OtpKind::Totp {
                period: card.period,
            },
            algorithm: card.algorithm,
            digits: card.digits,
        };
        let otp = OtpAccount {
            issuer: card.issuer,
            account: card.masked_card.as_str().to_owned(),
            secret: card.secret,
            params,
            image: None,
        };
        Ok(Self {
            id,
            otp,
            bank_card: Some(BankCard {
                bank_name: card.bank_name,
                masked_card: card.masked_card,
            }),
            group: None,
            note: None,
            created_unix: now,
            updated_unix: now,
            position,
            exportable: false,
        })
    }

    /// True when both describe the same credential (same secret and
    /// generator parameters), whatever their labels.
    pub fn same_credential(&self, other: &Self) -> bool {
        same_credential(&self.otp, &other.otp)
    }
}

/// True when two accounts are the same credential: same secret (compared
/// in constant time), algorithm, digits and kind (an HOTP counter does not
/// count; a TOTP period does), whatever their labels. The one rule for
/// duplicates: backup import, `ramz add` and the app's scans all use it.
pub fn same_credential(a: &OtpAccount, b: &OtpAccount) -> bool {
    let kind = |o: &OtpAccount| match o.params.kind {
        OtpKind::Hotp { .. } => OtpKind::Hotp { counter: 0 },
        k => k,
    };
    crate::crypto::ct_eq(a.secret.expose_secret(), b.secret.expose_secret())
        && kind(a) == kind(b)
        && a.params.algorithm == b.params.algorithm
        && a.params.digits == b.params.digits
}

/// Checks a label: not too long, no control characters.
pub(crate) fn check_label(text: &str, field: LabelField) -> Result<(), VaultError> {
    if text.chars().count() > MAX_LABEL_CHARS || text.chars().any(char::is_control) {
        return Err(VaultError::InvalidLabel(field));
    }
    Ok(())
}

/// Checks a note: longer limit, newlines allowed.
pub(crate) fn check_note(text: &str) -> Result<(), VaultError> {
    if text.chars().count() > MAX_NOTE_CHARS || text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(VaultError::InvalidNote);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_card_numbers_are_masked() {
        assert_eq!(
            MaskedCard::parse("6037-9911-2345-6789").unwrap().as_str(),
            "603799******6789"
        );
        assert_eq!(
            MaskedCard::parse("۶۰۳۷ ۹۹** **** ۶۷۸۹").unwrap().as_str(),
            "603799******6789"
        );
        assert_eq!(
            MaskedCard::parse("6037 99xx xxxx 6789")
                .unwrap()
                .last_four(),
            "6789"
        );
        assert!(MaskedCard::parse("1234").is_err());
        assert!(MaskedCard::parse("6037-99ab-2345-6789").is_err());
    }

    #[test]
    fn id_hex_round_trip() {
        let id = AccountId([0xab; 16]);
        assert_eq!(AccountId::parse_hex(&id.to_string()), Some(id));
        assert_eq!(AccountId::parse_hex("zz"), None);
    }
}
