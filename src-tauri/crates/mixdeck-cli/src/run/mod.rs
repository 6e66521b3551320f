//! Runs one command: sets up the engine (the app's database and keychain, or an ad-hoc endpoint),
//! then does what was asked, or with `--dry-run` prints the requests it would send. One module a
//! noun, as the command line has them.

mod history;
mod preset;
mod profile;
mod recording;
mod storage;
mod token;
mod transcoding;

use std::sync::Arc;

use agora_rest::{Client, RequestSpec, Sensitive};
use mixdeck_core::engine::{Database, SecretInput};
use mixdeck_core::store::{ProfileId, ProfileInput};
use mixdeck_core::vault::{KeyringStore, MemoryStore, SecretKind, SecretStore};
use mixdeck_core::{Engine, EngineConfig};
use serde::Serialize;

use crate::args::*;
use crate::fail::Failure;

struct Ctx {
    engine: Engine,
    json: bool,
    dry_run: bool,
    profile_name: Option<String>,
    /// Set when --endpoint made an ad-hoc profile.
    adhoc: Option<ProfileId>,
}

fn env(name: &str) -> Result<String, Failure> {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Failure::usage(format!("--endpoint needs {name} in the environment")))
}

/// How this CLI names itself in the history ("mixdeck-cli (pid 4242) stopped while ...").
const PROGRAM: &str = "mixdeck-cli";

/// Where the app keeps its data: the CLI shares it (override with MIXDECK_DATA_DIR).
fn data_dir() -> Result<std::path::PathBuf, Failure> {
    mixdeck_core::paths::data_dir()
        .ok_or_else(|| Failure::usage("cannot find the data directory: set MIXDECK_DATA_DIR"))
}

async fn context(cli: &Cli) -> Result<Ctx, Failure> {
    if let Some(endpoint) = &cli.endpoint {
        let app_id = cli.app_id.clone().unwrap_or_default();
        let customer_id = env("MIXDECK_CUSTOMER_ID")?;
        let secret = env("MIXDECK_CUSTOMER_SECRET")?;
        let mut config = EngineConfig::new(Database::InMemory, Arc::new(MemoryStore::default()));
        config.sandbox_profile = false;
        config.program = PROGRAM.into();
        let engine = Engine::open(config).await?;
        let view = engine
            .create_profile(
                ProfileInput {
                    name: "endpoint".into(),
                    app_id,
                    customer_id,
                    area: agora_rest::Area::Us,
                    endpoint: Some(endpoint.clone()),
                    default_storage: None,
                },
                vec![SecretInput {
                    kind: SecretKind::CustomerSecret,
                    value: Sensitive::from(secret),
                }],
            )
            .await?;
        return Ok(Ctx {
            engine,
            json: cli.json,
            dry_run: cli.dry_run,
            profile_name: None,
            adhoc: Some(view.profile.id),
        });
    }
    // MIXDECK_VAULT=memory keeps secrets in memory only (tests, throwaway runs); never on disk.
    let vault: Arc<dyn SecretStore> = if std::env::var("MIXDECK_VAULT").as_deref() == Ok("memory") {
        Arc::new(MemoryStore::default())
    } else {
        Arc::new(KeyringStore)
    };
    let db = data_dir()?.join(mixdeck_core::paths::DATABASE_FILE);
    let mut config = EngineConfig::new(Database::File(db), vault);
    config.program = PROGRAM.into();
    let engine = Engine::open(config).await?;
    Ok(Ctx {
        engine,
        json: cli.json,
        dry_run: cli.dry_run,
        profile_name: cli.profile.clone(),
        adhoc: None,
    })
}

impl Ctx {
    async fn profile(&self) -> Result<ProfileId, Failure> {
        if let Some(id) = self.adhoc {
            return Ok(id);
        }
        let name = self
            .profile_name
            .clone()
            .unwrap_or_else(|| mixdeck_core::engine::SANDBOX_PROFILE_NAME.to_owned());
        Ok(self.engine.profile_named(&name).await?.id)
    }

    async fn client(&self) -> Result<Client, Failure> {
        let id = self.profile().await?;
        Ok(self.engine.client(id).await?.1)
    }

    fn print<T: Serialize>(&self, value: &T) {
        let text = if self.json {
            serde_json::to_string(value)
        } else {
            serde_json::to_string_pretty(value)
        };
        println!("{}", text.unwrap_or_default());
    }

    /// `--dry-run`: one JSON object per request.
    fn print_request(&self, client: &Client, spec: &RequestSpec) {
        println!(
            "{}",
            serde_json::to_string(&client.prepare(spec)).unwrap_or_default()
        );
    }
}

pub async fn run(cli: Cli) -> Result<(), Failure> {
    let ctx = context(&cli).await?;
    let result = dispatch(&ctx, cli.command).await;
    // The session log is written in the background: let it finish before the process ends.
    ctx.engine.flush_log().await;
    result
}

async fn dispatch(ctx: &Ctx, command: Command) -> Result<(), Failure> {
    match command {
        Command::Recording(cmd) => recording::recording(ctx, cmd).await,
        Command::Transcoding(cmd) => transcoding::transcoding(ctx, cmd).await,
        Command::Profile(cmd) => profile::profile(ctx, cmd).await,
        Command::History(cmd) => history::history(ctx, cmd).await,
        Command::Preset(cmd) => preset::preset(ctx, cmd),
        Command::Token(cmd) => token::token(ctx, cmd).await,
        Command::Storage(cmd) => storage::storage(ctx, cmd).await,
    }
}
