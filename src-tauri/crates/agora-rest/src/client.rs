//! The HTTP client: auth, host fallback, retries with injectable delays, tracing, and the
//! request/response exchange log (redacted) that callers can observe.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde::{de::DeserializeOwned, Serialize};
use tracing::Instrument as _;

use crate::domain::{check_base_url, Area, Endpoints};
use crate::error::{ApiError, ApiErrorBody, Error};
use crate::ids::AppId;
use crate::op::{Op, RetryClass};
use crate::secret::{redact_body_text, redact_json, reveal, Sensitive};

/// Customer ID and Customer Secret from Agora Console (RESTful API).
#[derive(Debug, Clone)]
pub struct Credentials {
    pub customer_id: String,
    pub customer_secret: Sensitive<String>,
}

impl Credentials {
    pub fn new(
        customer_id: impl Into<String>,
        customer_secret: impl Into<Sensitive<String>>,
    ) -> Self {
        Self {
            customer_id: customer_id.into(),
            customer_secret: customer_secret.into(),
        }
    }

    fn header(&self) -> Sensitive<String> {
        let raw = format!("{}:{}", self.customer_id, self.customer_secret.expose());
        Sensitive::new(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        ))
    }
}

/// Waits between attempts. Tests inject one that returns at once and records the delays.
pub trait Sleeper: Send + Sync {
    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// Real waiting, on tokio's timer.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(delay))
    }
}

/// Retry and timeout settings. Defaults follow Agora's guidance.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts per call, the first included (at least 1).
    pub max_attempts: u32,
    /// Delay before each retry after a network error or 5xx: the docs' 1 s, 3 s, 6 s for domain
    /// switching (the last is repeated).
    pub backoff: Vec<Duration>,
    /// Delays before re-sending after code 65: the docs' 3 s, then 6 s.
    pub code65_delays: Vec<Duration>,
    /// Delays before re-sending a transcoder create answered 206: the best practices' 3, 6, 9 s.
    pub create206_delays: Vec<Duration>,
    /// Cap on a 429's Retry-After.
    pub max_rate_limit_wait: Duration,
    /// One exchange of an ordinary call (Agora's SDK uses 10 s).
    pub request_timeout: Duration,
    /// One exchange of a call Agora answers only after server-side work: a synchronous stop
    /// waits for the upload (Agora allows about 20 s before code 50), so this must be longer.
    pub slow_request_timeout: Duration,
    /// Every attempt and wait of one ordinary call together: past it, no new attempt starts.
    pub call_deadline: Duration,
    /// The same for slow calls (a synchronous stop).
    pub slow_call_deadline: Duration,
    pub connect_timeout: Duration,
    /// How long a fallback host that worked stays the first one tried (until it fails).
    pub sticky_host_for: Duration,
}

impl RetryPolicy {
    /// The per-attempt timeout and the whole call's deadline for a request.
    pub fn limits(&self, slow: bool) -> (Duration, Duration) {
        if slow {
            (self.slow_request_timeout, self.slow_call_deadline)
        } else {
            (self.request_timeout, self.call_deadline)
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            backoff: vec![
                Duration::from_secs(1),
                Duration::from_secs(3),
                Duration::from_secs(6),
            ],
            code65_delays: vec![Duration::from_secs(3), Duration::from_secs(6)],
            create206_delays: [3, 6, 9].map(Duration::from_secs).to_vec(),
            max_rate_limit_wait: Duration::from_secs(10),
            request_timeout: Duration::from_secs(10),
            slow_request_timeout: Duration::from_secs(30),
            call_deadline: Duration::from_secs(30),
            slow_call_deadline: Duration::from_secs(75),
            connect_timeout: Duration::from_secs(5),
            sticky_host_for: Duration::from_secs(60),
        }
    }
}

