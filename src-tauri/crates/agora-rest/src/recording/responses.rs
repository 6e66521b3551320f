//! Response bodies. Every field Agora may leave out is optional, shapes that vary by mode are
//! decoded leniently, and unknown fields are kept in `extra`: a 200 is never lost to its shape.

use serde::{Deserialize, Deserializer, Serialize};

use crate::codes::RecordingStatus;
use crate::de::{lenient_i64, lenient_string, open_string_enum, Extra};
use crate::ids::{ResourceId, Sid};
use crate::secret::SecretUrl;

/// `acquire` → `{ cname, uid, resourceId }`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AcquireResponse {
    #[serde(default)]
    pub cname: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub uid: Option<String>,
    pub resource_id: ResourceId,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `start`, `update` and `updateLayout` → `{ cname, uid, resourceId, sid }`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionResponse {
    #[serde(default)]
    pub cname: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub uid: Option<String>,
    pub resource_id: ResourceId,
    pub sid: Sid,
    #[serde(flatten)]
    pub extra: Extra,
}

pub type StartResponse = SessionResponse;
pub type UpdateResponse = SessionResponse;
pub type UpdateLayoutResponse = SessionResponse;

/// `query` and `stop` → `{ cname, uid, resourceId, sid, serverResponse }`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    #[serde(default)]
    pub cname: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub uid: Option<String>,
    pub resource_id: ResourceId,
    pub sid: Sid,
    /// Missing from some stop answers (async stop) and shaped by mode.
    #[cfg_attr(feature = "specta", specta(type = Option<ServerResponse>))]
    #[serde(
        default,
        deserialize_with = "lenient_server_response",
        skip_serializing_if = "Option::is_none"
    )]
    pub server_response: Option<ServerResponse>,
    #[serde(flatten)]
    pub extra: Extra,
}

pub type QueryResponse = StatusResponse;
pub type StopResponse = StatusResponse;

/// `serverResponse` of query and stop, for every mode: which fields appear depends on the mode,
/// the file types and whether snapshots are on.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ServerResponse {
    /// 0–8 and 20; see [`RecordingStatus`].
    #[serde(default)]
    pub status: Option<RecordingStatus>,
    /// `"string"` (mix with `["hls"]`) or `"json"` (individual; mix with `["hls","mp4"]`).
    #[serde(default)]
    pub file_list_mode: Option<FileListMode>,
    #[serde(default)]
    pub file_list: Option<FileList>,
    /// Recording start, Unix ms.
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub slice_start_time: Option<i64>,
    /// stop (individual, mix).
    #[serde(default)]
    pub uploading_status: Option<UploadingStatus>,
    /// Legacy, not in web mode.
    #[serde(default)]
    pub sub_service_status: Option<SubServiceStatus>,
    /// web: one entry per extension service.
    #[serde(default)]
    pub extension_service_state: Option<Vec<ExtensionServiceState>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ServerResponse {
    /// Every file name this response lists, whatever its shape (mix string, json list, web).
    pub fn file_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        match &self.file_list {
            Some(FileList::M3u8(name)) if !name.is_empty() => names.push(name.clone()),
            Some(FileList::Files(files)) => names.extend(
                files
                    .iter()
                    .filter(|f| !f.file_name.is_empty())
                    .map(|f| f.file_name.clone()),
            ),
            _ => {}
        }
        for state in self.extension_service_state.iter().flatten() {
            if let Some(files) = state.payload.as_ref().and_then(|p| p.file_list.as_ref()) {
                names.extend(files.iter().map(|f| f.filename.clone()));
            }
        }
        names
    }

    /// Web: whether the page is paused, from the `web_recorder_service` entry.
    pub fn web_onhold(&self) -> Option<bool> {
        self.extension_service_state
            .iter()
            .flatten()
            .filter(|s| s.service_name.known() == Some(ServiceNameKnown::WebRecorder))
            .find_map(|s| s.payload.as_ref()?.onhold)
    }

    /// The upload outcome, from `uploadingStatus` or web's `upload_service` entry.
    pub fn upload_status(&self) -> Option<&UploadingStatus> {
        self.uploading_status.as_ref().or_else(|| {
            self.extension_service_state
                .iter()
                .flatten()
                .find_map(|s| s.payload.as_ref()?.uploading_status.as_ref())
        })
    }
}

