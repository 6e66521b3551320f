//! Cloud Recording sessions, each recorded in history before and after every request.

use agora_rest::codes::ChannelType;
use agora_rest::recording::{LayoutSettings, UpdateClientRequest};
use mixdeck_core::engine::{BeginRecording, ChannelCheck, PreviewRequest, StopOutcome};
use mixdeck_core::store::{ProfileId, SessionId, SessionRow};
use mixdeck_core::Engine;
use tauri::State;

use crate::error::CommandError;

/// acquire + start in one call.
#[tauri::command]
#[specta::specta]
pub async fn begin_recording(
    engine: State<'_, Engine>,
    request: BeginRecording,
) -> Result<SessionRow, CommandError> {
    Ok(engine.begin_recording(request).await?)
}

/// "Copy as curl": the acquire and start requests `begin_recording` would send, validated the
/// same way, secrets redacted, nothing sent. The start URL names the resource `<resourceId>`.
#[tauri::command]
#[specta::specta]
pub async fn preview_recording(
    engine: State<'_, Engine>,
    request: BeginRecording,
) -> Result<Vec<PreviewRequest>, CommandError> {
    Ok(engine.preview_recording(request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn query_recording(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<SessionRow, CommandError> {
    Ok(engine.query_recording(id).await?)
}

/// "Ask Agora now": recovers a session that may be recording, or queries a running one.
#[tauri::command]
#[specta::specta]
pub async fn check_session(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<SessionRow, CommandError> {
    Ok(engine.check_session(id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_recording(
    engine: State<'_, Engine>,
    id: SessionId,
    update: UpdateClientRequest,
) -> Result<SessionRow, CommandError> {
    Ok(engine.update_recording(id, update).await?)
}

/// updateLayout (mix): sends the whole layout, which replaces the previous one.
#[tauri::command]
#[specta::specta]
pub async fn update_layout(
    engine: State<'_, Engine>,
    id: SessionId,
    layout: LayoutSettings,
) -> Result<SessionRow, CommandError> {
    Ok(engine.update_layout(id, layout).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn stop_recording(
    engine: State<'_, Engine>,
    id: SessionId,
    async_stop: bool,
) -> Result<StopOutcome, CommandError> {
    Ok(engine.stop_recording(id, async_stop).await?)
}

/// The optional pre-flight: who is in the channel and what a start there would run into.
#[tauri::command]
#[specta::specta]
pub async fn check_channel(
    engine: State<'_, Engine>,
    profile_id: ProfileId,
    cname: String,
    channel_type: ChannelType,
    uid: Option<String>,
) -> Result<ChannelCheck, CommandError> {
    Ok(engine
        .check_channel(profile_id, &cname, channel_type, uid.as_deref())
        .await?)
}
