//! The optional pre-flight before a start: who is in the channel (Channel Management), and what
//! that means for the recording. Warnings only: the start stays the user's to send.

use agora_rest::channel::{ChannelUsers, ChannelWarning};
use agora_rest::codes::ChannelType;
use serde::Serialize;

use super::Engine;
use crate::error::{CoreError, CoreResult};
use crate::store::ProfileId;

/// What the channel check found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChannelCheck {
    pub cname: String,
    pub users: ChannelUsers,
    /// Who publishes (the hosts in live broadcasting, every user in communication).
    pub publishers: Vec<u32>,
    pub findings: Vec<ChannelFinding>,
}

/// One warning with what it means and what to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ChannelFinding {
    pub warning: ChannelWarning,
    pub message: String,
}

impl Engine {
    /// Asks Agora who is in `cname` and what a start with `channel_type` and recorder `uid`
    /// would run into there.
    pub async fn check_channel(
        &self,
        profile: ProfileId,
        cname: &str,
        channel_type: ChannelType,
        uid: Option<&str>,
    ) -> CoreResult<ChannelCheck> {
        let uid = match uid.map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => Some(u.parse::<u32>().map_err(|_| {
                CoreError::invalid("uid", "must be a decimal uid in 1..=4294967295")
            })?),
            None => None,
        };
        let (_, client) = self.client(profile).await?;
        let users = client.channel_users(cname).await?.body.data;
        let findings = users
            .preflight(channel_type, uid)
            .into_iter()
            .map(|w| ChannelFinding {
                message: w.message(),
                warning: w,
            })
            .collect();
        Ok(ChannelCheck {
            cname: cname.to_owned(),
            publishers: users.publishers(),
            users,
            findings,
        })
    }
}