/// A `serverResponse` that is not an object (or not the documented shape) is kept, not fatal.
fn lenient_server_response<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<ServerResponse>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::Object(map) => Some(
            serde_json::from_value(serde_json::Value::Object(map.clone()))
                .unwrap_or_else(|_| server_response_key_by_key(map)),
        ),
        other => {
            let mut extra = Extra::new();
            extra.insert("value".to_owned(), other);
            Some(ServerResponse {
                extra,
                ..ServerResponse::default()
            })
        }
    })
}

/// Decodes each key on its own, so one field of an unexpected type lands in `extra` (under its
/// own name, so it re-serializes unchanged) instead of taking the whole response with it.
fn server_response_key_by_key(map: Extra) -> ServerResponse {
    let (mut good, mut bad) = (Extra::new(), Extra::new());
    for (key, value) in map {
        let mut probe = Extra::new();
        probe.insert(key.clone(), value.clone());
        if serde_json::from_value::<ServerResponse>(serde_json::Value::Object(probe)).is_ok() {
            good.insert(key, value);
        } else {
            bad.insert(key, value);
        }
    }
    let mut response: ServerResponse =
        serde_json::from_value(serde_json::Value::Object(good)).unwrap_or_default();
    response.extra.extend(bad);
    response
}

open_string_enum!(
    /// `serverResponse.fileListMode`.
    FileListMode / FileListModeKnown {
        /// `fileList` is one M3U8 file name.
        String = "string",
        /// `fileList` is an array of file records.
        Json = "json",
    }
);

/// `fileList`: one M3U8 name (mix, HLS only) or file records.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum FileList {
    M3u8(String),
    Files(Vec<FileInfo>),
}

/// Entries are decoded one by one: a record Agora sent without `fileName` (or with a field of
/// an unexpected type) is kept with an empty name and its fields in `extra`, instead of
/// taking every other file of the list with it.
impl<'de> Deserialize<'de> for FileList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(name) => Ok(FileList::M3u8(name)),
            serde_json::Value::Array(entries) => Ok(FileList::Files(
                entries.into_iter().map(FileInfo::lenient).collect(),
            )),
            other => Err(D::Error::custom(format!(
                "fileList must be a file name or a list of files, not {other}"
            ))),
        }
    }
}

impl FileInfo {
    fn lenient(entry: serde_json::Value) -> Self {
        match serde_json::from_value::<FileInfo>(entry.clone()) {
            Ok(info) => info,
            Err(_) => {
                let mut extra = match entry {
                    serde_json::Value::Object(map) => map,
                    other => {
                        let mut map = Extra::new();
                        map.insert("value".to_owned(), other);
                        map
                    }
                };
                // The name, when it is readable, leaves `extra` so it is written once.
                let mut name = String::new();
                for key in ["fileName", "filename"] {
                    if let Some(serde_json::Value::String(n)) = extra.get(key) {
                        name = n.clone();
                        extra.remove(key);
                        break;
                    }
                }
                FileInfo {
                    file_name: name,
                    track_type: None,
                    uid: None,
                    mixed_all_user: None,
                    is_playable: None,
                    slice_start_time: None,
                    extra,
                }
            }
        }
    }
}

/// One recorded file (individual and mix).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    /// Individual and mix say `fileName`; web's spelling `filename` is accepted too.
    #[serde(alias = "filename")]
    pub file_name: String,
    #[serde(default)]
    pub track_type: Option<TrackType>,
    /// The user's uid; `"0"` in mix.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub uid: Option<String>,
    /// true: every user in one file.
    #[serde(default)]
    pub mixed_all_user: Option<bool>,
    #[serde(default)]
    pub is_playable: Option<bool>,
    /// The file's start; Unix ms by the examples (the current page says seconds).
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub slice_start_time: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

