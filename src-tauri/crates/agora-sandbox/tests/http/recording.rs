//! The Cloud Recording state machine: documented codes and transitions.

use agora_sandbox::{EndReason, SandboxConfig};
use serde_json::{json, Value};

use crate::common::{individual, mix, web, Api, STORAGE_SECRET};

#[tokio::test]
async fn acquire_then_start_gives_a_32_hex_sid_and_echoes_the_ids() {
    let api = Api::start().await;
    let rid = api.acquire("room", "527841", 0).await;
    assert!(rid.len() >= 64, "an opaque resource id: {rid}");
    let r = api
        .start_raw(&rid, "mix", "room", "527841", mix(&["hls"]))
        .await
        .expect(200, None);
    let sid = r.body["sid"].as_str().unwrap();
    assert_eq!(sid.len(), 32);
    assert!(sid.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(r.body["resourceId"], rid.as_str());
    assert_eq!(
        (r.body["cname"].as_str(), r.body["uid"].as_str()),
        (Some("room"), Some("527841"))
    );
}

#[tokio::test]
async fn a_resource_expires_five_minutes_after_acquire() {
    let api = Api::start().await;
    let late = api.acquire("room", "1", 0).await;
    let in_time = api.acquire("room", "2", 0).await;
    api.advance(299.0);
    api.start_raw(&in_time, "mix", "room", "2", mix(&["hls"]))
        .await
        .expect(200, None);
    api.advance(1.0);
    let r = api
        .start_raw(&late, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(400, Some(433));
    assert_eq!(
        r.body["resourceId"],
        late.as_str(),
        "the resource id is echoed"
    );
}

#[tokio::test]
async fn a_resource_id_the_service_never_issued_is_code_1001() {
    let api = Api::start().await;
    api.start_raw("garbage", "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(400, Some(1001));
    api.query("garbage", "0123456789abcdef0123456789abcdef", "mix")
        .await
        .expect(400, Some(1001));
}

#[tokio::test]
async fn start_with_another_cname_or_uid_than_acquire_is_code_432() {
    let api = Api::start().await;
    let rid = api.acquire("room", "1", 0).await;
    api.start_raw(&rid, "mix", "other-room", "1", mix(&["hls"]))
        .await
        .expect(400, Some(432));
    api.start_raw(&rid, "mix", "room", "2", mix(&["hls"]))
        .await
        .expect(400, Some(432));
    api.start_raw(&rid, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(200, None);
}

#[tokio::test]
async fn a_second_start_with_the_same_resource_is_201_code_7() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    let again = api
        .start_raw(&rid, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(201, Some(7));
    assert_eq!(again.reason(), "already started");
    assert_eq!(again.body["sid"], sid.as_str());
    assert_eq!(api.sandbox.state().sessions.len(), 1, "no second session");
}

#[tokio::test]
async fn the_same_cname_and_uid_recording_twice_is_code_53_until_the_first_ends() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    let second = api.acquire("room", "1", 0).await;
    let r = api
        .start_raw(&second, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(400, Some(53));
    assert_eq!(r.reason(), "task conflict");
    // Another uid in the same channel is fine: that is how one records a channel twice.
    api.begin("individual", "room", "2", individual(json!({})))
        .await;
    api.stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(200, None);
    let third = api.acquire("room", "1", 0).await;
    api.start_raw(&third, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(200, None);
}

#[tokio::test]
async fn web_mode_needs_a_scene_1_resource_and_channel_modes_refuse_one() {
    let api = Api::start().await;
    let rid = api.acquire("page", "1", 0).await;
    let r = api
        .start_raw(&rid, "web", "page", "1", web(false, false))
        .await
        .expect(400, Some(2));
    assert!(r.reason().starts_with("scene:"), "{}", r.reason());
    let rid = api.acquire("page", "2", 1).await;
    let r = api
        .start_raw(&rid, "mix", "page", "2", mix(&["hls"]))
        .await
        .expect(400, Some(2));
    assert!(r.reason().contains("scene 1"), "{}", r.reason());
    api.start_raw(&rid, "web", "page", "2", web(false, false))
        .await
        .expect(200, None);
}

#[tokio::test]
async fn bodies_are_checked_with_code_2_naming_the_field_and_code_8_for_non_json() {
    let api = Api::start().await;
    let rid = api.acquire("room", "1", 0).await;
    let start_url = api.rec(&format!("resourceid/{rid}/mode/individual/start"));

    let mut bad = individual(json!({"maxIdleTime": 1}));
    let r = api
        .start_raw(&rid, "individual", "room", "1", bad.take())
        .await
        .expect(400, Some(2));
    assert_eq!(
        r.reason(),
        "clientRequest.recordingConfig.maxIdleTime: must be between 5 and 2592000, got 1"
    );

    let r = api
        .start_raw(
            &rid,
            "individual",
            "room",
            "1",
            individual(json!({"maxIdleTime": "30"})),
        )
        .await
        .expect(400, Some(2));
    assert_eq!(
        r.reason(),
        "clientRequest.recordingConfig.maxIdleTime: must be a whole number, got a string"
    );

    let r = api.start_raw(&rid, "individual", "room", "1", json!({"recordingConfig": {"channelType": 0}, "storageConfig": crate::common::storage()})).await.expect(400, Some(2));
    assert!(
        r.reason()
            .contains("clientRequest.recordingConfig.subscribeUidGroup: is required"),
        "{}",
        r.reason()
    );
    assert!(
        r.reason()
            .contains("; clientRequest.recordingFileConfig: is required"),
        "every broken rule is named: {}",
        r.reason()
    );

    let raw = api
        .finish(
            api.http
                .post(&start_url)
                .basic_auth("sandbox-customer-id", Some("sandbox-customer-secret")),
            None,
        )
        .await;
    assert_eq!((raw.status, raw.code()), (400, Some(8)), "{}", raw.text);
    let form = api
        .finish(
            api.http
                .post(&start_url)
                .basic_auth("sandbox-customer-id", Some("sandbox-customer-secret"))
                .body("cname=room&uid=1"),
            None,
        )
        .await;
    assert_eq!((form.status, form.code()), (400, Some(8)), "{}", form.text);
    // Nothing above used the resource up. A key Agora does not know is ignored, as Agora
    // does (agora-rest refuses it before sending: see wire::crosscheck).
    let r = api
        .start_raw(
            &rid,
            "individual",
            "room",
            "1",
            individual(json!({"maxIdelTime": 5})),
        )
        .await
        .expect(200, None);
    let sid = r.body["sid"].as_str().unwrap();
    api.advance(6.0);
    api.query(&rid, sid, "individual").await.expect(200, None);
    assert!(
        api.sandbox.session(sid).unwrap().ended.is_none(),
        "the default maxIdleTime (30 s) applies, not the misspelt 5"
    );
}

#[tokio::test]
async fn acquire_refuses_bad_channel_names_with_code_401_and_bad_uids_with_code_2() {
    let api = Api::start().await;
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room/1", "uid": "1", "clientRequest": {}}),
        )
        .await;
    assert_eq!(
        (r.status, r.code(), r.reason()),
        (400, Some(401), "invalid_channel_name")
    );
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room", "uid": "0", "clientRequest": {}}),
        )
        .await
        .expect(400, Some(2));
    assert!(r.reason().starts_with("uid: "), "{}", r.reason());
    assert_eq!(r.body["cname"], "room", "the envelope is echoed");
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room", "uid": "1", "clientRequest": {"resourceExpiredHour": 721}}),
        )
        .await
        .expect(400, Some(2));
    assert!(
        r.reason().starts_with("clientRequest.resourceExpiredHour"),
        "{}",
        r.reason()
    );
    // Web cnames are free text up to 1024 bytes.
    api.acquire("https://example.com/page?a=1", "1", 1).await;
}

#[tokio::test]
async fn a_bad_start_parameter_passes_acquire_and_fails_start() {
    let api = Api::start().await;
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room", "uid": "1", "clientRequest": {"startParameter": {"recordingConfig": {"channelType": 0, "maxIdleTime": 1}}}}),
        )
        .await
        .expect(200, None);
    let rid = r.body["resourceId"].as_str().unwrap();
    let r = api
        .start_raw(rid, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(400, Some(2));
    assert!(
        r.reason().starts_with("acquire's startParameter:"),
        "{}",
        r.reason()
    );
}

#[tokio::test]
async fn status_advances_from_0_to_5_over_the_first_five_seconds() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    let mut seen = Vec::new();
    for step in [0.0, 0.199, 0.001, 0.799, 0.001, 1.0, 1.0, 1.999, 0.001] {
        api.advance(step);
        let r = api.query(&rid, &sid, "mix").await.expect(200, None);
        seen.push(r.body["serverResponse"]["status"].as_i64().unwrap());
    }
    assert_eq!(seen, [0, 0, 1, 1, 2, 3, 4, 4, 5]);
}

#[tokio::test]
async fn with_nobody_publishing_the_status_stays_at_4() {
    let api = Api::with(SandboxConfig::for_tests().channel("empty", vec![])).await;
    let (rid, sid) = api.begin("mix", "empty", "1", mix(&["hls"])).await;
    api.advance(20.0);
    let r = api.query(&rid, &sid, "mix").await.expect(200, None);
    assert_eq!(r.body["serverResponse"]["status"], 4);
    assert!(
        r.body["serverResponse"].get("fileList").is_none(),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn stop_when_nobody_published_is_206_code_435_and_a_second_stop_is_code_49() {
    let api = Api::with(SandboxConfig::for_tests().channel("empty", vec![])).await;
    let (rid, sid) = api.begin("mix", "empty", "1", mix(&["hls"])).await;
    api.advance(6.0);
    let r = api
        .stop(&rid, &sid, "mix", "empty", "1")
        .await
        .expect(206, Some(435));
    assert_eq!(r.reason(), "no recorded data");
    assert_eq!(
        (r.body["resourceId"].as_str(), r.body["sid"].as_str()),
        (Some(rid.as_str()), Some(sid.as_str()))
    );
    api.stop(&rid, &sid, "mix", "empty", "1")
        .await
        .expect(400, Some(49));
    let session = api.sandbox.session(&sid).unwrap();
    assert_eq!(session.ended.unwrap().reason, EndReason::StoppedWithoutData);
}

#[tokio::test]
async fn publishers_nobody_subscribed_to_also_leave_nothing_to_stop() {
    let api = Api::start().await;
    let (rid, sid) = api
        .begin(
            "individual",
            "room",
            "1",
            individual(json!({"subscribeAudioUids": ["4242"], "subscribeVideoUids": ["4242"]})),
        )
        .await;
    api.advance(10.0);
    api.stop(&rid, &sid, "individual", "room", "1")
        .await
        .expect(206, Some(435));
}

#[tokio::test]
async fn after_stop_query_tells_the_exit_update_is_404_and_a_repeated_stop_is_49_then_404() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    api.advance(6.0);
    api.stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(200, None);
    // While the bot exits, query answers with statuses 6, 7 and 8 and the final files.
    for (at, status) in [(0.0, 6), (1.0, 7), (2.0, 8)] {
        api.advance(at);
        let exiting = api.query(&rid, &sid, "mix").await.expect(200, None);
        assert_eq!(exiting.body["serverResponse"]["status"], status);
        assert_eq!(
            exiting.body["serverResponse"]["fileList"],
            format!("{sid}_room.m3u8")
        );
    }
    let sub = json!({"streamSubscribe": {"audioUidList": {"subscribeAudioUids": ["1001"]}}});
    api.envelope_call(
        &api.session_url(&rid, &sid, "mix", "update"),
        "room",
        "1",
        sub,
    )
    .await
    .expect(404, Some(404));
    api.envelope_call(
        &api.session_url(&rid, &sid, "mix", "updateLayout"),
        "room",
        "1",
        json!({}),
    )
    .await
    .expect(404, Some(404));
    let again = api
        .stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(400, Some(49));
    assert_eq!(again.reason(), "invalid operation");
    api.advance(60.0);
    let gone = api.query(&rid, &sid, "mix").await.expect(404, Some(404));
    assert_eq!(gone.reason(), "failed to find worker");
    assert_eq!(gone.body["cname"], "room");
    api.stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(404, Some(404));
}

#[tokio::test]
async fn with_an_empty_channel_the_session_ends_itself_after_max_idle_time() {
    let api = Api::with(SandboxConfig::for_tests().channel("empty", vec![])).await;
    let (rid, sid) = api
        .begin(
            "individual",
            "empty",
            "1",
            individual(json!({"maxIdleTime": 10})),
        )
        .await;
    api.advance(9.999);
    api.query(&rid, &sid, "individual").await.expect(200, None);
    api.advance(0.001);
    let exiting = api.query(&rid, &sid, "individual").await.expect(200, None);
    assert_eq!(exiting.body["serverResponse"]["status"], 6);
    // The bot is leaving: stop is an invalid operation (code 49), then the worker is gone.
    api.stop(&rid, &sid, "individual", "empty", "1")
        .await
        .expect(400, Some(49));
    api.advance(60.0);
    api.query(&rid, &sid, "individual")
        .await
        .expect(404, Some(404));
    api.stop(&rid, &sid, "individual", "empty", "1")
        .await
        .expect(404, Some(404));
    let ended = api.sandbox.session(&sid).unwrap().ended.unwrap();
    assert_eq!(ended.reason, EndReason::MaxIdleTime);
}

#[tokio::test]
async fn max_idle_time_counts_from_when_the_last_publisher_left_and_defaults_to_30_seconds() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    api.advance(100.0);
    api.sandbox.set_publishers("room", &[]).unwrap();
    api.advance(20.0);
    api.sandbox.set_publishers("room", &[1001]).unwrap();
    api.advance(5.0);
    api.sandbox.set_publishers("room", &[]).unwrap();
    api.advance(29.0);
    api.query(&rid, &sid, "mix").await.expect(200, None);
    api.advance(1.0);
    let exiting = api.query(&rid, &sid, "mix").await.expect(200, None);
    assert_eq!(exiting.body["serverResponse"]["status"], 6);
    api.advance(60.0);
    api.query(&rid, &sid, "mix").await.expect(404, Some(404));
    let ended = api.sandbox.session(&sid).unwrap().ended.unwrap();
    assert_eq!(
        ended.at_ms - api.sandbox.session(&sid).unwrap().started_at_ms,
        155_000
    );
}

#[tokio::test]
async fn api_access_ends_after_resource_expired_hour() {
    let api = Api::start().await;
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room", "uid": "1", "clientRequest": {"resourceExpiredHour": 1}}),
        )
        .await
        .expect(200, None);
    let rid = r.body["resourceId"].as_str().unwrap().to_owned();
    let r = api
        .start_raw(&rid, "mix", "room", "1", mix(&["hls"]))
        .await
        .expect(200, None);
    let sid = r.body["sid"].as_str().unwrap().to_owned();
    api.advance(3599.0);
    api.query(&rid, &sid, "mix").await.expect(200, None);
    api.advance(1.0);
    api.query(&rid, &sid, "mix").await.expect(404, Some(404));
    api.stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(404, Some(404));
}

