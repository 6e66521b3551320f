//! Storage for the app and the CLI: "Check storage" before a recording, and a session's files
//! afterwards (listing, presigned links, downloads, and the bytes the in-app player asks for).

use std::path::{Path, PathBuf};
use std::time::Duration;

use agora_rest::recording::StorageConfig;
use agora_rest::Sensitive;
use serde::Serialize;

use super::recording::{destination, Secrets};
use super::Engine;
use crate::error::{CoreError, CoreResult};
use crate::storage::{self, vendors, Bucket, ObjectPart, SessionFiles, StorageCheck, StorageKeys};
use crate::store::{
    Profile, ProfileId, ProfileKind, SessionConfig, SessionId, SessionRow, StorageDefaults,
};
use crate::vault::SecretKind;

/// Presigned links last between a minute and 7 days (SigV4's longest).
pub const PRESIGN_MIN_S: u32 = 60;
pub const PRESIGN_MAX_S: u32 = 7 * 24 * 3600;

/// A presigned link: a secret while it lasts, so it goes to the clipboard or stdout, never to
/// the window, the logs or the history.
#[derive(Debug, Clone)]
pub struct PresignedUrl {
    pub url: Sensitive<String>,
    /// Unix ms.
    pub expires_at: i64,
}

/// What the window learns about a presigned link it copied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PresignedCopy {
    pub key: String,
    pub expires_at: i64,
}

/// The session's own objects only: the player and the links cannot reach the rest of a bucket.
fn own_key(row: &SessionRow, bucket: &Bucket, key: &str) -> CoreResult<()> {
    let sid = row.sid.as_deref().unwrap_or_default();
    let name = key.strip_prefix(bucket.prefix.as_str()).unwrap_or_default();
    if name.contains('/') || !storage::belongs_to(name, sid) {
        return Err(CoreError::invalid("key", "is not a file of this session"));
    }
    Ok(())
}

impl Engine {
    /// How `storage` is reached for `profile`: the Sandbox profile's storage is the embedded
    /// sandbox's object store, whatever vendor it names.
    async fn storage_api(
        &self,
        profile: &Profile,
        storage: &StorageDefaults,
    ) -> CoreResult<Result<vendors::Api, String>> {
        if profile.kind == ProfileKind::Sandbox {
            self.sandbox_url().await?;
            let guard = self.inner.sandbox.lock().await;
            let url = guard
                .as_ref()
                .map(|h| h.storage().url.clone())
                .unwrap_or_default();
            return Ok(Ok(vendors::api_at(storage, &url)));
        }
        Ok(vendors::api(storage))
    }

    /// "Check storage": `storage` as the form or the profile has it; keys it leaves empty come
    /// from the profile's keychain entries.
    pub async fn check_storage(
        &self,
        profile: ProfileId,
        storage: StorageConfig,
    ) -> CoreResult<StorageCheck> {
        let mut filled = Some(storage);
        self.fill_storage_keys(profile, &mut filled, Secrets::Fill, "storageConfig", false)
            .await?;
        let s = filled.unwrap_or_default();
        for (key, field) in [(&s.access_key, "accessKey"), (&s.secret_key, "secretKey")] {
            if key.expose().trim().is_empty() {
                return Err(CoreError::invalid(
                    &format!("storageConfig.{field}"),
                    "is empty: type it, or set it in the profile's keychain entries",
                ));
            }
        }
        if s.bucket.trim().is_empty() {
            return Err(CoreError::invalid("storageConfig.bucket", "is required"));
        }
        let p = self.profile_row(profile).await?;
        let loc = StorageDefaults::of(&s);
        let api = match self.storage_api(&p, &loc).await? {
            Ok(api) => api,
            Err(why) => return Ok(StorageCheck::unsupported(why)),
        };
        let keys = StorageKeys {
            access_key: s.access_key.clone(),
            secret_key: s.secret_key.clone(),
            sts_token: s.sts_token.clone(),
        };
        let bucket = Bucket::open(&loc, &api, &keys).map_err(CoreError::Storage)?;
        let report = storage::check(&bucket).await;
        tracing::info!(profile = %profile, ok = report.ok, host = ?report.host, "storage checked");
        Ok(report)
    }

