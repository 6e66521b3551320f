//! Sessions (recordings and transcoding tasks) and their request/response log.
//!
//! A row is written before the request that creates the session is sent and updated after every
//! answer, so a crash at any moment leaves a row that says what is known.

use super::session_config::SessionConfig;
use super::stored_error::StoredError;
use agora_rest::recording::Mode;
use agora_rest::{redact_json, Exchange, Op};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::profiles::ProfileId;
use super::{from_json, now_ms, to_json, Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct SessionId(pub i64);

impl std::fmt::Display for SessionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Recording,
    Transcoding,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [SessionKind::Recording, SessionKind::Transcoding];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Recording => "recording",
            SessionKind::Transcoding => "transcoding",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "transcoding" {
            SessionKind::Transcoding
        } else {
            SessionKind::Recording
        }
    }
}

/// Where a session is in its life, as far as Mixdeck knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SessionState {
    /// acquire / builderTokens sent, no id yet.
    Acquiring,
    /// start / create sent, not answered yet.
    Starting,
    /// Running (sid or taskId known).
    Started,
    /// stop / delete sent.
    Stopping,
    /// Stopped by the user; final files known.
    Stopped,
    /// Ended without a stop: maxIdleTime, idleTimeout, expiry, or found gone.
    Ended,
    /// A request failed before the session ran; nothing is billed.
    Failed,
    /// The answer to start/create never came (crash, timeout): it may be running.
    Unknown,
}

impl SessionState {
    pub const ALL: [SessionState; 8] = [
        SessionState::Acquiring,
        SessionState::Starting,
        SessionState::Started,
        SessionState::Stopping,
        SessionState::Stopped,
        SessionState::Ended,
        SessionState::Failed,
        SessionState::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Acquiring => "acquiring",
            SessionState::Starting => "starting",
            SessionState::Started => "started",
            SessionState::Stopping => "stopping",
            SessionState::Stopped => "stopped",
            SessionState::Ended => "ended",
            SessionState::Failed => "failed",
            SessionState::Unknown => "unknown",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .unwrap_or(SessionState::Unknown)
    }

    /// Not known to be over: may still be running (and billed).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            SessionState::Acquiring
                | SessionState::Starting
                | SessionState::Started
                | SessionState::Stopping
                | SessionState::Unknown
        )
    }
}

