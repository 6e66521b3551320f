//! Errors: what failed, with Agora's code explained. Bodies and request ids are kept, secrets are not.

use serde::{Deserialize, Serialize};

use crate::de::{lenient_i64, lenient_string, Extra};
use crate::explain::{explain, Explanation};
use crate::op::Op;
use crate::secret::{redact_body_text, redact_text};
use crate::validate::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request breaks a documented rule; nothing was sent.
    #[error("invalid request: {}", join_fields(.0))]
    Invalid(Vec<FieldError>),
    /// The client is misconfigured (bad endpoint URL, empty credentials, ...).
    #[error("client configuration: {0}")]
    Config(String),
    /// No HTTP answer: DNS, connection, TLS, timeout. `sent` says whether the request may have
    /// reached Agora (a timeout after sending) or surely did not (a connection failure).
    #[error("{op}: no answer from {host} after {attempts} attempt(s): {message}")]
    Transport {
        op: Op,
        host: String,
        attempts: u32,
        sent: bool,
        timeout: bool,
        message: String,
    },
    /// Agora answered with an error status (or a success status carrying an error code).
    #[error("{0}")]
    Api(Box<ApiError>),
    /// Agora answered success, but the body is not what the docs describe. The raw body is
    /// kept for the ids in it, and never shown as is.
    #[error("{op}: HTTP {status} body could not be read ({message})")]
    Decode {
        op: Op,
        status: u16,
        /// Where and how the body broke the shape (a path and a kind), never a value from it.
        message: String,
        raw: RawBody,
    },
}

/// What a failed start or create says about billing: the answer to "is it running?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum StartOutcome {
    /// Surely not running: refused before or by Agora, or never sent.
    NotStarted,
    /// May be running and billed: sent without an answer, 206, 5xx, 202.
    MaybeStarted,
    /// Surely running: a 2xx whose body could not be read, or "already started" (code 7, or
    /// the transcoder's 201) after an attempt whose answer was lost.
    Started,
}

impl StartOutcome {
    pub fn may_be_running(self) -> bool {
        self != StartOutcome::NotStarted
    }
}

