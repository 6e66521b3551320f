//! The `start` request's `clientRequest` and everything inside it.
//!
//! JSON names are Agora's, field by field (it mixes `camelCase`, `snake_case` and `unSubscribe...`).
//! Optional fields are sent only when set: the Go SDK's habit of sending `streamTypes: 0` (audio
//! only!) and `alpha: 0` (invisible) is exactly what this avoids.

use serde::{Deserialize, Serialize};

use super::storage::StorageConfig;
use crate::codes::{
    AudioProfile, ChannelType, DecryptionMode, MixedVideoLayout, RenderMode, StreamTypes,
    SubscribeUidGroup, VideoStreamType,
};
use crate::ids::Uid;
use crate::secret::{SecretUrl, Sensitive};

/// `clientRequest` of `start` (and `acquire.clientRequest.startParameter`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartClientRequest {
    /// RTC token for the bot's uid (individual, mix). It cannot be renewed: it must outlive the recording.
    pub token: Option<Sensitive<String>>,
    /// individual and mix.
    pub recording_config: Option<RecordingConfig>,
    /// Required except for snapshot-only sessions.
    pub recording_file_config: Option<RecordingFileConfig>,
    /// individual only.
    pub snapshot_config: Option<SnapshotConfig>,
    pub storage_config: Option<StorageConfig>,
    /// web only.
    pub extension_service_config: Option<ExtensionServiceConfig>,
    /// Legacy (postponed transcoding / audio mixing, individual, `scene: 2`).
    pub apps_collection: Option<AppsCollection>,
    /// Legacy (postponed transcoding / audio mixing).
    pub transcode_options: Option<TranscodeOptions>,
}

/// `recordingConfig` (individual and mix).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordingConfig {
    /// Required by the current docs; must match the SDK's channel profile.
    pub channel_type: ChannelType,
    pub decryption_mode: Option<DecryptionMode>,
    /// Decryption key; required when `decryptionMode` is not 0.
    pub secret: Option<Sensitive<String>>,
    /// Base64 of 32 bytes; required for decryption modes 7 and 8.
    pub salt: Option<Sensitive<String>>,
    /// Seconds in [5, 2592000]; default 30 (Agora recommends about 300).
    pub max_idle_time: Option<u32>,
    /// Default 2 (audio and video).
    pub stream_types: Option<StreamTypes>,
    pub video_stream_type: Option<VideoStreamType>,
    pub subscribe_audio_uids: Option<Vec<Uid>>,
    /// Sent as `unSubscribeAudioUids` (Agora's SDK and subscription guide); the reference pages'
    /// `unsubscribeAudioUids` is accepted on input.
    #[serde(
        rename = "unSubscribeAudioUids",
        alias = "unsubscribeAudioUids",
        skip_serializing_if = "Option::is_none"
    )]
    pub unsubscribe_audio_uids: Option<Vec<Uid>>,
    pub subscribe_video_uids: Option<Vec<Uid>>,
    #[serde(
        rename = "unSubscribeVideoUids",
        alias = "unsubscribeVideoUids",
        skip_serializing_if = "Option::is_none"
    )]
    pub unsubscribe_video_uids: Option<Vec<Uid>>,
    /// Required in individual mode.
    pub subscribe_uid_group: Option<SubscribeUidGroup>,
    /// individual only.
    pub stream_mode: Option<StreamMode>,
    /// mix only.
    pub audio_profile: Option<AudioProfile>,
    /// mix only.
    pub transcoding_config: Option<TranscodingConfig>,
}

/// `recordingConfig.streamMode` (individual mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum StreamMode {
    /// Separate audio and video M3U8 per uid (audio transcoded, video not).
    Default,
    /// As default, plus a combined audio+video M3U8 (or MPD for VP8/VP9 web clients).
    Standard,
    /// Audio only (streamTypes 0), not transcoded.
    Original,
}

/// `recordingConfig.transcodingConfig` (mix mode): the composite's encoding and layout.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscodingConfig {
    /// Pixels; default 360. width × height ≤ 1920 × 1080.
    pub width: Option<u32>,
    /// Pixels; default 640.
    pub height: Option<u32>,
    /// Default 15.
    pub fps: Option<u32>,
    /// Kbps; default 500.
    pub bitrate: Option<u32>,
    /// The big window of the vertical layout (2).
    pub max_resolution_uid: Option<Uid>,
    /// Default 0 (floating).
    pub mixed_video_layout: Option<MixedVideoLayout>,
    /// `#RRGGBB`; default `#000000`.
    pub background_color: Option<String>,
    /// Canvas background image URL (JPG or BMP, ≤ 6 MB), cropped to fill.
    pub background_image: Option<SecretUrl>,
    /// Shown in a user's region 3.5 s after their video stops.
    pub default_user_background_image: Option<SecretUrl>,
    /// Up to 17 regions; used only with `mixedVideoLayout: 3`.
    pub layout_config: Option<Vec<LayoutRegion>>,
    /// Per-uid background images.
    pub background_config: Option<Vec<BackgroundConfig>>,
}

