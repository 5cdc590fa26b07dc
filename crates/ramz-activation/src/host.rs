//! The activation server's host, parsed: a DNS name or an IP address.
//!
//! Plain `http://` is allowed only to a host that *is* loopback: an IPv4
//! address in 127.0.0.0/8, the IPv6 address `::1`, or exactly the name
//! `localhost`. Anything that merely starts like one
//! (`127.0.0.1.evil.example`, `127.x.evil.example`) is a DNS name like any
//! other and needs `https://`.

use core::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::OfferError;

/// Where the app is about to connect: shown to the customer and checked
/// against an allow-list of bank hosts.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum ServerHost {
    /// A DNS name, lower-cased, without a trailing dot.
    Domain(String),
    /// An IP address literal (`[...]` in the URL for IPv6).
    Ip(IpAddr),
}

impl ServerHost {
    /// Parses the host part of a URL authority (no port). IPv6 in
    /// brackets, IPv4 dotted quad, or a DNS name of letters, digits and
    /// hyphens whose last label is not all digits (so `127.1` is no
    /// name and no address: refused).
    pub fn parse(host: &str) -> Result<Self, OfferError> {
        let bad = OfferError::Invalid("url");
        if let Some(inner) = host.strip_prefix('[') {
            let inner = inner.strip_suffix(']').ok_or(bad.clone())?;
            return inner
                .parse::<Ipv6Addr>()
                .map(|a| Self::Ip(IpAddr::V6(a)))
                .map_err(|_| bad);
        }
        if let Ok(a) = host.parse::<Ipv4Addr>() {
            return Ok(Self::Ip(IpAddr::V4(a)));
        }
        if host.is_empty() || host.len() > 253 {
            return Err(bad);
        }
        let labels: Vec<&str> = host.split('.').collect();
        for label in &labels {
            if label.is_empty()
                || label.len() > 63
                || label.starts_with('-')
                || label.ends_with('-')
                || !label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return Err(bad);
            }
        }
        // A numeric last label makes WHATWG URL parsers read the host as
        // an IPv4 address in shorthand (`127.1`, `0x7f.1`): refuse it
        // rather than disagree with them about where it points.
        let last = labels.last().copied().unwrap_or_default();
        if last.bytes().all(|b| b.is_ascii_digit())
            || (last.len() > 2 && last[..2].eq_ignore_ascii_case("0x"))
        {
            return Err(bad);
        }
        Ok(Self::Domain(host.to_ascii_lowercase()))
    }

    /// True for 127.0.0.0/8, `::1` and the name `localhost` (exactly, as
    /// written in the URL).
    pub fn is_loopback(&self) -> bool {
        match self {
            Self::Ip(IpAddr::V4(a)) => a.is_loopback(),
            Self::Ip(IpAddr::V6(a)) => a.is_loopback(),
            Self::Domain(d) => d == "localhost",
        }
    }

    /// True when this host is `allowed` or a subdomain of it, matching
    /// whole labels: `otp.bank.example` is within `bank.example`,
    /// `evilbank.example` is not. An IP address matches only itself.
    /// `allowed` is compared case-insensitively; a leading `.` or a
    /// trailing `.` is ignored.
    pub fn is_within(&self, allowed: &str) -> bool {
        let allowed = allowed.trim().trim_start_matches('.').trim_end_matches('.');
        match self {
            Self::Ip(a) => {
                let bare = allowed
                    .strip_prefix('[')
                    .and_then(|r| r.strip_suffix(']'))
                    .unwrap_or(allowed);
                bare.parse::<IpAddr>().is_ok_and(|b| b == *a)
            }
            Self::Domain(d) => {
                if allowed.is_empty() {
                    return false;
                }
                let allowed = allowed.to_ascii_lowercase();
                d == &allowed
                    || d.strip_suffix(allowed.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            }
        }
    }
}

impl fmt::Display for ServerHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Domain(d) => f.write_str(d),
            Self::Ip(IpAddr::V4(a)) => write!(f, "{a}"),
            Self::Ip(IpAddr::V6(a)) => write!(f, "[{a}]"),
        }
    }
}

impl fmt::Debug for ServerHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerHost({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_parsed_not_matched_as_text() {
        for h in ["127.0.0.1", "127.255.3.4", "[::1]", "localhost"] {
            assert!(ServerHost::parse(h).unwrap().is_loopback(), "{h}");
        }
        for h in [
            "127.x.evil.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "localhostx",
            "128.0.0.1",
            "[::2]",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(!ServerHost::parse(h).unwrap().is_loopback(), "{h}");
        }
        for h in [
            "127.1",
            "0x7f.1",
            "2130706433",
            "a..b",
            "-a.example",
            "[::1",
            "a_b.example",
            "",
        ] {
            assert!(ServerHost::parse(h).is_err(), "{h}");
        }
    }

    #[test]
    fn allow_list_matches_whole_labels() {
        let h = ServerHost::parse("OTP.Bank.Example").unwrap();
        assert_eq!(h.to_string(), "otp.bank.example");
        assert!(h.is_within("bank.example"));
        assert!(h.is_within(".BANK.example."));
        assert!(h.is_within("otp.bank.example"));
        assert!(!h.is_within("ank.example"));
        assert!(!h.is_within("evilbank.example"));
        assert!(!h.is_within(""));
        assert!(
            !ServerHost::parse("evilbank.example")
                .unwrap()
                .is_within("bank.example")
        );
        let ip = ServerHost::parse("[::1]").unwrap();
        assert!(ip.is_within("::1") && ip.is_within("[::1]") && !ip.is_within("127.0.0.1"));
    }
}
