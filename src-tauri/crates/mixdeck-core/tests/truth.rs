//! Session truth (issue 12): a possibly billed session is never shown as failed, never lost and
//! never left unstoppable, whatever answer was lost on the way. Each test drives the engine
//! against the sandbox over loopback, with a fault that carries the request out and then loses
//! or replaces its answer.

mod common;

use std::sync::Arc;
use std::time::Duration;

use agora_rest::{Client, Credentials, RetryPolicy};
use agora_sandbox::{FaultKind, FaultSpec, RouteName};
use common::*;
use mixdeck_core::engine::BeginTranscoding;
use mixdeck_core::store::{SessionConfig, SessionFilter, SessionRow, SessionState, SessionUpdate};
use mixdeck_core::vault::MemoryStore;
use mixdeck_core::Engine;
use serde_json::json;

fn newest(w: &World) -> SessionRow {
    w.engine
        .store()
        .sessions(&SessionFilter::default())
        .unwrap()
        .items[0]
        .clone()
}

/// A client of its own, as a second process would have.
fn raw_client(w: &World) -> Client {
    Client::builder(APP, Credentials::new("cust-id", CUSTOMER_SECRET))
        .endpoint(w.sandbox.base_url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_start_whose_answer_is_lost_may_be_recording_then_is_recovered_and_stopped() {
    let w = world().await;
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Start, FaultKind::DropConnection)
                .applied()
                .times(1),
        )
        .unwrap();
    let err = w
        .engine
        .begin_recording(begin(&w, "lost-1"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "network.unreachable", "{err}");
    let row = newest(&w);
    assert_eq!(
        row.state,
        SessionState::Unknown,
        "not Failed: it is recording"
    );
    assert!(row.sid.is_none() && row.resource_id.is_some());
    assert_eq!(w.sandbox.state().sessions.len(), 1, "Agora did start it");
    let info = row.may_be_recording.clone().unwrap();
    assert!(
        info.reason.contains("connection dropped"),
        "{}",
        info.reason
    );
    assert_eq!((info.stoppable, info.idle_end_seconds), (false, 300));
    assert_eq!(info.resource_id, row.resource_id);
    assert_eq!(
        info.api_until_ms,
        Some(row.created_at + 72 * 3600 * 1000),
        "resourceExpiredHour's default"
    );

    // Recovery asks Agora whether the resource runs a session (code 7 echoes the sid).
    let report = w.engine.reconcile().await.unwrap();
    assert_eq!(report.running, 1, "{report:?}");
    let recovered = w.engine.session(row.id).await.unwrap();
    assert_eq!(recovered.state, SessionState::Started);
    let sid = recovered.sid.clone().unwrap();
    assert!(w.sandbox.session(&sid).is_some(), "the real sid");
    assert_eq!(
        serde_json::to_value(recovered.error.unwrap()).unwrap()["code"],
        "session.recovered"
    );
    w.sandbox.advance(Duration::from_secs(6));
    let out = w.engine.stop_recording(row.id, true).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
}

#[tokio::test]
async fn a_garbled_success_is_running_with_the_sid_it_still_carried() {
    let w = world().await;
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Start, FaultKind::MalformedBody)
                .applied()
                .times(1),
        )
        .unwrap();
    // The start surely worked: it is reported as running, not as an error.
    let row = w
        .engine
        .begin_recording(begin(&w, "garbled"))
        .await
        .unwrap();
    assert_eq!(row.state, SessionState::Started);
    let sid = row.sid.clone().unwrap();
    assert!(w.sandbox.session(&sid).is_some());
    assert_eq!(
        serde_json::to_value(row.error.unwrap()).unwrap()["outcome"],
        "started"
    );
}

#[tokio::test]
async fn a_code_65_retry_answered_already_started_is_the_first_start_running() {
    let w = world().await;
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Start, FaultKind::Code65)
                .applied()
                .times(1),
        )
        .unwrap();
    let mut req = begin(&w, "retried");
    req.retry_code65 = true;
    let row = w.engine.begin_recording(req).await.unwrap();
    assert_eq!(row.state, SessionState::Started);
    let sid = row.sid.unwrap();
    assert_eq!(w.sandbox.state().sessions.len(), 1, "started once");
    assert!(w.sandbox.session(&sid).is_some());
}

