//! Behaviour tests for every rule the request validators implement.
//!
//! Each test starts from a valid body (one per mode), breaks one rule and checks the exact
//! dotted path of the error and a phrase of its message. `fails` also checks that nothing else
//! was reported, so a rule that fires twice or a path that drifts is caught.

use agora_rest::codes::{
    AudioProfile, ChannelType, DecryptionMode, MixedVideoLayout, RegionAffinity, RenderMode, Scene,
    StreamTypes, SubscribeUidGroup, Vendor, VideoStreamType,
};
use agora_rest::recording::ops::{
    check_acquire, check_start, check_update_layout, validate_acquire, validate_start,
    validate_stop, validate_update, validate_update_layout,
};
use agora_rest::recording::{
    self as rec, AcquireClientRequest, AppsCollection, AudioUidList, AvFileType, BackgroundConfig,
    CombinationPolicy, Envelope, ErrorHandlePolicy, ExtensionParams, ExtensionService,
    ExtensionServiceConfig, LayoutRegion, LayoutSettings, Mode, RecordingConfig,
    RecordingFileConfig, RtmpOutput, RtmpPublishParam, RtmpPublishUpdate, SnapshotConfig,
    SnapshotFileType, Sse, StartClientRequest, StopClientRequest, StorageConfig, StreamMode,
    StreamSubscribe, TranscodingConfig, UpdateClientRequest, VideoUidList, WebRecorderParam,
    WebRecordingUpdate,
};
use agora_rest::transcoding::{
    self as tc, AudioInput, AudioOption, AudioProfileType, Canvas, CloudTranscoder, FillMode,
    Output, Region, Rtc, Services, StreamProcessMode, TranscoderConfig, TranscoderConfigEnvelope,
    VideoCodec, VideoInput, VideoMode, VideoOption, WaterMark,
};
use agora_rest::validate::Severity;
use agora_rest::{FieldError, Sensitive, Uid};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Assertions

type Outcome = Result<(), Vec<FieldError>>;

/// The body passes.
#[track_caller]
fn passes(r: Outcome) {
    if let Err(errs) = r {
        panic!("expected the body to pass, got {errs:#?}");
    }
}

/// The body passes, and these warnings (each `(path, phrase)`) are among its findings.
#[track_caller]
fn warns(findings: Vec<FieldError>, expected: &[(&str, &str)]) {
    let errors: Vec<&FieldError> = findings.iter().filter(|f| f.is_error()).collect();
    assert!(
        errors.is_empty(),
        "expected only warnings, got errors {errors:#?}"
    );
    for (path, phrase) in expected {
        assert!(
            findings.iter().any(|f| f.severity == Severity::Warning
                && f.path == *path
                && f.message.contains(phrase)),
            "no warning at {path:?} containing {phrase:?}; got {findings:#?}"
        );
    }
}

/// The body fails with exactly these errors: each `(path, phrase)` matches one error whose path
/// is `path` and whose message contains `phrase`, and no error is left over.
#[track_caller]
fn fails(r: Outcome, expected: &[(&str, &str)]) {
    let errs = match r {
        Ok(()) => panic!("expected errors {expected:?}, but the body passed"),
        Err(e) => e,
    };
    let mut left = errs.clone();
    for (path, phrase) in expected {
        match left
            .iter()
            .position(|e| e.path == *path && e.message.contains(phrase))
        {
            Some(i) => {
                left.remove(i);
            }
            None => panic!("no error at {path:?} containing {phrase:?}; got {errs:#?}"),
        }
    }
    assert!(
        left.is_empty(),
        "unexpected extra errors {left:#?} (expected only {expected:?})"
    );
}

/// A range rule: the field, how to set it, values it accepts, values it refuses, the message.
type RangeCase<T> = (
    &'static str,
    fn(&mut T, u32),
    &'static [u32],
    &'static [u32],
    &'static str,
);

fn uid(s: &str) -> Uid {
    Uid::from(s)
}

fn uids(list: &[&str]) -> Vec<Uid> {
    list.iter().map(|s| Uid::from(*s)).collect()
}

fn numbered_uids(n: usize) -> Vec<Uid> {
    (1..=n).map(|i| Uid::from_u32(i as u32)).collect()
}

// ---------------------------------------------------------------------------------------------
// Valid recording bodies, one per mode

const CR: &str = "clientRequest";
const RC: &str = "clientRequest.recordingConfig";
const TC: &str = "clientRequest.recordingConfig.transcodingConfig";
const SC: &str = "clientRequest.storageConfig";
const ES: &str = "clientRequest.extensionServiceConfig.extensionServices";
const WR: &str = "clientRequest.extensionServiceConfig.extensionServices.0.serviceParam";

fn storage() -> StorageConfig {
    StorageConfig {
        vendor: Vendor::AMAZON_S3,
        region: 3,
        bucket: "my-recordings".into(),
        access_key: Sensitive::from("AKIAEXAMPLE"),
        secret_key: Sensitive::from("secret-key"),
        file_name_prefix: Some(vec!["mixdeck".into(), "room1".into()]),
        ..Default::default()
    }
}

fn individual_rc() -> RecordingConfig {
    RecordingConfig {
        channel_type: ChannelType::LIVE_BROADCAST,
        max_idle_time: Some(300),
        stream_types: Some(StreamTypes::AUDIO_AND_VIDEO),
        video_stream_type: Some(VideoStreamType::HIGH),
        subscribe_audio_uids: Some(uids(&["1001", "1002"])),
        subscribe_video_uids: Some(uids(&["1001"])),
        subscribe_uid_group: Some(SubscribeUidGroup::UP_TO_2),
        stream_mode: Some(StreamMode::Standard),
        ..Default::default()
    }
}

fn region(uid: Option<&str>, x: f64, y: f64, w: f64, h: f64) -> LayoutRegion {
    LayoutRegion {
        uid: uid.map(Uid::from),
        x_axis: x,
        y_axis: y,
        width: w,
        height: h,
        alpha: Some(1.0),
        render_mode: Some(RenderMode::CROP),
    }
}

fn regions(n: usize) -> Vec<LayoutRegion> {
    (0..n)
        .map(|i| region(None, 0.0, 0.05 * i as f64, 0.25, 0.05))
        .collect()
}

fn custom_layout() -> LayoutSettings {
    LayoutSettings {
        max_resolution_uid: None,
        mixed_video_layout: Some(MixedVideoLayout::CUSTOM),
        background_color: Some("#1a2B3c".into()),
        background_image: Some("https://example.com/bg.jpg".into()),
        default_user_background_image: Some("http://example.com/away.jpg".into()),
        layout_config: Some(vec![
            region(Some("1001"), 0.0, 0.0, 0.5, 1.0),
            region(Some("1002"), 0.5, 0.0, 0.5, 0.5),
            region(None, 0.5, 0.5, 0.5, 0.5),
        ]),
        background_config: Some(vec![BackgroundConfig {
            uid: uid("1001"),
            image_url: "https://example.com/1001.jpg".into(),
            render_mode: Some(RenderMode::FIT),
        }]),
    }
}

fn mix_tc() -> TranscodingConfig {
    let mut t = TranscodingConfig {
        width: Some(1280),
        height: Some(720),
        fps: Some(15),
        bitrate: Some(1000),
        ..Default::default()
    };
    t.set_layout(custom_layout());
    t
}

fn mix_rc() -> RecordingConfig {
    RecordingConfig {
        channel_type: ChannelType::COMMUNICATION,
        max_idle_time: Some(30),
        stream_types: Some(StreamTypes::AUDIO_AND_VIDEO),
        audio_profile: Some(AudioProfile::MUSIC_STEREO_192K),
        subscribe_audio_uids: Some(uids(&["#allstream#"])),
        unsubscribe_video_uids: Some(uids(&["4294967295"])),
        transcoding_config: Some(mix_tc()),
        ..Default::default()
    }
}

fn hls() -> Option<RecordingFileConfig> {
    Some(RecordingFileConfig {
        av_file_type: Some(vec![AvFileType::Hls]),
    })
}

fn hls_mp4() -> Option<RecordingFileConfig> {
    Some(RecordingFileConfig {
        av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
    })
}

fn individual_cr() -> StartClientRequest {
    StartClientRequest {
        token: Some(Sensitive::from("007eJxTYPg")),
        recording_config: Some(individual_rc()),
        recording_file_config: hls(),
        storage_config: Some(storage()),
        ..Default::default()
    }
}

fn mix_cr() -> StartClientRequest {
    StartClientRequest {
        token: Some(Sensitive::from("007eJxTYPg")),
        recording_config: Some(mix_rc()),
        recording_file_config: hls_mp4(),
        storage_config: Some(storage()),
        ..Default::default()
    }
}

fn web_recorder() -> WebRecorderParam {
    WebRecorderParam {
        url: "https://example.com/live?room=1".into(),
        audio_profile: AudioProfile::MUSIC_MONO_48K,
        video_width: 1280,
        video_height: 720,
        max_recording_hour: 2,
        video_bitrate: Some(2000),
        video_fps: Some(30),
        mobile: Some(false),
        max_video_duration: Some(120),
        onhold: Some(false),
        ready_timeout: Some(10),
    }
}

fn rtmp(url: &str) -> RtmpOutput {
    RtmpOutput {
        rtmp_url: url.into(),
    }
}

fn web_services() -> Vec<ExtensionService> {
    vec![
        ExtensionService::WebRecorder {
            error_handle_policy: Some(ErrorHandlePolicy::Abort),
            service_param: web_recorder(),
        },
        ExtensionService::RtmpPublish {
            error_handle_policy: Some(ErrorHandlePolicy::Ignore),
            service_param: RtmpPublishParam {
                outputs: vec![rtmp("rtmp://live.example.com/app/key")],
            },
        },
    ]
}

fn web_cr() -> StartClientRequest {
    StartClientRequest {
        recording_file_config: hls_mp4(),
        storage_config: Some(storage()),
        extension_service_config: Some(ExtensionServiceConfig {
            error_handle_policy: Some(ErrorHandlePolicy::Abort),
            api_version: Some("v1".into()),
            extension_services: web_services(),
        }),
        ..Default::default()
    }
}

fn start(cr: StartClientRequest) -> rec::StartRequest {
    Envelope::new("room-1", uid("527841"), cr)
}

fn start_for(mode: Mode) -> rec::StartRequest {
    start(match mode {
        Mode::Individual => individual_cr(),
        Mode::Mix => mix_cr(),
        Mode::Web => web_cr(),
    })
}

/// Starts an individual-mode body with its recordingConfig changed by `f`.
fn individual_with(f: impl FnOnce(&mut RecordingConfig)) -> Outcome {
    let mut cr = individual_cr();
    f(cr.recording_config.as_mut().unwrap());
    validate_start(&start(cr), Mode::Individual)
}

fn mix_with(f: impl FnOnce(&mut RecordingConfig)) -> Outcome {
    let mut cr = mix_cr();
    f(cr.recording_config.as_mut().unwrap());
    validate_start(&start(cr), Mode::Mix)
}

fn tc_with(f: impl FnOnce(&mut TranscodingConfig)) -> Outcome {
    mix_with(|rc| f(rc.transcoding_config.as_mut().unwrap()))
}

fn storage_with(f: impl FnOnce(&mut StorageConfig)) -> Outcome {
    let mut cr = individual_cr();
    f(cr.storage_config.as_mut().unwrap());
    validate_start(&start(cr), Mode::Individual)
}

fn web_with(f: impl FnOnce(&mut StartClientRequest)) -> Outcome {
    let mut cr = web_cr();
    f(&mut cr);
    validate_start(&start(cr), Mode::Web)
}

fn recorder_with(f: impl FnOnce(&mut WebRecorderParam)) -> Outcome {
    web_with(|cr| {
        let services = &mut cr
            .extension_service_config
            .as_mut()
            .unwrap()
            .extension_services;
        match &mut services[0] {
            ExtensionService::WebRecorder { service_param, .. } => f(service_param),
            other => panic!("baseline changed: {other:?}"),
        }
    })
}

fn rtmp_outputs_with(outputs: Vec<RtmpOutput>) -> Outcome {
    web_with(|cr| {
        let services = &mut cr
            .extension_service_config
            .as_mut()
            .unwrap()
            .extension_services;
        services[1] = ExtensionService::RtmpPublish {
            error_handle_policy: None,
            service_param: RtmpPublishParam { outputs },
        };
    })
}

fn acquire(cname: &str, scene: Option<Scene>) -> rec::AcquireRequest {
    Envelope::new(
        cname,
        uid("527841"),
        AcquireClientRequest {
            scene,
            resource_expired_hour: Some(24),
            ..Default::default()
        },
    )
}

fn acquire_with(mode: Mode, f: impl FnOnce(&mut AcquireClientRequest)) -> Outcome {
    let scene = (mode == Mode::Web).then_some(Scene::WEB);
    let mut body = acquire("room-1", scene);
    f(&mut body.client_request);
    validate_acquire(&body, mode)
}

fn update(mode: Mode, cr: UpdateClientRequest) -> Outcome {
    validate_update(&Envelope::new("room-1", uid("527841"), cr), mode)
}

fn subscribe(audio: Option<AudioUidList>, video: Option<VideoUidList>) -> UpdateClientRequest {
    UpdateClientRequest {
        stream_subscribe: Some(StreamSubscribe {
            audio_uid_list: audio,
            video_uid_list: video,
        }),
        ..Default::default()
    }
}

fn audio_sub(list: &[&str]) -> Option<AudioUidList> {
    Some(AudioUidList {
        subscribe_audio_uids: Some(uids(list)),
        unsubscribe_audio_uids: None,
    })
}

