//! The history database as the engine uses it: crash-safe rows, filters, the redacted log.

use agora_rest::recording::Mode;
use agora_rest::{Exchange, Op};
use mixdeck_core::store::*;
use serde_json::json;

fn new_session(cname: &str, kind: SessionKind, mode: Option<Mode>) -> NewSession {
    NewSession {
        profile_id: None,
        profile_name: "Sandbox".into(),
        kind,
        mode,
        cname: cname.into(),
        uid: Some("527841".into()),
        config: recording_config(
            cname,
            json!({"token": "rtc-secret", "storageConfig": {"vendor": 1, "region": 0, "bucket": "b", "accessKey": "ak", "secretKey": "sk-secret"}}),
            72,
        ),
        created_at: None,
        owner: None,
    }
}

/// A recording's stored bodies: `start` carries `client_request`, acquire asks for `hours`.
fn recording_config(cname: &str, client_request: serde_json::Value, hours: u32) -> SessionConfig {
    let config = SessionConfig::read(
        SessionKind::Recording,
        json!({
            "acquire": {"cname": cname, "uid": "527841", "clientRequest": {"resourceExpiredHour": hours}},
            "start": {"cname": cname, "uid": "527841", "clientRequest": client_request},
        }),
    );
    assert!(config.recording().is_some(), "{config:?}");
    config
}

