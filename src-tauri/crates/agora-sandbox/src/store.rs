//! All of a sandbox's state, behind one lock that is never held across an `await`.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::channels::Channels;
use crate::clock::Clock;
use crate::config::SandboxConfig;
use crate::faults::Faults;
use crate::ids::IdGen;
use crate::log::RequestLog;
use crate::ratelimit::RateLimiter;
use crate::recording::session::{Resource, Session};
use crate::transcoding::task::{BuilderTokenRecord, Task};

/// Mutable state: everything `reset` clears.
#[derive(Debug)]
pub struct Store {
    /// By resourceId.
    pub resources: HashMap<String, Resource>,
    /// By sid.
    pub sessions: HashMap<String, Session>,
    /// By token name.
    pub builder_tokens: HashMap<String, BuilderTokenRecord>,
    /// By taskId.
    pub tasks: HashMap<String, Task>,
    pub channels: Channels,
    pub faults: Faults,
    pub limiter: RateLimiter,
    pub log: RequestLog,
}

impl Store {
    pub fn new(config: &SandboxConfig) -> Self {
        Self {
            resources: HashMap::new(),
            sessions: HashMap::new(),
            builder_tokens: HashMap::new(),
            tasks: HashMap::new(),
            channels: Channels::new(&config.default_publishers, &config.channels),
            faults: Faults::default(),
            limiter: RateLimiter::new(config.rate_limit),
            log: RequestLog::default(),
        }
    }

    /// Lets every session and task notice the ends it reached by itself by `now_ms`.
    pub fn settle(&mut self, now_ms: i64) {
        for s in self.sessions.values_mut() {
            s.settle(&self.channels, now_ms);
        }
        for t in self.tasks.values_mut() {
            t.settle(&self.channels, now_ms);
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
    /// See [`SandboxConfig::sync_stop_upload_ms`]; changed through the control API.
    pub sync_stop_upload_ms: std::sync::atomic::AtomicU64,
    store: Mutex<Store>,
}

impl Shared {
    pub fn new(config: SandboxConfig, base_url: String) -> Self {
        Self {
            clock: Clock::new(config.clock),
            ids: IdGen::new(),
            store: Mutex::new(Store::new(&config)),
            base_url,
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
