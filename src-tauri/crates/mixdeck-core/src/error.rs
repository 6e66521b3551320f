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
    /// A request's storage is not the profile's default storage, and the profile's storage keys
    /// would be filled in for it: an imported preset must not send them elsewhere unasked.
    #[error("{path}: goes to {requested}, not to this profile's default storage ({default}); the profile's storage keys are filled in only after you confirm that destination")]
    StorageElsewhere {
        path: String,
        requested: String,
        default: String,
    },
    #[error("the built-in sandbox could not start: {0}")]
    Sandbox(String),
    /// The user's object storage refused or could not be reached; the message names no secret.
    #[error("{0}")]
    Storage(String),
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
            CoreError::StorageElsewhere { .. } => EngineCode::StorageElsewhere,
            CoreError::Sandbox(_) => EngineCode::SandboxFailed,
            CoreError::Storage(_) => EngineCode::StorageFailed,
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

agora_rest::dotted_codes! {
    /// The engine's and the app's own codes, and the notes a session row keeps (`session.…`).
    pub enum EngineCode as "EngineCode" {
        StoreNotFound => "store.not_found",
        StoreConflict => "store.conflict",
        /// The history database failed (disk, corruption).
        StoreFailed => "store.failed",
        KeychainUnavailable => "keychain.unavailable",
        KeychainFailed => "keychain.failed",
        ProfileSecretMissing => "profile.secret_missing",
        /// The request's storage is not the profile's default: confirm before its keys go there.
        StorageElsewhere => "storage.elsewhere",
        SandboxFailed => "sandbox.failed",
        /// The object storage refused a request or did not answer.
        StorageFailed => "storage.failed",
        /// A directory the app needs (data, logs) could not be resolved or created.
        AppPathUnavailable => "app.path_unavailable",
        /// A bug: something that should not happen did. The message says what.
        AppInternal => "app.internal",
        /// The CLI was called wrongly (an unknown name, a missing file, a flag out of place).
        CliUsage => "cli.usage",
        /// A preset file that is not one, or holds an entry that fits no template.
        PresetFileInvalid => "preset.file_invalid",
        /// The process that was acquiring, starting or stopping it died; the next run settled it.
        SessionInterrupted => "session.interrupted",
        /// Agora says a recording runs on the resource but gave no sid.
        SessionSidUnknown => "session.sid_unknown",
        /// Agora says the resource expired: nothing records on it now.
        SessionResourceExpired => "session.resource_expired",
        /// Start's answer was lost and the session's id was found again.
        SessionRecovered => "session.recovered",
    }
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
