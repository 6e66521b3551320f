//! Builder tokens and transcoding tasks, and what time decides about them.
//!
//! Status timeline after create (simulated time): 0–1 s `IDLE`, 1–2 s `PREPARED`, 2–5 s
//! `STARTED`, from 5 s `IN_PROGRESS`. A task is destroyed by itself once none of its RTC input
//! hosts has published for `idleTimeout` seconds (default 300); a task with a CDN input never idles.

use std::collections::BTreeSet;

use agora_rest::transcoding::{
    ServiceStatus, ServiceStatusKnown, TaskResponse, TaskServiceState, TaskServices, TaskStatus,
    TaskStatusKnown,
};
use agora_rest::TaskId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::channels::{idle_deadline, Channels};
use crate::wire::transcoding::Transcoder;

/// A builder token serves one create within 5 minutes.
pub const TOKEN_LIFETIME_MS: i64 = 5 * 60 * 1000;
/// `idleTimeout` when not set.
pub const DEFAULT_IDLE_TIMEOUT_SECONDS: u32 = 300;

#[derive(Debug, Clone)]
pub struct BuilderTokenRecord {
    pub token: String,
    pub instance_id: String,
    pub created_at_ms: i64,
    /// The task it created: a token serves one task.
    pub task_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskEndReason {
    Deleted,
    IdleTimeout,
    /// An RTC output's uid was already a publisher in the output channel: the task stops with
    /// `FAILURE_STOP` [`OUTPUT_CONFLICT_MS`] after create.
    OutputUidTaken,
}

/// How long after create a task whose output uid is taken fails.
pub const OUTPUT_CONFLICT_MS: i64 = 3_000;
/// How long a failed task still answers query (with `FAILURE_STOP`) before it is not found.
pub const FAILED_VISIBLE_MS: i64 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskEnd {
    pub at_ms: i64,
    pub reason: TaskEndReason,
}

/// One update (PATCH) the task received, applied or ignored for its sequenceId.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskUpdate {
    pub at_ms: i64,
    pub sequence_id: u64,
    /// false: its sequenceId was not above the last applied one, so it was ignored.
    pub applied: bool,
    pub body: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub instance_id: String,
    pub token: String,
    pub created_at_ms: i64,
    /// The config in force, as sent (query answers it back).
    pub config: Value,
    /// What the sandbox acts on in it.
    pub read: Transcoder,
    pub create_request: Option<Value>,
    /// The last applied update's sequenceId.
    pub sequence_id: Option<u64>,
    pub updates: Vec<TaskUpdate>,
    pub end: Option<TaskEnd>,
}

impl Task {
    pub fn is_live(&self) -> bool {
        self.end.is_none()
    }

    /// The channel and uids whose presence keeps the task busy; `None` when it cannot idle (a
    /// CDN input, or no RTC input at all). A uid of 0 in an audio input stands for everyone.
    fn hosts(&self) -> Option<(String, BTreeSet<u32>)> {
        let audio = self.read.audio_inputs.iter();
        let video = self.read.video_inputs.iter();
        if audio.clone().any(|a| a.stream_url.is_some())
            || video.clone().any(|v| v.stream_url.is_some())
        {
            return None;
        }
        let rtc: Vec<_> = audio
            .filter_map(|a| a.rtc.as_ref())
            .chain(video.filter_map(|v| v.rtc.as_ref()))
            .collect();
        let channel = rtc.first()?.rtc_channel.clone();
        Some((channel, rtc.iter().map(|r| r.rtc_uid).collect()))
    }

    /// Records the idle end the task reached by itself by `now_ms`.
    pub fn settle(&mut self, channels: &Channels, now_ms: i64) {
        if self.end.is_some() {
            return;
        }
        let taken = self
            .read
            .outputs
            .iter()
            .filter_map(|o| o.rtc.as_ref())
            .any(|o| {
                channels
                    .at(&o.rtc_channel, self.created_at_ms)
                    .contains(&o.rtc_uid)
            });
        if taken && self.created_at_ms + OUTPUT_CONFLICT_MS <= now_ms {
            self.end = Some(TaskEnd {
                at_ms: self.created_at_ms + OUTPUT_CONFLICT_MS,
                reason: TaskEndReason::OutputUidTaken,
            });
            return;
        }
        let Some((channel, uids)) = self.hosts() else {
            return;
        };
        let limit = i64::from(
            self.read
                .idle_timeout
                .unwrap_or(DEFAULT_IDLE_TIMEOUT_SECONDS),
        ) * 1000;
        let changes = channels.changes(&channel, self.created_at_ms, now_ms);
        let busy = |t: i64| {
            let present = channels.at(&channel, t);
            if uids.contains(&0) {
                !present.is_empty()
            } else {
                uids.iter().any(|u| present.contains(u))
            }
        };
        if let Some(at) = idle_deadline(self.created_at_ms, now_ms, limit, &changes, busy) {
            self.end = Some(TaskEnd {
                at_ms: at,
                reason: TaskEndReason::IdleTimeout,
            });
        }
    }

    pub fn status(&self, now_ms: i64) -> (TaskStatusKnown, ServiceStatusKnown) {
        match now_ms - self.created_at_ms {
            e if e < 1000 => (TaskStatusKnown::Idle, ServiceStatusKnown::Idle),
            e if e < 2000 => (TaskStatusKnown::Prepared, ServiceStatusKnown::Ready),
            e if e < 5000 => (TaskStatusKnown::Started, ServiceStatusKnown::Started),
            _ => (TaskStatusKnown::InProgress, ServiceStatusKnown::InProgress),
        }
    }

    /// The answer of create and query (`status` from the timeline) and delete (`STOPPED`).
    pub fn response(&self, now_ms: i64, deleted: bool) -> TaskResponse {
        let (status, service_status, message) = if deleted {
            (
                TaskStatusKnown::Stopped,
                ServiceStatusKnown::Completed,
                "OnSlaveServiceStopped",
            )
        } else if self
            .end
            .is_some_and(|e| e.reason == TaskEndReason::OutputUidTaken)
        {
            (
                TaskStatusKnown::FailureStop,
                ServiceStatusKnown::Completed,
                "the output uid is already in the channel",
            )
        } else {
            let (s, ss) = self.status(now_ms);
            (s, ss, "")
        };
        let config = Some(serde_json::json!({ "transcoder": self.config }));
        let create_ts = self.created_at_ms / 1000;
        TaskResponse {
            task_id: TaskId::new(self.id.clone()),
            create_ts: Some(create_ts),
            status: TaskStatus::from(status),
            services: Some(TaskServices {
                cloud_transcoder: Some(TaskServiceState {
                    service_type: Some("cloudTranscoderV2".to_owned()),
                    status: Some(ServiceStatus::from(service_status)),
                    config,
                    create_ts: Some(create_ts),
                    message: Some(message.to_owned()),
                    details: Some(Value::Object(Default::default())),
                    extra: Default::default(),
                }),
                extra: Default::default(),
            }),
            sequence_id: self
                .sequence_id
                .map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
            extra: Default::default(),
        }
    }
}
