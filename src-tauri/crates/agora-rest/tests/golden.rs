//! Golden JSON fixtures for every request and response body.
//!
//! Each fixture under `tests/fixtures/` is a realistic body with Agora's documented field names.
//! It is decoded into its type and encoded again, and the result must equal the fixture exactly
//! (`serde_json::Value` equality: no field added, none dropped, unset optional fields absent).
//! A fixture `X.json` with a sibling `X.expected.json` is one whose input is not canonical (an
//! alternative spelling, a numeric string, a legacy key): the re-encoded body must equal the
//! expected file instead, and decoding the expected file must give the same typed value.
//!
//! Numbers: layout coordinates are `f64`, which re-encode as `1.0`, never `1`; `Value` equality
//! tells `1` from `1.0`, so canonical fixtures write coordinates as decimals (`0.0`, `0.5`, `1.0`).
//! No normalising comparison is used. Integers written as `0` and `1` (which Agora accepts) are
//! covered by the alias fixture `recording_layout_integer_coordinates`.
//!
//! Requests meant to be valid must also pass the crate's validator for their mode, and must be
//! rejected when an unknown field is slipped in (request types deny unknown fields).
//! `every_fixture_is_exercised` walks the fixtures tree so no file can sit there unused.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

use agora_rest::codes::RecordingStatus;
use agora_rest::ncs::NcsIpResponse;
use agora_rest::recording::ops::{
    validate_acquire, validate_start, validate_stop, validate_update, validate_update_layout,
};
use agora_rest::recording::{
    self as rec, ExtensionServiceState, FileInfo, FileList, FileListModeKnown, Mode,
    RtmpStatusKnown, ServerResponse, ServiceNameKnown, StatusResponse, TrackType,
    UploadingStatusKnown, WebRecorderState, WebRecorderStateKnown,
};
use agora_rest::transcoding::{self as tc, ServiceStatusKnown, TaskStatusKnown};
use agora_rest::validate::FieldError;
use agora_rest::{ApiErrorBody, ErrorKind, Op};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

// ------------------------------------------------------------------------------------------------
// The fixtures, by type. Every file under tests/fixtures must be listed here (or be the
// `.expected.json` sibling of a listed file).

