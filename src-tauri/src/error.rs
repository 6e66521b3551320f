//! The one error type that crosses the IPC boundary.
//!
//! The UI switches on `code` (stable, dotted, machine-readable: `validation.failed`,
//! `keychain.unavailable`, `agora.worker_not_found`, ...), shows `message` (what failed and what
//! to do), puts `details.fields` under the form fields their paths name, and shows Agora's
//! explanation from `details`. No variant carries a secret: messages are built from values that
//! are safe to show, and Agora's answers never echo our request's secrets.

use agora_rest::FieldError;
use mixdeck_core::store::StoredError;
use mixdeck_core::{CoreError, EngineCode, ErrorCode};
use serde::Serialize;
use specta::Type;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CommandError {
    /// What failed, for the UI to `switch` on: one union of every code (agora-rest's, the
    /// engine's, the app's).
    pub code: ErrorCode,
    pub message: String,
    pub details: Option<Box<ErrorDetails>>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// Field errors of a request body, with dotted paths from its root.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// What Agora's answer means, in plain words.
    pub cause: Option<String>,
    /// What to do about it.
    pub fix: Option<String>,
    pub http_status: Option<u16>,
    /// Agora's `code` from the answer body.
    pub agora_code: Option<i32>,
    /// `X-Request-ID`, for Agora support.
    pub request_id: Option<String>,
}

impl CommandError {
    /// An error the app itself raises (the engine's come from `CoreError::code`).
    pub fn new(code: EngineCode, message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Engine(code),
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
            code: ErrorCode::Agora(agora_rest::ErrorCode::ValidationFailed),
            message,
            details: Some(Box::new(ErrorDetails {
                fields,
                ..Default::default()
            })),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<CoreError> for CommandError {
    fn from(err: CoreError) -> Self {
        if !err.fields().is_empty() {
            return Self::validation(err.fields().to_vec());
        }
        // What a session row would keep of it: one place reads Agora's explanation and ids.
        let stored = StoredError::from(&err);
        let details = ErrorDetails {
            cause: stored.cause,
            fix: stored.fix,
            http_status: stored.status,
            agora_code: stored.agora_code.and_then(|c| i32::try_from(c).ok()),
            request_id: stored.request_id,
            ..Default::default()
        };
        Self {
            code: err.code(),
            message: err.to_string(),
            details: (details != ErrorDetails::default()).then(|| Box::new(details)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_error_json_has_code_and_message_only() {
        let e = CommandError::new(EngineCode::AppPathUnavailable, "no data directory");
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
                "details": {"fields": [{"path": "clientRequest.recordingConfig.maxIdleTime", "message": "must be between 5 and 2592000", "severity": "error"}]}
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
    fn engine_errors_keep_their_stable_codes() {
        let pinned: [(CoreError, &str); 4] = [
            (
                CoreError::Vault(mixdeck_core::vault::VaultError::Unavailable {
                    detail: "no bus".into(),
                    hint: "start one",
                }),
                "keychain.unavailable",
            ),
            (
                CoreError::invalid("name", "must be 1 to 64 characters"),
                "validation.failed",
            ),
            (CoreError::Sandbox("port in use".into()), "sandbox.failed"),
            (CoreError::Internal("x".into()), "app.internal"),
        ];
        for (err, code) in pinned {
            assert_eq!(
                serde_json::to_value(CommandError::from(err)).unwrap()["code"],
                code
            );
        }
    }

    #[test]
    fn agora_errors_carry_the_explanation_and_the_request_id() {
        let api = agora_rest::ApiError {
            op: agora_rest::Op::Query,
            status: 404,
            body: agora_rest::ApiErrorBody::parse(
                r#"{"code":404,"reason":"failed to find worker"}"#,
            ),
            raw: String::new(),
            request_id: Some("req-9".into()),
            resource_id_header: None,
            host: "h".into(),
            after_lost_answer: false,
        };
        let e = CommandError::from(CoreError::Agora(api.into()));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "agora.worker_not_found");
        assert_eq!(v["details"]["httpStatus"], 404);
        assert_eq!(v["details"]["agoraCode"], 404);
        assert_eq!(v["details"]["requestId"], "req-9");
        assert!(v["details"]["cause"].as_str().unwrap().contains("failover"));
    }
}
