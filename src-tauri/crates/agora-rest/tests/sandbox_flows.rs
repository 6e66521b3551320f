//! The agora-rest client against agora-sandbox over loopback: full flows in every mode, and the
//! client's retry and fallback rules under faults the sandbox injects. Time is the sandbox's
//! (advanced, never waited for) and the client's retry delays are recorded, not slept.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_rest::codes::{
    AudioProfile, ChannelType, MixedVideoLayout, RecordingStatus, Scene, SubscribeUidGroup, Vendor,
};
use agora_rest::recording::ops::{check_start, ProbeAnswer, StartOptions};
use agora_rest::recording::*;
use agora_rest::transcoding as tc;
use agora_rest::{Client, Credentials, Error, ErrorKind, ResourceId, Sid, Sleeper, Uid};
use agora_sandbox::{FaultKind, FaultSpec, RouteName, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::json;

/// Records the client's retry delays instead of sleeping them.
#[derive(Default)]
struct Recorder {
    delays: Mutex<Vec<Duration>>,
}

impl Sleeper for Recorder {
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.delays.lock().unwrap().push(d);
        Box::pin(async {})
    }
}

impl Recorder {
    fn delays_ms(&self) -> Vec<u128> {
        self.delays
            .lock()
            .unwrap()
            .iter()
            .map(Duration::as_millis)
            .collect()
    }
}

async fn sandbox() -> SandboxHandle {
    Sandbox::start(SandboxConfig::for_tests()).await.unwrap()
}

fn client(urls: Vec<String>, sandbox: &SandboxHandle, rec: &Arc<Recorder>) -> Client {
    let creds = sandbox.credentials();
    Client::builder(
        creds.app_id,
        Credentials::new(creds.customer_id, creds.customer_secret),
    )
    .endpoints(urls)
    .sleeper(rec.clone())
    .build()
    .unwrap()
}

fn client_for(sandbox: &SandboxHandle, rec: &Arc<Recorder>) -> Client {
    client(vec![sandbox.base_url().to_owned()], sandbox, rec)
}

fn uid(s: &str) -> Uid {
    Uid::from(s)
}

fn storage() -> StorageConfig {
    StorageConfig {
        vendor: Vendor::AMAZON_S3,
        region: 0,
        bucket: "recordings".into(),
        access_key: "AKIA-FLOW-TEST".into(),
        secret_key: "flow-secret-key-value".into(),
        ..Default::default()
    }
}

fn acquire_body(cname: &str, bot: &str, scene: Scene) -> AcquireRequest {
    Envelope::new(
        cname,
        uid(bot),
        AcquireClientRequest {
            scene: Some(scene),
            ..Default::default()
        },
    )
}

fn stop_body(cname: &str, bot: &str) -> StopRequest {
    Envelope::new(cname, uid(bot), StopClientRequest { async_stop: false })
}

fn individual_start(cname: &str, bot: &str) -> StartRequest {
    Envelope::new(
        cname,
        uid(bot),
        StartClientRequest {
            recording_config: Some(RecordingConfig {
                channel_type: ChannelType::COMMUNICATION,
                subscribe_uid_group: Some(SubscribeUidGroup::UP_TO_7),
                max_idle_time: Some(120),
                ..Default::default()
            }),
            recording_file_config: Some(RecordingFileConfig {
                av_file_type: Some(vec![AvFileType::Hls]),
            }),
            storage_config: Some(storage()),
            ..Default::default()
        },
    )
}

