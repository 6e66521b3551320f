//! The real `mixdeck-cli` binary: dry runs, exit codes, a full flow against a sandbox on
//! loopback, and profiles and history shared through the data directory.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use agora_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{json, Value};

const APP: &str = "cli-test-app";
const SECRET: &str = "cli-customer-secret-42";

/// The OS keychain is shared by every data directory: two tests' profiles get the same ids, so
/// their `profile/N/...` entries would collide. Tests that use it take turns.
static KEYCHAIN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

struct Env {
    sandbox: SandboxHandle,
    data: tempfile::TempDir,
    files: tempfile::TempDir,
}

async fn env() -> Env {
    let sandbox = Sandbox::start(SandboxConfig::for_tests().credentials(APP, "cli-cust", SECRET))
        .await
        .unwrap();
    Env {
        sandbox,
        data: tempfile::tempdir().unwrap(),
        files: tempfile::tempdir().unwrap(),
    }
}

impl Env {
    fn file(&self, name: &str, body: &Value) -> String {
        let p = self.files.path().join(name);
        std::fs::write(&p, body.to_string()).unwrap();
        p.display().to_string()
    }

    fn cli(&self, args: &[&str]) -> Output {
        self.cli_stdin(args, "")
    }

    fn cli_stdin(&self, args: &[&str], stdin: &str) -> Output {
        self.cli_env(args, &[], stdin)
    }

