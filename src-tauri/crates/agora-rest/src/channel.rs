//! Channel Management's user list, `GET /dev/v1/channel/user/{appid}/{channelName}`, and the
//! pre-flight a start can run with it: the failures users report most ("404 failed to find
//! worker" and code 435 at maxIdleTime) come from a channel where nobody publishes, a channel
//! profile that does not match `channelType`, or a recorder uid already taken.

use serde::{Deserialize, Serialize};

use crate::codes::ChannelType;
use crate::de::Extra;

/// The answer: `{success, data}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChannelUsersResponse {
    #[serde(default)]
    pub success: bool,
    #[serde(default)]
    pub data: ChannelUsers,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who is in a channel. When `channel_exist` is false no other field is sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChannelUsers {
    #[serde(default)]
    pub channel_exist: bool,
    /// The channel profile: 1 communication, 2 live broadcasting.
    #[serde(default)]
    pub mode: Option<u8>,
    /// Communication: how many users, and their uids.
    #[serde(default)]
    pub total: Option<u32>,
    #[serde(default)]
    pub users: Option<Vec<u32>>,
    /// Live broadcasting: the hosts, the first 10,000 audience members, and how many there are.
    #[serde(default)]
    pub broadcasters: Option<Vec<u32>>,
    #[serde(default)]
    pub audience: Option<Vec<u32>>,
    #[serde(default)]
    pub audience_total: Option<u32>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Channel Management's `mode` values.
pub const MODE_COMMUNICATION: u8 = 1;
pub const MODE_LIVE_BROADCASTING: u8 = 2;

/// The `mode` a channel with this `channelType` has: 0 ↔ 1, 1 ↔ 2.
pub fn mode_of(channel_type: ChannelType) -> u8 {
    if channel_type == ChannelType::COMMUNICATION {
        MODE_COMMUNICATION
    } else {
        MODE_LIVE_BROADCASTING
    }
}

/// What the pre-flight found; warnings only: the start is the user's to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ChannelWarning {
    /// Nobody is in the channel (it does not exist yet).
    ChannelEmpty,
    /// Users are there, but none publishes (live: no host).
    NobodyPublishing,
    /// The channel's profile is not the one `channelType` says.
    ModeMismatch { channel_mode: u8, channel_type: u8 },
    /// The recorder's uid is already in the channel.
    UidTaken { uid: u32 },
}

impl ChannelWarning {
    /// What it means for the recording, and what to do.
    pub fn message(&self) -> String {
        match self {
            ChannelWarning::ChannelEmpty => "Nobody is in this channel yet: the recording waits for a publisher and \
                 ends at maxIdleTime with code 435 if none joins (a query soon after start may answer \
                 404 \"failed to find worker\"). Check the channel name, or start the publishers first."
                .into(),
            ChannelWarning::NobodyPublishing => "The channel has users but no host publishing: the recording ends at \
                 maxIdleTime with code 435 unless someone starts publishing."
                .into(),
            ChannelWarning::ModeMismatch {
                channel_mode,
                channel_type,
            } => format!(
                "The channel is in {} mode, but recordingConfig.channelType is {channel_type} ({}): the \
                 recorder would not see the streams. Use channelType {}.",
                mode_name(*channel_mode),
                ChannelType(*channel_type).label().unwrap_or("unknown"),
                if *channel_mode == MODE_COMMUNICATION { 0 } else { 1 },
            ),
            ChannelWarning::UidTaken { uid } => format!(
                "uid {uid} is already in the channel: the recorder would knock it out (or fail to join). \
                 Pick a uid nobody uses."
            ),
        }
    }
}

fn mode_name(mode: u8) -> &'static str {
    match mode {
        MODE_COMMUNICATION => "communication",
        MODE_LIVE_BROADCASTING => "live broadcasting",
        _ => "an unknown",
    }
}

impl ChannelUsers {
    /// Everyone in the channel, hosts and audience alike.
    pub fn everyone(&self) -> impl Iterator<Item = u32> + '_ {
        [&self.users, &self.broadcasters, &self.audience]
            .into_iter()
            .flatten()
            .flatten()
            .copied()
    }

    /// Who publishes: every user in communication mode, the hosts in live broadcasting.
    pub fn publishers(&self) -> Vec<u32> {
        match self.mode {
            Some(MODE_COMMUNICATION) => self.users.clone().unwrap_or_default(),
            _ => self.broadcasters.clone().unwrap_or_default(),
        }
    }

    /// The pre-flight for a start into this channel with `channel_type` and the recorder `uid`.
    pub fn preflight(&self, channel_type: ChannelType, uid: Option<u32>) -> Vec<ChannelWarning> {
        if !self.channel_exist {
            return vec![ChannelWarning::ChannelEmpty];
        }
        let mut out = Vec::new();
        if let Some(mode) = self.mode {
            if mode != mode_of(channel_type) {
                out.push(ChannelWarning::ModeMismatch {
                    channel_mode: mode,
                    channel_type: channel_type.0,
                });
            }
        }
        if self.publishers().is_empty() {
            out.push(ChannelWarning::NobodyPublishing);
        }
        if let Some(uid) = uid.filter(|u| self.everyone().any(|x| x == *u)) {
            out.push(ChannelWarning::UidTaken { uid });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(v: serde_json::Value) -> ChannelUsers {
        serde_json::from_value::<ChannelUsersResponse>(v)
            .unwrap()
            .data
    }

    #[test]
    fn the_documented_answers_read_and_warn_as_they_should() {
        let missing = users(serde_json::json!({"success": true, "data": {"channel_exist": false}}));
        assert_eq!(
            missing.preflight(ChannelType::LIVE_BROADCAST, Some(1)),
            [ChannelWarning::ChannelEmpty]
        );
        let live = users(
            serde_json::json!({"success": true, "data": {"channel_exist": true, "mode": 2,
            "broadcasters": [2206227541u32, 2845863044u32], "audience": [906218805], "audience_total": 1}}),
        );
        assert!(live
            .preflight(ChannelType::LIVE_BROADCAST, Some(527841))
            .is_empty());
        assert_eq!(
            live.preflight(ChannelType::COMMUNICATION, Some(906218805)),
            [
                ChannelWarning::ModeMismatch {
                    channel_mode: 2,
                    channel_type: 0
                },
                ChannelWarning::UidTaken { uid: 906218805 }
            ]
        );
        let audience_only = users(
            serde_json::json!({"success": true, "data": {"channel_exist": true, "mode": 2,
            "broadcasters": [], "audience": [7], "audience_total": 1}}),
        );
        assert_eq!(
            audience_only.preflight(ChannelType::LIVE_BROADCAST, None),
            [ChannelWarning::NobodyPublishing]
        );
        let call = users(
            serde_json::json!({"success": true, "data": {"channel_exist": true, "mode": 1, "total": 1, "users": [906218805]}}),
        );
        assert!(call
            .preflight(ChannelType::COMMUNICATION, Some(1))
            .is_empty());
        assert!(ChannelWarning::ChannelEmpty.message().contains("435"));
    }
}
