//! The services a token grants and how each is packed.
//!
//! A service is its u16 type, a privilege map (privilege → expiry in seconds after the issue
//! time), then type-specific fields. There is no per-service length, so a reader that meets a
//! type it does not know cannot skip it: parsing stops there, as in Agora's reference.

use crate::error::TokenError;
use crate::rules;
use crate::wire::{Reader, Writer};
use serde::Serialize;
use std::collections::BTreeMap;

/// Service type numbers on the wire.
pub const SERVICE_TYPE_RTC: u16 = 1;
pub const SERVICE_TYPE_RTM: u16 = 2;

/// What an RTC token lets its holder do. Publishing privileges only bind when the project has
/// co-host authentication enabled; otherwise joining implies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RtcPrivilege {
    JoinChannel = 1,
    PublishAudioStream = 2,
    PublishVideoStream = 3,
    PublishDataStream = 4,
}

impl RtcPrivilege {
    pub const ALL: [RtcPrivilege; 4] = [
        RtcPrivilege::JoinChannel,
        RtcPrivilege::PublishAudioStream,
        RtcPrivilege::PublishVideoStream,
        RtcPrivilege::PublishDataStream,
    ];

    pub fn code(self) -> u16 {
        self as u16
    }
}

/// The user an RTC token is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RtcUser {
    /// A numeric uid; 0 means any uid may use the token.
    Uid(u32),
    /// A string user account (non-empty, at most 255 bytes).
    Account(String),
}

impl RtcUser {
    /// The uid as the token carries it: decimal digits, or empty for uid 0 ("any user").
    fn to_wire(&self) -> String {
        match self {
            RtcUser::Uid(0) => String::new(),
            RtcUser::Uid(uid) => uid.to_string(),
            RtcUser::Account(account) => account.clone(),
        }
    }
}

/// RTC access to one channel for one user (service type 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtcService {
    channel_name: String,
    uid: String,
    privileges: BTreeMap<u16, u32>,
}

impl RtcService {
    /// Checks the channel name and user account against Agora's rules.
    pub fn new(channel_name: &str, user: RtcUser) -> Result<Self, TokenError> {
        rules::check_channel_name(channel_name)?;
        if let RtcUser::Account(account) = &user {
            rules::check_user_account(account)?;
        }
        Ok(Self {
            channel_name: channel_name.to_owned(),
            uid: user.to_wire(),
            privileges: BTreeMap::new(),
        })
    }

    /// Grants `privilege` for `expire_secs` seconds after the token's issue time.
    pub fn add_privilege(&mut self, privilege: RtcPrivilege, expire_secs: u32) {
        self.privileges.insert(privilege.code(), expire_secs);
    }

    pub fn with_privilege(mut self, privilege: RtcPrivilege, expire_secs: u32) -> Self {
        self.add_privilege(privilege, expire_secs);
        self
    }

    pub fn channel_name(&self) -> &str {
        &self.channel_name
    }

    /// The uid or user account as carried; empty means any user.
    pub fn uid(&self) -> &str {
        &self.uid
    }

    /// Seconds after issue until `privilege` lapses, if granted.
    pub fn privilege(&self, privilege: RtcPrivilege) -> Option<u32> {
        self.privileges.get(&privilege.code()).copied()
    }

    /// Every privilege by wire code, including codes this crate has no name for.
    pub fn privileges(&self) -> &BTreeMap<u16, u32> {
        &self.privileges
    }
}

/// What an RTM token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RtmPrivilege {
    Login = 1,
}

/// RTM login for one user (service type 2). Built here only so combined RTC+RTM tokens from
/// other tools can be read and reproduced; Mixdeck itself issues RTC tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RtmService {
    user_id: String,
    privileges: BTreeMap<u16, u32>,
}

impl RtmService {
    pub fn new(user_id: &str) -> Result<Self, TokenError> {
        rules::check_rtm_user_id(user_id)?;
        Ok(Self {
            user_id: user_id.to_owned(),
            privileges: BTreeMap::new(),
        })
    }

    pub fn add_privilege(&mut self, privilege: RtmPrivilege, expire_secs: u32) {
        self.privileges.insert(privilege as u16, expire_secs);
    }

    pub fn with_privilege(mut self, privilege: RtmPrivilege, expire_secs: u32) -> Self {
        self.add_privilege(privilege, expire_secs);
        self
    }

    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    pub fn privilege(&self, privilege: RtmPrivilege) -> Option<u32> {
        self.privileges.get(&(privilege as u16)).copied()
    }

    pub fn privileges(&self) -> &BTreeMap<u16, u32> {
        &self.privileges
    }
}

/// A service inside a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "service", rename_all = "camelCase")]
pub enum Service {
    Rtc(RtcService),
    Rtm(RtmService),
}

impl Service {
    pub fn service_type(&self) -> u16 {
        match self {
            Service::Rtc(_) => SERVICE_TYPE_RTC,
            Service::Rtm(_) => SERVICE_TYPE_RTM,
        }
    }

    pub(crate) fn pack(&self, w: &mut Writer) -> Result<(), TokenError> {
        w.u16(self.service_type());
        match self {
            Service::Rtc(rtc) => {
                w.map_u32(&rtc.privileges)?;
                w.str(&rtc.channel_name)?;
                w.str(&rtc.uid)
            }
            Service::Rtm(rtm) => {
                w.map_u32(&rtm.privileges)?;
                w.str(&rtm.user_id)
            }
        }
    }

    /// Reads the body of a service whose type was just read; `None` for an unknown type.
    ///
    /// Parsed fields are taken as they are, without the build-time rules: a token made by
    /// another tool should still be readable.
    pub(crate) fn unpack(
        service_type: u16,
        r: &mut Reader<'_>,
    ) -> Result<Option<Self>, TokenError> {
        Ok(Some(match service_type {
            SERVICE_TYPE_RTC => Service::Rtc(RtcService {
                privileges: r.map_u32("RTC privileges")?,
                channel_name: r.string("RTC channel name")?,
                uid: r.string("RTC uid")?,
            }),
            SERVICE_TYPE_RTM => Service::Rtm(RtmService {
                privileges: r.map_u32("RTM privileges")?,
                user_id: r.string("RTM user id")?,
            }),
            _ => return Ok(None),
        }))
    }
}

impl From<RtcService> for Service {
    fn from(s: RtcService) -> Self {
        Service::Rtc(s)
    }
}

impl From<RtmService> for Service {
    fn from(s: RtmService) -> Self {
        Service::Rtm(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_zero_is_carried_as_empty() {
        let s = RtcService::new("c", RtcUser::Uid(0)).unwrap();
        assert_eq!(s.uid(), "");
        let s = RtcService::new("c", RtcUser::Uid(2_882_341_273)).unwrap();
        assert_eq!(s.uid(), "2882341273");
    }

    #[test]
    fn rtc_service_round_trips() {
        let service = Service::from(
            RtcService::new("ch", RtcUser::Account("acc".into()))
                .unwrap()
                .with_privilege(RtcPrivilege::PublishDataStream, 5)
                .with_privilege(RtcPrivilege::JoinChannel, 9),
        );
        let mut w = Writer::default();
        service.pack(&mut w).unwrap();
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u16("type").unwrap(), SERVICE_TYPE_RTC);
        assert_eq!(
            Service::unpack(SERVICE_TYPE_RTC, &mut r).unwrap(),
            Some(service)
        );
        assert!(r.remaining().is_empty());
    }

    #[test]
    fn unknown_type_is_not_guessed() {
        let mut r = Reader::new(&[0, 0]);
        assert_eq!(Service::unpack(99, &mut r).unwrap(), None);
    }
}
