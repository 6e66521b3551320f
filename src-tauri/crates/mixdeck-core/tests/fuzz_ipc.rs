//! Property-based fuzzing of IPC argument decoding: the app's Tauri commands take their
//! arguments as JSON from the webview, deserialized with serde into mixdeck-core's types
//! (`ProfileInput`, `SecretInput`, `BeginRecording`, `BeginTranscoding`, `SessionFilter`,
//! `ExportScope`, `Retention`, `PresetBody`, `Payload`, `BodyKind`, …) and agora-rest's request
//! types. A page that is out of date, a bug in the UI or a hostile script can send anything, so
//! every argument type decodes arbitrary JSON (random shapes with the types' own keys, and
//! edits of valid arguments) to a value or an error without panicking; whatever decodes goes
//! through the validation and the engine call the command makes (on an in-memory engine with a
//! memory vault), which answer `Ok` or an error and never panic, never leave a half-made
//! profile, and never put a keychain secret in a "Copy as curl" preview. 256 cases per property.

mod common;
mod fuzz_support;

use std::sync::Arc;
use std::time::Duration;

use agora_rest::codes::Vendor;
use agora_rest::recording::{self as rec, Mode};
use agora_rest::transcoding as tc;
use agora_rest::{Area, FieldError, RetryPolicy, Sensitive, Uid};
use common::NoWait;
use fuzz_support::{arb_json, arb_mutations};
use json_strategies::{config, keys_of, mutate, run_cases};
use mixdeck_core::body::{self, BodyKind, Payload};
use mixdeck_core::engine::{
    BeginRecording, BeginTranscoding, Database, ExportScope, PreviewRequest, SecretInput,
};
use mixdeck_core::store::{
    PresetBody, PresetId, ProfileId, ProfileInput, Retention, SessionFilter, SessionId,
    SessionKind, SessionState, StorageDefaults,
};
use mixdeck_core::vault::{MemoryStore, SecretKind};
use mixdeck_core::{CoreError, Engine, EngineConfig, ErrorReport};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const CASES: u32 = 256;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
/// The profile's keychain entries: none may appear in anything a command gives back.
const CUSTOMER_SECRET: &str = "fuzz-customer-secret-8172";
const APP_CERTIFICATE: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const ACCESS_KEY: &str = "fuzz-access-key-7261";
const SECRET_KEY: &str = "fuzz-storage-secret-9354";
const VAULT_SECRETS: [&str; 4] = [CUSTOMER_SECRET, APP_CERTIFICATE, ACCESS_KEY, SECRET_KEY];

// =============================================================================================
// Valid arguments of every command

fn storage() -> Value {
    json!({"vendor": 1, "region": 0, "bucket": "recordings", "accessKey": "", "secretKey": ""})
}

fn layout() -> Value {
    json!({"mixedVideoLayout": 3, "backgroundColor": "#000000", "layoutConfig": [
        {"uid": "1001", "x_axis": 0.0, "y_axis": 0.0, "width": 0.5, "height": 1.0, "alpha": 1.0, "render_mode": 0},
        {"uid": "1002", "x_axis": 0.5, "y_axis": 0.0, "width": 0.5, "height": 1.0}]})
}

fn start(mode: &str) -> Value {
    let client_request = match mode {
        "web" => json!({
            "extensionServiceConfig": {"errorHandlePolicy": "error_abort", "extensionServices": [
                {"serviceName": "web_recorder_service", "errorHandlePolicy": "error_abort",
                 "serviceParam": {"url": "https://example.com/show?session=zq-url-secret",
                    "audioProfile": 0, "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 2}}]},
            "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
            "storageConfig": storage()}),
        "individual" => json!({
            "recordingConfig": {"channelType": 0, "streamTypes": 2,
                "subscribeAudioUids": ["#allstream#"], "subscribeVideoUids": ["1001"],
                "subscribeUidGroup": 0},
            "snapshotConfig": {"captureInterval": 10, "fileType": ["jpg"]},
            "storageConfig": storage()}),
        _ => json!({
            "token": "zq-body-token",
            "recordingConfig": {"channelType": 1, "maxIdleTime": 120, "audioProfile": 1,
                "transcodingConfig": {"width": 640, "height": 360, "fps": 15, "bitrate": 500,
                    "mixedVideoLayout": 1, "backgroundColor": "#FF0000"}},
            "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
            "storageConfig": storage()}),
    };
    json!({"cname": "room-1", "uid": "527841", "clientRequest": client_request})
}

fn create() -> Value {
    json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "idleTimeout": 300,
        "audioInputs": [{"rtc": {"rtcChannel": "show", "rtcUid": 0}}],
        "videoInputs": [{"rtc": {"rtcChannel": "show", "rtcUid": 1001},
                         "region": {"x": 0, "y": 0, "width": 640, "height": 360}}],
        "canvas": {"width": 640, "height": 360},
        "outputs": [{"rtc": {"rtcChannel": "show-out", "rtcUid": 9, "rtcToken": "zq-out-token"},
                     "videoOption": {"width": 640, "height": 360, "bitrate": 400, "codec": "H264"}}]}}}}})
}

