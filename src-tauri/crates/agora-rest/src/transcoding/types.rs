//! Cloud Transcoding request and response bodies.

use serde::{Deserialize, Serialize};

use crate::de::{lenient_i64, open_string_enum, Extra};
use crate::ids::{BuilderToken, TaskId};
use crate::secret::{SecretUrl, Sensitive};

/// `builderTokens` body (the transcoder's "acquire").
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BuilderTokenRequest {
    /// Up to 64 of `a-z A-Z 0-9 - _`; one live task per instanceId (409 otherwise).
    pub instance_id: String,
    /// The coming create's services (optional; newer docs list it).
    pub services: Option<Services>,
}

/// `builderTokens` answer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BuilderTokenResponse {
    /// The builder token: one task, valid 5 minutes.
    pub token_name: BuilderToken,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub create_ts: Option<i64>,
    #[serde(default)]
    pub instance_id: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Named for the operation; distinct type names keep the TypeScript export unambiguous.
pub type AcquireRequest = BuilderTokenRequest;
pub type AcquireResponse = BuilderTokenResponse;

/// Create and update body: `{ services: { cloudTranscoder: {...} } }`. Update sends the whole
/// create body again.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub services: Services,
}

pub type UpdateRequest = CreateRequest;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Services {
    pub cloud_transcoder: CloudTranscoder,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CloudTranscoder {
    pub service_type: ServiceType,
    pub config: TranscoderConfigEnvelope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ServiceType {
    #[default]
    #[serde(rename = "cloudTranscoderV2")]
    CloudTranscoderV2,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct TranscoderConfigEnvelope {
    pub transcoder: TranscoderConfig,
}

/// `config.transcoder`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscoderConfig {
    /// Seconds in [1, 86400]; default 300. Destroyed after every host has been gone this long.
    pub idle_timeout: Option<u32>,
    /// Unset: mix (composite). `single` or `heterogeneous-single`: at most one input of each kind.
    pub stream_process_mode: Option<StreamProcessMode>,
    pub audio_inputs: Option<Vec<AudioInput>>,
    pub video_inputs: Option<Vec<VideoInput>>,
    /// The docs mark it required, yet Agora's own audio-only example sends none: it is optional
    /// on the wire and required by validation whenever there is video.
    pub canvas: Option<Canvas>,
    /// Sent as `waterMarks` (every example and Agora's SDK); `watermarks` (the parameter table)
    /// is accepted on input.
    #[serde(
        rename = "waterMarks",
        alias = "watermarks",
        skip_serializing_if = "Option::is_none"
    )]
    pub water_marks: Option<Vec<WaterMark>>,
    pub outputs: Vec<Output>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum StreamProcessMode {
    /// RTC relay from channel to channel.
    #[serde(rename = "single")]
    Single,
    /// One input; input and output types may differ (RTC or CDN).
    #[serde(rename = "heterogeneous-single")]
    HeterogeneousSingle,
}

/// An RTC source or destination.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rtc {
    pub rtc_channel: String,
    /// A number here (recording uids are strings). 0 in an audio input mixes the whole channel.
    pub rtc_uid: u32,
    /// Inputs: a token for uid 0. Outputs: a token for `rtcUid`.
    pub rtc_token: Option<Sensitive<String>>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AudioInput {
    pub rtc: Option<Rtc>,
    /// A CDN source instead of RTC.
    pub stream_url: Option<SecretUrl>,
    /// 0–200; default 100 (CDN sources).
    pub volume: Option<u32>,
    /// 1 (default), -1 to loop, or n times; never 0 (CDN sources).
    pub repeat: Option<i32>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoInput {
    pub rtc: Option<Rtc>,
    pub stream_url: Option<SecretUrl>,
    pub repeat: Option<i32>,
    /// jpg or png shown while the user is offline.
    pub placeholder_image_url: Option<SecretUrl>,
    pub region: Option<Region>,
}

impl TranscoderConfig {
    /// The inputs' RTC sources: audio inputs, then video inputs.
    pub fn input_rtcs_mut(&mut self) -> impl Iterator<Item = &mut Rtc> {
        let TranscoderConfig {
            audio_inputs,
            video_inputs,
            ..
        } = self;
        let audio = audio_inputs
            .iter_mut()
            .flatten()
            .filter_map(|i| i.rtc.as_mut());
        let video = video_inputs
            .iter_mut()
            .flatten()
            .filter_map(|i| i.rtc.as_mut());
        audio.chain(video)
    }

    /// Every RTC source and destination: the inputs', then the outputs'.
    pub fn rtcs_mut(&mut self) -> impl Iterator<Item = &mut Rtc> {
        let TranscoderConfig {
            audio_inputs,
            video_inputs,
            outputs,
            ..
        } = self;
        let audio = audio_inputs
            .iter_mut()
            .flatten()
            .filter_map(|i| i.rtc.as_mut());
        let video = video_inputs
            .iter_mut()
            .flatten()
            .filter_map(|i| i.rtc.as_mut());
        audio
            .chain(video)
            .chain(outputs.iter_mut().filter_map(|o| o.rtc.as_mut()))
    }

    /// Every RTC source and destination, read only.
    pub fn rtcs(&self) -> impl Iterator<Item = &Rtc> {
        let audio = self
            .audio_inputs
            .iter()
            .flatten()
            .filter_map(|i| i.rtc.as_ref());
        let video = self
            .video_inputs
            .iter()
            .flatten()
            .filter_map(|i| i.rtc.as_ref());
        audio
            .chain(video)
            .chain(self.outputs.iter().filter_map(|o| o.rtc.as_ref()))
    }
}

/// A rectangle on the canvas, in pixels from its top-left corner.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Region {
    /// 0–3840.
    pub x: u32,
    /// 0–3840.
    pub y: u32,
    /// 120–3840.
    pub width: u32,
    /// 120–3840.
    pub height: u32,
    /// Video inputs 2–100 (2 is just above the placeholder layer); watermarks 0–100.
    pub z_order: Option<u32>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Canvas {
    /// 120–3840.
    pub width: u32,
    /// 120–3840.
    pub height: u32,
    /// RGB as a decimal integer, 0–16777215 (0 black, 255 blue).
    pub color: Option<u32>,
    pub background_image: Option<SecretUrl>,
    pub fill_mode: Option<FillMode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum FillMode {
    /// Scale and centre-crop (default).
    Fill,
    /// Scale to show the whole image.
    Fit,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WaterMark {
    /// jpg or png.
    pub image_url: SecretUrl,
    pub region: Region,
    pub fill_mode: Option<FillMode>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Output {
    pub rtc: Option<Rtc>,
    /// CDN destination instead of RTC; its path ends in the stream key.
    pub stream_url: Option<SecretUrl>,
    pub audio_option: Option<AudioOption>,
    /// Left out for an audio-only task.
    pub video_option: Option<VideoOption>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AudioOption {
    pub profile_type: Option<AudioProfileType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AudioProfileType {
    /// 48 kHz, music, mono, 64 Kbps.
    AudioProfileDefault,
    /// 32 kHz, speech, mono, 18 Kbps.
    AudioProfileSpeechStandard,
    /// 48 kHz, music, mono, 64 Kbps.
    AudioProfileMusicStandard,
    /// 48 kHz, music, stereo, 80 Kbps.
    AudioProfileMusicStandardStereo,
    /// 48 kHz, music, mono, 96 Kbps.
    AudioProfileMusicHighQuality,
    /// 48 kHz, music, stereo, 128 Kbps.
    AudioProfileMusicHighQualityStereo,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VideoOption {
    /// 120–3840 (at most 1920 × 1080 in practice).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Kbps, 1–10000; chosen automatically when left out.
    pub bitrate: Option<u32>,
    pub codec: Option<VideoCodec>,
    /// 1–30; default 15.
    pub fps: Option<u32>,
    /// `RAW`: pass through without transcoding (one video input only).
    pub mode: Option<VideoMode>,
    /// Extra-cost feature ("contact sales"); default false.
    pub low_bitrate_high_quality: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum VideoCodec {
    #[serde(rename = "H264")]
    H264,
    #[serde(rename = "VP8")]
    Vp8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum VideoMode {
    #[serde(rename = "RAW")]
    Raw,
}

/// The only `updateMask` Agora documents: a full replace of the config.
pub const UPDATE_MASK: &str = "services.cloudTranscoder.config";

/// Create, query and delete answer with the task.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TaskResponse {
    pub task_id: TaskId,
    /// Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub create_ts: Option<i64>,
    pub status: TaskStatus,
    #[serde(default)]
    pub services: Option<TaskServices>,
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence_id: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TaskServices {
    #[serde(default)]
    pub cloud_transcoder: Option<TaskServiceState>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TaskServiceState {
    #[serde(default)]
    pub service_type: Option<String>,
    #[serde(default)]
    pub status: Option<ServiceStatus>,
    /// The config as Agora holds it.
    #[serde(default)]
    pub config: Option<serde_json::Value>,
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub create_ts: Option<i64>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub details: Option<serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

open_string_enum!(
    /// A task's `status`.
    TaskStatus / TaskStatusKnown {
        Idle = "IDLE",
        /// Start request received.
        Prepared = "PREPARED",
        Starting = "STARTING",
        /// Initialisation done.
        Created = "CREATED",
        Started = "STARTED",
        InProgress = "IN_PROGRESS",
        Stopping = "STOPPING",
        Stopped = "STOPPED",
        /// Normal exit.
        Exit = "EXIT",
        /// Abnormal exit.
        FailureStop = "FAILURE_STOP",
    }
);

impl TaskStatus {
    /// A successful start shows STARTED or IN_PROGRESS.
    pub fn is_running(&self) -> bool {
        matches!(
            self.known(),
            Some(TaskStatusKnown::Started | TaskStatusKnown::InProgress)
        )
    }

    pub fn is_ended(&self) -> bool {
        matches!(
            self.known(),
            Some(TaskStatusKnown::Stopped | TaskStatusKnown::Exit | TaskStatusKnown::FailureStop)
        )
    }
}

open_string_enum!(
    /// `services.cloudTranscoder.status` (meant for Agora support).
    ServiceStatus / ServiceStatusKnown {
        Idle = "serviceIdle",
        Ready = "serviceReady",
        Started = "serviceStarted",
        InProgress = "serviceInProgress",
        Completed = "serviceCompleted",
        PartialCompleted = "servicePartialCompleted",
        ValidationFailed = "serviceValidationFailed",
        Abnormal = "serviceAbnormal",
        Unknown = "serviceUnknown",
    }
);

/// What each documented value means, for pickers and status lines (one source for the labels).
pub mod labels {
    use super::*;

    /// Every audio profile with its sample rate, coding, channels and top bitrate.
    pub const AUDIO_PROFILES: [(AudioProfileType, &str); 6] = [
        (
            AudioProfileType::AudioProfileDefault,
            "Default: 48 kHz, music, mono, 64 Kbps",
        ),
        (
            AudioProfileType::AudioProfileSpeechStandard,
            "Speech: 32 kHz, speech, mono, 18 Kbps",
        ),
        (
            AudioProfileType::AudioProfileMusicStandard,
            "Music: 48 kHz, music, mono, 64 Kbps",
        ),
        (
            AudioProfileType::AudioProfileMusicStandardStereo,
            "Music stereo: 48 kHz, music, stereo, 80 Kbps",
        ),
        (
            AudioProfileType::AudioProfileMusicHighQuality,
            "Music HQ: 48 kHz, music, mono, 96 Kbps",
        ),
        (
            AudioProfileType::AudioProfileMusicHighQualityStereo,
            "Music HQ stereo: 48 kHz, music, stereo, 128 Kbps",
        ),
    ];

    pub const VIDEO_CODECS: [(VideoCodec, &str); 2] =
        [(VideoCodec::H264, "H.264"), (VideoCodec::Vp8, "VP8")];

    pub const FILL_MODES: [(FillMode, &str); 2] = [
        (FillMode::Fill, "FILL: scale and centre-crop (default)"),
        (FillMode::Fit, "FIT: scale to show everything"),
    ];

    pub const STREAM_PROCESS_MODES: [(StreamProcessMode, &str); 2] = [
        (
            StreamProcessMode::Single,
            "single: relay one RTC input to RTC",
        ),
        (
            StreamProcessMode::HeterogeneousSingle,
            "heterogeneous-single: one input, RTC or CDN out",
        ),
    ];

    pub const VIDEO_MODES: [(VideoMode, &str); 1] =
        [(VideoMode::Raw, "RAW: pass through, not transcoded")];

    /// A task status in words.
    pub fn task_status(s: TaskStatusKnown) -> &'static str {
        match s {
            TaskStatusKnown::Idle => "idle",
            TaskStatusKnown::Prepared => "start request received",
            TaskStatusKnown::Starting => "starting",
            TaskStatusKnown::Created => "initialization done",
            TaskStatusKnown::Started => "started",
            TaskStatusKnown::InProgress => "transcoding",
            TaskStatusKnown::Stopping => "stopping",
            TaskStatusKnown::Stopped => "stopped",
            TaskStatusKnown::Exit => "exited normally",
            TaskStatusKnown::FailureStop => "exited abnormally",
        }
    }
}
