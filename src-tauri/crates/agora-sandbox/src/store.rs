//! All of a sandbox's state, behind one lock that is never held across an `await`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::channels::Channels;
use crate::clock::Clock;
use crate::config::SandboxConfig;
use crate::faults::Faults;
use crate::ids::IdGen;
use crate::log::RequestLog;
use crate::ratelimit::RateLimiter;
use crate::recording::session::{Resource, Session, RESOURCE_LIFETIME_MS};
use crate::transcoding::task::{BuilderTokenRecord, Task, TOKEN_LIFETIME_MS};

/// Mutable state: everything `reset` clears.
///
/// Requests look up only what is live (indexes below), and what has ended is forgotten as Agora
/// forgets it, so a sandbox that has served 100,000 flows answers as fast as a fresh one.
#[derive(Debug)]
pub struct Store {
    /// By resourceId.
    pub resources: HashMap<String, Resource>,
    /// By sid: live sessions and those ended less than [`ENDED_RETENTION_MS`] ago.
    pub sessions: HashMap<String, Session>,
    /// By token name.
    pub builder_tokens: HashMap<String, BuilderTokenRecord>,
    /// By taskId: live tasks and those ended less than [`ENDED_RETENTION_MS`] ago.
    pub tasks: HashMap<String, Task>,
    /// Transcoding templates by codecId (no delete is documented: they stay).
    pub templates:
        std::collections::BTreeMap<String, crate::transcoding::templates::TemplateRecord>,
    pub channels: Channels,
    /// Channel profiles set through the control API (Channel Management's `mode`); 1 otherwise.
    pub channel_modes: HashMap<String, u8>,
    pub faults: Faults,
    pub limiter: RateLimiter,
    pub log: RequestLog,
    /// What is still answered about resources and tokens that were forgotten.
    pub retired: HashMap<String, Retired>,
    live_sessions: HashSet<String>,
    /// Live sessions by (cname, uid): Agora's "task conflict" key.
    live_by_envelope: HashMap<(String, String), String>,
    live_tasks: HashSet<String>,
    /// Live tasks by instanceId (one each).
    live_by_instance: HashMap<String, String>,
    /// Oldest first, so ageing out is a look at the front.
    issued_resources: VecDeque<(i64, String)>,
    issued_tokens: VecDeque<(i64, String)>,
    ended_sessions: VecDeque<(i64, String)>,
    ended_tasks: VecDeque<(i64, String)>,
}

/// How long an ended session or task stays in the state view (`/_sandbox/sessions/{sid}`)
/// after it ended; Agora itself answers 404 for it once its bot has exited.
pub const ENDED_RETENTION_MS: i64 = 60 * 60 * 1000;

/// A forgotten resource or builderToken: enough to answer for it as Agora does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retired {
    /// A resource that expired unused: start answers 433.
    UnusedResource,
    /// A resource whose session ended long ago: start answers 201 code 7, the session's routes
    /// 404.
    UsedResource {
        sid: String,
        cname: String,
        uid: String,
    },
    /// A builderToken that expired unused.
    ExpiredToken,
    /// A builderToken whose task ended long ago.
    UsedToken { task_id: String },
}

impl Store {
    pub fn new(config: &SandboxConfig) -> Self {
        Self {
            resources: HashMap::new(),
            sessions: HashMap::new(),
            builder_tokens: HashMap::new(),
            tasks: HashMap::new(),
            templates: Default::default(),
            channels: Channels::new(&config.default_publishers, &config.channels),
            channel_modes: HashMap::new(),
            faults: Faults::default(),
            limiter: RateLimiter::new(config.rate_limit),
            log: RequestLog::default(),
            retired: HashMap::new(),
            live_sessions: HashSet::new(),
            live_by_envelope: HashMap::new(),
            live_tasks: HashSet::new(),
            live_by_instance: HashMap::new(),
            issued_resources: VecDeque::new(),
            issued_tokens: VecDeque::new(),
            ended_sessions: VecDeque::new(),
            ended_tasks: VecDeque::new(),
        }
    }

    pub fn add_resource(&mut self, r: Resource) {
        self.issued_resources
            .push_back((r.acquired_at_ms, r.id.clone()));
        self.resources.insert(r.id.clone(), r);
    }

    /// The uids of the recorders live in `cname` (Channel Management lists them as audience).
    pub fn recorders_in(&self, cname: &str) -> Vec<u32> {
        self.live_by_envelope
            .keys()
            .filter(|(c, _)| c == cname)
            .filter_map(|(_, uid)| uid.parse().ok())
            .collect()
    }

    pub fn add_session(&mut self, s: Session) {
        self.live_sessions.insert(s.sid.clone());
        self.live_by_envelope
            .insert((s.cname.clone(), s.uid.clone()), s.sid.clone());
        self.sessions.insert(s.sid.clone(), s);
    }

    pub fn add_token(&mut self, t: BuilderTokenRecord) {
        self.issued_tokens
            .push_back((t.created_at_ms, t.token.clone()));
        self.builder_tokens.insert(t.token.clone(), t);
    }

    pub fn add_task(&mut self, t: Task) {
        self.live_tasks.insert(t.id.clone());
        self.live_by_instance
            .insert(t.instance_id.clone(), t.id.clone());
        self.tasks.insert(t.id.clone(), t);
    }

    /// Sessions recording now (as of the last [`Self::settle`]).
    pub fn live_session_count(&self) -> usize {
        self.live_sessions.len()
    }

