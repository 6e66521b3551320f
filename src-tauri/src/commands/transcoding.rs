//! Cloud Transcoding tasks.

use agora_rest::transcoding::CreateRequest;
use mixdeck_core::engine::BeginTranscoding;
use mixdeck_core::store::{SessionId, SessionRow};
use mixdeck_core::Engine;
use tauri::State;

use crate::error::CommandError;

/// builderTokens + create in one call.
#[tauri::command]
#[specta::specta]
pub async fn begin_transcoding(
    engine: State<'_, Engine>,
    request: BeginTranscoding,
) -> Result<SessionRow, CommandError> {
    Ok(engine.begin_transcoding(request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn query_transcoding(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<SessionRow, CommandError> {
    Ok(engine.query_transcoding(id).await?)
}

/// Sends the whole config with the task's next sequenceId.
#[tauri::command]
#[specta::specta]
pub async fn update_transcoding(
    engine: State<'_, Engine>,
    id: SessionId,
    config: CreateRequest,
) -> Result<SessionRow, CommandError> {
    Ok(engine.update_transcoding(id, config).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_transcoding(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<SessionRow, CommandError> {
    Ok(engine.delete_transcoding(id).await?)
}
