//! The engine against a real sandbox over loopback: profiles and secrets, recording and
//! transcoding flows recorded in history, faults, crash recovery, the monitor, and the
//! database secret scan.

mod common;

use std::time::Duration;

use agora_rest::codes::{ChannelType, MixedVideoLayout, Vendor};
use agora_rest::recording::*;
use agora_rest::{Sensitive, Uid};
use agora_sandbox::{FaultKind, FaultSpec, RouteName};
use common::*;
use mixdeck_core::engine::{BeginRecording, BeginTranscoding};
use mixdeck_core::store::{SessionConfig, SessionFilter, SessionState};
use mixdeck_core::vault::{MemoryStore, SecretKind};
use mixdeck_core::Engine;
use serde_json::json;

#[tokio::test]
async fn profiles_show_secret_status_and_test_their_connection() {
    let w = world().await;
    let views = w.engine.profiles().await.unwrap();
    assert_eq!(
        views[0].profile.name, "Sandbox",
        "the built-in profile exists and comes first"
    );
    let me = views.iter().find(|v| v.profile.id == w.profile).unwrap();
    let status: Vec<(SecretKind, bool)> = me.secrets.iter().map(|s| (s.kind, s.set)).collect();
    assert_eq!(
        status,
        [
            (SecretKind::CustomerSecret, true),
            (SecretKind::AppCertificate, false),
            (SecretKind::StorageAccessKey, true),
            (SecretKind::StorageSecretKey, true)
        ]
    );
    assert!(
        !serde_json::to_string(&views)
            .unwrap()
            .contains(CUSTOMER_SECRET),
        "the view never holds a secret"
    );

    let ok = w.engine.test_connection(w.profile).await.unwrap();
    assert!(ok.ok, "{ok:?}");
    w.engine
        .set_secret(
            w.profile,
            SecretKind::CustomerSecret,
            Sensitive::from("wrong-secret"),
        )
        .await
        .unwrap();
    let bad = w.engine.test_connection(w.profile).await.unwrap();
    assert_eq!(
        (bad.ok, bad.code.as_deref()),
        (false, Some("agora.unauthorized"))
    );
    assert!(bad.message.contains("Customer Secret"), "{}", bad.message);

    w.engine.delete_profile(w.profile).await.unwrap();
    assert_eq!(
        w.secrets.get_len(),
        0,
        "deleting a profile deletes its keychain entries"
    );
}

