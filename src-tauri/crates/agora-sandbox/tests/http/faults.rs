//! Every fault kind, over HTTP, injected through the handle and through the control API.

use std::time::{Duration, Instant};

use agora_sandbox::{FaultKind, FaultSpec, RouteName, MALFORMED_BODY};
use serde_json::json;

use crate::common::{mix, Api};

#[tokio::test]
async fn latency_delays_the_normal_answer() {
    let api = Api::start().await;
    api.sandbox
        .inject(FaultSpec::new(RouteName::Ncs, FaultKind::Latency { ms: 300 }).times(1))
        .unwrap();
    let url = format!("{}/v1/ncs/ip", api.base);
    let t0 = Instant::now();
    api.get(&url).await.expect(200, None);
    assert!(
        t0.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t0.elapsed()
    );
    let log = api.sandbox.requests();
    assert_eq!(log[0].fault.as_deref(), Some("latency 300 ms"));
    let t1 = Instant::now();
    api.get(&url).await.expect(200, None);
    assert!(
        t1.elapsed() < Duration::from_millis(300),
        "used up after one request"
    );
}

#[tokio::test]
async fn server_errors_have_agora_like_bodies_per_api() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    for (status, code) in [(500, Some(500)), (504, Some(62)), (503, None), (502, None)] {
        api.sandbox
            .inject(FaultSpec::new(RouteName::Query, FaultKind::HttpError { status }).times(1))
            .unwrap();
        let r = api.query(&rid, &sid, "mix").await;
        assert_eq!((r.status, r.code()), (status, code), "{}", r.text);
        if code.is_some() {
            assert_eq!(r.body["sid"], sid.as_str(), "recording errors echo the ids");
        } else {
            assert!(!r.message().is_empty());
        }
    }
    api.query(&rid, &sid, "mix").await.expect(200, None);
    api.sandbox
        .inject(FaultSpec::new(
            RouteName::BuilderTokens,
            FaultKind::HttpError { status: 500 },
        ))
        .unwrap();
    let r = api
        .post(&api.tc("builderTokens"), &json!({"instanceId": "i"}))
        .await;
    assert_eq!(r.status, 500);
    assert!(
        r.body.get("code").is_none() && !r.message().is_empty(),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn code_65_is_a_206_that_changes_nothing() {
    let api = Api::start().await;
    let rid = api.acquire("room", "1", 0).await;
    api.sandbox
        .inject(FaultSpec::new(RouteName::Start, FaultKind::Code65).times(1))
        .unwrap();
    let r = api
        .start_raw(&rid, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(206, Some(65));
    assert_eq!(
        (r.reason(), r.body["resourceId"].as_str()),
        ("request not completed", Some(rid.as_str()))
    );
    assert!(api.sandbox.state().sessions.is_empty());
    api.start_raw(&rid, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(200, None);
}

#[tokio::test]
async fn an_injected_429_looks_like_the_real_limit() {
    let api = Api::start().await;
    api.sandbox
        .inject(FaultSpec::all(FaultKind::RateLimited).times(2))
        .unwrap();
    let url = format!("{}/v1/ncs/ip", api.base);
    for _ in 0..2 {
        let r = api.get(&url).await;
        assert_eq!((r.status, r.message()), (429, "API rate limit exceeded"));
    }
    api.get(&url).await.expect(200, None);
}

#[tokio::test]
async fn a_dropped_connection_gets_no_http_answer_at_all() {
    let api = Api::start().await;
    api.sandbox
        .inject(FaultSpec::new(RouteName::Acquire, FaultKind::DropConnection).times(1))
        .unwrap();
    let err = api
        .http
        .post(api.rec("acquire"))
        .basic_auth("sandbox-customer-id", Some("sandbox-customer-secret"))
        .body(r#"{"cname":"room","uid":"1","clientRequest":{}}"#)
        .send()
        .await
        .expect_err("no answer");
    assert!(
        !err.is_connect() && err.status().is_none(),
        "the request was sent, nothing came back: {err:?}"
    );
    let log = api.sandbox.requests();
    assert_eq!(
        (log[0].status, log[0].fault.as_deref()),
        (None, Some("dropConnection"))
    );
    assert!(api.sandbox.state().resources.is_empty(), "nothing was done");
    api.acquire("room", "1", 0).await;
}

#[tokio::test]
async fn a_malformed_body_comes_with_200() {
    let api = Api::start().await;
    api.sandbox
        .inject(FaultSpec::new(RouteName::Acquire, FaultKind::MalformedBody).times(1))
        .unwrap();
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room", "uid": "1", "clientRequest": {}}),
        )
        .await;
    assert_eq!((r.status, r.text.as_str()), (200, MALFORMED_BODY));
    assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_err());
    assert_eq!(r.headers["content-type"], "application/json;charset=utf-8");
}

#[tokio::test]
async fn a_failover_answers_404_for_its_duration_while_the_session_lives_on() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    api.sandbox
        .inject(FaultSpec::all(FaultKind::Failover { seconds: 30 }))
        .unwrap();
    let r = api.query(&rid, &sid, "mix").await.expect(404, Some(404));
    assert_eq!(r.reason(), "failed to find worker");
    let layout = json!({"mixedVideoLayout": 1});
    api.envelope_call(
        &api.session_url(&rid, &sid, "mix", "updateLayout"),
        "room",
        "1",
        layout,
    )
    .await
    .expect(404, Some(404));
    api.acquire("room", "2", 0).await;
    api.advance(29.999);
    api.stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(404, Some(404));
    api.advance(0.001);
    let r = api.query(&rid, &sid, "mix").await.expect(200, None);
    assert_eq!(r.body["serverResponse"]["status"], 5, "it kept recording");
    assert!(api.sandbox.faults().is_empty(), "the failover is over");
    api.stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(200, None);
}

#[tokio::test]
async fn faults_can_target_one_route_all_routes_and_be_cleared() {
    let api = Api::start().await;
    let ncs = format!("{}/v1/ncs/ip", api.base);
    let id = api
        .sandbox
        .inject(FaultSpec::all(FaultKind::HttpError { status: 503 }))
        .unwrap();
    assert_eq!(api.get(&ncs).await.status, 503);
    assert_eq!(
        api.post(&api.tc("builderTokens"), &json!({"instanceId": "i"}))
            .await
            .status,
        503
    );
    assert_eq!(api.sandbox.faults()[0].hits, 2);
    assert!(api.sandbox.remove_fault(id));
    assert_eq!(api.get(&ncs).await.status, 200);
    api.sandbox
        .inject(FaultSpec::new(RouteName::Ncs, FaultKind::Code65))
        .unwrap();
    api.sandbox
        .inject(FaultSpec::new(RouteName::Ncs, FaultKind::Code65))
        .unwrap();
    assert_eq!(
        api.post(&api.tc("builderTokens"), &json!({"instanceId": "i"}))
            .await
            .status,
        200
    );
    api.sandbox.clear_faults();
    assert_eq!(api.get(&ncs).await.status, 200);
    assert!(api
        .sandbox
        .inject(FaultSpec::all(FaultKind::HttpError { status: 418 }))
        .is_err());
}

#[tokio::test]
async fn faults_act_before_authentication_like_a_network_would() {
    let api = Api::start().await;
    api.sandbox
        .inject(FaultSpec::new(RouteName::Ncs, FaultKind::HttpError { status: 503 }).times(1))
        .unwrap();
    let anonymous = api
        .finish(api.http.get(format!("{}/v1/ncs/ip", api.base)), None)
        .await;
    assert_eq!(anonymous.status, 503);
}
