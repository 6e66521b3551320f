//! The sandbox's reading of the wire format against agora-rest's typed model and validators.
//!
//! For every property of every request schema: a value at each end of its documented range must
//! pass both readings and come back out of the client's types under a documented spelling, and a
//! value just past it (or of the wrong type, or a missing required key) must be refused by both.
//! Where they part, the difference must be listed in [`KEPT`] with why; a listed difference that
//! no longer happens fails too, so the list stays true.

use agora_rest::recording::{
    self as client, AcquireRequest, StartRequest, StopRequest, UpdateLayoutRequest, UpdateRequest,
};
use agora_rest::transcoding::{
    validate_acquire as client_token_check, validate_create as client_create_check,
    BuilderTokenRequest as ClientToken, CreateRequest as ClientCreate,
};
use agora_rest::FieldError;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::read_value;
use super::recording::{
    layout_update_rules, rtc_channel_name_ok, start_rules, update_rules, AcquireClient, Envelope,
    Mode, StartClient, UpdateClient, SCENE_WEB,
};
use super::recording_schema as rec;
use super::schema::{check, Completeness, Kind, Problem, Prop, UID_MAX};
use super::transcoding as tc;

const VERTICAL: &str =
    "the client asks for maxResolutionUid with the vertical layout (2), whose big window \
     it names; the reference does not say that Agora refuses the layout without it";
/// The vertical layout (2) and the custom one (3) in start's transcodingConfig.
const CUSTOM_OR_VERTICAL: &str =
    "the client asks for maxResolutionUid with the vertical layout (2) \
     and for layoutConfig with the custom layout (3), which mean nothing without them; the \
     reference does not say that Agora refuses either";
const EMPTY_REGION: &str =
    "the client refuses a region of width or height 0, which shows nothing; the \
     reference's range [0, 1] includes 0";
const STORAGE_REGION: &str =
    "the client checks the region against the vendor's table (§1.4.5); the \
     reference does not say start refuses a region outside it, so the sandbox takes any";
const LEGACY_AUDIO: &str = "legacy postponed-transcoding options ([UNSURE] in the reference): the \
     sandbox takes the listed values only, the client passes any string through";
const RTC_UID_0: &str =
    "the client refuses uid 0 where one user is meant (video inputs, outputs); \
     0 stands for the whole channel only in audio inputs, the reference gives 0 as a bound for all";

/// Differences kept on purpose: (endpoint, property path, why).
const KEPT: &[(&str, &str, &str)] = &[
    (
        "start (mix)",
        "clientRequest.recordingConfig.transcodingConfig.mixedVideoLayout",
        CUSTOM_OR_VERTICAL,
    ),
    (
        "start (mix)",
        "clientRequest.recordingConfig.transcodingConfig.layoutConfig.0.width",
        EMPTY_REGION,
    ),
    (
        "start (mix)",
        "clientRequest.recordingConfig.transcodingConfig.layoutConfig.0.height",
        EMPTY_REGION,
    ),
    (
        "start (mix)",
        "clientRequest.storageConfig.region",
        STORAGE_REGION,
    ),
    (
        "start (individual)",
        "clientRequest.transcodeOptions.audio.sampleRate",
        LEGACY_AUDIO,
    ),
    (
        "start (individual)",
        "clientRequest.transcodeOptions.audio.bitrate",
        LEGACY_AUDIO,
    ),
    (
        "start (individual)",
        "clientRequest.transcodeOptions.audio.channels",
        LEGACY_AUDIO,
    ),
    (
        "update",
        "clientRequest.storageConfig.region",
        STORAGE_REGION,
    ),
    ("updateLayout", "clientRequest.mixedVideoLayout", VERTICAL),
    (
        "updateLayout",
        "clientRequest.layoutConfig.0.width",
        EMPTY_REGION,
    ),
    (
        "updateLayout",
        "clientRequest.layoutConfig.0.height",
        EMPTY_REGION,
    ),
    (
        "stop",
        "clientRequest",
        "serde reads a struct from a JSON array too; the client never sends one",
    ),
    (
        "create",
        "services.cloudTranscoder.config.transcoder.videoInputs.0.rtc.rtcUid",
        RTC_UID_0,
    ),
    (
        "create",
        "services.cloudTranscoder.config.transcoder.outputs.0.rtc.rtcUid",
        RTC_UID_0,
    ),
];

