//! Runs one command: sets up the engine (the app's database and keychain, or an ad-hoc endpoint),
//! then does what was asked, or with `--dry-run` prints the requests it would send.

use std::sync::Arc;

use agora_rest::recording::ops::StartOptions;
use agora_rest::recording::{self as rec, Envelope, Mode};
use agora_rest::transcoding as tc;
use agora_rest::{BuilderToken, Client, RequestSpec, ResourceId, Sensitive, Sid, TaskId, Uid};
use mixdeck_core::engine::{BeginRecording, Database, SecretInput};
use mixdeck_core::store::{
    Preset, PresetKind, ProfileId, ProfileInput, SessionFilter, SessionId, SessionKind,
    SessionState,
};
use mixdeck_core::vault::{KeyringStore, MemoryStore, SecretKind, SecretStore};
use mixdeck_core::{Engine, EngineConfig};
use serde::Serialize;

use crate::args::*;
use crate::body;
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

/// Where the app keeps its data: the CLI shares it (override with MIXDECK_DATA_DIR).
/// How this CLI names itself in the history ("mixdeck-cli (pid 4242) stopped while ...").
const PROGRAM: &str = "mixdeck-cli";

fn data_dir() -> Result<std::path::PathBuf, Failure> {
    if let Some(d) = std::env::var_os("MIXDECK_DATA_DIR") {
        return Ok(d.into());
    }
    dirs::data_dir()
        .map(|d| d.join("io.mixdeck.desktop"))
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
    let db = data_dir()?.join("history.sqlite3");
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
        Command::Recording(cmd) => recording(ctx, cmd).await,
        Command::Transcoding(cmd) => transcoding(ctx, cmd).await,
        Command::Profile(cmd) => profile(ctx, cmd).await,
        Command::History(cmd) => history(ctx, cmd).await,
        Command::Preset(cmd) => preset(ctx, cmd),
        Command::Token(TokenCmd::Rtc {
            channel,
            uid,
            expire,
        }) => {
            let token = ctx
                .engine
                .rtc_token(ctx.profile().await?, &channel, uid, expire)
                .await?;
            // Printed because it was asked for; it is never logged.
            if ctx.json {
                ctx.print(&serde_json::json!({"token": token.expose(), "channel": channel, "uid": uid, "expireSecs": expire}));
            } else {
                println!("{}", token.expose());
            }
            Ok(())
        }
    }
}

