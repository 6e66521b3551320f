//! What a session was started with: the request bodies of its kind, typed, secrets redacted.
//!
//! The database keeps the bodies as sent (`{acquire, start}` for a recording, the create body for
//! a transcoding task); this type reads them back by the session's kind, so no reader has to
//! guess a shape.

use agora_rest::recording::ops::DEFAULT_RESOURCE_EXPIRED_HOUR;
use agora_rest::recording::{AcquireRequest, ExtensionService, StartRequest};
use agora_rest::transcoding::CreateRequest;
use agora_rest::{limits, redact_json};
use serde::{Deserialize, Serialize};

use super::sessions::SessionKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
// Built once per row read or form saved: a box would save nothing that matters.
#[allow(clippy::large_enum_variant)]
pub enum SessionConfig {
    /// The acquire and start bodies as sent.
    Recording {
        acquire: AcquireRequest,
        start: StartRequest,
    },
    /// The create body, or the latest update's (an update sends the whole config again).
    Transcoding { create: CreateRequest },
    /// A stored config of neither shape (written by an older Mixdeck, or imported): its JSON
    /// text, so nothing stored is hidden.
    Unrecognized { json: String },
}

/// The stored shape of a recording's config.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordingBodies {
    acquire: AcquireRequest,
    start: StartRequest,
}

impl SessionConfig {
    /// The JSON the database keeps, secrets redacted.
    pub fn stored(&self) -> serde_json::Value {
        let value = match self {
            SessionConfig::Recording { acquire, start } => {
                serde_json::json!({ "acquire": acquire, "start": start })
            }
            SessionConfig::Transcoding { create } => {
                serde_json::to_value(create).unwrap_or_default()
            }
            SessionConfig::Unrecognized { json } => {
                serde_json::from_str(json).unwrap_or(serde_json::Value::Null)
            }
        };
        redact_json(&value)
    }

    /// What the database kept, read as `kind`'s bodies.
    pub fn read(kind: SessionKind, value: serde_json::Value) -> Self {
        let typed =
            match kind {
                SessionKind::Recording => serde_json::from_value::<RecordingBodies>(value.clone())
                    .map(|b| SessionConfig::Recording {
                        acquire: b.acquire,
                        start: b.start,
                    }),
                SessionKind::Transcoding => serde_json::from_value(value.clone())
                    .map(|create| SessionConfig::Transcoding { create }),
            };
        typed.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "a stored session config has no known shape");
            SessionConfig::Unrecognized {
                json: value.to_string(),
            }
        })
    }

    pub fn recording(&self) -> Option<(&AcquireRequest, &StartRequest)> {
        match self {
            SessionConfig::Recording { acquire, start } => Some((acquire, start)),
            _ => None,
        }
    }

    pub fn transcoding(&self) -> Option<&CreateRequest> {
        match self {
            SessionConfig::Transcoding { create } => Some(create),
            _ => None,
        }
    }

    /// Hours the REST API answers for a started recording (acquire's resourceExpiredHour).
    pub fn resource_expired_hour(&self) -> u32 {
        self.recording()
            .and_then(|(a, _)| a.client_request.resource_expired_hour)
            .unwrap_or(DEFAULT_RESOURCE_EXPIRED_HOUR)
    }

    /// Seconds after the channel empties (a recording's maxIdleTime) or the inputs leave (a
    /// task's idleTimeout) that Agora ends the session by itself.
    pub fn idle_end_seconds(&self) -> u32 {
        let default = |l: limits::Limit| l.default.unwrap_or(0);
        match self {
            SessionConfig::Recording { start, .. } => start
                .client_request
                .recording_config
                .as_ref()
                .and_then(|rc| rc.max_idle_time)
                .unwrap_or(default(limits::MAX_IDLE_TIME)),
            SessionConfig::Transcoding { create } => create
                .services
                .cloud_transcoder
                .config
                .transcoder
                .idle_timeout
                .unwrap_or(default(limits::IDLE_TIMEOUT)),
            SessionConfig::Unrecognized { .. } => default(limits::MAX_IDLE_TIME),
        }
    }

    /// A web recording's maxRecordingHour: it stops by itself this long after it started.
    pub fn max_recording_hour(&self) -> Option<u32> {
        let (_, start) = self.recording()?;
        let services = &start
            .client_request
            .extension_service_config
            .as_ref()?
            .extension_services;
        services.iter().find_map(|s| match s {
            ExtensionService::WebRecorder { service_param, .. } => {
                Some(service_param.max_recording_hour)
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn recording() -> serde_json::Value {
        json!({
            "acquire": {"cname": "room", "uid": "527841", "clientRequest": {"resourceExpiredHour": 2}},
            "start": {"cname": "room", "uid": "527841", "clientRequest": {
                "token": "rtc-secret",
                "recordingConfig": {"channelType": 1, "maxIdleTime": 120},
            }},
        })
    }

    #[test]
    fn a_recordings_bodies_read_back_typed_and_are_stored_redacted() {
        let config = SessionConfig::read(SessionKind::Recording, recording());
        assert_eq!(config.resource_expired_hour(), 2);
        assert_eq!(config.idle_end_seconds(), 120);
        let stored = config.stored();
        assert_eq!(stored["start"]["clientRequest"]["token"], "<redacted>");
        assert_eq!(stored["acquire"]["cname"], "room");
        assert_eq!(
            SessionConfig::read(SessionKind::Recording, stored.clone()).stored(),
            stored
        );
    }

    #[test]
    fn a_shape_of_the_other_kind_or_none_stays_visible_as_json() {
        for (kind, value) in [
            (SessionKind::Transcoding, recording()),
            (
                SessionKind::Recording,
                json!({"clientRequest": {"token": "t"}}),
            ),
        ] {
            let config = SessionConfig::read(kind, value.clone());
            let SessionConfig::Unrecognized { json } = &config else {
                panic!("{config:?}");
            };
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(json).unwrap(),
                value
            );
            assert!(!config.stored().to_string().contains("rtc-secret"));
            assert!(!config.stored().to_string().contains("\"t\""));
        }
    }

    #[test]
    fn defaults_apply_where_the_bodies_leave_a_field_out() {
        let task = SessionConfig::read(
            SessionKind::Transcoding,
            json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2",
                "config": {"transcoder": {"outputs": []}}}}}),
        );
        assert!(task.transcoding().is_some(), "{task:?}");
        assert_eq!(task.idle_end_seconds(), 300);
        assert_eq!(task.resource_expired_hour(), 72);
        assert_eq!(task.max_recording_hour(), None);
    }
}
