//! Cloud Recording request bodies as the reference documents them (`agora-docs.md` §1.3–1.8):
//! names and spellings, types, ranges, and what is required. Written from the reference, not
//! from agora-rest's types: the two readings are compared by `crosscheck`.

use super::schema::{int, opt, req, text, Kind, Prop, UID_MAX};

const UIDS: Kind = Kind::List {
    item: &Kind::UidOrAll,
    max: 32,
};

/// Background and region image URLs.
const URL: Kind = Kind::Str { max_bytes: 0 };

const LAYOUT_REGION: &[Prop] = &[
    opt("uid", Kind::Uid),
    req("x_axis", Kind::Num { min: 0.0, max: 1.0 }),
    req("y_axis", Kind::Num { min: 0.0, max: 1.0 }),
    req("width", Kind::Num { min: 0.0, max: 1.0 }),
    req("height", Kind::Num { min: 0.0, max: 1.0 }),
    opt("alpha", Kind::Num { min: 0.0, max: 1.0 }),
    opt("render_mode", Kind::Code(&[0, 1])),
];

const USER_BACKGROUND: &[Prop] = &[
    req("uid", Kind::Uid),
    req("image_url", URL),
    opt("render_mode", Kind::Code(&[0, 1])),
];

/// The layout keys shared by `transcodingConfig` and `updateLayout` (§1.4.2, §1.7).
pub const LAYOUT_KEYS: [&str; 7] = [
    "maxResolutionUid",
    "mixedVideoLayout",
    "backgroundColor",
    "backgroundImage",
    "defaultUserBackgroundImage",
    "layoutConfig",
    "backgroundConfig",
];

macro_rules! layout_props {
    ($($extra:expr),* $(,)?) => {
        &[
            $($extra,)*
            opt("maxResolutionUid", Kind::Uid),
            opt("mixedVideoLayout", Kind::Code(&[0, 1, 2, 3])),
            opt("backgroundColor", text()),
            opt("backgroundImage", URL),
            opt("defaultUserBackgroundImage", URL),
            opt("layoutConfig", Kind::List { item: &Kind::Object(LAYOUT_REGION), max: 17 }),
            opt("backgroundConfig", Kind::List { item: &Kind::Object(USER_BACKGROUND), max: 0 }),
        ]
    };
}

/// `recordingConfig.transcodingConfig`: the canvas (width and height, each at most 1920; fps
/// and bitrate have no documented range) and the layout.
const TRANSCODING_CONFIG: &[Prop] = layout_props!(
    opt("width", int(1, 1920)),
    opt("height", int(1, 1920)),
    opt("fps", int(0, 4_294_967_295)),
    opt("bitrate", int(0, 4_294_967_295)),
);

/// `updateLayout`'s clientRequest.
pub const LAYOUT: &[Prop] = layout_props!();

const RECORDING_CONFIG: &[Prop] = &[
    req("channelType", Kind::Code(&[0, 1])),
    opt("decryptionMode", Kind::Code(&[0, 1, 2, 3, 4, 5, 6, 7, 8])),
    opt("secret", text()),
    opt("salt", text()),
    opt("maxIdleTime", int(5, 2_592_000)),
    opt("streamTypes", Kind::Code(&[0, 1, 2])),
    opt("videoStreamType", Kind::Code(&[0, 1])),
    opt("subscribeAudioUids", UIDS),
    // The reference pages write unsubscribe…, the subscription guide and the SDK unSubscribe….
    opt("unsubscribeAudioUids", UIDS).or(&["unSubscribeAudioUids"]),
    opt("subscribeVideoUids", UIDS),
    opt("unsubscribeVideoUids", UIDS).or(&["unSubscribeVideoUids"]),
    opt("subscribeUidGroup", Kind::Code(&[0, 1, 2, 3, 4, 5])),
    opt(
        "streamMode",
        Kind::Text(&["default", "standard", "original"]),
    ),
    opt("audioProfile", Kind::Code(&[0, 1, 2])),
    opt("transcodingConfig", Kind::Object(TRANSCODING_CONFIG)),
];

