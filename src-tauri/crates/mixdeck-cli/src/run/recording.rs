//! `recording …`: acquire, start, query, update, update-layout, stop and begin, or their
//! requests with `--dry-run`.

use agora_rest::recording::ops::StartOptions;
use agora_rest::recording::{self as rec, Envelope, Mode};
use agora_rest::{ResourceId, Sid, Uid};
use mixdeck_core::engine::BeginRecording;
use mixdeck_core::store::SessionId;

use super::Ctx;
use crate::args::*;
use crate::body;
use crate::fail::Failure;

pub(super) async fn recording(ctx: &Ctx, cmd: RecordingCmd) -> Result<(), Failure> {
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
            generate_token,
            keys_elsewhere,
        } => {
            let start: rec::StartRequest = body::read(&body.body)?;
            let mode: Mode = mode.into();
            let request = BeginRecording {
                profile_id: ctx.profile().await?,
                mode,
                acquire: rec::AcquireClientRequest {
                    resource_expired_hour,
                    scene: (mode == Mode::Web).then_some(agora_rest::codes::Scene::WEB),
                    ..Default::default()
                },
                start,
                retry_code65,
                generate_token,
                keys_elsewhere_confirmed: keys_elsewhere,
            };
            if ctx.dry_run {
                // The app's "Copy as curl": keychain keys and a generated token are filled (as
                // `<redacted>`) where begin would fill them, so a dry run fails only where begin would.
                for preview in ctx.engine.preview_recording(request).await? {
                    println!("{}", serde_json::to_string(&preview).unwrap_or_default());
                }
                return Ok(());
            }
            let row = ctx.engine.begin_recording(request).await?;
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
        RecordingCmd::CheckChannel {
            cname,
            uid,
            channel_type,
        } => {
            if ctx.dry_run {
                ctx.print_request(&client, &client.channel_users_spec(&cname)?);
                return Ok(());
            }
            let profile = ctx.profile().await?;
            let check = ctx
                .engine
                .check_channel(
                    profile,
                    &cname,
                    agora_rest::codes::ChannelType(channel_type),
                    uid.as_deref(),
                )
                .await?;
            if ctx.json {
                ctx.print(&check);
            } else {
                println!(
                    "{cname}: {}",
                    if check.users.channel_exist {
                        format!("publishers {:?}", check.publishers)
                    } else {
                        "nobody there".to_owned()
                    }
                );
                for f in &check.findings {
                    println!("warning: {}", f.message);
                }
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
                    (None, Some(name)) => super::preset::saved_layout(ctx, &name)?,
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
