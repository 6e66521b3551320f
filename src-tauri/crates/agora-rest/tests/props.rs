//! Property tests: decoding never panics and round-trips, validators never panic and report
//! well-formed errors, redaction reaches every secret.

mod support;

use std::fmt::Debug;

use agora_rest::codes::{
    AudioProfile, ChannelType, DecryptionMode, MixedVideoLayout, RegionAffinity, RenderMode, Scene,
    StreamTypes, SubscribeUidGroup, Vendor, VideoStreamType,
};
use agora_rest::ncs::NcsIpResponse;
use agora_rest::recording::ops::{
    validate_acquire, validate_start, validate_stop, validate_update, validate_update_layout,
};
use agora_rest::recording::{
    self as rec, AcquireClientRequest, AcquireRegion, AppsCollection, AudioUidList, AvFileType,
    BackgroundConfig, CombinationPolicy, Container, ContainerFormat, Envelope, ErrorHandlePolicy,
    ExtensionParams, ExtensionService, ExtensionServiceConfig, LayoutRegion, LayoutSettings, Mode,
    RecordingConfig, RecordingFileConfig, RtmpOutput, RtmpPublishParam, RtmpPublishUpdate,
    SnapshotConfig, SnapshotFileType, Sse, StartClientRequest, StopClientRequest, StorageConfig,
    StreamMode, StreamSubscribe, TransConfig, TransMode, TranscodeOptions, TranscodingConfig,
    UpdateClientRequest, VideoUidList, WebRecorderParam, WebRecordingUpdate,
};
use agora_rest::transcoding::{
    self as tc, AudioInput, AudioOption, AudioProfileType, Canvas, CloudTranscoder, FillMode,
    Output, Region, Rtc, Services, StreamProcessMode, TranscoderConfig, TranscoderConfigEnvelope,
    VideoCodec, VideoInput, VideoMode, VideoOption, WaterMark,
};
use agora_rest::{redact_json, ApiErrorBody, FieldError, Sensitive, Uid};
use json_strategies::{arb_text, config, mutate, Edits, JsonGen, Mutation, Tree};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

const CASES: u32 = 256;

// =============================================================================================
// (a) Decoding responses

const WORDS: &[&str] = &[
    "",
    "0",
    "123",
    "-7",
    "1.5",
    " 42 ",
    "1562724971626",
    "json",
    "string",
    "hls",
    "audio",
    "video",
    "audio_and_video",
    "uploaded",
    "backuped",
    "unknown",
    "web_recorder_service",
    "rtmp_publish_service",
    "upload_service",
    "init",
    "inProgress",
    "exit",
    "connecting",
    "publishing",
    "onhold",
    "disconnected",
    "IN_PROGRESS",
    "STARTED",
    "FAILURE_STOP",
    "serviceReady",
    "cloudTranscoderV2",
    "sid_1.m3u8",
];

fn arb_string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _#./:-]{0,12}",
        2 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => arb_text(16),
    ]
    .boxed()
}

fn arb_key() -> BoxedStrategy<String> {
    json_strategies::arb_key(support::RESPONSE_KEYS.iter().copied(), 3, 8)
}

/// Agora's keys and strings, and numbers of every width, including floats with few enough
/// digits that JSON text round-trips them exactly (serde_json's default float parser is not
/// correctly rounded for every 17-digit value); objects of up to six entries.
fn json_gen() -> JsonGen {
    let numbers = json_strategies::arb_number(
        -1000..1000,
        10,
        vec![0.0, 0.5, -1.5, 1e300, -1e-300, 1.7976931348623157e308],
    );
    let tree = Tree {
        size: 48,
        fields: 7,
        ..Tree::default()
    };
    JsonGen::new(arb_key(), arb_string(), numbers).with_tree(tree)
}

/// JSON with Agora's keys and values, up to four levels deep.
fn arb_json() -> BoxedStrategy<Value> {
    json_gen().values()
}

