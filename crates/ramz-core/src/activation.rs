//! Bank card activation: the scanned offer and the SMS code become one
//! HTTP request; the bank's answer becomes a bank-card account in the
//! vault and the bank's clock offset. Sans-IO: the shell sends the request.

use ramz_activation::{ActivatedCard, ActivationOffer, ClientActivation};
use ramz_vault::{MaskedCard, NewBankCard};
use zeroize::Zeroizing;

use crate::account::AccountInfo;
use crate::authenticator::info_by_id;
use crate::pending::{Item, PendingId};
use crate::{ActivationProblem, Authenticator, CoreError, InputProblem};

/// The HTTP request the shell sends to complete a bank activation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActivationRequest {
    /// Absolute https URL.
    pub url: String,
    /// Always `POST`.
    pub method: String,
    /// Always `application/json`.
    pub content_type: String,
    /// The body (a public key and a MAC; no secret).
    pub body: Vec<u8>,
}

impl Authenticator {
    /// Starts completing a scanned bank activation with the SMS code the
    /// customer typed (four digits, any script). Returns the request the
    /// shell must send; its answer goes to [`Self::complete_activation`].
    /// May be called again (a new SMS code) after a `WrongCode` answer.
    pub fn begin_activation(
        &mut self,
        pending: PendingId,
        sms_code: &[u8],
    ) -> Result<ActivationRequest, CoreError> {
        self.session()?;
        let offer: ActivationOffer = match self.pending.get(pending)? {
            Item::Activation(o) => o.clone(),
            _ => return Err(CoreError::InvalidInput(InputProblem::Activation)),
        };
        let code = Zeroizing::new(
            String::from_utf8(sms_code.to_vec())
                .map_err(|_| CoreError::Activation(ActivationProblem::SmsCodeFormat))?,
        );
        let (client, req) = ClientActivation::start_random(offer, &code)?;
        self.activation = Some((pending, client));
        Ok(ActivationRequest {
            url: req.url,
            method: req.method.to_owned(),
            content_type: req.content_type.to_owned(),
            body: req.body,
        })
    }

    /// Consumes the server's answer (HTTP status and body, received at
    /// device time `device_unix`): adds the bank card's second password to
    /// the vault and saves the bank's clock offset there, so codes are
    /// computed in the bank's time from now on (in every shell).
    pub fn complete_activation(
        &mut self,
        status: u16,
        body: &[u8],
        device_unix: u64,
    ) -> Result<AccountInfo, CoreError> {
        self.session()?;
        let (pending, client) = self
            .activation
            .as_ref()
            .ok_or(CoreError::Activation(ActivationProblem::NotStarted))?;
        let pending = *pending;
        let card = client.finish(status, body, device_unix)?;
        let new = bank_card(&card)?;
        let mut clock = self.clock;
        clock.learn_server_time(card.server_time, device_unix);
        let session = self.session_mut()?;
        let id = session.change(|v| v.add_bank_card(new, device_unix))?;
        let info = info_by_id(session, id)?;
        // The card is saved: a failure to save the offset must not report
        // the activation as failed. The offset is then in force until the
        // vault is locked, and saved with the next clock change.
        let _ = session.change_settings(|v| v.set_clock_offsets(clock.saved()));
        self.clock = clock;
        self.activation = None;
        self.pending.remove(pending);
        Ok(info)
    }
}

/// The vault's account for an activated card: not exportable, the bank's
/// name as issuer and bank name, the masked card as account name.
fn bank_card(card: &ActivatedCard) -> Result<NewBankCard, CoreError> {
    Ok(NewBankCard {
        secret: card.secret.clone(),
        issuer: card.issuer.clone(),
        bank_name: card.issuer.clone(),
        masked_card: MaskedCard::parse(card.masked_card.as_str())?,
        algorithm: card.algorithm,
        digits: card.digits,
        period: card.period,
    })
}
