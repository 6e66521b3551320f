//! How the CLI fails: exit 2 for usage and validation, 1 for Agora and network errors.

use agora_rest::FieldError;
use mixdeck_core::{CoreError, EngineCode, ErrorReport};

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

    /// The same shape a session row keeps and the app shows.
    pub fn error_report(&self) -> ErrorReport {
        match self {
            Failure::Usage(m) => ErrorReport::new(EngineCode::CliUsage, m.clone()),
            Failure::Invalid(fields) => ErrorReport::validation(fields.clone()),
            Failure::Core(e) => ErrorReport::from(e),
        }
    }

    /// Prints to standard error, as JSON (`{"error": …}`) with `--json`.
    pub fn report(&self, json: bool) {
        let error = self.error_report();
        if json {
            eprintln!("{}", serde_json::json!({ "error": error }));
        } else if !error.fields.is_empty() {
            for f in &error.fields {
                eprintln!("invalid: {f}");
            }
        } else {
            eprintln!("error [{}]: {}", error.code.as_str(), error.message);
            for (what, text) in [("means", &error.cause), ("do", &error.fix)] {
                if let Some(t) = text {
                    eprintln!("  {what}: {t}");
                }
            }
            if let Some(id) = &error.request_id {
                eprintln!("  X-Request-ID: {id}");
            }
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
