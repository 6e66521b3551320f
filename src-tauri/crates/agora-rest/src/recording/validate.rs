//! Cloud Recording's documented rules. Paths are dotted from the body's root.

use std::collections::HashSet;

use super::config::*;
use super::requests::*;
use super::storage::{storage_regions, StorageConfig};
use super::Mode;
use crate::codes::{
    AudioProfile, ChannelType, DecryptionMode, MixedVideoLayout, RegionAffinity, RenderMode, Scene,
    StreamTypes, SubscribeUidGroup, Vendor, VideoStreamType,
};
use crate::ids::{parse_uid, Uid};
use crate::limits;
use crate::validate::{
    errors_only, is_hex_color, rtc_channel_problem, uid_message, FieldError, Validator,
};

pub const MAX_REGIONS: usize = limits::MAX_REGIONS as usize;
pub const MAX_SUBSCRIBE_UIDS: usize = limits::MAX_SUBSCRIBE_UIDS as usize;
const EPSILON: f64 = 1e-6;

fn envelope<C>(v: &mut Validator, e: &Envelope<C>, mode: Mode) {
    if mode == Mode::Web {
        if e.cname.is_empty() {
            v.error("cname", "must not be empty");
        } else if e.cname.len() > limits::WEB_CNAME_MAX_BYTES {
            v.error(
                "cname",
                format!(
                    "must be at most {} bytes in web mode, got {}",
                    limits::WEB_CNAME_MAX_BYTES,
                    e.cname.len()
                ),
            );
        }
    } else if let Some(problem) = rtc_channel_problem(&e.cname) {
        v.error("cname", problem);
    }
    v.uid("uid", e.uid.as_str());
}

/// `acquire`. The body does not name the mode; `mode` is the recording it is for.
pub fn check_acquire(body: &AcquireRequest, mode: Mode) -> Vec<FieldError> {
    let mut v = Validator::new();
    envelope(&mut v, body, mode);
    v.at("clientRequest", |v| {
        let c = &body.client_request;
        let scene = c.scene.unwrap_or(Scene::REAL_TIME);
        v.known("scene", c.scene, scene.is_known(), Scene::describe_known);
        match (mode, scene) {
            (Mode::Web, s) if s != Scene::WEB => {
                v.error("scene", "must be 1 (web page recording) in web mode")
            }
            (Mode::Individual | Mode::Mix, Scene::WEB) => {
                v.error("scene", format!("1 is for web mode; use 0 in {mode} mode"))
            }
            (Mode::Mix, Scene::POSTPONED_TRANSCODING) => v.error(
                "scene",
                "2 (postponed transcoding) works only in individual mode",
            ),
            _ => {}
        }
        v.limit(
            "resourceExpiredHour",
            c.resource_expired_hour,
            limits::RESOURCE_EXPIRED_HOUR,
        );
        v.known(
            "regionAffinity",
            c.region_affinity,
            c.region_affinity.is_none_or(RegionAffinity::is_known),
            RegionAffinity::describe_known,
        );
        if let Some(ids) = &c.exclude_resource_ids {
            v.at("excludeResourceIds", |v| {
                for (i, id) in ids.iter().enumerate() {
                    v.at_index(i, |v| {
                        v.non_empty("", id.as_str());
                    });
                }
            });
        }
        if let Some(sp) = &c.start_parameter {
            // A copy of the coming start's clientRequest "for better scheduling": what it holds
            // must be valid, but the docs do not say it must hold everything.
            v.at("startParameter", |v| {
                v.partial(|v| start_client_request(v, sp, mode, Some(scene)))
            });
        }
    });
    v.report()
}

/// [`check_acquire`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_acquire(body: &AcquireRequest, mode: Mode) -> Result<(), Vec<FieldError>> {
    errors_only(check_acquire(body, mode))
}

/// `start`.
pub fn check_start(body: &StartRequest, mode: Mode) -> Vec<FieldError> {
    let mut v = Validator::new();
    envelope(&mut v, body, mode);
    v.at("clientRequest", |v| {
        start_client_request(v, &body.client_request, mode, None)
    });
    v.report()
}

/// [`check_start`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_start(body: &StartRequest, mode: Mode) -> Result<(), Vec<FieldError>> {
    errors_only(check_start(body, mode))
}