#[tokio::test]
async fn a_504_code_62_from_start_that_applied_is_unknown_not_failed() {
    let w = world().await;
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Start, FaultKind::HttpError { status: 504 })
                .applied()
                .times(1),
        )
        .unwrap();
    let err = w.engine.begin_recording(begin(&w, "gw")).await.unwrap_err();
    assert_eq!(err.code(), "agora.request_timeout");
    assert_eq!(newest(&w).state, SessionState::Unknown);
    w.engine.reconcile().await.unwrap();
    assert_eq!(newest(&w).state, SessionState::Started);
}

#[tokio::test]
async fn a_process_killed_between_starts_answer_and_the_database_write_is_recovered() {
    let w = world().await;
    // Another process acquired and started; it died before writing the sid.
    let client = raw_client(&w);
    let start = mix_start("killed");
    let acquire = agora_rest::recording::Envelope::new(
        "killed",
        start.uid.clone(),
        agora_rest::recording::AcquireClientRequest::default(),
    );
    let rid = client
        .recording()
        .acquire(&acquire, agora_rest::recording::Mode::Mix)
        .await
        .unwrap()
        .body
        .resource_id;
    let mut start = start;
    start
        .client_request
        .storage_config
        .as_mut()
        .unwrap()
        .access_key = ACCESS_KEY.into();
    start
        .client_request
        .storage_config
        .as_mut()
        .unwrap()
        .secret_key = STORAGE_SECRET.into();
    let sid = client
        .recording()
        .start(
            &rid,
            agora_rest::recording::Mode::Mix,
            &start,
            Default::default(),
        )
        .await
        .unwrap()
        .body
        .sid;
    let store = w.engine.store();
    let row = store
        .insert_session(&mixdeck_core::store::NewSession {
            profile_id: Some(w.profile),
            profile_name: "Local sandbox".into(),
            kind: mixdeck_core::store::SessionKind::Recording,
            mode: Some(agora_rest::recording::Mode::Mix),
            cname: "killed".into(),
            uid: Some(start.uid.to_string()),
            config: SessionConfig::Unrecognized { json: "{}".into() },
            created_at: None,
            owner: Some("mixdeck-cli-4242-dead".into()),
        })
        .unwrap();
    store
        .update_session(
            row.id,
            &SessionUpdate {
                state: Some(SessionState::Starting),
                resource_id: Some(rid.to_string()),
                ..Default::default()
            },
        )
        .unwrap();
    // The next run opens the history: "starting" is settled, then the session is recovered.
    let next = Engine::open(config(&w.db, w.secrets.clone()))
        .await
        .unwrap();
    let settled = next.session(row.id).await.unwrap();
    assert_eq!(settled.state, SessionState::Unknown);
    assert!(
        serde_json::to_value(settled.error.unwrap()).unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("may be recording")
    );
    next.reconcile().await.unwrap();
    let running = next.session(row.id).await.unwrap();
    assert_eq!(running.state, SessionState::Started);
    assert_eq!(running.sid.as_deref(), Some(sid.as_str()));
    w.sandbox.advance(Duration::from_secs(6));
    let out = next.stop_recording(row.id, false).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
}

#[tokio::test]
async fn a_live_engines_start_in_flight_is_not_settled_by_another() {
    let w = world().await;
    let store = w.engine.store();
    let row = store
        .insert_session(&mixdeck_core::store::NewSession {
            profile_id: Some(w.profile),
            profile_name: "x".into(),
            kind: mixdeck_core::store::SessionKind::Recording,
            mode: Some(agora_rest::recording::Mode::Mix),
            cname: "busy".into(),
            uid: Some("1".into()),
            config: SessionConfig::Unrecognized { json: "{}".into() },
            created_at: None,
            // The first engine of this World is alive (its heartbeat is fresh).
            owner: None,
        })
        .unwrap();
    let owner: String = store_owner(&w);
    store.claim_session(row.id, &owner).unwrap();
    let other = Engine::open(config(&w.db, Arc::new(MemoryStore::default())))
        .await
        .unwrap();
    assert_eq!(
        other.session(row.id).await.unwrap().state,
        SessionState::Acquiring
    );
}

