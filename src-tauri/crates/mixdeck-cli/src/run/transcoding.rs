//! `transcoding …`: builder tokens, create, query, update and delete, or their requests with
//! `--dry-run`.

use agora_rest::transcoding as tc;
use agora_rest::{BuilderToken, TaskId};
use mixdeck_core::engine::BeginTranscoding;
use mixdeck_core::store::SessionId;

use super::Ctx;
use crate::args::*;
use crate::body;
use crate::fail::Failure;

pub(super) async fn transcoding(ctx: &Ctx, cmd: TranscodingCmd) -> Result<(), Failure> {
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
        TranscodingCmd::Create { token, body } => {
            let token = builder_token(token)?;
            let req: tc::CreateRequest = body::read(&body.body)?;
            let spec = t.create_spec(&token, &req)?;
            if ctx.dry_run {
                ctx.print_request(&client, &spec);
                return Ok(());
            }
            ctx.print(&t.create(&token, &req).await?.body);
        }
        TranscodingCmd::Begin {
            instance_id,
            body,
            generate_tokens,
        } => {
            let create: tc::CreateRequest = body::read(&body.body)?;
            let acquire = tc::BuilderTokenRequest {
                instance_id: instance_id.clone(),
                services: None,
            };
            if ctx.dry_run {
                // The two requests begin sends; the create names the token `<builderToken>`.
                ctx.print_request(&client, &t.acquire_spec(&acquire)?);
                let token = BuilderToken::from("<builderToken>".to_owned());
                ctx.print_request(&client, &t.create_spec(&token, &create)?);
                return Ok(());
            }
            let row = ctx
                .engine
                .begin_transcoding(BeginTranscoding {
                    profile_id: ctx.profile().await?,
                    instance_id,
                    create,
                    generate_tokens,
                })
                .await?;
            if ctx.json {
                ctx.print(&row);
            } else {
                println!(
                    "created session {}: task {} (delete with: mixdeck-cli transcoding delete --session {})",
                    row.id,
                    row.task_id.as_deref().unwrap_or("-"),
                    row.id
                );
            }
        }
        TranscodingCmd::Query { task } => match task.session {
            Some(id) => ctx.print(&ctx.engine.query_transcoding(SessionId(id)).await?),
            None => {
                let (task, token) = ids(task)?;
                let spec = t.query_spec(&task, &token)?;
                if ctx.dry_run {
                    ctx.print_request(&client, &spec);
                    return Ok(());
                }
                ctx.print(&t.query(&task, &token).await?.body);
            }
        },
        TranscodingCmd::Update {
            task,
            sequence_id,
            body,
        } => {
            let req: tc::UpdateRequest = body::read(&body.body)?;
            match (task.session, sequence_id) {
                (Some(id), _) => {
                    let row = ctx.engine.update_transcoding(SessionId(id), req).await?;
                    if ctx.json {
                        ctx.print(&row);
                    } else {
                        println!(
                            "session {id}: updated with sequenceId {}",
                            row.sequence_id.unwrap_or_default()
                        );
                    }
                }
                (None, Some(sequence_id)) => {
                    let (task, token) = ids(task)?;
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
                (None, None) => {
                    return Err(Failure::usage("update needs --session or --sequence-id"))
                }
            }
        }
        TranscodingCmd::Delete { task } => match task.session {
            Some(id) => ctx.print(&ctx.engine.delete_transcoding(SessionId(id)).await?),
            None => {
                let (task, token) = ids(task)?;
                let spec = t.delete_spec(&task, &token)?;
                if ctx.dry_run {
                    ctx.print_request(&client, &spec);
                    return Ok(());
                }
                ctx.print(&t.delete(&task, &token).await?.body);
            }
        },
        TranscodingCmd::Template(cmd) => template(ctx, cmd).await?,
    }
    Ok(())
}

/// The ids of a task given by them (clap makes sure of --task-id without --session).
fn ids(task: TaskRef) -> Result<(TaskId, BuilderToken), Failure> {
    let task_id = task
        .task_id
        .ok_or_else(|| Failure::usage("give --session N, or --task-id with its builder token"))?;
    Ok((TaskId::from(task_id), builder_token(task.token)?))
}

/// The builder token from MIXDECK_BUILDER_TOKEN or --builder-token; `-` reads standard input.
fn builder_token(arg: BuilderTokenArg) -> Result<BuilderToken, Failure> {
    let value = match arg.value.as_deref().map(str::trim) {
        Some("-") => crate::secret_input::from_stdin("builder token")?,
        Some(v) if !v.is_empty() => agora_rest::Sensitive::new(v.to_owned()),
        _ => {
            return Err(Failure::usage(
                "the task's builder token is needed: set MIXDECK_BUILDER_TOKEN (or pass --builder-token -, then type it)",
            ))
        }
    };
    Ok(BuilderToken::from(value.expose().as_str()))
}

async fn template(ctx: &Ctx, cmd: TemplateCmd) -> Result<(), Failure> {
    let profile = ctx.profile().await?;
    let list = match cmd {
        TemplateCmd::List => ctx.engine.list_templates(profile).await?,
        TemplateCmd::Save {
            codec_id,
            width,
            height,
            fps,
            disabled,
        } => {
            let req = tc::TemplateRequest {
                enabled: !disabled,
                video: tc::TemplateVideo { width, height, fps },
            };
            if ctx.dry_run {
                let client = ctx.client().await?;
                ctx.print_request(&client, &client.templates().save_spec(&codec_id, &req)?);
                return Ok(());
            }
            ctx.engine.save_template(profile, &codec_id, &req).await?
        }
    };
    if ctx.json {
        ctx.print(&list);
    } else {
        for t in list.data.iter().flat_map(|d| &d.codecs) {
            let v = t.video.clone().unwrap_or_default();
            println!(
                "{:<24} {:<8} {}×{} @ {} fps (viewers join <channel>_{})",
                t.id,
                if t.enabled { "enabled" } else { "disabled" },
                v.width,
                v.height,
                v.fps,
                t.id
            );
        }
    }
    Ok(())
}