fn layout_update(l: LayoutSettings) -> Outcome {
    validate_update_layout(&Envelope::new("room-1", uid("527841"), l))
}

fn stop(cname: &str, u: &str, mode: Mode) -> Outcome {
    validate_stop(
        &Envelope::new(cname, uid(u), StopClientRequest { async_stop: true }),
        mode,
    )
}

// ---------------------------------------------------------------------------------------------
// Baselines

#[test]
fn valid_bodies_pass_in_every_mode() {
    for mode in Mode::ALL {
        passes(validate_start(&start_for(mode), mode));
        passes(stop("room-1", "527841", mode));
    }
    passes(validate_acquire(&acquire("room-1", None), Mode::Individual));
    passes(validate_acquire(
        &acquire("room-1", Some(Scene::REAL_TIME)),
        Mode::Mix,
    ));
    passes(validate_acquire(
        &acquire("room-1", Some(Scene::WEB)),
        Mode::Web,
    ));
    passes(validate_acquire(
        &acquire("room-1", Some(Scene::POSTPONED_TRANSCODING)),
        Mode::Individual,
    ));
    // acquire with a startParameter copy of each mode's start body.
    for mode in Mode::ALL {
        passes(acquire_with(mode, |c| {
            c.region_affinity = Some(RegionAffinity::EUROPE);
            c.exclude_resource_ids = Some(vec!["rid-1".into()]);
            c.start_parameter = Some(start_for(mode).client_request);
        }));
    }
    passes(layout_update(custom_layout()));
    passes(layout_update(LayoutSettings::default()));
    passes(update(
        Mode::Individual,
        subscribe(audio_sub(&["1001"]), None),
    ));
    passes(update(
        Mode::Mix,
        subscribe(
            None,
            Some(VideoUidList {
                subscribe_video_uids: None,
                unsubscribe_video_uids: Some(uids(&["#allstream#"])),
            }),
        ),
    ));
    passes(update(
        Mode::Web,
        UpdateClientRequest {
            web_recording_config: Some(WebRecordingUpdate { onhold: true }),
            rtmp_publish_config: Some(RtmpPublishUpdate {
                outputs: vec![rtmp("rtmps://live.example.com/app/key")],
            }),
            ..Default::default()
        },
    ));
    for mode in Mode::ALL {
        passes(update(
            mode,
            UpdateClientRequest {
                storage_config: Some(StorageConfig {
                    sts_token: Some(Sensitive::from("sts")),
                    sts_expiration: Some(1_900_000_000),
                    ..storage()
                }),
                ..Default::default()
            },
        ));
    }
}

#[test]
fn snapshot_bodies_pass_in_individual_mode() {
    // Snapshot only: no recordingFileConfig.
    passes(validate_start(
        &start(StartClientRequest {
            recording_file_config: None,
            snapshot_config: Some(SnapshotConfig {
                capture_interval: Some(5),
                file_type: vec![SnapshotFileType::Jpg],
            }),
            ..individual_cr()
        }),
        Mode::Individual,
    ));
    // Record and snapshot.
    passes(validate_start(
        &start(StartClientRequest {
            snapshot_config: Some(SnapshotConfig {
                capture_interval: Some(3600),
                file_type: vec![SnapshotFileType::Jpg],
            }),
            ..individual_cr()
        }),
        Mode::Individual,
    ));
}

#[test]
fn bodies_written_as_json_pass() {
    let mix: rec::StartRequest = serde_json::from_value(json!({
        "cname": "httpClient463224",
        "uid": "527841",
        "clientRequest": {
            "token": "007eJxTYxxx",
            "recordingConfig": {
                "channelType": 0,
                "streamTypes": 2,
                "audioProfile": 1,
                "videoStreamType": 0,
                "maxIdleTime": 120,
                "transcodingConfig": {
                    "width": 360, "height": 640, "fps": 30, "bitrate": 600,
                    "maxResolutionUid": "1",
                    "mixedVideoLayout": 1
                }
            },
            "recordingFileConfig": {"avFileType": ["hls", "mp4"]},
            "storageConfig": {
                "vendor": 2, "region": 3, "bucket": "xxxxx",
                "accessKey": "xxxxx", "secretKey": "xxxxx",
                "fileNamePrefix": ["directory1", "directory2"]
            }
        }
    }))
    .unwrap();
    passes(validate_start(&mix, Mode::Mix));

    let web: rec::StartRequest = serde_json::from_value(json!({
        "cname": "any label at all / with slashes, ünïcode",
        "uid": "527841",
        "clientRequest": {
            "extensionServiceConfig": {
                "errorHandlePolicy": "error_abort",
                "extensionServices": [{
                    "serviceName": "web_recorder_service",
                    "errorHandlePolicy": "error_abort",
                    "serviceParam": {
                        "url": "https://xxxxx", "audioProfile": 0,
                        "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 72
                    }
                }]
            },
            "recordingFileConfig": {"avFileType": ["hls"]},
            "storageConfig": {
                "vendor": 11, "region": 0, "bucket": "b",
                "accessKey": "a", "secretKey": "s",
                "extensionParams": {"endpoint": "s3.example.com"}
            }
        }
    }))
    .unwrap();
    passes(validate_start(&web, Mode::Web));

    let layout: rec::UpdateLayoutRequest = serde_json::from_value(json!({
        "cname": "room-1",
        "uid": "527841",
        "clientRequest": {
            "mixedVideoLayout": 3,
            "backgroundColor": "#FF0000",
            "layoutConfig": [
                {"uid": "1", "x_axis": 0.1, "y_axis": 0.1, "width": 0.1, "height": 0.1,
                 "alpha": 0, "render_mode": 1},
                {"x_axis": 0, "y_axis": 0, "width": 1, "height": 1}
            ]
        }
    }))
    .unwrap();
    passes(validate_update_layout(&layout));
}

// ---------------------------------------------------------------------------------------------
// Envelope: cname and uid

#[test]
fn rtc_cname_is_under_64_bytes_of_the_documented_characters() {
    let ok = [
        "a".repeat(63),
        "room 1".into(),
        "AZaz09 !#$%&()+-:;<=.>?@[]^_{}|~,".into(),
    ];
    for cname in &ok {
        for mode in [Mode::Individual, Mode::Mix] {
            passes(validate_acquire(&acquire(cname, None), mode));
            passes(stop(cname, "527841", mode));
        }
    }
    let bad = [
        ("a".repeat(64), "under 64 bytes"),
        ("é".repeat(32), "under 64 bytes"),
        (String::new(), "must not be empty"),
        ("ro/om".into(), "may only use"),
        ("café".into(), "may only use"),
        ("tab\there".into(), "may only use"),
        ("quote\"".into(), "may only use"),
    ];
    for (cname, phrase) in &bad {
        for mode in [Mode::Individual, Mode::Mix] {
            fails(
                validate_acquire(&acquire(cname, None), mode),
                &[("cname", phrase)],
            );
            fails(stop(cname, "527841", mode), &[("cname", phrase)]);
            let mut s = start_for(mode);
            s.cname = cname.clone();
            fails(validate_start(&s, mode), &[("cname", phrase)]);
            fails(
                validate_update(
                    &Envelope::new(
                        cname.as_str(),
                        uid("527841"),
                        subscribe(audio_sub(&["1"]), None),
                    ),
                    mode,
                ),
                &[("cname", phrase)],
            );
        }
        fails(
            validate_update_layout(&Envelope::new(
                cname.as_str(),
                uid("527841"),
                LayoutSettings::default(),
            )),
            &[("cname", phrase)],
        );
    }
}

#[test]
fn web_cname_is_any_text_up_to_1024_bytes() {
    for cname in ["x".repeat(1024), "é".repeat(512), "ro/om ünï\tcode".into()] {
        passes(validate_acquire(
            &acquire(&cname, Some(Scene::WEB)),
            Mode::Web,
        ));
        passes(stop(&cname, "527841", Mode::Web));
    }
    for cname in ["x".repeat(1025), "é".repeat(513)] {
        fails(
            validate_acquire(&acquire(&cname, Some(Scene::WEB)), Mode::Web),
            &[("cname", "at most 1024 bytes")],
        );
        let mut s = start_for(Mode::Web);
        s.cname = cname.clone();
        fails(
            validate_start(&s, Mode::Web),
            &[("cname", "at most 1024 bytes")],
        );
    }
    fails(
        stop("", "527841", Mode::Web),
        &[("cname", "must not be empty")],
    );
}

#[test]
fn bot_uid_is_a_canonical_decimal_from_1_to_u32_max() {
    for u in ["1", "527841", "4294967295"] {
        for mode in Mode::ALL {
            passes(stop("room-1", u, mode));
        }
    }
    for u in [
        "0",
        "007",
        "-1",
        "+1",
        "1.0",
        "4294967296",
        "99999999999",
        "",
        " 1",
        "abc",
    ] {
        for mode in Mode::ALL {
            fails(
                stop("room-1", u, mode),
                &[("uid", "whole number from 1 to 4294967295")],
            );
            let mut s = start_for(mode);
            s.uid = uid(u);
            fails(
                validate_start(&s, mode),
                &[("uid", "whole number from 1 to 4294967295")],
            );
        }
        let mut a = acquire("room-1", None);
        a.uid = uid(u);
        fails(
            validate_acquire(&a, Mode::Mix),
            &[("uid", "without leading zeros")],
        );
    }
    fails(
        stop("room-1", "#allstream#", Mode::Mix),
        &[("uid", "only allowed in subscribe lists")],
    );
}

// ---------------------------------------------------------------------------------------------
// acquire

#[test]
fn scene_must_match_the_mode() {
    let check = |mode, scene| validate_acquire(&acquire("room-1", scene), mode);
    fails(
        check(Mode::Web, None),
        &[("clientRequest.scene", "must be 1")],
    );
    fails(
        check(Mode::Web, Some(Scene::REAL_TIME)),
        &[("clientRequest.scene", "must be 1")],
    );
    fails(
        check(Mode::Web, Some(Scene::POSTPONED_TRANSCODING)),
        &[("clientRequest.scene", "must be 1")],
    );
    for mode in [Mode::Individual, Mode::Mix] {
        fails(
            check(mode, Some(Scene::WEB)),
            &[("clientRequest.scene", "1 is for web mode")],
        );
    }
    fails(
        check(Mode::Mix, Some(Scene::POSTPONED_TRANSCODING)),
        &[("clientRequest.scene", "works only in individual mode")],
    );
    fails(
        check(Mode::Individual, Some(Scene(7))),
        &[("clientRequest.scene", "must be one of")],
    );
    fails(
        check(Mode::Web, Some(Scene(7))),
        &[
            ("clientRequest.scene", "must be one of"),
            ("clientRequest.scene", "must be 1"),
        ],
    );
}

#[test]
fn resource_expired_hour_is_1_to_720() {
    for h in [1, 72, 720] {
        passes(acquire_with(Mode::Mix, |c| {
            c.resource_expired_hour = Some(h)
        }));
    }
    for h in [0, 721, u32::MAX] {
        fails(
            acquire_with(Mode::Mix, |c| c.resource_expired_hour = Some(h)),
            &[("clientRequest.resourceExpiredHour", "between 1 and 720")],
        );
    }
}

#[test]
fn acquire_region_affinity_and_excluded_ids() {
    fails(
        acquire_with(Mode::Individual, |c| {
            c.region_affinity = Some(RegionAffinity(9))
        }),
        &[("clientRequest.regionAffinity", "must be one of")],
    );
    fails(
        acquire_with(Mode::Individual, |c| {
            c.exclude_resource_ids = Some(vec!["rid".into(), " ".into()])
        }),
        &[("clientRequest.excludeResourceIds.1", "must not be empty")],
    );
}

#[test]
fn acquire_start_parameter_is_checked_as_a_start_body() {
    fails(
        acquire_with(Mode::Individual, |c| {
            let mut sp = individual_cr();
            sp.recording_config.as_mut().unwrap().max_idle_time = Some(1);
            c.start_parameter = Some(sp);
        }),
        &[(
            "clientRequest.startParameter.recordingConfig.maxIdleTime",
            "between 5 and 2592000",
        )],
    );
    fails(
        acquire_with(Mode::Web, |c| c.start_parameter = Some(mix_cr())),
        &[
            ("clientRequest.startParameter.token", "not used in web mode"),
            (
                "clientRequest.startParameter.recordingConfig",
                "must not be set in web mode",
            ),
        ],
    );
}

#[test]
fn a_partial_start_parameter_is_only_warned_about() {
    // The docs call it a copy "for better scheduling", not a complete body: what it holds must
    // be valid, what it leaves out is a warning.
    let mut body = acquire("room-1", None);
    let mut sp = individual_cr();
    sp.storage_config = None;
    sp.recording_file_config = None;
    body.client_request.start_parameter = Some(sp);
    passes(validate_acquire(&body, Mode::Individual));
    warns(
        check_acquire(&body, Mode::Individual),
        &[
            ("clientRequest.startParameter.storageConfig", "is required"),
            (
                "clientRequest.startParameter.recordingFileConfig",
                "is required",
            ),
        ],
    );
    // A start body that leaves them out is still refused.
    let mut cr = individual_cr();
    cr.storage_config = None;
    fails(
        validate_start(&start(cr), Mode::Individual),
        &[("clientRequest.storageConfig", "is required")],
    );
}

