//! Scanned or pasted payloads waiting for the user's confirmation.
//!
//! The secret stays here; the app gets a [`PendingId`] and metadata
//! ([`Scanned`]) and calls `add_scanned` or `begin_activation` with the id.
//! A camera sees the same code many times a second, so the same text gives
//! back the same id instead of a new entry. Locking forgets everything.

use ramz_activation::ActivationOffer;
use ramz_otp::OtpAccount;
use ramz_otp::migration::MigrationBatch;
use ramz_otp::payload::{Payload, PayloadKind};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::account::{AccountPreview, preview_of};
use crate::{CoreError, ForeignKind, InputProblem};

/// At most this many payloads wait at once; the oldest is dropped first.
pub const MAX_PENDING: usize = 8;

/// Handle on a pending payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PendingId(pub u64);

/// What a scanned or pasted text is, without its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// One `otpauth://` account.
    Account {
        /// Pass to `add_scanned`.
        pending: PendingId,
        /// The account as it would be added.
        account: AccountPreview,
    },
    /// One QR code of a Google Authenticator export.
    Migration {
        /// Pass to `add_scanned`.
        pending: PendingId,
        /// 1-based position of this code in the export (1 when unknown).
        index: u32,
        /// Number of codes in the export (1 when unknown).
        count: u32,
        /// The usable accounts of this code.
        accounts: Vec<AccountPreview>,
        /// Entries of this code that cannot be imported.
        rejected: u32,
    },
    /// A bank's activation code (`ramz://activate`).
    BankActivation {
        /// Pass to `begin_activation`.
        pending: PendingId,
        /// The bank's display name.
        issuer: String,
        /// The card, masked.
        masked_card: String,
        /// Unix time after which the bank refuses the activation.
        expires_at: u64,
        /// The bank's activation server (host and port).
        server: String,
        /// Length of the card's codes.
        digits: u8,
        /// Step of the card's codes in seconds (60 for second passwords).
        period: u64,
        /// Hash algorithm of the card's codes.
        algorithm: ramz_otp::Algorithm,
    },
    /// Looks like an OTP payload but is broken (tell the user the code is
    /// damaged, not that it is foreign).
    Invalid {
        /// What is wrong.
        problem: InputProblem,
    },
    /// Not something Ramz reads: a web link, a Wi-Fi network, plain
    /// text... The text is not returned (it may be a secret); only its
    /// kind, and a link's host.
    Foreign {
        /// What it is.
        kind: ForeignKind,
    },
}

pub(crate) enum Item {
    Account(OtpAccount),
    Migration(MigrationBatch),
    Activation(ActivationOffer),
}

struct Entry {
    id: PendingId,
    text: Zeroizing<String>,
    item: Item,
}

#[derive(Default)]
pub(crate) struct Pending {
    next: u64,
    entries: Vec<Entry>,
}

impl Pending {
    /// Keeps what `text` holds if it can be added, and describes it.
    /// `classify` turns the text into a payload; it runs only for a text
    /// not seen before (the camera path passes the payload `ramz-qr`
    /// already classified, so no text is classified twice).
    pub(crate) fn accept(&mut self, text: &str, classify: impl FnOnce(&str) -> Payload) -> Scanned {
        let text = text.trim();
        if let Some(e) = self
            .entries
            .iter()
            .find(|e| bool::from(e.text.as_bytes().ct_eq(text.as_bytes())))
        {
            return describe(e.id, &e.item);
        }
        let item = match classify(text) {
            Payload::Account(parsed) => Item::Account(parsed.account),
            Payload::Migration(batch) => Item::Migration(batch),
            Payload::BankActivation(offer) => match ActivationOffer::parse(&offer) {
                Ok(offer) => Item::Activation(offer),
                Err(_) => {
                    return Scanned::Invalid {
                        problem: InputProblem::Activation,
                    };
                }
            },
            Payload::Invalid { kind, error } => {
                let problem = match CoreError::from(error) {
                    CoreError::InvalidInput(p) if kind == PayloadKind::Account => p,
                    _ if kind == PayloadKind::Migration => InputProblem::Migration,
                    _ => InputProblem::Uri,
                };
                return Scanned::Invalid { problem };
            }
            _ => {
                return Scanned::Foreign {
                    kind: crate::foreign::kind_of(text),
                };
            }
        };
        let id = PendingId(self.next);
        self.next += 1;
        if self.entries.len() == MAX_PENDING {
            self.entries.remove(0);
        }
        let scanned = describe(id, &item);
        self.entries.push(Entry {
            id,
            text: Zeroizing::new(text.to_owned()),
            item,
        });
        scanned
    }

    /// Forgets a pending payload (used, or cancelled).
    pub(crate) fn remove(&mut self, id: PendingId) {
        self.entries.retain(|e| e.id != id);
    }

    pub(crate) fn get(&self, id: PendingId) -> Result<&Item, CoreError> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .map(|e| &e.item)
            .ok_or(CoreError::NoSuchPending)
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

fn describe(pending: PendingId, item: &Item) -> Scanned {
    match item {
        Item::Account(a) => Scanned::Account {
            pending,
            account: preview_of(a),
        },
        Item::Migration(b) => {
            let (index, count) = b.position().unwrap_or((1, 1));
            Scanned::Migration {
                pending,
                index,
                count,
                accounts: b.accounts.iter().map(preview_of).collect(),
                rejected: u32::try_from(b.rejected.len()).unwrap_or(u32::MAX),
            }
        }
        Item::Activation(o) => Scanned::BankActivation {
            pending,
            issuer: o.issuer.clone(),
            masked_card: o.masked_card.as_str().to_owned(),
            expires_at: o.expires_at,
            server: o.base_url.authority().to_owned(),
            digits: o.digits.get(),
            period: o.period.get(),
            algorithm: o.algorithm,
        },
    }
}
