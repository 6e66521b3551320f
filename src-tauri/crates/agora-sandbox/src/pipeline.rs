//! One API request, in the order Agora's gateway and services handle it:
//! route (404 "no Route matched") → injected faults → Basic auth (401) → QPS limit (429) →
//! App ID (400) → the endpoint. Every answer carries an `X-Request-ID` and is written to the
//! request log with its bodies redacted.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderMap, CONTENT_TYPE, HOST, ORIGIN};
use hyper::{Request, Response};

use crate::auth::{self, AuthFailure};
use crate::faults::{self, FaultKind};
use crate::log::LoggedRequest;
use crate::reply::{Echo, RecordingError, Reply, ReplyBody};
use crate::routes::{classify, query_params, Family, Route};
use crate::store::Shared;
use crate::{control, recording, transcoding};

/// The header that carries the control API's token.
pub const CONTROL_TOKEN_HEADER: &str = "X-Sandbox-Token";

fn token_matches(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers.get(CONTROL_TOKEN_HEADER).map(|v| v.as_bytes()) else {
        return false;
    };
    // Compared in full whatever the first difference, so timing tells nothing.
    given.len() == token.len()
        && given
            .iter()
            .zip(token.as_bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Bodies above this are refused; Agora's requests are a few kilobytes.
const MAX_BODY_BYTES: usize = 1 << 20;

/// The service answered by closing the connection (an injected fault). hyper then drops the
/// socket without writing a response, which is exactly the failure being simulated.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
pub struct Dropped;

/// Every request on the sandbox's port.
pub async fn serve(
    shared: &Shared,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    let control = path == "/_sandbox" || path.starts_with("/_sandbox/");
    // DNS rebinding: a page on `evil.example` resolved to 127.0.0.1 still sends its own Host.
    let port = shared
        .base_url
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse::<u16>().ok())
        .unwrap_or(0);
    if !host_is_loopback(&parts.headers, port) {
        return Ok(to_response(
            &Reply::value(
                403,
                serde_json::json!({"error": "the Host header must be 127.0.0.1, localhost or [::1] with the sandbox's port"}),
            ),
            None,
        ));
    }
    // Cross-site requests from a browser: a foreign page may POST to loopback without reading.
    if control && !origin_is_loopback(&parts.headers) {
        return Ok(to_response(
            &Reply::value(
                403,
                serde_json::json!({"error": "cross-origin requests to the control API are refused"}),
            ),
            None,
        ));
    }
    // A page on another origin that got past the checks above (an old browser, a plugin) still
    // cannot guess this run's token.
    if control && !token_matches(&parts.headers, &shared.control_token) {
        return Ok(to_response(
            &Reply::value(
                401,
                serde_json::json!({"error": format!("the control API needs this run's token in the {CONTROL_TOKEN_HEADER} header (agora-sandbox prints it at start-up)")}),
            ),
            None,
        ));
    }
    let bytes = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        // Too large, or the client went away mid-body (then nobody reads the answer anyway).
        Err(_) => {
            return Ok(to_response(
                &Reply::message(413, "Request size limit exceeded"),
                None,
            ))
        }
    };
    if control {
        let reply = control::handle(shared, &parts.method, &path, &bytes);
        return Ok(to_response(&reply, None));
    }

    let at_ms = shared.clock.now_ms();
    let route = classify(&parts.method, &path);
    let query = parts.uri.query().map(str::to_owned);
    let reply = match &route {
        None => Reply::no_route(),
        Some(route) => api(shared, route, &parts.headers, query.as_deref(), &bytes).await,
    };
    let request_id = shared.ids.uuid();
    let status = (!reply.drop_connection).then_some(reply.status);
    tracing::info!(
        method = %parts.method,
        %path,
        route = route.as_ref().map_or("-", |r| r.name().as_str()),
        status = status.map_or_else(|| "dropped".to_owned(), |s| s.to_string()),
        fault = reply.fault.as_deref().unwrap_or("-"),
        "api request"
    );
    shared.store().log.push(LoggedRequest {
        seq: 0,
        at_ms,
        method: parts.method.to_string(),
        path,
        query,
        route: route.as_ref().map(Route::name),
        status,
        fault: reply.fault.clone(),
        request_id: status.map(|_| request_id.clone()),
        request_body: crate::body::redacted(&bytes),
        response_body: match &reply.body {
            ReplyBody::Json(v) => Some(agora_rest::redact_json(v)),
            ReplyBody::RawJson(text) => Some(serde_json::Value::String(text.clone())),
            ReplyBody::Empty => None,
        },
    });
    if reply.drop_connection {
        return Err(Dropped);
    }
    Ok(to_response(&reply, Some(&request_id)))
}

fn loopback_name(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "[::1]"
}