/// A transcoder pushing to a CDN (its stream key is a secret in the URL).
fn create_cdn() -> Value {
    json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "audioInputs": [{"rtc": {"rtcChannel": "show", "rtcUid": 0, "rtcToken": "zq-in-token"}}],
        "videoInputs": [{"rtc": {"rtcChannel": "show", "rtcUid": 1001},
                         "region": {"x": 0, "y": 0, "width": 640, "height": 360}}],
        "canvas": {"width": 640, "height": 360},
        "outputs": [{"streamUrl": "rtmp://cdn.example.com/live/zq-stream-key",
                     "videoOption": {"width": 640, "height": 360, "bitrate": 400}}]}}}}})
}

fn filter() -> Value {
    serde_json::to_value(SessionFilter {
        profile_id: Some(ProfileId(1)),
        kind: Some(SessionKind::Recording),
        mode: Some(Mode::Mix),
        state: Some(SessionState::Ended),
        cname: Some("room-1".into()),
        from: Some(0),
        to: Some(i64::MAX),
        text: Some("room".into()),
        open: Some(false),
        limit: Some(10),
        offset: Some(0),
    })
    .expect("JSON")
}

fn profile_input() -> Value {
    serde_json::to_value(ProfileInput {
        name: "Studio".into(),
        app_id: APP_ID.into(),
        customer_id: "cust-id".into(),
        area: Area::Eu,
        endpoint: Some("https://proxy.example.com/agora".into()),
        default_storage: Some(StorageDefaults {
            vendor: Vendor::AMAZON_S3,
            region: 4,
            bucket: "recordings".into(),
            file_name_prefix: Some(vec!["mixdeck".into()]),
            endpoint: None,
        }),
    })
    .expect("JSON")
}

/// Every argument type a command decodes, with valid values of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arg {
    BeginRecording,
    BeginTranscoding,
    ProfileInput,
    Secrets,
    SessionFilter,
    ExportScope,
    Retention,
    PresetBody,
    Payload,
    BodyKind,
    Mode,
    UpdateClientRequest,
    LayoutSettings,
    CreateRequest,
    TemplateRequest,
    Id,
    Text,
}

const ARGS: [Arg; 17] = [
    Arg::BeginRecording,
    Arg::BeginTranscoding,
    Arg::ProfileInput,
    Arg::Secrets,
    Arg::SessionFilter,
    Arg::ExportScope,
    Arg::Retention,
    Arg::PresetBody,
    Arg::Payload,
    Arg::BodyKind,
    Arg::Mode,
    Arg::UpdateClientRequest,
    Arg::LayoutSettings,
    Arg::CreateRequest,
    Arg::TemplateRequest,
    Arg::Id,
    Arg::Text,
];