/// What agora-rest made of a body.
struct ClientView {
    /// The path of the first key its types could not read.
    refused_at: Option<String>,
    /// The paths of its validators' errors.
    errors: Vec<String>,
    /// The body as its types write it back.
    written: Option<Value>,
}

fn path_of(e: &serde_path_to_error::Path) -> String {
    e.iter()
        .map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => index.to_string(),
            serde_path_to_error::Segment::Map { key } => key.clone(),
            serde_path_to_error::Segment::Enum { variant } => variant.clone(),
            serde_path_to_error::Segment::Unknown => "?".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn through_client<T: DeserializeOwned + serde::Serialize>(
    body: &Value,
    validate: impl Fn(&T) -> Vec<FieldError>,
) -> ClientView {
    match serde_path_to_error::deserialize::<_, T>(body.clone()) {
        Err(e) => ClientView {
            refused_at: Some(path_of(e.path())),
            errors: Vec::new(),
            written: None,
        },
        Ok(typed) => ClientView {
            refused_at: None,
            errors: validate(&typed)
                .into_iter()
                .filter(FieldError::is_error)
                .map(|e| e.path)
                .collect(),
            // What the client puts on the wire, so inside `reveal`.
            written: agora_rest::reveal(|| serde_json::to_value(&typed)).ok(),
        },
    }
}

fn errors_of(r: Result<(), Vec<FieldError>>) -> Vec<FieldError> {
    r.err().unwrap_or_default()
}

/// One request body: its schema, a body both readings accept, and the client's reading.
struct Endpoint {
    name: &'static str,
    props: &'static [Prop],
    base: Value,
    /// Which property paths this base is about (a mix body's extension services are web's).
    scope: fn(&str) -> bool,
    /// The sandbox's verdict: schema, then the rules across fields.
    ours: fn(&Value) -> Result<(), Vec<Problem>>,
    client: fn(&Value) -> ClientView,
}

fn acquire_ours(b: &Value) -> Result<(), Vec<Problem>> {
    let r: Envelope<AcquireClient> = read_value(b, rec::ACQUIRE)?;
    if r.client_request.scene != SCENE_WEB && !rtc_channel_name_ok(&r.cname) {
        return Err(vec![Problem {
            path: "cname".into(),
            rule: "invalid_channel_name".into(),
        }]);
    }
    Ok(())
}

fn start_ours(b: &Value, mode: Mode) -> Result<(), Vec<Problem>> {
    let r: Envelope<StartClient> = read_value(b, rec::START)?;
    start_rules(&r.client_request, mode)
}

fn schema_only(props: &'static [Prop]) -> impl Fn(&Value) -> Result<(), Vec<Problem>> {
    move |b| check(b, &Kind::Object(props), Completeness::Whole).map(drop)
}

const WEB_ONLY: &str = "clientRequest.extensionServiceConfig";
const INDIVIDUAL_ONLY: [&str; 5] = [
    "clientRequest.snapshotConfig",
    "clientRequest.appsCollection",
    "clientRequest.transcodeOptions",
    "clientRequest.recordingConfig.subscribeUidGroup",
    "clientRequest.recordingConfig.streamMode",
];

fn everything(_: &str) -> bool {
    true
}

fn storage() -> Value {
    json!({"vendor": 1, "region": 0, "bucket": "bucket", "accessKey": "AK", "secretKey": "SK", "stsToken": "t", "stsExpiration": 1_900_000_000})
}

fn envelope(client_request: Value) -> Value {
    json!({"cname": "room", "uid": "1", "clientRequest": client_request})
}

fn endpoints() -> Vec<Endpoint> {
    let mix = envelope(json!({
        "recordingConfig": {"channelType": 1, "transcodingConfig": {"width": 640, "height": 360}},
        "recordingFileConfig": {"avFileType": ["hls"]},
        "storageConfig": storage(),
    }));
    let individual = envelope(json!({
        "recordingConfig": {"channelType": 0, "subscribeUidGroup": 0, "streamTypes": 2},
        "snapshotConfig": {"fileType": ["jpg"]},
        "storageConfig": storage(),
    }));
    let web = envelope(json!({
        "extensionServiceConfig": {"extensionServices": [
            {"serviceName": "web_recorder_service", "serviceParam": {"url": "https://example.com", "audioProfile": 0, "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 1}},
            {"serviceName": "rtmp_publish_service", "serviceParam": {"outputs": [{"rtmpUrl": "rtmp://cdn.example.com/live"}]}}
        ]},
        "recordingFileConfig": {"avFileType": ["hls"]},
        "storageConfig": storage(),
    }));
    let create = json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "t"}}],
        "videoInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 1, "rtcToken": "t"}, "region": {"x": 0, "y": 0, "width": 320, "height": 240}}],
        "canvas": {"width": 640, "height": 360},
        "waterMarks": [{"imageUrl": "https://example.com/w.png", "region": {"x": 0, "y": 0, "width": 120, "height": 120}}],
        "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9, "rtcToken": "t"}, "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"}, "videoOption": {"width": 640, "height": 360, "bitrate": 800}}]
    }}}}});
    vec![
        Endpoint {
            name: "acquire",
            props: rec::ACQUIRE,
            base: envelope(json!({})),
            scope: everything,
            ours: acquire_ours,
            client: |b| {
                through_client::<AcquireRequest>(b, |r| {
                    let mut c = r.clone();
                    c.client_request.start_parameter = None;
                    // The mode is start's; the scene says which one this acquire is for.
                    let mode = match c.client_request.scene.map(|s| s.0) {
                        Some(1) => client::Mode::Web,
                        Some(2) => client::Mode::Individual,
                        _ => client::Mode::Mix,
                    };
                    client::ops::check_acquire(&c, mode)
                })
            },
        },
        Endpoint {
            name: "start (mix)",
            props: rec::START,
            base: mix,
            scope: |at| {
                !at.starts_with(WEB_ONLY) && !INDIVIDUAL_ONLY.iter().any(|p| at.starts_with(p))
            },
            ours: |b| start_ours(b, Mode::Mix),
            client: |b| {
                through_client::<StartRequest>(b, |r| {
                    client::ops::check_start(r, client::Mode::Mix)
                })
            },
        },
        Endpoint {
            name: "start (individual)",
            props: rec::START,
            base: individual,
            scope: |at| INDIVIDUAL_ONLY.iter().any(|p| at.starts_with(p)),
            ours: |b| start_ours(b, Mode::Individual),
            client: |b| {
                through_client::<StartRequest>(b, |r| {
                    client::ops::check_start(r, client::Mode::Individual)
                })
            },
        },
        Endpoint {
            name: "start (web)",
            props: rec::START,
            base: web,
            scope: |at| at.starts_with(WEB_ONLY),
            ours: |b| start_ours(b, Mode::Web),
            client: |b| {
                through_client::<StartRequest>(b, |r| {
                    client::ops::check_start(r, client::Mode::Web)
                })
            },
        },
        Endpoint {
            name: "update",
            props: rec::UPDATE,
            base: envelope(
                json!({"streamSubscribe": {"audioUidList": {"subscribeAudioUids": ["1"]}}}),
            ),
            scope: everything,
            ours: |b| {
                let r: Envelope<UpdateClient> = read_value(b, rec::UPDATE)?;
                update_rules(&r.client_request, Mode::Mix)
            },
            client: |b| {
                through_client::<UpdateRequest>(b, |r| {
                    client::ops::check_update(r, client::Mode::Mix)
                })
            },
        },
        Endpoint {
            name: "updateLayout",
            props: rec::UPDATE_LAYOUT,
            base: envelope(
                json!({"mixedVideoLayout": 3, "layoutConfig": [{"x_axis": 0, "y_axis": 0, "width": 1, "height": 1}]}),
            ),
            scope: everything,
            ours: |b| {
                let r: Envelope<serde_json::Map<String, Value>> =
                    read_value(b, rec::UPDATE_LAYOUT)?;
                layout_update_rules(&r.client_request)
            },
            client: |b| through_client::<UpdateLayoutRequest>(b, client::ops::check_update_layout),
        },
        Endpoint {
            name: "stop",
            props: rec::STOP,
            base: envelope(json!({"async_stop": false})),
            scope: everything,
            ours: |b| schema_only(rec::STOP)(b),
            client: |b| {
                through_client::<StopRequest>(b, |r| client::ops::check_stop(r, client::Mode::Mix))
            },
        },
        Endpoint {
            name: "builderTokens",
            props: tc::BUILDER_TOKEN,
            base: json!({"instanceId": "instance-1"}),
            scope: everything,
            ours: |b| {
                let r: tc::BuilderTokenRequest = read_value(b, tc::BUILDER_TOKEN)?;
                if tc::instance_id_ok(&r.instance_id) {
                    Ok(())
                } else {
                    Err(vec![Problem {
                        path: "instanceId".into(),
                        rule: "characters".into(),
                    }])
                }
            },
            client: |b| through_client::<ClientToken>(b, |r| errors_of(client_token_check(r))),
        },
        Endpoint {
            name: "create",
            props: tc::CREATE,
            base: create,
            scope: everything,
            ours: |b| {
                let r: tc::CreateRequest = read_value(b, tc::CREATE)?;
                tc::create_rules(&tc::Transcoder::read(
                    &r.services.cloud_transcoder.config.transcoder,
                ))
            },
            client: |b| through_client::<ClientCreate>(b, |r| errors_of(client_create_check(r))),
        },
    ]
}