const RECORDING_FILE_CONFIG: &[Prop] = &[opt(
    "avFileType",
    Kind::List {
        item: &Kind::Text(&["hls", "mp4"]),
        max: 0,
    },
)];

const SNAPSHOT_CONFIG: &[Prop] = &[
    opt("captureInterval", int(5, 3600)),
    req(
        "fileType",
        Kind::List {
            item: &Kind::Text(&["jpg"]),
            max: 0,
        },
    ),
];

/// Vendors of the current docs (§1.4.5): 0 (Qiniu) and 4 (Kingsoft) were removed.
pub const VENDORS: &[i64] = &[1, 2, 3, 5, 6, 7, 8, 11];

pub const STORAGE_CONFIG: &[Prop] = &[
    req("vendor", Kind::Code(VENDORS)),
    req("region", int(0, 255)),
    req("bucket", text()),
    req("accessKey", text()),
    req("secretKey", text()),
    opt("stsToken", text()),
    opt("stsExpiration", int(0, i64::MAX)),
    opt(
        "fileNamePrefix",
        Kind::List {
            item: &Kind::Str { max_bytes: 128 },
            max: 0,
        },
    ),
    opt(
        "extensionParams",
        Kind::Object(&[
            opt("sse", Kind::Text(&["kms", "aes256"])),
            opt("tag", text()),
            opt("endpoint", text()),
        ]),
    ),
];

const RTMP_OUTPUTS: Kind = Kind::List {
    item: &Kind::Object(&[req("rtmpUrl", text())]),
    max: 0,
};

const WEB_RECORDER_PARAM: &[Prop] = &[
    req("url", text()),
    req("audioProfile", Kind::Code(&[0, 1, 2])),
    // Only width × height ≤ 1920 × 1080 is current (the rules check it); the legacy per-side
    // [480, 1920] is not.
    req("videoWidth", int(1, 1920 * 1080)),
    req("videoHeight", int(1, 1920 * 1080)),
    req("maxRecordingHour", int(1, 720)),
    // `VideoBitrate` is a misspelling in Agora's Go SDK (agora-api.md §10), accepted on input.
    opt("videoBitrate", int(50, 8000)).or(&["VideoBitrate"]),
    opt("videoFps", int(5, 60)),
    opt("mobile", Kind::Bool),
    opt("maxVideoDuration", int(30, 240)),
    opt("onhold", Kind::Bool),
    opt("readyTimeout", int(0, 60)),
];

const EXTENSION_POLICY: Kind = Kind::Text(&["error_abort", "error_ignore"]);

const EXTENSION_SERVICE_CONFIG: &[Prop] = &[
    opt("errorHandlePolicy", Kind::Text(&["error_abort"])),
    opt("apiVersion", text()),
    req(
        "extensionServices",
        Kind::List {
            item: &Kind::Tagged {
                tag: "serviceName",
                variants: &[
                    (
                        "web_recorder_service",
                        &[
                            req("serviceName", text()),
                            opt("errorHandlePolicy", EXTENSION_POLICY),
                            req("serviceParam", Kind::Object(WEB_RECORDER_PARAM)),
                        ],
                    ),
                    (
                        "rtmp_publish_service",
                        &[
                            req("serviceName", text()),
                            opt("errorHandlePolicy", EXTENSION_POLICY),
                            req(
                                "serviceParam",
                                Kind::Object(&[req("outputs", RTMP_OUTPUTS)]),
                            ),
                        ],
                    ),
                ],
            },
            max: 0,
        },
    ),
];

/// Legacy postponed modes (§1.4): `appsCollection` and `transcodeOptions`.
const APPS_COLLECTION: &[Prop] = &[opt(
    "combinationPolicy",
    Kind::Text(&["default", "postpone_transcoding"]),
)];