#[tokio::test]
async fn ids_and_modes_must_match_the_session() {
    let api = Api::start().await;
    let unstarted = api.acquire("room", "9", 0).await;
    api.query(&unstarted, "0123456789abcdef0123456789abcdef", "mix")
        .await
        .expect(404, Some(404));
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    api.query(&rid, "ffffffffffffffffffffffffffffffff", "mix")
        .await
        .expect(400, Some(1003));
    let r = api
        .query(&rid, &sid, "individual")
        .await
        .expect(400, Some(2));
    assert!(r.reason().contains("mix mode"), "{}", r.reason());
    let r = api
        .query(&rid, &sid, "composite")
        .await
        .expect(400, Some(2));
    assert!(r.reason().starts_with("mode:"), "{}", r.reason());
    let wrong_uid = api
        .stop(&rid, &sid, "mix", "room", "2")
        .await
        .expect(400, Some(432));
    assert_eq!(wrong_uid.body["sid"], sid.as_str());
}

#[tokio::test]
async fn update_layout_replaces_the_whole_layout_and_is_recorded() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    let start_layout = api.sandbox.session(&sid).unwrap().current_layout.unwrap();
    assert_eq!(start_layout["backgroundColor"], "#FF0000");
    let layout = json!({
        "mixedVideoLayout": 3,
        "layoutConfig": [
            {"uid": "1001", "x_axis": 0.0, "y_axis": 0.0, "width": 0.5, "height": 1.0},
            {"uid": "1002", "x_axis": 0.5, "y_axis": 0.0, "width": 0.5, "height": 1.0, "alpha": 0.8, "render_mode": 1}
        ]
    });
    let r = api
        .envelope_call(
            &api.session_url(&rid, &sid, "mix", "updateLayout"),
            "room",
            "1",
            layout.clone(),
        )
        .await
        .expect(200, None);
    assert_eq!(
        r.body,
        json!({"cname": "room", "uid": "1", "resourceId": rid, "sid": sid})
    );
    let view = api.sandbox.session(&sid).unwrap();
    assert_eq!(view.layouts.len(), 1);
    assert_eq!(
        view.layouts[0].body.as_ref().unwrap()["clientRequest"],
        layout
    );
    let current = view.current_layout.unwrap();
    assert_eq!(current["layoutConfig"][1]["render_mode"], 1);
    assert!(
        current.get("backgroundColor").is_none(),
        "left out, so back to the default: {current}"
    );

    let r = api
        .envelope_call(
            &api.session_url(&rid, &sid, "mix", "updateLayout"),
            "room",
            "1",
            json!({"mixedVideoLayout": 9}),
        )
        .await
        .expect(400, Some(2));
    assert!(
        r.reason().starts_with("clientRequest.mixedVideoLayout"),
        "{}",
        r.reason()
    );
    assert_eq!(
        api.sandbox.session(&sid).unwrap().layouts.len(),
        1,
        "a refused layout is not recorded"
    );
    // The docs: layoutConfig is "used only when mixedVideoLayout is 3"; Agora ignores it
    // otherwise rather than refusing the call.
    api.envelope_call(
        &api.session_url(&rid, &sid, "mix", "updateLayout"),
        "room",
        "1",
        json!({"mixedVideoLayout": 1, "layoutConfig": []}),
    )
    .await
    .expect(200, None);
    assert_eq!(api.sandbox.session(&sid).unwrap().layouts.len(), 2);
}

