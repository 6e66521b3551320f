//! A large, realistic Mixdeck history for benchmarks: three profiles, sessions of every kind,
//! mode and state spread over 90 days, and their request/response logs (about 20 exchanges a
//! session: acquire, start, polls, layout updates, stop).
//!
//! Not library code: `benches/history.rs` and `examples/seed_history.rs` both include this file
//! by path (`#[path = "…"] mod seed;`). The database is a normal one (`Store::open` creates and
//! migrates it, profiles go through `Store`); sessions and events are bulk-inserted with a raw
//! connection in one transaction, as `Store::insert_session` + `update_session` and
//! `Store::append_exchange` would have stored them (configs typed and redacted, consecutive
//! identical polls folded into `repeats`), and every kind × mode × state is read back through
//! `Store` and compared with the same session written by `Store` itself.
//!
//! Everything is derived from the session's index with a fixed generator, so two seeds with the
//! same options hold the same data (except for the times, which end now).

#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use agora_rest::recording::Mode;
use mixdeck_core::store::{
    now_ms, NewSession, ProfileId, ProfileInput, ProfileKind, SessionConfig, SessionFilter,
    SessionId, SessionKind, SessionState, SessionUpdate, Store, StoredError,
};
use serde_json::{json, Value};

pub const DAY_MS: i64 = 86_400_000;

/// What to seed.
#[derive(Debug, Clone)]
pub struct Options {
    pub sessions: usize,
    /// Events in all the sessions' logs together (as close as the sessions' shapes allow).
    pub events: usize,
    /// The sessions' `created_at` spread over this many days, ending now.
    pub days: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            sessions: 100_000,
            events: 2_000_000,
            days: 90,
        }
    }
}

/// What was seeded.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub sessions: usize,
    pub events: usize,
    pub profiles: Vec<ProfileId>,
    /// The whole load: generating (on a second thread) and inserting.
    pub total_time: Duration,
    /// Of which inserting the sessions (with the search index's triggers).
    pub sessions_time: Duration,
    /// Of which inserting the events.
    pub events_time: Duration,
    /// Of which committing (and going back to WAL mode).
    pub commit_time: Duration,
    /// `created_at` of the oldest and the newest session.
    pub oldest: i64,
    pub newest: i64,
}

/// The three profiles: name, area, App ID, default host.
const PROFILES: [(&str, agora_rest::Area, &str, &str); 3] = [
    (
        "Production (US)",
        agora_rest::Area::Us,
        "4f1c0e2b9a7d4c3e8b6a5d2f1e0c9b8a",
        "api-us-west-1.sd-rtn.com",
    ),
    (
        "Staging (EU)",
        agora_rest::Area::Eu,
        "b7e3a9c1d5f24e6a8c0b2d4f6e8a0c2e",
        "api-eu-west-1.sd-rtn.com",
    ),
    (
        "Events (AP)",
        agora_rest::Area::Ap,
        "0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a",
        "api-ap-southeast-1.sd-rtn.com",
    ),
];

/// Sessions of a profile deleted since (their rows keep its name and App ID).
const DELETED_PROFILE: (&str, &str, &str) = (
    "Old account",
    "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
    "api.sd-rtn.com",
);

const CHANNEL_PREFIXES: [&str; 5] = ["class", "meeting", "live", "support", "webinar"];

/// The number of distinct channels.
pub const CHANNELS: u64 = 500;

/// Channel `n` (0..500): `class-000` … `webinar-099`.
pub fn channel(n: u64) -> String {
    let n = n % CHANNELS;
    format!(
        "{}-{:03}",
        CHANNEL_PREFIXES[(n % 5) as usize],
        n / CHANNEL_PREFIXES.len() as u64
    )
}

/// The number of distinct recorder uids.
pub const RECORDER_UIDS: u64 = 50;

/// Recorder uid `n` (0..50).
pub fn recorder_uid(n: u64) -> String {
    (527_800 + n % RECORDER_UIDS).to_string()
}

/// The sid of session `i` (0-based seed index): 32 hex digits.
pub fn sid(i: usize) -> String {
    format!("{:016x}{:016x}", mix(i as u64, 1), mix(i as u64, 2))
}

/// The task id of transcoding session `i`.
pub fn task_id(i: usize) -> String {
    format!("{:016x}{:016x}", mix(i as u64, 3), mix(i as u64, 4))
}

/// The resourceId of session `i`: 192 characters of base64url, like Agora's.
pub fn resource_id(i: usize) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(200);
    let mut k = 10;
    while out.len() < 192 {
        let mut v = mix(i as u64, k);
        for _ in 0..10 {
            out.push(ALPHABET[(v & 63) as usize] as char);
            v >>= 6;
        }
        k += 1;
    }
    out.truncate(192);
    out
}

/// A transcoding task's instance id (its "channel" in the history).
pub fn instance_id(i: usize) -> String {
    format!("mixdeck-{:06}", mix(i as u64, 5) % 1_000_000)
}

/// Session `i`'s row id in a database this module seeded (ids start at 1).
pub fn session_id(i: usize) -> SessionId {
    SessionId(i as i64 + 1)
}

fn mix(a: u64, b: u64) -> u64 {
    Rng::new(a.wrapping_mul(0x0000_0100_0000_01B3) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)).next()
}

/// SplitMix64: small, fast and good enough to spread the data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// True `percent` times in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One session as it will be seeded.
struct Plan {
    /// Index into `PROFILES`; `None`: the deleted profile.
    profile: Option<usize>,
    kind: SessionKind,
    mode: Option<Mode>,
    state: SessionState,
    cname: String,
    uid: Option<String>,
    /// The channel a transcoding task reads (recordings: their own).
    input_channel: String,
    /// The users in the channel.
    users: Vec<u32>,
    created_at: i64,
    /// From start to stop (or to the last poll).
    duration_ms: i64,
    /// Failed and unknown sessions: how the first requests went.
    acquire_retried: bool,
    events: usize,
}

