//! `transcoding …`: builder tokens, create, query, update and delete, or their requests with
//! `--dry-run`.

use agora_rest::transcoding as tc;
use agora_rest::{BuilderToken, TaskId};

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
