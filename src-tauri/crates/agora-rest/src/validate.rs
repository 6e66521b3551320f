//! Request validation: the rules Agora documents, checked before anything is sent.
//!
//! Each broken rule is a [`FieldError`] with a dotted path from the body's root
//! (`clientRequest.recordingConfig.maxIdleTime`, `...layoutConfig.3.x_axis`), so a form can show the
//! message under the field the path names. The same rules back the sandbox's code-2 answers.

use serde::{Deserialize, Serialize};

use crate::ids::parse_uid;
use crate::secret::{SecretUrl, Sensitive};

/// One broken rule in a request body: where it is and what rule it breaks.
///
/// `path` is dotted from the body's root (`clientRequest.recordingConfig.maxIdleTime`,
/// `clientRequest.transcodingConfig.layoutConfig.3.x_axis`), so a form can put the message under the
/// field it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    pub path: String,
    pub message: String,
    /// An error refuses the request; a warning is a rule our reference does not state (or a
    /// field Agora ignores here): shown, never refused.
    #[serde(default)]
    pub severity: Severity,
}

/// How much a broken rule matters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// A documented rule: Agora refuses the request (code 2), so Mixdeck does not send it.
    #[default]
    Error,
    /// Not a documented rule, or a value Agora ignores: worth knowing, sent anyway.
    Warning,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::new(path, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// What refuses a request among a check's findings: its errors, when it has any.
pub fn errors_only(findings: Vec<FieldError>) -> Result<(), Vec<FieldError>> {
    let errors: Vec<FieldError> = findings.into_iter().filter(FieldError::is_error).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Walks a request body, tracking the path, collecting errors.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<String>,
    errors: Vec<FieldError>,
    /// Inside a copy that need not be complete (acquire's `startParameter`): a missing part
    /// is a warning, not an error.
    soft_required: bool,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `f` with `key` appended to the path.
    pub fn at<R>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(key.to_owned());
        let r = f(self);
        self.path.pop();
        r
    }

    /// Runs `f` with an array index appended to the path.
    pub fn at_index<R>(&mut self, index: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.at(&index.to_string(), f)
    }

    fn path_with(&self, field: &str) -> String {
        let mut parts: Vec<&str> = self.path.iter().map(String::as_str).collect();
        if !field.is_empty() {
            parts.push(field);
        }
        parts.join(".")
    }

    /// Records an error on `field` under the current path (`""` for the current node itself).
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        let path = self.path_with(field);
        self.errors.push(FieldError::new(path, message));
    }

    /// Records a warning: a rule our reference does not state, or a field Agora ignores here.
    pub fn warn(&mut self, field: &str, message: impl Into<String>) {
        let path = self.path_with(field);
        self.errors.push(FieldError::warning(path, message));
    }

    /// A required part is missing: an error, or a warning inside a copy that may be partial.
    pub fn missing(&mut self, field: &str, message: impl Into<String>) {
        if self.soft_required {
            self.warn(field, message);
        } else {
            self.error(field, message);
        }
    }

    /// Runs `f` where missing parts are only warned about (see [`Self::missing`]).
    pub fn partial<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let was = std::mem::replace(&mut self.soft_required, true);
        let r = f(self);
        self.soft_required = was;
        r
    }

    /// No errors (warnings do not count).
    pub fn is_ok(&self) -> bool {
        !self.errors.iter().any(FieldError::is_error)
    }

    /// Every finding, errors and warnings.
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// The errors, if any (warnings are dropped).
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        errors_only(self.errors)
    }

    /// Every finding, errors and warnings, in the order found.
    pub fn report(self) -> Vec<FieldError> {
        self.errors
    }

    // ---- common rules ----

    /// `min <= value <= max`, when the value is set.
    pub fn range<T>(&mut self, field: &str, value: Option<T>, min: T, max: T)
    where
        T: PartialOrd + std::fmt::Display + Copy,
    {
        if let Some(v) = value {
            if v < min || v > max {
                self.error(field, format!("must be between {min} and {max}, got {v}"));
            }
        }
    }

    /// A value inside a documented [`crate::limits::Limit`] (an undocumented end is not checked).
    pub fn limit(&mut self, field: &str, value: Option<u32>, limit: crate::limits::Limit) {
        if let Some(v) = value {
            if !limit.admits(v) {
                let range = match (limit.min, limit.max) {
                    (Some(min), Some(max)) => format!("between {min} and {max}"),
                    (Some(min), None) => format!("at least {min}"),
                    (None, Some(max)) => format!("at most {max}"),
                    (None, None) => return,
                };
                self.error(field, format!("must be {range}, got {v}"));
            }
        }
    }

    /// A required value.
    pub fn required<T>(&mut self, field: &str, value: &Option<T>, why: &str) -> bool {
        if value.is_none() {
            self.missing(field, format!("is required {why}"));
            false
        } else {
            true
        }
    }

    /// A field that must not be set in this context.
    pub fn forbidden<T>(&mut self, field: &str, value: &Option<T>, why: &str) {
        if value.is_some() {
            self.error(field, format!("must not be set {why}"));
        }
    }

    pub fn non_empty(&mut self, field: &str, value: &str) -> bool {
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
            false
        } else {
            true
        }
    }

    /// A recording uid: a decimal integer in 1..=4294967295 written as a string.
    pub fn uid(&mut self, field: &str, value: &str) {
        if parse_uid(value).is_none() {
            self.error(field, uid_message(value));
        }
    }

    /// An http(s) URL.
    /// An `http(s)` URL. The message quotes the URL only as it may be shown (no query).
    pub fn http_url(&mut self, field: &str, value: &SecretUrl) {
        if self.entered_again(field, value) {
            return;
        }
        if !is_http_url(value.expose()) {
            self.error(
                field,
                format!(
                    "must be an http:// or https:// URL, got {}",
                    shown(&value.shown())
                ),
            );
        }
    }

    /// A URL read back from a redacted copy (history, a preset, an export) lost its secret
    /// part: sending `<redacted>` would fail at Agora or, worse, stream to a wrong key. Says so
    /// and returns true.
    pub fn entered_again(&mut self, field: &str, value: &SecretUrl) -> bool {
        if value.is_redacted() {
            self.error(
                field,
                "lost its secret part when it was saved (stream key, token or signature): enter the full URL again",
            );
        }
        value.is_redacted()
    }

    /// A secret value read back from a redacted copy: it must be entered again.
    pub fn entered_secret(&mut self, field: &str, value: Option<&Sensitive<String>>) {
        if value.is_some_and(Sensitive::is_redacted) {
            self.error(field, "was not saved (it is a secret): enter it again");
        }
    }

    /// A code from a documented set.
    pub fn known<T: Copy>(
        &mut self,
        field: &str,
        value: Option<T>,
        known: bool,
        list: impl FnOnce() -> String,
    ) {
        if value.is_some() && !known {
            self.error(field, format!("must be one of {}", list()));
        }
    }
}

