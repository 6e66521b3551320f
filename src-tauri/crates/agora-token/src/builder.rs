//! RTC tokens by role, the way Agora's `RtcTokenBuilder2` makes them.
//!
//! A publisher gets all four RTC privileges, a subscriber only "join channel" (the publishing
//! privileges matter only where co-host authentication is on). All durations are seconds after
//! the issue time; Agora accepts at most 24 hours.

use crate::access_token::AccessToken;
use crate::credentials::{AppCertificate, AppId};
use crate::error::TokenError;
use crate::service::{RtcPrivilege, RtcService, RtcUser};
use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// A host: may join and publish audio, video and data streams.
    Publisher = 1,
    /// An audience member: may join only.
    Subscriber = 2,
}

/// The issue time and salt that make each token unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// Seconds since the Unix epoch.
    pub issue_ts: u32,
    pub salt: u32,
}

impl Stamp {
    /// The reference draws the salt from 1..=99,999,999.
    const SALT_MAX: u32 = 99_999_999;

    /// The current time and a fresh random salt: what a real token uses.
    pub fn now() -> Result<Self, TokenError> {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|_| TokenError::Clock)?
            .as_secs();
        Ok(Self {
            issue_ts: u32::try_from(secs).map_err(|_| TokenError::Clock)?,
            salt: rand::random_range(1..=Self::SALT_MAX),
        })
    }
}

/// Per-privilege lifetimes, in seconds after the issue time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivilegeExpiry {
    pub join_channel: u32,
    pub publish_audio_stream: u32,
    pub publish_video_stream: u32,
    pub publish_data_stream: u32,
}

impl PrivilegeExpiry {
    /// The same lifetime for all four privileges.
    pub fn all(expire_secs: u32) -> Self {
        Self {
            join_channel: expire_secs,
            publish_audio_stream: expire_secs,
            publish_video_stream: expire_secs,
            publish_data_stream: expire_secs,
        }
    }

    fn get(&self, privilege: RtcPrivilege) -> u32 {
        match privilege {
            RtcPrivilege::JoinChannel => self.join_channel,
            RtcPrivilege::PublishAudioStream => self.publish_audio_stream,
            RtcPrivilege::PublishVideoStream => self.publish_video_stream,
            RtcPrivilege::PublishDataStream => self.publish_data_stream,
        }
    }
}

/// Builds RTC tokens. `new()` stamps each token with the current time and a random salt;
/// `with_stamp()` fixes both, which reproduces a token exactly (tests, and checking a token
/// another tool made).
#[derive(Debug, Clone, Copy, Default)]
pub struct RtcTokenBuilder {
    stamp: Option<Stamp>,
}

impl RtcTokenBuilder {
    pub fn new() -> Self {
        Self { stamp: None }
    }

    pub fn with_stamp(stamp: Stamp) -> Self {
        Self { stamp: Some(stamp) }
    }

    /// A token for numeric `uid` (0 = any uid) in `channel_name`.
    #[allow(clippy::too_many_arguments)] // mirrors the reference's signature
    pub fn build_token_with_uid(
        &self,
        app_id: &str,
        app_certificate: &str,
        channel_name: &str,
        uid: u32,
        role: Role,
        token_expire_secs: u32,
        privilege_expire_secs: u32,
    ) -> Result<String, TokenError> {
        let privileges = role_privileges(role, privilege_expire_secs);
        self.build(
            app_id,
            app_certificate,
            channel_name,
            RtcUser::Uid(uid),
            token_expire_secs,
            &privileges,
        )
    }

    /// A token for string user `account` in `channel_name`.
    #[allow(clippy::too_many_arguments)] // mirrors the reference's signature
    pub fn build_token_with_user_account(
        &self,
        app_id: &str,
        app_certificate: &str,
        channel_name: &str,
        account: &str,
        role: Role,
        token_expire_secs: u32,
        privilege_expire_secs: u32,
    ) -> Result<String, TokenError> {
        let privileges = role_privileges(role, privilege_expire_secs);
        self.build(
            app_id,
            app_certificate,
            channel_name,
            RtcUser::Account(account.to_owned()),
            token_expire_secs,
            &privileges,
        )
    }

