//! One error shape for every boundary: a command's failure in the app, a session row's error in
//! the history, the CLI's error report. What failed (`code`, `message`), which fields, what
//! Agora's answer means and what to do, and the facts support asks for.

use agora_rest::FieldError;
use serde::{Deserialize, Serialize};

use crate::error::{EngineCode, ErrorCode};
use crate::CoreError;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    /// What failed, to `switch` on: one union of every code (agora-rest's, the engine's).
    pub code: ErrorCode,
    /// What failed and what to do, in a sentence; never carries a secret.
    pub message: String,
    /// Field errors of a request body, with dotted paths from its root.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// What Agora's answer means, in plain words.
    pub cause: Option<String>,
    /// What to do about it.
    pub fix: Option<String>,
    /// The HTTP status of Agora's answer (older rows call it `status`).
    #[serde(alias = "status")]
    pub http_status: Option<u16>,
    /// Agora's `code` from the answer body.
    pub agora_code: Option<i64>,
    /// `X-Request-ID`, for Agora support.
    pub request_id: Option<String>,
    /// The Agora host that answered, or that did not.
    pub host: Option<String>,
}

impl ErrorReport {
    /// An error with a code and a message, nothing else known.
    pub fn new(code: impl Into<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            fields: Vec::new(),
            cause: None,
            fix: None,
            http_status: None,
            agora_code: None,
            request_id: None,
            host: None,
        }
    }

    /// A request refused before it was sent: the message sums up the fields.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] => format!("The request is not valid: {one}"),
            many => format!(
                "The request is not valid: {} fields need fixing",
                many.len()
            ),
        };
        Self {
            fields,
            ..Self::new(agora_rest::ErrorCode::ValidationFailed, message)
        }
    }
}

impl From<&CoreError> for ErrorReport {
    /// Code and message, the field errors, and, when Agora was asked, what its answer means,
    /// the HTTP status, its code, the request id and the host.
    fn from(e: &CoreError) -> Self {
        if !e.fields().is_empty() {
            return Self::validation(e.fields().to_vec());
        }
        let mut report = Self::new(e.code(), e.to_string());
        if let CoreError::Agora(a) = e {
            let x = a.explanation();
            report.cause = Some(x.cause);
            report.fix = Some(x.fix);
            report.host = a.host().map(str::to_owned);
            if let Some(api) = a.api() {
                // Cause, fix and request id have fields of their own: the message does not repeat them.
                report.message = api.summary();
                report.http_status = Some(api.status);
                report.agora_code = api.code();
                report.request_id = api.request_id.clone();
            }
        }
        report
    }
}

impl From<CoreError> for ErrorReport {
    fn from(e: CoreError) -> Self {
        Self::from(&e)
    }
}

impl From<agora_rest::ErrorCode> for ErrorCode {
    fn from(c: agora_rest::ErrorCode) -> Self {
        ErrorCode::Agora(c)
    }
}

impl From<EngineCode> for ErrorCode {
    fn from(c: EngineCode) -> Self {
        ErrorCode::Engine(c)
    }
}

impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ErrorReport {}