const TRANSCODE_OPTIONS: &[Prop] = &[
    req(
        "transConfig",
        Kind::Object(&[req(
            "transMode",
            Kind::Text(&["audioMix", "postponeTranscoding"]),
        )]),
    ),
    opt(
        "container",
        Kind::Object(&[req("format", Kind::Text(&["mp4", "mp3", "m4a", "aac"]))]),
    ),
    opt(
        "audio",
        Kind::Object(&[
            opt("sampleRate", Kind::Text(&["48000", "32000", "16000"])),
            opt("bitrate", Kind::Text(&["48000"])),
            opt("channels", Kind::Text(&["1", "2"])),
        ]),
    ),
];

/// `start`'s clientRequest (and, read as a partial copy, acquire's `startParameter`).
pub const START_CLIENT: &[Prop] = &[
    opt("token", text()),
    opt("recordingConfig", Kind::Object(RECORDING_CONFIG)),
    opt("recordingFileConfig", Kind::Object(RECORDING_FILE_CONFIG)),
    opt("snapshotConfig", Kind::Object(SNAPSHOT_CONFIG)),
    req("storageConfig", Kind::Object(STORAGE_CONFIG)),
    opt(
        "extensionServiceConfig",
        Kind::Object(EXTENSION_SERVICE_CONFIG),
    ),
    opt("appsCollection", Kind::Object(APPS_COLLECTION)),
    opt("transcodeOptions", Kind::Object(TRANSCODE_OPTIONS)),
];

pub const ACQUIRE_CLIENT: &[Prop] = &[
    opt("scene", Kind::Code(&[0, 1, 2])),
    opt("resourceExpiredHour", int(1, 720)),
    opt("region", Kind::Text(&["CN", "AP", "EU", "NA"])),
    opt(
        "excludeResourceIds",
        Kind::List {
            item: &Kind::Str { max_bytes: 0 },
            max: 0,
        },
    ),
    // "An invalid startParameter does not fail acquire; it makes the later start fail."
    opt("startParameter", Kind::Any),
];

pub const UPDATE_CLIENT: &[Prop] = &[
    opt(
        "streamSubscribe",
        Kind::Object(&[
            opt(
                "audioUidList",
                Kind::Object(&[
                    opt("subscribeAudioUids", UIDS),
                    opt("unsubscribeAudioUids", UIDS).or(&["unSubscribeAudioUids"]),
                ]),
            ),
            opt(
                "videoUidList",
                Kind::Object(&[
                    opt("subscribeVideoUids", UIDS),
                    opt("unsubscribeVideoUids", UIDS).or(&["unSubscribeVideoUids"]),
                ]),
            ),
        ]),
    ),
    opt(
        "webRecordingConfig",
        Kind::Object(&[req("onhold", Kind::Bool)]),
    ),
    opt(
        "rtmpPublishConfig",
        Kind::Object(&[req("outputs", RTMP_OUTPUTS)]),
    ),
    opt("storageConfig", Kind::Object(STORAGE_CONFIG)),
];

pub const STOP_CLIENT: &[Prop] = &[opt("async_stop", Kind::Bool)];

/// `{cname, uid, clientRequest}`: every recording body. The cname's rules depend on the mode,
/// so they are checked by `rules`.
pub const fn envelope(client: &'static [Prop]) -> [Prop; 3] {
    [
        req("cname", Kind::Str { max_bytes: 1024 }),
        req("uid", Kind::Uid),
        req("clientRequest", Kind::Object(client)),
    ]
}

pub const ACQUIRE: &[Prop] = &envelope(ACQUIRE_CLIENT);
pub const START: &[Prop] = &envelope(START_CLIENT);
pub const UPDATE: &[Prop] = &envelope(UPDATE_CLIENT);
pub const UPDATE_LAYOUT: &[Prop] = &envelope(LAYOUT);
pub const STOP: &[Prop] = &envelope(STOP_CLIENT);

/// A uid that fits the documented range, as a number.
pub fn uid_number(s: &str) -> Option<u32> {
    s.parse::<i64>()
        .ok()
        .filter(|n| (1..=UID_MAX).contains(n))
        .and_then(|n| u32::try_from(n).ok())
}