fn start_client_request(
    v: &mut Validator,
    c: &StartClientRequest,
    mode: Mode,
    scene: Option<Scene>,
) {
    if let Some(t) = &c.token {
        if t.is_empty() {
            v.error(
                "token",
                "must not be empty; leave it out when the App Certificate is off",
            );
        }
        if mode == Mode::Web {
            v.error("token", "is not used in web mode");
        }
    }
    match mode {
        Mode::Web => {
            v.forbidden(
                "recordingConfig",
                &c.recording_config,
                "in web mode (the page decides what is recorded)",
            );
            v.forbidden(
                "snapshotConfig",
                &c.snapshot_config,
                "in web mode (snapshots are individual mode only)",
            );
            if v.required(
                "extensionServiceConfig",
                &c.extension_service_config,
                "in web mode",
            ) {
                if let Some(e) = &c.extension_service_config {
                    v.at("extensionServiceConfig", |v| extension_service_config(v, e));
                }
            }
            v.required(
                "recordingFileConfig",
                &c.recording_file_config,
                "in web mode",
            );
        }
        Mode::Individual | Mode::Mix => {
            v.forbidden(
                "extensionServiceConfig",
                &c.extension_service_config,
                "outside web mode",
            );
            if v.required(
                "recordingConfig",
                &c.recording_config,
                &format!("in {mode} mode"),
            ) {
                if let Some(rc) = &c.recording_config {
                    v.at("recordingConfig", |v| {
                        recording_config(v, rc, mode, c.snapshot_config.is_some())
                    });
                }
            }
            if mode == Mode::Mix {
                v.forbidden(
                    "snapshotConfig",
                    &c.snapshot_config,
                    "in mix mode (snapshots are individual mode only)",
                );
            }
            if c.recording_file_config.is_none() && c.snapshot_config.is_none() {
                v.missing(
                    "recordingFileConfig",
                    "is required (it may be left out only for a snapshot-only session)",
                );
            }
        }
    }
    if let Some(f) = &c.recording_file_config {
        v.at("recordingFileConfig", |v| recording_file_config(v, f, mode));
    }
    if let Some(s) = &c.snapshot_config {
        v.at("snapshotConfig", |v| snapshot_config(v, s));
    }
    if let Some(s) = &c.storage_config {
        v.at("storageConfig", |v| storage_config(v, s));
    } else {
        v.missing(
            "storageConfig",
            "is required: Agora uploads the files to your storage",
        );
    }
    let postponed = c.transcode_options.is_some()
        || c.apps_collection
            .as_ref()
            .and_then(|a| a.combination_policy)
            == Some(CombinationPolicy::PostponeTranscoding);
    if postponed {
        if mode != Mode::Individual {
            v.error(
                "appsCollection",
                "postponed transcoding and audio mixing work only in individual mode",
            );
        }
        if scene.is_some_and(|s| s != Scene::POSTPONED_TRANSCODING) {
            v.error(
                "appsCollection",
                "needs scene 2 (postponed transcoding) in acquire",
            );
        }
    }
}

