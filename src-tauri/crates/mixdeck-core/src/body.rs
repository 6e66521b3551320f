//! Checking a JSON request body before anything is sent, for the app's JSON tabs and the CLI
//! alike: first whether it has the request's shape (the path of the first mismatch, said in the
//! user's words rather than serde's), then the same rules the client enforces.

use agora_rest::recording::{self as rec, Mode};
use agora_rest::transcoding as tc;
use agora_rest::FieldError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A request body to check, with what the rules depend on (the recording mode, the last
/// sequenceId sent).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

/// Which request body a JSON text is meant to be (the JSON tabs of the forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum BodyKind {
    RecordingAcquire,
    RecordingStart,
    RecordingUpdate,
    RecordingUpdateLayout,
    TranscodingCreate,
}

impl BodyKind {
    /// What the whole body must be, for an error at its root.
    fn shape(self) -> &'static str {
        match self {
            BodyKind::TranscodingCreate => "a JSON object with services.cloudTranscoder",
            _ => "a JSON object with cname, uid and clientRequest",
        }
    }
}

/// What is wrong with a JSON body: first whether it has the request's shape at all, then its rules.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BodyCheck {
    /// The first place the JSON does not fit the request type (unknown field, wrong type, missing
    /// field), with its dotted path; the body cannot be used while this is set.
    pub schema: Option<FieldError>,
    /// Broken rules of a body that has the right shape.
    pub rules: Vec<FieldError>,
    /// The body, typed, when it has the shape: what a form takes back from its JSON tab.
    pub payload: Option<Payload>,
}

/// Checks arbitrary JSON as a request body: its shape (with the path of the first mismatch),
/// then the same rules as [`check`].
pub fn check_json(kind: BodyKind, mode: Option<Mode>, body: serde_json::Value) -> BodyCheck {
    let mode = mode.unwrap_or(Mode::Mix);
    let shape = kind.shape();
    // Each body is decoded on its own: through the tagged `Payload` the path would be lost.
    let payload = match kind {
        BodyKind::RecordingAcquire => {
            decode(body, shape).map(|body| Payload::RecordingAcquire { mode, body })
        }
        BodyKind::RecordingStart => {
            decode(body, shape).map(|body| Payload::RecordingStart { mode, body })
        }
        BodyKind::RecordingUpdate => {
            decode(body, shape).map(|body| Payload::RecordingUpdate { mode, body })
        }
        BodyKind::RecordingUpdateLayout => {
            decode(body, shape).map(|body| Payload::RecordingUpdateLayout { body })
        }
        BodyKind::TranscodingCreate => {
            decode(body, shape).map(|body| Payload::TranscodingCreate { body })
        }
    };
    match payload {
        Ok(p) => BodyCheck {
            schema: None,
            rules: check(&p),
            payload: Some(p),
        },
        Err(e) => BodyCheck {
            schema: Some(e),
            rules: Vec::new(),
            payload: None,
        },
    }
}

/// `value` as `T`, or the first place it does not fit: its dotted path ("" for the body itself)
/// and what it must be, in words. `shape` says what the whole body must be.
pub fn decode<T: DeserializeOwned>(value: serde_json::Value, shape: &str) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = dotted(e.path());
        let (path, message) = plain(path, &e.inner().to_string(), shape);
        FieldError::new(path, message)
    })
}

/// `a.b.0.c`; serde_path_to_error writes `a.b[0].c`, `.` for the root and `?` where it lost track.
fn dotted(path: &serde_path_to_error::Path) -> String {
    path.iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
            serde_path_to_error::Segment::Unknown => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// What a serde type name means to a person.
fn kind_of(expected: &str) -> String {
    let expected = expected.trim();
    let whole = |bits: u32, signed: bool| {
        if signed {
            "a whole number".to_owned()
        } else {
            let max = if bits >= 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            };
            format!("a whole number from 0 to {max}")
        }
    };
    match expected {
        "u8" => whole(8, false),
        "u16" => whole(16, false),
        "u32" => whole(32, false),
        "u64" => whole(64, false),
        "i8" | "i16" | "i32" | "i64" => whole(64, true),
        "f32" | "f64" => "a number".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a string" | "string" => "text in quotes".to_owned(),
        "a sequence" => "a list ([…])".to_owned(),
        e if e.starts_with("struct ") || e == "a map" => "a JSON object ({…})".to_owned(),
        e if e.starts_with("a ") || e.starts_with("an ") => e.to_owned(),
        e => e.trim_matches('`').to_owned(),
    }
}

/// What was sent, without its content (it may be a secret): "a string", "the number 300".
fn sent(found: &str) -> String {
    let found = found.trim();
    if let Some(rest) = found.strip_prefix("integer ") {
        return format!("the number {}", rest.trim_matches('`'));
    }
    if let Some(rest) = found.strip_prefix("floating point ") {
        return format!("the number {}", rest.trim_matches('`'));
    }
    if found.starts_with("string") {
        return "text".to_owned();
    }
    if found.starts_with("boolean") {
        return "true or false".to_owned();
    }
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "an object".to_owned(),
        "null" | "unit value" => "null".to_owned(),
        other => other.to_owned(),
    }
}

