//! What a recorded file's name says (reference notes §1.10), so a user can tell files apart:
//!
//! * individual: `<sid>_<cname>__uid_s_<uid>__uid_e_<audio|video>.m3u8`, slices `…_<utc>.ts|.webm`;
//! * mix and web: `<sid>_<cname>.m3u8` and `<sid>_<cname>_<index>.mp4`;
//! * after a failover a new playlist starts with `bak<n>_`; `fileNamePrefix` adds directories.

use serde::{Deserialize, Serialize};

use super::Mode;

/// One file of a recording, its name read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FileNaming {
    /// The name as Agora reported it (with its `fileNamePrefix` directories).
    pub name: String,
    /// The directories `fileNamePrefix` put before it, joined with `/`.
    pub prefix: Option<String>,
    pub kind: FileKind,
    /// The user whose stream it holds (individual mode).
    pub uid: Option<String>,
    /// `audio`, `video` or `av` (individual mode).
    pub track: Option<String>,
    /// Started after high-availability failover number n (`bak<n>_`).
    pub failover: Option<u32>,
    /// The MP4 part number in `<sid>_<cname>_<index>.mp4`.
    pub part: Option<u32>,
    /// The whole name explained in one sentence.
    pub meaning: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FileKind {
    /// An HLS playlist (M3U8) listing the slices.
    Playlist,
    /// One slice (TS or WebM) of a playlist.
    Slice,
    /// An MP4 file (mix and web with `avFileType` `mp4`).
    Mp4,
    /// A JPG screenshot.
    Snapshot,
    /// Any other name.
    Other,
}

/// How a mode names its files, in one line.
pub fn naming_rule(mode: Mode) -> &'static str {
    match mode {
        Mode::Individual => {
            "<sid>_<cname>__uid_s_<uid>__uid_e_<audio|video|av>.m3u8: one playlist per user and medium, slices <...>_<utc>.ts or .webm."
        }
        Mode::Mix => "<sid>_<cname>.m3u8 and <sid>_<cname>_<n>.mp4: one composite.",
        Mode::Web => "<sid>_<cname>.m3u8 and <sid>_<cname>_<n>.mp4: the page, MP4 split every maxVideoDuration minutes.",
    }
}

/// Reads `name` as a file of the `mode` recording `sid` of channel `cname`.
pub fn describe(name: &str, sid: &str, cname: &str, mode: Mode) -> FileNaming {
    let whole = if mode == Mode::Web {
        "page"
    } else {
        "composite"
    };
    let (prefix, base) = match name.rsplit_once('/') {
        Some((dir, base)) => (Some(dir.to_owned()).filter(|d| !d.is_empty()), base),
        None => (None, name),
    };
    let mut naming = FileNaming {
        name: name.to_owned(),
        prefix,
        kind: FileKind::Other,
        uid: None,
        track: None,
        failover: None,
        part: None,
        meaning: String::new(),
    };
    let (stem, ext) = base.rsplit_once('.').unwrap_or((base, ""));
    naming.kind = match ext.to_ascii_lowercase().as_str() {
        "m3u8" => FileKind::Playlist,
        "ts" | "webm" => FileKind::Slice,
        "mp4" => FileKind::Mp4,
        "jpg" | "jpeg" => FileKind::Snapshot,
        _ => FileKind::Other,
    };
    let mut rest = stem;
    if let Some(after) = rest.strip_prefix("bak") {
        if let Some((n, tail)) = after.split_once('_') {
            if let Ok(n) = n.parse() {
                naming.failover = Some(n);
                rest = tail;
            }
        }
    }
    let own = rest
        .strip_prefix(sid)
        .and_then(|r| r.strip_prefix('_'))
        .and_then(|r| r.strip_prefix(cname));
    let mut parts: Vec<String> = Vec::new();
    match own {
        Some(tail) => {
            if let Some(user) = tail.strip_prefix("__uid_s_") {
                let (uid, after) = user.split_once("__uid_e_").unwrap_or((user, ""));
                naming.uid = Some(uid.to_owned());
                let track = after.split('_').next().unwrap_or("");
                if !track.is_empty() {
                    naming.track = Some(track.to_owned());
                }
            } else if let Some(n) = tail.strip_prefix('_') {
                if naming.kind == FileKind::Mp4 {
                    naming.part = n.parse().ok();
                }
            }
            parts.push(match naming.kind {
                FileKind::Playlist if naming.uid.is_some() => "HLS playlist of one user".to_owned(),
                FileKind::Playlist => format!("HLS playlist of the {whole}"),
                FileKind::Slice => "one slice of a playlist".to_owned(),
                FileKind::Mp4 => match naming.part {
                    Some(p) => format!("MP4 of the {whole}, part {p}"),
                    None => format!("MP4 of the {whole}"),
                },
                FileKind::Snapshot => "a screenshot".to_owned(),
                FileKind::Other => "a file of this recording".to_owned(),
            });
            if let Some(uid) = &naming.uid {
                let track = match naming.track.as_deref() {
                    Some("audio") => "audio only",
                    Some("video") => "video only",
                    Some("av") => "audio and video",
                    _ => "its stream",
                };
                parts.push(format!("uid {uid}, {track}"));
            }
            parts.push(format!("sid {sid}, channel {cname}"));
        }
        None => parts.push("not named after this recording's sid and channel".to_owned()),
    }
    if let Some(n) = naming.failover {
        parts.push(format!(
            "started after high-availability failover {n} (prefix bak{n}_)"
        ));
    }
    if let Some(p) = &naming.prefix {
        parts.push(format!("in {p}/ (fileNamePrefix)"));
    }
    naming.meaning = parts.join("; ");
    naming
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_every_mode_are_read() {
        let f = describe(
            "sid1_room__uid_s_1001__uid_e_audio.m3u8",
            "sid1",
            "room",
            Mode::Individual,
        );
        assert_eq!(f.kind, FileKind::Playlist);
        assert_eq!(f.uid.as_deref(), Some("1001"));
        assert_eq!(f.track.as_deref(), Some("audio"));
        assert!(f.meaning.contains("uid 1001, audio only"), "{}", f.meaning);

        let f = describe("a/b/sid1_room_2.mp4", "sid1", "room", Mode::Mix);
        assert_eq!((f.kind, f.part), (FileKind::Mp4, Some(2)));
        assert_eq!(f.prefix.as_deref(), Some("a/b"));
        assert!(
            f.meaning.ends_with("in a/b/ (fileNamePrefix)"),
            "{}",
            f.meaning
        );

        let f = describe("bak0_sid1_room.m3u8", "sid1", "room", Mode::Web);
        assert_eq!(
            (f.kind, f.failover, f.uid),
            (FileKind::Playlist, Some(0), None)
        );
        assert!(f.meaning.contains("of the page"), "{}", f.meaning);

        let f = describe(
            "sid1_room__uid_s_7__uid_e_video_20261203101500123.ts",
            "sid1",
            "room",
            Mode::Individual,
        );
        assert_eq!(
            (f.kind, f.track.as_deref()),
            (FileKind::Slice, Some("video"))
        );

        let f = describe("other.m3u8", "sid1", "room", Mode::Individual);
        assert!(f.meaning.contains("not named after"), "{}", f.meaning);
    }
}
