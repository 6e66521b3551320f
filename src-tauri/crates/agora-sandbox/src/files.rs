//! File names as Agora's recording service writes them (reference notes §1.10).
//!
//! * individual: `<sid>_<cname>__uid_s_<uid>__uid_e_<audio|video>.m3u8` (and `..._av.m3u8` for
//!   the combined playlist of `streamMode: "standard"`);
//! * mix and web: `<sid>_<cname>.m3u8` and `<sid>_<cname>_<index>.mp4`.

use agora_rest::recording::{
    FileInfo, FileList, FileListMode, FileListModeKnown, TrackType, TrackTypeKnown, WebFileInfo,
};

use crate::wire::recording::{AUDIO_ONLY, VIDEO_ONLY};

/// One medium of one user's stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Track {
    Audio,
    Video,
}

impl Track {
    fn suffix(self) -> &'static str {
        match self {
            Track::Audio => "audio",
            Track::Video => "video",
        }
    }

    fn track_type(self) -> TrackType {
        match self {
            Track::Audio => TrackTypeKnown::Audio.into(),
            Track::Video => TrackTypeKnown::Video.into(),
        }
    }
}

/// A user's track that the session recorded, from `since_ms` (its first slice) on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedTrack {
    pub uid: u32,
    pub track: Track,
    pub since_ms: i64,
}

pub fn individual_m3u8(sid: &str, cname: &str, uid: u32, suffix: &str) -> String {
    format!("{sid}_{cname}__uid_s_{uid}__uid_e_{suffix}.m3u8")
}

pub fn composite_m3u8(sid: &str, cname: &str) -> String {
    format!("{sid}_{cname}.m3u8")
}

pub fn composite_mp4(sid: &str, cname: &str, index: u32) -> String {
    format!("{sid}_{cname}_{index}.mp4")
}

fn file(name: String, track_type: TrackType, uid: String, mixed: bool, since_ms: i64) -> FileInfo {
    FileInfo {
        file_name: name,
        track_type: Some(track_type),
        uid: Some(uid),
        mixed_all_user: Some(mixed),
        is_playable: Some(true),
        slice_start_time: Some(since_ms),
        extra: Default::default(),
    }
}

/// Individual mode: one playlist per recorded user and medium, in the order they started; with
/// `streamMode: "standard"`, also a combined playlist for users recorded with both.
pub fn individual_files(
    sid: &str,
    cname: &str,
    tracks: &[RecordedTrack],
    stream_mode: Option<&str>,
) -> Vec<FileInfo> {
    let mut sorted = tracks.to_vec();
    sorted.sort_by_key(|t| (t.since_ms, t.uid, t.track));
    let mut files: Vec<FileInfo> = sorted
        .iter()
        .map(|t| {
            file(
                individual_m3u8(sid, cname, t.uid, t.track.suffix()),
                t.track.track_type(),
                t.uid.to_string(),
                false,
                t.since_ms,
            )
        })
        .collect();
    if stream_mode == Some("standard") {
        for audio in sorted.iter().filter(|t| t.track == Track::Audio) {
            if let Some(video) = sorted
                .iter()
                .find(|t| t.track == Track::Video && t.uid == audio.uid)
            {
                files.push(file(
                    individual_m3u8(sid, cname, audio.uid, "av"),
                    TrackTypeKnown::AudioAndVideo.into(),
                    audio.uid.to_string(),
                    false,
                    audio.since_ms.max(video.since_ms),
                ));
            }
        }
    }
    files
}

fn wants_mp4(av: &[String]) -> bool {
    av.iter().any(|t| t == "mp4")
}

