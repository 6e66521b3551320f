//! Agora's numeric codes as newtypes with named constants and documented meanings.
//!
//! They stay numbers on the wire and in TypeScript, and an undocumented value is still
//! representable, so validation can name it instead of failing to parse.

use serde::{Deserialize, Serialize};

macro_rules! numeric_code {
    (
        $(#[$doc:meta])*
        $name:ident($repr:ty) {
            $( $konst:ident = $val:expr => $label:expr ),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub $repr);

        impl $name {
            $( pub const $konst: Self = Self($val); )*

            /// Every documented value with its meaning, in order.
            pub const KNOWN: &'static [(Self, &'static str)] = &[ $( (Self($val), $label) ),* ];

            /// The documented meaning of this value, if it has one.
            pub fn label(self) -> Option<&'static str> {
                Self::KNOWN.iter().find(|(c, _)| *c == self).map(|(_, l)| *l)
            }

            pub fn is_known(self) -> bool {
                self.label().is_some()
            }

            /// "0 (communication), 1 (live broadcasting)", for error messages.
            pub fn describe_known() -> String {
                Self::KNOWN
                    .iter()
                    .map(|(c, l)| format!("{} ({l})", c.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self.label() {
                    Some(l) => write!(f, "{} ({l})", self.0),
                    None => write!(f, "{}", self.0),
                }
            }
        }
    };
}

numeric_code!(
    /// `acquire.clientRequest.scene`.
    Scene(u8) {
        REAL_TIME = 0 => "real-time recording (individual, mix)",
        WEB = 1 => "web page recording",
        POSTPONED_TRANSCODING = 2 => "postponed transcoding or audio mixing (legacy, individual only)",
    }
);

numeric_code!(
    /// `recordingConfig.channelType`: must match the channel profile the app's SDK uses.
    ChannelType(u8) {
        COMMUNICATION = 0 => "communication",
        LIVE_BROADCAST = 1 => "live broadcasting",
    }
);

numeric_code!(
    /// `recordingConfig.streamTypes`. Default 2.
    StreamTypes(u8) {
        AUDIO_ONLY = 0 => "audio only",
        VIDEO_ONLY = 1 => "video only",
        AUDIO_AND_VIDEO = 2 => "audio and video",
    }
);

numeric_code!(
    /// `recordingConfig.videoStreamType` under dual-stream mode. Default 0.
    VideoStreamType(u8) {
        HIGH = 0 => "high-quality (big) stream",
        LOW = 1 => "low-quality (small) stream",
    }
);

numeric_code!(
    /// `recordingConfig.decryptionMode`; must match the channel's encryption. Default 0.
    DecryptionMode(u8) {
        NONE = 0 => "none",
        AES_128_XTS = 1 => "AES_128_XTS",
        AES_128_ECB = 2 => "AES_128_ECB",
        AES_256_XTS = 3 => "AES_256_XTS",
        SM4_128_ECB = 4 => "SM4_128_ECB",
        AES_128_GCM = 5 => "AES_128_GCM",
        AES_256_GCM = 6 => "AES_256_GCM",
        AES_128_GCM2 = 7 => "AES_128_GCM2 (needs salt)",
        AES_256_GCM2 = 8 => "AES_256_GCM2 (needs salt)",
    }
);

numeric_code!(
    /// `recordingConfig.subscribeUidGroup`: the expected peak number of subscribed uids.
    /// Required in individual mode.
    SubscribeUidGroup(u8) {
        UP_TO_2 = 0 => "1 to 2 uids",
        UP_TO_7 = 1 => "3 to 7 uids",
        UP_TO_12 = 2 => "8 to 12 uids",
        UP_TO_17 = 3 => "13 to 17 uids",
        UP_TO_32 = 4 => "18 to 32 uids",
        UP_TO_49 = 5 => "33 to 49 uids",
    }
);

numeric_code!(
    /// `recordingConfig.audioProfile` (mix) and the web recorder's `audioProfile`. Default 0.
    AudioProfile(u8) {
        MUSIC_MONO_48K = 0 => "48 kHz music mono, about 48 Kbps",
        MUSIC_MONO_128K = 1 => "48 kHz music mono, about 128 Kbps",
        MUSIC_STEREO_192K = 2 => "48 kHz music stereo, about 192 Kbps",
    }
);