#[tokio::test]
async fn a_mix_recording_runs_end_to_end_and_is_kept_in_history() {
    let w = world().await;
    let mut events = w.engine.subscribe();
    let row = w.engine.begin_recording(begin(&w, "room-1")).await.unwrap();
    assert_eq!(row.state, SessionState::Started);
    let sid = row.sid.clone().unwrap();
    assert!(row.resource_id.is_some());
    assert!(
        events.try_recv().is_ok(),
        "listeners hear about the new session"
    );

    // The sandbox received the storage keys from the keychain; history keeps them redacted.
    let view = w.sandbox.session(&sid).unwrap();
    assert_eq!(view.cname, "room-1");
    assert_eq!(
        row.config.stored()["start"]["clientRequest"]["storageConfig"]["secretKey"],
        "<redacted>"
    );

    w.sandbox.advance(Duration::from_secs(30));
    let q = w.engine.query_recording(row.id).await.unwrap();
    assert_eq!(q.files, [format!("{sid}_room-1.m3u8")]);
    assert_eq!(q.agora_status.as_ref().and_then(|s| s.code), Some(5));

    let layout = LayoutSettings {
        mixed_video_layout: Some(MixedVideoLayout::CUSTOM),
        background_color: Some("#112233".into()),
        layout_config: Some(vec![LayoutRegion {
            uid: Some(Uid::from("1001")),
            x_axis: 0.0,
            y_axis: 0.0,
            width: 0.5,
            height: 0.5,
            ..Default::default()
        }]),
        ..Default::default()
    };
    w.engine.update_layout(row.id, layout).await.unwrap();
    let current = w.sandbox.session(&sid).unwrap().current_layout.unwrap();
    assert_eq!(current["layoutConfig"][0]["width"], 0.5);

    let outcome = w.engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(outcome.session.state, SessionState::Stopped);
    assert_eq!(outcome.upload_status.as_deref(), Some("uploaded"));
    assert!(!outcome.session.files.is_empty());

    w.engine.flush_log().await;
    let log = w.engine.store().session_events(row.id).unwrap();
    let ops: Vec<&str> = log.iter().map(|e| e.op.as_str()).collect();
    assert_eq!(ops, ["acquire", "start", "query", "updateLayout", "stop"]);
    let page = w
        .engine
        .store()
        .sessions(&SessionFilter {
            text: Some("room-1".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
}

#[tokio::test]
async fn the_profiles_storage_keys_go_elsewhere_only_when_confirmed() {
    let w = world().await;
    // An imported preset that sends the files to another bucket at an S3-compatible host.
    let mut req = begin(&w, "room-elsewhere");
    let storage = req.start.client_request.storage_config.as_mut().unwrap();
    storage.vendor = agora_rest::codes::Vendor::S3_COMPATIBLE;
    storage.bucket = "someone-elses".into();
    storage.region = 0;
    storage.extension_params = Some(agora_rest::recording::ExtensionParams {
        endpoint: Some("s3.attacker.example".into()),
        ..Default::default()
    });
    let err = w.engine.begin_recording(req.clone()).await.unwrap_err();
    assert_eq!(err.code().as_str(), "storage.elsewhere");
    let text = err.to_string();
    assert!(
        text.contains("s3.attacker.example") && text.contains("\"recordings\""),
        "{text}"
    );
    assert!(w.sandbox.requests().is_empty(), "nothing was sent");
    // Keys the user typed for that storage need no confirmation: none of the profile's go there.
    let mut typed = req.clone();
    let s = typed.start.client_request.storage_config.as_mut().unwrap();
    s.access_key = Sensitive::from("typed-ak");
    s.secret_key = Sensitive::from("typed-sk");
    typed.start.cname = "room-typed".into();
    w.engine.begin_recording(typed).await.unwrap();
    // Confirmed, the profile's keys fill it.
    req.keys_elsewhere_confirmed = true;
    w.engine.begin_recording(req).await.unwrap();
    // The profile's own default storage needs no confirmation.
    w.engine
        .begin_recording(begin(&w, "room-default"))
        .await
        .unwrap();
}

#[tokio::test]
async fn quitting_can_wait_for_a_start_on_its_way() {
    let w = world().await;
    w.sandbox
        .inject(FaultSpec::new(RouteName::Start, FaultKind::Latency { ms: 600 }).times(1))
        .unwrap();
    assert_eq!(w.engine.calls_in_flight(), 0);
    let engine = w.engine.clone();
    let req = begin(&w, "room-quit");
    let start = tokio::spawn(async move { engine.begin_recording(req).await });
    while w.engine.calls_in_flight() == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Cut off now, the answer would be lost: the app waits instead.
    assert!(!w.engine.settle(Duration::from_millis(20)).await);
    assert!(w.engine.settle(Duration::from_secs(10)).await);
    assert_eq!(w.engine.calls_in_flight(), 0);
    let row = start.await.unwrap().unwrap();
    assert_eq!(row.state, SessionState::Started);
}

#[tokio::test]
async fn an_invalid_request_sends_nothing_and_leaves_no_session() {
    let w = world().await;
    let mut req = begin(&w, "room/bad");
    req.start.uid = Uid::from("0");
    let err = w.engine.begin_recording(req).await.unwrap_err();
    assert_eq!(err.code(), "validation.failed");
    let paths: Vec<&str> = err.fields().iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"cname") && paths.contains(&"uid"),
        "{paths:?}"
    );
    assert_eq!(
        w.engine
            .store()
            .sessions(&SessionFilter::default())
            .unwrap()
            .total,
        0
    );
    assert!(
        w.sandbox.requests().is_empty(),
        "nothing reached the server"
    );
}

#[tokio::test]
async fn a_refused_start_is_failed_and_an_unanswered_one_may_be_recording_until_agora_says() {
    let w = world().await;
    w.engine.begin_recording(begin(&w, "room-2")).await.unwrap();
    // Same cname and uid as a running recording: Agora refuses (code 53), nothing started.
    let err = w
        .engine
        .begin_recording(begin(&w, "room-2"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.task_conflict");
    let refused = w
        .engine
        .store()
        .sessions(&SessionFilter::default())
        .unwrap()
        .items[0]
        .clone();
    assert_eq!(refused.state, SessionState::Failed);
    assert_eq!(w.sandbox.state().sessions.len(), 1);

    // A 5xx from start is ambiguous (the docs: retry, then acquire again): may be recording.
    w.sandbox
        .inject(FaultSpec::new(RouteName::Start, FaultKind::HttpError { status: 500 }).times(1))
        .unwrap();
    let err = w
        .engine
        .begin_recording(begin(&w, "room-2b"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.server_error");
    let row = w
        .engine
        .store()
        .sessions(&SessionFilter::default())
        .unwrap()
        .items[0]
        .clone();
    assert_eq!(row.state, SessionState::Unknown);
    assert!(row.resource_id.is_some(), "the resourceId is kept");
    let stored = &serde_json::to_value(row.error.as_ref().unwrap()).unwrap();
    assert_eq!(
        (stored["httpStatus"].as_i64(), stored["outcome"].as_str()),
        (Some(500), Some("maybeStarted"))
    );
    // Asking Agora cannot tell yet (the unused resource refuses the empty probe body)...
    w.engine.reconcile().await.unwrap();
    assert_eq!(
        w.engine.session(row.id).await.unwrap().state,
        SessionState::Unknown
    );
    // ...until its 5 minutes are over: then it expired unused, so nothing records on it.
    w.sandbox.advance(Duration::from_secs(301));
    w.engine.reconcile().await.unwrap();
    let settled = w.engine.session(row.id).await.unwrap();
    assert_eq!(settled.state, SessionState::Ended);
    assert_eq!(
        serde_json::to_value(settled.error.unwrap()).unwrap()["code"],
        "session.resource_expired"
    );
    assert_eq!(
        w.sandbox.state().sessions.len(),
        1,
        "no phantom session on the server"
    );
}

#[tokio::test]
async fn after_a_crash_open_sessions_are_reconciled_with_agora() {
    let w = world().await;
    let running = w.engine.begin_recording(begin(&w, "room-3")).await.unwrap();
    let gone = w.engine.begin_recording(begin(&w, "room-4")).await.unwrap();
    // The app dies: no stop, nothing flushed by hand.
    drop(w.engine);
    // While it was down, room-4's recording ended on Agora's side.
    w.sandbox.set_publishers("room-4", &[]).unwrap();
    w.sandbox.advance(Duration::from_secs(400));

    let engine = Engine::open(config(&w.db, w.secrets.clone()))
        .await
        .unwrap();
    assert_eq!(
        engine.store().open_sessions().unwrap().len(),
        2,
        "both rows survived the crash"
    );
    let report = engine.reconcile().await.unwrap();
    assert_eq!(
        (report.checked, report.running, report.ended),
        (2, 1, 1),
        "{report:?}"
    );
    assert_eq!(
        engine.session(running.id).await.unwrap().state,
        SessionState::Started
    );
    assert_eq!(
        engine.session(gone.id).await.unwrap().state,
        SessionState::Ended
    );
    // The survivor can still be stopped from the new engine.
    let out = engine.stop_recording(running.id, true).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
}

#[tokio::test]
async fn a_stream_key_is_kept_out_of_history_and_an_update_from_history_keeps_it() {
    let w = world().await;
    let create: agora_rest::transcoding::CreateRequest = serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "idleTimeout": 300,
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0}}],
            "outputs": [{"streamUrl": "rtmp://cdn.example.com/live/sk-live-4242", "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"}}]
        }}}}}))
    .unwrap();
    let row = w
        .engine
        .begin_transcoding(BeginTranscoding {
            profile_id: w.profile,
            instance_id: "cdn-1".into(),
            create,
            generate_tokens: false,
        })
        .await
        .unwrap();
    assert_eq!(row.state, SessionState::Started);
    // History (and everything the UI gets from it) shows where the stream goes, not its key.
    let stored = w.engine.session(row.id).await.unwrap();
    let shown = serde_json::to_string(&stored).unwrap();
    assert!(!shown.contains("sk-live-4242"), "{shown}");
    assert!(
        shown.contains("rtmp://cdn.example.com/live/<redacted>"),
        "{shown}"
    );
    // The update form edits that redacted copy: the key it did not touch comes back from memory.
    let edited = stored.config.transcoding().unwrap().clone();
    let updated = w
        .engine
        .update_transcoding(row.id, edited.clone())
        .await
        .unwrap();
    assert_eq!(updated.sequence_id, Some(1));
    // Another engine (the app restarted, the CLI) never held the key: it asks for it, naming
    // the field, and sends nothing.
    let other = Engine::open(config(&w.db, w.secrets.clone()))
        .await
        .unwrap();
    let err = other.update_transcoding(row.id, edited).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("outputs.0.streamUrl") && text.contains("enter the full URL again"),
        "{text}"
    );
    assert!(!text.contains("sk-live"), "{text}");
}

