//! The bodies of successful answers, built from agora-rest's response types so that the
//! sandbox and the client agree on every field name.
//!
//! File lists appear in `query` once the status is 5 (the first file is uploaded), and in full at
//! `stop`, where individual and mix answer `uploadingStatus: "uploaded"` and web answers the
//! `upload_service` and `web_recorder_service` entries.

use agora_rest::codes::RecordingStatus;
use agora_rest::recording::{
    ExtensionPayload, ExtensionServiceState, FileList, FileListModeKnown, RtmpOutputState,
    RtmpStatusKnown, ServerResponse, ServiceNameKnown, SessionResponse, StatusResponse,
    UploadingStatusKnown, WebRecorderStateKnown,
};
use agora_rest::{ResourceId, Sid};

use super::session::Session;
use crate::channels::Channels;
use crate::files::{individual_files, mix_files, web_files};
use crate::wire::recording::Mode;

/// `{cname, uid, resourceId, sid}`: start, update and updateLayout.
pub fn session(s: &Session) -> SessionResponse {
    SessionResponse {
        cname: Some(s.cname.clone()),
        uid: Some(s.uid.clone()),
        resource_id: ResourceId::new(s.resource_id.clone()),
        sid: Sid::new(s.sid.clone()),
        extra: Default::default(),
    }
}

fn status_response(s: &Session, server_response: ServerResponse) -> StatusResponse {
    StatusResponse {
        cname: Some(s.cname.clone()),
        uid: Some(s.uid.clone()),
        resource_id: ResourceId::new(s.resource_id.clone()),
        sid: Sid::new(s.sid.clone()),
        server_response: Some(server_response),
        extra: Default::default(),
    }
}

/// The recorded files of individual and mix sessions by `until`, if any.
fn recorded_files(s: &Session, channels: &Channels, until: i64, out: &mut ServerResponse) {
    if s.snapshot_only {
        // Snapshots are uploaded as they are taken; the answers name none of them.
        out.slice_start_time = s
            .recorded_tracks(channels, until)
            .iter()
            .map(|t| t.since_ms)
            .min();
        return;
    }
    match s.mode {
        Mode::Individual => {
            let tracks = s.recorded_tracks(channels, until);
            out.slice_start_time = tracks.iter().map(|t| t.since_ms).min();
            out.file_list_mode = Some(FileListModeKnown::Json.into());
            out.file_list = Some(FileList::Files(individual_files(
                &s.sid,
                &s.cname,
                &tracks,
                s.stream_mode.as_deref(),
            )));
        }
        Mode::Mix => {
            if let Some(since) = s.first_recorded(channels, until) {
                let (mode, list) =
                    mix_files(&s.sid, &s.cname, &s.av_file_types, s.stream_types, since);
                out.slice_start_time = Some(since);
                out.file_list_mode = Some(mode);
                out.file_list = Some(list);
            }
        }
        Mode::Web => {}
    }
}

fn web_recorder_payload(s: &Session, until: i64, state: WebRecorderStateKnown) -> ExtensionPayload {
    let files = s
        .web_recorded_since(until)
        .map(|since| web_files(&s.sid, &s.cname, &s.av_file_types, since))
        .unwrap_or_default();
    ExtensionPayload {
        state: Some(state.into()),
        onhold: Some(s.onhold_at(until)),
        file_list: Some(files),
        ..Default::default()
    }
}