fn mix_start(cname: &str, bot: &str) -> StartRequest {
    Envelope::new(
        cname,
        uid(bot),
        StartClientRequest {
            token: Some("rtc-token-for-the-bot".into()),
            recording_config: Some(RecordingConfig {
                channel_type: ChannelType::LIVE_BROADCAST,
                transcoding_config: Some(TranscodingConfig {
                    width: Some(1280),
                    height: Some(720),
                    background_color: Some("#FF0000".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            recording_file_config: Some(RecordingFileConfig {
                av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
            }),
            storage_config: Some(storage()),
            ..Default::default()
        },
    )
}

fn web_start(cname: &str, bot: &str) -> StartRequest {
    Envelope::new(
        cname,
        uid(bot),
        StartClientRequest {
            extension_service_config: Some(ExtensionServiceConfig {
                extension_services: vec![
                    ExtensionService::WebRecorder {
                        error_handle_policy: Some(ErrorHandlePolicy::Abort),
                        service_param: WebRecorderParam {
                            url: "https://example.com/show".into(),
                            audio_profile: AudioProfile::MUSIC_MONO_48K,
                            video_width: 1280,
                            video_height: 720,
                            max_recording_hour: 2,
                            onhold: Some(true),
                            ..Default::default()
                        },
                    },
                    ExtensionService::RtmpPublish {
                        error_handle_policy: Some(ErrorHandlePolicy::Ignore),
                        service_param: RtmpPublishParam {
                            outputs: vec![RtmpOutput {
                                rtmp_url: "rtmp://cdn.example.com/live/one".into(),
                            }],
                        },
                    },
                ],
                ..Default::default()
            }),
            recording_file_config: Some(RecordingFileConfig {
                av_file_type: Some(vec![AvFileType::Hls]),
            }),
            storage_config: Some(storage()),
            ..Default::default()
        },
    )
}

/// acquire + start through the client.
async fn begin(client: &Client, mode: Mode, start: &StartRequest) -> (ResourceId, Sid) {
    let scene = if mode == Mode::Web {
        Scene::WEB
    } else {
        Scene::REAL_TIME
    };
    let r = client.recording();
    let acquired = r
        .acquire(&acquire_body(&start.cname, start.uid.as_str(), scene), mode)
        .await
        .unwrap();
    let rid = acquired.body.resource_id;
    let started = r
        .start(&rid, mode, start, StartOptions::default())
        .await
        .unwrap();
    assert_eq!(started.body.resource_id, rid);
    (rid, started.body.sid)
}

/// An `update` that changes only the audio subscription.
fn audio_update(cname: &str, bot: &str, audio: AudioUidList) -> UpdateRequest {
    Envelope::new(
        cname,
        uid(bot),
        UpdateClientRequest {
            stream_subscribe: Some(StreamSubscribe {
                audio_uid_list: Some(audio),
                video_uid_list: None,
            }),
            ..Default::default()
        },
    )
}

async fn status(client: &Client, rid: &ResourceId, sid: &Sid, mode: Mode) -> ServerResponse {
    client
        .recording()
        .query(rid, sid, mode)
        .await
        .unwrap()
        .body
        .server_response
        .expect("a serverResponse")
}

#[tokio::test]
async fn individual_recording_from_acquire_to_stop() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(
        &client,
        Mode::Individual,
        &individual_start("room", "527841"),
    )
    .await;

    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(status(&client, &rid, &sid, Mode::Individual).await.status);
        sandbox.advance(Duration::from_secs(1));
    }
    let s = |n| Some(RecordingStatus(n));
    // 0 (not started) for the first moment, then a step a second.
    assert_eq!(statuses, [s(0), s(2), s(3), s(4), s(4), s(5)]);

    let unsubscribe = audio_update(
        "room",
        "527841",
        AudioUidList {
            unsubscribe_audio_uids: Some(vec![uid("1002")]),
            ..Default::default()
        },
    );
    client
        .recording()
        .update(&rid, &sid, Mode::Individual, &unsubscribe)
        .await
        .unwrap();
    let q = status(&client, &rid, &sid, Mode::Individual).await;
    assert_eq!(q.file_list_mode.as_ref().map(|m| m.as_str()), Some("json"));
    assert_eq!(
        q.file_names().len(),
        6,
        "1002's audio was recorded before the update"
    );

    let stopped = client
        .recording()
        .stop(&rid, &sid, Mode::Individual, &stop_body("room", "527841"))
        .await
        .unwrap();
    let sr = stopped.body.server_response.unwrap();
    assert_eq!(sr.upload_status().map(|u| u.as_str()), Some("uploaded"));
    let names = sr.file_names();
    assert!(
        names.contains(&format!("{sid}_room__uid_s_1001__uid_e_audio.m3u8")),
        "{names:?}"
    );
    assert!(
        names.contains(&format!("{sid}_room__uid_s_1003__uid_e_video.m3u8")),
        "{names:?}"
    );
    let Some(FileList::Files(files)) = &sr.file_list else {
        panic!("records expected: {sr:?}")
    };
    assert!(files
        .iter()
        .all(|f| f.slice_start_time.is_some() && f.mixed_all_user == Some(false)));

    let view = sandbox.session(sid.as_str()).unwrap();
    assert_eq!(view.updates.len(), 1);
    let sent = serde_json::to_string(&view).unwrap();
    assert!(
        !sent.contains("flow-secret-key-value"),
        "the sandbox keeps secrets redacted"
    );
}

#[tokio::test]
async fn mix_recording_with_update_layout_and_update() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Mix, &mix_start("stage", "900")).await;
    sandbox.advance(Duration::from_secs(5));
    let q = status(&client, &rid, &sid, Mode::Mix).await;
    assert!(q.status.unwrap().is_started());
    assert_eq!(
        q.file_names(),
        [format!("{sid}_stage.m3u8"), format!("{sid}_stage_0.mp4")]
    );

    let layout = Envelope::new(
        "stage",
        uid("900"),
        LayoutSettings {
            mixed_video_layout: Some(MixedVideoLayout::CUSTOM),
            layout_config: Some(vec![
                LayoutRegion {
                    uid: Some(uid("1001")),
                    x_axis: 0.0,
                    y_axis: 0.0,
                    width: 1.0,
                    height: 1.0,
                    ..Default::default()
                },
                LayoutRegion {
                    uid: Some(uid("1002")),
                    x_axis: 0.7,
                    y_axis: 0.7,
                    width: 0.3,
                    height: 0.3,
                    alpha: Some(0.9),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        },
    );
    let r = client
        .recording()
        .update_layout(&rid, &sid, &layout)
        .await
        .unwrap();
    assert_eq!(r.body.sid, sid);
    let update = audio_update(
        "stage",
        "900",
        AudioUidList {
            subscribe_audio_uids: Some(vec![uid("1001")]),
            ..Default::default()
        },
    );
    client
        .recording()
        .update(&rid, &sid, Mode::Mix, &update)
        .await
        .unwrap();

    let view = sandbox.session(sid.as_str()).unwrap();
    let current = view.current_layout.unwrap();
    assert_eq!(current["mixedVideoLayout"], 3);
    assert_eq!(current["layoutConfig"][1]["alpha"], 0.9);
    assert!(
        current.get("backgroundColor").is_none(),
        "updateLayout replaced the whole layout"
    );
    assert_eq!((view.layouts.len(), view.updates.len()), (1, 1));

    let stopped = client
        .recording()
        .stop(&rid, &sid, Mode::Mix, &stop_body("stage", "900"))
        .await
        .unwrap();
    let sr = stopped.body.server_response.unwrap();
    assert_eq!(sr.file_list_mode.as_ref().map(|m| m.as_str()), Some("json"));
    assert_eq!(sr.file_names().len(), 2);
    assert_eq!(sr.upload_status().map(|u| u.as_str()), Some("uploaded"));

    let again = client
        .recording()
        .stop(&rid, &sid, Mode::Mix, &stop_body("stage", "900"))
        .await
        .unwrap_err();
    assert_eq!(again.code(), "agora.invalid_operation");
    // While the bot exits, query still answers: status 6 and the final files.
    let exiting = client
        .recording()
        .query(&rid, &sid, Mode::Mix)
        .await
        .unwrap()
        .body
        .server_response
        .unwrap();
    assert_eq!(exiting.status.map(|s| s.0), Some(6));
    assert_eq!(exiting.file_names().len(), 2);
}

#[tokio::test]
async fn web_recording_paused_then_resumed_with_a_cdn_push() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Web, &web_start("show-42", "77")).await;
    sandbox.advance(Duration::from_secs(6));
    let q = status(&client, &rid, &sid, Mode::Web).await;
    assert_eq!(
        q.status,
        Some(RecordingStatus::READY),
        "on hold: nothing uploaded"
    );
    assert!(q.file_names().is_empty());
    let states = q.extension_service_state.unwrap();
    assert_eq!(states[0].payload.as_ref().unwrap().onhold, Some(true));
    let outputs = states[1].payload.as_ref().unwrap().outputs.clone().unwrap();
    assert_eq!(
        outputs[0].status.as_ref().map(|s| s.as_str()),
        Some("onhold")
    );

    let resume = Envelope::new(
        "show-42",
        uid("77"),
        UpdateClientRequest {
            web_recording_config: Some(WebRecordingUpdate { onhold: false }),
            ..Default::default()
        },
    );
    client
        .recording()
        .update(&rid, &sid, Mode::Web, &resume)
        .await
        .unwrap();
    let new_cdn = Envelope::new(
        "show-42",
        uid("77"),
        UpdateClientRequest {
            rtmp_publish_config: Some(RtmpPublishUpdate {
                outputs: vec![RtmpOutput {
                    rtmp_url: "rtmps://cdn.example.com/live/two".into(),
                }],
            }),
            ..Default::default()
        },
    );
    client
        .recording()
        .update(&rid, &sid, Mode::Web, &new_cdn)
        .await
        .unwrap();
    let q = status(&client, &rid, &sid, Mode::Web).await;
    assert_eq!(q.status, Some(RecordingStatus::IN_PROGRESS));
    assert_eq!(q.file_names(), [format!("{sid}_show-42.m3u8")]);
    let states = q.extension_service_state.unwrap();
    let service_names: Vec<&str> = states.iter().map(|s| s.service_name.as_str()).collect();
    assert_eq!(
        service_names,
        ["web_recorder_service", "rtmp_publish_service"]
    );
    let output = &states[1]
        .payload
        .as_ref()
        .unwrap()
        .outputs
        .as_ref()
        .unwrap()[0];
    assert_eq!(output.rtmp_url.expose(), "rtmps://cdn.example.com/live/two");
    assert_eq!(
        output.status.as_ref().map(|s| s.as_str()),
        Some("publishing")
    );

    let stopped = client
        .recording()
        .stop(&rid, &sid, Mode::Web, &stop_body("show-42", "77"))
        .await
        .unwrap();
    let sr = stopped.body.server_response.unwrap();
    assert_eq!(sr.upload_status().map(|u| u.as_str()), Some("uploaded"));
    assert_eq!(sr.file_names(), [format!("{sid}_show-42.m3u8")]);
    let recorder = sr
        .extension_service_state
        .unwrap()
        .into_iter()
        .find(|s| s.service_name.as_str() == "web_recorder_service")
        .unwrap();
    assert_eq!(
        recorder
            .payload
            .unwrap()
            .state
            .map(|s| s.as_str().to_owned()),
        Some("exit".to_owned())
    );
}

#[tokio::test]
async fn nothing_recorded_and_resource_errors_are_typed_by_the_client() {
    let sandbox = Sandbox::start(SandboxConfig::for_tests().channel("quiet", vec![]))
        .await
        .unwrap();
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Individual, &individual_start("quiet", "5")).await;
    sandbox.advance(Duration::from_secs(10));
    let err = client
        .recording()
        .stop(&rid, &sid, Mode::Individual, &stop_body("quiet", "5"))
        .await
        .unwrap_err();
    let api = err.api().expect("an API answer");
    assert_eq!(
        (api.status, api.code(), api.kind()),
        (206, Some(435), ErrorKind::NoRecordedData)
    );

    let stale = client
        .recording()
        .acquire(
            &acquire_body("quiet", "6", Scene::REAL_TIME),
            Mode::Individual,
        )
        .await
        .unwrap()
        .body
        .resource_id;
    sandbox.advance(Duration::from_secs(301));
    let err = client
        .recording()
        .start(
            &stale,
            Mode::Individual,
            &individual_start("quiet", "6"),
            StartOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.resource_expired");
    let err = client
        .recording()
        .start(
            &ResourceId::from("made-up"),
            Mode::Individual,
            &individual_start("quiet", "6"),
            StartOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.resource_id_invalid");
}

fn transcoder(update: bool) -> tc::CreateRequest {
    let mut video = vec![
        json!({"rtc": {"rtcChannel": "in", "rtcUid": 1001, "rtcToken": "input-token"}, "region": {"x": 0, "y": 0, "width": 640, "height": 360, "zOrder": 2}}),
    ];
    if update {
        video.push(json!({"rtc": {"rtcChannel": "in", "rtcUid": 1002, "rtcToken": "input-token"}, "region": {"x": 640, "y": 0, "width": 640, "height": 360, "zOrder": 3}}));
    }
    serde_json::from_value(json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "idleTimeout": 300,
        "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "input-token"}}],
        "videoInputs": video,
        "canvas": {"width": 1280, "height": 360, "color": 255},
        "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 4242, "rtcToken": "output-token"},
                     "audioOption": {"profileType": "AUDIO_PROFILE_MUSIC_STANDARD"},
                     "videoOption": {"width": 1280, "height": 360, "bitrate": 1500, "fps": 15, "codec": "H264"}}]
    }}}}}))
    .unwrap()
}

