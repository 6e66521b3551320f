//! The control API over HTTP (what e2e tests and the app use), the request log, reset, shutdown.

use agora_sandbox::{Sandbox, SandboxConfig, SandboxInfo, StateSnapshot};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{mix, Api, STORAGE_SECRET};

impl Api {
    async fn control(
        &self,
        method: Method,
        tail: &str,
        body: Option<Value>,
    ) -> crate::common::Resp {
        let req = self
            .http
            .request(method, format!("{}/_sandbox/{tail}", self.base));
        self.finish(req, body.as_ref()).await
    }
}

#[tokio::test]
async fn info_tells_how_to_reach_the_sandbox() {
    let api = Api::start().await;
    let r = api.control(Method::GET, "info", None).await;
    let info: SandboxInfo = serde_json::from_value(r.body).unwrap();
    assert_eq!(info.base_url, api.base);
    assert_eq!(info.credentials.app_id, "5a4db0c0ffee5a4db0c0ffee5a4db0c0");
    assert_eq!(info.credentials, api.sandbox.credentials());
    assert_eq!(info.rate_limit, None);
}

#[tokio::test]
async fn the_clock_advances_over_http() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    let before = api.sandbox.now_ms();
    let r = api
        .control(Method::POST, "clock/advance", Some(json!({"seconds": 5})))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        (r.body["nowMs"].as_i64(), r.body["offsetMs"].as_i64()),
        (Some(before + 5000), Some(5000))
    );
    assert_eq!(r.body["mode"], "frozen");
    api.control(Method::POST, "clock/advance", Some(json!({"ms": 1})))
        .await;
    assert_eq!(
        api.control(Method::GET, "clock", None).await.body["nowMs"],
        before + 5001
    );
    let q = api.query(&rid, &sid, "mix").await;
    assert_eq!(q.body["serverResponse"]["status"], 5);
    let bad = api
        .control(
            Method::POST,
            "clock/advance",
            Some(json!({"ms": 1, "seconds": 1})),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body["error"].is_string());
}