impl Plan {
    /// A failed recording's acquire went out twice (the first connection was reset).
    fn acquire_retried(&self) -> bool {
        self.acquire_retried
            && self.kind == SessionKind::Recording
            && self.state == SessionState::Failed
    }

    fn app_id(&self) -> &'static str {
        self.profile.map_or(DELETED_PROFILE.1, |p| PROFILES[p].2)
    }

    fn host(&self) -> &'static str {
        self.profile.map_or(DELETED_PROFILE.2, |p| PROFILES[p].3)
    }

    fn profile_name(&self) -> &'static str {
        self.profile.map_or(DELETED_PROFILE.0, |p| PROFILES[p].0)
    }

    /// Events a session of this shape always has; `None`: it takes its share of the budget.
    fn fixed_events(&self) -> Option<usize> {
        match self.state {
            SessionState::Failed => Some(2 + usize::from(self.acquire_retried())),
            SessionState::Unknown => Some(2),
            _ => None,
        }
    }
}

fn plan(i: usize, o: &Options, start: i64) -> Plan {
    let mut r = Rng::new(i as u64);
    let profile = match r.below(100) {
        0..=49 => Some(0),
        50..=79 => Some(1),
        80..=94 => Some(2),
        _ => None,
    };
    let transcoding = r.chance(20);
    let (kind, mode) = if transcoding {
        (SessionKind::Transcoding, None)
    } else {
        let mode = match r.below(100) {
            0..=34 => Mode::Individual,
            35..=79 => Mode::Mix,
            _ => Mode::Web,
        };
        (SessionKind::Recording, Some(mode))
    };
    // 1 in 1000 still open (half running, half "may be running"), like a real history.
    let state = if i % 1000 == 500 {
        if (i / 1000).is_multiple_of(2) {
            SessionState::Started
        } else {
            SessionState::Unknown
        }
    } else {
        match r.below(100) {
            0..=69 => SessionState::Stopped,
            70..=89 => SessionState::Ended,
            _ => SessionState::Failed,
        }
    };
    let input_channel = channel(r.below(CHANNELS));
    let (cname, uid) = match kind {
        SessionKind::Recording => (
            input_channel.clone(),
            Some(recorder_uid(r.below(RECORDER_UIDS))),
        ),
        SessionKind::Transcoding => (instance_id(i), None),
    };
    let first_user = 1000 + r.below(8000) as u32;
    let users = (0..1 + r.below(6) as u32).map(|k| first_user + k).collect();
    // Spread over the period, oldest first, a little jitter within each session's slot.
    let span = i64::from(o.days) * DAY_MS;
    let slot = (span / o.sessions.max(1) as i64).max(1);
    let created_at = start + i as i64 * slot + r.below((slot / 2).max(1) as u64) as i64;
    let duration_ms = 5 * 60_000 + r.below(3 * 3_600_000) as i64;
    Plan {
        profile,
        kind,
        mode,
        state,
        cname,
        uid,
        input_channel,
        users,
        created_at,
        duration_ms,
        acquire_retried: r.chance(30),
        events: 0,
    }
}

/// Shares `events` among the plans: failed and unknown sessions have their few, the others
/// about the same number each (±50 %), at least 4.
fn share_events(plans: &mut [Plan], events: usize) {
    let fixed: usize = plans.iter().filter_map(Plan::fixed_events).sum();
    let open: Vec<usize> = (0..plans.len())
        .filter(|&i| plans[i].fixed_events().is_none())
        .collect();
    for p in plans.iter_mut() {
        if let Some(n) = p.fixed_events() {
            p.events = n;
        }
    }
    if open.is_empty() {
        return;
    }
    let budget = events.saturating_sub(fixed);
    let avg = budget as f64 / open.len() as f64;
    let mut sum = 0usize;
    for &i in &open {
        let mut r = Rng::new(mix(i as u64, 6));
        let factor = 0.5 + r.below(1001) as f64 / 1000.0;
        let n = ((avg * factor).round() as usize).max(4);
        plans[i].events = n;
        sum += n;
    }
    // Bring the sum to the budget, one event at a time round the sessions.
    let mut k = 0;
    let mut stuck = 0;
    while sum != budget && stuck < open.len() {
        let p = &mut plans[open[k % open.len()]];
        if sum < budget {
            p.events += 1;
            sum += 1;
            stuck = 0;
        } else if p.events > 4 {
            p.events -= 1;
            sum -= 1;
            stuck = 0;
        } else {
            stuck += 1;
        }
        k += 1;
    }
}

fn storage_config(p: &Plan) -> Value {
    json!({
        "vendor": 1,
        "region": p.profile.map_or(0, |x| x as u8 * 2),
        "bucket": "mixdeck-recordings",
        "accessKey": "<redacted>",
        "secretKey": "<redacted>",
        "fileNamePrefix": ["recordings", p.profile_name().split(' ').next().unwrap_or("x").to_lowercase()],
    })
}

/// A grid of `users.len()` regions on the unit canvas.
fn layout_regions(users: &[u32], shift: usize) -> Value {
    let n = users.len().max(1);
    let cols = (n as f64).sqrt().ceil() as usize;
    let rows = n.div_ceil(cols);
    let (w, h) = (1.0 / cols as f64, 1.0 / rows as f64);
    Value::Array(
        (0..n)
            .map(|k| {
                let uid = users.get((k + shift) % n).copied().unwrap_or(1000);
                json!({
                    "uid": uid.to_string(),
                    "x_axis": (k % cols) as f64 * w,
                    "y_axis": (k / cols) as f64 * h,
                    "width": w,
                    "height": h,
                    "alpha": 1.0,
                    "render_mode": 0,
                })
            })
            .collect(),
    )
}