/// One attempt's request and answer, redacted: what the session history records.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    pub op: Op,
    pub method: String,
    pub url: String,
    pub attempt: u32,
    /// The request body with every secret replaced by `<redacted>`.
    pub request_body: Option<serde_json::Value>,
    pub status: Option<u16>,
    /// The response body, redacted the same way.
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub elapsed_ms: u64,
    pub request_id: Option<String>,
}

/// Receives every exchange as it completes (e.g. to append it to a session's event log).
pub trait ExchangeObserver: Send + Sync {
    fn exchange(&self, exchange: &Exchange);
}

/// What the answer carried besides its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ResponseMeta {
    pub status: u16,
    /// `X-Request-ID`.
    pub request_id: Option<String>,
    /// `X-Resource-ID`.
    pub resource_id_header: Option<String>,
    /// The base URL that answered.
    pub host: String,
    pub attempts: u32,
    pub elapsed_ms: u64,
    /// An earlier attempt of this call was sent and its answer lost (no answer, 5xx, 206): it
    /// may have taken effect, so an answer like "already started" or "already stopped" may be
    /// about this very call.
    pub after_lost_answer: bool,
}

/// A decoded answer and its metadata.
#[derive(Debug, Clone)]
pub struct Response<T> {
    pub body: T,
    pub meta: ResponseMeta,
}

/// A request ready to send: built and validated, not yet sent.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub op: Op,
    pub method: reqwest::Method,
    /// Path with every segment percent-encoded.
    pub path: String,
    /// Query pairs, values not yet encoded.
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Body>,
    /// Re-send after HTTP 206 / code 65 (same parameters, 3 s then 6 s).
    pub retry_code65: bool,
    /// The recording mode, for logs.
    pub mode: Option<&'static str>,
    /// Agora answers only after server-side work (a synchronous stop): longer limits.
    pub slow: bool,
}

/// A request body twice over: as it goes on the wire, and as everything else shows it.
///
/// Both come from one serialization of the typed request, the wire one inside [`reveal`], so
/// what is shown is exactly the sent body with every [`Sensitive`] and
/// [`crate::SecretUrl`] redacted. `Debug` shows the redacted one.
#[derive(Clone)]
pub struct Body {
    wire: Sensitive<String>,
    shown: serde_json::Value,
}

impl Body {
    /// The body of a typed request (only a type that cannot be JSON fails, which is a bug).
    pub fn encode<T: Serialize>(value: &T) -> Result<Self, Error> {
        let fail =
            |e: serde_json::Error| Error::Config(format!("could not encode the request: {e}"));
        let wire = reveal(|| serde_json::to_string(value)).map_err(fail)?;
        // Typed secrets are already redacted here; the key-and-URL pass covers untyped parts
        // of a request (`extensionParams`, fields a newer Agora added and we pass through).
        let shown = redact_json(&serde_json::to_value(value).map_err(fail)?);
        Ok(Self {
            wire: Sensitive::new(wire),
            shown,
        })
    }

    /// The body as logs, history, previews and curl copies show it.
    pub fn shown(&self) -> &serde_json::Value {
        &self.shown
    }

    /// The exact text sent. Named so that every use stands out in review.
    pub fn expose_wire(&self) -> &str {
        self.wire.expose()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.shown)
    }
}

/// What a request would look like on the wire, secrets redacted: `--dry-run` and "copy as curl".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreparedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
}

impl PreparedRequest {
    /// A `curl` command line (single-quoted for POSIX shells).
    pub fn to_curl(&self) -> String {
        let q = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        let mut parts = vec![
            "curl".to_owned(),
            "-X".to_owned(),
            self.method.clone(),
            q(&self.url),
        ];
        for (k, v) in &self.headers {
            parts.push("-H".to_owned());
            parts.push(q(&format!("{k}: {v}")));
        }
        if let Some(body) = &self.body {
            parts.push("--data".to_owned());
            parts.push(q(&body.to_string()));
        }
        parts.join(" ")
    }
}

const CONTENT_TYPE: &str = "application/json;charset=utf-8";
const USER_AGENT: &str = concat!("Mixdeck agora-rest/", env!("CARGO_PKG_VERSION"));

