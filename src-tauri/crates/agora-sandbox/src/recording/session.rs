//! A recording resource (from acquire) and session (from start), and everything time decides about
//! them: expiry, status, idle end, what was recorded and from when.
//!
//! Status timeline after `start` (simulated time): 0–0.2 s → 0 (not started: the worker has the
//! request but has not begun), 0.2–1 s → 1 (initialised), 1–2 s → 2
//! (components starting), 2–3 s → 3 (uploader ready), 3–5 s → 4 (recorder ready), from 5 s → 5
//! (in progress, the first file is uploaded) once something has been recorded, otherwise it stays
//! at 4. The session ends by itself when the channel has had no publisher for `maxIdleTime`
//! seconds (individual and mix), or after `maxRecordingHour` (web).

use std::collections::{BTreeMap, BTreeSet};

use agora_rest::codes::RecordingStatus;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::channels::{idle_deadline, Channels};
use crate::files::{RecordedTrack, Track};
use crate::wire::recording::{
    is_all, Envelope, Mode, RecordingConfig, StartClient, StreamSubscribe, UpdateClient,
    AUDIO_AND_VIDEO, AUDIO_ONLY, VIDEO_ONLY,
};

/// A resourceId must be used by `start` within 5 minutes of `acquire`.
pub const RESOURCE_LIFETIME_MS: i64 = 5 * 60 * 1000;
/// `recordingConfig.maxIdleTime` when not set.
pub const DEFAULT_MAX_IDLE_SECONDS: u32 = 30;
/// `acquire.clientRequest.resourceExpiredHour` when not set.
pub const DEFAULT_RESOURCE_EXPIRED_HOUR: u32 = 72;
/// How long an ended session is still "exiting": a stop then answers code 49, later 404.
pub const EXIT_GRACE_MS: i64 = 60 * 1000;
/// Agora's default peak concurrent workers (PCW); acquire answers code 406 beyond it.
pub const MAX_CONCURRENT_SESSIONS: usize = 50;

/// What `acquire` handed out.
#[derive(Debug, Clone)]
pub struct Resource {
    pub id: String,
    pub cname: String,
    pub uid: String,
    pub scene: u8,
    pub resource_expired_hour: u32,
    /// Acquire's `startParameter`: checked by `start`, not by `acquire`, as Agora documents.
    pub start_parameter: Option<Value>,
    pub acquired_at_ms: i64,
    /// The acquire body, redacted.
    pub request: Option<Value>,
    /// Set once `start` used it: one resource serves one session.
    pub sid: Option<String>,
}

/// Which uids a session subscribes to for one medium.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum UidFilter {
    All,
    Nobody,
    Only { uids: BTreeSet<u32> },
    Except { uids: BTreeSet<u32> },
}

impl UidFilter {
    pub fn admits(&self, uid: u32) -> bool {
        match self {
            UidFilter::All => true,
            UidFilter::Nobody => false,
            UidFilter::Only { uids } => uids.contains(&uid),
            UidFilter::Except { uids } => !uids.contains(&uid),
        }
    }

    /// From a subscribe list or an unsubscribe list (the validators allow only one), else `otherwise`.
    fn from_lists(
        subscribe: Option<&[String]>,
        unsubscribe: Option<&[String]>,
        otherwise: UidFilter,
    ) -> Self {
        let uids = |list: &[String]| {
            list.iter()
                .filter_map(|u| u.parse::<u32>().ok())
                .collect::<BTreeSet<u32>>()
        };
        match (subscribe, unsubscribe) {
            (Some(list), _) if is_all(list) => UidFilter::All,
            (Some(list), _) => UidFilter::Only { uids: uids(list) },
            (None, Some(list)) if is_all(list) => UidFilter::Nobody,
            (None, Some(list)) => UidFilter::Except { uids: uids(list) },
            (None, None) => otherwise,
        }
    }
}

/// A session's audio and video subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub audio: UidFilter,
    pub video: UidFilter,
}

