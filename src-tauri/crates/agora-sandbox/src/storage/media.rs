//! What a recording uploads, made from the committed test clip (`media/`, see `media/make.sh`):
//! HLS playlists with Agora's `#EXT-X-AGORA-TRACK-EVENT` tags over 2 s MPEG-TS slices, MP4 files,
//! and JPEG snapshots, under the names Agora documents (reference notes §1.10).

use agora_rest::utc::slice_stamp;
use bytes::Bytes;

use super::Object;

/// Each slice of the clip lasts this long.
pub const SLICE_MS: i64 = 2_000;
/// A playlist lists at most this many slices (10 minutes); a longer sandbox recording's
/// playlist stops there, so that a session left running does not fill the disk.
pub const MAX_SLICES: usize = 300;
/// At most this many snapshots per user.
pub const MAX_SNAPSHOTS: usize = 60;

const AV: [&[u8]; 3] = [
    include_bytes!("../../media/av_0.ts"),
    include_bytes!("../../media/av_1.ts"),
    include_bytes!("../../media/av_2.ts"),
];
const AUDIO: [&[u8]; 3] = [
    include_bytes!("../../media/audio_0.ts"),
    include_bytes!("../../media/audio_1.ts"),
    include_bytes!("../../media/audio_2.ts"),
];
const VIDEO: [&[u8]; 3] = [
    include_bytes!("../../media/video_0.ts"),
    include_bytes!("../../media/video_1.ts"),
    include_bytes!("../../media/video_2.ts"),
];
const CLIP: &[u8] = include_bytes!("../../media/clip.mp4");
const SNAPSHOT: &[u8] = include_bytes!("../../media/snapshot.jpg");

/// What a playlist's slices carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracks {
    AudioAndVideo,
    Audio,
    Video,
}

impl Tracks {
    /// From a playlist's name: individual mode ends in `__uid_e_audio` or `__uid_e_video`.
    pub fn of_playlist(name: &str, composite: Tracks) -> Tracks {
        if name.ends_with("__uid_e_audio.m3u8") {
            Tracks::Audio
        } else if name.ends_with("__uid_e_video.m3u8") {
            Tracks::Video
        } else if name.ends_with("__uid_e_av.m3u8") {
            Tracks::AudioAndVideo
        } else {
            composite
        }
    }

    fn slices(self) -> &'static [&'static [u8]; 3] {
        match self {
            Tracks::AudioAndVideo => &AV,
            Tracks::Audio => &AUDIO,
            Tracks::Video => &VIDEO,
        }
    }

    fn events(self) -> &'static [&'static str] {
        match self {
            Tracks::AudioAndVideo => &["AUDIO", "VIDEO"],
            Tracks::Audio => &["AUDIO"],
            Tracks::Video => &["VIDEO"],
        }
    }
}

fn slice_count(since_ms: i64, until_ms: i64) -> usize {
    let ms = (until_ms - since_ms).max(1);
    usize::try_from((ms + SLICE_MS - 1) / SLICE_MS)
        .unwrap_or(MAX_SLICES)
        .clamp(1, MAX_SLICES)
}

/// A playlist `name` recorded from `since_ms` to `until_ms`, with its slices; `ended` closes
/// the playlist (`#EXT-X-ENDLIST`). Every object's key starts with `prefix` (`a/b/` or empty).
pub fn playlist(
    prefix: &str,
    name: &str,
    tracks: Tracks,
    since_ms: i64,
    until_ms: i64,
    ended: bool,
) -> Vec<Object> {
    let stem = name.strip_suffix(".m3u8").unwrap_or(name);
    let mut text = String::from(
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n",
    );
    for kind in tracks.events() {
        text.push_str(&format!(
            "#EXT-X-AGORA-TRACK-EVENT:EVENT=START,TRACK_TYPE={kind},TIME={since_ms}\n"
        ));
    }
    let slices = tracks.slices();
    let mut objects = Vec::new();
    for i in 0..slice_count(since_ms, until_ms) {
        let at = since_ms + i as i64 * SLICE_MS;
        let slice = format!("{stem}_{}.ts", slice_stamp(at));
        if i > 0 && i % slices.len() == 0 {
            // The clip starts over: its timestamps jump back.
            text.push_str("#EXT-X-DISCONTINUITY\n");
        }
        text.push_str(&format!("#EXTINF:2.000,\n{slice}\n"));
        objects.push(Object {
            key: format!("{prefix}{slice}"),
            body: Bytes::from_static(slices[i % slices.len()]),
        });
    }
    if ended {
        text.push_str("#EXT-X-ENDLIST\n");
    }
    objects.push(Object {
        key: format!("{prefix}{name}"),
        body: Bytes::from(text),
    });
    objects
}

