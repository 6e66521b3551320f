//! Secrets inside request types, and redaction of everything that leaves the wire path.
//!
//! Secrecy is a property of the type. A secret field is a [`Sensitive`] (a key, a token) or a
//! [`SecretUrl`] (a URL whose userinfo, query or stream key is secret). Both serialize
//! redacted, everywhere, unless the serialization runs inside [`reveal`], which only the code
//! building the body on the wire does. So logs, history, exports, IPC and curl copies get the
//! redacted form from the typed value itself, and a new secret field cannot be forgotten by a
//! list of names: `tests/secrecy.rs` walks every wire type and fails on a field that sounds
//! secret and is not typed so.
//!
//! [`redact_json`] is for bodies nobody typed (answers as received, rows from older versions):
//! it goes by [`SECRET_KEYS`] and by the shape of URL values.

use std::cell::Cell;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

thread_local! {
    /// Set while [`reveal`] runs on this thread. Serialization is synchronous, so a scope on
    /// the current thread covers exactly the values serialized inside it.
    static REVEALING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with secrets serialized as their plain values: for the request on the wire only.
pub fn reveal<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            REVEALING.with(|r| r.set(self.0));
        }
    }
    let _restore = Restore(REVEALING.with(|r| r.replace(true)));
    f()
}

fn revealing() -> bool {
    REVEALING.with(Cell::get)
}

/// A secret value: a storage key, an STS token, an RTC token, a decryption key.
///
/// `Debug` and `Display` print `<redacted>`, and so does serialization outside [`reveal`].
/// Deserialization reads the plain value (a form, a body file), and a stored `<redacted>` reads
/// back as itself, which [`Sensitive::is_redacted`] recognizes.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

    /// A value read back from a redacted copy (history, a preset): it must be entered again.
    pub fn is_redacted(&self) -> bool {
        self.0 == REDACTED
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
        f.write_str(REDACTED)
    }
}

impl<T> std::fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Sensitive<String> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // An empty value holds no secret, and shown as itself it says "not set" (the keychain
        // fills it) rather than suggesting a key was there.
        if revealing() || self.0.is_empty() {
            s.serialize_str(&self.0)
        } else {
            s.serialize_str(REDACTED)
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Self)
    }
}

/// A URL with a secret part: a CDN `rtmpUrl` (its stream key), a web page to record (a session
/// token in its query), a presigned image URL (its signature).
///
/// Outside [`reveal`] it serializes, prints and debugs as [`redact_url`] shows it:
/// `rtmp://live.example.com/app/<redacted>`, `https://host/page?token=<redacted>`. The host
/// and path stay readable, so history still says where a stream went.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SecretUrl(String);

impl SecretUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The full URL, for the wire and for validation.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL as everything but the wire shows it.
    pub fn shown(&self) -> String {
        redact_url(&self.0).unwrap_or_else(|| self.0.clone())
    }

    /// Read back from a redacted copy: its secret part must be entered again.
    pub fn is_redacted(&self) -> bool {
        self.0.contains(REDACTED)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for SecretUrl {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for SecretUrl {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl std::fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.shown())
    }
}

impl std::fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

impl Serialize for SecretUrl {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if revealing() {
            s.serialize_str(&self.0)
        } else {
            s.serialize_str(&self.shown())
        }
    }
}

impl<'de> Deserialize<'de> for SecretUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self)
    }
}

/// Schemes whose path ends in a stream key (`rtmp://host/app/KEY`).
const STREAM_KEY_SCHEMES: &[&str] = &["rtmp", "rtmps", "rtmpt", "rtmpe", "rtmpte"];

/// `url` with its secret parts replaced by `<redacted>`: userinfo, every query value, the
/// fragment, and for RTMP the stream key (every path segment after the application). `None`
/// when `url` is not `scheme://…` or has nothing secret. Applying it twice changes nothing.
pub fn redact_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok {
        return None;
    }
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (rest, None),
    };
    let (before_query, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (before_fragment, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    let mut out = format!("{scheme}://");
    match authority.rsplit_once('@') {
        Some((_, host)) => {
            out.push_str(REDACTED);
            out.push('@');
            out.push_str(host);
        }
        None => out.push_str(authority),
    }
    if STREAM_KEY_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let keep = if segments.len() > 1 { 1 } else { 0 };
        for (i, seg) in segments.iter().enumerate() {
            out.push('/');
            if i < keep || seg.is_empty() {
                out.push_str(seg);
            } else {
                out.push_str(REDACTED);
            }
        }
    } else {
        out.push_str(path);
    }
    if let Some(q) = query {
        out.push('?');
        let pairs: Vec<String> = q
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) => format!("{k}={REDACTED}"),
                None if pair.is_empty() => String::new(),
                None => REDACTED.to_owned(),
            })
            .collect();
        out.push_str(&pairs.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        if !f.is_empty() {
            out.push_str(REDACTED);
        }
    }
    (out != url).then_some(out)
}