impl Subscription {
    /// From `recordingConfig`: streamTypes decides which media are recorded at all; a subscribe
    /// list for only one medium means nothing of the other is subscribed (Agora's rule).
    pub fn from_config(rc: Option<&RecordingConfig>) -> Self {
        let Some(rc) = rc else {
            return Self {
                audio: UidFilter::All,
                video: UidFilter::All,
            };
        };
        let st = rc.stream_types();
        let audio_default = if rc.subscribe_video_uids.is_some() {
            UidFilter::Nobody
        } else {
            UidFilter::All
        };
        let video_default = if rc.subscribe_audio_uids.is_some() {
            UidFilter::Nobody
        } else {
            UidFilter::All
        };
        let audio = UidFilter::from_lists(
            rc.subscribe_audio_uids.as_deref(),
            rc.unsubscribe_audio_uids.as_deref(),
            audio_default,
        );
        let video = UidFilter::from_lists(
            rc.subscribe_video_uids.as_deref(),
            rc.unsubscribe_video_uids.as_deref(),
            video_default,
        );
        Self {
            audio: if st == VIDEO_ONLY {
                UidFilter::Nobody
            } else {
                audio
            },
            video: if st == AUDIO_ONLY {
                UidFilter::Nobody
            } else {
                video
            },
        }
    }

    /// After `update`'s `streamSubscribe`: a medium's lists replace its filter; a medium left out
    /// keeps its filter; a medium streamTypes excludes stays unsubscribed.
    pub fn updated(&self, s: &StreamSubscribe, stream_types: u8) -> Self {
        let audio = match &s.audio_uid_list {
            Some(a) if stream_types != VIDEO_ONLY => UidFilter::from_lists(
                a.subscribe.as_deref(),
                a.unsubscribe.as_deref(),
                self.audio.clone(),
            ),
            _ => self.audio.clone(),
        };
        let video = match &s.video_uid_list {
            Some(v) if stream_types != AUDIO_ONLY => UidFilter::from_lists(
                v.subscribe.as_deref(),
                v.unsubscribe.as_deref(),
                self.video.clone(),
            ),
            _ => self.video.clone(),
        };
        Self { audio, video }
    }

    pub fn tracks(&self, uid: u32) -> impl Iterator<Item = Track> + '_ {
        [(Track::Audio, &self.audio), (Track::Video, &self.video)]
            .into_iter()
            .filter(move |(_, f)| f.admits(uid))
            .map(|(t, _)| t)
    }
}

/// A request body a session received, redacted, with when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    pub at_ms: i64,
    pub body: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EndReason {
    /// `stop` answered 200.
    Stopped,
    /// `stop` answered 206 code 435: nothing was recorded.
    StoppedWithoutData,
    /// Nobody published for `maxIdleTime` seconds (individual, mix).
    MaxIdleTime,
    /// `maxRecordingHour` was reached (web).
    MaxRecordingHour,
    /// The bot's uid was already a publisher in the channel: the two kick each other out and the
    /// recording exits abnormally (status 20) [`UID_CONFLICT_MS`] after start.
    UidConflict,
}

/// How long after start query still answers status 0 ("not started").
pub const NOT_STARTED_MS: i64 = 200;

/// How long after start a bot whose uid is taken exits abnormally.
pub const UID_CONFLICT_MS: i64 = 3_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionEnd {
    pub at_ms: i64,
    pub reason: EndReason,
}