fn join_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    /// The API error, if Agora answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The host that answered, or that did not (nothing was sent for a refused request).
    pub fn host(&self) -> Option<&str> {
        match self {
            Error::Transport { host, .. } => Some(host),
            Error::Api(e) => Some(&e.host),
            _ => None,
        }
    }

    /// Whether the request may have taken effect despite the error. For start/create this
    /// means the session may be running and billed (see [`Self::start_outcome`]).
    pub fn may_have_taken_effect(&self) -> bool {
        self.start_outcome().may_be_running()
    }

    /// Read as the answer to a start or create: is the session running?
    pub fn start_outcome(&self) -> StartOutcome {
        match self {
            Error::Invalid(_) | Error::Config(_) => StartOutcome::NotStarted,
            Error::Transport { sent: true, .. } => StartOutcome::MaybeStarted,
            Error::Transport { .. } => StartOutcome::NotStarted,
            // Agora said yes; only its words were garbled.
            Error::Decode {
                status: 200 | 201, ..
            } => StartOutcome::Started,
            Error::Decode { .. } => StartOutcome::MaybeStarted,
            Error::Api(e) => e.start_outcome(),
        }
    }

    /// Why a failed start or create may (or surely does) run, in plain words, for the session
    /// it leaves "may be recording".
    pub fn outcome_reason(&self) -> String {
        let what = match self {
            Error::Transport { op, .. } | Error::Decode { op, .. } => op.name(),
            Error::Api(e) => e.op.name(),
            _ => "the request",
        };
        match self {
            Error::Transport {
                sent: true,
                timeout: true,
                ..
            } => format!("The {what} was sent and no answer came back in time: Agora may have started it."),
            Error::Transport { sent: true, .. } => format!(
                "The {what} was sent and the connection dropped before the answer: Agora may have started it."
            ),
            Error::Decode { status, .. } => format!(
                "Agora answered the {what} with HTTP {status} (success), but the answer was garbled."
            ),
            Error::Api(e) => match (e.status, e.code()) {
                (_, Some(7)) | (201, _) => format!("Agora says it already runs (HTTP {}).", e.status),
                (202, _) => "Agora accepted the create (HTTP 202) but has not confirmed it yet.".to_owned(),
                (206, code) => format!(
                    "Agora answered HTTP 206{}: the {what} reached it and did not finish in time, so it may run.",
                    code.map(|c| format!(" code {c}")).unwrap_or_default()
                ),
                (status, code) => format!(
                    "Agora answered HTTP {status}{}: after a server error the {what} may have gone through anyway.",
                    code.map(|c| format!(" code {c}")).unwrap_or_default()
                ),
            },
            _ => format!("The {what} failed."),
        }
    }

    /// Ids the failed answer still carried (echoed in an error body, or readable in a body that
    /// did not decode as a whole): keep them, they may be all there is to find the session by.
    pub fn echoed_ids(&self) -> EchoedIds {
        match self {
            Error::Api(e) => EchoedIds {
                resource_id: e
                    .body
                    .resource_id
                    .clone()
                    .or_else(|| e.resource_id_header.clone())
                    .filter(|s| !s.is_empty()),
                sid: e.body.sid.clone().filter(|s| !s.is_empty()),
                task_id: string_field(e.raw.expose(), "taskId"),
            },
            Error::Decode { raw, .. } => EchoedIds {
                resource_id: string_field(raw.expose(), "resourceId"),
                sid: string_field(raw.expose(), "sid"),
                task_id: string_field(raw.expose(), "taskId"),
            },
            _ => EchoedIds::default(),
        }
    }

    /// A stable, dotted code for UIs and scripts to switch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::ValidationFailed,
            Error::Config(_) => ErrorCode::ClientConfig,
            Error::Transport { timeout: true, .. } => ErrorCode::NetworkTimeout,
            Error::Transport { .. } => ErrorCode::NetworkUnreachable,
            Error::Api(e) => e.kind().code(),
            Error::Decode { .. } => ErrorCode::UnexpectedResponse,
        }
    }

    /// Cause and fix in plain words.
    pub fn explanation(&self) -> Explanation {
        match self {
            Error::Api(e) => e.explain(),
            Error::Invalid(_) => Explanation::new(
                "The request breaks a rule Agora documents",
                "Nothing was sent. Fix the fields named in the message.",
            ),
            Error::Config(_) => Explanation::new(
                "The client is not set up correctly",
                "Check the profile's App ID, Customer ID, secret and endpoint.",
            ),
            Error::Transport {
                sent: true,
                timeout: false,
                ..
            } => Explanation::new(
                "The request was sent and the connection dropped before an answer came",
                "Check the network. For start and create, query before retrying: the first attempt may have succeeded.",
            ),
            Error::Transport { sent: true, .. } => Explanation::new(
                "The request was sent but no answer came back in time",
                "Check the network. For start and create, query before retrying: the first attempt may have succeeded.",
            ),
            Error::Transport { .. } => Explanation::new(
                "Agora's servers could not be reached",
                "Check the network, a proxy or firewall, and the profile's domain area or endpoint override.",
            ),
            Error::Decode { .. } => Explanation::new(
                "Agora's answer did not have the documented shape",
                "The raw body is kept; report it with the request id.",
            ),
        }
    }
}

/// Ids found in an answer that was not a success.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EchoedIds {
    pub resource_id: Option<String>,
    pub sid: Option<String>,
    pub task_id: Option<String>,
}

/// `"name": "value"` anywhere in a body, even one cut short (`{"sid":"abc","ser`): a scan,
/// not a parse, so a truncated answer still gives up the ids it got as far as.
pub fn string_field(raw: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\"");
    let mut rest = raw;
    while let Some(at) = rest.find(&key) {
        rest = &rest[at + key.len()..];
        let after = rest.trim_start();
        let Some(value) = after.strip_prefix(':').map(str::trim_start) else {
            continue;
        };
        let Some(value) = value.strip_prefix('"') else {
            continue;
        };
        // Agora's ids carry no escapes; a value without its closing quote was cut off.
        let end = value.find('"')?;
        let v = &value[..end];
        if !v.is_empty() && !v.contains('\\') {
            return Some(v.to_owned());
        }
    }
    None
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

