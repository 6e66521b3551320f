//! Property-based fuzzing of response decoding: whatever Agora (or a proxy, or a broken network)
//! answers, the crate's decoders give a value or an error and never panic, and an answer of the
//! documented shape still decodes when Agora adds fields it did not document.
//!
//! The inputs are arbitrary bytes and text, JSON values with Agora's keys and random ones, and
//! mutations of the real response shapes in `tests/fixtures` (recording acquire, start, update,
//! updateLayout, query and stop; transcoding builderTokens, create, query and delete; templates;
//! error bodies; NCS). They go to the public decoders (`Deserialize` on every response type,
//! `ApiErrorBody::parse`, `ProbeAnswer::read`, `error::string_field`) and, over loopback HTTP,
//! through the client's own decoding of each operation's answer (status and body together).
//! `tests/props.rs` checks the typed round trip on generated samples; this file adds the real
//! shapes, the client path and unknown fields at every depth. 256 cases per property.

mod support;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_rest::error::string_field;
use agora_rest::ncs::NcsIpResponse;
use agora_rest::recording::ops::{ProbeAnswer, StartOptions};
use agora_rest::recording::{self as rec, Mode};
use agora_rest::transcoding as tc;
use agora_rest::{
    ApiErrorBody, BuilderToken, Client, Credentials, Error, ResourceId, RetryPolicy, Sid, Sleeper,
    TaskId, Uid,
};
use json_strategies::{
    arb_key, arb_number, arb_text, config, mutate, run_cases, Edits, JsonGen, Mutation,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

const CASES: u32 = 256;

// =============================================================================================
// The real response shapes

/// Which decoder a body is meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    RecAcquire,
    RecSession,
    RecStatus,
    TcAcquire,
    TcTask,
    TplList,
    TplSaved,
    ErrorBody,
    Ncs,
}

const KINDS: [Kind; 9] = [
    Kind::RecAcquire,
    Kind::RecSession,
    Kind::RecStatus,
    Kind::TcAcquire,
    Kind::TcTask,
    Kind::TplList,
    Kind::TplSaved,
    Kind::ErrorBody,
    Kind::Ncs,
];

/// `value` decoded as `T` and encoded again (secrets in full), or serde's error.
fn typed<T: Serialize + DeserializeOwned>(text: &str) -> Result<Value, String> {
    let decoded: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
    agora_rest::reveal(|| serde_json::to_value(&decoded)).map_err(|e| format!("re-encoding: {e}"))
}

impl Kind {
    /// Decodes `text` with this kind's public decoder; the value is the decoded body encoded
    /// again, so two decodings can be compared.
    fn decode(self, text: &str) -> Result<Value, String> {
        match self {
            Kind::RecAcquire => typed::<rec::AcquireResponse>(text),
            Kind::RecSession => typed::<rec::SessionResponse>(text),
            Kind::RecStatus => {
                let r: rec::StatusResponse =
                    serde_json::from_str(text).map_err(|e| e.to_string())?;
                // What the app reads from a query or stop answer.
                if let Some(sr) = &r.server_response {
                    let _ = sr.file_names();
                    let _ = sr.web_onhold();
                    let _ = sr.upload_status().map(|s| s.meaning());
                    let _ = sr.status.map(|s| (s.is_started(), s.is_ending()));
                }
                agora_rest::reveal(|| serde_json::to_value(&r)).map_err(|e| e.to_string())
            }
            Kind::TcAcquire => typed::<tc::AcquireResponse>(text),
            Kind::TcTask => {
                let t: tc::TaskResponse = serde_json::from_str(text).map_err(|e| e.to_string())?;
                let _ = (
                    t.status.is_running(),
                    t.status.is_ended(),
                    t.status.as_str(),
                );
                agora_rest::reveal(|| serde_json::to_value(&t)).map_err(|e| e.to_string())
            }
            Kind::TplList => typed::<tc::TemplatesResponse>(text),
            Kind::TplSaved => typed::<tc::TemplateSaved>(text),
            // Error bodies are read by `parse`, which takes any text.
            Kind::ErrorBody => Ok(serde_json::to_value(ApiErrorBody::parse(text))
                .map_err(|e| format!("re-encoding: {e}"))?),
            Kind::Ncs => {
                let n: NcsIpResponse = serde_json::from_str(text).map_err(|e| e.to_string())?;
                let _ = n.ips();
                serde_json::to_value(&n).map_err(|e| e.to_string())
            }
        }
    }
}

