//! The app's engine: the history database in the app data directory, secrets in the OS keychain,
//! open sessions reconciled at start-up and then watched by the monitor.

use std::path::Path;
use std::sync::Arc;

use std::sync::Mutex;

use mixdeck_core::engine::{Database, MonitorConfig};
use mixdeck_core::recovery::{move_aside, DatabaseProblem};
use mixdeck_core::vault::KeyringStore;
use mixdeck_core::{CoreError, Engine, EngineConfig};
use tauri::Manager;

pub async fn open(data_dir: &Path) -> Result<Engine, CoreError> {
    let config = EngineConfig::new(
        Database::File(data_dir.join(mixdeck_core::paths::DATABASE_FILE)),
        Arc::new(KeyringStore),
    );
    Engine::open(config).await
}

/// How the start went: the engine is managed once the database opened; until then the window
/// is told why not ([`DatabaseProblem`]) and may ask to start fresh.
pub struct Startup {
    data_dir: std::path::PathBuf,
    problem: Mutex<Option<DatabaseProblem>>,
}

impl Startup {
    /// Opens the engine and serves it, or (when its database will not open) keeps the problem
    /// for the window to show. Other failures stop the start as before.
    pub fn begin(app: &tauri::AppHandle, data_dir: &Path) -> Result<Self, CoreError> {
        let startup = Self {
            data_dir: data_dir.to_owned(),
            problem: Mutex::new(None),
        };
        match tauri::async_runtime::block_on(open(data_dir)) {
            Ok(engine) => serve(app, engine),
            Err(e) => {
                let db = data_dir.join(mixdeck_core::paths::DATABASE_FILE);
                let Some(problem) = DatabaseProblem::from_error(&db, &e) else {
                    return Err(e);
                };
                tracing::error!(path = %problem.path, kind = ?problem.kind, error = %e,
                    "the history database could not be opened: the window says so");
                *startup.problem.lock().unwrap_or_else(|p| p.into_inner()) = Some(problem);
            }
        }
        Ok(startup)
    }

    pub fn problem(&self) -> Option<DatabaseProblem> {
        self.problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Moves the database aside, opens a fresh one and serves it; answers the old file's new path.
    pub async fn start_fresh(&self, app: &tauri::AppHandle) -> Result<String, CoreError> {
        if self.problem().is_none() {
            return Err(CoreError::invalid(
                "database",
                "the history database opened: there is nothing to move aside",
            ));
        }
        let db = self.data_dir.join(mixdeck_core::paths::DATABASE_FILE);
        let moved = move_aside(&db, mixdeck_core::store::now_ms()).map_err(|e| {
            CoreError::Internal(format!("could not move {} aside: {e}", db.display()))
        })?;
        let engine = open(&self.data_dir).await?;
        tracing::info!(moved = %moved.display(), "history database moved aside; starting with a fresh one");
        serve(app, engine);
        *self.problem.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(moved.display().to_string())
    }
}

/// Hands the engine to the commands, forwards its events and starts watching sessions.
fn serve(app: &tauri::AppHandle, engine: Engine) {
    crate::events::forward(app.clone(), engine.subscribe());
    watch(engine.clone());
    app.manage(engine);
}

/// Reconciles sessions left open by an earlier run, then keeps polling open sessions.
fn watch(engine: Engine) {
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
