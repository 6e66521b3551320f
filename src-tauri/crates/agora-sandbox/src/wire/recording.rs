//! What the sandbox reads from Cloud Recording bodies once they fit the schema, and the
//! documented rules that span several fields (§1.3–1.8). Only what a rule of the reference
//! refuses is refused; the rest is Agora's to ignore.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::recording_schema::LAYOUT_KEYS;
use super::schema::{Problem, ALL_STREAMS};

/// The `{mode}` path segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Individual,
    Mix,
    Web,
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "individual" => Ok(Mode::Individual),
            "mix" => Ok(Mode::Mix),
            "web" => Ok(Mode::Web),
            other => Err(format!(
                "{other:?} is not a mode: use individual, mix or web"
            )),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Individual => "individual",
            Mode::Mix => "mix",
            Mode::Web => "web",
        })
    }
}

/// `clientRequest.scene` values.
pub const SCENE_REAL_TIME: u8 = 0;
pub const SCENE_WEB: u8 = 1;
pub const SCENE_POSTPONED: u8 = 2;

/// `streamTypes` values.
pub const AUDIO_ONLY: u8 = 0;
pub const VIDEO_ONLY: u8 = 1;
pub const AUDIO_AND_VIDEO: u8 = 2;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<C> {
    pub cname: String,
    pub uid: String,
    pub client_request: C,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AcquireClient {
    pub scene: u8,
    pub resource_expired_hour: Option<u32>,
    pub start_parameter: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StartClient {
    pub token: Option<String>,
    pub apps_collection: Option<Map<String, Value>>,
    pub transcode_options: Option<Value>,
    pub recording_config: Option<RecordingConfig>,
    pub recording_file_config: Option<RecordingFileConfig>,
    pub snapshot_config: Option<Value>,
    pub storage_config: Option<StorageConfig>,
    pub extension_service_config: Option<ExtensionServiceConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecordingConfig {
    pub channel_type: u8,
    pub decryption_mode: Option<u8>,
    pub secret: Option<String>,
    pub salt: Option<String>,
    pub max_idle_time: Option<u32>,
    pub stream_types: Option<u8>,
    pub subscribe_audio_uids: Option<Vec<String>>,
    pub unsubscribe_audio_uids: Option<Vec<String>>,
    pub subscribe_video_uids: Option<Vec<String>>,
    pub unsubscribe_video_uids: Option<Vec<String>>,
    pub subscribe_uid_group: Option<u8>,
    pub stream_mode: Option<String>,
    pub audio_profile: Option<u8>,
    pub transcoding_config: Option<Map<String, Value>>,
}

impl RecordingConfig {
    pub fn stream_types(&self) -> u8 {
        self.stream_types.unwrap_or(AUDIO_AND_VIDEO)
    }

    /// The layout part of `transcodingConfig`, as `updateLayout` would send it.
    pub fn layout(&self) -> Option<Map<String, Value>> {
        self.transcoding_config.as_ref().map(|t| {
            t.iter()
                .filter(|(k, _)| LAYOUT_KEYS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecordingFileConfig {
    pub av_file_type: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageConfig {
    pub vendor: i64,
    pub bucket: String,
    pub access_key: String,
    pub secret_key: String,
    pub sts_token: Option<String>,
    pub sts_expiration: Option<u64>,
    pub extension_params: Option<Map<String, Value>>,
    pub file_name_prefix: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionServiceConfig {
    pub extension_services: Vec<ExtensionService>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionService {
    pub service_name: String,
    pub service_param: ServiceParam,
}

/// The keys of both web services' `serviceParam` that the sandbox acts on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ServiceParam {
    pub video_width: Option<u32>,
    pub video_height: Option<u32>,
    pub max_recording_hour: Option<u32>,
    pub onhold: Option<bool>,
    pub outputs: Option<Vec<RtmpOutput>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RtmpOutput {
    pub rtmp_url: String,
}

pub const WEB_RECORDER: &str = "web_recorder_service";
pub const RTMP_PUBLISH: &str = "rtmp_publish_service";

impl StartClient {
    fn services(&self, name: &'static str) -> impl Iterator<Item = &ExtensionService> {
        self.extension_service_config
            .iter()
            .flat_map(|e| &e.extension_services)
            .filter(move |s| s.service_name == name)
    }

    pub fn web_recorder(&self) -> Option<&ServiceParam> {
        self.services(WEB_RECORDER).next().map(|s| &s.service_param)
    }

    pub fn rtmp_urls(&self) -> Vec<String> {
        self.services(RTMP_PUBLISH)
            .flat_map(|s| s.service_param.outputs.iter().flatten())
            .map(|o| o.rtmp_url.clone())
            .collect()
    }

    pub fn av_file_types(&self) -> Vec<String> {
        self.recording_file_config
            .as_ref()
            .and_then(|f| f.av_file_type.clone())
            .unwrap_or_else(|| vec!["hls".to_owned()])
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdateClient {
    pub stream_subscribe: Option<StreamSubscribe>,
    pub web_recording_config: Option<WebRecordingUpdate>,
    pub rtmp_publish_config: Option<RtmpPublishUpdate>,
    pub storage_config: Option<StorageConfig>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StreamSubscribe {
    pub audio_uid_list: Option<UidLists>,
    pub video_uid_list: Option<UidLists>,
}

/// One medium's lists, read under the names of either medium.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UidLists {
    #[serde(alias = "subscribeAudioUids", alias = "subscribeVideoUids")]
    pub subscribe: Option<Vec<String>>,
    #[serde(alias = "unsubscribeAudioUids", alias = "unsubscribeVideoUids")]
    pub unsubscribe: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WebRecordingUpdate {
    pub onhold: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RtmpPublishUpdate {
    pub outputs: Vec<RtmpOutput>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StopClient {
    pub async_stop: bool,
}

/// Collects problems under `clientRequest.…`.
#[derive(Default)]
struct Rules(Vec<Problem>);

impl Rules {
    fn fail(&mut self, path: &str, rule: impl Into<String>) {
        self.0.push(Problem {
            path: if path.is_empty() {
                "clientRequest".to_owned()
            } else {
                format!("clientRequest.{path}")
            },
            rule: rule.into(),
        });
    }

    fn done(self) -> Result<(), Vec<Problem>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// The RTC channel-name rule (legacy code 1013): under 64 bytes of `a-z A-Z 0-9`, space and
/// ``! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,``.
pub fn rtc_channel_name_ok(cname: &str) -> bool {
    const PUNCTUATION: &str = " !#$%&()+-:;<=.>?@[]^_{}|~,";
    !cname.is_empty()
        && cname.len() < 64
        && cname
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || PUNCTUATION.contains(c))
}

fn both_lists(r: &mut Rules, path: &str, sub: bool, unsub: bool, medium: &str) {
    if sub && unsub {
        r.fail(
            path,
            format!("subscribe{medium}Uids and unsubscribe{medium}Uids cannot be combined"),
        );
    }
}

/// `start`'s cross-field rules in `mode` (§1.4).
pub fn start_rules(c: &StartClient, mode: Mode) -> Result<(), Vec<Problem>> {
    let mut r = Rules::default();
    match (mode, &c.recording_config) {
        (Mode::Individual | Mode::Mix, None) => r.fail("recordingConfig", "is required"),
        (Mode::Individual | Mode::Mix, Some(rc)) => recording_config_rules(&mut r, rc, mode),
        (Mode::Web, _) => {}
    }
    let postponed = c.transcode_options.is_some()
        || c.apps_collection
            .as_ref()
            .and_then(|a| a.get("combinationPolicy"))
            .and_then(Value::as_str)
            == Some("postpone_transcoding");
    if postponed && mode != Mode::Individual {
        r.fail(
            "appsCollection",
            "postponed transcoding and audio mixing work only in individual mode",
        );
    }
    let snapshots = c.snapshot_config.is_some();
    if snapshots {
        if mode != Mode::Individual {
            r.fail("snapshotConfig", "works only in individual mode");
        }
        if let Some(rc) = &c.recording_config {
            if rc.stream_types() == AUDIO_ONLY {
                r.fail(
                    "recordingConfig.streamTypes",
                    "snapshots need video: use 1 or 2",
                );
            }
            if rc.subscribe_audio_uids.is_some() && rc.subscribe_video_uids.is_none() {
                r.fail(
                    "recordingConfig.subscribeVideoUids",
                    "is required with snapshots when subscribeAudioUids is set",
                );
            }
        }
    }
    match &c.recording_file_config {
        None if !snapshots => r.fail("recordingFileConfig", "is required"),
        None => {}
        Some(_) => {
            let av = c.av_file_types();
            let hls_only = av == ["hls"];
            let hls_mp4 = av.len() == 2 && av.contains(&"hls".into()) && av.contains(&"mp4".into());
            if mode == Mode::Individual && !hls_only {
                r.fail(
                    "recordingFileConfig.avFileType",
                    "must be [\"hls\"] in individual mode",
                );
            } else if !(hls_only || hls_mp4) {
                r.fail(
                    "recordingFileConfig.avFileType",
                    "must be [\"hls\"] or [\"hls\",\"mp4\"]",
                );
            }
        }
    }
    if let Some(s) = &c.storage_config {
        storage_rules(&mut r, s, "storageConfig");
    }
    if mode == Mode::Web {
        web_rules(&mut r, c);
    }
    r.done()
}

fn recording_config_rules(r: &mut Rules, rc: &RecordingConfig, mode: Mode) {
    let dm = rc.decryption_mode.unwrap_or(0);
    if dm != 0 && rc.secret.as_deref().is_none_or(str::is_empty) {
        r.fail(
            "recordingConfig.secret",
            format!("is required with decryptionMode {dm}"),
        );
    }
    if matches!(dm, 7 | 8) && rc.salt.as_deref().is_none_or(str::is_empty) {
        r.fail(
            "recordingConfig.salt",
            format!("is required with decryptionMode {dm}"),
        );
    }
    both_lists(
        r,
        "recordingConfig",
        rc.subscribe_audio_uids.is_some(),
        rc.unsubscribe_audio_uids.is_some(),
        "Audio",
    );
    both_lists(
        r,
        "recordingConfig",
        rc.subscribe_video_uids.is_some(),
        rc.unsubscribe_video_uids.is_some(),
        "Video",
    );
    if rc.stream_mode.as_deref() == Some("original") && rc.stream_types() != AUDIO_ONLY {
        r.fail(
            "recordingConfig.streamMode",
            "\"original\" records audio only: streamTypes must be 0",
        );
    }
    if mode == Mode::Individual {
        if rc.subscribe_uid_group.is_none() {
            r.fail(
                "recordingConfig.subscribeUidGroup",
                "is required in individual mode",
            );
        }
        if rc.audio_profile.is_some() {
            r.fail(
                "recordingConfig.audioProfile",
                "cannot be set in individual mode",
            );
        }
    }
    if let Some(t) = &rc.transcoding_config {
        let side = |k: &str| t.get(k).and_then(Value::as_u64);
        let (w, h) = (side("width").unwrap_or(360), side("height").unwrap_or(640));
        if w * h > 1920 * 1080 {
            r.fail(
                "recordingConfig.transcodingConfig",
                format!("width × height must be at most 1920 × 1080, got {w} × {h}"),
            );
        }
        layout_rules(r, t, "recordingConfig.transcodingConfig.");
    }
}

/// `backgroundColor` is `#RRGGBB`.
fn layout_rules(r: &mut Rules, layout: &Map<String, Value>, prefix: &str) {
    if let Some(c) = layout.get("backgroundColor").and_then(Value::as_str) {
        let ok =
            c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if !ok {
            r.fail(
                &format!("{prefix}backgroundColor"),
                "must be \"#RRGGBB\" (a # and 6 hex digits)",
            );
        }
    }
}

fn storage_rules(r: &mut Rules, s: &StorageConfig, at: &str) {
    let sts = (s.sts_token.is_some(), s.sts_expiration.is_some());
    if sts != (false, false) && !matches!(s.vendor, 1..=3) {
        r.fail(
            &format!("{at}.stsToken"),
            "temporary credentials work only with vendors 1, 2 and 3",
        );
    }
    if sts.0 != sts.1 {
        r.fail(
            &format!("{at}.stsExpiration"),
            "stsToken and stsExpiration go together",
        );
    }
    let endpoint = s
        .extension_params
        .as_ref()
        .and_then(|p| p.get("endpoint"))
        .and_then(Value::as_str)
        .is_some_and(|e| !e.is_empty());
    if s.vendor == 11 && !endpoint {
        r.fail(
            &format!("{at}.extensionParams.endpoint"),
            "is required for vendor 11 (S3-compatible)",
        );
    }
    if let Some(prefix) = &s.file_name_prefix {
        for (i, part) in prefix.iter().enumerate() {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                r.fail(
                    &format!("{at}.fileNamePrefix.{i}"),
                    "may hold only a-z, A-Z and 0-9",
                );
            }
        }
        let joined: usize = prefix.iter().map(|p| p.len() + 1).sum();
        if joined > 128 {
            r.fail(
                &format!("{at}.fileNamePrefix"),
                format!("joined with slashes must be at most 128 characters, got {joined}"),
            );
        }
    }
}

fn rtmp_rules(r: &mut Rules, urls: &[String], at: &str) {
    if urls.len() > 1 {
        r.fail(at, "may hold only one CDN stream at a time");
    }
    for (i, url) in urls.iter().enumerate() {
        if !(url.starts_with("rtmp://") || url.starts_with("rtmps://")) {
            r.fail(
                &format!("{at}.{i}.rtmpUrl"),
                "must be an rtmp:// or rtmps:// URL",
            );
        }
    }
}

fn web_rules(r: &mut Rules, c: &StartClient) {
    let Some(p) = c.web_recorder() else {
        r.fail(
            "extensionServiceConfig",
            "needs a web_recorder_service in web mode",
        );
        return;
    };
    let (w, h) = (
        u64::from(p.video_width.unwrap_or_default()),
        u64::from(p.video_height.unwrap_or_default()),
    );
    if w * h > 1920 * 1080 {
        r.fail(
            "extensionServiceConfig.extensionServices",
            format!("videoWidth × videoHeight must be at most 1920 × 1080, got {w} × {h}"),
        );
    }
    rtmp_rules(
        r,
        &c.rtmp_urls(),
        "extensionServiceConfig.extensionServices.serviceParam.outputs",
    );
}

/// `update`'s rules in `mode` (§1.6).
pub fn update_rules(c: &UpdateClient, mode: Mode) -> Result<(), Vec<Problem>> {
    let mut r = Rules::default();
    if c.stream_subscribe.is_none()
        && c.web_recording_config.is_none()
        && c.rtmp_publish_config.is_none()
        && c.storage_config.is_none()
    {
        r.fail(
            "",
            "has nothing to update: set streamSubscribe, webRecordingConfig, rtmpPublishConfig or storageConfig",
        );
    }
    if let Some(s) = &c.stream_subscribe {
        if mode == Mode::Web {
            r.fail("streamSubscribe", "is for individual and mix modes");
        }
        for (list, medium, key) in [
            (&s.audio_uid_list, "Audio", "audioUidList"),
            (&s.video_uid_list, "Video", "videoUidList"),
        ] {
            if let Some(l) = list {
                both_lists(
                    &mut r,
                    &format!("streamSubscribe.{key}"),
                    l.subscribe.is_some(),
                    l.unsubscribe.is_some(),
                    medium,
                );
            }
        }
    }
    if c.web_recording_config.is_some() && mode != Mode::Web {
        r.fail("webRecordingConfig", "is for web mode");
    }
    if let Some(p) = &c.rtmp_publish_config {
        if mode != Mode::Web {
            r.fail("rtmpPublishConfig", "is for web mode");
        }
        let urls: Vec<String> = p.outputs.iter().map(|o| o.rtmp_url.clone()).collect();
        rtmp_rules(&mut r, &urls, "rtmpPublishConfig.outputs");
    }
    if let Some(s) = &c.storage_config {
        storage_rules(&mut r, s, "storageConfig");
    }
    r.done()
}

/// `updateLayout`'s rules (§1.7).
pub fn layout_update_rules(layout: &Map<String, Value>) -> Result<(), Vec<Problem>> {
    let mut r = Rules::default();
    layout_rules(&mut r, layout, "");
    r.done()
}

/// Whether a subscribe list names every uid.
pub fn is_all(list: &[String]) -> bool {
    list.iter().any(|u| u == ALL_STREAMS)
}