#[derive(Debug)]
struct Fixture {
    name: String,
    kind: Kind,
    value: Value,
}

/// Every single-answer response fixture, with the decoder it is meant for.
fn fixtures() -> &'static [Fixture] {
    static FIXTURES: std::sync::OnceLock<Vec<Fixture>> = std::sync::OnceLock::new();
    FIXTURES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut out = Vec::new();
        for dir in [
            "recording/responses",
            "transcoding/responses",
            "errors",
            "ncs",
        ] {
            let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
                .expect("the fixtures directory exists")
                .map(|e| {
                    e.expect("a readable entry")
                        .file_name()
                        .into_string()
                        .unwrap()
                })
                .filter(|n| n.ends_with(".json") && !n.ends_with(".expected.json"))
                .collect();
            names.sort();
            for name in names {
                let text = std::fs::read_to_string(root.join(dir).join(&name)).unwrap();
                let value: Value = serde_json::from_str(&text).unwrap();
                // Arrays are sequences of answers (one session polled over time), not an answer.
                if !value.is_object() {
                    continue;
                }
                let kind = match (dir, name.as_str()) {
                    ("errors", _) => Kind::ErrorBody,
                    ("ncs", _) => Kind::Ncs,
                    ("recording/responses", "acquire.json") => Kind::RecAcquire,
                    ("recording/responses", n)
                        if n.starts_with("query") || n.starts_with("stop") =>
                    {
                        Kind::RecStatus
                    }
                    ("recording/responses", _) => Kind::RecSession,
                    ("transcoding/responses", "acquire.json") => Kind::TcAcquire,
                    ("transcoding/responses", "template_saved.json") => Kind::TplSaved,
                    ("transcoding/responses", n) if n.starts_with("template_list") => Kind::TplList,
                    ("transcoding/responses", _) => Kind::TcTask,
                    _ => unreachable!(),
                };
                out.push(Fixture {
                    name: format!("{dir}/{name}"),
                    kind,
                    value,
                });
            }
        }
        out
    })
}

fn fixtures_of(kind: Kind) -> Vec<&'static Fixture> {
    fixtures().iter().filter(|f| f.kind == kind).collect()
}

#[test]
fn every_fixture_decodes_as_its_kind() {
    let all = fixtures();
    for kind in KINDS {
        assert!(!fixtures_of(kind).is_empty(), "no fixture for {kind:?}");
    }
    for f in all {
        if let Err(e) = f.kind.decode(&f.value.to_string()) {
            panic!("{} does not decode as {:?}: {e}", f.name, f.kind);
        }
    }
}

// =============================================================================================
// Generated JSON and mutations

/// Strings Agora sends, numbers as strings, and values marked `zq-secret` that no decoding
/// error message may quote.
fn arb_string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _#./:-]{0,12}",
        2 => prop::sample::select(&[
            "", "0", "7", " 42 ", "1562724971626", "json", "string", "hls", "audio_and_video",
            "uploaded", "backuped", "web_recorder_service", "rtmp_publish_service",
            "upload_service", "inProgress", "publishing", "IN_PROGRESS", "STOPPED",
            "serviceReady", "success", "error", "rtmp://cdn.example.com/live/key",
            "<html><title>502 Bad Gateway</title></html>",
        ][..])
        .prop_map(str::to_owned),
        1 => "zq-secret-[0-9]{1,4}(, expected [a-z]{1,6})?",
        1 => arb_text(16),
    ]
    .boxed()
}

/// Agora's keys (three times in four) and strings, and numbers of every width, in trees of the
/// default size.
fn json_gen() -> JsonGen {
    JsonGen::new(
        arb_key(support::RESPONSE_KEYS.iter().copied(), 3, 8),
        arb_string(),
        arb_number(-100..600, 6, vec![1e300]),
    )
}

