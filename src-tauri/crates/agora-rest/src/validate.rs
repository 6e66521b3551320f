//! The shared vocabulary of request validation.

use serde::{Deserialize, Serialize};

/// One broken rule in a request body: where it is and what rule it breaks.
///
/// `path` is dotted from the body's root (`clientRequest.recordingConfig.maxIdleTime`,
/// `clientRequest.transcodingConfig.layoutConfig.3.x_axis`), so a form can put the message under the
/// field it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_json_shape_is_path_and_message() {
        let e = FieldError::new(
            "clientRequest.recordingConfig.maxIdleTime",
            "must be at least 5",
        );
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"path": "clientRequest.recordingConfig.maxIdleTime", "message": "must be at least 5"})
        );
        assert_eq!(
            e.to_string(),
            "clientRequest.recordingConfig.maxIdleTime: must be at least 5"
        );
    }
}