fn acquire_body(p: &Plan) -> Value {
    let mut request = json!({"resourceExpiredHour": 24});
    if p.mode == Some(Mode::Web) {
        request["scene"] = json!(1);
    }
    json!({"cname": p.cname, "uid": p.uid, "clientRequest": request})
}

fn start_body(p: &Plan) -> Value {
    let mode = p.mode.unwrap_or(Mode::Mix);
    let client_request = match mode {
        Mode::Individual => json!({
            "token": "<redacted>",
            "recordingConfig": {
                "channelType": 1,
                "maxIdleTime": 120,
                "streamTypes": 2,
                "subscribeAudioUids": ["#allstream#"],
                "subscribeVideoUids": ["#allstream#"],
                "subscribeUidGroup": 0,
            },
            "recordingFileConfig": {"avFileType": ["hls"]},
            "storageConfig": storage_config(p),
        }),
        Mode::Mix => json!({
            "token": "<redacted>",
            "recordingConfig": {
                "channelType": 1,
                "maxIdleTime": 300,
                "streamTypes": 2,
                "audioProfile": 1,
                "videoStreamType": 0,
                "transcodingConfig": {
                    "width": 1280,
                    "height": 720,
                    "fps": 15,
                    "bitrate": 1130,
                    "mixedVideoLayout": 3,
                    "backgroundColor": "#1A1A2E",
                    "layoutConfig": layout_regions(&p.users, 0),
                },
            },
            "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
            "storageConfig": storage_config(p),
        }),
        Mode::Web => json!({
            "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
            "storageConfig": storage_config(p),
            "extensionServiceConfig": {
                "errorHandlePolicy": "error_abort",
                "extensionServices": [{
                    "serviceName": "web_recorder_service",
                    "errorHandlePolicy": "error_abort",
                    "serviceParam": {
                        "url": format!("https://board.example.com/rooms/{}", p.cname),
                        "audioProfile": 0,
                        "videoWidth": 1280,
                        "videoHeight": 720,
                        "maxRecordingHour": 3,
                        "maxVideoDuration": 120,
                    },
                }],
            },
        }),
    };
    json!({"cname": p.cname, "uid": p.uid, "clientRequest": client_request})
}

/// A transcoding task's create (and update) body; `shift` rotates the users among the tiles.
fn create_body(p: &Plan, shift: usize) -> Value {
    let n = p.users.len().max(1);
    let cols = (n as f64).sqrt().ceil() as u32;
    let rows = (n as u32).div_ceil(cols);
    let (w, h) = (1280 / cols, 720 / rows);
    let video_inputs: Vec<Value> = (0..n)
        .map(|k| {
            let uid = p.users[(k + shift) % n];
            json!({
                "rtc": {"rtcChannel": p.input_channel, "rtcUid": uid, "rtcToken": "<redacted>"},
                "region": {"x": (k as u32 % cols) * w, "y": (k as u32 / cols) * h, "width": w, "height": h, "zOrder": 2},
            })
        })
        .collect();
    let audio_inputs: Vec<Value> = p
        .users
        .iter()
        .map(|uid| json!({"rtc": {"rtcChannel": p.input_channel, "rtcUid": uid, "rtcToken": "<redacted>"}}))
        .collect();
    json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2",
        "config": {"transcoder": {
            "idleTimeout": 300,
            "audioInputs": audio_inputs,
            "videoInputs": video_inputs,
            "canvas": {"width": 1280, "height": 720, "color": 1_710_638},
            "waterMarks": [{
                "imageUrl": "https://cdn.example.com/brand/logo.png",
                "region": {"x": 1160, "y": 20, "width": 100, "height": 40, "zOrder": 50},
            }],
            "outputs": [{
                "rtc": {"rtcChannel": format!("{}-out", p.input_channel), "rtcUid": 2000, "rtcToken": "<redacted>"},
                "audioOption": {"profileType": "AUDIO_PROFILE_MUSIC_STANDARD"},
                "videoOption": {"width": 1280, "height": 720, "bitrate": 2200, "codec": "H264", "fps": 30},
            }],
        }},
    }}})
}

fn config(p: &Plan) -> Result<SessionConfig, String> {
    let value = match p.kind {
        SessionKind::Recording => json!({"acquire": acquire_body(p), "start": start_body(p)}),
        SessionKind::Transcoding => create_body(p, 0),
    };
    match SessionConfig::read(p.kind, value.clone()) {
        SessionConfig::Unrecognized { .. } => {
            // Say why: the same parse the store does, with its error.
            let why = match p.kind {
                SessionKind::Recording => serde_json::from_value::<
                    agora_rest::recording::StartRequest,
                >(value["start"].clone())
                .err()
                .or_else(|| {
                    serde_json::from_value::<agora_rest::recording::AcquireRequest>(
                        value["acquire"].clone(),
                    )
                    .err()
                }),
                SessionKind::Transcoding => {
                    serde_json::from_value::<agora_rest::transcoding::CreateRequest>(value).err()
                }
            };
            Err(format!(
                "the seeded {:?} {:?} config does not read as a typed config: {why:?}",
                p.kind, p.mode
            ))
        }
        typed => Ok(typed),
    }
}