/// JSON with Agora's keys and values, up to four levels deep.
fn arb_json() -> BoxedStrategy<Value> {
    json_gen().values()
}

/// An edit at most five levels below the top of an answer: a value replaced, removed,
/// inserted or given another type.
fn arb_mutation() -> BoxedStrategy<Mutation> {
    json_gen().mutation(&Edits::structural(6))
}

fn arb_fixture() -> impl Strategy<Value = &'static Fixture> {
    prop::sample::select(fixtures().iter().collect::<Vec<_>>())
}

fn arb_mutated_fixture() -> impl Strategy<Value = (&'static Fixture, Value)> {
    (arb_fixture(), prop::collection::vec(arb_mutation(), 1..4))
        .prop_map(|(f, ms)| (f, mutate(f.value.clone(), &ms)))
}

// ---- Unknown fields

/// Every key added as "unknown" starts with this: no documented field does, so stripping keys
/// with it from a decoded value undoes the additions wherever they landed.
const UNKNOWN: &str = "zzUnknown";

/// Paths (keys and indexes) of every object in `v`, the root first.
fn object_paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, child) in m {
                at.push(Value::from(k.as_str()));
                object_paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                at.push(Value::from(i));
                object_paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |cur, seg| match seg {
        Value::String(k) => &mut cur[k.as_str()],
        Value::Number(i) => &mut cur[i.as_u64().expect("an index") as usize],
        _ => unreachable!("paths hold keys and indexes"),
    })
}

/// `value` with undocumented fields added to some of its objects (picked by `picks`), and how
/// many went in.
fn with_unknown_fields(value: &Value, picks: &[(usize, u16, Value)]) -> (Value, usize) {
    let mut paths = Vec::new();
    object_paths(value, &mut Vec::new(), &mut paths);
    let mut out = value.clone();
    let mut added = 0;
    for (pick, tag, extra) in picks {
        let path = &paths[pick % paths.len()];
        if let Value::Object(m) = at_path(&mut out, path) {
            let key = format!("{UNKNOWN}{tag}");
            if m.insert(key, extra.clone()).is_none() {
                added += 1;
            }
        }
    }
    (out, added)
}

/// `v` without the keys [`with_unknown_fields`] adds, wherever the decoder put them.
fn strip_unknown(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !k.starts_with(UNKNOWN));
            m.values_mut().for_each(strip_unknown);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_unknown),
        _ => {}
    }
}

fn count_unknown(v: &Value) -> usize {
    match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| usize::from(k.starts_with(UNKNOWN)) + count_unknown(v))
            .sum(),
        Value::Array(a) => a.iter().map(count_unknown).sum(),
        _ => 0,
    }
}

