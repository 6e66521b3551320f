//! Agora's documented numeric ranges and defaults, written once: the validators check them and
//! the app's forms show them (through the `code_tables` command), so the two cannot drift.

use serde::Serialize;

/// A documented range (either end may be undocumented) and the value Agora uses when the field
/// is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Limit {
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub default: Option<u32>,
}

const fn limit(min: u32, max: u32, default: Option<u32>) -> Limit {
    Limit {
        min: Some(min),
        max: Some(max),
        default,
    }
}

impl Limit {
    /// Whether `value` is inside the documented range.
    pub fn admits(&self, value: u32) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }
}

/// A user id (the recording bot's `uid`): a decimal integer in 1 … 2³²−1, never 0.
pub const UID: Limit = limit(1, u32::MAX, None);
/// acquire `resourceExpiredHour`: hours the REST API stays usable after start.
pub const RESOURCE_EXPIRED_HOUR: Limit = limit(1, 720, Some(72));
/// `recordingConfig.maxIdleTime`, seconds (30 days at most).
pub const MAX_IDLE_TIME: Limit = limit(5, 2_592_000, Some(30));
/// `transcodingConfig.width` (and width × height ≤ 1920 × 1080).
pub const COMPOSITE_WIDTH: Limit = limit(1, 1920, Some(360));
/// `transcodingConfig.height`.
pub const COMPOSITE_HEIGHT: Limit = limit(1, 1920, Some(640));
/// `transcodingConfig.fps`: the reference documents no range.
pub const COMPOSITE_FPS: Limit = Limit {
    min: None,
    max: None,
    default: Some(15),
};
/// `transcodingConfig.bitrate`, Kbps: no documented range.
pub const COMPOSITE_BITRATE: Limit = Limit {
    min: None,
    max: None,
    default: Some(500),
};
/// `snapshotConfig.captureInterval`, seconds.
pub const CAPTURE_INTERVAL: Limit = limit(5, 3600, Some(10));
/// The largest picture a composite, a web recording or a transcoder output may have, as an
/// area: width × height ≤ 1920 × 1080 (either orientation).
pub const MAX_VIDEO_AREA: PixelArea = PixelArea {
    width: 1920,
    height: 1080,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PixelArea {
    pub width: u32,
    pub height: u32,
}

impl PixelArea {
    /// Whether a `w` × `h` picture fits in this many pixels.
    pub fn admits(&self, w: u32, h: u32) -> bool {
        u64::from(w) * u64::from(h) <= u64::from(self.width) * u64::from(self.height)
    }
}

impl std::fmt::Display for PixelArea {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} × {}", self.width, self.height)
    }
}

/// A web recording's `cname` is any label of at most this many bytes.
pub const WEB_CNAME_MAX_BYTES: usize = 1024;

/// Web `serviceParam.videoWidth` / `videoHeight`: positive, within [`MAX_VIDEO_AREA`].
pub const WEB_VIDEO_SIDE: Limit = Limit {
    min: Some(1),
    max: None,
    default: None,
};
/// Web `maxRecordingHour` (required; should not pass resourceExpiredHour).
pub const MAX_RECORDING_HOUR: Limit = limit(1, 720, None);
/// Web `videoBitrate`, Kbps (default 2000 at ≥ 1280 × 720, else 1500).
pub const WEB_VIDEO_BITRATE: Limit = limit(50, 8000, None);
/// Web `videoFps`.
pub const WEB_VIDEO_FPS: Limit = limit(5, 60, Some(15));
/// Web `maxVideoDuration`, minutes per MP4 slice.
pub const MAX_VIDEO_DURATION: Limit = limit(30, 240, Some(120));
/// Web `readyTimeout`, seconds (0: no page-load detection).
pub const READY_TIMEOUT: Limit = limit(0, 60, Some(0));

/// Regions a composite layout shows at most.
pub const MAX_REGIONS: u32 = 17;
/// uids a subscribe or unsubscribe list holds at most.
pub const MAX_SUBSCRIBE_UIDS: u32 = 32;
/// How long an acquired resourceId waits for its start, seconds.
pub const RESOURCE_LIFETIME_SECS: u32 = 300;

/// A transcoding template's video `width` and `height` (at most 1920; "positive" is ours).
pub const TEMPLATE_SIDE: Limit = limit(1, 1920, None);
/// A transcoding template's video `fps` (at most 60; "positive" is ours).
pub const TEMPLATE_FPS: Limit = limit(1, 60, None);