/// A recording's files after `k` polls (k ≥ 1), as the answer's `fileList` and as names.
fn recording_files(i: usize, p: &Plan, k: usize, slice_start: i64) -> (Value, Vec<String>) {
    let sid = sid(i);
    let c = &p.cname;
    let mode = p.mode.unwrap_or(Mode::Mix);
    let names: Vec<String> = match mode {
        Mode::Individual => p.users[..p.users.len().min(1 + k / 2)]
            .iter()
            .map(|u| format!("{sid}_{c}__uid_s_{u}__uid_e_av.m3u8"))
            .collect(),
        Mode::Mix => std::iter::once(format!("{sid}_{c}.m3u8"))
            .chain((0..k / 2).map(|n| format!("{sid}_{c}_{n}.mp4")))
            .collect(),
        Mode::Web => (0..1 + k / 2)
            .map(|n| format!("{sid}_{c}_{n}.mp4"))
            .collect(),
    };
    if mode == Mode::Web {
        let list: Vec<Value> = names
            .iter()
            .map(|f| json!({"filename": f, "sliceStartTime": slice_start}))
            .collect();
        return (Value::Array(list), names);
    }
    let list = names
        .iter()
        .enumerate()
        .map(|(n, f)| {
            json!({
                "fileName": f,
                "trackType": "audio_and_video",
                "uid": if mode == Mode::Individual { p.users[n].to_string() } else { "0".to_owned() },
                "mixedAllUser": mode != Mode::Individual,
                "isPlayable": true,
                "sliceStartTime": slice_start,
            })
        })
        .collect();
    (Value::Array(list), names)
}

/// `serverResponse` of the `k`-th poll, or with `stop` of the stop after it.
fn server_response(i: usize, p: &Plan, k: usize, slice_start: i64, stop: bool) -> Value {
    let (list, _) = recording_files(i, p, k, slice_start);
    if p.mode == Some(Mode::Web) {
        let mut states = vec![json!({
            "serviceName": "web_recorder_service",
            "payload": {"state": if stop { "exit" } else { "inProgress" }, "onhold": false, "fileList": list},
        })];
        if stop {
            states.insert(
                0,
                json!({"serviceName": "upload_service", "payload": {"uploadingStatus": "uploaded"}}),
            );
        }
        let mut sr = json!({"extensionServiceState": states});
        if !stop {
            sr["status"] = json!(5);
        }
        return sr;
    }
    if stop {
        json!({"fileListMode": "json", "fileList": list, "uploadingStatus": "uploaded"})
    } else {
        json!({"status": 5, "fileListMode": "json", "fileList": list, "sliceStartTime": slice_start})
    }
}

fn task_answer(i: usize, p: &Plan, status: &str, sequence: Option<i64>) -> Value {
    let created = p.created_at / 1000;
    let mut v = json!({
        "taskId": task_id(i),
        "createTs": created,
        "status": status,
        "services": {"cloudTranscoder": {
            "serviceType": "cloudTranscoderV2",
            "status": if status == "STOPPED" { "serviceCompleted" } else { "serviceInProgress" },
            "createTs": created,
        }},
    });
    if let Some(s) = sequence {
        v["sequenceId"] = json!(s);
    }
    v
}

/// One row of `session_events`, as `Store::append_exchange` writes it.
struct Event {
    at: i64,
    op: &'static str,
    method: &'static str,
    url: String,
    attempt: u32,
    request_body: Option<String>,
    status: Option<u16>,
    response_body: Option<String>,
    error: Option<String>,
    elapsed_ms: i64,
    request_id: Option<String>,
    repeats: u32,
    last_at: Option<i64>,
}

/// What the events leave on the session's row.
struct Outcome {
    files: Vec<String>,
    last_status: Option<Value>,
    started_at: Option<i64>,
    ended_at: Option<i64>,
    sequence_id: Option<i64>,
}

fn request_id(r: &mut Rng) -> Option<String> {
    Some(format!("{:016x}{:016x}", r.next(), r.next()))
}

