//! Fault injection: latency, server errors, code 65, rate limiting, dropped connections,
//! malformed bodies and failover 404s, per route, for the next N requests or until cleared.
//!
//! A fault acts before authentication, as a network or gateway failure would. Faults are checked
//! in the order they were added: every matching latency adds up, and the first matching fault of
//! another kind decides the answer (only that one is used up).
//!
//! With `"apply": true` the request is carried out first (the recording starts, the stop happens,
//! the task is created) and only then is its answer lost: delayed past the client's deadline,
//! the connection dropped, or replaced by a 5xx, a 206/65, a 202 or a malformed body. That is the
//! failure that can bill a user for a session their tool shows as failed.

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;
use crate::reply::{Echo, RecordingError, Reply};
use crate::routes::{Family, RouteName};

/// Which routes a fault applies to: one, or `"*"` for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum RouteSelector {
    All,
    Only(RouteName),
}

impl RouteSelector {
    pub fn matches(self, route: RouteName) -> bool {
        match self {
            RouteSelector::All => true,
            RouteSelector::Only(r) => r == route,
        }
    }
}

impl TryFrom<String> for RouteSelector {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        if s == "*" {
            Ok(RouteSelector::All)
        } else {
            s.parse().map(RouteSelector::Only)
        }
    }
}

impl From<RouteSelector> for String {
    fn from(r: RouteSelector) -> Self {
        match r {
            RouteSelector::All => "*".to_owned(),
            RouteSelector::Only(name) => name.as_str().to_owned(),
        }
    }
}

impl From<RouteName> for RouteSelector {
    fn from(r: RouteName) -> Self {
        RouteSelector::Only(r)
    }
}

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FaultKind {
    /// Answer normally, `ms` milliseconds late (real time: it exercises client timeouts).
    Latency { ms: u64 },
    /// HTTP 500, 502, 503 or 504 with Agora-like bodies (504 is code 62 "request timeout").
    HttpError { status: u16 },
    /// HTTP 206 with code 65 "request not completed". Nothing is done.
    Code65,
    /// HTTP 429 "API rate limit exceeded", as if the QPS limit were hit.
    RateLimited,
    /// Read the request, then close the connection without any HTTP answer.
    DropConnection,
    /// HTTP 200 with a body that is not valid JSON.
    MalformedBody,
    /// A high-availability failover: query, update, updateLayout and stop (and the transcoding
    /// task routes) answer 404 for `seconds` of simulated time while the work stays alive.
    Failover { seconds: u64 },
    /// Cloud Transcoding's HTTP 202 "accepted, not necessarily finished", with the endpoint's own
    /// body (so it implies `apply`).
    Accepted,
    /// A documented Cloud Recording error answer: `{"code", "reason"}` with the HTTP status, the
    /// reason Agora gives for that code, and the ids the service echoes. E.g. start's 500 code
    /// 502 ("Failed to allocate worker"), acquire's 500 code 501 or 504, acquire's code 62 (not
    /// enabled), the undocumented 500 code 15. Transcoding routes answer `{"message"}`.
    AgoraError { status: u16, code: i64 },
}

impl FaultKind {
    pub fn label(&self) -> String {
        match self {
            FaultKind::Latency { ms } => format!("latency {ms} ms"),
            FaultKind::HttpError { status } => format!("httpError {status}"),
            FaultKind::Code65 => "code65".into(),
            FaultKind::RateLimited => "rateLimited".into(),
            FaultKind::DropConnection => "dropConnection".into(),
            FaultKind::MalformedBody => "malformedBody".into(),
            FaultKind::Failover { seconds } => format!("failover {seconds} s"),
            FaultKind::Accepted => "accepted".into(),
            FaultKind::AgoraError { status, code } => format!("agoraError {status}/{code}"),
        }
    }
}

/// A fault to inject: `{"route": "query", "count": 1, "kind": "httpError", "status": 500}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultSpec {
    pub route: RouteSelector,
    /// How many matching requests it affects; without it, it stays until cleared (a failover
    /// also ends after its duration).
    #[serde(default)]
    pub count: Option<u32>,
    /// Carry the request out first, then lose or replace its answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub apply: bool,
    #[serde(flatten)]
    pub kind: FaultKind,
}

impl FaultSpec {
    pub fn new(route: impl Into<RouteSelector>, kind: FaultKind) -> Self {
        Self {
            route: route.into(),
            count: None,
            apply: false,
            kind,
        }
    }

