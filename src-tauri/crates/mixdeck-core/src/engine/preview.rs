//! Requests shown instead of sent: "Copy as curl" in the UI.

use agora_rest::client::RequestSpec;
use agora_rest::Client;
use serde::Serialize;

/// One request as it would go on the wire, secrets redacted, with a `curl` line to copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewRequest {
    /// The operation: `acquire`, `start`, ...
    pub op: String,
    pub method: String,
    pub url: String,
    /// `Authorization` shows as `Basic <redacted>`.
    pub headers: Vec<(String, String)>,
    /// The body with every secret replaced by `<redacted>`.
    pub body: Option<serde_json::Value>,
    /// A POSIX shell command line; the user fills in the credentials.
    pub curl: String,
}

impl PreviewRequest {
    /// `spec` as `client` would send it to its first host.
    pub(crate) fn of(client: &Client, spec: &RequestSpec) -> Self {
        let prepared = client.prepare(spec);
        Self {
            op: spec.op.name().to_owned(),
            curl: prepared.to_curl(),
            method: prepared.method,
            url: prepared.url,
            headers: prepared.headers,
            body: prepared.body,
        }
    }
}
