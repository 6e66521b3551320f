//! Every documented Agora error, in plain words: what it means and what to do.

use serde::Serialize;

use crate::error::ApiErrorBody;
use crate::op::Op;

/// Cause and fix of an error, for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Explanation {
    pub cause: String,
    pub fix: String,
}

impl Explanation {
    pub fn new(cause: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            cause: cause.into(),
            fix: fix.into(),
        }
    }
}

/// The documented causes of a 404 right after a successful start, most likely first.
pub const WORKER_NOT_FOUND_CAUSES: &[&str] = &[
    "the recording never really started: a parameter Agora only checks after start (storage keys, bucket, region, token) is wrong",
    "nobody published in the channel and maxIdleTime passed, so the bot left",
    "the RTC token was invalid or expired",
    "the session already ended (stopped, or resourceExpiredHour passed)",
    "a high-availability failover is in progress: it can answer 404 for up to about 90 s",
];

fn e(cause: &str, fix: &str) -> Explanation {
    Explanation::new(cause, fix)
}

/// Explains an error answer. Codes take precedence over HTTP statuses; some codes mean different
/// things on different operations (62 and 501 on acquire).
pub fn explain(op: Op, status: u16, body: &ApiErrorBody) -> Explanation {
    if (300..400).contains(&status) {
        return e(
            &format!("The endpoint answered with a redirect (HTTP {status}); Agora's API never redirects, so it is not Agora answering (a proxy, or a wrong base URL)."),
            "Mixdeck did not follow it: nothing was sent to the other host. Check the profile's area or custom endpoint.",
        );
    }
    if op.is_transcoding() {
        return explain_transcoding(status, body);
    }
    let text = body.text().unwrap_or("").to_ascii_lowercase();
    match body.code {
        Some(2) => e(
            &format!("Invalid parameter: {}", body.text().unwrap_or("a field has the wrong type, spelling or range, or is missing")),
            "Fix the field the reason names (Mixdeck validates most rules before sending).",
        ),
        Some(7) => e(
            "This resourceId has already been used to start a recording (duplicate start).",
            "Do not start again: query the existing session, or acquire a new resourceId for a new one.",
        ),
        Some(8) => e(
            "The request's header, URL, method or JSON body is malformed.",
            "Check Content-Type is application/json, the URL contains cloud_recording, and the body is valid JSON.",
        ),
        Some(49) => e(
            "The session is already stopping: a repeated stop, or the bot left (kicked out, or maxIdleTime reached).",
            "Nothing to do: the session is ending. Query once more or look at the files in your storage.",
        ),
        Some(50) => e(
            "A synchronous stop waited more than about 20 s for the upload to finish.",
            "Files are still being uploaded; use async_stop for long recordings and check your storage later.",
        ),
        Some(53) => e(
            "A recording with the same channel and uid is already running (task conflict).",
            "Use a different recording uid for each concurrent recording of the same channel, or stop the other one.",
        ),
        Some(62) if op == Op::Acquire => e(
            "Cloud Recording is not enabled for this App ID.",
            "Enable Cloud Recording for the project in Agora Console, then try again.",
        ),
        Some(62) => e(
            "The request timed out inside Agora.",
            "Retry; if it keeps failing, acquire and start again.",
        ),
        Some(65) => e(
            "The request reached Agora but the answer timed out (network jitter).",
            "Retry with the same resourceId after 3 s, then 6 s; if that fails, acquire and start again.",
        ),
        Some(109) => e(
            "The RTC token has expired.",
            "Generate a new token that outlives the whole recording (it cannot be renewed later) and start again.",
        ),
        Some(110) => e(
            "The RTC token is invalid.",
            "Generate the token for this App ID, channel and the bot's uid, with the right App Certificate.",
        ),
        Some(400) => e(
            "Cloud Recording is not enabled for this App ID (invalid_appid).",
            "Check the App ID and enable Cloud Recording in Agora Console.",
        ),
        Some(401) => e(
            "The channel name has unsupported characters (invalid_channel_name).",
            "Use under 64 bytes of a-z, A-Z, 0-9, space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,",
        ),
        Some(404) => e(
            &format!("Agora cannot find the recording (failed to find worker). Likely causes: {}.", WORKER_NOT_FOUND_CAUSES.join("; ")),
            "If this comes right after start, check storage settings, token and that someone publishes; during a failover re-check at 5, 10 and 15 s.",
        ),
        Some(405) => e(
            "The app is unavailable (no_active_status), e.g. the account is in arrears.",
            "Check the account's status in Agora Console.",
        ),
        Some(406) => e(
            "The concurrent recordings quota (PCW, 50 by default) is used up (vendor_over_load).",
            "Retry later, look for recordings that were never stopped, or ask Agora to raise the quota.",
        ),
        Some(432) => e(
            "The App ID, channel name or uid does not match the resourceId.",
            "Send start with exactly the cname and uid used in acquire, under the same App ID.",
        ),
        Some(433) => e(
            "The resourceId has expired: start must follow acquire within 5 minutes.",
            "Acquire a new resourceId and start within about 2 seconds.",
        ),
        Some(435) => e(
            "Nothing was recorded: nobody published a stream in the channel.",
            "Check that users joined and published, and that the subscribe lists name their uids.",
        ),
        Some(500) => e("Agora had an internal error.", "Retry with backoff."),
        Some(501) if op == Op::Acquire => e(
            "No recording worker manager is available.",
            "Retry with backoff.",
        ),
        Some(501) => e(
            "The recording service is exiting (for example, query after stop).",
            "The session is ending; do not send more requests for it.",
        ),
        Some(502) => e(
            "Agora failed to allocate a recording worker.",
            "Acquire a new resourceId and start again.",
        ),
        Some(504) => e("Allocating resources timed out.", "Retry with backoff."),
        Some(1001) => e("The resourceId cannot be parsed.", "Use the resourceId exactly as acquire returned it."),
        Some(1003) => e(
            "The App ID or sid does not match the resourceId.",
            "Use the resourceId and sid of the same session, under the App ID that acquired it.",
        ),
        Some(1013) => e(
            "The channel name is invalid.",
            "Use under 64 bytes of a-z, A-Z, 0-9, space and ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,",
        ),
        Some(1028) => e(
            "The updateLayout body has invalid parameters.",
            "Check mixedVideoLayout, layoutConfig (≤ 17 regions in [0, 1]) and the colours and URLs.",
        ),
        Some(code) => e(
            &format!("Agora returned code {code}, which its docs do not list{}.", body.text().map(|t| format!(" ({t})")).unwrap_or_default()),
            "Retry once; if it persists, contact Agora support with the request id.",
        ),
        None => explain_status(op, status, &text),
    }
}