    /// The request is carried out before the fault loses or replaces its answer.
    pub fn applied(mut self) -> Self {
        self.apply = true;
        self
    }

    /// Every route.
    pub fn all(kind: FaultKind) -> Self {
        Self::new(RouteSelector::All, kind)
    }

    /// Only the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Self {
        self.count = Some(n);
        self
    }

    fn check(&self) -> Result<(), SandboxError> {
        let bad = |why: String| Err(SandboxError::Fault(why));
        if self.count == Some(0) {
            return bad(
                "count 0 would affect nothing: leave it out to keep the fault until cleared".into(),
            );
        }
        match &self.kind {
            FaultKind::Latency { ms } if *ms > MAX_LATENCY_MS => {
                bad(format!("latency must be at most {MAX_LATENCY_MS} ms, got {ms}"))
            }
            FaultKind::AgoraError { status, .. } if !matches!(status, 200..=599) => {
                bad(format!("agoraError status must be an HTTP status, got {status}"))
            }
            FaultKind::HttpError { status } if !matches!(status, 500 | 502 | 503 | 504) => {
                bad(format!("httpError status must be 500, 502, 503 or 504, got {status}"))
            }
            FaultKind::Failover { seconds: 0 } => bad("failover needs at least 1 second".into()),
            FaultKind::Failover { .. } | FaultKind::RateLimited if self.apply => bad(format!(
                "{} cannot be applied: it answers instead of the endpoint by nature",
                self.kind.label()
            )),
            FaultKind::Failover { .. } => match self.route {
                RouteSelector::Only(r) if !r.addresses_live_work() => bad(format!(
                    "failover applies to query, update, updateLayout, stop, tquery, tupdate and delete, not {r}"
                )),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

/// Longer would only hang the caller's tests.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// A fault in force.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActiveFault {
    pub id: u64,
    #[serde(flatten)]
    pub spec: FaultSpec,
    /// Matching requests it has acted on.
    pub hits: u32,
    /// Failovers: simulated Unix ms at which it ends.
    #[serde(default)]
    pub until_ms: Option<i64>,
}

impl ActiveFault {
    fn used_up(&self, now_ms: i64) -> bool {
        self.spec.count.is_some_and(|n| self.hits >= n)
            || self.until_ms.is_some_and(|t| now_ms >= t)
    }

    fn matches(&self, route: RouteName) -> bool {
        if !self.spec.route.matches(route) {
            return false;
        }
        match self.spec.kind {
            FaultKind::Failover { .. } => route.addresses_live_work(),
            _ => true,
        }
    }
}

/// What the faults decided for one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triggered {
    /// Delay before the endpoint runs.
    pub latency_ms: u64,
    /// Delay after it ran, before its answer leaves (`apply` latencies).
    pub late_answer_ms: u64,
    /// The fault that answers instead of the API, if any.
    pub answer: Option<FaultKind>,
    /// Whether the endpoint runs before that fault answers.
    pub apply: bool,
}

#[derive(Debug, Default)]
pub struct Faults {
    next_id: u64,
    active: Vec<ActiveFault>,
}

impl Faults {
    pub fn add(&mut self, spec: FaultSpec, now_ms: i64) -> Result<u64, SandboxError> {
        spec.check()?;
        self.next_id += 1;
        let until_ms =
            match spec.kind {
                FaultKind::Failover { seconds } => Some(now_ms.saturating_add(
                    i64::try_from(seconds.saturating_mul(1000)).unwrap_or(i64::MAX),
                )),
                _ => None,
            };
        self.active.push(ActiveFault {
            id: self.next_id,
            spec,
            hits: 0,
            until_ms,
        });
        Ok(self.next_id)
    }

    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.active.len();
        self.active.retain(|f| f.id != id);
        self.active.len() != before
    }

    pub fn clear(&mut self) {
        self.active.clear();
    }

    /// The faults still in force at `now_ms`.
    pub fn list(&mut self, now_ms: i64) -> Vec<ActiveFault> {
        self.active.retain(|f| !f.used_up(now_ms));
        self.active.clone()
    }

    /// Applies the faults to one request for `route`, using up what it uses.
    pub fn take(&mut self, route: RouteName, now_ms: i64) -> Triggered {
        self.active.retain(|f| !f.used_up(now_ms));
        let mut out = Triggered::default();
        for fault in self.active.iter_mut().filter(|f| f.matches(route)) {
            match &fault.spec.kind {
                FaultKind::Latency { ms } if fault.spec.apply => {
                    out.late_answer_ms = out.late_answer_ms.saturating_add(*ms);
                    fault.hits += 1;
                }
                FaultKind::Latency { ms } => {
                    out.latency_ms = out.latency_ms.saturating_add(*ms);
                    fault.hits += 1;
                }
                kind if out.answer.is_none() => {
                    out.answer = Some(kind.clone());
                    out.apply = fault.spec.apply || *kind == FaultKind::Accepted;
                    fault.hits += 1;
                }
                _ => {}
            }
        }
        self.active.retain(|f| !f.used_up(now_ms));
        out
    }
}