/// A path into a body: keys, and index 0 of arrays.
#[derive(Clone, Debug)]
enum Seg {
    Key(&'static Prop),
    /// Index `n` of an array whose items are `item`.
    Index(usize, &'static Kind),
}

fn dotted(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(p) => p.name.to_owned(),
            Seg::Index(i, _) => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A simple value `kind` accepts (`name` says what a string is for).
fn minimal(name: &str, kind: &Kind) -> Value {
    match kind {
        Kind::Str { .. } | Kind::Any if name.to_lowercase().contains("url") => {
            json!("https://example.com/a.jpg")
        }
        Kind::Str { .. } | Kind::Any => json!("a"),
        Kind::Uid | Kind::UidOrAll => json!("1"),
        Kind::Int { min, .. } => json!(min),
        // The largest: a region of 0 × 0 means nothing.
        Kind::Num { max, .. } => json!(max),
        Kind::Bool => json!(false),
        Kind::Text(o) => json!(o[0]),
        Kind::Code(o) => json!(o[0]),
        Kind::Object(props) => object_of(props),
        Kind::List { .. } => json!([]),
        Kind::Tagged { tag, variants } => {
            let mut v = object_of(variants[0].1);
            v[*tag] = json!(variants[0].0);
            v
        }
    }
}

fn object_of(props: &[Prop]) -> Value {
    Value::Object(
        props
            .iter()
            .filter(|p| p.required)
            .map(|p| (p.name.to_owned(), minimal(p.name, &p.kind)))
            .collect(),
    )
}

/// Sets (or, with `None`, removes) the value at `path`, creating what leads to it.
fn put(body: &mut Value, path: &[Seg], value: Option<Value>) {
    let (last, lead) = path.split_last().expect("a path");
    let mut here = body;
    for seg in lead {
        here = match seg {
            Seg::Key(p) => {
                let map = here.as_object_mut().expect("an object");
                map.entry(p.name)
                    .or_insert_with(|| minimal(p.name, &p.kind))
            }
            Seg::Index(i, item) => {
                let list = here.as_array_mut().expect("an array");
                while list.len() <= *i {
                    list.push(minimal("", item));
                }
                &mut list[*i]
            }
        };
    }
    match (last, value) {
        (Seg::Key(p), Some(v)) => {
            here.as_object_mut()
                .expect("an object")
                .insert(p.name.to_owned(), v);
        }
        (Seg::Key(p), None) => {
            here.as_object_mut().expect("an object").remove(p.name);
        }
        (Seg::Index(..), _) => unreachable!("leaves are keys"),
    }
}

/// The value at `path` in what the client wrote back, under any documented spelling.
fn written_at<'a>(body: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    let mut here = body;
    for seg in path {
        here = match seg {
            Seg::Key(p) => std::iter::once(p.name)
                .chain(p.aliases.iter().copied())
                .find_map(|k| here.get(k))?,
            Seg::Index(i, _) => here.get(*i)?,
        };
    }
    Some(here)
}

/// Every key of the schema, with the path leading to it.
fn leaves(props: &'static [Prop], at: Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    for p in props {
        let mut path = at.clone();
        path.push(Seg::Key(p));
        out.push(path.clone());
        descend(&p.kind, path, out);
    }
}

fn descend(kind: &'static Kind, path: Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match kind {
        Kind::Object(inner) => leaves(inner, path, out),
        Kind::List { item, .. } => match item {
            Kind::Tagged { variants, .. } => {
                // The bases list the variants in schema order.
                for (i, (_, props)) in variants.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Seg::Index(i, item));
                    leaves(props, p, out);
                }
            }
            _ => {
                let mut p = path;
                p.push(Seg::Index(0, item));
                descend(item, p, out);
            }
        },
        _ => {}
    }
}