fn explain_status(op: Op, status: u16, text: &str) -> Explanation {
    match status {
        401 if text.contains("invalid authentication") => e(
            "The Customer ID or Customer Secret is wrong.",
            "Copy both again from Agora Console → Developer Toolkit → RESTful API.",
        ),
        401 => e(
            "The request carried no valid Authorization header.",
            "Set the profile's Customer ID and Customer Secret.",
        ),
        404 if text.contains("failed to find worker") => explain(
            op,
            status,
            &ApiErrorBody {
                code: Some(404),
                ..Default::default()
            },
        ),
        404 if text.contains("no route") => e(
            "No such route: the URL or the HTTP method is wrong.",
            "Check the mode (individual, mix, web) and the ids in the URL; updateLayout works only in mix mode.",
        ),
        404 if op == Op::Query || op == Op::Stop || op == Op::Update || op == Op::UpdateLayout => e(
            &format!("The session was not found. Likely causes: {}.", WORKER_NOT_FOUND_CAUSES.join("; ")),
            "Re-check at 5, 10 and 15 s; if it stays 404, the session has ended.",
        ),
        400 if text.contains("appid") => e(
            "The App ID is invalid or Cloud Recording is not enabled for it.",
            "Check the profile's App ID and enable Cloud Recording in Agora Console.",
        ),
        429 => e(
            "Too many requests: Agora allows 10 per second.",
            "Wait a moment and retry; Mixdeck's monitor stays under the limit.",
        ),
        206 => e(
            "The request reached Agora but did not complete in time.",
            "Retry with the same parameters after 3 s, then 6 s.",
        ),
        500..=599 => e(
            &format!("Agora's server failed (HTTP {status})."),
            "Retry with backoff (5, 10, 15 s); if it persists, contact Agora support with the request id.",
        ),
        _ => e(
            &format!("Agora answered HTTP {status}."),
            "Check the request; contact Agora support with the request id if it persists.",
        ),
    }
}