impl Arg {
    fn examples(self) -> Vec<Value> {
        let envelope = |cr: Value| json!({"cname": "room-1", "uid": "527841", "clientRequest": cr});
        match self {
            Arg::BeginRecording => ["mix", "individual", "web"]
                .into_iter()
                .map(|m| {
                    json!({"profileId": 1, "mode": m, "acquire": {"resourceExpiredHour": 24},
                        "start": start(m), "retryCode65": false, "generateToken": m != "web",
                        "keysElsewhereConfirmed": false})
                })
                .collect(),
            Arg::BeginTranscoding => vec![
                json!({"profileId": 1, "instanceId": "show-1", "create": create(), "generateTokens": true}),
                json!({"profileId": 1, "instanceId": "show-2", "create": create_cdn()}),
            ],
            Arg::ProfileInput => vec![
                profile_input(),
                json!({"name": "Bare", "appId": APP_ID, "customerId": "c", "area": "US"}),
            ],
            Arg::Secrets => vec![
                json!([{"kind": "customerSecret", "value": "typed-secret"},
                       {"kind": "appCertificate", "value": APP_CERTIFICATE}]),
                json!([{"kind": "storageAccessKey", "value": " "}]),
                json!([]),
            ],
            Arg::SessionFilter => vec![filter(), json!({}), json!({"text": "roo", "limit": 500})],
            Arg::ExportScope => vec![
                json!({"kind": "session", "id": 1}),
                json!({"kind": "filter", "filter": filter()}),
            ],
            Arg::Retention => vec![
                json!({"keepDays": 30}),
                json!({"keepDays": null}),
                json!({}),
            ],
            Arg::PresetBody => vec![
                json!({"kind": "layout", "body": {"canvas": {"width": 640, "height": 360}, "layout": layout()}}),
                json!({"kind": "recordingStart", "body": {"mode": "mix", "start": start("mix")}}),
                json!({"kind": "transcodingCreate", "body": {"create": create(), "generateTokens": false}}),
            ],
            Arg::Payload => vec![
                json!({"kind": "recordingAcquire", "mode": "mix", "body": envelope(json!({"resourceExpiredHour": 24}))}),
                json!({"kind": "recordingStart", "mode": "mix", "body": start("mix")}),
                json!({"kind": "recordingStart", "mode": "web", "body": start("web")}),
                json!({"kind": "recordingUpdate", "mode": "individual", "body": envelope(json!({
                    "streamSubscribe": {"audioUidList": {"subscribeAudioUids": ["1001"]}}}))}),
                json!({"kind": "recordingUpdateLayout", "body": envelope(layout())}),
                json!({"kind": "recordingStop", "mode": "web", "body": envelope(json!({"async_stop": true}))}),
                json!({"kind": "transcodingBuilderToken", "body": {"instanceId": "show-1"}}),
                json!({"kind": "transcodingCreate", "body": create()}),
                json!({"kind": "transcodingUpdate", "body": create(), "sequenceId": 3, "lastSent": 2}),
            ],
            Arg::BodyKind => [
                "recordingAcquire",
                "recordingStart",
                "recordingUpdate",
                "recordingUpdateLayout",
                "transcodingCreate",
            ]
            .into_iter()
            .map(Value::from)
            .collect(),
            Arg::Mode => vec![json!("mix"), json!("web"), json!("individual"), Value::Null],
            Arg::UpdateClientRequest => vec![
                json!({"streamSubscribe": {"videoUidList": {"unSubscribeVideoUids": ["1002"]}}}),
                json!({"webRecordingConfig": {"onhold": true}}),
                json!({"rtmpPublishConfig": {"outputs": [{"rtmpUrl": "rtmp://cdn.example.com/live/k"}]}}),
            ],
            Arg::LayoutSettings => vec![layout(), json!({"mixedVideoLayout": 1})],
            Arg::CreateRequest => vec![create(), create_cdn()],
            Arg::TemplateRequest => {
                vec![json!({"enabled": true, "video": {"width": 1280, "height": 720, "fps": 30}})]
            }
            Arg::Id => vec![json!(1), json!(0), json!(-1), json!(i64::MAX)],
            Arg::Text => vec![json!("007eJxTYBBa8SbJ9eSmJj3uD8r3lp65Ht4Yyu8"), json!("")],
        }
    }
}

fn all_keys() -> Vec<String> {
    let values: Vec<Value> = ARGS.iter().flat_map(|a| a.examples()).collect();
    keys_of(&values)
}

#[test]
fn every_example_argument_decodes() {
    for arg in ARGS {
        for v in arg.examples() {
            assert!(
                decode_arg(arg, &v).unwrap(),
                "{arg:?} example does not decode: {v}"
            );
        }
    }
}

/// A value for `arg`: arbitrary JSON, a valid value, or a valid value with one to three edits.
fn arb_value(arg: Arg) -> BoxedStrategy<Value> {
    let examples = arg.examples();
    let keys = all_keys();
    prop_oneof![
        1 => arb_json(keys.clone()),
        2 => prop::sample::select(examples.clone()),
        5 => (prop::sample::select(examples), arb_mutations(keys))
            .prop_map(|(v, ms)| mutate(v, &ms)),
    ]
    .boxed()
}

fn arb_arg() -> BoxedStrategy<(Arg, Value)> {
    prop::sample::select(ARGS.to_vec())
        .prop_flat_map(|arg| arb_value(arg).prop_map(move |v| (arg, v)))
        .boxed()
}

// =============================================================================================
// Decoding and validation

fn from<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| e.to_string())
}

/// A field error as a form shows it: a message, and a dotted path without empty segments.
fn well_formed(errors: &[FieldError]) -> Result<(), TestCaseError> {
    for e in errors {
        prop_assert!(!e.message.trim().is_empty(), "no message: {:?}", e);
        prop_assert!(
            e.path.is_empty() || !e.path.split('.').any(str::is_empty),
            "empty path segment: {:?}",
            e
        );
    }
    Ok(())
}

