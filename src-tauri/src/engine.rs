//! The app's engine: the history database in the app data directory, secrets in the OS keychain,
//! open sessions reconciled at start-up and then watched by the monitor.

use std::path::Path;
use std::sync::Arc;

use mixdeck_core::engine::{Database, MonitorConfig};
use mixdeck_core::vault::KeyringStore;
use mixdeck_core::{CoreError, Engine, EngineConfig};

pub async fn open(data_dir: &Path) -> Result<Engine, CoreError> {
    let config = EngineConfig::new(
        Database::File(data_dir.join(mixdeck_core::paths::DATABASE_FILE)),
        Arc::new(KeyringStore),
    );
    Engine::open(config).await
}

/// Reconciles sessions left open by an earlier run, then keeps polling open sessions.
pub fn watch(engine: Engine) {
    tauri::async_runtime::spawn(async move {
        match engine.reconcile().await {
            Ok(report) if report.checked > 0 => tracing::info!(?report, "open sessions reconciled"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not reconcile open sessions"),
        }
        let _monitor = engine.start_monitor(MonitorConfig::default());
        // The monitor runs as long as this task holds its handle: for the app's lifetime.
        std::future::pending::<()>().await;
    });
}
