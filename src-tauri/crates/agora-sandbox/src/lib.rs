//! A local emulator of Agora's Cloud Recording and Cloud Transcoding REST APIs.
//!
//! It serves the documented paths over real HTTP on 127.0.0.1, with Agora's Basic auth, error
//! bodies, HTTP statuses, codes, state machines and limits, on a clock that tests can move
//! forward. Every integration and end-to-end test runs against it, and the app embeds it as its
//! built-in Sandbox profile.
//!
//! ```no_run
//! # async fn demo() -> Result<(), agora_sandbox::SandboxError> {
//! use agora_sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::start(SandboxConfig::for_tests()).await?;
//! let url = sandbox.base_url().to_owned(); // give it to agora_rest::Client::builder(...).endpoint(url)
//! sandbox.advance(std::time::Duration::from_secs(5)); // status 5 ("in progress") from now on
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Behaviour
//!
//! Everything time-dependent is computed from the sandbox clock when a request arrives (no
//! background timers): move it with [`SandboxHandle::advance`] or `POST /_sandbox/clock/advance`.
//!
//! * **Recording status** after start: 1 for the first second, 2 from 1 s, 3 from 2 s, 4 from
//!   3 s, and 5 ("in progress") from 5 s once a subscribed user has published (it stays at 4 in
//!   an empty channel). File lists appear in `query` from status 5 and in full at `stop`.
//! * **Channels**: every channel has publishers 1001, 1002 and 1003 unless configured or set
//!   otherwise ([`SandboxHandle::set_publishers`]); an empty channel ends individual and mix
//!   sessions after `maxIdleTime` (default 30 s), and makes `stop` answer 206 code 435.
//! * **Ends**: after a session ends (stop, `maxIdleTime`, web `maxRecordingHour`), `query`,
//!   `update` and `updateLayout` answer 404 "failed to find worker"; `stop` answers 400 code 49
//!   while the bot is exiting ([`EXIT_GRACE_MS`]) and 404 after that. `resourceExpiredHour`
//!   after start, every call on the session answers 404.
//! * **Ids**: a resourceId the sandbox never issued is code 1001 on every route, a sid that is
//!   not the resource's is code 1003, and a `{mode}` that is not the session's is code 2.
//! * **Transcoding status** after create: `IDLE`, `PREPARED` from 1 s, `STARTED` from 2 s,
//!   `IN_PROGRESS` from 5 s. A builderToken that is unknown, expired (5 minutes) or already used
//!   answers 400; a second live task for an instanceId 409; a missing task 404. Updates with a
//!   sequenceId not above the last applied one answer 200 and are ignored.
//! * **Gateway**: unknown path or method → 404 "no Route matched with those values" (before
//!   auth); injected faults act next, then Basic auth (401 "Unauthorized" without a header,
//!   "Invalid authentication credentials" otherwise), the QPS limit (429, `Retry-After: 1`), and
//!   the App ID (400). Every API answer has an `X-Request-ID`.
//!
//! The control API is listed in [`control`].

mod auth;
mod body;
mod channels;
mod clock;
mod config;
pub mod control;
mod error;
mod faults;
mod files;
mod ids;
mod log;
mod pipeline;
mod ratelimit;
mod recording;
mod reply;
mod routes;
mod server;
mod snapshot;
pub mod storage;
mod store;
mod transcoding;
pub mod wire;

pub use clock::ClockMode;
pub use config::{
    SandboxConfig, SandboxCredentials, DEFAULT_APP_CERTIFICATE, DEFAULT_APP_ID,
    DEFAULT_CUSTOMER_ID, DEFAULT_CUSTOMER_SECRET, DEFAULT_PUBLISHERS, DEFAULT_RATE_LIMIT,
};
pub use control::{ClockInfo, SandboxInfo};
pub use error::SandboxError;
pub use faults::{
    ActiveFault, FaultKind, FaultSpec, RouteSelector, MALFORMED_BODY, MAX_LATENCY_MS,
};
pub use log::LoggedRequest;
pub use pipeline::CONTROL_TOKEN_HEADER;
pub use recording::session::{
    EndReason, Received, SessionEnd, Subscription, UidFilter, DEFAULT_MAX_IDLE_SECONDS,
    DEFAULT_RESOURCE_EXPIRED_HOUR, EXIT_GRACE_MS, MAX_CONCURRENT_SESSIONS, RESOURCE_LIFETIME_MS,
};
pub use routes::RouteName;
pub use server::{Sandbox, SandboxHandle};
pub use snapshot::{BuilderTokenView, ResourceView, SessionView, StateSnapshot, TaskView};
pub use storage::{
    StorageInfo, StorageSettings, DEFAULT_BUCKET, DEFAULT_STORAGE_ACCESS_KEY,
    DEFAULT_STORAGE_REGION, DEFAULT_STORAGE_SECRET_KEY,
};
pub use transcoding::task::{
    TaskEnd, TaskEndReason, TaskUpdate, DEFAULT_IDLE_TIMEOUT_SECONDS, TOKEN_LIFETIME_MS,
};
