//! The client on the wire, against a local mock server: exact requests, fallback, retries,
//! error decoding, and that secrets stay out of the exchange log and the tracing output.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use agora_rest::recording::ops::StartOptions;
use agora_rest::recording::*;
use agora_rest::transcoding as tc;
use agora_rest::{
    BuilderToken, Client, Credentials, Error, ErrorKind, Exchange, ExchangeObserver, ResourceId,
    RetryPolicy, Sid, Sleeper, TaskId, Uid,
};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const APP: &str = "appid0123";
// base64("cust:s3cr3t-customer")
const AUTH: &str = "Basic Y3VzdDpzM2NyM3QtY3VzdG9tZXI=";

#[derive(Default)]
struct Recorder {
    delays: Mutex<Vec<Duration>>,
    exchanges: Mutex<Vec<Exchange>>,
}

impl Sleeper for Recorder {
    fn sleep(
        &self,
        d: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        self.delays.lock().unwrap().push(d);
        Box::pin(async {})
    }
}

impl ExchangeObserver for Recorder {
    fn exchange(&self, e: &Exchange) {
        self.exchanges.lock().unwrap().push(e.clone());
    }
}

impl Recorder {
    fn delays(&self) -> Vec<u64> {
        self.delays
            .lock()
            .unwrap()
            .iter()
            .map(|d| d.as_millis() as u64)
            .collect()
    }
}

fn client_for(urls: Vec<String>, rec: &Arc<Recorder>) -> Client {
    client_with(urls, rec, RetryPolicy::default())
}

fn client_with(urls: Vec<String>, rec: &Arc<Recorder>, retry: RetryPolicy) -> Client {
    Client::builder(APP, Credentials::new("cust", "s3cr3t-customer"))
        .endpoints(urls)
        .retry(retry)
        .sleeper(rec.clone())
        .observer(rec.clone())
        .build()
        .unwrap()
}

/// Mounts `m` answering with `answer`; the test fails unless it is hit exactly once.
async fn once(server: &MockServer, m: wiremock::MockBuilder, answer: ResponseTemplate) {
    m.respond_with(answer).expect(1).mount(server).await;
}

/// A port nothing listens on: connections are refused at once.
fn dead_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("http://127.0.0.1:{port}")
}

fn storage() -> StorageConfig {
    StorageConfig {
        vendor: agora_rest::codes::Vendor::AMAZON_S3,
        region: 0,
        bucket: "my-bucket".into(),
        access_key: "AKIA-ACCESS-KEY".into(),
        secret_key: "storage-secret-key-value".into(),
        ..Default::default()
    }
}