/// What a fixture decodes as, and how it is checked beyond the round trip.
#[derive(Debug, Clone, Copy)]
enum Kind {
    RecAcquire(Mode),
    RecStart(Mode),
    RecUpdate(Mode),
    RecUpdateLayout,
    RecStop(Mode),
    RecAcquireResponse,
    RecSessionResponse,
    RecStatusResponse,
    /// A JSON array of query answers (one session polled over time).
    RecStatusResponses,
    TcAcquire,
    TcCreate,
    /// An update body, checked with the sequenceId it is sent with and the last one sent.
    TcUpdate {
        sequence_id: u64,
        last_sent: Option<u64>,
    },
    /// A create body the crate refuses to decode, with the error it must give.
    TcCreateRejected(&'static str),
    TcAcquireResponse,
    TcTaskResponse,
    /// A JSON array of task answers.
    TcTaskResponses,
    /// A template create-or-update body, checked for the codecId it is sent to.
    TplSave(&'static str),
    TplSaved,
    TplList,
    /// An error body, with the operation and HTTP status it came with and its expected kind.
    Error(Op, u16, ErrorKind),
    Ncs,
}

const RECORDING_REQUESTS: &[(&str, Kind)] = &[
    // acquire
    (
        "recording/requests/acquire_individual.json",
        Kind::RecAcquire(Mode::Individual),
    ),
    (
        "recording/requests/acquire_mix_start_parameter.json",
        Kind::RecAcquire(Mode::Mix),
    ),
    (
        "recording/requests/acquire_web.json",
        Kind::RecAcquire(Mode::Web),
    ),
    (
        "recording/requests/acquire_exclude_region_affinity.json",
        Kind::RecAcquire(Mode::Mix),
    ),
    (
        "recording/requests/acquire_legacy_postponed.json",
        Kind::RecAcquire(Mode::Individual),
    ),
    // start
    (
        "recording/requests/start_individual.json",
        Kind::RecStart(Mode::Individual),
    ),
    (
        "recording/requests/start_individual_snapshot_only.json",
        Kind::RecStart(Mode::Individual),
    ),
    (
        "recording/requests/start_individual_audio_original.json",
        Kind::RecStart(Mode::Individual),
    ),
    (
        "recording/requests/start_mix_custom_layout.json",
        Kind::RecStart(Mode::Mix),
    ),
    (
        "recording/requests/start_mix_hls_mp4.json",
        Kind::RecStart(Mode::Mix),
    ),
    (
        "recording/requests/start_mix_go_readme.json",
        Kind::RecStart(Mode::Mix),
    ),
    (
        "recording/requests/start_mix_s3_compatible.json",
        Kind::RecStart(Mode::Mix),
    ),
    (
        "recording/requests/start_web.json",
        Kind::RecStart(Mode::Web),
    ),
    (
        "recording/requests/start_web_minimal.json",
        Kind::RecStart(Mode::Web),
    ),
    (
        "recording/requests/start_legacy_postponed_transcoding.json",
        Kind::RecStart(Mode::Individual),
    ),
    (
        "recording/requests/start_legacy_audio_mix.json",
        Kind::RecStart(Mode::Individual),
    ),
    // update
    (
        "recording/requests/update_individual_subscribe.json",
        Kind::RecUpdate(Mode::Individual),
    ),
    (
        "recording/requests/update_mix_subscribe.json",
        Kind::RecUpdate(Mode::Mix),
    ),
    (
        "recording/requests/update_web_pause.json",
        Kind::RecUpdate(Mode::Web),
    ),
    (
        "recording/requests/update_web_resume.json",
        Kind::RecUpdate(Mode::Web),
    ),
    (
        "recording/requests/update_web_rtmp.json",
        Kind::RecUpdate(Mode::Web),
    ),
    (
        "recording/requests/update_storage_rotation.json",
        Kind::RecUpdate(Mode::Individual),
    ),
    // updateLayout
    (
        "recording/requests/update_layout_custom.json",
        Kind::RecUpdateLayout,
    ),
    (
        "recording/requests/update_layout_vertical.json",
        Kind::RecUpdateLayout,
    ),
    // stop
    (
        "recording/requests/stop_web_go_example.json",
        Kind::RecStop(Mode::Web),
    ),
    (
        "recording/requests/stop_async.json",
        Kind::RecStop(Mode::Mix),
    ),
    (
        "recording/requests/stop_sync.json",
        Kind::RecStop(Mode::Individual),
    ),
];

const RECORDING_RESPONSES: &[(&str, Kind)] = &[
    ("recording/responses/acquire.json", Kind::RecAcquireResponse),
    ("recording/responses/start.json", Kind::RecSessionResponse),
    ("recording/responses/update.json", Kind::RecSessionResponse),
    (
        "recording/responses/update_layout.json",
        Kind::RecSessionResponse,
    ),
    // query, agora-api.md §2.6 variants A–F
    (
        "recording/responses/query_a_individual.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_b_individual_screenshot.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_c_mix_hls.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_d_mix_hls_mp4.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_e_web_recorder.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_e_web_recorder_init.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_f_web_rtmp_publish.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_f_rtmp_status_sequence.json",
        Kind::RecStatusResponses,
    ),
    (
        "recording/responses/query_legacy_sub_service_status.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_unknown_fields_individual.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_unknown_fields_web.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_slice_start_time_string.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/query_empty_server_response.json",
        Kind::RecStatusResponse,
    ),
    // stop, agora-api.md §2.7
    (
        "recording/responses/stop_individual_uploaded.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/stop_individual_screenshot.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/stop_mix_hls_backuped.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/stop_mix_hls_mp4.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/stop_mix_upload_unknown.json",
        Kind::RecStatusResponse,
    ),
    ("recording/responses/stop_web.json", Kind::RecStatusResponse),
    (
        "recording/responses/stop_web_legacy_playload.json",
        Kind::RecStatusResponse,
    ),
    (
        "recording/responses/stop_async_no_server_response.json",
        Kind::RecStatusResponse,
    ),
];

const TRANSCODING_REQUESTS: &[(&str, Kind)] = &[
    (
        "transcoding/requests/template_save_720p.json",
        Kind::TplSave("720p"),
    ),
    (
        "transcoding/requests/acquire_instance_only.json",
        Kind::TcAcquire,
    ),
    (
        "transcoding/requests/acquire_with_services.json",
        Kind::TcAcquire,
    ),
    (
        "transcoding/requests/create_go_composite.json",
        Kind::TcCreate,
    ),
    (
        "transcoding/requests/create_audio_mix_minimal.json",
        Kind::TcCreate,
    ),
    // agora-api.md §4's minimal audio mix, verbatim: no `canvas`. Agora's docs mark it required,
    // but an audio-only task has nothing to draw, so it is optional unless there is video.
    (
        "transcoding/requests/create_audio_mix_go_example_verbatim.json",
        Kind::TcCreate,
    ),
    // A misspelled field is an error naming it, never silently dropped.
    (
        "transcoding/requests/create_misspelled_field_rejected.json",
        Kind::TcCreateRejected("unknown field `idelTimeout`"),
    ),
    (
        "transcoding/requests/create_full_channel_audio.json",
        Kind::TcCreate,
    ),
    (
        "transcoding/requests/create_cdn_inputs.json",
        Kind::TcCreate,
    ),
    (
        "transcoding/requests/create_watermarks.json",
        Kind::TcCreate,
    ),
    (
        "transcoding/requests/create_single_relay.json",
        Kind::TcCreate,
    ),
    ("transcoding/requests/create_video_raw.json", Kind::TcCreate),
    (
        "transcoding/requests/create_low_bitrate_high_quality.json",
        Kind::TcCreate,
    ),
    (
        "transcoding/requests/update_go_composite_third_input.json",
        Kind::TcUpdate {
            sequence_id: 1,
            last_sent: Some(0),
        },
    ),
];

const TRANSCODING_RESPONSES: &[(&str, Kind)] = &[
    (
        "transcoding/responses/acquire.json",
        Kind::TcAcquireResponse,
    ),
    (
        "transcoding/responses/create_minimal.json",
        Kind::TcTaskResponse,
    ),
    (
        "transcoding/responses/create_full.json",
        Kind::TcTaskResponse,
    ),
    (
        "transcoding/responses/query_in_progress.json",
        Kind::TcTaskResponse,
    ),
    (
        "transcoding/responses/delete_stopped.json",
        Kind::TcTaskResponse,
    ),
    (
        "transcoding/responses/task_status_values.json",
        Kind::TcTaskResponses,
    ),
    ("transcoding/responses/template_saved.json", Kind::TplSaved),
    ("transcoding/responses/template_list.json", Kind::TplList),
    // The docs' table spells `Video`: read, and written back as the example's `video`.
    (
        "transcoding/responses/template_list_capital_video.json",
        Kind::TplList,
    ),
];

const ERRORS: &[(&str, Kind)] = &[
    (
        "errors/recording_invalid_parameter.json",
        Kind::Error(Op::Acquire, 400, ErrorKind::InvalidParameter),
    ),
    (
        "errors/gateway_invalid_credentials.json",
        Kind::Error(Op::Acquire, 401, ErrorKind::Unauthorized),
    ),
    (
        "errors/gateway_unauthorized.json",
        Kind::Error(Op::Start, 401, ErrorKind::Unauthorized),
    ),
    (
        "errors/gateway_no_route.json",
        Kind::Error(Op::Query, 404, ErrorKind::RouteNotFound),
    ),
    (
        "errors/gateway_rate_limited.json",
        Kind::Error(Op::Query, 429, ErrorKind::RateLimited),
    ),
    (
        "errors/start_code15_echo.json",
        Kind::Error(Op::Start, 500, ErrorKind::ServerError),
    ),
    (
        "errors/query_worker_not_found.json",
        Kind::Error(Op::Query, 404, ErrorKind::WorkerNotFound),
    ),
    (
        "errors/start_already_started.json",
        Kind::Error(Op::Start, 201, ErrorKind::AlreadyStarted),
    ),
    (
        "errors/stop_no_recorded_data.json",
        Kind::Error(Op::Stop, 206, ErrorKind::NoRecordedData),
    ),
    (
        "errors/stop_invalid_operation.json",
        Kind::Error(Op::Stop, 400, ErrorKind::InvalidOperation),
    ),
    (
        "errors/acquire_vendor_over_load.json",
        Kind::Error(Op::Acquire, 400, ErrorKind::QuotaExceeded),
    ),
    (
        "errors/transcoder_task_exists.json",
        Kind::Error(Op::TranscoderCreate, 409, ErrorKind::TaskExists),
    ),
    (
        "errors/transcoder_invalid_parameter.json",
        Kind::Error(Op::TranscoderCreate, 400, ErrorKind::InvalidParameter),
    ),
    (
        "errors/uid_number_echo.json",
        Kind::Error(Op::Stop, 404, ErrorKind::WorkerNotFound),
    ),
];

const NCS: &[(&str, Kind)] = &[
    ("ncs/ip.json", Kind::Ncs),
    ("ncs/ip_several_hosts.json", Kind::Ncs),
];

/// Inputs in the docs' alternative spellings; each has an `.expected.json` with what we send.
const ALIASES: &[(&str, Kind)] = &[
    (
        "aliases/recording_start_unsubscribe_lowercase.json",
        Kind::RecStart(Mode::Individual),
    ),
    (
        "aliases/recording_update_unsubscribe_lowercase.json",
        Kind::RecUpdate(Mode::Mix),
    ),
    (
        "aliases/recording_start_web_video_bitrate_capital.json",
        Kind::RecStart(Mode::Web),
    ),
    (
        "aliases/recording_layout_integer_coordinates.json",
        Kind::RecUpdateLayout,
    ),
    (
        "aliases/transcoding_create_watermarks_lowercase.json",
        Kind::TcCreate,
    ),
    (
        "aliases/recording_query_web_playload.json",
        Kind::RecStatusResponse,
    ),
    (
        "aliases/recording_query_web_file_name_camel.json",
        Kind::RecStatusResponse,
    ),
    (
        "aliases/recording_query_individual_filename_lower.json",
        Kind::RecStatusResponse,
    ),
    (
        "aliases/recording_response_uid_number.json",
        Kind::RecSessionResponse,
    ),
];

const ALL_TABLES: &[&[(&str, Kind)]] = &[
    RECORDING_REQUESTS,
    RECORDING_RESPONSES,
    TRANSCODING_REQUESTS,
    TRANSCODING_RESPONSES,
    ERRORS,
    NCS,
    ALIASES,
];

/// Keys we must never send or re-encode: Go bugs and legacy spellings (agora-api.md §10).
const NEVER_EMITTED: &[&str] = &[
    "VideoBitrate",
    "unsubscribeAudioUids",
    "unsubscribeVideoUids",
    "watermarks",
    "playload",
];

// ------------------------------------------------------------------------------------------------
// Mechanics.

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(rel: &str) -> Result<String, String> {
    std::fs::read_to_string(fixtures_dir().join(rel))
        .map_err(|e| format!("{rel}: cannot read: {e}"))
}

fn parse(rel: &str) -> Result<Value, String> {
    serde_json::from_str(&read(rel)?).map_err(|e| format!("{rel}: not JSON: {e}"))
}

fn expected_sibling(rel: &str) -> String {
    format!("{}.expected.json", rel.trim_end_matches(".json"))
}

fn has_expected(rel: &str) -> bool {
    fixtures_dir().join(expected_sibling(rel)).is_file()
}

/// The first place two JSON values differ, as a readable path.
fn diff(want: &Value, got: &Value, path: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    None => return Some(format!("{path}.{k}: missing (expected {wv})")),
                    Some(gv) => {
                        if let Some(d) = diff(wv, gv, &format!("{path}.{k}")) {
                            return Some(d);
                        }
                    }
                }
            }
            g.iter()
                .find(|(k, _)| !w.contains_key(*k))
                .map(|(k, gv)| format!("{path}.{k}: unexpected field (value {gv})"))
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| diff(wv, gv, &format!("{path}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{path}: expected {want}, got {got}")),
    }
}