#[tokio::test]
async fn update_layout_is_for_mix_mode_only() {
    let api = Api::start().await;
    let (rid, sid) = api
        .begin("individual", "room", "1", individual(json!({})))
        .await;
    let r = api
        .envelope_call(
            &api.session_url(&rid, &sid, "individual", "updateLayout"),
            "room",
            "1",
            json!({"mixedVideoLayout": 1}),
        )
        .await
        .expect(400, Some(2));
    assert!(r.reason().contains("mix"), "{}", r.reason());
    api.envelope_call(
        &api.session_url(&rid, &sid, "mix", "updateLayout"),
        "room",
        "1",
        json!({"mixedVideoLayout": 1}),
    )
    .await
    .expect(400, Some(2));
}

#[tokio::test]
async fn updates_are_validated_applied_and_recorded_with_secrets_redacted() {
    let api = Api::start().await;
    let (rid, sid) = api
        .begin("individual", "room", "1", individual(json!({})))
        .await;
    let sub = json!({"streamSubscribe": {"audioUidList": {"unSubscribeAudioUids": ["1001"]}}});
    api.envelope_call(
        &api.session_url(&rid, &sid, "individual", "update"),
        "room",
        "1",
        sub,
    )
    .await
    .expect(200, None);
    let mut rotated = crate::common::storage();
    rotated["stsToken"] = json!("sts-token-rotated-secret");
    rotated["stsExpiration"] = json!(1_900_000_000u64);
    api.envelope_call(
        &api.session_url(&rid, &sid, "individual", "update"),
        "room",
        "1",
        json!({"storageConfig": rotated}),
    )
    .await
    .expect(200, None);
    let r = api
        .envelope_call(
            &api.session_url(&rid, &sid, "individual", "update"),
            "room",
            "1",
            json!({"webRecordingConfig": {"onhold": true}}),
        )
        .await
        .expect(400, Some(2));
    assert_eq!(
        r.reason(),
        "clientRequest.webRecordingConfig: is for web mode"
    );

    let view = api.sandbox.session(&sid).unwrap();
    assert_eq!(view.updates.len(), 2);
    let text = serde_json::to_string(&view).unwrap();
    assert!(
        !text.contains(STORAGE_SECRET) && !text.contains("sts-token-rotated-secret"),
        "{text}"
    );
    assert_eq!(view.storage_config.unwrap()["stsToken"], "<redacted>");
    let audio = &view.subscription.unwrap().audio;
    assert_eq!(
        serde_json::to_value(audio).unwrap(),
        json!({"type": "except", "uids": [1001]})
    );
}