fn store_owner(w: &World) -> String {
    let conn = rusqlite::Connection::open(&w.db).unwrap();
    conn.query_row(
        "SELECT id FROM owners ORDER BY started_at LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[tokio::test]
async fn a_retried_stop_that_had_worked_reports_the_stops_files() {
    let w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "stop-lost"))
        .await
        .unwrap();
    w.sandbox.advance(Duration::from_secs(6));
    // The stop happens; its answer is replaced by a 500; the retry then hears 49.
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Stop, FaultKind::HttpError { status: 500 })
                .applied()
                .times(1),
        )
        .unwrap();
    let out = w.engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
    assert!(out.session.error.is_none(), "{:?}", out.session.error);
    let sid = row.sid.unwrap();
    assert_eq!(out.session.files, vec![format!("{sid}_stop-lost.m3u8")]);
    assert!(out.note.unwrap().contains("answer was lost"));
}

#[tokio::test]
async fn a_sync_stop_that_timed_out_then_a_second_stop_hearing_49_is_stopped() {
    let w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "slow-stop"))
        .await
        .unwrap();
    w.sandbox.advance(Duration::from_secs(6));
    // The stop happens; its answer comes too late for the client.
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Stop, FaultKind::Latency { ms: 8_000 })
                .applied()
                .times(1),
        )
        .unwrap();
    let mut c = config(&w.db, w.secrets.clone());
    c.retry.slow_request_timeout = Duration::from_millis(300);
    let impatient = Engine::open(c).await.unwrap();
    let err = impatient.stop_recording(row.id, false).await.unwrap_err();
    assert_eq!(err.code(), "network.timeout");
    let after = impatient.session(row.id).await.unwrap();
    assert_eq!(after.state, SessionState::Started, "still stoppable");
    let out = impatient.stop_recording(row.id, false).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped, "{:?}", out.note);
    assert!(
        !out.session.files.is_empty(),
        "files from the exiting query"
    );
}

#[tokio::test]
async fn a_sync_stop_longer_than_the_old_10_s_limit_is_answered() {
    let w = world().await;
    let row = w.engine.begin_recording(begin(&w, "upload")).await.unwrap();
    w.sandbox.advance(Duration::from_secs(6));
    // Scaled down: ordinary calls give up after 300 ms, a synchronous stop waits 3 s, the
    // upload takes 1 s.
    let mut c = config(&w.db, w.secrets.clone());
    c.retry = RetryPolicy {
        request_timeout: Duration::from_millis(300),
        slow_request_timeout: Duration::from_secs(3),
        ..c.retry
    };
    let engine = Engine::open(c).await.unwrap();
    w.sandbox.set_sync_stop_upload_ms(1_000);
    let out = engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
    assert_eq!(out.upload_status.as_deref(), Some("uploaded"));
}

#[tokio::test]
async fn startup_reconcile_keeps_a_session_through_a_failover_and_ends_it_after() {
    let mut w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "failover"))
        .await
        .unwrap();
    w.sandbox
        .inject(FaultSpec::new(
            RouteName::Query,
            FaultKind::Failover { seconds: 60 },
        ))
        .unwrap();
    let mut c = config(&w.db, w.secrets.clone());
    c.failover_window = Duration::from_millis(400);
    let engine = Engine::open(c).await.unwrap();
    engine.reconcile().await.unwrap();
    assert_eq!(
        engine.session(row.id).await.unwrap().state,
        SessionState::Started,
        "a first 404 proves nothing"
    );
    // Still 404 once the window has passed (it counts from the first 404, across restarts).
    tokio::time::sleep(Duration::from_millis(450)).await;
    let mut c = config(&w.db, w.secrets.clone());
    c.failover_window = Duration::from_millis(400);
    w.engine = Engine::open(c).await.unwrap();
    w.engine.reconcile().await.unwrap();
    assert_eq!(
        w.engine.session(row.id).await.unwrap().state,
        SessionState::Ended
    );
}

