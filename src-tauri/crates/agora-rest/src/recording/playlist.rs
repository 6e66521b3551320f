//! What Agora writes into its HLS playlists beyond the standard tags (reference notes §2.6):
//! each M3U8 starts with `#EXT-X-AGORA-TRACK-EVENT:EVENT=START,TRACK_TYPE=AUDIO|VIDEO,TIME=<ms>`,
//! again each time a user rejoins, so a player can draw who was recorded when.

use serde::{Deserialize, Serialize};

pub const TRACK_EVENT_TAG: &str = "#EXT-X-AGORA-TRACK-EVENT:";

/// One `#EXT-X-AGORA-TRACK-EVENT` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlaylistTrackEvent {
    /// `START` (the only event Agora documents).
    pub event: String,
    /// `AUDIO` or `VIDEO`.
    pub track_type: String,
    /// Unix ms.
    pub time_ms: i64,
    /// Milliseconds into the playlist where it appears (the sum of the `#EXTINF` before it).
    pub at_ms: i64,
}

/// The track events of a playlist's text, in order; lines that do not parse are skipped.
pub fn track_events(playlist: &str) -> Vec<PlaylistTrackEvent> {
    let mut out = Vec::new();
    let mut at_s = 0.0;
    for line in playlist.lines().map(str::trim) {
        if let Some(d) = line.strip_prefix("#EXTINF:") {
            at_s += d
                .split(',')
                .next()
                .and_then(|n| n.trim().parse::<f64>().ok())
                .unwrap_or(0.0);
        } else if let Some(attrs) = line.strip_prefix(TRACK_EVENT_TAG) {
            let get = |name: &str| {
                attrs
                    .split(',')
                    .filter_map(|kv| kv.split_once('='))
                    .find(|(k, _)| k.trim() == name)
                    .map(|(_, v)| v.trim().trim_matches('"').to_owned())
            };
            if let (Some(event), Some(track_type), Some(time_ms)) = (
                get("EVENT"),
                get("TRACK_TYPE"),
                get("TIME").and_then(|t| t.parse().ok()),
            ) {
                out.push(PlaylistTrackEvent {
                    event,
                    track_type,
                    time_ms,
                    at_ms: (at_s * 1000.0).round() as i64,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track_events_are_read_with_where_they_fall() {
        let text =
            "#EXTM3U\n#EXT-X-AGORA-TRACK-EVENT:EVENT=START,TRACK_TYPE=AUDIO,TIME=1700000000000\n\
                    #EXTINF:15.0,\na.ts\n#EXTINF:5.5,\nb.ts\n\
                    #EXT-X-AGORA-TRACK-EVENT:EVENT=START,TRACK_TYPE=VIDEO,TIME=1700000030000\n\
                    #EXT-X-AGORA-TRACK-EVENT:EVENT=START,TIME=x\n#EXTINF:2,\nc.ts\n";
        let events = track_events(text);
        assert_eq!(events.len(), 2);
        assert_eq!(
            (events[0].track_type.as_str(), events[0].at_ms),
            ("AUDIO", 0)
        );
        assert_eq!(
            (events[1].time_ms, events[1].at_ms),
            (1_700_000_030_000, 20_500)
        );
    }
}
