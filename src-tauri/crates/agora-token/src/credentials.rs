//! The App ID and App Certificate, validated once on the way in.
//!
//! Both are 32 hexadecimal characters (Agora's reference rejects anything else before signing).
//! The certificate is the signing secret, so its type never prints it: `Debug` shows
//! `<redacted>` and there is no `Display`. A local wrapper rather than `agora_rest::Sensitive`
//! keeps this crate free of the REST client's HTTP stack.

use crate::error::{Field, TokenError};
use std::fmt;

/// Agora's "is a UUID" check: exactly 32 ASCII hex digits, either case.
fn check_hex32(field: Field, value: &str) -> Result<(), TokenError> {
    if value.len() != 32 {
        return Err(TokenError::invalid(
            field,
            format!(
                "must be 32 hexadecimal characters (got {} characters)",
                value.chars().count()
            ),
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(TokenError::invalid(
            field,
            "must contain only hexadecimal characters 0-9, a-f, A-F",
        ));
    }
    Ok(())
}

/// A project's App ID. Public (it travels in every token), so it prints normally.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppId(String);

impl AppId {
    pub fn new(value: &str) -> Result<Self, TokenError> {
        check_hex32(Field::AppId, value)?;
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A project's App Certificate: the key every token signature derives from.
#[derive(Clone, PartialEq, Eq)]
pub struct AppCertificate(String);

impl AppCertificate {
    pub fn new(value: &str) -> Result<Self, TokenError> {
        check_hex32(Field::AppCertificate, value)?;
        Ok(Self(value.to_owned()))
    }

    /// The secret itself. Named so that every use stands out in review.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AppCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_either_case_hex() {
        assert!(AppId::new("970CA35de60c44645bbae8a215061b33").is_ok());
        assert!(AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").is_ok());
    }

    #[test]
    fn rejects_wrong_length_and_non_hex() {
        let e = AppId::new("abc").unwrap_err();
        assert_eq!(e.field(), Some(Field::AppId));
        assert!(e.to_string().contains("32 hexadecimal"), "{e}");
        let e = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3Z").unwrap_err();
        assert_eq!(e.field(), Some(Field::AppCertificate));
        assert!(!e.to_string().contains("5CFd2fd1755d40ecb72977518be15d3Z"));
    }

    #[test]
    fn certificate_debug_is_redacted() {
        let cert = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3b").unwrap();
        assert_eq!(format!("{cert:?}"), "<redacted>");
    }
}
