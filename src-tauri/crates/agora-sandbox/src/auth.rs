//! HTTP Basic authentication, answered as Agora's gateway does: no header is "Unauthorized",
//! anything else that is not the configured pair is "Invalid authentication credentials".

use base64::Engine as _;
use hyper::header::{HeaderMap, AUTHORIZATION};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    /// No `Authorization` header at all.
    Missing,
    /// A header that is not `Basic base64(customerId:customerSecret)` for this sandbox.
    Invalid,
}

pub fn check(
    headers: &HeaderMap,
    customer_id: &str,
    customer_secret: &str,
) -> Result<(), AuthFailure> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Err(AuthFailure::Missing);
    };
    let text = value.to_str().map_err(|_| AuthFailure::Invalid)?;
    let (scheme, encoded) = text.trim().split_once(' ').ok_or(AuthFailure::Invalid)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(AuthFailure::Invalid);
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| AuthFailure::Invalid)?;
    let pair = String::from_utf8(decoded).map_err(|_| AuthFailure::Invalid)?;
    match pair.split_once(':') {
        Some((id, secret)) if id == customer_id && secret == customer_secret => Ok(()),
        _ => Err(AuthFailure::Invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn only_the_configured_pair_passes() {
        // base64("cid:sec") = Y2lkOnNlYw==
        assert_eq!(check(&with("Basic Y2lkOnNlYw=="), "cid", "sec"), Ok(()));
        assert_eq!(check(&with("basic Y2lkOnNlYw=="), "cid", "sec"), Ok(()));
        assert_eq!(
            check(&HeaderMap::new(), "cid", "sec"),
            Err(AuthFailure::Missing)
        );
        for bad in [
            "Basic Y2lkOm5vcGU=",
            "Bearer Y2lkOnNlYw==",
            "Basic !!!",
            "Y2lkOnNlYw==",
            "Basic ",
        ] {
            assert_eq!(
                check(&with(bad), "cid", "sec"),
                Err(AuthFailure::Invalid),
                "{bad}"
            );
        }
    }
}