/// Decodes a fixture as `T`, re-encodes it, and compares with the fixture (or its
/// `.expected.json`). Decoding the re-encoded body must give the same typed value again.
fn round_trip<T>(rel: &str) -> Result<(T, Value), String>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let text = read(rel)?;
    let typed: T =
        serde_json::from_str(&text).map_err(|e| format!("{rel}: does not decode: {e}"))?;
    // The golden files are the wire, where secrets go in full.
    let out = agora_rest::reveal(|| serde_json::to_value(&typed))
        .map_err(|e| format!("{rel}: does not encode: {e}"))?;
    let (want, against) = if has_expected(rel) {
        let exp = expected_sibling(rel);
        (parse(&exp)?, exp)
    } else {
        (parse(rel)?, rel.to_owned())
    };
    if let Some(d) = diff(&want, &out, "$") {
        return Err(format!(
            "{rel}: re-encoded body differs from {against}: {d}"
        ));
    }
    let again: T = serde_json::from_value(out.clone())
        .map_err(|e| format!("{rel}: the re-encoded body does not decode: {e}"))?;
    if again != typed {
        return Err(format!(
            "{rel}: decoding the re-encoded body gives a different value"
        ));
    }
    Ok((typed, out))
}

fn never_emitted(rel: &str, v: &Value) -> Result<(), String> {
    fn walk(v: &Value, path: &str, found: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    if NEVER_EMITTED.contains(&k.as_str()) {
                        found.push(format!("{path}.{k}"));
                    }
                    walk(c, &format!("{path}.{k}"), found);
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    walk(c, &format!("{path}[{i}]"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(v, "$", &mut found);
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{rel}: re-encoded with a spelling we must not send: {}",
            found.join(", ")
        ))
    }
}

