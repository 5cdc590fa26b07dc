//! What a QR code or pasted text that is not for Ramz is, so the app can
//! say so ("a web link to example.com", "a Wi-Fi network") instead of
//! "unknown". Only the kind leaves, and for a link its host: never the
//! text, which may hold a Wi-Fi password, a token in a URL, or anything.

/// The kind of a text Ramz does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ForeignKind {
    /// A web link (`http://`, `https://`, `www.`). `host` is its host
    /// name, lower-case, without user, password, port, path or query —
    /// `None` when it is not a plain host name or address.
    Link {
        /// The site it leads to.
        host: Option<String>,
    },
    /// A Wi-Fi network's settings (`WIFI:`), password included: never
    /// shown.
    Wifi,
    /// An e-mail address or message (`mailto:`, `MATMSG:`).
    Email,
    /// A phone number (`tel:`).
    Phone,
    /// A text message to send (`sms:`, `smsto:`).
    Sms,
    /// A contact card (vCard, `MECARD:`).
    Contact,
    /// A place (`geo:`).
    Place,
    /// Any other text.
    Text,
}

/// Classifies a text that is no OTP payload.
pub(crate) fn kind_of(text: &str) -> ForeignKind {
    let t = text.trim_start();
    let starts = |prefix: &str| {
        t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if starts("https://") || starts("http://") {
        let rest = &t[t.find("//").map_or(0, |i| i + 2)..];
        ForeignKind::Link {
            host: host_of(rest),
        }
    } else if starts("www.") {
        ForeignKind::Link { host: host_of(t) }
    } else if starts("wifi:") {
        ForeignKind::Wifi
    } else if starts("mailto:") || starts("matmsg:") {
        ForeignKind::Email
    } else if starts("tel:") {
        ForeignKind::Phone
    } else if starts("sms:") || starts("smsto:") {
        ForeignKind::Sms
    } else if starts("begin:vcard") || starts("mecard:") {
        ForeignKind::Contact
    } else if starts("geo:") {
        ForeignKind::Place
    } else {
        ForeignKind::Text
    }
}

/// The host of `authority/path...`: no user info (it may be a password),
/// no port; letters, digits, `-` and `.` only (an IPv6 address is not
/// shown), at most 253 characters.
fn host_of(rest: &str) -> Option<String> {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = host_port.split(':').next().unwrap_or("");
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let plain = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with(['.', '-'])
        && !host.contains("..");
    plain.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(host: &str) -> ForeignKind {
        ForeignKind::Link {
            host: Some(host.into()),
        }
    }

    #[test]
    fn kinds_and_hosts() {
        assert_eq!(
            kind_of("https://Example.COM/login?x=1"),
            link("example.com")
        );
        assert_eq!(
            kind_of("http://user:hunter2@shop.example:8080/a"),
            link("shop.example")
        );
        assert_eq!(kind_of("www.example.ir/path"), link("www.example.ir"));
        assert_eq!(kind_of("https://[::1]/"), ForeignKind::Link { host: None });
        assert_eq!(
            kind_of("https://exa\u{202e}mple.com"),
            ForeignKind::Link { host: None }
        );
        assert_eq!(kind_of("WIFI:T:WPA;S:home;P:secret;;"), ForeignKind::Wifi);
        assert_eq!(kind_of("mailto:a@b.c"), ForeignKind::Email);
        assert_eq!(kind_of("tel:+98211234567"), ForeignKind::Phone);
        assert_eq!(kind_of("SMSTO:123:hi"), ForeignKind::Sms);
        assert_eq!(
            kind_of("BEGIN:VCARD\nFN:A\nEND:VCARD"),
            ForeignKind::Contact
        );
        assert_eq!(kind_of("geo:35.7,51.4"), ForeignKind::Place);
        assert_eq!(kind_of("سلام"), ForeignKind::Text);
        assert_eq!(kind_of("otp"), ForeignKind::Text);
    }

    #[test]
    fn debug_never_shows_the_text() {
        let k = kind_of("WIFI:T:WPA;S:home;P:hunter2;;");
        assert!(!format!("{k:?}").contains("hunter2"));
        let k = kind_of("https://u:hunter2@example.com/?token=abc");
        let shown = format!("{k:?}");
        assert!(!shown.contains("hunter2") && !shown.contains("abc"));
    }
}