/// One more acquire in "room" is refused: the concurrent-recordings quota is used up.
async fn acquire_is_over_load(api: &Api, uid: &str) {
    let r = api
        .post(
            &api.rec("acquire"),
            &json!({"cname": "room", "uid": uid, "clientRequest": {}}),
        )
        .await;
    assert_eq!(
        (r.status, r.code(), r.reason()),
        (400, Some(406), "vendor_over_load")
    );
}

#[tokio::test]
async fn acquire_is_refused_with_code_406_past_50_concurrent_sessions() {
    let api = Api::start().await;
    for uid in 1..=50 {
        api.begin("mix", "room", &uid.to_string(), mix(&["hls"]))
            .await;
    }
    acquire_is_over_load(&api, "51").await;
    let state = api.sandbox.state();
    let first: &Value = &serde_json::to_value(&state.sessions[0]).unwrap();
    let (rid, sid) = (
        first["resourceId"].as_str().unwrap(),
        first["sid"].as_str().unwrap(),
    );
    let uid = first["uid"].as_str().unwrap();
    api.advance(6.0);
    api.stop(rid, sid, "mix", "room", uid)
        .await
        .expect(200, None);
    api.acquire("room", "51", 0).await;
}

#[tokio::test]
async fn a_raised_quota_lets_more_sessions_run_and_still_ends() {
    // As Agora raises a project's PCW on request (the monitor benchmark runs 500).
    let api = Api::with(SandboxConfig::for_tests().max_concurrent(52)).await;
    for uid in 1..=52 {
        api.begin("mix", "room", &uid.to_string(), mix(&["hls"]))
            .await;
    }
    acquire_is_over_load(&api, "53").await;
}

