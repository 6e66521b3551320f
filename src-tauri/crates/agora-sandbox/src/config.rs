//! What a sandbox is started with: port, credentials, rate limit, clock and channel population.
//!
//! The credentials are the sandbox's own, fixed and public: they protect nothing, they only let
//! the client exercise Basic auth exactly as against Agora.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::clock::ClockMode;
use crate::error::SandboxError;

/// 32 hex digits like a real App ID, so tokens can be built for it.
pub const DEFAULT_APP_ID: &str = "5a4db0c0ffee5a4db0c0ffee5a4db0c0";
pub const DEFAULT_CUSTOMER_ID: &str = "sandbox-customer-id";
pub const DEFAULT_CUSTOMER_SECRET: &str = "sandbox-customer-secret";
/// The App Certificate the sandbox checks RTC tokens against: fixed and public, like the rest
/// of its credentials, so tools can build tokens that it accepts.
pub const DEFAULT_APP_CERTIFICATE: &str = "5cfd2fd1755d40ecb72977518be15d3b";
/// Agora's documented QPS: 10 requests per second per App ID.
pub const DEFAULT_RATE_LIMIT: u32 = 10;
/// Who publishes in a channel the sandbox was told nothing about.
pub const DEFAULT_PUBLISHERS: [u32; 3] = [1001, 1002, 1003];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// TCP port on 127.0.0.1; 0 lets the system pick a free one.
    pub port: u16,
    pub app_id: String,
    pub customer_id: String,
    pub customer_secret: String,
    /// Requests per second per App ID before 429; `None` turns the limit off.
    pub rate_limit: Option<u32>,
    /// Concurrent recordings one App ID may run (Agora's PCW quota, 50 unless Agora raised it).
    pub max_concurrent: usize,
    pub clock: ClockMode,
    /// Publishers of every channel not listed in `channels`.
    pub default_publishers: Vec<u32>,
    /// Channels with their own publishers (an empty list: nobody publishes there).
    pub channels: BTreeMap<String, Vec<u32>>,
    /// A token in a start is checked against this (code 109 expired, 110 invalid); `None`
    /// accepts any token, as a project without an App Certificate does. A start without a token
    /// is always accepted.
    pub app_certificate: Option<String>,
    /// How long (real ms) a synchronous stop waits for the simulated upload before answering.
    /// Past [`SYNC_STOP_LIMIT_MS`] the stop answers at that limit with code 50 (upload timeout)
    /// and `uploadingStatus: "backuped"`, as Agora does.
    pub sync_stop_upload_ms: u64,
    /// How long a synchronous stop waits at most before answering code 50: Agora's
    /// [`SYNC_STOP_LIMIT_MS`]; tests scale it down.
    pub sync_stop_limit_ms: u64,
    /// What the control API (`/_sandbox/*`) wants in its `X-Sandbox-Token` header. `None` (the
    /// default) makes a random one at start: a web page the user visits cannot guess it, so it
    /// cannot drive the sandbox by DNS rebinding or a cross-site request.
    pub control_token: Option<String>,
    /// The object store recordings upload into (see [`crate::storage`]).
    pub storage: crate::storage::StorageSettings,
}

/// How long Agora lets a synchronous stop wait for the upload before answering code 50.
pub const SYNC_STOP_LIMIT_MS: u64 = 20_000;
/// The simulated upload of a synchronous stop, when not configured.
pub const DEFAULT_SYNC_STOP_UPLOAD_MS: u64 = 2_000;

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: 0,
            app_id: DEFAULT_APP_ID.to_owned(),
            customer_id: DEFAULT_CUSTOMER_ID.to_owned(),
            customer_secret: DEFAULT_CUSTOMER_SECRET.to_owned(),
            rate_limit: Some(DEFAULT_RATE_LIMIT),
            max_concurrent: crate::MAX_CONCURRENT_SESSIONS,
            clock: ClockMode::Real,
            default_publishers: DEFAULT_PUBLISHERS.to_vec(),
            channels: BTreeMap::new(),
            sync_stop_upload_ms: DEFAULT_SYNC_STOP_UPLOAD_MS,
            sync_stop_limit_ms: SYNC_STOP_LIMIT_MS,
            control_token: None,
            app_certificate: Some(DEFAULT_APP_CERTIFICATE.to_owned()),
            storage: crate::storage::StorageSettings::default(),
        }
    }
}

impl SandboxConfig {
    /// Defaults for tests: a frozen clock (time moves only when the test advances it), no rate
    /// limit (a test makes more than 10 calls in the same simulated second), and synchronous
    /// stops that answer at once (a test that needs the wait sets it).
    pub fn for_tests() -> Self {
        Self {
            clock: ClockMode::Frozen,
            rate_limit: None,
            max_concurrent: crate::MAX_CONCURRENT_SESSIONS,
            sync_stop_upload_ms: 0,
            // Tests send placeholder tokens; a test about tokens sets the certificate.
            app_certificate: None,
            ..Self::default()
        }
    }