#[tokio::test]
async fn transcoding_from_builder_token_to_delete() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let t = client.transcoding();
    let token = t
        .acquire(&tc::AcquireRequest {
            instance_id: "flow-instance".into(),
            services: None,
        })
        .await
        .unwrap()
        .body
        .token_name;
    let created = t.create(&token, &transcoder(false)).await.unwrap();
    assert_eq!(created.body.status.as_str(), "IDLE");
    assert!(created.meta.request_id.is_some(), "X-Request-ID is read");
    let task = created.body.task_id;

    sandbox.advance(Duration::from_secs(5));
    let q = t.query(&task, &token).await.unwrap();
    assert!(q.body.status.is_running(), "{:?}", q.body.status);

    let seq = client.next_sequence_id(&task);
    t.update(&task, &token, seq, &transcoder(true))
        .await
        .unwrap();
    let view = sandbox.task(task.as_str()).unwrap();
    assert_eq!(view.sequence_id, Some(seq));
    assert_eq!(
        view.config.unwrap()["videoInputs"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let q = t.query(&task, &token).await.unwrap();
    assert_eq!(q.body.sequence_id, Some(0));

    let deleted = t.delete(&task, &token).await.unwrap();
    assert!(deleted.body.status.is_ended());
    assert_eq!(deleted.body.status.as_str(), "STOPPED");
    let err = t.query(&task, &token).await.unwrap_err();
    assert_eq!(
        err.api().map(|a| (a.status, a.kind())),
        Some((404, ErrorKind::NotFound))
    );

    let second = t
        .acquire(&tc::AcquireRequest {
            instance_id: "flow-instance".into(),
            services: None,
        })
        .await
        .unwrap()
        .body
        .token_name;
    t.create(&second, &transcoder(false)).await.unwrap();
    let third = t
        .acquire(&tc::AcquireRequest {
            instance_id: "flow-instance".into(),
            services: None,
        })
        .await
        .unwrap()
        .body
        .token_name;
    let err = t.create(&third, &transcoder(false)).await.unwrap_err();
    assert_eq!(err.code(), "agora.task_exists");
}

#[tokio::test]
async fn templates_are_saved_replaced_listed_and_refused_as_documented() {
    let sb = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sb, &rec);
    let t = client.templates();
    let hd = tc::TemplateRequest {
        enabled: true,
        video: tc::TemplateVideo {
            width: 1280,
            height: 720,
            fps: 30,
        },
    };
    assert_eq!(t.save("720p", &hd).await.unwrap().body.status, "success");
    let sd = tc::TemplateRequest {
        enabled: false,
        video: tc::TemplateVideo {
            width: 640,
            height: 360,
            fps: 15,
        },
    };
    t.save("360p", &sd).await.unwrap();
    // Saving again replaces: there is no delete, a template is disabled instead.
    t.save(
        "720p",
        &tc::TemplateRequest {
            enabled: false,
            ..hd
        },
    )
    .await
    .unwrap();
    let list = t.list().await.unwrap().body;
    let codecs = list.data.unwrap().codecs;
    let seen: Vec<(&str, bool, u32)> = codecs
        .iter()
        .map(|c| (c.id.as_str(), c.enabled, c.video.as_ref().unwrap().width))
        .collect();
    assert_eq!(seen, [("360p", false, 640), ("720p", false, 1280)]);
    assert_eq!(tc::template_channel("show", "720p"), "show_720p");

    // Refused before sending: the rules name the field.
    let wide = tc::TemplateRequest {
        video: tc::TemplateVideo {
            width: 1921,
            ..hd.video
        },
        ..hd
    };
    let Err(agora_rest::Error::Invalid(fields)) = t.save("bad/id", &wide).await else {
        panic!("a bad id and width are refused before sending");
    };
    let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["codecId", "video.width"]);
    // What the server refuses comes back as an error answer with its message.
    let raw = reqwest::Client::new()
        .post(format!(
            "{}/v1/projects/{}/rtls/abr/config/codecs/x",
            sb.base_url(),
            sb.credentials().app_id
        ))
        .basic_auth(
            sb.credentials().customer_id,
            Some(sb.credentials().customer_secret),
        )
        .json(&serde_json::json!({"enabled": true, "video": {"width": 1, "height": 1, "fps": 61}}))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let body: serde_json::Value = raw.json().await.unwrap();
    assert_eq!(body["status"], "error");
    assert!(body["message"].as_str().unwrap().contains("video.fps"));
}

