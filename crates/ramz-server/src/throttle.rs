//! Per-client-address throttling of the app API: a token bucket per
//! address (IPv6 grouped by /64, what one customer line usually gets).
//!
//! Behind a reverse proxy every request comes from the proxy's address;
//! with the proxy listed in [`TrustedProxies`] the client is the right-most
//! `X-Forwarded-For` entry that is not itself a trusted proxy. Entries a
//! client writes itself sit to the left of what the proxy appends, so they
//! are never believed. Buckets live in this instance's memory: with `n`
//! instances behind a balancer a client gets up to `n` times the rate (the
//! per-card limit in the database is what bounds guessing).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::Instant;

use axum::http::HeaderMap;

/// Rate and burst of the app API per client address.
#[derive(Debug, Clone)]
pub struct ThrottleConfig {
    /// Requests a client may make at once (default 30; 0 turns
    /// throttling off).
    pub burst: u32,
    /// Requests per second a client regains (default 0.5).
    pub per_second: f64,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            burst: 30,
            per_second: 0.5,
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// Addresses or networks (`10.0.0.0/8`, `::1`) of trusted reverse proxies.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses and CIDR networks.
    /// `None` when an entry is not one.
    pub fn parse(list: &str) -> Option<Self> {
        let mut out = Vec::new();
        for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (addr, len) = match item.split_once('/') {
                Some((a, l)) => (a.parse::<IpAddr>().ok()?, Some(l.parse::<u8>().ok()?)),
                None => (item.parse::<IpAddr>().ok()?, None),
            };
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let len = len.unwrap_or(max);
            if len > max {
                return None;
            }
            out.push((addr, len));
        }
        Some(Self(out))
    }

    /// True when `ip` is in one of the networks.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|(net, len)| match (canonical(*net), ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_eq(&n.octets(), &a.octets(), *len),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_eq(&n.octets(), &a.octets(), *len),
            _ => false,
        })
    }

    /// The client's address: `peer`, or, when `peer` is a trusted proxy,
    /// the right-most `X-Forwarded-For` entry that is not trusted.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.contains(peer) {
            return canonical(peer);
        }
        let mut client = canonical(peer);
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        for entry in entries.iter().rev() {
            let Some(ip) = parse_forwarded(entry) else {
                // Unreadable: stop at the last address we could trust.
                break;
            };
            client = ip;
            if !self.contains(ip) {
                break;
            }
        }
        client
    }
}

fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let e = entry.trim();
    e.parse::<IpAddr>()
        .ok()
        .or_else(|| e.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(canonical)
}

/// IPv4-mapped IPv6 addresses are their IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn prefix_eq(a: &[u8], b: &[u8], bits: u8) -> bool {
    let bits = usize::from(bits);
    let (full, rest) = (bits / 8, bits % 8);
    if a.get(..full) != b.get(..full) {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    match (a.get(full), b.get(full)) {
        (Some(x), Some(y)) => x & mask == y & mask,
        _ => false,
    }
}

/// Bucket key: an IPv4 address, or an IPv6 /64.
fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(a) => {
            let s = a.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of one instance.
pub struct Throttle {
    config: ThrottleConfig,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

/// Most addresses tracked before full buckets are forgotten.
const MAX_TRACKED: usize = 100_000;

impl Throttle {
    pub fn new(config: ThrottleConfig) -> Self {
        Self {
            config,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// The client address of a request (see [`TrustedProxies::client_of`]).
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        self.config.trusted_proxies.client_of(peer, headers)
    }

    /// Takes a token for `client`: `Ok(())`, or `Err(seconds)` to wait.
    pub fn take(&self, client: IpAddr) -> Result<(), u64> {
        let burst = f64::from(self.config.burst);
        if self.config.burst == 0 {
            return Ok(());
        }
        let rate = self.config.per_second.max(0.0);
        let now = Instant::now();
        let mut map = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= MAX_TRACKED {
            map.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let b = map.entry(bucket_key(client)).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            return Ok(());
        }
        let wait = if rate > 0.0 {
            ((1.0 - b.tokens) / rate).ceil().clamp(1.0, 86_400.0) as u64
        } else {
            86_400
        };
        Err(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let t = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        let outsider: IpAddr = "203.0.113.9".parse().unwrap();
        // An untrusted peer's header is ignored.
        assert_eq!(t.client_of(outsider, &headers(&["198.51.100.1"])), outsider);
        // Through the proxy: the right-most untrusted entry.
        assert_eq!(
            t.client_of(proxy, &headers(&["1.1.1.1, 198.51.100.7"])),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        // A spoofed left part does not help; chained trusted proxies are skipped.
        assert_eq!(
            t.client_of(proxy, &headers(&["6.6.6.6", "198.51.100.7, 10.9.9.9"])),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(t.client_of(proxy, &headers(&[])), proxy);
        assert_eq!(t.client_of(proxy, &headers(&["garbage"])), proxy);
        assert!(t.contains("::ffff:10.0.0.1".parse().unwrap()));
        assert!(!t.contains("11.0.0.1".parse().unwrap()));
        assert!(TrustedProxies::parse("10.0.0.0/33").is_none());
        assert!(TrustedProxies::parse("proxy.example").is_none());
    }

    #[test]
    fn bucket_empties_and_groups_ipv6_by_64() {
        let th = Throttle::new(ThrottleConfig {
            burst: 2,
            per_second: 0.001,
            trusted_proxies: TrustedProxies::default(),
        });
        let a: IpAddr = "2001:db8:1:2::5".parse().unwrap();
        let same64: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert_eq!(th.take(a), Ok(()));
        assert_eq!(th.take(same64), Ok(()));
        assert!(th.take(a).unwrap_err() >= 999);
        assert_eq!(th.take("2001:db8:1:3::5".parse().unwrap()), Ok(()));
    }
}