/// `query`.
pub fn query(s: &Session, channels: &Channels, now_ms: i64) -> StatusResponse {
    let status = s.status(channels, now_ms);
    let mut out = ServerResponse {
        status: Some(status),
        ..Default::default()
    };
    let ready = status >= RecordingStatus::READY;
    match s.mode {
        Mode::Individual | Mode::Mix if status == RecordingStatus::IN_PROGRESS => {
            recorded_files(s, channels, now_ms, &mut out);
        }
        Mode::Individual | Mode::Mix => {}
        Mode::Web => {
            let state = if ready {
                WebRecorderStateKnown::InProgress
            } else {
                WebRecorderStateKnown::Init
            };
            let mut payload = web_recorder_payload(s, now_ms, state);
            if status != RecordingStatus::IN_PROGRESS {
                payload.file_list = Some(Vec::new());
            }
            let mut states = vec![ExtensionServiceState {
                service_name: ServiceNameKnown::WebRecorder.into(),
                payload: Some(payload),
                extra: Default::default(),
            }];
            if !s.rtmp_outputs.is_empty() {
                let rtmp_status = match (ready, s.onhold_at(now_ms)) {
                    (false, _) => RtmpStatusKnown::Connecting,
                    (true, true) => RtmpStatusKnown::Onhold,
                    (true, false) => RtmpStatusKnown::Publishing,
                };
                let outputs = s
                    .rtmp_outputs
                    .iter()
                    .map(|url| RtmpOutputState {
                        rtmp_url: url.as_str().into(),
                        status: Some(rtmp_status.into()),
                        extra: Default::default(),
                    })
                    .collect();
                states.push(ExtensionServiceState {
                    service_name: ServiceNameKnown::RtmpPublish.into(),
                    payload: Some(ExtensionPayload {
                        outputs: Some(outputs),
                        ..Default::default()
                    }),
                    extra: Default::default(),
                });
            }
            out.extension_service_state = Some(states);
        }
    }
    status_response(s, out)
}

/// `stop` that found recorded data.
pub fn stop(s: &Session, channels: &Channels, now_ms: i64) -> StatusResponse {
    let mut out = ServerResponse::default();
    match s.mode {
        Mode::Individual | Mode::Mix => {
            recorded_files(s, channels, now_ms, &mut out);
            // The top-level sliceStartTime is a query field.
            out.slice_start_time = None;
            // Refused by the user's storage, the uploader leaves the files in Agora's backup.
            out.uploading_status = Some(if s.upload_refused {
                UploadingStatusKnown::Backuped.into()
            } else {
                UploadingStatusKnown::Uploaded.into()
            });
        }
        Mode::Web => {
            out.extension_service_state = Some(vec![
                ExtensionServiceState {
                    service_name: ServiceNameKnown::Upload.into(),
                    payload: Some(ExtensionPayload {
                        uploading_status: Some(UploadingStatusKnown::Uploaded.into()),
                        ..Default::default()
                    }),
                    extra: Default::default(),
                },
                ExtensionServiceState {
                    service_name: ServiceNameKnown::WebRecorder.into(),
                    payload: Some(web_recorder_payload(s, now_ms, WebRecorderStateKnown::Exit)),
                    extra: Default::default(),
                },
            ]);
        }
    }
    status_response(s, out)
}

/// `query` while the session exits after a stop (or its idle end): the final files, with
/// status 6 (stop requested) for the first second, 7 (components stopped) until 3 s, then 8.
pub fn exiting(s: &Session, channels: &Channels, end_ms: i64, now_ms: i64) -> StatusResponse {
    let mut r = stop(s, channels, end_ms);
    let sr = r.server_response.get_or_insert_with(Default::default);
    let abnormal = s
        .end
        .is_some_and(|e| e.reason == super::session::EndReason::UidConflict);
    sr.status = Some(match now_ms - end_ms {
        _ if abnormal => RecordingStatus::EXITED_ABNORMALLY,
        e if e < 1000 => RecordingStatus::STOP_REQUESTED,
        e if e < 3000 => RecordingStatus::STOPPED,
        _ => RecordingStatus::EXITED,
    });
    // A stop field, not a query one.
    sr.uploading_status = None;
    r
}

/// A synchronous stop whose upload outlasted Agora's 20 s: HTTP 206, code 50, and the stop's
/// body with `uploadingStatus: "backuped"` (the rest reaches your storage from Agora's backup).
pub fn upload_timeout(mut stopped: StatusResponse) -> crate::reply::Reply {
    if let Some(sr) = stopped.server_response.as_mut() {
        if sr.uploading_status.is_some() {
            sr.uploading_status = Some(UploadingStatusKnown::Backuped.into());
        }
        for state in sr.extension_service_state.iter_mut().flatten() {
            if let Some(p) = state
                .payload
                .as_mut()
                .filter(|p| p.uploading_status.is_some())
            {
                p.uploading_status = Some(UploadingStatusKnown::Backuped.into());
            }
        }
    }
    let mut value = agora_rest::reveal(|| serde_json::to_value(&stopped)).unwrap_or_default();
    value["code"] = 50.into();
    value["reason"] = "upload timeout".into();
    crate::reply::Reply::value(206, value)
}
