//! Typed events the backend emits to the UI, collected once in [`crate::specta_builder`] and
//! exported to `ui/src/bindings.ts` with the commands.

use mixdeck_core::EngineEvent;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri_specta::Event;

/// A session changed, or the monitor saw a problem with one. The history database holds the
/// same facts, so a missed event loses nothing.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct EngineUpdate(pub EngineEvent);

/// Forwards the engine's events to the window until the engine goes away.
pub fn forward(app: tauri::AppHandle, mut rx: tokio::sync::broadcast::Receiver<EngineEvent>) {
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match rx.recv().await {
                Ok(event) => {
                    if let Err(e) = EngineUpdate(event).emit(&app) {
                        tracing::warn!(error = %e, "could not emit an engine event");
                    }
                }
                Err(RecvError::Lagged(n)) => tracing::warn!(missed = n, "UI events lagged"),
                Err(RecvError::Closed) => break,
            }
        }
    });
}
