//! The engine's errors, each with a stable dotted code for the UI and the CLI.

use agora_rest::FieldError;
use serde::{Deserialize, Serialize};

use crate::store::StoreError;
use crate::vault::VaultError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Agora(#[from] agora_rest::Error),
    #[error("{0}")]
    Invalid(String, Vec<FieldError>),
    #[error("{what} is not set for profile {profile:?}: {hint}")]
    MissingSecret {
        profile: String,
        what: &'static str,
        hint: &'static str,
    },
    #[error("the built-in sandbox could not start: {0}")]
    Sandbox(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl CoreError {
    /// A stable dotted code (`agora.worker_not_found`, `keychain.unavailable`, ...).
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Engine(match self {
            CoreError::Store(StoreError::NotFound { .. }) => EngineCode::StoreNotFound,
            CoreError::Store(StoreError::Conflict(_)) => EngineCode::StoreConflict,
            CoreError::Store(_) => EngineCode::StoreFailed,
            CoreError::Vault(VaultError::Unavailable { .. }) => EngineCode::KeychainUnavailable,
            CoreError::Vault(_) => EngineCode::KeychainFailed,
            CoreError::Agora(e) => return ErrorCode::Agora(e.code()),
            CoreError::Invalid(..) => {
                return ErrorCode::Agora(agora_rest::ErrorCode::ValidationFailed)
            }
            CoreError::MissingSecret { .. } => EngineCode::ProfileSecretMissing,
            CoreError::Sandbox(_) => EngineCode::SandboxFailed,
            CoreError::Internal(_) => EngineCode::AppInternal,
        })
    }

    /// Field errors, for validation failures (from the engine or from agora-rest).
    pub fn fields(&self) -> &[FieldError] {
        match self {
            CoreError::Invalid(_, f) => f,
            CoreError::Agora(agora_rest::Error::Invalid(f)) => f,
            _ => &[],
        }
    }

    pub fn invalid(path: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        CoreError::Invalid(
            format!("{path}: {message}"),
            vec![FieldError::new(path, message)],
        )
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

/// Every code a failure can carry past the engine: agora-rest's, then the engine's and the app's.
/// One type, so the UI can `switch` on it exhaustively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum ErrorCode {
    Agora(agora_rest::ErrorCode),
    Engine(EngineCode),
}

/// The engine's and the app's own codes, and the notes a session row keeps (`session.…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum EngineCode {
    #[serde(rename = "store.not_found")]
    StoreNotFound,
    #[serde(rename = "store.conflict")]
    StoreConflict,
    /// The history database failed (disk, corruption).
    #[serde(rename = "store.failed")]
    StoreFailed,
    #[serde(rename = "keychain.unavailable")]
    KeychainUnavailable,
    #[serde(rename = "keychain.failed")]
    KeychainFailed,
    #[serde(rename = "profile.secret_missing")]
    ProfileSecretMissing,
    #[serde(rename = "sandbox.failed")]
    SandboxFailed,
    /// A directory the app needs (data, logs) could not be resolved or created.
    #[serde(rename = "app.path_unavailable")]
    AppPathUnavailable,
    /// A bug: something that should not happen did. The message says what.
    #[serde(rename = "app.internal")]
    AppInternal,
    /// The process that was acquiring, starting or stopping it died; the next run settled it.
    #[serde(rename = "session.interrupted")]
    SessionInterrupted,
    /// Agora says a recording runs on the resource but gave no sid.
    #[serde(rename = "session.sid_unknown")]
    SessionSidUnknown,
    /// Agora says the resource expired: nothing records on it now.
    #[serde(rename = "session.resource_expired")]
    SessionResourceExpired,
    /// Start's answer was lost and the session's id was found again.
    #[serde(rename = "session.recovered")]
    SessionRecovered,
}

impl ErrorCode {
    /// The dotted form, as it is serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Agora(c) => c.as_str(),
            ErrorCode::Engine(c) => c.as_str(),
        }
    }
}

impl EngineCode {
    pub const ALL: &[EngineCode] = &[
        EngineCode::StoreNotFound,
        EngineCode::StoreConflict,
        EngineCode::StoreFailed,
        EngineCode::KeychainUnavailable,
        EngineCode::KeychainFailed,
        EngineCode::ProfileSecretMissing,
        EngineCode::SandboxFailed,
        EngineCode::AppPathUnavailable,
        EngineCode::AppInternal,
        EngineCode::SessionInterrupted,
        EngineCode::SessionSidUnknown,
        EngineCode::SessionResourceExpired,
        EngineCode::SessionRecovered,
    ];

    /// The dotted form (a test checks it is the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EngineCode::StoreNotFound => "store.not_found",
            EngineCode::StoreConflict => "store.conflict",
            EngineCode::StoreFailed => "store.failed",
            EngineCode::KeychainUnavailable => "keychain.unavailable",
            EngineCode::KeychainFailed => "keychain.failed",
            EngineCode::ProfileSecretMissing => "profile.secret_missing",
            EngineCode::SandboxFailed => "sandbox.failed",
            EngineCode::AppPathUnavailable => "app.path_unavailable",
            EngineCode::AppInternal => "app.internal",
            EngineCode::SessionInterrupted => "session.interrupted",
            EngineCode::SessionSidUnknown => "session.sid_unknown",
            EngineCode::SessionResourceExpired => "session.resource_expired",
            EngineCode::SessionRecovered => "session.recovered",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ErrorCode> for String {
    fn from(code: ErrorCode) -> String {
        code.as_str().to_owned()
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Runs blocking work (SQLite, the keychain) off the async runtime.
pub async fn blocking<T, F>(f: F) -> CoreResult<T>
where
    F: FnOnce() -> CoreResult<T> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Internal(format!("a background task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serializes_as_its_dotted_form_and_none_repeats() {
        let all: Vec<ErrorCode> = agora_rest::ErrorCode::ALL
            .iter()
            .map(|c| ErrorCode::Agora(*c))
            .chain(EngineCode::ALL.iter().map(|c| ErrorCode::Engine(*c)))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for code in all {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
            assert!(seen.insert(code.as_str()), "{code} twice");
        }
    }
}
