//! What Agora's gateway answers before any service: routes, auth, App ID, QPS, NCS, request ids.

use agora_sandbox::SandboxConfig;
use reqwest::Method;
use serde_json::json;

use crate::common::Api;

#[tokio::test]
async fn missing_and_wrong_credentials_are_the_two_documented_401s() {
    let api = Api::start().await;
    for url in [api.rec("acquire"), api.tc("builderTokens")] {
        let body = json!({"cname": "room", "uid": "1", "clientRequest": {}});
        let none = api.finish(api.http.post(&url), Some(&body)).await;
        assert_eq!(
            (none.status, none.body.clone()),
            (401, json!({"message": "Unauthorized"}))
        );
        assert!(none.headers.contains_key("www-authenticate"));
        let wrong = api
            .finish(
                api.http
                    .post(&url)
                    .basic_auth("sandbox-customer-id", Some("nope")),
                Some(&body),
            )
            .await;
        assert_eq!(
            (wrong.status, wrong.body.clone()),
            (
                401,
                json!({"message": "Invalid authentication credentials"})
            )
        );
    }
    let bearer = api
        .finish(
            api.http
                .get(format!("{}/v1/ncs/ip", api.base))
                .bearer_auth("x"),
            None,
        )
        .await;
    assert_eq!(bearer.message(), "Invalid authentication credentials");
}

#[tokio::test]
async fn an_unknown_app_id_is_400_in_each_apis_shape() {
    let api = Api::start().await;
    let rec = api
        .post(
            &format!("{}/v1/apps/someone-else/cloud_recording/acquire", api.base),
            &json!({"cname": "room", "uid": "1", "clientRequest": {}}),
        )
        .await;
    assert_eq!(
        (rec.status, rec.body),
        (400, json!({"code": 400, "reason": "invalid_appid"}))
    );
    let tc = api
        .post(
            &format!(
                "{}/v1/projects/someone-else/rtsc/cloud-transcoder/builderTokens",
                api.base
            ),
            &json!({"instanceId": "i1"}),
        )
        .await;
    assert_eq!(
        (tc.status, tc.body),
        (400, json!({"message": "invalid appid"}))
    );
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_match_no_route_even_without_auth() {
    let api = Api::start().await;
    let no_route = json!({"message": "no Route matched with those values"});
    for (method, url) in [
        (Method::GET, api.rec("acquire")),
        (Method::POST, api.rec("acquire/")),
        (
            Method::POST,
            format!("{}/v1/apps/{}/recording/acquire", api.base, api.app),
        ),
        (Method::PUT, api.tc("tasks/T")),
        (Method::POST, api.session_url("R", "S", "mix", "query")),
        (Method::GET, format!("{}/", api.base)),
    ] {
        let r = api.send(method.clone(), &url, None).await;
        assert_eq!((r.status, &r.body), (404, &no_route), "{method} {url}");
        let anonymous = api
            .finish(api.http.request(method.clone(), &url), None)
            .await;
        assert_eq!(anonymous.status, 404, "{method} {url} without auth");
    }
}

#[tokio::test]
async fn ncs_lists_the_loopback_address_and_every_answer_has_a_request_id() {
    let api = Api::start().await;
    let r = api
        .get(&format!("{}/v1/ncs/ip", api.base))
        .await
        .expect(200, None);
    assert_eq!(
        r.body,
        json!({"data": {"service": {"hosts": [{"primaryIP": "127.0.0.1"}]}}})
    );
    let id = r.headers["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let tc = api
        .post(&api.tc("builderTokens"), &json!({"instanceId": "i1"}))
        .await
        .expect(200, None);
    let tc_id = tc.headers["x-request-id"].to_str().unwrap();
    assert_ne!(tc_id, id, "one id per request");
    let err = api.post(&api.rec("acquire"), &json!({})).await;
    assert!(
        err.headers.contains_key("x-request-id"),
        "errors carry one too"
    );
    assert_eq!(
        r.headers["content-type"].to_str().unwrap(),
        "application/json;charset=utf-8"
    );
}

#[tokio::test]
async fn the_eleventh_request_in_a_second_is_rate_limited_until_the_second_passes() {
    let api = Api::with(SandboxConfig::for_tests().rate_limit(Some(10))).await;
    let url = format!("{}/v1/ncs/ip", api.base);
    for i in 0..10 {
        assert_eq!(api.get(&url).await.status, 200, "request {i}");
    }
    let limited = api.get(&url).await;
    assert_eq!(
        (limited.status, limited.body.clone()),
        (429, json!({"message": "API rate limit exceeded"}))
    );
    assert_eq!(limited.headers["retry-after"], "1");
    // Unauthenticated requests are refused before they count, and the limit is per App ID.
    let anonymous = api.finish(api.http.get(&url), None).await;
    assert_eq!(anonymous.status, 401);
    for _ in 0..10 {
        let r = api
            .post(
                &api.rec("acquire"),
                &json!({"cname": "room", "uid": "1", "clientRequest": {}}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    assert_eq!(
        api.post(&api.tc("builderTokens"), &json!({"instanceId": "i"}))
            .await
            .status,
        429
    );
    api.advance(1.0);
    assert_eq!(
        api.get(&url).await.status,
        200,
        "a new second, a new budget"
    );
}

#[tokio::test]
async fn without_a_rate_limit_bursts_are_served() {
    let api = Api::start().await;
    let url = format!("{}/v1/ncs/ip", api.base);
    for _ in 0..25 {
        assert_eq!(api.get(&url).await.status, 200);
    }
}