#[test]
fn postponed_transcoding_is_individual_only_and_needs_scene_2() {
    let postponed = || StartClientRequest {
        apps_collection: Some(AppsCollection {
            combination_policy: Some(CombinationPolicy::PostponeTranscoding),
        }),
        ..individual_cr()
    };
    passes(validate_start(&start(postponed()), Mode::Individual));
    passes(acquire_with(Mode::Individual, |c| {
        c.scene = Some(Scene::POSTPONED_TRANSCODING);
        c.start_parameter = Some(postponed());
    }));
    fails(
        acquire_with(Mode::Individual, |c| c.start_parameter = Some(postponed())),
        &[(
            "clientRequest.startParameter.appsCollection",
            "needs scene 2",
        )],
    );
    fails(
        validate_start(
            &start(StartClientRequest {
                apps_collection: Some(AppsCollection {
                    combination_policy: Some(CombinationPolicy::PostponeTranscoding),
                }),
                ..mix_cr()
            }),
            Mode::Mix,
        ),
        &[(
            "clientRequest.appsCollection",
            "work only in individual mode",
        )],
    );
    // "default" is every case but postponed transcoding: harmless in any mode.
    passes(validate_start(
        &start(StartClientRequest {
            apps_collection: Some(AppsCollection {
                combination_policy: Some(CombinationPolicy::Default),
            }),
            ..mix_cr()
        }),
        Mode::Mix,
    ));
}

// ---------------------------------------------------------------------------------------------
// start: which parts each mode needs

#[test]
fn token_must_not_be_empty_and_is_not_used_in_web_mode() {
    for mode in [Mode::Individual, Mode::Mix] {
        let mut s = start_for(mode);
        s.client_request.token = Some(Sensitive::from(""));
        fails(
            validate_start(&s, mode),
            &[("clientRequest.token", "must not be empty")],
        );
        s.client_request.token = None;
        passes(validate_start(&s, mode));
    }
    fails(
        web_with(|cr| cr.token = Some(Sensitive::from("tok"))),
        &[("clientRequest.token", "is not used in web mode")],
    );
}

#[test]
fn storage_config_is_required() {
    for mode in Mode::ALL {
        let mut s = start_for(mode);
        s.client_request.storage_config = None;
        fails(
            validate_start(&s, mode),
            &[("clientRequest.storageConfig", "is required")],
        );
    }
}

#[test]
fn recording_config_is_required_in_individual_and_mix_and_refused_in_web() {
    for mode in [Mode::Individual, Mode::Mix] {
        let mut s = start_for(mode);
        s.client_request.recording_config = None;
        fails(
            validate_start(&s, mode),
            &[(RC, &format!("is required in {mode} mode"))],
        );
    }
    fails(
        web_with(|cr| cr.recording_config = Some(mix_rc())),
        &[(RC, "must not be set in web mode")],
    );
}

#[test]
fn extension_service_config_is_web_only_and_required_there() {
    for mode in [Mode::Individual, Mode::Mix] {
        let mut s = start_for(mode);
        s.client_request.extension_service_config = web_cr().extension_service_config;
        fails(
            validate_start(&s, mode),
            &[(
                "clientRequest.extensionServiceConfig",
                "must not be set outside web mode",
            )],
        );
    }
    fails(
        web_with(|cr| cr.extension_service_config = None),
        &[(
            "clientRequest.extensionServiceConfig",
            "is required in web mode",
        )],
    );
}

#[test]
fn recording_file_config_is_required_unless_snapshot_only() {
    for mode in [Mode::Individual, Mode::Mix] {
        let mut s = start_for(mode);
        s.client_request.recording_file_config = None;
        fails(
            validate_start(&s, mode),
            &[(
                "clientRequest.recordingFileConfig",
                "may be left out only for a snapshot-only session",
            )],
        );
    }
    fails(
        web_with(|cr| cr.recording_file_config = None),
        &[(
            "clientRequest.recordingFileConfig",
            "is required in web mode",
        )],
    );
    // A recordingFileConfig without avFileType means the default ["hls"].
    for mode in Mode::ALL {
        let mut s = start_for(mode);
        s.client_request.recording_file_config = Some(RecordingFileConfig::default());
        passes(validate_start(&s, mode));
    }
}

// ---------------------------------------------------------------------------------------------
// recordingConfig

#[test]
fn recording_config_codes_must_be_documented() {
    fails(
        individual_with(|rc| rc.channel_type = ChannelType(5)),
        &[(
            "clientRequest.recordingConfig.channelType",
            "must be one of",
        )],
    );
    fails(
        individual_with(|rc| rc.stream_types = Some(StreamTypes(3))),
        &[(
            "clientRequest.recordingConfig.streamTypes",
            "must be one of",
        )],
    );
    fails(
        individual_with(|rc| rc.video_stream_type = Some(VideoStreamType(2))),
        &[(
            "clientRequest.recordingConfig.videoStreamType",
            "must be one of",
        )],
    );
    fails(
        individual_with(|rc| rc.subscribe_uid_group = Some(SubscribeUidGroup(6))),
        &[(
            "clientRequest.recordingConfig.subscribeUidGroup",
            "must be one of",
        )],
    );
    fails(
        mix_with(|rc| rc.audio_profile = Some(AudioProfile(3))),
        &[(
            "clientRequest.recordingConfig.audioProfile",
            "must be one of",
        )],
    );
}

#[test]
fn max_idle_time_is_5_to_2592000_seconds() {
    for t in [5, 300, 2_592_000] {
        passes(individual_with(|rc| rc.max_idle_time = Some(t)));
        passes(mix_with(|rc| rc.max_idle_time = Some(t)));
    }
    for t in [0, 4, 2_592_001] {
        fails(
            individual_with(|rc| rc.max_idle_time = Some(t)),
            &[(
                "clientRequest.recordingConfig.maxIdleTime",
                "between 5 and 2592000",
            )],
        );
        fails(
            mix_with(|rc| rc.max_idle_time = Some(t)),
            &[(
                "clientRequest.recordingConfig.maxIdleTime",
                "between 5 and 2592000",
            )],
        );
    }
}

const SALT_32: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

#[test]
fn decryption_needs_a_secret_and_gcm2_modes_need_a_32_byte_salt() {
    for m in 1..=6 {
        passes(individual_with(|rc| {
            rc.decryption_mode = Some(DecryptionMode(m));
            rc.secret = Some(Sensitive::from("key"));
        }));
        fails(
            individual_with(|rc| rc.decryption_mode = Some(DecryptionMode(m))),
            &[(
                "clientRequest.recordingConfig.secret",
                "is required with decryptionMode",
            )],
        );
        fails(
            individual_with(|rc| {
                rc.decryption_mode = Some(DecryptionMode(m));
                rc.secret = Some(Sensitive::from(""));
            }),
            &[(
                "clientRequest.recordingConfig.secret",
                "is required with decryptionMode",
            )],
        );
        fails(
            individual_with(|rc| {
                rc.decryption_mode = Some(DecryptionMode(m));
                rc.secret = Some(Sensitive::from("key"));
                rc.salt = Some(Sensitive::from(SALT_32));
            }),
            &[(
                "clientRequest.recordingConfig.salt",
                "only with decryptionMode 7 or 8",
            )],
        );
    }
    for m in [DecryptionMode::AES_128_GCM2, DecryptionMode::AES_256_GCM2] {
        passes(mix_with(|rc| {
            rc.decryption_mode = Some(m);
            rc.secret = Some(Sensitive::from("key"));
            rc.salt = Some(Sensitive::from(SALT_32));
        }));
        fails(
            mix_with(|rc| {
                rc.decryption_mode = Some(m);
                rc.secret = Some(Sensitive::from("key"));
            }),
            &[(
                "clientRequest.recordingConfig.salt",
                "is required with decryptionMode",
            )],
        );
        for bad in [
            "not base64!",
            "AAECAwQFBgcICQoLDA0ODw==",
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==",
            "",
        ] {
            fails(
                mix_with(|rc| {
                    rc.decryption_mode = Some(m);
                    rc.secret = Some(Sensitive::from("key"));
                    rc.salt = Some(Sensitive::from(bad));
                }),
                &[(
                    "clientRequest.recordingConfig.salt",
                    "must be Base64 of 32 bytes",
                )],
            );
        }
    }
    fails(
        individual_with(|rc| rc.secret = Some(Sensitive::from("key"))),
        &[(
            "clientRequest.recordingConfig.secret",
            "only when decryptionMode is not 0",
        )],
    );
    fails(
        individual_with(|rc| {
            rc.decryption_mode = Some(DecryptionMode::NONE);
            rc.salt = Some(Sensitive::from(SALT_32));
        }),
        &[(
            "clientRequest.recordingConfig.salt",
            "only with decryptionMode 7 or 8",
        )],
    );
    fails(
        individual_with(|rc| {
            rc.decryption_mode = Some(DecryptionMode(9));
            rc.secret = Some(Sensitive::from("key"));
        }),
        &[(
            "clientRequest.recordingConfig.decryptionMode",
            "must be one of",
        )],
    );
}

#[test]
fn subscribe_and_unsubscribe_lists_are_mutually_exclusive() {
    fails(
        individual_with(|rc| rc.unsubscribe_audio_uids = Some(uids(&["5"]))),
        &[(
            "clientRequest.recordingConfig.unSubscribeAudioUids",
            "cannot be combined with subscribeAudioUids",
        )],
    );
    fails(
        individual_with(|rc| rc.unsubscribe_video_uids = Some(uids(&["5"]))),
        &[(
            "clientRequest.recordingConfig.unSubscribeVideoUids",
            "cannot be combined with subscribeVideoUids",
        )],
    );
    // An audio subscribe list with a video unsubscribe list is fine (the mix baseline).
    passes(mix_with(|_| {}));
}

#[test]
fn uid_lists_hold_1_to_32_distinct_uids_or_allstream() {
    passes(individual_with(|rc| {
        rc.subscribe_audio_uids = Some(numbered_uids(32));
        rc.subscribe_uid_group = Some(SubscribeUidGroup::UP_TO_32);
    }));
    fails(
        individual_with(|rc| rc.subscribe_audio_uids = Some(numbered_uids(33))),
        &[(
            "clientRequest.recordingConfig.subscribeAudioUids",
            "at most 32 uids, got 33",
        )],
    );
    fails(
        mix_with(|rc| rc.unsubscribe_video_uids = Some(numbered_uids(40))),
        &[(
            "clientRequest.recordingConfig.unSubscribeVideoUids",
            "at most 32 uids",
        )],
    );
    fails(
        individual_with(|rc| rc.subscribe_video_uids = Some(vec![])),
        &[(
            "clientRequest.recordingConfig.subscribeVideoUids",
            "must not be empty",
        )],
    );
    fails(
        individual_with(|rc| rc.subscribe_audio_uids = Some(uids(&["1", "2", "1"]))),
        &[(
            "clientRequest.recordingConfig.subscribeAudioUids.2",
            "1 is listed twice",
        )],
    );
    fails(
        individual_with(|rc| rc.subscribe_audio_uids = Some(uids(&["1", "0", "x"]))),
        &[
            (
                "clientRequest.recordingConfig.subscribeAudioUids.1",
                "must be a uid",
            ),
            (
                "clientRequest.recordingConfig.subscribeAudioUids.2",
                "must be a uid",
            ),
        ],
    );
    passes(individual_with(|rc| {
        rc.subscribe_video_uids = Some(uids(&["#allstream#"]))
    }));
    fails(
        individual_with(|rc| rc.subscribe_video_uids = Some(uids(&["1", "#allstream#"]))),
        &[(
            "clientRequest.recordingConfig.subscribeVideoUids.1",
            "already means every uid",
        )],
    );
}

#[test]
fn uid_lists_need_their_media_in_stream_types() {
    fails(
        individual_with(|rc| rc.stream_types = Some(StreamTypes::VIDEO_ONLY)),
        &[(
            "clientRequest.recordingConfig.subscribeAudioUids",
            "need streamTypes 0 or 2",
        )],
    );
    fails(
        individual_with(|rc| rc.stream_types = Some(StreamTypes::AUDIO_ONLY)),
        &[(
            "clientRequest.recordingConfig.subscribeVideoUids",
            "need streamTypes 1 or 2",
        )],
    );
    fails(
        mix_with(|rc| rc.stream_types = Some(StreamTypes::AUDIO_ONLY)),
        &[(
            "clientRequest.recordingConfig.unSubscribeVideoUids",
            "need streamTypes 1 or 2",
        )],
    );
    fails(
        mix_with(|rc| {
            rc.subscribe_audio_uids = None;
            rc.unsubscribe_audio_uids = Some(uids(&["3"]));
            rc.unsubscribe_video_uids = None;
            rc.stream_types = Some(StreamTypes::VIDEO_ONLY);
        }),
        &[(
            "clientRequest.recordingConfig.unSubscribeAudioUids",
            "need streamTypes 0 or 2",
        )],
    );
}

#[test]
fn individual_mode_needs_subscribe_uid_group_and_refuses_composite_fields() {
    fails(
        individual_with(|rc| rc.subscribe_uid_group = None),
        &[(
            "clientRequest.recordingConfig.subscribeUidGroup",
            "is required in individual mode",
        )],
    );
    passes(mix_with(|rc| rc.subscribe_uid_group = None));
    fails(
        individual_with(|rc| rc.audio_profile = Some(AudioProfile::MUSIC_MONO_48K)),
        &[(
            "clientRequest.recordingConfig.audioProfile",
            "must not be set in individual mode",
        )],
    );
    fails(
        individual_with(|rc| rc.transcoding_config = Some(TranscodingConfig::default())),
        &[(
            "clientRequest.recordingConfig.transcodingConfig",
            "must not be set in individual mode",
        )],
    );
}

