//! The bank hosts this app accepts activation codes for.
//!
//! An activation QR code names the server the app is about to send the
//! customer's SMS code to. A forged code (a phishing page, a sticker over
//! the bank's screen) can name any server; the customer is shown the host,
//! and an app built for known banks can refuse every other host outright.
//! The list holds host names matched on whole labels (`bank.ir` allows
//! `bank.ir` and `otp.bank.ir`, not `evilbank.ir` nor
//! `bank.ir.evil.example`) and IP addresses matched exactly. No list (the
//! default) allows every host.

use std::net::IpAddr;

use ramz_activation::ServerHost;

use crate::pending::Item;
use crate::{Authenticator, CoreError, InputProblem, Scanned};

/// The allow-list, normalised: lower-case names without a leading or
/// trailing dot, IPv6 addresses in brackets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BankHosts(Option<Vec<String>>);

impl BankHosts {
    /// Refuses `host` when a list is set and no entry allows it.
    pub(crate) fn check(&self, host: &ServerHost) -> Result<(), CoreError> {
        match &self.0 {
            Some(list) if !list.iter().any(|allowed| host.is_within(allowed)) => {
                Err(CoreError::HostNotAllowed {
                    host: host.to_string(),
                })
            }
            _ => Ok(()),
        }
    }
}

impl Authenticator {
    /// Accepts bank activations only from servers within `hosts` (`None`:
    /// from any server, the default). An entry is a host name, allowing
    /// itself and its subdomains (`bank.ir` allows `otp.bank.ir`, not
    /// `evilbank.ir`), or an IP address allowing itself; no port, no
    /// scheme. An empty list allows no server. A malformed entry fails
    /// with `InvalidInput(BankHost)` and leaves the current list in force.
    ///
    /// Checked when an activation code is scanned or read (a refused one
    /// is not kept) and again by `begin_activation`. Kept while locked.
    pub fn set_bank_hosts(&mut self, hosts: Option<Vec<String>>) -> Result<(), CoreError> {
        let list = match hosts {
            None => None,
            Some(hosts) => Some(
                hosts
                    .iter()
                    .map(|h| normalise(h))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        self.bank_hosts = BankHosts(list);
        Ok(())
    }

    /// The allow-list in force, normalised (`None`: every host allowed).
    pub fn bank_hosts(&self) -> Option<Vec<String>> {
        self.bank_hosts.0.clone()
    }

    /// Drops a scanned activation whose server the allow-list refuses.
    pub(crate) fn refuse_unlisted_bank(&mut self, scanned: Scanned) -> Result<Scanned, CoreError> {
        if let Scanned::BankActivation { pending, .. } = &scanned {
            if let Ok(Item::Activation(offer)) = self.pending.get(*pending) {
                if let Err(e) = self.bank_hosts.check(offer.base_url.host()) {
                    self.pending.remove(*pending);
                    return Err(e);
                }
            }
        }
        Ok(scanned)
    }
}

/// One entry as typed (surrounding blanks and dots ignored, any case) to
/// its normal form.
fn normalise(entry: &str) -> Result<String, CoreError> {
    let bad = CoreError::InvalidInput(InputProblem::BankHost);
    let entry = entry.trim();
    let entry = entry.strip_prefix('.').unwrap_or(entry);
    let entry = entry.strip_suffix('.').unwrap_or(entry);
    let host = match entry.parse::<IpAddr>() {
        Ok(ip) => ServerHost::Ip(ip),
        Err(_) => ServerHost::parse(entry).map_err(|_| bad)?,
    };
    Ok(host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_normalised_or_refused() {
        for (typed, want) in [
            ("bank.ir", "bank.ir"),
            (" .Bank.IR. ", "bank.ir"),
            ("ir", "ir"),
            ("127.0.0.1", "127.0.0.1"),
            ("::1", "[::1]"),
            ("[::1]", "[::1]"),
        ] {
            assert_eq!(normalise(typed).unwrap(), want, "{typed}");
        }
        for typed in [
            "",
            ".",
            "bank.ir:443",
            "https://bank.ir",
            "bank.ir/otp",
            "*.bank.ir",
            "bank..ir",
            "127.1",
            "بانک.ir",
            "bank ir",
        ] {
            assert_eq!(
                normalise(typed),
                Err(CoreError::InvalidInput(InputProblem::BankHost)),
                "{typed}"
            );
        }
    }
}