/// A started recording.
#[derive(Debug, Clone)]
pub struct Session {
    pub sid: String,
    pub resource_id: String,
    pub cname: String,
    pub uid: String,
    pub mode: Mode,
    pub started_at_ms: i64,
    /// `resourceExpiredHour` after start: query, update, updateLayout and stop stop working.
    pub api_until_ms: i64,
    pub start_request: Option<Value>,
    /// Individual and mix only.
    pub max_idle_ms: Option<i64>,
    /// Web only.
    pub max_recording_ms: Option<i64>,
    pub stream_types: u8,
    pub stream_mode: Option<String>,
    pub av_file_types: Vec<String>,
    /// Snapshots only (snapshotConfig without recordingFileConfig): query and stop list no
    /// files, as Agora's answers for such a session do.
    pub snapshot_only: bool,
    /// Subscriptions over time: the start's, then one per `update`.
    pub subscriptions: Vec<(i64, Subscription)>,
    /// Web: paused or not, over time.
    pub onhold: Vec<(i64, bool)>,
    /// Web to CDN: the push URLs.
    pub rtmp_outputs: Vec<String>,
    /// Mix: the layout in force (start's transcodingConfig, then each updateLayout whole).
    pub layout: Option<Map<String, Value>>,
    pub layouts: Vec<Received>,
    pub updates: Vec<Received>,
    /// The storage settings in force, redacted.
    pub storage_config: Option<Value>,
    /// Where its files go when its storage is the sandbox's own object store.
    pub upload: Option<UploadTarget>,
    /// Its storage is the sandbox's bucket but the keys are wrong: nothing reaches the bucket.
    pub upload_refused: bool,
    /// `snapshotConfig.captureInterval` (s) of a session that takes snapshots.
    pub snapshot_interval_s: Option<u32>,
    pub stop_request: Option<Received>,
    pub end: Option<SessionEnd>,
}

impl Session {
    pub fn start(
        sid: String,
        resource: &Resource,
        req: &Envelope<StartClient>,
        mode: Mode,
        now_ms: i64,
        request: Option<Value>,
    ) -> Self {
        let c = &req.client_request;
        let rc = c.recording_config.as_ref();
        let web_param = c.web_recorder();
        let hours_ms = |h: u32| i64::from(h) * 3_600_000;
        Self {
            sid,
            resource_id: resource.id.clone(),
            cname: req.cname.clone(),
            uid: req.uid.clone(),
            mode,
            started_at_ms: now_ms,
            api_until_ms: now_ms + hours_ms(resource.resource_expired_hour),
            max_idle_ms: (mode != Mode::Web).then(|| {
                i64::from(
                    rc.and_then(|r| r.max_idle_time)
                        .unwrap_or(DEFAULT_MAX_IDLE_SECONDS),
                ) * 1000
            }),
            max_recording_ms: web_param.and_then(|p| p.max_recording_hour).map(hours_ms),
            stream_types: rc.map_or(AUDIO_AND_VIDEO, RecordingConfig::stream_types),
            stream_mode: rc.and_then(|r| r.stream_mode.clone()),
            av_file_types: c.av_file_types(),
            snapshot_only: c.snapshot_config.is_some() && c.recording_file_config.is_none(),
            subscriptions: vec![(now_ms, Subscription::from_config(rc))],
            onhold: vec![(now_ms, web_param.and_then(|p| p.onhold).unwrap_or(false))],
            rtmp_outputs: c.rtmp_urls(),
            layout: rc.and_then(RecordingConfig::layout),
            layouts: Vec::new(),
            updates: Vec::new(),
            storage_config: storage_of(request.as_ref()),
            upload: None,
            upload_refused: false,
            snapshot_interval_s: c.snapshot_config.as_ref().map(|v| {
                v.get("captureInterval")
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(DEFAULT_CAPTURE_INTERVAL_S)
            }),
            start_request: request,
            stop_request: None,
            end: None,
        }
    }

    fn latest<T>(history: &[(i64, T)], t: i64) -> Option<&T> {
        history
            .iter()
            .rev()
            .find(|(since, _)| *since <= t)
            .map(|(_, v)| v)
    }

    pub fn subscription_at(&self, t: i64) -> Option<&Subscription> {
        Self::latest(&self.subscriptions, t)
    }

    pub fn onhold_at(&self, t: i64) -> bool {
        Self::latest(&self.onhold, t).copied().unwrap_or(false)
    }