fn explain_transcoding(status: u16, body: &ApiErrorBody) -> Explanation {
    let detail = body.text().map(|t| format!(": {t}")).unwrap_or_default();
    match status {
        201 => e("A task is already running with this builderToken (deprecated answer).", "Nothing to do; query the task."),
        202 => e("Accepted, but not necessarily finished.", "Query the task before going on."),
        206 => e(
            "Create timed out (partial success).",
            "Retry after 3, 6 and 9 s; then use a new output uid and a new builder token.",
        ),
        400 => e(&format!("Bad request syntax or value, or the service is not enabled{detail}."), "Fix the request; check Cloud Transcoding is enabled."),
        401 => e("The Customer ID or Customer Secret is wrong.", "Copy both again from Agora Console."),
        403 => e("Cloud Transcoding is not enabled for this App ID.", "Contact Agora support to enable it."),
        404 => e(
            "The transcoding task was not found.",
            "Query again with backoff (5, 10, 15 s) to confirm; a failover can take about 90 s.",
        ),
        409 => e(
            "A task with the same instanceId already exists.",
            "Do not retry: delete the existing task first, or use another instanceId.",
        ),
        429 => e("Too many requests (10 per second per account).", "Wait and retry."),
        501 => e("Not implemented.", "This operation is not available."),
        500 | 503 | 504 => e(
            &format!("Agora's server failed or is overloaded (HTTP {status})."),
            "Query the task with backoff (5, 10, 15 s); contact support with the X-Request-ID if it persists.",
        ),
        _ => e(&format!("Agora answered HTTP {status}{detail}."), "Contact Agora support with the X-Request-ID."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: i64) -> ApiErrorBody {
        ApiErrorBody {
            code: Some(code),
            ..Default::default()
        }
    }

    #[test]
    fn every_documented_code_has_a_specific_explanation() {
        for code in [
            2, 7, 8, 49, 50, 53, 62, 65, 109, 110, 400, 401, 404, 405, 406, 432, 433, 435, 500,
            501, 502, 504, 1001, 1003, 1013, 1028,
        ] {
            let x = explain(Op::Start, 400, &body(code));
            assert!(!x.cause.contains("do not list"), "code {code}: {x:?}");
            assert!(!x.fix.is_empty());
        }
        assert!(explain(Op::Start, 500, &body(15))
            .cause
            .contains("do not list"));
    }

    #[test]
    fn codes_mean_different_things_per_operation() {
        assert!(explain(Op::Acquire, 400, &body(62))
            .cause
            .contains("not enabled"));
        assert!(explain(Op::Query, 504, &body(62))
            .cause
            .contains("timed out"));
        assert!(explain(Op::Query, 400, &body(501))
            .cause
            .contains("exiting"));
    }

    #[test]
    fn statuses_without_codes() {
        let msg = |m: &str| ApiErrorBody {
            message: Some(m.into()),
            ..Default::default()
        };
        assert!(
            explain(Op::Acquire, 401, &msg("Invalid authentication credentials"))
                .cause
                .contains("Customer Secret")
        );
        assert!(
            explain(Op::Query, 404, &msg("no Route matched with those values"))
                .cause
                .contains("route")
        );
        assert!(explain(Op::Query, 429, &msg("API rate limit exceeded"))
            .cause
            .contains("10 per second"));
        for s in [
            201, 202, 206, 400, 401, 403, 404, 409, 429, 500, 501, 503, 504,
        ] {
            let x = explain(Op::TranscoderCreate, s, &ApiErrorBody::default());
            assert!(!x.cause.is_empty() && !x.fix.is_empty(), "{s}");
        }
        assert!(explain(Op::TranscoderCreate, 409, &ApiErrorBody::default())
            .fix
            .contains("delete"));
    }
}
