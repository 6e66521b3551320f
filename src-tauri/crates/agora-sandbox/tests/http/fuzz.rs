//! Property-based fuzzing over real loopback HTTP: arbitrary methods, paths, headers and bodies
//! on the documented routes and the control API. The sandbox always answers (never drops the
//! connection, never 5xx), and every error is JSON in one of its documented shapes:
//! Agora's `{"message"}` / `{"code", "reason"}` or the control API's `{"error"}`.
//! 256 cases per property.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::Method;
use serde_json::Value;

use crate::common::Api;

const CASES: u32 = 256;

fn method() -> impl Strategy<Value = Method> {
    prop_oneof![
        Just(Method::GET),
        Just(Method::POST),
        Just(Method::PUT),
        Just(Method::PATCH),
        Just(Method::DELETE),
    ]
}

/// A path near the real ones (so requests reach the handlers) or anything at all.
fn path(app: String) -> impl Strategy<Value = String> {
    let tail = "[a-zA-Z0-9_%.{}:~-]{0,24}(/[a-zA-Z0-9_%.:-]{0,24}){0,6}";
    let prefixes = vec![
        format!("/v1/apps/{app}/cloud_recording/"),
        format!("/v1/apps/{app}/cloud_recording/resourceid/"),
        format!("/v1/projects/{app}/rtsc/cloud-transcoder/"),
        "/v1/apps/x/cloud_recording/".to_owned(),
        "/_sandbox/".to_owned(),
        "/_sandbox/channels/".to_owned(),
        "/_sandbox/faults/".to_owned(),
        "/".to_owned(),
    ];
    (proptest::sample::select(prefixes), tail).prop_map(|(p, t)| format!("{p}{t}"))
}

/// Bodies: raw bytes, text, and JSON values of assorted shapes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let json_leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[ -~]{0,20}".prop_map(Value::from),
    ];
    let json = json_leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("cname".to_owned()),
                    Just("uid".to_owned()),
                    Just("clientRequest".to_owned()),
                    Just("ms".to_owned()),
                    Just("publishers".to_owned()),
                    Just("kind".to_owned()),
                    "[a-zA-Z_]{1,12}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "[ -~]{0,200}".prop_map(String::into_bytes),
        json.prop_map(|v| v.to_string().into_bytes()),
    ]
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(
        (
            prop_oneof![
                Just("content-type".to_owned()),
                Just("authorization".to_owned()),
                Just("accept".to_owned()),
                Just("x-request-id".to_owned()),
                "x-[a-z]{1,10}",
            ],
            "[ -~]{0,60}",
        ),
        0..4,
    )
}

/// The documented shapes of an error answer.
fn documented_error(body: &Value) -> bool {
    let Some(obj) = body.as_object() else {
        return false;
    };
    obj.get("error").is_some_and(Value::is_string)
        || obj.get("message").is_some_and(Value::is_string)
        || (obj.contains_key("code") && obj.contains_key("reason"))
        || obj.contains_key("code")
}

#[test]
fn arbitrary_requests_get_an_answer_in_a_documented_shape() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let api = rt.block_on(Api::start());
    let creds = api.sandbox.credentials();
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        method(),
        path(creds.app_id.clone()),
        headers(),
        body(),
        any::<bool>(),
    );
    let result = runner.run(&strategy, |(method, path, headers, body, authed)| {
        rt.block_on(async {
            let mut req = api
                .http
                .request(method.clone(), format!("{}{path}", api.base))
                .body(body);
            if authed {
                req = req.basic_auth(&creds.customer_id, Some(&creds.customer_secret));
            }
            for (name, value) in &headers {
                if reqwest::header::HeaderValue::from_str(value).is_ok() {
                    req = req.header(name.as_str(), value.as_str());
                }
            }
            let res = req
                .send()
                .await
                .map_err(|e| TestCaseError::fail(format!("{method} {path}: no answer: {e}")))?;
            let status = res.status().as_u16();
            let text = res.text().await.unwrap_or_default();
            prop_assert!(status < 500, "{method} {path}: {status} {text}");
            if status >= 400 {
                let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                prop_assert!(
                    documented_error(&body),
                    "{method} {path}: {status} is not a documented error: {text}"
                );
            }
            Ok(())
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The sandbox survived every case and still serves.
    let info = rt.block_on(api.http.get(format!("{}/_sandbox/info", api.base)).send());
    assert!(info.is_ok_and(|r| r.status() == 200));
}
