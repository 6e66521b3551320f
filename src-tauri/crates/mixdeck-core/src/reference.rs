//! Reference data the forms need, from the Rust wire types: storage vendors and their regions,
//! and every code table's values with what they mean (one source for labels and values).

use agora_rest::codes::Vendor;
use agora_rest::recording::{storage_regions, StorageRegion};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VendorInfo {
    pub vendor: Vendor,
    pub name: &'static str,
    /// Still in Agora's current vendor list.
    pub current: bool,
    pub regions: Vec<StorageRegion>,
}

/// Every storage vendor with its region codes and names, for pickers that show names.
pub fn storage_vendors() -> Vec<VendorInfo> {
    Vendor::KNOWN
        .iter()
        .map(|(vendor, name)| VendorInfo {
            vendor: *vendor,
            name,
            current: vendor.is_current(),
            regions: storage_regions(*vendor).to_vec(),
        })
        .collect()
}

/// A documented value of a code or enum and what it means.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CodeOption {
    pub value: CodeValue,
    pub label: &'static str,
}

/// Numeric codes stay numbers and string enums stay strings, as on the wire.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum CodeValue {
    Number(u32),
    Text(String),
}

/// The pickers' options, straight from the Rust wire types (one source for labels and values).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CodeTables {
    pub channel_type: Vec<CodeOption>,
    pub stream_types: Vec<CodeOption>,
    pub video_stream_type: Vec<CodeOption>,
    pub decryption_mode: Vec<CodeOption>,
    pub subscribe_uid_group: Vec<CodeOption>,
    pub audio_profile: Vec<CodeOption>,
    pub mixed_video_layout: Vec<CodeOption>,
    pub render_mode: Vec<CodeOption>,
    pub stream_mode: Vec<CodeOption>,
    pub acquire_region: Vec<CodeOption>,
    /// Transcoder `outputs[].audioOption.profileType`, with rate, channels and bitrate.
    pub audio_profile_type: Vec<CodeOption>,
    pub video_codec: Vec<CodeOption>,
    pub fill_mode: Vec<CodeOption>,
    pub stream_process_mode: Vec<CodeOption>,
    pub video_mode: Vec<CodeOption>,
}

macro_rules! numbers {
    ($t:ty) => {
        <$t>::KNOWN
            .iter()
            .map(|(c, label)| CodeOption {
                value: CodeValue::Number(u32::from(c.0)),
                label,
            })
            .collect()
    };
}

fn texts<T: Serialize>(items: &[(T, &'static str)]) -> Vec<CodeOption> {
    items
        .iter()
        .filter_map(|(v, label)| {
            // The serialized form is the wire value.
            let wire = serde_json::to_value(v).ok()?.as_str()?.to_owned();
            Some(CodeOption {
                value: CodeValue::Text(wire),
                label,
            })
        })
        .collect()
}

pub fn code_tables() -> CodeTables {
    use agora_rest::codes::*;
    use agora_rest::recording::{AcquireRegion, StreamMode};
    use agora_rest::transcoding::labels;
    CodeTables {
        channel_type: numbers!(ChannelType),
        stream_types: numbers!(StreamTypes),
        video_stream_type: numbers!(VideoStreamType),
        decryption_mode: numbers!(DecryptionMode),
        subscribe_uid_group: numbers!(SubscribeUidGroup),
        audio_profile: numbers!(AudioProfile),
        mixed_video_layout: numbers!(MixedVideoLayout),
        render_mode: numbers!(RenderMode),
        stream_mode: texts(&[
            (
                StreamMode::Default,
                "default: separate audio and video playlists per uid",
            ),
            (
                StreamMode::Standard,
                "standard: also a combined audio+video playlist",
            ),
            (StreamMode::Original, "original: audio only, not transcoded"),
        ]),
        acquire_region: texts(&[
            (AcquireRegion::Cn, "CN: mainland China"),
            (AcquireRegion::Ap, "AP: Asia outside mainland China"),
            (AcquireRegion::Eu, "EU: Europe"),
            (AcquireRegion::Na, "NA: North America"),
        ]),
        audio_profile_type: texts(&labels::AUDIO_PROFILES),
        video_codec: texts(&labels::VIDEO_CODECS),
        fill_mode: texts(&labels::FILL_MODES),
        stream_process_mode: texts(&labels::STREAM_PROCESS_MODES),
        video_mode: texts(&labels::VIDEO_MODES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_tables_list_every_documented_value_with_its_wire_form() {
        let t = serde_json::to_value(code_tables()).unwrap();
        assert_eq!(t["channelType"][1]["value"], 1);
        assert_eq!(t["channelType"][1]["label"], "live broadcasting");
        assert_eq!(t["subscribeUidGroup"].as_array().unwrap().len(), 6);
        assert_eq!(t["streamMode"][2]["value"], "original");
        assert_eq!(t["acquireRegion"].as_array().unwrap().len(), 4);
        assert_eq!(t["acquireRegion"][3]["value"], "NA");
        assert_eq!(t["audioProfileType"].as_array().unwrap().len(), 6);
        assert_eq!(t["audioProfileType"][0]["value"], "AUDIO_PROFILE_DEFAULT");
        assert!(t["audioProfileType"][3]["label"]
            .as_str()
            .unwrap()
            .contains("stereo, 80 Kbps"));
        assert_eq!(t["fillMode"][1]["value"], "FIT");
        assert_eq!(t["streamProcessMode"][1]["value"], "heterogeneous-single");
    }
}
