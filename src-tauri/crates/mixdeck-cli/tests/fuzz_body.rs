//! Property-based fuzzing of the CLI's body parsing, through the real `mixdeck-cli` binary:
//! request bodies (`--body -`), layouts (`update-layout --layout -`) and preset files
//! (`preset import -`) on standard input, from arbitrary bytes and text to edits of valid
//! bodies. Whatever arrives, the binary never panics (exit 101): a body that does not fit its
//! request, or breaks one of its rules, exits 2 with a JSON error naming the field's path (the
//! same path `mixdeck_core::body` gives); a good body's dry run exits 0 and prints the request.
//! Each case runs the binary (a preset file case four times), so the counts are modest: 128
//! bodies, 64 layouts, 64 preset files (a few seconds in all).

// mixdeck's strings and numbers for the JSON generators, shared with mixdeck-core's fuzz tests.
#[path = "../../mixdeck-core/tests/fuzz_support/mod.rs"]
mod fuzz_support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use agora_rest::recording::{self as rec, Mode};
use agora_rest::transcoding as tc;
use agora_rest::FieldError;
use fuzz_support::{arb_json, arb_mutations};
use json_strategies::{config, keys_of, mutate, Mutation};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const APP: &str = "cli-fuzz-app";

/// Runs the binary with `args` and `stdin`; `--endpoint` makes an in-memory engine (nothing is
/// sent: the runs are dry, or fail before sending), `data` is the data directory.
fn cli(data: &std::path::Path, endpoint: bool, args: &[&str], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mixdeck-cli"));
    if endpoint {
        cmd.args(["--endpoint", "http://127.0.0.1:9", "--app-id", APP]);
    }
    let mut child = cmd
        .arg("--json")
        .args(args)
        .env("MIXDECK_CUSTOMER_ID", "cli-cust")
        .env("MIXDECK_CUSTOMER_SECRET", "cli-fuzz-secret")
        .env("MIXDECK_DATA_DIR", data)
        .env("MIXDECK_VAULT", "memory")
        .env_remove("MIXDECK_PROFILE")
        .env_remove("MIXDECK_BUILDER_TOKEN")
        .env_remove("MIXDECK_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // A refusal may come before the body is read: a closed pipe is not a failure here.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("the binary ends")
}

/// The `{"error": …}` the binary prints with `--json`, after checking it did not panic.
fn error_of(out: &Output) -> Result<Value, TestCaseError> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(
        out.status.code() != Some(101) && !stderr.contains("panicked"),
        "the binary panicked: {}",
        stderr
    );
    let line = stderr.lines().last().unwrap_or_default();
    let v: Value = serde_json::from_str(line)
        .map_err(|e| TestCaseError::fail(format!("stderr is not a JSON error ({e}): {stderr}")))?;
    let error = v["error"].clone();
    prop_assert!(error["code"].is_string(), "{}", v);
    prop_assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| !m.trim().is_empty()),
        "{}",
        v
    );
    Ok(error)
}

/// The field errors of an error, each with a message and a dotted path (maybe the root's "").
fn fields_of(error: &Value) -> Result<Vec<FieldError>, TestCaseError> {
    // Left out when there are none.
    let list = match &error["fields"] {
        Value::Null => json!([]),
        v => v.clone(),
    };
    let fields: Vec<FieldError> = serde_json::from_value(list)
        .map_err(|e| TestCaseError::fail(format!("fields: {e}: {error}")))?;
    for f in &fields {
        prop_assert!(!f.message.trim().is_empty(), "{:?}", f);
        prop_assert!(
            f.path.is_empty() || !f.path.split('.').any(str::is_empty),
            "{:?}",
            f
        );
    }
    Ok(fields)
}

// =============================================================================================
// Request bodies

/// What a body is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Acquire(Mode),
    Start(Mode),
    Update(Mode),
    UpdateLayout,
    Begin(Mode),
    TcAcquire,
    TcCreate,
    TcUpdate,
    TcBegin,
}