/// An error answer from Agora.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub op: Op,
    pub status: u16,
    pub body: ApiErrorBody,
    /// The body as received: it may echo what the request carried, so it shows redacted.
    pub raw: RawBody,
    /// `X-Request-ID`, for Agora support.
    pub request_id: Option<String>,
    /// `X-Resource-ID`, for Agora support.
    pub resource_id_header: Option<String>,
    pub host: String,
    /// An earlier attempt of this call was sent and its answer lost: "already stopped" or "not
    /// found" may then be this call's own doing.
    pub after_lost_answer: bool,
}

impl ApiError {
    /// Read as the answer to a start or create.
    pub fn start_outcome(&self) -> StartOutcome {
        match (self.op.is_transcoding(), self.status, self.code()) {
            // "Already started" is a statement that it runs (code 7; the transcoder's
            // deprecated 201 for a builderToken already used).
            (false, _, Some(7)) | (true, 201, _) => StartOutcome::Started,
            // Whatever the last attempt heard, an earlier one was sent and its answer lost: it
            // may have started the session (a 409 for the instanceId, a 429 with no time left).
            _ if self.after_lost_answer => StartOutcome::MaybeStarted,
            // A 2xx is never a refusal: accepted but not finished (the transcoder's 202), reached
            // the backend and timed out (206), or a body that could not be read.
            (_, 200..=299, _) => StartOutcome::MaybeStarted,
            // The docs' start 5xx (62 request timeout, 502 worker allocation) and the
            // undocumented 500 code 15 that echoes the resourceId: nobody can tell.
            (_, 500..=599, _) => StartOutcome::MaybeStarted,
            _ => StartOutcome::NotStarted,
        }
    }

    /// Agora's `code`, when the body has one.
    pub fn code(&self) -> Option<i64> {
        self.body.code
    }

    pub fn kind(&self) -> ErrorKind {
        ErrorKind::classify(self.op, self.status, &self.body)
    }

    pub fn explain(&self) -> Explanation {
        explain(self.op, self.status, &self.body)
    }
}

impl ApiError {
    /// What was answered, without the explanation or the request id: for reports that carry
    /// those in their own fields.
    pub fn summary(&self) -> String {
        let mut s = format!("{}: HTTP {}", self.op, self.status);
        if let Some(code) = self.body.code {
            s.push_str(&format!(", code {code}"));
        }
        if let Some(text) = self.body.text() {
            s.push_str(&format!(" ({text})"));
        }
        s
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.summary())?;
        let e = self.explain();
        write!(f, ": {} {}", e.cause, e.fix)?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// Agora's error bodies: `{code, reason}` from the recording service, `{message}` from the
/// gateway and the transcoder, sometimes with `resourceId`/`sid`/`cname`/`uid` echoed.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ApiErrorBody {
    #[serde(
        default,
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<i64>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub resource_id: Option<String>,
    #[serde(default)]
    pub sid: Option<String>,
    #[serde(default)]
    pub cname: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub uid: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ApiErrorBody {
    /// Parses any body. Agora's words are kept with the secret parts of any URL they quote
    /// redacted; text that is not a JSON object (a proxy's page) is described, not kept.
    pub fn parse(raw: &str) -> Self {
        match serde_json::from_str::<ApiErrorBody>(raw) {
            Ok(mut body) => {
                for text in [&mut body.reason, &mut body.message].into_iter().flatten() {
                    *text = redact_text(text);
                }
                body
            }
            Err(_) => ApiErrorBody {
                message: (!raw.trim().is_empty()).then(|| describe_non_json(raw)),
                ..Default::default()
            },
        }
    }

    /// `reason` or `message`, whichever Agora sent.
    pub fn text(&self) -> Option<&str> {
        self.reason.as_deref().or(self.message.as_deref())
    }
}

/// A page title is shown up to this many characters.
const TITLE_CHARS: usize = 80;

/// "a non-JSON answer (1234 bytes): "502 Bad Gateway"": the size, and the HTML title when
/// there is one (a proxy or a captive portal names itself there), never the text itself.
fn describe_non_json(raw: &str) -> String {
    let mut s = format!("a non-JSON answer ({} bytes)", raw.len());
    let lower = raw.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|open| {
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find("</title")?;
        let t: String = raw[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        (!t.is_empty()).then_some(t)
    });
    if let Some(t) = title {
        let t = redact_text(&t);
        let mut cut: String = t.chars().take(TITLE_CHARS).collect();
        if cut.len() < t.len() {
            cut.push('…');
        }
        s.push_str(&format!(": \"{cut}\""));
    }
    s
}

/// An answer's body as received. It may echo what the request carried (a stream key inside a
/// URL), so `Debug`, `Display` and serialization give [`redact_body_text`]'s form; the text
/// itself is for reading ids and file lists out of it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RawBody(String);

impl RawBody {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The body as received. Named so that every use stands out in review.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The body as it may be shown.
    pub fn shown(&self) -> String {
        redact_body_text(&self.0)
    }
}

impl std::fmt::Debug for RawBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.shown())
    }
}

