//! acquire → start → query → stop through the client, next to the same four calls made with raw
//! reqwest and hand-written JSON, against one loopback server in the same run. The ratio is the
//! client's overhead (validation, typed encoding and decoding, redacted exchange bookkeeping).

use std::net::SocketAddr;

use agora_rest::codes::{ChannelType, Vendor};
use agora_rest::recording::ops::StartOptions;
use agora_rest::recording::*;
use agora_rest::{Client, Credentials, ResourceId, Sid, Uid};
use axum::routing::{get, post};
use axum::{Json, Router};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};

async fn serve() -> SocketAddr {
    let session = || json!({"cname": "bench", "uid": "1001", "resourceId": "RID", "sid": "SID"});
    let app = Router::new()
        .route(
            "/v1/apps/{app}/cloud_recording/acquire",
            post(|| async { Json(json!({"cname": "bench", "uid": "1001", "resourceId": "RID"})) }),
        )
        .route(
            "/v1/apps/{app}/cloud_recording/resourceid/{rid}/mode/{mode}/start",
            post(move || async move { Json(session()) }),
        )
        .route(
            "/v1/apps/{app}/cloud_recording/resourceid/{rid}/sid/{sid}/mode/{mode}/query",
            get(|| async {
                Json(json!({"resourceId": "RID", "sid": "SID", "serverResponse": {"status": 5, "fileListMode": "json",
                    "fileList": [{"fileName": "SID_bench.m3u8", "trackType": "audio_and_video", "uid": "0", "mixedAllUser": true, "isPlayable": true, "sliceStartTime": 1700000000000i64}],
                    "sliceStartTime": 1700000000000i64}}))
            }),
        )
        .route(
            "/v1/apps/{app}/cloud_recording/resourceid/{rid}/sid/{sid}/mode/{mode}/stop",
            post(|| async {
                Json(json!({"resourceId": "RID", "sid": "SID", "serverResponse": {"uploadingStatus": "uploaded", "fileListMode": "string", "fileList": "SID_bench.m3u8"}}))
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn start_body() -> StartRequest {
    Envelope::new(
        "bench",
        Uid::from("1001"),
        StartClientRequest {
            recording_config: Some(RecordingConfig {
                channel_type: ChannelType::LIVE_BROADCAST,
                max_idle_time: Some(300),
                subscribe_audio_uids: Some(vec![Uid::from("#allstream#")]),
                subscribe_video_uids: Some(vec![Uid::from("#allstream#")]),
                transcoding_config: Some(TranscodingConfig {
                    width: Some(1280),
                    height: Some(720),
                    fps: Some(15),
                    bitrate: Some(1500),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            recording_file_config: Some(RecordingFileConfig {
                av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
            }),
            storage_config: Some(StorageConfig {
                vendor: Vendor::AMAZON_S3,
                region: 0,
                bucket: "bucket".into(),
                access_key: "ak".into(),
                secret_key: "sk".into(),
                file_name_prefix: Some(vec!["recordings".into()]),
                ..Default::default()
            }),
            ..Default::default()
        },
    )
}

async fn flow_client(client: &Client, start: &StartRequest) {
    let r = client.recording();
    let acquire = Envelope::new("bench", Uid::from("1001"), AcquireClientRequest::default());
    let rid: ResourceId = r
        .acquire(&acquire, Mode::Mix)
        .await
        .unwrap()
        .body
        .resource_id;
    let sid: Sid = r
        .start(&rid, Mode::Mix, start, StartOptions::default())
        .await
        .unwrap()
        .body
        .sid;
    let q = r.query(&rid, &sid, Mode::Mix).await.unwrap();
    assert_eq!(q.body.server_response.unwrap().file_names().len(), 1);
    let stop = Envelope::new(
        "bench",
        Uid::from("1001"),
        StopClientRequest { async_stop: false },
    );
    r.stop(&rid, &sid, Mode::Mix, &stop).await.unwrap();
}

async fn flow_raw(http: &reqwest::Client, base: &str, start: &Value) {
    let auth = "Basic Y3VzdDpzZWNyZXQ=";
    let post = |url: String, body: Value| {
        http.post(url)
            .header("Authorization", auth)
            .header("Content-Type", "application/json;charset=utf-8")
            .body(body.to_string())
            .send()
    };
    let app = format!("{base}/v1/apps/app/cloud_recording");
    let a: Value = post(
        format!("{app}/acquire"),
        json!({"cname": "bench", "uid": "1001", "clientRequest": {}}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let rid = a["resourceId"].as_str().unwrap().to_owned();
    let s: Value = post(
        format!("{app}/resourceid/{rid}/mode/mix/start"),
        start.clone(),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let sid = s["sid"].as_str().unwrap().to_owned();
    let q: Value = http
        .get(format!("{app}/resourceid/{rid}/sid/{sid}/mode/mix/query"))
        .header("Authorization", auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(q["serverResponse"]["fileList"].as_array().unwrap().len(), 1);
    let _: Value = post(
        format!("{app}/resourceid/{rid}/sid/{sid}/mode/mix/stop"),
        json!({"cname": "bench", "uid": "1001", "clientRequest": {"async_stop": false}}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let addr = rt.block_on(serve());
    let base = format!("http://{addr}");
    let client = Client::builder("app", Credentials::new("cust", "secret"))
        .endpoint(base.clone())
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let start = start_body();
    let start_json = serde_json::to_value(&start).unwrap();

    let mut group = c.benchmark_group("acquire_start_query_stop");
    group.throughput(Throughput::Elements(1));
    group.bench_function("raw_reqwest", |b| {
        b.to_async(&rt).iter(|| flow_raw(&http, &base, &start_json))
    });
    group.bench_function("agora_rest_client", |b| {
        b.to_async(&rt).iter(|| flow_client(&client, &start))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