/// Percent-encodes one URL path segment (everything but RFC 3986 unreserved characters).
pub fn encode_segment(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

fn query_string(query: &[(&'static str, String)]) -> String {
    query_string_with(query, false)
}

/// The query as logs, history and curl copies show it: secret values (a task's builderToken)
/// replaced by `<redacted>`.
fn shown_query_string(query: &[(&'static str, String)]) -> String {
    query_string_with(query, true)
}

fn query_string_with(query: &[(&'static str, String)], redact: bool) -> String {
    if query.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = query
        .iter()
        .map(|(k, v)| {
            if redact && crate::secret::SECRET_QUERY_KEYS.contains(k) {
                format!("{k}={}", crate::secret::REDACTED)
            } else {
                format!("{k}={}", encode_segment(v))
            }
        })
        .collect();
    format!("?{}", pairs.join("&"))
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    app_id: AppId,
    credentials: Credentials,
    endpoints: Endpoints,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    observer: Option<Arc<dyn ExchangeObserver>>,
}

impl ClientBuilder {
    /// Agora's hosts for an area (the default is US).
    pub fn area(mut self, area: Area) -> Self {
        self.endpoints = Endpoints::Area(area);
        self
    }

    /// One base URL instead of Agora's hosts (the sandbox, a proxy).
    pub fn endpoint(mut self, base_url: impl Into<String>) -> Self {
        self.endpoints = Endpoints::Custom(vec![base_url.into()]);
        self
    }

    /// Several base URLs, tried in order on failure.
    pub fn endpoints(mut self, base_urls: Vec<String>) -> Self {
        self.endpoints = Endpoints::Custom(base_urls);
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = sleeper;
        self
    }

    pub fn observer(mut self, observer: Arc<dyn ExchangeObserver>) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        if self.app_id.as_str().trim().is_empty() {
            return Err(Error::Config("the App ID is empty".into()));
        }
        if self.credentials.customer_id.trim().is_empty() {
            return Err(Error::Config("the Customer ID is empty".into()));
        }
        if self.credentials.customer_secret.is_empty() {
            return Err(Error::Config("the Customer Secret is empty".into()));
        }
        let plan = match &self.endpoints {
            Endpoints::Custom(urls) if urls.is_empty() => {
                return Err(Error::Config("no endpoint given".into()))
            }
            Endpoints::Custom(urls) => urls
                .iter()
                .map(|u| check_base_url(u))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Error::Config)?,
            Endpoints::Area(a) => a.plan(),
        };
        // Timeouts are per request (an ordinary call and a synchronous stop differ).
        // Agora's API never redirects. Following one would re-send the Authorization header and,
        // on 307/308, the body (storage keys, tokens) to a host nobody chose: refuse them, and
        // send no Referer.
        let http = reqwest::Client::builder()
            .connect_timeout(self.retry.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .user_agent(USER_AGENT)
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        // Marked sensitive, the header value is left out of reqwest's and hyper's Debug output.
        let mut auth_header = reqwest::header::HeaderValue::from_str(
            self.credentials.header().expose(),
        )
        .map_err(|_| {
            Error::Config("the Customer ID or Secret has characters a header cannot carry".into())
        })?;
        auth_header.set_sensitive(true);
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                app_id: self.app_id,
                auth_header,
                plan,
                retry: RetryPolicy {
                    max_attempts: self.retry.max_attempts.max(1),
                    ..self.retry
                },
                sleeper: self.sleeper,
                sticky: Mutex::new(None),
                sequences: Mutex::new(Default::default()),
            }),
            observer: self.observer,
        })
    }
}

/// The Agora REST client. Cheap to clone; share one per profile.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    observer: Option<Arc<dyn ExchangeObserver>>,
}

pub(crate) struct Inner {
    http: reqwest::Client,
    pub(crate) app_id: AppId,
    auth_header: reqwest::header::HeaderValue,
    plan: Vec<String>,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    /// A fallback host that answered recently: (index in plan, when).
    sticky: Mutex<Option<(usize, Instant)>>,
    /// The last `sequenceId` sent per transcoding task.
    pub(crate) sequences: Mutex<std::collections::HashMap<crate::ids::TaskId, u64>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("app_id", &self.inner.app_id)
            .field("hosts", &self.inner.plan)
            .finish_non_exhaustive()
    }
}