#[tokio::test]
async fn a_transcoding_task_runs_updates_with_increasing_sequence_ids_and_is_deleted() {
    // Also across engines sharing the database: the sequenceId is claimed in it.
    let w = world().await;
    let create: agora_rest::transcoding::CreateRequest = serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "idleTimeout": 300,
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "input-token-secret"}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456}, "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"}}]
        }}}}}))
    .unwrap();
    let row = w
        .engine
        .begin_transcoding(BeginTranscoding {
            profile_id: w.profile,
            instance_id: "inst-1".into(),
            create: create.clone(),
            generate_tokens: false,
        })
        .await
        .unwrap();
    assert_eq!(row.state, SessionState::Started);
    w.sandbox.advance(Duration::from_secs(30));
    w.engine.query_transcoding(row.id).await.unwrap();
    let u1 = w
        .engine
        .update_transcoding(row.id, create.clone())
        .await
        .unwrap();
    // A second engine on the same database (the CLI beside the app) takes the next one.
    let cli = Engine::open(config(&w.db, w.secrets.clone()))
        .await
        .unwrap();
    let u2 = cli
        .update_transcoding(row.id, create.clone())
        .await
        .unwrap();
    let u3 = w.engine.update_transcoding(row.id, create).await.unwrap();
    assert_eq!(
        (u1.sequence_id, u2.sequence_id, u3.sequence_id),
        (Some(1), Some(2), Some(3))
    );
    let task = w.sandbox.task(row.task_id.as_deref().unwrap()).unwrap();
    let sent: Vec<(u64, bool)> = task
        .updates
        .iter()
        .map(|u| (u.sequence_id, u.applied))
        .collect();
    assert_eq!(
        sent,
        [(1, true), (2, true), (3, true)],
        "each applied, none reused"
    );
    let done = w.engine.delete_transcoding(row.id).await.unwrap();
    assert!(done.config.transcoding().is_some(), "{:?}", done.config);
    assert_eq!(done.state, SessionState::Stopped);
    assert_eq!(
        done.config.stored()["services"]["cloudTranscoder"]["config"]["transcoder"]["audioInputs"]
            [0]["rtc"]["rtcToken"],
        "<redacted>"
    );
}

