//! Loopback-only guards: DNS rebinding (Host), cross-site requests (Origin) and slow clients.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::common::Api;

/// One raw request; the status code of the answer, or `None` if the socket closed first.
async fn raw(api: &Api, request: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(api.sandbox.addr()).await.ok()?;
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf).await;
    let text = String::from_utf8_lossy(&buf);
    text.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn a_foreign_host_is_refused_on_every_route() {
    let api = Api::start().await;
    let port = api.sandbox.addr().port();
    for path in [
        "/_sandbox/info",
        "/v1/ncs/ip",
        "/v1/apps/x/cloud_recording/acquire",
    ] {
        for host in [
            "evil.example".to_owned(),
            format!("evil.example:{port}"),
            "127.0.0.1".to_owned(),
            format!("127.0.0.1:{}", port.wrapping_add(1)),
        ] {
            let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            assert_eq!(raw(&api, &req).await, Some(403), "{path} with Host {host}");
        }
    }
    let token = api.sandbox.control_token();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let req = format!(
            "GET /_sandbox/info HTTP/1.1\r\nHost: {host}\r\nX-Sandbox-Token: {token}\r\nConnection: close\r\n\r\n"
        );
        assert_eq!(raw(&api, &req).await, Some(200), "Host {host}");
    }
    let ok = api
        .http
        .get(format!("{}/_sandbox/info", api.base))
        .send()
        .await
        .expect("the request is answered");
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn a_foreign_origin_cannot_drive_the_control_api() {
    let api = Api::start().await;
    for origin in [
        "https://evil.example",
        "null",
        "http://127.0.0.1.evil.example",
    ] {
        let res = api
            .http
            .post(format!("{}/_sandbox/reset", api.base))
            .header("origin", origin)
            .send()
            .await
            .expect("the request is answered");
        assert_eq!(res.status(), 403, "Origin {origin}");
        let body: serde_json::Value = res.json().await.expect("a JSON error");
        assert!(body["error"].is_string(), "{body}");
    }
    let local = api
        .http
        .post(format!("{}/_sandbox/reset", api.base))
        .header("origin", "http://localhost:1420")
        .send()
        .await
        .expect("the request is answered");
    assert!(local.status().is_success(), "{}", local.status());
}

/// The control API answers only with this run's token: missing or wrong, 401 and nothing done;
/// the documented API needs none. Two sandboxes never share a token.
#[tokio::test]
async fn the_control_api_wants_this_runs_token() {
    let api = Api::start().await;
    let bare = reqwest::Client::new();
    let token = api.sandbox.control_token().to_owned();
    assert!(token.len() >= 32, "{token}");
    assert_ne!(token, Api::start().await.sandbox.control_token());
    api.sandbox.advance(Duration::from_secs(1));
    let before = api.sandbox.now_ms();
    for given in [
        None,
        Some("0".repeat(token.len())),
        Some(format!("{token}x")),
    ] {
        let mut req = bare.post(format!("{}/_sandbox/clock/advance", api.base));
        if let Some(t) = &given {
            req = req.header("X-Sandbox-Token", t.as_str());
        }
        let res = req
            .header("content-type", "application/json")
            .body(r#"{"seconds": 60}"#)
            .send()
            .await
            .expect("answered");
        assert_eq!(res.status(), 401, "token {given:?}");
        let body: serde_json::Value = res.json().await.expect("a JSON error");
        assert!(
            body["error"]
                .as_str()
                .unwrap_or("")
                .contains("X-Sandbox-Token"),
            "{body}"
        );
    }
    assert_eq!(api.sandbox.now_ms(), before, "nothing was done");
    let ok = bare
        .post(format!("{}/_sandbox/clock/advance", api.base))
        .header("X-Sandbox-Token", &token)
        .header("content-type", "application/json")
        .body(r#"{"seconds": 60}"#)
        .send()
        .await
        .expect("answered");
    assert_eq!(ok.status(), 200);
    assert_eq!(api.sandbox.now_ms(), before + 60_000);
    let ncs = bare
        .get(format!("{}/v1/ncs/ip", api.base))
        .basic_auth(&api.id, Some(&api.secret))
        .send()
        .await
        .expect("answered");
    assert_eq!(ncs.status(), 200, "the API routes need no control token");
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let api = Api::start().await;
    let mut stream = TcpStream::connect(api.sandbox.addr())
        .await
        .expect("connects");
    stream
        .write_all(b"GET /_sandbox/info HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("writes");
    let mut buf = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut buf)).await;
    assert!(closed.is_ok(), "the sandbox kept a half-sent request open");
}