fn recording_config(v: &mut Validator, rc: &RecordingConfig, mode: Mode, snapshots: bool) {
    v.known(
        "channelType",
        Some(rc.channel_type),
        rc.channel_type.is_known(),
        ChannelType::describe_known,
    );
    v.known(
        "streamTypes",
        rc.stream_types,
        rc.stream_types.is_none_or(StreamTypes::is_known),
        StreamTypes::describe_known,
    );
    v.known(
        "videoStreamType",
        rc.video_stream_type,
        rc.video_stream_type.is_none_or(VideoStreamType::is_known),
        VideoStreamType::describe_known,
    );
    v.limit("maxIdleTime", rc.max_idle_time, limits::MAX_IDLE_TIME);

    let dm = rc.decryption_mode.unwrap_or(DecryptionMode::NONE);
    v.known(
        "decryptionMode",
        rc.decryption_mode,
        dm.is_known(),
        DecryptionMode::describe_known,
    );
    if dm != DecryptionMode::NONE && rc.secret.as_ref().is_none_or(|s| s.is_empty()) {
        v.error("secret", format!("is required with decryptionMode {dm}"));
    }
    if matches!(
        dm,
        DecryptionMode::AES_128_GCM2 | DecryptionMode::AES_256_GCM2
    ) {
        match &rc.salt {
            None => v.error("salt", format!("is required with decryptionMode {dm}")),
            Some(s) if !is_base64_of_32_bytes(s.expose()) => {
                v.error("salt", "must be Base64 of 32 bytes")
            }
            _ => {}
        }
    } else if rc.salt.is_some() {
        v.error("salt", "is used only with decryptionMode 7 or 8");
    }
    if dm == DecryptionMode::NONE && rc.secret.is_some() {
        v.error("secret", "is used only when decryptionMode is not 0");
    }

    let stream_types = rc.stream_types.unwrap_or(StreamTypes::AUDIO_AND_VIDEO);
    let audio_ok = stream_types != StreamTypes::VIDEO_ONLY;
    let video_ok = stream_types != StreamTypes::AUDIO_ONLY;
    uid_list_pair(
        v,
        ("subscribeAudioUids", &rc.subscribe_audio_uids),
        ("unSubscribeAudioUids", &rc.unsubscribe_audio_uids),
        audio_ok
            .then_some(())
            .ok_or("need streamTypes 0 or 2 (audio)"),
    );
    uid_list_pair(
        v,
        ("subscribeVideoUids", &rc.subscribe_video_uids),
        ("unSubscribeVideoUids", &rc.unsubscribe_video_uids),
        video_ok
            .then_some(())
            .ok_or("need streamTypes 1 or 2 (video)"),
    );

    v.known(
        "subscribeUidGroup",
        rc.subscribe_uid_group,
        rc.subscribe_uid_group
            .is_none_or(SubscribeUidGroup::is_known),
        SubscribeUidGroup::describe_known,
    );
    match mode {
        Mode::Individual => {
            v.required(
                "subscribeUidGroup",
                &rc.subscribe_uid_group,
                "in individual mode (the expected peak number of subscribed uids)",
            );
            v.forbidden(
                "audioProfile",
                &rc.audio_profile,
                "in individual mode (it applies to the composite only)",
            );
            v.forbidden(
                "transcodingConfig",
                &rc.transcoding_config,
                "in individual mode (it is the composite's layout)",
            );
            if rc.stream_mode == Some(StreamMode::Original)
                && stream_types != StreamTypes::AUDIO_ONLY
            {
                v.error(
                    "streamMode",
                    "\"original\" records audio only: set streamTypes to 0",
                );
            }
            if snapshots {
                if !video_ok {
                    v.error("streamTypes", "snapshots need video: use 1 or 2");
                }
                if rc.subscribe_audio_uids.is_some() && rc.subscribe_video_uids.is_none() {
                    v.error(
                        "subscribeVideoUids",
                        "is required for snapshots when subscribeAudioUids is set",
                    );
                }
            }
        }
        Mode::Mix => {
            v.forbidden(
                "streamMode",
                &rc.stream_mode,
                "in mix mode (it is for individual mode)",
            );
            v.known(
                "audioProfile",
                rc.audio_profile,
                rc.audio_profile.is_none_or(AudioProfile::is_known),
                AudioProfile::describe_known,
            );
            if let Some(t) = &rc.transcoding_config {
                v.at("transcodingConfig", |v| transcoding_config(v, t));
            }
        }
        Mode::Web => {}
    }
}

fn is_base64_of_32_bytes(s: &str) -> bool {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .is_ok_and(|b| b.len() == 32)
}

/// A subscribe list and its unsubscribe twin: mutually exclusive, ≤ 32 uids or `#allstream#`.
fn uid_list_pair(
    v: &mut Validator,
    (sub_name, sub): (&str, &Option<Vec<Uid>>),
    (unsub_name, unsub): (&str, &Option<Vec<Uid>>),
    media_ok: Result<(), &str>,
) {
    if sub.is_some() && unsub.is_some() {
        v.error(
            unsub_name,
            format!("cannot be combined with {sub_name}: use one or the other"),
        );
    }
    for (name, list) in [(sub_name, sub), (unsub_name, unsub)] {
        let Some(list) = list else { continue };
        if let Err(why) = media_ok {
            v.error(
                name,
                format!("is only valid when streamTypes includes this media: {why}"),
            );
        }
        uid_list(v, name, list, true);
    }
}

