//! Driving the sandbox: the same operations from Rust ([`crate::SandboxHandle`]) and over HTTP
//! under `/_sandbox/`. The sandbox listens on loopback only, refuses a `Host` that is not
//! loopback with its port on every route and an `Origin` that is not loopback here, and answers
//! here only requests carrying this run's token in `X-Sandbox-Token` (401 otherwise): a web page
//! cannot drive it by DNS rebinding or a cross-site POST.
//!
//! | Method and path | Body | Answer |
//! |---|---|---|
//! | `GET /_sandbox/info` | | base URL, credentials, clock, rate limit |
//! | `GET /_sandbox/state` | | [`StateSnapshot`] |
//! | `POST /_sandbox/reset` | | all state cleared (the clock keeps its time) |
//! | `GET /_sandbox/clock` | | `{nowMs, offsetMs, mode}` |
//! | `POST /_sandbox/clock/advance` | `{"ms": n}` or `{"seconds": n}` | `{nowMs, offsetMs, mode}` |
//! | `GET /_sandbox/faults` | | active faults |
//! | `POST /_sandbox/faults` | [`FaultSpec`] | 201 `{"id": n}` |
//! | `DELETE /_sandbox/faults` | | all faults cleared |
//! | `DELETE /_sandbox/faults/{id}` | | one fault removed (404 if unknown) |
//! | `GET /_sandbox/requests` | | the request log, bodies redacted |
//! | `DELETE /_sandbox/requests` | | the log cleared |
//! | `GET /_sandbox/channels` | | default publishers and channels with their own |
//! | `GET /_sandbox/channels/{cname}` | | `{cname, publishers}` |
//! | `PUT /_sandbox/channels/{cname}` | `{"publishers": [uids], "mode"?: 1 or 2}` | `{cname, publishers}` |
//! | `PUT /_sandbox/upload` | `{"syncStopMs": n}` | how long a synchronous stop's upload takes (real ms; past 20000: code 50) |
//! | `GET /_sandbox/sessions/{sid}` | | [`SessionView`] (404 if unknown) |
//! | `GET /_sandbox/tasks/{taskId}` | | [`TaskView`] (404 if unknown) |
//!
//! Control errors are `{"error": "..."}`, a shape Agora never uses, so they cannot be mistaken
//! for an emulated answer.

use std::time::Duration;

use hyper::Method;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::clock::ClockMode;
use crate::config::SandboxCredentials;
use crate::error::SandboxError;
use crate::faults::{ActiveFault, FaultSpec};
use crate::log::LoggedRequest;
use crate::reply::Reply;
use crate::snapshot::{self, SessionView, StateSnapshot, TaskView};
use crate::store::Shared;

/// `GET /_sandbox/info`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxInfo {
    pub base_url: String,
    pub credentials: SandboxCredentials,
    pub clock: ClockInfo,
    pub rate_limit: Option<u32>,
    /// The object store recordings upload into.
    pub storage: crate::storage::StorageInfo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockInfo {
    pub now_ms: i64,
    pub offset_ms: u64,
    pub mode: ClockMode,
}

/// Operations shared by the Rust handle and the HTTP control API.
impl Shared {
    pub fn info(&self) -> SandboxInfo {
        SandboxInfo {
            base_url: self.base_url.clone(),
            credentials: self.config.credentials_view(),
            clock: self.clock_info(),
            rate_limit: self.config.rate_limit,
            storage: self.storage.info().clone(),
        }
    }

    pub fn clock_info(&self) -> ClockInfo {
        ClockInfo {
            now_ms: self.clock.now_ms(),
            offset_ms: u64::try_from(self.clock.offset().as_millis()).unwrap_or(u64::MAX),
            mode: self.clock.mode(),
        }
    }

    pub fn snapshot(&self) -> StateSnapshot {
        let now = self.clock.now_ms();
        snapshot::snapshot(&mut self.store(), now)
    }

    pub fn session(&self, sid: &str) -> Option<SessionView> {
        let now = self.clock.now_ms();
        let mut store = self.store();
        store.settle(now);
        let session = store.sessions.get(sid)?;
        Some(snapshot::session_view(session, &store, now))
    }

    pub fn task(&self, task_id: &str) -> Option<TaskView> {
        let now = self.clock.now_ms();
        let mut store = self.store();
        store.settle(now);
        store
            .tasks
            .get(task_id)
            .map(|t| snapshot::task_view(t, now))
    }

    pub fn inject(&self, spec: FaultSpec) -> Result<u64, SandboxError> {
        let now = self.clock.now_ms();
        let id = self.store().faults.add(spec.clone(), now)?;
        tracing::info!(id, fault = %spec.kind.label(), route = %String::from(spec.route), "fault injected");
        Ok(id)
    }

    pub fn faults(&self) -> Vec<ActiveFault> {
        let now = self.clock.now_ms();
        self.store().faults.list(now)
    }

    pub fn remove_fault(&self, id: u64) -> bool {
        self.store().faults.remove(id)
    }

    pub fn clear_faults(&self) {
        self.store().faults.clear();
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.store().log.entries()
    }

    pub fn clear_requests(&self) {
        self.store().log.clear();
    }

    /// From now on, exactly `uids` publish in `cname` (an empty list empties the channel).
    pub fn set_publishers(&self, cname: &str, uids: &[u32]) -> Result<(), SandboxError> {
        if uids.contains(&0) {
            return Err(SandboxError::Config(
                "publisher uid 0 is not a valid uid (1 to 4294967295)".into(),
            ));
        }
        let now = self.clock.now_ms();
        // Appended to the channel's history: what sessions recorded before now stays as it was.
        self.store().channels.set(cname, uids, now);
        tracing::info!(cname, ?uids, "publishers set");
        Ok(())
    }