#[tokio::test]
async fn a_500_on_query_is_retried_with_the_documented_backoff() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Mix, &mix_start("room", "1")).await;
    sandbox
        .inject(FaultSpec::new(RouteName::Query, FaultKind::HttpError { status: 500 }).times(1))
        .unwrap();
    let q = client
        .recording()
        .query(&rid, &sid, Mode::Mix)
        .await
        .unwrap();
    assert_eq!(q.meta.attempts, 2);
    assert_eq!(rec.delays_ms(), [1000]);
    let statuses: Vec<Option<u16>> = sandbox
        .requests()
        .iter()
        .filter(|r| r.route == Some(RouteName::Query))
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [Some(500), Some(200)]);
}

#[tokio::test]
async fn code_65_on_start_is_retried_only_when_the_caller_opts_in() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let r = client.recording();
    let rid = r
        .acquire(&acquire_body("room", "1", Scene::REAL_TIME), Mode::Mix)
        .await
        .unwrap()
        .body
        .resource_id;
    sandbox
        .inject(FaultSpec::new(RouteName::Start, FaultKind::Code65).times(1))
        .unwrap();
    let err = r
        .start(
            &rid,
            Mode::Mix,
            &mix_start("room", "1"),
            StartOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.request_not_completed");
    assert!(rec.delays_ms().is_empty(), "not retried by default");

    sandbox
        .inject(FaultSpec::new(RouteName::Start, FaultKind::Code65).times(1))
        .unwrap();
    let started = r
        .start(
            &rid,
            Mode::Mix,
            &mix_start("room", "1"),
            StartOptions { retry_code65: true },
        )
        .await
        .unwrap();
    assert_eq!(started.meta.attempts, 2);
    assert_eq!(
        rec.delays_ms(),
        [3000],
        "the same resourceId again after 3 s"
    );
    let starts = sandbox
        .requests()
        .iter()
        .filter(|r| r.route == Some(RouteName::Start))
        .count();
    assert_eq!(starts, 3);
}

