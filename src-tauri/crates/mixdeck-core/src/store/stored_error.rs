//! An error as a session row keeps it: one typed shape for the history, the session panel and
//! exports (it was free JSON the UI had to cast).

use std::collections::BTreeMap;

use agora_rest::StartOutcome;
use serde::{Deserialize, Serialize};

use crate::report::ErrorReport;
use crate::CoreError;

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StoredError {
    /// The error itself, in the shape every boundary uses.
    #[serde(flatten)]
    pub report: ErrorReport,
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

impl From<ErrorReport> for StoredError {
    fn from(report: ErrorReport) -> Self {
        Self {
            report,
            reason: None,
            outcome: None,
            stop_sent: None,
            extra: BTreeMap::new(),
        }
    }
}

impl StoredError {
    /// A note the engine writes on a row (recovered, settled, …).
    pub fn note(code: crate::EngineCode, message: impl Into<String>) -> Self {
        ErrorReport::new(code, message).into()
    }

    /// A stored row's error as it reads back; a shape this version cannot read (an unknown
    /// code, an older layout) keeps its text as the message rather than failing the whole row.
    pub(crate) fn from_stored(value: serde_json::Value) -> Self {
        serde_json::from_value(value.clone()).unwrap_or_else(|_| {
            let message = value
                .get("message")
                .and_then(|m| m.as_str())
                .map_or_else(|| value.to_string(), str::to_owned);
            Self::note(crate::EngineCode::AppInternal, message)
        })
    }
}

impl From<&CoreError> for StoredError {
    fn from(e: &CoreError) -> Self {
        ErrorReport::from(e).into()
    }
}