impl std::fmt::Display for RawBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

impl Serialize for RawBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.shown())
    }
}

/// Why a body did not decode, in words that quote no value from it: the path, and what kind of
/// thing was expected there.
pub(crate) fn describe_decode_error(e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    use serde_json::error::Category;
    let inner = e.inner();
    let text = inner.to_string();
    // serde_json appends " at line L column C"; what comes before it may quote the value.
    let text = text.split(" at line ").next().unwrap_or_default();
    let what = match inner.classify() {
        Category::Syntax => "not valid JSON".to_owned(),
        Category::Eof => "cut short".to_owned(),
        Category::Io => "unreadable".to_owned(),
        Category::Data if text.starts_with("missing field") => text.to_owned(),
        Category::Data => match text.rsplit_once(", expected ") {
            Some((_, expected)) => format!("a value of the wrong kind (expected {expected})"),
            None => "a value of the wrong kind".to_owned(),
        },
    };
    let path = e.path().to_string();
    let at = format!("line {} column {}", inner.line(), inner.column());
    if path == "." || path.is_empty() {
        format!("{what}, {at}")
    } else {
        format!("{what} at `{path}`, {at}")
    }
}

/// What kind of failure an API error is: the UI and CLI switch on this (through `code()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    InvalidParameter,
    Unauthorized,
    RouteNotFound,
    InvalidAppId,
    ServiceNotEnabled,
    InvalidChannelName,
    AppUnavailable,
    QuotaExceeded,
    AlreadyStarted,
    RequestNotCompleted,
    TaskConflict,
    RequestTimeout,
    WorkerNotFound,
    InvalidOperation,
    NoRecordedData,
    UploadTimeout,
    TokenExpired,
    TokenInvalid,
    ParameterMismatch,
    ResourceExpired,
    ResourceIdInvalid,
    ServiceExiting,
    InvalidLayout,
    BadRequestFormat,
    TaskExists,
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
    Other,
}

impl ErrorKind {
    /// The stable dotted code (`agora.resource_expired`, ...).
    pub fn code(self) -> ErrorCode {
        match self {
            Self::InvalidParameter => ErrorCode::InvalidParameter,
            Self::Unauthorized => ErrorCode::Unauthorized,
            Self::RouteNotFound => ErrorCode::RouteNotFound,
            Self::InvalidAppId => ErrorCode::InvalidAppId,
            Self::ServiceNotEnabled => ErrorCode::ServiceNotEnabled,
            Self::InvalidChannelName => ErrorCode::InvalidChannelName,
            Self::AppUnavailable => ErrorCode::AppUnavailable,
            Self::QuotaExceeded => ErrorCode::QuotaExceeded,
            Self::AlreadyStarted => ErrorCode::AlreadyStarted,
            Self::RequestNotCompleted => ErrorCode::RequestNotCompleted,
            Self::TaskConflict => ErrorCode::TaskConflict,
            Self::RequestTimeout => ErrorCode::RequestTimeout,
            Self::WorkerNotFound => ErrorCode::WorkerNotFound,
            Self::InvalidOperation => ErrorCode::InvalidOperation,
            Self::NoRecordedData => ErrorCode::NoRecordedData,
            Self::UploadTimeout => ErrorCode::UploadTimeout,
            Self::TokenExpired => ErrorCode::TokenExpired,
            Self::TokenInvalid => ErrorCode::TokenInvalid,
            Self::ParameterMismatch => ErrorCode::ParameterMismatch,
            Self::ResourceExpired => ErrorCode::ResourceExpired,
            Self::ResourceIdInvalid => ErrorCode::ResourceIdInvalid,
            Self::ServiceExiting => ErrorCode::ServiceExiting,
            Self::InvalidLayout => ErrorCode::InvalidLayout,
            Self::BadRequestFormat => ErrorCode::BadRequestFormat,
            Self::TaskExists => ErrorCode::TaskExists,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::ServerError => ErrorCode::ServerError,
            Self::Other => ErrorCode::Other,
        }
    }