fn mix_start() -> StartRequest {
    Envelope::new(
        "room1",
        Uid::from("527841"),
        StartClientRequest {
            token: Some("rtc-token-value-xyz".into()),
            recording_config: Some(RecordingConfig {
                channel_type: agora_rest::codes::ChannelType::LIVE_BROADCAST,
                max_idle_time: Some(300),
                subscribe_audio_uids: Some(vec![Uid::from("#allstream#")]),
                transcoding_config: Some(TranscodingConfig {
                    width: Some(640),
                    height: Some(360),
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

fn rid() -> ResourceId {
    ResourceId::from("res/1+2")
}

fn sid() -> Sid {
    Sid::from("sid-abc")
}

#[tokio::test]
async fn acquire_sends_the_exact_request_and_decodes_the_answer() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .and(path(format!("/v1/apps/{APP}/cloud_recording/acquire")))
        .and(header("authorization", AUTH))
        .and(header("content-type", "application/json;charset=utf-8"))
        .and(body_json(json!({"cname": "room1", "uid": "527841", "clientRequest": {"resourceExpiredHour": 24}})))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Request-ID", "req-1")
                .set_body_json(json!({"cname": "room1", "uid": "527841", "resourceId": "RID", "future": 1})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let req = Envelope::new(
        "room1",
        Uid::from("527841"),
        AcquireClientRequest {
            resource_expired_hour: Some(24),
            ..Default::default()
        },
    );
    let resp = client.recording().acquire(&req, Mode::Mix).await.unwrap();
    assert_eq!(resp.body.resource_id.as_str(), "RID");
    assert_eq!(resp.body.extra["future"], 1, "unknown fields are kept");
    assert_eq!(resp.meta.request_id.as_deref(), Some("req-1"));
    assert_eq!(resp.meta.attempts, 1);
}

#[tokio::test]
async fn every_recording_operation_uses_its_documented_method_and_path() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    // The resource id "res/1+2" must be percent-encoded as one path segment.
    let base = format!("/v1/apps/{APP}/cloud_recording/resourceid/res%2F1%2B2");
    let session =
        json!({"cname": "room1", "uid": "527841", "resourceId": "res/1+2", "sid": "sid-abc"});
    for (m, p) in [
        ("POST", format!("{base}/mode/mix/start")),
        ("GET", format!("{base}/sid/sid-abc/mode/mix/query")),
        ("POST", format!("{base}/sid/sid-abc/mode/mix/update")),
        ("POST", format!("{base}/sid/sid-abc/mode/mix/updateLayout")),
        ("POST", format!("{base}/sid/sid-abc/mode/mix/stop")),
    ] {
        Mock::given(method(m))
            .and(path(p))
            .and(header("authorization", AUTH))
            .respond_with(ResponseTemplate::new(200).set_body_json(&session))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(vec![server.uri()], &rec);
    let r = client.recording();
    r.start(&rid(), Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap();
    let q = r.query(&rid(), &sid(), Mode::Mix).await.unwrap();
    assert!(q.body.server_response.is_none());
    let update = Envelope::new(
        "room1",
        Uid::from("527841"),
        UpdateClientRequest {
            stream_subscribe: Some(StreamSubscribe {
                audio_uid_list: Some(AudioUidList {
                    unsubscribe_audio_uids: Some(vec![Uid::from("42")]),
                    ..Default::default()
                }),
                video_uid_list: None,
            }),
            ..Default::default()
        },
    );
    r.update(&rid(), &sid(), Mode::Mix, &update).await.unwrap();
    let layout = Envelope::new(
        "room1",
        Uid::from("527841"),
        LayoutSettings {
            mixed_video_layout: Some(agora_rest::codes::MixedVideoLayout::BEST_FIT),
            background_color: Some("#112233".into()),
            ..Default::default()
        },
    );
    r.update_layout(&rid(), &sid(), &layout).await.unwrap();
    let stop = Envelope::new(
        "room1",
        Uid::from("527841"),
        StopClientRequest { async_stop: true },
    );
    r.stop(&rid(), &sid(), Mode::Mix, &stop).await.unwrap();

    let received = server.received_requests().await.unwrap();
    let body = |i: usize| serde_json::from_slice::<serde_json::Value>(&received[i].body).unwrap();
    assert!(received[1].body.is_empty(), "query has no body");
    assert_eq!(
        body(2)["clientRequest"]["streamSubscribe"]["audioUidList"],
        json!({"unSubscribeAudioUids": ["42"]})
    );
    assert_eq!(
        body(3)["clientRequest"],
        json!({"mixedVideoLayout": 1, "backgroundColor": "#112233"})
    );
    assert_eq!(
        body(4),
        json!({"cname": "room1", "uid": "527841", "clientRequest": {"async_stop": true}})
    );
    // Unset optional fields are not sent (no streamTypes: 0, no alpha: 0).
    let start = body(0);
    assert_eq!(
        start["clientRequest"]["recordingConfig"],
        json!({"channelType": 1, "maxIdleTime": 300, "subscribeAudioUids": ["#allstream#"], "transcodingConfig": {"width": 640, "height": 360}})
    );
    assert_eq!(
        start["clientRequest"]["storageConfig"]["secretKey"], "storage-secret-key-value",
        "the wire carries the secret"
    );
}

fn transcoder_body() -> tc::CreateRequest {
    serde_json::from_value(json!({"services": {"cloudTranscoder": {"serviceType": "cloudTranscoderV2", "config": {"transcoder": {
        "idleTimeout": 300,
        "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 123, "rtcToken": "input-token-secret"}}],
        "canvas": {"width": 640, "height": 360},
        "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456, "rtcToken": "output-token-secret"}, "audioOption": {"profileType": "AUDIO_PROFILE_MUSIC_STANDARD"}}]
    }}}}}))
    .unwrap()
}

#[tokio::test]
async fn transcoding_operations_use_their_paths_queries_and_methods() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    let base = format!("/v1/projects/{APP}/rtsc/cloud-transcoder");
    let task = json!({"taskId": "T-1", "createTs": 1700000000, "status": "IN_PROGRESS"});
    once(
        &server,
        Mock::given(method("POST"))
            .and(path(format!("{base}/builderTokens")))
            .and(body_json(json!({"instanceId": "inst-1"}))),
        ResponseTemplate::new(200).set_body_json(
            json!({"tokenName": "tok/en", "createTs": 1700000000, "instanceId": "inst-1"}),
        ),
    )
    .await;
    once(
        &server,
        Mock::given(method("POST"))
            .and(path(format!("{base}/tasks")))
            .and(query_param("builderToken", "tok/en")),
        ResponseTemplate::new(200).set_body_json(&task),
    )
    .await;
    once(
        &server,
        Mock::given(method("GET"))
            .and(path(format!("{base}/tasks/T-1")))
            .and(query_param("builderToken", "tok/en")),
        ResponseTemplate::new(200).set_body_json(&task),
    )
    .await;
    once(
        &server,
        Mock::given(method("PATCH"))
            .and(path(format!("{base}/tasks/T-1")))
            .and(query_param("builderToken", "tok/en"))
            .and(query_param("sequenceId", "0"))
            .and(query_param("updateMask", "services.cloudTranscoder.config")),
        ResponseTemplate::new(200),
    )
    .await;
    once(
        &server,
        Mock::given(method("DELETE")).and(path(format!("{base}/tasks/T-1"))),
        ResponseTemplate::new(200)
            .set_body_json(json!({"taskId": "T-1", "createTs": 1, "status": "STOPPED"})),
    )
    .await;

    let client = client_for(vec![server.uri()], &rec);
    let t = client.transcoding();
    let acquire = tc::AcquireRequest {
        instance_id: "inst-1".into(),
        services: None,
    };
    let token = t.acquire(&acquire).await.unwrap().body.token_name;
    let create = transcoder_body();
    let created = t.create(&token, &create).await.unwrap();
    assert!(created.body.status.is_running());
    let task_id = TaskId::from("T-1");
    t.query(&task_id, &token).await.unwrap();
    let seq = client.next_sequence_id(&task_id);
    assert_eq!(seq, 0);
    t.update(&task_id, &token, seq, &create).await.unwrap();
    assert_eq!(client.next_sequence_id(&task_id), 1);
    // The same sequenceId again is refused before sending.
    let again = t.update(&task_id, &token, 0, &create).await.unwrap_err();
    assert!(
        matches!(&again, Error::Invalid(f) if f[0].path == "sequenceId"),
        "{again}"
    );
    let deleted = t
        .delete(&task_id, &BuilderToken::from("tok/en"))
        .await
        .unwrap();
    assert!(deleted.body.status.is_ended());

    let received = server.received_requests().await.unwrap();
    // Query values are percent-encoded on the wire.
    assert_eq!(received[1].url.query(), Some("builderToken=tok%2Fen"));
    let sent: serde_json::Value = serde_json::from_slice(&received[1].body).unwrap();
    let input =
        &sent["services"]["cloudTranscoder"]["config"]["transcoder"]["audioInputs"][0]["rtc"];
    assert_eq!(input["rtcUid"], json!(123), "rtcUid is a JSON number");
    assert_eq!(
        sent["services"]["cloudTranscoder"]["serviceType"],
        "cloudTranscoderV2"
    );
}

#[tokio::test]
async fn a_refused_connection_falls_back_to_the_next_host_even_for_start() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"resourceId": "R", "sid": "S"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let client = client_for(vec![dead_url(), server.uri()], &rec);
    let start = mix_start();
    let resp = client
        .recording()
        .start(&rid(), Mode::Mix, &start, StartOptions::default())
        .await
        .unwrap();
    assert_eq!(resp.meta.attempts, 2);
    assert_eq!(resp.meta.host, server.uri());
    assert_eq!(rec.delays(), vec![1000], "the documented first backoff");
    // The next call starts on the host that worked (it answers 404 now: no mock left).
    let _ = client
        .recording()
        .start(&rid(), Mode::Mix, &start, StartOptions::default())
        .await;
    let ex = rec.exchanges.lock().unwrap();
    assert_eq!(ex.len(), 3);
    assert!(ex[2].url.starts_with(&server.uri()), "{}", ex[2].url);
}

#[tokio::test]
async fn query_retries_5xx_with_backoff_then_succeeds() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"code": 500, "reason": "internal_error"})),
        )
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"resourceId": "R", "sid": "S", "serverResponse": {"status": 5}}),
            ),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let q = client
        .recording()
        .query(&rid(), &sid(), Mode::Mix)
        .await
        .unwrap();
    assert_eq!(q.meta.attempts, 3);
    assert_eq!(
        q.body.server_response.unwrap().status,
        Some(agora_rest::codes::RecordingStatus::IN_PROGRESS)
    );
    assert_eq!(rec.delays(), vec![1000, 3000]);
}

