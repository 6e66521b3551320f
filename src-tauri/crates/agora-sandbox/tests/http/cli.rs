//! The `agora-sandbox` binary: options, start-up banner, clean stop on Ctrl-C (SIGINT).

use std::process::Stdio;
use std::time::Duration;

use agora_sandbox::SandboxInfo;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_agora-sandbox");

#[tokio::test]
async fn help_lists_every_option() {
    let out = Command::new(BIN).arg("--help").output().await.unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--port",
        "--app-id",
        "--customer-id",
        "--customer-secret",
        "--no-rate-limit",
        "--help",
    ] {
        assert!(text.contains(option), "{option} missing from:\n{text}");
    }
}

#[cfg(unix)]
#[tokio::test]
async fn it_prints_where_it_listens_serves_there_and_stops_cleanly_on_ctrl_c() {
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--app-id",
            "cli-app",
            "--customer-secret",
            "cli-secret",
            "--no-rate-limit",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("the banner within 30 s")
        .unwrap()
        .expect("a first line");
    let base = first
        .strip_prefix("agora-sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected banner: {first}"))
        .to_owned();
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
        "{base}"
    );
    let mut banner = Vec::new();
    for _ in 0..5 {
        banner.push(lines.next_line().await.unwrap().unwrap_or_default());
    }
    assert!(
        banner[0].contains("cli-app") && banner[2].contains("cli-secret"),
        "{banner:?}"
    );
    let token = banner[4]
        .strip_prefix("Control token:")
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or_else(|| panic!("no control token in {banner:?}"))
        .to_owned();

    let info: SandboxInfo = reqwest::Client::new()
        .get(format!("{base}/_sandbox/info"))
        .header("X-Sandbox-Token", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (info.credentials.app_id.as_str(), info.rate_limit),
        ("cli-app", None)
    );
    let ncs = reqwest::Client::new()
        .get(format!("{base}/v1/ncs/ip"))
        .basic_auth("sandbox-customer-id", Some("cli-secret"))
        .send()
        .await
        .unwrap();
    assert_eq!(ncs.status(), 200);

    let pid = child.id().expect("still running").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .expect("it stops within 30 s")
        .unwrap();
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn a_bad_configuration_fails_with_a_message() {
    let out = Command::new(BIN)
        .args(["--customer-id", "a:b"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("customer id must not contain ':'"), "{err}");
}
