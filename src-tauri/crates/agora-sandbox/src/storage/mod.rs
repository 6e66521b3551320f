//! The sandbox's object store: a real S3 API on 127.0.0.1 (s3s over s3s-fs, SigV4 verified),
//! into which recordings "upload" real media, as Agora's uploader does into the user's bucket.
//!
//! A recording uploads here when its `storageConfig` names one of the store's buckets with the
//! store's keys; any other storage is simulated as before (answers only, no objects). Buckets
//! live in one region each: a request signed for another region is refused the way Amazon S3
//! refuses it, so a wrong `region` shows up in a storage check.

mod access;
pub mod media;

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::error::SandboxError;

/// The built-in bucket, its region and keys: fixed and public, like the sandbox's credentials.
pub const DEFAULT_BUCKET: &str = "mixdeck-sandbox";
pub const DEFAULT_STORAGE_REGION: &str = "us-east-1";
pub const DEFAULT_STORAGE_ACCESS_KEY: &str = "sandbox-access-key";
pub const DEFAULT_STORAGE_SECRET_KEY: &str = "sandbox-secret-key";

/// What the store is started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageSettings {
    pub buckets: Vec<BucketSettings>,
    pub access_key: String,
    pub secret_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketSettings {
    pub name: String,
    /// The vendor's region name requests must be signed for (`us-east-1`).
    pub region: String,
}

impl Default for StorageSettings {
    fn default() -> Self {
        Self {
            buckets: vec![BucketSettings {
                name: DEFAULT_BUCKET.into(),
                region: DEFAULT_STORAGE_REGION.into(),
            }],
            access_key: DEFAULT_STORAGE_ACCESS_KEY.into(),
            secret_key: DEFAULT_STORAGE_SECRET_KEY.into(),
        }
    }
}

/// Where the store listens and what it holds, for `GET /_sandbox/info` and the handle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageInfo {
    /// `http://127.0.0.1:<port>`: path-style S3 (`/<bucket>/<key>`).
    pub url: String,
    /// `127.0.0.1:<port>`: what `storageConfig.extensionParams.endpoint` names (vendor 11).
    pub endpoint: String,
    pub buckets: Vec<BucketInfo>,
    pub access_key: String,
    pub secret_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketInfo {
    pub name: String,
    pub region: String,
}

/// The running store: its files on disk, and which objects the sandbox already uploaded.
pub struct Storage {
    settings: StorageSettings,
    info: StorageInfo,
    root: PathBuf,
    /// Deleted with the store.
    _dir: tempfile::TempDir,
    uploaded: Mutex<HashSet<String>>,
    service: s3s::service::SharedS3Service,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Storage")
            .field("url", &self.info.url)
            .finish_non_exhaustive()
    }
}

/// Where a recording's files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// Into this store.
    Here,
    /// This store's bucket with the wrong keys: the uploader is refused, and the files go to
    /// Agora's backup instead (stop answers `uploadingStatus: "backuped"`).
    Refused,
    /// Storage the sandbox does not hold: answers only, no objects.
    Elsewhere,
}

/// An object a recording produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub key: String,
    pub body: bytes::Bytes,
}

impl Storage {
    /// Binds the store's port and makes its buckets; [`serve`] then answers on it.
    pub async fn bind(settings: StorageSettings) -> Result<(Self, TcpListener), SandboxError> {
        let io =
            |source| SandboxError::Storage(format!("cannot prepare the object store: {source}"));
        let dir = tempfile::Builder::new()
            .prefix("agora-sandbox-storage-")
            .tempdir()
            .map_err(io)?;
        for b in &settings.buckets {
            std::fs::create_dir_all(dir.path().join(&b.name)).map_err(io)?;
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|source| SandboxError::Bind { port: 0, source })?;
        let addr: SocketAddr = listener
            .local_addr()
            .map_err(|source| SandboxError::Bind { port: 0, source })?;
        let info = StorageInfo {
            url: format!("http://{addr}"),
            endpoint: addr.to_string(),
            buckets: settings
                .buckets
                .iter()
                .map(|b| BucketInfo {
                    name: b.name.clone(),
                    region: b.region.clone(),
                })
                .collect(),
            access_key: settings.access_key.clone(),
            secret_key: settings.secret_key.clone(),
        };
        let fs = s3s_fs::FileSystem::new(dir.path()).map_err(|e| {
            SandboxError::Storage(format!("cannot open the object store's folder: {e:?}"))
        })?;
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(
            settings.access_key.clone(),
            settings.secret_key.clone(),
        ));
        builder.set_access(access::Buckets::new(&settings.buckets));
        let storage = Self {
            service: builder.build().into_shared(),
            root: dir.path().to_path_buf(),
            _dir: dir,
            settings,
            info,
            uploaded: Mutex::new(HashSet::new()),
        };
        Ok((storage, listener))
    }

    pub fn info(&self) -> &StorageInfo {
        &self.info
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What a recording with these storage settings does with its files.
    pub fn destination(&self, bucket: &str, access_key: &str, secret_key: &str) -> Destination {
        if !self.settings.buckets.iter().any(|b| b.name == bucket) {
            Destination::Elsewhere
        } else if access_key == self.settings.access_key && secret_key == self.settings.secret_key {
            Destination::Here
        } else {
            Destination::Refused
        }
    }

    /// Writes `objects` into `bucket` as the recorder's uploader does. An object already uploaded
    /// is written again only if `rewrite` (a playlist that grew).
    pub fn upload(&self, bucket: &str, objects: &[Object]) {
        let mut uploaded = self.uploaded.lock().unwrap_or_else(PoisonError::into_inner);
        for o in objects {
            let id = format!("{bucket}/{}", o.key);
            let playlist = o.key.ends_with(".m3u8");
            if uploaded.contains(&id) && !playlist {
                continue;
            }
            let path = self.root.join(bucket).join(&o.key);
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, &o.body));
            match written {
                Ok(()) => {
                    uploaded.insert(id);
                }
                Err(e) => tracing::warn!(key = %o.key, error = %e, "sandbox upload failed"),
            }
        }
    }
}

/// Resolves once `stop` turns true or its sender is gone (the guard `wait_for` returns is not
/// `Send`: it must not live across the select).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Serves the S3 API on `listener` until `stop` turns true.
pub async fn serve(storage: &Storage, listener: TcpListener, mut stop: watch::Receiver<bool>) {
    let service = storage.service.clone();
    tracing::info!(url = %storage.info.url, "sandbox object store listening");
    loop {
        tokio::select! {
            _ = stopped(&mut stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let service = service.clone();
                    tokio::spawn(async move {
                        let conn = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service);
                        if let Err(e) = conn.await {
                            tracing::debug!(error = %e, "object store connection closed with an error");
                        }
                    });
                }
                Err(e) => {
                    tracing::warn!(error = %e, "object store accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
        }
    }
}