/// A session about to be created.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub profile_id: Option<ProfileId>,
    pub profile_name: String,
    pub kind: SessionKind,
    pub mode: Option<Mode>,
    /// Channel (recording) or instance id (transcoding).
    pub cname: String,
    pub uid: Option<String>,
    /// The request bodies that will be sent (redacted before they are stored).
    pub config: SessionConfig,
    /// When it was created (ms); `None` is now. Set by imports and benchmarks.
    pub created_at: Option<i64>,
    /// The engine sending its first request (see `owners`); `None` for imports.
    pub owner: Option<String>,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct SessionUpdate {
    pub state: Option<SessionState>,
    pub resource_id: Option<String>,
    pub sid: Option<String>,
    /// A builder token was kept for the task (in the keychain): its last 4 characters, or ''
    /// when it is too short to hint at.
    pub builder_token_last4: Option<String>,
    pub task_id: Option<String>,
    pub sequence_id: Option<i64>,
    pub last_status: Option<serde_json::Value>,
    pub files: Option<Vec<String>>,
    /// `Some(None)` clears the error.
    pub error: Option<Option<StoredError>>,
    pub config: Option<SessionConfig>,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// The engine now sending a request for it (see `owners`).
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionRow {
    pub id: SessionId,
    pub profile_id: Option<ProfileId>,
    pub profile_name: String,
    pub kind: SessionKind,
    pub mode: Option<Mode>,
    pub cname: String,
    pub uid: Option<String>,
    pub resource_id: Option<String>,
    pub sid: Option<String>,
    /// The last 4 characters of the transcoding task's builder token ('' when it is too short
    /// to hint at); `None` when none is kept. The token itself is a secret that controls the
    /// task: it lives in the keychain under [`SessionRow::vault_id`], never in the database.
    pub builder_token_last4: Option<String>,
    /// Random and never reused: the session's keychain entries are keyed by it.
    #[serde(skip)]
    pub vault_id: String,
    pub task_id: Option<String>,
    pub sequence_id: Option<i64>,
    pub state: SessionState,
    /// Agora's last answer about it: the query response of its kind.
    pub last_status: Option<LastStatus>,
    pub files: Vec<String>,
    /// Each file's name read (who, which track, which part), for a recording with a sid.
    pub file_notes: Vec<agora_rest::recording::file_names::FileNaming>,
    /// The request bodies used, secrets redacted.
    pub config: SessionConfig,
    pub error: Option<StoredError>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub updated_at: i64,
    /// Set when the session may be running without Mixdeck knowing for sure (state Unknown):
    /// what is known, and when Agora ends it on its own.
    pub may_be_recording: Option<MayBeRecording>,
    /// Not known to be over: it may be running and billed ([`SessionState::is_open`]).
    pub is_open: bool,
    /// Agora's last reported status and what it means.
    pub agora_status: Option<AgoraStatus>,
    /// Web recording: whether the page is paused (on hold), from the last answer.
    pub web_onhold: Option<bool>,
    /// When the resource stops answering: start must use it within 5 minutes of acquire; after
    /// start, REST calls work for resourceExpiredHour.
    pub resource_deadline: Option<ResourceDeadline>,
    /// Stored columns that could not be read (damaged, or written by a newer Mixdeck): shown so
    /// the user knows part of the record is missing; the rest of the row is as stored.
    #[serde(default)]
    pub unreadable: Vec<String>,
}

/// Agora's last answer about a session, typed by its kind (unknown fields stay in `extra`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LastStatus {
    /// A recording's `serverResponse` (query, stop).
    Recording(agora_rest::recording::ServerResponse),
    /// A transcoding task (create, query, delete).
    Transcoding(agora_rest::transcoding::TaskResponse),
}

impl LastStatus {
    /// What the store kept, read as `kind`'s answer; `None` if it is not one.
    fn read(kind: SessionKind, value: serde_json::Value) -> Option<Self> {
        let read = match kind {
            SessionKind::Recording => serde_json::from_value(value).map(LastStatus::Recording),
            SessionKind::Transcoding => serde_json::from_value(value).map(LastStatus::Transcoding),
        };
        read.map_err(|e| tracing::warn!(error = %e, "a stored status could not be read"))
            .ok()
    }
}