#[tokio::test]
async fn what_ended_long_ago_is_forgotten_but_still_answered_as_agora_does() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "old", "1", mix(&["hls"])).await;
    let unused = api.acquire("never", "1", 0).await;
    api.advance(6.0);
    api.stop(&rid, &sid, "mix", "old", "1")
        .await
        .expect(200, None);
    // An hour after the end, the sandbox no longer keeps the session or the unused resource...
    api.advance(3601.0);
    let _ = api.query(&rid, &sid, "mix").await;
    assert!(api.sandbox.session(&sid).is_none());
    let state = api.sandbox.state();
    assert!(
        state.sessions.is_empty() && state.resources.is_empty(),
        "{state:?}"
    );
    // ...and answers for them as Agora would.
    api.query(&rid, &sid, "mix").await.expect(404, Some(404));
    api.stop(&rid, &sid, "mix", "old", "1")
        .await
        .expect(404, Some(404));
    let again = api
        .start_raw(&rid, "mix", "old", "1", mix(&["hls"]))
        .await
        .expect(201, Some(7));
    assert_eq!(again.body["sid"], sid.as_str());
    api.start_raw(&unused, "mix", "never", "1", mix(&["hls"]))
        .await
        .expect(400, Some(433));
    // The freed (cname, uid) can record again.
    api.begin("mix", "old", "1", mix(&["hls"])).await;
}

