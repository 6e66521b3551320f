//! The history view's queries.

use mixdeck_core::engine::{ReconcileReport, SessionDetail};
use mixdeck_core::error::blocking;
use mixdeck_core::store::{Page, SessionFilter, SessionId, SessionRow};
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

/// Checks every session not known to be over with Agora (also done at start-up).
#[tauri::command]
#[specta::specta]
pub async fn reconcile_sessions(
    engine: State<'_, Engine>,
) -> Result<ReconcileReport, CommandError> {
    Ok(engine.reconcile().await?)
}