/// Session `i`'s log and what it leaves on the row.
fn events(i: usize, p: &Plan) -> (Vec<Event>, Outcome) {
    let mut r = Rng::new(mix(i as u64, 7));
    let mut out: Vec<Event> = Vec::with_capacity(p.events);
    let mut t = p.created_at;
    let ok = |r: &mut Rng,
              t: i64,
              op: &'static str,
              method: &'static str,
              url: String,
              body: Option<&Value>,
              answer: Value| Event {
        at: t,
        op,
        method,
        url,
        attempt: 1,
        request_body: body.map(Value::to_string),
        status: Some(200),
        response_body: Some(answer.to_string()),
        error: None,
        elapsed_ms: 80 + r.below(400) as i64,
        request_id: request_id(r),
        repeats: 1,
        last_at: None,
    };
    let timeout = |t: i64,
                   op: &'static str,
                   method: &'static str,
                   url: String,
                   body: Option<&Value>|
     -> Event {
        Event {
            at: t,
            op,
            method,
            url: url.clone(),
            attempt: 1,
            request_body: body.map(Value::to_string),
            status: None,
            response_body: None,
            error: Some(format!(
                "error sending request for url ({url}): operation timed out"
            )),
            elapsed_ms: 10_000,
            request_id: None,
            repeats: 1,
            last_at: None,
        }
    };
    let mut outcome = Outcome {
        files: Vec::new(),
        last_status: None,
        started_at: None,
        ended_at: None,
        sequence_id: None,
    };
    let host = p.host();
    let app = p.app_id();
    let rid = resource_id(i);
    let sid = sid(i);
    let tid = task_id(i);
    match p.kind {
        SessionKind::Recording => {
            let mode = p.mode.unwrap_or(Mode::Mix).as_str();
            let base = format!("https://{host}/v1/apps/{app}/cloud_recording");
            let session_url =
                |action: &str| format!("{base}/resourceid/{rid}/sid/{sid}/mode/{mode}/{action}");
            let envelope = || json!({"cname": p.cname, "uid": p.uid, "resourceId": rid});
            let acquire = acquire_body(p);
            let mut attempt = 1;
            if p.acquire_retried() {
                let mut e = timeout(
                    t,
                    "acquire",
                    "POST",
                    format!("{base}/acquire"),
                    Some(&acquire),
                );
                e.error = Some(format!(
                    "error sending request for url ({base}/acquire): connection reset by peer"
                ));
                e.elapsed_ms = 40 + r.below(200) as i64;
                out.push(e);
                t += 1_000;
                attempt = 2;
            }
            let mut e = ok(
                &mut r,
                t,
                "acquire",
                "POST",
                format!("{base}/acquire"),
                Some(&acquire),
                envelope(),
            );
            e.attempt = attempt;
            out.push(e);
            t += 300 + r.below(700) as i64;
            let start_url = format!("{base}/resourceid/{rid}/mode/{mode}/start");
            let start = start_body(p);
            match p.state {
                SessionState::Failed => {
                    let (status, answer) = match r.below(3) {
                        0 => (
                            400,
                            json!({"code": 2, "reason": "Invalid parameter: storageConfig.bucket"}),
                        ),
                        1 => (403, json!({"code": 109, "reason": "token expired"})),
                        _ => (
                            400,
                            json!({"code": 53, "reason": "the recording is already running"}),
                        ),
                    };
                    let mut e = ok(&mut r, t, "start", "POST", start_url, Some(&start), answer);
                    e.status = Some(status);
                    outcome.ended_at = Some(t + e.elapsed_ms);
                    out.push(e);
                    return (out, outcome);
                }
                SessionState::Unknown => {
                    out.push(timeout(t, "start", "POST", start_url, Some(&start)));
                    return (out, outcome);
                }
                _ => {}
            }
            let mut answer = envelope();
            answer["sid"] = json!(sid);
            let e = ok(&mut r, t, "start", "POST", start_url, Some(&start), answer);
            let started = t + e.elapsed_ms;
            outcome.started_at = Some(started);
            out.push(e);
            // The middle: polls and changes. Mix: a layout change every third exchange
            // (Mixdeck is a layout tool); individual and web: an update every fourth
            // (subscriptions, onhold). A poll answered as the one before it would have been
            // folded into that row by the store: that slot is a change instead.
            let closing = usize::from(p.state != SessionState::Started);
            let middle = p.events.saturating_sub(2 + closing);
            let step = (p.duration_ms / (middle as i64 + 1)).max(1000);
            let mut polls = 0usize;
            let mut last_poll_body: Option<String> = None;
            for s in 0..middle {
                t = started + step * (s as i64 + 1);
                let scheduled = match p.mode {
                    Some(Mode::Mix) => s % 3 == 2,
                    _ => s % 4 == 3,
                };
                let poll = if scheduled {
                    None
                } else {
                    let sr = server_response(i, p, polls + 1, started, false);
                    let answer =
                        json!({"resourceId": rid, "sid": sid, "serverResponse": sr}).to_string();
                    (last_poll_body.as_deref() != Some(answer.as_str())).then_some((sr, answer))
                };
                let Some((sr, answer)) = poll else {
                    let (op, request) = match p.mode {
                        Some(Mode::Mix) if r.chance(80) => (
                            "updateLayout",
                            json!({
                                "mixedVideoLayout": 3,
                                "backgroundColor": "#1A1A2E",
                                "layoutConfig": layout_regions(&p.users, s + 1),
                            }),
                        ),
                        Some(Mode::Mix) => ("updateLayout", json!({"mixedVideoLayout": 1})),
                        Some(Mode::Web) => {
                            ("update", json!({"webRecordingConfig": {"onhold": false}}))
                        }
                        _ => (
                            "update",
                            json!({"streamSubscribe": {
                                "audioUidList": {"subscribeAudioUids": p.users.iter().map(u32::to_string).collect::<Vec<_>>()},
                                "videoUidList": {"subscribeVideoUids": p.users.iter().take(1 + s % 2).map(u32::to_string).collect::<Vec<_>>()},
                            }}),
                        ),
                    };
                    let body = json!({"cname": p.cname, "uid": p.uid, "clientRequest": request});
                    let mut answer = envelope();
                    answer["sid"] = json!(sid);
                    out.push(ok(
                        &mut r,
                        t,
                        op,
                        "POST",
                        session_url(op),
                        Some(&body),
                        answer,
                    ));
                    last_poll_body = None;
                    continue;
                };
                if r.chance(3) {
                    // A poll that timed out; the next one is its retry.
                    out.push(timeout(t, "query", "GET", session_url("query"), None));
                    last_poll_body = None;
                    continue;
                }
                polls += 1;
                let mut e = ok(
                    &mut r,
                    t,
                    "query",
                    "GET",
                    session_url("query"),
                    None,
                    Value::Null,
                );
                e.response_body = Some(answer.clone());
                if out
                    .last()
                    .is_some_and(|prev| prev.op == "query" && prev.status.is_none())
                {
                    e.attempt = 2;
                }
                if r.chance(50) {
                    e.repeats = 2 + r.below(30) as u32;
                    e.last_at = Some(t + (step * 9 / 10).min(e.repeats as i64 * 10_000));
                }
                outcome.last_status = Some(sr);
                last_poll_body = Some(answer);
                out.push(e);
            }
            t = started + p.duration_ms;
            let (_, names) = recording_files(i, p, polls.max(1), started);
            match p.state {
                SessionState::Stopped => {
                    let body = json!({"cname": p.cname, "uid": p.uid, "clientRequest": {"async_stop": false}});
                    let sr = server_response(i, p, polls.max(1), started, true);
                    let answer = json!({"resourceId": rid, "sid": sid, "serverResponse": sr});
                    let e = ok(
                        &mut r,
                        t,
                        "stop",
                        "POST",
                        session_url("stop"),
                        Some(&body),
                        answer,
                    );
                    outcome.ended_at = Some(t + e.elapsed_ms);
                    outcome.last_status = Some(sr);
                    out.push(e);
                }
                SessionState::Ended => {
                    let mut e = ok(
                        &mut r,
                        t,
                        "query",
                        "GET",
                        session_url("query"),
                        None,
                        json!({"resourceId": rid, "sid": sid, "code": 404, "reason": "failed to find worker"}),
                    );
                    e.status = Some(404);
                    outcome.ended_at = Some(t);
                    out.push(e);
                }
                _ => {}
            }
            outcome.files = names;
        }
        SessionKind::Transcoding => {
            let base = format!("https://{host}/v1/projects/{app}/rtsc/cloud-transcoder");
            let task_url =
                |extra: &str| format!("{base}/tasks/{tid}?builderToken=<redacted>{extra}");
            let token_body = json!({"instanceId": p.cname});
            out.push(ok(
                &mut r,
                t,
                "transcoder acquire",
                "POST",
                format!("{base}/builderTokens"),
                Some(&token_body),
                json!({"tokenName": "<redacted>", "createTs": t / 1000, "instanceId": p.cname}),
            ));
            t += 200 + r.below(400) as i64;
            let create = create_body(p, 0);
            let create_url = format!("{base}/tasks?builderToken=<redacted>");
            match p.state {
                SessionState::Failed => {
                    let mut e = ok(
                        &mut r,
                        t,
                        "transcoder create",
                        "POST",
                        create_url,
                        Some(&create),
                        json!({"message": "invalid parameter: outputs[0].rtc.rtcChannel"}),
                    );
                    e.status = Some(400);
                    outcome.ended_at = Some(t + e.elapsed_ms);
                    out.push(e);
                    return (out, outcome);
                }
                SessionState::Unknown => {
                    out.push(timeout(
                        t,
                        "transcoder create",
                        "POST",
                        create_url,
                        Some(&create),
                    ));
                    return (out, outcome);
                }
                _ => {}
            }
            let e = ok(
                &mut r,
                t,
                "transcoder create",
                "POST",
                create_url,
                Some(&create),
                task_answer(i, p, "STARTED", None),
            );
            let started = t + e.elapsed_ms;
            outcome.started_at = Some(started);
            out.push(e);
            let closing = usize::from(p.state != SessionState::Started);
            let middle = p.events.saturating_sub(2 + closing);
            let step = (p.duration_ms / (middle as i64 + 1)).max(1000);
            let mut sequence: Option<i64> = None;
            let mut last_poll_body: Option<String> = None;
            for s in 0..middle {
                t = started + step * (s as i64 + 1);
                let answer = task_answer(i, p, "IN_PROGRESS", sequence);
                let text = answer.to_string();
                // A task answers the same until it is updated: a poll that would repeat the
                // one before it (folded by the store) is an update instead.
                if last_poll_body.as_deref() == Some(text.as_str()) {
                    let seq = sequence.unwrap_or(0) + 1;
                    sequence = Some(seq);
                    let body = create_body(p, s);
                    out.push(ok(
                        &mut r,
                        t,
                        "transcoder update",
                        "PATCH",
                        task_url(&format!(
                            "&sequenceId={seq}&updateMask=services.cloudTranscoder.config"
                        )),
                        Some(&body),
                        task_answer(i, p, "IN_PROGRESS", Some(seq)),
                    ));
                    last_poll_body = None;
                    continue;
                }
                if r.chance(3) {
                    out.push(timeout(t, "transcoder query", "GET", task_url(""), None));
                    last_poll_body = None;
                    continue;
                }
                let mut e = ok(
                    &mut r,
                    t,
                    "transcoder query",
                    "GET",
                    task_url(""),
                    None,
                    answer.clone(),
                );
                if out
                    .last()
                    .is_some_and(|prev| prev.op == "transcoder query" && prev.status.is_none())
                {
                    e.attempt = 2;
                }
                if r.chance(60) {
                    e.repeats = 2 + r.below(40) as u32;
                    e.last_at = Some(t + (step * 9 / 10).min(e.repeats as i64 * 10_000));
                }
                outcome.last_status = Some(answer);
                last_poll_body = Some(text);
                out.push(e);
            }
            outcome.sequence_id = sequence;
            t = started + p.duration_ms;
            match p.state {
                SessionState::Stopped => {
                    let answer = task_answer(i, p, "STOPPED", sequence);
                    let e = ok(
                        &mut r,
                        t,
                        "transcoder delete",
                        "DELETE",
                        task_url(""),
                        None,
                        answer.clone(),
                    );
                    outcome.ended_at = Some(t + e.elapsed_ms);
                    outcome.last_status = Some(answer);
                    out.push(e);
                }
                SessionState::Ended => {
                    let mut e = ok(
                        &mut r,
                        t,
                        "transcoder query",
                        "GET",
                        task_url(""),
                        None,
                        json!({"message": "task not found"}),
                    );
                    e.status = Some(404);
                    outcome.ended_at = Some(t);
                    out.push(e);
                }
                _ => {}
            }
        }
    }
    (out, outcome)
}