fn envelope<C>(client_request: C) -> rec::Envelope<C> {
    rec::Envelope::new("room-1", Uid::from("527841"), client_request)
}

/// Decodes `v` as `arg` the way the command does (`Ok(false)`: refused, which is an answer);
/// on success runs the validation the command (or the form behind it) runs, and checks what
/// it reports.
fn decode_arg(arg: Arg, v: &Value) -> Result<bool, TestCaseError> {
    macro_rules! decode {
        ($t:ty) => {
            match from::<$t>(v) {
                Ok(x) => x,
                Err(_) => return Ok(false),
            }
        };
    }
    match arg {
        Arg::BeginRecording => {
            let r = decode!(BeginRecording);
            let acquire = envelope(r.acquire.clone());
            let mut errors = rec::ops::check_acquire(&acquire, r.mode);
            errors.extend(rec::ops::check_start(&r.start, r.mode));
            errors.extend(rec::ops::check_begin(&acquire, &r.start, r.mode));
            well_formed(&errors)?;
        }
        Arg::BeginTranscoding => {
            let r = decode!(BeginTranscoding);
            let mut errors = tc::check_acquire(&tc::BuilderTokenRequest {
                instance_id: r.instance_id,
                services: None,
            });
            errors.extend(tc::check_create(&r.create));
            well_formed(&errors)?;
        }
        Arg::ProfileInput => drop(decode!(ProfileInput)),
        Arg::Secrets => drop(decode!(Vec<SecretInput>)),
        Arg::SessionFilter => drop(decode!(SessionFilter)),
        Arg::ExportScope => drop(decode!(ExportScope)),
        Arg::Retention => {
            let r = decode!(Retention);
            let _ = (r.check(), r.label());
        }
        Arg::PresetBody => {
            let p = decode!(PresetBody);
            // What the app saves reads back as itself (as written for the wire: the shown
            // form redacts secrets and URLs).
            let again = PresetBody::read(p.kind(), agora_rest::reveal(|| p.to_json()));
            prop_assert_eq!(again.as_ref(), Ok(&p), "{}", v);
        }
        Arg::Payload => {
            let p = decode!(Payload);
            well_formed(&body::check(&p))?;
        }
        Arg::BodyKind => {
            let kind = decode!(BodyKind);
            let _ = body::check_json(kind, None, v.clone());
        }
        Arg::Mode => drop(decode!(Option<Mode>)),
        Arg::UpdateClientRequest => {
            let body = envelope(decode!(rec::UpdateClientRequest));
            for mode in Mode::ALL {
                well_formed(&rec::ops::check_update(&body, mode))?;
            }
        }
        Arg::LayoutSettings => {
            let l = decode!(rec::LayoutSettings);
            well_formed(&rec::ops::check_update_layout(&envelope(l)))?;
        }
        Arg::CreateRequest => {
            let c = decode!(tc::CreateRequest);
            well_formed(&tc::check_create(&c))?;
            for (seq, last) in [
                (0, None),
                (3, Some(2)),
                (2, Some(2)),
                (u64::MAX, Some(u64::MAX)),
            ] {
                well_formed(&tc::check_update(&c, seq, last))?;
            }
        }
        Arg::TemplateRequest => {
            let t = decode!(tc::TemplateRequest);
            for codec in ["720p", "", "a b", &"x".repeat(70)] {
                well_formed(&tc::check_template(codec, &t))?;
            }
        }
        Arg::Id => {
            let _ = from::<SessionId>(v);
            let _ = from::<PresetId>(v);
            let _: ProfileId = decode!(ProfileId);
        }
        Arg::Text => drop(decode!(String)),
    }
    Ok(true)
}

