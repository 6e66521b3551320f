//! A session's files: what Agora's answers named, merged with what the bucket holds under the
//! session's prefix, each with its kind, size and time; and the plain answers for failures.

use agora_rest::recording::file_names::{describe, FileKind, FileNaming};
use agora_rest::recording::playlist::{track_events, PlaylistTrackEvent};
use agora_rest::recording::Mode;
use futures_util::TryStreamExt;
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore};
use serde::Serialize;

use super::check::StorageStep;
use super::Bucket;

/// At most this many objects are listed for one session.
pub const MAX_LISTED: usize = 2_000;
/// Playlists read for their track events, at most.
const MAX_PLAYLISTS_READ: usize = 24;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordedFile {
    /// The object key (with the prefix).
    pub key: String,
    pub naming: FileNaming,
    pub size: Option<u64>,
    /// When the storage last wrote it (Unix ms).
    pub modified_at: Option<i64>,
    /// Named in query's or stop's `fileList`.
    pub in_file_list: bool,
    /// Found in the bucket.
    pub in_bucket: bool,
    /// The URL without a signature (works only if the bucket is public).
    pub object_url: Option<String>,
    /// The app can play it (a playlist or MP4 found in the bucket).
    pub playable: bool,
}

/// One `#EXT-X-AGORA-TRACK-EVENT` of a playlist.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TrackEvent {
    pub playlist: String,
    pub uid: Option<String>,
    #[serde(flatten)]
    pub event: PlaylistTrackEvent,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SessionFiles {
    /// Playlists first, then MP4s, snapshots and slices; by name within each.
    pub files: Vec<RecordedFile>,
    /// Where the files are (`Amazon S3, bucket rec, prefix a/b/`).
    pub storage: Option<String>,
    /// Why the bucket could not be listed (no keys, refused, unreachable); the files are then
    /// only those the answers named.
    pub listing_problem: Option<String>,
    /// Listed objects left out past [`MAX_LISTED`].
    pub truncated: bool,
    pub track_events: Vec<TrackEvent>,
}

/// A range of an object, for the in-app player.
#[derive(Debug, Clone)]
pub struct ObjectPart {
    pub bytes: bytes::Bytes,
    /// Offset of `bytes` in the object.
    pub start: u64,
    pub total: u64,
    pub content_type: &'static str,
}

/// What to serve a recorded file as. Agora's docs ask for these on the playlist and its slices
/// (stores often answer `application/octet-stream`, which players refuse).
pub fn content_type(key: &str) -> &'static str {
    match key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("m3u8") => "application/x-mpegURL",
        Some("ts") => "video/MP2T",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("aac") => "audio/aac",
        _ => "application/octet-stream",
    }
}

/// Why a storage request failed, and which step and field that points at.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub step: StorageStep,
    pub message: String,
    pub field: Option<&'static str>,
}

/// `<Code>…</Code>` and `<Message>…</Message>` of an S3 or Azure error body. Only these two are
/// kept: the rest of a body can echo the access key and the string that was signed.
fn xml_field<'a>(text: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&format!("</{tag}>"))?;
    Some(&text[start..start + end])
}

/// A message's first line (Azure appends the request id and time), also when the newline
/// reached us escaped (`\\n`, from a Debug text).
fn first_line(m: &str) -> &str {
    let line = m.lines().next().unwrap_or_default();
    line.split("\\n").next().unwrap_or_default().trim()
}

fn status_of(e: &object_store::Error) -> Option<u16> {
    match e {
        object_store::Error::NotFound { .. } => Some(404),
        object_store::Error::PermissionDenied { .. } => Some(403),
        object_store::Error::Unauthenticated { .. } => Some(401),
        _ => None,
    }
}