#[test]
fn stream_mode_is_individual_only_and_original_is_audio_only() {
    for m in [StreamMode::Default, StreamMode::Standard] {
        passes(individual_with(|rc| rc.stream_mode = Some(m)));
        fails(
            mix_with(|rc| rc.stream_mode = Some(m)),
            &[(
                "clientRequest.recordingConfig.streamMode",
                "must not be set in mix mode",
            )],
        );
    }
    passes(individual_with(|rc| {
        rc.stream_mode = Some(StreamMode::Original);
        rc.stream_types = Some(StreamTypes::AUDIO_ONLY);
        rc.subscribe_video_uids = None;
    }));
    for st in [None, Some(StreamTypes::AUDIO_AND_VIDEO)] {
        fails(
            individual_with(|rc| {
                rc.stream_mode = Some(StreamMode::Original);
                rc.stream_types = st;
            }),
            &[(
                "clientRequest.recordingConfig.streamMode",
                "set streamTypes to 0",
            )],
        );
    }
}

// ---------------------------------------------------------------------------------------------
// snapshotConfig

fn snapshot(interval: Option<u32>) -> Option<SnapshotConfig> {
    Some(SnapshotConfig {
        capture_interval: interval,
        file_type: vec![SnapshotFileType::Jpg],
    })
}

fn individual_snapshot(f: impl FnOnce(&mut StartClientRequest)) -> Outcome {
    let mut cr = individual_cr();
    cr.snapshot_config = snapshot(Some(10));
    f(&mut cr);
    validate_start(&start(cr), Mode::Individual)
}

#[test]
fn snapshots_are_individual_mode_only() {
    let mut s = start_for(Mode::Mix);
    s.client_request.snapshot_config = snapshot(None);
    fails(
        validate_start(&s, Mode::Mix),
        &[(
            "clientRequest.snapshotConfig",
            "must not be set in mix mode",
        )],
    );
    fails(
        web_with(|cr| cr.snapshot_config = snapshot(None)),
        &[(
            "clientRequest.snapshotConfig",
            "must not be set in web mode",
        )],
    );
}

#[test]
fn snapshot_interval_is_5_to_3600_and_file_type_is_jpg() {
    for i in [None, Some(5), Some(3600)] {
        passes(individual_snapshot(|cr| cr.snapshot_config = snapshot(i)));
    }
    for i in [0, 4, 3601] {
        fails(
            individual_snapshot(|cr| cr.snapshot_config = snapshot(Some(i))),
            &[(
                "clientRequest.snapshotConfig.captureInterval",
                "between 5 and 3600",
            )],
        );
    }
    for ft in [vec![], vec![SnapshotFileType::Jpg, SnapshotFileType::Jpg]] {
        fails(
            individual_snapshot(|cr| cr.snapshot_config.as_mut().unwrap().file_type = ft),
            &[("clientRequest.snapshotConfig.fileType", "must be [\"jpg\"]")],
        );
    }
}

#[test]
fn snapshots_need_video_and_a_video_list_with_an_audio_list() {
    fails(
        individual_snapshot(|cr| {
            let rc = cr.recording_config.as_mut().unwrap();
            rc.stream_types = Some(StreamTypes::AUDIO_ONLY);
            rc.subscribe_audio_uids = None;
            rc.subscribe_video_uids = None;
        }),
        &[(
            "clientRequest.recordingConfig.streamTypes",
            "snapshots need video",
        )],
    );
    passes(individual_snapshot(|cr| {
        let rc = cr.recording_config.as_mut().unwrap();
        rc.stream_types = Some(StreamTypes::VIDEO_ONLY);
        rc.subscribe_audio_uids = None;
    }));
    fails(
        individual_snapshot(|cr| {
            cr.recording_config.as_mut().unwrap().subscribe_video_uids = None;
        }),
        &[(
            "clientRequest.recordingConfig.subscribeVideoUids",
            "is required for snapshots when subscribeAudioUids is set",
        )],
    );
    // Without snapshots an audio list alone is fine.
    passes(individual_with(|rc| rc.subscribe_video_uids = None));
}

// ---------------------------------------------------------------------------------------------
// recordingFileConfig