/// The answer a fault gives, shaped for the API family it stands in for. `applied` is the
/// endpoint's own answer when the request was carried out first.
pub fn answer(kind: &FaultKind, family: Family, echo: &Echo, applied: Option<Reply>) -> Reply {
    let reply = match (kind, family) {
        (FaultKind::Accepted, _) => Reply {
            status: 202,
            ..applied.unwrap_or_else(|| Reply::empty(202))
        },
        (FaultKind::Latency { .. }, _) => Reply::message(500, "sandbox: latency is not an answer"),
        (FaultKind::AgoraError { status, code }, Family::Recording) => {
            let mut map = serde_json::Map::new();
            echo.write_to(&mut map);
            map.insert("code".to_owned(), (*code).into());
            map.insert("reason".to_owned(), agora_reason(*code).into());
            Reply::value(*status, serde_json::Value::Object(map))
        }
        (FaultKind::AgoraError { status, code }, _) => {
            Reply::message(*status, &format!("{} (code {code})", agora_reason(*code)))
        }
        (FaultKind::HttpError { status: 500 }, Family::Recording) => {
            RecordingError::Internal.reply(echo)
        }
        (FaultKind::HttpError { status: 504 }, Family::Recording) => {
            RecordingError::RequestTimeout.reply(echo)
        }
        (FaultKind::HttpError { status }, _) => Reply::message(*status, gateway_text(*status)),
        (FaultKind::Code65, Family::Transcoding) => Reply::value(
            206,
            serde_json::json!({"code": 65, "message": "request not completed"}),
        ),
        (FaultKind::Code65, _) => RecordingError::RequestNotCompleted.reply(echo),
        (FaultKind::RateLimited, _) => Reply::rate_limited(),
        (FaultKind::DropConnection, _) => Reply {
            drop_connection: true,
            ..Reply::empty(0)
        },
        // The real answer cut short by its last byte: the ids it carried are still in it.
        (FaultKind::MalformedBody, _)
            if applied.as_ref().is_some_and(|r| r.body_text().is_some()) =>
        {
            let done = applied.unwrap_or_else(|| Reply::empty(200));
            let mut text = done.body_text().unwrap_or_default();
            text.pop();
            Reply {
                body: crate::reply::ReplyBody::RawJson(text),
                ..done
            }
        }
        (FaultKind::MalformedBody, _) => Reply {
            body: crate::reply::ReplyBody::RawJson(MALFORMED_BODY.to_owned()),
            ..Reply::empty(200)
        },
        (FaultKind::Failover { .. }, Family::Transcoding) => {
            Reply::message(404, "task not found (failing over)")
        }
        (FaultKind::Failover { .. }, _) => RecordingError::WorkerNotFound.reply(echo),
    };
    Reply {
        fault: Some(kind.label()),
        ..reply
    }
}

/// The reason Agora's recording service gives with a code (the docs' status-code tables).
fn agora_reason(code: i64) -> &'static str {
    match code {
        2 => "invalid parameter",
        7 => "already started",
        15 => "",
        49 => "invalid operation",
        50 => "upload timeout",
        53 => "task conflict",
        62 => "request timeout",
        65 => "request not completed",
        109 => "token expired",
        110 => "token invalid",
        404 => "failed to find worker",
        405 => "no_active_status",
        406 => "vendor_over_load",
        432 => "request parameter error",
        433 => "resource expired",
        435 => "no recorded data",
        500 => "internal_error",
        501 => "no_worker_manager_available",
        502 => "Failed to allocate worker",
        504 => "allocate_timeout",
        _ => "error",
    }
}

/// A JSON answer cut short, as a proxy that lost the connection half-way might leave it.
pub const MALFORMED_BODY: &str = r#"{"resourceId":"sandbox-truncated","sid":"#;

