//! How the CLI fails: exit 2 for usage and validation, 1 for Agora and network errors.

use agora_rest::FieldError;
use mixdeck_core::store::StoredError;
use mixdeck_core::{CoreError, ErrorCode};

#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Invalid(Vec<FieldError>),
    Core(CoreError),
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::Usage(message.into())
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        Failure::Invalid(fields)
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) | Failure::Invalid(_) => 2,
            Failure::Core(e) if e.code() == "validation.failed" => 2,
            Failure::Core(_) => 1,
        }
    }

    /// Prints to standard error, as JSON with `--json`.
    pub fn report(&self, json: bool) {
        let fields: Vec<FieldError> = match self {
            Failure::Invalid(f) => f.clone(),
            Failure::Core(e) => e.fields().to_vec(),
            Failure::Usage(_) => Vec::new(),
        };
        if !fields.is_empty() {
            if json {
                eprintln!("{}", serde_json::json!({ "errors": fields }));
            } else {
                for f in &fields {
                    eprintln!("invalid: {f}");
                }
            }
            return;
        }
        // The same shape a session row keeps (and the app shows): code, message, cause, fix,
        // HTTP status, Agora's code, request id.
        let error = match self {
            Failure::Usage(m) => StoredError {
                message: m.clone(),
                ..Default::default()
            },
            Failure::Invalid(_) => StoredError {
                code: Some(ErrorCode::Agora(agora_rest::ErrorCode::ValidationFailed)),
                ..Default::default()
            },
            Failure::Core(e) => StoredError::from(e),
        };
        let code = error.code.map_or("usage", ErrorCode::as_str);
        if json {
            let mut v = serde_json::json!({ "error": error });
            v["error"]["code"] = code.into();
            eprintln!("{v}");
        } else {
            eprintln!("error [{code}]: {}", error.message);
        }
    }
}

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure::Core(e)
    }
}

impl From<agora_rest::Error> for Failure {
    fn from(e: agora_rest::Error) -> Self {
        Failure::Core(CoreError::Agora(e))
    }
}