/// `Host` is required (HTTP/1.1) and must name loopback with the sandbox's own port.
fn host_is_loopback(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    match host.rsplit_once(':') {
        Some((name, p)) if !name.is_empty() && !p.contains(']') => {
            loopback_name(name) && p.parse::<u16>().ok() == Some(port)
        }
        _ => false,
    }
}

/// No `Origin` (curl, reqwest, Node) or a loopback one (`http://127.0.0.1:<any port>`).
fn origin_is_loopback(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let name = match rest.rsplit_once(':') {
        Some((name, p)) if !p.contains(']') && p.parse::<u16>().is_ok() => name,
        _ => rest,
    };
    loopback_name(name)
}

/// The ids a fault's Agora-like answer echoes.
fn echo(route: &Route) -> Echo {
    match route {
        Route::Start { resource_id, .. } => Echo::resource(resource_id),
        Route::Session {
            resource_id, sid, ..
        } => Echo::session(resource_id, sid),
        _ => Echo::default(),
    }
}

async fn api(
    shared: &Shared,
    route: &Route,
    headers: &HeaderMap,
    query: Option<&str>,
    body: &[u8],
) -> Reply {
    let triggered = shared
        .store()
        .faults
        .take(route.name(), shared.clock.now_ms());
    if triggered.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(triggered.latency_ms)).await;
    }
    let mut reply = match &triggered.answer {
        // Answers instead of the endpoint: nothing is done.
        Some(kind) if !triggered.apply => {
            return faults::answer(kind, route.family(), &echo(route), None)
        }
        // The work is done, then its answer is lost or replaced.
        Some(kind) => {
            let done = endpoint(shared, route, headers, query, body);
            let delay_ms = done.delay_ms;
            Reply {
                delay_ms,
                ..faults::answer(kind, route.family(), &echo(route), Some(done))
            }
        }
        None => endpoint(shared, route, headers, query, body),
    };
    if reply.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(reply.delay_ms)).await;
    }
    if triggered.late_answer_ms > 0 {
        tokio::time::sleep(Duration::from_millis(triggered.late_answer_ms)).await;
    }
    let latency = triggered.latency_ms + triggered.late_answer_ms;
    if latency > 0 && reply.fault.is_none() {
        reply.fault = Some(FaultKind::Latency { ms: latency }.label());
    }
    reply
}

fn endpoint(
    shared: &Shared,
    route: &Route,
    headers: &HeaderMap,
    query: Option<&str>,
    body: &[u8],
) -> Reply {
    let config = &shared.config;
    if let Err(failure) = auth::check(headers, &config.customer_id, &config.customer_secret) {
        return Reply::unauthorized(failure == AuthFailure::Missing);
    }
    // Per App ID (NCS has none: it counts against the customer).
    let key = route.app_id().unwrap_or(&config.customer_id);
    if !shared.store().limiter.allow(key, shared.clock.now_ms()) {
        return Reply::rate_limited();
    }
    if route.app_id().is_some_and(|app| app != config.app_id) {
        return match route.family() {
            Family::Recording => RecordingError::InvalidAppId.reply(&Echo::default()),
            _ => Reply::message(400, "invalid appid"),
        };
    }
    match route.family() {
        Family::Recording => recording::handle(shared, route, body),
        Family::Transcoding => transcoding::handle(shared, route, &query_params(query), body),
        Family::Ncs => Reply::value(
            200,
            serde_json::json!({"data": {"service": {"hosts": [{"primaryIP": "127.0.0.1"}]}}}),
        ),
        Family::Channel => match route {
            Route::ChannelUsers {
                cname, hosts_only, ..
            } => crate::channels::users_reply(shared, cname, *hosts_only),
            _ => Reply::no_route(),
        },
    }
}

fn to_response(reply: &Reply, request_id: Option<&str>) -> Response<Full<Bytes>> {
    let (bytes, json) = match &reply.body {
        ReplyBody::Json(v) => (Bytes::from(v.to_string()), true),
        ReplyBody::RawJson(text) => (Bytes::from(text.clone()), true),
        ReplyBody::Empty => (Bytes::new(), false),
    };
    let mut builder = Response::builder().status(reply.status);
    if json {
        builder = builder.header(CONTENT_TYPE, "application/json;charset=utf-8");
    }
    for (name, value) in &reply.headers {
        builder = builder.header(*name, value);
    }
    if let Some(id) = request_id {
        builder = builder.header("x-request-id", id);
    }
    builder.body(Full::new(bytes)).unwrap_or_else(|e| {
        // Only a status or header the sandbox itself got wrong can land here.
        tracing::error!(error = %e, status = reply.status, "could not build a response");
        let mut fallback = Response::new(Full::new(Bytes::from_static(
            br#"{"message":"sandbox could not build its answer"}"#,
        )));
        *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}