/// `check_body` (the JSON tabs): any body, any kind and mode; a shape error and a typed
/// payload never come together, and the rules are the payload's.
fn check_body(kind: BodyKind, mode: Option<Mode>, v: &Value) -> Result<(), TestCaseError> {
    let c = body::check_json(kind, mode, v.clone());
    prop_assert_eq!(c.schema.is_some(), c.payload.is_none(), "{:?}", c);
    if let Some(e) = &c.schema {
        prop_assert!(c.rules.is_empty());
        well_formed(std::slice::from_ref(e))?;
        if v.is_object() && !e.message.starts_with("the body") {
            prop_assert!(
                !e.path.is_empty(),
                "a field error without a path: {:?}\n{}",
                e,
                v
            );
        }
    }
    if let Some(p) = &c.payload {
        prop_assert_eq!(&c.rules, &body::check(p));
        well_formed(&c.rules)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES))]

    /// Every argument type, from arbitrary and edited JSON: decoded or refused, and what
    /// decodes passes through its validation without a panic.
    #[test]
    fn every_argument_decodes_or_errs_and_validates((arg, value) in arb_arg()) {
        decode_arg(arg, &value)
            .map_err(|e| TestCaseError::fail(format!("{arg:?}: {e}\n{value}")))?;
    }

    #[test]
    fn check_body_answers_any_body(
        kind in prop::sample::select(vec![
            BodyKind::RecordingAcquire, BodyKind::RecordingStart, BodyKind::RecordingUpdate,
            BodyKind::RecordingUpdateLayout, BodyKind::TranscodingCreate,
        ]),
        mode in prop::option::of(prop::sample::select(Mode::ALL.to_vec())),
        body in prop_oneof![
            arb_value(Arg::Payload).prop_map(|v| v.get("body").cloned().unwrap_or(v)),
            arb_value(Arg::CreateRequest),
            arb_value(Arg::BeginRecording).prop_map(|v| v.get("start").cloned().unwrap_or(v)),
        ],
    ) {
        check_body(kind, mode, &body)?;
    }
}

// =============================================================================================
// Session filters (list_sessions, export_history)

fn maybe<T: std::fmt::Debug + Clone + 'static>(
    p: f64,
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop::option::weighted(p, s).boxed()
}

/// Filters built field by field, with the numbers at the edges of their types.
fn arb_filter() -> BoxedStrategy<SessionFilter> {
    let edge_u32 = prop_oneof![
        Just(0u32),
        Just(1),
        Just(50),
        Just(499),
        Just(500),
        Just(501),
        Just(u32::MAX - 500),
        Just(u32::MAX - 1),
        Just(u32::MAX),
        any::<u32>(),
    ]
    .boxed();
    let edge_i64 = prop_oneof![
        Just(0i64),
        Just(-1),
        Just(i64::MIN),
        Just(i64::MAX),
        any::<i64>(),
    ]
    .boxed();
    (
        (
            maybe(
                0.15,
                prop_oneof![Just(1i64), any::<i64>()]
                    .prop_map(ProfileId)
                    .boxed(),
            ),
            maybe(
                0.15,
                prop::sample::select(vec![SessionKind::Recording, SessionKind::Transcoding])
                    .boxed(),
            ),
            maybe(0.15, prop::sample::select(Mode::ALL.to_vec()).boxed()),
            maybe(
                0.15,
                prop::sample::select(vec![
                    SessionState::Started,
                    SessionState::Ended,
                    SessionState::Acquiring,
                ])
                .boxed(),
            ),
            maybe(0.15, "[a-z0-9_%-]{0,8}".boxed()),
        ),
        (
            maybe(0.15, edge_i64.clone()),
            maybe(0.15, edge_i64),
            maybe(
                0.6,
                prop_oneof!["[a-zA-Z0-9 _%\"'\\\\*-]{0,10}", any::<String>()].boxed(),
            ),
            maybe(0.15, any::<bool>().boxed()),
            maybe(0.5, edge_u32.clone()),
            maybe(0.5, edge_u32),
        ),
    )
        .prop_map(
            |((profile_id, kind, mode, state, cname), (from, to, text, open, limit, offset))| {
                SessionFilter {
                    profile_id,
                    kind,
                    mode,
                    state,
                    cname,
                    from,
                    to,
                    text,
                    open,
                    limit,
                    offset,
                }
            },
        )
        .boxed()
}

// =============================================================================================
// The engine's commands, on an in-memory engine

struct World {
    rt: tokio::runtime::Runtime,
    engine: Engine,
    profile: ProfileId,
}

fn world() -> World {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let (engine, profile) = rt.block_on(async {
        let mut config = EngineConfig::new(Database::InMemory, Arc::new(MemoryStore::default()));
        config.sandbox_profile = false;
        config.namespace = "io.mixdeck.fuzz".into();
        config.sleeper = Arc::new(NoWait);
        config.retry = RetryPolicy {
            max_attempts: 1,
            request_timeout: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(1),
            ..RetryPolicy::default()
        };
        let engine = Engine::open(config).await.expect("an in-memory engine");
        let secret = |kind, value: &str| SecretInput {
            kind,
            value: Sensitive::from(value),
        };
        let view = engine
            .create_profile(
                ProfileInput {
                    name: "Fuzz".into(),
                    app_id: APP_ID.into(),
                    customer_id: "cust-id".into(),
                    area: Area::Us,
                    // Nothing listens there: a request that is sent fails at once.
                    endpoint: Some("http://127.0.0.1:9".into()),
                    default_storage: Some(StorageDefaults {
                        vendor: Vendor::AMAZON_S3,
                        region: 0,
                        bucket: "recordings".into(),
                        file_name_prefix: None,
                        endpoint: None,
                    }),
                },
                vec![
                    secret(SecretKind::CustomerSecret, CUSTOMER_SECRET),
                    secret(SecretKind::AppCertificate, APP_CERTIFICATE),
                    secret(SecretKind::StorageAccessKey, ACCESS_KEY),
                    secret(SecretKind::StorageSecretKey, SECRET_KEY),
                ],
            )
            .await
            .expect("a profile");
        // One session in the history (its start failed: nothing answers), for filters to find.
        let begin: BeginRecording =
            serde_json::from_value(Arg::BeginRecording.examples()[0].clone()).expect("valid");
        let _ = engine
            .begin_recording(BeginRecording {
                profile_id: view.profile.id,
                ..begin
            })
            .await;
        (engine, view.profile.id)
    });
    World {
        rt,
        engine,
        profile,
    }
}

