//! What a form field means, as Agora documents it: one short note per field, by its path in the
//! app's recording draft (the paths of [`limits::recording_field_limits`]). The app shows each
//! under its field, after the range from `limits`; numbers in a note come from `limits` too, so a
//! fact is written once, here or there.

use crate::limits;

/// The web recorder's `serviceParam` in the start form's draft.
const WEB: &str = "start.clientRequest.extensionServiceConfig.extensionServices.0.serviceParam";
const RC: &str = "start.clientRequest.recordingConfig";
const SC: &str = "start.clientRequest.storageConfig";

/// Every documented note, by draft path (`acquire.…` is acquire's `clientRequest`).
pub fn recording_field_notes() -> Vec<(String, String)> {
    let tc = format!("{RC}.transcodingConfig");
    let area = format!("Width × height ≤ {}.", limits::MAX_VIDEO_AREA);
    vec![
        (
            "start.cname".into(),
            format!(
                "The RTC channel to record (web: any label up to {} bytes).",
                limits::WEB_CNAME_MAX_BYTES
            ),
        ),
        (
            format!("{RC}.channelType"),
            "Must match the SDK's channel profile.".into(),
        ),
        (
            format!("{RC}.streamTypes"),
            "Default 2 (audio and video).".into(),
        ),
        (
            format!("{RC}.maxIdleTime"),
            "Stops after this long with nobody in the channel.".into(),
        ),
        (
            format!("{RC}.videoStreamType"),
            "Dual-stream: high (default) or low.".into(),
        ),
        (
            format!("{RC}.subscribeUidGroup"),
            "Required in individual mode.".into(),
        ),
        (
            format!("{RC}.streamMode"),
            "How audio and video files are split.".into(),
        ),
        (format!("{RC}.audioProfile"), "Default 0.".into()),
        (
            format!("{RC}.subscribeAudioUids"),
            format!(
                "Empty: everyone. #allstream# also means everyone. Up to {} uids; a mix shows the first {} to join.",
                limits::MAX_SUBSCRIBE_UIDS,
                limits::MAX_REGIONS
            ),
        ),
        (
            format!("{RC}.unSubscribeAudioUids"),
            "Everyone except these; not with a subscribe list.".into(),
        ),
        (format!("{RC}.subscribeVideoUids"), "Empty: everyone.".into()),
        (
            format!("{RC}.decryptionMode"),
            "Must match the channel's encryption.".into(),
        ),
        (
            format!("{RC}.secret"),
            "The channel's encryption key.".into(),
        ),
        (format!("{RC}.salt"), "Base64 of 32 bytes.".into()),
        (format!("{tc}.width"), area.clone()),
        (
            format!("{tc}.bitrate"),
            "Match it to the resolution.".into(),
        ),
        (
            format!("{tc}.mixedVideoLayout"),
            "Custom (3) uses the regions of the layout editor.".into(),
        ),
        (
            format!("{tc}.maxResolutionUid"),
            "Required by the vertical layout.".into(),
        ),
        (
            format!("{tc}.backgroundColor"),
            "#RRGGBB; default #000000.".into(),
        ),
        (
            format!("{tc}.backgroundImage"),
            "JPG or BMP, ≤ 6 MB.".into(),
        ),
        (
            format!("{tc}.defaultUserBackgroundImage"),
            "Shown 3.5 s after a user's video stops.".into(),
        ),
        (format!("{WEB}.videoWidth"), area),
        (
            format!("{WEB}.videoBitrate"),
            "Default 2000 at ≥ 1280×720, else 1500.".into(),
        ),
        (
            format!("{WEB}.maxRecordingHour"),
            "The recording stops when reached.".into(),
        ),
        (
            format!("{WEB}.readyTimeout"),
            "0 = do not wait for the page's signal.".into(),
        ),
        (
            format!("{WEB}.onhold"),
            "Open the page but write nothing until resumed.".into(),
        ),
        (
            "start.clientRequest.snapshotConfig.captureInterval".into(),
            "Files are JPG.".into(),
        ),
        (
            format!("{SC}.stsToken"),
            "Temporary credentials (vendors 1, 2, 3).".into(),
        ),
        (
            format!("{SC}.extensionParams.tag"),
            "Amazon S3 and Alibaba only.".into(),
        ),
        (
            format!("{SC}.extensionParams.endpoint"),
            "Host name of the S3-compatible storage (no scheme).".into(),
        ),
        (
            "acquire.region".into(),
            "Storage must be in the same area.".into(),
        ),
        (
            "acquire.resourceExpiredHour".into(),
            "How long the REST API stays usable.".into(),
        ),
        (
            "acquire.excludeResourceIds".into(),
            "Resource ids of other tasks (cross-region redundancy).".into(),
        ),
        (
            "sendStartParameter".into(),
            "A copy of the start body, for better scheduling.".into(),
        ),
        ("retryCode65".into(), code65_note()),
    ]
}