/// Realistic bodies from the docs, for every response type.
fn samples() -> Vec<Value> {
    let rid =
        "JyvK8nXHuV1BE64GDkAaBGEscvtHW7v8BrQoRPCHxmeVxwY22-x-kv4GzjZVIHi4IwUKcHvIPeDq2fpg4JUGUF4";
    let sid = "38f8e3cfdc474cd56fc1ceba380d7e1a";
    vec![
        json!({"cname": "room-1", "uid": "527841", "resourceId": rid}),
        json!({"cname": "room-1", "uid": "527841", "resourceId": rid, "sid": sid}),
        json!({
            "resourceId": rid, "sid": sid, "cname": "room-1", "uid": "527841",
            "serverResponse": {
                "status": 5, "fileListMode": "json", "sliceStartTime": 1562724971626i64,
                "fileList": [
                    {"fileName": "a.m3u8", "trackType": "audio", "uid": "123",
                     "mixedAllUser": false, "isPlayable": true, "sliceStartTime": 1562724971626i64},
                    {"fileName": "v.m3u8", "trackType": "video", "uid": 456,
                     "mixedAllUser": false, "isPlayable": true, "sliceStartTime": "1562724971626"}
                ]
            }
        }),
        json!({
            "resourceId": rid, "sid": sid, "cname": "room-1", "uid": "527841",
            "serverResponse": {"fileListMode": "string", "fileList": "sid_room-1.m3u8",
                               "status": 5, "sliceStartTime": "1562724971626"}
        }),
        json!({
            "resourceId": rid, "sid": sid, "cname": "room-1", "uid": "527841",
            "serverResponse": {"status": 5, "extensionServiceState": [
                {"serviceName": "web_recorder_service", "payload": {
                    "state": "inProgress", "onhold": false,
                    "fileList": [{"filename": "w.m3u8", "sliceStartTime": 1562724971626i64}]}},
                {"serviceName": "rtmp_publish_service", "payload": {
                    "outputs": [{"rtmpUrl": "rtmp://cdn/live/k", "status": "publishing"}]}}
            ]}
        }),
        json!({
            "resourceId": rid, "sid": sid, "cname": "room-1", "uid": "527841",
            "serverResponse": {"uploadingStatus": "uploaded", "fileListMode": "json",
                               "fileList": [{"fileName": "x.mp4", "trackType": "audio_and_video",
                                             "uid": "0", "mixedAllUser": true,
                                             "isPlayable": true, "sliceStartTime": 0}],
                               "subServiceStatus": {"recordingService": "serviceCompleted"}}
        }),
        json!({
            "resourceId": rid, "sid": sid, "cname": "room-1", "uid": "527841",
            "serverResponse": {"extensionServiceState": [
                {"serviceName": "upload_service", "payload": {"uploadingStatus": "uploaded"}},
                {"serviceName": "web_recorder_service", "playload": {
                    "fileList": [{"fileName": "w.mp4", "sliceStartTime": 1}],
                    "onhold": false, "state": "exit"}}
            ]}
        }),
        json!({"resourceId": rid, "sid": sid, "serverResponse": ""}),
        json!({"tokenName": "tok", "createTs": 1661324228, "instanceId": "room_1"}),
        json!({
            "taskId": "609b7eb8-5b3e-4a5f-8c5f-6ad2c3d4f1a0", "createTs": 1661324228,
            "status": "IN_PROGRESS", "sequenceId": 3,
            "services": {"cloudTranscoder": {
                "serviceType": "cloudTranscoderV2", "status": "serviceInProgress",
                "config": {"transcoder": {"idleTimeout": 300}}, "createTs": "1661324228",
                "message": "OnSlaveServiceStopped", "details": {}
            }},
            "eventHandlers": {}, "execution": {"workflows": {}}, "properties": {},
            "variables": {}, "workflows": {}
        }),
        json!({"taskId": "t", "status": "STOPPED"}),
        json!({"code": 2, "reason": "invalid parameter"}),
        json!({"message": "Invalid authentication credentials"}),
        json!({"code": "435", "reason": "no recorded data", "resourceId": rid, "sid": sid,
               "cname": "room-1", "uid": 527841}),
        json!({"data": {"service": {"hosts": [{"primaryIP": "1.2.3.4"}, {"primaryIP": "5.6.7.8"}]}}}),
    ]
}

/// An edit at most four levels below the top of a body: a value replaced, removed, inserted
/// or given another type.
fn arb_mutation() -> BoxedStrategy<Mutation> {
    json_gen().mutation(&Edits::structural(5))
}

/// The fields each response type requires.
const REQUIRED: &[&[&str]] = &[
    &["resourceId"],
    &["resourceId", "sid"],
    &["tokenName"],
    &["taskId", "status"],
];

/// An object with one type's required fields as strings and arbitrary other fields.
fn arb_shaped() -> BoxedStrategy<Value> {
    (
        prop::sample::select(REQUIRED),
        prop::collection::vec(arb_string(), 2),
        prop::collection::vec((arb_key(), arb_json()), 0..7),
    )
        .prop_map(|(required, values, fields)| {
            let mut m: serde_json::Map<String, Value> = fields.into_iter().collect();
            for (k, v) in required.iter().zip(values) {
                m.insert((*k).to_owned(), Value::String(v));
            }
            Value::Object(m)
        })
        .boxed()
}

fn arb_response_json() -> BoxedStrategy<Value> {
    let n = samples().len();
    prop_oneof![
        1 => arb_json(),
        1 => arb_shaped(),
        2 => (0..n, prop::collection::vec(arb_mutation(), 0..3))
            .prop_map(|(i, ms)| mutate(samples().swap_remove(i), &ms)),
    ]
    .boxed()
}