/// No keychain secret in `text`.
fn no_vault_secret(what: &str, text: &str) -> Result<(), TestCaseError> {
    for s in VAULT_SECRETS {
        prop_assert!(
            !text.contains(s),
            "{}: a keychain secret shows: {}",
            what,
            text
        );
    }
    Ok(())
}

/// Every value under a secret key (agora-rest's list, which its tests check against the
/// documented one) in `v` is redacted (or empty, which holds nothing).
fn redacted(v: &Value) -> Result<(), TestCaseError> {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                if agora_rest::secret::SECRET_KEYS.contains(&k.as_str()) && !child.is_null() {
                    prop_assert!(child == "<redacted>" || child == "", "{} = {}", k, child);
                }
                redacted(child)?;
            }
        }
        Value::Array(a) => a.iter().try_for_each(redacted)?,
        _ => {}
    }
    Ok(())
}

/// An error as the app shows it: a report with a code and a message, and no keychain secret.
fn reported(what: &str, e: &mixdeck_core::CoreError) -> Result<(), TestCaseError> {
    let report = ErrorReport::from(e);
    prop_assert!(!report.message.trim().is_empty(), "{}: {:?}", what, report);
    well_formed(&report.fields)?;
    let text = serde_json::to_string(&report).expect("a report encodes");
    no_vault_secret(what, &format!("{text} {e} {e:?}"))
}

/// The command the app would run for `cmd` with arguments `a` and `b`.
#[derive(Debug, Clone, Copy)]
enum Command {
    PreviewRecording,
    PreviewTranscoding,
    CreateProfile,
    ListSessions,
    ExportHistory,
    SetRetention,
    SavePreset,
    ValidatePayload,
    DeleteSession,
    SessionDetail,
    DeletePreset,
    InspectToken,
}

const COMMANDS: [Command; 12] = [
    Command::PreviewRecording,
    Command::PreviewTranscoding,
    Command::CreateProfile,
    Command::ListSessions,
    Command::ExportHistory,
    Command::SetRetention,
    Command::SavePreset,
    Command::ValidatePayload,
    Command::DeleteSession,
    Command::SessionDetail,
    Command::DeletePreset,
    Command::InspectToken,
];

impl Command {
    fn args(self) -> (Arg, Arg) {
        match self {
            Command::PreviewRecording => (Arg::BeginRecording, Arg::Id),
            Command::PreviewTranscoding => (Arg::BeginTranscoding, Arg::Id),
            Command::CreateProfile => (Arg::ProfileInput, Arg::Secrets),
            Command::ListSessions => (Arg::SessionFilter, Arg::Id),
            Command::ExportHistory => (Arg::ExportScope, Arg::Id),
            Command::SetRetention => (Arg::Retention, Arg::Id),
            Command::SavePreset => (Arg::PresetBody, Arg::Text),
            Command::ValidatePayload => (Arg::Payload, Arg::Id),
            Command::DeleteSession | Command::SessionDetail | Command::DeletePreset => {
                (Arg::Id, Arg::Id)
            }
            Command::InspectToken => (Arg::Text, Arg::Id),
        }
    }
}

/// Arguments for every command: each case runs them all.
fn arb_commands() -> BoxedStrategy<Vec<(Command, Value, Value, bool)>> {
    COMMANDS
        .iter()
        .map(|&cmd| {
            let (a, b) = cmd.args();
            (
                Just(cmd),
                arb_value(a),
                arb_value(b),
                prop::bool::weighted(0.8),
            )
                .boxed()
        })
        .collect::<Vec<_>>()
        .boxed()
}