open_string_enum!(
    /// `fileList[].trackType`.
    TrackType / TrackTypeKnown {
        Audio = "audio",
        Video = "video",
        AudioAndVideo = "audio_and_video",
    }
);

open_string_enum!(
    /// `uploadingStatus` at stop.
    UploadingStatus / UploadingStatusKnown {
        /// Everything is in your storage.
        Uploaded = "uploaded",
        /// Uploaded, but some files went to Agora's backup and will reach your storage later.
        Backuped = "backuped",
        Unknown = "unknown",
    }
);

impl UploadingStatus {
    /// What it means for the user's files, as Agora documents it.
    pub fn meaning(&self) -> String {
        match self.known() {
            Some(UploadingStatusKnown::Uploaded) => "every file is in your storage".to_owned(),
            Some(UploadingStatusKnown::Backuped) => {
                "some files went to Agora's backup and reach your storage later".to_owned()
            }
            Some(UploadingStatusKnown::Unknown) => "the upload status is unknown".to_owned(),
            None => format!("{} (not documented)", self.as_str()),
        }
    }
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SubServiceStatus {
    #[serde(default)]
    pub recording_service: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of web mode's `extensionServiceState`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExtensionServiceState {
    pub service_name: ServiceName,
    /// Older docs misspell it `playload`; both are read.
    #[serde(default, alias = "playload")]
    pub payload: Option<ExtensionPayload>,
    #[serde(flatten)]
    pub extra: Extra,
}

open_string_enum!(
    /// `extensionServiceState[].serviceName`.
    ServiceName / ServiceNameKnown {
        WebRecorder = "web_recorder_service",
        RtmpPublish = "rtmp_publish_service",
        Upload = "upload_service",
    }
);

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExtensionPayload {
    #[serde(default)]
    pub state: Option<WebRecorderState>,
    #[serde(default)]
    pub onhold: Option<bool>,
    #[serde(default)]
    pub file_list: Option<Vec<WebFileInfo>>,
    /// rtmp_publish_service.
    #[serde(default)]
    pub outputs: Option<Vec<RtmpOutputState>>,
    /// upload_service, at stop.
    #[serde(default)]
    pub uploading_status: Option<UploadingStatus>,
    #[serde(flatten)]
    pub extra: Extra,
}

open_string_enum!(
    /// web_recorder_service's `state`.
    WebRecorderState / WebRecorderStateKnown {
        Init = "init",
        InProgress = "inProgress",
        Exit = "exit",
    }
);

/// A web recording file: `filename` with a lower-case n (stop answers have said `fileName`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WebFileInfo {
    #[serde(rename = "filename", alias = "fileName")]
    pub filename: String,
    #[cfg_attr(feature = "specta", specta(type = Option<i64>))]
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub slice_start_time: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RtmpOutputState {
    pub rtmp_url: SecretUrl,
    #[serde(default)]
    pub status: Option<RtmpStatus>,
    #[serde(flatten)]
    pub extra: Extra,
}

open_string_enum!(
    /// rtmp_publish_service's per-output `status`.
    RtmpStatus / RtmpStatusKnown {
        Connecting = "connecting",
        Publishing = "publishing",
        Onhold = "onhold",
        /// Failed: Agora suggests changing the CDN URL.
        Disconnected = "disconnected",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_mistyped_field_does_not_hide_the_others() {
        let body = serde_json::json!({"resourceId": "R", "sid": "S", "serverResponse": {
            "status": "five", "fileListMode": "string", "fileList": "S_c.m3u8", "sliceStartTime": 1}});
        let r: StatusResponse = serde_json::from_value(body.clone()).unwrap();
        let sr = r.server_response.as_ref().unwrap();
        assert_eq!(sr.status, None);
        assert_eq!(sr.file_names(), ["S_c.m3u8"]);
        assert_eq!(sr.extra["status"], "five");
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            body,
            "round trip is lossless"
        );
    }
}