/// The raw answer to a request, before decoding.
pub(crate) struct RawResponse {
    pub status: u16,
    pub body: String,
    pub meta: ResponseMeta,
}

enum Outcome {
    Done(RawResponse),
    Retry {
        next_host: bool,
        delay: Duration,
        why: String,
        /// This attempt was sent and its answer lost.
        lost_answer: bool,
    },
}

/// A retry is not started with less time than this before the call's deadline.
const MIN_ATTEMPT_TIME: Duration = Duration::from_secs(2);

impl Client {
    pub fn builder(app_id: impl Into<AppId>, credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            app_id: app_id.into(),
            credentials,
            endpoints: Endpoints::Area(Area::Us),
            retry: RetryPolicy::default(),
            sleeper: Arc::new(TokioSleeper),
            observer: None,
        }
    }

    /// The same client (connections, host preference, sequenceIds) reporting its exchanges to
    /// `observer`: e.g. one per session, so each session's log gets its own requests.
    pub fn observed(&self, observer: Arc<dyn ExchangeObserver>) -> Client {
        Client {
            inner: self.inner.clone(),
            observer: Some(observer),
        }
    }

    pub fn app_id(&self) -> &AppId {
        &self.inner.app_id
    }

    /// Base URLs in the order they are tried.
    pub fn hosts(&self) -> &[String] {
        &self.inner.plan
    }

    /// The request as it would be sent to the first host, secrets redacted.
    pub fn prepare(&self, spec: &RequestSpec) -> PreparedRequest {
        PreparedRequest {
            method: spec.method.to_string(),
            url: format!(
                "{}{}{}",
                self.inner.plan[0],
                spec.path,
                shown_query_string(&spec.query)
            ),
            headers: vec![
                ("Authorization".into(), "Basic <redacted>".into()),
                ("Content-Type".into(), CONTENT_TYPE.into()),
                ("Accept".into(), "application/json".into()),
            ],
            body: spec.body.as_ref().map(|b| b.shown().clone()),
        }
    }

    /// `GET /v1/ncs/ip`: harmless, proves the credentials work ("Test connection").
    pub async fn ncs_ips(&self) -> Result<Response<crate::ncs::NcsIpResponse>, Error> {
        let spec = RequestSpec {
            op: Op::NcsIp,
            method: reqwest::Method::GET,
            path: "/v1/ncs/ip".into(),
            query: vec![],
            body: None,
            retry_code65: false,
            mode: None,
            slow: false,
        };
        let raw = self.send(&spec).await?;
        decode_recording(Op::NcsIp, raw)
    }

    /// Who is in `channel` (Channel Management): the start pre-flight reads it.
    pub async fn channel_users(
        &self,
        channel: &str,
    ) -> Result<Response<crate::channel::ChannelUsersResponse>, Error> {
        let raw = self.send(&self.channel_users_spec(channel)?).await?;
        decode_recording(Op::ChannelUsers, raw)
    }

    pub fn channel_users_spec(&self, channel: &str) -> Result<RequestSpec, Error> {
        if channel.is_empty() {
            return Err(Error::Invalid(vec![crate::FieldError::new(
                "cname",
                "is required to look up who is in the channel",
            )]));
        }
        Ok(RequestSpec {
            op: Op::ChannelUsers,
            method: reqwest::Method::GET,
            path: format!(
                "/dev/v1/channel/user/{}/{}",
                encode_segment(self.app_id().as_str()),
                encode_segment(channel)
            ),
            query: vec![],
            body: None,
            retry_code65: false,
            mode: None,
            slow: false,
        })
    }

    fn first_host(&self) -> usize {
        let mut sticky = self.inner.sticky.lock().unwrap_or_else(|p| p.into_inner());
        match *sticky {
            Some((i, at)) if at.elapsed() < self.inner.retry.sticky_host_for => i,
            Some(_) => {
                *sticky = None;
                0
            }
            None => 0,
        }
    }

    fn remember_host(&self, index: usize) {
        let mut sticky = self.inner.sticky.lock().unwrap_or_else(|p| p.into_inner());
        *sticky = (index > 0).then(|| (index, Instant::now()));
    }

    /// A host that failed is no longer preferred: the next call starts from the top again.
    fn forget_host(&self, index: usize) {
        let mut sticky = self.inner.sticky.lock().unwrap_or_else(|p| p.into_inner());
        if sticky.is_some_and(|(i, _)| i == index) {
            *sticky = None;
        }
    }

    fn backoff(&self, retry_number: usize) -> Duration {
        let b = &self.inner.retry.backoff;
        b.get(retry_number)
            .or(b.last())
            .copied()
            .unwrap_or_default()
    }

    /// Sends a request with host fallback and the retries its operation allows, within the
    /// call's deadline: no new attempt starts once the deadline is near, whatever is left.
    pub(crate) async fn send(&self, spec: &RequestSpec) -> Result<RawResponse, Error> {
        let started = Instant::now();
        let class = spec.op.retry_class();
        let policy = &self.inner.retry;
        let (attempt_timeout, deadline) = policy.limits(spec.slow);
        let plan = &self.inner.plan;
        let mut host = self.first_host().min(plan.len() - 1);
        let mut retries = 0usize;
        let mut code65_retries = 0usize;
        let mut create206_retries = 0usize;
        // An earlier attempt was sent and its answer lost: it may have taken effect.
        let mut lost_answer = false;
        let redacted_body = spec.body.as_ref().map(|b| b.shown().clone());
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let base = &plan[host];
            let url = format!("{base}{}{}", spec.path, query_string(&spec.query));
            let shown_url = format!("{base}{}{}", spec.path, shown_query_string(&spec.query));
            let span = tracing::info_span!("agora", op = %spec.op, mode = spec.mode.unwrap_or("-"), host = %base, attempt);
            let t0 = Instant::now();
            // The last attempt may not run past the call's deadline.
            let timeout = attempt_timeout.min(deadline.saturating_sub(started.elapsed()));
            let result = async {
                tracing::debug!(method = %spec.method, path = %spec.path, body = ?redacted_body.as_ref().map(|b| b.to_string()), "request");
                let mut req = self
                    .inner
                    .http
                    .request(spec.method.clone(), &url)
                    .timeout(timeout)
                    .header(reqwest::header::AUTHORIZATION, self.inner.auth_header.clone())
                    .header("Content-Type", CONTENT_TYPE)
                    .header("Accept", "application/json");
                if let Some(body) = &spec.body {
                    req = req.body(body.expose_wire().to_owned());
                }
                let resp = req.send().await?;
                let status = resp.status().as_u16();
                let header = |name: &str| {
                    resp.headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                let request_id = header("x-request-id");
                let resource_id = header("x-resource-id");
                let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
                let body = read_capped(resp).await?;
                Ok::<_, reqwest::Error>((status, body, request_id, resource_id, retry_after))
            }
            .instrument(span.clone())
            .await;
            let elapsed_ms = t0.elapsed().as_millis() as u64;
            // A retry must leave the next attempt time to connect and be answered before the
            // deadline: a timeout while connecting would count as "sent".
            let least = (policy.connect_timeout + MIN_ATTEMPT_TIME).min(attempt_timeout);
            let room = |delay: Duration| {
                attempt < policy.max_attempts && started.elapsed() + delay + least <= deadline
            };

            let outcome = match result {
                Ok((status, body, request_id, resource_id, retry_after)) => {
                    span.in_scope(
                        || tracing::info!(status, elapsed_ms, request_id = ?request_id, "response"),
                    );
                    self.observe(|| Exchange {
                        op: spec.op,
                        method: spec.method.to_string(),
                        url: shown_url.clone(),
                        attempt,
                        request_body: redacted_body.clone(),
                        status: Some(status),
                        response_body: Some(redact_body_text(&body)),
                        error: None,
                        elapsed_ms,
                        request_id: request_id.clone(),
                    });
                    let code = if status == 206 {
                        ApiErrorBody::parse(&body).code
                    } else {
                        None
                    };
                    let rate_wait = retry_after
                        .map(Duration::from_secs)
                        .unwrap_or_else(|| self.backoff(retries))
                        .min(policy.max_rate_limit_wait);
                    let code65_delay = policy.code65_delays.get(code65_retries).copied();
                    let create206_delay = policy.create206_delays.get(create206_retries).copied();
                    if status == 429 && room(rate_wait) {
                        // The gateway refused it: it never reached the service.
                        Outcome::Retry {
                            next_host: false,
                            delay: rate_wait,
                            why: "HTTP 429 rate limited".into(),
                            lost_answer: false,
                        }
                    } else if status >= 500
                        && class != RetryClass::Never
                        && room(self.backoff(retries))
                    {
                        Outcome::Retry {
                            next_host: true,
                            delay: self.backoff(retries),
                            why: format!("HTTP {status}"),
                            lost_answer: true,
                        }
                    } else if status == 206
                        && spec.op == Op::TranscoderCreate
                        && create206_delay.is_some_and(&room)
                    {
                        // Create timed out half-way: the docs prescribe the same request again.
                        // The builderToken is single-use, so a create that did go through
                        // answers the repeat with 201/409 rather than starting a second task.
                        create206_retries += 1;
                        Outcome::Retry {
                            next_host: false,
                            delay: create206_delay.unwrap_or_default(),
                            why: "HTTP 206 (create not completed)".into(),
                            lost_answer: true,
                        }
                    } else if status == 206
                        && code == Some(65)
                        && (class != RetryClass::Never || spec.retry_code65)
                        && code65_delay.is_some_and(&room)
                    {
                        code65_retries += 1;
                        Outcome::Retry {
                            next_host: false,
                            delay: code65_delay.unwrap_or_default(),
                            why: "HTTP 206 code 65".into(),
                            lost_answer: true,
                        }
                    } else {
                        Outcome::Done(RawResponse {
                            status,
                            body,
                            meta: ResponseMeta {
                                status,
                                request_id,
                                resource_id_header: resource_id,
                                host: base.clone(),
                                attempts: attempt,
                                elapsed_ms: started.elapsed().as_millis() as u64,
                                after_lost_answer: lost_answer,
                            },
                        })
                    }
                }
                Err(err) => {
                    // A connection failure means the request never left: safe to send elsewhere.
                    let sent = !err.is_connect();
                    let timeout = err.is_timeout();
                    let message = error_chain(&err);
                    span.in_scope(
                        || tracing::warn!(sent, timeout, error = %message, elapsed_ms, "no answer"),
                    );
                    self.observe(|| Exchange {
                        op: spec.op,
                        method: spec.method.to_string(),
                        url: shown_url.clone(),
                        attempt,
                        request_body: redacted_body.clone(),
                        status: None,
                        response_body: None,
                        error: Some(message.clone()),
                        elapsed_ms,
                        request_id: None,
                    });
                    let may_retry = match class {
                        RetryClass::Idempotent => true,
                        RetryClass::AnswerOnly | RetryClass::Never => !sent,
                    };
                    if may_retry && room(self.backoff(retries)) {
                        Outcome::Retry {
                            next_host: true,
                            delay: self.backoff(retries),
                            why: message,
                            lost_answer: sent,
                        }
                    } else {
                        self.forget_host(host);
                        return Err(Error::Transport {
                            op: spec.op,
                            host: base.clone(),
                            attempts: attempt,
                            sent: sent || lost_answer,
                            timeout,
                            message,
                        });
                    }
                }
            };

            match outcome {
                Outcome::Done(raw) => {
                    if raw.status >= 500 {
                        self.forget_host(host);
                    } else {
                        self.remember_host(host);
                    }
                    return Ok(raw);
                }
                Outcome::Retry {
                    next_host,
                    delay,
                    why,
                    lost_answer: lost,
                } => {
                    lost_answer |= lost;
                    if next_host {
                        self.forget_host(host);
                        // Past the last host, start over at the first: a dead last host must
                        // not take every remaining attempt.
                        host = (host + 1) % plan.len();
                        retries += 1;
                    }
                    tracing::warn!(op = %spec.op, attempt, next = %plan[host], delay_ms = delay.as_millis() as u64, %why, "retrying");
                    self.inner.sleeper.sleep(delay).await;
                }
            }
        }
    }

    /// Builds the exchange record only when an observer will receive it.
    fn observe(&self, exchange: impl FnOnce() -> Exchange) {
        if let Some(o) = &self.observer {
            o.exchange(&exchange());
        }
    }
}