#[tokio::test]
async fn no_secret_reaches_the_database_file() {
    let w = world().await;
    let row = w.engine.begin_recording(begin(&w, "room-5")).await.unwrap();
    w.engine.query_recording(row.id).await.unwrap();
    w.engine.stop_recording(row.id, false).await.unwrap();
    // Wait until the log writer has recorded every exchange, then scan every file of the database.
    w.engine.flush_log().await;
    drop(w.engine);
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(w.db.parent().unwrap()).unwrap() {
        // The -wal/-shm files may vanish as the last connection closes.
        if let Ok(b) = std::fs::read(entry.unwrap().path()) {
            bytes.extend(b);
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("room-5"),
        "the scan reads the database (and its WAL)"
    );
    for secret in [CUSTOMER_SECRET, ACCESS_KEY, STORAGE_SECRET] {
        assert!(
            !text.contains(secret),
            "{secret} found in the history database"
        );
    }
}

fn fast_monitor() -> mixdeck_core::engine::MonitorConfig {
    mixdeck_core::engine::MonitorConfig {
        tick: Duration::from_millis(10),
        starting_interval: Duration::from_millis(10),
        running_interval: Duration::from_millis(10),
        error_backoff: vec![Duration::from_millis(10)],
        max_requests_per_second: 50,
        recover_interval: Duration::from_millis(50),
        orphan_interval: Duration::from_millis(50),
    }
}

/// Waits for an event matching `pick`, failing after a deadline.
async fn next_event<T>(
    rx: &mut tokio::sync::broadcast::Receiver<mixdeck_core::EngineEvent>,
    mut pick: impl FnMut(&mixdeck_core::EngineEvent) -> Option<T>,
) -> T {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match rx.recv().await {
                Ok(e) => {
                    if let Some(t) = pick(&e) {
                        return t;
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(e) => panic!("event stream ended: {e}"),
            }
        }
    })
    .await
    .expect("the expected event never came")
}

#[tokio::test]
async fn the_monitor_follows_a_session_and_reports_when_it_is_gone() {
    use mixdeck_core::EngineEvent;
    let w = world().await;
    let row = w.engine.begin_recording(begin(&w, "room-6")).await.unwrap();
    let mut rx = w.engine.subscribe();
    let _monitor = w.engine.start_monitor(fast_monitor());
    w.sandbox.advance(Duration::from_secs(30));
    let files = next_event(&mut rx, |e| match e {
        EngineEvent::SessionChanged { session }
            if session.id == row.id && !session.files.is_empty() =>
        {
            Some(session.files.clone())
        }
        _ => None,
    })
    .await;
    assert_eq!(files, [format!("{}_room-6.m3u8", row.sid.clone().unwrap())]);

    // Everyone leaves; after maxIdleTime Agora drops the session and answers 404.
    w.sandbox.set_publishers("room-6", &[]).unwrap();
    w.sandbox.advance(Duration::from_secs(400));
    let causes = next_event(&mut rx, |e| match e {
        EngineEvent::SessionProblem {
            session_id,
            code,
            causes,
            ..
        } if *session_id == row.id => {
            assert_eq!(code, "agora.worker_not_found");
            Some(causes.clone())
        }
        _ => None,
    })
    .await;
    assert!(
        causes.iter().any(|c| c.contains("maxIdleTime")),
        "{causes:?}"
    );
    next_event(&mut rx, |e| match e {
        EngineEvent::SessionChanged { session }
            if session.id == row.id && session.state == SessionState::Ended =>
        {
            Some(())
        }
        _ => None,
    })
    .await;
}

