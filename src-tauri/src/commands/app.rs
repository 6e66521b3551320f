//! Facts about the running app: version, build, where its data and logs live.

use serde::Serialize;
use specta::Type;
use tauri::Manager;

use crate::error::CommandError;
use mixdeck_core::EngineCode;

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub build: BuildKind,
    /// `linux`, `macos` or `windows`.
    pub platform: String,
    pub data_dir: String,
    pub log_dir: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum BuildKind {
    Debug,
    Release,
}

impl BuildKind {
    pub const CURRENT: Self = if cfg!(debug_assertions) {
        Self::Debug
    } else {
        Self::Release
    };
}

#[tauri::command]
#[specta::specta]
pub fn app_info(app: tauri::AppHandle) -> Result<AppInfo, CommandError> {
    let paths = app.path();
    let dir = |r: tauri::Result<std::path::PathBuf>, what: &str| {
        r.map(|p| p.display().to_string())
            .map_err(|e| unavailable(format!("Could not find the {what} directory: {e}")))
    };
    Ok(AppInfo {
        name: app.package_info().name.clone(),
        version: app.package_info().version.to_string(),
        build: BuildKind::CURRENT,
        platform: std::env::consts::OS.to_owned(),
        data_dir: dir(paths.app_data_dir(), "data")?,
        log_dir: dir(paths.app_log_dir(), "log")?,
    })
}

/// When the process started, so the first screen's arrival can be logged as a duration.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The window calls this once its first screen has painted with real data: the start-up time
/// lands in the log (and `npm run bench` reads it from stderr).
#[tauri::command]
#[specta::specta]
pub fn window_interactive() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
        tracing::info!("window interactive after {ms} ms");
    });
}

/// Opens the log folder in the OS file manager (About). Takes no path: the window can open this
/// one folder and nothing else.
#[tauri::command]
#[specta::specta]
pub fn open_log_folder(app: tauri::AppHandle) -> Result<(), CommandError> {
    let dir = app
        .path()
        .app_log_dir()
        .map_err(|e| unavailable(format!("Could not find the log directory: {e}")))?;
    mixdeck_core::paths::own_private_dir(&dir)
        .map_err(|e| unavailable(format!("Could not create {}: {e}", dir.display())))?;
    tauri_plugin_opener::open_path(&dir, None::<&str>)
        .map_err(|e| unavailable(format!("The file manager could not be opened: {e}")))
}

/// The app's own folders could not be found, made or shown.
fn unavailable(message: String) -> CommandError {
    CommandError::new(EngineCode::AppPathUnavailable, message)
}
