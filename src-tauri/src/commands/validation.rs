//! Validation of request bodies as the user types, with the same rules the client enforces.

use agora_rest::recording::{self as rec, Mode};
use agora_rest::transcoding as tc;
use agora_rest::FieldError;
use serde::Deserialize;
use specta::Type;

/// A request body to check, with what the rules depend on (the recording mode, the last
/// sequenceId sent).
#[derive(Debug, Deserialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Payload {
    RecordingAcquire {
        mode: Mode,
        body: rec::AcquireRequest,
    },
    RecordingStart {
        mode: Mode,
        body: rec::StartRequest,
    },
    RecordingUpdate {
        mode: Mode,
        body: rec::UpdateRequest,
    },
    RecordingUpdateLayout {
        body: rec::UpdateLayoutRequest,
    },
    RecordingStop {
        mode: Mode,
        body: rec::StopRequest,
    },
    TranscodingBuilderToken {
        body: tc::BuilderTokenRequest,
    },
    TranscodingCreate {
        body: tc::CreateRequest,
    },
    TranscodingUpdate {
        body: tc::CreateRequest,
        sequence_id: u32,
        last_sent: Option<u32>,
    },
}

/// Every broken rule in the payload, with dotted paths into its body; empty when it is valid.
pub fn check(payload: &Payload) -> Vec<FieldError> {
    let result = match payload {
        Payload::RecordingAcquire { mode, body } => rec::ops::validate_acquire(body, *mode),
        Payload::RecordingStart { mode, body } => rec::ops::validate_start(body, *mode),
        Payload::RecordingUpdate { mode, body } => rec::ops::validate_update(body, *mode),
        Payload::RecordingUpdateLayout { body } => rec::ops::validate_update_layout(body),
        Payload::RecordingStop { mode, body } => rec::ops::validate_stop(body, *mode),
        Payload::TranscodingBuilderToken { body } => tc::validate_acquire(body),
        Payload::TranscodingCreate { body } => tc::validate_create(body),
        Payload::TranscodingUpdate {
            body,
            sequence_id,
            last_sent,
        } => tc::validate_update(body, u64::from(*sequence_id), last_sent.map(u64::from)),
    };
    result.err().unwrap_or_default()
}

#[tauri::command]
#[specta::specta]
pub fn validate_payload(payload: Payload) -> Vec<FieldError> {
    check(&payload)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_field_paths_for_an_invalid_start_and_nothing_for_a_valid_one() {
        let mut body = json!({"cname": "room", "uid": "0", "clientRequest": {
            "recordingConfig": {"channelType": 1, "maxIdleTime": 2},
            "recordingFileConfig": {"avFileType": ["hls"]},
            "storageConfig": {"vendor": 1, "region": 0, "bucket": "b", "accessKey": "a", "secretKey": "s"}
        }});
        let payload: Payload = serde_json::from_value(
            json!({"kind": "recordingStart", "mode": "mix", "body": body.clone()}),
        )
        .unwrap();
        let paths: Vec<String> = check(&payload).into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["uid", "clientRequest.recordingConfig.maxIdleTime"]);

        body["uid"] = json!("42");
        body["clientRequest"]["recordingConfig"]["maxIdleTime"] = json!(300);
        let payload: Payload =
            serde_json::from_value(json!({"kind": "recordingStart", "mode": "mix", "body": body}))
                .unwrap();
        assert!(check(&payload).is_empty());
    }

    #[test]
    fn transcoding_update_checks_the_sequence_id() {
        let body = json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0}}],
            "canvas": {"width": 640, "height": 360},
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9}}]}}}}});
        let payload: Payload = serde_json::from_value(
            json!({"kind": "transcodingUpdate", "body": body, "sequenceId": 3, "lastSent": 3}),
        )
        .unwrap();
        let errors = check(&payload);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "sequenceId");
    }
}