#[tokio::test]
async fn tokens_come_from_the_app_certificate_and_never_need_the_ui() {
    let w = world().await;
    let err = w
        .engine
        .rtc_token(w.profile, "room-7", 42, 3600)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "profile.secret_missing");
    assert!(err.to_string().contains("App Certificate"), "{err}");
    let cert = "fedcba9876543210fedcba9876543210";
    w.engine
        .set_secret(w.profile, SecretKind::AppCertificate, Sensitive::from(cert))
        .await
        .unwrap();
    let token = w
        .engine
        .rtc_token(w.profile, "room-7", 42, 3600)
        .await
        .unwrap();
    let parsed = agora_token::parse(token.expose()).unwrap();
    assert!(
        parsed.verify(cert).unwrap(),
        "signed with the profile's certificate"
    );
    assert!(!parsed.verify("00000000000000000000000000000000").unwrap());

    // begin with generate_token fills the bot's token; history keeps it redacted.
    let mut req = begin(&w, "room-7");
    req.generate_token = true;
    let row = w.engine.begin_recording(req).await.unwrap();
    assert_eq!(
        row.config.stored()["start"]["clientRequest"]["token"],
        "<redacted>"
    );
    assert_eq!(
        w.sandbox
            .session(row.sid.as_deref().unwrap())
            .unwrap()
            .start_request
            .unwrap()["clientRequest"]["token"],
        "<redacted>"
    );
}