/// Decoding `value` (as text, as the client does, and as a `Value`) as `T` never panics, and a
/// decoded value re-encodes to JSON that decodes to an equal value.
fn round_trips<T>(value: &Value) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let name = std::any::type_name::<T>();
    let text = value.to_string();
    let decoded = [
        serde_json::from_str::<T>(&text).ok(),
        serde_json::from_value::<T>(value.clone()).ok(),
    ];
    for first in decoded.into_iter().flatten() {
        // As on the wire: secrets in full (shown copies are not meant to decode back).
        let encoded = agora_rest::reveal(|| serde_json::to_string(&first))
            .map_err(|e| TestCaseError::fail(format!("{name}: re-encoding failed: {e}")))?;
        let second: T = serde_json::from_str(&encoded).map_err(|e| {
            TestCaseError::fail(format!(
                "{name}: re-decoding failed: {e}\ninput: {text}\nre-encoded: {encoded}"
            ))
        })?;
        prop_assert_eq!(
            &first,
            &second,
            "{}: not equal after a round trip\ninput: {}\nre-encoded: {}",
            name,
            text,
            encoded
        );
    }
    Ok(())
}

fn api_error_round_trips(raw: &str) -> Result<(), TestCaseError> {
    let first = ApiErrorBody::parse(raw);
    let encoded = serde_json::to_string(&first)
        .map_err(|e| TestCaseError::fail(format!("re-encoding failed: {e}")))?;
    let second = ApiErrorBody::parse(&encoded);
    prop_assert_eq!(&first, &second, "raw: {:?}\nre-encoded: {}", raw, encoded);
    // A body that is not JSON is described (its size, a page title), never kept.
    if let (Some(m), Err(_)) = (&first.message, serde_json::from_str::<ApiErrorBody>(raw)) {
        prop_assert!(m.starts_with("a non-JSON answer ("), "{}", m);
        prop_assert!(m.chars().count() <= 130, "{}", m);
    }
    Ok(())
}

fn decode_all(value: &Value) -> Result<(), TestCaseError> {
    round_trips::<rec::AcquireResponse>(value)?;
    round_trips::<rec::SessionResponse>(value)?;
    round_trips::<rec::StatusResponse>(value)?;
    round_trips::<tc::AcquireResponse>(value)?;
    round_trips::<tc::TaskResponse>(value)?;
    round_trips::<NcsIpResponse>(value)?;
    round_trips::<ApiErrorBody>(value)?;
    api_error_round_trips(&value.to_string())?;
    Ok(())
}

#[test]
fn realistic_samples_decode_into_their_types() {
    let s = samples();
    assert!(serde_json::from_value::<rec::AcquireResponse>(s[0].clone()).is_ok());
    assert!(serde_json::from_value::<rec::SessionResponse>(s[1].clone()).is_ok());
    for v in &s[2..8] {
        let r: rec::StatusResponse = serde_json::from_value(v.clone()).unwrap();
        assert!(r.extra.is_empty(), "{v}");
    }
    assert!(serde_json::from_value::<tc::AcquireResponse>(s[8].clone()).is_ok());
    assert!(serde_json::from_value::<tc::TaskResponse>(s[9].clone()).is_ok());
    assert!(serde_json::from_value::<tc::TaskResponse>(s[10].clone()).is_ok());
    for v in &s[11..14] {
        assert!(serde_json::from_value::<ApiErrorBody>(v.clone()).is_ok());
    }
    let ncs: NcsIpResponse = serde_json::from_value(s[14].clone()).unwrap();
    assert_eq!(ncs.ips(), ["1.2.3.4", "5.6.7.8"]);
    for v in &s {
        decode_all(v).unwrap();
    }
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn decoding_any_json_never_panics_and_round_trips(value in arb_response_json()) {
        decode_all(&value)?;
    }

    #[test]
    fn api_error_bodies_parse_from_any_text(
        raw in prop_oneof![
            any::<String>(),
            "[ {}\\[\\]\":,a-z0-9]{0,40}",
            arb_json().prop_map(|v| v.to_string()),
            "[a-z {}:\"]{490,520}",
        ]
    ) {
        api_error_round_trips(&raw)?;
    }
}

// =============================================================================================
// (b) Validators on arbitrary typed bodies

const ROOTS: &[&str] = &[
    "cname",
    "uid",
    "clientRequest",
    "services",
    "instanceId",
    "sequenceId",
];

fn check_errors(r: Result<(), Vec<FieldError>>) -> Result<(), TestCaseError> {
    if let Err(errors) = r {
        prop_assert!(!errors.is_empty(), "Err with no errors");
        for e in &errors {
            prop_assert!(!e.message.trim().is_empty(), "empty message: {:?}", e);
            let root = e.path.split('.').next().unwrap_or("");
            prop_assert!(ROOTS.contains(&root), "path outside the body: {:?}", e);
            prop_assert!(
                !e.path.split('.').any(str::is_empty),
                "empty path segment: {:?}",
                e
            );
        }
    }
    Ok(())
}