/// `serverResponse.status` (recording, a number) or the task `status` (transcoding, a name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgoraStatus {
    /// The recording status code.
    pub code: Option<i32>,
    /// The transcoding task status.
    pub name: Option<String>,
    /// What it means, as Agora documents it.
    pub label: String,
    pub documented: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DeadlineKind {
    /// Acquired, not started: start must use the resourceId before this.
    StartBy,
    /// Started: query, update and stop work until this (resourceExpiredHour).
    ApiUntil,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ResourceDeadline {
    pub at_ms: i64,
    pub kind: DeadlineKind,
}

fn agora_status(s: &SessionRow) -> Option<AgoraStatus> {
    match s.last_status.as_ref()? {
        LastStatus::Recording(sr) => {
            let code = sr.status?;
            let label = code.label();
            Some(AgoraStatus {
                code: Some(code.0),
                name: None,
                label: label.map_or_else(
                    || format!("status {} (not documented)", code.0),
                    str::to_owned,
                ),
                documented: label.is_some(),
            })
        }
        LastStatus::Transcoding(task) => {
            let name = task.status.as_str().to_owned();
            let known = task.status.known();
            Some(AgoraStatus {
                code: None,
                label: known.map_or_else(
                    || format!("{name} (not documented)"),
                    |k| {
                        format!(
                            "{name}: {}",
                            agora_rest::transcoding::labels::task_status(k)
                        )
                    },
                ),
                name: Some(name),
                documented: known.is_some(),
            })
        }
    }
}

fn web_onhold(s: &SessionRow) -> Option<bool> {
    match s.last_status.as_ref()? {
        LastStatus::Recording(sr) => sr.web_onhold(),
        LastStatus::Transcoding(_) => None,
    }
}

fn resource_deadline(s: &SessionRow) -> Option<ResourceDeadline> {
    if s.kind != SessionKind::Recording || s.resource_id.is_none() {
        return None;
    }
    Some(match s.started_at {
        None => ResourceDeadline {
            at_ms: s.created_at + i64::from(agora_rest::limits::RESOURCE_LIFETIME_SECS) * 1000,
            kind: DeadlineKind::StartBy,
        },
        Some(started) => {
            let hours = i64::from(s.config.resource_expired_hour());
            ResourceDeadline {
                at_ms: started + hours * 3_600_000,
                kind: DeadlineKind::ApiUntil,
            }
        }
    })
}

/// A session that may be running and billed although no answer said so: shown plainly, with
/// what limits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MayBeRecording {
    /// Why it may be running (the stored error's message).
    pub reason: String,
    /// The recording's resourceId, the transcoding task's instanceId: what support asks for.
    pub resource_id: Option<String>,
    /// It can be stopped from here (its sid or task id is known).
    pub stoppable: bool,
    /// Agora ends it by itself this long after the channel empties (maxIdleTime; a transcoding
    /// task's idleTimeout after its inputs leave).
    pub idle_end_seconds: u32,
    /// The latest it can run (web: maxRecordingHour after it started).
    pub ends_by_ms: Option<i64>,
    /// Past this the resource expires (resourceExpiredHour after acquire): Agora no longer
    /// answers for it, so it can no longer be queried or stopped.
    pub api_until_ms: Option<i64>,
}

/// What limits a session that may be running, read from the request it was started with.
fn may_be_recording(s: &SessionRow) -> Option<MayBeRecording> {
    if s.state != SessionState::Unknown {
        return None;
    }
    let reason = s
        .error
        .as_ref()
        .map(|e| e.reason.clone().unwrap_or_else(|| e.report.message.clone()))
        .unwrap_or_else(|| "The answer to the request that starts it never arrived.".to_owned());
    let from = s.started_at.unwrap_or(s.created_at);
    let hours_ms = |h: u32| i64::from(h) * 3_600_000;
    let idle_end_seconds = s.config.idle_end_seconds();
    Some(match s.kind {
        SessionKind::Recording => MayBeRecording {
            reason,
            resource_id: s.resource_id.clone(),
            stoppable: s.sid.is_some(),
            idle_end_seconds,
            ends_by_ms: s.config.max_recording_hour().map(|h| from + hours_ms(h)),
            api_until_ms: Some(s.created_at + hours_ms(s.config.resource_expired_hour())),
        },
        SessionKind::Transcoding => MayBeRecording {
            reason,
            resource_id: Some(s.cname.clone()),
            stoppable: s.task_id.is_some() && s.builder_token_last4.is_some(),
            idle_end_seconds,
            ends_by_ms: None,
            api_until_ms: None,
        },
    })
}

/// One request/response pair, redacted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionEvent {
    pub id: i64,
    pub session_id: SessionId,
    pub at: i64,
    pub op: String,
    pub method: Option<String>,
    pub url: Option<String>,
    pub attempt: Option<u32>,
    pub request_body: Option<serde_json::Value>,
    pub status: Option<u16>,
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub elapsed_ms: Option<u64>,
    pub request_id: Option<String>,
    /// How many times this same answer came in a row (a query polled while nothing changed is
    /// stored once); 1 for every other exchange.
    pub repeats: u32,
    /// When the last of those repeats came.
    pub last_at: Option<i64>,
}