#[tokio::test]
async fn web_max_recording_hour_past_resource_expired_hour_is_refused_before_sending() {
    let w = world().await;
    let body: mixdeck_core::engine::BeginRecording = serde_json::from_value(json!({
        "profileId": w.profile.0,
        "mode": "web",
        "acquire": {"resourceExpiredHour": 24},
        "start": {"cname": "web-1", "uid": "900001", "clientRequest": {
            "extensionServiceConfig": {"extensionServices": [{
                "serviceName": "web_recorder_service",
                "errorHandlePolicy": "error_abort",
                "serviceParam": {"url": "https://example.com", "audioProfile": 0,
                    "videoWidth": 1280, "videoHeight": 720, "maxRecordingHour": 48}
            }]},
            "storageConfig": {"vendor": 1, "region": 4, "bucket": "recordings", "accessKey": "", "secretKey": ""}
        }}
    }))
    .unwrap();
    let err = w.engine.begin_recording(body).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("maxRecordingHour") && text.contains("resourceExpiredHour"),
        "{text}"
    );
    assert!(w.sandbox.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn transcoder_create_answered_206_after_creating_is_retried_into_the_one_task() {
    let w = world().await;
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Create, FaultKind::Code65)
                .applied()
                .times(1),
        )
        .unwrap();
    let row = w
        .engine
        .begin_transcoding(transcoding(&w, "tc-206"))
        .await
        .unwrap();
    assert_eq!(row.state, SessionState::Started);
    assert_eq!(w.sandbox.state().tasks.len(), 1, "one task, not two");
    assert_eq!(
        row.task_id.as_deref(),
        Some(w.sandbox.state().tasks[0].task_id.as_str())
    );
}

#[tokio::test]
async fn transcoder_create_answered_202_carries_its_task() {
    let w = world().await;
    w.sandbox
        .inject(FaultSpec::new(RouteName::Create, FaultKind::Accepted).times(1))
        .unwrap();
    let row = w
        .engine
        .begin_transcoding(transcoding(&w, "tc-202"))
        .await
        .unwrap();
    assert_eq!(row.state, SessionState::Started);
    assert!(row.task_id.is_some());
}

#[tokio::test]
async fn a_retried_delete_that_had_worked_is_stopped_not_an_error() {
    let w = world().await;
    let row = w
        .engine
        .begin_transcoding(transcoding(&w, "tc-del"))
        .await
        .unwrap();
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Delete, FaultKind::HttpError { status: 503 })
                .applied()
                .times(1),
        )
        .unwrap();
    let done = w.engine.delete_transcoding(row.id).await.unwrap();
    assert_eq!(done.state, SessionState::Stopped);
    assert!(done.error.is_none());
}

fn transcoding(w: &World, instance: &str) -> BeginTranscoding {
    BeginTranscoding {
        profile_id: w.profile,
        instance_id: instance.into(),
        create: serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "idleTimeout": 300,
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0, "rtcToken": "t"}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456, "rtcToken": "t"}}]
        }}}}}))
        .unwrap(),
        generate_tokens: false,
    }
}