#[tokio::test]
async fn a_host_that_drops_connections_makes_the_client_fall_back_to_the_next() {
    let broken = sandbox().await;
    let healthy = sandbox().await;
    broken
        .inject(FaultSpec::all(FaultKind::DropConnection))
        .unwrap();
    let rec = Arc::new(Recorder::default());
    let client = client(
        vec![broken.base_url().to_owned(), healthy.base_url().to_owned()],
        &healthy,
        &rec,
    );
    let acquired = client
        .recording()
        .acquire(&acquire_body("room", "1", Scene::REAL_TIME), Mode::Mix)
        .await
        .unwrap();
    assert_eq!(acquired.meta.host, healthy.base_url());
    assert_eq!(acquired.meta.attempts, 2);
    assert_eq!(rec.delays_ms(), [1000]);
    // The host that answered stays first: start is never sent to the broken one.
    let started = client
        .recording()
        .start(
            &acquired.body.resource_id,
            Mode::Mix,
            &mix_start("room", "1"),
            StartOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(started.meta.host, healthy.base_url());
    let dropped: Vec<_> = broken
        .requests()
        .iter()
        .map(|r| (r.route, r.status))
        .collect();
    assert_eq!(dropped, [(Some(RouteName::Acquire), None)]);
}

#[tokio::test]
async fn failover_404_malformed_bodies_and_429_reach_the_caller_as_documented() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Mix, &mix_start("room", "1")).await;

    sandbox
        .inject(FaultSpec::all(FaultKind::Failover { seconds: 90 }))
        .unwrap();
    let err = client
        .recording()
        .query(&rid, &sid, Mode::Mix)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.worker_not_found");
    sandbox.advance(Duration::from_secs(90));
    client
        .recording()
        .query(&rid, &sid, Mode::Mix)
        .await
        .unwrap();

    sandbox
        .inject(FaultSpec::new(RouteName::Ncs, FaultKind::RateLimited).times(1))
        .unwrap();
    client.ncs_ips().await.unwrap();
    assert_eq!(rec.delays_ms(), [1000], "Retry-After: 1");

    sandbox
        .inject(FaultSpec::new(RouteName::Acquire, FaultKind::MalformedBody).times(1))
        .unwrap();
    let err = client
        .recording()
        .acquire(&acquire_body("room", "2", Scene::REAL_TIME), Mode::Mix)
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Decode { status: 200, .. }), "{err:?}");
}