    /// [`Env::cli_stdin`] with more environment variables.
    fn cli_env(&self, args: &[&str], vars: &[(&str, &str)], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mixdeck-cli"))
            .args(["--endpoint", self.sandbox.base_url(), "--app-id", APP])
            .args(args)
            .env("MIXDECK_CUSTOMER_ID", "cli-cust")
            .env("MIXDECK_CUSTOMER_SECRET", SECRET)
            .env("MIXDECK_DATA_DIR", self.data.path())
            .env("MIXDECK_VAULT", "memory")
            .env_remove("MIXDECK_PROFILE")
            .env_remove("MIXDECK_BUILDER_TOKEN")
            .envs(vars.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs against the app's data directory with the real OS keychain, so a profile's secret
    /// outlives the run (ignored tests only: `npm test` runs them inside scripts/with-keychain).
    fn cli_keychain(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mixdeck-cli"))
            .args(args)
            .env("MIXDECK_DATA_DIR", self.data.path())
            .env("MIXDECK_CUSTOMER_SECRET", SECRET)
            .env_remove("MIXDECK_VAULT")
            .env_remove("MIXDECK_PROFILE")
            .output()
            .unwrap()
    }

    /// A profile for this test's sandbox with its secret in the keychain, so later runs can use
    /// it (the built-in Sandbox profile's embedded sandbox lives only as long as one run).
    fn keychain_profile(&self, name: &str) {
        let out = self.cli_keychain(&[
            "profile",
            "add",
            "--name",
            name,
            "--profile-app-id",
            APP,
            "--customer-id",
            "cli-cust",
            "--profile-endpoint",
            self.sandbox.base_url(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs against the app's data directory (no --endpoint).
    fn cli_local(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mixdeck-cli"))
            .args(args)
            .env("MIXDECK_DATA_DIR", self.data.path())
            .env("MIXDECK_VAULT", "memory")
            .env_remove("MIXDECK_PROFILE")
            .output()
            .unwrap()
    }
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A transcoding create body: one RTC audio input, one RTC output.
fn rtc_create() -> Value {
    json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2",
        "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "t"}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456, "rtcToken": "t"}}]}}}}})
}

fn mix_start() -> Value {
    json!({"cname": "cli-room", "uid": "700001", "clientRequest": {
        "token": "rtc-token-shh",
        "recordingConfig": {"channelType": 1, "maxIdleTime": 120},
        "recordingFileConfig": {"avFileType": ["hls"]},
        "storageConfig": {"vendor": 1, "region": 0, "bucket": "b", "accessKey": "ak-shh", "secretKey": "sk-shh"}
    }})
}

// The sandbox serves from this process while the test blocks on the CLI: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_each_request_redacted_and_sends_nothing() {
    let e = env().await;
    let start = e.file("start.json", &mix_start());
    let out = e.cli(&[
        "--dry-run",
        "recording",
        "begin",
        "--mode",
        "mix",
        "--body",
        &start,
    ]);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "acquire and start: {text}");
    assert_eq!(lines[0]["method"], "POST");
    assert_eq!(
        lines[0]["url"],
        format!(
            "{}/v1/apps/{APP}/cloud_recording/acquire",
            e.sandbox.base_url()
        )
    );
    assert!(lines[1]["url"]
        .as_str()
        .unwrap()
        .ends_with("/mode/mix/start"));
    assert!(lines[0]["headers"].to_string().contains("Basic <redacted>"));
    assert_eq!(
        lines[1]["body"]["clientRequest"]["storageConfig"]["secretKey"],
        "<redacted>"
    );
    for secret in ["rtc-token-shh", "ak-shh", "sk-shh", SECRET] {
        assert!(!text.contains(secret), "{secret} in dry-run output");
    }
    let acquire = e.file(
        "acquire.json",
        &json!({"cname": "cli-room", "uid": "700001", "clientRequest": {"resourceExpiredHour": 2}}),
    );
    let update = e.file(
        "update.json",
        &json!({"cname": "cli-room", "uid": "700001", "clientRequest": {
            "streamSubscribe": {"audioUidList": {"subscribeAudioUids": ["#allstream#"]}}}}),
    );
    let layout = e.file(
        "layout.json",
        &json!({"cname": "cli-room", "uid": "700001", "clientRequest": {"mixedVideoLayout": 1}}),
    );
    let token = e.file("token.json", &json!({"instanceId": "inst-1"}));
    let create = e.file(
        "create.json",
        &json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "in-token-shh"}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 9}}]}}}}}),
    );
    // Every operation: its method, its path (ids percent-encoded), its query.
    let cases: Vec<(&str, &str, &str)> = vec![
        (
            "recording acquire --mode mix --body {acquire}",
            "POST",
            "/cloud_recording/acquire",
        ),
        (
            "recording start --resource-id R/1 --mode mix --body {start}",
            "POST",
            "/resourceid/R%2F1/mode/mix/start",
        ),
        (
            "recording query --resource-id R --sid S --mode mix",
            "GET",
            "/resourceid/R/sid/S/mode/mix/query",
        ),
        (
            "recording update --resource-id R --sid S --mode mix --body {update}",
            "POST",
            "/sid/S/mode/mix/update",
        ),
        (
            "recording update-layout --resource-id R --sid S --body {layout}",
            "POST",
            "/sid/S/mode/mix/updateLayout",
        ),
        (
            "recording stop --resource-id R --sid S --mode web --cname c --uid 9 --async",
            "POST",
            "/sid/S/mode/web/stop",
        ),
        (
            "transcoding acquire --body {token}",
            "POST",
            "/rtsc/cloud-transcoder/builderTokens",
        ),
        (
            "transcoding create --builder-token tok --body {create}",
            "POST",
            "/tasks?builderToken=<redacted>",
        ),
        (
            "transcoding query --task-id T --builder-token tok",
            "GET",
            "/tasks/T?builderToken=<redacted>",
        ),
        (
            "transcoding update --task-id T --builder-token tok --sequence-id 3 --body {create}",
            "PATCH",
            "/tasks/T?builderToken=<redacted>&sequenceId=3&updateMask=services.cloudTranscoder.config",
        ),
        (
            "transcoding delete --task-id T --builder-token tok",
            "DELETE",
            "/tasks/T?builderToken=<redacted>",
        ),
        (
            "transcoding template save 720p --width 1280 --height 720 --fps 30",
            "POST",
            "/rtls/abr/config/codecs/720p",
        ),
    ];
    for (line, method, tail) in cases {
        let line = line
            .replace("{acquire}", &acquire)
            .replace("{start}", &start)
            .replace("{update}", &update)
            .replace("{layout}", &layout)
            .replace("{token}", &token)
            .replace("{create}", &create);
        let mut args = vec!["--dry-run"];
        args.extend(line.split(' '));
        let v = stdout_json(&e.cli(&args));
        assert_eq!(v["method"], method, "{line}");
        assert!(v["url"].as_str().unwrap().ends_with(tail), "{line}: {v}");
        for secret in ["in-token-shh", "rtc-token-shh", "sk-shh"] {
            assert!(
                !v.to_string().contains(secret),
                "{line}: {secret} not redacted"
            );
        }
    }
    assert!(e.sandbox.requests().is_empty(), "dry runs send nothing");
}