fn valid(rel: &str, result: Result<(), Vec<FieldError>>) -> Result<(), String> {
    result.map_err(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        format!("{rel}: the validator rejects it: {}", list.join("; "))
    })
}

/// A request type must refuse a field it does not know, at the root and inside `at`.
fn rejects_unknown_fields<T: DeserializeOwned>(
    rel: &str,
    body: &Value,
    at: &[&str],
) -> Result<(), String> {
    let mut places: Vec<Vec<&str>> = vec![vec![]];
    for i in 1..=at.len() {
        places.push(at[..i].to_vec());
    }
    for place in places {
        let mut mutated = body.clone();
        let mut node = &mut mutated;
        for key in &place {
            node = node
                .get_mut(*key)
                .ok_or_else(|| format!("{rel}: no {key:?} to inject an unknown field into"))?;
        }
        node.as_object_mut()
            .ok_or_else(|| format!("{rel}: {place:?} is not an object"))?
            .insert("notAnAgoraField".to_owned(), json!(1));
        if serde_json::from_value::<T>(mutated).is_ok() {
            return Err(format!(
                "{rel}: an unknown field at {place:?} was accepted (requests deny unknown fields)"
            ));
        }
    }
    Ok(())
}

const ENVELOPE: &[&str] = &["clientRequest"];
const TRANSCODER: &[&str] = &["services", "cloudTranscoder", "config", "transcoder"];

/// Documented keys must land in their typed fields, never in a catch-all `extra`: a decode
/// that silently fell back to `extra` would still round-trip, so this is checked separately.
fn documented_fields_are_typed(rel: &str, r: &StatusResponse) -> Result<(), String> {
    fn check(
        rel: &str,
        what: &str,
        extra: &agora_rest::Extra,
        keys: &[&str],
    ) -> Result<(), String> {
        match keys.iter().find(|k| extra.contains_key(**k)) {
            Some(k) => Err(format!(
                "{rel}: documented field {what}.{k} was not decoded into its typed field"
            )),
            None => Ok(()),
        }
    }
    check(
        rel,
        "$",
        &r.extra,
        &["cname", "uid", "resourceId", "sid", "serverResponse"],
    )?;
    let Some(s) = &r.server_response else {
        return Ok(());
    };
    check(
        rel,
        "serverResponse",
        &s.extra,
        &[
            "status",
            "fileListMode",
            "fileList",
            "sliceStartTime",
            "uploadingStatus",
            "subServiceStatus",
            "extensionServiceState",
        ],
    )?;
    if let Some(FileList::Files(files)) = &s.file_list {
        for f in files {
            check(
                rel,
                "fileList[]",
                &f.extra,
                &[
                    "fileName",
                    "filename",
                    "trackType",
                    "uid",
                    "mixedAllUser",
                    "isPlayable",
                    "sliceStartTime",
                ],
            )?;
        }
    }
    if let Some(sub) = &s.sub_service_status {
        check(rel, "subServiceStatus", &sub.extra, &["recordingService"])?;
    }
    for state in s.extension_service_state.iter().flatten() {
        check(
            rel,
            "extensionServiceState[]",
            &state.extra,
            &["serviceName", "payload", "playload"],
        )?;
        let Some(p) = &state.payload else { continue };
        check(
            rel,
            "payload",
            &p.extra,
            &["state", "onhold", "fileList", "outputs", "uploadingStatus"],
        )?;
        for f in p.file_list.iter().flatten() {
            check(
                rel,
                "payload.fileList[]",
                &f.extra,
                &["filename", "fileName", "sliceStartTime"],
            )?;
        }
        for o in p.outputs.iter().flatten() {
            check(rel, "payload.outputs[]", &o.extra, &["rtmpUrl", "status"])?;
        }
    }
    Ok(())
}