fn gateway_text(status: u16) -> &'static str {
    match status {
        500 => "An unexpected error occurred",
        502 => "An invalid response was received from the upstream server",
        503 => "Service Unavailable",
        _ => "The upstream server is timing out",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_read_and_write_the_control_api_json() {
        let spec: FaultSpec = serde_json::from_value(serde_json::json!(
            {"route": "query", "count": 2, "kind": "httpError", "status": 503}
        ))
        .unwrap();
        assert_eq!(
            spec,
            FaultSpec::new(RouteName::Query, FaultKind::HttpError { status: 503 }).times(2)
        );
        let back = serde_json::to_value(&spec).unwrap();
        assert_eq!(
            back,
            serde_json::json!({"route": "query", "count": 2, "kind": "httpError", "status": 503})
        );
        let all: FaultSpec =
            serde_json::from_value(serde_json::json!({"route": "*", "kind": "dropConnection"}))
                .unwrap();
        assert_eq!(all, FaultSpec::all(FaultKind::DropConnection));
        assert!(serde_json::from_value::<FaultSpec>(
            serde_json::json!({"route": "nope", "kind": "code65"})
        )
        .is_err());
    }

    #[test]
    fn counted_faults_are_used_up_and_latency_adds_to_the_answer() {
        let mut f = Faults::default();
        f.add(FaultSpec::all(FaultKind::Latency { ms: 5 }), 0)
            .unwrap();
        f.add(
            FaultSpec::new(RouteName::Query, FaultKind::Code65).times(1),
            0,
        )
        .unwrap();
        f.add(
            FaultSpec::new(RouteName::Query, FaultKind::HttpError { status: 500 }).times(1),
            0,
        )
        .unwrap();
        let t = f.take(RouteName::Query, 0);
        assert_eq!((t.latency_ms, t.answer), (5, Some(FaultKind::Code65)));
        let t = f.take(RouteName::Query, 0);
        assert_eq!(t.answer, Some(FaultKind::HttpError { status: 500 }));
        assert_eq!(f.take(RouteName::Query, 0).answer, None);
        assert_eq!(
            f.take(RouteName::Stop, 0),
            Triggered {
                latency_ms: 5,
                ..Default::default()
            }
        );
        assert_eq!(f.list(0).len(), 1);
    }

    #[test]
    fn failovers_last_their_simulated_duration_on_live_routes_only() {
        let mut f = Faults::default();
        f.add(FaultSpec::all(FaultKind::Failover { seconds: 30 }), 1_000)
            .unwrap();
        assert_eq!(f.take(RouteName::Start, 1_000).answer, None);
        assert!(f.take(RouteName::Query, 30_999).answer.is_some());
        assert!(f.take(RouteName::Stop, 30_999).answer.is_some());
        assert_eq!(f.take(RouteName::Query, 31_000).answer, None);
        assert!(f.list(31_000).is_empty());
    }

    #[test]
    fn impossible_faults_are_refused() {
        let mut f = Faults::default();
        for spec in [
            FaultSpec::all(FaultKind::HttpError { status: 404 }),
            FaultSpec::all(FaultKind::Latency {
                ms: MAX_LATENCY_MS + 1,
            }),
            FaultSpec::new(RouteName::Acquire, FaultKind::Failover { seconds: 5 }),
            FaultSpec::all(FaultKind::Code65).times(0),
        ] {
            assert!(f.add(spec, 0).is_err());
        }
    }

    #[test]
    fn answers_take_the_shape_of_the_api_they_stand_in_for() {
        let echo = Echo::session("R", "S");
        let r = answer(
            &FaultKind::HttpError { status: 504 },
            Family::Recording,
            &echo,
            None,
        );
        assert_eq!(
            (r.status, r.body_json().unwrap()["code"].as_i64()),
            (504, Some(62))
        );
        let r = answer(
            &FaultKind::HttpError { status: 503 },
            Family::Transcoding,
            &echo,
            None,
        );
        assert_eq!(
            r.body_json(),
            Some(&serde_json::json!({"message": "Service Unavailable"}))
        );
        let r = answer(&FaultKind::Code65, Family::Recording, &echo, None);
        assert_eq!(
            (r.status, r.body_json().unwrap()["code"].as_i64()),
            (206, Some(65))
        );
        assert!(answer(&FaultKind::DropConnection, Family::Ncs, &echo, None).drop_connection);
        assert!(serde_json::from_str::<serde_json::Value>(MALFORMED_BODY).is_err());
        assert_eq!(
            answer(&FaultKind::RateLimited, Family::Ncs, &echo, None)
                .fault
                .as_deref(),
            Some("rateLimited")
        );
    }
}