/// Values the docs allow for a key, and values they refuse. Strings are left to the key's own
/// rule (URLs, colours, names), so only their presence is compared.
fn samples(prop: &Prop) -> (Vec<Value>, Vec<Value>) {
    match &prop.kind {
        Kind::Int { min, max } => {
            let mut bad = vec![json!("1")];
            if *min > i64::MIN {
                bad.push(json!(min - 1));
            }
            if *max < i64::from(u32::MAX) * 4 {
                bad.push(json!(max + 1));
            }
            (vec![json!(min), json!(max)], bad)
        }
        Kind::Num { min, max } => (
            vec![json!(min), json!(max)],
            vec![json!(min - 0.5), json!(max + 0.5), json!("0.5")],
        ),
        Kind::Code(options) => (
            options.iter().map(|o| json!(o)).collect(),
            vec![json!(options.iter().max().unwrap() + 1), json!("0")],
        ),
        Kind::Text(options) => (
            options.iter().map(|o| json!(o)).collect(),
            vec![json!("not-a-documented-value")],
        ),
        Kind::Bool => (vec![json!(true), json!(false)], vec![json!("true")]),
        Kind::Uid => (
            vec![json!("1"), json!(UID_MAX.to_string())],
            vec![json!("0"), json!(7)],
        ),
        Kind::UidOrAll => (vec![json!("1")], vec![json!("0")]),
        Kind::Str { max_bytes } if *max_bytes > 0 => {
            (vec![], vec![json!("x".repeat(max_bytes + 1)), json!(1)])
        }
        Kind::Str { .. } => (vec![], vec![json!(1)]),
        Kind::List { max, item } if *max > 0 => {
            let many: Vec<Value> = (0..=*max)
                .map(|i| match item {
                    Kind::Uid | Kind::UidOrAll => json!((i + 1).to_string()),
                    other => minimal("", other),
                })
                .collect();
            (vec![], vec![Value::Array(many), json!({})])
        }
        Kind::List { .. } => (vec![], vec![json!({})]),
        Kind::Object(_) | Kind::Tagged { .. } => (vec![], vec![json!([])]),
        Kind::Any => (vec![], vec![]),
    }
}