// ---- Session truth (issue 12): deadlines, fallback, retries and what a lost answer means ----

#[tokio::test]
async fn a_call_gives_up_at_its_deadline_not_after_every_attempt() {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    let rec = Arc::new(Recorder::default());
    let client = Client::builder("app", Credentials::new("id", "secret"))
        .endpoint(url)
        .retry(agora_rest::RetryPolicy {
            request_timeout: Duration::from_millis(200),
            call_deadline: Duration::from_millis(500),
            backoff: vec![Duration::ZERO],
            ..Default::default()
        })
        .sleeper(rec.clone())
        .build()
        .unwrap();
    let t0 = std::time::Instant::now();
    let err = client.ncs_ips().await.unwrap_err();
    // 5 attempts of 200 ms were allowed; the 500 ms deadline leaves room for 2.
    assert!(
        matches!(
            err,
            Error::Transport {
                attempts: 2,
                timeout: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        t0.elapsed() < Duration::from_millis(900),
        "{:?}",
        t0.elapsed()
    );
    hold.abort();
}

/// A server that answers with an endless body (no length, never closing): the client reads its
/// first 4 MiB, stops, and reports an answer it cannot decode, well before the call's deadline.
#[tokio::test]
async fn an_endless_response_body_is_cut_off_not_read_forever() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = sent.clone();
    let serve = tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut req = [0u8; 4096];
                let _ = s.read(&mut req).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{\"data\": \"";
                if s.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b'a'; 64 * 1024];
                while s.write_all(&chunk).await.is_ok() {
                    counter.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    let client = Client::builder("app", Credentials::new("id", "secret"))
        .endpoint(url)
        .retry(agora_rest::RetryPolicy {
            request_timeout: Duration::from_secs(20),
            call_deadline: Duration::from_secs(20),
            max_attempts: 1,
            ..Default::default()
        })
        .build()
        .unwrap();
    let t0 = std::time::Instant::now();
    let err = client.ncs_ips().await.unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    assert!(t0.elapsed() < Duration::from_secs(10), "{:?}", t0.elapsed());
    let read = sent.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        read < agora_rest::MAX_RESPONSE_BYTES * 4,
        "the server got {read} bytes out before the client stopped reading"
    );
    serve.abort();
}

#[tokio::test]
async fn fallback_wraps_around_past_a_dead_last_host_that_was_preferred() {
    let a = sandbox().await;
    let b = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client(vec![a.base_url().into(), b.base_url().into()], &a, &rec);
    // A drops one answer: the call moves on to B, which then stays preferred.
    a.inject(FaultSpec::new(RouteName::Ncs, FaultKind::DropConnection).times(1))
        .unwrap();
    let first = client.ncs_ips().await.unwrap();
    assert_eq!(first.meta.host, b.base_url());
    b.shutdown().await;
    // B is gone: the next call starts there, fails, and wraps around to A.
    let next = client.ncs_ips().await.unwrap();
    assert_eq!(next.meta.host, a.base_url());
    // A host that failed is no longer preferred.
    let third = client.ncs_ips().await.unwrap();
    assert_eq!(third.meta.attempts, 1);
}

#[tokio::test]
async fn code_65_is_retried_for_update_update_layout_and_stop() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Mix, &mix_start("c65", "900")).await;
    sandbox.advance(Duration::from_secs(6));
    for route in [RouteName::Update, RouteName::UpdateLayout, RouteName::Stop] {
        sandbox
            .inject(FaultSpec::new(route, FaultKind::Code65).times(1))
            .unwrap();
    }
    let r = client.recording();
    let audio = AudioUidList {
        subscribe_audio_uids: Some(vec![uid("1001")]),
        ..Default::default()
    };
    let up = r
        .update(&rid, &sid, Mode::Mix, &audio_update("c65", "900", audio))
        .await
        .unwrap();
    assert_eq!(up.meta.attempts, 2);
    let layout = Envelope::new("c65", uid("900"), LayoutSettings::default());
    let l = r.update_layout(&rid, &sid, &layout).await.unwrap();
    assert_eq!(l.meta.attempts, 2);
    let s = r
        .stop(&rid, &sid, Mode::Mix, &stop_body("c65", "900"))
        .await
        .unwrap();
    assert_eq!(s.meta.attempts, 2);
    assert_eq!(rec.delays_ms().iter().filter(|d| **d == 3000).count(), 3);
}