/// Which of a session's events to read ([`Store::session_events_where`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct EventQuery<'a> {
    /// Only events older than this event id.
    pub before: Option<i64>,
    /// Only the newest this many (of those older than `before`).
    pub limit: Option<u32>,
    /// Only these operations (`Op::name`).
    pub ops: Option<&'a [&'a str]>,
}

/// `state IN (…)` for the states [`SessionState::is_open`] calls open (and its complement).
static OPEN_CLAUSE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| states_clause(true));
pub(super) static OVER_CLAUSE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| states_clause(false));

fn states_clause(open: bool) -> String {
    let names: Vec<String> = SessionState::ALL
        .into_iter()
        .filter(|s| s.is_open() == open)
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("state IN ({})", names.join(", "))
}

/// History filters; all optional and combined with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct SessionFilter {
    pub profile_id: Option<ProfileId>,
    pub kind: Option<SessionKind>,
    pub mode: Option<Mode>,
    pub state: Option<SessionState>,
    /// Exact channel name.
    pub cname: Option<String>,
    /// Created at or after (ms).
    pub from: Option<i64>,
    /// Created before (ms).
    pub to: Option<i64>,
    /// Substring of the channel (a task's instanceId), uid, resource id, sid or task id.
    pub text: Option<String>,
    /// Only sessions that may be running (true) or only those that are over (false), however
    /// old: the app's "Active" lists must find a billed session beyond the recent page.
    pub open: Option<bool>,
    /// Page size (default 50, at most 500).
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many rows match, across all pages.
    pub total: u32,
}

const COLUMNS: &str = "id, profile_id, profile_name, kind, mode, cname, uid, resource_id, sid, builder_token_last4, \
     task_id, sequence_id, state, last_status, files, config, error, created_at, started_at, ended_at, updated_at, \
     vault_id";

/// A JSON column as stored: `None` for NULL, `Err` when it holds something that is not text.
type JsonCol = Option<std::result::Result<String, ()>>;
type RawRow = (SessionRow, JsonCol, JsonCol, JsonCol, JsonCol);

fn json_col(row: &Row<'_>, i: usize) -> rusqlite::Result<JsonCol> {
    use rusqlite::types::ValueRef;
    Ok(match row.get_ref(i)? {
        ValueRef::Null => None,
        ValueRef::Text(t) => Some(std::str::from_utf8(t).map(str::to_owned).map_err(|_| ())),
        _ => Some(Err(())),
    })
}

fn read_row(row: &Row<'_>) -> rusqlite::Result<RawRow> {
    let mode: Option<String> = row.get(4)?;
    Ok((
        SessionRow {
            id: SessionId(row.get(0)?),
            profile_id: row.get::<_, Option<i64>>(1)?.map(ProfileId),
            profile_name: row.get(2)?,
            kind: SessionKind::parse(&row.get::<_, String>(3)?),
            mode: mode.and_then(|m| m.parse().ok()),
            cname: row.get(5)?,
            uid: row.get(6)?,
            resource_id: row.get(7)?,
            sid: row.get(8)?,
            builder_token_last4: row.get(9)?,
            task_id: row.get(10)?,
            sequence_id: row.get(11)?,
            state: SessionState::parse(&row.get::<_, String>(12)?),
            last_status: None,
            files: Vec::new(),
            file_notes: Vec::new(),
            config: SessionConfig::Unrecognized {
                json: String::new(),
            },
            error: None,
            created_at: row.get(17)?,
            started_at: row.get(18)?,
            ended_at: row.get(19)?,
            updated_at: row.get(20)?,
            may_be_recording: None,
            is_open: false,
            agora_status: None,
            web_onhold: None,
            resource_deadline: None,
            unreadable: Vec::new(),
            vault_id: row.get::<_, Option<String>>(21)?.unwrap_or_default(),
        },
        json_col(row, 13)?,
        json_col(row, 14)?,
        json_col(row, 15)?,
        json_col(row, 16)?,
    ))
}