fn stored_error(p: &Plan) -> Result<Option<StoredError>, String> {
    let value = match (p.state, p.kind) {
        (SessionState::Failed, SessionKind::Recording) => json!({
            "code": "agora.invalid_parameter",
            "message": "Agora refused start: a parameter is invalid (code 2). Check the start body.",
            "httpStatus": 400,
            "agoraCode": 2,
            "host": p.host(),
        }),
        (SessionState::Failed, SessionKind::Transcoding) => json!({
            "code": "agora.invalid_parameter",
            "message": "Agora refused create: invalid parameter: outputs[0].rtc.rtcChannel.",
            "httpStatus": 400,
            "host": p.host(),
        }),
        (SessionState::Unknown, _) => json!({
            "code": "network.timeout",
            "message": "No answer from Agora within 10 s.",
            "host": p.host(),
            "reason": "The answer to start never arrived: it may be recording.",
        }),
        _ => return Ok(None),
    };
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| format!("the seeded error does not read as a StoredError: {e}"))
}

/// Session `i` as the engine would have recorded it: the row it inserts first, the update its
/// answers made, and its log.
struct Generated {
    new: NewSession,
    update: SessionUpdate,
    updated_at: i64,
    events: Vec<Event>,
}

fn generate(i: usize, p: &Plan, profiles: &[ProfileId]) -> Result<Generated, String> {
    let new = NewSession {
        profile_id: p.profile.map(|x| profiles[x]),
        profile_name: p.profile_name().into(),
        kind: p.kind,
        mode: p.mode,
        cname: p.cname.clone(),
        uid: p.uid.clone(),
        config: config(p)?,
        created_at: Some(p.created_at),
        owner: None,
    };
    let (events, outcome) = events(i, p);
    let updated_at = events
        .last()
        .map_or(p.created_at, |e| e.last_at.unwrap_or(e.at) + e.elapsed_ms);
    let recording = p.kind == SessionKind::Recording;
    let has_id = !matches!(p.state, SessionState::Failed | SessionState::Unknown);
    let update = SessionUpdate {
        state: Some(p.state),
        resource_id: recording.then(|| resource_id(i)),
        sid: (recording && has_id).then(|| sid(i)),
        task_id: (!recording && has_id).then(|| task_id(i)),
        // The token itself would be in the keychain: the history holds its last 4.
        builder_token_last4: (!recording && has_id)
            .then(|| format!("{:04x}", mix(i as u64, 8) & 0xffff)),
        sequence_id: outcome.sequence_id,
        last_status: outcome.last_status,
        files: Some(outcome.files),
        error: stored_error(p)?.map(Some),
        started_at: outcome.started_at,
        ended_at: outcome.ended_at,
        ..Default::default()
    };
    Ok(Generated {
        new,
        update,
        updated_at,
        events,
    })
}

