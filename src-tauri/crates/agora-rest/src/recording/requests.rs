//! Request bodies: every one is `{ cname, uid, clientRequest }`.

use serde::{Deserialize, Serialize};

use super::config::{RtmpOutput, StartClientRequest};
use super::storage::StorageConfig;
use crate::codes::{RegionAffinity, Scene};
use crate::ids::{ResourceId, Uid};

pub use super::config::LayoutSettings as UpdateLayoutClientRequest;

/// The envelope every Cloud Recording request body shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Envelope<C> {
    /// Channel name (individual, mix) or any session label (web, ≤ 1024 bytes).
    pub cname: String,
    /// The recording bot's uid: must not be used by anyone else in the channel.
    pub uid: Uid,
    pub client_request: C,
}

impl<C> Envelope<C> {
    pub fn new(cname: impl Into<String>, uid: Uid, client_request: C) -> Self {
        Self {
            cname: cname.into(),
            uid,
            client_request,
        }
    }
}

pub type AcquireRequest = Envelope<AcquireClientRequest>;
pub type StartRequest = Envelope<StartClientRequest>;
pub type UpdateRequest = Envelope<UpdateClientRequest>;
pub type UpdateLayoutRequest = Envelope<UpdateLayoutClientRequest>;
pub type StopRequest = Envelope<StopClientRequest>;

/// `acquire.clientRequest`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcquireClientRequest {
    /// 0 real-time (default), 1 web (required for web mode), 2 postponed transcoding (legacy).
    pub scene: Option<Scene>,
    /// Hours in [1, 720] the REST API stays usable after start; default 72.
    pub resource_expired_hour: Option<u32>,
    /// Confine the service to an area; storage must then be in the same area.
    pub region: Option<AcquireRegion>,
    /// Resource ids of other tasks whose region to avoid (cross-region redundancy).
    pub exclude_resource_ids: Option<Vec<ResourceId>>,
    /// Sent by Agora's SDK: which regions the service may use.
    pub region_affinity: Option<RegionAffinity>,
    /// A copy of the coming `start` clientRequest, for better scheduling. A bad one fails `start`.
    pub start_parameter: Option<StartClientRequest>,
}

/// `acquire.clientRequest.region`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum AcquireRegion {
    /// Mainland China.
    #[serde(rename = "CN")]
    Cn,
    /// Asia outside mainland China.
    #[serde(rename = "AP")]
    Ap,
    /// Europe.
    #[serde(rename = "EU")]
    Eu,
    /// North America.
    #[serde(rename = "NA")]
    Na,
}

/// `update.clientRequest`: change what a live session records.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateClientRequest {
    /// individual and mix.
    pub stream_subscribe: Option<StreamSubscribe>,
    /// web: pause or resume.
    pub web_recording_config: Option<WebRecordingUpdate>,
    /// web to CDN: replace the push URL.
    pub rtmp_publish_config: Option<RtmpPublishUpdate>,
    /// Rotate an expiring `stsToken` (same fields as in `start`).
    pub storage_config: Option<StorageConfig>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StreamSubscribe {
    pub audio_uid_list: Option<AudioUidList>,
    pub video_uid_list: Option<VideoUidList>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AudioUidList {
    pub subscribe_audio_uids: Option<Vec<Uid>>,
    #[serde(
        rename = "unSubscribeAudioUids",
        alias = "unsubscribeAudioUids",
        skip_serializing_if = "Option::is_none"
    )]
    pub unsubscribe_audio_uids: Option<Vec<Uid>>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoUidList {
    pub subscribe_video_uids: Option<Vec<Uid>>,
    #[serde(
        rename = "unSubscribeVideoUids",
        alias = "unsubscribeVideoUids",
        skip_serializing_if = "Option::is_none"
    )]
    pub unsubscribe_video_uids: Option<Vec<Uid>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct WebRecordingUpdate {
    /// true pauses (no slices are written), false resumes.
    pub onhold: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct RtmpPublishUpdate {
    /// At most one CDN stream.
    pub outputs: Vec<RtmpOutput>,
}

/// `stop.clientRequest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct StopClientRequest {
    /// false (default): answer once every file is uploaded (Agora allows ~20 s, then code 50).
    /// true: answer at once. Always sent, as in Agora's examples.
    #[serde(default)]
    pub async_stop: bool,
}