fn storage_without_keys() -> StorageConfig {
    StorageConfig {
        vendor: Vendor::AMAZON_S3,
        region: 4,
        bucket: "recordings".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn individual_and_web_recordings_run_end_to_end() {
    use agora_rest::codes::{AudioProfile, SubscribeUidGroup};
    let w = world().await;
    let individual = BeginRecording {
        profile_id: w.profile,
        mode: Mode::Individual,
        acquire: AcquireClientRequest::default(),
        start: Envelope::new(
            "room-ind",
            Uid::from("900002"),
            StartClientRequest {
                recording_config: Some(RecordingConfig {
                    channel_type: ChannelType::COMMUNICATION,
                    subscribe_uid_group: Some(SubscribeUidGroup::UP_TO_7),
                    subscribe_audio_uids: Some(vec![Uid::from("1001")]),
                    subscribe_video_uids: Some(vec![Uid::from("1001")]),
                    ..Default::default()
                }),
                recording_file_config: Some(RecordingFileConfig::default()),
                storage_config: Some(storage_without_keys()),
                ..Default::default()
            },
        ),
        retry_code65: false,
        generate_token: false,
        keys_elsewhere_confirmed: false,
    };
    let row = w.engine.begin_recording(individual).await.unwrap();
    w.sandbox.advance(Duration::from_secs(30));
    let q = w.engine.query_recording(row.id).await.unwrap();
    assert!(
        q.files
            .iter()
            .any(|f| f.contains("__uid_s_1001__uid_e_audio")),
        "{:?}",
        q.files
    );
    assert!(
        q.files.iter().all(|f| f.contains("1001")),
        "only the subscribed uid is recorded: {:?}",
        q.files
    );
    let out = w.engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);

    let web = BeginRecording {
        profile_id: w.profile,
        mode: Mode::Web,
        acquire: AcquireClientRequest::default(),
        start: Envelope::new(
            "web-session",
            Uid::from("900003"),
            StartClientRequest {
                recording_file_config: Some(RecordingFileConfig {
                    av_file_type: Some(vec![AvFileType::Hls, AvFileType::Mp4]),
                }),
                storage_config: Some(storage_without_keys()),
                extension_service_config: Some(ExtensionServiceConfig {
                    extension_services: vec![ExtensionService::WebRecorder {
                        error_handle_policy: None,
                        service_param: WebRecorderParam {
                            url: "https://example.com/show".into(),
                            audio_profile: AudioProfile::MUSIC_MONO_48K,
                            video_width: 1280,
                            video_height: 720,
                            max_recording_hour: 1,
                            onhold: Some(true),
                            ..Default::default()
                        },
                    }],
                    ..Default::default()
                }),
                ..Default::default()
            },
        ),
        retry_code65: false,
        generate_token: false,
        keys_elsewhere_confirmed: false,
    };
    let row = w.engine.begin_recording(web).await.unwrap();
    assert_eq!(
        row.state,
        SessionState::Started,
        "scene 1 was set for web mode"
    );
    w.sandbox.advance(Duration::from_secs(30));
    assert!(
        w.engine
            .query_recording(row.id)
            .await
            .unwrap()
            .files
            .is_empty(),
        "on hold: nothing written"
    );
    let resume = UpdateClientRequest {
        web_recording_config: Some(WebRecordingUpdate { onhold: false }),
        ..Default::default()
    };
    w.engine.update_recording(row.id, resume).await.unwrap();
    w.sandbox.advance(Duration::from_secs(30));
    let q = w.engine.query_recording(row.id).await.unwrap();
    assert!(!q.files.is_empty(), "resumed: files appear");
    let out = w.engine.stop_recording(row.id, true).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
}

#[tokio::test]
async fn a_crash_before_an_id_came_back_is_reported_honestly() {
    use mixdeck_core::store::{NewSession, SessionKind, SessionUpdate};
    let w = world().await;
    let store = w.engine.store();
    let new = |cname: &str| NewSession {
        profile_id: Some(w.profile),
        profile_name: "Local sandbox".into(),
        kind: SessionKind::Recording,
        mode: Some(Mode::Mix),
        cname: cname.into(),
        uid: Some("900009".into()),
        config: SessionConfig::Unrecognized { json: "{}".into() },
        created_at: None,
        owner: None,
    };
    // Died while acquire was in flight: nothing can be running.
    let acquiring = store.insert_session(&new("room-a")).unwrap();
    // Died after acquire, while start was in flight: it may be running, without a sid.
    let starting = store.insert_session(&new("room-b")).unwrap();
    store
        .update_session(
            starting.id,
            &SessionUpdate {
                state: Some(SessionState::Starting),
                resource_id: Some("RID".into()),
                ..Default::default()
            },
        )
        .unwrap();
    // Rows without an owner are left by a process that is gone: settled first, then checked.
    let report = w.engine.reconcile().await.unwrap();
    assert_eq!(
        (report.checked, report.ended, report.unsettled),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(
        w.engine.session(acquiring.id).await.unwrap().state,
        SessionState::Failed
    );
    let s = w.engine.session(starting.id).await.unwrap();
    assert_eq!(s.state, SessionState::Unknown);
    assert!(serde_json::to_value(s.error.unwrap()).unwrap()["message"]
        .as_str()
        .unwrap()
        .contains("may be recording"));
}

#[tokio::test]
async fn transcoder_tokens_are_built_for_uid_0_inputs_and_the_output_uid() {
    let w = world().await;
    let cert = "fedcba9876543210fedcba9876543210";
    w.engine
        .set_secret(w.profile, SecretKind::AppCertificate, Sensitive::from(cert))
        .await
        .unwrap();
    let create: agora_rest::transcoding::CreateRequest =
        serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456}}]
        }}}}}))
        .unwrap();
    let row = w
        .engine
        .begin_transcoding(BeginTranscoding {
            profile_id: w.profile,
            instance_id: "inst-t".into(),
            create,
            generate_tokens: true,
        })
        .await
        .unwrap();
    assert_eq!(row.state, SessionState::Started);
    let t = &row.config.stored()["services"]["cloudTranscoder"]["config"]["transcoder"];
    assert_eq!(
        t["audioInputs"][0]["rtc"]["rtcToken"], "<redacted>",
        "a token was sent, and not stored"
    );
    assert_eq!(t["outputs"][0]["rtc"]["rtcToken"], "<redacted>");

    let token = w
        .engine
        .rtc_token(w.profile, "out", 456, 600)
        .await
        .unwrap();
    let info = mixdeck_core::engine::inspect_token(token.expose()).unwrap();
    assert_eq!(info.app_id, APP);
    assert_eq!(
        (info.rtc[0].channel.as_str(), info.rtc[0].uid.as_str()),
        ("out", "456")
    );
    assert_eq!(
        info.rtc[0].privileges,
        ["joinChannel", "publishAudio", "publishVideo", "publishData"]
    );
    assert!(info.expires_at - info.issued_at == 600);
    assert_eq!(
        mixdeck_core::engine::inspect_token("nope")
            .unwrap_err()
            .code(),
        "validation.failed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_builtin_sandbox_profile_needs_no_keys_or_certificate() {
    let w = world().await;
    let sandbox = w.engine.profiles().await.unwrap()[0].clone();
    assert!(
        sandbox.secrets.iter().all(|s| s.set && s.last4.is_none()),
        "every secret of the Sandbox profile is available and shows no hint: {:?}",
        sandbox.secrets
    );
    let mut req = begin(&w, "first-try");
    req.profile_id = sandbox.profile.id;
    req.generate_token = true;
    let row = w.engine.begin_recording(req).await.unwrap();
    assert_eq!(row.state, SessionState::Started, "{row:?}");
    assert_eq!(
        row.config.stored()["start"]["clientRequest"]["token"],
        "<redacted>"
    );
    assert_eq!(
        row.config.stored()["start"]["clientRequest"]["storageConfig"]["accessKey"],
        "<redacted>"
    );
    let stopped = w.engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(stopped.session.state, SessionState::Stopped);
}