/// Sorts a failed request into the step it shows to fail, with a message that names no secret.
pub(crate) fn classify(e: &object_store::Error, doing: StorageStep) -> Problem {
    // The body is in the Display text; some stores only reach it through Debug (escaped).
    let text = format!("{e} {e:?}");
    let code = xml_field(&text, "Code").unwrap_or_default().to_owned();
    let message = xml_field(&text, "Message").map(|m| first_line(m).to_owned());
    let auth_failed = message
        .as_deref()
        .is_some_and(|m| m.contains("failed to authenticate"));
    let said = |default: &str| match &message {
        Some(m) if !m.is_empty() => format!("{default} (the storage said: {m})"),
        _ => default.to_owned(),
    };
    let p = |step, message: String, field| Problem {
        step,
        message,
        field,
    };
    match code.as_str() {
        "InvalidAccessKeyId" | "NotSignedUp" | "AccountNotFound" | "InvalidAuthenticationInfo" => p(
            StorageStep::Auth,
            said("the storage does not know this access key"),
            Some("accessKey"),
        ),
        _ if auth_failed => p(
            StorageStep::Auth,
            said("the secret key does not belong to this access key"),
            Some("secretKey"),
        ),
        "SignatureDoesNotMatch" | "AuthenticationFailed" => p(
            StorageStep::Auth,
            said("the secret key does not belong to this access key"),
            Some("secretKey"),
        ),
        "NoSuchBucket" | "ContainerNotFound" | "InvalidBucketName" => p(
            StorageStep::Bucket,
            said("this bucket does not exist for these keys"),
            Some("bucket"),
        ),
        "AuthorizationHeaderMalformed" | "PermanentRedirect" | "IllegalLocationConstraintException" => p(
            StorageStep::Region,
            said("the bucket is in another region than the one chosen"),
            Some("region"),
        ),
        "AccessDenied" | "AuthorizationPermissionMismatch" | "AuthorizationFailure" => p(
            doing,
            said(match doing {
                StorageStep::Write => "the keys may not write here (check the key's policy for this bucket and prefix)",
                StorageStep::Read => "the keys may not read",
                StorageStep::Delete => "the keys may not delete",
                _ => "access denied",
            }),
            (doing == StorageStep::Write).then_some("accessKey"),
        ),
        _ => {
            let lower = text.to_ascii_lowercase();
            if status_of(e).is_none()
                && (lower.contains("connect") || lower.contains("dns") || lower.contains("timed out") || lower.contains("timeout"))
            {
                p(
                    StorageStep::Auth,
                    "the storage's host did not answer (check the endpoint or region, and the network)".into(),
                    Some("endpoint"),
                )
            } else {
                p(doing, said(&describe_error(e)), None)
            }
        }
    }
}

/// A failure in a few words, without bodies or URLs (a presigned URL must never be echoed).
pub(crate) fn describe_error(e: &object_store::Error) -> String {
    match status_of(e) {
        Some(404) => "not found".into(),
        Some(403) => "refused (403)".into(),
        Some(401) => "not authenticated (401)".into(),
        _ => match e {
            object_store::Error::NotSupported { .. } | object_store::Error::NotImplemented => {
                "this storage does not support that".into()
            }
            _ => {
                let text = format!("{e}");
                let status = text
                    .split("status code: ")
                    .nth(1)
                    .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
                    .filter(|s| !s.is_empty());
                match status {
                    Some(s) => format!("the storage answered HTTP {s}"),
                    None => "the request to the storage failed".into(),
                }
            }
        },
    }
}

/// Whether a file name (no directories) is one of recording `sid`'s, failover copies included.
pub(crate) fn belongs_to(name: &str, sid: &str) -> bool {
    let own = name
        .strip_prefix("bak")
        .and_then(|r| r.split_once('_'))
        .map_or(name, |(_, r)| r);
    !sid.is_empty() && own.starts_with(sid)
}

fn rank(kind: FileKind) -> u8 {
    match kind {
        FileKind::Playlist => 0,
        FileKind::Mp4 => 1,
        FileKind::Snapshot => 2,
        FileKind::Other => 3,
        FileKind::Slice => 4,
    }
}

