//! The engine's errors, each with a stable dotted code for the UI and the CLI.

use agora_rest::FieldError;

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
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Store(StoreError::NotFound { .. }) => "store.not_found",
            CoreError::Store(StoreError::Conflict(_)) => "store.conflict",
            CoreError::Store(_) => "store.failed",
            CoreError::Vault(VaultError::Unavailable { .. }) => "keychain.unavailable",
            CoreError::Vault(_) => "keychain.failed",
            CoreError::Agora(e) => e.code(),
            CoreError::Invalid(..) => "validation.failed",
            CoreError::MissingSecret { .. } => "profile.secret_missing",
            CoreError::Sandbox(_) => "sandbox.failed",
            CoreError::Internal(_) => "app.internal",
        }
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
