//! A session's request log read for people: each exchange with its path, Agora's code and what it
//! means, and, for a poll, what changed since the answer before it.

use agora_rest::{ApiErrorBody, Explanation, Op};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::store::SessionEvent;

/// One request and its answer, as the history's timeline shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub event: SessionEvent,
    /// The URL without scheme and host (`/v1/apps/…/query`).
    pub path: Option<String>,
    /// The host that was asked.
    pub host: Option<String>,
    /// Agora's `code` in the answer, when it has one.
    pub agora_code: Option<i64>,
    /// What an error answer (HTTP status ≥ 400, or a code) means and what to do.
    pub explanation: Option<Explanation>,
    /// For a successful answer to a poll (query): what differs from the previous successful
    /// answer to it. Empty for the first one, for errors and for answers that are not JSON.
    pub changes: Vec<JsonChange>,
}

/// One value that changed between two answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JsonChange {
    /// Where, as `serverResponse.fileList[0].fileName`.
    pub path: String,
    /// The value before, as JSON text; `None` when it was not there.
    pub before: Option<String>,
    /// The value after; `None` when it went away.
    pub after: Option<String>,
}

/// `scheme://host/path?query` split into host and path (with its query).
pub fn split_url(url: &str) -> (Option<String>, Option<String>) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => (Some(rest[..i].to_owned()), Some(rest[i..].to_owned())),
        None => (Some(rest.to_owned()).filter(|h| !h.is_empty()), None),
    }
}

fn is_poll(op: &str) -> bool {
    matches!(Op::from_name(op), Some(Op::Query | Op::TranscoderQuery))
}

/// The timeline of `events` (oldest first). Consecutive identical poll answers, which the store
/// already keeps as one row, are folded here too for logs written before it did.
pub fn timeline(events: Vec<SessionEvent>) -> Vec<TimelineEntry> {
    let mut out: Vec<TimelineEntry> = Vec::with_capacity(events.len());
    // The last JSON answer per operation, for the diffs.
    let mut last_answer: Vec<(String, Value)> = Vec::new();
    for event in events {
        if let Some(prev) = out.last_mut() {
            let p = &prev.event;
            if is_poll(&event.op)
                && p.op == event.op
                && p.status == event.status
                && p.response_body == event.response_body
                && p.error == event.error
                && p.url == event.url
            {
                prev.event.repeats += event.repeats;
                prev.event.last_at = Some(event.last_at.unwrap_or(event.at));
                continue;
            }
        }
        let (host, path) = event.url.as_deref().map(split_url).unwrap_or((None, None));
        let json: Option<Value> = event
            .response_body
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok());
        let agora_code = json
            .as_ref()
            .and_then(|v| v.get("code"))
            .and_then(|c| c.as_i64().or_else(|| c.as_str()?.parse().ok()));
        let failed = event.status.is_some_and(|s| s >= 400) || agora_code.is_some();
        let explanation = match (failed, Op::from_name(&event.op), event.status) {
            (true, Some(op), Some(status)) => Some(agora_rest::explain::explain(
                op,
                status,
                &ApiErrorBody::parse(event.response_body.as_deref().unwrap_or("")),
            )),
            _ => None,
        };
        let mut changes = Vec::new();
        let answered = event.status.is_some_and(|s| (200..300).contains(&s));
        if let (true, true, Some(now)) = (is_poll(&event.op), answered, &json) {
            match last_answer.iter_mut().find(|(op, _)| *op == event.op) {
                Some((_, before)) => {
                    diff(before, now, String::new(), &mut changes);
                    *before = now.clone();
                }
                None => last_answer.push((event.op.clone(), now.clone())),
            }
        }
        out.push(TimelineEntry {
            event,
            path,
            host,
            agora_code,
            explanation,
            changes,
        });
    }
    out
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Every leaf that differs between `a` and `b`, depth first. Arrays are compared index by index
/// (Agora's lists keep their order from one answer to the next).
pub fn diff(a: &Value, b: &Value, path: String, out: &mut Vec<JsonChange>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => diff(va, vb, join(&path, k), out),
                    None => out.push(JsonChange {
                        path: join(&path, k),
                        before: Some(text(va)),
                        after: None,
                    }),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    out.push(JsonChange {
                        path: join(&path, k),
                        before: None,
                        after: Some(text(vb)),
                    });
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(va), Some(vb)) => diff(va, vb, p, out),
                    (va, vb) => out.push(JsonChange {
                        path: p,
                        before: va.map(text),
                        after: vb.map(text),
                    }),
                }
            }
        }
        _ if a != b => out.push(JsonChange {
            path,
            before: Some(text(a)),
            after: Some(text(b)),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SessionId;
    use serde_json::json;

    fn event(id: i64, op: &str, status: u16, body: Value) -> SessionEvent {
        SessionEvent {
            id,
            session_id: SessionId(1),
            at: id * 1000,
            op: op.into(),
            method: Some("GET".into()),
            url: Some("https://api.sd-rtn.com/v1/apps/a/cloud_recording/query".into()),
            attempt: Some(1),
            request_body: None,
            status: Some(status),
            response_body: Some(body.to_string()),
            error: None,
            elapsed_ms: Some(20),
            request_id: None,
            repeats: 1,
            last_at: None,
        }
    }

    #[test]
    fn polls_fold_when_equal_and_show_what_changed_otherwise() {
        let q = |id, status: i64, files: Value| {
            event(
                id,
                "query",
                200,
                json!({"serverResponse": {"status": status, "fileList": files}}),
            )
        };
        let t = timeline(vec![
            event(1, "start", 200, json!({"sid": "s"})),
            q(2, 4, json!([])),
            q(3, 4, json!([])),
            q(4, 5, json!([{"fileName": "a.m3u8"}])),
            event(
                5,
                "query",
                404,
                json!({"code": 404, "reason": "failed to find worker"}),
            ),
        ]);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert_eq!((t[1].event.repeats, t[1].event.last_at), (2, Some(3000)));
        assert!(
            t[1].changes.is_empty(),
            "the first poll has nothing to compare with"
        );
        assert_eq!(
            t[2].changes,
            vec![
                JsonChange {
                    path: "serverResponse.fileList[0]".into(),
                    before: None,
                    after: Some(r#"{"fileName":"a.m3u8"}"#.into())
                },
                JsonChange {
                    path: "serverResponse.status".into(),
                    before: Some("4".into()),
                    after: Some("5".into())
                }
            ]
        );
        assert_eq!(t[0].host.as_deref(), Some("api.sd-rtn.com"));
        assert_eq!(
            t[0].path.as_deref(),
            Some("/v1/apps/a/cloud_recording/query")
        );
        assert_eq!(t[3].agora_code, Some(404));
        assert!(t[3].explanation.is_some(), "an error answer is explained");
        assert!(t[0].explanation.is_none());
    }
}
