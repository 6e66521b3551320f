//! Reading a token back without the certificate (app ID, times, salt, services), and checking
//! its signature when the certificate is at hand.
//!
//! The signature is checked over the exact bytes the token carries, not over a re-packing of
//! what was parsed, so tokens with services this crate cannot read still verify.

use crate::codec;
use crate::credentials::AppCertificate;
use crate::error::TokenError;
use crate::service::{RtcService, Service};
use crate::signing;
use crate::wire::Reader;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParsedToken {
    pub app_id: String,
    /// Seconds since the Unix epoch.
    pub issue_ts: u32,
    /// Token lifetime in seconds after `issue_ts`.
    pub expire: u32,
    pub salt: u32,
    /// The services read, in token order.
    pub services: Vec<Service>,
    /// The first service type this crate cannot read; it and any later services are not in
    /// `services` (the format gives no way to skip one).
    pub unknown_service_type: Option<u16>,
    #[serde(skip)]
    content: Vec<u8>,
    /// Where the signature ends and the signed bytes begin in `content`.
    #[serde(skip)]
    signature_end: usize,
}

/// Decodes a `"007"` token. Surrounding whitespace is ignored.
pub fn parse(token: &str) -> Result<ParsedToken, TokenError> {
    let content = codec::decode(token.trim())?;
    let mut r = Reader::new(&content);
    r.bytes("signature")?;
    let signature_end = content.len() - r.remaining().len();

    let app_id = r.string("app id")?;
    let issue_ts = r.u32("issue time")?;
    let expire = r.u32("expire")?;
    let salt = r.u32("salt")?;
    let count = r.u16("service count")?;
    let mut services = Vec::new();
    let mut unknown_service_type = None;
    for _ in 0..count {
        let service_type = r.u16("service type")?;
        match Service::unpack(service_type, &mut r)? {
            Some(service) => services.push(service),
            None => {
                unknown_service_type = Some(service_type);
                break;
            }
        }
    }
    Ok(ParsedToken {
        app_id,
        issue_ts,
        expire,
        salt,
        services,
        unknown_service_type,
        content,
        signature_end,
    })
}

impl ParsedToken {
    /// When the token stops being accepted, in seconds since the Unix epoch.
    pub fn expires_at(&self) -> u64 {
        u64::from(self.issue_ts) + u64::from(self.expire)
    }

    /// The RTC services, in token order.
    pub fn rtc_services(&self) -> impl Iterator<Item = &RtcService> {
        self.services.iter().filter_map(|s| match s {
            Service::Rtc(rtc) => Some(rtc),
            Service::Rtm(_) => None,
        })
    }

    /// The decompressed content (signature followed by the signed bytes).
    pub fn content(&self) -> &[u8] {
        &self.content
    }

    /// Whether `app_certificate` signed this token. An error only if the certificate is
    /// malformed; a well-formed wrong certificate gives `Ok(false)`.
    pub fn verify(&self, app_certificate: &str) -> Result<bool, TokenError> {
        let certificate = AppCertificate::new(app_certificate)?;
        let key = signing::signing_key(&certificate, self.issue_ts, self.salt);
        let (signature_field, signed_info) = self.content.split_at(self.signature_end);
        // Skip the signature's own u16 length prefix.
        let signature = signature_field.get(2..).unwrap_or_default();
        Ok(signing::verify(&key, signed_info, signature))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_content_is_malformed() {
        // A valid zlib stream of just two bytes: a signature length with nothing after it.
        let token = crate::codec::encode(&[32, 0]).unwrap();
        let e = parse(&token).unwrap_err();
        assert!(
            e.to_string().contains("truncated while reading signature"),
            "{e}"
        );
    }
}