/// Transcoder sizes: canvas, region and output `width` / `height` in pixels.
pub const TC_SIDE: Limit = limit(120, 3840, None);
/// A transcoder region's `x` / `y` from the canvas's top-left corner.
pub const TC_POSITION: Limit = limit(0, 3840, None);
/// A video input's `zOrder`: 2 is just above the placeholder layer, 100 the top.
pub const TC_VIDEO_Z_ORDER: Limit = limit(2, 100, None);
/// A watermark's `zOrder`.
pub const TC_WATERMARK_Z_ORDER: Limit = limit(0, 100, None);
/// A CDN audio input's `volume`.
pub const TC_VOLUME: Limit = limit(0, 200, Some(100));
/// The canvas `color`: RGB as a decimal integer (0 black, 255 blue, 16777215 white).
pub const TC_COLOR: Limit = limit(0, 0xFF_FF_FF, Some(0));
/// An output's `videoOption.bitrate` in Kbps (chosen by Agora when left out).
pub const TC_VIDEO_BITRATE: Limit = limit(1, 10_000, None);
/// An output's `videoOption.fps`.
pub const TC_VIDEO_FPS: Limit = limit(1, 30, Some(15));

/// A transcoding task's `idleTimeout`: seconds after every input left before Agora destroys it.
pub const IDLE_TIMEOUT: Limit = limit(1, 86_400, Some(300));

/// The web recorder's `serviceParam` in the start form's draft (the web recorder comes first).
const WEB: &str = "start.clientRequest.extensionServiceConfig.extensionServices.0.serviceParam";

/// Every limit above by its path in the app's recording draft: `acquire.…` is acquire's
/// `clientRequest`, `start.…` the whole start body.
pub fn recording_field_limits() -> Vec<(String, Limit)> {
    let rc = "start.clientRequest.recordingConfig";
    let tc = format!("{rc}.transcodingConfig");
    vec![
        ("start.uid".into(), UID),
        ("acquire.resourceExpiredHour".into(), RESOURCE_EXPIRED_HOUR),
        (format!("{rc}.maxIdleTime"), MAX_IDLE_TIME),
        (format!("{tc}.width"), COMPOSITE_WIDTH),
        (format!("{tc}.height"), COMPOSITE_HEIGHT),
        (format!("{tc}.fps"), COMPOSITE_FPS),
        (format!("{tc}.bitrate"), COMPOSITE_BITRATE),
        (
            "start.clientRequest.snapshotConfig.captureInterval".into(),
            CAPTURE_INTERVAL,
        ),
        (format!("{WEB}.videoWidth"), WEB_VIDEO_SIDE),
        (format!("{WEB}.videoHeight"), WEB_VIDEO_SIDE),
        (format!("{WEB}.maxRecordingHour"), MAX_RECORDING_HOUR),
        (format!("{WEB}.videoBitrate"), WEB_VIDEO_BITRATE),
        (format!("{WEB}.videoFps"), WEB_VIDEO_FPS),
        (format!("{WEB}.maxVideoDuration"), MAX_VIDEO_DURATION),
        (format!("{WEB}.readyTimeout"), READY_TIMEOUT),
        // A Unix time in seconds: no documented range (the token must last at least 4 h).
        (
            "start.clientRequest.storageConfig.stsExpiration".into(),
            Limit {
                min: None,
                max: None,
                default: None,
            },
        ),
    ]
}

/// Every transcoder limit by its path in the app's transcoding draft (`transcoder.…` is
/// `config.transcoder`; `*` stands for an index in a list).
pub fn transcoding_field_limits() -> Vec<(String, Limit)> {
    let t = "transcoder";
    let region = |list: &str, z: Limit| {
        let r = format!("{t}.{list}.*.region");
        vec![
            (format!("{r}.x"), TC_POSITION),
            (format!("{r}.y"), TC_POSITION),
            (format!("{r}.width"), TC_SIDE),
            (format!("{r}.height"), TC_SIDE),
            (format!("{r}.zOrder"), z),
        ]
    };
    let mut all = vec![
        (format!("{t}.idleTimeout"), IDLE_TIMEOUT),
        (format!("{t}.audioInputs.*.volume"), TC_VOLUME),
        (format!("{t}.canvas.width"), TC_SIDE),
        (format!("{t}.canvas.height"), TC_SIDE),
        (format!("{t}.canvas.color"), TC_COLOR),
        (format!("{t}.outputs.*.videoOption.width"), TC_SIDE),
        (format!("{t}.outputs.*.videoOption.height"), TC_SIDE),
        (
            format!("{t}.outputs.*.videoOption.bitrate"),
            TC_VIDEO_BITRATE,
        ),
        (format!("{t}.outputs.*.videoOption.fps"), TC_VIDEO_FPS),
        ("template.video.width".into(), TEMPLATE_SIDE),
        ("template.video.height".into(), TEMPLATE_SIDE),
        ("template.video.fps".into(), TEMPLATE_FPS),
    ];
    all.extend(region("videoInputs", TC_VIDEO_Z_ORDER));
    all.extend(region("waterMarks", TC_WATERMARK_Z_ORDER));
    all
}