/// A row's JSON columns read into the session. A column that cannot be read (damaged, or written
/// by a newer build) is named in `unreadable` and left empty: one bad row never hides the
/// others, and a session that may be billing stays listed with what is known about it.
fn finish((mut s, last_status, files, config, error): RawRow) -> SessionRow {
    fn read<T: serde::de::DeserializeOwned>(
        unreadable: &mut Vec<String>,
        field: &'static str,
        col: JsonCol,
    ) -> Option<T> {
        let text = col?.map_err(|()| unreadable.push(field.to_owned())).ok()?;
        from_json(field, &text)
            .map_err(|e| {
                tracing::debug!(column = field, error = %e, "a stored column could not be read");
                unreadable.push(field.to_owned());
            })
            .ok()
    }
    let mut bad = Vec::new();
    s.last_status = read::<serde_json::Value>(&mut bad, "last_status", last_status)
        .and_then(|v| LastStatus::read(s.kind, v));
    s.files = read(&mut bad, "files", files).unwrap_or_default();
    if let (Some(sid), Some(mode)) = (&s.sid, s.mode) {
        s.file_notes = s
            .files
            .iter()
            .map(|f| agora_rest::recording::file_names::describe(f, sid, &s.cname, mode))
            .collect();
    }
    if let Some(v) = read(&mut bad, "config", config) {
        s.config = SessionConfig::read(s.kind, v);
    }
    s.error = read(&mut bad, "error", error).map(StoredError::from_stored);
    s.unreadable = bad;
    s.may_be_recording = may_be_recording(&s);
    s.is_open = s.state.is_open();
    s.agora_status = agora_status(&s);
    s.web_onhold = web_onhold(&s);
    s.resource_deadline = resource_deadline(&s);
    s
}

