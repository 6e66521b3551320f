//! Request bodies: JSON or not, what is wrong with them, and their redacted copy for logs.
//!
//! Two failures, as Agora tells them apart: the body is not JSON (recording code 8), or it does
//! not fit the documented shape and rules (code 2 naming each field, see [`crate::wire`]).

use serde_json::Value;

use crate::wire::schema::{self, Problem};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("the body is not valid JSON: {0}")]
    NotJson(String),
    #[error("{}", schema::join(.0))]
    Invalid(Vec<Problem>),
}

/// The body as JSON, or why it is not.
pub fn json(bytes: &[u8]) -> Result<Value, BodyError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BodyError::NotJson("it is empty".into()));
    }
    serde_json::from_slice(bytes).map_err(|e| BodyError::NotJson(e.to_string()))
}

/// A control-API body (the sandbox's own, not Agora's) as `T`, naming the field that does not fit.
pub fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let value = json(bytes).map_err(|e| e.to_string())?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        if path == "." {
            message
        } else {
            format!("{path}: {message}")
        }
    })
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

    #[test]
    fn non_json_is_its_own_failure() {
        assert!(matches!(json(b"cname=c"), Err(BodyError::NotJson(_))));
        assert!(matches!(json(b"  "), Err(BodyError::NotJson(_))));
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
