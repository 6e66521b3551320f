//! An AccessToken2 with every input explicit, issue time and salt included, so the same inputs
//! always give the same token string. The role-based builders sit on top of this.
//!
//! Content layout (all little-endian, strings u16-length-prefixed):
//!
//! ```text
//! signature: string            HMAC-SHA256 of everything below (see `signing`)
//! app_id: string
//! issue_ts: u32                seconds since the Unix epoch
//! expire: u32                  token lifetime in seconds after issue_ts
//! salt: u32
//! service_count: u16
//! services...                  in ascending service type (see `service`)
//! ```

use crate::codec;
use crate::credentials::{AppCertificate, AppId};
use crate::error::TokenError;
use crate::service::Service;
use crate::signing;
use crate::wire::{len_u16, Writer};

#[derive(Debug, Clone)]
pub struct AccessToken {
    app_id: AppId,
    app_certificate: AppCertificate,
    issue_ts: u32,
    expire: u32,
    salt: u32,
    services: Vec<Service>,
}

impl AccessToken {
    /// A token with no services yet. `expire` is the lifetime in seconds after `issue_ts`.
    pub fn new(
        app_id: &str,
        app_certificate: &str,
        issue_ts: u32,
        expire: u32,
        salt: u32,
    ) -> Result<Self, TokenError> {
        Ok(Self::from_credentials(
            AppId::new(app_id)?,
            AppCertificate::new(app_certificate)?,
            issue_ts,
            expire,
            salt,
        ))
    }

    pub fn from_credentials(
        app_id: AppId,
        app_certificate: AppCertificate,
        issue_ts: u32,
        expire: u32,
        salt: u32,
    ) -> Self {
        Self {
            app_id,
            app_certificate,
            issue_ts,
            expire,
            salt,
            services: Vec::new(),
        }
    }

    /// Adds a service. Several of one type are allowed and keep their order.
    pub fn add_service(&mut self, service: impl Into<Service>) {
        self.services.push(service.into());
    }

    pub fn with_service(mut self, service: impl Into<Service>) -> Self {
        self.add_service(service);
        self
    }

    pub fn app_id(&self) -> &str {
        self.app_id.as_str()
    }

    pub fn issue_ts(&self) -> u32 {
        self.issue_ts
    }

    pub fn expire(&self) -> u32 {
        self.expire
    }

    pub fn salt(&self) -> u32 {
        self.salt
    }

    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The signed, uncompressed content: what a token string decodes to.
    pub fn to_content(&self) -> Result<Vec<u8>, TokenError> {
        if self.services.is_empty() {
            return Err(TokenError::NoService);
        }
        let signed_info = self.signed_info()?;
        let key = signing::signing_key(&self.app_certificate, self.issue_ts, self.salt);
        let signature = signing::sign(&key, &signed_info);

        let mut w = Writer::default();
        w.bytes(&signature)?;
        let mut content = w.into_bytes();
        content.extend_from_slice(&signed_info);
        Ok(content)
    }

    /// The token string: `"007"` + base64(zlib(content)).
    pub fn build(&self) -> Result<String, TokenError> {
        codec::encode(&self.to_content()?)
    }

    fn signed_info(&self) -> Result<Vec<u8>, TokenError> {
        let mut w = Writer::default();
        w.str(self.app_id.as_str())?;
        w.u32(self.issue_ts);
        w.u32(self.expire);
        w.u32(self.salt);
        w.u16(len_u16(self.services.len(), "too many services")?);
        // Receivers expect ascending service type; a stable sort keeps same-type order.
        let mut services: Vec<&Service> = self.services.iter().collect();
        services.sort_by_key(|s| s.service_type());
        for service in services {
            service.pack(&mut w)?;
        }
        Ok(w.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{RtcPrivilege, RtcService, RtcUser, RtmService};

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

    #[test]
    fn needs_a_service() {
        let t = AccessToken::new(APP_ID, CERT, 1, 600, 1).unwrap();
        assert_eq!(t.build(), Err(TokenError::NoService));
    }

    #[test]
    fn packs_services_in_type_order() {
        let rtm = RtmService::new("user").unwrap();
        let rtc = RtcService::new("ch", RtcUser::Uid(1))
            .unwrap()
            .with_privilege(RtcPrivilege::JoinChannel, 600);
        let a = AccessToken::new(APP_ID, CERT, 1, 600, 1)
            .unwrap()
            .with_service(rtm.clone())
            .with_service(rtc.clone());
        let b = AccessToken::new(APP_ID, CERT, 1, 600, 1)
            .unwrap()
            .with_service(rtc)
            .with_service(rtm);
        assert_eq!(a.build().unwrap(), b.build().unwrap());
    }

    #[test]
    fn debug_redacts_the_certificate() {
        let t = AccessToken::new(APP_ID, CERT, 1, 600, 1).unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains(CERT), "{shown}");
        assert!(shown.contains("<redacted>"));
    }
}