    /// A token for numeric `uid` granting all four privileges, each with its own lifetime.
    pub fn build_token_with_uid_and_privilege(
        &self,
        app_id: &str,
        app_certificate: &str,
        channel_name: &str,
        uid: u32,
        token_expire_secs: u32,
        expiry: PrivilegeExpiry,
    ) -> Result<String, TokenError> {
        let privileges = explicit_privileges(expiry);
        self.build(
            app_id,
            app_certificate,
            channel_name,
            RtcUser::Uid(uid),
            token_expire_secs,
            &privileges,
        )
    }

    /// A token for user `account` granting all four privileges, each with its own lifetime.
    pub fn build_token_with_user_account_and_privilege(
        &self,
        app_id: &str,
        app_certificate: &str,
        channel_name: &str,
        account: &str,
        token_expire_secs: u32,
        expiry: PrivilegeExpiry,
    ) -> Result<String, TokenError> {
        let privileges = explicit_privileges(expiry);
        self.build(
            app_id,
            app_certificate,
            channel_name,
            RtcUser::Account(account.to_owned()),
            token_expire_secs,
            &privileges,
        )
    }

    fn build(
        &self,
        app_id: &str,
        app_certificate: &str,
        channel_name: &str,
        user: RtcUser,
        token_expire_secs: u32,
        privileges: &[(RtcPrivilege, u32)],
    ) -> Result<String, TokenError> {
        // Every input is checked, in argument order, before the clock is read.
        let app_id = AppId::new(app_id)?;
        let app_certificate = AppCertificate::new(app_certificate)?;
        let mut service = RtcService::new(channel_name, user)?;
        for &(privilege, expire) in privileges {
            service.add_privilege(privilege, expire);
        }
        let stamp = match self.stamp {
            Some(stamp) => stamp,
            None => Stamp::now()?,
        };
        AccessToken::from_credentials(
            app_id,
            app_certificate,
            stamp.issue_ts,
            token_expire_secs,
            stamp.salt,
        )
        .with_service(service)
        .build()
    }
}

fn role_privileges(role: Role, expire_secs: u32) -> Vec<(RtcPrivilege, u32)> {
    match role {
        Role::Publisher => RtcPrivilege::ALL
            .iter()
            .map(|&p| (p, expire_secs))
            .collect(),
        Role::Subscriber => vec![(RtcPrivilege::JoinChannel, expire_secs)],
    }
}

fn explicit_privileges(expiry: PrivilegeExpiry) -> Vec<(RtcPrivilege, u32)> {
    RtcPrivilege::ALL
        .iter()
        .map(|&p| (p, expiry.get(p)))
        .collect()
}

/// [`RtcTokenBuilder::build_token_with_uid`] with the current time and a random salt.
pub fn build_token_with_uid(
    app_id: &str,
    app_certificate: &str,
    channel_name: &str,
    uid: u32,
    role: Role,
    token_expire_secs: u32,
    privilege_expire_secs: u32,
) -> Result<String, TokenError> {
    RtcTokenBuilder::new().build_token_with_uid(
        app_id,
        app_certificate,
        channel_name,
        uid,
        role,
        token_expire_secs,
        privilege_expire_secs,
    )
}

/// [`RtcTokenBuilder::build_token_with_user_account`] with the current time and a random salt.
pub fn build_token_with_user_account(
    app_id: &str,
    app_certificate: &str,
    channel_name: &str,
    account: &str,
    role: Role,
    token_expire_secs: u32,
    privilege_expire_secs: u32,
) -> Result<String, TokenError> {
    RtcTokenBuilder::new().build_token_with_user_account(
        app_id,
        app_certificate,
        channel_name,
        account,
        role,
        token_expire_secs,
        privilege_expire_secs,
    )
}