    pub fn publishers(&self, cname: &str) -> Vec<u32> {
        let now = self.clock.now_ms();
        self.store()
            .channels
            .at(cname, now)
            .iter()
            .copied()
            .collect()
    }
}

fn error(status: u16, text: impl Into<String>) -> Reply {
    Reply::value(status, json!({ "error": text.into() }))
}

fn read<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Reply> {
    crate::body::parse(body).map_err(|e| error(400, e))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    ms: Option<u64>,
    seconds: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Upload {
    sync_stop_ms: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Publishers {
    publishers: Vec<u32>,
    /// The channel profile Channel Management reports: 1 communication (the default), 2 live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mode: Option<u8>,
}

/// Answers a request under `/_sandbox/`.
pub fn handle(shared: &Shared, method: &Method, path: &str, body: &[u8]) -> Reply {
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let result = match (method, s.as_slice()) {
        (&Method::GET, ["_sandbox"] | ["_sandbox", "info"]) => Ok(Reply::json(200, &shared.info())),
        (&Method::GET, ["_sandbox", "state"]) => Ok(Reply::json(200, &shared.snapshot())),
        (&Method::POST, ["_sandbox", "reset"]) => {
            shared.reset();
            tracing::info!("sandbox reset");
            Ok(Reply::value(200, json!({"reset": true})))
        }
        (&Method::GET, ["_sandbox", "clock"]) => Ok(Reply::json(200, &shared.clock_info())),
        (&Method::POST, ["_sandbox", "clock", "advance"]) => advance(shared, body),
        (&Method::GET, ["_sandbox", "faults"]) => Ok(Reply::json(200, &shared.faults())),
        (&Method::POST, ["_sandbox", "faults"]) => read::<FaultSpec>(body).and_then(|spec| {
            shared
                .inject(spec)
                .map(|id| Reply::value(201, json!({ "id": id })))
                .map_err(|e| error(400, e.to_string()))
        }),
        (&Method::DELETE, ["_sandbox", "faults"]) => {
            shared.clear_faults();
            Ok(Reply::value(200, json!({"cleared": true})))
        }
        (&Method::DELETE, ["_sandbox", "faults", id]) => match id.parse::<u64>() {
            Ok(n) if shared.remove_fault(n) => Ok(Reply::value(200, json!({"removed": n}))),
            _ => Err(error(404, format!("no active fault with id {id:?}"))),
        },
        (&Method::GET, ["_sandbox", "requests"]) => Ok(Reply::json(200, &shared.requests())),
        (&Method::DELETE, ["_sandbox", "requests"]) => {
            shared.clear_requests();
            Ok(Reply::value(200, json!({"cleared": true})))
        }
        (&Method::GET, ["_sandbox", "channels"]) => {
            let snap = shared.snapshot();
            Ok(Reply::value(
                200,
                json!({"defaultPublishers": snap.default_publishers, "channels": snap.channels}),
            ))
        }
        (&Method::GET, ["_sandbox", "channels", cname]) => Ok(channel(shared, cname)),
        (&Method::PUT, ["_sandbox", "channels", cname]) => read::<Publishers>(body).and_then(|p| {
            if let Some(mode) = p.mode {
                if !matches!(mode, 1 | 2) {
                    return Err(error(400, "mode must be 1 (communication) or 2 (live broadcasting)"));
                }
                shared.store().channel_modes.insert((*cname).to_owned(), mode);
            }
            shared
                .set_publishers(cname, &p.publishers)
                .map(|()| channel(shared, cname))
                .map_err(|e| error(400, e.to_string()))
        }),
        (&Method::PUT, ["_sandbox", "upload"]) => read::<Upload>(body).map(|u| {
            shared
                .sync_stop_upload_ms
                .store(u.sync_stop_ms, std::sync::atomic::Ordering::Relaxed);
            Reply::json(200, &u)
        }),
        (&Method::GET, ["_sandbox", "sessions", sid]) => shared
            .session(sid)
            .map(|v| Reply::json(200, &v))
            .ok_or_else(|| error(404, format!("no session with sid {sid:?}"))),
        (&Method::GET, ["_sandbox", "tasks", id]) => shared
            .task(id)
            .map(|v| Reply::json(200, &v))
            .ok_or_else(|| error(404, format!("no task with id {id:?}"))),
        _ => Err(error(
            404,
            format!("no control route {method} {path}: see GET /_sandbox/info and the agora-sandbox docs"),
        )),
    };
    result.unwrap_or_else(|reply| reply)
}

fn channel(shared: &Shared, cname: &str) -> Reply {
    Reply::value(
        200,
        json!({"cname": cname, "publishers": shared.publishers(cname)}),
    )
}

fn advance(shared: &Shared, body: &[u8]) -> Result<Reply, Reply> {
    let a: Advance = read(body)?;
    let ms = match (a.ms, a.seconds) {
        (Some(ms), None) => ms,
        (None, Some(s)) => s.saturating_mul(1000),
        _ => {
            return Err(error(
                400,
                "send exactly one of {\"ms\": n} or {\"seconds\": n}",
            ))
        }
    };
    shared.clock.advance(Duration::from_millis(ms));
    Ok(Reply::json(200, &shared.clock_info()))
}