#[tokio::test]
async fn persistent_5xx_keeps_the_last_body_and_request_id() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("X-Request-ID", "r-503")
                .set_body_json(json!({"code": 504, "reason": "allocate_timeout"})),
        )
        .mount(&server)
        .await;
    let retry = RetryPolicy {
        max_attempts: 3,
        ..RetryPolicy::default()
    };
    let client = client_with(vec![server.uri()], &rec, retry);
    let err = client
        .recording()
        .query(&rid(), &sid(), Mode::Mix)
        .await
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!((api.status, api.code()), (503, Some(504)));
    assert_eq!(api.request_id.as_deref(), Some("r-503"));
    assert!(api.raw.expose().contains("allocate_timeout"));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn start_is_never_resent_after_5xx_and_keeps_the_undocumented_code() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"resourceId": "R", "sid": "", "code": 15})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let err = client
        .recording()
        .start(&rid(), Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.code(), Some(15));
    assert_eq!(api.body.resource_id.as_deref(), Some("R"));
    assert!(api.explain().cause.contains("do not list"));
    assert!(rec.delays().is_empty());
}

#[tokio::test]
async fn code_65_on_start_is_retried_only_when_the_caller_opts_in() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(206)
                .set_body_json(json!({"code": 65, "reason": "request not completed"})),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let err = client
        .recording()
        .start(&rid(), Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.api().unwrap().kind(), ErrorKind::RequestNotCompleted);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let err = client
        .recording()
        .start(
            &rid(),
            Mode::Mix,
            &mix_start(),
            StartOptions { retry_code65: true },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.request_not_completed");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "1 + the first try + 2 documented retries"
    );
    assert_eq!(
        rec.delays(),
        vec![3000, 6000],
        "same resourceId after 3 s, then 6 s"
    );
}

