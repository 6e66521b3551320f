//! "Copy as curl": the requests `begin_recording` would send, shown instead of sent.

mod common;

use agora_rest::Sensitive;
use common::*;
use mixdeck_core::engine::{PreviewRequest, RESOURCE_ID_PLACEHOLDER};
use mixdeck_core::store::SessionFilter;
use mixdeck_core::vault::SecretKind;

const CERTIFICATE: &str = "fedcba9876543210fedcba9876543210";

fn session_count(w: &World) -> u32 {
    w.engine
        .store()
        .sessions(&SessionFilter::default())
        .unwrap()
        .total
}

#[tokio::test]
async fn the_preview_shows_what_begin_sends_without_a_secret_and_sends_nothing() {
    let w = world().await;
    w.engine
        .set_secret(
            w.profile,
            SecretKind::AppCertificate,
            Sensitive::from(CERTIFICATE),
        )
        .await
        .unwrap();
    let mut req = begin(&w, "room-preview");
    req.generate_token = true;

    let preview = w.engine.preview_recording(req.clone()).await.unwrap();
    assert!(
        w.sandbox.requests().is_empty(),
        "nothing reached the server"
    );
    assert_eq!(session_count(&w), 0, "a preview leaves no session");

    let ops: Vec<&str> = preview.iter().map(|p| p.op.as_str()).collect();
    assert_eq!(ops, ["acquire", "start"]);
    let base = format!("{}/v1/apps/{APP}/cloud_recording", w.sandbox.base_url());
    assert_eq!(preview[0].method, "POST");
    assert_eq!(preview[0].url, format!("{base}/acquire"));
    assert_eq!(
        preview[1].url,
        format!("{base}/resourceid/{RESOURCE_ID_PLACEHOLDER}/mode/mix/start")
    );
    for p in &preview {
        assert!(
            p.headers
                .contains(&("Authorization".into(), "Basic <redacted>".into())),
            "{:?}",
            p.headers
        );
        assert!(
            p.curl.starts_with(&format!("curl -X POST '{}'", p.url)),
            "{}",
            p.curl
        );
        assert!(p.curl.contains("-H 'Authorization: Basic <redacted>'"));
    }
    let start = preview[1].body.as_ref().unwrap();
    assert_eq!(start["cname"], "room-preview");
    assert_eq!(start["uid"], "900001");
    let storage = &start["clientRequest"]["storageConfig"];
    assert_eq!(storage["bucket"], "recordings");
    assert_eq!(
        (&storage["accessKey"], &storage["secretKey"]),
        (&"<redacted>".into(), &"<redacted>".into()),
        "the keychain's keys show as placeholders"
    );
    assert_eq!(start["clientRequest"]["token"], "<redacted>");

    let text = serde_json::to_string(&preview).unwrap();
    for secret in [CUSTOMER_SECRET, ACCESS_KEY, STORAGE_SECRET, CERTIFICATE] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }

    // begin_recording sends exactly these bodies to these URLs (the sandbox logs them redacted).
    let row = w.engine.begin_recording(req).await.unwrap();
    let sent = w.sandbox.requests();
    assert_eq!(sent.len(), 2, "{sent:?}");
    let resource_id = row.resource_id.unwrap();
    for (p, s) in preview.iter().zip(&sent) {
        assert_eq!(
            p.url.replace(RESOURCE_ID_PLACEHOLDER, &resource_id),
            format!("{}{}", w.sandbox.base_url(), s.path)
        );
        assert_eq!(p.method, s.method);
        assert_eq!(p.body, s.request_body, "{}", p.op);
    }
}

/// The same validation as begin, with the same field paths: including storage keys that neither
/// the form nor the keychain provides.
#[tokio::test]
async fn an_invalid_request_gets_the_same_field_errors_as_begin() {
    let w = world().await;
    let mut bad = begin(&w, "room/bad");
    bad.start.uid = agora_rest::Uid::from("0");
    let previewed = w.engine.preview_recording(bad.clone()).await.unwrap_err();
    assert_eq!(previewed.code(), "validation.failed");
    let paths: Vec<&str> = previewed.fields().iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"cname") && paths.contains(&"uid"),
        "{paths:?}"
    );
    let begun = w.engine.begin_recording(bad).await.unwrap_err();
    assert_eq!(previewed.fields(), begun.fields());

    w.engine
        .clear_secret(w.profile, SecretKind::StorageAccessKey)
        .await
        .unwrap();
    let no_key = begin(&w, "room-ok");
    let previewed = w
        .engine
        .preview_recording(no_key.clone())
        .await
        .unwrap_err();
    let begun = w.engine.begin_recording(no_key).await.unwrap_err();
    assert!(
        previewed
            .fields()
            .iter()
            .any(|f| f.path.ends_with("storageConfig.accessKey")),
        "{:?}",
        previewed.fields()
    );
    assert_eq!(previewed.fields(), begun.fields());

    let mut no_certificate = begin(&w, "room-ok");
    no_certificate.generate_token = true;
    let err = w
        .engine
        .preview_recording(no_certificate)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "profile.secret_missing");

    assert!(
        w.sandbox.requests().is_empty(),
        "nothing reached the server"
    );
    assert_eq!(session_count(&w), 0);
}

#[tokio::test]
async fn preview_requests_serialize_with_plain_field_names() {
    let w = world().await;
    let preview: Vec<PreviewRequest> = w
        .engine
        .preview_recording(begin(&w, "room-json"))
        .await
        .unwrap();
    let v = serde_json::to_value(&preview[0]).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["body", "curl", "headers", "method", "op", "url"]);
    assert_eq!(
        v["headers"][0],
        serde_json::json!(["Authorization", "Basic <redacted>"])
    );
}
