//! When the history database will not open, the window shows what is wrong instead of the app;
//! these are its two commands.

use mixdeck_core::recovery::DatabaseProblem;
use tauri::State;

use crate::engine::Startup;
use crate::error::CommandError;

/// Why the history database could not be opened at start, or `null` when it opened.
#[tauri::command]
#[specta::specta]
pub fn database_problem(startup: State<'_, Startup>) -> Option<DatabaseProblem> {
    startup.problem()
}

/// Moves the database that would not open aside (nothing is deleted) and starts with a fresh
/// one; answers where the old file now is.
#[tauri::command]
#[specta::specta]
pub async fn start_fresh_database(
    app: tauri::AppHandle,
    startup: State<'_, Startup>,
) -> Result<String, CommandError> {
    Ok(startup.start_fresh(&app).await?)
}