#[tokio::test]
async fn code_65_on_query_is_retried_automatically() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(206).set_body_json(json!({"code": 65})))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"resourceId": "R", "sid": "S"})),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    client
        .recording()
        .query(&rid(), &sid(), Mode::Mix)
        .await
        .unwrap();
    assert_eq!(rec.delays(), vec![3000]);
}

#[tokio::test]
async fn rate_limits_wait_for_retry_after_then_retry() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "2")
                .set_body_json(json!({"message": "API rate limit exceeded"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"resourceId": "R", "sid": "S"})),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    // Even start: a 429 is the gateway's refusal, the request was not processed.
    client
        .recording()
        .start(&rid(), Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap();
    assert_eq!(rec.delays(), vec![2000]);
}

#[tokio::test]
async fn a_timeout_after_sending_is_retried_for_query_but_not_for_start() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let retry = RetryPolicy {
        max_attempts: 2,
        request_timeout: Duration::from_millis(200),
        ..RetryPolicy::default()
    };
    let client = client_with(vec![server.uri()], &rec, retry);
    let err = client
        .recording()
        .start(&rid(), Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                sent: true,
                timeout: true,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "network.timeout");
    let err = client
        .recording()
        .query(&rid(), &sid(), Mode::Mix)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts: 2, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_unreachable_host_is_a_transport_error_that_says_so() {
    let rec = Arc::new(Recorder::default());
    let retry = RetryPolicy {
        max_attempts: 2,
        ..RetryPolicy::default()
    };
    let client = client_with(vec![dead_url()], &rec, retry);
    let err = client.ncs_ips().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                sent: false,
                attempts: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "network.unreachable");
    assert!(err.to_string().contains("no answer"), "{err}");
}