    /// Check RTC tokens against `certificate` (see [`Self::app_certificate`]).
    pub fn app_certificate(mut self, certificate: Option<String>) -> Self {
        self.app_certificate = certificate;
        self
    }

    /// A fixed control token (scripts that start the sandbox and drive it); see
    /// [`Self::control_token`].
    pub fn control_token(mut self, token: Option<String>) -> Self {
        self.control_token = token;
        self
    }

    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    pub fn credentials(
        mut self,
        app_id: impl Into<String>,
        customer_id: impl Into<String>,
        customer_secret: impl Into<String>,
    ) -> Self {
        self.app_id = app_id.into();
        self.customer_id = customer_id.into();
        self.customer_secret = customer_secret.into();
        self
    }

    /// The PCW quota, as Agora raises it for a project on request.
    pub fn max_concurrent(mut self, sessions: usize) -> Self {
        self.max_concurrent = sessions;
        self
    }

    pub fn rate_limit(mut self, per_second: Option<u32>) -> Self {
        self.rate_limit = per_second;
        self
    }

    pub fn clock(mut self, mode: ClockMode) -> Self {
        self.clock = mode;
        self
    }

    /// Who publishes in `cname` from the start.
    pub fn channel(mut self, cname: impl Into<String>, publishers: Vec<u32>) -> Self {
        self.channels.insert(cname.into(), publishers);
        self
    }

    pub fn default_publishers(mut self, publishers: Vec<u32>) -> Self {
        self.default_publishers = publishers;
        self
    }

    pub(crate) fn check(&self) -> Result<(), SandboxError> {
        for (name, value) in [
            ("app id", &self.app_id),
            ("customer id", &self.customer_id),
            ("customer secret", &self.customer_secret),
        ] {
            if value.trim().is_empty() {
                return Err(SandboxError::Config(format!("the {name} is empty")));
            }
        }
        if let Some(t) = &self.control_token {
            if t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(SandboxError::Config(
                    "the control token must be at least 16 visible ASCII characters".into(),
                ));
            }
        }
        if self.app_id.contains(['/', '?', '#', '%']) {
            return Err(SandboxError::Config(format!(
                "the app id {:?} must fit in one URL path segment (no '/', '?', '#' or '%')",
                self.app_id
            )));
        }
        // Basic auth splits "id:secret" at the first colon.
        if self.customer_id.contains(':') {
            return Err(SandboxError::Config(
                "the customer id must not contain ':' (Basic auth could not tell it from the secret)"
                    .into(),
            ));
        }
        if self.rate_limit == Some(0) {
            return Err(SandboxError::Config(
                "a rate limit of 0 refuses every request: use None to turn it off".into(),
            ));
        }
        if let Some(uid) = self
            .default_publishers
            .iter()
            .chain(self.channels.values().flatten())
            .find(|uid| **uid == 0)
        {
            return Err(SandboxError::Config(format!(
                "publisher uid {uid} is not a valid uid (1 to 4294967295)"
            )));
        }
        Ok(())
    }

    pub fn credentials_view(&self) -> SandboxCredentials {
        SandboxCredentials {
            app_id: self.app_id.clone(),
            customer_id: self.customer_id.clone(),
            customer_secret: self.customer_secret.clone(),
        }
    }
}

/// The credentials a client uses against this sandbox. Not secrets: they are fixed per sandbox,
/// printed at start-up and shown in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxCredentials {
    pub app_id: String,
    pub customer_id: String,
    pub customer_secret: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_agoras_limits_and_work() {
        let c = SandboxConfig::default();
        assert_eq!(c.rate_limit, Some(10));
        assert_eq!(c.default_publishers, [1001, 1002, 1003]);
        assert!(c.check().is_ok());
        assert!(SandboxConfig::for_tests().check().is_ok());
    }

    #[test]
    fn unusable_configurations_are_refused_with_the_reason() {
        let bad = [
            SandboxConfig::default().credentials("", "c", "s"),
            SandboxConfig::default().credentials("a/b", "c", "s"),
            SandboxConfig::default().credentials("a", "c:d", "s"),
            SandboxConfig::default().rate_limit(Some(0)),
            SandboxConfig::default().channel("room", vec![0]),
        ];
        for c in bad {
            let err = c.check().unwrap_err().to_string();
            assert!(err.starts_with("invalid sandbox configuration"), "{err}");
        }
    }
}
