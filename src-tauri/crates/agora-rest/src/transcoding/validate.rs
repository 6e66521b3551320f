//! Cloud Transcoding's documented rules.

use std::collections::HashSet;

use super::types::*;
use crate::limits;
use crate::secret::SecretUrl;
use crate::validate::{errors_only, rtc_channel_problem, FieldError, Validator};

/// `builderTokens`.
pub fn check_acquire(req: &AcquireRequest) -> Vec<FieldError> {
    let mut v = Validator::new();
    let id = &req.instance_id;
    if id.is_empty()
        || id.len() > 64
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        v.error(
            "instanceId",
            format!("must be 1 to 64 of a-z, A-Z, 0-9, '-' and '_', got {id:?}"),
        );
    }
    if let Some(s) = &req.services {
        v.at("services", |v| services(v, s));
    }
    v.report()
}

/// [`check_acquire`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_acquire(req: &AcquireRequest) -> Result<(), Vec<FieldError>> {
    errors_only(check_acquire(req))
}

/// `create` (and `update`, which sends the whole create body).
pub fn check_create(req: &CreateRequest) -> Vec<FieldError> {
    let mut v = Validator::new();
    v.at("services", |v| services(v, &req.services));
    v.report()
}

/// [`check_create`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_create(req: &CreateRequest) -> Result<(), Vec<FieldError>> {
    errors_only(check_create(req))
}

/// `update`: the body, plus the sequenceId against the last one sent for the task.
pub fn check_update(
    req: &UpdateRequest,
    sequence_id: u64,
    last_sent: Option<u64>,
) -> Vec<FieldError> {
    let mut v = Validator::new();
    if let Some(last) = last_sent {
        if sequence_id <= last {
            v.error(
                "sequenceId",
                format!(
                    "must increase with each update: {last} was already sent for this task, so use {} or more",
                    last.saturating_add(1)
                ),
            );
        }
    }
    v.at("services", |v| services(v, &req.services));
    v.report()
}

/// [`check_update`]'s errors, if any: what refuses the request (warnings do not).
pub fn validate_update(
    req: &UpdateRequest,
    sequence_id: u64,
    last_sent: Option<u64>,
) -> Result<(), Vec<FieldError>> {
    errors_only(check_update(req, sequence_id, last_sent))
}

fn services(v: &mut Validator, s: &Services) {
    v.at("cloudTranscoder", |v| {
        v.at("config", |v| {
            v.at("transcoder", |v| {
                transcoder(v, &s.cloud_transcoder.config.transcoder)
            })
        })
    });
}

fn px(v: &mut Validator, field: &str, value: u32) {
    v.limit(field, Some(value), limits::TC_SIDE);
}

fn region(v: &mut Validator, r: &Region, z_order: limits::Limit) {
    v.limit("x", Some(r.x), limits::TC_POSITION);
    v.limit("y", Some(r.y), limits::TC_POSITION);
    px(v, "width", r.width);
    px(v, "height", r.height);
    v.limit("zOrder", r.z_order, z_order);
}

fn image_url(v: &mut Validator, field: &str, url: &SecretUrl) {
    v.http_url(field, url);
    let path = url
        .expose()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !(path.ends_with(".jpg") || path.ends_with(".jpeg") || path.ends_with(".png")) {
        v.error(field, "must point to a jpg or png image");
    }
}

fn rtc(v: &mut Validator, r: &Rtc, uid_zero_ok: bool) {
    v.at("rtc", |v| {
        if let Some(p) = rtc_channel_problem(&r.rtc_channel) {
            v.error("rtcChannel", p);
        }
        if r.rtc_uid == 0 && !uid_zero_ok {
            v.error("rtcUid", "must be a user's uid (1 to 4294967295); 0 means the whole channel only in audio inputs");
        }
        if r.rtc_token.as_ref().is_some_and(|t| t.is_empty()) {
            v.error("rtcToken", "must not be empty; leave it out when the App Certificate is off");
        }
    });
}

/// Exactly one of `rtc` or `streamUrl`.
fn source(v: &mut Validator, rtc_set: bool, stream_url: &Option<SecretUrl>) {
    match (rtc_set, stream_url) {
        (true, Some(_)) => v.error("streamUrl", "cannot be combined with rtc: use one source"),
        (false, None) => v.error("rtc", "is required (or streamUrl for a CDN source)"),
        (_, Some(url)) if v.entered_again("streamUrl", url) => {}
        (_, Some(url)) if !url.expose().contains("://") => {
            v.error("streamUrl", "must be a stream URL (rtmp://, https://, ...)")
        }
        _ => {}
    }
}

fn repeat(v: &mut Validator, r: Option<i32>) {
    if let Some(r) = r {
        if r == 0 || r < -1 {
            v.error(
                "repeat",
                format!("must be 1 or more, or -1 to loop; got {r}"),
            );
        }
    }
}