#[tokio::test]
async fn error_answers_are_typed_and_explained() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(path(format!(
        "/v1/apps/{APP}/cloud_recording/resourceid/R/sid/S/mode/mix/query"
    )))
    .respond_with(
        ResponseTemplate::new(404).set_body_json(
            json!({"code": 404, "reason": "failed to find worker", "cname": "room1"}),
        ),
    )
    .mount(&server)
    .await;
    Mock::given(path(format!(
        "/v1/apps/{APP}/cloud_recording/resourceid/R/mode/mix/start"
    )))
    .respond_with(
        ResponseTemplate::new(201).set_body_json(json!({"code": 7, "reason": "already started"})),
    )
    .mount(&server)
    .await;
    Mock::given(path("/v1/ncs/ip"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"message": "Invalid authentication credentials"})),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let (r, s) = (ResourceId::from("R"), Sid::from("S"));
    let e = client
        .recording()
        .query(&r, &s, Mode::Mix)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "agora.worker_not_found");
    assert!(e.explanation().cause.contains("failover"));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "404 is not retried"
    );
    let e = client
        .recording()
        .start(&r, Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "agora.already_started");
    let e = client.ncs_ips().await.unwrap_err();
    assert_eq!(e.code(), "agora.unauthorized");
    assert!(e.to_string().contains("Customer Secret"), "{e}");
}

#[tokio::test]
async fn a_success_with_an_unreadable_body_keeps_the_raw_text() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>gateway</html>"))
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let req = Envelope::new("room1", Uid::from("9"), AcquireClientRequest::default());
    let err = client
        .recording()
        .acquire(&req, Mode::Mix)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { raw, status: 200, .. } if raw.expose() == "<html>gateway</html>"),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_invalid_request_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let mut bad = mix_start();
    bad.uid = Uid::from("0");
    if let Some(rc) = bad.client_request.recording_config.as_mut() {
        rc.max_idle_time = Some(1);
    }
    let err = client
        .recording()
        .start(&rid(), Mode::Mix, &bad, StartOptions::default())
        .await
        .unwrap_err();
    let Error::Invalid(fields) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["uid", "clientRequest.recordingConfig.maxIdleTime"]);
    assert_eq!(err.code(), "validation.failed");
}

/// Captures tracing output for the duration of a test.
#[derive(Clone, Default)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_never_reach_the_exchange_log_or_the_tracing_output() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"resourceId": "R", "sid": "S"})),
        )
        .mount(&server)
        .await;
    let logs = LogBuffer::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let client = client_for(vec![server.uri()], &rec);
    client
        .recording()
        .start(&rid(), Mode::Mix, &mix_start(), StartOptions::default())
        .await
        .unwrap();
    client
        .transcoding()
        .create(&BuilderToken::from("tok"), &transcoder_body())
        .await
        .unwrap_err();

    let log_text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        log_text.contains("request") && log_text.contains("<redacted>"),
        "debug logs were captured: {log_text}"
    );
    let exchanges = serde_json::to_string(&*rec.exchanges.lock().unwrap()).unwrap();
    let debug = format!("{:?} {:?}", mix_start(), transcoder_body());
    for secret in [
        "s3cr3t-customer",
        "Y3VzdDpzM2NyM3QtY3VzdG9tZXI",
        "storage-secret-key-value",
        "AKIA-ACCESS-KEY",
        "rtc-token-value-xyz",
        "input-token-secret",
        "output-token-secret",
    ] {
        assert!(!log_text.contains(secret), "{secret} leaked into the logs");
        assert!(
            !exchanges.contains(secret),
            "{secret} leaked into the exchange log"
        );
        assert!(!debug.contains(secret), "{secret} leaked through Debug");
    }
}

#[tokio::test]
async fn ncs_ips_decode() {
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("GET"))
        .and(path("/v1/ncs/ip"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"service": {"hosts": [{"primaryIP": "1.2.3.4"}, {"primaryIP": "5.6.7.8"}]}}})),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    assert_eq!(
        client.ncs_ips().await.unwrap().body.ips(),
        ["1.2.3.4", "5.6.7.8"]
    );
}

#[tokio::test]
async fn a_redirect_is_refused_and_nothing_reaches_the_other_host() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sid": "stolen"})))
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    let rec = Arc::new(Recorder::default());
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/steal", elsewhere.uri()).as_str()),
        )
        .mount(&server)
        .await;
    let client = client_for(vec![server.uri()], &rec);
    let e = client
        .recording()
        .start(
            &ResourceId::from("R"),
            Mode::Mix,
            &mix_start(),
            StartOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("307"), "{e}");
    assert!(e.explanation().cause.contains("never redirects"), "{e:?}");
    assert!(
        elsewhere.received_requests().await.unwrap().is_empty(),
        "the body and the Authorization header stayed home"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "not retried"
    );
}
