//! An error as a session row keeps it: one typed shape for the history, the session panel and
//! exports (it was free JSON the UI had to cast).

use std::collections::BTreeMap;

use agora_rest::StartOutcome;
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::CoreError;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StoredError {
    pub code: Option<ErrorCode>,
    pub message: String,
    /// What Agora's answer means, in plain words.
    pub cause: Option<String>,
    /// What to do about it.
    pub fix: Option<String>,
    /// The HTTP status of Agora's answer.
    pub status: Option<u16>,
    /// Agora's `code` from the answer body.
    pub agora_code: Option<i64>,
    /// `X-Request-ID`, for Agora support.
    pub request_id: Option<String>,
    /// Why the session may be running although no answer said so.
    pub reason: Option<String>,
    /// What the failed start or create says about billing.
    pub outcome: Option<StartOutcome>,
    /// A stop was sent whose answer was lost: a later "already exiting" answer is that stop's.
    pub stop_sent: Option<bool>,
    /// Keys this version does not know (older or newer rows), kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl StoredError {
    /// A note the engine writes on a row (recovered, settled, …).
    pub fn note(code: crate::EngineCode, message: impl Into<String>) -> Self {
        Self {
            code: Some(ErrorCode::Engine(code)),
            message: message.into(),
            ..Default::default()
        }
    }

    /// A stored row's error as it reads back; a shape this version cannot read keeps its text
    /// as the message rather than failing the whole row.
    pub(crate) fn from_stored(value: serde_json::Value) -> Self {
        serde_json::from_value(value.clone()).unwrap_or_else(|_| Self {
            message: value
                .get("message")
                .and_then(|m| m.as_str())
                .map_or_else(|| value.to_string(), str::to_owned),
            ..Default::default()
        })
    }
}

impl From<&CoreError> for StoredError {
    /// Code and message, plus Agora's explanation, HTTP status, code and request id when Agora
    /// answered.
    fn from(e: &CoreError) -> Self {
        let mut stored = Self {
            code: Some(e.code()),
            message: e.to_string(),
            ..Default::default()
        };
        if let CoreError::Agora(a) = e {
            let x = a.explanation();
            stored.cause = Some(x.cause);
            stored.fix = Some(x.fix);
            if let Some(api) = a.api() {
                stored.status = Some(api.status);
                stored.agora_code = api.code();
                stored.request_id = api.request_id.clone();
            }
        }
        stored
    }
}