/// What the two readings made of one sample, when they part.
fn differences(endpoint: &Endpoint) -> Vec<(String, String)> {
    let root = Kind::Object(endpoint.props);
    let mut paths = Vec::new();
    leaves(endpoint.props, Vec::new(), &mut paths);
    let mut found = Vec::new();
    for path in paths {
        let Some(Seg::Key(prop)) = path.last() else {
            continue;
        };
        let at = dotted(&path);
        if !(endpoint.scope)(&at) {
            continue;
        }
        let (good, bad) = samples(prop);
        let mut cases: Vec<(Option<Value>, bool)> =
            good.into_iter().map(|v| (Some(v), true)).collect();
        cases.extend(bad.into_iter().map(|v| (Some(v), false)));
        if prop.required {
            cases.push((None, false));
        }
        for (value, documented) in cases {
            let mut body = endpoint.base.clone();
            put(&mut body, &path, value.clone());
            let shown = value
                .as_ref()
                .map_or("(left out)".to_owned(), ToString::to_string);
            let schema = check(&body, &root, Completeness::Whole);
            assert_eq!(
                schema.is_ok(),
                documented,
                "{}: the sandbox's own schema misjudges {at} = {shown}: {schema:?}",
                endpoint.name
            );
            let ours = (endpoint.ours)(&body);
            let view = (endpoint.client)(&body);
            let client_ok = view.refused_at.is_none() && view.errors.is_empty();
            let why = match (ours.is_ok(), client_ok) {
                (true, false) => Some(format!(
                    "the client refuses what the sandbox accepts ({:?} {:?})",
                    view.refused_at, view.errors
                )),
                (false, true) => Some(format!(
                    "the client accepts what the sandbox refuses ({})",
                    super::schema::join(&ours.unwrap_err())
                )),
                (false, false) => None,
                (true, true) => match view.written.as_ref().and_then(|w| written_at(w, &path)) {
                    None if value.is_some() => Some("the client's types drop it".to_owned()),
                    Some(w)
                        if value.as_ref() != Some(w)
                            && !matches!(prop.kind, Kind::Num { .. } | Kind::Str { .. }) =>
                    {
                        Some(format!("the client writes it back as {w}"))
                    }
                    _ => None,
                },
            };
            if let Some(why) = why {
                found.push((at.clone(), format!("{at} = {shown}: {why}")));
            }
        }
    }
    found
}

