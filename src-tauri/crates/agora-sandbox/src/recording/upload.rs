//! A session's files into the sandbox's object store, once its answers name them: what query
//! and stop list is what the bucket then holds (plus slices and snapshots, which Agora's answers
//! never list).

use agora_rest::recording::{FileList, StatusResponse};

use super::session::Session;
use crate::channels::Channels;
use crate::files::Track;
use crate::storage::media::{self, Tracks};
use crate::storage::Storage;
use crate::wire::recording::{AUDIO_ONLY, VIDEO_ONLY};

/// The files an answer names, with the time each started (`since` where it says none: stop
/// leaves out the top-level sliceStartTime).
fn named_files(answer: &StatusResponse, since: i64) -> Vec<(String, i64)> {
    let Some(r) = &answer.server_response else {
        return Vec::new();
    };
    let since = r.slice_start_time.unwrap_or(since);
    let mut out = Vec::new();
    match &r.file_list {
        Some(FileList::M3u8(name)) => out.push((name.clone(), since)),
        Some(FileList::Files(files)) => out.extend(
            files
                .iter()
                .map(|f| (f.file_name.clone(), f.slice_start_time.unwrap_or(since))),
        ),
        None => {}
    }
    for state in r.extension_service_state.iter().flatten() {
        let files = state.payload.as_ref().and_then(|p| p.file_list.as_ref());
        out.extend(
            files
                .into_iter()
                .flatten()
                .map(|f| (f.filename.clone(), f.slice_start_time.unwrap_or(since))),
        );
    }
    out
}

/// Uploads what `answer` names (and the snapshots taken by `until`) if the session records into
/// the sandbox's store; `ended` closes the playlists.
pub fn upload(
    storage: &Storage,
    s: &Session,
    channels: &Channels,
    answer: &StatusResponse,
    until: i64,
    ended: bool,
) {
    let Some(target) = &s.upload else { return };
    let composite = match s.stream_types {
        AUDIO_ONLY => Tracks::Audio,
        VIDEO_ONLY => Tracks::Video,
        _ => Tracks::AudioAndVideo,
    };
    let mut objects = Vec::new();
    let first = s.first_recorded(channels, until).unwrap_or(s.started_at_ms);
    for (name, since) in named_files(answer, first) {
        if name.ends_with(".m3u8") {
            let tracks = Tracks::of_playlist(&name, composite);
            objects.extend(media::playlist(
                &target.prefix,
                &name,
                tracks,
                since,
                until,
                ended,
            ));
        } else if name.ends_with(".mp4") {
            objects.push(media::mp4(&target.prefix, &name));
        }
    }
    if let Some(interval) = s.snapshot_interval_s {
        for t in s.recorded_tracks(channels, until) {
            if t.track == Track::Video {
                objects.extend(media::snapshots(
                    &target.prefix,
                    &s.sid,
                    &s.cname,
                    t.uid,
                    t.since_ms,
                    until,
                    interval,
                ));
            }
        }
    }
    storage.upload(&target.bucket, &objects);
}
