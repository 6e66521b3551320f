//! The engine: one per app (or CLI run). It owns the history database, reaches the keychain, builds
//! an Agora client per profile, runs the built-in sandbox when the Sandbox profile is used, and
//! drives sessions. Every method is async; blocking work runs on tokio's blocking pool.

mod builder_tokens;
mod channel_check;
mod history;
mod in_flight;
mod layout_history;
mod log_writer;
mod monitor;
mod notices;
mod preview;
mod profiles;
mod reconcile;
mod recording;
mod rerun;
mod storage;
mod templates;
mod timeline;
mod tokens;
mod transcoding;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use agora_rest::{Client, RetryPolicy, Sleeper, TokioSleeper};

use crate::error::{blocking, CoreError, CoreResult};
use crate::store::StoredError;
use crate::store::{ProfileId, Store};
use crate::vault::SecretStore;

pub use channel_check::{ChannelCheck, ChannelFinding};
pub use history::{
    retention_choices, ExportScope, ExportedSession, HistoryExport, RetentionChoice, SessionDetail,
    TimelinePage, EXPORT_VERSION, TIMELINE_PAGE,
};
pub use layout_history::{AppliedLayout, LayoutTile};
pub use monitor::{MonitorConfig, MonitorHandle};
pub use notices::{change_notice, Notice, Notifier};
pub use preview::PreviewRequest;
pub use profiles::{ConnectionTest, ProfileView, SandboxAccess, SecretInput, SANDBOX_PROFILE_NAME};
pub use reconcile::{ReconcileReport, FAILOVER_WINDOW_MS};
pub use recording::{BeginRecording, StopOutcome, RESOURCE_ID_PLACEHOLDER};
pub use rerun::{new_instance_id, RerunOutcome, RerunPlan};
pub use storage::{PresignedCopy, PresignedUrl, PRESIGN_MAX_S, PRESIGN_MIN_S};
pub use timeline::{JsonChange, TimelineEntry};
pub use tokens::{inspect_token, RtcGrant, TokenInfo, TOKEN_LIFETIME_SECS};
pub use transcoding::BeginTranscoding;

use serde::{Deserialize, Serialize};

use crate::store::SessionRow;

/// What the engine tells its listeners (the app forwards these to the UI as typed events).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum EngineEvent {
    /// A session's row changed (state, status, files, error).
    SessionChanged { session: Box<SessionRow> },
    /// The monitor saw a documented failure pattern (404 right after start, status 20, ...).
    SessionProblem {
        session_id: crate::store::SessionId,
        code: String,
        message: String,
        /// Likely causes, most likely first.
        causes: Vec<String>,
    },
}

/// Where the history database lives.
#[derive(Debug, Clone)]
pub enum Database {
    File(PathBuf),
    /// Nothing on disk (tests, `--endpoint` CLI runs).
    InMemory,
}

pub struct EngineConfig {
    pub database: Database,
    /// Keychain "service" namespace (see `vault::default_namespace`).
    pub namespace: String,
    pub secrets: Arc<dyn SecretStore>,
    /// Retries for Agora calls (tests shorten them).
    pub retry: RetryPolicy,
    pub sleeper: Arc<dyn Sleeper>,
    /// Create the built-in Sandbox profile if it is missing.
    pub sandbox_profile: bool,
    /// How long a 404 may mean "failing over" rather than "gone" (Agora: about 90 s).
    pub failover_window: std::time::Duration,
    /// Who this engine is, in the messages about sessions it left behind ("Mixdeck", "mixdeck-cli").
    pub program: String,
}

impl EngineConfig {
    pub fn new(database: Database, secrets: Arc<dyn SecretStore>) -> Self {
        Self {
            database,
            namespace: crate::vault::default_namespace().to_owned(),
            secrets,
            retry: RetryPolicy::default(),
            sleeper: Arc::new(TokioSleeper),
            sandbox_profile: true,
            failover_window: std::time::Duration::from_millis(reconcile::FAILOVER_WINDOW_MS as u64),
            program: "Mixdeck".to_owned(),
        }
    }
}