#[test]
fn both_readings_agree_on_every_documented_property() {
    let mut unexplained = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for endpoint in endpoints() {
        // The bases themselves pass both readings.
        assert!(
            check(
                &endpoint.base,
                &Kind::Object(endpoint.props),
                Completeness::Whole
            )
            .is_ok(),
            "{}: base refused by the sandbox",
            endpoint.name
        );
        let view = (endpoint.client)(&endpoint.base);
        assert!(
            view.refused_at.is_none() && view.errors.is_empty(),
            "{}: base refused by the client: {:?} {:?}",
            endpoint.name,
            view.refused_at,
            view.errors
        );
        for (at, text) in differences(&endpoint) {
            let kept = KEPT
                .iter()
                .find(|(name, path, _)| *name == endpoint.name && *path == at);
            match kept {
                Some(k) => {
                    seen.insert((k.0, k.1));
                }
                None => unexplained.push(format!("{}: {text}", endpoint.name)),
            }
        }
    }
    let stale: Vec<_> = KEPT
        .iter()
        .filter(|(n, p, _)| !seen.contains(&(*n, *p)))
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "differences not in KEPT:\n{}\n\nKEPT entries that no longer differ: {stale:?}",
        unexplained.join("\n")
    );
}

#[test]
fn the_readings_disagree_where_agora_and_the_client_should() {
    // Agora ignores a key it does not know; the client refuses it, so a typo never goes out.
    let typo = envelope(json!({
        "recordingConfig": {"channelType": 1, "maxIdelTime": 30},
        "recordingFileConfig": {"avFileType": ["hls"]},
        "storageConfig": storage(),
    }));
    assert_eq!(start_ours(&typo, Mode::Mix), Ok(()));
    let view = through_client::<StartRequest>(&typo, |_| Vec::new());
    assert_eq!(
        view.refused_at.as_deref(),
        Some("clientRequest.recordingConfig.maxIdelTime")
    );

    // Web maxRecordingHour past resourceExpiredHour: Agora takes it (and bills until the former);
    // the client refuses it before sending, naming both fields.
    let acquire: AcquireRequest =
        serde_json::from_value(envelope(json!({"scene": 1, "resourceExpiredHour": 1}))).unwrap();
    let start = envelope(json!({
        "extensionServiceConfig": {"extensionServices": [
            {"serviceName": "web_recorder_service", "serviceParam": {"url": "https://example.com", "audioProfile": 0, "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 2}}
        ]},
        "recordingFileConfig": {"avFileType": ["hls"]},
        "storageConfig": storage(),
    }));
    assert_eq!(start_ours(&start, Mode::Web), Ok(()));
    let start: StartRequest = serde_json::from_value(start).unwrap();
    let errors = client::ops::validate_begin(&acquire, &start, client::Mode::Web).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("resourceExpiredHour")),
        "{errors:?}"
    );
}