/// Every documented transcoder note, by its path in the app's transcoding draft (`transcoder.…`
/// is `config.transcoder`, `*` an index, `template.…` the template form).
pub fn transcoding_field_notes() -> Vec<(String, String)> {
    let t = "transcoder";
    let repeat = "1 (default), -1 to loop, or n times; never 0.";
    let image = "A jpg or png URL.";
    vec![
        (
            "instanceId".into(),
            "1 to 64 of a-z, A-Z, 0-9, - and _; one live task per instance id.".into(),
        ),
        (
            format!("{t}.idleTimeout"),
            "Destroyed once every host it processes has been gone this long.".into(),
        ),
        (
            format!("{t}.streamProcessMode"),
            "Not set: mix onto the canvas. single relays RTC to RTC; heterogeneous-single allows other output types. Both take one input of each kind.".into(),
        ),
        (
            format!("{t}.audioInputs.*.rtc.rtcChannel"),
            "Every RTC input comes from one channel.".into(),
        ),
        (
            format!("{t}.audioInputs.*.rtc.rtcUid"),
            "0 mixes the whole channel.".into(),
        ),
        (format!("{t}.audioInputs.*.repeat"), repeat.into()),
        (format!("{t}.videoInputs.*.repeat"), repeat.into()),
        (
            format!("{t}.videoInputs.*.rtc.rtcUid"),
            "The host whose video this is.".into(),
        ),
        (
            format!("{t}.videoInputs.*.placeholderImageUrl"),
            "A jpg or png URL, shown while the user is offline.".into(),
        ),
        (
            format!("{t}.videoInputs.*.region.zOrder"),
            "2 is just above the placeholder layer; 100 is the top.".into(),
        ),
        (
            format!("{t}.canvas.color"),
            "Sent as the decimal RGB integer Agora wants.".into(),
        ),
        (format!("{t}.canvas.backgroundImage"), image.into()),
        (
            format!("{t}.canvas.fillMode"),
            "FILL (default) scales and centre-crops; FIT shows the whole image.".into(),
        ),
        (format!("{t}.waterMarks.*.imageUrl"), image.into()),
        (
            format!("{t}.outputs.*.rtc.rtcUid"),
            "Must not clash with any other uid in the channel.".into(),
        ),
        (
            format!("{t}.outputs.*.streamUrl"),
            "A task pushes to CDN URLs or to one RTC channel, not both.".into(),
        ),
        (
            format!("{t}.outputs.*.videoOption.width"),
            format!("Width × height ≤ {}.", limits::MAX_VIDEO_AREA),
        ),
        (
            format!("{t}.outputs.*.videoOption.bitrate"),
            "Chosen by Agora when left out.".into(),
        ),
        (
            format!("{t}.outputs.*.videoOption.mode"),
            "RAW passes one video input through without transcoding.".into(),
        ),
        (
            format!("{t}.outputs.*.videoOption.lowBitrateHighQuality"),
            "An extra-cost feature (ask Agora sales).".into(),
        ),
        (
            "generateTokens".into(),
            "Inputs get a token for uid 0, as Agora requires; outputs one for their rtcUid.".into(),
        ),
        (
            "template.viewerChannel".into(),
            format!(
                "Viewers join {}.",
                crate::transcoding::template_channel("<channel>", "<codecId>")
            ),
        ),
        (
            "template.codecId".into(),
            format!(
                "1 to {} bytes of a-z, A-Z, 0-9, space and {}",
                crate::transcoding::CODEC_ID_MAX_BYTES,
                crate::transcoding::CODEC_ID_PUNCTUATION
            ) + ".",
        ),
    ]
}

/// "Re-send start after 3 s, then 6 s (Agora's advice).", from the client's own delays.
fn code65_note() -> String {
    let delays: Vec<String> = crate::RetryPolicy::default()
        .code65_delays
        .iter()
        .map(|d| format!("{} s", d.as_secs()))
        .collect();
    format!(
        "Re-send start after {} (Agora's advice).",
        delays.join(", then ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code65_note_states_the_delays_the_client_uses() {
        assert_eq!(
            code65_note(),
            "Re-send start after 3 s, then 6 s (Agora's advice)."
        );
    }

    #[test]
    fn every_note_is_one_sentence_and_no_path_has_two() {
        for notes in [recording_field_notes(), transcoding_field_notes()] {
            one_each(notes);
        }
    }

    fn one_each(notes: Vec<(String, String)>) {
        let mut paths: Vec<&str> = notes.iter().map(|(p, _)| p.as_str()).collect();
        paths.sort_unstable();
        let before = paths.len();
        paths.dedup();
        assert_eq!(paths.len(), before, "a path has two notes");
        for (path, note) in &notes {
            assert!(
                note.ends_with('.'),
                "{path}: {note:?} ends without a full stop"
            );
            assert!(!note.is_empty());
        }
    }
}