/// Keychain entries follow a profile's never-reused vault id, not its row id: after the
/// database is deleted, a new profile that gets the old row id inherits none of the old secrets.
#[tokio::test]
async fn a_new_profile_never_inherits_a_deleted_databases_secrets() {
    let w = world().await;
    let old = w.engine.profile(w.profile).await.unwrap();
    assert!(
        old.secrets.iter().any(|s| s.set),
        "the fixture profile has secrets"
    );
    let World {
        engine,
        sandbox,
        profile,
        db,
        secrets,
        _dir,
    } = w;
    drop(engine);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let engine = Engine::open(config(&db, secrets.clone())).await.unwrap();
    let mut reused = None;
    for n in 0..3 {
        let view = engine
            .create_profile(
                mixdeck_core::store::ProfileInput {
                    name: format!("Fresh {n}"),
                    app_id: APP.into(),
                    customer_id: "other-id".into(),
                    area: agora_rest::domain::Area::Eu,
                    endpoint: Some(sandbox.base_url().to_owned()),
                    default_storage: None,
                },
                vec![],
            )
            .await
            .unwrap();
        assert!(
            view.secrets.iter().all(|s| !s.set),
            "{view:?} came with secrets"
        );
        if view.profile.id == profile {
            reused = Some(view);
            break;
        }
    }
    assert!(
        reused.is_some(),
        "a fresh database hands out the old row id again"
    );
}

/// Pointing a profile somewhere else (endpoint or area) deletes the secrets kept for the old
/// destination: they go to the new one only once typed again. A plain-http endpoint off this
/// machine is refused, naming the field, and changes nothing.
#[tokio::test]
async fn a_new_destination_clears_the_profiles_secrets() {
    let w = world().await;
    let set = |v: &mixdeck_core::engine::ProfileView| -> Vec<SecretKind> {
        v.secrets.iter().filter(|s| s.set).map(|s| s.kind).collect()
    };
    let base = w.engine.profile(w.profile).await.unwrap();
    let before = set(&base);
    assert_eq!(before.len(), 3, "{before:?}");
    let mut input = mixdeck_core::store::ProfileInput {
        name: "Renamed".into(),
        app_id: base.profile.app_id.clone(),
        customer_id: base.profile.customer_id.clone(),
        area: base.profile.area,
        endpoint: base.profile.endpoint.as_ref().map(|e| format!("{e}/")),
        default_storage: base.profile.default_storage.clone(),
    };
    let renamed = w
        .engine
        .update_profile(w.profile, input.clone(), vec![])
        .await
        .unwrap();
    assert_eq!(set(&renamed), before, "a rename keeps the secrets");

    let err = w
        .engine
        .update_profile(
            w.profile,
            mixdeck_core::store::ProfileInput {
                endpoint: Some("http://proxy.example.com:8080".into()),
                ..input.clone()
            },
            vec![],
        )
        .await
        .unwrap_err();
    assert_eq!(err.fields()[0].path, "endpoint", "{err}");
    assert!(err.to_string().contains("plain http"), "{err}");
    assert_eq!(set(&w.engine.profile(w.profile).await.unwrap()), before);

    let port = w.sandbox.base_url().rsplit(':').next().unwrap().to_owned();
    input.endpoint = Some(format!("http://localhost:{port}"));
    let moved = w
        .engine
        .update_profile(w.profile, input.clone(), vec![])
        .await
        .unwrap();
    assert!(set(&moved).is_empty(), "{:?}", moved.secrets);

    input.area = agora_rest::domain::Area::Us;
    let again = w
        .engine
        .update_profile(
            w.profile,
            input,
            vec![mixdeck_core::engine::SecretInput {
                kind: SecretKind::CustomerSecret,
                value: Sensitive::from(CUSTOMER_SECRET),
            }],
        )
        .await
        .unwrap();
    assert_eq!(set(&again), vec![SecretKind::CustomerSecret]);
    assert!(
        w.engine.test_connection(w.profile).await.unwrap().ok,
        "the re-entered secret works at the new destination"
    );
}