#[tokio::test]
async fn every_documented_5xx_from_start_leaves_it_may_be_recording_and_found() {
    let w = world().await;
    // 500 code 15 (undocumented, echoes the resourceId), 500 code 502 (worker allocation), 500
    // code 62 (request timeout): each after the start went through.
    for (i, (status, code)) in [(500, 15), (500, 502), (500, 62)].into_iter().enumerate() {
        w.sandbox
            .inject(
                FaultSpec::new(RouteName::Start, FaultKind::AgoraError { status, code })
                    .applied()
                    .times(1),
            )
            .unwrap();
        let cname = format!("five-{i}");
        let err = w
            .engine
            .begin_recording(begin(&w, &cname))
            .await
            .unwrap_err();
        let row = newest(&w);
        assert_eq!(row.state, SessionState::Unknown, "{status}/{code}: {err}");
        assert_eq!(
            serde_json::to_value(row.error.as_ref().unwrap()).unwrap()["agoraCode"],
            code
        );
        w.engine.reconcile().await.unwrap();
        let found = w.engine.session(row.id).await.unwrap();
        assert_eq!(found.state, SessionState::Started, "{status}/{code}");
    }
    // Acquire's code 62 (Cloud Recording not enabled) starts nothing: Failed.
    w.sandbox
        .inject(
            FaultSpec::new(
                RouteName::Acquire,
                FaultKind::AgoraError {
                    status: 400,
                    code: 62,
                },
            )
            .times(1),
        )
        .unwrap();
    let err = w
        .engine
        .begin_recording(begin(&w, "not-enabled"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "agora.service_not_enabled");
    assert_eq!(newest(&w).state, SessionState::Failed);
}

#[tokio::test]
async fn a_sync_stop_whose_upload_outlasts_agoras_wait_is_stopped_with_code_50() {
    // Scaled down: Agora waits 20 s; here 200 ms, for an upload of 400 ms.
    let w = world_with(|mut c| {
        c.sync_stop_limit_ms = 200;
        c
    })
    .await;
    w.sandbox.set_sync_stop_upload_ms(400);
    let row = w.engine.begin_recording(begin(&w, "backup")).await.unwrap();
    w.sandbox.advance(Duration::from_secs(6));
    let out = w.engine.stop_recording(row.id, false).await.unwrap();
    assert_eq!(out.session.state, SessionState::Stopped);
    assert_eq!(out.upload_status.as_deref(), Some("backuped"));
    assert!(out.note.unwrap().contains("code 50"));
    assert!(!out.session.files.is_empty(), "the files Agora listed");
}

#[tokio::test]
async fn ask_agora_now_leaves_a_stop_in_flight_alone() {
    let w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "busy-stop"))
        .await
        .unwrap();
    let store = w.engine.store();
    store
        .update_session(
            row.id,
            &SessionUpdate {
                state: Some(SessionState::Stopping),
                owner: Some(store_owner(&w)),
                ..Default::default()
            },
        )
        .unwrap();
    let after = w.engine.check_session(row.id).await.unwrap();
    assert_eq!(after.state, SessionState::Stopping);
}

#[tokio::test]
async fn an_update_whose_answer_was_lost_and_whose_retry_hears_404_puts_the_truth_on_record() {
    let w = world().await;
    let row = w.engine.begin_recording(begin(&w, "upd")).await.unwrap();
    w.sandbox.advance(Duration::from_secs(6));
    // Applied, answer replaced by a 500; the retry lands in a failover (404).
    w.sandbox
        .inject(
            FaultSpec::new(RouteName::Update, FaultKind::HttpError { status: 500 })
                .applied()
                .times(1),
        )
        .unwrap();
    w.sandbox
        .inject(FaultSpec::new(
            RouteName::Update,
            FaultKind::Failover { seconds: 30 },
        ))
        .unwrap();
    w.sandbox.clear_requests();
    let update: agora_rest::recording::UpdateClientRequest = serde_json::from_value(json!({
        "streamSubscribe": {"audioUidList": {"subscribeAudioUids": ["1001"]}}
    }))
    .unwrap();
    let err = w.engine.update_recording(row.id, update).await.unwrap_err();
    assert_eq!(err.code(), "agora.worker_not_found");
    // The session was asked about right away: it runs, and the row says so.
    let routes: Vec<_> = w
        .sandbox
        .requests()
        .iter()
        .filter_map(|r| r.route)
        .collect();
    assert_eq!(
        routes,
        [RouteName::Update, RouteName::Update, RouteName::Query]
    );
    assert_eq!(
        w.engine.session(row.id).await.unwrap().state,
        SessionState::Started
    );
}
