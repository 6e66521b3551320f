//! Where requests go: Agora's domain areas and their documented fallback order, or an override.

use serde::{Deserialize, Serialize};

/// A domain area: which of Agora's hosts to use, nearest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Area {
    /// Western and eastern United States.
    #[serde(rename = "US")]
    Us,
    /// Western and central Europe.
    #[serde(rename = "EU")]
    Eu,
    /// South-eastern and north-eastern Asia-Pacific.
    #[serde(rename = "AP")]
    Ap,
    /// Eastern and northern mainland China.
    #[serde(rename = "CN")]
    Cn,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Us, Area::Eu, Area::Ap, Area::Cn];

    /// The area as a profile picker names it: its code and where its hosts are.
    pub fn label(self) -> &'static str {
        match self {
            Area::Us => "US: western and eastern United States",
            Area::Eu => "EU: western and central Europe",
            Area::Ap => "AP: south-east and north-east Asia-Pacific",
            Area::Cn => "CN: mainland China",
        }
    }

    /// The two major domains, the area's primary first: `sd-rtn.com` inside mainland China.
    fn suffixes(self) -> [&'static str; 2] {
        match self {
            Area::Cn => ["sd-rtn.com", "agora.io"],
            _ => ["agora.io", "sd-rtn.com"],
        }
    }

    /// The area's regional host labels, nearest first.
    fn regions(self) -> [&'static str; 2] {
        match self {
            Area::Us => ["api-us-west-1", "api-us-east-1"],
            Area::Eu => ["api-eu-west-1", "api-eu-central-1"],
            Area::Ap => ["api-ap-southeast-1", "api-ap-northeast-1"],
            Area::Cn => ["api-cn-east-1", "api-cn-north-1"],
        }
    }

    /// Base URLs in the order Agora's reliability guide prescribes: the primary domain, the
    /// same domain again, the other major domain, then the area's regional domains.
    pub fn plan(self) -> Vec<String> {
        let [primary, other] = self.suffixes();
        let [near, far] = self.regions();
        vec![
            format!("https://api.{primary}"),
            format!("https://api.{primary}"),
            format!("https://api.{other}"),
            format!("https://{near}.{primary}"),
            format!("https://{far}.{primary}"),
        ]
    }
}

impl std::str::FromStr for Area {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "US" => Ok(Area::Us),
            "EU" => Ok(Area::Eu),
            "AP" => Ok(Area::Ap),
            "CN" => Ok(Area::Cn),
            _ => Err(format!("unknown domain area {s:?}: use US, EU, AP or CN")),
        }
    }
}

/// Where a client sends its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoints {
    Area(Area),
    /// Base URLs tried in order (the last is repeated): the sandbox, a proxy, a test server.
    Custom(Vec<String>),
}

impl Endpoints {
    pub fn plan(&self) -> Vec<String> {
        match self {
            Endpoints::Area(a) => a.plan(),
            Endpoints::Custom(urls) => urls.clone(),
        }
    }
}

/// Checks a base URL: http(s), a host, no path, query or trailing slash.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let (rest, plain) = match trimmed.strip_prefix("https://") {
        Some(r) => (r, false),
        None => (
            trimmed
                .strip_prefix("http://")
                .ok_or_else(|| format!("endpoint {url:?} must start with http:// or https://"))?,
            true,
        ),
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
        return Err(format!(
            "endpoint {url:?} must be a scheme and host (and port), like http://127.0.0.1:8080"
        ));
    }
    // A user:password@ part would be sent to the host in the clear and shown wherever the
    // endpoint is; Agora authenticates with the Authorization header only.
    if rest.contains('@') {
        return Err("endpoint must not carry a user name or password (user@host)".into());
    }
    // The customer secret and storage keys travel in every request: in the clear only to this
    // machine (a local sandbox or proxy), never across a network.
    if plain && !is_loopback_host(rest) {
        return Err(format!(
            "endpoint {trimmed:?} uses plain http: that is allowed only for this machine \
             (localhost, 127.0.0.1, [::1]); use https:// for any other host"
        ));
    }
    Ok(trimmed.to_owned())
}

/// Whether `host[:port]` names this machine: `localhost`, 127.0.0.0/8 or `[::1]`.
fn is_loopback_host(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((h, port)) if port.is_empty() || port.starts_with(':') => h,
            _ => return false,
        },
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    is_loopback_name(host)
}

/// Whether a bare host name (no port; an IPv6 address with or without brackets) is this
/// machine: `localhost`, 127.0.0.0/8 or `::1`.
pub fn is_loopback_name(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_follow_the_reliability_guide() {
        assert_eq!(
            Area::Us.plan(),
            [
                "https://api.agora.io",
                "https://api.agora.io",
                "https://api.sd-rtn.com",
                "https://api-us-west-1.agora.io",
                "https://api-us-east-1.agora.io"
            ]
        );
        assert_eq!(Area::Cn.plan()[0], "https://api.sd-rtn.com");
        assert_eq!(Area::Cn.plan()[2], "https://api.agora.io");
        assert_eq!(Area::Eu.plan()[4], "https://api-eu-central-1.agora.io");
        assert_eq!(Area::Ap.plan()[3], "https://api-ap-southeast-1.agora.io");
    }

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(
            check_base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(check_base_url("127.0.0.1:8080").is_err());
        assert!(check_base_url("http://host/path").is_err());
        assert_eq!(
            check_base_url("https://proxy.example.com").unwrap(),
            "https://proxy.example.com"
        );
        for ok in [
            "http://localhost:9000",
            "http://127.8.0.1",
            "http://[::1]:8080",
        ] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn plain_http_goes_only_to_this_machine_and_never_carries_a_password() {
        for bad in [
            "http://proxy.example.com",
            "http://10.0.0.5:8080",
            "http://127.0.0.1.evil.example",
            "http://[::2]:80",
            "http://localhost.example.com",
        ] {
            let e = check_base_url(bad).unwrap_err();
            assert!(e.contains("plain http"), "{bad}: {e}");
        }
        for bad in ["https://user:pw@proxy.example.com", "http://a@127.0.0.1"] {
            let e = check_base_url(bad).unwrap_err();
            assert!(e.contains("user name or password"), "{bad}: {e}");
            assert!(!e.contains("pw"), "{e}");
        }
        assert_eq!("eu".parse::<Area>().unwrap(), Area::Eu);
    }
}