/// A uid list: non-empty, ≤ 32, each a uid (or `#allstream#` where allowed), no repeats.
pub(super) fn uid_list(v: &mut Validator, name: &str, list: &[Uid], allow_all: bool) {
    if list.is_empty() {
        v.error(name, "must not be empty: leave it out instead");
        return;
    }
    if list.len() > MAX_SUBSCRIBE_UIDS {
        v.error(
            name,
            format!(
                "may hold at most {MAX_SUBSCRIBE_UIDS} uids, got {}",
                list.len()
            ),
        );
    }
    let mut seen = HashSet::new();
    v.at(name, |v| {
        for (i, uid) in list.iter().enumerate() {
            let s = uid.as_str();
            if allow_all && s == Uid::ALL_STREAMS {
                if list.len() > 1 {
                    v.at_index(i, |v| {
                        v.error("", "#allstream# already means every uid: list nothing else")
                    });
                }
            } else if parse_uid(s).is_none() {
                v.at_index(i, |v| v.error("", uid_message(s)));
            }
            if !seen.insert(s) {
                v.at_index(i, |v| v.error("", format!("{s} is listed twice")));
            }
        }
    });
}

fn transcoding_config(v: &mut Validator, t: &TranscodingConfig) {
    let (w, h) = (t.width.unwrap_or(360), t.height.unwrap_or(640));
    if t.width == Some(0) {
        v.error("width", "must be positive");
    }
    if t.height == Some(0) {
        v.error("height", "must be positive");
    }
    v.limit("width", t.width, limits::COMPOSITE_WIDTH);
    v.limit("height", t.height, limits::COMPOSITE_HEIGHT);
    if !limits::MAX_VIDEO_AREA.admits(w, h) {
        v.error(
            "width",
            format!(
                "width × height must be at most {} pixels, got {w} × {h}",
                limits::MAX_VIDEO_AREA
            ),
        );
    }
    // The docs give only defaults (15 fps, 500 Kbps): anything else is a warning.
    if let Some(fps) = t.fps.filter(|f| !(1..=60).contains(f)) {
        v.warn(
            "fps",
            format!("{fps} fps is unusual (Agora documents no range; the default is 15)"),
        );
    }
    if let Some(kbps) = t.bitrate.filter(|b| !(1..=10_000).contains(b)) {
        v.warn(
            "bitrate",
            format!("{kbps} Kbps is unusual (Agora documents no range; the default is 500)"),
        );
    }
    layout_fields(v, &t.layout());
}

