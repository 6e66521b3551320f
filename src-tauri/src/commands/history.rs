//! The history view's queries.

use mixdeck_core::engine::ReconcileReport;
use mixdeck_core::error::blocking;
use mixdeck_core::store::{Page, SessionEvent, SessionFilter, SessionId, SessionRow};
use mixdeck_core::Engine;
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::error::CommandError;

/// A session with its request/response log (redacted).
#[derive(Debug, Clone, Serialize, Type)]
pub struct SessionDetail {
    pub session: SessionRow,
    pub events: Vec<SessionEvent>,
}

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
    // The log is written in the background: include what was exchanged up to now.
    engine.flush_log().await;
    let store = engine.store();
    Ok(blocking(move || {
        Ok(SessionDetail {
            session: store.session(id)?,
            events: store.session_events(id)?,
        })
    })
    .await?)
}

/// Checks every session not known to be over with Agora (also done at start-up).
#[tauri::command]
#[specta::specta]
pub async fn reconcile_sessions(
    engine: State<'_, Engine>,
) -> Result<ReconcileReport, CommandError> {
    Ok(engine.reconcile().await?)
}
