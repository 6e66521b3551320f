//! Profiles and their secrets. Secrets go in (typed by the user) but never come back out.

use mixdeck_core::engine::{ConnectionTest, ProfileView, SandboxAccess, SecretInput};
use mixdeck_core::store::{ProfileId, ProfileInput};
use mixdeck_core::vault::SecretKind;
use mixdeck_core::Engine;
use tauri::State;

use crate::error::CommandError;

#[tauri::command]
#[specta::specta]
pub async fn list_profiles(engine: State<'_, Engine>) -> Result<Vec<ProfileView>, CommandError> {
    Ok(engine.profiles().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_profile(
    engine: State<'_, Engine>,
    input: ProfileInput,
    secrets: Vec<SecretInput>,
) -> Result<ProfileView, CommandError> {
    Ok(engine.create_profile(input, secrets).await?)
}

/// Saves a profile; a new endpoint or area clears its secrets unless they come with it.
#[tauri::command]
#[specta::specta]
pub async fn update_profile(
    engine: State<'_, Engine>,
    id: ProfileId,
    input: ProfileInput,
    secrets: Vec<SecretInput>,
) -> Result<ProfileView, CommandError> {
    Ok(engine.update_profile(id, input, secrets).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_profile(engine: State<'_, Engine>, id: ProfileId) -> Result<(), CommandError> {
    Ok(engine.delete_profile(id).await?)
}

/// Saves a secret in the OS keychain; the answer shows only "set" and the last 4 characters.
#[tauri::command]
#[specta::specta]
pub async fn set_secret(
    engine: State<'_, Engine>,
    id: ProfileId,
    kind: SecretKind,
    value: String,
) -> Result<ProfileView, CommandError> {
    Ok(engine.set_secret(id, kind, value.into()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn clear_secret(
    engine: State<'_, Engine>,
    id: ProfileId,
    kind: SecretKind,
) -> Result<ProfileView, CommandError> {
    Ok(engine.clear_secret(id, kind).await?)
}

/// "Test connection": `GET /v1/ncs/ip` with the profile's credentials.
#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    engine: State<'_, Engine>,
    id: ProfileId,
) -> Result<ConnectionTest, CommandError> {
    Ok(engine.test_connection(id).await?)
}

/// The embedded sandbox's base URL and control token (started on first use): shown on the
/// Sandbox profile card, for the user's scripts and the end-to-end tests' fault injection.
#[tauri::command]
#[specta::specta]
pub async fn sandbox_access(engine: State<'_, Engine>) -> Result<SandboxAccess, CommandError> {
    Ok(engine.sandbox_access().await?)
}