fn sql(what: &str) -> impl Fn(rusqlite::Error) -> String + '_ {
    move |e| format!("cannot {what}: {e}")
}

/// Seeds the database at `path` (created if missing; its schema brought up to date). Refuses a
/// database that already holds sessions.
///
/// Profiles are created through `Store`. Sessions and events are bulk-inserted with a raw
/// connection in one transaction, with the columns `Store::insert_session`,
/// `Store::update_session` and `Store::append_exchange` would write, and the search index kept
/// by its triggers as usual. (Through `Store`, one commit per write, 100,000 sessions take about
/// two minutes.) A second thread generates the data while this one inserts it. [`verify`] then
/// checks that rows read back exactly as the same sessions written through `Store` do.
pub fn seed(path: &Path, o: &Options) -> Result<Seeded, String> {
    let store = Store::open(path)
        .map_err(|e| format!("cannot open the database {}: {e}", path.display()))?;
    let existing = store
        .sessions(&SessionFilter {
            limit: Some(1),
            ..Default::default()
        })
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .total;
    if existing > 0 {
        return Err(format!(
            "{} already holds {existing} sessions: seed a new file",
            path.display()
        ));
    }
    let profiles = create_profiles(&store)?;
    drop(store);

    let now = now_ms();
    let start = now - i64::from(o.days) * DAY_MS;
    let mut plans: Vec<Plan> = (0..o.sessions).map(|i| plan(i, o, start)).collect();
    share_events(&mut plans, o.events);

    let t = Instant::now();
    let mut conn = rusqlite::Connection::open(path)
        .map_err(|e| format!("cannot open {} for the bulk insert: {e}", path.display()))?;
    // A rollback journal for the load: it only keeps pages that existed before (few in a new
    // file), where WAL would write every page twice. The app's WAL mode is set back below.
    let _: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(sql("leave WAL mode for the load"))?;
    conn.pragma_update(None, "synchronous", "OFF")
        .map_err(sql("turn synchronous writes off for the load"))?;
    conn.pragma_update(None, "cache_size", -262_144)
        .map_err(sql("set the cache size"))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(sql("turn foreign keys on"))?;
    let tx = conn.transaction().map_err(sql("begin the load"))?;
    let mut sessions_time = Duration::ZERO;
    let mut events_time = Duration::ZERO;
    let mut inserted = 0usize;
    std::thread::scope(|scope| -> Result<(), String> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Result<Generated, String>>(512);
        let plans = &plans;
        let profiles = &profiles;
        scope.spawn(move || {
            for (i, p) in plans.iter().enumerate() {
                if send.send(generate(i, p, profiles)).is_err() {
                    break; // The inserting side gave up.
                }
            }
        });
        let mut insert_session = tx
            .prepare(
                "INSERT INTO sessions (id, profile_id, profile_name, kind, mode, cname, uid, resource_id, sid,
                 builder_token_last4, task_id, sequence_id, state, last_status, files, config, error, created_at,
                 started_at, ended_at, updated_at, vault_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                 lower(hex(randomblob(16))))",
            )
            .map_err(sql("prepare the sessions' insert"))?;
        let mut insert_event = tx
            .prepare(
                "INSERT INTO session_events (session_id, at, op, method, url, attempt, request_body, status,
                 response_body, error, elapsed_ms, request_id, repeats, last_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .map_err(sql("prepare the events' insert"))?;
        let redacted = |v: &Value| agora_rest::redact_json(v).to_string();
        for (i, generated) in receive.into_iter().enumerate() {
            let Generated {
                new,
                update: u,
                updated_at,
                events,
            } = generated?;
            let id = session_id(i).0;
            let t = Instant::now();
            insert_session
                .execute(rusqlite::params![
                    id,
                    new.profile_id.map(|p| p.0),
                    new.profile_name,
                    new.kind.as_str(),
                    new.mode.map(|m| m.as_str()),
                    new.cname,
                    new.uid,
                    u.resource_id,
                    u.sid,
                    u.builder_token_last4,
                    u.task_id,
                    u.sequence_id,
                    u.state.unwrap_or(SessionState::Acquiring).as_str(),
                    u.last_status.as_ref().map(redacted),
                    Value::from(u.files.unwrap_or_default()).to_string(),
                    new.config.stored().to_string(),
                    u.error
                        .flatten()
                        .map(|e| redacted(&serde_json::to_value(e).unwrap_or_default())),
                    new.created_at,
                    u.started_at,
                    u.ended_at,
                    updated_at,
                ])
                .map_err(|e| format!("cannot insert session {i}: {e}"))?;
            let t2 = Instant::now();
            sessions_time += t2 - t;
            for e in events {
                insert_event
                    .execute(rusqlite::params![
                        id,
                        e.at,
                        e.op,
                        e.method,
                        e.url,
                        e.attempt,
                        e.request_body,
                        e.status,
                        e.response_body,
                        e.error,
                        e.elapsed_ms,
                        e.request_id,
                        e.repeats,
                        e.last_at,
                    ])
                    .map_err(|err| format!("cannot insert an event of session {i}: {err}"))?;
                inserted += 1;
            }
            events_time += t2.elapsed();
        }
        Ok(())
    })?;
    let t_commit = Instant::now();
    tx.commit().map_err(sql("commit the load"))?;
    let _: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(sql("go back to WAL mode"))?;
    let commit_time = t_commit.elapsed();
    drop(conn);
    let total_time = t.elapsed();

    verify(path, &plans, &profiles)?;
    Ok(Seeded {
        sessions: plans.len(),
        events: inserted,
        profiles,
        total_time,
        sessions_time,
        events_time,
        commit_time,
        oldest: plans.first().map_or(now, |p| p.created_at),
        newest: plans.last().map_or(now, |p| p.created_at),
    })
}