/// The layout rules shared by `transcodingConfig` and `updateLayout`.
pub(super) fn layout_fields(v: &mut Validator, l: &LayoutSettings) {
    let layout = l.mixed_video_layout.unwrap_or(MixedVideoLayout::FLOATING);
    v.known(
        "mixedVideoLayout",
        l.mixed_video_layout,
        layout.is_known(),
        MixedVideoLayout::describe_known,
    );
    if let Some(uid) = &l.max_resolution_uid {
        v.uid("maxResolutionUid", uid.as_str());
    } else if layout == MixedVideoLayout::VERTICAL {
        v.error(
            "maxResolutionUid",
            "is required for the vertical layout (2): it names the big window's uid",
        );
    }
    if let Some(c) = &l.background_color {
        if !is_hex_color(c) {
            v.error(
                "backgroundColor",
                format!("must be #RRGGBB (a # and 6 hex digits), got {c:?}"),
            );
        }
    }
    if let Some(u) = &l.background_image {
        v.http_url("backgroundImage", u);
    }
    if let Some(u) = &l.default_user_background_image {
        v.http_url("defaultUserBackgroundImage", u);
    }
    match (&l.layout_config, layout == MixedVideoLayout::CUSTOM) {
        // The docs: "used only when mixedVideoLayout is 3". Agora ignores it otherwise.
        (Some(_), false) => v.warn(
            "layoutConfig",
            "is used only when mixedVideoLayout is 3 (custom): Agora ignores it here",
        ),
        (None, true) => v.error(
            "layoutConfig",
            "is required when mixedVideoLayout is 3 (custom)",
        ),
        _ => {}
    }
    if let Some(regions) = &l.layout_config {
        if regions.is_empty() && layout == MixedVideoLayout::CUSTOM {
            v.error("layoutConfig", "needs at least one region");
        }
        if regions.len() > MAX_REGIONS {
            v.error(
                "layoutConfig",
                format!(
                    "may hold at most {MAX_REGIONS} regions, got {}",
                    regions.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        v.at("layoutConfig", |v| {
            for (i, r) in regions.iter().enumerate() {
                v.at_index(i, |v| {
                    layout_region(v, r);
                    if let Some(uid) = &r.uid {
                        if !seen.insert(uid.as_str()) {
                            v.error("uid", format!("{uid} already has a region"));
                        }
                    }
                });
            }
        });
    }
    if let Some(bgs) = &l.background_config {
        let mut seen = HashSet::new();
        v.at("backgroundConfig", |v| {
            for (i, b) in bgs.iter().enumerate() {
                v.at_index(i, |v| {
                    v.uid("uid", b.uid.as_str());
                    v.http_url("image_url", &b.image_url);
                    render_mode(v, b.render_mode);
                    if !seen.insert(b.uid.as_str()) {
                        v.error("uid", format!("{} already has a background", b.uid));
                    }
                });
            }
        });
    }
}

fn render_mode(v: &mut Validator, m: Option<RenderMode>) {
    v.known(
        "render_mode",
        m,
        m.is_none_or(RenderMode::is_known),
        RenderMode::describe_known,
    );
}

fn layout_region(v: &mut Validator, r: &LayoutRegion) {
    if let Some(uid) = &r.uid {
        v.uid("uid", uid.as_str());
    }
    for (name, value) in [
        ("x_axis", r.x_axis),
        ("y_axis", r.y_axis),
        ("width", r.width),
        ("height", r.height),
    ] {
        if !value.is_finite() {
            v.error(name, "must be a number");
        } else {
            v.range(name, Some(value), 0.0, 1.0);
        }
    }
    if r.width.is_finite() && r.width <= 0.0 {
        v.error("width", "must be greater than 0");
    }
    if r.height.is_finite() && r.height <= 0.0 {
        v.error("height", "must be greater than 0");
    }
    // The docs bound each value to [0, 1], not their sums: a region past the edge is a warning.
    if r.x_axis + r.width > 1.0 + EPSILON {
        v.warn(
            "width",
            format!(
                "x_axis + width is {}: the region goes past the canvas's right edge and may be cut off",
                round6(r.x_axis + r.width)
            ),
        );
    }
    if r.y_axis + r.height > 1.0 + EPSILON {
        v.warn(
            "height",
            format!(
                "y_axis + height is {}: the region goes past the canvas's bottom edge and may be cut off",
                round6(r.y_axis + r.height)
            ),
        );
    }
    match r.alpha {
        Some(a) if !a.is_finite() => v.error("alpha", "must be a number"),
        Some(a) => v.range("alpha", Some(a), 0.0, 1.0),
        None => {}
    }
    render_mode(v, r.render_mode);
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn recording_file_config(v: &mut Validator, f: &RecordingFileConfig, mode: Mode) {
    let Some(types) = &f.av_file_type else { return };
    let hls_only = types.as_slice() == [AvFileType::Hls];
    let hls_mp4 = types.as_slice() == [AvFileType::Hls, AvFileType::Mp4]
        || types.as_slice() == [AvFileType::Mp4, AvFileType::Hls];
    match mode {
        Mode::Individual if !hls_only => {
            v.error("avFileType", "must be [\"hls\"] in individual mode")
        }
        Mode::Mix | Mode::Web if !(hls_only || hls_mp4) => v.error(
            "avFileType",
            "must be [\"hls\"] or [\"hls\", \"mp4\"]; mp4 alone is refused (error 2)",
        ),
        _ => {}
    }
}

fn snapshot_config(v: &mut Validator, s: &SnapshotConfig) {
    v.limit(
        "captureInterval",
        s.capture_interval,
        limits::CAPTURE_INTERVAL,
    );
    if s.file_type.as_slice() != [SnapshotFileType::Jpg] {
        v.error("fileType", "must be [\"jpg\"]");
    }
}

pub(super) fn storage_config(v: &mut Validator, s: &StorageConfig) {
    if !s.vendor.is_known() {
        v.error("vendor", format!("must be one of {}", current_vendors()));
    } else if !s.vendor.is_current() {
        v.error(
            "vendor",
            format!(
                "{} is no longer in Agora's vendor list; use one of {}",
                s.vendor,
                current_vendors()
            ),
        );
    } else {
        let regions = storage_regions(s.vendor);
        if !regions.iter().any(|r| r.code == s.region) {
            let list = regions
                .iter()
                .map(|r| format!("{} ({})", r.code, r.name))
                .collect::<Vec<_>>()
                .join(", ");
            v.error(
                "region",
                format!(
                    "{} is not a region of {}; use one of {list}",
                    s.region, s.vendor
                ),
            );
        }
    }
    if v.non_empty("bucket", &s.bucket)
        && s.bucket.contains(|c: char| c.is_whitespace() || c == '/')
    {
        v.error("bucket", "must be a bucket name, without spaces or '/'");
    }
    if s.access_key.is_empty() {
        v.error("accessKey", "must not be empty");
    }
    if s.secret_key.is_empty() {
        v.error("secretKey", "must not be empty");
    }
    if (s.sts_token.is_some() || s.sts_expiration.is_some()) && !s.vendor.supports_sts() {
        v.error(
            "stsToken",
            "STS credentials work only with vendors 1 (Amazon S3), 2 (Alibaba) and 3 (Tencent)",
        );
    }
    if s.sts_token.is_some() != s.sts_expiration.is_some() {
        v.error("stsExpiration", "stsToken and stsExpiration go together");
    }
    if let Some(prefix) = &s.file_name_prefix {
        v.at("fileNamePrefix", |v| {
            for (i, p) in prefix.iter().enumerate() {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    v.at_index(i, |v| {
                        v.error(
                            "",
                            format!(
                                "may only use a-z, A-Z and 0-9 (no '/', '_' or spaces), got {p:?}"
                            ),
                        )
                    });
                }
            }
        });
        let joined = super::storage::prefix_path(prefix).len();
        if joined > 128 {
            v.error(
                "fileNamePrefix",
                format!(
                    "the joined prefix (with slashes) must be at most 128 characters, got {joined}"
                ),
            );
        }
    }
    let endpoint_set = s
        .extension_params
        .as_ref()
        .and_then(|e| e.endpoint.as_ref())
        .is_some_and(|e| !e.trim().is_empty());
    if s.vendor == Vendor::S3_COMPATIBLE && !endpoint_set {
        v.error(
            "extensionParams.endpoint",
            "is required for vendor 11 (S3-compatible storage): the storage's host name",
        );
    }
    if let Some(e) = &s.extension_params {
        v.at("extensionParams", |v| {
            if e.sse.is_some() && s.vendor != Vendor::AMAZON_S3 {
                v.error(
                    "sse",
                    "server-side encryption is for Amazon S3 (vendor 1) only",
                );
            }
            if e.tag.is_some() && !matches!(s.vendor, Vendor::AMAZON_S3 | Vendor::ALIBABA) {
                v.error("tag", "tags work only with Amazon S3 (1) and Alibaba (2)");
            }
            if let Some(ep) = &e.endpoint {
                if ep.contains("://") || ep.contains('/') || ep.trim().is_empty() {
                    v.error(
                        "endpoint",
                        "must be a host name, e.g. s3.example.com (no scheme or path)",
                    );
                }
            }
        });
    }
}

fn current_vendors() -> String {
    Vendor::KNOWN
        .iter()
        .filter(|(c, _)| c.is_current())
        .map(|(c, l)| format!("{} ({l})", c.0))
        .collect::<Vec<_>>()
        .join(", ")
}

fn extension_service_config(v: &mut Validator, e: &ExtensionServiceConfig) {
    if e.error_handle_policy == Some(ErrorHandlePolicy::Ignore) {
        v.error(
            "errorHandlePolicy",
            "must be \"error_abort\" (the only value at this level)",
        );
    }
    let web = e
        .extension_services
        .iter()
        .filter(|s| matches!(s, ExtensionService::WebRecorder { .. }))
        .count();
    let rtmp = e.extension_services.len() - web;
    if web != 1 {
        v.error(
            "extensionServices",
            format!("needs exactly one web_recorder_service, got {web}"),
        );
    }
    if rtmp > 1 {
        v.error(
            "extensionServices",
            "may hold at most one rtmp_publish_service",
        );
    }
    v.at("extensionServices", |v| {
        for (i, s) in e.extension_services.iter().enumerate() {
            v.at_index(i, |v| match s {
                ExtensionService::WebRecorder {
                    error_handle_policy,
                    service_param,
                } => {
                    // The reference gives only the default (error_abort), not a rule.
                    if *error_handle_policy == Some(ErrorHandlePolicy::Ignore) {
                        v.warn(
                            "errorHandlePolicy",
                            "web_recorder_service defaults to \"error_abort\"; Agora's docs show no other value for it",
                        );
                    }
                    v.at("serviceParam", |v| web_recorder(v, service_param));
                }
                ExtensionService::RtmpPublish {
                    error_handle_policy,
                    service_param,
                } => {
                    // The reference gives only the default (error_ignore), not a rule.
                    if *error_handle_policy == Some(ErrorHandlePolicy::Abort) {
                        v.warn(
                            "errorHandlePolicy",
                            "rtmp_publish_service defaults to \"error_ignore\": with \"error_abort\" a CDN failure also stops the page recording",
                        );
                    }
                    v.at("serviceParam", |v| rtmp_outputs(v, &service_param.outputs));
                }
            });
        }
    });
}

fn web_recorder(v: &mut Validator, p: &WebRecorderParam) {
    v.http_url("url", &p.url);
    v.known(
        "audioProfile",
        Some(p.audio_profile),
        p.audio_profile.is_known(),
        AudioProfile::describe_known,
    );
    if p.video_width == 0 {
        v.error("videoWidth", "must be positive");
    }
    if p.video_height == 0 {
        v.error("videoHeight", "must be positive");
    }
    if !limits::MAX_VIDEO_AREA.admits(p.video_width, p.video_height) {
        v.error(
            "videoWidth",
            format!(
                "videoWidth × videoHeight must be at most {}, got {} × {}",
                limits::MAX_VIDEO_AREA,
                p.video_width,
                p.video_height
            ),
        );
    }
    v.limit(
        "maxRecordingHour",
        Some(p.max_recording_hour),
        limits::MAX_RECORDING_HOUR,
    );
    v.limit("videoBitrate", p.video_bitrate, limits::WEB_VIDEO_BITRATE);
    v.limit("videoFps", p.video_fps, limits::WEB_VIDEO_FPS);
    v.limit(
        "maxVideoDuration",
        p.max_video_duration,
        limits::MAX_VIDEO_DURATION,
    );
    v.limit("readyTimeout", p.ready_timeout, limits::READY_TIMEOUT);
}

pub(super) fn rtmp_outputs(v: &mut Validator, outputs: &[RtmpOutput]) {
    if outputs.is_empty() {
        v.error("outputs", "needs one CDN address");
    }
    if outputs.len() > 1 {
        v.error("outputs", "may hold only one CDN stream at a time");
    }
    v.at("outputs", |v| {
        for (i, o) in outputs.iter().enumerate() {
            let url = o.rtmp_url.expose();
            let ok = ["rtmp://", "rtmps://"]
                .iter()
                .any(|p| url.starts_with(p) && url.len() > p.len());
            if v.at_index(i, |v| v.entered_again("rtmpUrl", &o.rtmp_url)) {
                continue;
            }
            if !ok {
                v.at_index(i, |v| {
                    v.error("rtmpUrl", "must be an rtmp:// or rtmps:// URL")
                });
            }
        }
    });
}

/// `update`.
pub fn check_update(body: &UpdateRequest, mode: Mode) -> Vec<FieldError> {
    let mut v = Validator::new();
    envelope(&mut v, body, mode);
    v.at("clientRequest", |v| {
        let c = &body.client_request;
        if c.stream_subscribe.is_none()
            && c.web_recording_config.is_none()
            && c.rtmp_publish_config.is_none()
            && c.storage_config.is_none()
        {
            v.error("", "has nothing to update: set streamSubscribe, webRecordingConfig, rtmpPublishConfig or storageConfig");
        }
        if let Some(s) = &c.stream_subscribe {
            if mode == Mode::Web {
                v.error("streamSubscribe", "is for individual and mix modes");
            }
            v.at("streamSubscribe", |v| {
                if let Some(a) = &s.audio_uid_list {
                    v.at("audioUidList", |v| {
                        uid_list_pair(v, ("subscribeAudioUids", &a.subscribe_audio_uids), ("unSubscribeAudioUids", &a.unsubscribe_audio_uids), Ok(()))
                    });
                }
                if let Some(vl) = &s.video_uid_list {
                    v.at("videoUidList", |v| {
                        uid_list_pair(v, ("subscribeVideoUids", &vl.subscribe_video_uids), ("unSubscribeVideoUids", &vl.unsubscribe_video_uids), Ok(()))
                    });
                }
                if s.audio_uid_list.is_none() && s.video_uid_list.is_none() {
                    v.error("", "needs audioUidList or videoUidList");
                }
            });
        }
        if c.web_recording_config.is_some() && mode != Mode::Web {
            v.error("webRecordingConfig", "is for web mode");
        }
        if let Some(r) = &c.rtmp_publish_config {
            if mode != Mode::Web {
                v.error("rtmpPublishConfig", "is for web mode");
            }
            v.at("rtmpPublishConfig", |v| rtmp_outputs(v, &r.outputs));
        }
        if let Some(s) = &c.storage_config {
            v.at("storageConfig", |v| storage_config(v, s));
        }
    });
    v.report()
}

/// [`check_update`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_update(body: &UpdateRequest, mode: Mode) -> Result<(), Vec<FieldError>> {
    errors_only(check_update(body, mode))
}

/// `updateLayout` (mix only): the whole layout, since Agora replaces it.
pub fn check_update_layout(body: &UpdateLayoutRequest) -> Vec<FieldError> {
    let mut v = Validator::new();
    envelope(&mut v, body, Mode::Mix);
    v.at("clientRequest", |v| layout_fields(v, &body.client_request));
    v.report()
}

/// [`check_update_layout`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_update_layout(body: &UpdateLayoutRequest) -> Result<(), Vec<FieldError>> {
    errors_only(check_update_layout(body))
}

/// `stop`.
pub fn check_stop(body: &StopRequest, mode: Mode) -> Vec<FieldError> {
    let mut v = Validator::new();
    envelope(&mut v, body, mode);
    v.report()
}

/// [`check_stop`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_stop(body: &StopRequest, mode: Mode) -> Result<(), Vec<FieldError>> {
    errors_only(check_stop(body, mode))
}

