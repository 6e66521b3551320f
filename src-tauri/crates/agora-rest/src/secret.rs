//! Secrets inside request types, and redaction of everything that leaves the wire path.

use serde::{Deserialize, Serialize};

/// A secret value: a storage key, an STS token, an RTC token, a decryption key.
///
/// `Debug` and `Display` print `<redacted>`, so a secret never reaches a log line by accident.
/// It serializes as the plain value because the outgoing request body needs it; every other path
/// (logs, history, exports, IPC echoes) goes through [`redact_json`], which a test proves.
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself. Named so that every use stands out in review.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl Sensitive<String> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Sensitive<String> {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for Sensitive<String> {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl<T> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> std::fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// JSON keys whose values are secrets in Agora request and response bodies.
pub const SECRET_KEYS: &[&str] = &[
    "accessKey",
    "secretKey",
    "stsToken",
    "token",
    "rtcToken",
    "secret",
    "salt",
    // builderTokens' answer: the token that authorizes a transcoding task's calls.
    "tokenName",
];

/// URL query parameters whose values are secrets.
pub const SECRET_QUERY_KEYS: &[&str] = &["builderToken"];

pub const REDACTED: &str = "<redacted>";

/// A copy of `value` with every secret replaced by `"<redacted>"`, at any depth.
/// Use it for anything that is not the request on the wire: logs, history, exports, UI echoes.
pub fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if SECRET_KEYS.contains(&k.as_str()) && !v.is_null() {
                        Value::String(REDACTED.to_owned())
                    } else {
                        redact_json(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

/// Redacts a body given as text; text that is not JSON is replaced whole (it could hold anything).
pub fn redact_body_text(text: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => redact_json(&v).to_string(),
        Err(_) if text.trim().is_empty() => String::new(),
        Err(_) => format!("<{} bytes, not JSON>", text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn debug_and_display_never_show_the_secret() {
        let s = Sensitive::from("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{s}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&s)), "Some(<redacted>)");
    }

    #[test]
    fn serializes_plainly_for_the_wire() {
        let s = Sensitive::from("abc");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"abc\"");
        let back: Sensitive<String> = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back.expose(), "abc");
    }

    #[test]
    fn redact_json_reaches_every_depth() {
        let body = json!({
            "cname": "c",
            "clientRequest": {
                "token": "rtc-token",
                "storageConfig": {"accessKey": "AK", "secretKey": "SK", "stsToken": "ST", "bucket": "b"},
                "recordingConfig": {"secret": "k", "salt": "s", "maxIdleTime": 30},
                "list": [{"rtcToken": "t"}, {"token": null}]
            }
        });
        let r = redact_json(&body);
        let text = r.to_string();
        for secret in [
            "rtc-token",
            "\"AK\"",
            "\"SK\"",
            "\"ST\"",
            "\"k\"",
            "\"s\"",
            "\"t\"",
        ] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert_eq!(r["clientRequest"]["storageConfig"]["bucket"], "b");
        assert_eq!(r["clientRequest"]["recordingConfig"]["maxIdleTime"], 30);
        assert_eq!(
            r["clientRequest"]["list"][1]["token"],
            serde_json::Value::Null
        );
    }

    #[test]
    fn redact_body_text_hides_non_json() {
        assert_eq!(redact_body_text("secretKey=abc"), "<13 bytes, not JSON>");
        assert_eq!(redact_body_text(""), "");
        assert_eq!(
            redact_body_text(r#"{"token":"x"}"#),
            r#"{"token":"<redacted>"}"#
        );
    }
}
