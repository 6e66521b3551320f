//! Storage: the pre-flight check, a session's files, links, downloads, and the files the
//! in-app player reads through the `mixdeck-file:` protocol (see [`serve_file`]).

use std::path::PathBuf;

use agora_rest::recording::StorageConfig;
use mixdeck_core::engine::PresignedCopy;
use mixdeck_core::storage::{SessionFiles, StorageCheck};
use mixdeck_core::store::{ProfileId, SessionId};
use mixdeck_core::{CoreError, Engine};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::CommandError;

/// The URI scheme the player's `<video>` and hls.js read a session's files through: the keys
/// stay in Rust, and no presigned (secret) URL ever reaches the window.
pub const FILE_SCHEME: &str = "mixdeck-file";

#[tauri::command]
#[specta::specta]
pub async fn check_storage(
    engine: State<'_, Engine>,
    profile_id: ProfileId,
    storage: StorageConfig,
) -> Result<StorageCheck, CommandError> {
    Ok(engine.check_storage(profile_id, storage).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_files(
    engine: State<'_, Engine>,
    id: SessionId,
) -> Result<SessionFiles, CommandError> {
    Ok(engine.session_files(id).await?)
}

/// Puts a presigned link on the clipboard; the window only learns when it expires.
#[tauri::command]
#[specta::specta]
pub async fn copy_presigned_link(
    app: AppHandle,
    engine: State<'_, Engine>,
    id: SessionId,
    key: String,
    expires_in: u32,
) -> Result<PresignedCopy, CommandError> {
    let link = engine.presign_file(id, &key, expires_in).await?;
    app.clipboard()
        .write_text(link.url.expose().to_owned())
        .map_err(|e| CoreError::Internal(format!("the clipboard refused the link: {e}")))?;
    Ok(PresignedCopy {
        key,
        expires_at: link.expires_at,
    })
}

/// Where downloads go: `Downloads/Mixdeck/`.
fn downloads() -> Result<PathBuf, CoreError> {
    dirs::download_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Downloads")))
        .map(|d| d.join("Mixdeck"))
        .ok_or_else(|| CoreError::Internal("no Downloads folder to save into".into()))
}

/// Downloads a file into `Downloads/Mixdeck/<cname>-<sid…>/`; returns its path.
#[tauri::command]
#[specta::specta]
pub async fn download_file(
    engine: State<'_, Engine>,
    id: SessionId,
    key: String,
) -> Result<String, CommandError> {
    let row = engine.session(id).await?;
    let sid: String = row
        .sid
        .as_deref()
        .unwrap_or("session")
        .chars()
        .take(8)
        .collect();
    let folder: String = format!("{}-{sid}", row.cname)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = engine
        .download_file(id, &key, &downloads()?.join(folder))
        .await?;
    Ok(path.display().to_string())
}

/// Whether `path` is an existing file under `base` once links and `..` are resolved.
fn inside(path: &std::path::Path, base: &std::path::Path) -> bool {
    path.canonicalize()
        .ok()
        .zip(base.canonicalize().ok())
        .is_some_and(|(p, b)| p.starts_with(b) && p.is_file())
}

/// Shows a downloaded file in the OS file manager (only files under `Downloads/Mixdeck/`).
#[tauri::command]
#[specta::specta]
pub async fn reveal_download(path: String) -> Result<(), CommandError> {
    let path = PathBuf::from(path);
    if !inside(&path, &downloads()?) {
        return Err(CoreError::invalid("path", "is not a file Mixdeck downloaded").into());
    }
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|e| CoreError::Internal(format!("the file manager could not be opened: {e}")))?;
    Ok(())
}

/// `bytes=a-b` or `bytes=a-`.
fn range_of(request: &Request<Vec<u8>>) -> Option<(u64, Option<u64>)> {
    let value = request.headers().get(header::RANGE)?.to_str().ok()?;
    let (start, end) = value.strip_prefix("bytes=")?.split_once('-')?;
    Some((start.parse().ok()?, end.parse().ok()))
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(text.as_bytes().to_vec())
        .unwrap_or_default()
}

/// `mixdeck-file://localhost/<session id>/<object key>`: a session's file, read with its
/// profile's keys, with the Content-Type a player needs and byte ranges.
pub async fn serve_file(app: AppHandle, request: Request<Vec<u8>>) -> Response<Vec<u8>> {
    let Some(engine) = app.try_state::<Engine>() else {
        return plain(StatusCode::SERVICE_UNAVAILABLE, "the engine is not open");
    };
    let path = request.uri().path().trim_start_matches('/').to_owned();
    let Some((id, key)) = path.split_once('/') else {
        return plain(StatusCode::NOT_FOUND, "no such file");
    };
    let (Ok(id), Ok(key)) = (
        id.parse::<i64>(),
        percent_encoding::percent_decode_str(key).decode_utf8(),
    ) else {
        return plain(StatusCode::NOT_FOUND, "no such file");
    };
    let range = range_of(&request);
    match engine.read_file_part(SessionId(id), &key, range).await {
        Ok(part) => {
            let end = part.start + part.bytes.len() as u64;
            let mut r = Response::builder()
                .header(header::CONTENT_TYPE, part.content_type)
                .header(header::ACCEPT_RANGES, "bytes")
                .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(header::CACHE_CONTROL, "no-store");
            if range.is_some() {
                r = r.status(StatusCode::PARTIAL_CONTENT).header(
                    header::CONTENT_RANGE,
                    format!(
                        "bytes {}-{}/{}",
                        part.start,
                        end.saturating_sub(1),
                        part.total
                    ),
                );
            }
            r.body(part.bytes.to_vec()).unwrap_or_default()
        }
        Err(e) => {
            tracing::warn!(session = id, error = %e, "the player could not read a file");
            plain(StatusCode::NOT_FOUND, &e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_under_the_downloads_folder_are_revealed() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("Mixdeck");
        std::fs::create_dir_all(base.join("room-1")).unwrap();
        let file = base.join("room-1/a.ts");
        std::fs::write(&file, b"x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"x").unwrap();
        assert!(inside(&file, &base));
        assert!(!inside(&base.join("room-1/../../secret.txt"), &base));
        assert!(!inside(&dir.path().join("secret.txt"), &base));
        assert!(
            !inside(&base.join("room-1"), &base),
            "a folder is not a download"
        );
        assert!(!inside(&base.join("missing.ts"), &base));
    }

    #[test]
    fn a_players_range_header_is_read_as_first_and_last_byte() {
        let req = |v: &str| {
            Request::builder()
                .header(header::RANGE, v)
                .body(Vec::new())
                .unwrap()
        };
        assert_eq!(range_of(&req("bytes=0-187")), Some((0, Some(187))));
        assert_eq!(range_of(&req("bytes=500-")), Some((500, None)));
        assert_eq!(range_of(&req("items=0-1")), None);
    }
}