#[tokio::test]
async fn a_token_in_start_is_checked_against_the_app_certificate() {
    use agora_sandbox::{DEFAULT_APP_CERTIFICATE, DEFAULT_APP_ID};
    use agora_token::{build_token_with_uid, Role};
    let api = Api::with(
        SandboxConfig::for_tests().app_certificate(Some(DEFAULT_APP_CERTIFICATE.to_owned())),
    )
    .await;
    let start_with = |token: &str| {
        let mut cr = mix(&["hls"]);
        cr["token"] = json!(token);
        cr
    };
    let token = |cert: &str, channel: &str, uid: u32, secs: u32| {
        build_token_with_uid(
            DEFAULT_APP_ID,
            cert,
            channel,
            uid,
            Role::Publisher,
            secs,
            secs,
        )
        .unwrap()
    };
    let cases = [
        ("garbage", "not-a-token".to_owned(), 110),
        (
            "another certificate",
            token("0123456789abcdef0123456789abcdef", "tok", 1, 3600),
            110,
        ),
        (
            "another channel",
            token(DEFAULT_APP_CERTIFICATE, "elsewhere", 1, 3600),
            110,
        ),
        (
            "another uid",
            token(DEFAULT_APP_CERTIFICATE, "tok", 2, 3600),
            110,
        ),
    ];
    for (what, t, code) in cases {
        let rid = api.acquire("tok", "1", 0).await;
        let r = api
            .start_raw(&rid, "mix", "tok", "1", start_with(&t))
            .await
            .expect(400, Some(code));
        assert!(
            r.reason().contains("invalid token"),
            "{what}: {}",
            r.reason()
        );
    }
    // Expired: built for 60 s, started after the simulated clock moved past them.
    let expiring = token(DEFAULT_APP_CERTIFICATE, "tok", 1, 60);
    api.advance(61.0);
    let rid = api.acquire("tok", "1", 0).await;
    api.start_raw(&rid, "mix", "tok", "1", start_with(&expiring))
        .await
        .expect(400, Some(109));
    // A good token (uid 0 stands for any uid) and no token at all both start.
    let rid = api.acquire("tok", "1", 0).await;
    api.start_raw(
        &rid,
        "mix",
        "tok",
        "1",
        start_with(&token(DEFAULT_APP_CERTIFICATE, "tok", 0, 3600)),
    )
    .await
    .expect(200, None);
    api.begin("mix", "tok-2", "1", mix(&["hls"])).await;
}