#[tokio::test]
async fn a_stop_retried_after_its_answer_was_lost_says_so() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let (rid, sid) = begin(&client, Mode::Mix, &mix_start("lost", "900")).await;
    sandbox.advance(Duration::from_secs(6));
    sandbox
        .inject(
            FaultSpec::new(RouteName::Stop, FaultKind::HttpError { status: 500 })
                .applied()
                .times(1),
        )
        .unwrap();
    let err = client
        .recording()
        .stop(&rid, &sid, Mode::Mix, &stop_body("lost", "900"))
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!((api.code(), api.after_lost_answer), (Some(49), true));
}

#[tokio::test]
async fn start_outcomes_say_whether_it_may_be_billing() {
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let r = client.recording();
    let start = mix_start("outcome", "900");
    // 504 code 62 after the start happened: may be running, resourceId kept.
    let rid = r
        .acquire(&acquire_body("outcome", "900", Scene::REAL_TIME), Mode::Mix)
        .await
        .unwrap()
        .body
        .resource_id;
    sandbox
        .inject(
            FaultSpec::new(RouteName::Start, FaultKind::HttpError { status: 504 })
                .applied()
                .times(1),
        )
        .unwrap();
    let err = r
        .start(&rid, Mode::Mix, &start, StartOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.start_outcome(), agora_rest::StartOutcome::MaybeStarted);
    assert_eq!(err.echoed_ids().resource_id.as_deref(), Some(rid.as_str()));
    // The probe finds it running, with its sid.
    let probe = r
        .probe_started(&rid, Mode::Mix, "outcome", &uid("900"))
        .await
        .unwrap();
    let sid = sandbox.state().sessions[0].sid.clone();
    assert_eq!(
        probe,
        ProbeAnswer::Running {
            sid: Some(Sid::from(sid.as_str()))
        }
    );
    // A garbled 200: surely running, and the sid is read out of what arrived.
    let start2 = mix_start("outcome-2", "900");
    let rid2 = r
        .acquire(
            &acquire_body("outcome-2", "900", Scene::REAL_TIME),
            Mode::Mix,
        )
        .await
        .unwrap()
        .body
        .resource_id;
    sandbox
        .inject(
            FaultSpec::new(RouteName::Start, FaultKind::MalformedBody)
                .applied()
                .times(1),
        )
        .unwrap();
    let err = r
        .start(&rid2, Mode::Mix, &start2, StartOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.start_outcome(), agora_rest::StartOutcome::Started);
    assert!(err.echoed_ids().sid.is_some());
    // Refused: surely not.
    let err = r
        .start(&rid2, Mode::Mix, &start2, StartOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.already_started");
    let unused = r
        .acquire(
            &acquire_body("outcome-3", "900", Scene::REAL_TIME),
            Mode::Mix,
        )
        .await
        .unwrap()
        .body
        .resource_id;
    let probe = r
        .probe_started(&unused, Mode::Mix, "outcome-3", &uid("900"))
        .await
        .unwrap();
    assert!(
        matches!(
            probe,
            ProbeAnswer::Unclear {
                status: 400,
                code: Some(2)
            }
        ),
        "{probe:?}"
    );
    sandbox.advance(Duration::from_secs(301));
    let probe = r
        .probe_started(&unused, Mode::Mix, "outcome-3", &uid("900"))
        .await
        .unwrap();
    assert_eq!(probe, ProbeAnswer::NeverStarted);
    assert_eq!(
        sandbox.state().sessions.len(),
        2,
        "the probes started nothing"
    );
}

#[test]
fn one_unreadable_file_entry_does_not_lose_the_others() {
    let sr: ServerResponse = serde_json::from_value(json!({
        "status": 5,
        "fileListMode": "json",
        "fileList": [
            {"fileName": "a.m3u8", "trackType": "audio_and_video", "uid": "0", "isPlayable": true},
            {"trackType": "audio", "uid": "7"},
            {"fileName": "b.m3u8", "isPlayable": "yes"}
        ]
    }))
    .unwrap();
    assert_eq!(sr.file_names(), ["a.m3u8", "b.m3u8"]);
    assert!(sr.extra.is_empty(), "the list was not sent to extra");
    let back = serde_json::to_value(&sr).unwrap();
    assert_eq!(
        back["fileList"][1],
        json!({"trackType": "audio", "uid": "7", "fileName": ""})
    );
    assert_eq!(
        back["fileList"][2],
        json!({"fileName": "b.m3u8", "isPlayable": "yes"})
    );
}

#[tokio::test]
async fn what_the_reference_does_not_forbid_is_sent_and_accepted() {
    // Rules our reference does not state are warnings: the client sends, Agora (here the
    // sandbox) accepts. Each of these was refused before anything was sent.
    let sandbox = sandbox().await;
    let rec = Arc::new(Recorder::default());
    let client = client_for(&sandbox, &rec);
    let mut start = mix_start("lenient", "900");
    let t = start
        .client_request
        .recording_config
        .as_mut()
        .unwrap()
        .transcoding_config
        .as_mut()
        .unwrap();
    t.fps = Some(90);
    t.bitrate = Some(20_000);
    // A layout for the custom mode, with best fit chosen: Agora ignores it.
    t.mixed_video_layout = Some(agora_rest::codes::MixedVideoLayout::BEST_FIT);
    t.layout_config = Some(vec![LayoutRegion {
        uid: None,
        x_axis: 0.6,
        y_axis: 0.0,
        width: 0.5,
        height: 0.5,
        alpha: None,
        render_mode: None,
    }]);
    let findings = check_start(&start, Mode::Mix);
    assert_eq!(findings.len(), 4, "{findings:#?}");
    assert!(findings.iter().all(|f| !f.is_error()));
    let (rid, sid) = begin(&client, Mode::Mix, &start).await;
    assert!(!rid.as_str().is_empty() && !sid.as_str().is_empty());
    // acquire's startParameter need not be a whole start body.
    let mut acquire = acquire_body("partial", "900", Scene::REAL_TIME);
    let mut sp = mix_start("partial", "900").client_request;
    sp.storage_config = None;
    acquire.client_request.start_parameter = Some(sp);
    let rid = client
        .recording()
        .acquire(&acquire, Mode::Mix)
        .await
        .unwrap()
        .body
        .resource_id;
    client
        .recording()
        .start(
            &rid,
            Mode::Mix,
            &mix_start("partial", "900"),
            StartOptions::default(),
        )
        .await
        .unwrap();
}