/// Round trip, plus the checks the fixture's kind calls for.
fn check(rel: &str, kind: Kind) -> Result<(), String> {
    let input = parse(rel)?;
    let out = match kind {
        Kind::RecAcquire(mode) => {
            let (body, out) = round_trip::<rec::AcquireRequest>(rel)?;
            valid(rel, validate_acquire(&body, mode))?;
            rejects_unknown_fields::<rec::AcquireRequest>(rel, &input, ENVELOPE)?;
            out
        }
        Kind::RecStart(mode) => {
            let (body, out) = round_trip::<rec::StartRequest>(rel)?;
            valid(rel, validate_start(&body, mode))?;
            rejects_unknown_fields::<rec::StartRequest>(rel, &input, ENVELOPE)?;
            out
        }
        Kind::RecUpdate(mode) => {
            let (body, out) = round_trip::<rec::UpdateRequest>(rel)?;
            valid(rel, validate_update(&body, mode))?;
            rejects_unknown_fields::<rec::UpdateRequest>(rel, &input, ENVELOPE)?;
            out
        }
        Kind::RecUpdateLayout => {
            let (body, out) = round_trip::<rec::UpdateLayoutRequest>(rel)?;
            valid(rel, validate_update_layout(&body))?;
            rejects_unknown_fields::<rec::UpdateLayoutRequest>(rel, &input, ENVELOPE)?;
            out
        }
        Kind::RecStop(mode) => {
            let (body, out) = round_trip::<rec::StopRequest>(rel)?;
            valid(rel, validate_stop(&body, mode))?;
            rejects_unknown_fields::<rec::StopRequest>(rel, &input, ENVELOPE)?;
            out
        }
        Kind::RecAcquireResponse => round_trip::<rec::AcquireResponse>(rel)?.1,
        Kind::RecSessionResponse => round_trip::<rec::SessionResponse>(rel)?.1,
        Kind::RecStatusResponse => {
            let (r, out) = round_trip::<StatusResponse>(rel)?;
            documented_fields_are_typed(rel, &r)?;
            out
        }
        Kind::RecStatusResponses => {
            let (list, out) = round_trip::<Vec<StatusResponse>>(rel)?;
            for r in &list {
                documented_fields_are_typed(rel, r)?;
            }
            out
        }
        Kind::TcAcquire => {
            let (body, out) = round_trip::<tc::AcquireRequest>(rel)?;
            valid(rel, tc::validate_acquire(&body))?;
            rejects_unknown_fields::<tc::AcquireRequest>(rel, &input, &[])?;
            if body.services.is_some() {
                let services = &["services", "cloudTranscoder", "config", "transcoder"];
                rejects_unknown_fields::<tc::AcquireRequest>(rel, &input, services)?;
            }
            out
        }
        Kind::TcCreate => {
            let (body, out) = round_trip::<tc::CreateRequest>(rel)?;
            valid(rel, tc::validate_create(&body))?;
            rejects_unknown_fields::<tc::CreateRequest>(rel, &input, TRANSCODER)?;
            out
        }
        Kind::TcUpdate {
            sequence_id,
            last_sent,
        } => {
            let (body, out) = round_trip::<tc::UpdateRequest>(rel)?;
            valid(rel, tc::validate_update(&body, sequence_id, last_sent))?;
            rejects_unknown_fields::<tc::UpdateRequest>(rel, &input, TRANSCODER)?;
            out
        }
        Kind::TcCreateRejected(why) => {
            return match serde_json::from_value::<tc::CreateRequest>(input) {
                Ok(_) => Err(format!("{rel}: decoded, but should fail with {why:?}")),
                Err(e) if e.to_string().contains(why) => Ok(()),
                Err(e) => Err(format!("{rel}: fails with {e}, expected {why:?}")),
            };
        }
        Kind::TcAcquireResponse => round_trip::<tc::AcquireResponse>(rel)?.1,
        Kind::TcTaskResponse => round_trip::<tc::TaskResponse>(rel)?.1,
        Kind::TcTaskResponses => round_trip::<Vec<tc::TaskResponse>>(rel)?.1,
        Kind::TplSave(codec_id) => {
            let (body, out) = round_trip::<tc::TemplateRequest>(rel)?;
            valid(
                rel,
                agora_rest::validate::errors_only(tc::check_template(codec_id, &body)),
            )?;
            rejects_unknown_fields::<tc::TemplateRequest>(rel, &input, &[])?;
            out
        }
        Kind::TplSaved => round_trip::<tc::TemplateSaved>(rel)?.1,
        Kind::TplList => round_trip::<tc::TemplatesResponse>(rel)?.1,
        Kind::Error(op, status, want) => {
            let (body, out) = round_trip::<ApiErrorBody>(rel)?;
            if ApiErrorBody::parse(&read(rel)?) != body {
                return Err(format!(
                    "{rel}: ApiErrorBody::parse disagrees with serde decoding"
                ));
            }
            let got = ErrorKind::classify(op, status, &body);
            if got != want {
                return Err(format!(
                    "{rel}: {op} HTTP {status} classified as {got:?}, expected {want:?}"
                ));
            }
            if body.text().is_none() && body.code.is_none() {
                return Err(format!("{rel}: neither a code nor a text"));
            }
            out
        }
        Kind::Ncs => round_trip::<NcsIpResponse>(rel)?.1,
    };
    never_emitted(rel, &out)
}