    pub fn is_live(&self) -> bool {
        self.end.is_none()
    }

    /// Records an end the session reached by itself by `now_ms` (idle, maximum duration).
    pub fn settle(&mut self, channels: &Channels, now_ms: i64) {
        if self.end.is_some() {
            return;
        }
        let mut ends = Vec::new();
        if let Some(limit) = self.max_idle_ms {
            let changes = channels.changes(&self.cname, self.started_at_ms, now_ms);
            let cname = &self.cname;
            if let Some(at) = idle_deadline(self.started_at_ms, now_ms, limit, &changes, |t| {
                !channels.at(cname, t).is_empty()
            }) {
                ends.push(SessionEnd {
                    at_ms: at,
                    reason: EndReason::MaxIdleTime,
                });
            }
        }
        if self.mode != Mode::Web {
            let taken = self
                .uid
                .parse::<u32>()
                .is_ok_and(|bot| channels.at(&self.cname, self.started_at_ms).contains(&bot));
            let at = self.started_at_ms + UID_CONFLICT_MS;
            if taken && at <= now_ms {
                ends.push(SessionEnd {
                    at_ms: at,
                    reason: EndReason::UidConflict,
                });
            }
        }
        if let Some(limit) = self.max_recording_ms {
            let at = self.started_at_ms + limit;
            if at <= now_ms {
                ends.push(SessionEnd {
                    at_ms: at,
                    reason: EndReason::MaxRecordingHour,
                });
            }
        }
        self.end = ends.into_iter().min_by_key(|e| e.at_ms);
    }

    /// The user tracks recorded between start and `until` (inclusive), each with the time it was
    /// first recorded: a subscribed medium of a user who publishes.
    pub fn recorded_tracks(&self, channels: &Channels, until: i64) -> Vec<RecordedTrack> {
        let until = until.max(self.started_at_ms);
        let mut points = vec![self.started_at_ms];
        points.extend(channels.changes(&self.cname, self.started_at_ms, until));
        points.extend(
            self.subscriptions
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| *t > self.started_at_ms && *t <= until),
        );
        points.sort_unstable();
        points.dedup();
        let mut first: BTreeMap<(u32, Track), i64> = BTreeMap::new();
        for t in points {
            let Some(sub) = self.subscription_at(t) else {
                continue;
            };
            for uid in channels.at(&self.cname, t) {
                for track in sub.tracks(*uid) {
                    first.entry((*uid, track)).or_insert(t);
                }
            }
        }
        first
            .into_iter()
            .map(|((uid, track), since_ms)| RecordedTrack {
                uid,
                track,
                since_ms,
            })
            .collect()
    }

    /// Web: when the page was first recorded (not on hold) by `until`.
    pub fn web_recorded_since(&self, until: i64) -> Option<i64> {
        let until = until.max(self.started_at_ms);
        self.onhold
            .iter()
            .map(|(t, _)| (*t).max(self.started_at_ms))
            .filter(|t| *t <= until)
            .find(|t| !self.onhold_at(*t))
    }

    /// When the first file began, if anything has been recorded by `until`.
    pub fn first_recorded(&self, channels: &Channels, until: i64) -> Option<i64> {
        match self.mode {
            Mode::Web => self.web_recorded_since(until),
            Mode::Individual | Mode::Mix => self
                .recorded_tracks(channels, until)
                .iter()
                .map(|t| t.since_ms)
                .min(),
        }
    }

    /// `serverResponse.status` at `now_ms` (see the module docs for the timeline).
    pub fn status(&self, channels: &Channels, now_ms: i64) -> RecordingStatus {
        match now_ms - self.started_at_ms {
            e if e < NOT_STARTED_MS => RecordingStatus::NOT_STARTED,
            e if e < 1000 => RecordingStatus::INITIALIZED,
            e if e < 2000 => RecordingStatus::STARTING,
            e if e < 3000 => RecordingStatus::PARTLY_READY,
            e if e < 5000 => RecordingStatus::READY,
            _ if self.first_recorded(channels, now_ms).is_some() => RecordingStatus::IN_PROGRESS,
            _ => RecordingStatus::READY,
        }
    }

    /// Applies an accepted `update` at `now_ms`.
    pub fn apply_update(&mut self, c: &UpdateClient, request: Option<&Value>, now_ms: i64) {
        if let Some(s) = &c.stream_subscribe {
            let current = self
                .subscription_at(now_ms)
                .cloned()
                .unwrap_or_else(|| Subscription::from_config(None));
            self.subscriptions
                .push((now_ms, current.updated(s, self.stream_types)));
        }
        if let Some(w) = &c.web_recording_config {
            self.onhold.push((now_ms, w.onhold));
        }
        if let Some(r) = &c.rtmp_publish_config {
            self.rtmp_outputs = r.outputs.iter().map(|o| o.rtmp_url.clone()).collect();
        }
        if c.storage_config.is_some() {
            self.storage_config = storage_of(request);
        }
    }
}