/// Free text (an error message, a page title) with the secret parts of every URL in it
/// redacted: Agora's messages can quote the `rtmpUrl` or web page a request carried.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let start = rest[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
            .map_or(0, |i| i + 1);
        let end = rest[at..]
            .find(|c: char| c.is_whitespace() || "\"'<>`".contains(c))
            .map_or(rest.len(), |i| at + i);
        out.push_str(&rest[..start]);
        let url = &rest[start..end];
        match redact_url(url) {
            Some(shown) => out.push_str(&shown),
            None => out.push_str(url),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One secret string of a typed value: where it is (a JSON pointer), how it shows, what it is.
#[derive(Clone, PartialEq, Eq)]
pub struct KnownSecret {
    pointer: String,
    shown: String,
    value: Sensitive<String>,
}

impl std::fmt::Debug for KnownSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {:?}", self.pointer, self.shown)
    }
}

/// Every secret string in `value` with its place and shown form: what a copy of it read back
/// from history (redacted) can be completed with while the app still holds it in memory.
pub fn known_secrets<T: Serialize>(value: &T) -> Vec<KnownSecret> {
    fn walk(
        wire: &serde_json::Value,
        shown: &serde_json::Value,
        at: &str,
        out: &mut Vec<KnownSecret>,
    ) {
        use serde_json::Value;
        match (wire, shown) {
            (Value::Object(w), Value::Object(s)) => {
                for (k, wv) in w {
                    if let Some(sv) = s.get(k) {
                        let key = k.replace('~', "~0").replace('/', "~1");
                        walk(wv, sv, &format!("{at}/{key}"), out);
                    }
                }
            }
            (Value::Array(w), Value::Array(s)) => {
                for (i, (wv, sv)) in w.iter().zip(s).enumerate() {
                    walk(wv, sv, &format!("{at}/{i}"), out);
                }
            }
            (Value::String(w), Value::String(s)) if w != s => out.push(KnownSecret {
                pointer: at.to_owned(),
                shown: s.clone(),
                value: Sensitive::new(w.clone()),
            }),
            _ => {}
        }
    }
    let (Ok(wire), Ok(shown)) = (
        reveal(|| serde_json::to_value(value)),
        serde_json::to_value(value),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&wire, &shown, "", &mut out);
    out
}

/// `value` with every redacted string that `known` has at the same place, shown the same way,
/// put back: an edit of a redacted copy keeps the stream keys it did not touch. Anything else
/// redacted stays so (and validation asks for it again).
pub fn restore_secrets<T: Serialize + serde::de::DeserializeOwned>(
    value: T,
    known: &[KnownSecret],
) -> T {
    if known.is_empty() {
        return value;
    }
    let Ok(mut wire) = reveal(|| serde_json::to_value(&value)) else {
        return value;
    };
    let mut changed = false;
    for k in known {
        if let Some(slot) = wire.pointer_mut(&k.pointer) {
            if slot.as_str() == Some(k.shown.as_str()) && k.shown.contains(REDACTED) {
                *slot = serde_json::Value::String(k.value.expose().clone());
                changed = true;
            }
        }
    }
    if !changed {
        return value;
    }
    serde_json::from_value(wire).unwrap_or(value)
}

/// JSON keys whose values are secrets in Agora request and response bodies: the JSON names of
/// every [`Sensitive`] field (`tests/secrecy.rs` checks the two agree), for untyped bodies.
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