/// A preview command's answer: the two requests it would send, neither showing a keychain
/// secret nor an unredacted value under a secret key (and, if `curl`, each with a curl line),
/// or an error as the app shows it.
fn previewed(
    what: &str,
    answer: Result<Vec<PreviewRequest>, CoreError>,
    curl: bool,
) -> Result<(), TestCaseError> {
    match answer {
        Ok(previews) => {
            prop_assert_eq!(previews.len(), 2);
            for p in &previews {
                let text = serde_json::to_string(p).expect("a preview encodes");
                no_vault_secret(what, &text)?;
                redacted(p.body.as_ref().unwrap_or(&Value::Null))?;
                if curl {
                    prop_assert!(p.curl.starts_with("curl "));
                }
            }
            Ok(())
        }
        Err(err) => reported(what, &err),
    }
}

impl World {
    /// `a` decoded as a command's request (`None`: refused, which is the command's answer),
    /// pointed at the fuzz profile (the field `profile_id` gives) if `own_profile`.
    fn request<T: DeserializeOwned>(
        &self,
        a: &Value,
        own_profile: bool,
        profile_id: impl FnOnce(&mut T) -> &mut ProfileId,
    ) -> Option<T> {
        let mut req = from::<T>(a).ok()?;
        if own_profile {
            *profile_id(&mut req) = self.profile;
        }
        Some(req)
    }