async fn recording(ctx: &Ctx, cmd: RecordingCmd) -> Result<(), Failure> {
    let client = ctx.client().await?;
    let r = client.recording();
    match cmd {
        RecordingCmd::Acquire { mode, body } => {
            let req: rec::AcquireRequest = body::read(&body.body)?;
            let spec = r.acquire_spec(&req, mode.into())?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&r.acquire(&req, mode.into()).await?.body);
        }
        RecordingCmd::Start {
            resource_id,
            mode,
            body,
            retry_code65,
        } => {
            let req: rec::StartRequest = body::read(&body.body)?;
            let rid = ResourceId::from(resource_id);
            let opts = StartOptions { retry_code65 };
            let spec = r.start_spec(&rid, mode.into(), &req, opts)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&r.start(&rid, mode.into(), &req, opts).await?.body);
        }
        RecordingCmd::Begin {
            mode,
            body,
            resource_expired_hour,
            retry_code65,
        } => {
            let start: rec::StartRequest = body::read(&body.body)?;
            let mode: Mode = mode.into();
            let acquire = rec::AcquireClientRequest {
                resource_expired_hour,
                scene: (mode == Mode::Web).then_some(agora_rest::codes::Scene::WEB),
                ..Default::default()
            };
            if ctx.dry_run {
                let a = Envelope::new(start.cname.clone(), start.uid.clone(), acquire);
                ctx.print_request(&client, &r.acquire_spec(&a, mode)?);
                let placeholder = ResourceId::from("<resourceId from acquire>");
                ctx.print_request(
                    &client,
                    &r.start_spec(&placeholder, mode, &start, StartOptions::default())?,
                );
                return Ok(());
            }
            let row = ctx
                .engine
                .begin_recording(BeginRecording {
                    profile_id: ctx.profile().await?,
                    mode,
                    acquire,
                    start,
                    retry_code65,
                    generate_token: false,
                })
                .await?;
            if ctx.json {
                ctx.print(&row);
            } else {
                println!(
                    "started session {}: sid {} resourceId {} (stop with: mixdeck-cli recording stop --session {})",
                    row.id,
                    row.sid.as_deref().unwrap_or("-"),
                    row.resource_id.as_deref().unwrap_or("-"),
                    row.id
                );
            }
        }
        RecordingCmd::Query { ids } => {
            let (rid, sid, mode) = (
                ResourceId::from(ids.resource_id),
                Sid::from(ids.sid),
                ids.mode.into(),
            );
            let spec = r.query_spec(&rid, &sid, mode)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&r.query(&rid, &sid, mode).await?.body);
        }
        RecordingCmd::Update { ids, body } => {
            let req: rec::UpdateRequest = body::read(&body.body)?;
            let (rid, sid, mode) = (
                ResourceId::from(ids.resource_id),
                Sid::from(ids.sid),
                ids.mode.into(),
            );
            let spec = r.update_spec(&rid, &sid, mode, &req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&r.update(&rid, &sid, mode, &req).await?.body);
        }
        RecordingCmd::UpdateLayout {
            session,
            layout,
            preset,
            resource_id,
            sid,
            body,
        } => {
            if let Some(id) = session {
                if ctx.dry_run {
                    return Err(Failure::usage(
                        "--dry-run with --session: give --resource-id, --sid and --body instead",
                    ));
                }
                let settings = match (layout, preset) {
                    (Some(path), None) => body::layout(&body::text(&path)?)?,
                    (None, Some(name)) => saved_layout(ctx, &name)?,
                    _ => {
                        return Err(Failure::usage(
                            "update-layout --session needs --layout FILE or --preset NAME",
                        ))
                    }
                };
                let regions = settings.layout_config.as_ref().map_or(0, Vec::len);
                let row = ctx.engine.update_layout(SessionId(id), settings).await?;
                if ctx.json {
                    ctx.print(&row);
                } else {
                    println!("session {id}: layout applied ({regions} region(s))");
                }
                return Ok(());
            }
            let (Some(resource_id), Some(sid), Some(body)) = (resource_id, sid, body) else {
                return Err(Failure::usage(
                    "update-layout needs --session ID with --layout or --preset, or --resource-id, --sid and --body",
                ));
            };
            let req: rec::UpdateLayoutRequest = body::read(&body)?;
            let (rid, sid) = (ResourceId::from(resource_id), Sid::from(sid));
            let spec = r.update_layout_spec(&rid, &sid, &req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&r.update_layout(&rid, &sid, &req).await?.body);
        }
        RecordingCmd::Stop {
            session,
            resource_id,
            sid,
            mode,
            cname,
            uid,
            async_stop,
        } => {
            if let Some(id) = session {
                if ctx.dry_run {
                    return Err(Failure::usage(
                        "--dry-run with --session: give the ids instead",
                    ));
                }
                let out = ctx.engine.stop_recording(SessionId(id), async_stop).await?;
                if ctx.json {
                    ctx.print(&out);
                } else {
                    println!(
                        "session {} {}: {} file(s){}",
                        id,
                        out.session.state.as_str(),
                        out.session.files.len(),
                        out.note.map(|n| format!(" - {n}")).unwrap_or_default()
                    );
                    for f in &out.session.files {
                        println!("  {f}");
                    }
                }
                return Ok(());
            }
            let (Some(rid), Some(sid), Some(mode), Some(cname), Some(uid)) =
                (resource_id, sid, mode, cname, uid)
            else {
                return Err(Failure::usage(
                    "stop needs --session ID, or --resource-id, --sid, --mode, --cname and --uid",
                ));
            };
            let req = Envelope::new(cname, Uid::from(uid), rec::StopClientRequest { async_stop });
            let (rid, sid) = (ResourceId::from(rid), Sid::from(sid));
            let spec = r.stop_spec(&rid, &sid, mode.into(), &req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&r.stop(&rid, &sid, mode.into(), &req).await?.body);
        }
    }
    Ok(())
}

fn preset(ctx: &Ctx, cmd: PresetCmd) -> Result<(), Failure> {
    let store = ctx.engine.store();
    let core = |e: mixdeck_core::store::StoreError| Failure::Core(e.into());
    match cmd {
        PresetCmd::List { kind } => {
            let list = store.presets(kind.map(Into::into)).map_err(core)?;
            if ctx.json {
                ctx.print(&list);
            } else {
                for p in &list {
                    println!("{:<18} {}", format!("{:?}", p.kind), p.name);
                }
            }
        }
        PresetCmd::Show { name, kind } => ctx.print(&named_preset(ctx, kind.into(), &name)?.body),
        PresetCmd::Save { name, kind, body } => {
            let value: serde_json::Value = body::read(&body)?;
            let saved = store
                .save_preset(kind.into(), &name, &value)
                .map_err(core)?;
            if ctx.json {
                ctx.print(&saved);
            } else {
                println!("saved {:?} preset {:?}", saved.kind, saved.name);
            }
        }
        PresetCmd::Delete { name, kind } => {
            let p = named_preset(ctx, kind.into(), &name)?;
            store.delete_preset(p.id).map_err(core)?;
            if !ctx.json {
                println!("deleted {:?} preset {:?}", p.kind, p.name);
            }
        }
    }
    Ok(())
}

