//! The history against a real sandbox over loopback: a session read back for people (timeline
//! with folded polls and diffs, layouts, files), run again, exported without secrets, deleted
//! only when over.

mod common;

use std::time::Duration;

use agora_rest::codes::MixedVideoLayout;
use agora_rest::recording::*;
use agora_rest::{Sensitive, Uid};
use common::*;
use mixdeck_core::engine::{BeginTranscoding, ExportScope, RerunOutcome};
use mixdeck_core::store::{PresetBody, SessionFilter, SessionKind, SessionState};
use mixdeck_core::vault::SecretKind;
use serde_json::json;

const CERT: &str = "fedcba9876543210fedcba9876543210";

fn layout() -> LayoutSettings {
    LayoutSettings {
        mixed_video_layout: Some(MixedVideoLayout::CUSTOM),
        background_color: Some("#112233".into()),
        layout_config: Some(vec![
            LayoutRegion {
                uid: Some(Uid::from("1001")),
                x_axis: 0.0,
                y_axis: 0.0,
                width: 0.5,
                height: 1.0,
                ..Default::default()
            },
            LayoutRegion {
                x_axis: 0.5,
                y_axis: 0.0,
                width: 0.5,
                height: 1.0,
                ..Default::default()
            },
        ]),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_session_reads_back_with_its_timeline_layouts_and_files() {
    let w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "tuesday"))
        .await
        .unwrap();
    // Three polls with nothing new in between fold into one row; the next one differs.
    for _ in 0..3 {
        w.engine.query_recording(row.id).await.unwrap();
    }
    w.sandbox.advance(Duration::from_secs(30));
    w.engine.query_recording(row.id).await.unwrap();
    w.engine.update_layout(row.id, layout()).await.unwrap();
    w.engine.stop_recording(row.id, false).await.unwrap();

    let d = w.engine.session_detail(row.id).await.unwrap();
    let ops: Vec<(&str, u32)> = d
        .timeline
        .iter()
        .map(|t| (t.event.op.as_str(), t.event.repeats))
        .collect();
    assert_eq!(
        ops,
        [
            ("acquire", 1),
            ("start", 1),
            ("query", 3),
            ("query", 1),
            ("updateLayout", 1),
            ("stop", 1)
        ],
        "{:#?}",
        d.timeline
    );
    assert!(d.timeline[2].event.last_at.is_some());
    assert!(
        d.timeline[3]
            .changes
            .iter()
            .any(|c| c.path.starts_with("serverResponse.fileList")),
        "the poll that found files says so: {:#?}",
        d.timeline[3].changes
    );
    assert!(d.timeline[0]
        .path
        .as_deref()
        .unwrap()
        .ends_with("/cloud_recording/acquire"));
    assert_eq!(
        d.host.as_deref(),
        w.sandbox
            .base_url()
            .split_once("://")
            .map(|(_, h)| h.trim_end_matches('/'))
    );
    assert_eq!(
        d.uploading_status.as_ref().map(|u| u.value.as_str()),
        Some("uploaded")
    );

    let sid = row.sid.clone().unwrap();
    let playlist = d
        .session
        .file_notes
        .iter()
        .find(|f| f.name == format!("{sid}_tuesday.m3u8"))
        .unwrap_or_else(|| panic!("{:#?}", d.session.file_notes));
    assert!(
        playlist.meaning.contains("composite"),
        "{}",
        playlist.meaning
    );

    assert_eq!(d.layouts.len(), 2, "{:#?}", d.layouts);
    assert_eq!(
        (d.layouts[0].op.as_str(), d.layouts[0].canvas.width),
        ("start", 640)
    );
    assert!(
        d.layouts[0].tiles.is_empty(),
        "floating: Agora arranges the users"
    );
    let update = &d.layouts[1];
    assert!(update.accepted);
    assert_eq!(update.background, "#112233");
    assert_eq!(update.tiles.len(), 2);
    assert_eq!(update.tiles[0].label, "uid 1001");
    assert_eq!(update.tiles[1].label, "region 2");
    assert!((update.tiles[1].x - 0.5).abs() < 1e-9);
}

