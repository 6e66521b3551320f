//! The one error type that crosses the IPC boundary.
//!
//! The UI switches on `code` (stable, dotted, machine-readable), shows `message` (plain words: what
//! failed and what to do), and puts `details.fields` under the form fields their paths name. No
//! variant carries a secret: messages are built from values that are safe to show.

use agora_rest::FieldError;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<ErrorDetails>,
}

/// Stable error codes. The wire form (the serde name) is the contract with the UI: never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub enum ErrorCode {
    /// The request failed validation; `details.fields` says where.
    #[serde(rename = "validation.failed")]
    ValidationFailed,
    /// The OS keychain could not be reached.
    #[serde(rename = "keychain.unavailable")]
    KeychainUnavailable,
    /// The OS keychain answered but failed the operation.
    #[serde(rename = "keychain.failed")]
    KeychainFailed,
    /// A directory the app needs (data, logs) could not be resolved or created.
    #[serde(rename = "app.path_unavailable")]
    PathUnavailable,
    /// A bug: something that should not happen did. The message says what.
    #[serde(rename = "app.internal")]
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ErrorDetails {
    /// Field errors of a request body, with dotted paths from its root.
    pub fields: Vec<FieldError>,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] => format!("The request is not valid: {one}"),
            many => format!(
                "The request is not valid: {} fields need fixing",
                many.len()
            ),
        };
        Self {
            code: ErrorCode::ValidationFailed,
            message,
            details: Some(ErrorDetails { fields }),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<mixdeck_core::vault::VaultError> for CommandError {
    fn from(err: mixdeck_core::vault::VaultError) -> Self {
        use mixdeck_core::vault::VaultError;
        let code = match err {
            VaultError::Unavailable { .. } => ErrorCode::KeychainUnavailable,
            VaultError::Failed { .. } => ErrorCode::KeychainFailed,
        };
        Self::new(code, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_error_json_has_code_and_message_only() {
        let e = CommandError::new(ErrorCode::PathUnavailable, "no data directory");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "app.path_unavailable", "message": "no data directory"})
        );
    }

    #[test]
    fn validation_error_json_carries_field_paths() {
        let e = CommandError::validation(vec![FieldError::new(
            "clientRequest.recordingConfig.maxIdleTime",
            "must be between 5 and 2592000",
        )]);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({
                "code": "validation.failed",
                "message": "The request is not valid: clientRequest.recordingConfig.maxIdleTime: must be between 5 and 2592000",
                "details": {"fields": [{"path": "clientRequest.recordingConfig.maxIdleTime", "message": "must be between 5 and 2592000"}]}
            })
        );
        let two =
            CommandError::validation(vec![FieldError::new("a", "x"), FieldError::new("b", "y")]);
        assert_eq!(
            two.message,
            "The request is not valid: 2 fields need fixing"
        );
    }

    #[test]
    fn every_code_has_its_pinned_wire_name() {
        let pinned = [
            (ErrorCode::ValidationFailed, "validation.failed"),
            (ErrorCode::KeychainUnavailable, "keychain.unavailable"),
            (ErrorCode::KeychainFailed, "keychain.failed"),
            (ErrorCode::PathUnavailable, "app.path_unavailable"),
            (ErrorCode::Internal, "app.internal"),
        ];
        for (code, wire) in pinned {
            assert_eq!(serde_json::to_value(code).unwrap(), json!(wire));
        }
    }

    #[test]
    fn keychain_errors_map_to_their_codes() {
        let e: CommandError = mixdeck_core::vault::VaultError::Unavailable {
            detail: "no bus".into(),
            hint: "start one",
        }
        .into();
        assert_eq!(e.code, ErrorCode::KeychainUnavailable);
        assert!(e.message.contains("no bus"));
    }
}
