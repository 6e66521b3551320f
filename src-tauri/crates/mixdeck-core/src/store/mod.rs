//! The history database: profiles, sessions, their request/response log, presets.
//!
//! SQLite in WAL mode, schema versioned with `PRAGMA user_version`. Every write that records a
//! request goes through [`agora_rest::redact_json`] here, at the storage boundary, so no caller can
//! put a secret on disk by mistake. Calls block: async callers use `spawn_blocking`.

mod migrations;
pub mod owners;
pub mod preset_body;
pub mod preset_file;
pub mod presets;
pub mod profiles;
pub mod session_config;
pub mod sessions;
pub mod settings;
pub mod stored_error;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

pub use owners::{Orphan, HEARTBEAT_MS, OWNER_STALE_MS};
pub use preset_body::{
    CanvasSize, LayoutTemplate, PresetBody, RecordingTemplate, TranscodingTemplate,
};
pub use preset_file::{
    parse_preset_file, preset_file_text, PresetEntry, PRESET_FILE_FORMAT, PRESET_FILE_VERSION,
};
pub use presets::{Preset, PresetId, PresetKind};
pub use profiles::{Profile, ProfileId, ProfileInput, ProfileKind, StorageDefaults};
pub use session_config::SessionConfig;
pub use sessions::{
    AgoraStatus, DeadlineKind, EventQuery, LastStatus, MayBeRecording, NewSession, Page,
    ResourceDeadline, SessionEvent, SessionFilter, SessionId, SessionKind, SessionRow,
    SessionState, SessionUpdate,
};
pub use settings::{Retention, RETENTION_CHOICES};
pub use stored_error::StoredError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the history database at {path} could not be opened: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("the history database was written by a newer Mixdeck (schema {found}, this build knows {known}); update Mixdeck")]
    TooNew { found: i64, known: i64 },
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("{0}")]
    Conflict(String),
    #[error("history database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("history database holds unreadable JSON in {field}: {source}")]
    Json {
        field: &'static str,
        source: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database. One connection behind a mutex: SQLite serializes writers anyway, and the
/// app's write rate (a few per second at most) is far below what one connection sustains.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        // Openers racing on a new file (the app and the CLI) can meet SQLITE_BUSY where SQLite
        // does not wait (switching a fresh file to WAL): try again for a while, then give up.
        let started = std::time::Instant::now();
        let store = loop {
            let conn = Connection::open(path).map_err(|source| StoreError::Open {
                path: path.display().to_string(),
                source,
            })?;
            match Self::init(conn) {
                Err(StoreError::Sql(rusqlite::Error::SqliteFailure(f, _)))
                    if matches!(
                        f.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) && started.elapsed() < std::time::Duration::from_secs(10) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other?,
            }
        };
        // The history names channels, ids and buckets: readable by the user alone. SQLite gives
        // its -wal and -shm files the database's mode when it creates them.
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            if file.exists() {
                if let Err(e) = crate::paths::make_private_file(&file) {
                    tracing::warn!(file = %file.display(), error = %e, "could not make the history private");
                }
            }
        }
        Ok(store)
    }

    /// A private in-memory database, for tests and dry runs.
    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Self> {
        // WAL: readers never block the writer; synchronous=NORMAL is durable across app crashes
        // (only an OS crash can lose the last transactions).
        // The busy timeout first: the app and the CLI may open the file at the same moment, and
        // switching to WAL already needs the lock.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic mid-statement leaves SQLite consistent (transactions roll back), so poison is moot.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The schema version in use.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    field: &'static str,
    text: &str,
) -> Result<T> {
    serde_json::from_str(text).map_err(|source| StoreError::Json { field, source })
}