/// `%`-wrapped LIKE pattern with the wildcards in the user's text escaped.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// Records a session before its first request is sent.
    pub fn insert_session(&self, new: &NewSession) -> Result<SessionRow> {
        let now = new.created_at.unwrap_or_else(now_ms);
        let state = SessionState::Acquiring;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO sessions (profile_id, profile_name, kind, mode, cname, uid, state, config, created_at, updated_at, owner, vault_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, lower(hex(randomblob(16))))",
            params![
                new.profile_id.map(|p| p.0),
                new.profile_name,
                new.kind.as_str(),
                new.mode.map(|m| m.as_str()),
                new.cname,
                new.uid,
                state.as_str(),
                to_json(&new.config.stored()),
                now,
                new.owner
            ],
        )?;
        let id = SessionId(conn.last_insert_rowid());
        drop(conn);
        self.session(id)
    }

    pub fn update_session(&self, id: SessionId, u: &SessionUpdate) -> Result<SessionRow> {
        let mut sets: Vec<&str> = vec!["updated_at = ?"];
        let mut values: Vec<SqlValue> = vec![now_ms().into()];
        let mut set = |column: &'static str, v: SqlValue| {
            sets.push(column);
            values.push(v);
        };
        if let Some(s) = u.state {
            set("state = ?", s.as_str().to_owned().into());
        }
        if let Some(v) = &u.resource_id {
            set("resource_id = ?", v.clone().into());
        }
        if let Some(v) = &u.sid {
            set("sid = ?", v.clone().into());
        }
        if let Some(v) = &u.builder_token_last4 {
            set("builder_token_last4 = ?", v.clone().into());
        }
        if let Some(v) = &u.task_id {
            set("task_id = ?", v.clone().into());
        }
        if let Some(v) = u.sequence_id {
            set("sequence_id = ?", v.into());
        }
        if let Some(v) = &u.last_status {
            set("last_status = ?", to_json(&redact_json(v)).into());
        }
        if let Some(v) = &u.files {
            set("files = ?", to_json(v).into());
        }
        if let Some(v) = &u.error {
            set(
                "error = ?",
                v.as_ref()
                    .map(|e| to_json(&redact_json(&serde_json::to_value(e).unwrap_or_default())))
                    .into(),
            );
        }
        if let Some(v) = &u.config {
            set("config = ?", to_json(&v.stored()).into());
        }
        if let Some(v) = u.started_at {
            set("started_at = ?", v.into());
        }
        if let Some(v) = u.ended_at {
            set("ended_at = ?", v.into());
        }
        if let Some(v) = &u.owner {
            set("owner = ?", v.clone().into());
        }
        values.push(id.0.into());
        let sql = format!("UPDATE sessions SET {} WHERE id = ?", sets.join(", "));
        let n = self.conn().execute(&sql, params_from_iter(values))?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: format!("session {id}"),
            });
        }
        self.session(id)
    }

    /// The task's next update `sequenceId`, taken atomically: every caller, in any process
    /// sharing the file, gets a different one, above those taken before and above `reported`
    /// (the sequenceId Agora last reported for the task). The first is 1, as in Agora's own
    /// example: the docs allow 0, but a task whose create counts as 0 would ignore it.
    pub fn claim_sequence_id(&self, id: SessionId, reported: Option<i64>) -> Result<i64> {
        self.conn()
            .query_row(
                "UPDATE sessions SET sequence_id = MAX(COALESCE(sequence_id, 0), ?3) + 1, updated_at = ?1
                 WHERE id = ?2 RETURNING sequence_id",
                params![now_ms(), id.0, reported.unwrap_or(0)],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("session {id}"),
            })
    }

    pub fn session(&self, id: SessionId) -> Result<SessionRow> {
        let raw = self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM sessions WHERE id = ?1"),
                [id.0],
                read_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("session {id}"),
            })?;
        Ok(finish(raw))
    }

    /// Sessions not known to be over, oldest first: the ones to reconcile at start-up.
    pub fn open_sessions(&self) -> Result<Vec<SessionRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM sessions WHERE state IN ('acquiring', 'starting', 'started', 'stopping', 'unknown')
             ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([], read_row)?;
        rows.map(|r| Ok(finish(r?))).collect()
    }

    /// A page of sessions, newest first.
    pub fn sessions(&self, f: &SessionFilter) -> Result<Page<SessionRow>> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut values: Vec<SqlValue> = Vec::new();
        if let Some(p) = f.profile_id {
            clauses.push("profile_id = ?");
            values.push(p.0.into());
        }
        if let Some(k) = f.kind {
            clauses.push("kind = ?");
            values.push(k.as_str().to_owned().into());
        }
        if let Some(m) = f.mode {
            clauses.push("mode = ?");
            values.push(m.as_str().to_owned().into());
        }
        if let Some(s) = f.state {
            clauses.push("state = ?");
            values.push(s.as_str().to_owned().into());
        }
        if let Some(open) = f.open {
            clauses.push(if open { &OPEN_CLAUSE } else { &OVER_CLAUSE });
        }
        if let Some(c) = &f.cname {
            clauses.push("cname = ?");
            values.push(c.clone().into());
        }
        if let Some(from) = f.from {
            clauses.push("created_at >= ?");
            values.push(from.into());
        }
        if let Some(to) = f.to {
            clauses.push("created_at < ?");
            values.push(to.into());
        }
        // A text search alone: the trigram index counts its matches (the total), and the page walks
        // the newest sessions or looks the matches up, whichever reads fewer rows.
        let mut text_only: Option<String> = None;
        if let Some(text) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            if text.chars().count() >= 3 {
                // Trigram index: a quoted phrase matches the text as a substring, case-insensitively.
                let phrase = format!("\"{}\"", text.replace('"', "\"\""));
                if clauses.is_empty() {
                    text_only = Some(phrase.clone());
                }
                clauses.push(
                    "id IN (SELECT rowid FROM sessions_search WHERE sessions_search MATCH ?)",
                );
                values.push(phrase.into());
            } else {
                // Too short for trigrams: scan (a 1-2 character search matches most rows anyway).
                clauses.push(
                    "(cname LIKE ? ESCAPE '\\' OR uid LIKE ? ESCAPE '\\' OR resource_id LIKE ? ESCAPE '\\' \
                     OR sid LIKE ? ESCAPE '\\' OR task_id LIKE ? ESCAPE '\\')",
                );
                let pattern = like_pattern(text);
                values.extend(std::iter::repeat_n(SqlValue::from(pattern), 5));
            }
        }
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let limit = f.limit.unwrap_or(50).clamp(1, 500);
        let offset = f.offset.unwrap_or(0);
        let conn = self.conn();
        let mut where_sql = where_sql;
        let total: i64 = match &text_only {
            Some(phrase) => {
                let matches: i64 = conn.query_row(
                    "SELECT COUNT(*) FROM sessions_search WHERE sessions_search MATCH ?1",
                    [phrase],
                    |r| r.get(0),
                )?;
                let newest: i64 =
                    conn.query_row("SELECT COALESCE(MAX(id), 0) FROM sessions", [], |r| {
                        r.get(0)
                    })?;
                // Walking the time index reads about (offset + limit) · sessions / matches rows;
                // looking every match up and sorting costs about 20 a match. `+id` keeps SQLite
                // on the time index for the walk.
                let steps =
                    (f64::from(offset) + f64::from(limit)) * newest as f64 / matches.max(1) as f64;
                if steps <= 20.0 * matches as f64 {
                    where_sql = where_sql.replacen(" WHERE id IN", " WHERE +id IN", 1);
                }
                matches
            }
            None => conn.query_row(
                &format!("SELECT COUNT(*) FROM sessions{where_sql}"),
                params_from_iter(values.iter()),
                |r| r.get(0),
            )?,
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM sessions{where_sql} ORDER BY created_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(values.iter()), read_row)?;
        let items = rows.map(|r| Ok(finish(r?))).collect::<Result<Vec<_>>>()?;
        Ok(Page {
            items,
            total: total as u32,
        })
    }

    /// Forgets a session and its log (nothing at Agora is touched). A session that may still be
    /// running is refused: it would go on billing with nothing left to show or stop it.
    /// Builder tokens written by versions before the keychain kept them: (session, vault id,
    /// token), to move at open.
    pub fn legacy_builder_tokens(&self) -> Result<Vec<(SessionId, String, String)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, vault_id, builder_token FROM sessions WHERE builder_token IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((SessionId(r.get(0)?), r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A legacy builder token is in the keychain now: the row keeps only its hint.
    pub fn builder_token_moved(&self, id: SessionId, last4: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE sessions SET builder_token = NULL, builder_token_last4 = ?2 WHERE id = ?1",
            params![id.0, last4],
        )?;
        Ok(())
    }

    pub fn delete_session(&self, id: SessionId) -> Result<()> {
        let row = self.session(id)?;
        if row.is_open {
            return Err(StoreError::Conflict(format!(
                "session {id} may still be running ({}): stop it, or check it with Agora, before deleting it from history",
                row.state.as_str()
            )));
        }
        self.conn()
            .execute("DELETE FROM sessions WHERE id = ?1", [id.0])?;
        Ok(())
    }

    /// Appends one exchange to a session's log (bodies redacted again here, whatever the caller did).
    /// A query answered exactly as the one before it only counts as a repeat of that row, so
    /// polling a long session does not grow the log.
    pub fn append_exchange(&self, session: SessionId, e: &Exchange) -> Result<()> {
        let response_body = e
            .response_body
            .as_deref()
            .map(agora_rest::secret::redact_body_text);
        let conn = self.conn();
        if matches!(e.op, Op::Query | Op::TranscoderQuery) && e.request_body.is_none() {
            let repeated = conn.execute(
                "UPDATE session_events SET repeats = repeats + 1, last_at = ?1
                 WHERE id = (SELECT MAX(id) FROM session_events WHERE session_id = ?2)
                   AND op = ?3 AND url IS ?4 AND status IS ?5 AND response_body IS ?6 AND error IS ?7
                   AND request_body IS NULL",
                params![
                    now_ms(),
                    session.0,
                    e.op.name(),
                    e.url,
                    e.status,
                    response_body,
                    e.error
                ],
            )?;
            if repeated == 1 {
                return Ok(());
            }
        }
        conn.execute(
            "INSERT INTO session_events (session_id, at, op, method, url, attempt, request_body, status,
             response_body, error, elapsed_ms, request_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                session.0,
                now_ms(),
                e.op.name(),
                e.method,
                e.url,
                e.attempt,
                e.request_body.as_ref().map(|b| to_json(&redact_json(b))),
                e.status,
                response_body,
                e.error,
                e.elapsed_ms as i64,
                e.request_id
            ],
        )?;
        Ok(())
    }

    /// A session's exchanges, oldest first.
    pub fn session_events(&self, session: SessionId) -> Result<Vec<SessionEvent>> {
        self.session_events_where(session, &EventQuery::default())
    }

    /// A session's events as `q` picks them, oldest first: the newest `limit` before an event id,
    /// or only some operations. A request body that cannot be read is left out of its event.
    pub fn session_events_where(
        &self,
        session: SessionId,
        q: &EventQuery<'_>,
    ) -> Result<Vec<SessionEvent>> {
        let mut sql = String::from(
            "SELECT id, session_id, at, op, method, url, attempt, request_body, status, response_body, error,
             elapsed_ms, request_id, repeats, last_at FROM session_events WHERE session_id = ?",
        );
        let mut values: Vec<SqlValue> = vec![session.0.into()];
        if let Some(before) = q.before {
            sql.push_str(" AND id < ?");
            values.push(before.into());
        }
        if let Some(ops) = q.ops {
            sql.push_str(&format!(" AND op IN ({})", vec!["?"; ops.len()].join(", ")));
            values.extend(ops.iter().map(|o| SqlValue::from((*o).to_owned())));
        }
        // Newest first to take the last `limit`, then put back in order.
        sql.push_str(" ORDER BY id DESC");
        if let Some(limit) = q.limit {
            sql.push_str(" LIMIT ?");
            values.push(i64::from(limit).into());
        }
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            Ok((
                SessionEvent {
                    id: r.get(0)?,
                    session_id: SessionId(r.get(1)?),
                    at: r.get(2)?,
                    op: r.get(3)?,
                    method: r.get(4)?,
                    url: r.get(5)?,
                    attempt: r.get(6)?,
                    request_body: None,
                    status: r.get(8)?,
                    response_body: r.get(9)?,
                    error: r.get(10)?,
                    elapsed_ms: r.get::<_, Option<i64>>(11)?.map(|v| v as u64),
                    request_id: r.get(12)?,
                    repeats: r.get(13)?,
                    last_at: r.get(14)?,
                },
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut events = rows
            .map(|r| {
                let (mut ev, body) = r?;
                ev.request_body =
                    body.and_then(|b| from_json("session_events.request_body", &b).ok());
                Ok(ev)
            })
            .collect::<Result<Vec<_>>>()?;
        events.reverse();
        Ok(events)
    }

    /// How many events a session has before `before` (all of them without it).
    pub fn session_event_count(&self, session: SessionId, before: Option<i64>) -> Result<u32> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM session_events WHERE session_id = ?1 AND id < ?2",
            params![session.0, before.unwrap_or(i64::MAX)],
            |r| r.get(0),
        )?)
    }
}