    pub fn classify(op: Op, status: u16, body: &ApiErrorBody) -> Self {
        let text = body.text().unwrap_or("").to_ascii_lowercase();
        if op.is_transcoding() {
            return match status {
                400 => Self::InvalidParameter,
                401 => Self::Unauthorized,
                403 => Self::Forbidden,
                404 if text.contains("no route") => Self::RouteNotFound,
                404 => Self::NotFound,
                409 => Self::TaskExists,
                429 => Self::RateLimited,
                206 => Self::RequestNotCompleted,
                500..=599 => Self::ServerError,
                _ => Self::Other,
            };
        }
        match (status, body.code) {
            (_, Some(2)) => Self::InvalidParameter,
            (_, Some(7)) => Self::AlreadyStarted,
            (_, Some(8)) => Self::BadRequestFormat,
            (_, Some(49)) => Self::InvalidOperation,
            (_, Some(50)) => Self::UploadTimeout,
            (_, Some(53)) => Self::TaskConflict,
            (_, Some(62)) if op == Op::Acquire => Self::ServiceNotEnabled,
            (_, Some(62)) => Self::RequestTimeout,
            (_, Some(65)) => Self::RequestNotCompleted,
            (_, Some(109)) => Self::TokenExpired,
            (_, Some(110)) => Self::TokenInvalid,
            (_, Some(400)) => Self::InvalidAppId,
            (_, Some(401)) => Self::InvalidChannelName,
            (_, Some(404)) => Self::WorkerNotFound,
            (_, Some(405)) => Self::AppUnavailable,
            (_, Some(406)) => Self::QuotaExceeded,
            (_, Some(432)) => Self::ParameterMismatch,
            (_, Some(433)) => Self::ResourceExpired,
            (_, Some(435)) => Self::NoRecordedData,
            (_, Some(501)) if op == Op::Acquire => Self::ServerError,
            (_, Some(501)) => Self::ServiceExiting,
            (_, Some(500 | 502 | 504)) => Self::ServerError,
            (_, Some(1001 | 1003)) => Self::ResourceIdInvalid,
            (_, Some(1013)) => Self::InvalidChannelName,
            (_, Some(1028)) => Self::InvalidLayout,
            (401, _) => Self::Unauthorized,
            (404, _) if text.contains("failed to find worker") => Self::WorkerNotFound,
            (404, _) if text.contains("no route") => Self::RouteNotFound,
            (404, _) => Self::NotFound,
            (400, _) if text.contains("appid") => Self::InvalidAppId,
            (429, _) => Self::RateLimited,
            (500..=599, _) => Self::ServerError,
            (400, _) => Self::InvalidParameter,
            _ => Self::Other,
        }
    }
}