fn transcoder(v: &mut Validator, t: &TranscoderConfig) {
    v.limit("idleTimeout", t.idle_timeout, limits::IDLE_TIMEOUT);
    let audio = t.audio_inputs.as_deref().unwrap_or_default();
    let video = t.video_inputs.as_deref().unwrap_or_default();
    if audio.is_empty() && video.is_empty() {
        v.error("audioInputs", "needs at least one audio or video input");
    }
    if t.stream_process_mode.is_some() {
        if audio.len() > 1 {
            v.error(
                "audioInputs",
                "may hold at most one input with this streamProcessMode",
            );
        }
        if video.len() > 1 {
            v.error(
                "videoInputs",
                "may hold at most one input with this streamProcessMode",
            );
        }
    }
    let mut channels = HashSet::new();
    v.at("audioInputs", |v| {
        for (i, a) in audio.iter().enumerate() {
            v.at_index(i, |v| {
                source(v, a.rtc.is_some(), &a.stream_url);
                if let Some(r) = &a.rtc {
                    rtc(v, r, true);
                    channels.insert(r.rtc_channel.clone());
                }
                v.limit("volume", a.volume, limits::TC_VOLUME);
                repeat(v, a.repeat);
            });
        }
    });
    let mut video_uids = HashSet::new();
    v.at("videoInputs", |v| {
        for (i, input) in video.iter().enumerate() {
            v.at_index(i, |v| {
                source(v, input.rtc.is_some(), &input.stream_url);
                if let Some(r) = &input.rtc {
                    rtc(v, r, false);
                    channels.insert(r.rtc_channel.clone());
                    if !video_uids.insert(r.rtc_uid) {
                        v.error("rtc.rtcUid", format!("{} is already an input", r.rtc_uid));
                    }
                }
                repeat(v, input.repeat);
                if let Some(u) = &input.placeholder_image_url {
                    image_url(v, "placeholderImageUrl", u);
                }
                if let Some(r) = &input.region {
                    v.at("region", |v| region(v, r, limits::TC_VIDEO_Z_ORDER));
                }
            });
        }
    });
    if channels.len() > 1 {
        v.error(
            "videoInputs",
            "every RTC input must come from one channel (audio and video alike)",
        );
    }
    match &t.canvas {
        Some(canvas) => v.at("canvas", |v| {
            px(v, "width", canvas.width);
            px(v, "height", canvas.height);
            v.limit("color", canvas.color, limits::TC_COLOR);
            if let Some(u) = &canvas.background_image {
                image_url(v, "backgroundImage", u);
            }
        }),
        None if !video.is_empty() || t.water_marks.is_some() => v.error(
            "canvas",
            "is required when the task has video (inputs or watermarks)",
        ),
        None => {}
    }
    if let Some(marks) = &t.water_marks {
        v.at("waterMarks", |v| {
            for (i, m) in marks.iter().enumerate() {
                v.at_index(i, |v| {
                    image_url(v, "imageUrl", &m.image_url);
                    v.at("region", |v| {
                        region(v, &m.region, limits::TC_WATERMARK_Z_ORDER)
                    });
                });
            }
        });
    }
    if t.outputs.is_empty() {
        v.error("outputs", "needs one output (an RTC channel or CDN URLs)");
    }
    let rtc_outputs = t.outputs.iter().filter(|o| o.rtc.is_some()).count();
    let cdn_outputs = t.outputs.iter().filter(|o| o.stream_url.is_some()).count();
    if rtc_outputs > 0 && cdn_outputs > 0 {
        v.error(
            "outputs",
            "cannot push to a CDN and to RTC at the same time",
        );
    }
    if rtc_outputs > 1 {
        v.error("outputs", "publishes to one RTC channel only");
    }
    v.at("outputs", |v| {
        for (i, o) in t.outputs.iter().enumerate() {
            v.at_index(i, |v| {
                source(v, o.rtc.is_some(), &o.stream_url);
                if let Some(r) = &o.rtc {
                    rtc(v, r, false);
                }
                if let Some(vo) = &o.video_option {
                    v.at("videoOption", |v| {
                        if let Some(w) = vo.width {
                            px(v, "width", w);
                        }
                        if let Some(h) = vo.height {
                            px(v, "height", h);
                        }
                        if let (Some(w), Some(h)) = (vo.width, vo.height) {
                            if !crate::limits::MAX_VIDEO_AREA.admits(w, h) {
                                v.error(
                                    "width",
                                    format!(
                                        "output resolution is at most {}, got {w} × {h}",
                                        crate::limits::MAX_VIDEO_AREA
                                    ),
                                );
                            }
                        }
                        v.limit("bitrate", vo.bitrate, limits::TC_VIDEO_BITRATE);
                        v.limit("fps", vo.fps, limits::TC_VIDEO_FPS);
                        if vo.mode == Some(VideoMode::Raw) && video.len() != 1 {
                            v.error(
                                "mode",
                                "RAW passes one video input through: use exactly one video input",
                            );
                        }
                    });
                    if video.is_empty() {
                        v.error(
                            "videoOption",
                            "needs a video input; leave it out for an audio-only task",
                        );
                    }
                } else if !video.is_empty() {
                    v.error("videoOption", "is required when there are video inputs");
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn create(transcoder: serde_json::Value) -> CreateRequest {
        serde_json::from_value(json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": transcoder}}}}))
            .unwrap()
    }

    #[test]
    fn canvas_is_optional_for_audio_only_and_required_with_video() {
        let audio = create(
            json!({"audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0}}], "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9}}]}),
        );
        assert_eq!(validate_create(&audio), Ok(()));
        let video = create(json!({
            "videoInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 7}, "region": {"x": 0, "y": 0, "width": 640, "height": 360, "zOrder": 2}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9}, "videoOption": {"width": 640, "height": 360}}]}));
        let errors = validate_create(&video).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].path,
            "services.cloudTranscoder.config.transcoder.canvas"
        );
    }
}