/// The error and its sources, e.g. "error sending request: connection refused".
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// A typed request's body, for a [`RequestSpec`].
pub(crate) fn encode_body<T: Serialize>(value: &T) -> Result<Body, Error> {
    Body::encode(value)
}

pub(crate) fn api_error(op: Op, raw: RawResponse) -> Error {
    Error::from(ApiError {
        op,
        status: raw.status,
        body: ApiErrorBody::parse(&raw.body),
        raw: crate::error::RawBody::new(raw.body),
        request_id: raw.meta.request_id,
        resource_id_header: raw.meta.resource_id_header,
        host: raw.meta.host,
        after_lost_answer: raw.meta.after_lost_answer,
    })
}

pub(crate) fn decode<T: DeserializeOwned>(op: Op, raw: RawResponse) -> Result<Response<T>, Error> {
    let text = if raw.body.trim().is_empty() {
        "null"
    } else {
        raw.body.as_str()
    };
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(body) => Ok(Response {
            body,
            meta: raw.meta,
        }),
        Err(e) => Err(Error::Decode {
            op,
            status: raw.status,
            message: crate::error::describe_decode_error(&e),
            raw: crate::error::RawBody::new(raw.body),
        }),
    }
}

/// Cloud Recording: 200 is success. Any other status, or a 2xx whose body carries a `code`
/// (201 code 7, 206 code 65 or 435), is an error answer.
pub(crate) fn decode_recording<T: DeserializeOwned>(
    op: Op,
    raw: RawResponse,
) -> Result<Response<T>, Error> {
    if raw.status == 200 {
        return decode(op, raw);
    }
    if (200..300).contains(&raw.status) && ApiErrorBody::parse(&raw.body).code.is_none() {
        if let Ok(ok) = serde_json::from_str::<T>(&raw.body) {
            return Ok(Response {
                body: ok,
                meta: raw.meta,
            });
        }
    }
    Err(api_error(op, raw))
}