fn short_str() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _#/.:()-]{0,10}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
        1 => prop::sample::select(&[
            "https://example.com/a.jpg",
            "http://example.com/b.png?x=1",
            "rtmp://cdn.example.com/live/k",
            "rtmps://",
            "s3.example.com",
            "#00ff7A",
        ][..])
        .prop_map(str::to_owned),
    ]
    .boxed()
}

fn secret() -> BoxedStrategy<Sensitive<String>> {
    prop_oneof![
        short_str(),
        Just("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_owned()),
    ]
    .prop_map(Sensitive::from)
    .boxed()
}

fn num() -> BoxedStrategy<u32> {
    prop_oneof![0u32..10, 0u32..5000, any::<u32>()].boxed()
}

fn code() -> BoxedStrategy<u8> {
    prop_oneof![4 => 0u8..10, 1 => any::<u8>()].boxed()
}

fn float() -> BoxedStrategy<f64> {
    prop_oneof![
        6 => -0.5f64..1.5,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => any::<f64>(),
    ]
    .boxed()
}

fn arb_uid() -> BoxedStrategy<Uid> {
    prop_oneof![
        3 => any::<u32>().prop_map(Uid::from_u32),
        2 => short_str().prop_map(Uid::from),
        1 => Just(Uid::from(Uid::ALL_STREAMS)),
        1 => Just(Uid::from("0")),
    ]
    .boxed()
}

fn uid_list() -> BoxedStrategy<Option<Vec<Uid>>> {
    prop::option::of(prop_oneof![
        4 => prop::collection::vec(arb_uid(), 0..5),
        1 => prop::collection::vec(arb_uid(), 30..36),
    ])
    .boxed()
}

fn cname() -> BoxedStrategy<String> {
    prop_oneof![
        6 => short_str(),
        1 => "[a-z]{60,70}",
        1 => (1000usize..1030).prop_map(|n| "x".repeat(n)),
    ]
    .boxed()
}

fn layout_region() -> BoxedStrategy<LayoutRegion> {
    (
        prop::option::of(arb_uid()),
        float(),
        float(),
        float(),
        float(),
        prop::option::of(float()),
        prop::option::of(code().prop_map(RenderMode)),
    )
        .prop_map(
            |(uid, x_axis, y_axis, width, height, alpha, render_mode)| LayoutRegion {
                uid,
                x_axis,
                y_axis,
                width,
                height,
                alpha,
                render_mode,
            },
        )
        .boxed()
}

fn layout() -> BoxedStrategy<LayoutSettings> {
    let background = (
        arb_uid(),
        short_str(),
        prop::option::of(code().prop_map(RenderMode)),
    )
        .prop_map(|(uid, image_url, render_mode)| BackgroundConfig {
            uid,
            image_url: image_url.into(),
            render_mode,
        });
    (
        prop::option::of(arb_uid()),
        prop::option::of(code().prop_map(MixedVideoLayout)),
        prop::option::of(prop_oneof!["#[0-9a-fA-F]{6}", short_str()]),
        prop::option::of(short_str()),
        prop::option::of(short_str()),
        prop::option::of(prop::collection::vec(layout_region(), 0..20)),
        prop::option::of(prop::collection::vec(background, 0..3)),
    )
        .prop_map(|(mru, mvl, color, bg, dubg, regions, bgs)| LayoutSettings {
            max_resolution_uid: mru,
            mixed_video_layout: mvl,
            background_color: color,
            background_image: bg.map(Into::into),
            default_user_background_image: dubg.map(Into::into),
            layout_config: regions,
            background_config: bgs,
        })
        .boxed()
}

fn transcoding_config() -> BoxedStrategy<TranscodingConfig> {
    (
        prop::option::of(num()),
        prop::option::of(num()),
        prop::option::of(num()),
        prop::option::of(num()),
        layout(),
    )
        .prop_map(|(width, height, fps, bitrate, l)| {
            let mut t = TranscodingConfig {
                width,
                height,
                fps,
                bitrate,
                ..Default::default()
            };
            t.set_layout(l);
            t
        })
        .boxed()
}

fn recording_config() -> BoxedStrategy<RecordingConfig> {
    let head = (
        code().prop_map(ChannelType),
        prop::option::of(code().prop_map(DecryptionMode)),
        prop::option::of(secret()),
        prop::option::of(secret()),
        prop::option::of(num()),
        prop::option::of(code().prop_map(StreamTypes)),
        prop::option::of(code().prop_map(VideoStreamType)),
    );
    let tail = (
        uid_list(),
        uid_list(),
        uid_list(),
        uid_list(),
        prop::option::of(code().prop_map(SubscribeUidGroup)),
        prop::option::of(prop::sample::select(
            &[
                StreamMode::Default,
                StreamMode::Standard,
                StreamMode::Original,
            ][..],
        )),
        prop::option::of(code().prop_map(AudioProfile)),
        prop::option::of(transcoding_config()),
    );
    (head, tail)
        .prop_map(
            |((ct, dm, secret, salt, idle, st, vst), (sa, ua, sv, uv, group, sm, ap, tc))| {
                RecordingConfig {
                    channel_type: ct,
                    decryption_mode: dm,
                    secret,
                    salt,
                    max_idle_time: idle,
                    stream_types: st,
                    video_stream_type: vst,
                    subscribe_audio_uids: sa,
                    unsubscribe_audio_uids: ua,
                    subscribe_video_uids: sv,
                    unsubscribe_video_uids: uv,
                    subscribe_uid_group: group,
                    stream_mode: sm,
                    audio_profile: ap,
                    transcoding_config: tc,
                }
            },
        )
        .boxed()
}

fn storage_config() -> BoxedStrategy<StorageConfig> {
    let params = (
        prop::option::of(prop::sample::select(&[Sse::Kms, Sse::Aes256][..])),
        prop::option::of(short_str()),
        prop::option::of(short_str()),
    )
        .prop_map(|(sse, tag, endpoint)| ExtensionParams { sse, tag, endpoint });
    let prefix = prop::option::of(prop::collection::vec(
        prop_oneof![3 => short_str(), 1 => "[a-z]{60,70}"],
        0..4,
    ));
    (
        code().prop_map(Vendor),
        prop_oneof![0u16..30, any::<u16>()],
        short_str(),
        secret(),
        secret(),
        prop::option::of(secret()),
        prop::option::of(any::<u64>()),
        prefix,
        prop::option::of(params),
    )
        .prop_map(
            |(vendor, region, bucket, ak, sk, sts, exp, prefix, params)| StorageConfig {
                vendor,
                region,
                bucket,
                access_key: ak,
                secret_key: sk,
                sts_token: sts,
                sts_expiration: exp,
                file_name_prefix: prefix,
                extension_params: params,
            },
        )
        .boxed()
}

fn policy() -> BoxedStrategy<Option<ErrorHandlePolicy>> {
    prop::option::of(prop::sample::select(
        &[ErrorHandlePolicy::Abort, ErrorHandlePolicy::Ignore][..],
    ))
    .boxed()
}

fn rtmp_outputs() -> BoxedStrategy<Vec<RtmpOutput>> {
    prop::collection::vec(
        short_str().prop_map(|rtmp_url| RtmpOutput {
            rtmp_url: rtmp_url.into(),
        }),
        0..3,
    )
    .boxed()
}

fn web_recorder() -> BoxedStrategy<WebRecorderParam> {
    (
        (
            short_str(),
            code().prop_map(AudioProfile),
            num(),
            num(),
            num(),
        ),
        (
            prop::option::of(num()),
            prop::option::of(num()),
            prop::option::of(any::<bool>()),
            prop::option::of(num()),
            prop::option::of(any::<bool>()),
            prop::option::of(num()),
        ),
    )
        .prop_map(
            |((url, ap, w, h, hours), (bitrate, fps, mobile, dur, onhold, ready))| {
                WebRecorderParam {
                    url: url.into(),
                    audio_profile: ap,
                    video_width: w,
                    video_height: h,
                    max_recording_hour: hours,
                    video_bitrate: bitrate,
                    video_fps: fps,
                    mobile,
                    max_video_duration: dur,
                    onhold,
                    ready_timeout: ready,
                }
            },
        )
        .boxed()
}

fn extension_service_config() -> BoxedStrategy<ExtensionServiceConfig> {
    let service = prop_oneof![
        (policy(), web_recorder()).prop_map(|(p, param)| ExtensionService::WebRecorder {
            error_handle_policy: p,
            service_param: param,
        }),
        (policy(), rtmp_outputs()).prop_map(|(p, outputs)| ExtensionService::RtmpPublish {
            error_handle_policy: p,
            service_param: RtmpPublishParam { outputs },
        }),
    ];
    (
        policy(),
        prop::option::of(short_str()),
        prop::collection::vec(service, 0..4),
    )
        .prop_map(|(p, api, services)| ExtensionServiceConfig {
            error_handle_policy: p,
            api_version: api,
            extension_services: services,
        })
        .boxed()
}

fn start_client_request() -> BoxedStrategy<StartClientRequest> {
    let file_config = prop::option::of(prop::collection::vec(
        prop::sample::select(&[AvFileType::Hls, AvFileType::Mp4][..]),
        0..3,
    ))
    .prop_map(|av_file_type| RecordingFileConfig { av_file_type });
    let snapshot = (
        prop::option::of(num()),
        prop::collection::vec(Just(SnapshotFileType::Jpg), 0..3),
    )
        .prop_map(|(capture_interval, file_type)| SnapshotConfig {
            capture_interval,
            file_type,
        });
    let apps = prop::option::of(
        prop::option::of(prop::sample::select(
            &[
                CombinationPolicy::Default,
                CombinationPolicy::PostponeTranscoding,
            ][..],
        ))
        .prop_map(|combination_policy| AppsCollection { combination_policy }),
    );
    let transcode_options = prop::option::of(Just(TranscodeOptions {
        trans_config: TransConfig {
            trans_mode: TransMode::AudioMix,
        },
        container: Some(Container {
            format: ContainerFormat::Mp3,
        }),
        audio: None,
    }));
    (
        prop::option::of(secret()),
        prop::option::of(recording_config()),
        prop::option::of(file_config),
        prop::option::of(snapshot),
        prop::option::of(storage_config()),
        prop::option::of(extension_service_config()),
        apps,
        transcode_options,
    )
        .prop_map(
            |(token, rc, rfc, snap, storage, esc, apps, topts)| StartClientRequest {
                token,
                recording_config: rc,
                recording_file_config: rfc,
                snapshot_config: snap,
                storage_config: storage,
                extension_service_config: esc,
                apps_collection: apps,
                transcode_options: topts,
            },
        )
        .boxed()
}

fn acquire_client_request() -> BoxedStrategy<AcquireClientRequest> {
    (
        prop::option::of(code().prop_map(Scene)),
        prop::option::of(num()),
        prop::option::of(prop::sample::select(
            &[
                AcquireRegion::Cn,
                AcquireRegion::Ap,
                AcquireRegion::Eu,
                AcquireRegion::Na,
            ][..],
        )),
        prop::option::of(prop::collection::vec(
            short_str().prop_map(Into::into),
            0..3,
        )),
        prop::option::of(code().prop_map(RegionAffinity)),
        prop::option::of(start_client_request()),
    )
        .prop_map(
            |(scene, hours, region, exclude, affinity, sp)| AcquireClientRequest {
                scene,
                resource_expired_hour: hours,
                region,
                exclude_resource_ids: exclude,
                region_affinity: affinity,
                start_parameter: sp,
            },
        )
        .boxed()
}

fn update_client_request() -> BoxedStrategy<UpdateClientRequest> {
    let audio = (uid_list(), uid_list()).prop_map(|(s, u)| AudioUidList {
        subscribe_audio_uids: s,
        unsubscribe_audio_uids: u,
    });
    let video = (uid_list(), uid_list()).prop_map(|(s, u)| VideoUidList {
        subscribe_video_uids: s,
        unsubscribe_video_uids: u,
    });
    let subscribe =
        (prop::option::of(audio), prop::option::of(video)).prop_map(|(a, v)| StreamSubscribe {
            audio_uid_list: a,
            video_uid_list: v,
        });
    (
        prop::option::of(subscribe),
        prop::option::of(any::<bool>().prop_map(|onhold| WebRecordingUpdate { onhold })),
        prop::option::of(rtmp_outputs().prop_map(|outputs| RtmpPublishUpdate { outputs })),
        prop::option::of(storage_config()),
    )
        .prop_map(|(s, w, r, st)| UpdateClientRequest {
            stream_subscribe: s,
            web_recording_config: w,
            rtmp_publish_config: r,
            storage_config: st,
        })
        .boxed()
}

fn envelope<C: Debug + Clone + 'static>(
    client_request: BoxedStrategy<C>,
) -> BoxedStrategy<Envelope<C>> {
    (cname(), arb_uid(), client_request)
        .prop_map(|(c, u, cr)| Envelope::new(c, u, cr))
        .boxed()
}

