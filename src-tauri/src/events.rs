//! Typed events the backend emits to the UI, collected once in [`crate::specta_builder`] and
//! exported to `ui/src/bindings.ts` with the commands; and OS notifications for sessions that
//! stop or fail while the window is in the background (which ones: `mixdeck_core::engine::Notifier`).

use mixdeck_core::engine::{Notice, Notifier};
use mixdeck_core::EngineEvent;
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::Manager;
use tauri_plugin_notification::NotificationExt;
use tauri_specta::Event;

/// A session changed, or the monitor saw a problem with one. The history database holds the
/// same facts, so a missed event loses nothing.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Event)]
pub struct EngineUpdate(pub EngineEvent);

/// Forwards the engine's events to the window until the engine goes away, and tells the user
/// through the OS when a session stops or fails while the window is not focused.
pub fn forward(app: tauri::AppHandle, mut rx: tokio::sync::broadcast::Receiver<EngineEvent>) {
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        let mut notifier = Notifier::default();
        loop {
            match rx.recv().await {
                Ok(event) => {
                    if let Some(notice) = notifier.observe(&event) {
                        notify(&app, &notice);
                    }
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

/// Shows `notice` unless the main window has the focus (the user sees the change in the app).
/// Failing to show one (no notification daemon, as under CI's Xvfb) is not an error.
fn notify(app: &tauri::AppHandle, notice: &Notice) {
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    if focused {
        return;
    }
    // In the log too: what the user was told, and where the secret scan (e2e) reads it.
    tracing::info!(title = %notice.title, body = %notice.body, "notification");
    if let Err(e) = app
        .notification()
        .builder()
        .title(&notice.title)
        .body(&notice.body)
        .show()
    {
        tracing::debug!(error = %e, title = %notice.title, "could not show a notification");
    }
}