fn check_all(table: &[(&str, Kind)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(rel, kind)| check(rel, *kind).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

fn decode<T: DeserializeOwned>(rel: &str) -> T {
    serde_json::from_str(&read(rel).unwrap()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn server_response(rel: &str) -> ServerResponse {
    decode::<StatusResponse>(rel)
        .server_response
        .unwrap_or_else(|| panic!("{rel}: no serverResponse"))
}

fn files(s: &ServerResponse) -> &[FileInfo] {
    match &s.file_list {
        Some(FileList::Files(files)) => files,
        other => panic!("expected a json fileList, got {other:?}"),
    }
}

fn service(s: &ServerResponse, name: ServiceNameKnown) -> &ExtensionServiceState {
    s.extension_service_state
        .iter()
        .flatten()
        .find(|e| e.service_name.known() == Some(name))
        .unwrap_or_else(|| panic!("no {name:?} entry"))
}

// ------------------------------------------------------------------------------------------------
// Round trips, validation and classification, table by table.

#[test]
fn recording_requests_round_trip_and_validate() {
    check_all(RECORDING_REQUESTS);
}

#[test]
fn recording_responses_round_trip() {
    check_all(RECORDING_RESPONSES);
}

#[test]
fn transcoding_requests_round_trip_and_validate() {
    check_all(TRANSCODING_REQUESTS);
}

#[test]
fn transcoding_responses_round_trip() {
    check_all(TRANSCODING_RESPONSES);
}

#[test]
fn error_bodies_round_trip_and_classify() {
    check_all(ERRORS);
}

#[test]
fn ncs_round_trips() {
    check_all(NCS);
    assert_eq!(decode::<NcsIpResponse>("ncs/ip.json").ips(), ["1.2.3.4"]);
    assert_eq!(
        decode::<NcsIpResponse>("ncs/ip_several_hosts.json").ips(),
        ["52.58.40.12", "18.184.97.210", "3.120.181.7"]
    );
}

#[test]
fn aliases_decode_to_the_canonical_spelling() {
    check_all(ALIASES);
    for (rel, _) in ALIASES {
        assert!(has_expected(rel), "{rel}: an alias needs an .expected.json");
        let (input, expected) = (parse(rel).unwrap(), parse(&expected_sibling(rel)).unwrap());
        assert_ne!(input, expected, "{rel}: the input is already canonical");
    }
}

// ------------------------------------------------------------------------------------------------
// What the fixtures decode to, where the round trip alone would not show it.

#[test]
fn query_variants_decode_to_their_typed_shapes() {
    // A: individual, json file list.
    let a = server_response("recording/responses/query_a_individual.json");
    assert_eq!(a.status, Some(RecordingStatus::IN_PROGRESS));
    assert_eq!(
        a.file_list_mode.as_ref().and_then(|m| m.known()),
        Some(FileListModeKnown::Json)
    );
    let a_files = files(&a);
    assert_eq!(a_files.len(), 5);
    assert_eq!(
        a_files[4].track_type,
        Some(TrackType::Known(rec::TrackTypeKnown::AudioAndVideo))
    );
    assert_eq!(a_files[0].uid.as_deref(), Some("1001"));
    assert_eq!(a.slice_start_time, Some(1_717_401_600_123));

    // B: individual screenshots: status and sliceStartTime only.
    let b = server_response("recording/responses/query_b_individual_screenshot.json");
    assert_eq!(b.status, Some(RecordingStatus::IN_PROGRESS));
    assert!(b.file_list.is_none() && b.file_list_mode.is_none());
    assert_eq!(b.slice_start_time, Some(1_717_401_600_123));

    // C: mix HLS: the file list is one M3U8 name.
    let c = server_response("recording/responses/query_c_mix_hls.json");
    assert_eq!(
        c.file_list_mode.as_ref().and_then(|m| m.known()),
        Some(FileListModeKnown::String)
    );
    assert!(matches!(&c.file_list, Some(FileList::M3u8(name)) if name.ends_with("_room-42.m3u8")));
    assert_eq!(c.file_names().len(), 1);

    // D: mix HLS + MP4: json list, every user in one file, uid "0".
    let d = server_response("recording/responses/query_d_mix_hls_mp4.json");
    assert!(files(&d)
        .iter()
        .all(|f| f.mixed_all_user == Some(true) && f.uid.as_deref() == Some("0")));
    assert!(d.file_names()[1].ends_with("_0.mp4"));

    // E: web recorder payload.
    let e = server_response("recording/responses/query_e_web_recorder.json");
    let web = service(&e, ServiceNameKnown::WebRecorder);
    let payload = web.payload.as_ref().expect("payload");
    assert_eq!(
        payload.state,
        Some(WebRecorderState::Known(WebRecorderStateKnown::InProgress))
    );
    assert_eq!(payload.onhold, Some(false));
    assert_eq!(e.file_names().len(), 2);
    let init = server_response("recording/responses/query_e_web_recorder_init.json");
    let init_payload = service(&init, ServiceNameKnown::WebRecorder)
        .payload
        .as_ref()
        .expect("payload");
    assert_eq!(
        init_payload.state.as_ref().and_then(|s| s.known()),
        Some(WebRecorderStateKnown::Init)
    );
    assert_eq!(init_payload.file_list.as_deref(), Some(&[][..]));

    // F: web recorder and CDN push side by side.
    let f = server_response("recording/responses/query_f_web_rtmp_publish.json");
    let rtmp = service(&f, ServiceNameKnown::RtmpPublish);
    let outputs = rtmp.payload.as_ref().and_then(|p| p.outputs.as_ref());
    assert_eq!(
        outputs.unwrap()[0].status.as_ref().and_then(|s| s.known()),
        Some(RtmpStatusKnown::Publishing)
    );
    assert_eq!(f.file_names().len(), 2);
}

#[test]
fn every_rtmp_status_value_is_known() {
    let polls: Vec<StatusResponse> =
        decode("recording/responses/query_f_rtmp_status_sequence.json");
    let statuses: Vec<Option<RtmpStatusKnown>> = polls
        .iter()
        .map(|p| {
            let s = p.server_response.as_ref().expect("serverResponse");
            let rtmp = service(s, ServiceNameKnown::RtmpPublish);
            let outputs = rtmp.payload.as_ref().and_then(|p| p.outputs.as_ref());
            outputs.expect("outputs")[0]
                .status
                .as_ref()
                .and_then(|s| s.known())
        })
        .collect();
    assert_eq!(
        statuses,
        [
            Some(RtmpStatusKnown::Connecting),
            Some(RtmpStatusKnown::Publishing),
            Some(RtmpStatusKnown::Onhold),
            Some(RtmpStatusKnown::Disconnected),
        ]
    );
}

#[test]
fn stop_variants_report_their_upload_status() {
    let cases = [
        (
            "recording/responses/stop_individual_uploaded.json",
            UploadingStatusKnown::Uploaded,
        ),
        (
            "recording/responses/stop_individual_screenshot.json",
            UploadingStatusKnown::Uploaded,
        ),
        (
            "recording/responses/stop_mix_hls_backuped.json",
            UploadingStatusKnown::Backuped,
        ),
        (
            "recording/responses/stop_mix_hls_mp4.json",
            UploadingStatusKnown::Uploaded,
        ),
        (
            "recording/responses/stop_mix_upload_unknown.json",
            UploadingStatusKnown::Unknown,
        ),
        (
            "recording/responses/stop_web.json",
            UploadingStatusKnown::Uploaded,
        ),
        (
            "recording/responses/stop_web_legacy_playload.json",
            UploadingStatusKnown::Backuped,
        ),
    ];
    for (rel, want) in cases {
        let s = server_response(rel);
        assert_eq!(
            s.upload_status().and_then(|u| u.known()),
            Some(want),
            "{rel}"
        );
    }
    let web = server_response("recording/responses/stop_web.json");
    assert_eq!(
        service(&web, ServiceNameKnown::WebRecorder)
            .payload
            .as_ref()
            .and_then(|p| p.state.as_ref())
            .and_then(|s| s.known()),
        Some(WebRecorderStateKnown::Exit)
    );
    // The legacy `playload` and the stop answer's `fileName` still reach the typed fields.
    let legacy = server_response("recording/responses/stop_web_legacy_playload.json");
    assert_eq!(legacy.file_names().len(), 1);
    assert!(legacy.file_names()[0].ends_with("_standup.m3u8"));
}

#[test]
fn missing_or_empty_server_response_is_none() {
    for rel in [
        "recording/responses/stop_async_no_server_response.json",
        "recording/responses/query_empty_server_response.json",
    ] {
        let r: StatusResponse = decode(rel);
        assert!(r.server_response.is_none(), "{rel}");
        assert!(r.extra.is_empty(), "{rel}: {:?}", r.extra);
        assert_eq!(r.sid.as_str().len(), 32, "{rel}");
    }
}

#[test]
fn numeric_strings_become_numbers() {
    let s = server_response("recording/responses/query_slice_start_time_string.json");
    assert_eq!(s.slice_start_time, Some(1_717_401_600_123));
    assert_eq!(files(&s)[0].slice_start_time, Some(1_717_401_601_323));
    let r: rec::SessionResponse = decode("aliases/recording_response_uid_number.json");
    assert_eq!(r.uid.as_deref(), Some("527841"));
    let e: ApiErrorBody = decode("errors/uid_number_echo.json");
    assert_eq!(e.uid.as_deref(), Some("527841"));
}

#[test]
fn legacy_sub_service_status_is_typed() {
    let s = server_response("recording/responses/query_legacy_sub_service_status.json");
    let sub = s.sub_service_status.expect("subServiceStatus");
    assert_eq!(sub.recording_service.as_deref(), Some("serviceInProgress"));
    assert!(sub.extra.is_empty());
}

#[test]
fn unknown_fields_and_values_survive_at_every_depth() {
    let keys = |m: &agora_rest::Extra| {
        let mut k: Vec<String> = m.keys().cloned().collect();
        k.sort();
        k
    };

    let r: StatusResponse = decode("recording/responses/query_unknown_fields_individual.json");
    assert_eq!(keys(&r.extra), ["code", "requestRegion"]);
    let s = r.server_response.as_ref().expect("serverResponse");
    assert_eq!(keys(&s.extra), ["recordingMode", "uploadingProgress"]);
    assert_eq!(s.status, Some(RecordingStatus(9)));
    assert!(!RecordingStatus(9).is_known());
    let list = files(s);
    assert_eq!(keys(&list[0].extra), ["codec", "fileSize"]);
    assert_eq!(
        list[1].track_type,
        Some(TrackType::Other("subtitle".into()))
    );
    let sub = s.sub_service_status.as_ref().expect("subServiceStatus");
    assert_eq!(sub.recording_service.as_deref(), Some("serviceReady"));
    assert_eq!(keys(&sub.extra), ["uploaderService"]);

    let r: StatusResponse = decode("recording/responses/query_unknown_fields_web.json");
    assert_eq!(keys(&r.extra), ["traceId"]);
    let s = r.server_response.as_ref().expect("serverResponse");
    let web = service(s, ServiceNameKnown::WebRecorder);
    assert_eq!(keys(&web.extra), ["serviceVersion"]);
    let p = web.payload.as_ref().expect("payload");
    assert_eq!(keys(&p.extra), ["pageTitle", "reloads"]);
    assert_eq!(p.state, Some(WebRecorderState::Other("paused".into())));
    let f = &p.file_list.as_ref().expect("fileList")[0];
    assert_eq!(keys(&f.extra), ["durationMs", "segments"]);
    let rtmp = service(s, ServiceNameKnown::RtmpPublish);
    let o = &rtmp
        .payload
        .as_ref()
        .and_then(|p| p.outputs.as_ref())
        .expect("outputs")[0];
    assert_eq!(keys(&o.extra), ["lastError", "retryCount"]);
    assert_eq!(o.extra["lastError"], Value::Null);
    assert_eq!(o.status.as_ref().map(|s| s.as_str()), Some("reconnecting"));
    let vod = &s.extension_service_state.as_ref().expect("states")[2];
    assert_eq!(vod.service_name.as_str(), "aliyun_vod_service");
    assert!(vod.service_name.known().is_none());
    assert_eq!(
        keys(&vod.payload.as_ref().expect("payload").extra),
        ["videoId"]
    );
}

#[test]
fn reserved_task_fields_survive_in_extra() {
    let t: tc::TaskResponse = decode("transcoding/responses/create_full.json");
    let mut keys: Vec<&str> = t.extra.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "eventHandlers",
            "execution",
            "properties",
            "variables",
            "workflows"
        ]
    );
    assert_eq!(t.sequence_id, Some(0));
    let svc = t
        .services
        .as_ref()
        .and_then(|s| s.cloud_transcoder.as_ref())
        .expect("services.cloudTranscoder");
    assert_eq!(svc.service_type.as_deref(), Some("cloudTranscoderV2"));
    assert_eq!(
        svc.status.as_ref().and_then(|s| s.known()),
        Some(ServiceStatusKnown::Ready)
    );
    assert_eq!(svc.message.as_deref(), Some(""));
    assert_eq!(svc.details, Some(json!({})));
    // The config Agora echoes is the create body's config.
    let sent: Value = parse("transcoding/requests/create_go_composite.json").unwrap();
    assert_eq!(
        svc.config.as_ref(),
        Some(&sent["services"]["cloudTranscoder"]["config"])
    );
    assert!(svc.extra.is_empty() && t.services.as_ref().unwrap().extra.is_empty());

    let q: tc::TaskResponse = decode("transcoding/responses/query_in_progress.json");
    assert!(q.status.is_running());
    assert_eq!(
        q.extra["execution"],
        json!({"workflows": {"main": {"state": "running"}}})
    );
    let d: tc::TaskResponse = decode("transcoding/responses/delete_stopped.json");
    assert!(d.status.is_ended());
    let svc = d
        .services
        .and_then(|s| s.cloud_transcoder)
        .expect("service");
    assert_eq!(svc.message.as_deref(), Some("OnSlaveServiceStopped"));
    assert_eq!(
        svc.status.and_then(|s| s.known()),
        Some(ServiceStatusKnown::Completed)
    );
}

#[test]
fn every_task_and_service_status_value_is_known() {
    const TASK: [&str; 10] = [
        "IDLE",
        "PREPARED",
        "STARTING",
        "CREATED",
        "STARTED",
        "IN_PROGRESS",
        "STOPPING",
        "STOPPED",
        "EXIT",
        "FAILURE_STOP",
    ];
    const SERVICE: [&str; 9] = [
        "serviceIdle",
        "serviceReady",
        "serviceStarted",
        "serviceInProgress",
        "serviceCompleted",
        "servicePartialCompleted",
        "serviceValidationFailed",
        "serviceAbnormal",
        "serviceUnknown",
    ];
    let tasks: Vec<tc::TaskResponse> = decode("transcoding/responses/task_status_values.json");
    let mut task_seen = BTreeSet::new();
    let mut service_seen = BTreeSet::new();
    for t in &tasks {
        assert!(t.status.known().is_some(), "{} is not known", t.status);
        task_seen.insert(t.status.as_str().to_owned());
        let s = t
            .services
            .as_ref()
            .and_then(|s| s.cloud_transcoder.as_ref())
            .and_then(|c| c.status.as_ref())
            .expect("service status");
        assert!(s.known().is_some(), "{s} is not known");
        service_seen.insert(s.as_str().to_owned());
    }
    assert_eq!(task_seen, TASK.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        service_seen,
        SERVICE.iter().map(|s| s.to_string()).collect()
    );
    let running: Vec<&str> = tasks
        .iter()
        .filter(|t| t.status.is_running())
        .map(|t| t.status.as_str())
        .collect();
    assert_eq!(running, ["STARTED", "IN_PROGRESS"]);
    assert_eq!(
        tasks
            .iter()
            .find(|t| t.status.known() == Some(TaskStatusKnown::Exit))
            .map(|t| t.status.is_ended()),
        Some(true)
    );
}

#[test]
fn aliases_decode_to_the_same_value_as_the_canonical_body() {
    // Spot checks that the alternative spelling reached the typed field (not just the output).
    let start: rec::StartRequest = decode("aliases/recording_start_unsubscribe_lowercase.json");
    let rc = start
        .client_request
        .recording_config
        .expect("recordingConfig");
    assert_eq!(rc.unsubscribe_audio_uids.map(|u| u.len()), Some(2));
    assert_eq!(rc.unsubscribe_video_uids.map(|u| u.len()), Some(1));

    let web: rec::StartRequest = decode("aliases/recording_start_web_video_bitrate_capital.json");
    let services = web
        .client_request
        .extension_service_config
        .expect("extensionServiceConfig")
        .extension_services;
    match &services[0] {
        rec::ExtensionService::WebRecorder { service_param, .. } => {
            assert_eq!(service_param.video_bitrate, Some(1500));
        }
        other => panic!("expected web_recorder_service, got {other:?}"),
    }

    let create: tc::CreateRequest = decode("aliases/transcoding_create_watermarks_lowercase.json");
    let marks = create
        .services
        .cloud_transcoder
        .config
        .transcoder
        .water_marks;
    assert_eq!(marks.map(|m| m.len()), Some(1));

    let layout: rec::UpdateLayoutRequest =
        decode("aliases/recording_layout_integer_coordinates.json");
    let regions = layout.client_request.layout_config.expect("layoutConfig");
    assert_eq!((regions[0].width, regions[0].x_axis), (1.0, 0.0));
}

#[test]
fn secrets_are_sent_as_plain_strings() {
    let (_, out) =
        round_trip::<rec::StartRequest>("recording/requests/start_mix_custom_layout.json").unwrap();
    let cr = &out["clientRequest"];
    assert!(cr["token"].as_str().is_some_and(|t| t.starts_with("007")));
    assert_eq!(
        cr["recordingConfig"]["salt"],
        "fsFNMPSECNt4/Ctsp6e+LPCWBR95oJ6CbOvxKyCYxU4="
    );
    assert!(cr["storageConfig"]["secretKey"].as_str().is_some());
    // ...and never in Debug output.
    let body: rec::StartRequest = decode("recording/requests/start_mix_custom_layout.json");
    let debug = format!("{body:?}");
    assert!(!debug.contains("fsFNMPSECNt4") && !debug.contains("007eJx"));
    // ...and never when serialized for anything but the wire (history, IPC, exports).
    let shown = serde_json::to_string(&body).unwrap();
    assert!(
        !shown.contains("fsFNMPSECNt4") && !shown.contains("007eJx"),
        "{shown}"
    );
}

// ------------------------------------------------------------------------------------------------
// Nothing in the fixtures tree goes unused.

fn walk(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            let rel = path.strip_prefix(fixtures_dir()).unwrap();
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_fixture_is_exercised() {
    let mut on_disk = BTreeSet::new();
    walk(&fixtures_dir(), &mut on_disk);

    let mut listed = BTreeSet::new();
    for (rel, _) in ALL_TABLES.iter().copied().flatten() {
        assert!(listed.insert(rel.to_string()), "{rel} is listed twice");
        if has_expected(rel) {
            listed.insert(expected_sibling(rel));
        }
    }
    let unused: Vec<&String> = on_disk.difference(&listed).collect();
    let missing: Vec<&String> = listed.difference(&on_disk).collect();
    assert!(
        unused.is_empty(),
        "fixtures no test reads (list them in golden.rs): {unused:?}"
    );
    assert!(
        missing.is_empty(),
        "listed fixtures that do not exist: {missing:?}"
    );
    assert!(on_disk.iter().all(|f| f.ends_with(".json")));
    assert!(on_disk.len() >= 100, "only {} fixtures", on_disk.len());
}
