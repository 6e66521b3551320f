//! The error that crosses the IPC boundary: mixdeck-core's [`ErrorReport`], the same shape a
//! session row keeps and the CLI prints.
//!
//! The UI switches on `code` (stable, dotted, machine-readable: `validation.failed`,
//! `keychain.unavailable`, `agora.worker_not_found`, ...), shows `message` (what failed and what
//! to do), puts `fields` under the form fields their paths name, and shows Agora's explanation.
//! No variant carries a secret: messages are built from values that are safe to show, and
//! Agora's answers never echo our request's secrets.

use agora_rest::FieldError;
use mixdeck_core::{CoreError, EngineCode, ErrorReport};
use serde::Serialize;
use specta::Type;

/// An [`ErrorReport`], boxed: commands return it in every `Result`, so the `Ok` path stays small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(transparent)]
pub struct CommandError(pub Box<ErrorReport>);

impl CommandError {
    pub fn new(code: EngineCode, message: impl Into<String>) -> Self {
        Self(Box::new(ErrorReport::new(code, message)))
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self(Box::new(ErrorReport::validation(fields)))
    }
}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        Self(Box::new(ErrorReport::from(&e)))
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for CommandError {}

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
                "fields": [{"path": "clientRequest.recordingConfig.maxIdleTime", "message": "must be between 5 and 2592000", "severity": "error"}]
            })
        );
        let two =
            CommandError::validation(vec![FieldError::new("a", "x"), FieldError::new("b", "y")]);
        assert_eq!(
            two.0.message,
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
            raw: Default::default(),
            request_id: Some("req-9".into()),
            resource_id_header: None,
            host: "h".into(),
            after_lost_answer: false,
        };
        let e = CommandError::from(CoreError::Agora(api.into()));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "agora.worker_not_found");
        assert_eq!(v["httpStatus"], 404);
        assert_eq!(v["agoraCode"], 404);
        assert_eq!(v["requestId"], "req-9");
        assert_eq!(v["host"], "h");
        assert!(v["cause"].as_str().unwrap().contains("failover"));
        // Said once: the message names the answer, the explanation has its own fields.
        let message = v["message"].as_str().unwrap();
        assert!(message.starts_with("query: HTTP 404"), "{message}");
        assert!(
            !message.contains("failover") && !message.contains("req-9"),
            "{message}"
        );
    }
}