#[test]
fn av_file_type_combinations_per_mode() {
    use AvFileType::{Hls, Mp4};
    let with = |mode: Mode, types: Vec<AvFileType>| {
        let mut s = start_for(mode);
        s.client_request.recording_file_config = Some(RecordingFileConfig {
            av_file_type: Some(types),
        });
        validate_start(&s, mode)
    };
    let path = "clientRequest.recordingFileConfig.avFileType";
    passes(with(Mode::Individual, vec![Hls]));
    for bad in [vec![Hls, Mp4], vec![Mp4], vec![], vec![Hls, Hls]] {
        fails(
            with(Mode::Individual, bad),
            &[(path, "must be [\"hls\"] in individual mode")],
        );
    }
    for mode in [Mode::Mix, Mode::Web] {
        for ok in [vec![Hls], vec![Hls, Mp4], vec![Mp4, Hls]] {
            passes(with(mode, ok));
        }
        for bad in [vec![Mp4], vec![], vec![Hls, Hls], vec![Hls, Mp4, Mp4]] {
            fails(with(mode, bad), &[(path, "mp4 alone is refused")]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// transcodingConfig (mix)

#[test]
fn composite_resolution_is_at_most_1920_by_1080() {
    for (w, h) in [
        (Some(1920), Some(1080)),
        (Some(1080), Some(1920)),
        (Some(1), Some(1)),
        (Some(1920), None),
        (None, Some(1920)),
        (None, None),
    ] {
        passes(tc_with(|t| {
            t.width = w;
            t.height = h;
        }));
    }
    let at = |side: &str| format!("clientRequest.recordingConfig.transcodingConfig.{side}");
    for (w, h, side, message) in [
        (
            1920,
            1081,
            "width",
            "at most 1920 × 1080 pixels, got 1920 × 1081",
        ),
        (1921, 100, "width", "between 1 and 1920"),
        (100, 2000, "height", "between 1 and 1920"),
        (1800, 1200, "width", "got 1800 × 1200"),
    ] {
        let path = at(side);
        fails(
            tc_with(|t| {
                t.width = Some(w);
                t.height = Some(h);
            }),
            &[(path.as_str(), message)],
        );
    }
    fails(
        tc_with(|t| t.width = Some(0)),
        &[
            (
                "clientRequest.recordingConfig.transcodingConfig.width",
                "must be positive",
            ),
            (
                "clientRequest.recordingConfig.transcodingConfig.width",
                "between 1 and 1920",
            ),
        ],
    );
    fails(
        tc_with(|t| t.height = Some(0)),
        &[
            (
                "clientRequest.recordingConfig.transcodingConfig.height",
                "must be positive",
            ),
            (
                "clientRequest.recordingConfig.transcodingConfig.height",
                "between 1 and 1920",
            ),
        ],
    );
}

#[test]
fn composite_fps_and_bitrate_have_no_documented_range_so_only_warn() {
    for (fps, bitrate) in [(1, 1), (60, 10_000)] {
        passes(tc_with(|t| {
            t.fps = Some(fps);
            t.bitrate = Some(bitrate);
        }));
    }
    let findings = |f: fn(&mut TranscodingConfig)| {
        let mut cr = mix_cr();
        f(cr.recording_config
            .as_mut()
            .unwrap()
            .transcoding_config
            .as_mut()
            .unwrap());
        check_start(&start(cr), Mode::Mix)
    };
    for f in [
        (|t: &mut TranscodingConfig| t.fps = Some(0)) as fn(&mut TranscodingConfig),
        |t| t.fps = Some(61),
    ] {
        passes(tc_with(f));
        warns(findings(f), &[(&format!("{TC}.fps"), "documents no range")]);
    }
    for f in [
        (|t: &mut TranscodingConfig| t.bitrate = Some(0)) as fn(&mut TranscodingConfig),
        |t| t.bitrate = Some(10_001),
    ] {
        passes(tc_with(f));
        warns(
            findings(f),
            &[(&format!("{TC}.bitrate"), "documents no range")],
        );
    }
}

/// Runs a layout check through both `transcodingConfig` (start) and `updateLayout`, with the
/// same relative path.
#[track_caller]
fn layout_fails(f: impl Fn(&mut LayoutSettings), expected: &[(&str, &str)]) {
    let mut l = custom_layout();
    f(&mut l);
    for (prefix, outcome) in [
        (TC, tc_with(|t| t.set_layout(l.clone()))),
        (CR, layout_update(l.clone())),
    ] {
        let full: Vec<(String, &str)> = expected
            .iter()
            .map(|(p, m)| (format!("{prefix}.{p}"), *m))
            .collect();
        let refs: Vec<(&str, &str)> = full.iter().map(|(p, m)| (p.as_str(), *m)).collect();
        fails(outcome, &refs);
    }
}

/// A layout that passes both ways (start's transcodingConfig, updateLayout) with these warnings.
#[track_caller]
fn layout_warns(f: impl Fn(&mut LayoutSettings), expected: &[(&str, &str)]) {
    let mut l = custom_layout();
    f(&mut l);
    let mut cr = mix_cr();
    cr.recording_config
        .as_mut()
        .unwrap()
        .transcoding_config
        .as_mut()
        .unwrap()
        .set_layout(l.clone());
    for (prefix, findings) in [
        (TC, check_start(&start(cr), Mode::Mix)),
        (
            CR,
            check_update_layout(&Envelope::new("room-1", uid("527841"), l.clone())),
        ),
    ] {
        let full: Vec<(String, &str)> = expected
            .iter()
            .map(|(p, m)| (format!("{prefix}.{p}"), *m))
            .collect();
        let refs: Vec<(&str, &str)> = full.iter().map(|(p, m)| (p.as_str(), *m)).collect();
        warns(findings, &refs);
    }
}

#[track_caller]
fn layout_passes(f: impl Fn(&mut LayoutSettings)) {
    let mut l = custom_layout();
    f(&mut l);
    passes(tc_with(|t| t.set_layout(l.clone())));
    passes(layout_update(l));
}

#[test]
fn layout_holds_at_most_17_regions() {
    layout_passes(|l| l.layout_config = Some(regions(17)));
    layout_fails(
        |l| l.layout_config = Some(regions(18)),
        &[("layoutConfig", "at most 17 regions, got 18")],
    );
    layout_fails(
        |l| l.layout_config = Some(vec![]),
        &[("layoutConfig", "needs at least one region")],
    );
}

#[test]
fn layout_region_coordinates_are_within_the_canvas() {
    let set = |i: usize, f: fn(&mut LayoutRegion)| {
        move |l: &mut LayoutSettings| {
            let mut rs = regions(4);
            f(&mut rs[i]);
            l.layout_config = Some(rs);
        }
    };
    layout_passes(set(3, |r| *r = region(None, 0.0, 0.0, 1.0, 1.0)));
    layout_passes(set(3, |r| *r = region(None, 0.75, 0.5, 0.25, 0.5)));
    // Within the 6-decimal tolerance.
    layout_passes(set(3, |r| *r = region(None, 0.5, 0.0, 0.5000005, 0.1)));
    layout_fails(
        set(3, |r| r.x_axis = 1.5),
        &[("layoutConfig.3.x_axis", "between 0 and 1, got 1.5")],
    );
    layout_fails(
        set(3, |r| r.y_axis = -0.1),
        &[("layoutConfig.3.y_axis", "between 0 and 1")],
    );
    layout_fails(
        set(2, |r| r.x_axis = f64::NAN),
        &[("layoutConfig.2.x_axis", "must be a number")],
    );
    layout_fails(
        set(1, |r| r.y_axis = f64::NEG_INFINITY),
        &[("layoutConfig.1.y_axis", "must be a number")],
    );
    layout_fails(
        set(0, |r| r.width = f64::INFINITY),
        &[("layoutConfig.0.width", "must be a number")],
    );
    layout_fails(
        set(0, |r| r.height = f64::NAN),
        &[("layoutConfig.0.height", "must be a number")],
    );
    layout_fails(
        set(3, |r| r.width = 0.0),
        &[("layoutConfig.3.width", "must be greater than 0")],
    );
    layout_fails(
        set(3, |r| r.height = -0.5),
        &[
            ("layoutConfig.3.height", "between 0 and 1"),
            ("layoutConfig.3.height", "must be greater than 0"),
        ],
    );
    // The docs bound each value, not their sum: past the edge is a warning, not a refusal.
    layout_warns(
        set(3, |r| *r = region(None, 0.6, 0.0, 0.5, 0.5)),
        &[(
            "layoutConfig.3.width",
            "x_axis + width is 1.1: the region goes past the canvas's right edge",
        )],
    );
    layout_warns(
        set(3, |r| *r = region(None, 0.0, 0.9, 0.5, 0.2)),
        &[("layoutConfig.3.height", "past the canvas's bottom edge")],
    );
}

#[test]
fn layout_region_alpha_and_render_mode() {
    let set = |f: fn(&mut LayoutRegion)| {
        move |l: &mut LayoutSettings| {
            let mut rs = regions(2);
            f(&mut rs[1]);
            l.layout_config = Some(rs);
        }
    };
    for a in [0.0, 0.5, 1.0] {
        let mut l = custom_layout();
        l.layout_config.as_mut().unwrap()[0].alpha = Some(a);
        passes(layout_update(l));
    }
    layout_passes(set(|r| r.alpha = None));
    layout_fails(
        set(|r| r.alpha = Some(1.5)),
        &[("layoutConfig.1.alpha", "between 0 and 1")],
    );
    layout_fails(
        set(|r| r.alpha = Some(-0.1)),
        &[("layoutConfig.1.alpha", "between 0 and 1")],
    );
    layout_fails(
        set(|r| r.alpha = Some(f64::INFINITY)),
        &[("layoutConfig.1.alpha", "must be a number")],
    );
    // NaN compares false both ways: it must still be refused (it would go out as null).
    layout_fails(
        set(|r| r.alpha = Some(f64::NAN)),
        &[("layoutConfig.1.alpha", "must be a number")],
    );
    layout_fails(
        set(|r| r.render_mode = Some(RenderMode(2))),
        &[("layoutConfig.1.render_mode", "must be one of")],
    );
}

#[test]
fn layout_config_goes_with_the_custom_layout_only() {
    for m in [
        MixedVideoLayout::FLOATING,
        MixedVideoLayout::BEST_FIT,
        MixedVideoLayout::VERTICAL,
    ] {
        // "Used only when mixedVideoLayout is 3": Agora ignores it, so it is not refused.
        layout_warns(
            |l| {
                l.mixed_video_layout = Some(m);
                l.max_resolution_uid = Some(uid("1001"));
            },
            &[(
                "layoutConfig",
                "is used only when mixedVideoLayout is 3 (custom): Agora ignores it here",
            )],
        );
        layout_passes(|l| {
            l.mixed_video_layout = Some(m);
            l.max_resolution_uid = Some(uid("1001"));
            l.layout_config = None;
        });
    }
    layout_warns(
        |l| l.mixed_video_layout = None,
        &[("layoutConfig", "is used only when mixedVideoLayout is 3")],
    );
    layout_fails(
        |l| l.layout_config = None,
        &[(
            "layoutConfig",
            "is required when mixedVideoLayout is 3 (custom)",
        )],
    );
    layout_fails(
        |l| {
            l.mixed_video_layout = Some(MixedVideoLayout(4));
            l.layout_config = None;
        },
        &[("mixedVideoLayout", "must be one of")],
    );
}

#[test]
fn vertical_layout_needs_a_max_resolution_uid() {
    layout_fails(
        |l| {
            l.mixed_video_layout = Some(MixedVideoLayout::VERTICAL);
            l.layout_config = None;
        },
        &[(
            "maxResolutionUid",
            "is required for the vertical layout (2)",
        )],
    );
    for bad in ["0", "01", "4294967296", "abc"] {
        layout_fails(
            |l| l.max_resolution_uid = Some(uid(bad)),
            &[("maxResolutionUid", "must be a uid")],
        );
    }
    layout_fails(
        |l| l.max_resolution_uid = Some(uid("#allstream#")),
        &[("maxResolutionUid", "only allowed in subscribe lists")],
    );
}

#[test]
fn background_color_is_hash_rrggbb() {
    for ok in ["#000000", "#FFFFFF", "#a1B2c3"] {
        layout_passes(|l| l.background_color = Some(ok.into()));
    }
    for bad in [
        "000000", "#00000", "#0000000", "#GGGGGG", "red", "", "#ff00ff ",
    ] {
        layout_fails(
            |l| l.background_color = Some(bad.into()),
            &[("backgroundColor", "must be #RRGGBB")],
        );
    }
}

#[test]
fn layout_image_urls_are_http_or_https() {
    for bad in [
        "ftp://example.com/a.jpg",
        "example.com/a.jpg",
        "https://",
        "https:///a.jpg",
        "https://exa mple.com/a.jpg",
        "",
    ] {
        layout_fails(
            |l| l.background_image = Some(bad.into()),
            &[("backgroundImage", "http:// or https://")],
        );
        layout_fails(
            |l| l.default_user_background_image = Some(bad.into()),
            &[("defaultUserBackgroundImage", "http:// or https://")],
        );
        layout_fails(
            |l| l.background_config.as_mut().unwrap()[0].image_url = bad.into(),
            &[("backgroundConfig.0.image_url", "http:// or https://")],
        );
    }
}

#[test]
fn layout_uids_are_valid_and_not_repeated() {
    layout_fails(
        |l| l.layout_config.as_mut().unwrap()[1].uid = Some(uid("1001")),
        &[("layoutConfig.1.uid", "1001 already has a region")],
    );
    layout_fails(
        |l| l.layout_config.as_mut().unwrap()[2].uid = Some(uid("007")),
        &[("layoutConfig.2.uid", "must be a uid")],
    );
    let bg = |u: &str| BackgroundConfig {
        uid: uid(u),
        image_url: "https://example.com/x.jpg".into(),
        render_mode: None,
    };
    layout_fails(
        |l| l.background_config = Some(vec![bg("5"), bg("6"), bg("5")]),
        &[("backgroundConfig.2.uid", "5 already has a background")],
    );
    layout_fails(
        |l| l.background_config = Some(vec![bg("0")]),
        &[("backgroundConfig.0.uid", "must be a uid")],
    );
    layout_fails(
        |l| {
            l.background_config = Some(vec![BackgroundConfig {
                render_mode: Some(RenderMode(7)),
                ..bg("5")
            }])
        },
        &[("backgroundConfig.0.render_mode", "must be one of")],
    );
}

#[test]
fn update_layout_checks_the_envelope_as_mix() {
    fails(
        validate_update_layout(&Envelope::new("a".repeat(64), uid("0"), custom_layout())),
        &[("cname", "under 64 bytes"), ("uid", "must be a uid")],
    );
}

// ---------------------------------------------------------------------------------------------
// storageConfig

#[test]
fn storage_vendor_must_be_current() {
    for v in [1, 2, 3, 5, 6, 7, 8] {
        passes(storage_with(|s| {
            s.vendor = Vendor(v);
            s.region = 1;
            if matches!(v, 5 | 6) {
                s.region = 0;
            }
        }));
    }
    passes(storage_with(|s| {
        s.vendor = Vendor::S3_COMPATIBLE;
        s.region = 0;
        s.extension_params = Some(ExtensionParams {
            endpoint: Some("s3.example.com".into()),
            ..Default::default()
        });
    }));
    for v in [9, 10, 12, 255] {
        fails(
            storage_with(|s| s.vendor = Vendor(v)),
            &[(&format!("{SC}.vendor"), "must be one of 1 (Amazon S3)")],
        );
    }
    for v in [Vendor::QINIU, Vendor::KINGSOFT] {
        fails(
            storage_with(|s| {
                s.vendor = v;
                s.region = 0;
            }),
            &[(
                &format!("{SC}.vendor"),
                "is no longer in Agora's vendor list",
            )],
        );
    }
}

#[test]
fn storage_region_must_exist_for_the_vendor() {
    let ok: &[(Vendor, &[u16])] = &[
        (Vendor::AMAZON_S3, &[0, 16, 18, 19, 22, 24, 25]),
        (Vendor::ALIBABA, &[0, 26, 27]),
        (Vendor::TENCENT, &[0, 19]),
        (Vendor::AZURE, &[0]),
        (Vendor::GOOGLE, &[0]),
        (Vendor::HUAWEI, &[0, 15]),
        (Vendor::BAIDU, &[1, 7]),
    ];
    for (vendor, codes) in ok {
        for code in *codes {
            passes(storage_with(|s| {
                s.vendor = *vendor;
                s.region = *code;
            }));
        }
    }
    let bad: &[(Vendor, &[u16])] = &[
        (Vendor::AMAZON_S3, &[26, 27, 29, 1000]),
        (Vendor::ALIBABA, &[28]),
        (Vendor::TENCENT, &[20]),
        (Vendor::AZURE, &[1]),
        (Vendor::GOOGLE, &[1]),
        (Vendor::HUAWEI, &[16]),
        (Vendor::BAIDU, &[8]),
    ];
    for (vendor, codes) in bad {
        for code in *codes {
            fails(
                storage_with(|s| {
                    s.vendor = *vendor;
                    s.region = *code;
                }),
                &[(
                    &format!("{SC}.region"),
                    &format!("{code} is not a region of"),
                )],
            );
        }
    }
    fails(
        storage_with(|s| {
            s.vendor = Vendor::S3_COMPATIBLE;
            s.region = 1;
            s.extension_params = Some(ExtensionParams {
                endpoint: Some("s3.example.com".into()),
                ..Default::default()
            });
        }),
        &[(&format!("{SC}.region"), "use one of 0")],
    );
}

#[test]
fn storage_bucket_and_keys_are_required() {
    for bad in ["", "   "] {
        fails(
            storage_with(|s| s.bucket = bad.into()),
            &[(&format!("{SC}.bucket"), "must not be empty")],
        );
    }
    for bad in ["my bucket", "a/b"] {
        fails(
            storage_with(|s| s.bucket = bad.into()),
            &[(&format!("{SC}.bucket"), "without spaces or '/'")],
        );
    }
    fails(
        storage_with(|s| s.access_key = Sensitive::from("")),
        &[(&format!("{SC}.accessKey"), "must not be empty")],
    );
    fails(
        storage_with(|s| s.secret_key = Sensitive::from("")),
        &[(&format!("{SC}.secretKey"), "must not be empty")],
    );
}

#[test]
fn sts_credentials_work_with_vendors_1_2_3_and_go_together() {
    for v in [Vendor::AMAZON_S3, Vendor::ALIBABA, Vendor::TENCENT] {
        passes(storage_with(|s| {
            s.vendor = v;
            s.sts_token = Some(Sensitive::from("sts"));
            s.sts_expiration = Some(1_900_000_000);
        }));
    }
    for v in [Vendor::AZURE, Vendor::GOOGLE, Vendor::HUAWEI, Vendor::BAIDU] {
        fails(
            storage_with(|s| {
                s.vendor = v;
                s.region = if v == Vendor::BAIDU { 1 } else { 0 };
                s.sts_token = Some(Sensitive::from("sts"));
                s.sts_expiration = Some(1_900_000_000);
            }),
            &[(
                &format!("{SC}.stsToken"),
                "work only with vendors 1 (Amazon S3), 2 (Alibaba) and 3 (Tencent)",
            )],
        );
    }
    fails(
        storage_with(|s| s.sts_token = Some(Sensitive::from("sts"))),
        &[(&format!("{SC}.stsExpiration"), "go together")],
    );
    fails(
        storage_with(|s| s.sts_expiration = Some(1)),
        &[(&format!("{SC}.stsExpiration"), "go together")],
    );
}

#[test]
fn file_name_prefix_is_alphanumeric_segments_of_at_most_128_characters() {
    let with = |p: Vec<String>| storage_with(|s| s.file_name_prefix = Some(p));
    passes(with(vec!["abcXYZ019".into()]));
    passes(with(vec!["x".repeat(127)]));
    passes(with(vec!["x".repeat(63), "y".repeat(63)]));
    for bad in ["a_b", "a/b", "a b", "", "é", "a-b", "(a)"] {
        fails(
            with(vec!["ok".into(), bad.into()]),
            &[(
                &format!("{SC}.fileNamePrefix.1"),
                "may only use a-z, A-Z and 0-9",
            )],
        );
    }
    fails(
        with(vec!["x".repeat(128)]),
        &[(
            &format!("{SC}.fileNamePrefix"),
            "at most 128 characters, got 129",
        )],
    );
    fails(
        with(vec!["x".repeat(63), "y".repeat(64)]),
        &[(
            &format!("{SC}.fileNamePrefix"),
            "at most 128 characters, got 129",
        )],
    );
}

#[test]
fn extension_params_per_vendor() {
    let params = |sse, tag: Option<&str>, endpoint: Option<&str>| {
        Some(ExtensionParams {
            sse,
            tag: tag.map(Into::into),
            endpoint: endpoint.map(Into::into),
        })
    };
    for sse in [Sse::Kms, Sse::Aes256] {
        passes(storage_with(|s| {
            s.extension_params = params(Some(sse), None, None)
        }));
        fails(
            storage_with(|s| {
                s.vendor = Vendor::ALIBABA;
                s.extension_params = params(Some(sse), None, None);
            }),
            &[(
                &format!("{SC}.extensionParams.sse"),
                "for Amazon S3 (vendor 1) only",
            )],
        );
    }
    for v in [Vendor::AMAZON_S3, Vendor::ALIBABA] {
        passes(storage_with(|s| {
            s.vendor = v;
            s.extension_params = params(None, Some("t"), None);
        }));
    }
    for v in [Vendor::TENCENT, Vendor::HUAWEI] {
        fails(
            storage_with(|s| {
                s.vendor = v;
                s.extension_params = params(None, Some("t"), None);
            }),
            &[(
                &format!("{SC}.extensionParams.tag"),
                "only with Amazon S3 (1) and Alibaba (2)",
            )],
        );
    }
}

#[test]
fn s3_compatible_storage_needs_an_endpoint_host() {
    let s3c = |params: Option<ExtensionParams>| {
        storage_with(|s| {
            s.vendor = Vendor::S3_COMPATIBLE;
            s.region = 0;
            s.extension_params = params;
        })
    };
    let endpoint = |e: &str| {
        Some(ExtensionParams {
            endpoint: Some(e.into()),
            ..Default::default()
        })
    };
    let path = format!("{SC}.extensionParams.endpoint");
    passes(s3c(endpoint("minio.example.com:9000")));
    fails(s3c(None), &[(&path, "is required for vendor 11")]);
    fails(
        s3c(Some(ExtensionParams::default())),
        &[(&path, "is required for vendor 11")],
    );
    fails(
        s3c(endpoint(" ")),
        &[
            (&path, "is required for vendor 11"),
            (&path, "must be a host name"),
        ],
    );
    for bad in ["https://s3.example.com", "s3.example.com/bucket"] {
        fails(s3c(endpoint(bad)), &[(&path, "must be a host name")]);
        // The host-name rule applies to any vendor that sends an endpoint.
        fails(
            storage_with(|s| s.extension_params = endpoint(bad)),
            &[(&path, "must be a host name")],
        );
    }
}

// ---------------------------------------------------------------------------------------------
// extensionServiceConfig (web)

#[test]
fn web_needs_exactly_one_recorder_and_at_most_one_cdn_push() {
    let recorder = || ExtensionService::WebRecorder {
        error_handle_policy: None,
        service_param: web_recorder(),
    };
    let push = || ExtensionService::RtmpPublish {
        error_handle_policy: None,
        service_param: RtmpPublishParam {
            outputs: vec![rtmp("rtmp://a/b")],
        },
    };
    let with = |services: Vec<ExtensionService>| {
        web_with(|cr| {
            cr.extension_service_config
                .as_mut()
                .unwrap()
                .extension_services = services
        })
    };
    passes(with(vec![recorder()]));
    passes(with(vec![push(), recorder()]));
    fails(
        with(vec![]),
        &[(ES, "needs exactly one web_recorder_service, got 0")],
    );
    fails(
        with(vec![push()]),
        &[(ES, "needs exactly one web_recorder_service, got 0")],
    );
    fails(
        with(vec![recorder(), recorder()]),
        &[(ES, "needs exactly one web_recorder_service, got 2")],
    );
    fails(
        with(vec![recorder(), push(), push()]),
        &[(ES, "at most one rtmp_publish_service")],
    );
}

#[test]
fn web_error_handle_policies() {
    fails(
        web_with(|cr| {
            cr.extension_service_config
                .as_mut()
                .unwrap()
                .error_handle_policy = Some(ErrorHandlePolicy::Ignore)
        }),
        &[(
            "clientRequest.extensionServiceConfig.errorHandlePolicy",
            "must be \"error_abort\"",
        )],
    );
    // The reference gives each service's default policy, not a rule: the other one is a
    // warning, never a refusal.
    let mut cr = web_cr();
    {
        let s = &mut cr
            .extension_service_config
            .as_mut()
            .unwrap()
            .extension_services;
        if let ExtensionService::WebRecorder {
            error_handle_policy,
            ..
        } = &mut s[0]
        {
            *error_handle_policy = Some(ErrorHandlePolicy::Ignore);
        }
        if let ExtensionService::RtmpPublish {
            error_handle_policy,
            ..
        } = &mut s[1]
        {
            *error_handle_policy = Some(ErrorHandlePolicy::Abort);
        }
    }
    warns(
        check_start(&start(cr), Mode::Web),
        &[
            (
                &format!("{ES}.0.errorHandlePolicy"),
                "defaults to \"error_abort\"",
            ),
            (
                &format!("{ES}.1.errorHandlePolicy"),
                "defaults to \"error_ignore\"",
            ),
        ],
    );
}

#[test]
fn web_recorder_url_and_audio_profile() {
    for bad in ["", "ftp://x", "www.example.com", "https://"] {
        fails(
            recorder_with(|p| p.url = bad.into()),
            &[(&format!("{WR}.url"), "http:// or https://")],
        );
    }
    fails(
        recorder_with(|p| p.audio_profile = AudioProfile(3)),
        &[(&format!("{WR}.audioProfile"), "must be one of")],
    );
}

#[test]
fn web_recorder_resolution_is_at_most_1920_by_1080() {
    for (w, h) in [(1920, 1080), (1080, 1920), (480, 480), (1, 1)] {
        passes(recorder_with(|p| {
            p.video_width = w;
            p.video_height = h;
        }));
    }
    fails(
        recorder_with(|p| {
            p.video_width = 1920;
            p.video_height = 1081;
        }),
        &[(
            &format!("{WR}.videoWidth"),
            "at most 1920 × 1080, got 1920 × 1081",
        )],
    );
    fails(
        recorder_with(|p| {
            p.video_width = u32::MAX;
            p.video_height = u32::MAX;
        }),
        &[(&format!("{WR}.videoWidth"), "at most 1920 × 1080")],
    );
    fails(
        recorder_with(|p| p.video_width = 0),
        &[(&format!("{WR}.videoWidth"), "must be positive")],
    );
    fails(
        recorder_with(|p| p.video_height = 0),
        &[(&format!("{WR}.videoHeight"), "must be positive")],
    );
}

#[test]
fn web_recorder_ranges() {
    let cases: &[RangeCase<WebRecorderParam>] = &[
        (
            "maxRecordingHour",
            |p, v| p.max_recording_hour = v,
            &[1, 720],
            &[0, 721],
            "between 1 and 720",
        ),
        (
            "videoBitrate",
            |p, v| p.video_bitrate = Some(v),
            &[50, 8000],
            &[0, 49, 8001],
            "between 50 and 8000",
        ),
        (
            "videoFps",
            |p, v| p.video_fps = Some(v),
            &[5, 60],
            &[0, 4, 61],
            "between 5 and 60",
        ),
        (
            "maxVideoDuration",
            |p, v| p.max_video_duration = Some(v),
            &[30, 240],
            &[29, 241],
            "between 30 and 240",
        ),
        (
            "readyTimeout",
            |p, v| p.ready_timeout = Some(v),
            &[0, 60],
            &[61, 1000],
            "between 0 and 60",
        ),
    ];
    for (field, set, ok, bad, phrase) in cases {
        for v in *ok {
            passes(recorder_with(|p| set(p, *v)));
        }
        for v in *bad {
            fails(
                recorder_with(|p| set(p, *v)),
                &[(&format!("{WR}.{field}"), phrase)],
            );
        }
    }
    // The optional ones may be left out.
    passes(recorder_with(|p| {
        p.video_bitrate = None;
        p.video_fps = None;
        p.max_video_duration = None;
        p.ready_timeout = None;
        p.mobile = None;
        p.onhold = None;
    }));
}

#[test]
fn cdn_push_is_one_rtmp_or_rtmps_url() {
    let path = format!("{ES}.1.serviceParam.outputs");
    passes(rtmp_outputs_with(vec![rtmp(
        "rtmps://cdn.example.com/live/k",
    )]));
    for bad in [
        "http://cdn/live",
        "rtmp://",
        "rtmps://",
        "",
        "RTMP://cdn/live",
        "srt://x",
    ] {
        fails(
            rtmp_outputs_with(vec![rtmp(bad)]),
            &[(
                &format!("{path}.0.rtmpUrl"),
                "must be an rtmp:// or rtmps:// URL",
            )],
        );
    }
    fails(
        rtmp_outputs_with(vec![]),
        &[(&path, "needs one CDN address")],
    );
    fails(
        rtmp_outputs_with(vec![rtmp("rtmp://a/1"), rtmp("rtmp://a/2")]),
        &[(&path, "only one CDN stream at a time")],
    );
}

// ---------------------------------------------------------------------------------------------
// update

#[test]
fn update_must_change_something() {
    for mode in Mode::ALL {
        fails(
            update(mode, UpdateClientRequest::default()),
            &[(CR, "has nothing to update")],
        );
    }
}

#[test]
fn stream_subscribe_is_not_for_web_and_needs_a_list() {
    fails(
        update(Mode::Web, subscribe(audio_sub(&["1"]), None)),
        &[(
            "clientRequest.streamSubscribe",
            "is for individual and mix modes",
        )],
    );
    fails(
        update(Mode::Mix, subscribe(None, None)),
        &[(
            "clientRequest.streamSubscribe",
            "needs audioUidList or videoUidList",
        )],
    );
}

#[test]
fn update_uid_lists_follow_the_list_rules() {
    const A: &str = "clientRequest.streamSubscribe.audioUidList";
    const V: &str = "clientRequest.streamSubscribe.videoUidList";
    fails(
        update(
            Mode::Individual,
            subscribe(
                Some(AudioUidList {
                    subscribe_audio_uids: Some(uids(&["1"])),
                    unsubscribe_audio_uids: Some(uids(&["2"])),
                }),
                Some(VideoUidList {
                    subscribe_video_uids: Some(uids(&["1"])),
                    unsubscribe_video_uids: Some(uids(&["2"])),
                }),
            ),
        ),
        &[
            (
                &format!("{A}.unSubscribeAudioUids"),
                "cannot be combined with subscribeAudioUids",
            ),
            (
                &format!("{V}.unSubscribeVideoUids"),
                "cannot be combined with subscribeVideoUids",
            ),
        ],
    );
    passes(update(
        Mode::Mix,
        subscribe(
            Some(AudioUidList {
                subscribe_audio_uids: Some(numbered_uids(32)),
                unsubscribe_audio_uids: None,
            }),
            None,
        ),
    ));
    fails(
        update(
            Mode::Mix,
            subscribe(
                Some(AudioUidList {
                    subscribe_audio_uids: None,
                    unsubscribe_audio_uids: Some(numbered_uids(33)),
                }),
                None,
            ),
        ),
        &[(&format!("{A}.unSubscribeAudioUids"), "at most 32 uids")],
    );
    fails(
        update(
            Mode::Mix,
            subscribe(
                None,
                Some(VideoUidList {
                    subscribe_video_uids: Some(vec![]),
                    unsubscribe_video_uids: None,
                }),
            ),
        ),
        &[(&format!("{V}.subscribeVideoUids"), "must not be empty")],
    );
    fails(
        update(
            Mode::Mix,
            subscribe(audio_sub(&["7", "8", "7", "abc"]), None),
        ),
        &[
            (&format!("{A}.subscribeAudioUids.2"), "7 is listed twice"),
            (&format!("{A}.subscribeAudioUids.3"), "must be a uid"),
        ],
    );
    fails(
        update(
            Mode::Individual,
            subscribe(audio_sub(&["#allstream#", "5"]), None),
        ),
        &[(
            &format!("{A}.subscribeAudioUids.0"),
            "already means every uid",
        )],
    );
}

#[test]
fn web_updates_are_for_web_mode_only() {
    for mode in [Mode::Individual, Mode::Mix] {
        fails(
            update(
                mode,
                UpdateClientRequest {
                    web_recording_config: Some(WebRecordingUpdate { onhold: false }),
                    ..Default::default()
                },
            ),
            &[("clientRequest.webRecordingConfig", "is for web mode")],
        );
        fails(
            update(
                mode,
                UpdateClientRequest {
                    rtmp_publish_config: Some(RtmpPublishUpdate {
                        outputs: vec![rtmp("rtmp://a/b")],
                    }),
                    ..Default::default()
                },
            ),
            &[("clientRequest.rtmpPublishConfig", "is for web mode")],
        );
    }
    let push = |outputs| {
        update(
            Mode::Web,
            UpdateClientRequest {
                rtmp_publish_config: Some(RtmpPublishUpdate { outputs }),
                ..Default::default()
            },
        )
    };
    fails(
        push(vec![rtmp("https://cdn/live")]),
        &[(
            "clientRequest.rtmpPublishConfig.outputs.0.rtmpUrl",
            "rtmp:// or rtmps://",
        )],
    );
    fails(
        push(vec![rtmp("rtmp://a/1"), rtmp("rtmp://a/2")]),
        &[(
            "clientRequest.rtmpPublishConfig.outputs",
            "only one CDN stream",
        )],
    );
    fails(
        push(vec![]),
        &[(
            "clientRequest.rtmpPublishConfig.outputs",
            "needs one CDN address",
        )],
    );
}

#[test]
fn update_storage_config_follows_the_storage_rules() {
    fails(
        update(
            Mode::Individual,
            UpdateClientRequest {
                storage_config: Some(StorageConfig {
                    region: 26,
                    sts_token: Some(Sensitive::from("t")),
                    ..storage()
                }),
                ..Default::default()
            },
        ),
        &[
            (
                "clientRequest.storageConfig.region",
                "26 is not a region of",
            ),
            ("clientRequest.storageConfig.stsExpiration", "go together"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Several problems at once

#[test]
fn every_problem_in_a_body_is_reported() {
    let mut cr = mix_cr();
    let rc = cr.recording_config.as_mut().unwrap();
    rc.max_idle_time = Some(1);
    rc.stream_mode = Some(StreamMode::Default);
    let t = rc.transcoding_config.as_mut().unwrap();
    t.background_color = Some("blue".into());
    t.layout_config.as_mut().unwrap()[2].x_axis = 2.0;
    let s = cr.storage_config.as_mut().unwrap();
    s.region = 26;
    s.bucket = String::new();
    s.file_name_prefix = Some(vec!["a_b".into()]);
    cr.recording_file_config = Some(RecordingFileConfig {
        av_file_type: Some(vec![AvFileType::Mp4]),
    });
    let body = Envelope::new("bad/name", uid("0"), cr);
    fails(
        validate_start(&body, Mode::Mix),
        &[
            ("cname", "may only use"),
            ("uid", "must be a uid"),
            (&format!("{RC}.maxIdleTime"), "between 5 and 2592000"),
            (&format!("{RC}.streamMode"), "must not be set in mix mode"),
            (&format!("{TC}.backgroundColor"), "#RRGGBB"),
            (&format!("{TC}.layoutConfig.2.x_axis"), "between 0 and 1"),
            (
                "clientRequest.recordingFileConfig.avFileType",
                "mp4 alone is refused",
            ),
            (&format!("{SC}.region"), "26 is not a region of"),
            (&format!("{SC}.bucket"), "must not be empty"),
            (&format!("{SC}.fileNamePrefix.0"), "may only use"),
        ],
    );

    let mut web = web_cr();
    web.token = Some(Sensitive::from("t"));
    web.recording_config = Some(mix_rc());
    let services = &mut web
        .extension_service_config
        .as_mut()
        .unwrap()
        .extension_services;
    if let ExtensionService::WebRecorder { service_param, .. } = &mut services[0] {
        service_param.video_fps = Some(120);
        service_param.max_recording_hour = 0;
    }
    fails(
        validate_start(&start(web), Mode::Web),
        &[
            ("clientRequest.token", "not used in web mode"),
            (RC, "must not be set in web mode"),
            (&format!("{WR}.videoFps"), "between 5 and 60"),
            (&format!("{WR}.maxRecordingHour"), "between 1 and 720"),
        ],
    );
}

// =============================================================================================
// Cloud Transcoding

const T: &str = "services.cloudTranscoder.config.transcoder";

fn rtc(channel: &str, uid: u32) -> Rtc {
    Rtc {
        rtc_channel: channel.into(),
        rtc_uid: uid,
        rtc_token: Some(Sensitive::from("006token")),
    }
}

fn video_in(uid: u32, x: u32) -> VideoInput {
    VideoInput {
        rtc: Some(rtc("live-1", uid)),
        placeholder_image_url: Some("https://example.com/away.png".into()),
        region: Some(Region {
            x,
            y: 0,
            width: 640,
            height: 720,
            z_order: Some(2),
        }),
        ..Default::default()
    }
}

fn video_option() -> VideoOption {
    VideoOption {
        width: Some(1280),
        height: Some(720),
        bitrate: Some(2000),
        codec: Some(VideoCodec::H264),
        fps: Some(15),
        mode: None,
        low_bitrate_high_quality: Some(false),
    }
}

fn rtc_output() -> Output {
    Output {
        rtc: Some(rtc("out-1", 9000)),
        stream_url: None,
        audio_option: Some(AudioOption {
            profile_type: Some(AudioProfileType::AudioProfileMusicStandard),
        }),
        video_option: Some(video_option()),
    }
}

fn transcoder() -> TranscoderConfig {
    TranscoderConfig {
        idle_timeout: Some(300),
        stream_process_mode: None,
        audio_inputs: Some(vec![AudioInput {
            rtc: Some(rtc("live-1", 0)),
            ..Default::default()
        }]),
        video_inputs: Some(vec![video_in(1001, 0), video_in(1002, 640)]),
        canvas: Some(Canvas {
            width: 1280,
            height: 720,
            color: Some(0x00_00_FF),
            background_image: Some("https://example.com/bg.jpeg?v=2".into()),
            fill_mode: Some(FillMode::Fill),
        }),
        water_marks: Some(vec![WaterMark {
            image_url: "http://example.com/logo.PNG".into(),
            region: Region {
                x: 10,
                y: 10,
                width: 120,
                height: 120,
                z_order: Some(0),
            },
            fill_mode: Some(FillMode::Fit),
        }]),
        outputs: vec![rtc_output()],
    }
}

fn canvas(t: &mut TranscoderConfig) -> &mut Canvas {
    t.canvas.as_mut().expect("the baseline has a canvas")
}

fn create_req(t: TranscoderConfig) -> tc::CreateRequest {
    tc::CreateRequest {
        services: Services {
            cloud_transcoder: CloudTranscoder {
                service_type: Default::default(),
                config: TranscoderConfigEnvelope { transcoder: t },
            },
        },
    }
}

fn create_with(f: impl FnOnce(&mut TranscoderConfig)) -> Outcome {
    let mut t = transcoder();
    f(&mut t);
    tc::validate_create(&create_req(t))
}

fn cdn_audio(url: &str) -> AudioInput {
    AudioInput {
        rtc: None,
        stream_url: Some(url.into()),
        volume: Some(100),
        repeat: Some(1),
    }
}

#[test]
fn transcoding_baselines_pass() {
    passes(create_with(|_| {}));
    passes(tc::validate_update(&create_req(transcoder()), 0, None));
    passes(tc::validate_update(&create_req(transcoder()), 8, Some(7)));
    // Audio only: no video inputs, no videoOption.
    passes(create_with(|t| {
        t.video_inputs = None;
        t.water_marks = None;
        t.outputs[0].video_option = None;
    }));
    // CDN in, CDN out, one input each (heterogeneous-single).
    passes(create_with(|t| {
        t.stream_process_mode = Some(StreamProcessMode::HeterogeneousSingle);
        t.audio_inputs = Some(vec![cdn_audio("rtmp://src.example.com/a")]);
        t.video_inputs = Some(vec![VideoInput {
            stream_url: Some("https://src.example.com/v.flv".into()),
            repeat: Some(-1),
            ..Default::default()
        }]);
        t.outputs = vec![Output {
            stream_url: Some("rtmp://cdn.example.com/live/key".into()),
            video_option: Some(VideoOption {
                mode: Some(VideoMode::Raw),
                ..Default::default()
            }),
            ..Default::default()
        }];
    }));
    // single: one RTC input relayed.
    passes(create_with(|t| {
        t.stream_process_mode = Some(StreamProcessMode::Single);
        t.video_inputs = Some(vec![video_in(1001, 0)]);
    }));
    // Written as JSON, with the documented spelling `watermarks`.
    let req: tc::CreateRequest = serde_json::from_value(json!({
        "services": {"cloudTranscoder": {
            "serviceType": "cloudTranscoderV2",
            "config": {"transcoder": {
                "idleTimeout": 300,
                "audioInputs": [{"rtc": {"rtcChannel": "ch", "rtcUid": 123, "rtcToken": "t"}}],
                "videoInputs": [{"rtc": {"rtcChannel": "ch", "rtcUid": 123},
                                 "region": {"x": 0, "y": 0, "width": 320, "height": 360, "zOrder": 2}}],
                "canvas": {"width": 960, "height": 480, "color": 16777215},
                "watermarks": [{"imageUrl": "https://x.example/a.jpg",
                                "region": {"x": 0, "y": 0, "width": 120, "height": 120}}],
                "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 1000},
                             "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"},
                             "videoOption": {"fps": 30, "codec": "H264", "width": 960,
                                             "height": 480, "bitrate": 10000}}]
            }}
        }}
    }))
    .unwrap();
    passes(tc::validate_create(&req));
}

#[test]
fn instance_id_is_1_to_64_of_letters_digits_dash_underscore() {
    let acq = |id: &str| {
        tc::validate_acquire(&tc::AcquireRequest {
            instance_id: id.into(),
            services: None,
        })
    };
    for ok in ["a", "Room_1-live", &"x".repeat(64)] {
        passes(acq(ok));
    }
    for bad in ["", &"x".repeat(65), "a.b", "a b", "a/b", "é", "a:b"] {
        fails(
            acq(bad),
            &[(
                "instanceId",
                "must be 1 to 64 of a-z, A-Z, 0-9, '-' and '_'",
            )],
        );
    }
    // The optional services copy is checked like a create body.
    let mut t = transcoder();
    t.idle_timeout = Some(0);
    fails(
        tc::validate_acquire(&tc::AcquireRequest {
            instance_id: "ok".into(),
            services: Some(create_req(t).services),
        }),
        &[(&format!("{T}.idleTimeout"), "between 1 and 86400")],
    );
    passes(tc::validate_acquire(&tc::AcquireRequest {
        instance_id: "ok".into(),
        services: Some(create_req(transcoder()).services),
    }));
}

#[test]
fn idle_timeout_is_1_to_86400() {
    for s in [1, 86_400] {
        passes(create_with(|t| t.idle_timeout = Some(s)));
    }
    for s in [0, 86_401] {
        fails(
            create_with(|t| t.idle_timeout = Some(s)),
            &[(&format!("{T}.idleTimeout"), "between 1 and 86400")],
        );
    }
}

#[test]
fn a_task_needs_at_least_one_input() {
    for (a, v) in [(None, None), (Some(vec![]), Some(vec![]))] {
        fails(
            create_with(|t| {
                t.audio_inputs = a;
                t.video_inputs = v;
                t.outputs[0].video_option = None;
            }),
            &[(
                &format!("{T}.audioInputs"),
                "at least one audio or video input",
            )],
        );
    }
    // Video inputs alone are enough.
    passes(create_with(|t| t.audio_inputs = None));
}

#[test]
fn each_input_and_output_is_rtc_or_stream_url() {
    fails(
        create_with(|t| t.audio_inputs.as_mut().unwrap()[0].stream_url = Some("rtmp://x/y".into())),
        &[(
            &format!("{T}.audioInputs.0.streamUrl"),
            "cannot be combined with rtc",
        )],
    );
    fails(
        create_with(|t| t.audio_inputs.as_mut().unwrap()[0].rtc = None),
        &[(
            &format!("{T}.audioInputs.0.rtc"),
            "is required (or streamUrl",
        )],
    );
    fails(
        create_with(|t| t.audio_inputs = Some(vec![cdn_audio("src.example.com/a")])),
        &[(
            &format!("{T}.audioInputs.0.streamUrl"),
            "must be a stream URL",
        )],
    );
    fails(
        create_with(|t| t.video_inputs.as_mut().unwrap()[1].stream_url = Some("rtmp://x/y".into())),
        &[(
            &format!("{T}.videoInputs.1.streamUrl"),
            "cannot be combined with rtc",
        )],
    );
    fails(
        create_with(|t| t.video_inputs.as_mut().unwrap()[1].rtc = None),
        &[(&format!("{T}.videoInputs.1.rtc"), "is required")],
    );
    fails(
        create_with(|t| t.outputs[0].stream_url = Some("rtmp://cdn/live".into())),
        &[
            (
                &format!("{T}.outputs.0.streamUrl"),
                "cannot be combined with rtc",
            ),
            (
                &format!("{T}.outputs"),
                "cannot push to a CDN and to RTC at the same time",
            ),
        ],
    );
    fails(
        create_with(|t| t.outputs[0].rtc = None),
        &[(&format!("{T}.outputs.0.rtc"), "is required")],
    );
    fails(
        create_with(|t| {
            t.outputs[0].rtc = None;
            t.outputs[0].stream_url = Some("cdn.example.com/live".into());
        }),
        &[(&format!("{T}.outputs.0.streamUrl"), "must be a stream URL")],
    );
}

#[test]
fn rtc_sources_and_destinations() {
    // uid 0 mixes the whole channel, in audio inputs only.
    fails(
        create_with(|t| t.video_inputs.as_mut().unwrap()[0].rtc = Some(rtc("live-1", 0))),
        &[(
            &format!("{T}.videoInputs.0.rtc.rtcUid"),
            "0 means the whole channel only in audio inputs",
        )],
    );
    fails(
        create_with(|t| t.outputs[0].rtc = Some(rtc("out-1", 0))),
        &[(&format!("{T}.outputs.0.rtc.rtcUid"), "must be a user's uid")],
    );
    passes(create_with(|t| {
        t.audio_inputs.as_mut().unwrap()[0].rtc = Some(rtc("live-1", 77))
    }));
    // Channel names follow the RTC rule.
    for (bad, phrase) in [
        ("", "must not be empty"),
        ("bad/channel", "may only use"),
        (&*"c".repeat(64), "under 64 bytes"),
    ] {
        fails(
            create_with(|t| t.outputs[0].rtc.as_mut().unwrap().rtc_channel = bad.into()),
            &[(&format!("{T}.outputs.0.rtc.rtcChannel"), phrase)],
        );
    }
    fails(
        create_with(|t| {
            for v in t.video_inputs.as_mut().unwrap() {
                v.rtc.as_mut().unwrap().rtc_channel = "bad/channel".into();
            }
            t.audio_inputs.as_mut().unwrap()[0]
                .rtc
                .as_mut()
                .unwrap()
                .rtc_channel = "bad/channel".into();
        }),
        &[
            (&format!("{T}.audioInputs.0.rtc.rtcChannel"), "may only use"),
            (&format!("{T}.videoInputs.0.rtc.rtcChannel"), "may only use"),
            (&format!("{T}.videoInputs.1.rtc.rtcChannel"), "may only use"),
        ],
    );
    // Tokens: left out, or not empty.
    passes(create_with(|t| {
        t.outputs[0].rtc.as_mut().unwrap().rtc_token = None
    }));
    fails(
        create_with(|t| {
            t.video_inputs.as_mut().unwrap()[0]
                .rtc
                .as_mut()
                .unwrap()
                .rtc_token = Some(Sensitive::from(""))
        }),
        &[(
            &format!("{T}.videoInputs.0.rtc.rtcToken"),
            "must not be empty",
        )],
    );
}

#[test]
fn all_rtc_inputs_come_from_one_channel() {
    fails(
        create_with(|t| {
            t.audio_inputs.as_mut().unwrap()[0]
                .rtc
                .as_mut()
                .unwrap()
                .rtc_channel = "other".into()
        }),
        &[(&format!("{T}.videoInputs"), "must come from one channel")],
    );
    fails(
        create_with(|t| {
            t.video_inputs.as_mut().unwrap()[1]
                .rtc
                .as_mut()
                .unwrap()
                .rtc_channel = "other".into()
        }),
        &[(&format!("{T}.videoInputs"), "must come from one channel")],
    );
    // The output channel may differ (the baseline), and CDN inputs do not count.
    passes(create_with(|t| {
        t.audio_inputs
            .as_mut()
            .unwrap()
            .push(cdn_audio("rtmp://music.example.com/bg"))
    }));
}

#[test]
fn a_video_uid_is_an_input_once() {
    fails(
        create_with(|t| t.video_inputs.as_mut().unwrap()[1] = video_in(1001, 640)),
        &[(
            &format!("{T}.videoInputs.1.rtc.rtcUid"),
            "1001 is already an input",
        )],
    );
}

#[test]
fn single_modes_take_at_most_one_input_of_each_kind() {
    for m in [
        StreamProcessMode::Single,
        StreamProcessMode::HeterogeneousSingle,
    ] {
        fails(
            create_with(|t| t.stream_process_mode = Some(m)),
            &[(
                &format!("{T}.videoInputs"),
                "at most one input with this streamProcessMode",
            )],
        );
        fails(
            create_with(|t| {
                t.stream_process_mode = Some(m);
                t.video_inputs = Some(vec![video_in(1001, 0)]);
                t.audio_inputs = Some(vec![cdn_audio("rtmp://a/1"), cdn_audio("rtmp://a/2")]);
            }),
            &[(
                &format!("{T}.audioInputs"),
                "at most one input with this streamProcessMode",
            )],
        );
    }
    // Mix (no streamProcessMode) takes several.
    passes(create_with(|t| {
        t.audio_inputs = Some(vec![cdn_audio("rtmp://a/1"), cdn_audio("rtmp://a/2")])
    }));
}

#[test]
fn regions_are_on_the_canvas_with_documented_z_orders() {
    let cases: &[RangeCase<Region>] = &[
        (
            "x",
            |r, v| r.x = v,
            &[0, 3840],
            &[3841],
            "between 0 and 3840",
        ),
        (
            "y",
            |r, v| r.y = v,
            &[0, 3840],
            &[3841],
            "between 0 and 3840",
        ),
        (
            "width",
            |r, v| r.width = v,
            &[120, 3840],
            &[0, 119, 3841],
            "between 120 and 3840",
        ),
        (
            "height",
            |r, v| r.height = v,
            &[120, 3840],
            &[119, 3841],
            "between 120 and 3840",
        ),
    ];
    for (field, set, ok, bad, phrase) in cases {
        for v in *ok {
            passes(create_with(|t| {
                set(
                    t.video_inputs.as_mut().unwrap()[0].region.as_mut().unwrap(),
                    *v,
                )
            }));
            passes(create_with(|t| {
                set(&mut t.water_marks.as_mut().unwrap()[0].region, *v)
            }));
        }
        for v in *bad {
            fails(
                create_with(|t| {
                    set(
                        t.video_inputs.as_mut().unwrap()[0].region.as_mut().unwrap(),
                        *v,
                    )
                }),
                &[(&format!("{T}.videoInputs.0.region.{field}"), phrase)],
            );
            fails(
                create_with(|t| set(&mut t.water_marks.as_mut().unwrap()[0].region, *v)),
                &[(&format!("{T}.waterMarks.0.region.{field}"), phrase)],
            );
        }
    }
    // zOrder: video inputs 2–100, watermarks 0–100.
    for z in [2, 100] {
        passes(create_with(|t| {
            t.video_inputs.as_mut().unwrap()[1]
                .region
                .as_mut()
                .unwrap()
                .z_order = Some(z)
        }));
    }
    for z in [0, 1, 101] {
        fails(
            create_with(|t| {
                t.video_inputs.as_mut().unwrap()[1]
                    .region
                    .as_mut()
                    .unwrap()
                    .z_order = Some(z)
            }),
            &[(
                &format!("{T}.videoInputs.1.region.zOrder"),
                "between 2 and 100",
            )],
        );
    }
    for z in [0, 1, 100] {
        passes(create_with(|t| {
            t.water_marks.as_mut().unwrap()[0].region.z_order = Some(z)
        }));
    }
    fails(
        create_with(|t| t.water_marks.as_mut().unwrap()[0].region.z_order = Some(101)),
        &[(
            &format!("{T}.waterMarks.0.region.zOrder"),
            "between 0 and 100",
        )],
    );
}

#[test]
fn images_are_jpg_or_png_over_http() {
    for ok in [
        "https://e.com/a.jpg",
        "https://e.com/a.JPEG",
        "http://e.com/a.png?x=1",
        "https://e.com/a.png#frag",
    ] {
        passes(create_with(|t| {
            t.video_inputs.as_mut().unwrap()[0].placeholder_image_url = Some(ok.into())
        }));
    }
    type SetUrl = fn(&mut TranscoderConfig, String);
    let targets: [(&str, SetUrl); 3] = [
        ("videoInputs.0.placeholderImageUrl", |t, u| {
            t.video_inputs.as_mut().unwrap()[0].placeholder_image_url = Some(u.into())
        }),
        ("canvas.backgroundImage", |t, u| {
            canvas(t).background_image = Some(u.into())
        }),
        ("waterMarks.0.imageUrl", |t, u| {
            t.water_marks.as_mut().unwrap()[0].image_url = u.into()
        }),
    ];
    for (field, set) in targets {
        let path = format!("{T}.{field}");
        for bad in [
            "https://e.com/a.gif",
            "https://e.com/a.bmp",
            "https://e.com/png",
        ] {
            fails(
                create_with(|t| set(t, bad.into())),
                &[(&path, "must point to a jpg or png image")],
            );
        }
        fails(
            create_with(|t| set(t, "ftp://e.com/a.png".into())),
            &[(&path, "http:// or https://")],
        );
        fails(
            create_with(|t| set(t, "e.com/a.txt".into())),
            &[(&path, "http:// or https://"), (&path, "jpg or png")],
        );
    }
}

#[test]
fn canvas_is_required_with_video() {
    fails(
        create_with(|t| t.canvas = None),
        &[(
            &format!("{T}.canvas"),
            "is required when the task has video (inputs or watermarks)",
        )],
    );
    fails(
        create_with(|t| {
            t.canvas = None;
            t.video_inputs = None;
            t.outputs[0].video_option = None;
        }),
        &[(
            &format!("{T}.canvas"),
            "is required when the task has video",
        )],
    );
    // Audio only: no canvas needed.
    passes(create_with(|t| {
        t.canvas = None;
        t.video_inputs = None;
        t.water_marks = None;
        t.outputs[0].video_option = None;
    }));
}

#[test]
fn canvas_ranges() {
    for (w, h) in [(120, 120), (3840, 3840)] {
        passes(create_with(|t| {
            canvas(t).width = w;
            canvas(t).height = h;
        }));
    }
    for w in [0, 119, 3841] {
        fails(
            create_with(|t| canvas(t).width = w),
            &[(&format!("{T}.canvas.width"), "between 120 and 3840")],
        );
        fails(
            create_with(|t| canvas(t).height = w),
            &[(&format!("{T}.canvas.height"), "between 120 and 3840")],
        );
    }
    for c in [0, 255, 16_777_215] {
        passes(create_with(|t| canvas(t).color = Some(c)));
    }
    fails(
        create_with(|t| canvas(t).color = Some(16_777_216)),
        &[(&format!("{T}.canvas.color"), "between 0 and 16777215")],
    );
}

#[test]
fn outputs_are_required_and_go_to_one_place() {
    fails(
        create_with(|t| t.outputs = vec![]),
        &[(&format!("{T}.outputs"), "needs one output")],
    );
    let cdn = || Output {
        stream_url: Some("rtmp://cdn.example.com/live/k".into()),
        video_option: Some(video_option()),
        ..Default::default()
    };
    passes(create_with(|t| t.outputs = vec![cdn()]));
    fails(
        create_with(|t| t.outputs.push(cdn())),
        &[(
            &format!("{T}.outputs"),
            "cannot push to a CDN and to RTC at the same time",
        )],
    );
    fails(
        create_with(|t| t.outputs.push(rtc_output())),
        &[(&format!("{T}.outputs"), "publishes to one RTC channel only")],
    );
}

#[test]
fn video_option_ranges() {
    let cases: &[RangeCase<VideoOption>] = &[
        (
            "width",
            |o, v| {
                o.width = Some(v);
                o.height = Some(120);
            },
            &[120, 3840],
            &[119, 3841],
            "between 120 and 3840",
        ),
        (
            "height",
            |o, v| {
                o.height = Some(v);
                o.width = Some(120);
            },
            &[120, 3840],
            &[119, 3841],
            "between 120 and 3840",
        ),
        (
            "bitrate",
            |o, v| o.bitrate = Some(v),
            &[1, 10_000],
            &[0, 10_001],
            "between 1 and 10000",
        ),
        (
            "fps",
            |o, v| o.fps = Some(v),
            &[1, 30],
            &[0, 31],
            "between 1 and 30",
        ),
    ];
    for (field, set, ok, bad, phrase) in cases {
        for v in *ok {
            passes(create_with(|t| {
                set(t.outputs[0].video_option.as_mut().unwrap(), *v)
            }));
        }
        for v in *bad {
            fails(
                create_with(|t| set(t.outputs[0].video_option.as_mut().unwrap(), *v)),
                &[(&format!("{T}.outputs.0.videoOption.{field}"), phrase)],
            );
        }
    }
    for (w, h) in [(1920, 1080), (1080, 1920)] {
        passes(create_with(|t| {
            let o = t.outputs[0].video_option.as_mut().unwrap();
            o.width = Some(w);
            o.height = Some(h);
        }));
    }
    fails(
        create_with(|t| {
            let o = t.outputs[0].video_option.as_mut().unwrap();
            o.width = Some(1921);
            o.height = Some(1080);
        }),
        &[(
            &format!("{T}.outputs.0.videoOption.width"),
            "at most 1920 × 1080, got 1921 × 1080",
        )],
    );
    // Everything optional may be left out.
    passes(create_with(|t| {
        t.outputs[0].video_option = Some(VideoOption::default())
    }));
}

#[test]
fn raw_mode_passes_exactly_one_video_input_through() {
    let raw = |t: &mut TranscoderConfig| {
        t.outputs[0].video_option.as_mut().unwrap().mode = Some(VideoMode::Raw)
    };
    fails(
        create_with(raw),
        &[(
            &format!("{T}.outputs.0.videoOption.mode"),
            "use exactly one video input",
        )],
    );
    passes(create_with(|t| {
        raw(t);
        t.video_inputs = Some(vec![video_in(1001, 0)]);
    }));
    fails(
        create_with(|t| {
            raw(t);
            t.video_inputs = None;
        }),
        &[
            (
                &format!("{T}.outputs.0.videoOption.mode"),
                "use exactly one video input",
            ),
            (&format!("{T}.outputs.0.videoOption"), "needs a video input"),
        ],
    );
}

#[test]
fn video_option_goes_with_video_inputs() {
    fails(
        create_with(|t| t.outputs[0].video_option = None),
        &[(
            &format!("{T}.outputs.0.videoOption"),
            "is required when there are video inputs",
        )],
    );
    fails(
        create_with(|t| {
            t.video_inputs = Some(vec![]);
        }),
        &[(
            &format!("{T}.outputs.0.videoOption"),
            "leave it out for an audio-only task",
        )],
    );
}

#[test]
fn cdn_inputs_repeat_is_never_0_and_volume_is_0_to_200() {
    for r in [1, 5, -1] {
        passes(create_with(|t| {
            t.audio_inputs = Some(vec![AudioInput {
                repeat: Some(r),
                ..cdn_audio("rtmp://a/b")
            }])
        }));
    }
    for r in [0, -2, i32::MIN] {
        fails(
            create_with(|t| {
                t.audio_inputs = Some(vec![AudioInput {
                    repeat: Some(r),
                    ..cdn_audio("rtmp://a/b")
                }])
            }),
            &[(
                &format!("{T}.audioInputs.0.repeat"),
                "1 or more, or -1 to loop",
            )],
        );
        fails(
            create_with(|t| t.video_inputs.as_mut().unwrap()[1].repeat = Some(r)),
            &[(
                &format!("{T}.videoInputs.1.repeat"),
                "1 or more, or -1 to loop",
            )],
        );
    }
    for v in [0, 100, 200] {
        passes(create_with(|t| {
            t.audio_inputs = Some(vec![AudioInput {
                volume: Some(v),
                ..cdn_audio("rtmp://a/b")
            }])
        }));
    }
    fails(
        create_with(|t| {
            t.audio_inputs = Some(vec![AudioInput {
                volume: Some(201),
                ..cdn_audio("rtmp://a/b")
            }])
        }),
        &[(&format!("{T}.audioInputs.0.volume"), "between 0 and 200")],
    );
}

#[test]
fn sequence_id_must_increase() {
    let body = create_req(transcoder());
    passes(tc::validate_update(&body, 0, None));
    passes(tc::validate_update(&body, u64::MAX, None));
    passes(tc::validate_update(&body, 1, Some(0)));
    passes(tc::validate_update(&body, 100, Some(5)));
    for (seq, last) in [(5, 5), (3, 5), (0, 0), (0, 1)] {
        fails(
            tc::validate_update(&body, seq, Some(last)),
            &[(
                "sequenceId",
                &format!(
                    "{last} was already sent for this task, so use {} or more",
                    last + 1
                ),
            )],
        );
    }
    // The body itself is checked too, alongside the sequenceId.
    let mut t = transcoder();
    canvas(&mut t).width = 1;
    fails(
        tc::validate_update(&create_req(t), 1, Some(1)),
        &[
            ("sequenceId", "must increase with each update"),
            (&format!("{T}.canvas.width"), "between 120 and 3840"),
        ],
    );
}

#[test]
fn every_problem_in_a_transcoding_body_is_reported() {
    fails(
        create_with(|t| {
            t.idle_timeout = Some(0);
            t.audio_inputs.as_mut().unwrap()[0].repeat = Some(0);
            t.video_inputs.as_mut().unwrap()[0]
                .region
                .as_mut()
                .unwrap()
                .z_order = Some(1);
            t.video_inputs.as_mut().unwrap()[1].placeholder_image_url =
                Some("https://e.com/a.gif".into());
            canvas(t).color = Some(u32::MAX);
            t.outputs[0].video_option.as_mut().unwrap().fps = Some(60);
        }),
        &[
            (&format!("{T}.idleTimeout"), "between 1 and 86400"),
            (
                &format!("{T}.audioInputs.0.repeat"),
                "1 or more, or -1 to loop",
            ),
            (
                &format!("{T}.videoInputs.0.region.zOrder"),
                "between 2 and 100",
            ),
            (
                &format!("{T}.videoInputs.1.placeholderImageUrl"),
                "jpg or png",
            ),
            (&format!("{T}.canvas.color"), "between 0 and 16777215"),
            (
                &format!("{T}.outputs.0.videoOption.fps"),
                "between 1 and 30",
            ),
        ],
    );
}
