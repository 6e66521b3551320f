//! File lists per mode, as query (from status 5) and stop answer them.

use agora_sandbox::SandboxConfig;
use serde_json::{json, Value};

use crate::common::{individual, mix, web, Api};

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|files| {
            files
                .iter()
                .map(|f| {
                    f["fileName"]
                        .as_str()
                        .or(f["filename"].as_str())
                        .unwrap_or("")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn mix_with_hls_lists_the_playlist_as_a_string() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls"])).await;
    api.advance(4.0);
    let early = api.query(&rid, &sid, "mix").await.expect(200, None);
    assert!(
        early.body["serverResponse"].get("fileList").is_none(),
        "no file before status 5"
    );
    api.advance(1.0);
    let r = api.query(&rid, &sid, "mix").await.expect(200, None);
    let sr = &r.body["serverResponse"];
    assert_eq!(sr["fileListMode"], "string");
    assert_eq!(sr["fileList"], format!("{sid}_room.m3u8"));
    assert_eq!(
        sr["sliceStartTime"],
        api.sandbox.session(&sid).unwrap().started_at_ms
    );
    let stop = api
        .stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(200, None);
    let sr = &stop.body["serverResponse"];
    assert_eq!(sr["uploadingStatus"], "uploaded");
    assert_eq!(sr["fileList"], format!("{sid}_room.m3u8"));
    assert_eq!(
        (stop.body["cname"].as_str(), stop.body["sid"].as_str()),
        (Some("room"), Some(sid.as_str()))
    );
}

#[tokio::test]
async fn mix_with_hls_and_mp4_lists_records_for_every_user_mixed() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("mix", "room", "1", mix(&["hls", "mp4"])).await;
    api.advance(5.0);
    let r = api.query(&rid, &sid, "mix").await.expect(200, None);
    let sr = &r.body["serverResponse"];
    assert_eq!(sr["fileListMode"], "json");
    assert_eq!(
        names(&sr["fileList"]),
        [format!("{sid}_room.m3u8"), format!("{sid}_room_0.mp4")]
    );
    let mp4 = &sr["fileList"][1];
    assert_eq!(
        (mp4["uid"].as_str(), mp4["mixedAllUser"].as_bool()),
        (Some("0"), Some(true))
    );
    assert_eq!(mp4["trackType"], "audio_and_video");
    assert_eq!(mp4["isPlayable"], true);
    let stop = api
        .stop(&rid, &sid, "mix", "room", "1")
        .await
        .expect(200, None);
    assert_eq!(names(&stop.body["serverResponse"]["fileList"]).len(), 2);
}

#[tokio::test]
async fn individual_lists_one_playlist_per_subscribed_publisher_and_medium() {
    let api = Api::start().await;
    let (rid, sid) = api
        .begin("individual", "room", "1", individual(json!({})))
        .await;
    api.advance(5.0);
    let r = api.query(&rid, &sid, "individual").await.expect(200, None);
    let sr = &r.body["serverResponse"];
    assert_eq!(sr["fileListMode"], "json");
    let expected: Vec<String> = [1001, 1002, 1003]
        .iter()
        .flat_map(|uid| {
            ["audio", "video"].map(|t| format!("{sid}_room__uid_s_{uid}__uid_e_{t}.m3u8"))
        })
        .collect();
    assert_eq!(names(&sr["fileList"]), expected);
    let first = &sr["fileList"][0];
    assert_eq!(
        (first["uid"].as_str(), first["trackType"].as_str()),
        (Some("1001"), Some("audio"))
    );
    assert_eq!(first["mixedAllUser"], false);
    let started = api.sandbox.session(&sid).unwrap().started_at_ms;
    assert_eq!(first["sliceStartTime"], started, "milliseconds");
    assert_eq!(sr["sliceStartTime"], started);
}

#[tokio::test]
async fn individual_respects_subscribe_lists_and_stream_types() {
    let api = Api::start().await;
    let (rid, sid) = api
        .begin(
            "individual",
            "room",
            "1",
            individual(json!({"subscribeAudioUids": ["1001", "1003"]})),
        )
        .await;
    let (rid2, sid2) = api
        .begin(
            "individual",
            "room",
            "2",
            individual(json!({"streamTypes": 1, "unSubscribeVideoUids": ["1002"]})),
        )
        .await;
    let (rid3, sid3) = api
        .begin(
            "individual",
            "room",
            "3",
            individual(json!({"streamTypes": 0, "subscribeAudioUids": ["#allstream#"]})),
        )
        .await;
    api.advance(5.0);
    let files = |r: &crate::common::Resp| names(&r.body["serverResponse"]["fileList"]);
    let r = api.query(&rid, &sid, "individual").await;
    assert_eq!(
        files(&r),
        [
            format!("{sid}_room__uid_s_1001__uid_e_audio.m3u8"),
            format!("{sid}_room__uid_s_1003__uid_e_audio.m3u8")
        ],
        "an audio list alone subscribes no video"
    );
    let r = api.query(&rid2, &sid2, "individual").await;
    assert_eq!(
        files(&r),
        [
            format!("{sid2}_room__uid_s_1001__uid_e_video.m3u8"),
            format!("{sid2}_room__uid_s_1003__uid_e_video.m3u8")
        ]
    );
    let r = api.query(&rid3, &sid3, "individual").await;
    assert_eq!(files(&r).len(), 3);
    assert!(files(&r).iter().all(|f| f.ends_with("_audio.m3u8")));
}

#[tokio::test]
async fn late_joiners_and_new_subscriptions_start_their_files_later() {
    let api = Api::with(SandboxConfig::for_tests().channel("room", vec![1001])).await;
    let (rid, sid) = api
        .begin(
            "individual",
            "room",
            "1",
            individual(json!({"subscribeAudioUids": ["1001"], "subscribeVideoUids": ["1001"]})),
        )
        .await;
    let started = api.sandbox.session(&sid).unwrap().started_at_ms;
    api.advance(10.0);
    api.sandbox.set_publishers("room", &[1001, 1002]).unwrap();
    api.advance(2.0);
    let sub =
        json!({"streamSubscribe": {"audioUidList": {"subscribeAudioUids": ["1001", "1002"]}}});
    api.envelope_call(
        &api.session_url(&rid, &sid, "individual", "update"),
        "room",
        "1",
        sub,
    )
    .await
    .expect(200, None);
    api.advance(3.0);
    let r = api
        .stop(&rid, &sid, "individual", "room", "1")
        .await
        .expect(200, None);
    let list = r.body["serverResponse"]["fileList"]
        .as_array()
        .unwrap()
        .clone();
    let by_name = |suffix: &str| {
        list.iter()
            .find(|f| f["fileName"].as_str().unwrap().ends_with(suffix))
            .unwrap()
            .clone()
    };
    assert_eq!(list.len(), 3, "{list:?}");
    assert_eq!(by_name("1001__uid_e_video.m3u8")["sliceStartTime"], started);
    assert_eq!(
        by_name("1002__uid_e_audio.m3u8")["sliceStartTime"],
        started + 12_000
    );
    assert_eq!(r.body["serverResponse"]["uploadingStatus"], "uploaded");
}

#[tokio::test]
async fn web_recording_reports_its_services_and_files() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("web", "page", "1", web(false, true)).await;
    api.advance(1.0);
    let r = api.query(&rid, &sid, "web").await.expect(200, None);
    let states = &r.body["serverResponse"]["extensionServiceState"];
    assert_eq!(states[0]["payload"]["state"], "init");
    assert_eq!(states[1]["payload"]["outputs"][0]["status"], "connecting");
    api.advance(4.0);
    let r = api.query(&rid, &sid, "web").await.expect(200, None);
    let sr = &r.body["serverResponse"];
    assert_eq!(sr["status"], 5);
    let recorder = &sr["extensionServiceState"][0];
    assert_eq!(recorder["serviceName"], "web_recorder_service");
    assert_eq!(recorder["payload"]["state"], "inProgress");
    assert_eq!(recorder["payload"]["onhold"], false);
    assert_eq!(
        names(&recorder["payload"]["fileList"]),
        [format!("{sid}_page.m3u8"), format!("{sid}_page_0.mp4")]
    );
    assert!(
        recorder["payload"]["fileList"][0].get("filename").is_some(),
        "web spells it filename"
    );
    let rtmp = &sr["extensionServiceState"][1];
    assert_eq!(rtmp["serviceName"], "rtmp_publish_service");
    assert_eq!(
        rtmp["payload"]["outputs"],
        json!([{"rtmpUrl": "rtmp://cdn.example.com/live/key", "status": "publishing"}])
    );
    let stop = api
        .stop(&rid, &sid, "web", "page", "1")
        .await
        .expect(200, None);
    let states = &stop.body["serverResponse"]["extensionServiceState"];
    assert_eq!(
        states[0],
        json!({"serviceName": "upload_service", "payload": {"uploadingStatus": "uploaded"}})
    );
    assert_eq!(states[1]["serviceName"], "web_recorder_service");
    assert_eq!(states[1]["payload"]["state"], "exit");
    assert_eq!(names(&states[1]["payload"]["fileList"]).len(), 2);
}

