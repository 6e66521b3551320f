//! Shared fixtures: a sandbox on loopback and an engine with a profile pointed at it.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use agora_rest::codes::{ChannelType, Vendor};
use agora_rest::domain::Area;
use agora_rest::recording::*;
use agora_rest::{RetryPolicy, Sensitive, Uid};
use agora_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use mixdeck_core::engine::{BeginRecording, Database, SecretInput};
use mixdeck_core::store::{ProfileId, ProfileInput, StorageDefaults};
use mixdeck_core::vault::{MemoryStore, SecretKind};
use mixdeck_core::{Engine, EngineConfig};

pub const APP: &str = "0123456789abcdef0123456789abcdef";
pub const CUSTOMER_SECRET: &str = "customer-secret-7f3a9c";
pub const ACCESS_KEY: &str = "storage-access-key-5521";
pub const STORAGE_SECRET: &str = "storage-secret-key-9934";

pub struct NoWait;
impl agora_rest::Sleeper for NoWait {
    fn sleep(
        &self,
        _: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

pub struct World {
    pub engine: Engine,
    pub sandbox: SandboxHandle,
    pub profile: ProfileId,
    pub db: std::path::PathBuf,
    pub secrets: Arc<MemoryStore>,
    pub _dir: tempfile::TempDir,
}

pub fn config(db: &std::path::Path, secrets: Arc<MemoryStore>) -> EngineConfig {
    let mut c = EngineConfig::new(Database::File(db.to_owned()), secrets);
    c.namespace = "io.mixdeck.test".into();
    c.retry = RetryPolicy {
        max_attempts: 2,
        request_timeout: Duration::from_secs(5),
        ..RetryPolicy::default()
    };
    c.sleeper = Arc::new(NoWait);
    c.failover_window = Duration::ZERO;
    c
}

pub async fn world() -> World {
    world_with(|c| c).await
}

/// [`world`] with the sandbox configured by `f`.
pub async fn world_with(f: impl FnOnce(SandboxConfig) -> SandboxConfig) -> World {
    let sandbox = Sandbox::start(f(SandboxConfig::for_tests().credentials(
        APP,
        "cust-id",
        CUSTOMER_SECRET,
    )))
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.sqlite3");
    let secrets = Arc::new(MemoryStore::default());
    let engine = Engine::open(config(&db, secrets.clone())).await.unwrap();
    let profile = engine
        .create_profile(
            ProfileInput {
                name: "Local sandbox".into(),
                app_id: APP.into(),
                customer_id: "cust-id".into(),
                area: Area::Eu,
                endpoint: Some(sandbox.base_url().to_owned()),
                default_storage: Some(StorageDefaults {
                    vendor: Vendor::AMAZON_S3,
                    region: 4,
                    bucket: "recordings".into(),
                    file_name_prefix: None,
                    endpoint: None,
                }),
            },
            vec![
                SecretInput {
                    kind: SecretKind::CustomerSecret,
                    value: Sensitive::from(CUSTOMER_SECRET),
                },
                SecretInput {
                    kind: SecretKind::StorageAccessKey,
                    value: Sensitive::from(ACCESS_KEY),
                },
                SecretInput {
                    kind: SecretKind::StorageSecretKey,
                    value: Sensitive::from(STORAGE_SECRET),
                },
            ],
        )
        .await
        .unwrap();
    World {
        engine,
        sandbox,
        profile: profile.profile.id,
        db,
        secrets,
        _dir: dir,
    }
}

pub fn mix_start(cname: &str) -> StartRequest {
    Envelope::new(
        cname,
        Uid::from("900001"),
        StartClientRequest {
            recording_config: Some(RecordingConfig {
                channel_type: ChannelType::LIVE_BROADCAST,
                max_idle_time: Some(300),
                transcoding_config: Some(TranscodingConfig {
                    width: Some(640),
                    height: Some(360),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            recording_file_config: Some(RecordingFileConfig {
                av_file_type: Some(vec![AvFileType::Hls]),
            }),
            // Keys left empty: the engine fills them from the keychain.
            storage_config: Some(StorageConfig {
                vendor: Vendor::AMAZON_S3,
                region: 4,
                bucket: "recordings".into(),
                ..Default::default()
            }),
            ..Default::default()
        },
    )
}

pub fn begin(w: &World, cname: &str) -> BeginRecording {
    BeginRecording {
        profile_id: w.profile,
        mode: Mode::Mix,
        acquire: AcquireClientRequest::default(),
        start: mix_start(cname),
        retry_code65: false,
        generate_token: false,
        keys_elsewhere_confirmed: false,
    }
}