numeric_code!(
    /// `transcodingConfig.mixedVideoLayout` and updateLayout's. Default 0.
    MixedVideoLayout(u8) {
        FLOATING = 0 => "floating",
        BEST_FIT = 1 => "best fit",
        VERTICAL = 2 => "vertical",
        CUSTOM = 3 => "custom (layoutConfig)",
    }
);

numeric_code!(
    /// `render_mode` of layout regions and background images. Default 0.
    RenderMode(u8) {
        CROP = 0 => "crop",
        FIT = 1 => "fit",
    }
);

numeric_code!(
    /// `acquire.clientRequest.regionAffinity` (sent by Agora's SDK; not in the reference pages).
    RegionAffinity(u8) {
        CLOSEST = 0 => "closest to the request's origin",
        CHINA = 1 => "China",
        SOUTHEAST_ASIA = 2 => "Southeast Asia",
        EUROPE = 3 => "Europe",
        NORTH_AMERICA = 4 => "North America",
    }
);

numeric_code!(
    /// `storageConfig.vendor`. 0 and 4 are historical: Agora's current list no longer has them.
    Vendor(u8) {
        QINIU = 0 => "Qiniu Cloud (historical)",
        AMAZON_S3 = 1 => "Amazon S3",
        ALIBABA = 2 => "Alibaba Cloud OSS",
        TENCENT = 3 => "Tencent Cloud COS",
        KINGSOFT = 4 => "Kingsoft Cloud KS3 (historical)",
        AZURE = 5 => "Microsoft Azure",
        GOOGLE = 6 => "Google Cloud",
        HUAWEI = 7 => "Huawei Cloud OBS",
        BAIDU = 8 => "Baidu AI Cloud BOS",
        S3_COMPATIBLE = 11 => "S3-compatible storage",
    }
);

impl Vendor {
    /// Vendors in Agora's current list.
    pub fn is_current(self) -> bool {
        self.is_known() && self != Self::QINIU && self != Self::KINGSOFT
    }

    /// STS temporary credentials work only with S3, Alibaba and Tencent.
    pub fn supports_sts(self) -> bool {
        matches!(self, Self::AMAZON_S3 | Self::ALIBABA | Self::TENCENT)
    }
}

numeric_code!(
    /// `serverResponse.status` of query, and the NCS status-update values.
    RecordingStatus(i32) {
        NOT_STARTED = 0 => "not started",
        INITIALIZED = 1 => "initialization done",
        STARTING = 2 => "components starting",
        PARTLY_READY = 3 => "some components ready (uploader ready)",
        READY = 4 => "all components ready (recorder ready)",
        IN_PROGRESS = 5 => "in progress (first file uploaded)",
        STOP_REQUESTED = 6 => "stop requested",
        STOPPED = 7 => "all components stopped",
        EXITED = 8 => "exited",
        EXITED_ABNORMALLY = 20 => "exited abnormally",
    }
);

impl RecordingStatus {
    /// "Started OK" per the docs: all components ready, or in progress.
    pub fn is_started(self) -> bool {
        self == Self::READY || self == Self::IN_PROGRESS
    }

    /// The session is on its way out or gone.
    pub fn is_ending(self) -> bool {
        matches!(self.0, 6..=8 | 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_numbers_on_the_wire_with_labels_in_rust() {
        assert_eq!(
            serde_json::to_string(&StreamTypes::AUDIO_AND_VIDEO).unwrap(),
            "2"
        );
        let s: StreamTypes = serde_json::from_str("7").unwrap();
        assert!(!s.is_known());
        assert_eq!(StreamTypes::AUDIO_ONLY.label(), Some("audio only"));
        assert_eq!(RecordingStatus(20).to_string(), "20 (exited abnormally)");
        assert!(RecordingStatus::READY.is_started() && RecordingStatus(5).is_started());
        assert!(!RecordingStatus(3).is_started() && RecordingStatus(20).is_ending());
        assert_eq!(
            ChannelType::describe_known(),
            "0 (communication), 1 (live broadcasting)"
        );
        assert!(Vendor::S3_COMPATIBLE.is_current() && !Vendor::QINIU.is_current());
        assert!(Vendor(9).label().is_none());
    }
}
