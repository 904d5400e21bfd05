//! HTTP rate limits, per client address (`governor`'s keyed limiters), with budgets a whole
//! venue behind one address never reaches:
//!
//! | what | budget per address |
//! |---|---|
//! | creating a workshop (`POST /api/workshops`) | 30 at once, then one every 2 s |
//! | joining (`POST /api/join`) | 60 at once, then one a second (a room of 30 pairs joining in a minute passes twice over) |
//! | researcher sign-in (`POST /api/research/login`) | 10 at once, then one every 6 s |
//! | downloads (zip and CSV) | 30 at once, then one a second |
//!
//! Wrong admin keys slow down on top: after [`FREE_KEY_FAILURES`] wrong keys from one
//! address, each next try waits twice as long as the last (2 s, 4 s, … at most 5 min); a
//! right key clears it. A refusal is `429` with `Retry-After` and a sentence.
//!
//! Each budget is a layer on the routes it guards ([`limited`]), and each request body limit
//! too ([`body_limit`]); [`note_client`], on every API route, notes who is asking.
//!
//! The address is the connection's peer, or, behind a reverse proxy, the last entry of the
//! header named by `--client-ip-header` (set it only when a proxy you run sets that header).
//! `DS_RATE_LIMITS=off` switches these limits off for load tests on loopback.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use std::sync::Arc;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::reply::{ApiFailure, too_large_message, too_many_requests};

/// Wrong admin keys an address may try before each further try must wait.
pub const FREE_KEY_FAILURES: u32 = 5;
/// The longest wait after wrong admin keys.
pub const MAX_KEY_WAIT: Duration = Duration::from_secs(300);

/// A client address as it may be logged: its network, not the address (IPv4 /24, IPv6 /48),
/// enough to tell venues apart and no more.
pub fn masked(ip: IpAddr) -> String {
    // An IPv4 client seen through an IPv6 socket (`::ffff:198.51.100.77`) is an IPv4 client.
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    }
}

/// The client's address as the limits see it, for handlers (a request extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The budget a route is counted against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// Creating a workshop.
    Create,
    /// A pair joining.
    Join,
    /// A researcher signing in.
    Login,
    /// A download (zip, CSV) or an archive import.
    Download,
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst)
}