fn arb_unknown_fields() -> impl Strategy<Value = Vec<(usize, u16, Value)>> {
    prop::collection::vec((any::<usize>(), any::<u16>(), arb_json()), 1..6)
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

const ID_FIELDS: [&str; 6] = ["resourceId", "sid", "taskId", "cname", "tokenName", "uid"];

// =============================================================================================
// (a) Arbitrary input to the decoders

/// Every decoder on `text`: none panics; a typed decoder accepts only JSON; `parse` describes
/// what is not an error object instead of keeping it; ids read by scanning are whole.
fn decode_everything(text: &str) -> Result<(), TestCaseError> {
    let is_json = serde_json::from_str::<Value>(text).is_ok();
    for kind in KINDS {
        let decoded = kind.decode(text);
        if kind != Kind::ErrorBody && decoded.is_ok() {
            prop_assert!(
                is_json,
                "{:?} accepted text that is not JSON: {:?}",
                kind,
                text
            );
        }
    }
    let parsed = ApiErrorBody::parse(text);
    if serde_json::from_str::<ApiErrorBody>(text).is_err() {
        let expected =
            (!text.trim().is_empty()).then(|| format!("a non-JSON answer ({} bytes)", text.len()));
        match (&parsed.message, &expected) {
            (Some(m), Some(prefix)) => prop_assert!(m.starts_with(prefix.as_str()), "{}", m),
            (m, e) => prop_assert_eq!(m.is_some(), e.is_some(), "{:?}", text),
        }
        prop_assert!(parsed.code.is_none() && parsed.reason.is_none() && parsed.sid.is_none());
    }
    for status in [200u16, 201, 400, 404, 500] {
        match ProbeAnswer::read(status, text) {
            ProbeAnswer::Running { sid } => {
                prop_assert_eq!(parsed.code, Some(7));
                prop_assert!(sid.is_none_or(|s| !s.as_str().is_empty()));
            }
            ProbeAnswer::NeverStarted => prop_assert_eq!(parsed.code, Some(433)),
            ProbeAnswer::Unclear { status: s, code } => {
                prop_assert_eq!(s, status);
                prop_assert_eq!(code, parsed.code);
            }
        }
    }
    for name in ID_FIELDS {
        if let Some(v) = string_field(text, name) {
            prop_assert!(
                !v.is_empty() && !v.contains('"') && !v.contains('\\'),
                "{:?}",
                v
            );
            prop_assert!(
                text.contains(&format!("\"{v}\"")),
                "{:?} not quoted in the text",
                v
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn arbitrary_bytes_and_text_decode_or_err(
        input in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..300)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            any::<String>(),
            "[ {}\\[\\]\":,a-zA-Z0-9]{0,80}",
            "\\{\"(resourceId|sid|taskId|code|status|tokenName)\" ?: ?[ \"a-z0-9{}\\[\\],:]{0,40}",
            arb_json().prop_map(|v| v.to_string()),
        ]
    ) {
        decode_everything(&input)?;
    }

    /// The real shapes with one to three edits: every decoder answers, whatever the edit broke.
    #[test]
    fn mutated_real_responses_decode_or_err((fixture, value) in arb_mutated_fixture()) {
        let text = value.to_string();
        decode_everything(&text)
            .map_err(|e| TestCaseError::fail(format!("{} mutated: {e}\n{text}", fixture.name)))?;
        let pretty = serde_json::to_string_pretty(&value).expect("a Value encodes");
        decode_everything(&pretty)?;
    }

    /// A valid answer with undocumented fields added anywhere (top level, `serverResponse`,
    /// file records, extension services, the task's services) still decodes, to the same
    /// typed value, and keeps every field added at the top level (where every answer has
    /// `extra`, except the templates list and its `status` answer, which drop them).
    #[test]
    fn valid_responses_still_decode_with_unknown_fields(
        fixture in arb_fixture(),
        picks in arb_unknown_fields(),
    ) {
        let before = fixture.kind.decode(&fixture.value.to_string())
            .map_err(TestCaseError::fail)?;
        let (value, added) = with_unknown_fields(&fixture.value, &picks);
        prop_assert!(added > 0);
        let text = value.to_string();
        let mut after = fixture.kind.decode(&text).map_err(|e| TestCaseError::fail(format!(
            "{} no longer decodes with unknown fields: {e}\n{text}", fixture.name
        )))?;
        let keeps_extra = !matches!(fixture.kind, Kind::TplList | Kind::TplSaved);
        if keeps_extra {
            let top = value.as_object().map_or(0, |m| {
                m.keys().filter(|k| k.starts_with(UNKNOWN)).count()
            });
            prop_assert!(count_unknown(&after) >= top, "{}: top-level fields lost\n{}",
                fixture.name, text);
        }
        strip_unknown(&mut after);
        prop_assert_eq!(&after, &before, "{}: typed value changed\n{}", fixture.name, text);
    }

    /// An answer cut anywhere (a dropped connection, the size cap) gives up only whole ids:
    /// what the scan finds in the cut text is what it finds in the whole one, or nothing.
    #[test]
    fn ids_read_from_a_cut_answer_are_whole_or_absent(
        fixture in arb_fixture(),
        pretty in any::<bool>(),
        cut in any::<usize>(),
    ) {
        let full = if pretty {
            serde_json::to_string_pretty(&fixture.value).expect("a Value encodes")
        } else {
            fixture.value.to_string()
        };
        let cut_at = floor_boundary(&full, cut % (full.len() + 1));
        let part = &full[..cut_at];
        for name in ID_FIELDS {
            if let Some(v) = string_field(part, name) {
                prop_assert_eq!(Some(v), string_field(&full, name),
                    "{}: {} cut at {}", fixture.name, name, cut_at);
            }
        }
        decode_everything(part)?;
        if part.len() < full.trim_end().len() {
            prop_assert!(fixture.kind == Kind::ErrorBody || fixture.kind.decode(part).is_err(),
                "{}: a cut answer decoded: {:?}", fixture.name, part);
        }
    }
}

/// Found by `valid_responses_still_decode_with_unknown_fields`: the list's `video` objects once
/// reused the save request's `deny_unknown_fields` type, so one undocumented field lost every
/// template; they keep unknown fields in `extra` now.
#[test]
fn an_unknown_field_in_a_template_video_keeps_the_list() {
    let body = r#"{"status":"success","data":{"codecs":[
        {"id":"720p","enabled":true,"video":{"width":1280,"height":720,"fps":30,"bitrate":2000}}]}}"#;
    let decoded = serde_json::from_str::<tc::TemplatesResponse>(body);
    assert!(decoded.is_ok(), "{:?}", decoded.err());
}