/// A resource id or sid in a URL: it must be there.
pub(super) fn validate_ids(resource_id: &str, sid: Option<&str>) -> Result<(), Vec<FieldError>> {
    let mut v = Validator::new();
    v.non_empty("resourceId", resource_id);
    if let Some(sid) = sid {
        v.non_empty("sid", sid);
    }
    v.finish()
}

/// Rules that span acquire and start, checked before either is sent.
///
/// Web mode: past `resourceExpiredHour` (from acquire) the REST API no longer answers for the
/// session, so a recording allowed to run longer (`maxRecordingHour`) could not be stopped and
/// would bill until it ends by itself.
pub fn check_begin(acquire: &AcquireRequest, start: &StartRequest, mode: Mode) -> Vec<FieldError> {
    let mut v = Validator::new();
    if mode == Mode::Web {
        let expires = acquire
            .client_request
            .resource_expired_hour
            .unwrap_or(DEFAULT_RESOURCE_EXPIRED_HOUR);
        let services = start
            .client_request
            .extension_service_config
            .iter()
            .flat_map(|e| e.extension_services.iter().enumerate());
        for (i, service) in services {
            if let ExtensionService::WebRecorder { service_param, .. } = service {
                if service_param.max_recording_hour > expires {
                    v.error(
                        &format!(
                            "clientRequest.extensionServiceConfig.extensionServices.{i}.serviceParam.maxRecordingHour"
                        ),
                        format!(
                            "must not exceed acquire's clientRequest.resourceExpiredHour ({expires} h{}), got {} h: past resourceExpiredHour the recording can no longer be stopped and bills until maxRecordingHour",
                            if acquire.client_request.resource_expired_hour.is_none() { ", the default" } else { "" },
                            service_param.max_recording_hour
                        ),
                    );
                }
            }
        }
    }
    v.report()
}

/// [`check_begin`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_begin(
    acquire: &AcquireRequest,
    start: &StartRequest,
    mode: Mode,
) -> Result<(), Vec<FieldError>> {
    errors_only(check_begin(acquire, start, mode))
}

/// `acquire.clientRequest.resourceExpiredHour` when not set.
pub const DEFAULT_RESOURCE_EXPIRED_HOUR: u32 = match limits::RESOURCE_EXPIRED_HOUR.default {
    Some(hours) => hours,
    None => panic!("resourceExpiredHour has a documented default"),
};