#[tokio::test]
async fn web_on_hold_writes_nothing_until_resumed() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("web", "page", "1", web(true, true)).await;
    api.advance(10.0);
    let r = api.query(&rid, &sid, "web").await.expect(200, None);
    let sr = &r.body["serverResponse"];
    assert_eq!(sr["status"], 4, "nothing uploaded yet");
    assert_eq!(sr["extensionServiceState"][0]["payload"]["onhold"], true);
    assert_eq!(
        sr["extensionServiceState"][0]["payload"]["fileList"],
        json!([])
    );
    assert_eq!(
        sr["extensionServiceState"][1]["payload"]["outputs"][0]["status"],
        "onhold"
    );

    let resume = json!({"webRecordingConfig": {"onhold": false}});
    api.envelope_call(
        &api.session_url(&rid, &sid, "web", "update"),
        "page",
        "1",
        resume,
    )
    .await
    .expect(200, None);
    let new_cdn = json!({"rtmpPublishConfig": {"outputs": [{"rtmpUrl": "rtmps://cdn2.example.com/live/other"}]}});
    api.envelope_call(
        &api.session_url(&rid, &sid, "web", "update"),
        "page",
        "1",
        new_cdn,
    )
    .await
    .expect(200, None);
    api.advance(1.0);
    let r = api.query(&rid, &sid, "web").await.expect(200, None);
    let sr = &r.body["serverResponse"];
    assert_eq!(sr["status"], 5);
    let files = &sr["extensionServiceState"][0]["payload"]["fileList"];
    assert_eq!(files[0]["filename"], format!("{sid}_page.m3u8"));
    assert_eq!(
        files[0]["sliceStartTime"],
        api.sandbox.session(&sid).unwrap().started_at_ms + 10_000
    );
    assert_eq!(
        sr["extensionServiceState"][1]["payload"]["outputs"][0]["rtmpUrl"],
        "rtmps://cdn2.example.com/live/other"
    );
    assert_eq!(api.sandbox.session(&sid).unwrap().updates.len(), 2);
}

#[tokio::test]
async fn a_web_page_on_hold_all_along_has_no_recorded_data() {
    let api = Api::start().await;
    let (rid, sid) = api.begin("web", "page", "1", web(true, false)).await;
    api.advance(30.0);
    api.stop(&rid, &sid, "web", "page", "1")
        .await
        .expect(206, Some(435));
}