#[tokio::test]
async fn a_bot_uid_already_publishing_exits_abnormally_with_status_20() {
    let api = Api::start().await;
    // 1001 publishes in every channel the sandbox was told nothing about.
    let (rid, sid) = api.begin("mix", "clash", "1001", mix(&["hls"])).await;
    api.advance(1.0);
    api.query(&rid, &sid, "mix").await.expect(200, None);
    api.advance(2.0);
    let r = api.query(&rid, &sid, "mix").await.expect(200, None);
    assert_eq!(r.body["serverResponse"]["status"], 20);
    assert_eq!(
        api.sandbox.session(&sid).unwrap().ended.unwrap().reason,
        EndReason::UidConflict
    );
    api.advance(60.0);
    api.query(&rid, &sid, "mix").await.expect(404, Some(404));
}

#[tokio::test]
async fn a_snapshot_only_session_answers_without_a_file_list() {
    let api = Api::start().await;
    let mut cr = individual(json!({}));
    cr.as_object_mut().unwrap().remove("recordingFileConfig");
    cr["snapshotConfig"] = json!({"captureInterval": 5, "fileType": ["jpg"]});
    let (rid, sid) = api.begin("individual", "snap", "1", cr).await;
    api.advance(6.0);
    let q = api.query(&rid, &sid, "individual").await.expect(200, None);
    let sr = &q.body["serverResponse"];
    assert_eq!(sr["status"], 5);
    assert!(sr["sliceStartTime"].as_i64().is_some(), "{sr}");
    assert!(
        sr.get("fileList").is_none() && sr.get("fileListMode").is_none(),
        "{sr}"
    );
    let stopped = api
        .stop(&rid, &sid, "individual", "snap", "1")
        .await
        .expect(200, None);
    assert_eq!(
        stopped.body["serverResponse"],
        json!({"uploadingStatus": "uploaded"})
    );
}