/// Mix mode: `["hls"]` lists the playlist's name as a string; `["hls","mp4"]` lists records.
pub fn mix_files(
    sid: &str,
    cname: &str,
    av: &[String],
    stream_types: u8,
    since_ms: i64,
) -> (FileListMode, FileList) {
    if !wants_mp4(av) {
        return (
            FileListModeKnown::String.into(),
            FileList::M3u8(composite_m3u8(sid, cname)),
        );
    }
    let track_type: TrackType = match stream_types {
        AUDIO_ONLY => TrackTypeKnown::Audio.into(),
        VIDEO_ONLY => TrackTypeKnown::Video.into(),
        _ => TrackTypeKnown::AudioAndVideo.into(),
    };
    let files = vec![
        file(
            composite_m3u8(sid, cname),
            track_type.clone(),
            "0".into(),
            true,
            since_ms,
        ),
        file(
            composite_mp4(sid, cname, 0),
            track_type,
            "0".into(),
            true,
            since_ms,
        ),
    ];
    (FileListModeKnown::Json.into(), FileList::Files(files))
}

/// Web mode: the page's playlist (and MP4 with `["hls","mp4"]`), spelled `filename`.
pub fn web_files(sid: &str, cname: &str, av: &[String], since_ms: i64) -> Vec<WebFileInfo> {
    let mut names = vec![composite_m3u8(sid, cname)];
    if wants_mp4(av) {
        names.push(composite_mp4(sid, cname, 0));
    }
    names
        .into_iter()
        .map(|filename| WebFileInfo {
            filename,
            slice_start_time: Some(since_ms),
            extra: Default::default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SID: &str = "38f8e3cfdc474cd56fc1ceba380d7e1a";

    #[test]
    fn individual_names_follow_the_documented_pattern() {
        let tracks = [
            RecordedTrack {
                uid: 1002,
                track: Track::Video,
                since_ms: 20,
            },
            RecordedTrack {
                uid: 1001,
                track: Track::Audio,
                since_ms: 10,
            },
            RecordedTrack {
                uid: 1002,
                track: Track::Audio,
                since_ms: 20,
            },
        ];
        let files = individual_files(SID, "room", &tracks, None);
        let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(
            names,
            [
                format!("{SID}_room__uid_s_1001__uid_e_audio.m3u8"),
                format!("{SID}_room__uid_s_1002__uid_e_audio.m3u8"),
                format!("{SID}_room__uid_s_1002__uid_e_video.m3u8"),
            ]
        );
        assert_eq!(files[0].uid.as_deref(), Some("1001"));
        assert_eq!(files[0].mixed_all_user, Some(false));
        assert_eq!(files[0].slice_start_time, Some(10));
        let standard = individual_files(SID, "room", &tracks, Some("standard"));
        assert_eq!(standard.len(), 4);
        assert_eq!(
            standard[3].file_name,
            format!("{SID}_room__uid_s_1002__uid_e_av.m3u8")
        );
    }

    #[test]
    fn mix_lists_a_string_for_hls_and_records_for_hls_and_mp4() {
        let (mode, list) = mix_files(
            SID,
            "room",
            &["hls".to_owned()],
            crate::wire::recording::AUDIO_AND_VIDEO,
            5,
        );
        assert_eq!(mode.as_str(), "string");
        assert_eq!(list, FileList::M3u8(format!("{SID}_room.m3u8")));
        let (mode, list) = mix_files(
            SID,
            "room",
            &["hls".to_owned(), "mp4".to_owned()],
            crate::wire::recording::AUDIO_AND_VIDEO,
            5,
        );
        assert_eq!(mode.as_str(), "json");
        let FileList::Files(files) = list else {
            panic!("records expected")
        };
        assert_eq!(files[1].file_name, format!("{SID}_room_0.mp4"));
        assert_eq!(files[1].uid.as_deref(), Some("0"));
        assert_eq!(files[1].mixed_all_user, Some(true));
        assert_eq!(
            files[1].track_type.as_ref().map(|t| t.as_str()),
            Some("audio_and_video")
        );
    }

    #[test]
    fn web_files_use_the_composite_names() {
        let files = web_files(SID, "page", &["hls".to_owned(), "mp4".to_owned()], 9);
        assert_eq!(files[0].filename, format!("{SID}_page.m3u8"));
        assert_eq!(files[1].filename, format!("{SID}_page_0.mp4"));
    }
}