#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) store: Arc<Store>,
    pub(crate) secrets: Arc<dyn SecretStore>,
    pub(crate) namespace: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) sleeper: Arc<dyn Sleeper>,
    /// One client per profile, rebuilt when the profile or its secret changes.
    pub(crate) clients: Mutex<HashMap<ProfileId, Client>>,
    /// The secret strings (stream keys, tokenized URLs) each session was last sent with, in
    /// memory only: history keeps them redacted, and an update edited from history gets back
    /// the ones it did not change. Gone on restart, when they must be entered again.
    pub(crate) sent_secrets: Mutex<HashMap<crate::store::SessionId, Vec<agora_rest::KnownSecret>>>,
    /// Builder tokens read or made this run, by session (see `builder_tokens`).
    pub(crate) builder_tokens: Mutex<HashMap<crate::store::SessionId, String>>,
    /// How many billing calls are on their way (see `in_flight`).
    pub(crate) in_flight: tokio::sync::watch::Sender<usize>,
    /// The embedded sandbox, started the first time the Sandbox profile is used.
    pub(crate) sandbox: tokio::sync::Mutex<Option<agora_sandbox::SandboxHandle>>,
    pub(crate) log: log_writer::LogWriter,
    pub(crate) events: tokio::sync::broadcast::Sender<EngineEvent>,
    pub(crate) failover_window_ms: i64,
    /// This engine's id in the `owners` table (its sessions in flight carry it).
    pub(crate) owner: String,
}

impl Engine {
    pub async fn open(config: EngineConfig) -> CoreResult<Engine> {
        let database = config.database.clone();
        let store = blocking(move || {
            Ok(match database {
                Database::File(path) => {
                    if let Some(dir) = path.parent() {
                        crate::paths::create_private_dir(dir).map_err(|e| {
                            CoreError::Internal(format!("cannot create {}: {e}", dir.display()))
                        })?;
                    }
                    Store::open(&path)?
                }
                Database::InMemory => Store::in_memory()?,
            })
        })
        .await?;
        let store = Arc::new(store);
        let owner = owner_id(&config.program);
        {
            let (store, owner, program) = (store.clone(), owner.clone(), config.program.clone());
            blocking(move || Ok(store.register_owner(&owner, &program)?)).await?;
        }
        let engine = Engine {
            inner: Arc::new(Inner {
                log: log_writer::LogWriter::start(store.clone()),
                events: tokio::sync::broadcast::channel(256).0,
                failover_window_ms: config.failover_window.as_millis() as i64,
                store,
                secrets: config.secrets,
                namespace: config.namespace,
                retry: config.retry,
                sleeper: config.sleeper,
                clients: Mutex::new(HashMap::new()),
                sent_secrets: Mutex::new(HashMap::new()),
                builder_tokens: Mutex::new(HashMap::new()),
                in_flight: tokio::sync::watch::Sender::new(0),
                sandbox: tokio::sync::Mutex::new(None),
                owner,
            }),
        };
        spawn_heartbeat(&engine);
        if config.sandbox_profile {
            engine.ensure_sandbox_profile().await?;
        }
        if let Err(e) = engine.migrate_legacy_secrets().await {
            tracing::warn!(error = %e, "could not move keychain entries under vault ids; will retry at next open");
        }
        if let Err(e) = engine.migrate_legacy_builder_tokens().await {
            tracing::warn!(error = %e, "could not move builder tokens to the keychain; will retry at next open");
        }
        // Before anything else reads the history: a session a killed process left "starting"
        // must not keep saying so.
        engine.settle_orphans().await?;
        engine.apply_retention().await?;
        Ok(engine)
    }