fn create_profiles(store: &Store) -> Result<Vec<ProfileId>, String> {
    PROFILES
        .iter()
        .map(|&(name, area, app_id, _)| {
            store
                .create_profile(
                    ProfileKind::Agora,
                    &ProfileInput {
                        name: name.into(),
                        app_id: app_id.into(),
                        customer_id: format!("cust-{}", &app_id[..8]),
                        area,
                        endpoint: None,
                        default_storage: None,
                    },
                )
                .map(|p| p.id)
                .map_err(|e| format!("cannot create the profile {name:?}: {e}"))
        })
        .collect()
}

/// Reads back one session of every kind, mode and state the way the app does and checks it is
/// the row `Store` itself makes of the same session (written through `insert_session` and
/// `update_session` into a scratch database), and that its config, status and log read typed.
fn verify(path: &Path, plans: &[Plan], profiles: &[ProfileId]) -> Result<(), String> {
    let store = Store::open(path).map_err(|e| format!("cannot reopen {}: {e}", path.display()))?;
    let scratch = Store::in_memory().map_err(|e| format!("cannot open a scratch store: {e}"))?;
    if create_profiles(&scratch)? != profiles {
        return Err("the scratch store's profiles got other ids".into());
    }
    let mut seen: Vec<(SessionKind, Option<Mode>, SessionState)> = Vec::new();
    for (i, p) in plans.iter().enumerate() {
        let key = (p.kind, p.mode, p.state);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let row = store
            .session(session_id(i))
            .map_err(|e| format!("cannot read back session {i}: {e}"))?;
        let Generated { new, update, .. } = generate(i, p, profiles)?;
        let inserted = scratch
            .insert_session(&new)
            .map_err(|e| format!("scratch insert of session {i}: {e}"))?;
        let mut expected = scratch
            .update_session(inserted.id, &update)
            .map_err(|e| format!("scratch update of session {i}: {e}"))?;
        expected.id = row.id;
        expected.updated_at = row.updated_at;
        if row != expected {
            return Err(format!(
                "session {i} ({key:?}) reads back otherwise than Store writes it:\n{row:#?}\nStore:\n{expected:#?}"
            ));
        }
        if matches!(row.config, SessionConfig::Unrecognized { .. }) {
            return Err(format!(
                "session {i} ({key:?}): its config reads back untyped"
            ));
        }
        let answered = matches!(
            p.state,
            SessionState::Started | SessionState::Stopped | SessionState::Ended
        );
        if answered && row.last_status.is_none() {
            return Err(format!(
                "session {i} ({key:?}): its last status reads back as nothing"
            ));
        }
        let events = store
            .session_events(session_id(i))
            .map_err(|e| format!("cannot read back session {i}'s log: {e}"))?;
        if events.len() != p.events {
            return Err(format!(
                "session {i} ({key:?}): {} events read back, {} seeded",
                events.len(),
                p.events
            ));
        }
    }
    Ok(())
}