/// `a`, `b` → a, b
fn names(list: &str) -> String {
    list.replace('`', "")
}

/// serde's message at `path` in the user's words, and the path it belongs to.
fn plain(path: String, message: &str, shape: &str) -> (String, String) {
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned();
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        let at = if path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        };
        return (at, "is required".to_owned());
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = expected
            .split_once("expected one of ")
            .or_else(|| expected.split_once("expected "))
            .map(|(_, list)| format!(" (fields here: {})", names(list)))
            .unwrap_or_default();
        let _ = field;
        return (path, format!("is not a field Agora documents here{known}"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let options = expected
            .split_once("expected one of ")
            .or_else(|| expected.split_once("expected "))
            .map_or_else(String::new, |(_, list)| names(list));
        return (path, format!("must be one of {options}, got {value:?}"));
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                let what = kind_of(expected);
                let what = if path.is_empty() && what.contains("JSON object") {
                    shape.to_owned()
                } else {
                    what
                };
                let subject = if path.is_empty() { "the body " } else { "" };
                return (
                    path,
                    format!("{subject}must be {what}, not {}", sent(found)),
                );
            }
        }
    }
    if path.is_empty() {
        return (path, format!("the body {message}"));
    }
    (path, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn start(body: serde_json::Value) -> FieldError {
        check_json(BodyKind::RecordingStart, Some(Mode::Mix), body)
            .schema
            .expect("a shape error")
    }

    #[test]
    fn shape_errors_say_what_the_value_must_be_in_plain_words() {
        let e = start(json!({"cname": "room", "uid": "42", "clientRequest": {
            "recordingConfig": {"channelType": "one", "maxIdleTime": 30}}}));
        assert_eq!(e.path, "clientRequest.recordingConfig.channelType");
        assert_eq!(e.message, "must be a whole number from 0 to 255, not text");

        let e = start(json!({"cname": "room", "uid": "42", "clientRequest": {
            "recordingConfig": {"channelType": 300}}}));
        assert_eq!(
            e.message,
            "must be a whole number from 0 to 255, not the number 300"
        );

        let e = start(json!({"cname": "room", "uid": "42", "clientRequest": {
            "recordingFileConfig": {"avFileType": "hls"}}}));
        assert_eq!(e.path, "clientRequest.recordingFileConfig.avFileType");
        assert_eq!(e.message, "must be a list ([…]), not text");
    }

    #[test]
    fn the_root_names_the_body_and_a_missing_key_gets_its_own_path() {
        let e = start(json!("room"));
        assert_eq!(e.path, "");
        assert_eq!(
            e.message,
            "the body must be a JSON object with cname, uid and clientRequest, not text"
        );
        let e = start(json!({"cname": "room", "uid": "42"}));
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("clientRequest", "is required")
        );
    }

    #[test]
    fn unknown_keys_and_values_list_what_is_documented() {
        let e =
            start(json!({"cname": "room", "uid": "42", "clientRequest": {"recordingConfg": {}}}));
        assert_eq!(e.path, "clientRequest.recordingConfg");
        assert!(
            e.message
                .starts_with("is not a field Agora documents here (fields here: token, "),
            "{}",
            e.message
        );
        let e = start(json!({"cname": "room", "uid": "42", "clientRequest": {
            "recordingConfig": {"channelType": 0, "streamMode": "fancy"}}}));
        assert_eq!(
            e.message,
            "must be one of default, standard, original, got \"fancy\""
        );
    }

    #[test]
    fn a_well_shaped_body_goes_on_to_the_rules() {
        let c = check_json(
            BodyKind::RecordingAcquire,
            Some(Mode::Mix),
            json!({"cname": "", "uid": "42", "clientRequest": {}}),
        );
        assert!(c.schema.is_none());
        assert_eq!(c.rules[0].path, "cname");
        // The form takes the body back typed, not as the JSON it sent.
        let Some(Payload::RecordingAcquire { body, .. }) = c.payload else {
            panic!("{:?}", c.payload);
        };
        assert_eq!(body.uid.as_str(), "42");
        let bad = check_json(BodyKind::RecordingAcquire, None, json!({"cname": 1}));
        assert!(bad.schema.is_some() && bad.payload.is_none());
    }

    #[test]
    fn payload_checks_report_every_rule_with_its_path() {
        let payload: Payload = serde_json::from_value(json!({"kind": "recordingStart", "mode": "mix", "body": {
            "cname": "room", "uid": "0", "clientRequest": {
                "recordingConfig": {"channelType": 1, "maxIdleTime": 2},
                "recordingFileConfig": {"avFileType": ["hls"]},
                "storageConfig": {"vendor": 1, "region": 0, "bucket": "b", "accessKey": "a", "secretKey": "s"}
            }}}))
        .unwrap();
        let paths: Vec<String> = check(&payload).into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["uid", "clientRequest.recordingConfig.maxIdleTime"]);
    }
}