    /// Engine events; a slow listener misses old ones rather than slowing the engine.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<EngineEvent> {
        self.inner.events.subscribe()
    }

    pub(crate) fn publish(&self, event: EngineEvent) {
        // No listener is fine: the database has the same facts.
        let _ = self.inner.events.send(event);
    }

    /// Records an error on a session's row (nothing else changes) and hands it back.
    pub(crate) async fn note_error(
        &self,
        id: crate::store::SessionId,
        e: impl Into<CoreError>,
    ) -> CoreError {
        let e = e.into();
        let update = crate::store::SessionUpdate {
            error: Some(Some(error_json(&e))),
            ..Default::default()
        };
        if let Err(store_error) = self.update_row(id, update).await {
            tracing::error!(%id, error = %store_error, "could not record an error on the session");
        }
        e
    }

    /// Records that the request creating a session failed, as what it says about billing
    /// (`could_run`: it was start/create, not acquire). Surely not running: Failed. Maybe
    /// running: Unknown ("may be recording"), keeping every id the answer carried, so the
    /// monitor and recovery can find it. Surely running with its id known (a 2xx whose body
    /// was garbled, "already started" after a lost answer): Started, and the row is returned
    /// as a success, since the session runs.
    pub(crate) async fn fail_start(
        &self,
        id: crate::store::SessionId,
        e: agora_rest::Error,
        could_run: bool,
    ) -> CoreResult<crate::store::SessionRow> {
        use crate::store::{SessionKind, SessionState};
        use agora_rest::StartOutcome;
        let outcome = if could_run {
            e.start_outcome()
        } else {
            StartOutcome::NotStarted
        };
        let ids = e.echoed_ids();
        let reason = e.outcome_reason();
        let kind = match self.session(id).await {
            Ok(row) => row.kind,
            Err(_) => SessionKind::Recording,
        };
        let run_id = match kind {
            SessionKind::Recording => ids.sid.clone(),
            SessionKind::Transcoding => ids.task_id.clone(),
        };
        let e = CoreError::from(e);
        let state = match (outcome, &run_id) {
            (StartOutcome::NotStarted, _) => SessionState::Failed,
            (StartOutcome::Started, Some(_)) => SessionState::Started,
            _ => SessionState::Unknown,
        };
        let mut stored = error_json(&e);
        stored.outcome = Some(outcome);
        if outcome.may_be_running() {
            stored.reason = Some(reason);
        }
        let update = crate::store::SessionUpdate {
            state: Some(state),
            sid: run_id.clone().filter(|_| kind == SessionKind::Recording),
            task_id: run_id.clone().filter(|_| kind == SessionKind::Transcoding),
            error: Some(Some(stored)),
            started_at: (state == SessionState::Started).then(crate::store::now_ms),
            ended_at: (state == SessionState::Failed).then(crate::store::now_ms),
            ..Default::default()
        };
        match self.update_row(id, update).await {
            Ok(row) if state == SessionState::Started => Ok(row),
            Ok(_) => Err(e),
            Err(store_error) => {
                tracing::error!(%id, error = %store_error, "could not record a failed start");
                Err(e)
            }
        }
    }

    /// Waits until every request/response exchanged so far is in the session log (it is written
    /// by a background thread).
    pub async fn flush_log(&self) {
        self.inner.log.flush().await;
    }

    /// The history database, for queries.
    pub fn store(&self) -> Arc<Store> {
        self.inner.store.clone()
    }

    pub(crate) fn forget_client(&self, id: ProfileId) {
        self.inner
            .clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
    }
}

/// Unique per engine: the program, its pid and the time it started (a pid is reused, the pair
/// is not).
fn owner_id(program: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{program}-{}-{nanos:x}", std::process::id())
}

/// Renews this engine's heartbeat for as long as the engine exists (it holds only a weak
/// reference, so a dropped engine stops looking alive).
fn spawn_heartbeat(engine: &Engine) {
    let inner = Arc::downgrade(&engine.inner);
    tokio::spawn(async move {
        let every = std::time::Duration::from_millis(crate::store::HEARTBEAT_MS as u64);
        loop {
            tokio::time::sleep(every).await;
            let Some(inner) = inner.upgrade() else { break };
            let (store, owner) = (inner.store.clone(), inner.owner.clone());
            drop(inner);
            if let Err(e) = blocking(move || Ok(store.heartbeat(&owner)?)).await {
                tracing::warn!(error = %e, "could not renew the engine's heartbeat");
            }
        }
    });
}

/// An error as a session row keeps it (see [`StoredError`]).
pub(crate) fn error_json(e: &CoreError) -> StoredError {
    StoredError::from(e)
}
