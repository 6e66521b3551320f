//! What the sandbox holds, as plain data for tests and the app: sessions with every config,
//! update and layout they received (redacted), tasks with their updates, channels and faults.

use std::collections::BTreeMap;

use crate::wire::recording::Mode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::faults::ActiveFault;
use crate::recording::session::{
    Received, Resource, Session, SessionEnd, Subscription, RESOURCE_LIFETIME_MS,
};
use crate::store::Store;
use crate::transcoding::task::{BuilderTokenRecord, Task, TaskEnd, TaskUpdate, TOKEN_LIFETIME_MS};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateSnapshot {
    /// Simulated Unix ms.
    pub now_ms: i64,
    pub resources: Vec<ResourceView>,
    pub sessions: Vec<SessionView>,
    pub builder_tokens: Vec<BuilderTokenView>,
    pub tasks: Vec<TaskView>,
    /// Who publishes in channels without a list of their own.
    pub default_publishers: Vec<u32>,
    /// Channels with their own list, and who publishes there now.
    pub channels: BTreeMap<String, Vec<u32>>,
    pub faults: Vec<ActiveFault>,
    /// API requests served since start-up or the last reset.
    pub requests_served: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceView {
    pub resource_id: String,
    pub cname: String,
    pub uid: String,
    pub scene: u8,
    pub acquired_at_ms: i64,
    /// After this, an unused resource answers start with code 433.
    pub expires_at_ms: i64,
    pub sid: Option<String>,
    pub acquire_request: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub sid: String,
    pub resource_id: String,
    pub cname: String,
    pub uid: String,
    pub mode: Mode,
    pub started_at_ms: i64,
    /// `serverResponse.status` now; `None` once the session has ended.
    pub status: Option<i32>,
    pub ended: Option<SessionEnd>,
    /// The start body, redacted.
    pub start_request: Option<Value>,
    /// Every accepted update body, redacted, in order.
    pub updates: Vec<Received>,
    /// Every accepted updateLayout body, in order.
    pub layouts: Vec<Received>,
    /// Mix: the layout in force (the start's transcodingConfig layout, then the last updateLayout).
    pub current_layout: Option<Value>,
    pub subscription: Option<Subscription>,
    /// Web: paused now.
    pub onhold: bool,
    pub rtmp_outputs: Vec<String>,
    /// The storage settings in force, redacted.
    pub storage_config: Option<Value>,
    pub stop_request: Option<Received>,
    /// The files recorded so far.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BuilderTokenView {
    pub token_name: String,
    pub instance_id: String,
    pub created_at_ms: i64,
    /// After this, an unused token no longer creates a task.
    pub expires_at_ms: i64,
    pub task_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    pub task_id: String,
    pub instance_id: String,
    pub builder_token: String,
    pub created_at_ms: i64,
    /// `IDLE` … `IN_PROGRESS` while alive, `STOPPED` once ended.
    pub status: String,
    pub ended: Option<TaskEnd>,
    /// The last applied update's sequenceId.
    pub sequence_id: Option<u64>,
    /// The config in force (`config.transcoder`), redacted.
    pub config: Option<Value>,
    pub create_request: Option<Value>,
    pub updates: Vec<TaskUpdate>,
}

fn resource_view(r: &Resource) -> ResourceView {
    ResourceView {
        resource_id: r.id.clone(),
        cname: r.cname.clone(),
        uid: r.uid.clone(),
        scene: r.scene,
        acquired_at_ms: r.acquired_at_ms,
        expires_at_ms: r.acquired_at_ms + RESOURCE_LIFETIME_MS,
        sid: r.sid.clone(),
        acquire_request: r.request.clone(),
    }
}

pub fn session_view(s: &Session, store: &Store, now_ms: i64) -> SessionView {
    let until = s.end.map_or(now_ms, |e| e.at_ms.min(now_ms));
    // The files a stop at `until` would list: what has been recorded so far.
    let files = crate::recording::respond::stop(s, &store.channels, until)
        .server_response
        .map(|r| r.file_names())
        .unwrap_or_default();
    SessionView {
        sid: s.sid.clone(),
        resource_id: s.resource_id.clone(),
        cname: s.cname.clone(),
        uid: s.uid.clone(),
        mode: s.mode,
        started_at_ms: s.started_at_ms,
        status: s.is_live().then(|| s.status(&store.channels, now_ms).0),
        ended: s.end,
        start_request: s.start_request.clone(),
        updates: s.updates.clone(),
        layouts: s.layouts.clone(),
        current_layout: s.layout.clone().map(serde_json::Value::Object),
        subscription: s.subscription_at(until).cloned(),
        onhold: s.onhold_at(until),
        rtmp_outputs: s.rtmp_outputs.clone(),
        storage_config: s.storage_config.clone(),
        stop_request: s.stop_request.clone(),
        files,
    }
}

fn token_view(t: &BuilderTokenRecord) -> BuilderTokenView {
    BuilderTokenView {
        token_name: t.token.clone(),
        instance_id: t.instance_id.clone(),
        created_at_ms: t.created_at_ms,
        expires_at_ms: t.created_at_ms + TOKEN_LIFETIME_MS,
        task_id: t.task_id.clone(),
    }
}

pub fn task_view(t: &Task, now_ms: i64) -> TaskView {
    let status = if t.is_live() {
        t.status(now_ms).0
    } else {
        agora_rest::transcoding::TaskStatusKnown::Stopped
    };
    TaskView {
        task_id: t.id.clone(),
        instance_id: t.instance_id.clone(),
        builder_token: t.token.clone(),
        created_at_ms: t.created_at_ms,
        status: agora_rest::transcoding::TaskStatus::from(status)
            .as_str()
            .to_owned(),
        ended: t.end,
        sequence_id: t.sequence_id,
        config: serde_json::to_value(&t.config)
            .ok()
            .map(|v| agora_rest::redact_json(&v)),
        create_request: t.create_request.clone(),
        updates: t.updates.clone(),
    }
}

/// Everything, settled at `now_ms` and sorted by creation time.
pub fn snapshot(store: &mut Store, now_ms: i64) -> StateSnapshot {
    store.settle(now_ms);
    let mut resources: Vec<ResourceView> = store.resources.values().map(resource_view).collect();
    resources.sort_by(|a, b| {
        (a.acquired_at_ms, &a.resource_id).cmp(&(b.acquired_at_ms, &b.resource_id))
    });
    let mut sessions: Vec<SessionView> = store
        .sessions
        .values()
        .map(|s| session_view(s, store, now_ms))
        .collect();
    sessions.sort_by(|a, b| (a.started_at_ms, &a.sid).cmp(&(b.started_at_ms, &b.sid)));
    let mut builder_tokens: Vec<BuilderTokenView> =
        store.builder_tokens.values().map(token_view).collect();
    builder_tokens
        .sort_by(|a, b| (a.created_at_ms, &a.token_name).cmp(&(b.created_at_ms, &b.token_name)));
    let mut tasks: Vec<TaskView> = store.tasks.values().map(|t| task_view(t, now_ms)).collect();
    tasks.sort_by(|a, b| (a.created_at_ms, &a.task_id).cmp(&(b.created_at_ms, &b.task_id)));
    StateSnapshot {
        now_ms,
        resources,
        sessions,
        builder_tokens,
        tasks,
        default_publishers: store.channels.default_publishers(),
        channels: store.channels.current(now_ms),
        faults: store.faults.list(now_ms),
        requests_served: store.log.total(),
    }
}