/// Cloud Transcoding: any 2xx is success (update answers with an empty body).
pub(crate) fn decode_transcoding<T: DeserializeOwned>(
    op: Op,
    raw: RawResponse,
) -> Result<Response<T>, Error> {
    if (200..300).contains(&raw.status) {
        decode(op, raw)
    } else {
        Err(api_error(op, raw))
    }
}

/// Agora's answers are a few kB (a long individual recording's `fileList` perhaps a few hundred):
/// a body past this is not an answer from Agora, and no more of it is read.
pub const MAX_RESPONSE_BYTES: usize = 4 << 20;

/// The body as text, at most [`MAX_RESPONSE_BYTES`] of it: a cut body fails to decode like any
/// other malformed answer, so what it means for a session is decided in one place.
async fn read_capped(mut resp: reqwest::Response) -> reqwest::Result<String> {
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
    {
        return Ok(String::new());
    }
    let mut buf = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        let room = MAX_RESPONSE_BYTES - buf.len();
        if chunk.len() >= room {
            buf.extend_from_slice(&chunk[..room]);
            break;
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_header_is_base64_of_id_colon_secret() {
        let c = Credentials::new("cid", "csecret");
        assert_eq!(c.header().expose(), "Basic Y2lkOmNzZWNyZXQ=");
        assert_eq!(
            format!("{:?}", c),
            "Credentials { customer_id: \"cid\", customer_secret: <redacted> }"
        );
    }

    #[test]
    fn path_segments_and_query_values_are_percent_encoded() {
        assert_eq!(encode_segment("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
        assert_eq!(encode_segment("Ab-9._~"), "Ab-9._~");
        assert_eq!(
            query_string(&[("builderToken", "t/1+2".into()), ("sequenceId", "3".into())]),
            "?builderToken=t%2F1%2B2&sequenceId=3"
        );
    }

    #[test]
    fn prepared_requests_redact_and_quote_for_curl() {
        let client = Client::builder("app", Credentials::new("id", "secret"))
            .endpoint("http://127.0.0.1:9")
            .build()
            .unwrap();
        let spec = RequestSpec {
            op: Op::Start,
            method: reqwest::Method::POST,
            path: "/v1/x".into(),
            query: vec![],
            body: Some(
                Body::encode(
                    &serde_json::json!({"clientRequest": {"token": "tok", "note": "it's"}}),
                )
                .unwrap(),
            ),
            retry_code65: false,
            mode: None,
            slow: false,
        };
        let p = client.prepare(&spec);
        assert_eq!(p.url, "http://127.0.0.1:9/v1/x");
        let curl = p.to_curl();
        assert!(curl.contains("Authorization: Basic <redacted>"), "{curl}");
        assert!(
            !curl.contains("tok\"") && curl.contains("<redacted>"),
            "{curl}"
        );
        assert!(curl.contains(r"it'\''s"), "{curl}");
        // The spec itself prints the shown body; only the wire text holds the token.
        assert!(!format!("{spec:?}").contains("tok\""), "{spec:?}");
        assert!(spec
            .body
            .as_ref()
            .unwrap()
            .expose_wire()
            .contains("\"tok\""));
    }

    #[test]
    fn typed_secrets_reach_only_the_wire_text() {
        let storage = crate::recording::StorageConfig {
            access_key: Sensitive::from("AKIA-wire-only"),
            ..Default::default()
        };
        let body = Body::encode(&storage).unwrap();
        assert!(body.expose_wire().contains("AKIA-wire-only"));
        assert!(!body.shown().to_string().contains("AKIA-wire-only"));
        assert!(!format!("{body:?}").contains("AKIA-wire-only"));
    }

    #[test]
    fn the_authorization_header_is_marked_sensitive() {
        let client = Client::builder("app", Credentials::new("id", "very-secret"))
            .endpoint("http://127.0.0.1:9")
            .build()
            .unwrap();
        assert!(client.inner.auth_header.is_sensitive());
        assert!(!format!("{:?}", client.inner.auth_header).contains("Basic"));
    }

    #[test]
    fn builder_refuses_bad_configuration() {
        let b = |id: &str, secret: &str| Client::builder("app", Credentials::new(id, secret));
        assert!(matches!(b("", "s").build(), Err(Error::Config(_))));
        assert!(matches!(b("i", "").build(), Err(Error::Config(_))));
        assert!(matches!(
            b("i", "s").endpoint("ftp://x").build(),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            b("i", "s").endpoints(vec![]).build(),
            Err(Error::Config(_))
        ));
        let ok = b("i", "s").area(Area::Eu).build().unwrap();
        assert_eq!(ok.hosts()[0], "https://api.agora.io");
    }
}
