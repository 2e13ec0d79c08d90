//! Abuse limits, kept in memory only: receipts a client may send in a minute (a client is the
//! address the request came from, or behind a trusted proxy the address it forwards) and
//! receipts the whole register takes in a second. A client over its quota is answered 429 with
//! `Retry-After`; no address is ever written anywhere.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// Per-client and global counters, over fixed windows (a minute, a second).
pub struct RateLimiter {
    per_client_per_minute: u32,
    global_per_second: u32,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    minute: i64,
    clients: HashMap<IpAddr, u32>,
    second: i64,
    global: u32,
}

impl RateLimiter {
    /// Limits of `per_client_per_minute` and `global_per_second`.
    pub fn new(per_client_per_minute: u32, global_per_second: u32) -> RateLimiter {
        RateLimiter {
            per_client_per_minute,
            global_per_second,
            state: Mutex::new(State::default()),
        }
    }

    /// Counts a receipt from `client` at `now` (Unix seconds): `Err(seconds to wait)` when over
    /// a limit (and then it is not counted).
    pub fn admit(&self, client: IpAddr, now: i64) -> Result<(), u64> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let minute = now.div_euclid(60);
        if s.minute != minute {
            s.minute = minute;
            s.clients.clear();
        }
        if s.second != now {
            s.second = now;
            s.global = 0;
        }
        if s.global >= self.global_per_second {
            return Err(1);
        }
        let count = s.clients.entry(client).or_insert(0);
        if *count >= self.per_client_per_minute {
            return Err((60 - now.rem_euclid(60)) as u64);
        }
        *count += 1;
        s.global += 1;
        Ok(())
    }
}

/// The client a request counts for: the peer's address, or where the peer is a trusted proxy,
/// the nearest address in `X-Forwarded-For` that is not one.
pub fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in forwarded.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if is_trusted(&ip) => continue,
            Ok(ip) => return ip,
            Err(_) => return peer,
        }
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_quota_a_minute_and_the_register_its_ceiling() {
        let limiter = RateLimiter::new(3, 5);
        let a: IpAddr = "203.0.113.1".parse().unwrap();
        let b: IpAddr = "203.0.113.2".parse().unwrap();
        let t = 6_000;
        for _ in 0..3 {
            assert_eq!(limiter.admit(a, t), Ok(()));
        }
        assert_eq!(limiter.admit(a, t + 10), Err(50));
        assert_eq!(limiter.admit(b, t + 10), Ok(()));
        assert_eq!(limiter.admit(a, t + 60), Ok(()), "a new minute");
        let global = RateLimiter::new(100, 2);
        assert!(global.admit(a, t).is_ok() && global.admit(b, t).is_ok());
        assert_eq!(global.admit(a, t), Err(1));
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "198.51.100.9, 203.0.113.7, 10.0.0.2".parse().unwrap(),
        );
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let stranger: IpAddr = "192.0.2.1".parse().unwrap();
        assert_eq!(
            client_of(proxy, &headers, &trusted),
            "203.0.113.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_of(stranger, &headers, &trusted), stranger);
        headers.insert("x-forwarded-for", "not an address".parse().unwrap());
        assert_eq!(client_of(proxy, &headers, &trusted), proxy);
    }
}