/// An MP4 file (mix and web with `avFileType: ["hls","mp4"]`).
pub fn mp4(prefix: &str, name: &str) -> Object {
    Object {
        key: format!("{prefix}{name}"),
        body: Bytes::from_static(CLIP),
    }
}

/// A user's snapshots every `interval_s` from `since_ms`:
/// `<sid>_<cname>__uid_s_<uid>__uid_e_video_<utc>.jpg`.
pub fn snapshots(
    prefix: &str,
    sid: &str,
    cname: &str,
    uid: u32,
    since_ms: i64,
    until_ms: i64,
    interval_s: u32,
) -> Vec<Object> {
    let step = i64::from(interval_s.max(1)) * 1000;
    (0..MAX_SNAPSHOTS as i64)
        .map(|i| since_ms + i * step)
        .take_while(|at| *at <= until_ms)
        .map(|at| Object {
            key: format!(
                "{prefix}{sid}_{cname}__uid_s_{uid}__uid_e_video_{}.jpg",
                slice_stamp(at)
            ),
            body: Bytes::from_static(SNAPSHOT),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_playlist_names_its_slices_by_utc_and_marks_the_tracks() {
        // 2019-06-11 07:32:46.073 UTC, 7 s: four slices, the fourth after a restart of the clip.
        let since = 1_560_238_366_073;
        let objects = playlist(
            "a/b/",
            "sid_room.m3u8",
            Tracks::AudioAndVideo,
            since,
            since + 7_000,
            true,
        );
        let keys: Vec<&str> = objects.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "a/b/sid_room_20190611073246073.ts",
                "a/b/sid_room_20190611073248073.ts",
                "a/b/sid_room_20190611073250073.ts",
                "a/b/sid_room_20190611073252073.ts",
                "a/b/sid_room.m3u8",
            ]
        );
        let text = std::str::from_utf8(&objects[4].body).unwrap();
        assert!(text.contains(&format!(
            "#EXT-X-AGORA-TRACK-EVENT:EVENT=START,TRACK_TYPE=VIDEO,TIME={since}\n"
        )));
        assert_eq!(text.matches("#EXTINF:2.000,").count(), 4);
        assert_eq!(text.matches("#EXT-X-DISCONTINUITY").count(), 1);
        assert!(text.ends_with("#EXT-X-ENDLIST\n"));
        assert_eq!(&objects[0].body[..], AV[0]);
        assert_eq!(&objects[3].body[..], AV[0]);
    }

    #[test]
    fn individual_playlists_carry_only_their_track() {
        let name = "sid_room__uid_s_1001__uid_e_audio.m3u8";
        assert_eq!(
            Tracks::of_playlist(name, Tracks::AudioAndVideo),
            Tracks::Audio
        );
        let objects = playlist("", name, Tracks::Audio, 0, 1, false);
        assert_eq!(
            objects[0].key,
            "sid_room__uid_s_1001__uid_e_audio_19700101000000000.ts"
        );
        assert_eq!(&objects[0].body[..], AUDIO[0]);
        let text = std::str::from_utf8(&objects[1].body).unwrap();
        assert!(!text.contains("TRACK_TYPE=VIDEO") && !text.contains("ENDLIST"));
    }

    #[test]
    fn snapshots_follow_the_capture_interval() {
        let shots = snapshots("", "sid", "room", 7, 0, 25_000, 10);
        assert_eq!(shots.len(), 3);
        assert_eq!(
            shots[2].key,
            "sid_room__uid_s_7__uid_e_video_19700101000020000.jpg"
        );
    }
}