    /// The bucket a session recorded into, opened with its profile's keys.
    async fn session_bucket(
        &self,
        row: &SessionRow,
    ) -> CoreResult<Result<(Bucket, StorageDefaults), String>> {
        let SessionConfig::Recording { start, .. } = &row.config else {
            return Ok(Err("a transcoding task writes no files".into()));
        };
        let Some(s) = &start.client_request.storage_config else {
            return Ok(Err("this session named no storage".into()));
        };
        let loc = StorageDefaults::of(s);
        let Some(pid) = row.profile_id else {
            return Ok(Err(
                "its profile was deleted, and with it the storage keys".into()
            ));
        };
        let profile = self.profile_row(pid).await?;
        let api = match self.storage_api(&profile, &loc).await? {
            Ok(api) => api,
            Err(why) => return Ok(Err(why)),
        };
        let (Some(access_key), Some(secret_key)) = (
            self.secret(pid, SecretKind::StorageAccessKey).await?,
            self.secret(pid, SecretKind::StorageSecretKey).await?,
        ) else {
            return Ok(Err(format!(
                "profile {:?} has no storage keys in the keychain to read the bucket with",
                profile.name
            )));
        };
        let keys = StorageKeys {
            access_key,
            secret_key,
            sts_token: None,
        };
        Ok(Bucket::open(&loc, &api, &keys).map(|b| (b, loc)))
    }

    /// The bucket of session `id`, for one of its own files `key`.
    async fn own_bucket(&self, id: SessionId, key: &str) -> CoreResult<Bucket> {
        let row = self.session(id).await?;
        let bucket = self
            .session_bucket(&row)
            .await?
            .map_err(CoreError::Storage)?
            .0;
        own_key(&row, &bucket, key)?;
        Ok(bucket)
    }

    /// A session's files: those its answers named, and those its bucket holds.
    pub async fn session_files(&self, id: SessionId) -> CoreResult<SessionFiles> {
        let row = self.session(id).await?;
        let (Some(sid), Some(mode)) = (row.sid.clone(), row.mode) else {
            return Ok(SessionFiles {
                files: Vec::new(),
                storage: None,
                listing_problem: Some("this session never started recording".into()),
                truncated: false,
                track_events: Vec::new(),
            });
        };
        let opened = self.session_bucket(&row).await?;
        let described = opened.as_ref().ok().map(|(b, loc)| {
            let d = destination(loc.vendor, loc.region, &loc.bucket, loc.endpoint.as_deref());
            if b.prefix.is_empty() {
                d
            } else {
                format!("{d}, prefix {}", b.prefix)
            }
        });
        let (bucket, problem) = match opened {
            Ok((b, _)) => (Some(b), None),
            Err(why) => (None, Some(why)),
        };
        let (files, listing, truncated) =
            storage::list_session_files(bucket.as_ref(), &row.files, &sid, &row.cname, mode).await;
        let track_events = match &bucket {
            Some(b) => storage::playlist_events(b, &files).await,
            None => Vec::new(),
        };
        Ok(SessionFiles {
            files,
            storage: described,
            listing_problem: problem.or(listing),
            truncated,
            track_events,
        })
    }

    /// A link to one of a session's files that works for `expires_s` seconds without keys.
    pub async fn presign_file(
        &self,
        id: SessionId,
        key: &str,
        expires_s: u32,
    ) -> CoreResult<PresignedUrl> {
        if !(PRESIGN_MIN_S..=PRESIGN_MAX_S).contains(&expires_s) {
            return Err(CoreError::invalid(
                "expiresIn",
                format!("must be {PRESIGN_MIN_S} s to {PRESIGN_MAX_S} s (7 days)"),
            ));
        }
        let bucket = self.own_bucket(id, key).await?;
        let url = bucket
            .presign(key, Duration::from_secs(u64::from(expires_s)))
            .await
            .map_err(CoreError::Storage)?;
        tracing::info!(session = %id, key, expires_s, "presigned link made");
        Ok(PresignedUrl {
            url,
            expires_at: crate::store::now_ms() + i64::from(expires_s) * 1000,
        })
    }

    /// Bytes of one of a session's files (`range`: first and last byte), for the player.
    pub async fn read_file_part(
        &self,
        id: SessionId,
        key: &str,
        range: Option<(u64, Option<u64>)>,
    ) -> CoreResult<ObjectPart> {
        let bucket = self.own_bucket(id, key).await?;
        storage::read_part(&bucket, key, range)
            .await
            .map_err(CoreError::Storage)
    }

    /// Downloads one of a session's files into `dir` (made if missing); returns the file's path.
    pub async fn download_file(&self, id: SessionId, key: &str, dir: &Path) -> CoreResult<PathBuf> {
        let bucket = self.own_bucket(id, key).await?;
        let part = storage::read_part(&bucket, key, None)
            .await
            .map_err(CoreError::Storage)?;
        let name = key.rsplit('/').next().unwrap_or(key).to_owned();
        let path = dir.join(&name);
        let dir = dir.to_path_buf();
        let target = path.clone();
        crate::error::blocking(move || {
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&target, &part.bytes))
                .map_err(|e| CoreError::Storage(format!("cannot write {}: {e}", target.display())))
        })
        .await?;
        tracing::info!(session = %id, key, path = %path.display(), "file downloaded");
        Ok(path)
    }
}