// ---- Cloud Transcoding bodies

fn rtc() -> BoxedStrategy<Rtc> {
    (
        prop_oneof![3 => Just("live-1".to_owned()), 2 => short_str(), 1 => "[a-z]{60,70}"],
        prop_oneof![0u32..3, any::<u32>()],
        prop::option::of(secret()),
    )
        .prop_map(|(rtc_channel, rtc_uid, rtc_token)| Rtc {
            rtc_channel,
            rtc_uid,
            rtc_token,
        })
        .boxed()
}

fn region() -> BoxedStrategy<Region> {
    (num(), num(), num(), num(), prop::option::of(num()))
        .prop_map(|(x, y, width, height, z_order)| Region {
            x,
            y,
            width,
            height,
            z_order,
        })
        .boxed()
}

fn fill_mode() -> BoxedStrategy<Option<FillMode>> {
    prop::option::of(prop::sample::select(&[FillMode::Fill, FillMode::Fit][..])).boxed()
}

fn transcoder_config() -> BoxedStrategy<TranscoderConfig> {
    let repeat = prop::option::of(prop_oneof![-3i32..4, any::<i32>()]);
    let audio = (
        prop::option::of(rtc()),
        prop::option::of(short_str()),
        prop::option::of(num()),
        repeat.clone(),
    )
        .prop_map(|(rtc, stream_url, volume, repeat)| AudioInput {
            rtc,
            stream_url: stream_url.map(Into::into),
            volume,
            repeat,
        });
    let video = (
        prop::option::of(rtc()),
        prop::option::of(short_str()),
        repeat,
        prop::option::of(short_str()),
        prop::option::of(region()),
    )
        .prop_map(
            |(rtc, stream_url, repeat, placeholder, region)| VideoInput {
                rtc,
                stream_url: stream_url.map(Into::into),
                repeat,
                placeholder_image_url: placeholder.map(Into::into),
                region,
            },
        );
    let canvas = (
        num(),
        num(),
        prop::option::of(num()),
        prop::option::of(short_str()),
        fill_mode(),
    )
        .prop_map(
            |(width, height, color, background_image, fill_mode)| Canvas {
                width,
                height,
                color,
                background_image: background_image.map(Into::into),
                fill_mode,
            },
        );
    let watermark =
        (short_str(), region(), fill_mode()).prop_map(|(image_url, region, fm)| WaterMark {
            image_url: image_url.into(),
            region,
            fill_mode: fm,
        });
    let video_option = (
        (
            prop::option::of(num()),
            prop::option::of(num()),
            prop::option::of(num()),
            prop::option::of(prop::sample::select(
                &[VideoCodec::H264, VideoCodec::Vp8][..],
            )),
        ),
        (
            prop::option::of(num()),
            prop::option::of(Just(VideoMode::Raw)),
            prop::option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |((width, height, bitrate, codec), (fps, mode, lbhq))| VideoOption {
                width,
                height,
                bitrate,
                codec,
                fps,
                mode,
                low_bitrate_high_quality: lbhq,
            },
        );
    let output = (
        prop::option::of(rtc()),
        prop::option::of(short_str()),
        prop::option::of(Just(AudioOption {
            profile_type: Some(AudioProfileType::AudioProfileSpeechStandard),
        })),
        prop::option::of(video_option),
    )
        .prop_map(|(rtc, stream_url, audio_option, video_option)| Output {
            rtc,
            stream_url: stream_url.map(Into::into),
            audio_option,
            video_option,
        });
    (
        prop::option::of(num()),
        prop::option::of(prop::sample::select(
            &[
                StreamProcessMode::Single,
                StreamProcessMode::HeterogeneousSingle,
            ][..],
        )),
        prop::option::of(prop::collection::vec(audio, 0..3)),
        prop::option::of(prop::collection::vec(video, 0..3)),
        prop::option::of(canvas),
        prop::option::of(prop::collection::vec(watermark, 0..2)),
        prop::collection::vec(output, 0..3),
    )
        .prop_map(
            |(idle, spm, audio, video, canvas_opt, marks, outputs)| TranscoderConfig {
                idle_timeout: idle,
                stream_process_mode: spm,
                audio_inputs: audio,
                video_inputs: video,
                canvas: canvas_opt,
                water_marks: marks,
                outputs,
            },
        )
        .boxed()
}

fn services() -> BoxedStrategy<Services> {
    transcoder_config()
        .prop_map(|transcoder| Services {
            cloud_transcoder: CloudTranscoder {
                service_type: Default::default(),
                config: TranscoderConfigEnvelope { transcoder },
            },
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn recording_acquire_and_start_validators_never_panic(
        acquire in envelope(acquire_client_request()),
        start in envelope(start_client_request()),
    ) {
        for mode in Mode::ALL {
            check_errors(validate_acquire(&acquire, mode))?;
            check_errors(validate_start(&start, mode))?;
        }
    }

    #[test]
    fn recording_update_layout_and_stop_validators_never_panic(
        update in envelope(update_client_request()),
        layout in envelope(layout()),
        stop in envelope(any::<bool>().prop_map(|async_stop| StopClientRequest { async_stop }).boxed()),
    ) {
        for mode in Mode::ALL {
            check_errors(validate_update(&update, mode))?;
            check_errors(validate_stop(&stop, mode))?;
        }
        check_errors(validate_update_layout(&layout))?;
    }

    #[test]
    fn transcoding_validators_never_panic(
        instance_id in prop_oneof![short_str(), "[a-zA-Z0-9_-]{60,70}"],
        acquire_services in prop::option::of(services()),
        body in services(),
        sequence_id in prop_oneof![0u64..5, any::<u64>()],
        // u64::MAX included: the "use N or more" message once overflowed there.
        last_sent in prop::option::of(prop_oneof![0u64..5, 0..=u64::MAX, Just(u64::MAX)]),
    ) {
        check_errors(tc::validate_acquire(&tc::AcquireRequest {
            instance_id,
            services: acquire_services,
        }))?;
        let req = tc::CreateRequest { services: body };
        check_errors(tc::validate_create(&req))?;
        check_errors(tc::validate_update(&req, sequence_id, last_sent))?;
    }
}

// =============================================================================================
// (c) Redaction

const SECRETS: &[&str] = &[
    "accessKey",
    "secretKey",
    "stsToken",
    "token",
    "rtcToken",
    "secret",
    "salt",
];

fn redaction_key() -> BoxedStrategy<String> {
    prop_oneof![
        2 => prop::sample::select(SECRETS).prop_map(str::to_owned),
        1 => prop::sample::select(&["bucket", "cname", "uid", "storageConfig", "clientRequest",
                                    "tokens", "Token", "secretkey", "rtc_token", ""][..])
            .prop_map(str::to_owned),
        1 => "[a-zA-Z]{1,6}",
    ]
    .boxed()
}

fn redaction_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((redaction_key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

/// `redacted` is `original` with every non-null value under a secret key replaced by
/// `"<redacted>"`, and nothing else changed.
fn is_redaction_of(original: &Value, redacted: &Value) -> Result<(), TestCaseError> {
    match (original, redacted) {
        (Value::Object(o), Value::Object(r)) => {
            prop_assert_eq!(o.len(), r.len());
            for (k, ov) in o {
                let rv = r.get(k);
                prop_assert!(rv.is_some(), "key {} lost", k);
                let rv = rv.unwrap();
                if SECRETS.contains(&k.as_str()) {
                    if ov.is_null() || ov.as_str() == Some("") {
                        prop_assert_eq!(rv, ov);
                    } else {
                        prop_assert_eq!(rv, &json!("<redacted>"), "{} kept its value", k);
                    }
                } else {
                    is_redaction_of(ov, rv)?;
                }
            }
        }
        (Value::Array(o), Value::Array(r)) => {
            prop_assert_eq!(o.len(), r.len());
            for (ov, rv) in o.iter().zip(r) {
                is_redaction_of(ov, rv)?;
            }
        }
        (o, r) => prop_assert_eq!(o, r),
    }
    Ok(())
}

/// No secret key anywhere in `v` holds anything but `"<redacted>"` or null.
/// `shown` is `wire` with some strings redacted (wholly, or a URL's secret parts), nothing else.
fn only_redactions_differ(wire: &Value, shown: &Value) -> Result<(), TestCaseError> {
    match (wire, shown) {
        (Value::Object(w), Value::Object(s)) => {
            prop_assert_eq!(w.len(), s.len());
            for (k, wv) in w {
                prop_assert!(s.contains_key(k), "key {} lost", k);
                only_redactions_differ(wv, &s[k])?;
            }
        }
        (Value::Array(w), Value::Array(s)) => {
            prop_assert_eq!(w.len(), s.len());
            for (wv, sv) in w.iter().zip(s) {
                only_redactions_differ(wv, sv)?;
            }
        }
        (Value::String(w), Value::String(s)) if w != s => {
            prop_assert!(s.contains("<redacted>"), "{:?} became {:?}", w, s);
        }
        (w, s) => prop_assert_eq!(w, s),
    }
    Ok(())
}

fn no_secret_left(v: &Value) -> Result<(), TestCaseError> {
    match v {
        Value::Object(m) => {
            for (k, val) in m {
                if SECRETS.contains(&k.as_str()) {
                    prop_assert!(
                        // An empty value holds nothing to hide.
                        val.is_null() || *val == json!("<redacted>") || *val == json!(""),
                        "{} = {}",
                        k,
                        val
                    );
                } else {
                    no_secret_left(val)?;
                }
            }
        }
        Value::Array(a) => {
            for val in a {
                no_secret_left(val)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[test]
fn the_secret_key_list_is_the_documented_one() {
    for k in SECRETS {
        assert!(
            agora_rest::secret::SECRET_KEYS.contains(k),
            "{k} is not redacted"
        );
    }
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn redact_json_removes_every_secret_at_any_depth(value in redaction_json()) {
        let redacted = redact_json(&value);
        no_secret_left(&redacted)?;
        is_redaction_of(&value, &redacted)?;
        prop_assert_eq!(redact_json(&redacted), redacted.clone(), "not idempotent");
        // The same through text, as logs and history store it.
        let reparsed: Value = serde_json::from_str(&redacted.to_string()).unwrap();
        no_secret_left(&reparsed)?;
    }

    #[test]
    fn typed_request_bodies_serialize_without_secrets(start in envelope(start_client_request())) {
        // No key list involved: the typed value itself serializes redacted...
        let shown = serde_json::to_value(&start).unwrap();
        no_secret_left(&shown)?;
        // ...and only the wire copy, inside `reveal`, has the values.
        let wire = agora_rest::reveal(|| serde_json::to_value(&start)).unwrap();
        only_redactions_differ(&wire, &shown)?;
    }
}