#[tokio::test]
async fn run_again_starts_a_new_recording_with_the_same_settings() {
    let w = world().await;
    w.engine
        .set_secret(w.profile, SecretKind::AppCertificate, Sensitive::from(CERT))
        .await
        .unwrap();
    let mut req = begin(&w, "again");
    req.generate_token = true;
    let first = w.engine.begin_recording(req).await.unwrap();
    w.engine.stop_recording(first.id, false).await.unwrap();

    let plan = w.engine.rerun_plan(first.id).await.unwrap();
    let PresetBody::RecordingStart(t) = &plan.template else {
        panic!("{plan:?}")
    };
    assert_eq!((t.start.cname.as_str(), t.generate_token), ("again", true));
    assert!(
        t.start.client_request.token.is_none(),
        "the old token is not reused"
    );
    let storage = t.start.client_request.storage_config.as_ref().unwrap();
    assert!(
        storage.access_key.expose().is_empty() && storage.secret_key.expose().is_empty(),
        "keys come from the keychain again"
    );

    let RerunOutcome::Preview { requests } = w.engine.rerun(first.id, None, true).await.unwrap()
    else {
        panic!("a dry run previews")
    };
    let ops: Vec<&str> = requests.iter().map(|r| r.op.as_str()).collect();
    assert_eq!(ops, ["acquire", "start"]);
    let text = serde_json::to_string(&requests).unwrap();
    assert!(
        !text.contains(ACCESS_KEY) && !text.contains(STORAGE_SECRET),
        "{text}"
    );
    assert_eq!(
        w.engine
            .store()
            .sessions(&SessionFilter::default())
            .unwrap()
            .total,
        1,
        "a dry run stores nothing"
    );

    let RerunOutcome::Started { session } = w.engine.rerun(first.id, None, false).await.unwrap()
    else {
        panic!("a rerun starts")
    };
    assert_eq!(session.state, SessionState::Started);
    assert_ne!(session.sid, first.sid, "new ids");
    assert_eq!(session.cname, "again");
    assert_eq!(
        session.config.stored()["start"],
        first.config.stored()["start"]
    );
    let sent = w
        .sandbox
        .session(session.sid.as_deref().unwrap())
        .unwrap()
        .start_request
        .unwrap();
    assert_eq!(
        sent["clientRequest"]["storageConfig"]["bucket"],
        "recordings"
    );
    assert_eq!(
        sent["clientRequest"]["token"], "<redacted>",
        "a token was sent"
    );
}

#[tokio::test]
async fn run_again_creates_a_new_transcoding_task_under_a_new_instance_id() {
    let w = world().await;
    w.engine
        .set_secret(w.profile, SecretKind::AppCertificate, Sensitive::from(CERT))
        .await
        .unwrap();
    let create: agora_rest::transcoding::CreateRequest = serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456}, "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"}}]
        }}}}}))
    .unwrap();
    let first = w
        .engine
        .begin_transcoding(BeginTranscoding {
            profile_id: w.profile,
            instance_id: "inst-old".into(),
            create,
            generate_tokens: true,
        })
        .await
        .unwrap();
    w.engine.delete_transcoding(first.id).await.unwrap();
    let RerunOutcome::Started { session } = w.engine.rerun(first.id, None, false).await.unwrap()
    else {
        panic!("a rerun starts")
    };
    assert_eq!(session.kind, SessionKind::Transcoding);
    assert_eq!(session.state, SessionState::Started);
    assert_ne!(session.cname, "inst-old");
    assert!(session.cname.starts_with("mixdeck-"), "{}", session.cname);
    let task = w.sandbox.task(session.task_id.as_deref().unwrap()).unwrap();
    assert_eq!(task.instance_id, session.cname);
}

#[tokio::test]
async fn an_export_holds_no_secret_and_follows_the_filter() {
    let w = world().await;
    w.engine
        .set_secret(w.profile, SecretKind::AppCertificate, Sensitive::from(CERT))
        .await
        .unwrap();
    let mut req = begin(&w, "export-a");
    req.generate_token = true;
    let a = w.engine.begin_recording(req).await.unwrap();
    w.engine.query_recording(a.id).await.unwrap();
    w.engine.stop_recording(a.id, false).await.unwrap();
    let create: agora_rest::transcoding::CreateRequest = serde_json::from_value(json!({"services": {"cloudTranscoder": {
        "serviceType": "cloudTranscoderV2", "config": {"transcoder": {
            "audioInputs": [{"rtc": {"rtcChannel": "in", "rtcUid": 0}}],
            "outputs": [{"rtc": {"rtcChannel": "out", "rtcUid": 456}, "audioOption": {"profileType": "AUDIO_PROFILE_DEFAULT"}}]
        }}}}}))
    .unwrap();
    let t = w
        .engine
        .begin_transcoding(BeginTranscoding {
            profile_id: w.profile,
            instance_id: "export-b".into(),
            create,
            generate_tokens: true,
        })
        .await
        .unwrap();
    let row = w.engine.store().session(t.id).unwrap();
    let builder_token = w
        .sandbox
        .task(row.task_id.as_deref().unwrap())
        .unwrap()
        .builder_token;
    assert!(
        builder_token.ends_with(row.builder_token_last4.as_deref().unwrap()),
        "the row keeps the token's last 4 only"
    );

    let all = w
        .engine
        .export_history(ExportScope::Filter {
            filter: SessionFilter::default(),
        })
        .await
        .unwrap();
    assert_eq!(all.sessions.len(), 2);
    let text = serde_json::to_string(&all).unwrap();
    for secret in [
        ACCESS_KEY,
        STORAGE_SECRET,
        CUSTOMER_SECRET,
        CERT,
        builder_token.as_str(),
    ] {
        assert!(!text.contains(secret), "{secret} in the export");
    }
    assert!(
        !text.contains("\"007"),
        "no RTC token (they start with 007)"
    );
    let only = w
        .engine
        .export_history(ExportScope::Filter {
            filter: SessionFilter {
                kind: Some(SessionKind::Transcoding),
                limit: Some(1),
                ..Default::default()
            },
        })
        .await
        .unwrap();
    assert_eq!(only.sessions.len(), 1);
    assert_eq!(only.sessions[0].session.id, t.id);
}