/// The layout half of `transcodingConfig`, which is also the whole `updateLayout` body.
/// (Spelled out in both rather than flattened: serde cannot reject unknown fields through a flatten.)
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LayoutSettings {
    /// The big window of the vertical layout (2).
    pub max_resolution_uid: Option<Uid>,
    /// Default 0 (floating).
    pub mixed_video_layout: Option<MixedVideoLayout>,
    /// `#RRGGBB`; default `#000000`.
    pub background_color: Option<String>,
    /// Canvas background image URL (JPG or BMP, ≤ 6 MB), cropped to fill.
    pub background_image: Option<SecretUrl>,
    /// Shown in a user's region 3.5 s after their video stops.
    pub default_user_background_image: Option<SecretUrl>,
    /// Up to 17 regions; used only with `mixedVideoLayout: 3`.
    pub layout_config: Option<Vec<LayoutRegion>>,
    /// Per-uid background images.
    pub background_config: Option<Vec<BackgroundConfig>>,
}

/// One region of a custom composite layout, in normalized [0, 1] canvas coordinates.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct LayoutRegion {
    /// Without a uid, regions are filled in join order.
    pub uid: Option<Uid>,
    /// Left edge in [0, 1] (6 decimals).
    pub x_axis: f64,
    /// Top edge in [0, 1].
    pub y_axis: f64,
    pub width: f64,
    pub height: f64,
    /// Opacity in [0, 1]; default 1.
    pub alpha: Option<f64>,
    /// Default 0 (crop).
    pub render_mode: Option<RenderMode>,
}

/// A per-uid background image (start and updateLayout).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct BackgroundConfig {
    pub uid: Uid,
    /// JPG or BMP, ≤ 6 MB, http(s). Often presigned: its query is a secret.
    pub image_url: SecretUrl,
    pub render_mode: Option<RenderMode>,
}

/// `recordingFileConfig`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordingFileConfig {
    /// Default `["hls"]`; `["hls", "mp4"]` in mix and web modes only.
    pub av_file_type: Option<Vec<AvFileType>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum AvFileType {
    /// M3U8 + TS.
    Hls,
    /// MP4 slices (about 2 h or 2 GB each in mix; `maxVideoDuration` in web).
    Mp4,
}

/// `snapshotConfig` (individual mode only).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SnapshotConfig {
    /// Seconds in [5, 3600]; default 10.
    pub capture_interval: Option<u32>,
    /// Only `["jpg"]`.
    pub file_type: Vec<SnapshotFileType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SnapshotFileType {
    Jpg,
}

/// `extensionServiceConfig` (web mode).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtensionServiceConfig {
    /// Only `error_abort` (the default).
    pub error_handle_policy: Option<ErrorHandlePolicy>,
    /// Legacy; default `"v1"`.
    pub api_version: Option<String>,
    pub extension_services: Vec<ExtensionService>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ErrorHandlePolicy {
    /// A failure stops the other services too.
    #[serde(rename = "error_abort")]
    Abort,
    /// A failure affects only this service (the CDN push's default).
    #[serde(rename = "error_ignore")]
    Ignore,
}

/// One extension service; `serviceName` selects the shape of `serviceParam`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "serviceName", deny_unknown_fields)]
pub enum ExtensionService {
    /// Record a web page.
    #[serde(rename = "web_recorder_service", rename_all = "camelCase")]
    WebRecorder {
        #[serde(skip_serializing_if = "Option::is_none")]
        error_handle_policy: Option<ErrorHandlePolicy>,
        service_param: WebRecorderParam,
    },
    /// Push the recorded page to a CDN over RTMP(S).
    #[serde(rename = "rtmp_publish_service", rename_all = "camelCase")]
    RtmpPublish {
        #[serde(skip_serializing_if = "Option::is_none")]
        error_handle_policy: Option<ErrorHandlePolicy>,
        service_param: RtmpPublishParam,
    },
}

