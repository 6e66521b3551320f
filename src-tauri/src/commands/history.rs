//! The history view: its pages, a session's detail, exports, deleting, retention, run again.

use mixdeck_core::engine::{
    retention_choices, ExportScope, ReconcileReport, RerunPlan, RetentionChoice, SessionDetail,
    TimelinePage,
};
use mixdeck_core::error::blocking;
use mixdeck_core::store::{Page, Retention, SessionFilter, SessionId, SessionRow};
use mixdeck_core::Engine;
use tauri::State;

use crate::error::CommandError;

#[tauri::command]
#[specta::specta]
pub async fn list_sessions(
    engine: State<'_, Engine>,
    filter: SessionFilter,
) -> Result<Page<SessionRow>, CommandError> {
    let store = engine.store();
    Ok(blocking(move || Ok(store.sessions(&filter)?)).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_detail(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<SessionDetail, CommandError> {
    Ok(engine.session_detail(id).await?)
}

/// The page of a session's timeline before event `before` (the detail holds the newest).
#[tauri::command]
#[specta::specta]
pub async fn session_timeline(
    engine: State<'_, Engine>,
    id: SessionId,
    before: i64,
) -> Result<TimelinePage, CommandError> {
    Ok(engine.session_timeline(id, before).await?)
}

/// Checks every session not known to be over with Agora (also done at start-up).
#[tauri::command]
#[specta::specta]
pub async fn reconcile_sessions(
    engine: State<'_, Engine>,
) -> Result<ReconcileReport, CommandError> {
    Ok(engine.reconcile().await?)
}

/// The export file's text (JSON, secrets redacted) for one session or a filtered list.
#[tauri::command]
#[specta::specta]
pub async fn export_history(
    engine: State<'_, Engine>,
    scope: ExportScope,
) -> Result<String, CommandError> {
    let export = engine.export_history(scope).await?;
    Ok(serde_json::to_string_pretty(&export).unwrap_or_default())
}

/// Forgets a session that is over (nothing at Agora is touched).
#[tauri::command]
#[specta::specta]
pub async fn delete_session(engine: State<'_, Engine>, id: SessionId) -> Result<(), CommandError> {
    Ok(engine.delete_session(id).await?)
}

/// A stored session's settings as the start or create form's template, for "Run again".
#[tauri::command]
#[specta::specta]
pub async fn rerun_plan(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<RerunPlan, CommandError> {
    Ok(engine.rerun_plan(id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn history_retention(engine: State<'_, Engine>) -> Result<Retention, CommandError> {
    Ok(engine.retention().await?)
}

/// Sets the retention and applies it; returns how many sessions it deleted.
#[tauri::command]
#[specta::specta]
pub async fn set_history_retention(
    engine: State<'_, Engine>,
    retention: Retention,
) -> Result<u32, CommandError> {
    Ok(engine.set_retention(retention).await?)
}

/// The retention choices with their words.
#[tauri::command]
#[specta::specta]
pub fn history_retention_choices() -> Vec<RetentionChoice> {
    retention_choices()
}
