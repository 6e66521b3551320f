//! Cloud Transcoding request bodies as the reference documents them (`agora-docs.md` §4.2–4.4),
//! what the sandbox reads from them, and the rules that span several fields.

use serde::Deserialize;
use serde_json::Value;

use super::schema::{int, opt, req, text, Kind, Problem, Prop};

/// The only `updateMask` (§4.4).
pub const UPDATE_MASK: &str = "services.cloudTranscoder.config";

/// `a-z A-Z 0-9 - _`, at most 64 characters.
pub fn instance_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

const PIXELS: Kind = int(0, 3840);
const SIDE: Kind = int(120, 3840);

const RTC: Kind = Kind::Object(&[
    req("rtcChannel", text()),
    req("rtcUid", int(0, 4_294_967_295)),
    opt("rtcToken", text()),
]);

const AUDIO_INPUT: &[Prop] = &[
    opt("rtc", RTC),
    opt("streamUrl", text()),
    opt("volume", int(0, 200)),
    opt("repeat", int(-1, 2_147_483_647)),
];

const VIDEO_INPUT: &[Prop] = &[
    opt("rtc", RTC),
    opt("streamUrl", text()),
    opt("repeat", int(-1, 2_147_483_647)),
    opt("placeholderImageUrl", text()),
    opt(
        "region",
        Kind::Object(&[
            req("x", PIXELS),
            req("y", PIXELS),
            req("width", SIDE),
            req("height", SIDE),
            // The current docs say 2–100 (the old Chinese page 0–100).
            opt("zOrder", int(2, 100)),
        ]),
    ),
];

const FILL_MODE: Kind = Kind::Text(&["FILL", "FIT"]);

const WATERMARK: &[Prop] = &[
    req("imageUrl", text()),
    req(
        "region",
        Kind::Object(&[
            req("x", PIXELS),
            req("y", PIXELS),
            req("width", SIDE),
            req("height", SIDE),
            opt("zOrder", int(0, 100)),
        ]),
    ),
    opt("fillMode", FILL_MODE),
];

pub const AUDIO_PROFILES: &[&str] = &[
    "AUDIO_PROFILE_DEFAULT",
    "AUDIO_PROFILE_SPEECH_STANDARD",
    "AUDIO_PROFILE_MUSIC_STANDARD",
    "AUDIO_PROFILE_MUSIC_STANDARD_STEREO",
    "AUDIO_PROFILE_MUSIC_HIGH_QUALITY",
    "AUDIO_PROFILE_MUSIC_HIGH_QUALITY_STEREO",
];

const OUTPUT: &[Prop] = &[
    opt("rtc", RTC),
    opt("streamUrl", text()),
    opt(
        "audioOption",
        Kind::Object(&[opt("profileType", Kind::Text(AUDIO_PROFILES))]),
    ),
    opt(
        "videoOption",
        Kind::Object(&[
            opt("width", SIDE),
            opt("height", SIDE),
            opt("bitrate", int(1, 10_000)),
            opt("codec", Kind::Text(&["H264", "VP8"])),
            opt("fps", int(1, 30)),
            opt("mode", Kind::Text(&["RAW"])),
            opt("lowBitrateHighQuality", Kind::Bool),
        ]),
    ),
];

const TRANSCODER: &[Prop] = &[
    opt("idleTimeout", int(1, 86_400)),
    opt(
        "streamProcessMode",
        Kind::Text(&["heterogeneous-single", "single"]),
    ),
    opt(
        "audioInputs",
        Kind::List {
            item: &Kind::Object(AUDIO_INPUT),
            max: 0,
        },
    ),
    opt(
        "videoInputs",
        Kind::List {
            item: &Kind::Object(VIDEO_INPUT),
            max: 0,
        },
    ),
    // The table marks canvas required, but Agora's Go SDK audio-mix example (which runs against
    // the live service) has none: the rules ask for it only when the task has video.
    opt(
        "canvas",
        Kind::Object(&[
            req("width", SIDE),
            req("height", SIDE),
            opt("color", int(0, 16_777_215)),
            opt("backgroundImage", text()),
            opt("fillMode", FILL_MODE),
        ]),
    ),
    // The parameter table writes `watermarks`; every example and Agora's Go SDK `waterMarks`.
    opt(
        "waterMarks",
        Kind::List {
            item: &Kind::Object(WATERMARK),
            max: 0,
        },
    )
    .or(&["watermarks"]),
    req(
        "outputs",
        Kind::List {
            item: &Kind::Object(OUTPUT),
            max: 0,
        },
    ),
];

