//! Typed, wire-exact client for Agora's Cloud Recording and Cloud Transcoding REST APIs.
//!
//! Every documented request and response field is a typed field with Agora's exact JSON name;
//! requests are validated against the documented rules before anything is sent; hosts fall back
//! in the documented order; retries never duplicate a billed session; errors explain Agora's
//! codes. This crate knows nothing of Tauri, storage or the keychain.

pub mod channel;
pub mod client;
pub mod codes;
mod de;
pub mod domain;
pub mod error;
pub mod explain;
pub mod ids;
pub mod limits;
pub mod ncs;
pub mod notes;
pub mod op;
pub mod recording;
pub mod secret;
pub mod transcoding;
pub mod utc;
pub mod validate;

pub use client::{
    Body, Client, ClientBuilder, Credentials, Exchange, ExchangeObserver, PreparedRequest,
    RequestSpec, Response, ResponseMeta, RetryPolicy, Sleeper, TokioSleeper, MAX_RESPONSE_BYTES,
};
pub use de::Extra;
pub use domain::{Area, Endpoints};
pub use error::{
    ApiError, ApiErrorBody, EchoedIds, Error, ErrorCode, ErrorKind, RawBody, StartOutcome,
};
pub use explain::Explanation;
pub use ids::{AppId, BuilderToken, ResourceId, Sid, TaskId, Uid};
pub use op::Op;
pub use secret::{
    known_secrets, redact_json, redact_text, redact_url, restore_secrets, reveal, KnownSecret,
    SecretUrl, Sensitive,
};
pub use validate::{FieldError, Validate, Validator};