    /// The live session recording `cname` with bot `uid`, if any.
    pub fn live_session_for(&self, cname: &str, uid: &str) -> Option<&Session> {
        self.live_by_envelope
            .get(&(cname.to_owned(), uid.to_owned()))
            .and_then(|sid| self.sessions.get(sid))
            .filter(|s| s.is_live())
    }

    /// The live task of an instanceId, if any.
    pub fn live_task_for(&self, instance_id: &str) -> Option<&Task> {
        self.live_by_instance
            .get(instance_id)
            .and_then(|id| self.tasks.get(id))
            .filter(|t| t.is_live())
    }

    /// Lets every live session and task notice the ends it reached by `now_ms` (by itself, or by
    /// a stop or delete since), then forgets what has aged out.
    pub fn settle(&mut self, now_ms: i64) {
        let mut ended = Vec::new();
        for sid in &self.live_sessions {
            if let Some(s) = self.sessions.get_mut(sid) {
                s.settle(&self.channels, now_ms);
                if let Some(end) = s.end {
                    ended.push((end.at_ms, sid.clone(), (s.cname.clone(), s.uid.clone())));
                }
            } else {
                ended.push((now_ms, sid.clone(), (String::new(), String::new())));
            }
        }
        ended.sort();
        for (at, sid, envelope) in ended {
            self.live_sessions.remove(&sid);
            if self.live_by_envelope.get(&envelope) == Some(&sid) {
                self.live_by_envelope.remove(&envelope);
            }
            self.ended_sessions.push_back((at, sid));
        }
        let mut ended = Vec::new();
        for id in &self.live_tasks {
            if let Some(t) = self.tasks.get_mut(id) {
                t.settle(&self.channels, now_ms);
                if let Some(end) = &t.end {
                    ended.push((end.at_ms, id.clone(), t.instance_id.clone()));
                }
            } else {
                ended.push((now_ms, id.clone(), String::new()));
            }
        }
        ended.sort();
        for (at, id, instance) in ended {
            self.live_tasks.remove(&id);
            if self.live_by_instance.get(&instance) == Some(&id) {
                self.live_by_instance.remove(&instance);
            }
            self.ended_tasks.push_back((at, id));
        }
        self.sweep(now_ms);
    }

    /// Forgets resources and tokens that expired unused, and sessions and tasks ended more than
    /// [`ENDED_RETENTION_MS`] ago, keeping what Agora still answers about them.
    fn sweep(&mut self, now_ms: i64) {
        while let Some((at, id)) = self.issued_resources.front().cloned() {
            if at + RESOURCE_LIFETIME_MS > now_ms {
                break;
            }
            self.issued_resources.pop_front();
            // A used resource goes with its session.
            if self.resources.get(&id).is_some_and(|r| r.sid.is_none()) {
                self.resources.remove(&id);
                self.retired.insert(id, Retired::UnusedResource);
            }
        }
        while let Some((at, sid)) = self.ended_sessions.front().cloned() {
            if at + ENDED_RETENTION_MS > now_ms {
                break;
            }
            self.ended_sessions.pop_front();
            if let Some(s) = self.sessions.remove(&sid) {
                self.resources.remove(&s.resource_id);
                self.retired.insert(
                    s.resource_id.clone(),
                    Retired::UsedResource {
                        sid,
                        cname: s.cname,
                        uid: s.uid,
                    },
                );
            }
        }
        while let Some((at, token)) = self.issued_tokens.front().cloned() {
            if at + TOKEN_LIFETIME_MS > now_ms {
                break;
            }
            self.issued_tokens.pop_front();
            if self
                .builder_tokens
                .get(&token)
                .is_some_and(|t| t.task_id.is_none())
            {
                self.builder_tokens.remove(&token);
                self.retired.insert(token, Retired::ExpiredToken);
            }
        }
        while let Some((at, id)) = self.ended_tasks.front().cloned() {
            if at + ENDED_RETENTION_MS > now_ms {
                break;
            }
            self.ended_tasks.pop_front();
            if let Some(t) = self.tasks.remove(&id) {
                self.builder_tokens.remove(&t.token);
                self.retired
                    .insert(t.token, Retired::UsedToken { task_id: id });
            }
        }
    }
}

/// What the server and the handle share: fixed configuration, the clock, and the state.
#[derive(Debug)]
pub struct Shared {
    pub config: SandboxConfig,
    pub clock: Clock,
    pub ids: IdGen,
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    /// The control API's `X-Sandbox-Token` (configured, or random for this run).
    pub control_token: String,
    /// See [`SandboxConfig::sync_stop_upload_ms`]; changed through the control API.
    pub sync_stop_upload_ms: std::sync::atomic::AtomicU64,
    /// The object store recordings upload into.
    pub storage: crate::storage::Storage,
    store: Mutex<Store>,
}

/// 128 random bits as hex, from the OS's generator: unguessable, unlike the sandbox's ids.
fn random_token() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Shared {
    pub fn new(config: SandboxConfig, base_url: String, storage: crate::storage::Storage) -> Self {
        Self {
            storage,
            clock: Clock::new(config.clock),
            ids: IdGen::new(),
            store: Mutex::new(Store::new(&config)),
            base_url,
            control_token: config.control_token.clone().unwrap_or_else(random_token),
            sync_stop_upload_ms: std::sync::atomic::AtomicU64::new(config.sync_stop_upload_ms),
            config,
        }
    }

    /// The state. A handler that panicked cannot leave it worse than a half-applied request, and a
    /// test sandbox must keep answering, so a poisoned lock is used as it is.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Back to the state at start-up (the clock keeps its time: it never goes back).
    pub fn reset(&self) {
        *self.store() = Store::new(&self.config);
    }
}
