//! A history database that will not open (damaged, not a database, written by a newer Mixdeck):
//! what to tell the user, and moving it aside so a fresh one can be made. The app shows this
//! instead of failing to start; nothing is deleted.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::CoreError;
use crate::store::StoreError;

/// Why the history database could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DatabaseProblemKind {
    /// The file is damaged or is not a SQLite database.
    Damaged,
    /// A newer Mixdeck wrote it: updating Mixdeck opens it again.
    TooNew,
    /// It could not be opened at all (permissions, a full disk, a locked file).
    Unopenable,
}

/// What the app shows when its history database will not open.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatabaseProblem {
    pub kind: DatabaseProblemKind,
    /// The database file.
    pub path: String,
    /// What SQLite or the migration said.
    pub detail: String,
}

impl DatabaseProblem {
    /// The problem `error` describes for the database at `path`, if it is one of the database.
    pub fn from_error(path: &Path, error: &CoreError) -> Option<Self> {
        let CoreError::Store(e) = error else {
            return None;
        };
        let kind = match e {
            StoreError::TooNew { .. } => DatabaseProblemKind::TooNew,
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
            | StoreError::Open {
                source: rusqlite::Error::SqliteFailure(f, _),
                ..
            } if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ) =>
            {
                DatabaseProblemKind::Damaged
            }
            StoreError::Json { .. } => DatabaseProblemKind::Damaged,
            _ => DatabaseProblemKind::Unopenable,
        };
        Some(Self {
            kind,
            path: path.display().to_string(),
            detail: e.to_string(),
        })
    }
}

/// Renames the database and its `-wal` and `-shm` files to `<name>.<stamp>.aside` beside them,
/// so the next open starts a fresh one; returns the new name of the database file.
pub fn move_aside(db: &Path, stamp_ms: i64) -> std::io::Result<PathBuf> {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "history.sqlite3".into());
    let moved = db.with_file_name(format!("{name}.{stamp_ms}.aside"));
    // The write-ahead log first: a database moved without it would lose its last transactions.
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db.display()));
        if from.exists() {
            std::fs::rename(&from, format!("{}{suffix}", moved.display()))?;
        }
    }
    if db.exists() {
        std::fs::rename(db, &moved)?;
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_file_that_is_not_a_database_is_damaged_and_moves_aside() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("history.sqlite3");
        std::fs::write(
            &db,
            b"this is not a database, it is forty bytes or more of text",
        )
        .unwrap();
        let err = CoreError::from(Store::open(&db).err().expect("garbage does not open"));
        let p = DatabaseProblem::from_error(&db, &err).unwrap();
        assert_eq!(p.kind, DatabaseProblemKind::Damaged, "{p:?}");
        assert_eq!(p.path, db.display().to_string());
        let moved = move_aside(&db, 42).unwrap();
        assert_eq!(moved, dir.path().join("history.sqlite3.42.aside"));
        assert!(moved.exists() && !db.exists());
        assert!(
            Store::open(&db).is_ok(),
            "a fresh database opens in its place"
        );
    }

    #[test]
    fn a_newer_schema_is_too_new() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("history.sqlite3");
        drop(Store::open(&db).unwrap());
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);
        let err = CoreError::from(Store::open(&db).err().unwrap());
        let p = DatabaseProblem::from_error(&db, &err).unwrap();
        assert_eq!(p.kind, DatabaseProblemKind::TooNew);
        assert!(p.detail.contains("newer Mixdeck"), "{}", p.detail);
    }
}
