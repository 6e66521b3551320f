//! Cloud Transcoding tasks.

use agora_rest::transcoding::{CreateRequest, TemplateRequest, TemplatesResponse};
use mixdeck_core::engine::{BeginTranscoding, PreviewRequest};
use mixdeck_core::store::{ProfileId, SessionId, SessionRow};
use mixdeck_core::Engine;
use tauri::State;

use crate::error::CommandError;

/// "Copy as curl": the two requests begin_transcoding would send, secrets redacted, nothing sent.
#[tauri::command]
#[specta::specta]
pub async fn preview_transcoding(
    engine: State<'_, Engine>,
    request: BeginTranscoding,
) -> Result<Vec<PreviewRequest>, CommandError> {
    Ok(engine.preview_transcoding(request).await?)
}

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

/// The project's transcoding templates (multi-bitrate renditions).
#[tauri::command]
#[specta::specta]
pub async fn list_templates(
    engine: State<'_, Engine>,
    profile_id: ProfileId,
) -> Result<TemplatesResponse, CommandError> {
    Ok(engine.list_templates(profile_id).await?)
}

/// Creates or replaces a template, then lists them all.
#[tauri::command]
#[specta::specta]
pub async fn save_template(
    engine: State<'_, Engine>,
    profile_id: ProfileId,
    codec_id: String,
    template: TemplateRequest,
) -> Result<TemplatesResponse, CommandError> {
    Ok(engine
        .save_template(profile_id, &codec_id, &template)
        .await?)
}