fn ops() -> Vec<Op> {
    let mut ops = vec![
        Op::UpdateLayout,
        Op::TcAcquire,
        Op::TcCreate,
        Op::TcUpdate,
        Op::TcBegin,
    ];
    for m in Mode::ALL {
        ops.extend([Op::Acquire(m), Op::Start(m), Op::Update(m), Op::Begin(m)]);
    }
    ops
}

fn envelope(client_request: Value) -> Value {
    json!({"cname": "cli-room", "uid": "700001", "clientRequest": client_request})
}

fn start_body(mode: Mode) -> Value {
    let storage = json!({"vendor": 1, "region": 0, "bucket": "b", "accessKey": "ak-shh", "secretKey": "sk-shh"});
    envelope(match mode {
        Mode::Mix => json!({"token": "rtc-token-shh",
            "recordingConfig": {"channelType": 1, "maxIdleTime": 120,
                "transcodingConfig": {"width": 640, "height": 360, "mixedVideoLayout": 1}},
            "recordingFileConfig": {"avFileType": ["hls"]}, "storageConfig": storage}),
        Mode::Individual => json!({
            "recordingConfig": {"channelType": 0, "subscribeUidGroup": 0,
                "subscribeAudioUids": ["#allstream#"]},
            "recordingFileConfig": {"avFileType": ["hls"]}, "storageConfig": storage}),
        Mode::Web => json!({
            "extensionServiceConfig": {"errorHandlePolicy": "error_abort", "extensionServices": [
                {"serviceName": "web_recorder_service", "errorHandlePolicy": "error_abort",
                 "serviceParam": {"url": "https://example.com/show", "audioProfile": 0,
                    "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 1}}]},
            "recordingFileConfig": {"avFileType": ["hls", "mp4"]}, "storageConfig": storage}),
    })
}

fn layout() -> Value {
    json!({"mixedVideoLayout": 3, "backgroundColor": "#000000", "layoutConfig": [
        {"uid": "1001", "x_axis": 0.0, "y_axis": 0.0, "width": 0.5, "height": 1.0},
        {"uid": "1002", "x_axis": 0.5, "y_axis": 0.0, "width": 0.5, "height": 1.0, "alpha": 1.0, "render_mode": 1}]})
}

fn create_body() -> Value {
    json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "in-token-shh"}}],
        "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9}}]}}}}})
}

impl Op {
    /// A body this operation accepts.
    fn example(self) -> Value {
        match self {
            Op::Acquire(m) => envelope(json!({"resourceExpiredHour": 2,
                "scene": if m == Mode::Web { 1 } else { 0 }})),
            Op::Start(m) | Op::Begin(m) => start_body(m),
            Op::Update(Mode::Web) => envelope(json!({"webRecordingConfig": {"onhold": true}})),
            Op::Update(_) => envelope(json!({"streamSubscribe": {
                "audioUidList": {"subscribeAudioUids": ["#allstream#"]}}})),
            Op::UpdateLayout => envelope(layout()),
            Op::TcAcquire => json!({"instanceId": "inst-1"}),
            Op::TcCreate | Op::TcUpdate | Op::TcBegin => create_body(),
        }
    }

    fn args(self) -> Vec<String> {
        let mode = |m: Mode| ["--mode".to_owned(), m.as_str().to_owned()];
        let mut a: Vec<String> = match self {
            Op::Acquire(m) => {
                [vec!["recording".into(), "acquire".into()], mode(m).to_vec()].concat()
            }
            Op::Start(m) => [
                vec![
                    "recording".into(),
                    "start".into(),
                    "--resource-id".into(),
                    "R/1".into(),
                ],
                mode(m).to_vec(),
            ]
            .concat(),
            Op::Update(m) => [
                vec![
                    "recording".into(),
                    "update".into(),
                    "--resource-id".into(),
                    "R".into(),
                    "--sid".into(),
                    "S".into(),
                ],
                mode(m).to_vec(),
            ]
            .concat(),
            Op::UpdateLayout => [
                "recording",
                "update-layout",
                "--resource-id",
                "R",
                "--sid",
                "S",
            ]
            .map(String::from)
            .to_vec(),
            Op::Begin(m) => [vec!["recording".into(), "begin".into()], mode(m).to_vec()].concat(),
            Op::TcAcquire => ["transcoding", "acquire"].map(String::from).to_vec(),
            Op::TcCreate => ["transcoding", "create", "--builder-token", "tok"]
                .map(String::from)
                .to_vec(),
            Op::TcUpdate => [
                "transcoding",
                "update",
                "--task-id",
                "T",
                "--builder-token",
                "tok",
                "--sequence-id",
                "3",
            ]
            .map(String::from)
            .to_vec(),
            Op::TcBegin => ["transcoding", "begin", "--instance-id", "inst-1"]
                .map(String::from)
                .to_vec(),
        };
        a.extend(["--body".to_owned(), "-".to_owned()]);
        a
    }

    /// What the binary must answer for `value`, judged with the library it uses: `Ok` for a
    /// body that fits and keeps the rules, else the first field error's path (`None` for the
    /// begin commands, whose rules also depend on the profile).
    fn expected(self, value: &Value) -> Result<(), Option<String>> {
        fn fits<T: DeserializeOwned>(v: &Value) -> Result<T, Option<String>> {
            mixdeck_core::body::decode::<T>(v.clone(), "a JSON object").map_err(|e| Some(e.path))
        }
        let rules = |r: Result<(), Vec<FieldError>>| r.map_err(|f| Some(f[0].path.clone()));
        match self {
            Op::Acquire(m) => rules(rec::ops::validate_acquire(&fits(value)?, m)),
            Op::Start(m) => rules(rec::ops::validate_start(&fits(value)?, m)),
            Op::Update(m) => rules(rec::ops::validate_update(&fits(value)?, m)),
            Op::UpdateLayout => rules(rec::ops::validate_update_layout(&fits(value)?)),
            Op::TcAcquire => rules(tc::validate_acquire(&fits(value)?)),
            Op::TcCreate => rules(tc::validate_create(&fits(value)?)),
            Op::TcUpdate => rules(tc::validate_update(&fits(value)?, 3, None)),
            Op::Begin(_) => fits::<rec::StartRequest>(value).map(drop).map_err(|_| None),
            Op::TcBegin => fits::<tc::CreateRequest>(value).map(drop).map_err(|_| None),
        }
    }
}

fn all_keys() -> Vec<String> {
    let mut values: Vec<Value> = ops().into_iter().map(Op::example).collect();
    values.push(json!({"canvas": {"width": 640, "height": 360}, "layout": layout()}));
    keys_of(&values)
}

#[test]
fn every_example_body_is_accepted() {
    let data = tempfile::tempdir().unwrap();
    for op in ops() {
        let body = op.example();
        assert_eq!(op.expected(&body), Ok(()), "{op:?}");
        let args = op.args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = cli(
            data.path(),
            true,
            &[&["--dry-run"][..], &args].concat(),
            body.to_string().as_bytes(),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{op:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// How a case's body is made.
#[derive(Debug, Clone)]
enum Body {
    Bytes(Vec<u8>),
    Text(String),
    Json(Value),
    /// The operation's own example with edits (`None`: unedited).
    Edited(Option<Vec<Mutation>>),
    /// Another operation's body (the wrong file passed).
    Other(usize),
}

fn arb_body() -> BoxedStrategy<Body> {
    let keys = all_keys();
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..120).prop_map(Body::Bytes),
        1 => prop_oneof![Just(String::new()), "[ -~]{0,60}", "\\{\"cname\": ?\"[a-z]{0,6}"]
            .prop_map(Body::Text),
        1 => arb_json(keys.clone()).prop_map(Body::Json),
        1 => Just(Body::Edited(None)),
        5 => arb_mutations(keys).prop_map(|m| Body::Edited(Some(m))),
        1 => any::<usize>().prop_map(Body::Other),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn any_body_exits_0_or_2_naming_the_field(
        op in prop::sample::select(ops()),
        body in arb_body(),
    ) {
        let bytes = match &body {
            Body::Bytes(b) => b.clone(),
            Body::Text(t) => t.clone().into_bytes(),
            Body::Json(v) => v.to_string().into_bytes(),
            Body::Edited(None) => op.example().to_string().into_bytes(),
            Body::Edited(Some(ms)) => mutate(op.example(), ms).to_string().into_bytes(),
            Body::Other(i) => {
                let all = ops();
                all[i % all.len()].example().to_string().into_bytes()
            }
        };
        let data = tempfile::tempdir().expect("a temp dir");
        let args = op.args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = cli(data.path(), true, &[&["--dry-run"][..], &args].concat(), &bytes);
        let code = out.status.code();
        let text = std::str::from_utf8(&bytes).ok();
        let value = text.and_then(|t| serde_json::from_str::<Value>(t).ok());
        let expected = match (&text, &value) {
            (Some(_), Some(v)) => op.expected(v),
            // Not JSON: refused at the root.
            (Some(_), None) => Err(Some(String::new())),
            // Not text: standard input cannot be read as a body.
            (None, _) => Err(None),
        };
        if code == Some(0) {
            prop_assert_eq!(&expected, &Ok(()), "{:?} accepted a body it must refuse", op);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let lines: Vec<Value> = stdout
                .lines()
                .map(serde_json::from_str)
                .collect::<Result<_, _>>()
                .map_err(|e| TestCaseError::fail(format!("dry run output: {e}: {stdout}")))?;
            prop_assert!(!lines.is_empty());
            for l in &lines {
                prop_assert!(l["method"].is_string() && l["url"].is_string(), "{}", l);
                for secret in ["cli-fuzz-secret", "rtc-token-shh", "ak-shh", "sk-shh", "in-token-shh"] {
                    prop_assert!(!l.to_string().contains(secret), "{} in the dry run: {}", secret, l);
                }
            }
            return Ok(());
        }
        let error = error_of(&out)?;
        prop_assert_eq!(code, Some(2), "{:?}: {}", op, error);
        let fields = fields_of(&error)?;
        match expected {
            Ok(()) if matches!(op, Op::Begin(_) | Op::TcBegin) => {
                // The body fits; the preview's own rules (with the profile) refused it.
                prop_assert!(!fields.is_empty(), "{}", error);
            }
            Ok(()) => {
                return Err(TestCaseError::fail(format!("{op:?} refused a good body: {error}")));
            }
            Err(Some(path)) => {
                prop_assert_eq!(&error["code"], "validation.failed");
                prop_assert!(!fields.is_empty(), "{}", error);
                prop_assert_eq!(&fields[0].path, &path, "{}", error);
                if value.as_ref().is_some_and(Value::is_object)
                    && !fields[0].message.starts_with("the body")
                {
                    prop_assert!(!fields[0].path.is_empty(), "no path for a field error: {}", error);
                }
            }
            Err(None) if text.is_none() => {
                prop_assert!(error["message"].as_str().is_some_and(|m| m.contains("standard input")),
                    "{}", error);
            }
            Err(None) => prop_assert!(!fields.is_empty(), "{}", error),
        }
    }
}

// =============================================================================================
// Layouts (`update-layout --session N --layout FILE`)

/// The layout inside what the editor exports: the bare clientRequest, a preset's
/// `{canvas, layout}`, or a whole body; the key it sits under.
fn unwrap_layout(value: &Value) -> (Value, Option<&'static str>) {
    match value {
        Value::Object(o) if o.contains_key("canvas") && o.contains_key("layout") => {
            (value["layout"].clone(), Some("layout"))
        }
        Value::Object(o) if o.contains_key("clientRequest") => {
            (value["clientRequest"].clone(), Some("clientRequest"))
        }
        _ => (value.clone(), None),
    }
}

fn arb_layout() -> BoxedStrategy<Value> {
    let keys = all_keys();
    let shapes = vec![
        layout(),
        json!({"canvas": {"width": 640, "height": 360}, "layout": layout()}),
        envelope(layout()),
    ];
    prop_oneof![
        1 => arb_json(keys.clone()),
        1 => prop::sample::select(shapes.clone()),
        4 => (prop::sample::select(shapes), arb_mutations(keys)).prop_map(|(v, ms)| mutate(v, &ms)),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(64))]

    /// A layout that reads gets as far as the session (none here: exit 1, not found); one that
    /// does not exits 2 naming its path inside the wrapper it came in.
    #[test]
    fn any_layout_file_is_read_or_refused_naming_the_field(value in arb_layout()) {
        let data = tempfile::tempdir().expect("a temp dir");
        let out = cli(
            data.path(),
            true,
            &["recording", "update-layout", "--session", "1", "--layout", "-"],
            value.to_string().as_bytes(),
        );
        let error = error_of(&out)?;
        let (inner, wrapper) = unwrap_layout(&value);
        match mixdeck_core::body::decode::<rec::LayoutSettings>(inner, "a JSON object") {
            Ok(_) => {
                prop_assert_eq!(out.status.code(), Some(1), "{}", error);
                prop_assert_eq!(&error["code"], "store.not_found");
            }
            Err(e) => {
                prop_assert_eq!(out.status.code(), Some(2), "{}", error);
                let fields = fields_of(&error)?;
                prop_assert!(!fields.is_empty(), "{}", error);
                let path = match (wrapper, e.path.is_empty()) {
                    (Some(w), true) => w.to_owned(),
                    (Some(w), false) => format!("{w}.{}", e.path),
                    (None, _) => e.path,
                };
                prop_assert_eq!(&fields[0].path, &path, "{}", error);
            }
        }
    }
}

// =============================================================================================
// Preset files (`preset import FILE`)

fn preset_file() -> Value {
    json!({"format": "mixdeck-presets", "version": 1, "presets": [
        {"kind": "layout", "name": "Grid", "body": {"canvas": {"width": 640, "height": 360}, "layout": layout()}},
        {"kind": "recordingStart", "name": "Mix", "body": {"mode": "mix", "start": start_body(Mode::Mix)}},
        {"kind": "transcodingCreate", "name": "Relay", "body": {"create": create_body()}}]})
}

fn preset_names(data: &std::path::Path) -> Result<Value, TestCaseError> {
    let out = cli(data, false, &["preset", "list"], b"");
    prop_assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).map_err(|e| TestCaseError::fail(e.to_string()))
}

proptest! {
    #![proptest_config(config(64))]

    /// A preset file imports (exit 0) or is refused (exit 2, the entry named) and then the
    /// saved presets are exactly as they were.
    #[test]
    fn any_preset_file_imports_or_is_refused_leaving_the_presets(
        file in prop_oneof![
            1 => arb_json(all_keys()).prop_map(|v| v.to_string()),
            1 => "[ -~]{0,40}",
            1 => Just(preset_file().to_string()),
            5 => arb_mutations(all_keys()).prop_map(|ms| {
                let mut f = preset_file();
                f["presets"] = mutate(f["presets"].take(), &ms);
                f.to_string()
            }),
        ],
    ) {
        let data = tempfile::tempdir().expect("a temp dir");
        let seed = cli(data.path(), false, &["preset", "import", "-"], preset_file().to_string().as_bytes());
        prop_assert_eq!(seed.status.code(), Some(0), "{}", String::from_utf8_lossy(&seed.stderr));
        let before = preset_names(data.path())?;
        let out = cli(data.path(), false, &["preset", "import", "-"], file.as_bytes());
        let parsed = mixdeck_core::store::parse_preset_file(&file);
        match out.status.code() {
            Some(0) => {
                let entries = parsed.map_err(|e| TestCaseError::fail(format!("imported a refused file: {e}")))?;
                let names: Vec<String> = serde_json::from_slice(&out.stdout)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(names.len(), entries.len());
            }
            _ => {
                let error = error_of(&out)?;
                prop_assert_eq!(out.status.code(), Some(2), "{}", error);
                let reason = parsed.err().ok_or_else(|| TestCaseError::fail(format!("refused a good file: {error}")))?;
                prop_assert_eq!(&error["message"], &format!("-: {reason}"));
                prop_assert_eq!(preset_names(data.path())?, before, "a refused import changed the presets");
            }
        }
    }
}