// =============================================================================================
// (b) The client's decoding, over loopback HTTP

/// What the mock server answers to the next request: any status, any bytes.
#[derive(Clone, Default)]
struct Answer(Arc<Mutex<(u16, Vec<u8>)>>);

impl Respond for Answer {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let (status, body) = self.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
        ResponseTemplate::new(status).set_body_bytes(body)
    }
}

struct NoWait;

impl Sleeper for NoWait {
    fn sleep(
        &self,
        _: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

/// Every operation whose answer the client decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    RecAcquire,
    RecStart,
    RecQuery,
    RecUpdate,
    RecUpdateLayout,
    RecStop,
    RecProbe,
    TcAcquire,
    TcCreate,
    TcQuery,
    TcUpdate,
    TcDelete,
    TplList,
    NcsIp,
}

const CALLS: [Call; 14] = [
    Call::RecAcquire,
    Call::RecStart,
    Call::RecQuery,
    Call::RecUpdate,
    Call::RecUpdateLayout,
    Call::RecStop,
    Call::RecProbe,
    Call::TcAcquire,
    Call::TcCreate,
    Call::TcQuery,
    Call::TcUpdate,
    Call::TcDelete,
    Call::TplList,
    Call::NcsIp,
];

impl Call {
    /// The kind of answer a success carries (`None`: no body is read, or not as a type).
    fn answer(self) -> Option<Kind> {
        match self {
            Call::RecAcquire => Some(Kind::RecAcquire),
            Call::RecStart | Call::RecUpdate | Call::RecUpdateLayout => Some(Kind::RecSession),
            Call::RecQuery | Call::RecStop => Some(Kind::RecStatus),
            Call::TcAcquire => Some(Kind::TcAcquire),
            Call::TcCreate | Call::TcQuery | Call::TcDelete => Some(Kind::TcTask),
            Call::TplList => Some(Kind::TplList),
            Call::NcsIp => Some(Kind::Ncs),
            Call::RecProbe | Call::TcUpdate => None,
        }
    }