/// A closed set of stable dotted codes (`store.not_found`): the enum, its serde and TypeScript
/// form, `ALL`, `as_str`, `Display` and comparison with `&str`, from one list of pairs. Used for
/// agora-rest's codes here and for the engine's in mixdeck-core.
#[macro_export]
macro_rules! dotted_codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $ts:literal {
            $($(#[$doc:meta])* $variant:ident => $code:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename = $ts)]
        $vis enum $name {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Compares with the dotted form (`code == "network.timeout"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> String {
                code.as_str().to_owned()
            }
        }
    };
}

dotted_codes! {
    /// Every stable dotted code agora-rest gives a failure, for UIs and scripts to switch on.
    // Named apart from the app's union of every code (mixdeck-core's `ErrorCode`).
    pub enum ErrorCode as "AgoraErrorCode" {
        /// The request breaks a documented rule; nothing was sent.
        ValidationFailed => "validation.failed",
        /// The client is not set up correctly (profile, endpoint).
        ClientConfig => "client.config",
        /// No answer came in time.
        NetworkTimeout => "network.timeout",
        /// Agora could not be reached, or the connection dropped.
        NetworkUnreachable => "network.unreachable",
        /// Agora answered with a body of an undocumented shape.
        UnexpectedResponse => "agora.unexpected_response",
        InvalidParameter => "agora.invalid_parameter",
        Unauthorized => "agora.unauthorized",
        RouteNotFound => "agora.route_not_found",
        InvalidAppId => "agora.invalid_appid",
        ServiceNotEnabled => "agora.service_not_enabled",
        InvalidChannelName => "agora.invalid_channel_name",
        AppUnavailable => "agora.app_unavailable",
        QuotaExceeded => "agora.quota_exceeded",
        AlreadyStarted => "agora.already_started",
        RequestNotCompleted => "agora.request_not_completed",
        TaskConflict => "agora.task_conflict",
        RequestTimeout => "agora.request_timeout",
        WorkerNotFound => "agora.worker_not_found",
        InvalidOperation => "agora.invalid_operation",
        NoRecordedData => "agora.no_recorded_data",
        UploadTimeout => "agora.upload_timeout",
        TokenExpired => "agora.token_expired",
        TokenInvalid => "agora.token_invalid",
        ParameterMismatch => "agora.parameter_mismatch",
        ResourceExpired => "agora.resource_expired",
        ResourceIdInvalid => "agora.resource_id_invalid",
        ServiceExiting => "agora.service_exiting",
        InvalidLayout => "agora.invalid_layout",
        BadRequestFormat => "agora.bad_request_format",
        TaskExists => "agora.task_exists",
        Forbidden => "agora.forbidden",
        NotFound => "agora.not_found",
        RateLimited => "agora.rate_limited",
        ServerError => "agora.server_error",
        Other => "agora.error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_is_not_json_is_described_never_kept() {
        let page = format!(
            "<html><head><title>  502 Bad Gateway  </title></head><body>{}</body></html>",
            "secretKey=abc ".repeat(100)
        );
        let body = ApiErrorBody::parse(&page);
        let m = body.message.unwrap();
        assert_eq!(
            m,
            format!(
                "a non-JSON answer ({} bytes): \"502 Bad Gateway\"",
                page.len()
            )
        );
        let plain = ApiErrorBody::parse("rtmp://h/app/key1 refused");
        assert_eq!(
            plain.message.as_deref(),
            Some("a non-JSON answer (25 bytes)")
        );
        let long = format!("<title>{}</title>", "x".repeat(200));
        assert!(ApiErrorBody::parse(&long).message.unwrap().ends_with("…\""));
    }

    #[test]
    fn agoras_words_lose_the_secrets_of_urls_they_quote() {
        let body = ApiErrorBody::parse(
            r#"{"code":2,"reason":"invalid rtmpUrl rtmp://cdn.io/live/sk-77 given"}"#,
        );
        assert_eq!(
            body.reason.as_deref(),
            Some("invalid rtmpUrl rtmp://cdn.io/live/<redacted> given")
        );
    }

    #[test]
    fn a_decode_error_names_the_place_and_quotes_nothing() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            n: u32,
        }
        // The message would quote the value of `n`; Debug would show the body, whose secrets
        // are redacted by key.
        let text = r#"{"token":"sk-secret-token","n":"sk-secret-value"}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let e = serde_path_to_error::deserialize::<_, T>(&mut de).unwrap_err();
        let err = Error::Decode {
            op: Op::Query,
            status: 200,
            message: describe_decode_error(&e),
            raw: RawBody::new(text),
        };
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("sk-secret-token"), "{shown}");
        assert!(
            shown.contains("at `n`") && shown.contains("expected u32"),
            "{shown}"
        );
        // The ids in it stay readable for finding the session.
        let raw = RawBody::new(r#"{"sid":"s1","fileList":"rtmp://h/app/k"#);
        assert_eq!(string_field(raw.expose(), "sid").as_deref(), Some("s1"));
        assert_eq!(serde_json::to_value(&raw).unwrap(), "<38 bytes, not JSON>");
    }
}
