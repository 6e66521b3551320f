//! Where Mixdeck keeps its data, shared by the app and the CLI so they open the same history.

use std::path::PathBuf;

/// The app's identifier (`tauri.conf.json`): its data directory's name.
pub const APP_IDENTIFIER: &str = "io.mixdeck.desktop";
/// The history database, in the data directory.
pub const DATABASE_FILE: &str = "history.sqlite3";
/// Overrides the data directory (tests, throwaway runs).
pub const DATA_DIR_ENV: &str = "MIXDECK_DATA_DIR";

/// The data directory outside the app (the CLI): `MIXDECK_DATA_DIR`, else the platform's data
/// directory joined with [`APP_IDENTIFIER`], where the app keeps it.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV) {
        return Some(d.into());
    }
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}