    fn is_transcoding(self) -> bool {
        matches!(
            self,
            Call::TcAcquire
                | Call::TcCreate
                | Call::TcQuery
                | Call::TcUpdate
                | Call::TcDelete
                | Call::TplList
        )
    }
}

/// Valid requests for every operation, from the request fixtures.
struct Requests {
    acquire: rec::AcquireRequest,
    start: rec::StartRequest,
    update: rec::UpdateRequest,
    layout: rec::UpdateLayoutRequest,
    stop: rec::StopRequest,
    tc_acquire: tc::AcquireRequest,
    create: tc::CreateRequest,
}

fn request<T: DeserializeOwned>(rel: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

impl Requests {
    fn load() -> Self {
        Self {
            acquire: request("recording/requests/acquire_mix_start_parameter.json"),
            start: request("recording/requests/start_mix_hls_mp4.json"),
            update: request("recording/requests/update_mix_subscribe.json"),
            layout: request("recording/requests/update_layout_custom.json"),
            stop: request("recording/requests/stop_async.json"),
            tc_acquire: request("transcoding/requests/acquire_instance_only.json"),
            create: request("transcoding/requests/create_go_composite.json"),
        }
    }
}

/// What a call gave back.
#[derive(Debug)]
enum Outcome {
    /// The decoded body, encoded again.
    Decoded(Value),
    Probe(ProbeAnswer),
    Failed(Error),
}

fn outcome<T: Serialize>(r: Result<agora_rest::Response<T>, Error>) -> Outcome {
    match r {
        Ok(resp) => Outcome::Decoded(
            agora_rest::reveal(|| serde_json::to_value(&resp.body)).unwrap_or(Value::Null),
        ),
        Err(e) => Outcome::Failed(e),
    }
}

async fn call(client: &Client, reqs: &Requests, which: Call) -> Outcome {
    let (rid, sid) = (ResourceId::from("res-1"), Sid::from("sid-1"));
    let (task, token) = (TaskId::from("task-1"), BuilderToken::from("builder-1"));
    let r = client.recording();
    let t = client.transcoding();
    match which {
        Call::RecAcquire => outcome(r.acquire(&reqs.acquire, Mode::Mix).await),
        Call::RecStart => outcome(
            r.start(&rid, Mode::Mix, &reqs.start, StartOptions::default())
                .await,
        ),
        Call::RecQuery => outcome(r.query(&rid, &sid, Mode::Mix).await),
        Call::RecUpdate => outcome(r.update(&rid, &sid, Mode::Mix, &reqs.update).await),
        Call::RecUpdateLayout => outcome(r.update_layout(&rid, &sid, &reqs.layout).await),
        Call::RecStop => outcome(r.stop(&rid, &sid, Mode::Mix, &reqs.stop).await),
        Call::RecProbe => match r
            .probe_started(&rid, Mode::Mix, "room-42", &Uid::from("527842"))
            .await
        {
            Ok(p) => Outcome::Probe(p),
            Err(e) => Outcome::Failed(e),
        },
        Call::TcAcquire => outcome(t.acquire(&reqs.tc_acquire).await),
        Call::TcCreate => outcome(t.create(&token, &reqs.create).await),
        Call::TcQuery => outcome(t.query(&task, &token).await),
        Call::TcUpdate => {
            let seq = client.next_sequence_id(&task);
            outcome(t.update(&task, &token, seq, &reqs.create).await)
        }
        Call::TcDelete => outcome(t.delete(&task, &token).await),
        Call::TplList => outcome(client.templates().list().await),
        Call::NcsIp => outcome(client.ncs_ips().await),
    }
}

/// How a case's body is made; resolved against the call (a valid body is one of its answers).
#[derive(Debug, Clone)]
enum Seed {
    Bytes(Vec<u8>),
    Text(String),
    Json(Value),
    Mutated(Value),
    /// One of the call's documented answers, with unknown fields added.
    Valid(usize, Vec<(usize, u16, Value)>),
    /// A documented error body.
    ErrorBody(usize),
    /// A real answer cut short.
    Cut(&'static Fixture, usize),
}

/// The case's body bytes; the fixture it is a valid answer of, if any; the whole text it was
/// cut from, if any.
fn resolve(seed: &Seed, which: Call) -> (Vec<u8>, Option<&'static Fixture>, Option<String>) {
    match seed {
        Seed::Bytes(b) => (b.clone(), None, None),
        Seed::Text(s) => (s.clone().into_bytes(), None, None),
        Seed::Json(v) => (v.to_string().into_bytes(), None, None),
        Seed::Mutated(v) => (v.to_string().into_bytes(), None, None),
        Seed::Valid(pick, picks) => match which.answer() {
            Some(kind) => {
                let candidates = fixtures_of(kind);
                let f = candidates[pick % candidates.len()];
                let (v, _) = with_unknown_fields(&f.value, picks);
                (v.to_string().into_bytes(), Some(f), None)
            }
            None => (b"{}".to_vec(), None, None),
        },
        Seed::ErrorBody(pick) => {
            let errors = fixtures_of(Kind::ErrorBody);
            let f = errors[pick % errors.len()];
            (f.value.to_string().into_bytes(), None, None)
        }
        Seed::Cut(f, cut) => {
            let full = f.value.to_string();
            let at = floor_boundary(&full, cut % (full.len() + 1));
            (full.as_bytes()[..at].to_vec(), None, Some(full))
        }
    }
}

fn arb_seed() -> BoxedStrategy<Seed> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(Seed::Bytes),
        1 => prop_oneof![Just(String::new()), "[ -~]{0,80}"].prop_map(Seed::Text),
        1 => arb_json().prop_map(Seed::Json),
        3 => arb_mutated_fixture().prop_map(|(_, v)| Seed::Mutated(v)),
        3 => (any::<usize>(), prop::collection::vec((any::<usize>(), any::<u16>(), arb_json()), 0..4))
            .prop_map(|(p, picks)| Seed::Valid(p, picks)),
        1 => any::<usize>().prop_map(Seed::ErrorBody),
        1 => (arb_fixture(), any::<usize>()).prop_map(|(f, c)| Seed::Cut(f, c)),
    ]
    .boxed()
}

fn arb_status() -> BoxedStrategy<u16> {
    prop_oneof![
        3 => prop::sample::select(
            &[200u16, 200, 200, 201, 202, 204, 206, 400, 401, 403, 404, 409, 429, 500, 502, 503][..]
        ),
        1 => 200u16..600,
    ]
    .boxed()
}

/// Every property of an answer's outcome that holds whatever the answer was.
fn check_outcome(
    which: Call,
    status: u16,
    body: &[u8],
    valid: Option<&Fixture>,
    cut_from: Option<&str>,
    got: Outcome,
) -> Result<(), TestCaseError> {
    // HTTP forbids a body on 204 and 304: the client reads none.
    let text = if matches!(status, 204 | 304) {
        String::new()
    } else {
        String::from_utf8_lossy(body).into_owned()
    };
    let ok_2xx = (200..300).contains(&status);
    match got {
        Outcome::Probe(p) => {
            prop_assert_eq!(&p, &ProbeAnswer::read(status, &text));
        }
        Outcome::Decoded(value) => {
            prop_assert!(
                ok_2xx,
                "{:?}: HTTP {} taken as success: {}",
                which,
                status,
                text
            );
            if which == Call::TcCreate {
                prop_assert!(status <= 202, "create accepts 200-202 only, not {}", status);
            }
            if let (Some(f), Some(kind)) = (valid, which.answer()) {
                let mut value = value;
                strip_unknown(&mut value);
                let expected = kind
                    .decode(&f.value.to_string())
                    .map_err(TestCaseError::fail)?;
                prop_assert_eq!(&value, &expected, "{:?}: {}", which, f.name);
            }
        }
        Outcome::Failed(e) => {
            // The properties of every error, read as the app and the CLI read them.
            let shown = e.to_string();
            let _ = (
                e.code(),
                e.explanation(),
                e.start_outcome(),
                e.outcome_reason(),
            );
            let _ = (e.may_have_taken_effect(), e.host(), format!("{e:?}"));
            let ids = e.echoed_ids();
            match &e {
                Error::Decode {
                    status: s, message, ..
                } => {
                    prop_assert_eq!(*s, status);
                    prop_assert!(
                        ok_2xx,
                        "{:?}: HTTP {} decoded as a success body",
                        which,
                        status
                    );
                    prop_assert!(!message.is_empty());
                    prop_assert!(
                        !message.contains("zq-secret") && !shown.contains("zq-secret"),
                        "a decode error quotes the body: {}",
                        message
                    );
                    if status == 200 || status == 201 {
                        prop_assert_eq!(e.start_outcome(), agora_rest::StartOutcome::Started);
                    }
                }
                Error::Api(api) => {
                    prop_assert_eq!(api.status, status);
                    prop_assert_eq!(&api.body, &ApiErrorBody::parse(&text));
                    let _ = (api.kind(), api.explain(), api.summary());
                }
                other => {
                    return Err(TestCaseError::fail(format!(
                        "{which:?}: HTTP {status} answered, yet {other:?}"
                    )))
                }
            }
            if valid.is_some() && status == 200 {
                return Err(TestCaseError::fail(format!(
                    "{which:?}: a documented answer was refused: {shown}\n{text}"
                )));
            }
            if let Some(full) = cut_from {
                for (got, name) in [
                    (&ids.resource_id, "resourceId"),
                    (&ids.sid, "sid"),
                    (&ids.task_id, "taskId"),
                ] {
                    if let (Some(v), Error::Decode { .. }) = (got, &e) {
                        prop_assert_eq!(
                            Some(v.clone()),
                            string_field(full, name),
                            "{} echoed from a cut answer",
                            name
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

struct Harness {
    rt: tokio::runtime::Runtime,
    _server: MockServer,
    answer: Answer,
    client: Client,
    reqs: Requests,
}

impl Harness {
    fn start() -> Self {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let answer = Answer::default();
        let server = rt.block_on(async {
            let server = MockServer::start().await;
            Mock::given(wiremock::matchers::any())
                .respond_with(answer.clone())
                .mount(&server)
                .await;
            server
        });
        // One attempt per call: every answer is the one decoded (no retry hides it).
        let client = Client::builder("appid-fuzz", Credentials::new("cust", "secret"))
            .endpoint(server.uri())
            .retry(RetryPolicy {
                max_attempts: 1,
                ..RetryPolicy::default()
            })
            .sleeper(Arc::new(NoWait))
            .build()
            .expect("a client");
        Self {
            rt,
            _server: server,
            answer,
            client,
            reqs: Requests::load(),
        }
    }

    fn run(&self, which: Call, status: u16, body: Vec<u8>) -> Outcome {
        *self.answer.0.lock().unwrap_or_else(|p| p.into_inner()) = (status, body);
        self.rt.block_on(call(&self.client, &self.reqs, which))
    }
}

#[test]
fn every_operation_accepts_its_documented_answer() {
    let h = Harness::start();
    for which in CALLS {
        let (status, body, fixture) = match which.answer() {
            Some(kind) => {
                let f = fixtures_of(kind)[0];
                (200, f.value.to_string().into_bytes(), Some(f))
            }
            None => (200, Vec::new(), None),
        };
        let got = h.run(which, status, body.clone());
        assert!(
            !matches!(got, Outcome::Failed(_)),
            "{which:?} refused its documented answer: {got:?}"
        );
        check_outcome(which, status, &body, fixture, None, got).unwrap();
        // And an error answer is an API error, not a decoding failure.
        let error = fixtures_of(Kind::ErrorBody)[0].value.to_string();
        let got = h.run(which, 400, error.clone().into_bytes());
        if which != Call::RecProbe {
            assert!(
                matches!(&got, Outcome::Failed(Error::Api(_))),
                "{which:?}: {got:?}"
            );
        }
        check_outcome(which, 400, error.as_bytes(), None, None, got).unwrap();
    }
}

#[test]
fn any_answer_to_any_operation_is_a_value_or_a_typed_error() {
    let h = Harness::start();
    let strategy = (
        prop::sample::select(CALLS.to_vec()),
        arb_status(),
        arb_seed(),
    );
    run_cases(CASES, &strategy, |(which, status, seed)| {
        let (body, valid, cut_from) = resolve(&seed, which);
        let got = h.run(which, status, body.clone());
        check_outcome(which, status, &body, valid, cut_from.as_deref(), got).map_err(|e| {
            TestCaseError::fail(format!(
                "{which:?} HTTP {status} transcoding={}: {e}",
                which.is_transcoding()
            ))
        })
    });
}
