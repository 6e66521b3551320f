//! Reading request bodies into agora-rest's wire types, and naming what is wrong when that fails.
//!
//! Three failures, as Agora tells them apart: the body is not JSON (recording code 8), the JSON
//! does not fit the documented shape (an unknown or mistyped field: code 2 naming the field), or it
//! fits but breaks a documented rule (code 2 from agora-rest's validators).

use agora_rest::FieldError;
use serde::de::DeserializeOwned;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("the body is not valid JSON: {0}")]
    NotJson(String),
    /// `path` is dotted from the body's root like the validators' (`clientRequest.layoutConfig.3`).
    #[error("{}", shape_text(.path, .message))]
    Shape { path: String, message: String },
}

fn shape_text(path: &str, message: &str) -> String {
    if path.is_empty() {
        message.to_owned()
    } else {
        format!("{path}: {message}")
    }
}

/// The body as JSON, or why it is not.
pub fn json(bytes: &[u8]) -> Result<Value, BodyError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BodyError::NotJson("it is empty".into()));
    }
    serde_json::from_slice(bytes).map_err(|e| BodyError::NotJson(e.to_string()))
}

/// The body as `T`, with the path of the first field that does not fit.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, BodyError> {
    let value = json(bytes)?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e
            .path()
            .iter()
            .map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => index.to_string(),
                serde_path_to_error::Segment::Map { key } => key.clone(),
                serde_path_to_error::Segment::Enum { variant } => variant.clone(),
                serde_path_to_error::Segment::Unknown => "?".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(".");
        BodyError::Shape {
            path,
            message: e.into_inner().to_string(),
        }
    })
}

/// Validator errors as one `reason`: `path: message; path: message`.
pub fn join_field_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The body redacted for the request log and the state view: secrets replaced, non-JSON summarised.
pub fn redacted(bytes: &[u8]) -> Option<Value> {
    if bytes.is_empty() {
        return None;
    }
    Some(match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => agora_rest::redact_json(&v),
        Err(_) => Value::String(format!("<{} bytes, not JSON>", bytes.len())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_rest::recording::StartRequest;

    #[test]
    fn shape_errors_name_the_field() {
        let err = parse::<StartRequest>(
            br#"{"cname":"c","uid":"1","clientRequest":{"recordingConfig":{"channelType":0,"maxIdleTime":"x"}}}"#,
        )
        .unwrap_err();
        let BodyError::Shape { path, message } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(path, "clientRequest.recordingConfig.maxIdleTime");
        assert!(message.contains("invalid type"), "{message}");

        let err = parse::<StartRequest>(br#"{"cname":"c","uid":"1","clientRequest":{"bogus":1}}"#)
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("clientRequest.bogus: unknown field `bogus`"),
            "{err}"
        );

        let err = parse::<StartRequest>(br#"{"cname":"c","uid":"1"}"#).unwrap_err();
        assert!(
            err.to_string().contains("missing field `clientRequest`"),
            "{err}"
        );
    }

    #[test]
    fn non_json_is_its_own_failure() {
        assert!(matches!(
            parse::<StartRequest>(b"cname=c"),
            Err(BodyError::NotJson(_))
        ));
        assert!(matches!(
            parse::<StartRequest>(b"  "),
            Err(BodyError::NotJson(_))
        ));
    }

    #[test]
    fn bodies_are_redacted_for_logs() {
        let v = redacted(br#"{"clientRequest":{"storageConfig":{"secretKey":"SK","bucket":"b"}}}"#)
            .unwrap();
        assert_eq!(
            v["clientRequest"]["storageConfig"]["secretKey"],
            "<redacted>"
        );
        assert_eq!(v["clientRequest"]["storageConfig"]["bucket"], "b");
        assert_eq!(
            redacted(b"secret=1"),
            Some(Value::String("<8 bytes, not JSON>".into()))
        );
        assert_eq!(redacted(b""), None);
    }
}