    /// Runs `cmd` on the decoded arguments (a decoding failure is the command's answer);
    /// `own_profile` points a request at the fuzz profile, else it keeps the id it decoded.
    async fn run(
        &self,
        cmd: Command,
        a: &Value,
        b: &Value,
        own_profile: bool,
    ) -> Result<(), TestCaseError> {
        let e = &self.engine;
        let what = format!("{cmd:?}");
        match cmd {
            Command::PreviewRecording => {
                let req = self.request(a, own_profile, |r: &mut BeginRecording| &mut r.profile_id);
                if let Some(req) = req {
                    previewed(&what, e.preview_recording(req).await, true)?;
                }
            }
            Command::PreviewTranscoding => {
                let req =
                    self.request(a, own_profile, |r: &mut BeginTranscoding| &mut r.profile_id);
                if let Some(req) = req {
                    previewed(&what, e.preview_transcoding(req).await, false)?;
                }
            }
            Command::CreateProfile => {
                let (Ok(input), Ok(secrets)) =
                    (from::<ProfileInput>(a), from::<Vec<SecretInput>>(b))
                else {
                    return Ok(());
                };
                let before = e
                    .profiles()
                    .await
                    .map_err(|x| TestCaseError::fail(x.to_string()))?;
                match e.create_profile(input, secrets).await {
                    Ok(view) => {
                        let after = e
                            .profiles()
                            .await
                            .map_err(|x| TestCaseError::fail(x.to_string()))?;
                        prop_assert_eq!(after.len(), before.len() + 1);
                        no_vault_secret(&what, &format!("{view:?}"))?;
                        e.delete_profile(view.profile.id)
                            .await
                            .map_err(|x| TestCaseError::fail(x.to_string()))?;
                    }
                    Err(err) => {
                        reported(&what, &err)?;
                        let after = e
                            .profiles()
                            .await
                            .map_err(|x| TestCaseError::fail(x.to_string()))?;
                        prop_assert_eq!(after, before, "a refused profile left something behind");
                    }
                }
            }
            Command::ListSessions => {
                let Ok(filter) = from::<SessionFilter>(a) else {
                    return Ok(());
                };
                let store = e.store();
                let page = tokio::task::spawn_blocking(move || {
                    store.sessions(&filter).map(|p| (p, filter))
                })
                .await
                .map_err(|x| TestCaseError::fail(format!("the query panicked: {x}")))?;
                match page {
                    Ok((page, filter)) => {
                        let limit = filter.limit.unwrap_or(50).clamp(1, 500) as usize;
                        prop_assert!(page.items.len() <= limit);
                        prop_assert!(page.items.len() as u64 <= u64::from(page.total));
                    }
                    Err(err) => prop_assert!(!err.to_string().is_empty()),
                }
            }
            Command::ExportHistory => {
                let Ok(scope) = from::<ExportScope>(a) else {
                    return Ok(());
                };
                match e.export_history(scope).await {
                    Ok(export) => {
                        no_vault_secret(&what, &serde_json::to_string(&export).expect("JSON"))?
                    }
                    Err(err) => reported(&what, &err)?,
                }
            }
            Command::SetRetention => {
                let Ok(r) = from::<Retention>(a) else {
                    return Ok(());
                };
                let result = e.set_retention(r).await;
                prop_assert_eq!(result.is_ok(), r.check().is_ok(), "{:?}: {:?}", r, result);
                if let Err(err) = result {
                    reported(&what, &err)?;
                }
                // Back to keeping everything, so later cases still see the session.
                e.set_retention(Retention { keep_days: None })
                    .await
                    .map_err(|x| TestCaseError::fail(x.to_string()))?;
            }
            Command::SavePreset => {
                let (Ok(preset), Ok(name)) = (from::<PresetBody>(a), from::<String>(b)) else {
                    return Ok(());
                };
                let store = e.store();
                let before = store
                    .presets(None)
                    .map_err(|x| TestCaseError::fail(x.to_string()))?;
                match store.save_preset(&name, &preset) {
                    Ok(saved) => {
                        prop_assert_eq!(&saved.name, name.trim());
                        prop_assert_eq!(saved.body.kind(), preset.kind());
                        redacted(&saved.body.to_json())?;
                        store
                            .delete_preset(saved.id)
                            .map_err(|x| TestCaseError::fail(x.to_string()))?;
                    }
                    Err(err) => {
                        prop_assert!(!err.to_string().is_empty());
                        let after = store
                            .presets(None)
                            .map_err(|x| TestCaseError::fail(x.to_string()))?;
                        prop_assert_eq!(after, before);
                    }
                }
            }
            Command::ValidatePayload => {
                if let Ok(p) = from::<Payload>(a) {
                    well_formed(&body::check(&p))?;
                }
            }
            Command::DeleteSession => {
                if let Ok(id) = from::<SessionId>(a) {
                    if let Err(err) = e.delete_session(id).await {
                        reported(&what, &err)?;
                    }
                }
            }
            Command::SessionDetail => {
                if let Ok(id) = from::<SessionId>(a) {
                    match e.session_detail(id).await {
                        Ok(d) => no_vault_secret(&what, &format!("{:?}", d.session))?,
                        Err(err) => reported(&what, &err)?,
                    }
                }
            }
            Command::DeletePreset => {
                if let Ok(id) = from::<PresetId>(a) {
                    let store = e.store();
                    if let Err(err) = store.delete_preset(id) {
                        prop_assert!(!err.to_string().is_empty());
                    }
                }
            }
            Command::InspectToken => {
                if let Ok(token) = from::<String>(a) {
                    if let Err(err) = mixdeck_core::engine::inspect_token(&token) {
                        reported(&what, &err)?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[test]
fn the_commands_take_any_arguments() {
    let w = world();
    run_cases(CASES, &arb_commands(), |commands| {
        for (cmd, a, b, own) in commands {
            w.rt.block_on(w.run(cmd, &a, &b, own))
                .map_err(|e| TestCaseError::fail(format!("{cmd:?}: {e}\na = {a}\nb = {b}")))?;
        }
        Ok(())
    });
}

#[test]
fn session_filters_of_any_shape_give_a_page() {
    let w = world();
    run_cases(CASES, &arb_filter(), |filter| {
        let value = serde_json::to_value(&filter).expect("JSON");
        w.rt.block_on(w.run(Command::ListSessions, &value, &Value::Null, true))?;
        let scope = json!({"kind": "filter", "filter": value});
        w.rt.block_on(w.run(Command::ExportHistory, &scope, &Value::Null, true))
    });
}

/// Found by `session_filters_of_any_shape_give_a_page`: a text-only search with an offset near
/// `u32::MAX` once overflowed `offset + limit` in `Store::sessions` (a panic in debug builds);
/// `list_sessions` takes the filter from the webview as is.
#[test]
fn a_text_search_far_past_the_end_is_an_empty_page() {
    let store = mixdeck_core::store::Store::in_memory().unwrap();
    let filter: SessionFilter =
        serde_json::from_value(json!({"text": "room", "offset": u32::MAX})).unwrap();
    let page = store.sessions(&filter).unwrap();
    assert!(page.items.is_empty());
}

#[test]
fn the_example_requests_preview() {
    let w = world();
    for v in Arg::BeginRecording.examples() {
        let req: BeginRecording = serde_json::from_value(v.clone()).unwrap();
        let r = w.rt.block_on(w.engine.preview_recording(BeginRecording {
            profile_id: w.profile,
            ..req
        }));
        assert!(r.is_ok(), "{v}: {r:?}");
    }
    for v in Arg::BeginTranscoding.examples() {
        let req: BeginTranscoding = serde_json::from_value(v.clone()).unwrap();
        let r =
            w.rt.block_on(w.engine.preview_transcoding(BeginTranscoding {
                profile_id: w.profile,
                ..req
            }));
        assert!(r.is_ok(), "{v}: {r:?}");
    }
}