/// A task's builder token controls it: it goes to the keychain under the session's own vault
/// id, the database keeps only its last 4, a restarted engine still reaches the task with it,
/// and it leaves the keychain once the task is over. Tokens an older version wrote to the
/// database move to the keychain at the next open.
#[tokio::test]
async fn a_builder_token_lives_in_the_keychain_not_the_database() {
    let w = world().await;
    let create: agora_rest::transcoding::CreateRequest =
        serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "t"}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456, "rtcToken": "t"}}]
        }}}}}))
        .unwrap();
    let row = w
        .engine
        .begin_transcoding(BeginTranscoding {
            profile_id: w.profile,
            instance_id: "vaulted".into(),
            create,
            generate_tokens: false,
        })
        .await
        .unwrap();
    let token = w
        .sandbox
        .task(row.task_id.as_deref().unwrap())
        .unwrap()
        .builder_token;
    assert!(token.len() >= 12, "{token}");
    assert_eq!(
        row.builder_token_last4.as_deref(),
        Some(&token[token.len() - 4..])
    );
    let session_entries = |s: &MemoryStore| -> Vec<String> {
        s.accounts()
            .into_iter()
            .filter(|a| a.starts_with("session/"))
            .collect()
    };
    assert_eq!(session_entries(&w.secrets).len(), 1, "{:?}", w.secrets);
    w.engine.flush_log().await;
    let World {
        engine,
        sandbox,
        db,
        secrets,
        _dir,
        ..
    } = w;
    drop(engine);
    let file = std::fs::read(&db).unwrap();
    let wal = std::fs::read(format!("{}-wal", db.display())).unwrap_or_default();
    for bytes in [&file, &wal] {
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the database holds the builder token"
        );
    }

    let engine = Engine::open(config(&db, secrets.clone())).await.unwrap();
    let queried = engine.query_transcoding(row.id).await.unwrap();
    assert_eq!(queried.state, SessionState::Started, "{queried:?}");
    let deleted = engine.delete_transcoding(row.id).await.unwrap();
    assert!(!deleted.state.is_open(), "{deleted:?}");
    assert!(session_entries(&secrets).is_empty(), "{secrets:?}");

    // A token an older version kept in the database moves to the keychain.
    drop(engine);
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute(
        "UPDATE sessions SET builder_token = 'legacy-token-0123456789', builder_token_last4 = NULL WHERE id = ?1",
        [row.id.0],
    )
    .unwrap();
    drop(raw);
    let engine = Engine::open(config(&db, secrets.clone())).await.unwrap();
    let moved = engine.session(row.id).await.unwrap();
    assert_eq!(moved.builder_token_last4.as_deref(), Some("6789"));
    assert_eq!(session_entries(&secrets).len(), 1, "{secrets:?}");
    let raw = rusqlite::Connection::open(&db).unwrap();
    let left: Option<String> = raw
        .query_row(
            "SELECT builder_token FROM sessions WHERE id = ?1",
            [row.id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, None);
    drop(sandbox);
}

/// The start pre-flight against the sandbox's channels: an empty channel warns of code 435, a
/// live channelType into a communication channel warns of the mismatch, a uid already there
/// (a running recorder's) is named; a busy channel with a free uid has nothing to say.
#[tokio::test]
async fn the_channel_check_warns_before_a_start_and_never_blocks() {
    use agora_rest::channel::ChannelWarning;
    use agora_rest::codes::ChannelType;
    let w = world_with(|c| c.channel("nobody-here", vec![])).await;
    let empty = w
        .engine
        .check_channel(
            w.profile,
            "nobody-here",
            ChannelType::LIVE_BROADCAST,
            Some("527841"),
        )
        .await
        .unwrap();
    assert_eq!(empty.findings.len(), 1, "{empty:?}");
    assert_eq!(empty.findings[0].warning, ChannelWarning::ChannelEmpty);
    assert!(empty.findings[0].message.contains("435"));

    let busy = w
        .engine
        .check_channel(w.profile, "busy", ChannelType::COMMUNICATION, Some("4242"))
        .await
        .unwrap();
    assert!(busy.findings.is_empty(), "{busy:?}");
    assert_eq!(busy.publishers, [1001, 1002, 1003]);

    let row = w.engine.begin_recording(begin(&w, "busy")).await.unwrap();
    let uid = row.uid.clone().unwrap();
    let wrong = w
        .engine
        .check_channel(w.profile, "busy", ChannelType::LIVE_BROADCAST, Some(&uid))
        .await
        .unwrap();
    let kinds: Vec<_> = wrong.findings.iter().map(|f| f.warning.clone()).collect();
    assert_eq!(
        kinds,
        [
            ChannelWarning::ModeMismatch {
                channel_mode: 1,
                channel_type: 1
            },
            ChannelWarning::UidTaken {
                uid: uid.parse().unwrap()
            }
        ]
    );
    let bad = w
        .engine
        .check_channel(w.profile, "busy", ChannelType::COMMUNICATION, Some("zero"))
        .await
        .unwrap_err();
    assert_eq!(bad.fields()[0].path, "uid");
}