/// Merges the named files with the bucket's objects of this session.
pub(crate) async fn list_session_files(
    bucket: Option<&Bucket>,
    named: &[String],
    sid: &str,
    cname: &str,
    mode: Mode,
) -> (Vec<RecordedFile>, Option<String>, bool) {
    let prefix = bucket.map_or("", |b| b.prefix.as_str());
    let mut files: Vec<RecordedFile> = Vec::new();
    let mut add = |key: String, size, modified_at, in_file_list, in_bucket, url: Option<String>| {
        if let Some(f) = files.iter_mut().find(|f| f.key == key) {
            f.in_file_list |= in_file_list;
            f.in_bucket |= in_bucket;
            f.size = f.size.or(size);
            f.modified_at = f.modified_at.or(modified_at);
            f.object_url = f.object_url.take().or(url);
        } else {
            let naming = describe(&key, sid, cname, mode);
            files.push(RecordedFile {
                key,
                naming,
                size,
                modified_at,
                in_file_list,
                in_bucket,
                object_url: url,
                playable: false,
            });
        }
    };
    for name in named {
        // fileList names carry the prefix's directories; a name without them is under it.
        let key = if !prefix.is_empty() && !name.starts_with(prefix) {
            format!("{prefix}{name}")
        } else {
            name.clone()
        };
        add(
            key.clone(),
            None,
            None,
            true,
            false,
            bucket.map(|b| b.object_url(&key)),
        );
    }
    let mut problem = None;
    let mut truncated = false;
    if let Some(b) = bucket {
        let list_prefix = Path::from(prefix.trim_end_matches('/'));
        let listed: Result<Vec<_>, _> = b
            .store
            .list(if prefix.is_empty() {
                None
            } else {
                Some(&list_prefix)
            })
            .try_filter(|m| {
                let name = m.location.filename().unwrap_or_default();
                futures_util::future::ready(belongs_to(name, sid))
            })
            .try_collect()
            .await;
        match listed {
            Ok(mut objects) => {
                truncated = objects.len() > MAX_LISTED;
                objects.truncate(MAX_LISTED);
                for m in objects {
                    let key = m.location.to_string();
                    let url = b.object_url(&key);
                    add(
                        key,
                        Some(m.size),
                        Some(m.last_modified.timestamp_millis()),
                        false,
                        true,
                        Some(url),
                    );
                }
            }
            Err(e) => {
                problem = Some(format!(
                    "the bucket could not be listed: {}",
                    classify(&e, StorageStep::Read).message
                ))
            }
        }
    }
    for f in &mut files {
        f.playable = f.in_bucket && matches!(f.naming.kind, FileKind::Playlist | FileKind::Mp4);
    }
    files.sort_by(|a, b| (rank(a.naming.kind), &a.key).cmp(&(rank(b.naming.kind), &b.key)));
    (files, problem, truncated)
}

/// The track events of the session's playlists found in the bucket.
pub(crate) async fn playlist_events(bucket: &Bucket, files: &[RecordedFile]) -> Vec<TrackEvent> {
    let mut out = Vec::new();
    let playlists = files
        .iter()
        .filter(|f| f.in_bucket && f.naming.kind == FileKind::Playlist)
        .take(MAX_PLAYLISTS_READ);
    for f in playlists {
        let Ok(r) = bucket.store.get(&Path::from(f.key.as_str())).await else {
            continue;
        };
        let Ok(bytes) = r.bytes().await else { continue };
        let text = String::from_utf8_lossy(&bytes);
        out.extend(track_events(&text).into_iter().map(|event| TrackEvent {
            playlist: f.key.clone(),
            uid: f.naming.uid.clone(),
            event,
        }));
    }
    out
}

/// Part of an object: `range` is `bytes=a-b` as a player sends it.
pub(crate) async fn read_part(
    bucket: &Bucket,
    key: &str,
    range: Option<(u64, Option<u64>)>,
) -> Result<ObjectPart, String> {
    let path = Path::from(key);
    let options = GetOptions {
        range: range.map(|(start, end)| match end {
            Some(end) => GetRange::Bounded(start..end + 1),
            None => GetRange::Offset(start),
        }),
        ..GetOptions::default()
    };
    let r = bucket
        .store
        .get_opts(&path, options)
        .await
        .map_err(|e| describe_error(&e))?;
    let (start, total) = (r.range.start, r.meta.size);
    let bytes = r.bytes().await.map_err(|e| describe_error(&e))?;
    Ok(ObjectPart {
        bytes,
        start,
        total,
        content_type: content_type(key),
    })
}
