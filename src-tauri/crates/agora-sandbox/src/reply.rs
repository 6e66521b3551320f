//! Answers as Agora shapes them: `{"code", "reason"}` from the recording service (with the ids it
//! echoes), `{"message"}` from the gateway and the transcoder, and the documented HTTP statuses.

use serde::Serialize;
use serde_json::{json, Map, Value};

/// An answer before it becomes an HTTP response.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: ReplyBody,
    pub headers: Vec<(&'static str, String)>,
    /// Close the connection without answering (an injected fault).
    pub drop_connection: bool,
    /// The injected fault that produced this answer, for the request log.
    pub fault: Option<String>,
    /// Real milliseconds the service takes before answering (a synchronous stop's upload).
    pub delay_ms: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReplyBody {
    Json(Value),
    /// Bytes sent as they are, labelled as JSON (the malformed-body fault).
    RawJson(String),
    Empty,
}

impl Reply {
    pub fn json(status: u16, body: &impl Serialize) -> Self {
        // The sandbox stands for Agora: its answers are the wire, secrets (an echoed stream
        // key) in full.
        match agora_rest::reveal(|| serde_json::to_value(body)) {
            Ok(v) => Self::value(status, v),
            // Only possible for a type that cannot be JSON, which would be a sandbox bug: say so.
            Err(e) => Self::message(500, &format!("sandbox could not encode its answer: {e}")),
        }
    }

    pub fn value(status: u16, body: Value) -> Self {
        Self {
            status,
            body: ReplyBody::Json(body),
            headers: Vec::new(),
            drop_connection: false,
            fault: None,
            delay_ms: 0,
        }
    }

    pub fn empty(status: u16) -> Self {
        Self {
            body: ReplyBody::Empty,
            ..Self::value(status, Value::Null)
        }
    }

    /// The gateway and transcoder shape: `{"message": ...}`.
    pub fn message(status: u16, message: &str) -> Self {
        Self::value(status, json!({ "message": message }))
    }

    /// The body as it goes on the wire, if it has one.
    pub fn body_text(&self) -> Option<String> {
        match &self.body {
            ReplyBody::Json(v) => Some(v.to_string()),
            ReplyBody::RawJson(text) => Some(text.clone()),
            ReplyBody::Empty => None,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    #[cfg(test)]
    pub fn body_json(&self) -> Option<&Value> {
        match &self.body {
            ReplyBody::Json(v) => Some(v),
            _ => None,
        }
    }

    // ---- answers every route shares ----

    /// Kong's answer for a path or method it has no route for.
    pub fn no_route() -> Self {
        Self::message(404, "no Route matched with those values")
    }

    pub fn rate_limited() -> Self {
        Self::message(429, "API rate limit exceeded").header("retry-after", "1")
    }

    pub fn unauthorized(missing: bool) -> Self {
        let text = if missing {
            "Unauthorized"
        } else {
            "Invalid authentication credentials"
        };
        Self::message(401, text).header("www-authenticate", "Basic realm=\"service\"")
    }
}

/// Ids the recording service echoes next to `code` and `reason` in its error bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Echo {
    pub cname: Option<String>,
    pub uid: Option<String>,
    pub resource_id: Option<String>,
    pub sid: Option<String>,
}

impl Echo {
    pub fn resource(resource_id: &str) -> Self {
        Self {
            resource_id: Some(resource_id.to_owned()),
            ..Self::default()
        }
    }

    pub fn session(resource_id: &str, sid: &str) -> Self {
        Self {
            sid: Some(sid.to_owned()),
            ..Self::resource(resource_id)
        }
    }

    /// Adds the envelope's cname and uid once the body has been read.
    pub fn with_envelope(mut self, cname: &str, uid: &str) -> Self {
        self.cname = Some(cname.to_owned());
        self.uid = Some(uid.to_owned());
        self
    }

    /// Writes the echoed ids into an error body.
    pub fn write_to(&self, map: &mut Map<String, Value>) {
        self.write(map);
    }

    fn write(&self, map: &mut Map<String, Value>) {
        for (key, value) in [
            ("cname", &self.cname),
            ("uid", &self.uid),
            ("resourceId", &self.resource_id),
            ("sid", &self.sid),
        ] {
            if let Some(v) = value {
                map.insert(key.to_owned(), Value::String(v.clone()));
            }
        }
    }
}

/// The recording service's documented error answers (§2.3, §2.4 of the reference notes).
/// `Display` is the `reason` Agora sends.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordingError {
    /// 400, code 2: a field is missing, mistyped, misspelled or out of range.
    #[error("{0}")]
    InvalidParameter(String),
    /// 400, code 8: the body is not JSON (legacy: bad header, URL, method or body).
    #[error("{0}")]
    BadRequest(String),
    /// 201, code 7: start repeated with the same resourceId.
    #[error("already started")]
    AlreadyStarted,
    /// 400, code 49: stop while the session is already exiting.
    #[error("invalid operation")]
    InvalidOperation,
    /// 400, code 53: a session with the same cname and uid is already recording.
    #[error("task conflict")]
    TaskConflict,
    /// 400, code 400: the App ID is unknown or Cloud Recording is not enabled for it.
    #[error("invalid_appid")]
    InvalidAppId,
    /// 400, code 401: acquire with a cname outside the RTC character set.
    #[error("invalid_channel_name")]
    InvalidChannelName,
    /// 400, code 406: the concurrent-worker quota (PCW) is used up.
    #[error("vendor_over_load")]
    VendorOverLoad,
    /// 404, code 404: the session never started, has ended, or is failing over.
    #[error("failed to find worker")]
    WorkerNotFound,
    /// 400, code 432: cname or uid differ from the ones the resourceId was acquired for.
    #[error("request parameter error: cname or uid does not match the resourceId")]
    ParameterMismatch,
    /// 400, code 433: start came more than 5 minutes after acquire.
    #[error("resource expired: call acquire again")]
    ResourceExpired,
    /// 206, code 435: stop, but no subscribed user published anything.
    #[error("no recorded data")]
    NoRecordedData,
    /// 400, code 1001: the resourceId was not issued by this service.
    #[error("failed to parse resourceId")]
    ResourceIdInvalid,
    /// 400, code 1003: the sid does not belong to the resourceId.
    #[error("sid does not match the resourceId")]
    SidMismatch,
    /// 206, code 65: the request reached the backend, the answer timed out.
    #[error("request not completed")]
    RequestNotCompleted,
    /// 500, code 500.
    #[error("internal_error")]
    Internal,
    /// 504, code 62.
    #[error("request timeout")]
    RequestTimeout,
    /// 400, code 109: the RTC token has expired.
    #[error("token expired")]
    TokenExpired,
    /// 400, code 110: the RTC token is not valid for this App ID, channel and uid.
    #[error("{0}")]
    TokenInvalid(String),
}

impl RecordingError {
    pub fn status(&self) -> u16 {
        match self {
            Self::AlreadyStarted => 201,
            Self::NoRecordedData | Self::RequestNotCompleted => 206,
            Self::WorkerNotFound => 404,
            Self::Internal => 500,
            Self::RequestTimeout => 504,
            _ => 400,
        }
    }

    pub fn code(&self) -> i64 {
        match self {
            Self::InvalidParameter(_) => 2,
            Self::BadRequest(_) => 8,
            Self::AlreadyStarted => 7,
            Self::InvalidOperation => 49,
            Self::TaskConflict => 53,
            Self::InvalidAppId => 400,
            Self::InvalidChannelName => 401,
            Self::VendorOverLoad => 406,
            Self::WorkerNotFound => 404,
            Self::ParameterMismatch => 432,
            Self::ResourceExpired => 433,
            Self::NoRecordedData => 435,
            Self::ResourceIdInvalid => 1001,
            Self::SidMismatch => 1003,
            Self::RequestNotCompleted => 65,
            Self::Internal => 500,
            Self::RequestTimeout => 62,
            Self::TokenExpired => 109,
            Self::TokenInvalid(_) => 110,
        }
    }

    /// `{"code", "reason"}` plus the echoed ids.
    pub fn reply(&self, echo: &Echo) -> Reply {
        let mut map = Map::new();
        echo.write(&mut map);
        map.insert("code".to_owned(), Value::from(self.code()));
        map.insert("reason".to_owned(), Value::String(self.to_string()));
        Reply::value(self.status(), Value::Object(map))
    }
}

impl From<RecordingError> for Reply {
    fn from(e: RecordingError) -> Self {
        e.reply(&Echo::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_errors_have_documented_statuses_codes_and_echoes() {
        let r = RecordingError::NoRecordedData
            .reply(&Echo::session("R", "S").with_envelope("room", "7"));
        assert_eq!(r.status, 206);
        assert_eq!(
            r.body_json(),
            Some(
                &json!({"code": 435, "reason": "no recorded data", "resourceId": "R", "sid": "S", "cname": "room", "uid": "7"})
            )
        );
        assert_eq!(RecordingError::AlreadyStarted.status(), 201);
        assert_eq!(
            RecordingError::WorkerNotFound
                .reply(&Echo::default())
                .body_json(),
            Some(&json!({"code": 404, "reason": "failed to find worker"}))
        );
        assert_eq!(
            RecordingError::InvalidParameter("x: y".into())
                .reply(&Echo::default())
                .body_json()
                .unwrap()["reason"],
            "x: y"
        );
    }

    #[test]
    fn gateway_answers_are_messages() {
        assert_eq!(
            Reply::no_route().body_json(),
            Some(&json!({"message": "no Route matched with those values"}))
        );
        let r = Reply::unauthorized(true);
        assert_eq!(
            (r.status, r.body_json()),
            (401, Some(&json!({"message": "Unauthorized"})))
        );
        assert_eq!(
            Reply::unauthorized(false).body_json().unwrap()["message"],
            "Invalid authentication credentials"
        );
        assert_eq!(
            Reply::rate_limited().headers,
            [("retry-after", "1".to_owned())]
        );
    }
}