/// The body of create and of update (a full replace).
pub const CREATE: &[Prop] = &[req(
    "services",
    Kind::Object(&[req(
        "cloudTranscoder",
        Kind::Object(&[
            req("serviceType", Kind::Text(&["cloudTranscoderV2"])),
            req(
                "config",
                Kind::Object(&[req("transcoder", Kind::Object(TRANSCODER))]),
            ),
        ]),
    )]),
)];

/// builderTokens: the instanceId (its character rule is in [`instance_id_ok`]); the English
/// page also shows the `services` of create, the Chinese page leaves them out.
pub const BUILDER_TOKEN: &[Prop] = &[
    req("instanceId", Kind::Str { max_bytes: 64 }),
    opt("services", Kind::Any),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BuilderTokenRequest {
    pub instance_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    pub services: Services,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Services {
    pub cloud_transcoder: CloudTranscoder,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudTranscoder {
    pub config: Config,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    /// Kept whole: query and delete answer it back.
    pub transcoder: Value,
}

/// What the sandbox acts on in a transcoder config.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Transcoder {
    pub idle_timeout: Option<u32>,
    pub stream_process_mode: Option<String>,
    pub audio_inputs: Vec<Input>,
    pub video_inputs: Vec<Input>,
    pub canvas: Option<Value>,
    pub water_marks: Option<Vec<Value>>,
    pub outputs: Vec<Output>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Input {
    pub rtc: Option<Rtc>,
    pub stream_url: Option<String>,
    pub repeat: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rtc {
    pub rtc_channel: String,
    pub rtc_uid: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Output {
    pub rtc: Option<Rtc>,
    pub stream_url: Option<String>,
    pub video_option: Option<VideoOption>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VideoOption {
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl Transcoder {
    /// The config as the sandbox reads it (the schema has already checked it).
    pub fn read(config: &Value) -> Self {
        serde_json::from_value(config.clone()).unwrap_or_default()
    }
}

const AT: &str = "services.cloudTranscoder.config.transcoder";

/// The rules across fields (§4.3).
pub fn create_rules(t: &Transcoder) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    let mut fail = |path: String, rule: &str| {
        problems.push(Problem {
            path,
            rule: rule.to_owned(),
        });
    };
    for (key, inputs) in [
        ("audioInputs", &t.audio_inputs),
        ("videoInputs", &t.video_inputs),
    ] {
        if t.stream_process_mode.is_some() && inputs.len() > 1 {
            fail(
                format!("{AT}.{key}"),
                "may hold at most one input with this streamProcessMode",
            );
        }
        for (i, input) in inputs.iter().enumerate() {
            if input.rtc.is_some() == input.stream_url.is_some() {
                fail(format!("{AT}.{key}.{i}"), "needs either rtc or streamUrl");
            }
            if input.repeat == Some(0) {
                fail(
                    format!("{AT}.{key}.{i}.repeat"),
                    "must not be 0: use 1, n or -1",
                );
            }
        }
    }
    let video = !t.video_inputs.is_empty() || t.water_marks.is_some();
    if video && t.canvas.is_none() {
        fail(
            format!("{AT}.canvas"),
            "is required when the task has video (inputs or watermarks)",
        );
    }
    for (i, o) in t.outputs.iter().enumerate() {
        if let Some((w, h)) = o.video_option.as_ref().and_then(|v| v.width.zip(v.height)) {
            // §4.6: "at most 1920×1080 … even though the field ranges go up to 3840".
            if u64::from(w) * u64::from(h) > 1920 * 1080 {
                fail(
                    format!("{AT}.outputs.{i}.videoOption"),
                    "the output resolution is at most 1920 × 1080",
                );
            }
        }
    }
    if t.outputs.is_empty() {
        fail(format!("{AT}.outputs"), "needs at least one output");
    }
    let rtc: Vec<&Rtc> = t.outputs.iter().filter_map(|o| o.rtc.as_ref()).collect();
    let cdn = t.outputs.iter().any(|o| o.stream_url.is_some());
    if !rtc.is_empty() && cdn {
        fail(
            format!("{AT}.outputs"),
            "cannot push to a CDN and to RTC at the same time",
        );
    }
    if rtc.iter().any(|r| r.rtc_channel != rtc[0].rtc_channel) {
        fail(
            format!("{AT}.outputs"),
            "may publish to only one RTC channel",
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