/// The limits of one server.
pub struct HttpLimits {
    on: bool,
    client_ip_header: Option<HeaderName>,
    create: DefaultKeyedRateLimiter<IpAddr>,
    join: DefaultKeyedRateLimiter<IpAddr>,
    login: DefaultKeyedRateLimiter<IpAddr>,
    download: DefaultKeyedRateLimiter<IpAddr>,
    /// Wrong admin keys by address: how many, and when the next try is allowed.
    key_failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl HttpLimits {
    /// The limits above, switched `on` or off, reading the client address from
    /// `client_ip_header` when given.
    pub fn new(on: bool, client_ip_header: Option<HeaderName>) -> HttpLimits {
        HttpLimits {
            on,
            client_ip_header,
            create: RateLimiter::keyed(quota(30, Duration::from_secs(2))),
            join: RateLimiter::keyed(quota(60, Duration::from_secs(1))),
            login: RateLimiter::keyed(quota(10, Duration::from_secs(6))),
            download: RateLimiter::keyed(quota(30, Duration::from_secs(1))),
            key_failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the limits are on.
    pub fn on(&self) -> bool {
        self.on
    }

    fn client_ip(&self, request: &Request) -> IpAddr {
        let from_header = self.client_ip_header.as_ref().and_then(|name| {
            let value = request.headers().get_all(name).iter().next_back()?.to_str().ok()?;
            value.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
        });
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        from_header.or(peer).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }

    /// How long `ip` must wait before trying an admin key again, if at all.
    pub fn key_wait(&self, ip: IpAddr) -> Option<Duration> {
        if !self.on {
            return None;
        }
        let failures = self.key_failures.lock().unwrap_or_else(|p| p.into_inner());
        let (_, next) = failures.get(&ip)?;
        next.checked_duration_since(Instant::now()).filter(|d| !d.is_zero())
    }

    /// `ip` gave a wrong admin key.
    pub fn key_failed(&self, ip: IpAddr) {
        let mut failures = self.key_failures.lock().unwrap_or_else(|p| p.into_inner());
        let entry = failures.entry(ip).or_insert((0, Instant::now()));
        entry.0 += 1;
        if entry.0 >= FREE_KEY_FAILURES {
            let doublings = (entry.0 - FREE_KEY_FAILURES).min(8);
            let wait = Duration::from_secs(2u64 << doublings).min(MAX_KEY_WAIT);
            entry.1 = Instant::now() + wait;
            tracing::warn!(client = %masked(ip), failures = entry.0, wait_s = wait.as_secs(), "wrong admin keys");
        }
    }

    /// `ip` gave the right admin key: its failures are forgotten.
    pub fn key_succeeded(&self, ip: IpAddr) {
        self.key_failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&ip);
    }
}

/// The middleware of every API route: notes the client's address for handlers and for the
/// budgets ([`ClientIp`]).
pub async fn note_client(State(limits): State<Arc<HttpLimits>>, mut request: Request, next: Next) -> Response {
    let ip = limits.client_ip(&request);
    request.extensions_mut().insert(ClientIp(ip));
    next.run(request).await
}

/// `route`, counted against `budget`: a request over its address's budget is refused with
/// `429` before the handler runs.
pub fn limited<S>(route: MethodRouter<S>, limits: &Arc<HttpLimits>, budget: Budget) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    route.layer(from_fn_with_state((Arc::clone(limits), budget), check_budget))
}

async fn check_budget(
    State((limits, budget)): State<(Arc<HttpLimits>, Budget)>,
    request: Request,
    next: Next,
) -> Response {
    if limits.on {
        let ip = request.extensions().get::<ClientIp>().map_or_else(|| limits.client_ip(&request), |c| c.0);
        let (limiter, what, name) = match budget {
            Budget::Create => (&limits.create, "new workshops", "create"),
            Budget::Join => (&limits.join, "joins", "join"),
            Budget::Login => (&limits.login, "sign-ins", "login"),
            Budget::Download => (&limits.download, "downloads", "download"),
        };
        if let Err(not_until) = limiter.check_key(&ip) {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
            tracing::warn!(client = %masked(ip), "rate limited");
            crate::telemetry::rate_limited(name);
            return too_many_requests(wait, what);
        }
    }
    next.run(request).await
}

/// The body limit of a group of routes: at most `max` bytes are read (`DefaultBodyLimit`),
/// and a request that declares more in `Content-Length` is answered `413` at once, before
/// any of its body is read.
pub fn body_limit<S>(router: axum::Router<S>, max: usize) -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router.layer(from_fn_with_state(max, refuse_huge_bodies)).layer(DefaultBodyLimit::max(max))
}

async fn refuse_huge_bodies(State(max): State<usize>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        let mut response = ApiFailure::new(StatusCode::PAYLOAD_TOO_LARGE, too_large_message(max), None).into_response();
        // The body is never read, so this connection cannot carry another request.
        response.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
        return response;
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_addresses_are_networks_only() {
        assert_eq!(masked("198.51.100.77".parse().unwrap()), "198.51.100.0/24");
        assert_eq!(masked("2001:db8:85a3:8d3:1319:8a2e:370:7348".parse().unwrap()), "2001:db8:85a3::/48");
        // Exactly the first 24 and 48 bits are kept, whatever the rest.
        assert_eq!(masked("198.51.100.0".parse().unwrap()), "198.51.100.0/24");
        assert_eq!(masked("198.51.100.255".parse().unwrap()), "198.51.100.0/24");
        assert_eq!(masked("2001:db8:ffff:ffff::1".parse().unwrap()), "2001:db8:ffff::/48");
        assert_eq!(masked("::ffff:198.51.100.77".parse().unwrap()), "198.51.100.0/24");
    }

    #[test]
    fn wrong_keys_wait_longer_and_longer_and_a_right_one_clears_them() {
        let limits = HttpLimits::new(true, None);
        let ip: IpAddr = "10.0.0.7".parse().unwrap();
        for _ in 0..FREE_KEY_FAILURES - 1 {
            limits.key_failed(ip);
            assert_eq!(limits.key_wait(ip), None);
        }
        limits.key_failed(ip);
        let first = limits.key_wait(ip).expect("waits after the free tries");
        limits.key_failed(ip);
        let second = limits.key_wait(ip).expect("waits again");
        assert!(second > first, "{second:?} > {first:?}");
        assert!(limits.key_wait("10.0.0.8".parse().unwrap()).is_none(), "other addresses are not slowed");
        limits.key_succeeded(ip);
        assert_eq!(limits.key_wait(ip), None);
        assert_eq!(HttpLimits::new(false, None).key_wait(ip), None);
    }
}
