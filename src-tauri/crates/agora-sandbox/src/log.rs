//! The request log: every API request with its answer, bodies redacted, for tests and the app to
//! inspect ("what did my client actually send?"). Control requests are not logged.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::routes::RouteName;

/// Enough for any test or a long manual session, small enough to never matter.
const CAPACITY: usize = 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    /// Counts from 1 since start-up or the last reset.
    pub seq: u64,
    /// Simulated Unix ms when it arrived.
    pub at_ms: i64,
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The documented endpoint, if the path and method are one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<RouteName>,
    /// `None` when the connection was dropped without an answer.
    pub status: Option<u16>,
    /// The injected fault that shaped the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Secrets replaced by `<redacted>` (agora-rest's `redact_json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body: Option<Value>,
}

#[derive(Debug, Default)]
pub struct RequestLog {
    last_seq: u64,
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    /// Appends `entry`, numbering it, and drops the oldest beyond the capacity.
    pub fn push(&mut self, mut entry: LoggedRequest) {
        self.last_seq += 1;
        entry.seq = self.last_seq;
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub fn entries(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub fn total(&self) -> u64 {
        self.last_seq
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> LoggedRequest {
        LoggedRequest {
            seq: 0,
            at_ms: 0,
            method: "GET".into(),
            path: "/v1/ncs/ip".into(),
            query: None,
            route: Some(RouteName::Ncs),
            status: Some(200),
            fault: None,
            request_id: None,
            request_body: None,
            response_body: None,
        }
    }

    #[test]
    fn entries_are_numbered_and_bounded() {
        let mut log = RequestLog::default();
        for _ in 0..(CAPACITY + 5) {
            log.push(entry());
        }
        let entries = log.entries();
        assert_eq!(entries.len(), CAPACITY);
        assert_eq!(entries[0].seq, 6);
        assert_eq!(log.total(), (CAPACITY + 5) as u64);
    }
}