#[tokio::test]
async fn faults_are_managed_over_http() {
    let api = Api::start().await;
    let r = api
        .control(
            Method::POST,
            "faults",
            Some(json!({"route": "ncs", "kind": "httpError", "status": 500, "count": 1})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_u64().unwrap();
    let list = api.control(Method::GET, "faults", None).await;
    assert_eq!(
        list.body,
        json!([{"id": id, "route": "ncs", "count": 1, "kind": "httpError", "status": 500, "hits": 0}])
    );
    assert_eq!(
        api.get(&format!("{}/v1/ncs/ip", api.base)).await.status,
        500
    );
    assert_eq!(
        api.control(Method::GET, "faults", None).await.body,
        json!([]),
        "used up"
    );

    let r = api
        .control(
            Method::POST,
            "faults",
            Some(json!({"route": "*", "kind": "failover", "seconds": 10})),
        )
        .await;
    let id = r.body["id"].as_u64().unwrap();
    assert_eq!(
        api.control(Method::DELETE, &format!("faults/{id}"), None)
            .await
            .status,
        200
    );
    assert_eq!(
        api.control(Method::DELETE, &format!("faults/{id}"), None)
            .await
            .status,
        404
    );
    let bad = api
        .control(
            Method::POST,
            "faults",
            Some(json!({"route": "acquire", "kind": "failover", "seconds": 10})),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.body["error"].as_str().unwrap().contains("failover"),
        "{}",
        bad.text
    );
    let unknown = api
        .control(
            Method::POST,
            "faults",
            Some(json!({"route": "nope", "kind": "code65"})),
        )
        .await;
    assert_eq!(unknown.status, 400);
    api.control(
        Method::POST,
        "faults",
        Some(json!({"route": "*", "kind": "code65"})),
    )
    .await;
    api.control(Method::DELETE, "faults", None).await;
    assert_eq!(
        api.get(&format!("{}/v1/ncs/ip", api.base)).await.status,
        200
    );
}

#[tokio::test]
async fn channel_publishers_are_set_and_read_over_http() {
    let api = Api::start().await;
    let r = api.control(Method::GET, "channels/any%20room", None).await;
    assert_eq!(
        r.body,
        json!({"cname": "any room", "publishers": [1001, 1002, 1003]})
    );
    let r = api
        .control(
            Method::PUT,
            "channels/any%20room",
            Some(json!({"publishers": [7, 5]})),
        )
        .await;
    assert_eq!(r.body["publishers"], json!([5, 7]));
    let r = api.control(Method::GET, "channels", None).await;
    assert_eq!(
        r.body,
        json!({"defaultPublishers": [1001, 1002, 1003], "channels": {"any room": [5, 7]}})
    );
    let bad = api
        .control(Method::PUT, "channels/x", Some(json!({"publishers": [0]})))
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn the_request_log_keeps_every_call_with_secrets_redacted() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    let _ = api.get(&format!("{}/v1/nope", api.base)).await;
    let r = api.control(Method::GET, "requests", None).await;
    let log = r.body.as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(
        log.iter()
            .map(|e| (e["route"].as_str(), e["status"].as_u64()))
            .collect::<Vec<_>>(),
        [
            (Some("acquire"), Some(200)),
            (Some("start"), Some(200)),
            (None, Some(404))
        ]
    );
    let start = &log[1];
    assert_eq!(start["method"], "POST");
    assert_eq!(
        start["path"],
        format!("/v1/apps/5a4db0c0ffee5a4db0c0ffee5a4db0c0/cloud_recording/resourceid/{rid}/mode/mix/start")
    );
    assert_eq!(
        start["requestBody"]["clientRequest"]["storageConfig"]["secretKey"],
        "<redacted>"
    );
    assert_eq!(
        start["requestBody"]["clientRequest"]["storageConfig"]["bucket"],
        "bucket"
    );
    assert_eq!(start["responseBody"]["sid"], sid.as_str());
    assert!(start["requestId"].as_str().is_some());
    assert!(
        !r.text.contains(STORAGE_SECRET) && !r.text.contains("AKIA-SANDBOX-TEST"),
        "{}",
        r.text
    );
    let state = api.control(Method::GET, "state", None).await;
    assert!(!state.text.contains(STORAGE_SECRET), "{}", state.text);
    assert_eq!(
        api.control(Method::DELETE, "requests", None).await.status,
        200
    );
    assert!(api.sandbox.requests().is_empty());
}

#[tokio::test]
async fn state_shows_sessions_and_reset_forgets_everything() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    api.sandbox.set_publishers("room", &[42]).unwrap();
    let r = api.control(Method::GET, "state", None).await;
    let state: StateSnapshot = serde_json::from_value(r.body).unwrap();
    assert_eq!(state.sessions.len(), 1);
    assert_eq!(state.sessions[0].sid, sid);
    assert_eq!(state.sessions[0].status, Some(0), "not started yet");
    assert_eq!(state.resources[0].sid.as_deref(), Some(sid.as_str()));
    assert_eq!(state.channels["room"], [42]);
    let one = api
        .control(Method::GET, &format!("sessions/{sid}"), None)
        .await;
    assert_eq!(one.body["cname"], "room");
    assert_eq!(
        api.control(Method::GET, "sessions/nope", None).await.status,
        404
    );
    assert_eq!(
        api.control(Method::GET, "tasks/nope", None).await.status,
        404
    );
    assert_eq!(
        api.control(Method::GET, "nothing/here", None).await.status,
        404
    );

    assert_eq!(api.control(Method::POST, "reset", None).await.status, 200);
    let state = api.sandbox.state();
    assert!(state.sessions.is_empty() && state.resources.is_empty() && state.channels.is_empty());
    assert_eq!(state.requests_served, 0);
    api.query(&rid, &sid, "mix").await.expect(400, Some(1001));
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let sandbox = Sandbox::start(SandboxConfig::for_tests()).await.unwrap();
    let url = format!("{}/v1/ncs/ip", sandbox.base_url());
    let http = reqwest::Client::new();
    assert_eq!(http.get(&url).send().await.unwrap().status(), 401);
    sandbox.shutdown().await;
    let err = reqwest::Client::new().get(&url).send().await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
}

#[tokio::test]
async fn a_taken_port_is_a_clear_error() {
    let first = Sandbox::start(SandboxConfig::for_tests()).await.unwrap();
    let err = Sandbox::start(SandboxConfig::for_tests().port(first.addr().port()))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("could not listen on 127.0.0.1"),
        "{err}"
    );
}
