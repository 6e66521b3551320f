//! Validation of request bodies as the user types, with the same rules the client enforces.

use agora_rest::recording::{self as rec, Mode};
use agora_rest::transcoding as tc;
use agora_rest::FieldError;
use serde::{Deserialize, Serialize};
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

/// Every broken rule in the payload (errors and warnings), with dotted paths into its body;
/// empty when it is valid.
pub fn check(payload: &Payload) -> Vec<FieldError> {
    match payload {
        Payload::RecordingAcquire { mode, body } => rec::ops::check_acquire(body, *mode),
        Payload::RecordingStart { mode, body } => rec::ops::check_start(body, *mode),
        Payload::RecordingUpdate { mode, body } => rec::ops::check_update(body, *mode),
        Payload::RecordingUpdateLayout { body } => rec::ops::check_update_layout(body),
        Payload::RecordingStop { mode, body } => rec::ops::check_stop(body, *mode),
        Payload::TranscodingBuilderToken { body } => tc::check_acquire(body),
        Payload::TranscodingCreate { body } => tc::check_create(body),
        Payload::TranscodingUpdate {
            body,
            sequence_id,
            last_sent,
        } => tc::check_update(body, u64::from(*sequence_id), last_sent.map(u64::from)),
    }
}

#[tauri::command]
#[specta::specta]
pub fn validate_payload(payload: Payload) -> Vec<FieldError> {
    check(&payload)
}

/// Which request body a JSON text is meant to be (the JSON tabs of the forms).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum BodyKind {
    RecordingAcquire,
    RecordingStart,
    RecordingUpdate,
    RecordingUpdateLayout,
    TranscodingCreate,
}

/// What is wrong with a JSON body: first whether it has the request's shape at all, then its rules.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BodyCheck {
    /// The first place the JSON does not fit the request type (unknown field, wrong type, missing
    /// field), with its dotted path; the body cannot be used while this is set.
    pub schema: Option<FieldError>,
    /// Broken rules of a body that has the right shape.
    pub rules: Vec<FieldError>,
}

/// Checks arbitrary JSON as a request body: its shape (with the path of the first mismatch),
/// then the same rules as `validate_payload`.
pub fn check_json(kind: BodyKind, mode: Option<Mode>, body: serde_json::Value) -> BodyCheck {
    // Each body is decoded on its own: through the tagged `Payload` the path would be lost.
    fn decode<T: serde::de::DeserializeOwned>(body: serde_json::Value) -> Result<T, FieldError> {
        serde_path_to_error::deserialize(body).map_err(|e| {
            let path = e.path().to_string();
            FieldError::new(
                if path == "." {
                    "(root)".to_owned()
                } else {
                    path
                },
                e.inner().to_string(),
            )
        })
    }
    let mode = mode.unwrap_or(Mode::Mix);
    let payload = match kind {
        BodyKind::RecordingAcquire => {
            decode(body).map(|body| Payload::RecordingAcquire { mode, body })
        }
        BodyKind::RecordingStart => decode(body).map(|body| Payload::RecordingStart { mode, body }),
        BodyKind::RecordingUpdate => {
            decode(body).map(|body| Payload::RecordingUpdate { mode, body })
        }
        BodyKind::RecordingUpdateLayout => {
            decode(body).map(|body| Payload::RecordingUpdateLayout { body })
        }
        BodyKind::TranscodingCreate => decode(body).map(|body| Payload::TranscodingCreate { body }),
    };
    match payload {
        Ok(p) => BodyCheck {
            schema: None,
            rules: check(&p),
        },
        Err(e) => BodyCheck {
            schema: Some(e),
            rules: Vec::new(),
        },
    }
}

#[tauri::command]
#[specta::specta]
pub fn check_body(kind: BodyKind, mode: Option<Mode>, body: serde_json::Value) -> BodyCheck {
    check_json(kind, mode, body)
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

    #[test]
    fn json_bodies_report_the_path_of_a_shape_error_before_any_rule() {
        let body = json!({"cname": "room", "uid": "42", "clientRequest": {
            "recordingConfig": {"channelType": 1, "maxIdleTime": "soon"}}});
        let c = check_json(BodyKind::RecordingStart, Some(Mode::Mix), body);
        let schema = c.schema.expect("a shape error");
        assert_eq!(schema.path, "clientRequest.recordingConfig.maxIdleTime");
        assert!(
            schema.message.contains("invalid type"),
            "{}",
            schema.message
        );

        let unknown =
            json!({"cname": "room", "uid": "42", "clientRequest": {"recordingConfg": {}}});
        let c = check_json(BodyKind::RecordingStart, Some(Mode::Mix), unknown);
        assert!(c
            .schema
            .unwrap()
            .message
            .contains("unknown field `recordingConfg`"));

        let rules = json!({"cname": "", "uid": "42", "clientRequest": {}});
        let c = check_json(BodyKind::RecordingAcquire, Some(Mode::Mix), rules);
        assert!(c.schema.is_none());
        assert_eq!(c.rules[0].path, "cname");
    }
}