/// A copy of an untyped body with every secret replaced by `"<redacted>"`, at any depth: the
/// values of [`SECRET_KEYS`], and the secret parts of every string that is a URL (whatever its
/// key: a stream key in an answer's echo is as secret as in the request).
/// Typed values need none of this: they serialize redacted.
pub fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    // Null and "" hold nothing to hide, and stay as they are (as typed values do).
                    let empty = v.is_null() || v.as_str() == Some("");
                    let v = if SECRET_KEYS.contains(&k.as_str()) && !empty {
                        Value::String(REDACTED.to_owned())
                    } else {
                        redact_json(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        Value::String(s) => match redact_url(s) {
            Some(shown) => Value::String(shown),
            None => value.clone(),
        },
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
    fn serializes_plainly_only_for_the_wire() {
        let s = Sensitive::from("abc");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"<redacted>\"");
        assert_eq!(reveal(|| serde_json::to_string(&s).unwrap()), "\"abc\"");
        assert_eq!(serde_json::to_string(&Sensitive::from("")).unwrap(), "\"\"");
        // The scope ends with the call, even when it unwinds.
        let _ = std::panic::catch_unwind(|| reveal(|| panic!("inside")));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"<redacted>\"");
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
    fn urls_keep_host_and_path_and_lose_their_secrets() {
        let cases = [
            (
                "rtmp://live.example.com/app/sk-123",
                "rtmp://live.example.com/app/<redacted>",
            ),
            (
                "rtmps://a.b:443/live/x/y",
                "rtmps://a.b:443/live/<redacted>/<redacted>",
            ),
            ("rtmp://a.b/onlykey", "rtmp://a.b/<redacted>"),
            (
                "https://u:p@h.io/p?token=t&x=1#f",
                "https://<redacted>@h.io/p?token=<redacted>&x=<redacted>#<redacted>",
            ),
            (
                "https://s3.aws/b/k.png?X-Amz-Signature=abc",
                "https://s3.aws/b/k.png?X-Amz-Signature=<redacted>",
            ),
        ];
        for (url, shown) in cases {
            assert_eq!(redact_url(url).as_deref(), Some(shown), "{url}");
            assert_eq!(redact_url(shown), None, "not idempotent: {shown}");
            let typed = SecretUrl::from(url);
            assert_eq!(serde_json::to_value(&typed).unwrap(), shown);
            assert_eq!(format!("{typed:?}"), format!("{shown:?}"));
            assert_eq!(reveal(|| serde_json::to_value(&typed).unwrap()), url);
        }
        for plain in [
            "https://example.com/page",
            "not a url",
            "rtmp://h.io",
            "a://",
        ] {
            assert_eq!(redact_url(plain), None, "{plain}");
        }
        assert!(SecretUrl::from("rtmp://h/app/<redacted>").is_redacted());
    }

    #[test]
    fn untyped_bodies_lose_url_secrets_under_any_key() {
        let r = redact_json(&json!({"echo": {"anyName": "rtmp://h/app/key9", "n": "plain"}}));
        assert_eq!(r["echo"]["anyName"], "rtmp://h/app/<redacted>");
        assert_eq!(r["echo"]["n"], "plain");
    }

    #[test]
    fn known_secrets_complete_a_redacted_copy_in_place_only() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Out {
            url: SecretUrl,
            key: Sensitive<String>,
            name: String,
        }
        let sent = vec![
            Out {
                url: "rtmp://h/app/one".into(),
                key: "k1".into(),
                name: "a".into(),
            },
            Out {
                url: "rtmp://h/app/two".into(),
                key: "k2".into(),
                name: "b".into(),
            },
        ];
        let known = known_secrets(&sent);
        assert_eq!(known.len(), 4);
        assert!(!format!("{known:?}").contains("one"));
        // What history gives back: everything redacted.
        let copy: Vec<Out> = serde_json::from_value(serde_json::to_value(&sent).unwrap()).unwrap();
        assert!(copy[0].url.is_redacted());
        let back = restore_secrets(copy, &known);
        assert_eq!(back, sent);
        // A URL the user changed is theirs; one moved elsewhere is not filled in.
        let edited = vec![Out {
            url: "rtmp://other/app/<redacted>".into(),
            key: "k9".into(),
            name: "a".into(),
        }];
        let back = restore_secrets(edited, &known);
        assert_eq!(back[0].url.expose(), "rtmp://other/app/<redacted>");
        assert_eq!(back[0].key.expose(), "k9");
    }

    #[test]
    fn urls_inside_free_text_lose_their_secrets() {
        assert_eq!(
            redact_text("invalid rtmpUrl: 'rtmp://h.io/live/sk9', see https://x.io/p?t=1."),
            "invalid rtmpUrl: 'rtmp://h.io/live/<redacted>', see https://x.io/p?t=<redacted>"
        );
        assert_eq!(redact_text("no url :// here"), "no url :// here");
        assert_eq!(redact_text(""), "");
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