#[tokio::test]
async fn deleting_refuses_a_session_that_may_run_and_forgets_one_that_is_over() {
    let w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "forget-me"))
        .await
        .unwrap();
    let err = w.engine.delete_session(row.id).await.unwrap_err();
    assert!(err.to_string().contains("may still be running"), "{err}");
    w.engine.stop_recording(row.id, false).await.unwrap();
    w.engine.delete_session(row.id).await.unwrap();
    assert!(w.engine.session(row.id).await.is_err());
    assert!(w.engine.store().session_events(row.id).unwrap().is_empty());
}

/// A session with more requests than a page: the detail carries the newest page and how many
/// came before, older pages follow on request until none is left, and the layouts still count
/// an update far older than the page.
#[tokio::test]
async fn a_long_timeline_comes_a_page_at_a_time() {
    use agora_rest::{Exchange, Op};
    use mixdeck_core::engine::TIMELINE_PAGE;
    let w = world().await;
    let row = w
        .engine
        .begin_recording(begin(&w, "long-room"))
        .await
        .unwrap();
    w.engine.flush_log().await;
    let store = w.engine.store();
    let exchange = |op: Op, body: serde_json::Value| Exchange {
        op,
        method: "POST".into(),
        url: "http://127.0.0.1/v1/apps/a/cloud_recording/x".into(),
        attempt: 1,
        request_body: Some(body),
        status: Some(200),
        response_body: Some("{}".into()),
        error: None,
        elapsed_ms: 1,
        request_id: None,
    };
    store
        .append_exchange(
            row.id,
            &exchange(
                Op::UpdateLayout,
                json!({"cname": "long-room", "uid": "527841", "clientRequest": {"mixedVideoLayout": 1}}),
            ),
        )
        .unwrap();
    for n in 0..450 {
        // Each answer differs, so nothing folds.
        let mut q = exchange(Op::Query, json!(null));
        q.request_body = None;
        q.response_body = Some(format!(r#"{{"n": {n}}}"#));
        store.append_exchange(row.id, &q).unwrap();
    }
    let total = store.session_events(row.id).unwrap().len() as u32;
    let d = w.engine.session_detail(row.id).await.unwrap();
    assert_eq!(d.timeline.len() as u32, TIMELINE_PAGE);
    assert_eq!(d.earlier, total - TIMELINE_PAGE);
    assert_eq!(
        d.timeline.last().unwrap().event.response_body.as_deref(),
        Some(r#"{"n":449}"#),
        "the newest come first"
    );
    assert_eq!(
        d.layouts.len(),
        2,
        "start and the early update: {:?}",
        d.layouts
    );

    let mut seen = d.timeline.len() as u32;
    let mut before = d.timeline[0].event.id;
    let mut earlier = d.earlier;
    while earlier > 0 {
        let page = w.engine.session_timeline(row.id, before).await.unwrap();
        assert!(!page.entries.is_empty() && page.entries.len() as u32 <= TIMELINE_PAGE);
        assert!(page.entries.iter().all(|e| e.event.id < before));
        assert_eq!(page.earlier, earlier - page.entries.len() as u32);
        seen += page.entries.len() as u32;
        before = page.entries[0].event.id;
        earlier = page.earlier;
    }
    assert_eq!(seen, total, "every request was reached once");
}