pub(crate) fn uid_message(value: &str) -> String {
    if value == crate::ids::Uid::ALL_STREAMS {
        "#allstream# is only allowed in subscribe lists".to_owned()
    } else {
        format!(
            "must be a uid: a whole number from 1 to 4294967295 written as a string, without leading zeros (got {})",
            shown(value)
        )
    }
}

/// A typed value quoted for an error message, cut after 60 characters: a pasted data: URL or
/// document would otherwise fill the message (and the screen showing it).
pub(crate) fn shown(value: &str) -> String {
    const MAX: usize = 60;
    let count = value.chars().count();
    if count <= MAX {
        return format!("{value:?}");
    }
    let head: String = value.chars().take(MAX).collect();
    format!("{head:?}… ({count} characters)")
}

pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// `#RRGGBB`.
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The characters an RTC channel name may use, besides ASCII letters and digits.
const CNAME_PUNCT: &str = " !#$%&()+-:;<=.>?@[]^_{}|~,";

/// Why an RTC channel name is not valid, if it is not: under 64 bytes, from the documented set.
pub fn rtc_channel_problem(cname: &str) -> Option<String> {
    if cname.is_empty() {
        return Some("must not be empty".to_owned());
    }
    if cname.len() >= 64 {
        return Some(format!("must be under 64 bytes, got {}", cname.len()));
    }
    if let Some(c) = cname
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || CNAME_PUNCT.contains(*c)))
    {
        return Some(format!(
            "may only use a-z, A-Z, 0-9, space and {CNAME_PUNCT:?}; {c:?} is not allowed"
        ));
    }
    None
}

/// A request body that can check itself against Agora's documented rules.
pub trait Validate {
    /// Checks the body, appending to `v`.
    fn validate_into(&self, v: &mut Validator);

    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut v = Validator::new();
        self.validate_into(&mut v);
        v.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_in_messages() {
        assert_eq!(shown("https://x"), "\"https://x\"");
        let data = format!("data:image/png;base64,{}", "A".repeat(5000));
        let message = shown(&data);
        assert!(
            message.starts_with("\"data:image/png;base64,AAAA"),
            "{message}"
        );
        assert!(message.ends_with("… (5022 characters)"), "{message}");
        assert!(message.chars().count() < 100, "{message}");
    }

    #[test]
    fn field_error_json_shape_is_path_and_message() {
        let e = FieldError::new(
            "clientRequest.recordingConfig.maxIdleTime",
            "must be at least 5",
        );
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"path": "clientRequest.recordingConfig.maxIdleTime", "message": "must be at least 5", "severity": "error"})
        );
        assert_eq!(
            serde_json::to_value(FieldError::warning("fps", "unusual")).unwrap()["severity"],
            "warning"
        );
        assert_eq!(
            e.to_string(),
            "clientRequest.recordingConfig.maxIdleTime: must be at least 5"
        );
    }

    #[test]
    fn paths_nest_keys_and_indexes() {
        let mut v = Validator::new();
        v.at("clientRequest", |v| {
            v.at("layoutConfig", |v| {
                v.at_index(3, |v| v.range("x_axis", Some(1.5), 0.0, 1.0))
            })
        });
        let errs = v.finish().unwrap_err();
        assert_eq!(errs[0].path, "clientRequest.layoutConfig.3.x_axis");
        assert_eq!(errs[0].message, "must be between 0 and 1, got 1.5");
    }

    #[test]
    fn channel_names_follow_the_rtc_rule() {
        assert_eq!(rtc_channel_problem("room-1 (a)"), None);
        assert!(rtc_channel_problem("").is_some());
        assert!(rtc_channel_problem(&"a".repeat(64))
            .unwrap()
            .contains("under 64"));
        assert!(rtc_channel_problem("ro/om").unwrap().contains("'/'"));
        assert!(rtc_channel_problem("café").is_some());
    }

    #[test]
    fn urls_and_colors() {
        assert!(is_http_url("https://example.com/a.jpg"));
        assert!(!is_http_url("ftp://x") && !is_http_url("https://") && !is_http_url("https:///x"));
        assert!(is_hex_color("#00ff7A") && !is_hex_color("00ff7a") && !is_hex_color("#00ff7"));
    }
}