/// `snapshotConfig.captureInterval` when not given.
const DEFAULT_CAPTURE_INTERVAL_S: u32 = 10;

/// A bucket of the sandbox's object store and the session's `fileNamePrefix` (`a/b/` or empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadTarget {
    pub bucket: String,
    pub prefix: String,
}

/// The storage settings of a redacted request body.
fn storage_of(request: Option<&Value>) -> Option<Value> {
    request
        .and_then(|r| r.pointer("/clientRequest/storageConfig"))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::recording::UidLists;

    fn uids(list: &[&str]) -> Option<Vec<String>> {
        Some(list.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn subscriptions_follow_agoras_list_rules() {
        let everything = Subscription::from_config(Some(&RecordingConfig::default()));
        assert_eq!(everything.tracks(5).count(), 2);

        let audio_only_list = RecordingConfig {
            subscribe_audio_uids: uids(&["1001"]),
            ..Default::default()
        };
        let s = Subscription::from_config(Some(&audio_only_list));
        assert_eq!(s.tracks(1001).collect::<Vec<_>>(), [Track::Audio]);
        assert_eq!(
            s.tracks(1002).count(),
            0,
            "no video: only an audio list was set"
        );

        let except = RecordingConfig {
            unsubscribe_video_uids: uids(&["1002"]),
            stream_types: Some(VIDEO_ONLY),
            ..Default::default()
        };
        let s = Subscription::from_config(Some(&except));
        assert_eq!(s.tracks(1001).collect::<Vec<_>>(), [Track::Video]);
        assert_eq!(s.tracks(1002).count(), 0);

        let all = RecordingConfig {
            subscribe_audio_uids: uids(&["#allstream#"]),
            subscribe_video_uids: uids(&["#allstream#"]),
            ..Default::default()
        };
        assert_eq!(Subscription::from_config(Some(&all)).tracks(77).count(), 2);
    }

    #[test]
    fn updates_replace_only_the_media_they_name() {
        let start = Subscription::from_config(Some(&RecordingConfig::default()));
        let update = StreamSubscribe {
            audio_uid_list: Some(UidLists {
                unsubscribe: uids(&["1001"]),
                ..Default::default()
            }),
            video_uid_list: None,
        };
        let next = start.updated(&update, AUDIO_AND_VIDEO);
        assert_eq!(next.tracks(1001).collect::<Vec<_>>(), [Track::Video]);
        let video_only = StreamSubscribe {
            audio_uid_list: None,
            video_uid_list: Some(UidLists {
                subscribe: uids(&["1002"]),
                ..Default::default()
            }),
        };
        let next = next.updated(&video_only, AUDIO_AND_VIDEO);
        assert_eq!(next.tracks(1001).count(), 0);
        assert_eq!(next.tracks(1002).count(), 2);
    }
}