#[test]
fn a_session_survives_reopening_the_file_at_every_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let id = {
        let store = Store::open(&path).unwrap();
        let s = store
            .insert_session(&new_session(
                "room",
                SessionKind::Recording,
                Some(Mode::Mix),
            ))
            .unwrap();
        assert_eq!(s.state, SessionState::Acquiring);
        store
            .update_session(
                s.id,
                &SessionUpdate {
                    state: Some(SessionState::Starting),
                    resource_id: Some("RID".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        s.id
        // dropped without any shutdown: as if the app died here
    };
    let store = Store::open(&path).unwrap();
    let open = store.open_sessions().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].id, open[0].state, open[0].resource_id.as_deref()),
        (id, SessionState::Starting, Some("RID"))
    );
    let done = store
        .update_session(
            id,
            &SessionUpdate {
                state: Some(SessionState::Stopped),
                sid: Some("SID".into()),
                files: Some(vec!["SID_room.m3u8".into()]),
                last_status: Some(json!({"status": 5})),
                ended_at: Some(now_ms()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(done.files, ["SID_room.m3u8"]);
    assert!(store.open_sessions().unwrap().is_empty());
}

#[test]
fn stored_config_and_events_are_redacted() {
    let store = Store::in_memory().unwrap();
    let s = store
        .insert_session(&new_session(
            "room",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    // As read back from the file, not re-redacted on the way out.
    let SessionConfig::Recording { start, .. } = &s.config else {
        panic!("{:?}", s.config);
    };
    let start = serde_json::to_value(start).unwrap();
    assert_eq!(start["clientRequest"]["token"], "<redacted>");
    assert_eq!(
        start["clientRequest"]["storageConfig"]["secretKey"],
        "<redacted>"
    );
    assert_eq!(start["clientRequest"]["storageConfig"]["bucket"], "b");
    store
        .append_exchange(
            s.id,
            &Exchange {
                op: Op::Start,
                method: "POST".into(),
                url: "http://127.0.0.1/x".into(),
                attempt: 1,
                request_body: Some(json!({"clientRequest": {"token": "rtc-secret"}})),
                status: Some(200),
                response_body: Some(r#"{"sid":"S","secretKey":"echoed-secret"}"#.into()),
                error: None,
                elapsed_ms: 12,
                request_id: Some("req".into()),
            },
        )
        .unwrap();
    let events = store.session_events(s.id).unwrap();
    assert_eq!(events.len(), 1);
    let text = serde_json::to_string(&events).unwrap();
    assert!(
        !text.contains("rtc-secret") && !text.contains("echoed-secret"),
        "{text}"
    );
    assert_eq!(events[0].op, "start");
    assert_eq!(events[0].status, Some(200));
}

#[test]
fn history_filters_combine_and_paginate_newest_first() {
    let store = Store::in_memory().unwrap();
    let mut ids = Vec::new();
    for i in 0..30 {
        let (kind, mode) = if i % 3 == 0 {
            (SessionKind::Transcoding, None)
        } else {
            (SessionKind::Recording, Some(Mode::Mix))
        };
        let s = store
            .insert_session(&new_session(&format!("room-{}", i % 5), kind, mode))
            .unwrap();
        if i % 2 == 0 {
            store
                .update_session(
                    s.id,
                    &SessionUpdate {
                        state: Some(SessionState::Stopped),
                        sid: Some(format!("sid{i:04}x")),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
        ids.push(s.id);
    }
    let all = store.sessions(&SessionFilter::default()).unwrap();
    assert_eq!(all.total, 30);
    assert_eq!(all.items[0].id, *ids.last().unwrap(), "newest first");

    let page = store
        .sessions(&SessionFilter {
            limit: Some(7),
            offset: Some(7),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((page.total, page.items.len()), (30, 7));
    assert_eq!(page.items[0].id, ids[30 - 8]);

    let rec = store
        .sessions(&SessionFilter {
            kind: Some(SessionKind::Recording),
            mode: Some(Mode::Mix),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rec.total, 20);
    let stopped_room = store
        .sessions(&SessionFilter {
            state: Some(SessionState::Stopped),
            cname: Some("room-0".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(stopped_room
        .items
        .iter()
        .all(|s| s.cname == "room-0" && s.state == SessionState::Stopped));
    assert_eq!(stopped_room.total, 3);
    let by_sid = store
        .sessions(&SessionFilter {
            text: Some("sid0012".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_sid.total, 1);
    // LIKE wildcards in the user's text are literal.
    let none = store
        .sessions(&SessionFilter {
            text: Some("room_%".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(none.total, 0);
    let future = store
        .sessions(&SessionFilter {
            from: Some(now_ms() + 60_000),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(future.total, 0);
}

fn start_template(token: &str, max_idle: u32) -> PresetBody {
    PresetBody::read(
        PresetKind::RecordingStart,
        json!({"mode": "mix", "start": {"cname": "", "uid": "", "clientRequest": {
            "token": token, "recordingConfig": {"channelType": 0, "maxIdleTime": max_idle}}}}),
    )
    .unwrap()
}

#[test]
fn presets_are_named_per_kind_redacted_and_replaced_by_name() {
    let store = Store::in_memory().unwrap();
    let a = store
        .save_preset("Mix 720p", &start_template("t", 30))
        .unwrap();
    assert_eq!(
        a.body,
        start_template("<redacted>", 30),
        "the token is not kept"
    );
    let b = store
        .save_preset("Mix 720p", &start_template("", 300))
        .unwrap();
    assert_eq!(a.id, b.id);
    let layout =
        PresetBody::read(PresetKind::Layout, json!({"layout": {"layoutConfig": []}})).unwrap();
    store.save_preset("Mix 720p", &layout).unwrap();
    assert_eq!(store.presets(None).unwrap().len(), 2);
    assert_eq!(store.presets(Some(PresetKind::Layout)).unwrap().len(), 1);
    assert!(store.save_preset("  ", &layout).is_err());
    store.delete_preset(b.id).unwrap();
    assert_eq!(
        store
            .presets(Some(PresetKind::RecordingStart))
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn a_preset_file_imports_all_or_nothing_and_reads_back_typed() {
    let store = Store::in_memory().unwrap();
    let grid = PresetBody::read(
        PresetKind::Layout,
        json!({"layout": {"mixedVideoLayout": 1}}),
    )
    .unwrap();
    let entries = vec![
        PresetEntry {
            name: "Grid".into(),
            body: grid.clone(),
        },
        PresetEntry {
            name: "Mix".into(),
            body: start_template("", 60),
        },
    ];
    let text = preset_file_text(&entries);
    let saved = store
        .import_presets(&parse_preset_file(&text).unwrap())
        .unwrap();
    assert_eq!(
        saved.iter().map(|p| p.body.kind()).collect::<Vec<_>>(),
        [PresetKind::Layout, PresetKind::RecordingStart]
    );
    assert_eq!(
        store.presets(Some(PresetKind::Layout)).unwrap()[0].body,
        grid
    );

    // The second entry has no name: the first is not saved either.
    let bad = vec![
        PresetEntry {
            name: "Other".into(),
            body: grid,
        },
        PresetEntry {
            name: " ".into(),
            body: start_template("", 60),
        },
    ];
    assert!(store.import_presets(&bad).is_err());
    assert_eq!(
        store.presets(None).unwrap().len(),
        2,
        "nothing of the failed import stays"
    );
}

#[test]
fn an_import_never_replaces_a_different_preset_of_the_same_name() {
    let store = Store::in_memory().unwrap();
    let mine = start_template("", 60);
    store.save_preset("Mix", &mine).unwrap();
    let theirs = start_template("", 120);
    let entry = |body: &PresetBody| PresetEntry {
        name: "Mix".into(),
        body: body.clone(),
    };
    let saved = store.import_presets(&[entry(&theirs)]).unwrap();
    assert_eq!(saved[0].name, "Mix (imported)");
    let again = store.import_presets(&[entry(&theirs)]).unwrap();
    assert_eq!(
        again[0].name, "Mix (imported)",
        "the same preset again is not a copy"
    );
    let third = store
        .import_presets(&[entry(&start_template("", 90))])
        .unwrap();
    assert_eq!(third[0].name, "Mix (imported 2)");
    let same = store.import_presets(&[entry(&mine)]).unwrap();
    assert_eq!(same[0].name, "Mix");
    let by_name: Vec<(String, PresetBody)> = store
        .presets(Some(PresetKind::RecordingStart))
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.body))
        .collect();
    assert_eq!(by_name.len(), 3);
    // The user's own is untouched (as stored: secrets redacted).
    assert_eq!(by_name[0].0, "Mix");
    assert_eq!(
        serde_json::to_value(&by_name[0].1).unwrap(),
        serde_json::to_value(&mine).unwrap()
    );
}

#[test]
fn text_search_finds_substrings_case_insensitively_and_follows_updates() {
    let store = Store::in_memory().unwrap();
    let a = store
        .insert_session(&new_session(
            "Morning-Show",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    let b = store
        .insert_session(&new_session(
            "evening",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    let find = |text: &str| -> Vec<SessionId> {
        store
            .sessions(&SessionFilter {
                text: Some(text.into()),
                ..Default::default()
            })
            .unwrap()
            .items
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(find("ning-sh"), [a.id], "substring, any case");
    assert_eq!(find("NING"), [b.id, a.id], "both, newest first");
    assert_eq!(find("ni"), [b.id, a.id], "short searches still work");
    store
        .update_session(
            b.id,
            &SessionUpdate {
                sid: Some("5f3ab0c0ffee".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(find("c0ffee"), [b.id], "ids set later are searchable");
    assert_eq!(
        find("say \"hi\""),
        Vec::<SessionId>::new(),
        "quotes are literal"
    );
    assert_eq!(find("527841"), [b.id, a.id], "the uid is searchable");
    store
        .update_session(
            b.id,
            &SessionUpdate {
                state: Some(SessionState::Stopped),
                ..Default::default()
            },
        )
        .unwrap();
    store.delete_session(b.id).unwrap();
    assert_eq!(find("c0ffee"), Vec::<SessionId>::new());
}

fn query(body: &str) -> Exchange {
    Exchange {
        op: Op::Query,
        method: "GET".into(),
        url: "http://127.0.0.1/v1/apps/a/cloud_recording/resourceid/r/sid/s/mode/mix/query".into(),
        attempt: 1,
        request_body: None,
        status: Some(200),
        response_body: Some(body.into()),
        error: None,
        elapsed_ms: 9,
        request_id: None,
    }
}

#[test]
fn a_poll_answered_as_before_is_counted_not_stored_again() {
    let store = Store::in_memory().unwrap();
    let s = store
        .insert_session(&new_session(
            "room",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    let same = r#"{"serverResponse": {"status": 5}}"#;
    for _ in 0..50 {
        store.append_exchange(s.id, &query(same)).unwrap();
    }
    store
        .append_exchange(s.id, &query(r#"{"serverResponse": {"status": 6}}"#))
        .unwrap();
    store.append_exchange(s.id, &query(same)).unwrap();
    let events = store.session_events(s.id).unwrap();
    let kept: Vec<u32> = events.iter().map(|e| e.repeats).collect();
    assert_eq!(kept, [50, 1, 1], "only a change starts a new row");
    assert!(events[0].last_at.unwrap() >= events[0].at);
    assert_eq!(events[1].last_at, None);
    // Only polls fold: two identical stops are two requests.
    let mut stop = query("{}");
    stop.op = Op::Stop;
    store.append_exchange(s.id, &stop).unwrap();
    store.append_exchange(s.id, &stop).unwrap();
    assert_eq!(store.session_events(s.id).unwrap().len(), 5);
}

#[test]
fn retention_deletes_old_sessions_that_are_over_never_one_that_may_run() {
    let store = Store::in_memory().unwrap();
    assert_eq!(store.retention().unwrap(), Retention { keep_days: None });
    let day = 86_400_000;
    let old = |cname: &str, state: SessionState| {
        let row = store
            .insert_session(&NewSession {
                created_at: Some(now_ms() - 40 * day),
                ..new_session(cname, SessionKind::Recording, Some(Mode::Mix))
            })
            .unwrap();
        store
            .update_session(
                row.id,
                &SessionUpdate {
                    state: Some(state),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    let over = old("old-stopped", SessionState::Stopped);
    let billing = old("old-unknown", SessionState::Unknown);
    let recent = store
        .insert_session(&new_session(
            "recent",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    assert_eq!(
        store.apply_retention().unwrap(),
        0,
        "keep everything by default"
    );
    assert!(
        store
            .set_retention(Retention {
                keep_days: Some(12)
            })
            .is_err(),
        "only the offered ages"
    );
    store
        .set_retention(Retention {
            keep_days: Some(30),
        })
        .unwrap();
    assert_eq!(store.apply_retention().unwrap(), 1);
    assert!(store.session(over.id).is_err());
    assert!(store.session(billing.id).is_ok(), "may be billing: kept");
    assert!(store.session(recent.id).is_ok());
    assert_eq!(store.retention().unwrap().keep_days, Some(30));
}

/// What a row means is computed once, in Rust: open or not, Agora's status in words, and when
/// the resource stops answering. The UI only words it.
#[test]
fn rows_carry_their_open_state_agoras_status_label_and_the_resource_deadline() {
    let store = Store::in_memory().unwrap();
    let mut fresh = new_session("room", SessionKind::Recording, Some(Mode::Mix));
    fresh.config = recording_config("room", json!({}), 2);
    let s = store.insert_session(&fresh).unwrap();
    assert!(s.is_open);
    assert_eq!(s.agora_status, None);
    assert_eq!(s.resource_deadline, None, "no resource acquired yet");

    let acquired = store
        .update_session(
            s.id,
            &SessionUpdate {
                state: Some(SessionState::Starting),
                resource_id: Some("RID".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        acquired.resource_deadline,
        Some(ResourceDeadline {
            at_ms: acquired.created_at + 300_000,
            kind: DeadlineKind::StartBy,
        })
    );

    let running = store
        .update_session(
            s.id,
            &SessionUpdate {
                state: Some(SessionState::Started),
                sid: Some("SID".into()),
                started_at: Some(10_000),
                last_status: Some(json!({"status": 1})),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        running.resource_deadline,
        Some(ResourceDeadline {
            at_ms: 10_000 + 2 * 3_600_000,
            kind: DeadlineKind::ApiUntil,
        })
    );
    let status = running.agora_status.unwrap();
    assert_eq!(
        (status.code, status.label.as_str(), status.documented),
        (Some(1), "initialization done", true)
    );

    let odd = store
        .update_session(
            s.id,
            &SessionUpdate {
                state: Some(SessionState::Ended),
                last_status: Some(json!({"status": 42})),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(!odd.is_open);
    let status = odd.agora_status.unwrap();
    assert_eq!(
        (status.label.as_str(), status.documented),
        ("status 42 (not documented)", false)
    );
}

/// The last answer is typed by the session's kind, and the web page's pause comes with the row.
#[test]
fn the_last_answer_is_typed_by_kind_with_the_web_pause_read_in_rust() {
    let store = Store::in_memory().unwrap();
    let web = store
        .insert_session(&new_session(
            "page",
            SessionKind::Recording,
            Some(Mode::Web),
        ))
        .unwrap();
    let web = store
        .update_session(
            web.id,
            &SessionUpdate {
                last_status: Some(json!({"status": 5, "extensionServiceState": [
                    {"serviceName": "web_recorder_service", "payload": {"state": "inProgress", "onhold": true}}
                ]})),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(matches!(web.last_status, Some(LastStatus::Recording(_))));
    assert_eq!(web.web_onhold, Some(true));
    let task = store
        .insert_session(&new_session("inst-1", SessionKind::Transcoding, None))
        .unwrap();
    let task = store
        .update_session(
            task.id,
            &SessionUpdate {
                last_status: Some(json!({"taskId": "T", "status": "IN_PROGRESS", "createTs": 1})),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(matches!(task.last_status, Some(LastStatus::Transcoding(_))));
    assert_eq!(task.web_onhold, None);
    let status = task.agora_status.clone().unwrap();
    assert_eq!(
        (status.name.as_deref(), status.documented),
        (Some("IN_PROGRESS"), true)
    );
    let json = serde_json::to_value(&task).unwrap();
    assert_eq!(
        json["lastStatus"]["kind"], "transcoding",
        "tagged for the UI"
    );
}

#[test]
fn sequence_ids_are_claimed_once_each_across_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let id = Store::open(&path)
        .unwrap()
        .insert_session(&new_session("inst-1", SessionKind::Transcoding, None))
        .unwrap()
        .id;
    // Two processes' worth of connections, claiming at once.
    let claims: Vec<i64> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let store = Store::open(&path).unwrap();
                s.spawn(move || {
                    (0..50)
                        .map(|_| store.claim_sequence_id(id, None).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let mut sorted = claims.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        (1..=100).collect::<Vec<i64>>(),
        "every id once, from 1"
    );
    // Agora's own count wins when it is ahead.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.claim_sequence_id(id, Some(500)).unwrap(), 501);
}

#[test]
fn open_sessions_are_found_however_old_they_are() {
    let store = Store::in_memory().unwrap();
    let mut old = new_session("old-but-running", SessionKind::Recording, Some(Mode::Mix));
    old.created_at = Some(1_000);
    let old = store.insert_session(&old).unwrap();
    store
        .update_session(
            old.id,
            &SessionUpdate {
                state: Some(SessionState::Unknown),
                ..Default::default()
            },
        )
        .unwrap();
    for i in 0..5 {
        let s = store
            .insert_session(&new_session(
                &format!("done-{i}"),
                SessionKind::Transcoding,
                None,
            ))
            .unwrap();
        store
            .update_session(
                s.id,
                &SessionUpdate {
                    state: Some(SessionState::Stopped),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let page = |open: bool| {
        store
            .sessions(&SessionFilter {
                open: Some(open),
                limit: Some(2),
                ..Default::default()
            })
            .unwrap()
    };
    let open = page(true);
    assert_eq!(
        (open.total, open.items[0].id),
        (1, old.id),
        "past the newest page"
    );
    assert_eq!(page(false).total, 5);
}

#[cfg(unix)]
#[test]
fn the_history_file_is_readable_by_its_user_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let store = Store::open(&path).unwrap();
    store
        .insert_session(&new_session(
            "room",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", path.display());
        if let Ok(meta) = std::fs::metadata(&file) {
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file}");
        }
    }
    drop(store);
    // A new data directory is created 0700; one that exists is left as the user made it.
    let fresh = dir.path().join("new-data-dir");
    mixdeck_core::paths::create_private_dir(&fresh).unwrap();
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn a_text_search_with_many_matches_pages_newest_first_with_the_right_total() {
    let store = Store::in_memory().unwrap();
    let mut matching = Vec::new();
    for i in 0..300 {
        let cname = if i % 3 == 0 {
            format!("other-{i}")
        } else {
            format!("common-{i}")
        };
        let row = store
            .insert_session(&NewSession {
                created_at: Some(1_000_000 + i),
                ..new_session(&cname, SessionKind::Recording, Some(Mode::Mix))
            })
            .unwrap();
        if i % 3 != 0 {
            matching.push(row.id);
        }
    }
    matching.reverse();
    // Many matches (the page walks the newest sessions) and few (it looks them up): the same rows.
    for (text, expected) in [("common", matching.clone()), ("common-29", vec![])] {
        let mut got = Vec::new();
        let mut offset = 0;
        loop {
            let page = store
                .sessions(&SessionFilter {
                    text: Some(text.into()),
                    limit: Some(50),
                    offset: Some(offset),
                    ..Default::default()
                })
                .unwrap();
            if text == "common" {
                assert_eq!(page.total, 200);
            }
            if page.items.is_empty() {
                break;
            }
            offset += page.items.len() as u32;
            got.extend(page.items.into_iter().map(|s| s.id));
        }
        if text == "common" {
            assert_eq!(got, expected, "every match once, newest first");
        } else {
            assert_eq!(
                got.len(),
                8,
                "common-29 and the common-290…299 that are not multiples of 3"
            );
        }
    }
}

/// The app and the CLI opening a new database at the same moment: every opener gets the full
/// schema, none fails on a migration the other just applied ("table already exists").
#[test]
fn openers_racing_on_a_new_database_all_get_the_schema() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.sqlite3");
        let openers = 6;
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(openers));
        let handles: Vec<_> = (0..openers)
            .map(|_| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path).map(|s| s.schema_version().unwrap())
                })
            })
            .collect();
        let versions: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let want = Store::in_memory().unwrap().schema_version().unwrap();
        for v in versions {
            match v {
                Ok(v) => assert_eq!(v, want, "round {round}"),
                Err(e) => panic!("round {round}: an opener failed: {e}"),
            }
        }
    }
}

/// One row with damaged JSON (text that is not JSON, a blob where text belongs) stays listed,
/// names what could not be read, and hides none of the other rows, in the history and among the
/// open sessions the monitor polls.
#[test]
fn a_damaged_row_is_listed_with_what_could_not_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let store = Store::open(&path).unwrap();
    let good = store
        .insert_session(&new_session(
            "good",
            SessionKind::Recording,
            Some(Mode::Mix),
        ))
        .unwrap();
    let bad = store
        .insert_session(&new_session("bad", SessionKind::Recording, Some(Mode::Mix)))
        .unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE sessions SET config = '{not json', files = x'00ff', last_status = '[' WHERE id = ?1",
        [bad.id.0],
    )
    .unwrap();
    drop(raw);

    let page = store.sessions(&SessionFilter::default()).unwrap();
    assert_eq!(page.items.len(), 2, "{page:?}");
    let b = page.items.iter().find(|s| s.id == bad.id).unwrap();
    assert_eq!(b.unreadable, ["last_status", "files", "config"], "{b:?}");
    assert_eq!(b.cname, "bad");
    assert!(b.is_open, "a session that may be running stays open: {b:?}");
    let g = page.items.iter().find(|s| s.id == good.id).unwrap();
    assert!(g.unreadable.is_empty(), "{g:?}");
    let open: Vec<_> = store
        .open_sessions()
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(open, [good.id, bad.id]);
    assert_eq!(store.session(bad.id).unwrap().unreadable.len(), 3);
}