// The sandbox serves from this process while the test blocks on the CLI: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_bodies_exit_2_naming_the_field() {
    let e = env().await;
    let mut bad = mix_start();
    bad["uid"] = json!("0");
    bad["clientRequest"]["recordingConfig"]["maxIdleTime"] = json!(1);
    let path = e.file("bad.json", &bad);
    let out = e.cli(&[
        "--json",
        "recording",
        "begin",
        "--mode",
        "mix",
        "--body",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    let paths: Vec<&str> = err["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["uid", "clientRequest.recordingConfig.maxIdleTime"]);

    let out = e.cli(&["recording", "begin", "--mode", "mix", "--body", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid: uid: must be a uid"));

    let mut unknown = mix_start();
    unknown["clientRequest"]["recordingConfig"]["maxIdeTime"] = json!(30);
    let out = e.cli_stdin(
        &[
            "--json",
            "recording",
            "start",
            "--resource-id",
            "R",
            "--mode",
            "mix",
            "--body",
            "-",
        ],
        &unknown.to_string(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        err["error"]["fields"][0]["path"],
        "clientRequest.recordingConfig.maxIdeTime"
    );
    // The path names the typo; the message lists the documented fields, maxIdleTime among them.
    let message = err["error"]["fields"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("is not a field Agora documents here")
            && message.contains("maxIdleTime"),
        "{message}"
    );
    assert!(e.sandbox.requests().is_empty());
}

// The sandbox serves from this process while the test blocks on the CLI: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_recording_flow_against_the_sandbox() {
    let e = env().await;
    let acquire = e.file(
        "acquire.json",
        &json!({"cname": "cli-room", "uid": "700001", "clientRequest": {}}),
    );
    let a = stdout_json(&e.cli(&[
        "--json",
        "recording",
        "acquire",
        "--mode",
        "mix",
        "--body",
        &acquire,
    ]));
    let rid = a["resourceId"].as_str().unwrap().to_owned();
    let start = e.file("start.json", &mix_start());
    let s = stdout_json(&e.cli(&[
        "--json",
        "recording",
        "start",
        "--resource-id",
        &rid,
        "--mode",
        "mix",
        "--body",
        &start,
    ]));
    let sid = s["sid"].as_str().unwrap().to_owned();
    e.sandbox.advance(std::time::Duration::from_secs(30));
    let q = stdout_json(&e.cli(&[
        "--json",
        "recording",
        "query",
        "--resource-id",
        &rid,
        "--sid",
        &sid,
        "--mode",
        "mix",
    ]));
    assert_eq!(
        q["serverResponse"]["fileList"],
        format!("{sid}_cli-room.m3u8")
    );
    let layout = e.file(
        "layout.json",
        &json!({"cname": "cli-room", "uid": "700001", "clientRequest": {"mixedVideoLayout": 1}}),
    );
    stdout_json(&e.cli(&[
        "--json",
        "recording",
        "update-layout",
        "--resource-id",
        &rid,
        "--sid",
        &sid,
        "--body",
        &layout,
    ]));
    let stop = stdout_json(&e.cli(&[
        "--json",
        "recording",
        "stop",
        "--resource-id",
        &rid,
        "--sid",
        &sid,
        "--mode",
        "mix",
        "--cname",
        "cli-room",
        "--uid",
        "700001",
    ]));
    assert_eq!(stop["serverResponse"]["uploadingStatus"], "uploaded");

    // Stopping again: Agora's code 49, exit 1, explained.
    let out = e.cli(&[
        "--json",
        "recording",
        "stop",
        "--resource-id",
        &rid,
        "--sid",
        &sid,
        "--mode",
        "mix",
        "--cname",
        "cli-room",
        "--uid",
        "700001",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert!(
        err["error"]["code"].as_str().unwrap().starts_with("agora."),
        "{err}"
    );
    assert!(!err["error"]["cause"]
        .as_str()
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a real keychain: run through scripts/with-keychain (npm test does)"]
async fn a_transcoding_task_from_begin_to_delete_by_session_and_templates() {
    let _turn = KEYCHAIN.lock().await;
    let e = env().await;
    // Sessions from history need the shared database, so a profile with its secret in the
    // keychain (the ad-hoc --endpoint profile lives in memory for one run).
    e.keychain_profile("cli-tc");
    let cli = |args: &[&str]| {
        let mut all = vec!["--profile", "cli-tc"];
        all.extend_from_slice(args);
        e.cli_keychain(&all)
    };
    let create = e.file("create.json", &rtc_create());
    let row = stdout_json(&cli(&[
        "--json",
        "transcoding",
        "begin",
        "--instance-id",
        "cli-inst",
        "--body",
        &create,
    ]));
    let id = row["id"].as_i64().unwrap().to_string();
    assert_eq!(row["state"], "started", "{row}");
    e.sandbox.advance(std::time::Duration::from_secs(30));
    let q = stdout_json(&cli(&["--json", "transcoding", "query", "--session", &id]));
    assert_eq!(q["lastStatus"]["status"], "IN_PROGRESS", "{q}");
    // The sequenceId is taken for the session: 1, then 2.
    for want in [1, 2] {
        let u = stdout_json(&cli(&[
            "--json",
            "transcoding",
            "update",
            "--session",
            &id,
            "--body",
            &create,
        ]));
        assert_eq!(u["sequenceId"], want);
    }
    let task = e.sandbox.task(row["taskId"].as_str().unwrap()).unwrap();
    assert_eq!(task.sequence_id, Some(2));
    let d = stdout_json(&cli(&["--json", "transcoding", "delete", "--session", &id]));
    assert_eq!(d["state"], "stopped");
    // --session and ids do not mix.
    let both = cli(&["transcoding", "query", "--session", &id, "--task-id", "T"]);
    assert_eq!(both.status.code(), Some(2));

    let saved = stdout_json(&cli(&[
        "--json",
        "transcoding",
        "template",
        "save",
        "720p",
        "--width",
        "1280",
        "--height",
        "720",
        "--fps",
        "30",
    ]));
    assert_eq!(saved["data"]["codecs"][0]["id"], "720p");
    let out = cli(&["transcoding", "template", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("720p") && text.contains("1280×720 @ 30 fps"),
        "{text}"
    );
    let bad = cli(&[
        "--json",
        "transcoding",
        "template",
        "save",
        "x",
        "--width",
        "1280",
        "--height",
        "720",
        "--fps",
        "61",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(err["error"]["fields"][0]["path"], "video.fps", "{err}");
}

// The sandbox serves from this process while the test blocks on the CLI: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_and_history_are_shared_through_the_data_directory() {
    let e = env().await;
    // The built-in Sandbox profile: the CLI starts its own embedded sandbox for the run. That
    // sandbox checks tokens against its App Certificate, so this start sends none.
    let mut body = mix_start();
    body["clientRequest"]
        .as_object_mut()
        .unwrap()
        .remove("token");
    let start = e.file("start.json", &body);
    let out = e.cli_local(&[
        "--json",
        "recording",
        "begin",
        "--mode",
        "mix",
        "--body",
        &start,
    ]);
    let row = stdout_json(&out);
    assert_eq!(row["state"], "started");
    let list = stdout_json(&e.cli_local(&["--json", "history", "list", "--cname", "cli-room"]));
    assert_eq!(list["total"], 1);
    let id = list["items"][0]["id"].as_i64().unwrap().to_string();
    let shown = stdout_json(&e.cli_local(&["--json", "history", "show", &id]));
    let ops: Vec<&str> = shown["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["event"]["op"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["acquire", "start"]);
    let text = e.cli_local(&["history", "show", &id]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("timeline:") && text.contains("/cloud_recording/acquire"),
        "{text}"
    );
    // Run again: a dry run prints acquire and start, redacted; the real one starts a new session.
    let dry = e.cli_local(&["--dry-run", "history", "rerun", &id]);
    let dry = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert_eq!(dry.lines().count(), 2, "{dry}");
    assert!(!dry.contains("ak-shh") && !dry.contains("sk-shh"), "{dry}");
    let again = stdout_json(&e.cli_local(&["--json", "history", "rerun", &id]));
    assert_eq!(again["state"], "started");
    assert_ne!(again["id"].to_string(), id);
    let list = stdout_json(&e.cli_local(&[
        "--json", "history", "list", "--text", "cli-ro", "--state", "open",
    ]));
    assert_eq!(list["total"], 2, "{list}");
    let bad = e.cli_local(&["history", "list", "--from", "2026-02-30"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--from"));
    let refused = e.cli_local(&["history", "delete", &id]);
    assert!(
        !refused.status.success(),
        "a running session is not deleted"
    );
    let export_path = e.files.path().join("export.json");
    let out = e.cli_local(&["history", "export", "--out", export_path.to_str().unwrap()]);
    assert!(out.status.success());
    let exported = std::fs::read_to_string(&export_path).unwrap();
    for secret in ["rtc-token-shh", "ak-shh", "sk-shh"] {
        assert!(!exported.contains(secret), "{secret} in the export");
    }
    // mixdeck-core's export format: version 2, each session with its log.
    let export: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(export["mixdeckExport"], 2);
    assert!(!export["sessions"].as_array().unwrap().is_empty());
    assert!(!export["sessions"][0]["events"]
        .as_array()
        .unwrap()
        .is_empty());
    let profiles = stdout_json(&e.cli_local(&["--json", "profile", "list"]));
    assert_eq!(profiles[0]["name"], "Sandbox");
    let test = stdout_json(&e.cli_local(&["--json", "profile", "test", "Sandbox"]));
    assert_eq!(test["ok"], true);
    let out = e.cli_local(&["profile", "remove", "Sandbox"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the built-in profile cannot be removed"
    );
}

// The sandbox serves from this process while the test blocks on the CLI: two threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a real keychain: run through scripts/with-keychain (npm test does)"]
async fn a_layout_from_the_editor_is_applied_to_a_session_from_history() {
    let _turn = KEYCHAIN.lock().await;
    let e = env().await;
    e.keychain_profile("cli-sbx");
    let start = e.file("start.json", &mix_start());
    let row = stdout_json(&e.cli_keychain(&[
        "--json",
        "--profile",
        "cli-sbx",
        "recording",
        "begin",
        "--mode",
        "mix",
        "--body",
        &start,
    ]));
    assert_eq!(row["state"], "started");
    let id = row["id"].as_i64().unwrap().to_string();

    // A layout from the app's editor (its exported JSON, or a saved layout preset) applied to the
    // session from history: recorded in its log like the app's own apply.
    let fragment = json!({
        "mixedVideoLayout": 3,
        "backgroundColor": "#102030",
        "layoutConfig": [
            {"x_axis": 0.0, "y_axis": 0.0, "width": 0.5, "height": 1.0},
            {"x_axis": 0.5, "y_axis": 0.0, "width": 0.5, "height": 1.0}
        ]
    });
    let exported = e.file("layout.json", &fragment);
    let out = e.cli_keychain(&[
        "recording",
        "update-layout",
        "--session",
        &id,
        "--layout",
        &exported,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("session {id}: layout applied (2 region(s))")
    );
    let preset = e.file(
        "duo.json",
        &json!({"canvas": {"width": 1280, "height": 720}, "layout": fragment}),
    );
    let saved = stdout_json(&e.cli_keychain(&[
        "--json", "preset", "save", "Duo", "--kind", "layout", "--body", &preset,
    ]));
    assert_eq!(saved["kind"], "layout");
    let listed = stdout_json(&e.cli_keychain(&["--json", "preset", "list", "--kind", "layout"]));
    assert_eq!(listed[0]["name"], "Duo");
    let out = e.cli_keychain(&[
        "recording",
        "update-layout",
        "--session",
        &id,
        "--preset",
        "Duo",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = e.cli_keychain(&[
        "recording",
        "update-layout",
        "--session",
        &id,
        "--preset",
        "Trio",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("no saved layout named \"Trio\" (saved: Duo)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = e.file("bad.json", &json!({"mixedVideoLayout": 3, "layoutConfig": [{"x_axis": 1.2, "y_axis": 0.0, "width": 0.5, "height": 0.5}]}));
    let out = e.cli_keychain(&[
        "recording",
        "update-layout",
        "--session",
        &id,
        "--layout",
        &bad,
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a region outside [0, 1] is refused before sending"
    );
    let shown = stdout_json(&e.cli_keychain(&["--json", "history", "show", &id]));
    let layouts: Vec<&Value> = shown["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["event"])
        .filter(|ev| ev["op"] == "updateLayout")
        .collect();
    assert_eq!(
        layouts.len(),
        2,
        "two applied layouts in the session's history"
    );
    assert_eq!(
        layouts[1]["requestBody"]["clientRequest"]["backgroundColor"],
        "#102030"
    );
    let out = e.cli_keychain(&["preset", "delete", "Duo", "--kind", "layout"]);
    assert!(out.status.success());
    let out = e.cli_keychain(&["profile", "remove", "cli-sbx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A dry run goes through the app's preview: storage keys the keychain holds and a token built
/// from the App Certificate are filled (shown redacted) where begin would fill them, so a body
/// that begin accepts is not refused by its dry run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_begin_fills_keychain_keys_and_the_generated_token_like_begin() {
    let e = env().await;
    let mut start = mix_start();
    let cr = &mut start["clientRequest"];
    cr.as_object_mut().unwrap().remove("token");
    cr["storageConfig"]["accessKey"] = json!("");
    cr["storageConfig"]["secretKey"] = json!("");
    let body = e.file("start.json", &start);
    let out = e.cli_local(&[
        "--dry-run",
        "recording",
        "begin",
        "--mode",
        "mix",
        "--generate-token",
        "--body",
        &body,
    ]);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "acquire and start: {text}");
    let cr = &lines[1]["body"]["clientRequest"];
    assert_eq!(cr["token"], "<redacted>", "the token begin would build");
    assert_eq!(cr["storageConfig"]["accessKey"], "<redacted>");
    assert_eq!(cr["storageConfig"]["secretKey"], "<redacted>");
    assert!(lines[1]["curl"].as_str().unwrap().starts_with("curl "));
    assert!(e.sandbox.requests().is_empty(), "dry runs send nothing");
}

/// Presets travel between the app and the CLI as preset files (mixdeck-core's format).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presets_export_to_a_file_and_import_back() {
    let e = env().await;
    let layout = e.file(
        "layout.json",
        &json!({"canvas": {"width": 640, "height": 360}, "layout": {"mixedVideoLayout": 1}}),
    );
    let ok = |out: Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    ok(e.cli_local(&[
        "preset", "save", "grid", "--kind", "layout", "--body", &layout,
    ]));
    let file = e.files.path().join("presets.json");
    let file = file.to_str().unwrap();
    ok(e.cli_local(&["preset", "export", "--kind", "layout", "--out", file]));
    let text = std::fs::read_to_string(file).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (doc["format"].as_str(), doc["version"].as_i64()),
        (Some("mixdeck-presets"), Some(1))
    );
    ok(e.cli_local(&["preset", "delete", "grid", "--kind", "layout"]));
    ok(e.cli_local(&["preset", "import", file]));
    let shown = stdout_json(&e.cli_local(&["preset", "show", "grid", "--kind", "layout"]));
    assert_eq!(shown["layout"]["mixedVideoLayout"], 1);
    let bad = e.file(
        "bad.json",
        &json!({"format": "mixdeck-presets", "version": 9}),
    );
    let out = e.cli_local(&["preset", "import", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 9 is not supported"));
}

/// A secret typed at a terminal is not echoed: `profile add` run on a pseudo-terminal (util-linux
/// `script`) prompts, and what the terminal shows never contains the secret typed after it.
#[test]
fn a_customer_secret_typed_at_a_terminal_is_not_echoed() {
    use std::io::Read;
    use std::time::{Duration, Instant};
    let data = tempfile::tempdir().unwrap();
    let typed = "typed-secret-never-shown-1234";
    let cmd = format!(
        "{} profile add --name Typed --profile-app-id 0123456789abcdef0123456789abcdef --customer-id cid",
        env!("CARGO_BIN_EXE_mixdeck-cli")
    );
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("MIXDECK_DATA_DIR", data.path())
        .env("MIXDECK_VAULT", "memory")
        .env_remove("MIXDECK_CUSTOMER_SECRET")
        .env_remove("MIXDECK_PROFILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs the CLI on a pseudo-terminal");
    let shown = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let mut out = child.stdout.take().unwrap();
    let sink = shown.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    // Type only once the prompt is up (as a person would); without one, type anyway after 10 s.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10)
        && !String::from_utf8_lossy(&shown.lock().unwrap()).contains("(not shown)")
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{typed}\n").as_bytes()).unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let shown = String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
    assert!(status.success(), "{shown}");
    assert!(shown.contains("Customer Secret (not shown)"), "{shown}");
    assert!(
        !shown.contains(typed),
        "the terminal showed the secret: {shown}"
    );
    assert!(shown.contains("Typed"), "the profile was added: {shown}");
}

/// A builder token comes from MIXDECK_BUILDER_TOKEN or standard input (`--builder-token -`), so
/// it never has to be an argument that `ps` shows; without one the CLI says where to put it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_builder_token_comes_from_the_environment_or_stdin() {
    let e = env().await;
    let run = |args: &[&str], token: Option<&str>, stdin: &str| {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let vars: Vec<(&str, &str)> = token
            .map(|t| ("MIXDECK_BUILDER_TOKEN", t))
            .into_iter()
            .collect();
        e.cli_env(&all, &vars, stdin)
    };
    let acquire = e.file("acquire.json", &json!({"instanceId": "env-inst"}));
    let got = stdout_json(&run(
        &["transcoding", "acquire", "--body", &acquire],
        None,
        "",
    ));
    let token = got["tokenName"].as_str().unwrap().to_owned();
    let create = e.file("create.json", &rtc_create());
    let task = stdout_json(&run(
        &["transcoding", "create", "--body", &create],
        Some(&token),
        "",
    ));
    let task_id = task["taskId"].as_str().unwrap().to_owned();
    let q = stdout_json(&run(
        &[
            "transcoding",
            "query",
            "--task-id",
            &task_id,
            "--builder-token",
            "-",
        ],
        None,
        &format!("{token}\n"),
    ));
    assert_eq!(q["taskId"], task_id.as_str(), "{q}");

    let missing = run(&["transcoding", "query", "--task-id", &task_id], None, "");
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("MIXDECK_BUILDER_TOKEN"), "{err}");
    let help = run(&["transcoding", "query", "--help"], Some(&token), "");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("MIXDECK_BUILDER_TOKEN"), "{help}");
    assert!(!help.contains(&token), "help shows the token: {help}");
}

/// `recording check-channel` lists who publishes, warns of a channelType that does not match the
/// channel, and stays quiet when all is well; with --dry-run it prints the Channel Management
/// request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_channel_lists_publishers_and_warns_of_a_mismatch() {
    let e = env().await;
    let busy = e.cli(&["recording", "check-channel", "--cname", "busy-room"]);
    let text = String::from_utf8_lossy(&busy.stdout);
    assert!(busy.status.success(), "{text}");
    assert!(text.contains("publishers [1001, 1002, 1003]"), "{text}");
    assert!(!text.contains("warning:"), "{text}");
    let mismatch = e.cli(&[
        "recording",
        "check-channel",
        "--cname",
        "busy-room",
        "--channel-type",
        "1",
    ]);
    let text = String::from_utf8_lossy(&mismatch.stdout);
    assert!(
        text.contains("warning: The channel is in communication mode"),
        "{text}"
    );
    let dry = stdout_json(&e.cli(&[
        "--dry-run",
        "recording",
        "check-channel",
        "--cname",
        "busy-room",
    ]));
    assert_eq!(dry["method"], "GET");
    assert!(
        dry["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/dev/v1/channel/user/{APP}/busy-room")),
        "{dry}"
    );
}

#[tokio::test]
async fn storage_is_checked_step_by_step_with_the_field_to_fix() {
    let e = env().await;
    // The Sandbox profile's storage: the embedded sandbox's object store, its keys built in.
    let ok = stdout_json(&e.cli_local(&["--json", "storage", "check"]));
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(ok["steps"].as_array().unwrap().len(), 6);
    let body = e.file(
        "storage.json",
        &serde_json::json!({
            "vendor": 1, "region": 0, "bucket": "mixdeck-sandbox",
            "accessKey": "", "secretKey": "wrong-secret-for-the-cli"
        }),
    );
    let bad = e.cli_local(&["storage", "check", "--body", &body]);
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("FAIL Keys") && out.contains("(fix secretKey)"),
        "{out}"
    );
    assert!(!out.contains("wrong-secret-for-the-cli"));
    let missing = e.cli_local(&["storage", "link", "999", "a.m3u8"]);
    assert_ne!(missing.status.code(), Some(0));
}
