//! Venue mode: which address tablets on the same Wi-Fi can reach this laptop at, and the links
//! the first start prints. Choosing among addresses is pure (tested here); listing the
//! machine's interfaces is `if-addrs`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The address tablets should use, from the machine's interface addresses: a private IPv4
/// address (192.168/16, 10/8, 172.16/12: what venue and home routers hand out) first, then any
/// other routable IPv4 address; never loopback or link-local (169.254/16, which a tablet on
/// the venue's router cannot reach). IPv6 is left out: people type and read these links.
pub fn choose_lan_address(candidates: &[IpAddr]) -> Option<Ipv4Addr> {
    let usable: Vec<Ipv4Addr> = candidates
        .iter()
        .filter_map(|ip| match ip {
            IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified() => Some(*v4),
            _ => None,
        })
        .collect();
    usable.iter().find(|ip| ip.is_private()).or_else(|| usable.first()).copied()
}

/// This machine's LAN address (see [`choose_lan_address`]), if it has one.
pub fn find_lan_address() -> Option<Ipv4Addr> {
    let interfaces = if_addrs::get_if_addrs().ok()?;
    let addresses: Vec<IpAddr> = interfaces.iter().map(|i| i.ip()).collect();
    choose_lan_address(&addresses)
}

/// Whether an origin such as `http://127.0.0.1:3000` points at the machine that opens it:
/// a tablet opening it reaches itself, not the server.
pub fn is_loopback_origin(origin: &str) -> bool {
    let rest = origin.split_once("://").map_or(origin, |(_, r)| r);
    let host_port = rest.split('/').next().unwrap_or("");
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or("")
    } else {
        host_port.rsplit_once(':').map_or(host_port, |(h, _)| h)
    };
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

/// The origin join links use: `--public-url` if given; in LAN mode, `http://{LAN address}:{port}`;
/// otherwise `None` (each request's `Host` decides).
pub fn public_origin(
    configured: Option<String>,
    lan: bool,
    addr: SocketAddr,
    lan_address: Option<Ipv4Addr>,
) -> Option<String> {
    configured.or_else(|| lan_address.filter(|_| lan).map(|ip| format!("http://{ip}:{}", addr.port())))
}

/// The origin to print in the start-up links: the public origin, else the listen address
/// (with `localhost` for "every interface").
pub fn announce_origin(public: Option<&str>, addr: SocketAddr) -> String {
    match public {
        Some(origin) => origin.to_string(),
        None if addr.ip().is_unspecified() => format!("http://localhost:{}", addr.port()),
        None => format!("http://{addr}"),
    }
}

/// The lines the server prints once it listens: what to open, and for whom.
pub fn start_banner(origin: &str, lan: bool) -> String {
    let mut lines = vec![
        format!("Discretion Spectrum is running at {origin}"),
        format!("  Facilitator, new workshop:  {origin}/new"),
        format!("  Pairs join at:              {origin}/join"),
        format!("  Researchers:                {origin}/research"),
    ];
    if is_loopback_origin(origin) {
        lines.push(if lan {
            "  No LAN address found: connect this laptop to the venue's Wi-Fi, or set --public-url.".to_string()
        } else {
            "  Only this machine can open these links. For tablets, restart with --lan (or set DS_PUBLIC_URL)."
                .to_string()
        });
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn prefers_a_private_ipv4_address() {
        let found = choose_lan_address(&ips(&["127.0.0.1", "::1", "169.254.3.4", "203.0.113.9", "192.168.1.20"]));
        assert_eq!(found, Some(Ipv4Addr::new(192, 168, 1, 20)));
    }

    #[test]
    fn falls_back_to_another_routable_ipv4_address() {
        assert_eq!(choose_lan_address(&ips(&["127.0.0.1", "192.0.2.2", "fd00::2"])), Some(Ipv4Addr::new(192, 0, 2, 2)));
        assert_eq!(choose_lan_address(&ips(&["127.0.0.1", "::1", "169.254.1.1"])), None);
    }

    #[test]
    fn loopback_origins() {
        for origin in [
            "http://127.0.0.1:3000",
            "http://localhost:3000",
            "http://[::1]:3000",
            "http://0.0.0.0:3000",
            "http://LOCALHOST",
        ] {
            assert!(is_loopback_origin(origin), "{origin}");
        }
        for origin in ["http://192.168.1.20:3000", "https://spectrum.example.org", "http://[fd00::2]:3000"] {
            assert!(!is_loopback_origin(origin), "{origin}");
        }
    }

    #[test]
    fn public_origin_in_each_mode() {
        let addr: SocketAddr = "0.0.0.0:3000".parse().unwrap();
        let lan = Some(Ipv4Addr::new(10, 0, 0, 7));
        assert_eq!(public_origin(None, true, addr, lan).as_deref(), Some("http://10.0.0.7:3000"));
        assert_eq!(public_origin(Some("https://x.org".into()), true, addr, lan).as_deref(), Some("https://x.org"));
        assert_eq!(public_origin(None, false, addr, lan), None);
        assert_eq!(public_origin(None, true, addr, None), None);
    }

    #[test]
    fn banner_gives_full_links_and_warns_about_loopback() {
        let banner = start_banner("http://10.0.0.7:3000", true);
        assert!(banner.contains("http://10.0.0.7:3000/join"));
        assert!(!banner.contains("Only this machine"));
        let local = start_banner(&announce_origin(None, "127.0.0.1:3000".parse().unwrap()), false);
        assert!(local.contains("http://127.0.0.1:3000/research"));
        assert!(local.contains("restart with --lan"));
    }
}