/// A layout preset saved in the app, by name (names are unique per kind).
fn saved_layout(ctx: &Ctx, name: &str) -> Result<rec::LayoutSettings, Failure> {
    body::layout_value(named_preset(ctx, PresetKind::Layout, name)?.body)
}

/// A saved preset by kind and name (unique together); the error lists the names there are.
fn named_preset(ctx: &Ctx, kind: PresetKind, name: &str) -> Result<Preset, Failure> {
    let presets = ctx
        .engine
        .store()
        .presets(Some(kind))
        .map_err(|e| Failure::Core(e.into()))?;
    let known: Vec<&str> = presets.iter().map(|p| p.name.as_str()).collect();
    let what = match kind {
        PresetKind::Layout => "layout",
        PresetKind::RecordingStart => "start-form preset",
        PresetKind::TranscodingCreate => "transcoder preset",
    };
    let message = format!(
        "no saved {what} named {name:?} (saved: {})",
        if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        }
    );
    presets
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| Failure::usage(message))
}

async fn transcoding(ctx: &Ctx, cmd: TranscodingCmd) -> Result<(), Failure> {
    let client = ctx.client().await?;
    let t = client.transcoding();
    match cmd {
        TranscodingCmd::Acquire { body } => {
            let req: tc::BuilderTokenRequest = body::read(&body.body)?;
            let spec = t.acquire_spec(&req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&t.acquire(&req).await?.body);
        }
        TranscodingCmd::Create {
            builder_token,
            body,
        } => {
            let req: tc::CreateRequest = body::read(&body.body)?;
            let token = BuilderToken::from(builder_token);
            let spec = t.create_spec(&token, &req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&t.create(&token, &req).await?.body);
        }
        TranscodingCmd::Query {
            task_id,
            builder_token,
        } => {
            let (task, token) = (TaskId::from(task_id), BuilderToken::from(builder_token));
            let spec = t.query_spec(&task, &token)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&t.query(&task, &token).await?.body);
        }
        TranscodingCmd::Update {
            task_id,
            builder_token,
            sequence_id,
            body,
        } => {
            let req: tc::UpdateRequest = body::read(&body.body)?;
            let (task, token) = (TaskId::from(task_id), BuilderToken::from(builder_token));
            let spec = t.update_spec(&task, &token, sequence_id, &req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            t.update(&task, &token, sequence_id, &req).await?;
            ctx.print(
                &serde_json::json!({"taskId": task, "sequenceId": sequence_id, "updated": true}),
            );
        }
        TranscodingCmd::Delete {
            task_id,
            builder_token,
        } => {
            let (task, token) = (TaskId::from(task_id), BuilderToken::from(builder_token));
            let spec = t.delete_spec(&task, &token)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&t.delete(&task, &token).await?.body);
        }
    }
    Ok(())
}

async fn profile(ctx: &Ctx, cmd: ProfileCmd) -> Result<(), Failure> {
    match cmd {
        ProfileCmd::List => {
            let views = ctx.engine.profiles().await?;
            if ctx.json {
                ctx.print(&views);
            } else {
                for v in views {
                    let p = &v.profile;
                    let secret = v
                        .secrets
                        .iter()
                        .find(|s| s.kind == SecretKind::CustomerSecret)
                        .map(|s| if s.set { "secret set" } else { "no secret" })
                        .unwrap_or("");
                    println!(
                        "{:<24} {:<8} app {}  {:?}  {secret}",
                        p.name,
                        format!("{:?}", p.kind).to_lowercase(),
                        p.app_id,
                        p.area
                    );
                }
            }
        }
        ProfileCmd::Add {
            name,
            app_id,
            customer_id,
            area,
            endpoint,
        } => {
            let area = area.parse().map_err(Failure::usage)?;
            let secret = match std::env::var("MIXDECK_CUSTOMER_SECRET") {
                Ok(s) if !s.trim().is_empty() => s,
                _ => {
                    let mut s = String::new();
                    std::io::stdin().read_line(&mut s).map_err(|e| {
                        Failure::usage(format!("cannot read the Customer Secret: {e}"))
                    })?;
                    s.trim().to_owned()
                }
            };
            let view = ctx
                .engine
                .create_profile(
                    ProfileInput {
                        name,
                        app_id,
                        customer_id,
                        area,
                        endpoint,
                        default_storage: None,
                    },
                    vec![SecretInput {
                        kind: SecretKind::CustomerSecret,
                        value: Sensitive::from(secret),
                    }],
                )
                .await?;
            ctx.print(&view);
        }
        ProfileCmd::Remove { name } => {
            let p = ctx.engine.profile_named(&name).await?;
            ctx.engine.delete_profile(p.id).await?;
            if !ctx.json {
                println!("removed profile {name:?} and its keychain entries");
            }
        }
        ProfileCmd::Test { name } => {
            let id = match name {
                Some(n) => ctx.engine.profile_named(&n).await?.id,
                None => ctx.profile().await?,
            };
            let result = ctx.engine.test_connection(id).await?;
            if ctx.json {
                ctx.print(&result);
            } else {
                println!("{} ({} ms)", result.message, result.elapsed_ms);
            }
            if !result.ok {
                return Err(Failure::Core(mixdeck_core::CoreError::Internal(
                    result
                        .code
                        .unwrap_or_else(|| "connection test failed".into()),
                )));
            }
        }
    }
    Ok(())
}

