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

/// Creates `dir` (and its parents) private to the user (0700 on Unix) if it is missing; a
/// directory that exists is left as it is (it may be one the user named, shared with others).
pub fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    restrict(dir, 0o700)
}

/// Creates `dir` if needed and makes it private to the user (0700 on Unix), existing or not: for
/// directories that are Mixdeck's own (named after its identifier), such as the app's data and
/// log directories.
pub fn own_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    restrict(dir, 0o700)
}

/// Makes an existing file private to the user (0600 on Unix).
pub fn make_private_file(file: &std::path::Path) -> std::io::Result<()> {
    restrict(file, 0o600)
}

#[cfg(unix)]
fn restrict(path: &std::path::Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn restrict(_: &std::path::Path, _: u32) -> std::io::Result<()> {
    // Windows: the per-user application data directory is already private to the user.
    Ok(())
}