/// `serviceParam` of `web_recorder_service`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WebRecorderParam {
    /// The page to record; its query often carries a session token.
    pub url: SecretUrl,
    pub audio_profile: AudioProfile,
    /// width × height ≤ 1920 × 1080.
    pub video_width: u32,
    pub video_height: u32,
    /// Hours in [1, 720]; the recording stops when reached.
    pub max_recording_hour: u32,
    /// Kbps in [50, 8000]; default 2000 at ≥ 1280×720, else 1500. Agora's Go SDK sends
    /// `VideoBitrate` (a bug); the documented `videoBitrate` is sent and both are accepted.
    #[serde(alias = "VideoBitrate")]
    pub video_bitrate: Option<u32>,
    /// [5, 60]; default 15.
    pub video_fps: Option<u32>,
    /// Mobile web rendering; default false.
    pub mobile: Option<bool>,
    /// Minutes per MP4 slice in [30, 240]; default 120.
    pub max_video_duration: Option<u32>,
    /// Open and render the page but write nothing until `update` sends `onhold: false`.
    pub onhold: Option<bool>,
    /// Seconds in [0, 60] to wait for the page's "loaded" signal; 0 = no detection.
    pub ready_timeout: Option<u32>,
}

/// `serviceParam` of `rtmp_publish_service` (and `update`'s `rtmpPublishConfig`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct RtmpPublishParam {
    /// One CDN stream at a time.
    pub outputs: Vec<RtmpOutput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RtmpOutput {
    /// `rtmp://` or `rtmps://`; the path after the application is the CDN's stream key.
    pub rtmp_url: SecretUrl,
}

/// Legacy `appsCollection` (postponed transcoding / audio mixing).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppsCollection {
    pub combination_policy: Option<CombinationPolicy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CombinationPolicy {
    Default,
    PostponeTranscoding,
}

/// Legacy `transcodeOptions` (postponed transcoding / audio mixing).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscodeOptions {
    pub trans_config: TransConfig,
    pub container: Option<Container>,
    pub audio: Option<PostponedAudio>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransConfig {
    pub trans_mode: TransMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TransMode {
    PostponeTranscoding,
    AudioMix,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Container {
    pub format: ContainerFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ContainerFormat {
    Mp4,
    Mp3,
    M4a,
    Aac,
}

/// Legacy audio-mix settings: numbers written as strings, as Agora documents them.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PostponedAudio {
    /// "48000" (default), "32000" or "16000".
    pub sample_rate: Option<String>,
    /// "48000".
    pub bitrate: Option<String>,
    /// "1" or "2" (default).
    pub channels: Option<String>,
}

impl LayoutSettings {
    /// The wire names of the layout fields (all of an updateLayout body, the layout half of a
    /// transcodingConfig). A test checks them against the type.
    pub const KEYS: &[&str] = &[
        "maxResolutionUid",
        "mixedVideoLayout",
        "backgroundColor",
        "backgroundImage",
        "defaultUserBackgroundImage",
        "layoutConfig",
        "backgroundConfig",
    ];
}

impl TranscodingConfig {
    /// The layout fields, as an `updateLayout` body would carry them.
    pub fn layout(&self) -> LayoutSettings {
        LayoutSettings {
            max_resolution_uid: self.max_resolution_uid.clone(),
            mixed_video_layout: self.mixed_video_layout,
            background_color: self.background_color.clone(),
            background_image: self.background_image.clone(),
            default_user_background_image: self.default_user_background_image.clone(),
            layout_config: self.layout_config.clone(),
            background_config: self.background_config.clone(),
        }
    }

    /// Replaces the layout fields, keeping the encoding ones.
    pub fn set_layout(&mut self, layout: LayoutSettings) {
        self.max_resolution_uid = layout.max_resolution_uid;
        self.mixed_video_layout = layout.mixed_video_layout;
        self.background_color = layout.background_color;
        self.background_image = layout.background_image;
        self.default_user_background_image = layout.default_user_background_image;
        self.layout_config = layout.layout_config;
        self.background_config = layout.background_config;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn layout_keys_are_exactly_the_layout_fields() {
        let full = LayoutSettings {
            max_resolution_uid: Some(Uid::from("1")),
            mixed_video_layout: Some(crate::codes::MixedVideoLayout(3)),
            background_color: Some("#000000".into()),
            background_image: Some("https://x/b.jpg".into()),
            default_user_background_image: Some("https://x/u.jpg".into()),
            layout_config: Some(Vec::new()),
            background_config: Some(Vec::new()),
        };
        let v = serde_json::to_value(full).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = LayoutSettings::KEYS.to_vec();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }

    #[test]
    fn extension_services_reject_unknown_keys_like_every_request_type() {
        let entry = json!({"serviceName": "rtmp_publish_service", "errorhandlePolicy": "error_ignore",
            "serviceParam": {"outputs": [{"rtmpUrl": "rtmp://x/y"}]}});
        let err = serde_json::from_value::<ExtensionService>(entry).unwrap_err();
        assert!(err.to_string().contains("errorhandlePolicy"), "{err}");
    }
}