async fn history(ctx: &Ctx, cmd: HistoryCmd) -> Result<(), Failure> {
    let store = ctx.engine.store();
    match cmd {
        HistoryCmd::List {
            kind,
            mode,
            state,
            cname,
            text,
            limit,
            offset,
        } => {
            let kind = match kind.as_deref() {
                None => None,
                Some("recording") => Some(SessionKind::Recording),
                Some("transcoding") => Some(SessionKind::Transcoding),
                Some(k) => {
                    return Err(Failure::usage(format!(
                        "--kind {k:?}: use recording or transcoding"
                    )))
                }
            };
            let state = match state {
                None => None,
                Some(s) => Some(
                    SessionState::ALL
                        .into_iter()
                        .find(|st| st.as_str() == s)
                        .ok_or_else(|| {
                            Failure::usage(format!("--state {s:?} is not a session state"))
                        })?,
                ),
            };
            let filter = SessionFilter {
                kind,
                mode: mode.map(Into::into),
                state,
                cname,
                text,
                limit: Some(limit),
                offset: Some(offset),
                ..Default::default()
            };
            let page = store
                .sessions(&filter)
                .map_err(|e| Failure::Core(e.into()))?;
            if ctx.json {
                ctx.print(&page);
            } else {
                println!("{} session(s)", page.total);
                for s in page.items {
                    println!(
                        "{:>6}  {:<11} {:<10} {:<24} {:<9} {}",
                        s.id,
                        s.kind.as_str(),
                        s.mode.map(|m| m.as_str()).unwrap_or("-"),
                        s.cname,
                        s.state.as_str(),
                        s.sid.or(s.task_id).unwrap_or_default()
                    );
                }
            }
        }
        HistoryCmd::Check { id } => {
            let row = ctx.engine.check_session(SessionId(id)).await?;
            if ctx.json {
                ctx.print(&row);
            } else {
                println!(
                    "session {}: {}{}",
                    row.id,
                    row.state.as_str(),
                    row.sid
                        .as_deref()
                        .map(|s| format!(", sid {s}"))
                        .unwrap_or_default()
                );
                if let Some(m) = &row.may_be_recording {
                    println!("may be recording: {}", m.reason);
                }
            }
        }
        HistoryCmd::Show { id } => {
            let id = SessionId(id);
            let session = store.session(id).map_err(|e| Failure::Core(e.into()))?;
            let events = store
                .session_events(id)
                .map_err(|e| Failure::Core(e.into()))?;
            ctx.print(&serde_json::json!({"session": session, "events": events}));
        }
        HistoryCmd::Export { id, out } => {
            let sessions = match id {
                Some(id) => vec![store
                    .session(SessionId(id))
                    .map_err(|e| Failure::Core(e.into()))?],
                None => {
                    let mut all = Vec::new();
                    let mut offset = 0;
                    loop {
                        let page = store
                            .sessions(&SessionFilter {
                                limit: Some(500),
                                offset: Some(offset),
                                ..Default::default()
                            })
                            .map_err(|e| Failure::Core(e.into()))?;
                        let n = page.items.len() as u32;
                        all.extend(page.items);
                        if n < 500 {
                            break;
                        }
                        offset += n;
                    }
                    all
                }
            };
            let mut export = Vec::new();
            for s in sessions {
                let events = store
                    .session_events(s.id)
                    .map_err(|e| Failure::Core(e.into()))?;
                export.push(serde_json::json!({"session": s, "events": events}));
            }
            let text = serde_json::to_string_pretty(
                &serde_json::json!({"mixdeckExport": 1, "sessions": export}),
            )
            .unwrap_or_default();
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?,
                None => println!("{text}"),
            }
        }
    }
    Ok(())
}
